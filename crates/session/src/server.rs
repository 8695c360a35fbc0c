//! The server side of a `jabber:client` stream: RFC 6120 §4 to §7 from the
//! receiving entity's view, for servers and for test doubles of one.

use std::fmt;

use jabber_jid::{BareJid, FullJid, Jid, ResourcePart};
use jabber_stanza::{
    BindRequest, BindResult, Iq, IqKind, Payload, Requirement, Sasl, SaslCondition, SessionRequest, Stanza,
    StanzaError, StartTls, StreamError, StreamFeatures, Texts,
};
use jabber_stream::{Condition, ContentNamespace, Element, Limits, StreamHeader, Version};

use crate::core::{Core, Fault, InputMode, Role};
use crate::error::{Error, ProtocolViolation, UsageError};
use crate::event::{Common, Refusal, ServerEvent, incoming, refuse_invalid_to};
use crate::random::{self, OsRandom, Random};
use crate::sasl::{self, Authenticated, ChannelBinding, Credentials, Mechanism, SaslElement, ScramServer};
use crate::session::{KeepAlive, session_impl};
use crate::wire::Wire;

/// Whether the server offers STARTTLS.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ServerTls {
    /// Offer STARTTLS and require it before anything else (the default).
    #[default]
    Required,
    /// Offer STARTTLS; the client may go on without it.
    Optional,
    /// The transport is already encrypted (direct TLS): never offer
    /// STARTTLS; the stream counts as secure.
    Direct,
    /// No TLS at all (test servers): never offer STARTTLS.
    Unavailable,
}

/// What a [`Server`] offers.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    domain: BareJid,
    tls: ServerTls,
    mechanisms: Vec<Mechanism>,
    plain_without_tls: bool,
    session: Option<Requirement>,
    extra_features: Vec<Element>,
    limits: Limits,
    max_auth_attempts: u32,
    keepalive: KeepAlive,
    binding: Option<ChannelBinding>,
}

impl ServerConfig {
    /// A server for `domain` (a JID without localpart or resource): TLS
    /// required, every mechanism offered (PLAIN only over TLS), no legacy
    /// session, three authentication attempts.
    pub fn new(domain: BareJid) -> Result<Self, UsageError> {
        if domain.node().is_some() {
            return Err(UsageError::DomainWithLocalpart { domain: domain.into() });
        }
        Ok(ServerConfig {
            domain,
            tls: ServerTls::default(),
            mechanisms: Mechanism::ALL.to_vec(),
            plain_without_tls: false,
            session: None,
            extra_features: Vec::new(),
            limits: Limits::default(),
            max_auth_attempts: 3,
            keepalive: KeepAlive::Off,
            binding: None,
        })
    }

    /// The channel-binding data of a transport that is already TLS (direct
    /// TLS, XEP-0368): the server then offers the `-PLUS` mechanisms and
    /// lists the binding's type (XEP-0440). After STARTTLS it is given to
    /// [`Session::tls_established`](crate::Session::tls_established)
    /// instead.
    pub fn with_channel_binding(mut self, binding: ChannelBinding) -> Self {
        self.binding = Some(binding);
        self
    }

    /// How the established stream is kept alive (default: off; with
    /// [`KeepAlive::Ping`] the server pings the client, XEP-0199 §4.1).
    pub fn with_keepalive(mut self, keepalive: KeepAlive) -> Self {
        self.keepalive = keepalive;
        self
    }

    /// Sets the TLS offer.
    pub fn with_tls(mut self, tls: ServerTls) -> Self {
        self.tls = tls;
        self
    }

    /// The mechanisms offered, in this order (the `-PLUS` ones only with
    /// channel-binding data, PLAIN only over TLS unless allowed).
    pub fn with_mechanisms(mut self, mechanisms: &[Mechanism]) -> Self {
        self.mechanisms = mechanisms.to_vec();
        self
    }

    /// Offers PLAIN on a stream that is not encrypted.
    pub fn allow_plain_without_tls(mut self, allow: bool) -> Self {
        self.plain_without_tls = allow;
        self
    }

    /// Offers the legacy session establishment (RFC 3921 §3), required or
    /// optional (RFC 6121 Appendix E).
    pub fn with_legacy_session(mut self, session: Requirement) -> Self {
        self.session = Some(session);
        self
    }

    /// Adds a feature to those offered after authentication (roster
    /// versioning, stream management, ...).
    pub fn with_feature(mut self, feature: Element) -> Self {
        self.extra_features.push(feature);
        self
    }

    /// The parser limits for what clients send.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// How many failed authentication attempts a client gets before the
    /// stream is closed (RFC 6120 §6.4.5 asks for between 2 and 5).
    pub fn with_max_auth_attempts(mut self, attempts: u32) -> Self {
        self.max_auth_attempts = attempts.max(1);
        self
    }

    /// The domain served.
    pub fn domain(&self) -> &BareJid {
        &self.domain
    }
}

enum State {
    /// Waiting for the client's stream header.
    Header,
    /// Features sent; waiting for STARTTLS, SASL or a bind request.
    Features,
    /// `<proceed/>` sent; waiting for [`Server::tls_established`].
    TlsHandoff,
    /// `<auth/>` without initial response: the empty challenge is out, the
    /// `<response/>` carries it (RFC 4422 §5, RFC 6120 §6.4.2).
    InitialResponse(Mechanism),
    /// SCRAM: the server-first message is out.
    Scram(Mechanism, Box<ScramServer>),
    /// A bind request with this id is with the caller.
    BindPending(Box<Iq>),
    /// Bound.
    Ready,
    /// A step failed; the core is closing the stream.
    Failed,
}

impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            State::Header => "Header",
            State::Features => "Features",
            State::TlsHandoff => "TlsHandoff",
            State::InitialResponse(_) => "InitialResponse",
            State::Scram(..) => "Scram",
            State::BindPending(_) => "BindPending",
            State::Ready => "Ready",
            State::Failed => "Failed",
        })
    }
}

/// The server side of a client-to-server stream, sans I/O: it sends the
/// header and features, runs STARTTLS and SASL against the caller's
/// [`Credentials`], binds the resource the caller chooses, and then hands
/// over the client's stanzas (their `from` stamped, RFC 6120 §8.1.2.1).
///
/// # Call order
///
/// 1. [`Server::new`] when a client connects.
/// 2. Loop: feed reads to [`handle_input`](Server::handle_input), write out
///    [`poll_transmit`](Server::poll_transmit), handle
///    [`poll_event`](Server::poll_event).
/// 3. On [`Event::StartTls`]: flush, accept TLS on the transport, call
///    [`tls_established`](Server::tls_established).
/// 4. On [`Event::BindRequest`]: [`bind`](Server::bind) a resource (the
///    requested one, or one of your choice) or
///    [`refuse_bind`](Server::refuse_bind) (e.g. `conflict`).
/// 5. After [`Event::Bound`], [`send`](Server::send) stanzas to the client.
/// 6. [`close`](Server::close) or
///    [`close_with_error`](Server::close_with_error).
pub struct Server {
    core: Core<ServerEvent>,
    role: ServerRole,
}

struct ServerRole {
    config: ServerConfig,
    credentials: Box<dyn Credentials + Send>,
    state: State,
    secure: bool,
    binding: Option<ChannelBinding>,
    account: Option<BareJid>,
    jid: Option<FullJid>,
    client_from: Option<Jid>,
    stream_id: Option<String>,
    failed_attempts: u32,
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("domain", &self.role.config.domain)
            .field("state", &self.role.state)
            .field("core", &self.core)
            .field("secure", &self.role.secure)
            .field("account", &self.role.account)
            .field("jid", &self.role.jid)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// A server stream for `config`, checking passwords with `credentials`
    /// and drawing stream ids and nonces from the operating system.
    pub fn new(config: ServerConfig, credentials: impl Credentials + Send + 'static) -> Server {
        Self::with_random(config, credentials, OsRandom)
    }

    /// The same, drawing stream ids and nonces from `random`: for tests
    /// that need to repeat exactly. Never use a predictable source outside
    /// tests.
    pub fn with_random(
        config: ServerConfig,
        credentials: impl Credentials + Send + 'static,
        random: impl Random + Send + 'static,
    ) -> Server {
        let wire = Wire::new(ContentNamespace::Client, config.limits).strict_content_namespace();
        Server {
            core: Core::new(wire, Box::new(random), config.keepalive),
            role: ServerRole {
                secure: config.tls == ServerTls::Direct,
                binding: config.binding.clone(),
                config,
                credentials: Box::new(credentials),
                state: State::Header,
                account: None,
                jid: None,
                client_from: None,
                stream_id: None,
                failed_attempts: 0,
            },
        }
    }

    /// Binds `resource` for the pending [`ServerEvent::BindRequest`] and
    /// answers the client; returns the full JID. Input that came after the
    /// request is handled now.
    pub fn bind(&mut self, resource: &ResourcePart) -> Result<FullJid, UsageError> {
        let (State::BindPending(request), Some(account)) = (&self.role.state, &self.role.account) else {
            return Err(UsageError::NoBindRequest);
        };
        let jid = account.with_resource_part(resource);
        self.core.wire.element(&request.reply_result(&BindResult { jid: jid.clone() }).to_element())?;
        self.role.jid = Some(jid.clone());
        self.role.state = State::Ready;
        self.core.push(ServerEvent::Bound(jid.clone()));
        self.core.process(&mut self.role);
        Ok(jid)
    }

    /// Refuses the pending bind request with `error` (RFC 6120 §7.6.2:
    /// `conflict`, `not-allowed`, `resource-constraint`, `bad-request`); the
    /// client may try again.
    pub fn refuse_bind(&mut self, error: StanzaError) -> Result<(), UsageError> {
        let State::BindPending(request) = &self.role.state else {
            return Err(UsageError::NoBindRequest);
        };
        if let Some(reply) = request.reply_error(error) {
            self.core.wire.element(&reply.to_element())?;
        }
        self.role.state = State::Features;
        self.core.process(&mut self.role);
        Ok(())
    }

    /// Closes the stream with an error (`system-shutdown`, `conflict` when
    /// another session takes the resource, ...; RFC 6120 §4.9).
    pub fn close_with_error(&mut self, error: &StreamError) {
        self.core.close(&self.role, Some(error));
    }

    /// The authenticated account, once [`ServerEvent::Authenticated`] has come.
    pub fn account(&self) -> Option<&BareJid> {
        self.role.account.as_ref()
    }

    /// The client's full JID, once [`ServerEvent::Bound`] has come.
    pub fn jid(&self) -> Option<&FullJid> {
        self.role.jid.as_ref()
    }

    /// Whether the stream is encrypted (after STARTTLS, or direct TLS).
    pub fn is_secure(&self) -> bool {
        self.role.secure
    }
}

session_impl!(Server, ServerEvent);

impl Role for ServerRole {
    type Event = ServerEvent;

    fn tls_handoff(&self) -> bool {
        matches!(self.state, State::TlsHandoff)
    }

    fn tls_established(
        &mut self,
        core: &mut Core<ServerEvent>,
        binding: Option<ChannelBinding>,
    ) -> Result<(), UsageError> {
        if !matches!(self.state, State::TlsHandoff) {
            return Err(UsageError::NoTlsHandoff);
        }
        self.secure = true;
        self.binding = binding;
        core.wire.restart_discarding();
        self.state = State::Header;
        Ok(())
    }

    fn input_mode(&self) -> InputMode {
        match self.state {
            State::TlsHandoff => InputMode::Drop,
            State::BindPending(_) => InputMode::Buffer,
            _ => InputMode::Process,
        }
    }

    fn is_ready(&self) -> bool {
        matches!(self.state, State::Ready)
    }

    fn error_header(&self) -> StreamHeader {
        self.header()
    }

    fn on_header(&mut self, core: &mut Core<ServerEvent>, header: StreamHeader) -> Result<(), Fault> {
        self.on_stream_header(core, header)
    }

    fn on_element(&mut self, core: &mut Core<ServerEvent>, element: Element) -> Result<(), Fault> {
        let state = std::mem::replace(&mut self.state, State::Failed);
        self.state = self.step(core, state, element)?;
        Ok(())
    }

    fn ping(&self, id: &str) -> Option<Element> {
        // XEP-0199 §4.1: server-to-client ping.
        let to = self.jid.as_ref()?;
        Some(
            Element::builder("iq", jabber_stream::ns::CLIENT)
                .attr("type", "get")
                .attr("id", id.to_owned())
                .attr("from", self.config.domain.as_str().to_owned())
                .attr("to", to.as_str().to_owned())
                .child(Element::new("ping", "urn:xmpp:ping"))
                .build(),
        )
    }
}

impl ServerRole {
    /// Our stream header: from the domain, to the client's `from` if it
    /// gave one (RFC 6120 §4.7.2), the stream id.
    fn header(&self) -> StreamHeader {
        let mut header = StreamHeader::new(ContentNamespace::Client)
            .with_from(self.config.domain.clone().into())
            .with_version(Version::V1_0);
        if let Some(id) = &self.stream_id {
            header = header.with_id(id.clone());
        }
        if let Some(to) = &self.client_from {
            header = header.with_to(to.clone());
        }
        header
    }

    /// The step for `element` in `state`: the next state.
    fn step(&mut self, core: &mut Core<ServerEvent>, state: State, element: Element) -> Result<State, Fault> {
        match state {
            State::Features => self.on_negotiation(core, element),
            State::InitialResponse(mechanism) => self.on_exchange(core, &element, Exchange::Initial(mechanism)),
            State::Scram(mechanism, scram) => self.on_exchange(core, &element, Exchange::Scram(mechanism, scram)),
            State::Ready => {
                self.on_stanza(core, element)?;
                Ok(State::Ready)
            }
            // The others take no input (see `input_mode`; a header starts a stream).
            state @ (State::Header | State::TlsHandoff | State::BindPending(_) | State::Failed) => Ok(state),
        }
    }

    fn on_stream_header(&mut self, core: &mut Core<ServerEvent>, header: StreamHeader) -> Result<(), Fault> {
        if !matches!(self.state, State::Header) {
            return Err(Fault::stream(ProtocolViolation::UnexpectedHeader, Condition::InvalidXml));
        }
        self.client_from = header.from.clone();
        self.stream_id = Some(random::stream_id(&mut *core.random).map_err(|e| Fault::quiet(Error::Random(e)))?);
        core.wire.header(&self.header())?;
        if header.content_ns.is_some_and(|ns| ns != ContentNamespace::Client) {
            let found = header.content_ns.map(|ns| ns.as_str().to_owned());
            let violation = ProtocolViolation::WrongStreamNamespace { found, expected: jabber_stream::ns::CLIENT };
            return Err(Fault::stream(violation, Condition::InvalidNamespace));
        }
        // RFC 6120 §4.7.2: a missing `to` is answered with the default host.
        if let Some(to) = header.to.as_ref().filter(|to| to.as_str() != self.config.domain.as_str()) {
            let violation = ProtocolViolation::HostUnknown { to: Some(to.as_str().to_owned()) };
            return Err(Fault::stream(violation, Condition::HostUnknown));
        }
        // RFC 6120 §4.7.5: the major version decides (a higher minor version
        // speaks the same protocol); §4.9.3.25's example refuses 11.0.
        if header.version.is_none_or(|v| v.major != 1) {
            return Err(Fault::stream_with_text(
                ProtocolViolation::UnsupportedVersion { found: header.version },
                Condition::UnsupportedVersion,
                "version 1.0 is required",
            ));
        }
        core.wire.element(&self.features().to_element())?;
        self.state = State::Features;
        Ok(())
    }

    fn tls_pending(&self) -> bool {
        !self.secure && matches!(self.config.tls, ServerTls::Required | ServerTls::Optional)
    }

    fn features(&self) -> StreamFeatures {
        let mut features = StreamFeatures::default();
        if self.tls_pending() {
            features.starttls = Some(if self.config.tls == ServerTls::Required {
                Requirement::Required
            } else {
                Requirement::Optional
            });
            if self.config.tls == ServerTls::Required {
                // RFC 6120 §5.3.1: nothing else before TLS.
                return features;
            }
        }
        if self.account.is_none() {
            features.mechanisms = Some(self.offered_mechanisms().map(|m| m.name().to_owned()).collect());
            if let Some(binding) = &self.binding {
                features.others.push(sasl::channel_binding_feature(&[binding.kind]));
            }
        } else {
            features.bind = true;
            features.session = self.config.session;
            features.others = self.config.extra_features.clone();
        }
        features
    }

    fn offered_mechanisms(&self) -> impl Iterator<Item = Mechanism> + '_ {
        let plain_ok = self.secure || self.config.plain_without_tls;
        let can_bind = self.binding.is_some();
        self.config
            .mechanisms
            .iter()
            .copied()
            .filter(move |m| (*m != Mechanism::Plain || plain_ok) && (!m.channel_binding() || can_bind))
    }

    fn on_negotiation(&mut self, core: &mut Core<ServerEvent>, element: Element) -> Result<State, Fault> {
        if element.ns() == jabber_stanza::ns::TLS {
            if !self.tls_pending() {
                return Err(Fault::stream(ProtocolViolation::StartTlsNotOffered, Condition::PolicyViolation));
            }
            if StartTls::parse(&element) != Ok(StartTls::Request) {
                let violation =
                    ProtocolViolation::UnexpectedElement { name: element.name().into(), ns: element.ns().into() };
                return Err(Fault::stream(violation, Condition::BadFormat));
            }
            core.wire.element(&StartTls::Proceed.to_element())?;
            core.push(ServerEvent::StartTls);
            return Ok(State::TlsHandoff);
        }
        if self.tls_pending() && self.config.tls == ServerTls::Required {
            // RFC 6120 §5.3.1.
            return Err(Fault::stream_with_text(
                Error::TlsRequired,
                Condition::PolicyViolation,
                "STARTTLS is required",
            ));
        }
        if self.account.is_none() {
            if element.ns() != jabber_stanza::ns::SASL {
                // RFC 6120 §6.3.1 and §4.9.3.12: nothing but SASL before authentication.
                return Err(not_authenticated(&element));
            }
            return self.on_sasl(core, &element, None);
        }
        self.on_bind_request(core, element)
    }

    /// An element during an exchange: SASL, or the stream fails as it
    /// would outside one (RFC 6120 §6.3.1, §4.9.3.12).
    fn on_exchange(
        &mut self,
        core: &mut Core<ServerEvent>,
        element: &Element,
        exchange: Exchange,
    ) -> Result<State, Fault> {
        if element.ns() != jabber_stanza::ns::SASL {
            return Err(not_authenticated(element));
        }
        self.on_sasl(core, element, Some(exchange))
    }

    /// A SASL element from the client, with the exchange under way if any.
    /// Whatever is wrong with it fails this attempt with a `<failure/>`
    /// (RFC 6120 §6.4.5), never the stream, until the client has used up
    /// its attempts.
    fn on_sasl(
        &mut self,
        core: &mut Core<ServerEvent>,
        element: &Element,
        exchange: Option<Exchange>,
    ) -> Result<State, Fault> {
        match element.name() {
            // RFC 6120 §6.4.2: a new <auth/> discards a handshake under way.
            "auth" => self.on_auth(core, element),
            // RFC 6120 §6.4.4: answered with <aborted/>, also outside an
            // exchange, whatever the element holds.
            "abort" => self.sasl_failed(core, Error::SaslAborted, SaslCondition::Aborted),
            "response" => {
                let Some(exchange) = exchange else {
                    // RFC 6120 §6.5.8: sent in reply to a <response/> too.
                    return self.sasl_failed(
                        core,
                        Error::SaslUnexpected { element: "response".into() },
                        SaslCondition::MalformedRequest,
                    );
                };
                match Sasl::parse(element) {
                    Ok(Sasl::Response(data)) => self.on_response(core, data, exchange),
                    Ok(_) => self.sasl_failed(
                        core,
                        Error::SaslUnexpected { element: element.name().into() },
                        SaslCondition::MalformedRequest,
                    ),
                    Err(error) => self.sasl_error(core, sasl::unreadable(SaslElement::Response, error)),
                }
            }
            // <challenge/>, <success/> and <failure/> are the server's;
            // other names are no SASL element at all.
            _ => self.sasl_failed(
                core,
                Error::SaslUnexpected { element: element.name().into() },
                SaslCondition::MalformedRequest,
            ),
        }
    }

    fn on_auth(&mut self, core: &mut Core<ServerEvent>, element: &Element) -> Result<State, Fault> {
        // RFC 6120 §6.5.7: no mechanism, or one not offered, whatever the
        // data (only the mechanism could read it).
        let requested = element.attr("mechanism");
        let Some(mechanism) = requested.and_then(|name| self.offered_mechanisms().find(|m| m.name() == name)) else {
            // RFC 6120 §6.5.4: a mechanism this server offers only over an
            // encrypted stream (PLAIN) is `encryption-required` here.
            if requested.is_some_and(|name| self.config.mechanisms.iter().any(|m| m.name() == name)) {
                return self.sasl_failed(core, Error::NoMechanism, SaslCondition::EncryptionRequired);
            }
            return self.sasl_failed(core, Error::NoMechanism, SaslCondition::InvalidMechanism);
        };
        let initial = match Sasl::parse(element) {
            Ok(Sasl::Auth { initial, .. }) => initial,
            Ok(_) => {
                return self.sasl_failed(
                    core,
                    Error::SaslUnexpected { element: element.name().into() },
                    SaslCondition::MalformedRequest,
                );
            }
            // Not base64 (RFC 6120 §6.5.5), or child elements (§6.5.8).
            Err(error) => return self.sasl_error(core, sasl::unreadable(SaslElement::Auth, error)),
        };
        match initial {
            Some(data) => self.on_initial(core, mechanism, &data),
            None => {
                // RFC 4422 §5: the empty challenge asks for the initial
                // response (PLAIN, and SCRAM, which is client-first).
                core.wire.element(&Sasl::Challenge(Vec::new()).to_element())?;
                Ok(State::InitialResponse(mechanism))
            }
        }
    }

    fn on_response(&mut self, core: &mut Core<ServerEvent>, data: Vec<u8>, exchange: Exchange) -> Result<State, Fault> {
        match exchange {
            Exchange::Initial(mechanism) => self.on_initial(core, mechanism, &data),
            Exchange::Scram(mechanism, mut scram) => match scram.handle_client_final(&data) {
                Ok((server_final, who)) => self.authenticated(core, who, mechanism, Some(server_final)),
                Err(error) => self.sasl_error(core, error),
            },
        }
    }

    /// The initial response, whether it came with `<auth/>` or in a
    /// `<response/>` to the empty challenge.
    fn on_initial(&mut self, core: &mut Core<ServerEvent>, mechanism: Mechanism, data: &[u8]) -> Result<State, Fault> {
        let (Some(hash), Some(scram)) = (mechanism.scram_hash(), ScramServer::for_mechanism(mechanism)) else {
            return self.finish_plain(core, data);
        };
        // RFC 5802 §6: with `-PLUS` offered, a client saying `y` is being downgraded.
        let offered_plus = self.offered_mechanisms().any(Mechanism::channel_binding);
        let mut scram = Box::new(scram.with_channel_binding(self.binding.clone(), offered_plus));
        let nonce = sasl::nonce(&mut *core.random).map_err(|e| Fault::quiet(Error::Random(e)))?;
        let credentials = &self.credentials;
        match scram.handle_client_first(data, &nonce, |user| credentials.scram(user, hash)) {
            Ok(challenge) => {
                core.wire.element(&Sasl::Challenge(challenge).to_element())?;
                Ok(State::Scram(mechanism, scram))
            }
            Err(error) => self.sasl_error(core, error),
        }
    }

    fn finish_plain(&mut self, core: &mut Core<ServerEvent>, data: &[u8]) -> Result<State, Fault> {
        let (authzid, username, password) = match sasl::parse_plain(data) {
            Ok(parts) => parts,
            Err(error) => return self.sasl_failed(core, error, SaslCondition::MalformedRequest),
        };
        if !self.credentials.verify_plain(&username, &password) {
            return self.sasl_failed(core, Error::SaslAuthenticationFailed, SaslCondition::NotAuthorized);
        }
        self.authenticated(core, Authenticated { authcid: username, authzid }, Mechanism::Plain, None)
    }

    fn authenticated(
        &mut self,
        core: &mut Core<ServerEvent>,
        who: Authenticated,
        mechanism: Mechanism,
        data: Option<Vec<u8>>,
    ) -> Result<State, Fault> {
        let account = BareJid::new(&format!("{}@{}", who.authcid, self.config.domain));
        let account = match account {
            Ok(account) => account,
            Err(_) => return self.sasl_failed(core, Error::SaslAuthenticationFailed, SaslCondition::NotAuthorized),
        };
        // An authorization identity other than the account itself is not
        // supported (RFC 6120 §6.3.8).
        if let Some(authzid) = &who.authzid
            && BareJid::new(authzid).ok().as_ref() != Some(&account)
        {
            let error = Error::InvalidAuthzid { authzid: authzid.clone() };
            return self.sasl_failed(core, error, SaslCondition::InvalidAuthzid);
        }
        core.wire.element(&Sasl::Success(data).to_element())?;
        self.account = Some(account);
        core.push(ServerEvent::Authenticated { username: who.authcid, authzid: who.authzid, mechanism });
        // RFC 6120 §6.4.6: the client restarts the stream.
        core.wire.restart_keeping();
        Ok(State::Header)
    }

    /// Fails the attempt with the condition the error calls for
    /// ([`Error::sasl_condition`]).
    fn sasl_error(&mut self, core: &mut Core<ServerEvent>, error: Error) -> Result<State, Fault> {
        let condition = error.sasl_condition();
        self.sasl_failed(core, error, condition)
    }

    fn sasl_failed(
        &mut self,
        core: &mut Core<ServerEvent>,
        error: Error,
        condition: SaslCondition,
    ) -> Result<State, Fault> {
        let failure = Sasl::Failure { condition, texts: Texts::new(), received_name: None };
        core.wire.element(&failure.to_element())?;
        core.push(ServerEvent::AuthenticationFailed(error));
        if condition != SaslCondition::Aborted {
            self.failed_attempts += 1;
        }
        if self.failed_attempts >= self.config.max_auth_attempts {
            return Err(Fault::stream_with_text(
                ProtocolViolation::TooManyAttempts { attempts: self.failed_attempts },
                Condition::PolicyViolation,
                "too many failed authentication attempts",
            ));
        }
        Ok(State::Features)
    }

    fn on_bind_request(&mut self, core: &mut Core<ServerEvent>, element: Element) -> Result<State, Fault> {
        let not_bound = |element: &Element| {
            let violation = ProtocolViolation::NotBound { name: element.name().into() };
            Fault::stream_with_text(violation, Condition::NotAuthorized, "bind first")
        };
        if element.name() != "iq" || element.ns() != jabber_stream::ns::CLIENT {
            return Err(not_bound(&element));
        }
        let iq = match Iq::parse(&element) {
            Ok(iq) => iq,
            Err(error) => {
                // The scope of an iq that cannot be read is the iq (RFC 6120
                // §8.3.3.1): answered with its stanza error; the stream stays.
                let error = StanzaError::new(error.stanza_condition());
                let reply = Stanza::error_reply_to(&element, error).ok_or_else(|| not_bound(&element))?;
                core.wire.element(&reply)?;
                return Ok(State::Features);
            }
        };
        let IqKind::Set(payload) = &iq.kind else {
            return Err(not_bound(&element));
        };
        if !payload.is(BindRequest::NAME, BindRequest::NS) {
            return Err(not_bound(&element));
        }
        match BindRequest::parse(payload) {
            Ok(request) => {
                core.push(ServerEvent::BindRequest { resource: request.resource });
                Ok(State::BindPending(Box::new(iq)))
            }
            Err(_) => {
                // RFC 6120 §7.7.2.1: a resource that cannot be prepared.
                let error = StanzaError::new(jabber_stanza::DefinedCondition::BadRequest);
                if let Some(reply) = iq.reply_error(error) {
                    core.wire.element(&reply.to_element())?;
                }
                Ok(State::Features)
            }
        }
    }

    fn on_stanza(&mut self, core: &mut Core<ServerEvent>, element: Element) -> Result<(), Fault> {
        let Some(jid) = &self.jid else {
            // Ready is only reached with a bound JID.
            return Err(not_authenticated(&element));
        };
        let mut event = incoming(element);
        if let Common::Stanza(stanza) = &mut event {
            // Addresses that are not JIDs (kept by the liberal parse): a bad
            // `from` is `invalid-from` (RFC 6120 §4.9.3.9); a bad `to` is
            // refused (§8.3.3.8), never delivered as if it had no `to`.
            if let Some(from) = stanza.invalid_from() {
                let violation = ProtocolViolation::InvalidFrom { from: Some(from.to_owned()) };
                return Err(Fault::stream(violation, Condition::InvalidFrom));
            }
            if stanza.invalid_to().is_some() {
                match refuse_invalid_to(stanza, jid.clone().into()) {
                    Refusal::Reply(reply) => core.wire.stanza(&reply)?,
                    Refusal::HandOver(event) => core.push(event),
                }
                return Ok(());
            }
            // RFC 6120 §8.1.2.1: stamp the full JID; a `from` that is not
            // this session's is `invalid-from` (§4.9.3.9).
            let from = match stanza {
                Stanza::Message(s) => &mut s.from,
                Stanza::Presence(s) => &mut s.from,
                Stanza::Iq(s) => &mut s.from,
            };
            match from {
                None => *from = Some(jid.clone().into()),
                Some(Jid::Full(full)) if full == jid => {}
                Some(Jid::Bare(bare)) if bare.as_str() == jid.bare_str() => {}
                Some(other) => {
                    let violation = ProtocolViolation::InvalidFrom { from: Some(other.as_str().to_owned()) };
                    return Err(Fault::stream(violation, Condition::InvalidFrom));
                }
            }
            // The legacy session request is answered here (RFC 3921 §3).
            if let Stanza::Iq(iq) = stanza
                && let IqKind::Set(payload) = &iq.kind
                && payload.is(SessionRequest::NAME, SessionRequest::NS)
                && iq.to.as_ref().is_none_or(|to| to.as_str() == self.config.domain.as_str())
            {
                let reply = iq.reply_empty_result();
                core.wire.element(&reply.to_element())?;
                return Ok(());
            }
        }
        core.deliver(event);
        Ok(())
    }
}

/// Something else than SASL before authentication (RFC 6120 §6.3.1,
/// §4.9.3.12: `not-authorized`).
fn not_authenticated(element: &Element) -> Fault {
    Fault::stream(ProtocolViolation::NotAuthenticated { name: element.name().into() }, Condition::NotAuthorized)
}

/// A SASL exchange under way on the server.
enum Exchange {
    /// The empty challenge asked for the initial response.
    Initial(Mechanism),
    /// SCRAM: the server-first message is out.
    Scram(Mechanism, Box<ScramServer>),
}
