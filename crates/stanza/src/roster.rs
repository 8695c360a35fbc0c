//! The roster, RFC 6121 §2: `<query xmlns='jabber:iq:roster'/>`.

use std::str::FromStr;

use jabber_jid::{BareJid, Jid};

use crate::error::Error;
use crate::iq::{Iq, IqKind};
use crate::ns;
use crate::payload::Unknown;
use crate::stanza_error::{DefinedCondition, StanzaError};
use crate::{Payload, Value};

/// The `subscription` attribute of a roster item, RFC 6121 §2.1.2.5.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Value)]
pub enum Subscription {
    /// Neither has a subscription to the other (the default).
    #[default]
    None,
    /// The user is subscribed to the contact's presence.
    To,
    /// The contact is subscribed to the user's presence.
    From,
    /// Both are subscribed to each other's presence.
    Both,
    /// In a roster set: remove the item (RFC 6121 §2.5).
    Remove,
}

impl Subscription {
    /// The attribute value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Subscription::None => "none",
            Subscription::To => "to",
            Subscription::From => "from",
            Subscription::Both => "both",
            Subscription::Remove => "remove",
        }
    }
}

impl FromStr for Subscription {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Subscription::from_value(s).map_err(|_| ())
    }
}

/// A roster item, RFC 6121 §2.1.2: `<item jid='...'/>` in `jabber:iq:roster`.
///
/// Read strictly: an item with an unreadable part is unreadable as a whole,
/// and [`RosterQuery`] keeps it and reports why.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "item", ns = ns::ROSTER)]
pub struct RosterItem {
    /// `jid`: the contact.
    #[payload(attr)]
    pub jid: Jid,
    /// `name`: the user's name for the contact.
    #[payload(attr)]
    pub name: Option<String>,
    /// `subscription` (absent: `none`).
    #[payload(attr, default)]
    pub subscription: Subscription,
    /// `ask='subscribe'`: the user asked to subscribe and waits (RFC 6121 §2.1.2.2).
    #[payload(attr, default, with = ask)]
    pub ask: bool,
    /// `approved`: the user pre-approved the contact's subscription (RFC 6121 §2.1.2.1).
    #[payload(attr, default)]
    pub approved: bool,
    /// `<group/>`s, in order.
    #[payload(child_text = "group")]
    pub groups: Vec<String>,
}

/// `ask`: `subscribe` is the only value (RFC 6121 §2.1.2.2); absent is `false`.
mod ask {
    use std::borrow::Cow;

    use crate::ValueError;

    pub(super) fn from_value(text: &str) -> Result<bool, ValueError> {
        (text == "subscribe").then_some(true).ok_or(ValueError::Invalid)
    }

    pub(super) fn to_value(_: &bool) -> Cow<'static, str> {
        Cow::Borrowed("subscribe")
    }
}

impl RosterItem {
    /// An item with only a JID.
    pub fn new(jid: Jid) -> Self {
        RosterItem {
            jid,
            name: None,
            subscription: Subscription::None,
            ask: false,
            approved: false,
            groups: Vec::new(),
        }
    }
}

/// `<query xmlns='jabber:iq:roster'/>`: a roster get (empty), a roster
/// result, a roster set or a roster push (one item each), RFC 6121 §2.
///
/// ```
/// use jabber_stanza::{RosterQuery, Payload, Subscription};
/// // RFC 6121 §2.1.4: a roster result.
/// let q = RosterQuery::parse(&"<query xmlns='jabber:iq:roster' ver='ver11'>\
///     <item jid='romeo@example.net' name='Romeo' subscription='both'><group>Friends</group></item>\
///     </query>".parse()?)?;
/// assert_eq!(q.ver.as_deref(), Some("ver11"));
/// assert_eq!(q.items[0].subscription, Subscription::Both);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "query", ns = ns::ROSTER, get, set, result)]
pub struct RosterQuery {
    /// `ver`: the roster version (RFC 6121 §2.6).
    #[payload(attr)]
    pub ver: Option<String>,
    /// The items.
    #[payload(child)]
    pub items: Vec<RosterItem>,
    /// What was kept as it came: items that could not be read (see
    /// [`malformed`](RosterQuery::malformed) for why), elements and
    /// attributes this model does not know. Written back after the items.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each unreadable child in [`unknown`](RosterQuery::unknown) could
    /// not be read, in order (an `<item/>` whose `jid` is not an address,
    /// an unknown `subscription`, ...). One bad item never costs the rest
    /// of the roster. Empty for a valid query and for one built here.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl RosterQuery {
    /// A roster get, optionally asking for changes since a version.
    pub fn get(ver: Option<String>) -> Self {
        RosterQuery { ver, ..RosterQuery::default() }
    }

    /// A roster set or push of one item.
    pub fn single(item: RosterItem) -> Self {
        RosterQuery { items: vec![item], ..RosterQuery::default() }
    }

    /// Why an `<item/>` could not be read, if one could not: the error of
    /// the first item kept in [`unknown`](RosterQuery::unknown).
    fn item_error(&self) -> Option<&Error> {
        // `malformed` holds one error per unreadable child, in order, and
        // possibly the report of stray text first.
        let unreadable = self.unknown.children.iter().filter(|e| e.ns() == ns::ROSTER);
        let errors = self.malformed.iter().filter(|e| !matches!(e, Error::InvalidText { element: "query", .. }));
        unreadable.zip(errors).find(|(e, _)| e.name() == "item").map(|(_, error)| error)
    }

    /// Checks a roster set from a client as RFC 6121 §2.3.3 asks of the
    /// server: exactly one item, no duplicate groups, no empty group, no
    /// `subscription` other than `remove`, and no `ask` or `approved`
    /// (which only the server sets). Returns the stanza error to answer an
    /// invalid set with; `None` when the set is valid.
    pub fn check_set(&self) -> Option<StanzaError> {
        // What could not be read is refused with its own condition (an item
        // whose `jid` is not an address: `jid-malformed`).
        if let Some(error) = self.item_error() {
            return Some(StanzaError::new(error.stanza_condition()).with_text(Some("en"), error.to_string()));
        }
        let bad = |text: &str| Some(StanzaError::new(DefinedCondition::BadRequest).with_text(Some("en"), text));
        let [item] = self.items.as_slice() else {
            return bad("a roster set carries exactly one item");
        };
        if !matches!(item.subscription, Subscription::None | Subscription::Remove) {
            return bad("a client may only set subscription='remove'");
        }
        if item.ask || item.approved {
            return bad("'ask' and 'approved' are set by the server");
        }
        for (i, group) in item.groups.iter().enumerate() {
            if group.is_empty() {
                return Some(
                    StanzaError::new(DefinedCondition::NotAcceptable).with_text(Some("en"), "an empty group name"),
                );
            }
            if item.groups[..i].contains(group) {
                return bad("a duplicate group");
            }
        }
        None
    }
}

/// A roster push received by a client (RFC 6121 §2.1.6): checks that it
/// comes from the account itself (no `from`, or the account's bare JID) and
/// carries exactly one item, and returns the query and the item. A push
/// from anyone else must be ignored, since it could rewrite the roster.
pub fn roster_push(iq: &Iq, account: &BareJid) -> Result<RosterQuery, Error> {
    let IqKind::Set(payload) = &iq.kind else {
        return Err(Error::Mismatch(Box::new(iq.to_element())));
    };
    if !RosterQuery::is_mine(payload) {
        return Err(Error::Mismatch(Box::new(iq.to_element())));
    }
    // An address that is not a JID is not the account's either.
    if let Some(from) = iq.invalid_from() {
        return Err(Error::RosterPushFromThirdParty { from: from.to_owned() });
    }
    if let Some(from) = &iq.from
        && (from.is_full() || from.as_str() != account.as_str())
    {
        return Err(Error::RosterPushFromThirdParty { from: from.to_string() });
    }
    let query = RosterQuery::parse(payload)?;
    // A push carries exactly one item (RFC 6121 §2.1.6): one that cannot
    // be read makes the push unusable.
    if let Some(error) = query.item_error() {
        return Err(error.clone());
    }
    match query.items.len() {
        0 => {
            return Err(Error::MissingChild { element: "query", child: "item" });
        }
        1 => {}
        _ => {
            return Err(Error::DuplicateChild { element: "query", child: "item" });
        }
    }
    Ok(query)
}
