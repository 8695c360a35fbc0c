//! XEP-0082: XMPP Date and Time Profiles, version 1.1.1.
