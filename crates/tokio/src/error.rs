//! The crate's one error type.

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use crate::resolve::TlsMode;

/// Everything that can go wrong while finding, reaching and securing an
/// XMPP server.
///
/// Discovery errors follow RFC 6120 §3.2 and XEP-0368; TLS errors follow
/// RFC 6120 §5 and RFC 7590. A certificate that does not match the XMPP
/// domain or does not chain to a trusted root is reported as
/// [`Error::CertificateInvalid`], so that it can be told apart from any
/// other handshake failure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The domain is not a name that can be looked up in the DNS or
    /// presented as a TLS server name (RFC 6120 §3.2, RFC 6066 §3).
    #[error("{domain:?} is not a valid DNS domain name")]
    InvalidDomain {
        /// The name as given.
        domain: String,
    },

    /// The domain's SRV records say that the service is decidedly not
    /// available: every record has the target "." (RFC 2782; RFC 6120
    /// §3.2.1 step 3; XEP-0368 §5). No address fallback is allowed then.
    #[error("{domain} says by DNS SRV that it offers no XMPP client service")]
    ServiceUnavailable {
        /// The XMPP domain that was looked up.
        domain: String,
    },

    /// A DNS query failed for another reason than "no such record"
    /// (timeout, server failure, unreachable name server).
    #[error("DNS lookup of {name} failed: {source}")]
    Dns {
        /// The name that was queried (e.g. `_xmpp-client._tcp.example.net`).
        name: String,
        /// What the resolver said.
        #[source]
        source: Box<hickory_resolver::net::NetError>,
    },

    /// No candidate could be connected (RFC 6120 §3.2.1 steps 5 and 6):
    /// every host was resolved and each of its addresses tried in turn.
    /// The list says, in order, what was tried and why it failed.
    #[error("no candidate could be connected: {}", DisplayAttempts(attempts))]
    Connect {
        /// Every attempt, in the order it was made. Empty only when the
        /// caller gave no candidate at all.
        attempts: Vec<ConnectAttempt>,
    },

    /// A connection attempt or the TLS handshake did not finish in time.
    #[error("timed out after {after:?}")]
    Timeout {
        /// The limit that was reached.
        after: Duration,
    },

    /// The server's certificate was refused (RFC 6120 §13.7.2, RFC 6125,
    /// RFC 7590 §3.2): it does not name the XMPP `domain` (a
    /// [`rustls::CertificateError::NotValidForName`] or
    /// [`rustls::CertificateError::NotValidForNameContext`] `reason`), has
    /// expired, or does not chain to a trusted root
    /// ([`rustls::CertificateError::UnknownIssuer`]).
    #[error("certificate for {domain} refused: {reason}")]
    CertificateInvalid {
        /// The XMPP domain the certificate was checked against.
        domain: String,
        /// Why rustls refused it.
        reason: rustls::CertificateError,
    },

    /// The TLS handshake failed for another reason than the certificate
    /// (RFC 6120 §5.4.3.2): no common version or cipher suite, an alert
    /// from the server, a malformed message.
    #[error("TLS handshake with {domain} failed: {source}")]
    Tls {
        /// The XMPP domain the handshake was for.
        domain: String,
        /// The rustls error.
        #[source]
        source: rustls::Error,
    },

    /// A PEM file of trust roots could not be read.
    #[error("cannot read {path}: {source}")]
    ReadPem {
        /// The file's path.
        path: std::path::PathBuf,
        /// The I/O error.
        #[source]
        source: io::Error,
    },

    /// PEM data of trust roots is malformed.
    #[error("malformed PEM: {0}")]
    Pem(#[from] rustls_pki_types::pem::Error),

    /// PEM data of trust roots held no certificate.
    #[error("the PEM data holds no certificate")]
    NoCertificate,

    /// The TLS configuration could not be built: rustls refused a root
    /// certificate, or the platform's verifier could not be set up.
    #[error("TLS configuration: {0}")]
    TlsConfig(#[source] rustls::Error),

    /// STARTTLS was asked of a stream that is already TLS (XEP-0368 §3
    /// rule 5: STARTTLS MUST NOT be used over direct TLS).
    #[error("the stream is already protected by TLS")]
    AlreadyTls,

    /// An I/O error on the socket (connect, read, write, host lookup).
    #[error("I/O error: {0}")]
    Io(#[from] io::Error),

    /// The XMPP stream failed: at login (authentication refused, TLS
    /// required but not offered, ...) or later (the server's stream error,
    /// a dead peer); see [`jabber_session::Error`].
    #[error("the XMPP stream failed: {0}")]
    Session(#[from] jabber_session::Error),

    /// A call that means nothing now (sending before the stream is ready, a
    /// request that is no `get` or `set`, ...).
    #[error(transparent)]
    Usage(#[from] jabber_session::UsageError),

    /// A request got no response: its timeout passed, or the stream closed
    /// first.
    #[error("no response to request {id:?}: {reason:?}")]
    NoResponse {
        /// The request's id.
        id: String,
        /// Why.
        reason: jabber_session::NoResponse,
    },

    /// An address is not a JID (RFC 7622).
    #[error("invalid address: {0}")]
    Jid(#[from] jabber_jid::Error),

    /// The stream is closed: nothing can be sent or received any more.
    #[error("the stream is closed")]
    Closed,
}

/// One failed connection attempt, as listed by [`Error::Connect`].
#[derive(Debug)]
#[non_exhaustive]
pub struct ConnectAttempt {
    /// The candidate's host name (or IP literal).
    pub host: String,
    /// The candidate's port.
    pub port: u16,
    /// How the candidate was to be secured.
    pub mode: TlsMode,
    /// The address that was tried, or `None` when the host name could not
    /// be resolved to any address.
    pub addr: Option<SocketAddr>,
    /// Why it failed: [`Error::Io`] for a refused connection or a failed
    /// host lookup, [`Error::Timeout`], or for direct TLS
    /// [`Error::CertificateInvalid`] / [`Error::Tls`].
    pub error: Error,
}

impl fmt::Display for ConnectAttempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.addr {
            Some(addr) => write!(f, "{}:{} ({addr}, {}): {}", self.host, self.port, self.mode, self.error),
            None => write!(f, "{}:{} ({}): {}", self.host, self.port, self.mode, self.error),
        }
    }
}

struct DisplayAttempts<'a>(&'a [ConnectAttempt]);

impl fmt::Display for DisplayAttempts<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("no candidate given");
        }
        for (i, attempt) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{attempt}")?;
        }
        Ok(())
    }
}

impl Error {
    /// Maps a rustls handshake error for `domain`: certificate problems
    /// become [`Error::CertificateInvalid`], everything else [`Error::Tls`].
    pub(crate) fn from_rustls(domain: &str, error: rustls::Error) -> Self {
        match error {
            rustls::Error::InvalidCertificate(reason) => {
                Error::CertificateInvalid { domain: domain.to_owned(), reason }
            }
            source => Error::Tls { domain: domain.to_owned(), source },
        }
    }

    /// Maps an I/O error from a tokio-rustls handshake: rustls errors are
    /// carried inside `io::Error`s of kind `InvalidData`.
    pub(crate) fn from_handshake(domain: &str, error: io::Error) -> Self {
        if !error.get_ref().is_some_and(|inner| inner.is::<rustls::Error>()) {
            return Error::Io(error);
        }
        let kind = error.kind();
        match error.into_inner().map(|inner| inner.downcast::<rustls::Error>()) {
            Some(Ok(rustls_error)) => Error::from_rustls(domain, *rustls_error),
            Some(Err(other)) => Error::Io(io::Error::new(kind, other)),
            None => Error::Io(kind.into()),
        }
    }
}
