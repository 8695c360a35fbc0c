//! Resource binding, RFC 6120 §7, and the legacy session establishment of
//! RFC 3921 §3 (kept by RFC 6121 Appendix E for old servers).

use jabber_jid::{FullJid, ResourcePart};

use crate::Payload;
use crate::ns;

/// `<bind/>` in an iq set: the client asks for a resource, or lets the
/// server choose one (RFC 6120 §7.6, §7.7).
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "bind", ns = ns::BIND, set)]
pub struct BindRequest {
    /// `<resource/>`: the resource the client would like; `None`: the server chooses.
    #[payload(child_text)]
    pub resource: Option<ResourcePart>,
}

/// `<bind><jid/></bind>` in the result: the full JID the server bound
/// (RFC 6120 §7.6.1).
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "bind", ns = ns::BIND, result)]
pub struct BindResult {
    /// `<jid/>`: the bound full JID (read without the whitespace around
    /// it, as a pretty-printing server may send it).
    #[payload(child_text, with = crate::value::collapsed)]
    pub jid: FullJid,
}

/// `<session/>` in an iq set: the legacy session establishment that some
/// old servers still require (RFC 3921 §3; RFC 6121 Appendix E).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Payload)]
#[payload(name = "session", ns = ns::SESSION, set)]
pub struct SessionRequest;
