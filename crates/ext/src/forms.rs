//! XEP-0004: Data Forms, version 2.13.2.
