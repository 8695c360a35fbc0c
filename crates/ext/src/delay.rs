//! XEP-0203: Delayed Delivery, version 2.0.
