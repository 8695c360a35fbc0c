//! XEP-0203: Delayed Delivery, version 2.0.
//!
//! `<delay xmlns='urn:xmpp:delay' from='..' stamp='..'>reason</delay>`: the
//! mark a server or a component adds to a message or presence it delivers
//! late (offline storage, the last presence of a contact, the history of a
//! multi-user chat room), saying when the stanza was originally sent
//! (`stamp`, a XEP-0082 [`DateTime`] in UTC), who delayed it (`from`) and
//! why (the text). [`Delay::of`] reads it from a stanza, falling back on
//! the obsolete XEP-0091 `<x xmlns='jabber:x:delay'/>` ([`LegacyDelay`])
//! that old peers still send.
//!
//! Delays are read liberally: a `from` that is not an address is kept as
//! it came and reported in [`Delay::malformed`]; only a missing or
//! unreadable `stamp` makes a delay unreadable. A stamp with an offset
//! other than UTC is read (and written back as it came); [`Delay::new`]
//! writes UTC, as XEP-0203 §3 requires.
//!
//! Security (XEP-0203 §6): anyone on the path can forge a delay; do not
//! rely on it for more than display.
//!
//! ```
//! use jabber_ext::delay::Delay;
//! use jabber_ext::datetime::DateTime;
//! use jabber_stanza::{Message, Value};
//!
//! // XEP-0203 Example 1: a message stored while the recipient was offline.
//! let message = Message::parse(&"<message xmlns='jabber:client' from='romeo@montague.net/orchard' \
//!     to='juliet@capulet.com' type='chat'><body>O blessed, blessed night!</body>\
//!     <delay xmlns='urn:xmpp:delay' from='capulet.com' stamp='2002-09-10T23:08:25Z'>\
//!     Offline Storage</delay></message>".parse()?)?;
//! let delay = Delay::of(&message.payloads).unwrap()?;
//! assert_eq!(delay.stamp.to_value(), "2002-09-10T23:08:25Z");
//! assert_eq!(delay.from.as_ref().map(|j| j.as_str()), Some("capulet.com"));
//! assert_eq!(delay.trimmed_reason(), Some("Offline Storage"));
//!
//! // A server stamping a message it stores.
//! let mut stored = Message::new();
//! let stamp: DateTime = "2002-09-10T18:08:25-05:00".parse().expect("a XEP-0082 DateTime");
//! stored.payloads.push(&Delay::new(stamp).with_from("capulet.com".parse()?).with_reason("Offline Storage"));
//! assert_eq!(Delay::of(&stored.payloads).unwrap()?.stamp.to_value(), "2002-09-10T23:08:25Z");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use jabber_jid::Jid;
use jabber_stanza::{Error, Message, Payload, Payloads, Presence, Unknown};

use crate::datetime::{DateTime, LegacyDateTime};
use crate::ns;

/// The namespace of the obsolete XEP-0091 Legacy Delayed Delivery,
/// `jabber:x:delay`, which XEP-0203 replaces (read only: see [`LegacyDelay`]).
pub const LEGACY_NS: &str = "jabber:x:delay";

/// `<delay xmlns='urn:xmpp:delay'/>`, XEP-0203 §3: when a stanza was
/// originally sent, by whom it was delayed, and why.
///
/// Read liberally: a `from` that is not an address is kept in
/// [`unknown`](Delay::unknown) and reported in
/// [`malformed`](Delay::malformed). Errors: `MissingAttribute` or
/// `InvalidAttribute` for the `stamp` (which must be a XEP-0082 DateTime).
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "delay", ns = ns::DELAY)]
pub struct Delay {
    /// `from` (RECOMMENDED): the entity that originally sent the stanza or
    /// that delayed its delivery (e.g. a multi-user chat room).
    #[payload(attr)]
    pub from: Option<Jid>,
    /// `stamp` (REQUIRED): when the stanza was originally sent, in UTC
    /// (XEP-0203 §3; a stamp received in another offset is kept as it came).
    #[payload(attr)]
    pub stamp: DateTime,
    /// The natural-language reason for the delay, as it came (with the
    /// whitespace around it: see [`trimmed_reason`](Delay::trimmed_reason)); `None` for an
    /// empty element.
    #[payload(text)]
    pub reason: Option<String>,
    /// What was kept as it came: attributes and elements this model does
    /// not know, a `from` that could not be read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in [`unknown`](Delay::unknown) could not be read.
    /// Empty for a valid delay and for one built here.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Delay {
    /// A delay stamped `stamp`, converted to UTC as XEP-0203 §3 requires
    /// (keeping its precision).
    pub fn new(stamp: DateTime) -> Self {
        Delay { from: None, stamp: stamp.to_utc(), reason: None, unknown: Unknown::new(), malformed: Vec::new() }
    }

    /// Sets `from`: the entity that delayed the stanza.
    pub fn with_from(mut self, from: Jid) -> Self {
        self.from = Some(from);
        self
    }

    /// Sets the natural-language reason.
    pub fn with_reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// The reason without the XML whitespace around it; `None` when there
    /// is none (or only whitespace).
    pub fn trimmed_reason(&self) -> Option<&str> {
        let reason = self.reason.as_deref()?.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
        (!reason.is_empty()).then_some(reason)
    }

    /// The delay of a stanza, from its payloads: the first
    /// `<delay xmlns='urn:xmpp:delay'/>`, or else the first legacy
    /// `<x xmlns='jabber:x:delay'/>` (XEP-0091, converted); `None` when
    /// the stanza carries neither, the parse error when it cannot be read.
    ///
    /// XEP-0203 §3 allows one delay per stanza; when several entities
    /// added one anyway, `payloads.get_all::<Delay>()` reads them all.
    pub fn of(payloads: &Payloads) -> Option<Result<Delay, Error>> {
        payloads.get::<Delay>().or_else(|| payloads.get::<LegacyDelay>().map(|legacy| legacy.map(Delay::from)))
    }

    /// [`Delay::of`] a message's payloads.
    pub fn of_message(message: &Message) -> Option<Result<Delay, Error>> {
        Delay::of(&message.payloads)
    }

    /// [`Delay::of`] a presence's payloads.
    pub fn of_presence(presence: &Presence) -> Option<Result<Delay, Error>> {
        Delay::of(&presence.payloads)
    }
}

/// `<x xmlns='jabber:x:delay' from='..' stamp='CCYYMMDDThh:mm:ss'/>`: the
/// delay of the obsolete XEP-0091 (version 1.4), with its stamp in the
/// legacy format of XEP-0082 §5, in UTC. Read only, for old peers:
/// [`Delay::of`] reads it when a stanza has no XEP-0203 delay, and
/// converts it (`Delay::from`); send [`Delay`] instead.
///
/// Read liberally, as [`Delay`]. Errors: `MissingAttribute` or
/// `InvalidAttribute` for the `stamp`.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "x", ns = LEGACY_NS)]
pub struct LegacyDelay {
    /// `from`: the entity that delayed the stanza.
    #[payload(attr)]
    pub from: Option<Jid>,
    /// `stamp`: when the stanza was originally sent, in UTC.
    #[payload(attr)]
    pub stamp: LegacyDateTime,
    /// The natural-language reason, as it came.
    #[payload(text)]
    pub reason: Option<String>,
    /// What was kept as it came (see [`Delay::unknown`]).
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl From<LegacyDelay> for Delay {
    /// The same delay in XEP-0203's form: the stamp in UTC (`Z`), the rest
    /// as it came.
    fn from(legacy: LegacyDelay) -> Self {
        Delay {
            from: legacy.from,
            stamp: legacy.stamp.to_date_time(),
            reason: legacy.reason,
            unknown: legacy.unknown,
            malformed: legacy.malformed,
        }
    }
}
