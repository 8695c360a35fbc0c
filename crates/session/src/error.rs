//! The errors of this crate: [`Error`], why a stream or an attempt failed
//! (what the peer did, or what it refused), and [`UsageError`], a call the
//! application made that means nothing in the machine's state. The first
//! comes in `Failed` events and SASL events; the second is what the
//! machines' methods return. `Error::Usage` wraps the second, so one `?`
//! carries both.

use std::time::Duration;

use jabber_jid::Jid;
use jabber_stanza::{SaslCondition, StanzaError, StreamError};
use jabber_stream::Version;

use crate::random::RandomError;
use crate::sasl::{SaslElement, ScramErrorValue, ScramMessage, ScramProblem};

/// Why a negotiation, an authentication attempt or a stream failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // --- SASL ---
    /// A SASL message is malformed (says how).
    #[error("malformed SASL message: {0}")]
    SaslMalformed(SaslProblem),
    /// A SASL element arrived where the exchange does not allow it (a
    /// `<challenge/>` to PLAIN or after the exchange ended, a `<response/>`
    /// outside an exchange, an element that is not the one expected; RFC
    /// 6120 §6.4, §6.5.8).
    #[error("unexpected SASL element <{element}/>")]
    SaslUnexpected {
        /// The element's name.
        element: String,
    },
    /// A SCRAM message handed to a client or server machine at a step
    /// where it does not come (RFC 5802 §5: first, then final).
    #[error("the SCRAM {message} does not come now")]
    ScramOutOfOrder {
        /// The message.
        message: ScramMessage,
    },
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
    /// The client aborted the exchange (`<abort/>`, RFC 6120 §6.4.4).
    #[error("the client aborted the SASL exchange")]
    SaslAborted,
    /// The client asked to act for another identity than its own (an
    /// authorization identity, RFC 6120 §6.3.8), which this server does not
    /// allow (`invalid-authzid`, §6.5.6).
    #[error("authorization identity {authzid:?} refused")]
    InvalidAuthzid {
        /// The identity asked for.
        authzid: String,
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
    /// The peer broke the stream protocol (says how).
    #[error("protocol violation: {0}")]
    Protocol(ProtocolViolation),
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
    /// The component handshake failed (XEP-0114).
    #[error("component handshake refused")]
    HandshakeFailed,

    // --- the stream ---
    /// The peer's bytes are not a valid XMPP stream.
    #[error("stream: {0}")]
    Stream(#[from] jabber_stream::Error),
    /// The peer sent an element that does not parse.
    #[error("invalid element: {0}")]
    Element(#[from] jabber_stanza::Error),
    /// The peer closed the stream with an error (RFC 6120 §4.9).
    #[error("stream error from the peer: {0}")]
    StreamError(Box<StreamError>),
    /// The peer closed the stream (`</stream:stream>`) before it was
    /// established (RFC 6120 §4.4).
    #[error("the peer closed the stream during negotiation")]
    ClosedDuringNegotiation,
    /// The connection ended without the peer closing the stream.
    #[error("the connection ended without a stream close")]
    ConnectionLost,
    /// Nothing came from the peer for this long after a keepalive ping
    /// (see [`KeepAlive`](crate::KeepAlive)): the peer is taken for dead.
    #[error("no answer from the peer for {silent_for:?}")]
    Timeout {
        /// How long the peer was silent after the ping.
        silent_for: Duration,
    },
    /// The machine's source of randomness failed (a nonce or stream id
    /// could not be drawn).
    #[error("randomness: {0}")]
    Random(RandomError),
    /// A call the application made (never a peer's fault).
    #[error(transparent)]
    Usage(#[from] UsageError),
}

impl Error {
    /// The SASL failure condition (RFC 6120 §6.5) a server answers this
    /// error with: `not-authorized` for credentials that do not verify
    /// (§6.5.10), `incorrect-encoding` for data that is not base64
    /// (§6.5.5), `invalid-mechanism` for a mechanism not offered (§6.5.7),
    /// `invalid-authzid` (§6.5.6), `aborted` (§6.5.1), `malformed-request`
    /// for anything else, a message that breaks the syntax of the mechanism
    /// included (§6.5.8).
    pub fn sasl_condition(&self) -> SaslCondition {
        match self {
            Error::SaslAuthenticationFailed => SaslCondition::NotAuthorized,
            Error::SaslFailure { condition, .. } => *condition,
            Error::SaslIncorrectEncoding { .. } => SaslCondition::IncorrectEncoding,
            Error::NoMechanism => SaslCondition::InvalidMechanism,
            Error::InvalidAuthzid { .. } => SaslCondition::InvalidAuthzid,
            Error::SaslAborted => SaslCondition::Aborted,
            _ => SaslCondition::MalformedRequest,
        }
    }

    /// Whether the peer is at fault (what it sent, or did not send), as
    /// opposed to the application ([`Error::Usage`]) or the local source of
    /// randomness.
    pub fn is_peer_fault(&self) -> bool {
        !matches!(self, Error::Usage(_) | Error::Random(_))
    }
}

impl From<ProtocolViolation> for Error {
    fn from(violation: ProtocolViolation) -> Self {
        Error::Protocol(violation)
    }
}

/// What is wrong with a SASL message (the detail of
/// [`Error::SaslMalformed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SaslProblem {
    /// A PLAIN message is not UTF-8 (RFC 4616 §2).
    #[error("the PLAIN message is not UTF-8")]
    PlainNotUtf8,
    /// A PLAIN message does not have exactly two NUL separators (RFC 4616 §2).
    #[error("the PLAIN message needs exactly two NUL separators")]
    PlainSeparators,
    /// A PLAIN message's authentication identity or password is empty.
    #[error("the PLAIN authentication identity or password is empty")]
    PlainEmpty,
    /// A name or password is not a valid SASLprep string (RFC 4013).
    #[error("not a valid SASLprep string")]
    NotSaslprep,
    /// A SCRAM nonce that is not printable ASCII without `,` (RFC 5802 §5.1).
    #[error("a SCRAM nonce is printable ASCII without ','")]
    NonceNotPrintable,
}

/// How the peer broke the stream protocol (RFC 6120 §4 to §7, XEP-0114):
/// the detail of [`Error::Protocol`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProtocolViolation {
    /// A first-level element the negotiation does not expect at this step.
    #[error("<{name}/> in {ns:?} is not expected now")]
    UnexpectedElement {
        /// Its name.
        name: String,
        /// Its namespace.
        ns: String,
    },
    /// A stream header where none may come (RFC 6120 §4.3.3: only at the
    /// start and after a restart).
    #[error("a stream header where none may come")]
    UnexpectedHeader,
    /// The peer's stream is not in the content namespace of this stream
    /// (`None`: the header declares none where one is needed).
    #[error("the peer's stream is in {found:?}, not {expected}")]
    WrongStreamNamespace {
        /// What the header declares.
        found: Option<String>,
        /// What this stream carries.
        expected: &'static str,
    },
    /// The peer does not speak XMPP 1.x (RFC 6120 §4.7.5).
    #[error("unsupported stream version {}", found.map(|v| v.to_string()).unwrap_or_else(|| "(none)".into()))]
    UnsupportedVersion {
        /// The version the peer announced, if any.
        found: Option<Version>,
    },
    /// The peer asked for a host this side does not serve (RFC 6120
    /// §4.9.3.6), or for no component domain (XEP-0114).
    #[error("host {to:?} is not served here")]
    HostUnknown {
        /// The `to` of the peer's header, if any.
        to: Option<String>,
    },
    /// The server's component-stream header carries no id (XEP-0114 §3:
    /// the handshake hashes it).
    #[error("the stream header has no id")]
    NoStreamId,
    /// The server offers no SASL mechanism list where authentication is due.
    #[error("no SASL offered before authentication")]
    NoSaslOffered,
    /// The server offers no resource binding after authentication (RFC 6120
    /// §7.2 makes it mandatory-to-negotiate).
    #[error("no resource binding offered after authentication")]
    NoBindOffered,
    /// The bind result carries no JID (RFC 6120 §7.6.1).
    #[error("the bind result carries no JID")]
    BindResultWithoutJid,
    /// A request reused the id of the negotiation request under way.
    #[error("a request reused the negotiation id {id:?}")]
    RequestReusedId {
        /// The id.
        id: String,
    },
    /// The client sent `<starttls/>` where it is not offered (RFC 6120
    /// §5.4.1), or another element in the TLS namespace.
    #[error("STARTTLS where it is not offered, or not <starttls/>")]
    StartTlsNotOffered,
    /// Something else than SASL before authentication, or than the
    /// handshake before it succeeded (RFC 6120 §6.3.1, §4.9.3.12;
    /// XEP-0114 §3).
    #[error("<{name}/> before authentication")]
    NotAuthenticated {
        /// The element's name.
        name: String,
    },
    /// Something else than a bind request before the resource is bound
    /// (RFC 6120 §7.1).
    #[error("<{name}/> before resource binding")]
    NotBound {
        /// The element's name.
        name: String,
    },
    /// A stanza's `from` is not the sender's (RFC 6120 §4.9.3.9,
    /// §8.1.2.1; XEP-0114 §3.2: a component speaks for its domain only).
    #[error("invalid from {from:?}")]
    InvalidFrom {
        /// The `from` as received (`None`: absent where one is required).
        from: Option<String>,
    },
    /// The server's component handshake answer is not empty (XEP-0114 §3).
    #[error("the handshake answer is not empty")]
    HandshakeNotEmpty,
    /// Too many failed authentication attempts (RFC 6120 §6.4.5).
    #[error("too many failed authentication attempts ({attempts})")]
    TooManyAttempts {
        /// How many failed.
        attempts: u32,
    },
}

/// A call that means nothing in the machine's state or with these
/// arguments: the application's mistake, never the peer's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UsageError {
    /// Stanzas cannot be sent now: before the stream is established
    /// (`Bound`, `Connected`) or after it closed.
    #[error("the stream is not ready to send")]
    NotReady,
    /// `tls_established` without a STARTTLS hand-off under way.
    #[error("tls_established without a STARTTLS hand-off")]
    NoTlsHandoff,
    /// `bind` or `refuse_bind` without a pending bind request.
    #[error("no bind request is pending")]
    NoBindRequest,
    /// Only `get` and `set` iqs are requests that get a response (RFC 6120
    /// §8.2.3).
    #[error("iq {id:?} is not a request (get or set)")]
    NotARequest {
        /// The iq's id.
        id: String,
    },
    /// A request with this id is already waiting for its response.
    #[error("a request with id {id:?} is already pending")]
    DuplicateRequestId {
        /// The id.
        id: String,
    },
    /// A client account needs a localpart (`user@domain`).
    #[error("the account {account} has no localpart")]
    AccountWithoutLocalpart {
        /// The account given.
        account: Jid,
    },
    /// A server's or component's domain has no localpart.
    #[error("the domain {domain} has a localpart")]
    DomainWithLocalpart {
        /// The domain given.
        domain: Jid,
    },
    /// The element cannot be written (a name or text the writer refuses).
    #[error("cannot write the element: {0}")]
    Unwritable(jabber_stream::Error),
}
