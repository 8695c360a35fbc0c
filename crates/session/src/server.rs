//! The server side of a `jabber:client` stream: RFC 6120 §4 to §7 from the
//! receiving entity's view, for servers and for test doubles of one.

use std::collections::VecDeque;
use std::fmt;

use jabber_jid::{BareJid, FullJid, Jid, ResourcePart};
use jabber_stanza::{
    BindRequest, BindResult, Iq, IqKind, Payload, Requirement, Sasl, SaslCondition, SessionRequest, Stanza,
    StanzaError, StartTls, StreamError, StreamFeatures, Texts,
};
use jabber_stream::{Condition, ContentNamespace, Element, Limits, StreamHeader, Version};

use crate::error::Error;
use crate::event::{Event, Refusal, incoming, refuse_invalid_to};
use crate::sasl::{self, Authenticated, Credentials, Mechanism, Random, SaslElement, ScramServer};
use crate::wire::{Input, Wire};

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
}

impl ServerConfig {
    /// A server for `domain` (a JID without localpart or resource): TLS
    /// required, every mechanism offered (PLAIN only over TLS), no legacy
    /// session, three authentication attempts.
    pub fn new(domain: BareJid) -> Result<Self, Error> {
        if domain.node().is_some() {
            return Err(Error::Config("a server's domain has no localpart"));
        }
        Ok(ServerConfig {
            domain,
            tls: ServerTls::default(),
            mechanisms: Mechanism::PREFERENCE.to_vec(),
            plain_without_tls: false,
            session: None,
            extra_features: Vec::new(),
            limits: Limits::default(),
            max_auth_attempts: 3,
        })
    }

    /// Sets the TLS offer.
    pub fn with_tls(mut self, tls: ServerTls) -> Self {
        self.tls = tls;
        self
    }

    /// The mechanisms offered, in this order.
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
    /// Our `</stream:stream>` is out.
    Closing,
    /// Over.
    Closed,
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
            State::Closing => "Closing",
            State::Closed => "Closed",
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
    config: ServerConfig,
    credentials: Box<dyn Credentials + Send>,
    random: Box<dyn Random + Send>,
    wire: Wire,
    state: State,
    events: VecDeque<Event>,
    secure: bool,
    account: Option<BareJid>,
    jid: Option<FullJid>,
    client_from: Option<Jid>,
    failed_attempts: u32,
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("domain", &self.config.domain)
            .field("state", &self.state)
            .field("secure", &self.secure)
            .field("account", &self.account)
            .field("jid", &self.jid)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// A server stream for `config`, checking passwords with `credentials`
    /// and drawing stream ids and nonces from `random`.
    pub fn new(
        config: ServerConfig,
        credentials: impl Credentials + Send + 'static,
        random: impl Random + Send + 'static,
    ) -> Server {
        Server {
            wire: Wire::new(ContentNamespace::Client, config.limits).strict_content_namespace(),
            secure: config.tls == ServerTls::Direct,
            config,
            credentials: Box::new(credentials),
            random: Box::new(random),
            state: State::Header,
            events: VecDeque::new(),
            account: None,
            jid: None,
            client_from: None,
            failed_attempts: 0,
        }
    }

    /// Bytes to write to the client, if any.
    pub fn poll_transmit(&mut self) -> Option<Vec<u8>> {
        self.wire.take_transmit()
    }

    /// The next event, if any.
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// Handles bytes read from the client. While a bind request waits for
    /// [`bind`](Server::bind) or [`refuse_bind`](Server::refuse_bind), and
    /// during the TLS hand-off, input is buffered, not handled.
    pub fn handle_input(&mut self, bytes: &[u8]) {
        if matches!(self.state, State::Closed | State::TlsHandoff) {
            return;
        }
        self.wire.feed(bytes);
        self.process();
    }

    /// The client's end of input (the connection closed). A stream the
    /// client did not close ends with [`Event::Failed`] before
    /// [`Event::Closed`].
    pub fn handle_eof(&mut self) {
        if !matches!(self.state, State::Closed) {
            self.wire.end_of_input(&mut self.events, matches!(self.state, State::Closing));
            self.state = State::Closed;
        }
    }

    /// Tells the machine TLS is up (after [`Event::StartTls`]); it waits for
    /// the client's new header.
    pub fn tls_established(&mut self) -> Result<(), Error> {
        if !matches!(self.state, State::TlsHandoff) {
            return Err(Error::WrongState("tls_established without a STARTTLS hand-off"));
        }
        self.secure = true;
        self.wire.restart_discarding();
        self.state = State::Header;
        Ok(())
    }

    /// Binds `resource` for the pending [`Event::BindRequest`] and answers
    /// the client; returns the full JID.
    pub fn bind(&mut self, resource: &ResourcePart) -> Result<FullJid, Error> {
        if !matches!(self.state, State::BindPending(_)) {
            return Err(Error::WrongState("bind without a bind request"));
        }
        let State::BindPending(request) = std::mem::replace(&mut self.state, State::Features) else {
            unreachable!("checked above")
        };
        let Some(account) = &self.account else {
            return Err(Error::WrongState("bind before authentication"));
        };
        let jid = account.with_resource_part(resource);
        self.wire.element(&request.reply_result(&BindResult { jid: jid.clone() }).to_element())?;
        self.jid = Some(jid.clone());
        self.state = State::Ready;
        self.events.push_back(Event::Bound(jid.clone()));
        self.process();
        Ok(jid)
    }

    /// Refuses the pending bind request with `error` (RFC 6120 §7.6.2:
    /// `conflict`, `not-allowed`, `resource-constraint`, `bad-request`); the
    /// client may try again.
    pub fn refuse_bind(&mut self, error: StanzaError) -> Result<(), Error> {
        if !matches!(self.state, State::BindPending(_)) {
            return Err(Error::WrongState("refuse_bind without a bind request"));
        }
        let State::BindPending(request) = std::mem::replace(&mut self.state, State::Features) else {
            unreachable!("checked above")
        };
        if let Some(reply) = request.reply_error(error) {
            self.wire.element(&reply.to_element())?;
        }
        self.process();
        Ok(())
    }

    /// Sends a stanza to the client (after [`Event::Bound`]).
    pub fn send(&mut self, stanza: &Stanza) -> Result<(), Error> {
        if !matches!(self.state, State::Ready) {
            return Err(Error::NotReady);
        }
        self.wire.stanza(stanza)
    }

    /// Sends any first-level element (after [`Event::Bound`]).
    pub fn send_element(&mut self, element: &Element) -> Result<(), Error> {
        if !matches!(self.state, State::Ready) {
            return Err(Error::NotReady);
        }
        self.wire.element(element)
    }

    /// Closes the stream (RFC 6120 §4.4).
    pub fn close(&mut self) {
        if matches!(self.state, State::Closing | State::Closed) {
            return;
        }
        self.close_with(None);
        self.state = State::Closing;
    }

    /// Closes the stream with an error (`system-shutdown`, `conflict` when
    /// another session takes the resource, ...).
    pub fn close_with_error(&mut self, error: &StreamError) {
        if matches!(self.state, State::Closing | State::Closed) {
            return;
        }
        self.close_with(Some(error));
        self.state = State::Closing;
    }

    /// The authenticated account, once [`Event::Authenticated`] has come.
    pub fn account(&self) -> Option<&BareJid> {
        self.account.as_ref()
    }

    /// The client's full JID, once [`Event::Bound`] has come.
    pub fn jid(&self) -> Option<&FullJid> {
        self.jid.as_ref()
    }

    /// Whether stanzas flow.
    pub fn is_ready(&self) -> bool {
        matches!(self.state, State::Ready)
    }

    /// Whether the stream is over.
    pub fn is_closed(&self) -> bool {
        matches!(self.state, State::Closed)
    }

    fn close_with(&mut self, error: Option<&StreamError>) {
        let (domain, to, random) = (&self.config.domain, self.client_from.as_ref(), &mut self.random);
        self.wire.close_with(error, || header(domain, to, &mut **random));
    }

    fn header(&mut self) -> StreamHeader {
        header(&self.config.domain, self.client_from.as_ref(), &mut *self.random)
    }

    /// Handles buffered input up to the end, or up to a point where the
    /// caller must act first (the TLS hand-off, a bind request): what
    /// follows is handled once it has, so the outcome never depends on how
    /// the input was chunked.
    fn process(&mut self) {
        while !matches!(self.state, State::Closed | State::TlsHandoff | State::BindPending(_)) {
            let orderly = matches!(self.state, State::Closing | State::Ready);
            let (domain, to, random) = (&self.config.domain, self.client_from.as_ref(), &mut self.random);
            let result = match self.wire.next_input(&mut self.events, orderly, || header(domain, to, &mut **random)) {
                Input::Pending => return,
                Input::Over => {
                    self.state = State::Closed;
                    return;
                }
                Input::Closing => {
                    self.state = State::Closing;
                    continue;
                }
                Input::Header(header) => self.on_header(*header),
                Input::Element(element) => self.on_element(element),
            };
            if let Err(fault) = result {
                self.fail(fault);
            }
        }
    }

    fn fail(&mut self, fault: Fault) {
        self.close_with(fault.stream_error().as_ref());
        self.events.push_back(Event::Failed(fault.error));
        self.state = State::Closing;
    }

    fn on_element(&mut self, element: Element) -> Result<(), Fault> {
        match std::mem::replace(&mut self.state, State::Closing) {
            State::Features => self.on_negotiation(element),
            State::InitialResponse(mechanism) => self.on_exchange(&element, Exchange::Initial(mechanism)),
            State::Scram(mechanism, scram) => self.on_exchange(&element, Exchange::Scram(mechanism, scram)),
            State::Ready => {
                self.state = State::Ready;
                self.on_stanza(element)
            }
            // Closing: what the client sends after our close is dropped. The
            // others take no input (see `process`; a header starts a stream).
            State::Closing | State::Header | State::TlsHandoff | State::BindPending(_) | State::Closed => Ok(()),
        }
    }

    fn on_header(&mut self, header: StreamHeader) -> Result<(), Fault> {
        if !matches!(self.state, State::Header) {
            return Err(Fault::new(Error::Protocol("a second stream header"), Condition::InvalidXml, ""));
        }
        self.client_from = header.from.clone();
        let ours = self.header();
        self.wire.header(&ours).map_err(Fault::quiet)?;
        if header.content_ns.is_some_and(|ns| ns != ContentNamespace::Client) {
            return Err(Fault::new(Error::Protocol("not a jabber:client stream"), Condition::InvalidNamespace, ""));
        }
        // RFC 6120 §4.7.2: a missing `to` is answered with the default host.
        if header.to.as_ref().is_some_and(|to| to.as_str() != self.config.domain.as_str()) {
            return Err(Fault::new(Error::Protocol("the client asked for another host"), Condition::HostUnknown, ""));
        }
        // RFC 6120 §4.7.5: the major version decides (a higher minor version
        // speaks the same protocol); §4.9.3.25's example refuses 11.0.
        if header.version.is_none_or(|v| v.major != 1) {
            return Err(Fault::new(
                Error::Protocol("the client does not speak XMPP 1.x"),
                Condition::UnsupportedVersion,
                "version 1.0 is required",
            ));
        }
        let features = self.features().to_element();
        self.wire.element(&features).map_err(Fault::quiet)?;
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
        } else {
            features.bind = true;
            features.session = self.config.session;
            features.others = self.config.extra_features.clone();
        }
        features
    }

    fn offered_mechanisms(&self) -> impl Iterator<Item = Mechanism> + '_ {
        let plain_ok = self.secure || self.config.plain_without_tls;
        self.config.mechanisms.iter().copied().filter(move |m| *m != Mechanism::Plain || plain_ok)
    }

    fn on_negotiation(&mut self, element: Element) -> Result<(), Fault> {
        self.state = State::Features;
        if element.ns() == jabber_stanza::ns::TLS {
            if !self.tls_pending() {
                return Err(Fault::new(Error::Protocol("STARTTLS not offered"), Condition::PolicyViolation, ""));
            }
            if StartTls::parse(&element) != Ok(StartTls::Request) {
                return Err(Fault::new(Error::Protocol("not <starttls/>"), Condition::BadFormat, ""));
            }
            self.wire.element(&StartTls::Proceed.to_element()).map_err(Fault::quiet)?;
            self.state = State::TlsHandoff;
            self.events.push_back(Event::StartTls);
            return Ok(());
        }
        if self.tls_pending() && self.config.tls == ServerTls::Required {
            // RFC 6120 §5.3.1.
            return Err(Fault::new(Error::TlsRequired, Condition::PolicyViolation, "STARTTLS is required"));
        }
        if self.account.is_none() {
            if element.ns() != jabber_stanza::ns::SASL {
                // RFC 6120 §6.3.1 and §4.9.3.12: nothing but SASL before authentication.
                return Err(Fault::new(Error::Protocol("not authenticated"), Condition::NotAuthorized, ""));
            }
            return self.on_sasl(&element, None);
        }
        self.on_bind_request(element)
    }

    /// An element during an exchange: SASL, or the stream fails as it
    /// would outside one (RFC 6120 §6.3.1, §4.9.3.12).
    fn on_exchange(&mut self, element: &Element, exchange: Exchange) -> Result<(), Fault> {
        self.state = State::Features;
        if element.ns() != jabber_stanza::ns::SASL {
            return Err(Fault::new(Error::Protocol("not authenticated"), Condition::NotAuthorized, ""));
        }
        self.on_sasl(element, Some(exchange))
    }

    /// A SASL element from the client, with the exchange under way if any.
    /// Whatever is wrong with it fails this attempt with a `<failure/>`
    /// (RFC 6120 §6.4.5), never the stream, until the client has used up
    /// its attempts.
    fn on_sasl(&mut self, element: &Element, exchange: Option<Exchange>) -> Result<(), Fault> {
        self.state = State::Features;
        match element.name() {
            // RFC 6120 §6.4.2: a new <auth/> discards a handshake under way.
            "auth" => self.on_auth(element),
            // RFC 6120 §6.4.4: answered with <aborted/>, also outside an
            // exchange, whatever the element holds.
            "abort" => self.sasl_failed(Error::SaslUnexpected("abort"), SaslCondition::Aborted),
            "response" => {
                let Some(exchange) = exchange else {
                    // RFC 6120 §6.5.8: sent in reply to a <response/> too.
                    return self.sasl_failed(
                        Error::SaslUnexpected("a response outside an exchange"),
                        SaslCondition::MalformedRequest,
                    );
                };
                match Sasl::parse(element) {
                    Ok(Sasl::Response(data)) => self.on_response(data, exchange),
                    Ok(_) => {
                        self.sasl_failed(Error::SaslUnexpected("not <response/>"), SaslCondition::MalformedRequest)
                    }
                    Err(error) => self.sasl_error(sasl::unreadable(SaslElement::Response, error)),
                }
            }
            // <challenge/>, <success/> and <failure/> are the server's;
            // other names are no SASL element at all.
            _ => self.sasl_failed(
                Error::SaslUnexpected("not <auth/>, <response/> or <abort/>"),
                SaslCondition::MalformedRequest,
            ),
        }
    }

    fn on_auth(&mut self, element: &Element) -> Result<(), Fault> {
        // RFC 6120 §6.5.7: no mechanism, or one not offered, whatever the
        // data (only the mechanism could read it).
        let requested = element.attr("mechanism");
        let Some(mechanism) = requested.and_then(|name| self.offered_mechanisms().find(|m| m.name() == name)) else {
            // RFC 6120 §6.5.4: a mechanism this server offers only over an
            // encrypted stream (PLAIN) is `encryption-required` here.
            if requested.is_some_and(|name| self.config.mechanisms.iter().any(|m| m.name() == name)) {
                return self.sasl_failed(Error::NoMechanism, SaslCondition::EncryptionRequired);
            }
            return self.sasl_failed(Error::NoMechanism, SaslCondition::InvalidMechanism);
        };
        let initial = match Sasl::parse(element) {
            Ok(Sasl::Auth { initial, .. }) => initial,
            Ok(_) => return self.sasl_failed(Error::SaslUnexpected("not <auth/>"), SaslCondition::MalformedRequest),
            // Not base64 (RFC 6120 §6.5.5), or child elements (§6.5.8).
            Err(error) => return self.sasl_error(sasl::unreadable(SaslElement::Auth, error)),
        };
        match initial {
            Some(data) => self.on_initial(mechanism, &data),
            None => {
                // RFC 4422 §5: the empty challenge asks for the initial
                // response (PLAIN, and SCRAM, which is client-first).
                self.wire.element(&Sasl::Challenge(Vec::new()).to_element()).map_err(Fault::quiet)?;
                self.state = State::InitialResponse(mechanism);
                Ok(())
            }
        }
    }

    fn on_response(&mut self, data: Vec<u8>, exchange: Exchange) -> Result<(), Fault> {
        match exchange {
            Exchange::Initial(mechanism) => self.on_initial(mechanism, &data),
            Exchange::Scram(mechanism, mut scram) => match scram.handle_client_final(&data) {
                Ok((server_final, who)) => self.authenticated(who, mechanism, Some(server_final)),
                Err(error) => self.sasl_error(error),
            },
        }
    }

    /// The initial response, whether it came with `<auth/>` or in a
    /// `<response/>` to the empty challenge.
    fn on_initial(&mut self, mechanism: Mechanism, data: &[u8]) -> Result<(), Fault> {
        let Some(hash) = mechanism.scram_hash() else {
            return self.finish_plain(data);
        };
        let mut scram = Box::new(ScramServer::new(hash));
        let nonce = sasl::nonce(&mut *self.random);
        let credentials = &self.credentials;
        match scram.handle_client_first(data, &nonce, |user| credentials.scram(user, hash)) {
            Ok(challenge) => {
                self.wire.element(&Sasl::Challenge(challenge).to_element()).map_err(Fault::quiet)?;
                self.state = State::Scram(mechanism, scram);
                Ok(())
            }
            Err(error) => self.sasl_error(error),
        }
    }

    fn finish_plain(&mut self, data: &[u8]) -> Result<(), Fault> {
        let (authzid, username, password) = match sasl::parse_plain(data) {
            Ok(parts) => parts,
            Err(error) => return self.sasl_failed(error, SaslCondition::MalformedRequest),
        };
        if !self.credentials.verify_plain(&username, &password) {
            return self.sasl_failed(Error::SaslAuthenticationFailed, SaslCondition::NotAuthorized);
        }
        self.authenticated(Authenticated { authcid: username, authzid }, Mechanism::Plain, None)
    }

    fn authenticated(&mut self, who: Authenticated, mechanism: Mechanism, data: Option<Vec<u8>>) -> Result<(), Fault> {
        let account = BareJid::new(&format!("{}@{}", who.authcid, self.config.domain));
        let account = match account {
            Ok(account) => account,
            Err(_) => return self.sasl_failed(Error::SaslAuthenticationFailed, SaslCondition::NotAuthorized),
        };
        // An authorization identity other than the account itself is not
        // supported (RFC 6120 §6.3.8).
        if let Some(authzid) = &who.authzid
            && BareJid::new(authzid).ok().as_ref() != Some(&account)
        {
            return self.sasl_failed(Error::SaslUnexpected("authzid"), SaslCondition::InvalidAuthzid);
        }
        self.wire.element(&Sasl::Success(data).to_element()).map_err(Fault::quiet)?;
        self.account = Some(account);
        self.events.push_back(Event::Authenticated { username: who.authcid, authzid: who.authzid, mechanism });
        // RFC 6120 §6.4.6: the client restarts the stream.
        self.wire.restart_keeping();
        self.state = State::Header;
        Ok(())
    }

    /// Fails the attempt with the condition the error calls for
    /// ([`Error::sasl_condition`]).
    fn sasl_error(&mut self, error: Error) -> Result<(), Fault> {
        let condition = error.sasl_condition();
        self.sasl_failed(error, condition)
    }

    fn sasl_failed(&mut self, error: Error, condition: SaslCondition) -> Result<(), Fault> {
        let failure = Sasl::Failure { condition, texts: Texts::new(), received_name: None };
        self.wire.element(&failure.to_element()).map_err(Fault::quiet)?;
        self.events.push_back(Event::AuthenticationFailed(error));
        self.state = State::Features;
        if condition != SaslCondition::Aborted {
            self.failed_attempts += 1;
        }
        if self.failed_attempts >= self.config.max_auth_attempts {
            return Err(Fault::new(
                Error::SaslAuthenticationFailed,
                Condition::PolicyViolation,
                "too many failed authentication attempts",
            ));
        }
        Ok(())
    }

    fn on_bind_request(&mut self, element: Element) -> Result<(), Fault> {
        let not_bound = || Fault::new(Error::Protocol("stanza before bind"), Condition::NotAuthorized, "bind first");
        if element.name() != "iq" || element.ns() != jabber_stream::ns::CLIENT {
            return Err(not_bound());
        }
        let iq = match Iq::parse(&element) {
            Ok(iq) => iq,
            Err(error) => {
                // The scope of an iq that cannot be read is the iq (RFC 6120
                // §8.3.3.1): answered with its stanza error; the stream stays.
                let error = StanzaError::new(error.stanza_condition());
                let reply = Stanza::error_reply_to(&element, error).ok_or_else(not_bound)?;
                self.wire.element(&reply).map_err(Fault::quiet)?;
                return Ok(());
            }
        };
        let IqKind::Set(payload) = &iq.kind else {
            return Err(not_bound());
        };
        if !payload.is(BindRequest::NAME, BindRequest::NS) {
            return Err(not_bound());
        }
        match BindRequest::parse(payload) {
            Ok(request) => {
                self.events.push_back(Event::BindRequest { resource: request.resource });
                self.state = State::BindPending(Box::new(iq));
            }
            Err(_) => {
                // RFC 6120 §7.7.2.1: a resource that cannot be prepared.
                let error = StanzaError::new(jabber_stanza::DefinedCondition::BadRequest);
                if let Some(reply) = iq.reply_error(error) {
                    self.wire.element(&reply.to_element()).map_err(Fault::quiet)?;
                }
            }
        }
        Ok(())
    }

    fn on_stanza(&mut self, element: Element) -> Result<(), Fault> {
        let Some(jid) = &self.jid else {
            return Err(Fault::quiet(Error::WrongState("ready without a JID")));
        };
        let mut event = incoming(element);
        if let Event::Stanza(stanza) = &mut event {
            // Addresses that are not JIDs (kept by the liberal parse): a bad
            // `from` is `invalid-from` (RFC 6120 §4.9.3.9); a bad `to` is
            // refused (§8.3.3.8), never delivered as if it had no `to`.
            if stanza.invalid_from().is_some() {
                return Err(Fault::new(Error::Protocol("invalid from"), Condition::InvalidFrom, ""));
            }
            if stanza.invalid_to().is_some() {
                match refuse_invalid_to(stanza, jid.clone().into()) {
                    Refusal::Reply(reply) => self.wire.stanza(&reply).map_err(Fault::quiet)?,
                    Refusal::HandOver(event) => self.events.push_back(event),
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
                Some(_) => {
                    return Err(Fault::new(Error::Protocol("invalid from"), Condition::InvalidFrom, ""));
                }
            }
            // The legacy session request is answered here (RFC 3921 §3).
            if let Stanza::Iq(iq) = stanza
                && let IqKind::Set(payload) = &iq.kind
                && payload.is(SessionRequest::NAME, SessionRequest::NS)
                && iq.to.as_ref().is_none_or(|to| to.as_str() == self.config.domain.as_str())
            {
                let reply = iq.reply_empty_result();
                self.wire.element(&reply.to_element()).map_err(Fault::quiet)?;
                return Ok(());
            }
        }
        self.events.push_back(event);
        Ok(())
    }
}

/// A SASL exchange under way on the server.
enum Exchange {
    /// The empty challenge asked for the initial response.
    Initial(Mechanism),
    /// SCRAM: the server-first message is out.
    Scram(Mechanism, Box<ScramServer>),
}

/// Why a step failed, and the stream error the client gets for it.
struct Fault {
    error: Error,
    condition: Option<(Condition, &'static str)>,
}

impl Fault {
    fn new(error: Error, condition: Condition, text: &'static str) -> Fault {
        Fault { error, condition: Some((condition, text)) }
    }

    fn stream_error(&self) -> Option<StreamError> {
        let (condition, text) = self.condition?;
        let error = StreamError::new(condition);
        Some(if text.is_empty() { error } else { error.with_text(Some("en"), text) })
    }

    fn quiet(error: Error) -> Fault {
        Fault { error, condition: None }
    }
}

/// Our stream header: from the domain, to the client's `from` if it gave
/// one (RFC 6120 §4.7.2), a fresh id.
fn header(domain: &BareJid, to: Option<&Jid>, random: &mut dyn Random) -> StreamHeader {
    let mut id = [0u8; 12];
    random.fill(&mut id);
    let id: String = id.iter().map(|b| format!("{b:02x}")).collect();
    let mut header = StreamHeader::new(ContentNamespace::Client)
        .with_from(domain.clone().into())
        .with_id(id)
        .with_version(Version::V1_0);
    if let Some(to) = to {
        header = header.with_to(to.clone());
    }
    header
}
