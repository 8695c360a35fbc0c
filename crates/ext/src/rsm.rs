//! XEP-0059: Result Set Management, version 1.0.
