//! The roster, RFC 6121 §2: `<query xmlns='jabber:iq:roster'/>`.

use std::str::FromStr;

use jabber_jid::{BareJid, Jid};
use jabber_stream::Element;

use crate::error::Error;
use crate::iq::{Iq, IqKind};
use crate::ns;
use crate::parse;
use crate::payload::{IqGetPayload, IqResultPayload, IqSetPayload, Payload};
use crate::stanza_error::{DefinedCondition, StanzaError};

/// The `subscription` attribute of a roster item, RFC 6121 §2.1.2.5.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
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
        Ok(match s {
            "none" => Subscription::None,
            "to" => Subscription::To,
            "from" => Subscription::From,
            "both" => Subscription::Both,
            "remove" => Subscription::Remove,
            _ => return Err(()),
        })
    }
}

/// A roster item, RFC 6121 §2.1.2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterItem {
    /// `jid`: the contact.
    pub jid: Jid,
    /// `name`: the user's name for the contact.
    pub name: Option<String>,
    /// `subscription`.
    pub subscription: Subscription,
    /// `ask='subscribe'`: the user asked to subscribe and waits (RFC 6121 §2.1.2.2).
    pub ask: bool,
    /// `approved`: the user pre-approved the contact's subscription (RFC 6121 §2.1.2.1).
    pub approved: bool,
    /// `<group/>`s, in order.
    pub groups: Vec<String>,
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

    fn parse(e: &Element) -> Result<Self, Error> {
        parse::no_text(e, "item")?;
        let mut groups = Vec::new();
        for child in e.children() {
            if !child.is("group", ns::ROSTER) {
                return Err(parse::unexpected("item", child));
            }
            parse::no_child_elements(child, "group")?;
            groups.push(child.text().into_owned());
        }
        let ask = match e.attr("ask") {
            None => false,
            Some("subscribe") => true,
            Some(other) => {
                return Err(Error::InvalidAttribute { element: "item", attribute: "ask", value: other.into() });
            }
        };
        Ok(RosterItem {
            jid: parse::required_jid(e, "item", "jid")?,
            name: e.attr("name").map(str::to_owned),
            subscription: parse::optional_parsed(e, "item", "subscription")?.unwrap_or_default(),
            ask,
            approved: parse::optional_bool(e, "item", "approved")?.unwrap_or(false),
            groups,
        })
    }

    fn to_element(&self) -> Element {
        let mut e = Element::builder("item", ns::ROSTER)
            .attr("jid", self.jid.to_string())
            .attr_opt("name", self.name.clone())
            .build();
        if self.subscription != Subscription::None {
            e.set_attr("subscription", self.subscription.as_str());
        }
        if self.ask {
            e.set_attr("ask", "subscribe");
        }
        if self.approved {
            e.set_attr("approved", "true");
        }
        for group in &self.groups {
            e.push_child(Element::builder("group", ns::ROSTER).text(group).build());
        }
        e
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterQuery {
    /// `ver`: the roster version (RFC 6121 §2.6).
    pub ver: Option<String>,
    /// The items.
    pub items: Vec<RosterItem>,
    /// Children kept as they came: items that could not be read (see
    /// [`malformed`](RosterQuery::malformed) for why) and elements this
    /// model does not know. Written back after the items.
    pub unknown: Vec<Element>,
    /// Why each unreadable child in [`unknown`](RosterQuery::unknown) could
    /// not be read, in order (an `<item/>` whose `jid` is not an address,
    /// an unknown `subscription`, ...). One bad item never costs the rest
    /// of the roster. Empty for a valid query and for one built here.
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
        let unreadable = self.unknown.iter().filter(|e| e.ns() == ns::ROSTER);
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

impl Payload for RosterQuery {
    const NAME: &'static str = "query";
    const NS: &'static str = ns::ROSTER;

    /// Reads a roster query liberally: an item that cannot be read is kept
    /// in [`unknown`](RosterQuery::unknown) and reported in
    /// [`malformed`](RosterQuery::malformed), and the other items stay
    /// usable; elements of other namespaces are kept in `unknown`.
    fn parse(e: &Element) -> Result<Self, Error> {
        let read = parse::items(e, "query", "item", ns::ROSTER, RosterItem::parse);
        Ok(RosterQuery {
            ver: e.attr("ver").map(str::to_owned),
            items: read.items,
            unknown: read.unknown,
            malformed: read.malformed,
        })
    }

    fn to_element(&self) -> Element {
        Element::builder("query", ns::ROSTER)
            .attr_opt("ver", self.ver.clone())
            .children(self.items.iter().map(RosterItem::to_element))
            .children(self.unknown.iter().cloned())
            .build()
    }
}

impl IqGetPayload for RosterQuery {}
impl IqSetPayload for RosterQuery {}
impl IqResultPayload for RosterQuery {}

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
