//! STARTTLS, RFC 6120 §5: `<starttls/>`, `<proceed/>`, `<failure/>`.

use jabber_stream::Element;

use crate::error::Error;
use crate::ns;
use crate::parse;

/// The STARTTLS negotiation elements, in `urn:ietf:params:xml:ns:xmpp-tls`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartTls {
    /// `<starttls/>`: the initiating entity asks to start TLS (RFC 6120 §5.4.2.1).
    Request,
    /// `<proceed/>`: go ahead; both parties start the TLS handshake (§5.4.2.3).
    Proceed,
    /// `<failure/>`: TLS failed; the stream is closed (§5.4.2.2).
    Failure,
}

impl StartTls {
    /// Parses one of the three elements.
    pub fn parse(e: &Element) -> Result<Self, Error> {
        if e.ns() != ns::TLS {
            return Err(Error::Mismatch(Box::new(e.clone())));
        }
        let (kind, name) = match e.name() {
            "starttls" => (StartTls::Request, "starttls"),
            "proceed" => (StartTls::Proceed, "proceed"),
            "failure" => (StartTls::Failure, "failure"),
            _ => return Err(Error::Mismatch(Box::new(e.clone()))),
        };
        parse::no_children(e, name)?;
        Ok(kind)
    }

    /// The element.
    pub fn to_element(self) -> Element {
        let name = match self {
            StartTls::Request => "starttls",
            StartTls::Proceed => "proceed",
            StartTls::Failure => "failure",
        };
        Element::new(name, ns::TLS)
    }
}
