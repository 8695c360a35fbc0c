//! Namespace names that the stream layer itself needs (RFC 6120 §11.2, XML Namespaces §3).

/// The stream namespace, `http://etherx.jabber.org/streams` (RFC 6120 §4.8.1).
pub const STREAM: &str = "http://etherx.jabber.org/streams";
/// The content namespace of client-to-server streams (RFC 6120 §4.8.2).
pub const CLIENT: &str = "jabber:client";
/// The content namespace of server-to-server streams (RFC 6120 §4.8.2).
pub const SERVER: &str = "jabber:server";
/// The content namespace of external components (XEP-0114).
pub const COMPONENT_ACCEPT: &str = "jabber:component:accept";
/// The server dialback namespace (XEP-0220), declared as `xmlns:db` on s2s headers.
pub const DIALBACK: &str = "jabber:server:dialback";
/// The namespace bound to the `xml` prefix (`xml:lang`), by definition.
pub const XML: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace bound to the `xmlns` prefix, by definition; never declarable.
pub const XMLNS: &str = "http://www.w3.org/2000/xmlns/";
