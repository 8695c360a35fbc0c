//! Sans-I/O XMPP negotiation.
//!
//! This crate opens no socket, spawns no task and reads no clock: bytes
//! and time come in as arguments, bytes to write and events come out.

#![forbid(unsafe_code)]

mod error;
pub mod sasl;

pub use error::Error;
