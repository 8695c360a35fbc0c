//! [`Session`]: the one contract of every machine of this crate (the shape
//! of quinn-proto's `Connection`): bytes and the time go in, bytes,
//! events and the next deadline come out; the machine opens no socket,
//! spawns no task and reads no clock.

use std::time::{Duration, Instant};

use jabber_stanza::{Iq, Stanza};
use jabber_stream::Element;

use crate::error::UsageError;
use crate::sasl::ChannelBinding;

/// A sans-I/O XMPP stream machine: [`Client`](crate::Client),
/// [`Server`](crate::Server), [`Component`](crate::Component) and
/// [`ComponentServer`](crate::ComponentServer).
///
/// # Driving one
///
/// ```text
/// loop {
///     while let Some(bytes) = machine.poll_transmit() { write all of bytes }
///     while let Some(event) = machine.poll_event() { handle event; stop after Closed }
///     if machine.tls_handoff() { start TLS on the transport; machine.tls_established(binding) }
///     wait for: bytes read          -> machine.handle_input(&bytes)
///               end of input        -> machine.handle_eof()
///               machine.poll_timeout() passed -> machine.handle_timeout(now)
///               the application     -> machine.send(stanza) / machine.close()
/// }
/// ```
///
/// Time enters only through [`handle_timeout`](Session::handle_timeout):
/// keepalive and request deadlines are measured from the instants given
/// there. Calling it more often than [`poll_timeout`](Session::poll_timeout)
/// asks is harmless and keeps the machine's idea of "now" fresh (the
/// `jabber-tokio` adapter calls it after every read).
pub trait Session {
    /// The machine's events ([`ClientEvent`](crate::ClientEvent),
    /// [`ServerEvent`](crate::ServerEvent),
    /// [`ComponentEvent`](crate::ComponentEvent)).
    type Event;

    /// Handles bytes read from the peer (decrypted, under TLS). Whatever
    /// they hold becomes events; nothing here fails: faults of the peer end
    /// the stream with a `Failed` event.
    fn handle_input(&mut self, bytes: &[u8]);

    /// The peer's end of input (the connection closed). A stream that was
    /// not closed first ends with `Failed` ([`Error::ConnectionLost`](crate::Error::ConnectionLost))
    /// before `Closed`.
    fn handle_eof(&mut self);

    /// The time is `now`: deadlines that passed fire (keepalive pings, a
    /// dead peer, requests without response).
    fn handle_timeout(&mut self, now: Instant);

    /// The caller stops (`true`) or resumes (`false`) reading from the peer
    /// (backpressure: the application reads events more slowly than they
    /// come). Meanwhile the peer's silence is not its own: keepalive sends
    /// no ping and declares no one dead; requests still time out.
    fn pause_input(&mut self, paused: bool);

    /// When [`handle_timeout`](Session::handle_timeout) must be called
    /// next, if anything is timed: a tracked request's deadline, a
    /// keepalive ping (armed by the first `handle_timeout` after the stream
    /// is established), the wait for the peer's close.
    fn poll_timeout(&self) -> Option<Instant>;

    /// Bytes to write to the peer, if any.
    fn poll_transmit(&mut self) -> Option<Vec<u8>>;

    /// The next event, if any.
    fn poll_event(&mut self) -> Option<Self::Event>;

    /// Sends a stanza (once the stream is established), in the stream's
    /// content namespace.
    fn send(&mut self, stanza: impl Into<Stanza>) -> Result<(), UsageError>
    where
        Self: Sized;

    /// Sends the iq request `iq` (a `get` or `set`, once the stream is
    /// established) and tracks it: its response comes as a `Response`
    /// event with the returned id (matched by id and by sender, RFC 6120
    /// §8.2.3, §10.3.3), or `NoResponse` once `deadline` passes (see
    /// [`handle_timeout`](Session::handle_timeout)) or the stream closes.
    /// An empty id is replaced by a fresh one. Fails if the iq is no
    /// request, its id is already pending, or the stream is not ready.
    fn request(&mut self, iq: Iq, deadline: Instant) -> Result<String, UsageError>;

    /// Sends any first-level element (once the stream is established):
    /// nonzas of extensions (stream management, ...).
    fn send_element(&mut self, element: &Element) -> Result<(), UsageError>;

    /// Closes the stream (RFC 6120 §4.4): `</stream:stream>` goes out; the
    /// peer answers with its own, then `Closed` comes, or, if it never does,
    /// [`CLOSE_TIMEOUT`](crate::CLOSE_TIMEOUT) after the first
    /// `handle_timeout` that follows.
    fn close(&mut self);

    /// Whether the machine waits for the transport to start TLS (after
    /// its `StartTls` event, until
    /// [`tls_established`](Session::tls_established)).
    fn tls_handoff(&self) -> bool;

    /// TLS is up on the transport (after `StartTls`): the stream restarts
    /// over it. `binding` is the TLS session's channel-binding data, for
    /// SCRAM's `-PLUS` mechanisms (RFC 5802 §6, RFC 9266), if the TLS layer
    /// exports it.
    fn tls_established(&mut self, binding: Option<ChannelBinding>) -> Result<(), UsageError>;

    /// Whether stanzas may be sent.
    fn is_ready(&self) -> bool;

    /// Whether the stream is over and every event was handed out (the last
    /// was `Closed`).
    fn is_closed(&self) -> bool;
}

/// How a machine keeps an established stream alive and notices a dead
/// peer. It needs [`Session::handle_timeout`] to be called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeepAlive {
    /// Nothing.
    Off,
    /// After `interval` without hearing from the peer, a single space
    /// (RFC 6120 §4.6.1): keeps NATs and idle-timeouts open, notices a
    /// broken connection when the write fails. Does not detect a peer that
    /// is silent but connected.
    Whitespace {
        /// How long the stream may be quiet.
        interval: Duration,
    },
    /// After `interval` without hearing from the peer, an XEP-0199 ping;
    /// if nothing at all comes back within `timeout`, the stream fails
    /// with [`Error::Timeout`](crate::Error::Timeout) and a
    /// `connection-timeout` stream error (RFC 6120 §4.9.3.4). Where the
    /// role cannot address a ping (a component), a whitespace ping goes
    /// out instead, without the deadline.
    Ping {
        /// How long the stream may be quiet.
        interval: Duration,
        /// How long the peer has to answer.
        timeout: Duration,
    },
}

impl KeepAlive {
    /// A client's default: a ping after 60 s of silence, dead after 30 s
    /// more.
    pub const CLIENT_DEFAULT: KeepAlive =
        KeepAlive::Ping { interval: Duration::from_secs(60), timeout: Duration::from_secs(30) };
}

/// Implements [`Session`] for a machine made of `core` and `role` fields.
macro_rules! session_impl {
    ($machine:ty, $event:ty) => {
        impl $crate::Session for $machine {
            type Event = $event;

            fn handle_input(&mut self, bytes: &[u8]) {
                self.core.handle_input(&mut self.role, bytes);
            }

            fn handle_eof(&mut self) {
                self.core.handle_eof();
            }

            fn handle_timeout(&mut self, now: std::time::Instant) {
                self.core.handle_timeout(&mut self.role, now);
            }

            fn pause_input(&mut self, paused: bool) {
                self.core.pause_input(paused);
            }

            fn poll_timeout(&self) -> Option<std::time::Instant> {
                self.core.poll_timeout(&self.role)
            }

            fn poll_transmit(&mut self) -> Option<Vec<u8>> {
                self.core.poll_transmit()
            }

            fn poll_event(&mut self) -> Option<$event> {
                self.core.poll_event()
            }

            fn send(&mut self, stanza: impl Into<jabber_stanza::Stanza>) -> Result<(), $crate::UsageError> {
                if !self.core.can_send(&self.role) {
                    return Err($crate::UsageError::NotReady);
                }
                self.core.wire.stanza(&stanza.into())
            }

            fn request(
                &mut self,
                iq: jabber_stanza::Iq,
                deadline: std::time::Instant,
            ) -> Result<String, $crate::UsageError> {
                if !self.core.can_send(&self.role) {
                    return Err($crate::UsageError::NotReady);
                }
                self.core.request(iq, deadline)
            }

            fn send_element(&mut self, element: &jabber_stream::Element) -> Result<(), $crate::UsageError> {
                if !self.core.can_send(&self.role) {
                    return Err($crate::UsageError::NotReady);
                }
                self.core.wire.element(element)
            }

            fn close(&mut self) {
                self.core.close(&self.role, None);
            }

            fn tls_handoff(&self) -> bool {
                $crate::core::Role::tls_handoff(&self.role)
            }

            fn tls_established(
                &mut self,
                binding: Option<$crate::sasl::ChannelBinding>,
            ) -> Result<(), $crate::UsageError> {
                $crate::core::Role::tls_established(&mut self.role, &mut self.core, binding)?;
                self.core.process(&mut self.role);
                Ok(())
            }

            fn is_ready(&self) -> bool {
                self.core.can_send(&self.role)
            }

            fn is_closed(&self) -> bool {
                self.core.is_closed()
            }
        }
    };
}

pub(crate) use session_impl;
