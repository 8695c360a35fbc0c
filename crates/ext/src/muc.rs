//! XEP-0045: Multi-User Chat, version 1.35.5.
