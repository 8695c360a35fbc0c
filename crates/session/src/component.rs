//! External components, XEP-0114 (Jabber Component Protocol): a
//! `jabber:component:accept` stream authenticated by a SHA-1 handshake over
//! the stream id and a shared secret; both sides.

use std::fmt;

use jabber_jid::{BareJid, Jid};
use jabber_stanza::StreamError;
use jabber_stream::{Condition, ContentNamespace, Element, Limits, StreamHeader, ns};
use sha1::{Digest, Sha1};

use crate::core::{Core, Fault, Role};
use crate::error::{Error, ProtocolViolation, UsageError};
use crate::event::{Common, ComponentEvent, Refusal, incoming, refuse_invalid_to};
use crate::random::{self, OsRandom, Random};
use crate::session::{KeepAlive, session_impl};
use crate::wire::Wire;

/// The handshake value (XEP-0114 §3): lowercase hex of SHA-1 over the
/// stream id followed by the secret.
///
/// ```
/// // SHA-1("3BF96D32" + "secret"), computed independently with Python's hashlib.
/// assert_eq!(jabber_session::component_handshake("3BF96D32", "secret"), "b09ea9b3b7f586be8a08d0a3dd7466f110aeb136");
/// ```
pub fn component_handshake(stream_id: &str, secret: &str) -> String {
    let digest = Sha1::new().chain_update(stream_id.as_bytes()).chain_update(secret.as_bytes()).finalize();
    random::hex(&digest)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Waiting for the peer's header.
    Header,
    /// Component: handshake sent. Server: waiting for the handshake.
    Handshake,
    /// Stanzas flow.
    Ready,
}

/// What both sides of XEP-0114 share in their configuration.
#[derive(Debug, Clone)]
pub struct ComponentConfig {
    limits: Limits,
    keepalive: KeepAlive,
}

impl Default for ComponentConfig {
    fn default() -> Self {
        ComponentConfig { limits: Limits::default(), keepalive: KeepAlive::Off }
    }
}

impl ComponentConfig {
    /// Default limits, no keepalive.
    pub fn new() -> Self {
        Self::default()
    }

    /// The parser limits for what the peer sends.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// How the established stream is kept alive: a component stream has no
    /// address to ping, so [`KeepAlive::Ping`] sends whitespace like
    /// [`KeepAlive::Whitespace`].
    pub fn with_keepalive(mut self, keepalive: KeepAlive) -> Self {
        self.keepalive = keepalive;
        self
    }

    fn core(&self, random: Box<dyn Random + Send>) -> Core<ComponentEvent> {
        Core::new(Wire::new(ContentNamespace::ComponentAccept, self.limits), random, self.keepalive)
    }
}

/// The component side of XEP-0114: connects to a server's component port
/// as `domain` with a shared secret. Driven through
/// [`Session`](crate::Session), like [`Client`](crate::Client) but without
/// TLS or binding: after [`ComponentEvent::Connected`],
/// [`send`](crate::Session::send) stanzas (their `from` must be at the
/// component's domain).
pub struct Component {
    core: Core<ComponentEvent>,
    role: ComponentRole,
}

struct ComponentRole {
    domain: BareJid,
    secret: String,
    state: State,
}

impl fmt::Debug for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Component")
            .field("domain", &self.role.domain)
            .field("state", &self.role.state)
            .field("core", &self.core)
            .finish()
    }
}

impl Component {
    /// A component for `domain` (no localpart) with `secret`; the header is
    /// queued.
    pub fn new(domain: BareJid, secret: impl Into<String>) -> Result<Component, UsageError> {
        Self::with_config(domain, secret, ComponentConfig::default())
    }

    /// The same with a configuration (limits, keepalive).
    pub fn with_config(
        domain: BareJid,
        secret: impl Into<String>,
        config: ComponentConfig,
    ) -> Result<Component, UsageError> {
        if domain.node().is_some() {
            return Err(UsageError::DomainWithLocalpart { domain: domain.into() });
        }
        // The component draws nothing at random; the core wants a source.
        let mut core = config.core(Box::new(OsRandom));
        // XEP-0114 §3: `to` is the component's domain; no version.
        core.wire.header(&StreamHeader::new(ContentNamespace::ComponentAccept).with_to(domain.clone().into()))?;
        Ok(Component { core, role: ComponentRole { domain, secret: secret.into(), state: State::Header } })
    }

    /// The component's domain.
    pub fn domain(&self) -> &BareJid {
        &self.role.domain
    }
}

session_impl!(Component, ComponentEvent);

impl Role for ComponentRole {
    type Event = ComponentEvent;

    fn is_ready(&self) -> bool {
        self.state == State::Ready
    }

    fn error_header(&self) -> StreamHeader {
        StreamHeader::new(ContentNamespace::ComponentAccept)
    }

    fn on_header(&mut self, core: &mut Core<ComponentEvent>, header: StreamHeader) -> Result<(), Fault> {
        if self.state != State::Header {
            return Err(Fault::stream(ProtocolViolation::UnexpectedHeader, Condition::InvalidXml));
        }
        check_namespace(&header)?;
        let Some(id) = &header.id else {
            return Err(Fault::stream(ProtocolViolation::NoStreamId, Condition::InvalidXml));
        };
        let handshake =
            Element::builder("handshake", ns::COMPONENT_ACCEPT).text(component_handshake(id, &self.secret)).build();
        core.wire.element(&handshake)?;
        self.state = State::Handshake;
        Ok(())
    }

    fn on_element(&mut self, core: &mut Core<ComponentEvent>, element: Element) -> Result<(), Fault> {
        match self.state {
            State::Handshake if element.is("handshake", ns::COMPONENT_ACCEPT) => {
                if !element.is_empty() {
                    return Err(Fault::stream(ProtocolViolation::HandshakeNotEmpty, Condition::BadFormat));
                }
                self.state = State::Ready;
                core.push(ComponentEvent::Connected(self.domain.clone()));
                Ok(())
            }
            State::Ready => {
                core.deliver(incoming(element));
                Ok(())
            }
            State::Header | State::Handshake => Err(unexpected(&element)),
        }
    }
}

/// The server side of XEP-0114: accepts a component whose secret the
/// caller's lookup knows, and checks that what it sends comes from its
/// domain. Driven through [`Session`](crate::Session).
pub struct ComponentServer {
    core: Core<ComponentEvent>,
    role: ServerRole,
}

/// The caller's secret lookup: a component domain's shared secret.
type SecretLookup = dyn Fn(&BareJid) -> Option<String> + Send;

struct ServerRole {
    secrets: Box<SecretLookup>,
    state: State,
    stream_id: Option<String>,
    domain: Option<BareJid>,
    expected: Option<String>,
}

impl fmt::Debug for ComponentServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ComponentServer")
            .field("domain", &self.role.domain)
            .field("state", &self.role.state)
            .field("core", &self.core)
            .finish()
    }
}

impl ComponentServer {
    /// A component port: `secrets` gives the shared secret of a component
    /// domain (`None`: unknown, `host-unknown`); stream ids come from the
    /// operating system.
    pub fn new(secrets: impl Fn(&BareJid) -> Option<String> + Send + 'static) -> ComponentServer {
        Self::with_config(secrets, ComponentConfig::default(), OsRandom)
    }

    /// The same with a configuration (limits, keepalive) and a source of
    /// stream ids (a predictable one only in tests).
    pub fn with_config(
        secrets: impl Fn(&BareJid) -> Option<String> + Send + 'static,
        config: ComponentConfig,
        random: impl Random + Send + 'static,
    ) -> ComponentServer {
        ComponentServer {
            core: config.core(Box::new(random)),
            role: ServerRole {
                secrets: Box::new(secrets),
                state: State::Header,
                stream_id: None,
                domain: None,
                expected: None,
            },
        }
    }

    /// Closes the stream with an error (RFC 6120 §4.9).
    pub fn close_with_error(&mut self, error: &StreamError) {
        self.core.close(&self.role, Some(error));
    }

    /// The component's domain, once its header came.
    pub fn domain(&self) -> Option<&BareJid> {
        self.role.domain.as_ref()
    }
}

session_impl!(ComponentServer, ComponentEvent);

impl Role for ServerRole {
    type Event = ComponentEvent;

    fn is_ready(&self) -> bool {
        self.state == State::Ready
    }

    fn error_header(&self) -> StreamHeader {
        let mut header = StreamHeader::new(ContentNamespace::ComponentAccept);
        if let Some(id) = &self.stream_id {
            header = header.with_id(id.clone());
        }
        if let Some(domain) = &self.domain {
            header = header.with_from(domain.clone().into());
        }
        header
    }

    fn on_header(&mut self, core: &mut Core<ComponentEvent>, header: StreamHeader) -> Result<(), Fault> {
        if self.state != State::Header {
            return Err(Fault::stream(ProtocolViolation::UnexpectedHeader, Condition::InvalidXml));
        }
        let id = random::stream_id(&mut *core.random).map_err(|e| Fault::quiet(Error::Random(e)))?;
        let mut ours = StreamHeader::new(ContentNamespace::ComponentAccept).with_id(id.clone());
        if let Some(to) = &header.to {
            ours = ours.with_from(to.clone());
        }
        self.stream_id = Some(id.clone());
        core.wire.header(&ours)?;
        check_namespace(&header)?;
        let domain = match &header.to {
            Some(Jid::Bare(domain)) if domain.node().is_none() => domain.clone(),
            other => {
                let to = other.as_ref().map(|to| to.as_str().to_owned());
                return Err(Fault::stream(ProtocolViolation::HostUnknown { to }, Condition::HostUnknown));
            }
        };
        let Some(secret) = (self.secrets)(&domain) else {
            let violation = ProtocolViolation::HostUnknown { to: Some(domain.as_str().to_owned()) };
            return Err(Fault::stream(violation, Condition::HostUnknown));
        };
        self.expected = Some(component_handshake(&id, &secret));
        self.domain = Some(domain);
        self.state = State::Handshake;
        Ok(())
    }

    fn on_element(&mut self, core: &mut Core<ComponentEvent>, element: Element) -> Result<(), Fault> {
        match self.state {
            State::Handshake if element.is("handshake", ns::COMPONENT_ACCEPT) => {
                let given = element.text().trim().to_ascii_lowercase();
                let expected = self.expected.take().unwrap_or_default();
                if expected.is_empty() || !crate::sasl::constant_time_eq(expected.as_bytes(), given.as_bytes()) {
                    return Err(Fault::stream(Error::HandshakeFailed, Condition::NotAuthorized));
                }
                core.wire.element(&Element::new("handshake", ns::COMPONENT_ACCEPT))?;
                self.state = State::Ready;
                if let Some(domain) = &self.domain {
                    core.push(ComponentEvent::Connected(domain.clone()));
                }
                Ok(())
            }
            State::Handshake => Err(Fault::stream(
                ProtocolViolation::NotAuthenticated { name: element.name().into() },
                Condition::NotAuthorized,
            )),
            State::Ready => {
                let event = incoming(element);
                if let Common::Stanza(stanza) = &event {
                    // XEP-0114 §3.2, RFC 6120 §4.9.3.9: a component speaks for its domain only.
                    let domain = self.domain.as_ref().map(BareJid::as_str);
                    if stanza.sender().is_none_or(|from| Some(from.domain()) != domain) {
                        let from = stanza.sender().map(|from| from.as_str().to_owned());
                        return Err(Fault::stream(ProtocolViolation::InvalidFrom { from }, Condition::InvalidFrom));
                    }
                    // RFC 6120 §8.3.3.8: a `to` that is not a JID is refused,
                    // never read as addressed to the server.
                    if let (Some(_), Some(from)) = (stanza.invalid_to(), stanza.sender()) {
                        match refuse_invalid_to(stanza, from.clone()) {
                            Refusal::Reply(reply) => core.wire.stanza(&reply)?,
                            Refusal::HandOver(event) => core.push(event),
                        }
                        return Ok(());
                    }
                }
                core.deliver(event);
                Ok(())
            }
            State::Header => Err(unexpected(&element)),
        }
    }
}

/// XEP-0114 §3: a `jabber:component:accept` stream.
fn check_namespace(header: &StreamHeader) -> Result<(), Fault> {
    if header.content_ns.is_some_and(|ns| ns != ContentNamespace::ComponentAccept) {
        let found = header.content_ns.map(|ns| ns.as_str().to_owned());
        let violation = ProtocolViolation::WrongStreamNamespace { found, expected: ns::COMPONENT_ACCEPT };
        return Err(Fault::stream(violation, Condition::InvalidNamespace));
    }
    Ok(())
}

/// An element the handshake does not expect (`unsupported-stanza-type`).
fn unexpected(element: &Element) -> Fault {
    let violation = ProtocolViolation::UnexpectedElement { name: element.name().into(), ns: element.ns().into() };
    Fault::stream(violation, Condition::UnsupportedStanzaType)
}
