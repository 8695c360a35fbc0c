//! The `<presence/>` stanza, RFC 6120 §8.2.2 and RFC 6121 §3, §4.

use std::fmt;
use std::str::FromStr;

use jabber_jid::Jid;
use jabber_stream::{Attribute, ContentNamespace, Element, XmlStr};

use crate::common::{Common, Head};
use crate::error::Error;
use crate::parse;
use crate::payload::{Payload, Payloads};
use crate::stanza_error::StanzaError;
use crate::text::Texts;

/// The type of a presence stanza, RFC 6121 §4.7.1 and §3.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PresenceType {
    /// No `type`: the sender is available.
    #[default]
    Available,
    /// `unavailable`.
    Unavailable,
    /// `subscribe`: a request to subscribe to the recipient's presence.
    Subscribe,
    /// `subscribed`: the sender approves the recipient's subscription.
    Subscribed,
    /// `unsubscribe`: the sender unsubscribes from the recipient's presence.
    Unsubscribe,
    /// `unsubscribed`: the sender cancels the recipient's subscription.
    Unsubscribed,
    /// `probe`: a server asks for a contact's current presence.
    Probe,
    /// `error`, with the error (RFC 6120 §8.3).
    Error(Box<StanzaError>),
}

impl PresenceType {
    /// The attribute value (`None` for available presence).
    pub fn as_str(&self) -> Option<&'static str> {
        match self {
            PresenceType::Available => None,
            PresenceType::Unavailable => Some("unavailable"),
            PresenceType::Subscribe => Some("subscribe"),
            PresenceType::Subscribed => Some("subscribed"),
            PresenceType::Unsubscribe => Some("unsubscribe"),
            PresenceType::Unsubscribed => Some("unsubscribed"),
            PresenceType::Probe => Some("probe"),
            PresenceType::Error(_) => Some("error"),
        }
    }

    /// Whether this is one of the four subscription types (RFC 6121 §3).
    pub fn is_subscription(&self) -> bool {
        matches!(
            self,
            PresenceType::Subscribe | PresenceType::Subscribed | PresenceType::Unsubscribe | PresenceType::Unsubscribed
        )
    }
}

/// `<show/>`: the availability sub-state, RFC 6121 §4.7.2.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Show {
    /// `away`.
    Away,
    /// `chat`: free to chat.
    Chat,
    /// `dnd`: do not disturb.
    Dnd,
    /// `xa`: extended away.
    Xa,
}

impl Show {
    /// The element content.
    pub const fn as_str(self) -> &'static str {
        match self {
            Show::Away => "away",
            Show::Chat => "chat",
            Show::Dnd => "dnd",
            Show::Xa => "xa",
        }
    }
}

impl FromStr for Show {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Ok(match s {
            "away" => Show::Away,
            "chat" => Show::Chat,
            "dnd" => Show::Dnd,
            "xa" => Show::Xa,
            _ => return Err(()),
        })
    }
}

impl fmt::Display for Show {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A presence stanza: availability broadcast, directed presence and the
/// subscription handshake.
///
/// ```
/// use jabber_stanza::{Presence, PresenceType, Show};
/// let mut presence = Presence::new();
/// presence.show = Some(Show::Away);
/// presence.statuses.set(None, "walking the dog");
/// presence.priority = 5;
/// let element = presence.to_element();
/// assert_eq!(Presence::parse(&element)?, presence);
/// # Ok::<(), jabber_stanza::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presence {
    /// The content namespace the stanza is in (`jabber:client` by default).
    pub ns: ContentNamespace,
    /// `from`.
    pub from: Option<Jid>,
    /// `to`.
    pub to: Option<Jid>,
    /// `id`.
    pub id: Option<String>,
    /// `xml:lang`.
    pub lang: Option<String>,
    /// `type`.
    pub kind: PresenceType,
    /// `<show/>`.
    pub show: Option<Show>,
    /// `<status/>`es, one per language.
    pub statuses: Texts,
    /// `<priority/>`, -128 to 127; 0 when absent (RFC 6121 §4.7.2.3).
    pub priority: i8,
    /// Every other child, in order (extensions such as entity capabilities).
    pub payloads: Payloads,
    /// Attributes not modelled above, kept (an address that is not a JID
    /// among them, as it came).
    pub attributes: Vec<Attribute>,
    /// What was malformed in the received presence, each part kept as it
    /// came: an invalid or second `<show/>` or `<priority/>`, a second
    /// `<status/>` in one language stay in [`payloads`](Presence::payloads);
    /// an address that is not a JID stays in
    /// [`attributes`](Presence::attributes); see [`Stanza`](crate::Stanza)
    /// for the rule. Empty for a valid presence and for one built here.
    pub malformed: Vec<Error>,
}

impl Presence {
    /// Available presence with nothing else: the initial presence a client
    /// sends after binding a resource (RFC 6121 §4.2.1, `<presence/>`).
    pub fn new() -> Self {
        Presence::default()
    }

    /// Unavailable presence with nothing else, as a client sends it before
    /// closing its stream (RFC 6121 §4.5.1).
    ///
    /// ```
    /// use jabber_stanza::Presence;
    /// // RFC 6121 §4.5.1, the example without a status.
    /// assert_eq!(Presence::unavailable().to_element().to_string(),
    ///     "<presence xmlns='jabber:client' type='unavailable'/>");
    /// ```
    pub fn unavailable() -> Self {
        Presence { kind: PresenceType::Unavailable, ..Presence::default() }
    }

    /// A presence of `kind` to `to` (e.g. a subscription request).
    pub fn of_type(kind: PresenceType, to: Jid) -> Self {
        Presence { kind, to: Some(to), ..Presence::default() }
    }

    /// The status without `xml:lang`, or else the first one.
    pub fn status(&self) -> Option<&str> {
        self.statuses.default_text()
    }

    /// The first payload of type `P`, parsed.
    pub fn payload<P: Payload>(&self) -> Option<Result<P, Error>> {
        self.payloads.get::<P>()
    }

    /// The `from` as received when it is not a JID (then `from` is `None`
    /// and the value is kept among the attributes, reported in
    /// `malformed`). A server answers such a stanza with `jid-malformed`
    /// (RFC 6120 §8.3.3.8); no check may read the missing address as "from
    /// the account" or "to the server".
    pub fn invalid_from(&self) -> Option<&str> {
        crate::common::invalid_address(&self.attributes, &self.from, "from")
    }

    /// The `to` as received when it is not a JID (then `to` is `None`
    /// and the value is kept among the attributes, reported in
    /// `malformed`). A server answers such a stanza with `jid-malformed`
    /// (RFC 6120 §8.3.3.8); no check may read the missing address as "from
    /// the account" or "to the server".
    pub fn invalid_to(&self) -> Option<&str> {
        crate::common::invalid_address(&self.attributes, &self.to, "to")
    }

    /// The error, if the presence is of type `error`.
    pub fn error(&self) -> Option<&StanzaError> {
        match &self.kind {
            PresenceType::Error(e) => Some(e),
            _ => None,
        }
    }

    /// The status a reader of `lang` sees: its `xml:lang`, or the
    /// presence's for a status without one (RFC 6120 §8.1.5), compared
    /// case-insensitively.
    pub fn status_in(&self, lang: &str) -> Option<&str> {
        self.statuses.in_language(lang, self.lang.as_deref())
    }

    /// Parses a `<presence/>` element, liberally (see [`Stanza`](crate::Stanza)):
    /// it fails only for an element that is not a presence
    /// ([`Error::Mismatch`]) or whose `type` is not one of RFC 6121 §4.7.1
    /// and §3; a malformed part is kept as it came and reported in
    /// [`malformed`](Presence::malformed).
    pub fn parse(element: &Element) -> Result<Self, Error> {
        if element.name() != "presence" {
            return Err(Error::Mismatch(Box::new(element.clone())));
        }
        let common = Common::parse(element, "presence")?;
        let stanza_ns = common.ns.as_str();
        let mut presence = Presence {
            ns: common.ns,
            from: common.from,
            to: common.to,
            id: common.id,
            lang: common.lang,
            attributes: common.attributes,
            malformed: common.malformed,
            ..Presence::default()
        };
        let is_error = common.kind.as_deref() == Some("error");
        let mut error = None;
        let mut priority = None;
        // Whether a <show/> or <priority/> came, readable or not: a second
        // one is a duplicate either way.
        let (mut seen_show, mut seen_priority) = (false, false);
        crate::common::report(parse::no_text(element, "presence"), &mut presence.malformed);
        for child in element.children() {
            if child.ns() != stanza_ns {
                presence.payloads.push_element(child.clone());
                continue;
            }
            // A second <show/>, <priority/> or <error/> is reported and not
            // kept: kept, it would take the first one's place on the next read.
            let parsed = match child.name() {
                "show" if seen_show => {
                    presence.malformed.push(Error::DuplicateChild { element: "presence", child: "show" });
                    continue;
                }
                "show" => {
                    seen_show = true;
                    parse_show(child).map(|show| presence.show = Some(show))
                }
                "status" => presence.statuses.add_parsed_in(child, "presence", "status", presence.lang.as_deref()),
                "priority" if seen_priority => {
                    presence.malformed.push(Error::DuplicateChild { element: "presence", child: "priority" });
                    continue;
                }
                "priority" => {
                    seen_priority = true;
                    parse_priority(child).map(|p| priority = Some(p))
                }
                "error" if is_error && error.is_some() => {
                    presence.malformed.push(Error::DuplicateChild { element: "presence", child: "error" });
                    continue;
                }
                "error" if is_error => {
                    error = Some(StanzaError::parse_in(child, presence.lang.as_deref(), &mut presence.malformed));
                    Ok(())
                }
                _ => {
                    presence.payloads.push_element(child.clone());
                    Ok(())
                }
            };
            if let Err(e) = parsed {
                presence.malformed.push(e);
                presence.payloads.push_element(child.clone());
            }
        }
        presence.priority = priority.unwrap_or(0);
        presence.kind = match common.kind.as_deref() {
            None => PresenceType::Available,
            Some("unavailable") => PresenceType::Unavailable,
            Some("subscribe") => PresenceType::Subscribe,
            Some("subscribed") => PresenceType::Subscribed,
            Some("unsubscribe") => PresenceType::Unsubscribe,
            Some("unsubscribed") => PresenceType::Unsubscribed,
            Some("probe") => PresenceType::Probe,
            Some("error") => PresenceType::Error(Box::new(
                error.unwrap_or_else(|| crate::common::missing_error("presence", &mut presence.malformed)),
            )),
            Some(other) => {
                return Err(Error::InvalidAttribute { element: "presence", attribute: "type", value: other.into() });
            }
        };
        Ok(presence)
    }

    /// The presence as an element.
    pub fn to_element(&self) -> Element {
        let mut e = Head {
            name: "presence",
            ns: self.ns,
            attributes: &self.attributes,
            from: &self.from,
            to: &self.to,
            id: self.id.as_deref(),
            kind: self.kind.as_str(),
            lang: &self.lang,
        }
        .element();
        let ns = XmlStr::from(self.ns.as_str());
        if let Some(show) = self.show {
            e.push_child(Element::builder("show", ns.clone()).text(show.as_str()).build());
        }
        for status in self.statuses.to_elements("status", &ns) {
            e.push_child(status);
        }
        if self.priority != 0 {
            e.push_child(Element::builder("priority", ns.clone()).text(self.priority.to_string()).build());
        }
        for payload in &self.payloads {
            e.push_child(payload.clone());
        }
        if let PresenceType::Error(error) = &self.kind {
            e.push_child(error.to_element(self.ns));
        }
        e
    }
}

/// `<show/>`: one of the four values, surrounding whitespace ignored.
fn parse_show(child: &Element) -> Result<Show, Error> {
    parse::no_child_elements(child, "show")?;
    let text = child.text();
    text.trim().parse().map_err(|()| Error::InvalidText { element: "show", text: text.into_owned() })
}

/// `<priority/>`: an integer from -128 to 127 (RFC 6121 §4.7.2.3).
fn parse_priority(child: &Element) -> Result<i8, Error> {
    parse::no_child_elements(child, "priority")?;
    let text = child.text();
    text.trim().parse::<i8>().map_err(|_| Error::InvalidText { element: "priority", text: text.into_owned() })
}

impl From<&Presence> for Element {
    fn from(presence: &Presence) -> Self {
        presence.to_element()
    }
}

impl From<Presence> for Element {
    fn from(presence: Presence) -> Self {
        presence.to_element()
    }
}

impl TryFrom<&Element> for Presence {
    type Error = Error;
    fn try_from(element: &Element) -> Result<Self, Error> {
        Presence::parse(element)
    }
}
