//! XEP-0030: Service Discovery, version 2.5.0.
