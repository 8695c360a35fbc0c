//! Stream features, RFC 6120 §4.3.2: `<stream:features/>`.

use jabber_stream::Element;

use crate::error::Error;
use crate::ns;
use crate::parse;
use crate::sasl::parse_mechanisms;

/// The features a receiving entity offers after each stream header.
///
/// Features this type does not model (stream management, client state
/// indication, in-band registration, ...) are kept in
/// [`others`](StreamFeatures::others).
///
/// ```
/// use jabber_stanza::StreamFeatures;
/// // RFC 6120 §9.2.1 (step 9): features offered after SASL.
/// let f = StreamFeatures::parse(&"<stream:features xmlns:stream='http://etherx.jabber.org/streams'>\
///     <bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>".parse()?)?;
/// assert!(f.bind);
/// assert!(f.starttls.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StreamFeatures {
    /// STARTTLS is offered (RFC 6120 §5.4.1); the value says whether it is required.
    pub starttls: Option<Requirement>,
    /// SASL mechanisms offered, in the server's order (RFC 6120 §6.4.1).
    pub mechanisms: Option<Vec<String>>,
    /// Resource binding is offered (RFC 6120 §7.4).
    pub bind: bool,
    /// The legacy session establishment is offered (RFC 3921 §3); the value
    /// says whether it is required (no `<optional/>`).
    pub session: Option<Requirement>,
    /// Roster versioning is supported (RFC 6121 §2.6.1).
    pub roster_versioning: bool,
    /// Subscription pre-approval is supported (RFC 6121 §3.4.1).
    pub pre_approval: bool,
    /// Every other feature, in order.
    pub others: Vec<Element>,
}

/// Whether an offered feature must be negotiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// It must be negotiated before the stream is usable.
    Required,
    /// It may be negotiated.
    Optional,
}

impl StreamFeatures {
    /// Whether nothing at all is offered (the end of negotiation for a
    /// server-to-server stream, RFC 6120 §4.3.2).
    pub fn is_empty(&self) -> bool {
        *self == StreamFeatures::default()
    }

    /// Parses `<stream:features/>`.
    pub fn parse(e: &Element) -> Result<Self, Error> {
        if !e.is("features", ns::STREAM) {
            return Err(Error::Mismatch(Box::new(e.clone())));
        }
        parse::no_text(e, "features")?;
        let mut f = StreamFeatures::default();
        for child in e.children() {
            match (child.ns(), child.name()) {
                (ns::TLS, "starttls") => {
                    once(f.starttls.is_some(), "starttls")?;
                    f.starttls = Some(requirement(child, ns::TLS, "starttls", "required", Requirement::Required)?);
                }
                (ns::SASL, "mechanisms") => {
                    once(f.mechanisms.is_some(), "mechanisms")?;
                    f.mechanisms = Some(parse_mechanisms(child)?);
                }
                (ns::BIND, "bind") => {
                    once(f.bind, "bind")?;
                    parse::no_children(child, "bind")?;
                    f.bind = true;
                }
                (ns::SESSION, "session") => {
                    once(f.session.is_some(), "session")?;
                    f.session = Some(requirement(child, ns::SESSION, "session", "optional", Requirement::Optional)?);
                }
                (ns::ROSTER_VER, "ver") => {
                    once(f.roster_versioning, "ver")?;
                    f.roster_versioning = true;
                }
                (ns::PRE_APPROVAL, "sub") => {
                    once(f.pre_approval, "sub")?;
                    f.pre_approval = true;
                }
                _ => f.others.push(child.clone()),
            }
        }
        Ok(f)
    }

    /// The `<stream:features/>` element.
    pub fn to_element(&self) -> Element {
        let mut e = Element::new("features", ns::STREAM);
        if let Some(req) = self.starttls {
            let mut tls = Element::new("starttls", ns::TLS);
            if req == Requirement::Required {
                tls.push_child(Element::new("required", ns::TLS));
            }
            e.push_child(tls);
        }
        if let Some(mechanisms) = &self.mechanisms {
            e.push_child(
                Element::builder("mechanisms", ns::SASL)
                    .children(mechanisms.iter().map(|m| Element::builder("mechanism", ns::SASL).text(m).build()))
                    .build(),
            );
        }
        if self.bind {
            e.push_child(Element::new("bind", ns::BIND));
        }
        if let Some(req) = self.session {
            let mut session = Element::new("session", ns::SESSION);
            if req == Requirement::Optional {
                session.push_child(Element::new("optional", ns::SESSION));
            }
            e.push_child(session);
        }
        if self.roster_versioning {
            e.push_child(Element::new("ver", ns::ROSTER_VER));
        }
        if self.pre_approval {
            e.push_child(Element::new("sub", ns::PRE_APPROVAL));
        }
        for other in &self.others {
            e.push_child(other.clone());
        }
        e
    }
}

fn once(seen: bool, child: &'static str) -> Result<(), Error> {
    if seen { Err(Error::DuplicateChild { element: "features", child }) } else { Ok(()) }
}

/// `<feature/>` with an optional marker child (`<required/>` or `<optional/>`):
/// `marked` if the marker is there, the other requirement if not.
fn requirement(
    e: &Element,
    ns: &str,
    name: &'static str,
    marker: &'static str,
    marked: Requirement,
) -> Result<Requirement, Error> {
    parse::no_text(e, name)?;
    let mut found = false;
    for child in e.children() {
        if !child.is(marker, ns) || found {
            return Err(parse::unexpected(name, child));
        }
        parse::no_children(child, marker)?;
        found = true;
    }
    Ok(match (found, marked) {
        (true, m) => m,
        (false, Requirement::Required) => Requirement::Optional,
        (false, Requirement::Optional) => Requirement::Required,
    })
}
