//! Privacy Lists, XEP-0016 (version 1.7): `jabber:iq:privacy`, the block
//! and allow lists RFC 3921 §10 first defined.

use std::str::FromStr;

use jabber_jid::Jid;
use jabber_stream::Element;

use crate::error::Error;
use crate::ns;
use crate::parse;
use crate::payload::{IqGetPayload, IqResultPayload, IqSetPayload, Payload};
use crate::roster::Subscription;

/// What an item does to the stanzas it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// `allow`.
    Allow,
    /// `deny`.
    Deny,
}

impl FromStr for Action {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "allow" => Ok(Action::Allow),
            "deny" => Ok(Action::Deny),
            _ => Err(()),
        }
    }
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::Allow => "allow",
            Action::Deny => "deny",
        }
    }
}

/// Which senders or recipients an item matches (XEP-0016 §2.1: `type` and `value`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    /// No `type`: every entity (the fall-through item).
    All,
    /// `type='jid'`.
    Jid(Jid),
    /// `type='group'`: a roster group.
    Group(String),
    /// `type='subscription'`: none, to, from or both.
    Subscription(Subscription),
}

/// Which stanzas an item applies to: the empty child elements `<message/>`,
/// `<iq/>`, `<presence-in/>`, `<presence-out/>`; none of them means all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct StanzaKinds {
    /// `<message/>`.
    pub message: bool,
    /// `<iq/>`.
    pub iq: bool,
    /// `<presence-in/>`.
    pub presence_in: bool,
    /// `<presence-out/>`.
    pub presence_out: bool,
}

impl StanzaKinds {
    /// Whether the item applies to every stanza (no kind listed).
    pub fn all(self) -> bool {
        self == StanzaKinds::default()
    }
}

/// One rule of a privacy list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivacyItem {
    /// Whom it matches.
    pub matcher: Matcher,
    /// What it does.
    pub action: Action,
    /// Its position: items are applied in increasing order, which is unique in a list.
    pub order: u32,
    /// Which stanzas it applies to.
    pub stanzas: StanzaKinds,
}

impl PrivacyItem {
    fn parse(e: &Element) -> Result<Self, Error> {
        let value = || parse::required_attr(e, "item", "value");
        let matcher = match e.attr("type") {
            None => Matcher::All,
            Some("jid") => Matcher::Jid(parse::required_jid(e, "item", "value")?),
            Some("group") => Matcher::Group(value()?.to_owned()),
            Some("subscription") => Matcher::Subscription(match value()?.parse() {
                Ok(s @ (Subscription::None | Subscription::To | Subscription::From | Subscription::Both)) => s,
                _ => {
                    return Err(Error::InvalidAttribute {
                        element: "item",
                        attribute: "value",
                        value: value()?.into(),
                    });
                }
            }),
            Some(other) => {
                return Err(Error::InvalidAttribute { element: "item", attribute: "type", value: other.into() });
            }
        };
        parse::no_text(e, "item")?;
        let mut stanzas = StanzaKinds::default();
        for child in e.children() {
            let flag = match (child.ns(), child.name()) {
                (ns::PRIVACY, "message") => &mut stanzas.message,
                (ns::PRIVACY, "iq") => &mut stanzas.iq,
                (ns::PRIVACY, "presence-in") => &mut stanzas.presence_in,
                (ns::PRIVACY, "presence-out") => &mut stanzas.presence_out,
                _ => return Err(parse::unexpected("item", child)),
            };
            parse::no_children(child, "item")?;
            *flag = true;
        }
        Ok(PrivacyItem {
            matcher,
            action: parse::required_parsed(e, "item", "action")?,
            order: parse::required_parsed(e, "item", "order")?,
            stanzas,
        })
    }

    fn to_element(&self) -> Element {
        let mut e = Element::new("item", ns::PRIVACY);
        match &self.matcher {
            Matcher::All => {}
            Matcher::Jid(jid) => {
                e.set_attr("type", "jid").set_attr("value", jid.to_string());
            }
            Matcher::Group(group) => {
                e.set_attr("type", "group").set_attr("value", group.clone());
            }
            Matcher::Subscription(s) => {
                e.set_attr("type", "subscription").set_attr("value", s.as_str());
            }
        }
        e.set_attr("action", self.action.as_str());
        e.set_attr("order", self.order.to_string());
        for (set, name) in [
            (self.stanzas.message, "message"),
            (self.stanzas.iq, "iq"),
            (self.stanzas.presence_in, "presence-in"),
            (self.stanzas.presence_out, "presence-out"),
        ] {
            if set {
                e.push_child(Element::new(name, ns::PRIVACY));
            }
        }
        e
    }
}

/// A named privacy list; a list without items is a request for the list
/// (in a get) or its removal (in a set).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivacyList {
    /// `name`.
    pub name: String,
    /// The items; their `order` values are unique.
    pub items: Vec<PrivacyItem>,
}

/// The choice of the active or default list: `Some(name)`, or `None` to
/// decline any (an `<active/>` or `<default/>` without a name).
pub type ListChoice = Option<String>;

/// `<query xmlns='jabber:iq:privacy'/>` in every iq of XEP-0016.
///
/// ```
/// use jabber_stanza::{Payload, PrivacyQuery};
/// // XEP-0016 Example 2.
/// let q = PrivacyQuery::parse(&"<query xmlns='jabber:iq:privacy'><active name='private'/>\
///     <default name='public'/><list name='public'/><list name='private'/></query>".parse()?)?;
/// assert_eq!(q.active, Some(Some("private".into())));
/// assert_eq!(q.lists.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrivacyQuery {
    /// `<active/>`: absent, or a choice.
    pub active: Option<ListChoice>,
    /// `<default/>`: absent, or a choice.
    pub default: Option<ListChoice>,
    /// The lists (names only when listing them).
    pub lists: Vec<PrivacyList>,
}

impl Payload for PrivacyQuery {
    const NAME: &'static str = "query";
    const NS: &'static str = ns::PRIVACY;

    fn parse(e: &Element) -> Result<Self, Error> {
        parse::no_text(e, "query")?;
        let mut q = PrivacyQuery::default();
        for child in e.children() {
            match (child.ns(), child.name()) {
                (ns::PRIVACY, "active") => {
                    if q.active.is_some() {
                        return Err(Error::DuplicateChild { element: "query", child: "active" });
                    }
                    parse::no_children(child, "active")?;
                    q.active = Some(child.attr("name").map(str::to_owned));
                }
                (ns::PRIVACY, "default") => {
                    if q.default.is_some() {
                        return Err(Error::DuplicateChild { element: "query", child: "default" });
                    }
                    parse::no_children(child, "default")?;
                    q.default = Some(child.attr("name").map(str::to_owned));
                }
                (ns::PRIVACY, "list") => {
                    parse::no_text(child, "list")?;
                    let mut items: Vec<PrivacyItem> = Vec::new();
                    for item in child.children() {
                        if !item.is("item", ns::PRIVACY) {
                            return Err(parse::unexpected("list", item));
                        }
                        let item = PrivacyItem::parse(item)?;
                        if items.iter().any(|i| i.order == item.order) {
                            return Err(Error::InvalidAttribute {
                                element: "item",
                                attribute: "order",
                                value: item.order.to_string(),
                            });
                        }
                        items.push(item);
                    }
                    q.lists.push(PrivacyList { name: parse::required_attr(child, "list", "name")?.to_owned(), items });
                }
                _ => return Err(parse::unexpected("query", child)),
            }
        }
        Ok(q)
    }

    fn to_element(&self) -> Element {
        let mut e = Element::new("query", ns::PRIVACY);
        for (choice, name) in [(&self.active, "active"), (&self.default, "default")] {
            if let Some(choice) = choice {
                e.push_child(Element::builder(name, ns::PRIVACY).attr_opt("name", choice.clone()).build());
            }
        }
        for list in &self.lists {
            e.push_child(
                Element::builder("list", ns::PRIVACY)
                    .attr("name", list.name.clone())
                    .children(list.items.iter().map(PrivacyItem::to_element))
                    .build(),
            );
        }
        e
    }
}

impl IqGetPayload for PrivacyQuery {}
impl IqSetPayload for PrivacyQuery {}
impl IqResultPayload for PrivacyQuery {}
