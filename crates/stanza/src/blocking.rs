//! Blocking Command, XEP-0191 (version 1.3): `urn:xmpp:blocking`.

use jabber_jid::Jid;
use jabber_stream::Element;

use crate::error::Error;
use crate::ns;
use crate::parse;
use crate::payload::{IqGetPayload, IqResultPayload, IqSetPayload, Payload};

/// The `<item jid='...'/>` children of a blocking element.
/// The items of a blocking list, read liberally (see [`parse::items`]).
fn parse_items(e: &Element, name: &'static str) -> parse::Items<Jid> {
    parse::items(e, name, "item", ns::BLOCKING, |child| {
        parse::no_children(child, "item")?;
        parse::required_jid(child, "item", "jid")
    })
}

fn with_items(name: &'static str, items: &[Jid], unknown: &[Element]) -> Element {
    Element::builder(name, ns::BLOCKING)
        .children(items.iter().map(|jid| Element::builder("item", ns::BLOCKING).attr("jid", jid.to_string()).build()))
        .children(unknown.iter().cloned())
        .build()
}

/// `<blocklist/>` in an iq get: asks for the blocklist (XEP-0191 §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlocklistRequest;

impl Payload for BlocklistRequest {
    const NAME: &'static str = "blocklist";
    const NS: &'static str = ns::BLOCKING;

    fn parse(e: &Element) -> Result<Self, Error> {
        parse::no_children(e, "blocklist")?;
        Ok(BlocklistRequest)
    }

    fn to_element(&self) -> Element {
        Element::new("blocklist", ns::BLOCKING)
    }
}

impl IqGetPayload for BlocklistRequest {}

/// `<blocklist/>` in the result: the blocked JIDs (XEP-0191 §3.2).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blocklist {
    /// The blocked JIDs.
    pub items: Vec<Jid>,
    /// Children kept as they came: items whose `jid` is not an address
    /// (see `malformed`), and elements this model does not know.
    pub unknown: Vec<Element>,
    /// Why each unreadable item in `unknown` could not be read; one bad
    /// item never costs the others. Empty for a valid list and one built here.
    pub malformed: Vec<Error>,
}

impl Payload for Blocklist {
    const NAME: &'static str = "blocklist";
    const NS: &'static str = ns::BLOCKING;

    fn parse(e: &Element) -> Result<Self, Error> {
        let read = parse_items(e, "blocklist");
        Ok(Blocklist { items: read.items, unknown: read.unknown, malformed: read.malformed })
    }

    fn to_element(&self) -> Element {
        with_items("blocklist", &self.items, &self.unknown)
    }
}

impl IqResultPayload for Blocklist {}

/// `<block/>`: block JIDs (a command from a client, and the push from the
/// server to the user's other resources; XEP-0191 §3.3). At least one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The JIDs to block: at least one; a command whose items are all
    /// unreadable fails to parse with the first one's error (XEP-0191 §3.3).
    pub items: Vec<Jid>,
    /// Children kept as they came: items whose `jid` is not an address
    /// (see `malformed`), and elements this model does not know.
    pub unknown: Vec<Element>,
    /// Why each unreadable item in `unknown` could not be read; one bad
    /// item never costs the others. Empty for a valid list and one built here.
    pub malformed: Vec<Error>,
}

impl Block {
    /// A block command for `items` (at least one, XEP-0191 §3.3).
    pub fn new(items: Vec<Jid>) -> Self {
        Block { items, unknown: Vec::new(), malformed: Vec::new() }
    }
}

impl Payload for Block {
    const NAME: &'static str = "block";
    const NS: &'static str = ns::BLOCKING;

    fn parse(e: &Element) -> Result<Self, Error> {
        let read = parse_items(e, "block");
        if read.items.is_empty() {
            // XEP-0191 §3.3: a block command without (readable) items is a
            // bad request; the first unreadable item says why.
            return Err(read
                .malformed
                .into_iter()
                .next()
                .unwrap_or(Error::MissingChild { element: "block", child: "item" }));
        }
        Ok(Block { items: read.items, unknown: read.unknown, malformed: read.malformed })
    }

    fn to_element(&self) -> Element {
        with_items("block", &self.items, &self.unknown)
    }
}

impl IqSetPayload for Block {}

/// `<unblock/>`: unblock JIDs, or everyone when there are no items
/// (XEP-0191 §3.4, §3.5).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unblock {
    /// The JIDs to unblock; empty: unblock all (XEP-0191 §3.5), which is an
    /// `<unblock/>` without children. A command whose children are all
    /// unreadable or unknown fails to parse with the first one's error, so
    /// that it never reads as "unblock all".
    pub items: Vec<Jid>,
    /// Children kept as they came: items whose `jid` is not an address
    /// (see `malformed`), and elements this model does not know.
    pub unknown: Vec<Element>,
    /// Why each unreadable item in `unknown` could not be read; one bad
    /// item never costs the others. Empty for a valid list and one built here.
    pub malformed: Vec<Error>,
}

impl Unblock {
    /// An unblock command for `items` (XEP-0191 §3.4); empty: unblock all (§3.5).
    pub fn new(items: Vec<Jid>) -> Self {
        Unblock { items, ..Unblock::default() }
    }
}

impl Payload for Unblock {
    const NAME: &'static str = "unblock";
    const NS: &'static str = ns::BLOCKING;

    fn parse(e: &Element) -> Result<Self, Error> {
        let read = parse_items(e, "unblock");
        // Without readable items an unblock means "unblock all" (XEP-0191
        // §3.5): one whose items are all unreadable must not read as that.
        // "Unblock all" is an <unblock/> without children (§3.5).
        if read.items.is_empty() {
            if let Some(error) = read.malformed.first() {
                return Err(error.clone());
            }
            if let Some(child) = read.unknown.first() {
                return Err(parse::unexpected("unblock", child));
            }
        }
        Ok(Unblock { items: read.items, unknown: read.unknown, malformed: read.malformed })
    }

    fn to_element(&self) -> Element {
        with_items("unblock", &self.items, &self.unknown)
    }
}

impl IqSetPayload for Unblock {}

/// `<blocked xmlns='urn:xmpp:blocking:errors'/>`: the application
/// condition of the error a blocked contact's stanza gets back (XEP-0191 §3.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocked;

impl Payload for Blocked {
    const NAME: &'static str = "blocked";
    const NS: &'static str = ns::BLOCKING_ERRORS;

    fn parse(e: &Element) -> Result<Self, Error> {
        parse::no_children(e, "blocked")?;
        Ok(Blocked)
    }

    fn to_element(&self) -> Element {
        Element::new("blocked", ns::BLOCKING_ERRORS)
    }
}
