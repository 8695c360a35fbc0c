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
                    // A `<required/>` marker, as drafts of RFC 6120 had it and
                    // Prosody still sends, says nothing binding does not:
                    // accepted and dropped.
                    requirement(child, ns::BIND, "bind", "required", Requirement::Required)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn features(inner: &str) -> Result<StreamFeatures, Error> {
        let xml = format!("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>{inner}</stream:features>");
        StreamFeatures::parse(&xml.parse().expect("well-formed"))
    }

    #[test]
    fn prosody_after_authentication() {
        // Sent by Prosody 0.12.3 after SASL (captured by scripts/interop.sh): `<required/>` in
        // `<bind/>` as in drafts of RFC 6120, the optional legacy session, caps kept as unknown.
        let f = features(
            "<sub xmlns='urn:xmpp:features:pre-approval'/><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>\
             <required/></bind><session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session>\
             <ver xmlns='urn:xmpp:features:rosterver'/><c xmlns='http://jabber.org/protocol/caps' \
             ver='d/1uTeyEDCLWg2JmPv9lYH2NbjQ=' node='http://prosody.im' hash='sha-1'/>",
        )
        .unwrap();
        assert!(f.bind && f.pre_approval && f.roster_versioning);
        assert_eq!(f.session, Some(Requirement::Optional));
        assert_eq!(f.others.len(), 1);
        assert!(f.others[0].is("c", "http://jabber.org/protocol/caps"));
        assert_eq!(StreamFeatures::parse(&f.to_element()).unwrap(), f);
    }

    #[test]
    fn starttls_and_mechanisms() {
        // RFC 6120 §9.1.1 (step 2) and §9.1.2 (step 5).
        let f = features("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>").unwrap();
        assert_eq!(f.starttls, Some(Requirement::Required));
        let f = features(
            "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1-PLUS</mechanism>\
             <mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism></mechanisms>",
        )
        .unwrap();
        assert_eq!(
            f.mechanisms.as_deref(),
            Some(&["SCRAM-SHA-1-PLUS".into(), "SCRAM-SHA-1".into(), "PLAIN".into()][..])
        );
        assert_eq!(f.starttls, None);
        assert!(features("").unwrap().is_empty());
    }

    #[test]
    fn malformed_features() {
        let bind = "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>";
        assert!(matches!(features(&format!("{bind}{bind}")), Err(Error::DuplicateChild { child: "bind", .. })));
        assert!(matches!(
            features("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><optional/></bind>"),
            Err(Error::UnexpectedChild { element: "bind", .. })
        ));
        assert!(matches!(
            features("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/><required/></starttls>"),
            Err(Error::UnexpectedChild { element: "starttls", .. })
        ));
        assert!(features("text").is_err());
    }
}
