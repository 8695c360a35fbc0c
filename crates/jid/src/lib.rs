//! XMPP addresses (placeholder; see issue 2).
