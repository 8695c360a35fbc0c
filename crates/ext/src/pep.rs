//! XEP-0163: Personal Eventing Protocol, version 1.2.2.
