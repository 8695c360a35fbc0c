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
//! | `tokio` | `jabber-tokio` | The optional I/O adapter (feature `tokio`, on by default): DNS SRV, TCP, TLS, an async client and component. |
//!
//! The names nearly every program needs are in [`prelude`]:
//! `use jabber::prelude::*;`.
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
#[cfg(feature = "tokio")]
pub use jabber_tokio as tokio;

/// The names nearly every user of `jabber` needs, for a glob import:
/// `use jabber::prelude::*;`.
///
/// - addresses (RFC 7622): [`Jid`](prelude::Jid), [`BareJid`](prelude::BareJid),
///   [`FullJid`](prelude::FullJid);
/// - XML: [`Element`](prelude::Element);
/// - stanzas (RFC 6120 §8, RFC 6121): [`Stanza`](prelude::Stanza),
///   [`Message`](prelude::Message), [`MessageType`](prelude::MessageType),
///   [`Thread`](prelude::Thread), [`Presence`](prelude::Presence),
///   [`PresenceType`](prelude::PresenceType), [`Show`](prelude::Show),
///   [`Iq`](prelude::Iq), [`IqKind`](prelude::IqKind), and their errors
///   (RFC 6120 §8.3) [`StanzaError`](prelude::StanzaError),
///   [`DefinedCondition`](prelude::DefinedCondition),
///   [`ErrorType`](prelude::ErrorType);
/// - payloads: the [`Payload`](prelude::Payload) trait and
///   `#[derive(Payload)]` (one name, both), and the marker traits
///   [`IqGetPayload`](prelude::IqGetPayload),
///   [`IqSetPayload`](prelude::IqSetPayload),
///   [`IqResultPayload`](prelude::IqResultPayload) that generic code names;
/// - sessions (RFC 6120 §4 to §7, XEP-0114): the [`Session`](prelude::Session)
///   contract, [`ClientConfig`](prelude::ClientConfig),
///   [`ClientEvent`](prelude::ClientEvent), [`ComponentEvent`](prelude::ComponentEvent),
///   [`Tls`](prelude::Tls), [`KeepAlive`](prelude::KeepAlive); and `Client`
///   and `Component`: with the `tokio` feature (a default) the async ones of
///   `jabber-tokio`, which connect (and their cloneable `Sender`), without
///   it the sans-I/O machines.
///
/// Left out on purpose: the crates' `Error` types (one per crate, same
/// name; name them by path, `jabber::stanza::Error`), the server side
/// (`jabber::session::Server`, ...) and the extensions (`jabber::ext`), which
/// fewer programs need. Nothing here has the name of a std prelude item.
///
/// ```
/// use jabber::prelude::*;
///
/// // RFC 6121 §5.2.1: Juliet's message, and Romeo's reply to her full JID.
/// let juliet: Jid = "juliet@example.com/balcony".parse()?;
/// let mut message = Message::chat("romeo@example.net".parse()?, "Art thou not Romeo, and a Montague?");
/// message.from = Some(juliet.clone());
/// let received = Stanza::from(message);
///
/// let Stanza::Message(message) = &received else { unreachable!() };
/// let reply: Stanza = message.reply("Neither, fair saint, if either thee dislike.").unwrap().into();
/// assert_eq!(reply.to(), Some(&juliet));
/// let element: Element = reply.to_element();
/// assert_eq!(element.attr("type"), Some("chat"));
///
/// // A payload of one's own (XEP-0199 ping), a request carrying it, and
/// // the answers (RFC 6120 §8.2.3, §8.3.1).
/// #[derive(Debug, PartialEq, Payload)]
/// #[payload(name = "ping", ns = "urn:xmpp:ping", get)]
/// struct Ping {}
///
/// let ping = Iq::get("p1", &Ping {}).with_to("example.com".parse()?);
/// let Stanza::Iq(iq) = Stanza::try_from(ping.to_element())? else { unreachable!() };
/// assert_eq!(iq.payload::<Ping>(), Some(Ok(Ping {})));
/// assert_eq!(iq.reply_empty_result().from, ping.to);
/// let error = iq.reply_error(StanzaError::new(DefinedCondition::FeatureNotImplemented)).unwrap();
/// assert!(matches!(error.kind, IqKind::Error { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub mod prelude {
    pub use jabber_jid::{BareJid, FullJid, Jid};
    #[cfg(not(feature = "tokio"))]
    pub use jabber_session::{Client, Component};
    pub use jabber_session::{ClientConfig, ClientEvent, ComponentEvent, KeepAlive, Session, Tls};
    pub use jabber_stanza::{
        DefinedCondition, ErrorType, Iq, IqGetPayload, IqKind, IqResultPayload, IqSetPayload, Message, MessageType,
        Payload, Presence, PresenceType, Show, Stanza, StanzaError, Thread,
    };
    pub use jabber_stream::Element;
    #[cfg(feature = "tokio")]
    pub use jabber_tokio::{Client, Component, Sender};
}
