//! [`Client`]: an XMPP client connection (RFC 6120), from DNS to a bound
//! resource, driven on tokio.

use std::time::Duration;

use jabber_jid::{BareJid, FullJid, ResourcePart};
use jabber_session::sasl::Mechanism;
use jabber_session::{ClientConfig, ClientEvent, KeepAlive, Tls};
use jabber_stanza::{Iq, Stanza};
use jabber_stream::Element;
use tokio::io::{AsyncRead, AsyncWrite};

use crate::driver::channel_binding;
use crate::error::Error;
use crate::handle::{Running, Sender};
use crate::resolve::{Candidate, Resolver, TlsMode};
use crate::tls::TlsConfig;
use crate::transport::{Connector, Transport};

/// An XMPP client connection with a bound resource: events in, stanzas
/// out. Made by [`Client::connect`] or a [`ClientBuilder`]; a task of its
/// own reads and writes the socket, answers the machine's timers and
/// upgrades to TLS.
///
/// ```no_run
/// use jabber_tokio::Client;
/// use jabber_session::ClientEvent;
/// use jabber_stanza::{Presence, Stanza};
///
/// # async fn run() -> Result<(), jabber_tokio::Error> {
/// let mut client = Client::connect("juliet@example.com".parse()?, "r0m30myr0m30").await?;
/// client.send(Presence::new()).await?;
/// while let Some(event) = client.next_event().await {
///     if let ClientEvent::Stanza(Stanza::Message(message)) = event {
///         if let Some(reply) = message.reply("Wherefore?") {
///             client.send(reply).await?;
///         }
///     }
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Client {
    running: Running<ClientEvent>,
    jid: FullJid,
    mechanism: Option<Mechanism>,
    secure: bool,
}

impl Client {
    /// Connects to the account's server and logs in: DNS SRV discovery
    /// (RFC 6120 §3.2, XEP-0368), TCP, TLS (direct or STARTTLS, required;
    /// the certificate checked against the domain with the platform's
    /// roots, RFC 7590), SASL (the strongest SCRAM the server offers, with
    /// channel binding where it lists `tls-exporter`), resource binding.
    /// Returns once the resource is bound.
    pub async fn connect(account: BareJid, password: impl Into<String>) -> Result<Client, Error> {
        ClientBuilder::new(account, password).connect().await
    }

    /// A builder for other options (server address, trust roots, resource,
    /// mechanisms, keepalive, timeouts).
    pub fn builder(account: BareJid, password: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(account, password)
    }

    /// Runs the client over a transport the caller connected (in-memory
    /// pipes, a socket of its own), with the session `config` as given.
    /// STARTTLS is possible only if `tls` is given.
    pub async fn over<S>(transport: Transport<S>, config: ClientConfig, tls: Option<TlsConfig>) -> Result<Client, Error>
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let domain = config.account().domain().to_owned();
        let secure = transport.is_tls();
        let machine = jabber_session::Client::new(config)?;
        let running = Running::spawn(machine, transport, domain, tls);
        Self::login(running, secure, None).await
    }

    /// Waits for the bound resource (or the reason there is none).
    async fn login(
        mut running: Running<ClientEvent>,
        mut secure: bool,
        limit: Option<Duration>,
    ) -> Result<Client, Error> {
        let mut mechanism = None;
        let wait = async {
            loop {
                match running.next_event().await {
                    Some(ClientEvent::StartTls) => secure = true,
                    Some(ClientEvent::Authenticated { mechanism: used }) => mechanism = Some(used),
                    Some(ClientEvent::Bound(jid)) => return Ok(jid),
                    // The connection died under the stream: the transport's
                    // error (a refused certificate, ...) says why.
                    Some(ClientEvent::Failed(jabber_session::Error::ConnectionLost)) => {
                        return Err(match running.stopped().await {
                            Error::Closed => Error::Session(jabber_session::Error::ConnectionLost),
                            error => error,
                        });
                    }
                    Some(ClientEvent::Failed(error)) => return Err(Error::Session(error)),
                    Some(_) => {}
                    None => return Err(running.stopped().await),
                }
            }
        };
        let jid = match limit {
            Some(limit) => tokio::time::timeout(limit, wait).await.map_err(|_| Error::Timeout { after: limit })??,
            None => wait.await?,
        };
        Ok(Client { running, jid, mechanism, secure })
    }

    /// The bound address (RFC 6120 §7).
    pub fn jid(&self) -> &FullJid {
        &self.jid
    }

    /// The SASL mechanism the login used.
    pub fn mechanism(&self) -> Option<Mechanism> {
        self.mechanism
    }

    /// Whether the stream is encrypted.
    pub fn is_secure(&self) -> bool {
        self.secure
    }

    /// The TLS version the stream runs over (`None` without TLS).
    pub fn tls_version(&self) -> Option<rustls::ProtocolVersion> {
        self.running.tls_version.lock().ok().and_then(|version| *version)
    }

    /// The next event: stanzas, nonzas, the stream's failure, and `Closed`
    /// last; `None` after that.
    pub async fn next_event(&mut self) -> Option<ClientEvent> {
        self.running.next_event().await
    }

    /// A cloneable handle to send from other tasks.
    pub fn sender(&self) -> Sender {
        self.running.sender.clone()
    }

    /// Sends a stanza; see [`Sender::send`].
    pub async fn send(&self, stanza: impl Into<Stanza>) -> Result<(), Error> {
        self.running.sender.send(stanza).await
    }

    /// Sends any first-level element; see [`Sender::send_element`].
    pub async fn send_element(&self, element: Element) -> Result<(), Error> {
        self.running.sender.send_element(element).await
    }

    /// Sends a request and waits for its response; see [`Sender::request`].
    pub async fn request(&self, iq: Iq) -> Result<Iq, Error> {
        self.running.sender.request(iq).await
    }

    /// The same with a timeout of the caller's.
    pub async fn request_with_timeout(&self, iq: Iq, timeout: Duration) -> Result<Iq, Error> {
        self.running.sender.request_with_timeout(iq, timeout).await
    }

    /// Closes the stream (RFC 6120 §4.4) and waits until the server has
    /// closed its side and the connection is shut (at most
    /// [`CLOSE_TIMEOUT`](crate::CLOSE_TIMEOUT)). Events not read yet are
    /// dropped, a failure among them is returned; to read them all, close
    /// with [`Sender::close`] and read [`next_event`](Client::next_event)
    /// until `None`.
    pub async fn close(self) -> Result<(), Error> {
        self.running.close().await
    }
}

/// Where and how a [`Client`] connects.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    config: ClientConfig,
    candidates: Option<Vec<Candidate>>,
    tls: Option<TlsConfig>,
    connect_timeout: Option<Duration>,
    login_timeout: Duration,
}

impl ClientBuilder {
    /// Logs in to `account` with `password`; everything else as
    /// [`Client::connect`] does it.
    pub fn new(account: BareJid, password: impl Into<String>) -> Self {
        ClientBuilder {
            config: ClientConfig::new(account, password),
            candidates: None,
            tls: None,
            connect_timeout: None,
            login_timeout: Duration::from_secs(30),
        }
    }

    /// Connects to `host:port` with STARTTLS instead of asking DNS.
    pub fn server(mut self, host: impl Into<String>, port: u16) -> Self {
        self.candidates = Some(vec![Candidate::starttls(host, port)]);
        self
    }

    /// Connects to `host:port` with direct TLS (XEP-0368) instead of asking
    /// DNS.
    pub fn direct_tls(mut self, host: impl Into<String>, port: u16) -> Self {
        self.candidates = Some(vec![Candidate::direct(host, port)]);
        self
    }

    /// Connects to `host:port` without any TLS, sending the password over
    /// a stream anyone can read: only for a local test server.
    pub fn insecure_plain(mut self, host: impl Into<String>, port: u16) -> Self {
        self.candidates = Some(vec![Candidate::plain(host, port)]);
        self
    }

    /// The certificates to trust (default: the platform's roots).
    pub fn tls(mut self, tls: TlsConfig) -> Self {
        self.tls = Some(tls);
        self
    }

    /// Asks for this resource (RFC 6120 §7.7); the server may give another.
    pub fn resource(mut self, resource: ResourcePart) -> Self {
        self.config = self.config.with_resource(resource);
        self
    }

    /// The SASL mechanisms allowed (default: all, strongest first).
    pub fn mechanisms(mut self, mechanisms: &[Mechanism]) -> Self {
        self.config = self.config.with_mechanisms(mechanisms);
        self
    }

    /// How the stream is kept alive (default [`KeepAlive::CLIENT_DEFAULT`]).
    pub fn keepalive(mut self, keepalive: KeepAlive) -> Self {
        self.config = self.config.with_keepalive(keepalive);
        self
    }

    /// Any other session setting (language, limits, SCRAM iteration bounds).
    pub fn session(mut self, configure: impl FnOnce(ClientConfig) -> ClientConfig) -> Self {
        self.config = configure(self.config);
        self
    }

    /// How long each TCP connect may take.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long the login may take, from the first byte to the bound
    /// resource (default 30 s).
    pub fn login_timeout(mut self, timeout: Duration) -> Self {
        self.login_timeout = timeout;
        self
    }

    /// Connects and logs in; see [`Client::connect`].
    pub async fn connect(self) -> Result<Client, Error> {
        let domain = self.config.account().domain().to_owned();
        let candidates = match self.candidates {
            Some(candidates) => candidates,
            None => Resolver::system()?.client_candidates(&domain).await?,
        };
        let tls = match self.tls {
            Some(tls) => tls,
            None => TlsConfig::platform()?,
        };
        let mut connector = Connector::new(domain.clone(), tls.clone());
        if let Some(timeout) = self.connect_timeout {
            connector.set_connect_timeout(timeout);
        }
        let connection = connector.connect(&candidates).await.map_err(certificate_first)?;
        let transport = connection.transport;
        let config = match connection.candidate.mode {
            TlsMode::Direct => {
                let config = self.config.with_tls(Tls::Direct);
                match channel_binding(&transport) {
                    Some(binding) => config.with_channel_binding(binding),
                    None => config,
                }
            }
            TlsMode::StartTls => self.config.with_tls(Tls::Required),
            _ => self.config.with_tls(Tls::Disabled).allow_plain_without_tls(true),
        };
        let secure = transport.is_tls();
        let machine = jabber_session::Client::new(config)?;
        let running = Running::spawn(machine, transport, domain, Some(tls));
        Client::login(running, secure, Some(self.login_timeout)).await
    }
}

/// A refused certificate is what matters of a failed connection (RFC 7590:
/// someone may be in the middle), whichever candidate it came from: it is
/// returned as [`Error::CertificateInvalid`] rather than as one attempt of
/// [`Error::Connect`].
fn certificate_first(error: Error) -> Error {
    match error {
        Error::Connect { mut attempts } => {
            match attempts.iter().position(|a| matches!(a.error, Error::CertificateInvalid { .. })) {
                Some(i) => attempts.swap_remove(i).error,
                None => Error::Connect { attempts },
            }
        }
        other => other,
    }
}
