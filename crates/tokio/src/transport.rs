//! The byte stream under an XMPP session: TCP, optionally TLS (RFC 6120
//! §3 and §5, XEP-0368).
//!
//! [`Connector::connect`] tries [`Candidate`]s in order, and each host's
//! addresses in turn (RFC 6120 §3.2.1 steps 5 and 6), with a timeout per
//! attempt; a [`TlsMode::Direct`] candidate is secured before it is
//! returned. A STARTTLS stream starts plain and is secured with
//! [`Transport::upgrade`] once the server has said `<proceed/>` (RFC 6120
//! §5.4.2.3). [`Transport::tls_exporter`] gives the `tls-exporter` channel
//! binding of RFC 9266 for SCRAM-*-PLUS.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use rustls::ProtocolVersion;
use rustls_pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use crate::Error;
use crate::error::ConnectAttempt;
use crate::resolve::{Candidate, TlsMode};
use crate::tls::TlsConfig;

/// The label of the `tls-exporter` channel binding (RFC 9266 §2).
pub const TLS_EXPORTER_LABEL: &[u8] = b"EXPORTER-Channel-Binding";

/// The default limit for one TCP connection attempt (host lookup, then
/// each address): 10 seconds.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The default limit for one TLS handshake: 10 seconds.
pub const DEFAULT_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// A connected byte stream, plain or TLS. Reads and writes go through
/// whichever it is (tokio [`AsyncRead`] + [`AsyncWrite`]).
///
/// `S` is the underlying stream: [`TcpStream`] from [`Connector`]; any
/// stream (e.g. [`tokio::io::DuplexStream`] in tests) with
/// [`Transport::Plain`] and [`Transport::upgrade`].
#[derive(Debug)]
pub enum Transport<S = TcpStream> {
    /// Not (yet) protected: before STARTTLS (RFC 6120 §5), or a
    /// [`TlsMode::Plain`] component connection.
    Plain(S),
    /// Protected by TLS, direct (XEP-0368) or after STARTTLS.
    Tls(Box<TlsStream<S>>),
}

impl<S> Transport<S> {
    /// Whether the stream is protected by TLS.
    pub fn is_tls(&self) -> bool {
        matches!(self, Transport::Tls(_))
    }

    /// The underlying stream (for its addresses, say).
    pub fn get_ref(&self) -> &S {
        match self {
            Transport::Plain(stream) => stream,
            Transport::Tls(stream) => stream.get_ref().0,
        }
    }

    /// The rustls connection state, when TLS.
    pub fn tls_connection(&self) -> Option<&rustls::ClientConnection> {
        match self {
            Transport::Plain(_) => None,
            Transport::Tls(stream) => Some(stream.get_ref().1),
        }
    }

    /// The `tls-exporter` channel binding data (RFC 9266 §2): 32 bytes of
    /// keying material exported (RFC 5705, RFC 8446 §7.5) with the label
    /// `EXPORTER-Channel-Binding` and no context. `None` when not TLS.
    ///
    /// RFC 9266 §3 defines it for TLS 1.3; over TLS 1.2 it is only safe
    /// with the extended master secret (RFC 7627), which rustls always
    /// negotiates, but servers may not offer `tls-exporter` there: check
    /// [`Transport::protocol_version`]. "No context" and an empty context
    /// are the same in TLS 1.3; in TLS 1.2 "no context" is what OpenSSL-
    /// based servers (`use_context = 0`) compute.
    pub fn tls_exporter(&self) -> Option<[u8; 32]> {
        self.tls_connection()?.export_keying_material([0u8; 32], TLS_EXPORTER_LABEL, None).ok()
    }

    /// The negotiated TLS version (1.2 or 1.3), when TLS.
    pub fn protocol_version(&self) -> Option<ProtocolVersion> {
        self.tls_connection()?.protocol_version()
    }

    /// The ALPN protocol the server chose (`xmpp-client` on direct TLS when
    /// the server speaks ALPN; XEP-0368 §3), when TLS.
    pub fn alpn_protocol(&self) -> Option<&[u8]> {
        self.tls_connection()?.alpn_protocol()
    }
}

impl<S> Transport<S>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    /// Secures a plain stream with TLS for the XMPP `domain`: STARTTLS
    /// after the server's `<proceed/>` (RFC 6120 §5.4.2.3, §5.4.3). The
    /// certificate is checked against `domain`, which is also the SNI
    /// name (RFC 7590 §3.2, RFC 6125); no ALPN is sent. The handshake is
    /// bounded by [`DEFAULT_HANDSHAKE_TIMEOUT`].
    ///
    /// `domain` is the domainpart of the JID in its ASCII (A-label) form,
    /// or an IP address literal. The caller must not have read past the
    /// server's `<proceed/>`: bytes it has buffered are not handed to TLS.
    ///
    /// # Errors
    ///
    /// [`Error::AlreadyTls`] (XEP-0368 §3 rule 5: no STARTTLS over TLS),
    /// [`Error::InvalidDomain`], [`Error::CertificateInvalid`],
    /// [`Error::Tls`], [`Error::Timeout`], [`Error::Io`]. On error the
    /// stream is dropped: RFC 6120 §5.4.3.2 says to close the TCP
    /// connection after a failed handshake.
    pub async fn upgrade(self, domain: &str, tls: &TlsConfig) -> Result<Self, Error> {
        match self {
            Transport::Tls(_) => Err(Error::AlreadyTls),
            Transport::Plain(stream) => {
                handshake(stream, domain, tls, TlsMode::StartTls, DEFAULT_HANDSHAKE_TIMEOUT).await
            }
        }
    }

    /// Secures `stream` with direct TLS (XEP-0368: ALPN `xmpp-client`,
    /// SNI and certificate name `domain`), bounded by `timeout`. This is
    /// what [`Connector::connect`] does for [`TlsMode::Direct`] candidates;
    /// it is public for streams that do not come from it.
    ///
    /// # Errors
    ///
    /// As [`Transport::upgrade`], without [`Error::AlreadyTls`].
    pub async fn direct_tls(stream: S, domain: &str, tls: &TlsConfig, timeout: Duration) -> Result<Self, Error> {
        handshake(stream, domain, tls, TlsMode::Direct, timeout).await
    }
}

async fn handshake<S>(
    stream: S,
    domain: &str,
    tls: &TlsConfig,
    mode: TlsMode,
    timeout: Duration,
) -> Result<Transport<S>, Error>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let server_name = server_name(domain)?;
    let connector = TlsConnector::from(tls.client_config(mode));
    match tokio::time::timeout(timeout, connector.connect(server_name, stream)).await {
        Err(_) => Err(Error::Timeout { after: timeout }),
        Ok(Err(error)) => Err(Error::from_handshake(domain, error)),
        Ok(Ok(stream)) => Ok(Transport::Tls(Box::new(stream))),
    }
}

/// The name checked in the certificate and sent as SNI: the XMPP domain.
fn server_name(domain: &str) -> Result<ServerName<'static>, Error> {
    let trimmed = domain.strip_suffix('.').unwrap_or(domain);
    let literal = trimmed.trim_start_matches('[').trim_end_matches(']');
    ServerName::try_from(literal.to_owned()).map_err(|_| Error::InvalidDomain { domain: domain.to_owned() })
}

impl<S> AsyncRead for Transport<S>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Transport::Plain(stream) => Pin::new(stream).poll_read(cx, buf),
            Transport::Tls(stream) => Pin::new(stream.as_mut()).poll_read(cx, buf),
        }
    }
}

impl<S> AsyncWrite for Transport<S>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Transport::Plain(stream) => Pin::new(stream).poll_write(cx, buf),
            Transport::Tls(stream) => Pin::new(stream.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Transport::Plain(stream) => Pin::new(stream).poll_write_vectored(cx, bufs),
            Transport::Tls(stream) => Pin::new(stream.as_mut()).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            Transport::Plain(stream) => stream.is_write_vectored(),
            Transport::Tls(stream) => stream.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Transport::Plain(stream) => Pin::new(stream).poll_flush(cx),
            Transport::Tls(stream) => Pin::new(stream.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Transport::Plain(stream) => Pin::new(stream).poll_shutdown(cx),
            Transport::Tls(stream) => Pin::new(stream.as_mut()).poll_shutdown(cx),
        }
    }
}

/// A successful [`Connector::connect`]: the stream and where it goes.
#[derive(Debug)]
#[non_exhaustive]
pub struct Connection {
    /// The stream: [`Transport::Tls`] for a [`TlsMode::Direct`] candidate,
    /// [`Transport::Plain`] otherwise.
    pub transport: Transport,
    /// The candidate that answered. Its [`Candidate::mode`] says whether
    /// the session must negotiate STARTTLS next ([`TlsMode::StartTls`];
    /// RFC 7590 §3.1 requires it) or must not ([`TlsMode::Direct`],
    /// XEP-0368 §3 rule 5).
    pub candidate: Candidate,
    /// The address that was connected.
    pub peer: SocketAddr,
}

/// Connects to the first reachable [`Candidate`] for an XMPP domain.
#[derive(Debug, Clone)]
pub struct Connector {
    domain: String,
    tls: TlsConfig,
    connect_timeout: Duration,
    handshake_timeout: Duration,
}

impl Connector {
    /// A connector for the XMPP `domain` (the JID's domainpart, ASCII
    /// form: the name every certificate is checked against, RFC 6120
    /// §13.7.2.1) with the trust settings `tls`, and the default timeouts.
    pub fn new(domain: impl Into<String>, tls: TlsConfig) -> Self {
        Connector {
            domain: domain.into(),
            tls,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            handshake_timeout: DEFAULT_HANDSHAKE_TIMEOUT,
        }
    }

    /// Sets the limit for one host lookup and for each TCP connection
    /// attempt (default [`DEFAULT_CONNECT_TIMEOUT`]).
    pub fn set_connect_timeout(&mut self, timeout: Duration) -> &mut Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets the limit for one direct TLS handshake (default
    /// [`DEFAULT_HANDSHAKE_TIMEOUT`]).
    pub fn set_handshake_timeout(&mut self, timeout: Duration) -> &mut Self {
        self.handshake_timeout = timeout;
        self
    }

    /// The XMPP domain.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The TLS settings, for [`Transport::upgrade`] after STARTTLS.
    pub fn tls(&self) -> &TlsConfig {
        &self.tls
    }

    /// Tries `candidates` in order (RFC 6120 §3.2.1 steps 5 and 6): each
    /// host is resolved to its addresses (the system resolver, so
    /// `/etc/hosts` counts), and each address is tried in turn; a
    /// [`TlsMode::Direct`] candidate must also complete its TLS handshake
    /// (a refused certificate moves on to the next address). The first
    /// success is returned.
    ///
    /// # Errors
    ///
    /// [`Error::Connect`] listing every failed attempt in order (an empty
    /// list if `candidates` is empty).
    pub async fn connect(&self, candidates: &[Candidate]) -> Result<Connection, Error> {
        let mut attempts = Vec::new();
        for candidate in candidates {
            let failed = |addr, error| ConnectAttempt {
                host: candidate.host.clone(),
                port: candidate.port,
                mode: candidate.mode,
                addr,
                error,
            };
            let host = candidate.host.trim_start_matches('[').trim_end_matches(']');
            let lookup = tokio::net::lookup_host((host, candidate.port));
            let addrs: Vec<SocketAddr> = match tokio::time::timeout(self.connect_timeout, lookup).await {
                Ok(Ok(addrs)) => addrs.collect(),
                Ok(Err(error)) => {
                    attempts.push(failed(None, Error::Io(error)));
                    continue;
                }
                Err(_) => {
                    attempts.push(failed(None, Error::Timeout { after: self.connect_timeout }));
                    continue;
                }
            };
            if addrs.is_empty() {
                let error = io::Error::new(io::ErrorKind::NotFound, "the host has no address");
                attempts.push(failed(None, Error::Io(error)));
            }
            for addr in addrs {
                match self.connect_one(candidate, addr).await {
                    Ok(transport) => {
                        return Ok(Connection { transport, candidate: candidate.clone(), peer: addr });
                    }
                    Err(error) => attempts.push(failed(Some(addr), error)),
                }
            }
        }
        Err(Error::Connect { attempts })
    }

    async fn connect_one(&self, candidate: &Candidate, addr: SocketAddr) -> Result<Transport, Error> {
        let stream = match tokio::time::timeout(self.connect_timeout, TcpStream::connect(addr)).await {
            Err(_) => {
                return Err(Error::Timeout { after: self.connect_timeout });
            }
            Ok(result) => result?,
        };
        // XML stanzas are small and latency matters more than packet count.
        stream.set_nodelay(true)?;
        match candidate.mode {
            TlsMode::Direct => Transport::direct_tls(stream, &self.domain, &self.tls, self.handshake_timeout).await,
            TlsMode::StartTls | TlsMode::Plain => Ok(Transport::Plain(stream)),
        }
    }
}

/// Connects to the first reachable candidate with the default timeouts:
/// [`Connector::connect`] of `Connector::new(domain, tls.clone())`.
///
/// # Errors
///
/// As [`Connector::connect`].
pub async fn connect(domain: &str, candidates: &[Candidate], tls: &TlsConfig) -> Result<Connection, Error> {
    Connector::new(domain, tls.clone()).connect(candidates).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_name_is_the_domain() {
        assert!(server_name("example.net").is_ok());
        assert!(server_name("example.net.").is_ok());
        assert!(server_name("127.0.0.1").is_ok());
        assert!(server_name("[::1]").is_ok());
        assert!(matches!(server_name("not a domain"), Err(Error::InvalidDomain { .. })));
    }

    #[tokio::test]
    async fn plain_transport_has_no_tls_data() {
        let (a, _b) = tokio::io::duplex(64);
        let transport = Transport::Plain(a);
        assert!(!transport.is_tls());
        assert_eq!(transport.tls_exporter(), None);
        assert_eq!(transport.protocol_version(), None);
        assert_eq!(transport.alpn_protocol(), None);
    }

    #[tokio::test]
    async fn no_candidates_is_an_empty_connect_error() {
        let err = connect("example.net", &[], &TlsConfig::webpki_roots()).await.unwrap_err();
        match err {
            Error::Connect { attempts } => assert!(attempts.is_empty()),
            other => panic!("{other:?}"),
        }
    }
}
