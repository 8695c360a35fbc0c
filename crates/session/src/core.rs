//! What every machine shares: the input loop, the stream's lifecycle
//! (open, closing, closed), failures and the stream errors they send, the
//! event queue, randomness, the clock the caller gives, and keepalive. A
//! machine is this core plus a [`Role`]: what one side does with the
//! peer's headers and elements.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use jabber_stanza::StreamError;
use jabber_stream::{Condition, Element, StreamHeader};

use jabber_jid::FullJid;
use jabber_stanza::{Iq, Stanza};

use crate::error::{Error, UsageError};
use crate::event::{Common, NoResponse};
use crate::iq::{IqTracker, Tracked};
use crate::random::Random;
use crate::session::KeepAlive;
use crate::wire::{Input, Wire};

/// How long a closing stream waits for the peer's `</stream:stream>` (RFC
/// 6120 §4.4) before it is over anyway; measured from the first
/// `handle_timeout` after the close.
pub const CLOSE_TIMEOUT: Duration = Duration::from_secs(10);

/// How many keepalive pings' answers are recognized (and kept from the
/// application) at once.
const PINGS_REMEMBERED: usize = 4;

/// Where the stream is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lifecycle {
    /// Negotiating or established: the role's state says which.
    Open,
    /// Our `</stream:stream>` is out (or the peer sent a stream error):
    /// waiting for the peer's close.
    Closing,
    /// Over; `Closed` is queued.
    Closed,
}

/// What the machine does with bytes that arrive now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InputMode {
    /// Handle them.
    Process,
    /// Keep them until the application has acted (a bind request).
    Buffer,
    /// Drop them: they are not part of the stream (between `<proceed/>`
    /// and TLS, RFC 6120 §5.4.3.3).
    Drop,
}

/// Why a step failed, and the stream error the peer gets for it (none when
/// the peer broke no stream rule: a refused authentication, a missing
/// feature).
///
/// Boxed: it travels in the `Err` of every step, which stays small.
#[derive(Debug)]
pub(crate) struct Fault(Box<FaultDetail>);

#[derive(Debug)]
pub(crate) struct FaultDetail {
    error: Error,
    stream_error: Option<StreamError>,
}

impl Fault {
    /// A failure that is no XML fault of the peer: just close.
    pub(crate) fn quiet(error: impl Into<Error>) -> Fault {
        Fault(Box::new(FaultDetail { error: error.into(), stream_error: None }))
    }

    /// The peer broke a rule: it gets the stream error `condition`.
    pub(crate) fn stream(error: impl Into<Error>, condition: Condition) -> Fault {
        Fault(Box::new(FaultDetail { error: error.into(), stream_error: Some(StreamError::new(condition)) }))
    }

    /// The same with a text for the peer's logs.
    pub(crate) fn stream_with_text(error: impl Into<Error>, condition: Condition, text: &str) -> Fault {
        let stream_error = Some(StreamError::new(condition).with_text(Some("en"), text));
        Fault(Box::new(FaultDetail { error: error.into(), stream_error }))
    }
}

impl From<UsageError> for Fault {
    fn from(error: UsageError) -> Self {
        Fault::quiet(error)
    }
}

/// One side's handling of the peer's headers and elements.
pub(crate) trait Role {
    /// The role's events.
    type Event: From<Common>;

    /// What to do with input now.
    fn input_mode(&self) -> InputMode {
        InputMode::Process
    }
    /// Whether the stream is established (stanzas flow): the peer may
    /// close it without failing it, and keepalive runs.
    fn is_ready(&self) -> bool;
    /// Our stream header, for a stream error that must go out before we
    /// sent one (RFC 6120 §4.9.1.2).
    fn error_header(&self) -> StreamHeader;
    /// The peer's stream header.
    fn on_header(&mut self, core: &mut Core<Self::Event>, header: StreamHeader) -> Result<(), Fault>;
    /// A first-level element while the stream is open.
    fn on_element(&mut self, core: &mut Core<Self::Event>, element: Element) -> Result<(), Fault>;
    /// Whether the role waits for the transport to start TLS.
    fn tls_handoff(&self) -> bool {
        false
    }
    /// TLS is up (after a hand-off); roles without STARTTLS refuse.
    fn tls_established(
        &mut self,
        core: &mut Core<Self::Event>,
        binding: Option<crate::sasl::ChannelBinding>,
    ) -> Result<(), UsageError> {
        let _ = (core, binding);
        Err(UsageError::NoTlsHandoff)
    }
    /// A keepalive ping with this id (an XEP-0199 iq), or `None` for a
    /// whitespace ping.
    fn ping(&self, id: &str) -> Option<Element> {
        let _ = id;
        None
    }
}

/// Keepalive bookkeeping (RFC 6120 §4.6.1 whitespace, XEP-0199 pings).
#[derive(Debug)]
struct Liveness {
    config: KeepAlive,
    /// The last instant the caller gave.
    clock: Option<Instant>,
    /// Bytes came since the last tick.
    heard: bool,
    /// When the peer was last heard (at tick resolution).
    last_heard: Option<Instant>,
    /// When our last keepalive went out.
    last_ping: Option<Instant>,
    /// Our recent pings' ids, until their answers came (which are not the
    /// application's to see); the last [`PINGS_REMEMBERED`] at most.
    ping_ids: VecDeque<String>,
    /// A ping waiting for the peer to be heard: when it went out, and the
    /// deadline.
    outstanding: Option<(Instant, Instant)>,
    /// The caller is not reading from the peer (backpressure): its silence
    /// is not the peer's, so no ping and no dead-peer deadline.
    paused: bool,
}

/// The shared part of a machine.
pub(crate) struct Core<E> {
    pub(crate) wire: Wire,
    events: VecDeque<E>,
    lifecycle: Lifecycle,
    failed: bool,
    pub(crate) random: Box<dyn Random + Send>,
    liveness: Liveness,
    /// Our iq requests waiting for their responses.
    requests: IqTracker<()>,
    /// While closing, when the peer's close is given up on.
    close_deadline: Option<Instant>,
    next_id: u64,
}

impl<E> std::fmt::Debug for Core<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Core")
            .field("lifecycle", &self.lifecycle)
            .field("queued_events", &self.events.len())
            .field("keepalive", &self.liveness.config)
            .finish_non_exhaustive()
    }
}

impl<E: From<Common>> Core<E> {
    pub(crate) fn new(wire: Wire, random: Box<dyn Random + Send>, keepalive: KeepAlive) -> Self {
        Core {
            wire,
            events: VecDeque::new(),
            lifecycle: Lifecycle::Open,
            failed: false,
            random,
            liveness: Liveness {
                config: keepalive,
                clock: None,
                heard: false,
                last_heard: None,
                last_ping: None,
                ping_ids: VecDeque::new(),
                outstanding: None,
                paused: false,
            },
            requests: IqTracker::new(),
            close_deadline: None,
            next_id: 0,
        }
    }

    pub(crate) fn push(&mut self, event: impl Into<E>) {
        self.events.push_back(event.into());
    }

    /// Hands over what the peer sent once the stream is established: a
    /// response to one of our tracked requests becomes `Response`.
    pub(crate) fn deliver(&mut self, received: Common) {
        match received {
            Common::Stanza(Stanza::Iq(iq)) if !iq.kind.is_request() => match self.requests.handle(iq) {
                Tracked::Response { iq, .. } => self.push(Common::Response { id: iq.id.clone(), iq }),
                Tracked::Other(iq) => self.push(Common::Stanza(Stanza::Iq(iq))),
            },
            other => self.push(other),
        }
    }

    /// Our own address, for matching responses from our own account or
    /// server (RFC 6120 §10.3.3).
    pub(crate) fn set_own_jid(&mut self, jid: FullJid) {
        self.requests.set_own_jid(jid);
    }

    /// Sends the request `iq` and tracks it until `deadline` (an empty id is
    /// replaced by a fresh one); returns its id.
    pub(crate) fn request(&mut self, mut iq: Iq, deadline: Instant) -> Result<String, UsageError> {
        if iq.id.is_empty() {
            iq.id = self.requests.next_id();
        }
        self.requests.register(&iq, deadline, ())?;
        let id = iq.id.clone();
        if let Err(error) = self.wire.stanza(&Stanza::Iq(iq)) {
            self.requests.cancel(&id);
            return Err(error);
        }
        Ok(id)
    }

    /// How many tracked requests wait for their response.
    pub(crate) fn pending_requests(&self) -> usize {
        self.requests.len()
    }

    pub(crate) fn poll_event(&mut self) -> Option<E> {
        self.events.pop_front()
    }

    pub(crate) fn poll_transmit(&mut self) -> Option<Vec<u8>> {
        self.wire.take_transmit()
    }

    /// Whether stanzas may be sent: the role is established and the stream
    /// not closing.
    pub(crate) fn can_send<R: Role<Event = E>>(&self, role: &R) -> bool {
        role.is_ready() && self.lifecycle == Lifecycle::Open
    }

    /// Closed, and every event handed out: the state never runs ahead of
    /// the events.
    pub(crate) fn is_closed(&self) -> bool {
        self.lifecycle == Lifecycle::Closed && self.events.is_empty()
    }

    /// A fresh id for our own requests (`bind-1`, `ping-2`, ...; unique on
    /// the stream, RFC 6120 §8.1.3).
    pub(crate) fn new_id(&mut self, what: &str) -> String {
        self.next_id += 1;
        format!("{what}-{}", self.next_id)
    }

    pub(crate) fn handle_input<R: Role<Event = E>>(&mut self, role: &mut R, bytes: &[u8]) {
        if self.lifecycle == Lifecycle::Closed || role.input_mode() == InputMode::Drop {
            return;
        }
        if !bytes.is_empty() {
            self.liveness.heard = true;
        }
        self.wire.feed(bytes);
        self.process(role);
    }

    /// Handles buffered input up to its end, or up to a point where the
    /// application must act first (TLS, a bind request): what follows is
    /// handled once it has, so the outcome never depends on how the input
    /// was chunked.
    pub(crate) fn process<R: Role<Event = E>>(&mut self, role: &mut R) {
        while self.lifecycle != Lifecycle::Closed && role.input_mode() == InputMode::Process {
            let result =
                match self.wire.next_input() {
                    Input::Pending => return,
                    Input::PeerClosed => {
                        if self.lifecycle == Lifecycle::Open && !role.is_ready() {
                            self.report_failure(Error::ClosedDuringNegotiation);
                        }
                        self.wire.close();
                        self.finish();
                        return;
                    }
                    Input::PeerError(error) => {
                        self.report_failure(Error::StreamError(error));
                        self.wire.close();
                        self.lifecycle = Lifecycle::Closing;
                        continue;
                    }
                    Input::Broken { answer, error } => {
                        self.wire.close_with(Some(&answer), || role.error_header());
                        self.report_failure(error);
                        self.finish();
                        return;
                    }
                    Input::Header(header) if self.lifecycle == Lifecycle::Open => role.on_header(self, *header),
                    Input::Header(_) => Ok(()),
                    Input::Element(element) if self.is_ping_answer(&element) => Ok(()),
                    // RFC 6120 §4.4: the closing side goes on processing what the
                    // peer sent before its close, on a stream that did not fail.
                    Input::Element(element) if self.lifecycle == Lifecycle::Closing => {
                        if role.is_ready() && !self.failed { role.on_element(self, element) } else { Ok(()) }
                    }
                    Input::Element(element) => role.on_element(self, element),
                };
            if let Err(fault) = result {
                self.fail(role, fault);
            }
        }
    }

    /// The peer's end of input: a failure unless the stream was closing
    /// or established and closed by us.
    pub(crate) fn handle_eof(&mut self) {
        if self.lifecycle == Lifecycle::Closed {
            return;
        }
        if self.lifecycle == Lifecycle::Open {
            self.report_failure(Error::ConnectionLost);
        }
        self.wire.close();
        self.finish();
    }

    /// A step failed: the stream error (if any) and our close go out, the
    /// failure is reported, and the peer's close is awaited.
    pub(crate) fn fail<R: Role<Event = E>>(&mut self, role: &R, fault: Fault) {
        let FaultDetail { error, stream_error } = *fault.0;
        self.wire.close_with(stream_error.as_ref(), || role.error_header());
        self.report_failure(error);
        if self.lifecycle == Lifecycle::Open {
            self.lifecycle = Lifecycle::Closing;
        }
    }

    /// Closes the stream (RFC 6120 §4.4), with `error` first if given.
    pub(crate) fn close<R: Role<Event = E>>(&mut self, role: &R, error: Option<&StreamError>) {
        if self.lifecycle == Lifecycle::Open {
            self.wire.close_with(error, || role.error_header());
            self.lifecycle = Lifecycle::Closing;
        }
    }

    /// One `Failed` per stream: what comes after the first failure is its
    /// consequence.
    fn report_failure(&mut self, error: Error) {
        if !self.failed {
            self.failed = true;
            self.push(Common::Failed(error));
        }
    }

    fn finish(&mut self) {
        for id in self.requests.pending_ids() {
            self.requests.cancel(&id);
            self.push(Common::NoResponse { id, reason: NoResponse::StreamClosed });
        }
        self.push(Common::Closed);
        self.lifecycle = Lifecycle::Closed;
    }

    fn is_ping_answer(&mut self, element: &Element) -> bool {
        if element.name() != "iq" || !matches!(element.attr("type"), Some("result" | "error")) {
            return false;
        }
        let Some(id) = element.attr("id") else { return false };
        match self.liveness.ping_ids.iter().position(|ping| ping == id) {
            Some(i) => {
                self.liveness.ping_ids.remove(i);
                true
            }
            None => false,
        }
    }

    /// The next instant at which `handle_timeout` must be called.
    pub(crate) fn poll_timeout<R: Role<Event = E>>(&self, role: &R) -> Option<Instant> {
        if self.lifecycle == Lifecycle::Closed {
            return None;
        }
        let keepalive = self.keepalive_due(role);
        [keepalive, self.requests.next_deadline(), self.close_due()].into_iter().flatten().min()
    }

    /// While closing: when the peer's close is given up on; the current
    /// time (at once) while that deadline is still to be set, so that the
    /// next `handle_timeout` sets it.
    fn close_due(&self) -> Option<Instant> {
        if self.lifecycle != Lifecycle::Closing {
            return None;
        }
        self.close_deadline.or(self.liveness.clock)
    }

    fn keepalive_due<R: Role<Event = E>>(&self, role: &R) -> Option<Instant> {
        let live = &self.liveness;
        if self.lifecycle != Lifecycle::Open || !role.is_ready() || live.paused {
            return None;
        }
        if let Some((_, deadline)) = &live.outstanding {
            return Some(*deadline);
        }
        let interval = live.config.interval()?;
        let since = [live.last_heard, live.last_ping].into_iter().flatten().max().or(live.clock)?;
        Some(since + interval)
    }

    /// The caller stops (`true`) or resumes (`false`) reading from the
    /// peer. While it does not read, the keepalive neither pings nor
    /// counts silence; on resuming, the peer counts as just heard.
    pub(crate) fn pause_input(&mut self, paused: bool) {
        let live = &mut self.liveness;
        if live.paused != paused {
            live.paused = paused;
            live.outstanding = None;
            live.heard |= !paused;
        }
    }

    pub(crate) fn handle_timeout<R: Role<Event = E>>(&mut self, role: &mut R, now: Instant) {
        if self.lifecycle == Lifecycle::Closed {
            return;
        }
        let live = &mut self.liveness;
        live.clock = Some(now);
        if std::mem::take(&mut live.heard) || live.last_heard.is_none() {
            live.last_heard = Some(now);
            live.outstanding = None;
        }
        while let Some((id, ())) = self.requests.poll_timeout(now) {
            self.push(Common::NoResponse { id, reason: NoResponse::TimedOut });
        }
        if self.lifecycle == Lifecycle::Closing {
            // RFC 6120 §4.4: the closing side may give up waiting for the
            // peer's close after a reasonable time.
            match self.close_deadline {
                None => self.close_deadline = Some(now + CLOSE_TIMEOUT),
                Some(deadline) if deadline <= now => {
                    self.wire.close();
                    self.finish();
                }
                Some(_) => {}
            }
            return;
        }
        if !role.is_ready() || self.liveness.paused {
            return;
        }
        if let Some((sent, deadline)) = &self.liveness.outstanding
            && *deadline <= now
        {
            // XEP-0199 §1, RFC 6120 §4.6.1: nothing came back in time. The
            // peer is taken for dead: its close is not awaited.
            let silent_for = now.saturating_duration_since(*sent);
            self.fail(role, Fault::stream(Error::Timeout { silent_for }, Condition::ConnectionTimeout));
            self.finish();
            return;
        }
        if self.keepalive_due(role).is_some_and(|due| due <= now) {
            self.send_keepalive(role, now);
        }
    }

    fn send_keepalive<R: Role<Event = E>>(&mut self, role: &R, now: Instant) {
        self.liveness.last_ping = Some(now);
        match self.liveness.config {
            KeepAlive::Ping { timeout, .. } => {
                // Unpredictable, and not a pending request's: an answer to
                // it is no one else's.
                let mut bytes = [0u8; 6];
                let id = match self.random.fill(&mut bytes) {
                    Ok(()) => format!("ping-{}", crate::random::hex(&bytes)),
                    Err(_) => self.new_id("ping"),
                };
                match role.ping(&id) {
                    Some(ping) if !self.requests.is_pending(&id) && self.wire.element(&ping).is_ok() => {
                        if self.liveness.ping_ids.len() == PINGS_REMEMBERED {
                            self.liveness.ping_ids.pop_front();
                        }
                        self.liveness.ping_ids.push_back(id);
                        self.liveness.outstanding = Some((now, now + timeout));
                    }
                    _ => self.wire.whitespace(),
                }
            }
            KeepAlive::Whitespace { .. } => self.wire.whitespace(),
            KeepAlive::Off => {}
        }
    }
}

impl KeepAlive {
    fn interval(&self) -> Option<Duration> {
        match *self {
            KeepAlive::Off => None,
            KeepAlive::Whitespace { interval } | KeepAlive::Ping { interval, .. } => Some(interval),
        }
    }
}
