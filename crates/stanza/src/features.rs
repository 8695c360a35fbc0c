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
    /// Every other feature, in order; also a feature that could not be
    /// read, or a second copy of one, kept as it came (see
    /// [`malformed`](StreamFeatures::malformed)).
    pub others: Vec<Element>,
    /// Why each unreadable feature in [`others`](StreamFeatures::others)
    /// could not be read, and anything else malformed (an unknown child of
    /// `<starttls/>`, `<mechanisms/>`, `<bind/>` or `<session/>`, which is
    /// reported and dropped while the feature itself is recognized). One bad feature
    /// never hides the others. Empty for valid features and ones built here.
    pub malformed: Vec<Error>,
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

    /// Parses `<stream:features/>` liberally: it fails only for another
    /// element ([`Error::Mismatch`]); see [`malformed`](StreamFeatures::malformed).
    pub fn parse(e: &Element) -> Result<Self, Error> {
        if !e.is("features", ns::STREAM) {
            return Err(Error::Mismatch(Box::new(e.clone())));
        }
        let mut f = StreamFeatures::default();
        if let Err(error) = parse::no_text(e, "features") {
            f.malformed.push(error);
        }
        for child in e.children() {
            let read = match (child.ns(), child.name()) {
                (ns::TLS, "starttls") => once(f.starttls.is_some(), "starttls").map(|()| {
                    f.starttls = Some(requirement(
                        child,
                        ns::TLS,
                        "starttls",
                        "required",
                        Requirement::Required,
                        &mut f.malformed,
                    ));
                }),
                (ns::SASL, "mechanisms") => once(f.mechanisms.is_some(), "mechanisms").map(|()| {
                    let (mechanisms, malformed) = parse_mechanisms(child);
                    f.mechanisms = Some(mechanisms);
                    f.malformed.extend(malformed);
                }),
                (ns::BIND, "bind") => once(f.bind, "bind").map(|()| {
                    // A `<required/>` marker, as drafts of RFC 6120 had it and
                    // Prosody still sends, says nothing binding does not:
                    // accepted and dropped.
                    requirement(child, ns::BIND, "bind", "required", Requirement::Required, &mut f.malformed);
                    f.bind = true;
                }),
                (ns::SESSION, "session") => once(f.session.is_some(), "session").map(|()| {
                    f.session = Some(requirement(
                        child,
                        ns::SESSION,
                        "session",
                        "optional",
                        Requirement::Optional,
                        &mut f.malformed,
                    ));
                }),
                (ns::ROSTER_VER, "ver") => once(f.roster_versioning, "ver").map(|()| f.roster_versioning = true),
                (ns::PRE_APPROVAL, "sub") => once(f.pre_approval, "sub").map(|()| f.pre_approval = true),
                _ => {
                    f.others.push(child.clone());
                    Ok(())
                }
            };
            if let Err(error) = read {
                f.malformed.push(error);
                f.others.push(child.clone());
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
/// Whether a feature is required, by its marker child (`<required/>` or
/// `<optional/>`); anything else inside is reported into `malformed`.
fn requirement(
    e: &Element,
    ns: &str,
    name: &'static str,
    marker: &'static str,
    marked: Requirement,
    malformed: &mut Vec<Error>,
) -> Requirement {
    if let Err(error) = parse::no_text(e, name) {
        malformed.push(error);
    }
    let mut found = false;
    for child in e.children() {
        if child.is(marker, ns) && !found {
            found = true;
        } else {
            malformed.push(parse::unexpected(name, child));
        }
    }
    match (found, marked) {
        (true, m) => m,
        (false, Requirement::Required) => Requirement::Optional,
        (false, Requirement::Optional) => Requirement::Required,
    }
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

    /// One bad feature never hides the others (issue 10, kind 2): it is
    /// kept among `others` or, inside a recognized feature, reported.
    #[test]
    fn malformed_features_are_kept_and_reported() {
        let bind = "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>";
        let f = features(&format!("{bind}{bind}")).unwrap();
        assert!(f.bind);
        assert_eq!(f.others.len(), 1);
        assert!(matches!(f.malformed[..], [Error::DuplicateChild { child: "bind", .. }]));
        let f = features("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><optional/></bind>").unwrap();
        assert!(f.bind);
        assert!(matches!(f.malformed[..], [Error::UnexpectedChild { element: "bind", .. }]));
        let f =
            features("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/><required/></starttls>").unwrap();
        assert_eq!(f.starttls, Some(Requirement::Required));
        assert!(matches!(f.malformed[..], [Error::UnexpectedChild { element: "starttls", .. }]));
        let f = features(&format!(
            "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism><b/></mechanism>\
             <mechanism>PLAIN</mechanism><required/></mechanisms>{bind}{bind}"
        ))
        .unwrap();
        assert!(f.bind);
        assert_eq!(f.mechanisms.as_deref(), Some(&["PLAIN".to_owned()][..]));
        assert_eq!((f.others.len(), f.malformed.len()), (1, 3), "{:?}", f.malformed);
        let f = features("text").unwrap();
        assert!(matches!(f.malformed[..], [Error::InvalidText { .. }]));
    }
}
