//! The task that drives a `jabber-session` machine over a [`Transport`]:
//! bytes between the socket and the machine, the STARTTLS upgrade, the
//! machine's deadlines, and the application's commands. One per
//! connection; the application talks to it through channels.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use jabber_session::sasl::{ChannelBinding, ChannelBindingType};
use jabber_session::{ClientEvent, ComponentEvent, Session};
use jabber_stanza::{Iq, Stanza};
use jabber_stream::Element;
use rustls::ProtocolVersion;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};

use crate::error::Error;
use crate::tls::TlsConfig;
use crate::transport::Transport;

/// How many events wait for the application before the connection stops
/// reading from the server (backpressure, not unbounded memory); requests
/// still time out and keepalive still runs meanwhile.
pub const EVENT_QUEUE: usize = 1024;

/// How long writing what the machine produced may take: a peer that reads
/// nothing (a zero TCP window) fails the connection after it.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(60);

/// The channel between the driver and the application (the rest of
/// [`EVENT_QUEUE`] waits in the driver).
pub(crate) const EVENT_CHANNEL: usize = 64;

/// What the application asks of the driver.
pub(crate) enum Command {
    Send(Stanza, oneshot::Sender<Result<(), Error>>),
    SendElement(Element, oneshot::Sender<Result<(), Error>>),
    Request(Iq, Duration, oneshot::Sender<Result<Iq, Error>>),
    Close,
}

/// The events the driver routes: responses to its requests go to the
/// caller that made them, everything else to the application.
pub(crate) trait RouteEvent: Sized + Send + 'static {
    /// The id, for a response (or its absence) to a tracked request.
    fn request_id(&self) -> Option<&str>;
    /// The outcome of a tracked request (for an event with a `request_id`).
    fn outcome(self) -> Result<Iq, Error>;
    /// Whether this is the last event.
    fn is_closed(&self) -> bool;
    /// The stream's failure, for a `Failed` event.
    fn failure(self) -> Option<jabber_session::Error>;
}

macro_rules! route_event {
    ($event:ident) => {
        impl RouteEvent for $event {
            fn request_id(&self) -> Option<&str> {
                match self {
                    $event::Response { id, .. } | $event::NoResponse { id, .. } => Some(id),
                    _ => None,
                }
            }

            fn outcome(self) -> Result<Iq, Error> {
                match self {
                    $event::Response { iq, .. } => Ok(iq),
                    $event::NoResponse { id, reason } => Err(Error::NoResponse { id, reason }),
                    _ => Err(Error::Closed),
                }
            }

            fn is_closed(&self) -> bool {
                matches!(self, $event::Closed)
            }

            fn failure(self) -> Option<jabber_session::Error> {
                match self {
                    $event::Failed(error) => Some(error),
                    _ => None,
                }
            }
        }
    };
}

route_event!(ClientEvent);
route_event!(ComponentEvent);

/// The `tls-exporter` channel binding of a TLS 1.3 session (RFC 9266 §2:
/// with TLS 1.2 only under conditions this crate does not check, so not
/// offered there).
pub(crate) fn channel_binding<S>(transport: &Transport<S>) -> Option<ChannelBinding> {
    if transport.protocol_version() != Some(ProtocolVersion::TLSv1_3) {
        return None;
    }
    let data = transport.tls_exporter()?;
    Some(ChannelBinding::new(ChannelBindingType::TlsExporter, data.to_vec()))
}

/// One connection: the machine, its transport, the channels.
pub(crate) struct Driver<M: Session, S> {
    pub(crate) machine: M,
    /// `None` only while STARTTLS swaps it.
    pub(crate) transport: Option<Transport<S>>,
    /// The XMPP domain the server's certificate is checked against.
    pub(crate) domain: String,
    pub(crate) tls: Option<TlsConfig>,
    pub(crate) events: mpsc::Sender<M::Event>,
    pub(crate) commands: mpsc::Receiver<Command>,
    /// Events waiting for the application (see [`Driver::run`]).
    pub(crate) outbox: VecDeque<M::Event>,
    /// Requests made through the driver, by id.
    pub(crate) pending: HashMap<String, oneshot::Sender<Result<Iq, Error>>>,
    /// With `JABBER_WIRE_LOG` set, every byte goes to stderr.
    pub(crate) wire_log: bool,
    /// The TLS version, for the application once STARTTLS is done.
    pub(crate) tls_version: Arc<Mutex<Option<ProtocolVersion>>>,
}

impl<M, S> Driver<M, S>
where
    M: Session + Send + 'static,
    M::Event: RouteEvent,
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    /// Runs until the stream is closed; the error, if any, is why the
    /// transport failed (the stream's own failures come as events).
    ///
    /// Events wait in an outbox for the application; while it holds
    /// [`EVENT_QUEUE`] of them, the driver reads nothing more from the peer
    /// (backpressure) but still serves commands and timers, so that
    /// requests time out and keepalive runs.
    pub(crate) async fn run(mut self) -> Result<(), Error> {
        let mut buf = vec![0u8; 16 * 1024];
        let mut commands_open = true;
        loop {
            // The machine's clock stays fresh: its deadlines (requests, the
            // wait for the peer's close) are armed even before any input.
            self.machine.handle_timeout(Instant::now());
            let written = match tokio::time::timeout(WRITE_TIMEOUT, self.flush()).await {
                Ok(written) => written,
                Err(_) => Err(Error::Timeout { after: WRITE_TIMEOUT }),
            };
            if let Err(error) = written {
                return self.fail_transport(error).await;
            }
            self.collect();
            if self.deliver_ready() {
                return Ok(());
            }
            if self.machine.tls_handoff() {
                if let Err(error) = self.start_tls().await {
                    return self.fail_transport(error).await;
                }
                continue;
            }
            let deadline = self.machine.poll_timeout().map(tokio::time::Instant::from_std);
            let sleep = async {
                match deadline {
                    Some(deadline) => tokio::time::sleep_until(deadline).await,
                    None => std::future::pending().await,
                }
            };
            let reading = self.outbox.len() < EVENT_QUEUE && !self.machine.is_closed();
            self.machine.pause_input(!reading);
            let events = self.events.clone();
            tokio::select! {
                permit = events.reserve(), if !self.outbox.is_empty() => match permit {
                    Ok(permit) => {
                        if let Some(event) = self.outbox.pop_front() {
                            let closed = event.is_closed();
                            permit.send(event);
                            if closed {
                                return Ok(());
                            }
                        }
                    }
                    // Nobody reads events any more: they are dropped.
                    Err(_) => {
                        if self.discard_outbox() {
                            return Ok(());
                        }
                    }
                },
                read = read(&mut self.transport, &mut buf), if reading => match read {
                    Ok(0) => self.machine.handle_eof(),
                    Ok(n) => {
                        if self.wire_log {
                            eprintln!("<< {}", String::from_utf8_lossy(&buf[..n]));
                        }
                        self.machine.handle_input(&buf[..n]);
                    }
                    Err(error) => return self.fail_transport(error.into()).await,
                },
                command = self.commands.recv(), if commands_open => match command {
                    Some(command) => self.command(command),
                    None => {
                        // Every handle is gone: nobody will read what comes.
                        commands_open = false;
                        self.machine.close();
                    }
                },
                // The loop's first step gives the machine the time.
                () = sleep => {}
            }
        }
    }

    fn command(&mut self, command: Command) {
        match command {
            Command::Send(stanza, reply) => {
                let _ = reply.send(self.machine.send(stanza).map_err(Error::from));
            }
            Command::SendElement(element, reply) => {
                let _ = reply.send(self.machine.send_element(&element).map_err(Error::from));
            }
            Command::Request(iq, timeout, reply) => match self.machine.request(iq, Instant::now() + timeout) {
                Ok(id) => {
                    self.pending.insert(id, reply);
                }
                Err(error) => {
                    let _ = reply.send(Err(error.into()));
                }
            },
            Command::Close => self.machine.close(),
        }
    }

    /// Moves the machine's events to the outbox; the outcomes of requests
    /// made through the driver go to their callers.
    fn collect(&mut self) {
        while let Some(event) = self.machine.poll_event() {
            match event.request_id().and_then(|id| self.pending.remove(id)) {
                Some(reply) => {
                    let _ = reply.send(event.outcome());
                }
                None => self.outbox.push_back(event),
            }
        }
    }

    /// Hands over what the event channel takes without waiting; `true`
    /// once `Closed` went out (or was dropped with nobody reading).
    fn deliver_ready(&mut self) -> bool {
        while let Some(event) = self.outbox.pop_front() {
            let closed = event.is_closed();
            match self.events.try_send(event) {
                Ok(()) if closed => return true,
                Ok(()) => {}
                Err(mpsc::error::TrySendError::Full(event)) => {
                    self.outbox.push_front(event);
                    return false;
                }
                Err(mpsc::error::TrySendError::Closed(_)) => return closed || self.discard_outbox(),
            }
        }
        false
    }

    /// Nobody reads events any more: drops them; `true` if `Closed` was
    /// among them.
    fn discard_outbox(&mut self) -> bool {
        let closed = self.outbox.iter().any(RouteEvent::is_closed);
        self.outbox.clear();
        closed
    }

    async fn flush(&mut self) -> Result<(), Error> {
        let mut wrote = false;
        while let Some(bytes) = self.machine.poll_transmit() {
            if self.wire_log {
                eprintln!(">> {}", String::from_utf8_lossy(&bytes));
            }
            let transport = self.transport.as_mut().ok_or(Error::Closed)?;
            transport.write_all(&bytes).await?;
            wrote = true;
        }
        if wrote && let Some(transport) = self.transport.as_mut() {
            transport.flush().await?;
        }
        Ok(())
    }

    /// STARTTLS (RFC 6120 §5.4.3.3): `<proceed/>` came; TLS over the same
    /// TCP stream, then the machine restarts the stream over it.
    async fn start_tls(&mut self) -> Result<(), Error> {
        let Some(tls) = self.tls.clone() else {
            return Err(Error::Usage(jabber_session::UsageError::NoTlsHandoff));
        };
        let transport = self.transport.take().ok_or(Error::Closed)?;
        let transport = transport.upgrade(&self.domain, &tls).await?;
        let binding = channel_binding(&transport);
        if let Ok(mut version) = self.tls_version.lock() {
            *version = transport.protocol_version();
        }
        self.transport = Some(transport);
        self.machine.tls_established(binding)?;
        Ok(())
    }

    /// The transport broke (or a write did not finish in time): the stream
    /// ends as at the end of input (`Failed`, then `Closed`), every event
    /// goes out, the requests fail; the error is the task's result.
    async fn fail_transport(&mut self, error: Error) -> Result<(), Error> {
        self.machine.handle_eof();
        self.collect();
        while let Some(event) = self.outbox.pop_front() {
            if self.events.send(event).await.is_err() {
                break;
            }
        }
        for (_, reply) in self.pending.drain() {
            let _ = reply.send(Err(Error::Closed));
        }
        Err(error)
    }
}

/// Reads from the transport (nothing, forever, while there is none).
async fn read<S: AsyncRead + AsyncWrite + Unpin>(
    transport: &mut Option<Transport<S>>,
    buf: &mut [u8],
) -> std::io::Result<usize> {
    match transport {
        Some(transport) => transport.read(buf).await,
        None => std::future::pending().await,
    }
}
