//! XEP-0092: Software Version, version 1.1.
