//! A blocking driver for `jabber::session::Client` over `std::net::TcpStream`: the glue a user
//! writes once, kept small. Shared by `examples/client.rs` and the interop tests.

#![allow(dead_code)] // each user takes what it needs

use std::collections::VecDeque;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use jabber::jid::{BareJid, FullJid, ResourcePart};
use jabber::session::sasl::Mechanism;
use jabber::session::{Client, ClientConfig, ClientEvent, IqTracker, Session, Tls, Tracked};
use jabber::stanza::{Iq, Stanza};

pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// How to log in.
#[derive(Debug, Clone)]
pub(crate) struct Login {
    pub(crate) address: String,
    pub(crate) account: BareJid,
    pub(crate) password: String,
    pub(crate) resource: Option<String>,
    pub(crate) mechanisms: Vec<Mechanism>,
}

/// A logged-in client on a TCP connection.
pub(crate) struct Connection {
    pub(crate) client: Client,
    stream: TcpStream,
    queue: VecDeque<ClientEvent>,
    pub(crate) tracker: IqTracker<()>,
    /// The mechanism SASL used.
    pub(crate) mechanism: Option<Mechanism>,
    /// With `JABBER_WIRE_LOG` set, every byte written and read goes to stderr.
    wire_log: bool,
    /// What the client could not read cleanly, as it arrived: invalid stanzas, and stanzas with
    /// a non-empty `malformed` list (read liberally, but not as sent).
    pub(crate) complaints: Vec<String>,
}

impl Connection {
    /// Connects and negotiates up to the bound resource (plain TCP: no TLS here, so PLAIN is
    /// allowed in the clear; use against local test servers only).
    pub(crate) fn login(login: &Login) -> Result<Connection, BoxError> {
        let stream = TcpStream::connect(&login.address)?;
        stream.set_nodelay(true)?;
        let mut config = ClientConfig::new(login.account.clone(), login.password.clone())
            .with_tls(Tls::Disabled)
            .allow_plain_without_tls(true)
            .with_mechanisms(&login.mechanisms);
        if let Some(resource) = &login.resource {
            config = config.with_resource(ResourcePart::new(resource)?);
        }
        let mut connection = Connection {
            client: Client::new(config)?,
            stream,
            queue: VecDeque::new(),
            tracker: IqTracker::new(),
            mechanism: None,
            wire_log: std::env::var_os("JABBER_WIRE_LOG").is_some(),
            complaints: Vec::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            match connection.next_event(deadline)? {
                ClientEvent::Authenticated { mechanism, .. } => connection.mechanism = Some(mechanism),
                ClientEvent::Bound(jid) => {
                    connection.tracker.set_own_jid(jid);
                    return Ok(connection);
                }
                ClientEvent::Failed(error) => return Err(error.into()),
                ClientEvent::StartTls => return Err("the server wants STARTTLS; this driver has no TLS".into()),
                ClientEvent::Closed => return Err("closed during negotiation".into()),
                _ => {}
            }
        }
    }

    pub(crate) fn jid(&self) -> &FullJid {
        self.client.jid().expect("bound")
    }

    fn flush(&mut self) -> Result<(), BoxError> {
        while let Some(bytes) = self.client.poll_transmit() {
            if self.wire_log {
                eprintln!("C: {}", String::from_utf8_lossy(&bytes));
            }
            self.stream.write_all(&bytes)?;
        }
        Ok(())
    }

    /// The next event, reading from the server until `deadline`.
    pub(crate) fn next_event(&mut self, deadline: Instant) -> Result<ClientEvent, BoxError> {
        let mut buf = [0u8; 16 * 1024];
        loop {
            self.flush()?;
            if let Some(event) = self.queue.pop_front() {
                return Ok(event);
            }
            if let Some(event) = self.client.poll_event() {
                match &event {
                    ClientEvent::InvalidStanza { element, error } => {
                        self.complaints.push(format!("invalid stanza ({error}): {element}"));
                    }
                    ClientEvent::Stanza(stanza) if !stanza.malformed().is_empty() => {
                        self.complaints.push(format!("malformed {:?} in {stanza:?}", stanza.malformed()));
                    }
                    _ => {}
                }
                return Ok(event);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err("timed out waiting for the server".into());
            }
            self.stream.set_read_timeout(Some(left))?;
            match self.stream.read(&mut buf) {
                Ok(0) => self.client.handle_eof(),
                Ok(n) => {
                    if self.wire_log {
                        eprintln!("S: {}", String::from_utf8_lossy(&buf[..n]));
                    }
                    self.client.handle_input(&buf[..n]);
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Waits for the first stanza `want` accepts; the others are kept, in order, for later.
    pub(crate) fn wait_for(&mut self, what: &str, want: impl Fn(&Stanza) -> bool) -> Result<Stanza, BoxError> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut skipped = VecDeque::new();
        let found = loop {
            match self.next_event(deadline) {
                Ok(ClientEvent::Stanza(stanza)) if want(&stanza) => break Ok(stanza),
                Ok(ClientEvent::Failed(error)) => break Err(BoxError::from(error)),
                Ok(ClientEvent::Closed) => break Err(format!("closed while waiting for {what}").into()),
                Ok(other) => skipped.push_back(other),
                Err(error) => break Err(format!("waiting for {what}: {error}").into()),
            }
        };
        skipped.extend(self.queue.drain(..));
        self.queue = skipped;
        found
    }

    pub(crate) fn send(&mut self, stanza: impl Into<Stanza>) -> Result<(), BoxError> {
        self.client.send(stanza)?;
        self.flush()
    }

    /// Sends a request and waits for its response (matched by id and sender).
    pub(crate) fn request(&mut self, mut iq: Iq) -> Result<Iq, BoxError> {
        if iq.id.is_empty() {
            iq.id = self.tracker.next_id();
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        self.tracker.register(&iq, deadline, ())?;
        self.send(iq.clone())?;
        let mut skipped = VecDeque::new();
        let result = loop {
            match self.next_event(deadline) {
                Ok(ClientEvent::Stanza(Stanza::Iq(response))) => match self.tracker.handle(response) {
                    Tracked::Response { iq, .. } => break Ok(iq),
                    Tracked::Other(other) => skipped.push_back(ClientEvent::Stanza(Stanza::Iq(other))),
                },
                Ok(ClientEvent::Failed(error)) => break Err(BoxError::from(error)),
                Ok(ClientEvent::Closed) => break Err("closed while waiting for a response".into()),
                Ok(other) => skipped.push_back(other),
                Err(error) => {
                    self.tracker.cancel(&iq.id);
                    break Err(format!("waiting for the response to {}: {error}", iq.id).into());
                }
            }
        };
        skipped.extend(self.queue.drain(..));
        self.queue = skipped;
        result
    }

    /// Closes the stream and waits for the server's close.
    pub(crate) fn close(mut self) -> Result<(), BoxError> {
        self.client.close();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.next_event(deadline)? {
                ClientEvent::Closed => return Ok(()),
                ClientEvent::Failed(error) => return Err(error.into()),
                _ => {}
            }
        }
    }
}
