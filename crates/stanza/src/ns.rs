//! Namespace names of RFC 6120, RFC 6121 and the XEPs this crate models.

pub use jabber_stream::ns::{CLIENT, COMPONENT_ACCEPT, DIALBACK, SERVER, STREAM, XML};

/// Stanza error conditions, RFC 6120 §8.3.
pub const STANZAS: &str = "urn:ietf:params:xml:ns:xmpp-stanzas";
/// Stream error conditions, RFC 6120 §4.9.
pub const STREAMS: &str = "urn:ietf:params:xml:ns:xmpp-streams";
/// STARTTLS, RFC 6120 §5.
pub const TLS: &str = "urn:ietf:params:xml:ns:xmpp-tls";
/// SASL, RFC 6120 §6.
pub const SASL: &str = "urn:ietf:params:xml:ns:xmpp-sasl";
/// Resource binding, RFC 6120 §7.
pub const BIND: &str = "urn:ietf:params:xml:ns:xmpp-bind";
/// Legacy session establishment, RFC 3921 §3 (RFC 6121 Appendix E).
pub const SESSION: &str = "urn:ietf:params:xml:ns:xmpp-session";
/// The roster, RFC 6121 §2.
pub const ROSTER: &str = "jabber:iq:roster";
/// Roster versioning stream feature, RFC 6121 §2.6.
pub const ROSTER_VER: &str = "urn:xmpp:features:rosterver";
/// Subscription pre-approval stream feature, RFC 6121 §3.4.
pub const PRE_APPROVAL: &str = "urn:xmpp:features:pre-approval";
/// Blocking command, XEP-0191.
pub const BLOCKING: &str = "urn:xmpp:blocking";
/// Blocking command errors, XEP-0191.
pub const BLOCKING_ERRORS: &str = "urn:xmpp:blocking:errors";
/// Privacy lists, XEP-0016.
pub const PRIVACY: &str = "jabber:iq:privacy";
