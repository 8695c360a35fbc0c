//! XEP-0068: Field Standardization for Data Forms, version 1.3.0.
