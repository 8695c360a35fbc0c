//! The client side of a `jabber:client` stream: RFC 6120 §4 to §7 (and the
//! legacy session of RFC 3921 §3) from the initiating entity's view.

use std::collections::VecDeque;
use std::fmt;

use jabber_jid::{BareJid, FullJid, ResourcePart};
use jabber_stanza::{
    BindRequest, BindResult, Iq, IqKind, Payload, Requirement, Sasl, SessionRequest, Stanza, StartTls, StreamError,
    StreamFeatures,
};
use jabber_stream::{Condition, ContentNamespace, Element, Limits, StreamHeader, Version};

use crate::error::Error;
use crate::event::{Event, incoming};
use crate::sasl::{self, Mechanism, Random, SaslElement, ScramClient};
use crate::wire::{Input, Wire};

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
            .finish_non_exhaustive()
    }
}

impl ClientConfig {
    /// Logs in to `account` (`user@domain`) with `password`; TLS required,
    /// every mechanism allowed (SCRAM-SHA-256 preferred), PLAIN only over
    /// TLS, the resource chosen by the server.
    pub fn new(account: BareJid, password: impl Into<String>) -> Self {
        ClientConfig {
            account,
            password: password.into(),
            resource: None,
            tls: Tls::default(),
            plain_without_tls: false,
            mechanisms: Mechanism::PREFERENCE.to_vec(),
            limits: Limits::default(),
            lang: None,
            iterations: (ScramClient::DEFAULT_MIN_ITERATIONS, ScramClient::DEFAULT_MAX_ITERATIONS),
        }
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
    /// offers, in [`Mechanism::PREFERENCE`] order).
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
    /// `<proceed/>` received; waiting for [`Client::tls_established`].
    TlsHandoff,
    /// A SASL exchange is under way.
    Sasl(Mechanism, Option<Box<ScramClient>>),
    /// The bind request with this id is out.
    Bind(String),
    /// The legacy session request with this id is out.
    Session(String),
    /// Bound: stanzas flow.
    Ready,
    /// Our `</stream:stream>` is out (or the stream failed); waiting for the
    /// server's.
    Closing,
    /// Over.
    Closed,
}

/// The client side of an XMPP stream, sans I/O: it turns bytes from the
/// server into events and commands into bytes for the server, from the
/// first byte to a bound resource and then for the life of the stream.
///
/// # Call order
///
/// 1. [`Client::new`] queues the stream header.
/// 2. Loop: write out everything [`poll_transmit`](Client::poll_transmit)
///    returns; feed every read to [`handle_input`](Client::handle_input);
///    handle every [`poll_event`](Client::poll_event).
/// 3. On [`Event::StartTls`]: flush, wrap the transport in TLS, call
///    [`tls_established`](Client::tls_established), go on with the loop
///    over the TLS layer.
/// 4. After [`Event::Bound`], [`send`](Client::send) stanzas.
/// 5. [`close`](Client::close), then loop until [`Event::Closed`]
///    (or end of input, then [`handle_eof`](Client::handle_eof)).
///
/// The machine reads no clock: the caller decides how long to wait for the
/// server (see [`IqTracker`](crate::IqTracker) for stanzas).
///
/// # When SASL fails
///
/// The client tries one mechanism, once. If the server refuses it
/// (`<failure/>`, [`Error::SaslFailure`]; a condition the client does not
/// know counts as `not-authorized`, RFC 6120 §6.5), or sends SASL data the
/// client cannot accept, the client reports [`Event::Failed`] and, having
/// no other mechanism to try, closes the stream (RFC 6120 §6.4.5) without a
/// stream error: the fault is the attempt's, not the stream's. Data that
/// is not base64 (RFC 6120 §13.9.1: "Both the client and the server MUST
/// verify any base 64 data") is [`Error::SaslIncorrectEncoding`]; in a
/// `<challenge/>` the client first sends `<abort/>` (§6.4.4), the
/// initiating entity's way to end a handshake, as it does for a SCRAM
/// message that breaks RFC 5802 ([`Error::ScramMalformed`] and the other
/// SCRAM errors); after `<success/>` there is nothing left to abort.
///
/// ```
/// use jabber_session::{Client, ClientConfig, Event, Tls};
/// let config = ClientConfig::new("juliet@example.com".parse()?, "r0m30myr0m30").with_tls(Tls::Direct);
/// let mut client = Client::new(config, |buf: &mut [u8]| buf.fill(7))?;
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
    config: ClientConfig,
    random: Box<dyn Random + Send>,
    wire: Wire,
    state: State,
    events: VecDeque<Event>,
    secure: bool,
    authenticated: bool,
    stream_id: Option<String>,
    session: Option<Requirement>,
    jid: Option<FullJid>,
    next_id: u64,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("account", &self.config.account)
            .field("state", &self.state)
            .field("secure", &self.secure)
            .field("authenticated", &self.authenticated)
            .field("jid", &self.jid)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `config`, drawing nonces from `random`; the stream
    /// header is queued for [`poll_transmit`](Client::poll_transmit).
    /// Fails with [`Error::Config`] if the account has no localpart.
    pub fn new(config: ClientConfig, random: impl Random + Send + 'static) -> Result<Client, Error> {
        if config.account.node().is_none() {
            return Err(Error::Config("the account needs a localpart (user@domain)"));
        }
        let secure = config.tls == Tls::Direct;
        let mut client = Client {
            wire: Wire::new(ContentNamespace::Client, config.limits),
            config,
            random: Box::new(random),
            state: State::Header,
            events: VecDeque::new(),
            secure,
            authenticated: false,
            stream_id: None,
            session: None,
            jid: None,
            next_id: 0,
        };
        client.send_header()?;
        Ok(client)
    }

    /// Bytes to write to the server, if any.
    pub fn poll_transmit(&mut self) -> Option<Vec<u8>> {
        self.wire.take_transmit()
    }

    /// The next event, if any.
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// Handles bytes read from the server (decrypted, after STARTTLS).
    /// Errors become events ([`Event::Failed`]); after the handover to
    /// TLS and until [`tls_established`](Client::tls_established), input is
    /// dropped.
    pub fn handle_input(&mut self, bytes: &[u8]) {
        if matches!(self.state, State::Closed | State::TlsHandoff) {
            return;
        }
        self.wire.feed(bytes);
        self.process();
    }

    /// The server's end of input (the connection closed). A stream the
    /// server did not close with `</stream:stream>` ends with
    /// [`Event::Failed`] ([`Error::Protocol`]) before [`Event::Closed`].
    pub fn handle_eof(&mut self) {
        if !matches!(self.state, State::Closed) {
            self.wire.end_of_input(&mut self.events, matches!(self.state, State::Closing));
            self.state = State::Closed;
        }
    }

    /// Tells the machine that TLS is up (after [`Event::StartTls`]):
    /// it restarts the stream over TLS.
    pub fn tls_established(&mut self) -> Result<(), Error> {
        if !matches!(self.state, State::TlsHandoff) {
            return Err(Error::WrongState("tls_established without a STARTTLS hand-off"));
        }
        self.secure = true;
        self.wire.restart_discarding();
        self.state = State::Header;
        self.send_header()
    }

    /// Sends a stanza (after [`Event::Bound`]).
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

    /// Closes the stream (RFC 6120 §4.4): writes `</stream:stream>`; the
    /// server answers with its own, and then [`Event::Closed`] comes.
    pub fn close(&mut self) {
        if matches!(self.state, State::Closing | State::Closed) {
            return;
        }
        self.wire.close();
        self.state = State::Closing;
    }

    /// The bound address, once [`Event::Bound`] has come.
    pub fn jid(&self) -> Option<&FullJid> {
        self.jid.as_ref()
    }

    /// Whether stanzas may be sent.
    pub fn is_ready(&self) -> bool {
        matches!(self.state, State::Ready)
    }

    /// Whether the stream is over.
    pub fn is_closed(&self) -> bool {
        matches!(self.state, State::Closed)
    }

    /// Whether the stream is encrypted (after STARTTLS, or direct TLS).
    pub fn is_secure(&self) -> bool {
        self.secure
    }

    /// The id the server gave the current stream.
    pub fn stream_id(&self) -> Option<&str> {
        self.stream_id.as_deref()
    }

    fn send_header(&mut self) -> Result<(), Error> {
        let domain = self.config.account.domain_jid();
        let mut header = StreamHeader::new(ContentNamespace::Client).with_to(domain.into()).with_version(Version::V1_0);
        if self.secure {
            // RFC 6120 §4.7.1: the bare JID, once the stream is encrypted.
            header = header.with_from(self.config.account.clone().into());
        }
        if let Some(lang) = &self.config.lang {
            header = header.with_lang(lang.clone());
        }
        self.wire.header(&header)
    }

    fn process(&mut self) {
        while !matches!(self.state, State::Closed | State::TlsHandoff) {
            let orderly = matches!(self.state, State::Closing | State::Ready);
            let header = || StreamHeader::new(ContentNamespace::Client);
            let result = match self.wire.next_input(&mut self.events, orderly, header) {
                Input::Pending => return,
                Input::Over => {
                    self.state = State::Closed;
                    return;
                }
                Input::Closing => {
                    self.state = State::Closing;
                    continue;
                }
                Input::Header(header) => self.on_header(&header),
                Input::Element(element) => self.on_element(element),
            };
            if let Err(fault) = result {
                self.fail(fault);
            }
        }
    }

    fn fail(&mut self, fault: Fault) {
        let stream_error = fault.condition.map(StreamError::new);
        self.wire.close_with(stream_error.as_ref(), || StreamHeader::new(ContentNamespace::Client));
        self.events.push_back(Event::Failed(fault.error));
        self.state = State::Closing;
    }

    fn on_element(&mut self, element: Element) -> Result<(), Fault> {
        match std::mem::replace(&mut self.state, State::Closing) {
            State::Features => self.on_features(&element),
            State::TlsProceed => match StartTls::parse(&element) {
                Ok(StartTls::Proceed) => {
                    self.state = State::TlsHandoff;
                    self.events.push_back(Event::StartTls);
                    Ok(())
                }
                Ok(StartTls::Failure) => Err(Fault::quiet(Error::TlsFailed)),
                _ => Err(Fault::unexpected()),
            },
            State::Sasl(mechanism, scram) => self.on_sasl(&element, mechanism, scram),
            State::Bind(id) => self.on_bind(element, id),
            State::Session(id) => self.on_session(element, id),
            State::Ready => {
                self.state = State::Ready;
                self.deliver(element);
                Ok(())
            }
            State::Closing => {
                // The server may still send stanzas before its close.
                self.deliver(element);
                Ok(())
            }
            State::Header | State::TlsHandoff | State::Closed => Err(Fault::unexpected()),
        }
    }

    fn deliver(&mut self, element: Element) {
        self.events.push_back(incoming(element));
    }

    fn on_header(&mut self, header: &StreamHeader) -> Result<(), Fault> {
        if !matches!(self.state, State::Header) {
            return Err(Fault::with_condition(Error::Protocol("unexpected stream header"), Condition::InvalidXml));
        }
        if header.content_ns.is_some_and(|ns| ns != ContentNamespace::Client) {
            return Err(Fault::with_condition(
                Error::Protocol("the server's stream is not jabber:client"),
                Condition::InvalidNamespace,
            ));
        }
        if header.version.is_none_or(|v| v.major < 1) {
            return Err(Fault::with_condition(
                Error::Protocol("the server does not speak XMPP 1.0"),
                Condition::UnsupportedVersion,
            ));
        }
        self.stream_id = header.id.clone();
        self.state = State::Features;
        Ok(())
    }

    fn on_features(&mut self, element: &Element) -> Result<(), Fault> {
        if !element.is("features", jabber_stream::ns::STREAM) {
            return Err(Fault::unexpected());
        }
        let features = StreamFeatures::parse(element).map_err(|e| Fault::bad_format(e.into()))?;
        // RFC 6120 §4.3.2, §4.9.3.23: a feature the server marks as
        // mandatory-to-negotiate that this machine does not implement.
        // (A second copy of a feature this machine knows lands among the
        // others too: it is not unsupported.)
        use jabber_stanza::ns::{BIND, PRE_APPROVAL, ROSTER_VER, SASL, SESSION, TLS};
        let known = |f: &Element| {
            [
                ("starttls", TLS),
                ("mechanisms", SASL),
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
            return Err(Fault::with_condition(error, Condition::UnsupportedFeature));
        }
        if !self.secure && features.starttls.is_some() && matches!(self.config.tls, Tls::Required | Tls::IfOffered) {
            self.wire.element(&StartTls::Request.to_element()).map_err(Fault::quiet)?;
            self.state = State::TlsProceed;
            return Ok(());
        }
        if !self.secure && self.config.tls == Tls::Required {
            return Err(Fault::quiet(Error::TlsRequired));
        }
        if !self.authenticated {
            if !self.secure && features.starttls == Some(Requirement::Required) {
                return Err(Fault::quiet(Error::TlsRequired));
            }
            let offered = features.mechanisms.ok_or(Fault::quiet(Error::Protocol("the server offers no SASL")))?;
            let plain_ok = self.secure || self.config.plain_without_tls;
            let mechanism =
                sasl::choose(&offered, &self.config.mechanisms, plain_ok).ok_or(Fault::quiet(Error::NoMechanism))?;
            return self.start_sasl(mechanism);
        }
        if !features.bind {
            return Err(Fault::quiet(Error::Protocol("the server offers no resource binding")));
        }
        self.session = features.session;
        let id = self.new_id("bind");
        let request = Iq::set(id.clone(), &BindRequest { resource: self.config.resource.clone() });
        self.wire.element(&request.to_element()).map_err(Fault::quiet)?;
        self.state = State::Bind(id);
        Ok(())
    }

    fn start_sasl(&mut self, mechanism: Mechanism) -> Result<(), Fault> {
        let username = self.username().to_owned();
        let (initial, scram) = match mechanism.scram_hash() {
            None => (sasl::plain_message(None, &username, &self.config.password), None),
            Some(hash) => {
                let nonce = sasl::nonce(&mut *self.random);
                let (min, max) = self.config.iterations;
                let mut scram = ScramClient::new(hash, &username, &self.config.password, None, nonce)
                    .map_err(Fault::quiet)?
                    .with_iteration_bounds(min, max);
                (scram.client_first(), Some(Box::new(scram)))
            }
        };
        let auth = Sasl::Auth { mechanism: mechanism.name().to_owned(), initial: Some(initial) };
        self.wire.element(&auth.to_element()).map_err(Fault::quiet)?;
        self.state = State::Sasl(mechanism, scram);
        Ok(())
    }

    fn on_sasl(
        &mut self,
        element: &Element,
        mechanism: Mechanism,
        mut scram: Option<Box<ScramClient>>,
    ) -> Result<(), Fault> {
        if element.ns() != jabber_stanza::ns::SASL {
            return Err(Fault::unexpected());
        }
        let message = match Sasl::parse(element) {
            Ok(message) => message,
            Err(error) => return Err(self.sasl_unreadable(element, error)),
        };
        match message {
            Sasl::Challenge(data) => {
                let Some(client) = scram.as_mut() else {
                    return Err(self.abort(Error::SaslUnexpected("a challenge to PLAIN")));
                };
                // A server may send the server-final message as a last
                // challenge (RFC 6120 §6.3.10 allows either): answer it with
                // an empty response.
                let reply = if client.is_done() {
                    return Err(self.abort(Error::SaslUnexpected("a challenge after the exchange ended")));
                } else if client.awaits_server_first() {
                    client.handle_server_first(&data)
                } else {
                    client.handle_server_final(&data).map(|()| Vec::new())
                };
                let reply = reply.map_err(|e| self.abort(e))?;
                self.wire.element(&Sasl::Response(reply).to_element()).map_err(Fault::quiet)?;
                self.state = State::Sasl(mechanism, scram);
                Ok(())
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
                self.events.push_back(Event::Authenticated {
                    username: self.username().to_owned(),
                    authzid: None,
                    mechanism,
                });
                // RFC 6120 §6.4.6: restart, keeping what followed <success/>.
                self.wire.restart_keeping();
                self.state = State::Header;
                self.send_header().map_err(Fault::quiet)
            }
            Sasl::Failure { condition, texts, .. } => {
                let text = texts.default_text().map(str::to_owned);
                Err(Fault::quiet(Error::SaslFailure { condition, text }))
            }
            Sasl::Auth { .. } | Sasl::Response(_) | Sasl::Abort => Err(Fault::unexpected()),
        }
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
    fn sasl_unreadable(&mut self, element: &Element, error: jabber_stanza::Error) -> Fault {
        match element.name() {
            "challenge" => self.abort(sasl::unreadable(SaslElement::Challenge, error)),
            "success" => Fault::quiet(sasl::unreadable(SaslElement::Success, error)),
            "failure" => Fault::quiet(Error::Element(error)),
            // <auth/>, <response/>, <abort/> are not the server's to send;
            // other names are no SASL element.
            _ => Fault::unexpected(),
        }
    }

    /// Gives up a SASL exchange the server got wrong: `<abort/>` (RFC 6120
    /// §6.4.4) and close.
    fn abort(&mut self, error: Error) -> Fault {
        let _ = self.wire.element(&Sasl::Abort.to_element());
        Fault::quiet(error)
    }

    fn on_bind(&mut self, element: Element, id: String) -> Result<(), Fault> {
        let iq = match self.response(element, &id)? {
            Ok(iq) => iq,
            Err(()) => {
                self.state = State::Bind(id);
                return Ok(());
            }
        };
        match iq.kind {
            IqKind::Result(Some(payload)) => {
                let bound = BindResult::parse(&payload).map_err(|e| Fault::quiet(e.into()))?;
                self.jid = Some(bound.jid);
            }
            IqKind::Result(None) => return Err(Fault::quiet(Error::Protocol("the bind result carries no JID"))),
            IqKind::Error { error, .. } => return Err(Fault::quiet(Error::Bind(error))),
            IqKind::Get(_) | IqKind::Set(_) => unreachable!("responses are results or errors"),
        }
        if self.session == Some(Requirement::Required) {
            let id = self.new_id("session");
            self.wire.element(&Iq::set(id.clone(), &SessionRequest).to_element()).map_err(Fault::quiet)?;
            self.state = State::Session(id);
            return Ok(());
        }
        self.ready();
        Ok(())
    }

    fn on_session(&mut self, element: Element, id: String) -> Result<(), Fault> {
        let iq = match self.response(element, &id)? {
            Ok(iq) => iq,
            Err(()) => {
                self.state = State::Session(id);
                return Ok(());
            }
        };
        if let IqKind::Error { error, .. } = iq.kind {
            return Err(Fault::quiet(Error::Session(error)));
        }
        self.ready();
        Ok(())
    }

    /// The response to the negotiation request `id`, or `Err(())` when
    /// `element` is something else (delivered as an event, not lost).
    fn response(&mut self, element: Element, id: &str) -> Result<Result<Iq, ()>, Fault> {
        if element.name() == "iq" && element.ns() == jabber_stream::ns::CLIENT && element.attr("id") == Some(id) {
            let iq = Iq::parse(&element).map_err(|e| Fault::bad_format(e.into()))?;
            if iq.kind.is_request() {
                return Err(Fault::quiet(Error::Protocol("a request reused the bind id")));
            }
            return Ok(Ok(iq));
        }
        self.deliver(element);
        Ok(Err(()))
    }

    fn ready(&mut self) {
        self.state = State::Ready;
        if let Some(jid) = &self.jid {
            self.events.push_back(Event::Bound(jid.clone()));
        }
    }

    fn username(&self) -> &str {
        // Checked in `new`.
        self.config.account.node().unwrap_or_default()
    }

    fn new_id(&mut self, what: &str) -> String {
        self.next_id += 1;
        format!("{what}-{}", self.next_id)
    }
}

/// Why a step failed, and whether the peer gets a stream error for it.
struct Fault {
    error: Error,
    condition: Option<Condition>,
}

impl Fault {
    /// A failure that is no XML fault of the peer: just close.
    fn quiet(error: Error) -> Fault {
        Fault { error, condition: None }
    }

    fn with_condition(error: Error, condition: Condition) -> Fault {
        Fault { error, condition: Some(condition) }
    }

    fn bad_format(error: Error) -> Fault {
        Fault::with_condition(error, Condition::BadFormat)
    }

    fn unexpected() -> Fault {
        Fault::with_condition(
            Error::Protocol("an element the negotiation does not expect now"),
            Condition::UnsupportedStanzaType,
        )
    }
}
