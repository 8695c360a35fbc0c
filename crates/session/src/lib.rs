//! Sans-I/O XMPP negotiation.
//!
//! This crate opens no socket, spawns no task and reads no clock: bytes
//! and time come in as arguments, bytes to write and events come out.

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
