//! The `<message/>` stanza, RFC 6120 §8.2.1 and RFC 6121 §5.

use jabber_jid::Jid;
use jabber_stream::{Attribute, ContentNamespace, Element, XmlStr};

use crate::common::{Common, Head};
use crate::error::Error;
use crate::parse;
use crate::payload::{Payload, Payloads};
use crate::stanza_error::StanzaError;
use crate::text::Texts;

/// The type of a message, RFC 6121 §5.2.2.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum MessageType {
    /// `normal` (also a missing or unknown `type`, as RFC 6121 §5.2.2 says).
    #[default]
    Normal,
    /// `chat`: one-to-one conversation.
    Chat,
    /// `groupchat`: a multi-user chat room.
    Groupchat,
    /// `headline`: an alert that expects no reply.
    Headline,
    /// `error`, with the error (RFC 6120 §8.3).
    Error(Box<StanzaError>),
}

impl MessageType {
    /// The attribute value (`None` for `normal`, which is the default).
    pub fn as_str(&self) -> Option<&'static str> {
        match self {
            MessageType::Normal => None,
            MessageType::Chat => Some("chat"),
            MessageType::Groupchat => Some("groupchat"),
            MessageType::Headline => Some("headline"),
            MessageType::Error(_) => Some("error"),
        }
    }
}

/// `<thread/>`, RFC 6121 §5.2.5: a conversation identifier, optionally
/// with the identifier of the conversation it branched from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    /// The thread identifier.
    pub id: String,
    /// `parent`: the thread this one was spawned from.
    pub parent: Option<String>,
}

/// A message stanza: push semantics, like e-mail but faster.
///
/// ```
/// use jabber_stanza::{Message, MessageType};
/// let message = Message::chat("juliet@example.com/balcony".parse()?, "Art thou not Romeo?");
/// assert_eq!(message.kind, MessageType::Chat);
/// assert_eq!(message.body(), Some("Art thou not Romeo?"));
/// # Ok::<(), jabber_jid::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
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
    pub kind: MessageType,
    /// `<body/>`s, one per language (RFC 6121 §5.2.3).
    pub bodies: Texts,
    /// `<subject/>`s, one per language (RFC 6121 §5.2.4).
    pub subjects: Texts,
    /// `<thread/>` (RFC 6121 §5.2.5).
    pub thread: Option<Thread>,
    /// Every other child, in order (extensions).
    pub payloads: Payloads,
    /// Attributes not modelled above, kept (an address that is not a JID
    /// among them, as it came).
    pub attributes: Vec<Attribute>,
    /// What was malformed in the received message, each part kept as it
    /// came: a second `<body/>` or `<subject/>` in one language (by
    /// meaning: a child without `xml:lang` is in the message's language,
    /// RFC 6120 §8.1.5) or a second `<thread/>` stay in
    /// [`payloads`](Message::payloads); an address that is not a JID stays
    /// in [`attributes`](Message::attributes); see [`Stanza`](crate::Stanza)
    /// for the rule. Empty for a valid message and for one built here.
    pub malformed: Vec<Error>,
}

impl Message {
    /// An empty message of type normal.
    pub fn new() -> Self {
        Message::default()
    }

    /// A chat message to `to` with one body.
    pub fn chat(to: Jid, body: impl Into<String>) -> Self {
        Message { to: Some(to), kind: MessageType::Chat, bodies: Texts::single(body), ..Message::default() }
    }

    /// A reply to this message carrying `body`, or `None` when this message
    /// is not to be replied to this way.
    ///
    /// The reply is built by these rules:
    ///
    /// - `to`: this message's `from`, the full JID when it is one (RFC 6121
    ///   §5.2.1: a reply to a full JID goes to that full JID; §5.1, "the
    ///   contact's client SHOULD address its replies to the user's full
    ///   JID"). For `groupchat`, the room's bare JID instead: the `from` of a
    ///   groupchat message is the occupant's JID `room@service/nick`, and a
    ///   message to all occupants goes to the room itself (XEP-0045 §7.4).
    /// - `type`: the same (RFC 6121 §5.1: the contact's client SHOULD
    ///   preserve the type in replies; a `chat` stays `chat`, `normal` stays
    ///   `normal`, `groupchat` stays `groupchat`).
    /// - `<thread/>`: the same, with its `parent` (RFC 6121 §5.1 and §5.2.5:
    ///   the thread identifies the conversation and is preserved during the
    ///   life of the chat session).
    /// - `id`: none. A reply is a new stanza, not a response: the RFC's own
    ///   reply (RFC 6121 §5.2.1, `sl3nx51f` answering `ktx72v49`) has an id
    ///   of its own, and RFC 6120 §8.1.3 asks ids to be unique. Set one if
    ///   you need it (receipts, corrections).
    /// - `from`: none in `jabber:client`: the server stamps it (RFC 6120
    ///   §8.1.2.1). In `jabber:server` and `jabber:component:accept` nobody
    ///   stamps it, so it is this message's `to` (the address the message
    ///   reached, which the replying server or component serves).
    /// - the namespace is this message's; `xml:lang`, subjects and payloads
    ///   are not copied (the body is the replier's, in the replier's
    ///   language: set [`lang`](Message::lang) if it differs from the
    ///   stream's).
    ///
    /// `None` when this message:
    /// - is an error (type `error`): an error is never answered (RFC 6120
    ///   §8.3.1, "an entity that receives an error stanza MUST NOT respond to
    ///   the stanza with a further error stanza"; a reply would at best be
    ///   lost and at worst loop between two automated entities);
    /// - is a `headline`: "no reply is expected" (RFC 6121 §5.2.2), and
    ///   clients typically offer no way to reply; headlines come from
    ///   automated services, which an automatic reply would not reach a
    ///   human through;
    /// - has no `from` (absent, or not a JID, see
    ///   [`invalid_from`](Message::invalid_from)): there is nobody to
    ///   address, and a message without `to` would go to one's own account.
    ///
    /// ```
    /// use jabber_stanza::{Message, MessageType};
    /// use jabber_stream::Element;
    /// // RFC 6121 §5.2.1: Juliet's message and Romeo's reply to her full JID.
    /// let received: Element = "<message xmlns='jabber:client' from='juliet@example.com/balcony' \
    ///     id='ktx72v49' to='romeo@example.net' type='chat' xml:lang='en'>\
    ///     <body>Art thou not Romeo, and a Montague?</body></message>".parse()?;
    /// let received = Message::parse(&received)?;
    /// let mut reply = received.reply("Neither, fair saint, if either thee dislike.").unwrap();
    /// assert_eq!(reply.to_element().to_string(), "<message xmlns='jabber:client' \
    ///     to='juliet@example.com/balcony' type='chat'>\
    ///     <body>Neither, fair saint, if either thee dislike.</body></message>");
    /// reply.id = Some("sl3nx51f".into()); // the caller's choice, unique
    ///
    /// // An error is not replied to.
    /// let error: Element = "<message xmlns='jabber:client' from='juliet@example.com/balcony' type='error'>\
    ///     <error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>\
    ///     </message>".parse()?;
    /// assert_eq!(Message::parse(&error)?.reply("sorry"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reply(&self, body: impl Into<String>) -> Option<Message> {
        let to = match self.kind {
            MessageType::Error(_) | MessageType::Headline => return None,
            MessageType::Groupchat => Jid::from(self.from.as_ref()?.to_bare()),
            MessageType::Normal | MessageType::Chat => self.from.clone()?,
        };
        let from = match self.ns {
            ContentNamespace::Client => None,
            _ => self.to.clone(),
        };
        Some(Message {
            ns: self.ns,
            from,
            to: Some(to),
            kind: self.kind.clone(),
            bodies: Texts::single(body),
            thread: self.thread.clone(),
            ..Message::default()
        })
    }

    /// The body without `xml:lang`, or else the first one.
    pub fn body(&self) -> Option<&str> {
        self.bodies.default_text()
    }

    /// The subject without `xml:lang`, or else the first one.
    pub fn subject(&self) -> Option<&str> {
        self.subjects.default_text()
    }

    /// The body a reader of `lang` sees: its `xml:lang`, or the message's
    /// for a body without one (RFC 6120 §8.1.5), compared
    /// case-insensitively (RFC 5646 §2.1.1).
    pub fn body_in(&self, lang: &str) -> Option<&str> {
        self.bodies.in_language(lang, self.lang.as_deref())
    }

    /// The subject a reader of `lang` sees, as for [`body_in`](Message::body_in).
    pub fn subject_in(&self, lang: &str) -> Option<&str> {
        self.subjects.in_language(lang, self.lang.as_deref())
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

    /// The error, if the message is of type `error`.
    pub fn error(&self) -> Option<&StanzaError> {
        match &self.kind {
            MessageType::Error(e) => Some(e),
            _ => None,
        }
    }

    /// Parses a `<message/>` element, liberally (see [`Stanza`](crate::Stanza)):
    /// it fails only for an element that is not a message
    /// ([`Error::Mismatch`]); a malformed part is kept as it came and
    /// reported in [`malformed`](Message::malformed).
    pub fn parse(element: &Element) -> Result<Self, Error> {
        if element.name() != "message" {
            return Err(Error::Mismatch(Box::new(element.clone())));
        }
        let common = Common::parse(element, "message")?;
        let stanza_ns = common.ns.as_str();
        let mut message = Message {
            ns: common.ns,
            from: common.from,
            to: common.to,
            id: common.id,
            lang: common.lang,
            attributes: common.attributes,
            malformed: common.malformed,
            ..Message::default()
        };
        let is_error = common.kind.as_deref() == Some("error");
        let mut error = None;
        // Whether a <thread/> came, readable or not: a second one is a duplicate.
        let mut seen_thread = false;
        crate::common::report(parse::no_text(element, "message"), &mut message.malformed);
        for child in element.children() {
            if child.ns() != stanza_ns {
                message.payloads.push_element(child.clone());
                continue;
            }
            let lang = message.lang.as_deref();
            let parsed = match child.name() {
                "body" => message.bodies.add_parsed_in(child, "message", "body", lang),
                "subject" => message.subjects.add_parsed_in(child, "message", "subject", lang),
                // A second <thread/> or <error/> is reported and not kept: kept,
                // it would take the first one's place on the next read.
                "thread" if seen_thread => {
                    message.malformed.push(Error::DuplicateChild { element: "message", child: "thread" });
                    continue;
                }
                "thread" => {
                    seen_thread = true;
                    parse::no_child_elements(child, "thread").map(|()| {
                        let parent = child.attr("parent").map(str::to_owned);
                        message.thread = Some(Thread { id: child.text().into_owned(), parent });
                    })
                }
                "error" if is_error && error.is_some() => {
                    message.malformed.push(Error::DuplicateChild { element: "message", child: "error" });
                    continue;
                }
                "error" if is_error => {
                    error = Some(StanzaError::parse_in(child, lang, &mut message.malformed));
                    Ok(())
                }
                _ => {
                    message.payloads.push_element(child.clone());
                    Ok(())
                }
            };
            if let Err(e) = parsed {
                message.malformed.push(e);
                message.payloads.push_element(child.clone());
            }
        }
        message.kind = match common.kind.as_deref() {
            None | Some("normal") => MessageType::Normal,
            Some("chat") => MessageType::Chat,
            Some("groupchat") => MessageType::Groupchat,
            Some("headline") => MessageType::Headline,
            Some("error") => MessageType::Error(Box::new(
                error.unwrap_or_else(|| crate::common::missing_error("message", &mut message.malformed)),
            )),
            Some(other) => {
                // RFC 6121 §5.2.2: an unknown type means normal; the value is
                // kept so that the message is passed on as it came.
                message.attributes.push(Attribute::new("type", other.to_owned()));
                MessageType::Normal
            }
        };
        Ok(message)
    }

    /// The message as an element.
    pub fn to_element(&self) -> Element {
        let mut e = Head {
            name: "message",
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
        for subject in self.subjects.to_elements("subject", &ns) {
            e.push_child(subject);
        }
        for body in self.bodies.to_elements("body", &ns) {
            e.push_child(body);
        }
        if let Some(thread) = &self.thread {
            e.push_child(
                Element::builder("thread", ns.clone())
                    .attr_opt("parent", thread.parent.clone())
                    .text(&thread.id)
                    .build(),
            );
        }
        for payload in &self.payloads {
            e.push_child(payload.clone());
        }
        if let MessageType::Error(error) = &self.kind {
            e.push_child(error.to_element(self.ns));
        }
        e
    }
}

impl From<&Message> for Element {
    fn from(message: &Message) -> Self {
        message.to_element()
    }
}

impl From<Message> for Element {
    fn from(message: Message) -> Self {
        message.to_element()
    }
}

impl TryFrom<&Element> for Message {
    type Error = Error;
    fn try_from(element: &Element) -> Result<Self, Error> {
        Message::parse(element)
    }
}
