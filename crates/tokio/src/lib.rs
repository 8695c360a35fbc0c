//! # jabber-tokio
//!
//! The optional I/O adapter of the `jabber` XMPP stack: the protocol crates
//! (`jabber-stream`, `jabber-stanza`, `jabber-session`) are sans-I/O, and
//! this crate brings the bytes to them over the network with tokio.
//!
//! - [`Client`]: [`Client::connect`] finds the server (DNS SRV), connects,
//!   secures the stream (direct TLS or STARTTLS, the certificate checked
//!   against the JID's domain), logs in (the strongest SCRAM offered, with
//!   `tls-exporter` channel binding where the server lists it, RFC 9266,
//!   XEP-0440) and binds a resource; then events come from
//!   [`Client::next_event`], stanzas go out with [`Client::send`], and
//!   [`Client::request`] waits for an iq's response with a timeout.
//!   [`ClientBuilder`] for a fixed address, your own trust roots, the
//!   resource, the mechanisms, keepalive; [`Client::over`] for a transport
//!   of your own (in-memory pipes).
//! - [`Component`]: an external component (XEP-0114) on a server's
//!   component port.
//! - [`Sender`]: a cloneable handle to send from other tasks.
//! - The layers below, usable alone: [`resolve`] (DNS SRV for
//!   `_xmpps-client._tcp` and `_xmpp-client._tcp`, RFC 6120 §3.2 and
//!   XEP-0368, ordered by RFC 2782, with the `<domain>:5222` fallback),
//!   [`tls`] (rustls with the ring provider, TLS 1.2 and 1.3, the
//!   platform's roots, Mozilla's or your own; RFC 7590, RFC 6125) and
//!   [`transport`] (TCP to the first reachable candidate, direct TLS, the
//!   STARTTLS upgrade, the `tls-exporter` data).
//!
//! One task per connection drives the `jabber-session` machine: it reads
//! and writes the socket, answers the machine's timers (keepalive pings,
//! request deadlines) and performs the STARTTLS upgrade. Events wait in a
//! queue of [`EVENT_QUEUE`] for the application; when it is full the task
//! stops reading from the server (backpressure rather than unbounded
//! memory), so read events while you wait for a response, or a request can
//! only time out. There is no reconnection logic (yet).
//!
//! ## Example: an echo bot
//!
//! ```no_run
//! use jabber_session::ClientEvent;
//! use jabber_stanza::{Presence, Stanza};
//! use jabber_tokio::Client;
//!
//! # async fn run() -> Result<(), jabber_tokio::Error> {
//! let mut client = Client::connect("bot@example.net".parse()?, "password").await?;
//! client.send(Presence::new()).await?;
//! while let Some(event) = client.next_event().await {
//!     if let ClientEvent::Stanza(Stanza::Message(message)) = event
//!         && let Some(reply) = message.body().and_then(|body| message.reply(body))
//!     {
//!         client.send(reply).await?;
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! A local test server with a throw-away certificate authority:
//!
//! ```no_run
//! # async fn run() -> Result<(), jabber_tokio::Error> {
//! use jabber_tokio::{Client, TlsConfig};
//! let client = Client::builder("alice@localhost".parse()?, "alice-pw")
//!     .server("127.0.0.1", 5222)
//!     .tls(TlsConfig::from_pem_file("ca.pem")?)
//!     .connect()
//!     .await?;
//! assert!(client.is_secure());
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
pub use driver::{EVENT_QUEUE, WRITE_TIMEOUT};
pub use error::{ConnectAttempt, Error};
pub use handle::{CLOSE_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, Sender};
pub use resolve::{Candidate, Resolver, SrvAnswer, SrvRecord, TlsMode};
pub use tls::TlsConfig;
pub use transport::{Connection, Connector, Transport, connect};

/// Re-exported so that callers can name the types of this crate's API
/// (certificate errors, protocol versions, root stores, client configs)
/// without depending on matching versions themselves.
pub use rustls;

/// Re-exported for [`Resolver::with_config`]'s configuration types.
pub use hickory_resolver;
