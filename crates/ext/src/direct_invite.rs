//! XEP-0249: Direct MUC Invitations, version 1.2.
