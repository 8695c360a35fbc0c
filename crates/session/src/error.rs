//! The one error type of this crate.

use jabber_stanza::{SaslCondition, StanzaError, StreamError};

use crate::sasl::{SaslElement, ScramErrorValue, ScramMessage, ScramProblem};

/// Why a negotiation or exchange failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // --- SASL ---
    /// A SASL message is malformed (says which part).
    #[error("malformed SASL message: {0}")]
    SaslMalformed(&'static str),
    /// A SASL message arrived at a step where it cannot.
    #[error("unexpected SASL step: {0}")]
    SaslUnexpected(&'static str),
    /// The data of a SASL element is not base64 as RFC 6120 §6.3.5 (rule 2)
    /// and §13.9.1 want it. The element says whose: the client's
    /// (`<auth/>`, `<response/>`: a server answers `<incorrect-encoding/>`,
    /// §6.5.5, and the client may try again) or the server's
    /// (`<challenge/>`, `<success/>`: the client gives up the attempt, see
    /// [`Client`](crate::Client)).
    #[error("the data of {element} is not valid base64")]
    SaslIncorrectEncoding {
        /// The element that carried it.
        element: SaslElement,
    },
    /// A SCRAM message breaks the grammar of RFC 5802 §7 or an attribute
    /// rule of §5.1.
    #[error("malformed SCRAM {message}: {problem}")]
    ScramMalformed {
        /// The message.
        message: ScramMessage,
        /// What is wrong with it.
        problem: ScramProblem,
    },
    /// The client asked for channel binding (`p=` in the GS2 header), which
    /// the mechanisms offered do not do (RFC 5802 §6: the server "MUST fail
    /// authentication").
    #[error("SCRAM channel binding {cb_name:?} is not supported")]
    ScramChannelBindingNotSupported {
        /// The channel-binding type the client asked for (`cb-name`).
        cb_name: String,
    },
    /// The SCRAM nonce is not the client's extended by the server, or the
    /// final message's nonce is not the combined one.
    #[error("SCRAM nonce mismatch")]
    ScramNonceMismatch,
    /// The server's iteration count is outside the bounds the client accepts.
    #[error("SCRAM iteration count {iterations} outside {min}..={max}")]
    ScramIterations {
        /// The server's count (`u32::MAX` for any larger count).
        iterations: u32,
        /// The lowest accepted.
        min: u32,
        /// The highest accepted.
        max: u32,
    },
    /// The peer sent `m`, the attribute reserved for mandatory extensions:
    /// RFC 5802 §5.1 says its presence "MUST cause authentication failure",
    /// wherever it stands.
    #[error("SCRAM mandatory extension (m) in the {message}")]
    ScramMandatoryExtension {
        /// The message that carried it.
        message: ScramMessage,
    },
    /// The SCRAM server reported an error (`e=`, RFC 5802 §5.1, §7).
    #[error("SCRAM server error: {0}")]
    ScramServerError(ScramErrorValue),
    /// The server's signature is wrong or missing: the server does not know
    /// the password (or someone is in the middle).
    #[error("SCRAM server signature does not verify")]
    ScramServerSignatureMismatch,
    /// The client's channel-binding data does not repeat its GS2 header.
    #[error("SCRAM channel binding mismatch")]
    ScramChannelBindingMismatch,
    /// Wrong credentials (or an unknown user).
    #[error("authentication failed")]
    SaslAuthenticationFailed,
    /// The server refused authentication.
    #[error("authentication failed: {condition}{}", text.as_deref().map(|t| format!(" ({t})")).unwrap_or_default())]
    SaslFailure {
        /// The RFC 6120 §6.5 condition.
        condition: SaslCondition,
        /// The server's text, if any.
        text: Option<String>,
    },
    /// No mechanism both sides support (with the client's policy: PLAIN is
    /// not used over an unencrypted stream unless allowed). On a server:
    /// the client named no mechanism, or one not offered (RFC 6120 §6.5.7).
    #[error("no acceptable SASL mechanism among those offered")]
    NoMechanism,

    // --- negotiation ---
    /// TLS is required but the server does not offer STARTTLS.
    #[error("TLS is required but not offered")]
    TlsRequired,
    /// The server failed STARTTLS (`<failure/>`).
    #[error("the server refused STARTTLS")]
    TlsFailed,
    /// The peer broke the negotiation protocol (says how).
    #[error("protocol violation: {0}")]
    Protocol(&'static str),
    /// The peer sent a first-level element in the stream's content
    /// namespace that is not a stanza (RFC 6120 §4.9.3.24:
    /// `unsupported-stanza-type`).
    #[error("<{name}/> in the content namespace {ns:?} is not a stanza")]
    NotAStanza {
        /// The element's name.
        name: String,
        /// Its namespace.
        ns: String,
    },
    /// The peer sent a stanza in a content namespace the stream does not
    /// carry, such as `jabber:server` on a client-to-server stream (RFC 6120
    /// §4.8.3: `invalid-namespace`).
    #[error("<{name}/> in {ns:?}, a content namespace this stream does not carry")]
    ContentNamespace {
        /// The stanza's name.
        name: String,
        /// Its namespace.
        ns: String,
    },
    /// The receiving entity requires a stream feature this machine does not
    /// implement (RFC 6120 §4.9.3.23: `unsupported-feature`).
    #[error("the server requires the unsupported feature <{name}/> in {ns:?}")]
    UnsupportedFeature {
        /// The feature element's name.
        name: String,
        /// Its namespace.
        ns: String,
    },
    /// Resource binding failed.
    #[error("resource binding failed: {0}")]
    Bind(Box<StanzaError>),
    /// The legacy session establishment failed.
    #[error("session establishment failed: {0}")]
    Session(Box<StanzaError>),
    /// The peer's bytes are not a valid XMPP stream.
    #[error("stream: {0}")]
    Stream(#[from] jabber_stream::Error),
    /// The peer sent an element that does not parse.
    #[error("invalid element: {0}")]
    Element(#[from] jabber_stanza::Error),
    /// The peer closed the stream with an error.
    #[error("stream error from the peer: {0}")]
    StreamError(Box<StreamError>),
    /// The component handshake failed (XEP-0114).
    #[error("component handshake refused")]
    HandshakeFailed,
    /// A configuration cannot work (says why).
    #[error("configuration: {0}")]
    Config(&'static str),
    /// A method was called in a state where it means nothing (says which).
    #[error("called in the wrong state: {0}")]
    WrongState(&'static str),
    /// An element cannot be sent now (before the stream is ready, or after it closed).
    #[error("the stream is not ready to send")]
    NotReady,
}

impl Error {
    /// The SASL failure condition (RFC 6120 §6.5) a server answers this
    /// error with: `not-authorized` for credentials that do not verify
    /// (§6.5.10), `incorrect-encoding` for data that is not base64
    /// (§6.5.5), `invalid-mechanism` for a mechanism not offered (§6.5.7),
    /// `malformed-request` for anything else, a message that breaks the
    /// syntax of the mechanism included (§6.5.8).
    pub fn sasl_condition(&self) -> SaslCondition {
        match self {
            Error::SaslAuthenticationFailed => SaslCondition::NotAuthorized,
            Error::SaslFailure { condition, .. } => *condition,
            Error::SaslIncorrectEncoding { .. } => SaslCondition::IncorrectEncoding,
            Error::NoMechanism => SaslCondition::InvalidMechanism,
            _ => SaslCondition::MalformedRequest,
        }
    }
}
