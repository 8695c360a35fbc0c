//! Sans-I/O XMPP negotiation: the state machines that take a stream from its
//! first byte to a bound resource, on either side, and keep it going.
//!
//! This crate opens no socket, spawns no task and reads no clock (the
//! contract of quinn-proto): bytes received and application commands go in,
//! bytes to write and [`Event`]s come out, and randomness (SCRAM nonces,
//! stream ids) comes from the caller through [`sasl::Random`].
//!
//! | type | side | what it negotiates |
//! | --- | --- | --- |
//! | [`Client`] | initiating entity, `jabber:client` | header, features, STARTTLS hand-off (RFC 6120 §5), SASL (§6: SCRAM-SHA-256, SCRAM-SHA-1, PLAIN), restart, resource binding (§7), the legacy session (RFC 3921 §3) |
//! | [`Server`] | receiving entity, `jabber:client` | the same, with accounts from the caller's [`sasl::Credentials`] and the resource chosen by the caller; stamps `from` on the client's stanzas |
//! | [`Component`], [`ComponentServer`] | XEP-0114 | the `jabber:component:accept` handshake |
//! | [`IqTracker`] | either | matching iq responses to requests by id and sender, timeouts |
//!
//! Every machine has the same call order: feed what the transport read to
//! `handle_input`, write out what `poll_transmit` returns, handle what
//! `poll_event` returns, until [`Event::Closed`]. TLS is the caller's: on
//! [`Event::StartTls`] it wraps its transport and calls `tls_established`.
//!
//! ```
//! use jabber_session::sasl::MemoryCredentials;
//! use jabber_session::{Client, ClientConfig, Event, Server, ServerConfig, ServerTls, Tls};
//!
//! let mut accounts = MemoryCredentials::new();
//! accounts.add("juliet", "r0m30myr0m30", b"salt", 4096)?;
//! let config = ServerConfig::new("example.com".parse()?)?.with_tls(ServerTls::Unavailable);
//! let mut server = Server::new(config, accounts, |b: &mut [u8]| b.fill(1));
//! let config = ClientConfig::new("juliet@example.com".parse()?, "r0m30myr0m30").with_tls(Tls::Disabled);
//! let mut client = Client::new(config, |b: &mut [u8]| b.fill(2))?;
//!
//! // In real life these bytes cross a network; here they cross two variables.
//! let bound = loop {
//!     if let Some(bytes) = client.poll_transmit() {
//!         server.handle_input(&bytes);
//!     }
//!     while let Some(event) = server.poll_event() {
//!         if let Event::BindRequest { resource } = event {
//!             server.bind(&resource.unwrap_or_else(|| "balcony".parse().unwrap()))?;
//!         }
//!     }
//!     if let Some(bytes) = server.poll_transmit() {
//!         client.handle_input(&bytes);
//!     }
//!     if let Some(Event::Bound(jid)) = client.poll_event() {
//!         break jid;
//!     }
//! };
//! assert_eq!(bound.as_str(), "juliet@example.com/balcony");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]

mod client;
mod component;
mod error;
mod event;
mod iq;
pub mod sasl;
mod server;
mod wire;

pub use client::{Client, ClientConfig, Tls};
pub use component::{Component, ComponentServer, component_handshake};
pub use error::Error;
pub use event::Event;
pub use iq::{IqTracker, Tracked};
pub use server::{Server, ServerConfig, ServerTls};
