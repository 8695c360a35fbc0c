//! # jabber-tokio
//!
//! The optional I/O adapter of the `jabber` XMPP stack: the protocol crates
//! (`jabber-stream`, `jabber-stanza`, `jabber-session`) are sans-I/O, and
//! this crate brings the bytes to them over the network with tokio.
//!
//! This first part is the transport layer:
//!
//! - [`resolve`]: finding a server for an XMPP domain by DNS SRV, both
//!   `_xmpps-client._tcp` (direct TLS, XEP-0368) and `_xmpp-client._tcp`
//!   (STARTTLS, RFC 6120 §3.2), mixed by priority and weight (RFC 2782),
//!   with the `<domain>:5222` fallback (RFC 6120 §3.2.2);
//! - [`tls`]: rustls settings (ring provider, TLS 1.2 and 1.3, the
//!   platform's trust roots, Mozilla's, or your own), the certificate
//!   checked against the XMPP domain (RFC 7590, RFC 6125);
//! - [`transport`]: TCP connection to the first reachable candidate, direct
//!   TLS or the STARTTLS upgrade, and the `tls-exporter` channel binding
//!   (RFC 9266) for SCRAM-*-PLUS.
//!
//! The async client and component that drive a `jabber-session` machine
//! over a [`Transport`] come in the next change.
//!
//! ## Example
//!
//! ```no_run
//! use jabber_tokio::{Connector, Resolver, TlsConfig, TlsMode};
//!
//! # async fn run() -> Result<(), jabber_tokio::Error> {
//! let domain = "example.net";
//! let candidates = Resolver::system()?.client_candidates(domain).await?;
//! let connector = Connector::new(domain, TlsConfig::platform()?);
//! let connection = connector.connect(&candidates).await?;
//! let mut transport = connection.transport;
//! if connection.candidate.mode == TlsMode::StartTls {
//!     // ... open the stream, send <starttls/>, read <proceed/> ...
//!     transport = transport.upgrade(domain, connector.tls()).await?;
//! }
//! let _binding = transport.tls_exporter(); // for SCRAM-SHA-256-PLUS
//! # Ok(())
//! # }
//! ```
//!
//! Tests and local servers skip discovery with an explicit candidate:
//!
//! ```no_run
//! # async fn run() -> Result<(), jabber_tokio::Error> {
//! use jabber_tokio::{Candidate, Connector, TlsConfig};
//! let tls = TlsConfig::from_pem_file("ca.pem")?;
//! let connection = Connector::new("localhost", tls)
//!     .connect(&[Candidate::direct("127.0.0.1", 5223)])
//!     .await?;
//! assert!(connection.transport.is_tls());
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]

mod client;
mod component;
mod driver;
mod error;
mod handle;
pub mod resolve;
pub mod tls;
pub mod transport;

pub use client::{Client, ClientBuilder};
pub use component::Component;
pub use error::{ConnectAttempt, Error};
pub use handle::{DEFAULT_REQUEST_TIMEOUT, Sender};
pub use resolve::{Candidate, Resolver, SrvAnswer, SrvRecord, TlsMode};
pub use tls::TlsConfig;
pub use transport::{Connection, Connector, Transport, connect};

/// Re-exported so that callers can name the types of this crate's API
/// (certificate errors, protocol versions, root stores, client configs)
/// without depending on matching versions themselves.
pub use rustls;

/// Re-exported for [`Resolver::with_config`]'s configuration types.
pub use hickory_resolver;
