//! The client side of a `jabber:client` stream: RFC 6120 §4 to §7 (and the
//! legacy session of RFC 3921 §3) from the initiating entity's view.

use std::fmt;

use jabber_jid::{BareJid, FullJid, ResourcePart};
use jabber_stanza::{
    BindRequest, BindResult, Iq, IqKind, Payload, Requirement, Sasl, SessionRequest, StartTls, StreamFeatures,
};
use jabber_stream::{Condition, ContentNamespace, Element, Limits, StreamHeader, Version};

use crate::core::{Core, Fault, InputMode, Role};
use crate::error::{Error, ProtocolViolation, UsageError};
use crate::event::{ClientEvent, incoming};
use crate::random::{OsRandom, Random};
use crate::sasl::{self, ChannelBinding, Gs2CbindFlag, Mechanism, SaslElement, ScramClient};
use crate::session::{KeepAlive, session_impl};
use crate::wire::Wire;

/// Whether and how the client uses TLS.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tls {
    /// Negotiate STARTTLS, and fail with [`Error::TlsRequired`] if the
    /// server does not offer it (the default; RFC 6120 §5.1 makes TLS
    /// mandatory to implement and §13.8 to use).
    #[default]
    Required,
    /// Negotiate STARTTLS if offered, go on in the clear otherwise.
    IfOffered,
    /// Never negotiate STARTTLS: the transport is already encrypted (direct
    /// TLS, XEP-0368) and the stream counts as secure.
    Direct,
    /// Never negotiate STARTTLS, and the stream counts as not secure: only
    /// for tests and local servers.
    Disabled,
}

/// What a [`Client`] is to do: the account, the password and the policies.
#[derive(Clone)]
pub struct ClientConfig {
    account: BareJid,
    password: String,
    resource: Option<ResourcePart>,
    tls: Tls,
    plain_without_tls: bool,
    mechanisms: Vec<Mechanism>,
    limits: Limits,
    lang: Option<String>,
    iterations: (u32, u32),
    keepalive: KeepAlive,
    binding: Option<ChannelBinding>,
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("account", &self.account)
            .field("password", &"<redacted>")
            .field("resource", &self.resource)
            .field("tls", &self.tls)
            .field("plain_without_tls", &self.plain_without_tls)
            .field("mechanisms", &self.mechanisms)
            .field("keepalive", &self.keepalive)
            .finish_non_exhaustive()
    }
}

impl ClientConfig {
    /// Logs in to `account` (`user@domain`) with `password`; TLS required,
    /// every mechanism allowed (the strongest offered is used), PLAIN only
    /// over TLS, the resource chosen by the server, keepalive pings after
    /// 60 s of silence ([`KeepAlive::CLIENT_DEFAULT`]).
    pub fn new(account: BareJid, password: impl Into<String>) -> Self {
        ClientConfig {
            account,
            password: password.into(),
            resource: None,
            tls: Tls::default(),
            plain_without_tls: false,
            mechanisms: Mechanism::ALL.to_vec(),
            limits: Limits::default(),
            lang: None,
            iterations: (ScramClient::DEFAULT_MIN_ITERATIONS, ScramClient::DEFAULT_MAX_ITERATIONS),
            keepalive: KeepAlive::CLIENT_DEFAULT,
            binding: None,
        }
    }

    /// How the established stream is kept alive (pings to the server, RFC
    /// 6120 §4.6.1, XEP-0199 §4.2).
    pub fn with_keepalive(mut self, keepalive: KeepAlive) -> Self {
        self.keepalive = keepalive;
        self
    }

    /// Asks the server for this resource (RFC 6120 §7.7); it may assign
    /// another.
    pub fn with_resource(mut self, resource: ResourcePart) -> Self {
        self.resource = Some(resource);
        self
    }

    /// Sets the TLS policy.
    pub fn with_tls(mut self, tls: Tls) -> Self {
        self.tls = tls;
        self
    }

    /// Allows PLAIN over a stream that is not encrypted (it sends the
    /// password in the clear: only for local test servers).
    pub fn allow_plain_without_tls(mut self, allow: bool) -> Self {
        self.plain_without_tls = allow;
        self
    }

    /// The mechanisms the client may use (it picks the strongest the server
    /// offers, in [`Mechanism::ALL`] order; a `-PLUS` one only with channel
    /// binding, see [`ClientConfig::with_channel_binding`]). A client that
    /// requires channel binding allows only `-PLUS` mechanisms.
    pub fn with_mechanisms(mut self, mechanisms: &[Mechanism]) -> Self {
        self.mechanisms = mechanisms.to_vec();
        self
    }

    /// The parser limits for what the server sends.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The `xml:lang` of the client's stream header.
    pub fn with_lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = Some(lang.into());
        self
    }

    /// The SCRAM iteration counts the client accepts (default 4096 to
    /// 1,000,000): a server cannot make the client spend more.
    pub fn with_scram_iterations(mut self, min: u32, max: u32) -> Self {
        self.iterations = (min, max);
        self
    }

    /// The channel-binding data of a transport that is already TLS (direct
    /// TLS, XEP-0368), for SCRAM's `-PLUS` mechanisms (RFC 5802 §6, RFC
    /// 9266). After STARTTLS it is given to
    /// [`Session::tls_established`](crate::Session::tls_established)
    /// instead. A `-PLUS` mechanism is used only if the server lists the
    /// binding's type (XEP-0440).
    pub fn with_channel_binding(mut self, binding: ChannelBinding) -> Self {
        self.binding = Some(binding);
        self
    }

    /// The account.
    pub fn account(&self) -> &BareJid {
        &self.account
    }
}

#[derive(Debug)]
enum State {
    /// Waiting for the server's stream header.
    Header,
    /// Waiting for `<stream:features/>`.
    Features,
    /// `<starttls/>` sent.
    TlsProceed,
    /// `<proceed/>` received; waiting for [`Session::tls_established`].
    TlsHandoff,
    /// A SASL exchange is under way.
    Sasl(Mechanism, Option<Box<ScramClient>>),
    /// The bind request with this id is out.
    Bind(String),
    /// The legacy session request with this id is out.
    Session(String),
    /// Bound: stanzas flow.
    Ready,
    /// A step failed; the core is closing the stream.
    Failed,
}

/// The client side of an XMPP stream, sans I/O: it turns bytes from the
/// server into [`ClientEvent`]s and commands into bytes for the server,
/// from the first byte to a bound resource and then for the life of the
/// stream. Driven through [`Session`](crate::Session).
///
/// # Call order
///
/// 1. [`Client::new`] queues the stream header.
/// 2. Loop: write out everything [`poll_transmit`](Session::poll_transmit)
///    returns; feed every read to [`handle_input`](Session::handle_input);
///    call [`handle_timeout`](Session::handle_timeout) when
///    [`poll_timeout`](Session::poll_timeout) passes; handle every
///    [`poll_event`](Session::poll_event).
/// 3. On [`ClientEvent::StartTls`]: flush, wrap the transport in TLS, call
///    [`tls_established`](Session::tls_established) (with the TLS
///    session's channel binding, for the `-PLUS` mechanisms), go on over
///    the TLS layer.
/// 4. After [`ClientEvent::Bound`], [`send`](Session::send) stanzas and
///    make tracked [`request`](Session::request)s.
/// 5. [`close`](Session::close), then loop until [`ClientEvent::Closed`].
///
/// # When SASL fails
///
/// The client tries one mechanism, once. If the server refuses it
/// (`<failure/>`, [`Error::SaslFailure`]; a condition the client does not
/// know counts as `not-authorized`, RFC 6120 §6.5), or sends SASL data the
/// client cannot accept, the client reports [`ClientEvent::Failed`] and,
/// having no other mechanism to try, closes the stream (RFC 6120 §6.4.5)
/// without a stream error: the fault is the attempt's, not the stream's.
/// Data that is not base64 (RFC 6120 §13.9.1: "Both the client and the
/// server MUST verify any base 64 data") is
/// [`Error::SaslIncorrectEncoding`]; in a `<challenge/>` the client first
/// sends `<abort/>` (§6.4.4), the initiating entity's way to end a
/// handshake, as it does for a SCRAM message that breaks RFC 5802
/// ([`Error::ScramMalformed`] and the other SCRAM errors); after
/// `<success/>` there is nothing left to abort.
///
/// ```
/// use jabber_session::{Client, ClientConfig, Session, Tls};
/// let config = ClientConfig::new("juliet@example.com".parse()?, "r0m30myr0m30").with_tls(Tls::Direct);
/// let mut client = Client::new(config)?;
/// let header = client.poll_transmit().unwrap();
/// assert!(String::from_utf8(header)?.contains("to='example.com'"));
/// client.handle_input(b"<stream:stream xmlns='jabber:client' \
///     xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='example.com' version='1.0'>\
///     <stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>\
///     <mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>");
/// let auth = String::from_utf8(client.poll_transmit().unwrap())?;
/// assert!(auth.starts_with("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Client {
    core: Core<ClientEvent>,
    role: ClientRole,
}

struct ClientRole {
    config: ClientConfig,
    state: State,
    secure: bool,
    binding: Option<ChannelBinding>,
    authenticated: bool,
    stream_id: Option<String>,
    session: Option<Requirement>,
    jid: Option<FullJid>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("account", &self.role.config.account)
            .field("state", &self.role.state)
            .field("core", &self.core)
            .field("secure", &self.role.secure)
            .field("authenticated", &self.role.authenticated)
            .field("jid", &self.role.jid)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `config`, drawing nonces from the operating system;
    /// the stream header is queued for
    /// [`poll_transmit`](Session::poll_transmit). Fails with
    /// [`UsageError::AccountWithoutLocalpart`] if the account has no
    /// localpart.
    pub fn new(config: ClientConfig) -> Result<Client, UsageError> {
        Self::with_random(config, OsRandom)
    }

    /// The same, drawing nonces from `random`: for tests that need to
    /// repeat exactly. Never use a predictable source outside tests.
    pub fn with_random(config: ClientConfig, random: impl Random + Send + 'static) -> Result<Client, UsageError> {
        if config.account.node().is_none() {
            return Err(UsageError::AccountWithoutLocalpart { account: config.account.clone().into() });
        }
        let core = Core::new(Wire::new(ContentNamespace::Client, config.limits), Box::new(random), config.keepalive);
        let role = ClientRole {
            secure: config.tls == Tls::Direct,
            binding: config.binding.clone(),
            config,
            state: State::Header,
            authenticated: false,
            stream_id: None,
            session: None,
            jid: None,
        };
        let mut client = Client { core, role };
        client.role.send_header(&mut client.core)?;
        Ok(client)
    }

    /// The bound address, once [`ClientEvent::Bound`] has come.
    pub fn jid(&self) -> Option<&FullJid> {
        self.role.jid.as_ref()
    }

    /// Whether the stream is encrypted (after STARTTLS, or direct TLS).
    pub fn is_secure(&self) -> bool {
        self.role.secure
    }

    /// The id the server gave the current stream.
    pub fn stream_id(&self) -> Option<&str> {
        self.role.stream_id.as_deref()
    }

    /// How many tracked requests wait for their response.
    pub fn pending_requests(&self) -> usize {
        self.core.pending_requests()
    }
}

session_impl!(Client, ClientEvent);

impl ClientRole {
    fn send_header(&mut self, core: &mut Core<ClientEvent>) -> Result<(), UsageError> {
        let domain = self.config.account.domain_jid();
        let mut header = StreamHeader::new(ContentNamespace::Client).with_to(domain.into()).with_version(Version::V1_0);
        if self.secure {
            // RFC 6120 §4.7.1: the bare JID, once the stream is encrypted.
            header = header.with_from(self.config.account.clone().into());
        }
        if let Some(lang) = &self.config.lang {
            header = header.with_lang(lang.clone());
        }
        core.wire.header(&header)
    }

    /// The step for `element` in `state`: the next state.
    fn step(&mut self, core: &mut Core<ClientEvent>, state: State, element: Element) -> Result<State, Fault> {
        match state {
            State::Features => self.on_features(core, &element),
            State::TlsProceed => match StartTls::parse(&element) {
                Ok(StartTls::Proceed) => {
                    core.push(ClientEvent::StartTls);
                    Ok(State::TlsHandoff)
                }
                Ok(StartTls::Failure) => Err(Fault::quiet(Error::TlsFailed)),
                _ => Err(unexpected(&element)),
            },
            State::Sasl(mechanism, scram) => self.on_sasl(core, &element, mechanism, scram),
            State::Bind(id) => self.on_bind(core, element, id),
            State::Session(id) => self.on_session(core, element, id),
            State::Ready => {
                self.deliver(core, element);
                Ok(State::Ready)
            }
            State::Header | State::TlsHandoff | State::Failed => Err(unexpected(&element)),
        }
    }

    /// A stanza or nonza from the server: responses to tracked requests
    /// become [`ClientEvent::Response`].
    fn deliver(&mut self, core: &mut Core<ClientEvent>, element: Element) {
        core.deliver(incoming(element));
    }

    fn on_features(&mut self, core: &mut Core<ClientEvent>, element: &Element) -> Result<State, Fault> {
        if !element.is("features", jabber_stream::ns::STREAM) {
            return Err(unexpected(element));
        }
        let features = StreamFeatures::parse(element).map_err(|e| Fault::stream(e, Condition::BadFormat))?;
        // RFC 6120 §4.3.2, §4.9.3.23: a feature the server marks as
        // mandatory-to-negotiate that this machine does not implement.
        // (A second copy of a feature this machine knows lands among the
        // others too: it is not unsupported.)
        use jabber_stanza::ns::{BIND, PRE_APPROVAL, ROSTER_VER, SASL, SESSION, TLS};
        let known = |f: &Element| {
            [
                ("starttls", TLS),
                ("mechanisms", SASL),
                ("sasl-channel-binding", sasl::SASL_CB_NS),
                ("bind", BIND),
                ("session", SESSION),
                ("ver", ROSTER_VER),
                ("sub", PRE_APPROVAL),
            ]
            .iter()
            .any(|(name, ns)| f.is(name, ns))
        };
        let required = |f: &&Element| !known(f) && f.children().any(|c| c.is("required", f.ns()));
        // Only when nothing else mandatory-to-negotiate is offered beside it
        // (§4.9.3.23): STARTTLS, SASL and binding are, and go first.
        let other_mandatory = features.starttls.is_some() || features.mechanisms.is_some() || features.bind;
        if let (false, Some(feature)) = (other_mandatory, features.others.iter().find(required)) {
            let error = Error::UnsupportedFeature { name: feature.name().into(), ns: feature.ns().into() };
            return Err(Fault::stream(error, Condition::UnsupportedFeature));
        }
        if !self.secure && features.starttls.is_some() && matches!(self.config.tls, Tls::Required | Tls::IfOffered) {
            core.wire.element(&StartTls::Request.to_element())?;
            return Ok(State::TlsProceed);
        }
        if !self.secure && self.config.tls == Tls::Required {
            return Err(Fault::quiet(Error::TlsRequired));
        }
        if !self.authenticated {
            if !self.secure && features.starttls == Some(Requirement::Required) {
                return Err(Fault::quiet(Error::TlsRequired));
            }
            let offered = features.mechanisms.ok_or(Fault::quiet(ProtocolViolation::NoSaslOffered))?;
            let plain_ok = self.secure || self.config.plain_without_tls;
            // XEP-0440: the binding types the server lists, if it lists any.
            let advertised = sasl::advertised_channel_bindings(&features.others);
            let types = advertised.as_ref().map(|a| a.types.as_slice());
            let (mechanism, flag) =
                sasl::choose_with_binding(&offered, &self.config.mechanisms, plain_ok, self.binding.as_ref(), types)
                    .ok_or(Fault::quiet(Error::NoMechanism))?;
            return self.start_sasl(core, mechanism, flag);
        }
        if !features.bind {
            return Err(Fault::quiet(ProtocolViolation::NoBindOffered));
        }
        self.session = features.session;
        let id = core.new_id("bind");
        let request = Iq::set(id.clone(), &BindRequest { resource: self.config.resource.clone() });
        core.wire.element(&request.to_element())?;
        Ok(State::Bind(id))
    }

    fn start_sasl(
        &mut self,
        core: &mut Core<ClientEvent>,
        mechanism: Mechanism,
        flag: Gs2CbindFlag,
    ) -> Result<State, Fault> {
        let username = self.username().to_owned();
        let (initial, scram) = match mechanism.scram_hash() {
            None => (sasl::plain_message(None, &username, &self.config.password), None),
            Some(hash) => {
                let nonce = sasl::nonce(&mut *core.random).map_err(|e| Fault::quiet(Error::Random(e)))?;
                let (min, max) = self.config.iterations;
                let mut scram = ScramClient::new(hash, &username, &self.config.password, None, nonce)
                    .map_err(Fault::quiet)?
                    .with_iteration_bounds(min, max)
                    .with_channel_binding(flag);
                (scram.client_first(), Some(Box::new(scram)))
            }
        };
        let auth = Sasl::Auth { mechanism: mechanism.name().to_owned(), initial: Some(initial) };
        core.wire.element(&auth.to_element())?;
        Ok(State::Sasl(mechanism, scram))
    }

    fn on_sasl(
        &mut self,
        core: &mut Core<ClientEvent>,
        element: &Element,
        mechanism: Mechanism,
        mut scram: Option<Box<ScramClient>>,
    ) -> Result<State, Fault> {
        if element.ns() != jabber_stanza::ns::SASL {
            return Err(unexpected(element));
        }
        let message = match Sasl::parse(element) {
            Ok(message) => message,
            Err(error) => return Err(sasl_unreadable(core, element, error)),
        };
        match message {
            Sasl::Challenge(data) => {
                let Some(client) = scram.as_mut() else {
                    return Err(abort(core, Error::SaslUnexpected { element: "challenge".into() }));
                };
                // A server may send the server-final message as a last
                // challenge (RFC 6120 §6.3.10 allows either): answer it with
                // an empty response.
                let reply = if client.is_done() {
                    return Err(abort(core, Error::SaslUnexpected { element: "challenge".into() }));
                } else if client.awaits_server_first() {
                    client.handle_server_first(&data)
                } else {
                    client.handle_server_final(&data).map(|()| Vec::new())
                };
                let reply = reply.map_err(|e| abort(core, e))?;
                core.wire.element(&Sasl::Response(reply).to_element())?;
                Ok(State::Sasl(mechanism, scram))
            }
            Sasl::Success(data) => {
                if let Some(client) = scram.as_mut()
                    && !client.is_done()
                {
                    let Some(data) = data else {
                        return Err(Fault::quiet(Error::ScramServerSignatureMismatch));
                    };
                    client.handle_server_final(&data).map_err(Fault::quiet)?;
                }
                self.authenticated = true;
                core.push(ClientEvent::Authenticated { mechanism });
                // RFC 6120 §6.4.6: restart, keeping what followed <success/>.
                core.wire.restart_keeping();
                self.send_header(core)?;
                Ok(State::Header)
            }
            Sasl::Failure { condition, texts, .. } => {
                let text = texts.default_text().map(str::to_owned);
                Err(Fault::quiet(Error::SaslFailure { condition, text }))
            }
            Sasl::Auth { .. } | Sasl::Response(_) | Sasl::Abort => Err(unexpected(element)),
        }
    }

    fn on_bind(&mut self, core: &mut Core<ClientEvent>, element: Element, id: String) -> Result<State, Fault> {
        let Some(iq) = self.response(core, element, &id)? else {
            return Ok(State::Bind(id));
        };
        match iq.kind {
            IqKind::Result(Some(payload)) => {
                let bound = BindResult::parse(&payload).map_err(Fault::quiet)?;
                self.jid = Some(bound.jid);
            }
            IqKind::Error { error, .. } => return Err(Fault::quiet(Error::Bind(error))),
            // `response` hands over results and errors only.
            IqKind::Result(None) | IqKind::Get(_) | IqKind::Set(_) => {
                return Err(Fault::quiet(ProtocolViolation::BindResultWithoutJid));
            }
        }
        if self.session == Some(Requirement::Required) {
            let id = core.new_id("session");
            core.wire.element(&Iq::set(id.clone(), &SessionRequest).to_element())?;
            return Ok(State::Session(id));
        }
        Ok(self.ready(core))
    }

    fn on_session(&mut self, core: &mut Core<ClientEvent>, element: Element, id: String) -> Result<State, Fault> {
        let Some(iq) = self.response(core, element, &id)? else {
            return Ok(State::Session(id));
        };
        if let IqKind::Error { error, .. } = iq.kind {
            return Err(Fault::quiet(Error::Session(error)));
        }
        Ok(self.ready(core))
    }

    /// The response to the negotiation request `id`, or `None` when
    /// `element` is something else (delivered as an event, not lost).
    fn response(&mut self, core: &mut Core<ClientEvent>, element: Element, id: &str) -> Result<Option<Iq>, Fault> {
        if element.name() == "iq" && element.ns() == jabber_stream::ns::CLIENT && element.attr("id") == Some(id) {
            let iq = Iq::parse(&element).map_err(|e| Fault::stream(e, Condition::BadFormat))?;
            if iq.kind.is_request() {
                return Err(Fault::quiet(ProtocolViolation::RequestReusedId { id: id.to_owned() }));
            }
            return Ok(Some(iq));
        }
        self.deliver(core, element);
        Ok(None)
    }

    fn ready(&mut self, core: &mut Core<ClientEvent>) -> State {
        if let Some(jid) = &self.jid {
            core.set_own_jid(jid.clone());
            core.push(ClientEvent::Bound(jid.clone()));
        }
        State::Ready
    }

    fn username(&self) -> &str {
        // Checked in `Client::with_random`.
        self.config.account.node().unwrap_or_default()
    }
}

impl Role for ClientRole {
    type Event = ClientEvent;

    fn tls_handoff(&self) -> bool {
        matches!(self.state, State::TlsHandoff)
    }

    fn tls_established(
        &mut self,
        core: &mut Core<ClientEvent>,
        binding: Option<ChannelBinding>,
    ) -> Result<(), UsageError> {
        if !matches!(self.state, State::TlsHandoff) {
            return Err(UsageError::NoTlsHandoff);
        }
        self.secure = true;
        self.binding = binding;
        core.wire.restart_discarding();
        self.state = State::Header;
        self.send_header(core)
    }

    fn input_mode(&self) -> InputMode {
        match self.state {
            State::TlsHandoff => InputMode::Drop,
            _ => InputMode::Process,
        }
    }

    fn is_ready(&self) -> bool {
        matches!(self.state, State::Ready)
    }

    fn error_header(&self) -> StreamHeader {
        StreamHeader::new(ContentNamespace::Client)
    }

    fn on_header(&mut self, _core: &mut Core<ClientEvent>, header: StreamHeader) -> Result<(), Fault> {
        if !matches!(self.state, State::Header) {
            return Err(Fault::stream(ProtocolViolation::UnexpectedHeader, Condition::InvalidXml));
        }
        if header.content_ns.is_some_and(|ns| ns != ContentNamespace::Client) {
            let found = header.content_ns.map(|ns| ns.as_str().to_owned());
            let violation = ProtocolViolation::WrongStreamNamespace { found, expected: jabber_stream::ns::CLIENT };
            return Err(Fault::stream(violation, Condition::InvalidNamespace));
        }
        if header.version.is_none_or(|v| v.major < 1) {
            let violation = ProtocolViolation::UnsupportedVersion { found: header.version };
            return Err(Fault::stream(violation, Condition::UnsupportedVersion));
        }
        self.stream_id = header.id;
        self.state = State::Features;
        Ok(())
    }

    fn on_element(&mut self, core: &mut Core<ClientEvent>, element: Element) -> Result<(), Fault> {
        let state = std::mem::replace(&mut self.state, State::Failed);
        self.state = self.step(core, state, element)?;
        Ok(())
    }

    fn ping(&self, id: &str) -> Option<Element> {
        // XEP-0199 §4.2: client-to-server ping, to the account's server.
        let ping = Element::new("ping", "urn:xmpp:ping");
        Some(
            Element::builder("iq", jabber_stream::ns::CLIENT)
                .attr("type", "get")
                .attr("id", id.to_owned())
                .attr("to", self.config.account.domain().to_owned())
                .child(ping)
                .build(),
        )
    }
}

/// An element the negotiation does not expect at this step
/// (`unsupported-stanza-type`, RFC 6120 §4.9.3.24).
fn unexpected(element: &Element) -> Fault {
    let violation = ProtocolViolation::UnexpectedElement { name: element.name().into(), ns: element.ns().into() };
    Fault::stream(violation, Condition::UnsupportedStanzaType)
}

/// A SASL element from the server that does not parse. Its scope is
/// the attempt, not the stream (no stream error): RFC 6120 §13.9.1 has
/// both sides reject data that is not base64, and the initiating
/// entity's way to end a handshake is `<abort/>` (§6.4.4), so:
///
/// - `<challenge/>`: `<abort/>`, and [`Error::SaslIncorrectEncoding`]
///   (or the element error for other faults);
/// - `<success/>`: the exchange is over on the server's side, so no
///   abort, but the client cannot take it as success (a SCRAM server
///   signature it cannot read is no signature):
///   [`Error::SaslIncorrectEncoding`];
/// - `<failure/>`: the attempt failed anyway; the element error says
///   what was wrong with it.
///
/// Then, with no other mechanism to try, the client closes the stream
/// (RFC 6120 §6.4.5: it "SHOULD simply close the stream").
fn sasl_unreadable(core: &mut Core<ClientEvent>, element: &Element, error: jabber_stanza::Error) -> Fault {
    match element.name() {
        "challenge" => abort(core, sasl::unreadable(SaslElement::Challenge, error)),
        "success" => Fault::quiet(sasl::unreadable(SaslElement::Success, error)),
        "failure" => Fault::quiet(Error::Element(error)),
        // <auth/>, <response/>, <abort/> are not the server's to send;
        // other names are no SASL element.
        _ => unexpected(element),
    }
}

/// Gives up a SASL exchange the server got wrong: `<abort/>` (RFC 6120
/// §6.4.4) and close.
fn abort(core: &mut Core<ClientEvent>, error: Error) -> Fault {
    let _ = core.wire.element(&Sasl::Abort.to_element());
    Fault::quiet(error)
}
