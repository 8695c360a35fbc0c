//! Resource binding, RFC 6120 §7, and the legacy session establishment of
//! RFC 3921 §3 (kept by RFC 6121 Appendix E for old servers).

use jabber_jid::{FullJid, ResourcePart};
use jabber_stream::Element;

use crate::error::Error;
use crate::ns;
use crate::parse;
use crate::payload::{IqResultPayload, IqSetPayload, Payload};

/// `<bind/>` in an iq set: the client asks for a resource, or lets the
/// server choose one (RFC 6120 §7.6, §7.7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindRequest {
    /// The resource the client would like; `None`: the server chooses.
    pub resource: Option<ResourcePart>,
}

impl Payload for BindRequest {
    const NAME: &'static str = "bind";
    const NS: &'static str = ns::BIND;

    fn parse(e: &Element) -> Result<Self, Error> {
        parse::no_text(e, "bind")?;
        let mut resource = None;
        for child in e.children() {
            if !child.is("resource", ns::BIND) || resource.is_some() {
                return Err(parse::unexpected("bind", child));
            }
            parse::no_child_elements(child, "resource")?;
            let text = child.text();
            resource = Some(ResourcePart::new(&text).map_err(|error| Error::InvalidJid {
                element: "resource",
                attribute: "text",
                error,
            })?);
        }
        Ok(BindRequest { resource })
    }

    fn to_element(&self) -> Element {
        let mut e = Element::new("bind", ns::BIND);
        if let Some(resource) = &self.resource {
            e.push_child(Element::builder("resource", ns::BIND).text(resource.as_str()).build());
        }
        e
    }
}

impl IqSetPayload for BindRequest {}

/// `<bind><jid/></bind>` in the result: the full JID the server bound
/// (RFC 6120 §7.6.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindResult {
    /// The bound full JID.
    pub jid: FullJid,
}

impl Payload for BindResult {
    const NAME: &'static str = "bind";
    const NS: &'static str = ns::BIND;

    fn parse(e: &Element) -> Result<Self, Error> {
        parse::no_text(e, "bind")?;
        let mut jid = None;
        for child in e.children() {
            if !child.is("jid", ns::BIND) || jid.is_some() {
                return Err(parse::unexpected("bind", child));
            }
            parse::no_child_elements(child, "jid")?;
            let text = child.text();
            jid = Some(text.trim().parse::<FullJid>().map_err(|error| Error::InvalidJid {
                element: "jid",
                attribute: "text",
                error,
            })?);
        }
        Ok(BindResult { jid: jid.ok_or(Error::MissingChild { element: "bind", child: "jid" })? })
    }

    fn to_element(&self) -> Element {
        Element::builder("bind", ns::BIND).child(Element::builder("jid", ns::BIND).text(self.jid.as_str())).build()
    }
}

impl IqResultPayload for BindResult {}

/// `<session/>` in an iq set: the legacy session establishment that some
/// old servers still require (RFC 3921 §3; RFC 6121 Appendix E).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionRequest;

impl Payload for SessionRequest {
    const NAME: &'static str = "session";
    const NS: &'static str = ns::SESSION;

    fn parse(e: &Element) -> Result<Self, Error> {
        parse::no_children(e, "session")?;
        Ok(SessionRequest)
    }

    fn to_element(&self) -> Element {
        Element::new("session", ns::SESSION)
    }
}

impl IqSetPayload for SessionRequest {}
