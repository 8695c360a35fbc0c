//! Blocking Command, XEP-0191 (version 1.3): `urn:xmpp:blocking`.

use jabber_jid::Jid;

use crate::Payload;
use crate::error::Error;
use crate::ns;
use crate::parse;
use crate::payload::Unknown;

/// `<blocklist/>` in an iq get: asks for the blocklist (XEP-0191 §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Payload)]
#[payload(name = "blocklist", ns = ns::BLOCKING, get)]
pub struct BlocklistRequest;

/// `<blocklist/>` in the result: the blocked JIDs (XEP-0191 §3.2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "blocklist", ns = ns::BLOCKING, result)]
pub struct Blocklist {
    /// The blocked JIDs: the `jid` of each `<item/>`.
    #[payload(child_attr = "item", attr = "jid")]
    pub items: Vec<Jid>,
    /// What was kept as it came: items whose `jid` is not an address (see
    /// `malformed`), elements and attributes this model does not know.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each unreadable item in `unknown` could not be read; one bad
    /// item never costs the others. Empty for a valid list and one built here.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// `<block/>`: block JIDs (a command from a client, and the push from the
/// server to the user's other resources; XEP-0191 §3.3). At least one item.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "block", ns = ns::BLOCKING, set, check = Block::check)]
pub struct Block {
    /// The JIDs to block: at least one; a command whose items are all
    /// unreadable fails to parse with the first one's error (XEP-0191 §3.3).
    #[payload(child_attr = "item", attr = "jid")]
    pub items: Vec<Jid>,
    /// What was kept as it came: items whose `jid` is not an address (see
    /// `malformed`), elements and attributes this model does not know.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each unreadable item in `unknown` could not be read; one bad
    /// item never costs the others. Empty for a valid list and one built here.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Block {
    /// A block command for `items` (at least one, XEP-0191 §3.3).
    pub fn new(items: Vec<Jid>) -> Self {
        Block { items, unknown: Unknown::new(), malformed: Vec::new() }
    }

    /// XEP-0191 §3.3: a block command without (readable) items is a bad
    /// request; the first unreadable item says why.
    fn check(self) -> Result<Self, Error> {
        if self.items.is_empty() {
            return Err(self
                .malformed
                .into_iter()
                .next()
                .unwrap_or(Error::MissingChild { element: "block", child: "item" }));
        }
        Ok(self)
    }
}

/// `<unblock/>`: unblock JIDs, or everyone when there are no items
/// (XEP-0191 §3.4, §3.5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "unblock", ns = ns::BLOCKING, set, check = Unblock::check)]
pub struct Unblock {
    /// The JIDs to unblock; empty: unblock all (XEP-0191 §3.5), which is an
    /// `<unblock/>` without children. A command whose children are all
    /// unreadable or unknown fails to parse with the first one's error, so
    /// that it never reads as "unblock all".
    #[payload(child_attr = "item", attr = "jid")]
    pub items: Vec<Jid>,
    /// What was kept as it came: items whose `jid` is not an address (see
    /// `malformed`), elements and attributes this model does not know.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each unreadable item in `unknown` could not be read; one bad
    /// item never costs the others. Empty for a valid list and one built here.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Unblock {
    /// An unblock command for `items` (XEP-0191 §3.4); empty: unblock all (§3.5).
    pub fn new(items: Vec<Jid>) -> Self {
        Unblock { items, ..Unblock::default() }
    }

    /// Without readable items an unblock means "unblock all" (XEP-0191
    /// §3.5), which is an `<unblock/>` without children: one whose items
    /// are all unreadable or unknown must not read as that.
    fn check(self) -> Result<Self, Error> {
        if self.items.is_empty() {
            if let Some(error) = self.malformed.first() {
                return Err(error.clone());
            }
            if let Some(child) = self.unknown.children.first() {
                return Err(parse::unexpected("unblock", child));
            }
        }
        Ok(self)
    }
}

/// `<blocked xmlns='urn:xmpp:blocking:errors'/>`: the application
/// condition of the error a blocked contact's stanza gets back (XEP-0191 §3.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Payload)]
#[payload(name = "blocked", ns = ns::BLOCKING_ERRORS)]
pub struct Blocked;
