//! XEP-0122: Data Forms Validation, version 1.0.2.
