//! Typed models of the core XMPP protocol: the stanzas and stream-level
//! elements of RFC 6120 and RFC 6121, and the payload mechanism every
//! extension uses.
//!
//! - [`Message`], [`Presence`], [`Iq`] and [`Stanza`] (RFC 6120 §8, RFC
//!   6121 §4, §5), in `jabber:client`, `jabber:server` or
//!   `jabber:component:accept`; [`StanzaError`] (RFC 6120 §8.3) and
//!   replies in one call: [`Message::reply`] (RFC 6121 §5),
//!   [`Iq::reply_result`], [`Iq::reply_empty_result`], [`Iq::reply_error`]
//!   (RFC 6120 §8.2.3), [`Stanza::error_reply`] (RFC 6120 §8.3.1).
//! - [`Payload`]: a typed child element. Stanzas keep the children they do
//!   not model, in order ([`Payloads`]); `message.payload::<T>()` parses one
//!   on request, so one malformed child never makes a stanza unusable.
//!   Marker traits ([`IqGetPayload`], [`IqSetPayload`], [`IqResultPayload`])
//!   make requests and responses distinct types.
//! - [`derive@Payload`] and [`derive@Value`]: payloads declared, not
//!   hand-written (see "Declaring a payload" below); [`Value`] for what an
//!   attribute or a text holds; [`Unknown`] for what a model keeps without
//!   understanding it; [`parse`] for payloads written by hand.
//!
//! Every conversion from an [`Element`](jabber_stream::Element) either
//! succeeds, hands a foreign element back ([`Error::Mismatch`]), or says
//! precisely what is wrong ([`Error`]). Nothing the peer sent is dropped:
//! unknown children and attributes survive a parse and serialize.
//!
//! # Liberal in what is received, exact in what is sent
//!
//! What a peer sends is read liberally (RFC 6120 §11.4): a stanza fails to
//! parse only when it cannot be identified (its kind; a presence `type` RFC
//! 6121 does not define; for an iq its `type`, its `id`, and for a request
//! its payload; [`Stanza::error_reply_to`] answers such an element). A malformed part (a `<show/>` that is not one of the four, a
//! `to` that is not an address, a second body in one language, a roster or
//! blocklist item whose `jid` is not a JID, a feature, a stream error with
//! a legacy condition) is kept as it came where the model has a place for
//! it, and reported, with what and where, in the model's `malformed` list
//! ([`Stanza::malformed`], [`RosterQuery::malformed`],
//! [`StreamFeatures::malformed`], [`StreamError::malformed`], ...): one bad
//! part never makes the rest unusable. What this crate builds is valid by
//! construction, and serialization writes RFC 6120 forms only.
//!
//! Languages are compared by meaning: a child without `xml:lang` has its
//! stanza's language (RFC 6120 §8.1.5), and tags compare
//! case-insensitively (RFC 5646 §2.1.1): see [`Texts::in_language`] and
//! [`Message::body_in`].
//!
//! # Declaring a payload
//!
//! A payload of your own is a type with `#[derive(Payload)]`: say its
//! element's name and namespace, and where each field is read from. The
//! parser reads liberally and reports with typed errors; the serializer
//! writes exactly what the model holds. The full reference is on
//! [`derive@Payload`].
//!
//! ```
//! use jabber_stanza::{Iq, Payload};
//!
//! /// XEP-0092 Software Version, the result: `<query><name/><version/><os/></query>`.
//! #[derive(Debug, PartialEq, Payload)]
//! #[payload(name = "query", ns = "jabber:iq:version", result)]
//! struct SoftwareVersion {
//!     #[payload(child_text)]
//!     name: String,
//!     #[payload(child_text)]
//!     version: String,
//!     #[payload(child_text)]
//!     os: Option<String>,
//! }
//!
//! // XEP-0092 Example 2.
//! let iq = Iq::parse(&"<iq xmlns='jabber:client' type='result' id='version_1' \
//!     from='romeo@montague.net/orchard' to='juliet@capulet.com/balcony'>\
//!     <query xmlns='jabber:iq:version'><name>Exodus</name><version>0.7.0.4</version>\
//!     <os>Windows-XP 5.01.2600</os></query></iq>".parse()?)?;
//! let version: SoftwareVersion = iq.payload().unwrap()?;
//! assert_eq!(version.name, "Exodus");
//! assert_eq!(Iq::result("version_1", &version).payload(), Some(Ok(version)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Reading a stanza
//!
//! ```
//! use jabber_stanza::{Message, Stanza, StanzaError, DefinedCondition};
//!
//! let element: jabber_stream::Element = "<message xmlns='jabber:client' from='romeo@example.net/orchard' \
//!     to='juliet@example.com/balcony' id='m1' type='chat'><body>Hi</body>\
//!     <active xmlns='http://jabber.org/protocol/chatstates'/></message>".parse()?;
//! let stanza = Stanza::try_from(element)?;
//! let Stanza::Message(message) = &stanza else { unreachable!() };
//! assert_eq!(message.body(), Some("Hi"));
//! assert_eq!(message.payloads.len(), 1); // the chat state, kept as it came
//!
//! let reply = stanza.error_reply(StanzaError::new(DefinedCondition::ServiceUnavailable)).unwrap();
//! assert_eq!(reply.to().unwrap().as_str(), "romeo@example.net/orchard");
//! assert_eq!(reply.id(), Some("m1"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]

// The derives name this crate `::jabber_stanza`, here too.
extern crate self as jabber_stanza;

mod bind;
mod blocking;
mod common;
#[doc(hidden)]
pub mod __derive {
    //! Used by the code `#[derive(Payload)]` and `#[derive(Value)]` generate; not a public API.
    pub use crate::derive_support::*;
}
mod derive_support;
mod error;
mod features;
mod iq;
mod message;
pub mod ns;
pub mod parse;
mod payload;
mod presence;
mod privacy;
mod roster;
mod sasl;
mod stanza;
mod stanza_error;
mod starttls;
mod stream_error;
mod subscription;
mod text;
pub mod value;

pub use bind::{BindRequest, BindResult, SessionRequest};
pub use blocking::{Block, Blocked, Blocklist, BlocklistRequest, Unblock};
pub use error::Error;
pub use features::{Requirement, StreamFeatures};
pub use iq::{Iq, IqKind};
pub use jabber_macros::{Payload, Value};
pub use message::{Message, MessageType, Thread};
pub use payload::{Child, IqGetPayload, IqResultPayload, IqSetPayload, Payload, Payloads, Unknown};
pub use presence::{Presence, PresenceType, Show};
pub use privacy::{Action, ListChoice, Matcher, PrivacyItem, PrivacyList, PrivacyQuery, StanzaKinds};
pub use roster::{RosterItem, RosterQuery, Subscription, roster_push};
pub use sasl::{Sasl, SaslCondition};
pub use stanza::Stanza;
pub use stanza_error::{DefinedCondition, ErrorType, StanzaError};
pub use starttls::StartTls;
pub use stream_error::StreamError;
pub use subscription::{Relation, SubscriptionEvent, SubscriptionState, Transition};
pub use text::Texts;
pub use value::{Value, ValueError};
