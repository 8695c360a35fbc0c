//! XEP-0141: Data Forms Layout, version 1.0.
