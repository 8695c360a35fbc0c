//! XEP-0390: Entity Capabilities 2.0, version 0.3.2.
