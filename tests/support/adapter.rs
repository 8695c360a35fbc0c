//! A blocking wrapper over the async adapter (`jabber::tokio::Client`) for the interop tests: each
//! connection owns a tokio current-thread runtime and calls the client inside `block_on`. No I/O
//! loop of its own: the adapter's driver task reads, writes, upgrades to TLS and tracks requests
//! (it runs while a call of this wrapper is blocked in `block_on`).

#![allow(dead_code)] // each user takes what it needs

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use jabber::jid::{BareJid, FullJid, ResourcePart};
use jabber::session::ClientEvent;
use jabber::session::sasl::Mechanism;
use jabber::stanza::{Iq, Stanza};
use jabber::tokio::{Client, TlsConfig};

pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// How the connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TlsMode {
    /// Plain TCP, then STARTTLS (RFC 6120 §5): the c2s port.
    StartTls,
    /// TLS from the first byte (XEP-0368): the direct TLS port.
    Direct,
}

/// Which certificates are trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Trust {
    /// Exactly the CA in this PEM file (the interop run's throw-away CA).
    Ca(PathBuf),
    /// The platform's roots (`TlsConfig::platform`).
    Platform,
}

/// How to log in.
#[derive(Debug, Clone)]
pub(crate) struct Login {
    /// `HOST:PORT`.
    pub(crate) address: String,
    pub(crate) account: BareJid,
    pub(crate) password: String,
    pub(crate) resource: Option<String>,
    pub(crate) mechanisms: Vec<Mechanism>,
    pub(crate) tls: TlsMode,
    pub(crate) trust: Trust,
}

/// A logged-in client: the adapter's `Client` and the runtime it runs on.
pub(crate) struct Connection {
    // Dropped before the runtime (fields drop in order).
    client: Option<Client>,
    runtime: tokio::runtime::Runtime,
    /// Events read but not yet taken (`wait_for` and `request` put back what they skip).
    queue: VecDeque<ClientEvent>,
    /// The mechanism SASL used.
    pub(crate) mechanism: Option<Mechanism>,
    /// Whether the stream is encrypted (`Client::is_secure`).
    pub(crate) secure: bool,
    /// Its TLS version (`Client::tls_version`).
    pub(crate) tls_version: Option<jabber::tokio::rustls::ProtocolVersion>,
    /// What the client could not read cleanly, as it arrived: invalid stanzas, and stanzas with
    /// a non-empty `malformed` list (read liberally, but not as sent).
    pub(crate) complaints: Vec<String>,
}

impl Connection {
    /// Connects (STARTTLS or direct TLS, the certificate checked against the account's domain
    /// with `login.trust`), authenticates and binds: `Client::builder(..).connect()`.
    pub(crate) fn login(login: &Login) -> Result<Connection, jabber::tokio::Error> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let (host, port) = login.address.rsplit_once(':').expect("HOST:PORT");
        let port: u16 = port.parse().expect("a port number");
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let mut builder = Client::builder(login.account.clone(), login.password.clone());
        builder = match login.tls {
            TlsMode::StartTls => builder.server(host, port),
            TlsMode::Direct => builder.direct_tls(host, port),
        };
        builder = builder.tls(match &login.trust {
            Trust::Ca(path) => TlsConfig::from_pem_file(path)?,
            Trust::Platform => TlsConfig::platform()?,
        });
        if let Some(resource) = &login.resource {
            builder = builder.resource(ResourcePart::new(resource)?);
        }
        builder = builder.mechanisms(&login.mechanisms).login_timeout(Duration::from_secs(15));
        let client = runtime.block_on(builder.connect())?;
        Ok(Connection {
            mechanism: client.mechanism(),
            secure: client.is_secure(),
            tls_version: client.tls_version(),
            client: Some(client),
            runtime,
            queue: VecDeque::new(),
            complaints: Vec::new(),
        })
    }

    fn client(&self) -> &Client {
        self.client.as_ref().expect("not closed")
    }

    pub(crate) fn jid(&self) -> &FullJid {
        self.client().jid()
    }

    /// The next event, waiting until `deadline` at most.
    pub(crate) fn next_event(&mut self, deadline: Instant) -> Result<ClientEvent, BoxError> {
        if let Some(event) = self.queue.pop_front() {
            return Ok(event);
        }
        let client = self.client.as_mut().expect("not closed");
        let deadline = tokio::time::Instant::from_std(deadline);
        let event = self
            .runtime
            .block_on(async { tokio::time::timeout_at(deadline, client.next_event()).await })
            .map_err(|_| "timed out waiting for the server")?
            .ok_or("the stream is over (no event after Closed)")?;
        match &event {
            ClientEvent::InvalidStanza { element, error } => {
                self.complaints.push(format!("invalid stanza ({error}): {element}"));
            }
            ClientEvent::Stanza(stanza) if !stanza.malformed().is_empty() => {
                self.complaints.push(format!("malformed {:?} in {stanza:?}", stanza.malformed()));
            }
            _ => {}
        }
        Ok(event)
    }

    /// Waits (10 s at most) for the first stanza `want` accepts; the other events are kept, in
    /// order, for later.
    pub(crate) fn wait_for(&mut self, what: &str, want: impl Fn(&Stanza) -> bool) -> Result<Stanza, BoxError> {
        let deadline = Instant::now() + Duration::from_secs(10);
        // What was queued already is looked at first, then what arrives.
        let mut pending: VecDeque<ClientEvent> = self.queue.drain(..).collect();
        let mut skipped = VecDeque::new();
        let found = loop {
            let next = match pending.pop_front() {
                Some(event) => Ok(event),
                None => self.next_event(deadline),
            };
            match next {
                Ok(ClientEvent::Stanza(stanza)) if want(&stanza) => break Ok(stanza),
                Ok(ClientEvent::Failed(error)) => break Err(BoxError::from(error)),
                Ok(ClientEvent::Closed) => break Err(format!("closed while waiting for {what}").into()),
                Ok(other) => skipped.push_back(other),
                Err(error) => break Err(format!("waiting for {what}: {error}").into()),
            }
        };
        skipped.extend(pending);
        skipped.extend(self.queue.drain(..));
        self.queue = skipped;
        found
    }

    pub(crate) fn send(&mut self, stanza: impl Into<Stanza>) -> Result<(), BoxError> {
        let client = self.client.as_ref().expect("not closed");
        Ok(self.runtime.block_on(client.send(stanza))?)
    }

    /// Sends a request and waits (10 s at most) for its response: `Client::request_with_timeout`
    /// (the adapter matches it by id and sender). Events that arrive meanwhile stay queued in
    /// the adapter for `next_event`.
    pub(crate) fn request(&mut self, iq: Iq) -> Result<Iq, BoxError> {
        let client = self.client.as_ref().expect("not closed");
        Ok(self.runtime.block_on(client.request_with_timeout(iq, Duration::from_secs(10)))?)
    }

    /// Closes the stream and waits (10 s at most) for the server's close: `Client::close`.
    pub(crate) fn close(mut self) -> Result<(), BoxError> {
        let client = self.client.take().expect("not closed");
        let limit = Duration::from_secs(10);
        self.runtime
            .block_on(async { tokio::time::timeout(limit, client.close()).await })
            .map_err(|_| "the close timed out")??;
        Ok(())
    }
}
