//! The one error type of this crate.

use jabber_stream::Element;

/// Why an element could not be read as a typed model.
///
/// Each variant names the element and the attribute or child at fault.
/// [`Error::Mismatch`] is the "not mine" outcome of consuming conversions
/// (the element is handed back, so another parser can try it); every other
/// variant means "mine, but invalid".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The element is not one this type parses; here it is back.
    #[error("<{}/> in {:?} is not the element expected here", .0.name(), .0.ns())]
    Mismatch(Box<Element>),
    /// A required attribute is missing.
    #[error("<{element}/> lacks the required '{attribute}' attribute")]
    MissingAttribute {
        /// The element.
        element: &'static str,
        /// The attribute.
        attribute: &'static str,
    },
    /// An attribute has a value the specification does not allow.
    #[error("<{element}/> has an invalid '{attribute}' attribute: {value:?}")]
    InvalidAttribute {
        /// The element.
        element: &'static str,
        /// The attribute.
        attribute: &'static str,
        /// The value found.
        value: String,
    },
    /// An attribute that should hold a JID does not.
    #[error("'{attribute}' of <{element}/> is not a valid JID: {error}")]
    InvalidJid {
        /// The element.
        element: &'static str,
        /// The attribute.
        attribute: &'static str,
        /// Why the JID is invalid.
        error: jabber_jid::Error,
    },
    /// A required child element is missing.
    #[error("<{element}/> lacks a required <{child}/> child")]
    MissingChild {
        /// The element.
        element: &'static str,
        /// The child.
        child: &'static str,
    },
    /// A child that may occur once occurs more often.
    #[error("<{element}/> has more than one <{child}/>")]
    DuplicateChild {
        /// The element.
        element: &'static str,
        /// The child.
        child: &'static str,
    },
    /// Two children that must differ in `xml:lang` do not (RFC 6121 §5.2.3).
    #[error("<{element}/> has two <{child}/> children with the same xml:lang {lang:?}")]
    DuplicateLanguage {
        /// The element.
        element: &'static str,
        /// The child.
        child: &'static str,
        /// The language (`None`: no `xml:lang`).
        lang: Option<String>,
    },
    /// An attribute the model of a value child does not hold (reported by
    /// a lenient payload, whose `<child>value</child>` keeps only its value).
    #[error("<{element}/> has an attribute '{attribute}' (namespace {ns:?}) that is not kept")]
    UnexpectedAttribute {
        /// The element.
        element: &'static str,
        /// The attribute's local name.
        attribute: String,
        /// The attribute's namespace (`None`: none).
        ns: Option<String>,
    },
    /// A child element the specification does not allow here.
    #[error("<{element}/> may not contain <{child}/> in {ns:?}")]
    UnexpectedChild {
        /// The element.
        element: &'static str,
        /// The child's name.
        child: String,
        /// The child's namespace.
        ns: String,
    },
    /// Character data where the specification allows none, or of the wrong form.
    #[error("<{element}/> has invalid content {text:?}")]
    InvalidText {
        /// The element.
        element: &'static str,
        /// The text found.
        text: String,
    },
    /// An iq of type get or set must carry exactly one payload, a result at
    /// most one, an error at most one besides `<error/>` (RFC 6120 §8.2.3).
    #[error("an iq of type '{kind}' may not carry {count} payloads")]
    IqPayloadCount {
        /// The iq type.
        kind: &'static str,
        /// How many payloads it carries.
        count: usize,
    },
    /// Base64 content that does not decode (RFC 6120 §6.3.5 and §13.9.1 for SASL).
    #[error("<{element}/> has invalid base64 content")]
    Base64 {
        /// The element.
        element: &'static str,
    },
    /// A roster push (RFC 6121 §2.1.6) that does not come from the account.
    #[error("roster push from {from}, which is not the account")]
    RosterPushFromThirdParty {
        /// The `from` of the push.
        from: String,
    },
}

impl Error {
    /// The stanza error condition (RFC 6120 §8.3.3) that answers a stanza
    /// rejected for this error: `jid-malformed` for a bad address,
    /// `bad-request` otherwise.
    pub fn stanza_condition(&self) -> crate::DefinedCondition {
        match self {
            Error::InvalidJid { .. } => crate::DefinedCondition::JidMalformed,
            _ => crate::DefinedCondition::BadRequest,
        }
    }
}
