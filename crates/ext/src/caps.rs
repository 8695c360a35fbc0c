//! XEP-0115: Entity Capabilities, version 1.6.0.
