//! `jabber`: an embeddable XMPP (Jabber) protocol stack that does no I/O.
//!
//! This facade re-exports the layers of the workspace, each its own crate:
//!
//! | module | crate | what it owns |
//! | --- | --- | --- |
//! | [`jid`] | `jabber-jid` | Addresses (RFC 7622 / RFC 6122). |
//! | [`stream`] | `jabber-stream` | XML streams: elements, the incremental parser, the writer (RFC 6120 §4, §11). |
//! | [`stanza`] | `jabber-stanza` | Typed stanzas and stream elements (RFC 6120, RFC 6121), the payload mechanism. |
//! | [`session`] | `jabber-session` | Sans-I/O negotiation: client, server and component machines, SASL, IQ tracking. |
//! | [`ext`] | `jabber-ext` | Extensions, one module per XEP: data forms, disco, caps, MUC, pubsub, ... |
//!
//! ```
//! let jid: jabber::jid::Jid = "Juliet@Example.COM/Balcony".parse()?;
//! assert_eq!(jid.to_string(), "juliet@example.com/Balcony");
//! # Ok::<(), jabber::jid::Error>(())
//! ```

#![forbid(unsafe_code)]

pub use jabber_ext as ext;
pub use jabber_jid as jid;
pub use jabber_session as session;
pub use jabber_stanza as stanza;
pub use jabber_stream as stream;
