//! XEP-0128: Service Discovery Extensions, version 1.0.1.
