//! [`Stanza`]: a message, presence or iq (RFC 6120 §8).

use jabber_jid::Jid;
use jabber_stream::{ContentNamespace, Element};

use crate::error::Error;
use crate::iq::Iq;
use crate::message::{Message, MessageType};
use crate::presence::{Presence, PresenceType};
use crate::stanza_error::StanzaError;

/// One of the three stanzas, in `jabber:client`, `jabber:server` or
/// `jabber:component:accept`.
///
/// # Liberal in what is received
///
/// Parsing a received stanza fails only when it cannot be identified: its
/// kind, and for an iq its `type` and `id` (see [`Iq::parse`]); for a
/// presence, a `type` RFC 6121 does not define. Any other part that is
/// malformed is kept and reported in the stanza's `malformed` list
/// ([`Stanza::malformed`]), with what and where (RFC 6120 §11.4 asks
/// entities to be liberal in what they accept):
///
/// - a child the model cannot read (a `<show/>` that is not one of the
///   four values, a `<priority/>` out of range, a second `<body/>` in a
///   language already seen) stays in `payloads` and is written back as it
///   came, after the children the model reads; a second `<show/>`,
///   `<priority/>`, `<thread/>` or `<error/>` is reported and not kept
///   (kept, it would take the first one's place when read again);
/// - a `to` or `from` that is not a JID stays in `attributes` and the
///   typed field is `None`; [`Stanza::invalid_from`] and
///   [`Stanza::invalid_to`] give it, and no check may take the missing
///   address for "the account" or "the server" (a server answers
///   `jid-malformed`, RFC 6120 §8.3.3.8);
/// - an `<error/>` that does not follow RFC 6120 §8.3.2 is read as well
///   as it can be ([`StanzaError::parse_lenient`]); a stanza of type
///   `error` without `<error/>` is still an error, with
///   `undefined-condition`.
///
/// Addresses are read with the query semantics of stringprep (RFC 3454
/// §7), so an emoji resource of a MUC occupant is an address.
///
/// ```
/// use jabber_stanza::Stanza;
/// use jabber_stream::Element;
/// let element: Element = "<message xmlns='jabber:client' to='juliet@example.com'><body>hi</body></message>".parse()?;
/// let Stanza::Message(message) = Stanza::try_from(element)? else { panic!() };
/// assert_eq!(message.body(), Some("hi"));
///
/// // Not a stanza: the element comes back for another parser to try.
/// let features: Element = "<features xmlns='http://etherx.jabber.org/streams'/>".parse()?;
/// let Err(jabber_stanza::Error::Mismatch(back)) = Stanza::try_from(features) else { panic!() };
/// assert_eq!(back.name(), "features");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stanza {
    /// `<message/>`.
    Message(Message),
    /// `<presence/>`.
    Presence(Presence),
    /// `<iq/>`.
    Iq(Iq),
}

impl Stanza {
    /// Whether `element` is a stanza (by name and namespace), valid or not.
    pub fn is_stanza(element: &Element) -> bool {
        ContentNamespace::from_uri(element.ns()).is_some() && matches!(element.name(), "message" | "presence" | "iq")
    }

    /// What was malformed in the received stanza (empty for a valid one and
    /// for one built here); see the [type docs](Stanza) for the rule.
    pub fn malformed(&self) -> &[Error] {
        match self {
            Stanza::Message(s) => &s.malformed,
            Stanza::Presence(s) => &s.malformed,
            Stanza::Iq(s) => &s.malformed,
        }
    }

    /// Takes the report of what was malformed out of the stanza (to log it,
    /// or to compare models without it), leaving it empty.
    pub fn take_malformed(&mut self) -> Vec<Error> {
        std::mem::take(match self {
            Stanza::Message(s) => &mut s.malformed,
            Stanza::Presence(s) => &mut s.malformed,
            Stanza::Iq(s) => &mut s.malformed,
        })
    }

    /// The `from` as received when it is not a JID (then
    /// [`sender`](Stanza::sender) is `None`); see [`Message::invalid_from`].
    pub fn invalid_from(&self) -> Option<&str> {
        match self {
            Stanza::Message(s) => s.invalid_from(),
            Stanza::Presence(s) => s.invalid_from(),
            Stanza::Iq(s) => s.invalid_from(),
        }
    }

    /// The `to` as received when it is not a JID; see [`Message::invalid_to`].
    pub fn invalid_to(&self) -> Option<&str> {
        match self {
            Stanza::Message(s) => s.invalid_to(),
            Stanza::Presence(s) => s.invalid_to(),
            Stanza::Iq(s) => s.invalid_to(),
        }
    }

    /// Sets `from` (a server stamps it, RFC 6120 §8.1.2.1).
    pub fn set_from(&mut self, from: Option<Jid>) {
        match self {
            Stanza::Message(s) => s.from = from,
            Stanza::Presence(s) => s.from = from,
            Stanza::Iq(s) => s.from = from,
        }
    }

    /// Sets `to`.
    pub fn set_to(&mut self, to: Option<Jid>) {
        match self {
            Stanza::Message(s) => s.to = to,
            Stanza::Presence(s) => s.to = to,
            Stanza::Iq(s) => s.to = to,
        }
    }

    /// Parses a stanza; [`Error::Mismatch`] if the element is not one.
    pub fn parse(element: &Element) -> Result<Stanza, Error> {
        if !Stanza::is_stanza(element) {
            return Err(Error::Mismatch(Box::new(element.clone())));
        }
        Ok(match element.name() {
            "message" => Stanza::Message(Message::parse(element)?),
            "presence" => Stanza::Presence(Presence::parse(element)?),
            _ => Stanza::Iq(Iq::parse(element)?),
        })
    }

    /// The sender: the `from` attribute as a JID (`None` when absent, or
    /// when it is not a JID: then [`invalid_from`](Stanza::invalid_from)
    /// gives it). RFC 6120 §8.1.2.
    ///
    /// Named `sender` rather than `from` so that it does not shadow
    /// `From::from`: `Stanza::from(message)` builds a stanza.
    ///
    /// ```
    /// use jabber_stanza::{Message, Stanza};
    /// let mut message = Message::chat("juliet@example.com".parse()?, "hi");
    /// message.from = Some("romeo@example.net/orchard".parse()?);
    /// let stanza = Stanza::from(message);
    /// assert_eq!(stanza.sender().map(|j| j.as_str()), Some("romeo@example.net/orchard"));
    /// # Ok::<(), jabber_jid::Error>(())
    /// ```
    pub fn sender(&self) -> Option<&Jid> {
        match self {
            Stanza::Message(s) => s.from.as_ref(),
            Stanza::Presence(s) => s.from.as_ref(),
            Stanza::Iq(s) => s.from.as_ref(),
        }
    }

    /// The recipient: the `to` attribute as a JID (`None` when absent, or
    /// when it is not a JID: then [`invalid_to`](Stanza::invalid_to) gives
    /// it). RFC 6120 §8.1.1.
    pub fn to(&self) -> Option<&Jid> {
        match self {
            Stanza::Message(s) => s.to.as_ref(),
            Stanza::Presence(s) => s.to.as_ref(),
            Stanza::Iq(s) => s.to.as_ref(),
        }
    }

    /// `id`.
    pub fn id(&self) -> Option<&str> {
        match self {
            Stanza::Message(s) => s.id.as_deref(),
            Stanza::Presence(s) => s.id.as_deref(),
            Stanza::Iq(s) => Some(&s.id),
        }
    }

    /// The error, if the stanza is of type `error`.
    pub fn error(&self) -> Option<&StanzaError> {
        match self {
            Stanza::Message(s) => s.error(),
            Stanza::Presence(s) => s.error(),
            Stanza::Iq(s) => s.error(),
        }
    }

    /// The error stanza that answers a first-level element that claims to
    /// be a stanza but cannot be read as one (an iq of type `subscribe`, an
    /// iq without payload; RFC 6120 §8.3.3.1 answers it with
    /// `bad-request`): the same name and namespace, its `id`, `to` and
    /// `from` swapped as they were written, type `error`, and `error`.
    ///
    /// `None` when the element is not named like a stanza in a content
    /// namespace, or says it is an error or an iq result (errors and
    /// responses are never answered with errors, RFC 6120 §8.3.1, §8.2.3).
    ///
    /// ```
    /// use jabber_stanza::{DefinedCondition, Stanza, StanzaError};
    /// use jabber_stream::Element;
    /// // RFC 6120 §8.3.3.1 (Example 110 of the RFC): an iq of an unknown type.
    /// let request: Element = "<iq xmlns='jabber:client' from='juliet@im.example.com/balcony' id='zj3v142b' \
    ///     to='im.example.com' type='subscribe'><ping xmlns='urn:xmpp:ping'/></iq>".parse()?;
    /// let error = Stanza::parse(&request).unwrap_err();
    /// let reply = Stanza::error_reply_to(&request, StanzaError::new(error.stanza_condition())).unwrap();
    /// assert_eq!(reply.to_string(), "<iq xmlns='jabber:client' from='im.example.com' id='zj3v142b' \
    ///     to='juliet@im.example.com/balcony' type='error'><error type='modify'>\
    ///     <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn error_reply_to(element: &Element, error: StanzaError) -> Option<Element> {
        let ns = ContentNamespace::from_uri(element.ns())?;
        let name = match element.name() {
            "message" => "message",
            "presence" => "presence",
            "iq" => "iq",
            _ => return None,
        };
        match (name, element.attr("type")) {
            (_, Some("error")) | ("iq", Some("result")) => return None,
            _ => {}
        }
        let mut reply = Element::new(name, ns.as_str());
        for (attribute, from) in [("from", "to"), ("id", "id"), ("to", "from")] {
            if let Some(value) = element.attr(from) {
                reply.set_attr(attribute, value.to_owned());
            }
        }
        reply.set_attr("type", "error");
        reply.push_child(error.to_element(ns));
        Some(reply)
    }

    /// The error stanza that answers this one (RFC 6120 §8.3.1): same kind
    /// and id, `to` and `from` swapped, type `error`. For an iq the
    /// request's payload is echoed; for messages and presence the original
    /// children are not (RFC 6120 leaves it optional, and repeating a body
    /// to its sender adds nothing).
    ///
    /// `None` when this stanza is an error itself (RFC 6120 §8.3.1: errors
    /// are never answered with errors) or an iq response.
    pub fn error_reply(&self, error: StanzaError) -> Option<Stanza> {
        if self.error().is_some() {
            return None;
        }
        Some(match self {
            Stanza::Message(m) => Stanza::Message(Message {
                ns: m.ns,
                from: m.to.clone(),
                to: m.from.clone(),
                id: m.id.clone(),
                kind: MessageType::Error(Box::new(error)),
                ..Message::default()
            }),
            Stanza::Presence(p) => Stanza::Presence(Presence {
                ns: p.ns,
                from: p.to.clone(),
                to: p.from.clone(),
                id: p.id.clone(),
                kind: PresenceType::Error(Box::new(error)),
                ..Presence::default()
            }),
            Stanza::Iq(iq) => Stanza::Iq(iq.reply_error(error)?),
        })
    }

    /// The stanza as an element.
    pub fn to_element(&self) -> Element {
        match self {
            Stanza::Message(s) => s.to_element(),
            Stanza::Presence(s) => s.to_element(),
            Stanza::Iq(s) => s.to_element(),
        }
    }
}

impl TryFrom<Element> for Stanza {
    type Error = Error;

    /// Parses a stanza, handing the element back in [`Error::Mismatch`]
    /// when it is not one.
    fn try_from(element: Element) -> Result<Self, Error> {
        if !Stanza::is_stanza(&element) {
            return Err(Error::Mismatch(Box::new(element)));
        }
        Stanza::parse(&element)
    }
}

impl TryFrom<&Element> for Stanza {
    type Error = Error;
    fn try_from(element: &Element) -> Result<Self, Error> {
        Stanza::parse(element)
    }
}

impl From<&Stanza> for Element {
    fn from(stanza: &Stanza) -> Self {
        stanza.to_element()
    }
}

impl From<Stanza> for Element {
    fn from(stanza: Stanza) -> Self {
        stanza.to_element()
    }
}

// Owned and borrowed: a function that takes `impl Into<Stanza>` (a session's
// `send`) accepts a message, presence, iq or stanza, by value or by
// reference; a reference is cloned.

impl From<Message> for Stanza {
    fn from(m: Message) -> Self {
        Stanza::Message(m)
    }
}

impl From<Presence> for Stanza {
    fn from(p: Presence) -> Self {
        Stanza::Presence(p)
    }
}

impl From<Iq> for Stanza {
    fn from(iq: Iq) -> Self {
        Stanza::Iq(iq)
    }
}

impl From<&Message> for Stanza {
    fn from(m: &Message) -> Self {
        Stanza::Message(m.clone())
    }
}

impl From<&Presence> for Stanza {
    fn from(p: &Presence) -> Self {
        Stanza::Presence(p.clone())
    }
}

impl From<&Iq> for Stanza {
    fn from(iq: &Iq) -> Self {
        Stanza::Iq(iq.clone())
    }
}

impl From<&Stanza> for Stanza {
    fn from(stanza: &Stanza) -> Self {
        stanza.clone()
    }
}
