//! What the application holds of a running connection: the command
//! channel (cloneable, for other tasks: [`Sender`]) and the event channel.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jabber_session::Session;
use jabber_stanza::{Iq, Stanza};
use jabber_stream::Element;
use rustls::ProtocolVersion;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use crate::driver::{Command, Driver, EVENT_CHANNEL, RouteEvent};
use crate::error::Error;
use crate::tls::TlsConfig;
use crate::transport::Transport;

/// Ids for requests that come without one (unique in the process, so on
/// every stream, RFC 6120 §8.1.3).
static NEXT_REQUEST: AtomicU64 = AtomicU64::new(1);

/// How long `close` waits for the connection to end: the session's own
/// [`CLOSE_TIMEOUT`](jabber_session::CLOSE_TIMEOUT) for the server's close,
/// and a margin.
pub const CLOSE_TIMEOUT: Duration = Duration::from_secs(jabber_session::CLOSE_TIMEOUT.as_secs() + 5);

/// How long [`Sender::request`] waits for a response by default.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// A cloneable handle to send on a connection from any task: stanzas,
/// tracked requests, the close. Get one with `Client::sender` or
/// `Component::sender`.
#[derive(Debug, Clone)]
pub struct Sender {
    commands: mpsc::Sender<Command>,
}

impl Sender {
    /// Sends a stanza (in the stream's content namespace). Fails with
    /// [`Error::Usage`] if the stream is not established, [`Error::Closed`]
    /// once it is over.
    pub async fn send(&self, stanza: impl Into<Stanza>) -> Result<(), Error> {
        let (reply, result) = oneshot::channel();
        self.command(Command::Send(stanza.into(), reply)).await?;
        result.await.map_err(|_| Error::Closed)?
    }

    /// Sends any first-level element (nonzas of extensions).
    pub async fn send_element(&self, element: Element) -> Result<(), Error> {
        let (reply, result) = oneshot::channel();
        self.command(Command::SendElement(element, reply)).await?;
        result.await.map_err(|_| Error::Closed)?
    }

    /// Sends the iq request `iq` (`get` or `set`; an empty id gets a fresh
    /// one) and waits for its response (RFC 6120 §8.2.3), at most
    /// [`DEFAULT_REQUEST_TIMEOUT`]. The response may be of type `error`:
    /// that is an answer, returned as `Ok`. No response in time is
    /// [`Error::NoResponse`].
    ///
    /// Events keep arriving meanwhile and wait for `next_event`; past
    /// [`EVENT_QUEUE`](crate::EVENT_QUEUE) unread events the connection
    /// stops reading from the server, and a response still unread then
    /// comes only once events are read (or the request times out). A
    /// response that comes after the timeout is an ordinary stanza event.
    pub async fn request(&self, iq: Iq) -> Result<Iq, Error> {
        self.request_with_timeout(iq, DEFAULT_REQUEST_TIMEOUT).await
    }

    /// [`request`](Sender::request) with a timeout of the caller's.
    pub async fn request_with_timeout(&self, mut iq: Iq, timeout: Duration) -> Result<Iq, Error> {
        if iq.id.is_empty() {
            iq.id = format!("req-{}", NEXT_REQUEST.fetch_add(1, Ordering::Relaxed));
        }
        let (reply, result) = oneshot::channel();
        let id = iq.id.clone();
        self.command(Command::Request(iq, timeout, reply)).await?;
        // The machine times the request out; this bound holds even if the
        // connection is stuck on an application that reads no events.
        match tokio::time::timeout(timeout + Duration::from_secs(1), result).await {
            Ok(result) => result.map_err(|_| Error::Closed)?,
            Err(_) => Err(Error::NoResponse { id, reason: jabber_session::NoResponse::TimedOut }),
        }
    }

    /// Closes the stream (RFC 6120 §4.4); the `Closed` event follows once
    /// the server has closed its side.
    pub async fn close(&self) -> Result<(), Error> {
        self.command(Command::Close).await
    }

    async fn command(&self, command: Command) -> Result<(), Error> {
        self.commands.send(command).await.map_err(|_| Error::Closed)
    }
}

/// A running connection: the driver task, its channels.
#[derive(Debug)]
pub(crate) struct Running<E> {
    pub(crate) sender: Sender,
    /// The TLS version of the transport (after STARTTLS, once it is done).
    pub(crate) tls_version: Arc<Mutex<Option<ProtocolVersion>>>,
    pub(crate) events: mpsc::Receiver<E>,
    pub(crate) task: JoinHandle<Result<(), Error>>,
}

impl<E: RouteEvent> Running<E> {
    /// Starts the driver of `machine` over `transport` on the current
    /// tokio runtime.
    pub(crate) fn spawn<M, S>(machine: M, transport: Transport<S>, domain: String, tls: Option<TlsConfig>) -> Self
    where
        M: Session<Event = E> + Send + 'static,
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let tls_version = Arc::new(Mutex::new(transport.protocol_version()));
        let (commands_tx, commands) = mpsc::channel(64);
        let (events_tx, events) = mpsc::channel(EVENT_CHANNEL);
        let driver = Driver {
            machine,
            transport: Some(transport),
            domain,
            tls,
            events: events_tx,
            commands,
            outbox: VecDeque::new(),
            pending: HashMap::new(),
            wire_log: std::env::var_os("JABBER_WIRE_LOG").is_some(),
            tls_version: tls_version.clone(),
        };
        Running { sender: Sender { commands: commands_tx }, tls_version, events, task: tokio::spawn(driver.run()) }
    }

    /// The next event; `None` after the last (`Closed`).
    pub(crate) async fn next_event(&mut self) -> Option<E> {
        self.events.recv().await
    }

    /// Why the driver stopped, once the events have ended: a transport
    /// error, or `Closed`.
    pub(crate) async fn stopped(&mut self) -> Error {
        match (&mut self.task).await {
            Ok(Err(error)) => error,
            Ok(Ok(())) | Err(_) => Error::Closed,
        }
    }

    /// Closes the stream and waits for its end, at most [`CLOSE_TIMEOUT`]
    /// for the server's close (RFC 6120 §4.4 lets the closing side give
    /// up); events after the close are dropped, except a failure, which is
    /// returned.
    pub(crate) async fn close(mut self) -> Result<(), Error> {
        let sender = self.sender.clone();
        let drain = async {
            // An error here means the driver is gone: the stream is over already.
            let _ = sender.close().await;
            let mut failure = None;
            while let Some(event) = self.events.recv().await {
                failure = failure.or(event.failure());
            }
            failure
        };
        match tokio::time::timeout(CLOSE_TIMEOUT, drain).await {
            Ok(Some(failure)) => {
                let _ = (&mut self.task).await;
                Err(Error::Session(failure))
            }
            Ok(None) => match (&mut self.task).await {
                Ok(result) => result,
                Err(_) => Err(Error::Closed),
            },
            Err(_) => {
                self.task.abort();
                Err(Error::Timeout { after: CLOSE_TIMEOUT })
            }
        }
    }
}
