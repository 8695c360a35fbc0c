//! External components, XEP-0114 (Jabber Component Protocol): a
//! `jabber:component:accept` stream authenticated by a SHA-1 handshake over
//! the stream id and a shared secret; both sides.

use std::collections::VecDeque;
use std::fmt;

use jabber_jid::{BareJid, Jid};
use jabber_stanza::{Stanza, StreamError};
use jabber_stream::{Condition, ContentNamespace, Element, Limits, StreamHeader, ns};
use sha1::{Digest, Sha1};

use crate::error::Error;
use crate::event::{Event, Refusal, incoming, refuse_invalid_to};
use crate::sasl::Random;
use crate::wire::{Input, Wire};

/// The handshake value (XEP-0114 §3): lowercase hex of SHA-1 over the
/// stream id followed by the secret.
///
/// ```
/// // SHA-1("3BF96D32" + "secret"), computed independently with Python's hashlib.
/// assert_eq!(jabber_session::component_handshake("3BF96D32", "secret"), "b09ea9b3b7f586be8a08d0a3dd7466f110aeb136");
/// ```
pub fn component_handshake(stream_id: &str, secret: &str) -> String {
    let digest = Sha1::new().chain_update(stream_id.as_bytes()).chain_update(secret.as_bytes()).finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Waiting for the peer's header.
    Header,
    /// Component: handshake sent. Server: waiting for the handshake.
    Handshake,
    /// Stanzas flow.
    Ready,
    /// Our close is out.
    Closing,
    /// Over.
    Closed,
}

/// What both sides share: the wire, the state and the events.
struct Side {
    wire: Wire,
    state: State,
    events: VecDeque<Event>,
    domain: Option<BareJid>,
}

impl Side {
    fn new(limits: Limits) -> Side {
        Side {
            wire: Wire::new(ContentNamespace::ComponentAccept, limits),
            state: State::Header,
            events: VecDeque::new(),
            domain: None,
        }
    }

    /// Feeds `bytes` and hands what they hold to `role`.
    fn handle_input(&mut self, bytes: &[u8], role: &mut dyn Role) {
        if self.state == State::Closed {
            return;
        }
        self.wire.feed(bytes);
        while self.state != State::Closed {
            let orderly = matches!(self.state, State::Ready | State::Closing);
            let header = || StreamHeader::new(ContentNamespace::ComponentAccept);
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
                Input::Header(header) => role.on_header(self, &header),
                Input::Element(_) if self.state == State::Closing => Ok(()),
                Input::Element(element) => role.on_element(self, element),
            };
            if let Err((error, condition)) = result {
                self.fail(error, condition.map(StreamError::new));
            }
        }
    }

    fn fail(&mut self, error: Error, stream_error: Option<StreamError>) {
        self.wire.close_with(stream_error.as_ref(), || StreamHeader::new(ContentNamespace::ComponentAccept));
        self.events.push_back(Event::Failed(error));
        self.state = State::Closing;
    }

    fn close(&mut self, error: Option<&StreamError>) {
        if !matches!(self.state, State::Closing | State::Closed) {
            self.wire.close_with(error, || StreamHeader::new(ContentNamespace::ComponentAccept));
            self.state = State::Closing;
        }
    }

    fn handle_eof(&mut self) {
        if self.state != State::Closed {
            self.wire.end_of_input(&mut self.events, self.state == State::Closing);
            self.state = State::Closed;
        }
    }

    fn send(&mut self, stanza: &Stanza) -> Result<(), Error> {
        if self.state != State::Ready {
            return Err(Error::NotReady);
        }
        self.wire.stanza(stanza)
    }
}

/// What one side does with the peer's header and elements.
trait Role {
    fn on_header(&mut self, side: &mut Side, header: &StreamHeader) -> Result<(), Fault>;
    fn on_element(&mut self, side: &mut Side, element: Element) -> Result<(), Fault>;
}

/// An error, and the stream error condition the peer gets for it.
type Fault = (Error, Option<Condition>);

/// The component side of XEP-0114: connects to a server's component port
/// as `domain` with a shared secret.
///
/// The call order is [`Client`](crate::Client)'s, without TLS or binding:
/// after [`Event::Connected`], [`send`](Component::send) stanzas (their
/// `from` must be at the component's domain).
pub struct Component {
    side: Side,
    role: ComponentRole,
}

struct ComponentRole {
    secret: String,
}

impl fmt::Debug for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Component").field("domain", &self.side.domain).field("state", &self.side.state).finish()
    }
}

impl Component {
    /// A component for `domain` (no localpart) with `secret`; the header is
    /// queued.
    pub fn new(domain: BareJid, secret: impl Into<String>) -> Result<Component, Error> {
        Self::with_limits(domain, secret, Limits::default())
    }

    /// The same with parser limits.
    pub fn with_limits(domain: BareJid, secret: impl Into<String>, limits: Limits) -> Result<Component, Error> {
        if domain.node().is_some() {
            return Err(Error::Config("a component's address has no localpart"));
        }
        let mut side = Side::new(limits);
        // XEP-0114 §3: `to` is the component's domain; no version.
        side.wire.header(&StreamHeader::new(ContentNamespace::ComponentAccept).with_to(domain.clone().into()))?;
        side.domain = Some(domain);
        Ok(Component { side, role: ComponentRole { secret: secret.into() } })
    }

    /// Bytes to write to the server.
    pub fn poll_transmit(&mut self) -> Option<Vec<u8>> {
        self.side.wire.take_transmit()
    }

    /// The next event.
    pub fn poll_event(&mut self) -> Option<Event> {
        self.side.events.pop_front()
    }

    /// Handles bytes from the server.
    pub fn handle_input(&mut self, bytes: &[u8]) {
        self.side.handle_input(bytes, &mut self.role);
    }

    /// The server's end of input.
    pub fn handle_eof(&mut self) {
        self.side.handle_eof();
    }

    /// Sends a stanza (after [`Event::Connected`]).
    pub fn send(&mut self, stanza: &Stanza) -> Result<(), Error> {
        self.side.send(stanza)
    }

    /// Closes the stream.
    pub fn close(&mut self) {
        self.side.close(None);
    }

    /// Whether stanzas flow.
    pub fn is_ready(&self) -> bool {
        self.side.state == State::Ready
    }

    /// Whether the stream is over.
    pub fn is_closed(&self) -> bool {
        self.side.state == State::Closed
    }
}

impl Role for ComponentRole {
    fn on_header(&mut self, side: &mut Side, header: &StreamHeader) -> Result<(), Fault> {
        if side.state != State::Header {
            return Err((Error::Protocol("a second stream header"), Some(Condition::InvalidXml)));
        }
        if header.content_ns.is_some_and(|ns| ns != ContentNamespace::ComponentAccept) {
            return Err((Error::Protocol("not a component stream"), Some(Condition::InvalidNamespace)));
        }
        let Some(id) = &header.id else {
            return Err((Error::Protocol("the server's header has no id"), Some(Condition::InvalidXml)));
        };
        let handshake =
            Element::builder("handshake", ns::COMPONENT_ACCEPT).text(component_handshake(id, &self.secret)).build();
        side.wire.element(&handshake).map_err(|e| (e, None))?;
        side.state = State::Handshake;
        Ok(())
    }

    fn on_element(&mut self, side: &mut Side, element: Element) -> Result<(), Fault> {
        match side.state {
            State::Handshake if element.is("handshake", ns::COMPONENT_ACCEPT) => {
                if !element.is_empty() {
                    return Err((Error::Protocol("the server's handshake is not empty"), Some(Condition::BadFormat)));
                }
                side.state = State::Ready;
                let domain = side.domain.clone().ok_or((Error::WrongState("no domain"), None))?;
                side.events.push_back(Event::Connected(domain));
                Ok(())
            }
            State::Ready => {
                side.events.push_back(incoming(element));
                Ok(())
            }
            _ => Err((Error::Protocol("unexpected element"), Some(Condition::UnsupportedStanzaType))),
        }
    }
}

/// The server side of XEP-0114: accepts a component whose secret the
/// caller's lookup knows, and checks that what it sends comes from its
/// domain.
pub struct ComponentServer {
    side: Side,
    role: ServerRole,
}

/// The caller's secret lookup: a component domain's shared secret.
type SecretLookup = dyn Fn(&BareJid) -> Option<String> + Send;

struct ServerRole {
    secrets: Box<SecretLookup>,
    random: Box<dyn Random + Send>,
    expected: Option<String>,
}

impl fmt::Debug for ComponentServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ComponentServer").field("domain", &self.side.domain).field("state", &self.side.state).finish()
    }
}

impl ComponentServer {
    /// A component port: `secrets` gives the shared secret of a component
    /// domain (`None`: unknown, `host-unknown`), `random` the stream ids.
    pub fn new(
        secrets: impl Fn(&BareJid) -> Option<String> + Send + 'static,
        random: impl Random + Send + 'static,
    ) -> ComponentServer {
        ComponentServer {
            side: Side::new(Limits::default()),
            role: ServerRole { secrets: Box::new(secrets), random: Box::new(random), expected: None },
        }
    }

    /// Bytes to write to the component.
    pub fn poll_transmit(&mut self) -> Option<Vec<u8>> {
        self.side.wire.take_transmit()
    }

    /// The next event.
    pub fn poll_event(&mut self) -> Option<Event> {
        self.side.events.pop_front()
    }

    /// Handles bytes from the component.
    pub fn handle_input(&mut self, bytes: &[u8]) {
        self.side.handle_input(bytes, &mut self.role);
    }

    /// The component's end of input.
    pub fn handle_eof(&mut self) {
        self.side.handle_eof();
    }

    /// Sends a stanza to the component (after [`Event::Connected`]).
    pub fn send(&mut self, stanza: &Stanza) -> Result<(), Error> {
        self.side.send(stanza)
    }

    /// Closes the stream, with an error if given.
    pub fn close(&mut self, error: Option<&StreamError>) {
        self.side.close(error);
    }

    /// The component's domain, once its header came.
    pub fn domain(&self) -> Option<&BareJid> {
        self.side.domain.as_ref()
    }

    /// Whether stanzas flow.
    pub fn is_ready(&self) -> bool {
        self.side.state == State::Ready
    }

    /// Whether the stream is over.
    pub fn is_closed(&self) -> bool {
        self.side.state == State::Closed
    }
}

impl Role for ServerRole {
    fn on_header(&mut self, side: &mut Side, header: &StreamHeader) -> Result<(), Fault> {
        if side.state != State::Header {
            return Err((Error::Protocol("a second stream header"), Some(Condition::InvalidXml)));
        }
        let mut id = [0u8; 12];
        self.random.fill(&mut id);
        let id: String = id.iter().map(|b| format!("{b:02x}")).collect();
        let mut ours = StreamHeader::new(ContentNamespace::ComponentAccept).with_id(id.clone());
        if let Some(to) = &header.to {
            ours = ours.with_from(to.clone());
        }
        side.wire.header(&ours).map_err(|e| (e, None))?;
        if header.content_ns.is_some_and(|ns| ns != ContentNamespace::ComponentAccept) {
            return Err((Error::Protocol("not a component stream"), Some(Condition::InvalidNamespace)));
        }
        let domain = match &header.to {
            Some(Jid::Bare(domain)) if domain.node().is_none() => domain.clone(),
            _ => return Err((Error::Protocol("no component domain"), Some(Condition::HostUnknown))),
        };
        let Some(secret) = (self.secrets)(&domain) else {
            return Err((Error::Protocol("unknown component"), Some(Condition::HostUnknown)));
        };
        self.expected = Some(component_handshake(&id, &secret));
        side.domain = Some(domain);
        side.state = State::Handshake;
        Ok(())
    }

    fn on_element(&mut self, side: &mut Side, element: Element) -> Result<(), Fault> {
        match side.state {
            State::Handshake if element.is("handshake", ns::COMPONENT_ACCEPT) => {
                let given = element.text().trim().to_ascii_lowercase();
                let expected = self.expected.take().unwrap_or_default();
                if expected.is_empty() || !crate::sasl::constant_time_eq(expected.as_bytes(), given.as_bytes()) {
                    return Err((Error::HandshakeFailed, Some(Condition::NotAuthorized)));
                }
                side.wire.element(&Element::new("handshake", ns::COMPONENT_ACCEPT)).map_err(|e| (e, None))?;
                side.state = State::Ready;
                let domain = side.domain.clone().ok_or((Error::WrongState("no domain"), None))?;
                side.events.push_back(Event::Connected(domain));
                Ok(())
            }
            State::Handshake => {
                Err((Error::Protocol("an element before the handshake"), Some(Condition::NotAuthorized)))
            }
            State::Ready => {
                let event = incoming(element);
                if let Event::Stanza(stanza) = &event {
                    // XEP-0114 §3.2, RFC 6120 §4.9.3.9: a component speaks for its domain only.
                    let domain = side.domain.as_ref().map(BareJid::as_str);
                    if stanza.sender().is_none_or(|from| Some(from.domain()) != domain) {
                        return Err((Error::Protocol("invalid from"), Some(Condition::InvalidFrom)));
                    }
                    // RFC 6120 §8.3.3.8: a `to` that is not a JID is refused,
                    // never read as addressed to the server.
                    if let (Some(_), Some(from)) = (stanza.invalid_to(), stanza.sender()) {
                        match refuse_invalid_to(stanza, from.clone()) {
                            Refusal::Reply(reply) => side.wire.stanza(&reply).map_err(|e| (e, None))?,
                            Refusal::HandOver(event) => side.events.push_back(event),
                        }
                        return Ok(());
                    }
                }
                side.events.push_back(event);
                Ok(())
            }
            _ => Err((Error::Protocol("unexpected element"), Some(Condition::UnsupportedStanzaType))),
        }
    }
}
