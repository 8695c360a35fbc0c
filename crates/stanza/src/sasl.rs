//! SASL negotiation elements, RFC 6120 §6.4 and §6.5.

use std::fmt;
use std::str::FromStr;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jabber_stream::{Element, XmlStr};

use crate::error::Error;
use crate::ns;
use crate::parse;
use crate::text::Texts;

/// A SASL failure condition, RFC 6120 §6.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SaslCondition {
    /// §6.5.1: the initiating entity aborted.
    Aborted,
    /// §6.5.2: the account is disabled.
    AccountDisabled,
    /// §6.5.3: the credentials have expired.
    CredentialsExpired,
    /// §6.5.4: the mechanism needs an encrypted stream.
    EncryptionRequired,
    /// §6.5.5: the data is not valid base64.
    IncorrectEncoding,
    /// §6.5.6: the authorization identity is invalid.
    InvalidAuthzid,
    /// §6.5.7: the mechanism is not supported.
    InvalidMechanism,
    /// §6.5.8: the request is malformed.
    MalformedRequest,
    /// §6.5.9: the mechanism is weaker than policy allows.
    MechanismTooWeak,
    /// §6.5.10: the credentials are wrong.
    NotAuthorized,
    /// §6.5.11: a temporary error; try again later.
    TemporaryAuthFailure,
}

impl SaslCondition {
    /// Every condition, in the order of RFC 6120 §6.5.
    pub const ALL: [SaslCondition; 11] = [
        SaslCondition::Aborted,
        SaslCondition::AccountDisabled,
        SaslCondition::CredentialsExpired,
        SaslCondition::EncryptionRequired,
        SaslCondition::IncorrectEncoding,
        SaslCondition::InvalidAuthzid,
        SaslCondition::InvalidMechanism,
        SaslCondition::MalformedRequest,
        SaslCondition::MechanismTooWeak,
        SaslCondition::NotAuthorized,
        SaslCondition::TemporaryAuthFailure,
    ];

    /// The element name.
    pub const fn as_str(self) -> &'static str {
        match self {
            SaslCondition::Aborted => "aborted",
            SaslCondition::AccountDisabled => "account-disabled",
            SaslCondition::CredentialsExpired => "credentials-expired",
            SaslCondition::EncryptionRequired => "encryption-required",
            SaslCondition::IncorrectEncoding => "incorrect-encoding",
            SaslCondition::InvalidAuthzid => "invalid-authzid",
            SaslCondition::InvalidMechanism => "invalid-mechanism",
            SaslCondition::MalformedRequest => "malformed-request",
            SaslCondition::MechanismTooWeak => "mechanism-too-weak",
            SaslCondition::NotAuthorized => "not-authorized",
            SaslCondition::TemporaryAuthFailure => "temporary-auth-failure",
        }
    }
}

impl FromStr for SaslCondition {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        SaslCondition::ALL.into_iter().find(|c| c.as_str() == s).ok_or(())
    }
}

impl fmt::Display for SaslCondition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A SASL element of RFC 6120 §6.4, with its data decoded.
///
/// Data travels as base64 (RFC 6120 §6.3.5, §6.4.2): an element without
/// content carries no data, and a single `=` carries zero bytes of data
/// (which is how an empty initial response is told apart from none).
///
/// ```
/// use jabber_stanza::Sasl;
/// let auth = Sasl::Auth { mechanism: "PLAIN".into(), initial: Some(b"\0juliet\0r0m30myr0m30".to_vec()) };
/// let element = auth.to_element();
/// assert_eq!(element.text(), "AGp1bGlldAByMG0zMG15cjBtMzA=");
/// assert_eq!(Sasl::parse(&element)?, auth);
/// # Ok::<(), jabber_stanza::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sasl {
    /// `<auth mechanism='...'>`: starts an exchange, maybe with an initial response.
    Auth {
        /// The mechanism name.
        mechanism: String,
        /// The initial response: `None` when none is sent, `Some(vec![])`
        /// for an empty one.
        initial: Option<Vec<u8>>,
    },
    /// `<challenge/>` from the receiving entity.
    Challenge(Vec<u8>),
    /// `<response/>` from the initiating entity.
    Response(Vec<u8>),
    /// `<success/>`, with additional data (e.g. the SCRAM server signature).
    Success(Option<Vec<u8>>),
    /// `<failure/>` (RFC 6120 §6.4.5).
    Failure {
        /// The condition. A received condition this crate does not know
        /// parses as [`SaslCondition::NotAuthorized`], as RFC 6120 §6.5
        /// requires; its name is kept in `received_name`.
        condition: SaslCondition,
        /// `<text/>`: descriptions for humans.
        texts: Texts,
        /// The condition element's name as received when it is not one of
        /// RFC 6120 §6.5 (then `condition` is `not-authorized`). For reading
        /// only: serialization writes `condition`. `None` for failures built
        /// here.
        received_name: Option<String>,
    },
    /// `<abort/>`: the initiating entity gives up.
    Abort,
}

impl Sasl {
    /// Parses a SASL element.
    ///
    /// Data that is not base64 as RFC 6120 §6.3.5 (rule 2) and §13.9.1 want
    /// it (the alphabet of RFC 4648 §4 only, no whitespace, `=` only as
    /// final padding, padding bits zero) is [`Error::Base64`], naming the
    /// element: a receiving entity answers it for `<auth/>` and
    /// `<response/>` with [`SaslCondition::IncorrectEncoding`] (§6.5.5),
    /// which fails that attempt, not the stream.
    pub fn parse(e: &Element) -> Result<Self, Error> {
        if e.ns() != ns::SASL {
            return Err(Error::Mismatch(Box::new(e.clone())));
        }
        Ok(match e.name() {
            "auth" => Sasl::Auth { mechanism: mechanism_name(e)?, initial: decode(e, "auth")? },
            "challenge" => Sasl::Challenge(decode(e, "challenge")?.unwrap_or_default()),
            "response" => Sasl::Response(decode(e, "response")?.unwrap_or_default()),
            "success" => Sasl::Success(decode(e, "success")?),
            "failure" => {
                // Whatever else it holds, a failure fails the attempt: its
                // condition is what counts (RFC 6120 §6.5).
                let mut condition = None;
                let mut received_name = None;
                let mut texts = Texts::new();
                for child in e.children().filter(|child| child.ns() == ns::SASL) {
                    if child.name() == "text" {
                        // A second text in one language is not kept.
                        let _ = texts.add_parsed(child, "failure", "text");
                    } else if condition.is_none() {
                        // RFC 6120 §6.5: a condition the receiver does not
                        // understand is a generic authentication failure,
                        // "equivalent to <not-authorized/>".
                        condition = Some(child.name().parse().unwrap_or_else(|()| {
                            received_name = Some(child.name().to_owned());
                            SaslCondition::NotAuthorized
                        }));
                    }
                }
                Sasl::Failure {
                    condition: condition.ok_or(Error::MissingChild { element: "failure", child: "condition" })?,
                    texts,
                    received_name,
                }
            }
            "abort" => {
                parse::no_children(e, "abort")?;
                Sasl::Abort
            }
            _ => return Err(Error::Mismatch(Box::new(e.clone()))),
        })
    }

    /// The element.
    pub fn to_element(&self) -> Element {
        match self {
            Sasl::Auth { mechanism, initial } => {
                let mut e = Element::new("auth", ns::SASL);
                e.set_attr("mechanism", mechanism.clone());
                encode(&mut e, initial.as_deref());
                e
            }
            // RFC 6120 §6.4.2 and §6.4.6 define "=" for a zero-length
            // initial response and success data only: empty challenges and
            // responses are empty elements.
            Sasl::Challenge(data) => encoded("challenge", Some(data.as_slice()).filter(|d| !d.is_empty())),
            Sasl::Response(data) => encoded("response", Some(data.as_slice()).filter(|d| !d.is_empty())),
            Sasl::Success(data) => encoded("success", data.as_deref()),
            Sasl::Failure { condition, texts, .. } => {
                let sasl = XmlStr::from(ns::SASL);
                Element::builder("failure", ns::SASL)
                    .child(Element::new(condition.as_str(), ns::SASL))
                    .children(texts.to_elements("text", &sasl))
                    .build()
            }
            Sasl::Abort => Element::new("abort", ns::SASL),
        }
    }
}

/// The mechanism name: 1 to 20 characters of upper-case letters, digits,
/// `-` and `_` (RFC 4422 §3.1).
fn mechanism_name(e: &Element) -> Result<String, Error> {
    let name = parse::required_attr(e, "auth", "mechanism")?;
    let valid = (1..=20).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !valid {
        return Err(Error::InvalidAttribute { element: "auth", attribute: "mechanism", value: name.into() });
    }
    Ok(name.into())
}

fn decode(e: &Element, name: &'static str) -> Result<Option<Vec<u8>>, Error> {
    parse::no_child_elements(e, name)?;
    let text = e.text();
    match &*text {
        "" => Ok(None),
        "=" => Ok(Some(Vec::new())),
        data => STANDARD.decode(data).map(Some).map_err(|_| Error::Base64 { element: name }),
    }
}

fn encode(e: &mut Element, data: Option<&[u8]>) {
    match data {
        None => {}
        Some([]) => {
            e.push_text("=");
        }
        Some(data) => {
            e.push_text(STANDARD.encode(data));
        }
    }
}

fn encoded(name: &'static str, data: Option<&[u8]>) -> Element {
    let mut e = Element::new(name, ns::SASL);
    encode(&mut e, data);
    e
}

/// The SASL mechanisms a server offers: `<mechanisms/>` in the stream
/// features (RFC 6120 §6.4.1), in the server's order, read liberally:
/// another element of the SASL namespace, or a `<mechanism/>` with child
/// elements, is left out and reported in the second list; elements of other
/// namespaces (extensions such as XEP-0233's `<hostname/>`) are passed over.
pub(crate) fn parse_mechanisms(e: &Element) -> (Vec<String>, Vec<Error>) {
    let mut malformed = Vec::new();
    if let Err(error) = parse::no_text(e, "mechanisms") {
        malformed.push(error);
    }
    let mut names = Vec::new();
    for child in e.children() {
        if child.ns() != ns::SASL {
            // Extensions (XEP-0233's <hostname/>, ...) are not mechanisms.
            continue;
        }
        if child.name() != "mechanism" {
            malformed.push(parse::unexpected("mechanisms", child));
            continue;
        }
        match parse::no_child_elements(child, "mechanism") {
            Ok(()) => names.push(child.text().trim().to_owned()),
            Err(error) => malformed.push(error),
        }
    }
    (names, malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sasl(xml: &str) -> Result<Sasl, Error> {
        Sasl::parse(&xml.parse().expect("well-formed"))
    }

    /// RFC 6120 §13.9.1: characters outside the base64 alphabet, a pad that
    /// is not at the end ("=AAA", "BBBB=CCC"), padding bits that are not
    /// zero and missing padding are rejected, for every element with data.
    #[test]
    fn base64_that_rfc_6120_13_9_1_rejects_is_an_error_naming_the_element() {
        for data in ["AGFsaWNl*HNlY3JldA==", "=AAA", "BBBB=CCC", "QR==", "QQ", "AGFs aWNl", "AGFs\naWNl"] {
            for (xml, element) in [
                (format!("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>{data}</auth>"), "auth"),
                (format!("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>{data}</response>"), "response"),
                (format!("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>{data}</challenge>"), "challenge"),
                (format!("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>{data}</success>"), "success"),
            ] {
                assert_eq!(sasl(&xml), Err(Error::Base64 { element }), "{xml}");
            }
        }
        // RFC 6120 §6.4.2: "=" is data of zero length; no content is no data.
        let empty = sasl("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>=</auth>");
        assert_eq!(empty, Ok(Sasl::Auth { mechanism: "PLAIN".into(), initial: Some(Vec::new()) }));
        let none = sasl("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'/>");
        assert_eq!(none, Ok(Sasl::Auth { mechanism: "PLAIN".into(), initial: None }));
    }

    /// RFC 6120 §6.5: "if an entity receives a SASL error condition that it
    /// does not understand then it MUST treat the unknown condition as a
    /// generic authentication failure, i.e., as equivalent to
    /// <not-authorized/>".
    #[test]
    fn an_unknown_failure_condition_is_not_authorized() {
        // An empty challenge or response is an empty element; "=" is for the
        // initial response and success data only (RFC 6120 §6.4.2, §6.4.6).
        assert_eq!(
            Sasl::Challenge(Vec::new()).to_element().to_string(),
            "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
        );
        assert_eq!(sasl("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"), Ok(Sasl::Response(Vec::new())));
        let failure = sasl(
            "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><some-future-condition><detail/></some-future-condition>\
             <text xml:lang='en'>try again</text></failure>",
        )
        .unwrap();
        let Sasl::Failure { condition, texts, received_name } = &failure else { panic!("{failure:?}") };
        assert_eq!(*condition, SaslCondition::NotAuthorized);
        assert_eq!(texts.default_text(), Some("try again"));
        // The name is kept for the reader (DESIGN.md: unknown is kept); what
        // is written is RFC 6120's condition.
        assert_eq!(received_name.as_deref(), Some("some-future-condition"));
        assert!(failure.to_element().children().next().unwrap().is("not-authorized", ns::SASL));
        // Known conditions are still read as such, every one of RFC 6120 §6.5.
        for known in SaslCondition::ALL {
            let xml = format!("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><{known}/></failure>");
            assert!(matches!(sasl(&xml), Ok(Sasl::Failure { condition, .. }) if condition == known), "{xml}");
        }
    }
}
