//! Sans-I/O XMPP streams: the state machines that take a stream from its
//! first byte to a bound resource, on either side, and keep it going.
//!
//! This crate opens no socket, spawns no task and reads no clock (the
//! contract of quinn-proto): bytes received, the current time and
//! application commands go in; bytes to write, events and the next
//! deadline come out. Every machine implements the one [`Session`]
//! contract; the `jabber-tokio` crate drives any of them over TCP and TLS.
//! Randomness (SCRAM nonces, stream ids) comes from the operating system
//! ([`OsRandom`]) unless a test injects its own.
//!
//! | type | side | what it negotiates | events |
//! | --- | --- | --- | --- |
//! | [`Client`] | initiating entity, `jabber:client` | header, features, STARTTLS hand-off (RFC 6120 §5), SASL (§6: SCRAM-SHA-512, -256, -1 and their -PLUS with `tls-exporter` channel binding (RFC 9266, XEP-0440), PLAIN), restart, resource binding (§7), the legacy session (RFC 3921 §3); then tracked iq requests and keepalive pings (XEP-0199) | [`ClientEvent`] |
//! | [`Server`] | receiving entity, `jabber:client` | the same, with accounts from the caller's [`sasl::Credentials`] and the resource chosen by the caller; stamps `from` on the client's stanzas | [`ServerEvent`] |
//! | [`Component`], [`ComponentServer`] | XEP-0114 | the `jabber:component:accept` handshake | [`ComponentEvent`] |
//! | [`IqTracker`] | either | matching iq responses to requests by id and sender, timeouts (what [`Client::request`] uses) | |
//!
//! Failures come one way: a `Failed` event (carrying an [`Error`]: the
//! peer's stream error, what it broke, a refused authentication, a dead
//! peer), always followed by `Closed`. Calls that make no sense in the
//! machine's state return a [`UsageError`].
//!
//! ```
//! use jabber_session::sasl::MemoryCredentials;
//! use jabber_session::{Client, ClientConfig, ClientEvent, Server, ServerConfig, ServerEvent, ServerTls, Session, Tls};
//!
//! let mut accounts = MemoryCredentials::new();
//! accounts.add("juliet", "r0m30myr0m30", b"salt", 4096)?;
//! let config = ServerConfig::new("example.com".parse()?)?.with_tls(ServerTls::Unavailable);
//! let mut server = Server::new(config, accounts);
//! let config = ClientConfig::new("juliet@example.com".parse()?, "r0m30myr0m30").with_tls(Tls::Disabled);
//! let mut client = Client::new(config)?;
//!
//! // In real life these bytes cross a network; here they cross two variables.
//! let bound = loop {
//!     if let Some(bytes) = client.poll_transmit() {
//!         server.handle_input(&bytes);
//!     }
//!     while let Some(event) = server.poll_event() {
//!         if let ServerEvent::BindRequest { resource } = event {
//!             server.bind(&resource.unwrap_or_else(|| "balcony".parse().unwrap()))?;
//!         }
//!     }
//!     if let Some(bytes) = server.poll_transmit() {
//!         client.handle_input(&bytes);
//!     }
//!     if let Some(ClientEvent::Bound(jid)) = client.poll_event() {
//!         break jid;
//!     }
//! };
//! assert_eq!(bound.as_str(), "juliet@example.com/balcony");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]

mod client;
mod component;
mod core;
mod error;
mod event;
mod iq;
mod random;
pub mod sasl;
mod server;
mod session;
mod wire;

pub use crate::core::CLOSE_TIMEOUT;
pub use client::{Client, ClientConfig, Tls};
pub use component::{Component, ComponentConfig, ComponentServer, component_handshake};
pub use error::{Error, ProtocolViolation, SaslProblem, UsageError};
pub use event::{ClientEvent, ComponentEvent, NoResponse, ServerEvent};
pub use iq::{IqTracker, Tracked};
pub use random::{OsRandom, Random, RandomError};
pub use server::{Server, ServerConfig, ServerTls};
pub use session::{KeepAlive, Session};
