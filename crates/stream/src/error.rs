//! The one error type of this crate.

use crate::condition::Condition;
use crate::limits::Limit;

/// An error of the stream parser, of [`Element`](crate::Element) parsing, or of
/// serialization.
///
/// It says what went wrong ([`ErrorKind`]), where (the byte [`offset`] in the
/// stream or input, counted from the first byte ever fed, across restarts),
/// and which RFC 6120 §4.9.3 stream error [`condition`] answers it.
///
/// [`offset`]: Error::offset
/// [`condition`]: Error::condition
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} (at byte {offset})")]
pub struct Error {
    kind: ErrorKind,
    offset: u64,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, offset: u64) -> Self {
        Error { kind, offset }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The byte offset of the offending input, counted from the first byte
    /// the parser was fed (for serialization errors: in the value at fault).
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The stream error condition of RFC 6120 §4.9.3 to answer this error with.
    pub fn condition(&self) -> Condition {
        self.kind.condition()
    }
}

/// What went wrong; see [`ErrorKind::condition`] for the RFC 6120 condition.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    // --- not-well-formed: XML 1.0 and Namespaces in XML violations ---
    /// Bytes that are not UTF-8 (including overlong forms and surrogates).
    #[error("invalid UTF-8")]
    InvalidUtf8,
    /// A character XML 1.0 §2.2 does not allow (e.g. U+0000, U+001B, U+FFFE).
    #[error("character U+{:04X} is not allowed in XML", *.0 as u32)]
    IllegalChar(char),
    /// A character reference to a code point XML does not allow (`&#0;`).
    #[error("character reference to U+{0:04X}, which XML does not allow")]
    IllegalCharRef(u32),
    /// U+FEFF before the stream header, where only whitespace, the XML
    /// declaration and the header may stand: RFC 6120 §11.6 makes it a zero
    /// width no-break space, never a byte order mark, even as the first
    /// character of the stream. (Other bytes there are
    /// [`Unexpected`](ErrorKind::Unexpected).)
    #[error("character U+{:04X} before the stream header (RFC 6120 §11.6: U+FEFF is not a byte order mark)", *.0 as u32)]
    CharacterBeforeHeader(char),
    /// A byte where the XML grammar allows something else.
    #[error("unexpected {found} in {context}")]
    Unexpected {
        /// What was found, in words (e.g. "'<'", "end of input").
        found: &'static str,
        /// Where in the grammar (e.g. "an attribute value").
        context: &'static str,
    },
    /// A name that is not an XML name (or not a namespace-valid QName).
    #[error("invalid XML name {0:?}")]
    InvalidName(String),
    /// An attribute without `=` or without a quoted value.
    #[error("malformed attribute in <{0}>")]
    MalformedAttribute(String),
    /// The same attribute twice on one element (also after namespace resolution).
    #[error("duplicate attribute {0:?}")]
    DuplicateAttribute(String),
    /// An end tag that does not close the open element.
    #[error("end tag </{found}> does not match <{expected}>")]
    MismatchedEndTag {
        /// The qualified name of the open element.
        expected: String,
        /// The qualified name in the end tag.
        found: String,
    },
    /// `]]>` in character data, which XML 1.0 §2.4 forbids.
    #[error("']]>' in character data")]
    CdataEndInText,
    /// A malformed character or entity reference (`&#xZZ;`, `&;`, `&amp`).
    #[error("malformed reference")]
    MalformedReference,
    /// A namespace declaration that Namespaces in XML forbids (binding `xml`
    /// or `xmlns`, or undeclaring a prefix).
    #[error("forbidden namespace declaration of prefix {0:?}")]
    ForbiddenNamespaceDeclaration(String),
    /// The XML declaration names an XML version other than 1.0.
    #[error("XML version {0:?} is not supported (XMPP uses XML 1.0)")]
    XmlVersion(String),
    /// A malformed XML declaration.
    #[error("malformed XML declaration")]
    MalformedDeclaration,
    /// The input ended inside a stanza or the stream header.
    #[error("input ended inside an element")]
    UnexpectedEof,
    /// Anything but whitespace after the closing `</stream:stream>`.
    #[error("data after the end of the stream")]
    DataAfterClose,
    /// Not exactly one element where one element was expected
    /// ([`Element`](crate::Element) parsing).
    #[error("expected exactly one element")]
    NotOneElement,

    // --- restricted-xml: RFC 6120 §11.1 ---
    /// An XML comment.
    #[error("comments are not allowed in XMPP (RFC 6120 §11.1)")]
    Comment,
    /// A processing instruction (other than the XML declaration at the start).
    #[error("processing instructions are not allowed in XMPP (RFC 6120 §11.1)")]
    ProcessingInstruction,
    /// A document type declaration.
    #[error("DTDs are not allowed in XMPP (RFC 6120 §11.1)")]
    Doctype,
    /// An entity reference other than the five predefined ones.
    #[error("entity reference &{0}; is not allowed in XMPP (RFC 6120 §11.1)")]
    EntityReference(String),

    // --- unsupported-encoding ---
    /// The XML declaration or a byte order mark names an encoding other than UTF-8.
    #[error("encoding {0:?} is not supported (XMPP uses UTF-8)")]
    UnsupportedEncoding(String),

    // --- not-well-formed (RFC 6120 §4.9.3.13) ---
    /// A prefix that no declaration in scope binds.
    #[error("unbound namespace prefix {0:?}")]
    UnboundPrefix(String),
    // --- bad-namespace-prefix ---
    /// An element of the stream's content namespace (`jabber:client` or
    /// `jabber:server`, declared as the header's default) named with a
    /// prefix (`<foo:message xmlns:foo='jabber:client'>`), which RFC 6120
    /// §4.8.5 forbids; the RFC asks for `bad-namespace-prefix`.
    #[error("<{prefix}:{name}/> qualifies the content namespace {ns:?} with a prefix (RFC 6120 §4.8.5)")]
    PrefixedContentNamespace {
        /// The prefix.
        prefix: String,
        /// The element's local name.
        name: String,
        /// The content namespace.
        ns: crate::ContentNamespace,
    },

    // --- bad-format ---
    /// Non-whitespace character data between top-level elements.
    #[error("character data at the stream level")]
    TextAtStreamLevel,
    /// The stream's root element is not `<stream>`.
    #[error("stream root is <{0}>, not <stream>")]
    NotAStream(String),

    // --- invalid-namespace ---
    /// The root element is not in `http://etherx.jabber.org/streams`.
    #[error("stream namespace is {0:?}, not http://etherx.jabber.org/streams")]
    StreamNamespace(String),
    /// The stream header declares no or an unsupported default (content) namespace.
    #[error("unsupported content namespace {0:?}")]
    ContentNamespace(String),

    // --- stream header attributes ---
    /// The header's `from` is not a valid JID (`invalid-from`).
    #[error("invalid 'from' address: {0}")]
    InvalidFrom(jabber_jid::Error),
    /// The header's `to` is not a valid JID (`improper-addressing`).
    #[error("invalid 'to' address: {0}")]
    InvalidTo(jabber_jid::Error),
    /// The header's `version` is not `major.minor` (`unsupported-version`).
    #[error("malformed stream version {0:?}")]
    InvalidVersion(String),

    // --- policy-violation ---
    /// A configured limit was exceeded; see [`Limits`](crate::Limits).
    #[error("{limit} exceeded (limit {max})")]
    LimitExceeded {
        /// Which limit.
        limit: Limit,
        /// Its configured value.
        max: usize,
    },
}

impl ErrorKind {
    /// The RFC 6120 §4.9.3 stream error condition for this kind of error.
    pub fn condition(&self) -> Condition {
        use ErrorKind::*;
        match self {
            InvalidUtf8
            | IllegalChar(_)
            | IllegalCharRef(_)
            | Unexpected { .. }
            | InvalidName(_)
            | MalformedAttribute(_)
            | DuplicateAttribute(_)
            | MismatchedEndTag { .. }
            | CdataEndInText
            | MalformedReference
            | ForbiddenNamespaceDeclaration(_)
            | XmlVersion(_)
            | MalformedDeclaration
            | UnexpectedEof
            | DataAfterClose
            | NotOneElement
            | CharacterBeforeHeader(_) => Condition::NotWellFormed,
            Comment | ProcessingInstruction | Doctype | EntityReference(_) => Condition::RestrictedXml,
            UnsupportedEncoding(_) => Condition::UnsupportedEncoding,
            // RFC 6120 §4.9.3.13: an undeclared prefix is XML that is not
            // namespace-well-formed; §4.9.3.2 keeps bad-namespace-prefix for
            // prefixes that are bound but not accepted.
            UnboundPrefix(_) => Condition::NotWellFormed,
            PrefixedContentNamespace { .. } => Condition::BadNamespacePrefix,
            TextAtStreamLevel | NotAStream(_) => Condition::BadFormat,
            StreamNamespace(_) | ContentNamespace(_) => Condition::InvalidNamespace,
            InvalidFrom(_) => Condition::InvalidFrom,
            InvalidTo(_) => Condition::ImproperAddressing,
            InvalidVersion(_) => Condition::UnsupportedVersion,
            LimitExceeded { .. } => Condition::PolicyViolation,
        }
    }
}
