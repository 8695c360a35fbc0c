//! The `<iq/>` stanza, RFC 6120 §8.2.3: request and response.

use jabber_jid::Jid;
use jabber_stream::{Attribute, ContentNamespace, Element};

use crate::common::{Common, Head};
use crate::error::Error;
use crate::parse;
use crate::payload::{IqGetPayload, IqResultPayload, IqSetPayload, Payload};
use crate::stanza_error::StanzaError;

/// What an iq is, with what it carries (RFC 6120 §8.2.3): a `get` or `set`
/// carries exactly one payload, a `result` zero or one, an `error` the
/// error and optionally the request's payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IqKind {
    /// `get`: a query.
    Get(Element),
    /// `set`: a command.
    Set(Element),
    /// `result`: the answer.
    Result(Option<Element>),
    /// `error`: the request failed.
    Error {
        /// The error.
        error: Box<StanzaError>,
        /// The request's payload, if the responder echoed it.
        request: Option<Element>,
    },
}

impl IqKind {
    /// The attribute value.
    pub fn as_str(&self) -> &'static str {
        match self {
            IqKind::Get(_) => "get",
            IqKind::Set(_) => "set",
            IqKind::Result(_) => "result",
            IqKind::Error { .. } => "error",
        }
    }

    /// Whether this is a request (`get` or `set`), which must be answered.
    pub fn is_request(&self) -> bool {
        matches!(self, IqKind::Get(_) | IqKind::Set(_))
    }
}

/// An iq stanza: request and response, like HTTP.
///
/// The payload is kept as an element and parsed on request with
/// [`Iq::payload`]; typed constructors ([`Iq::get`], [`Iq::set`],
/// [`Iq::result`]) accept only payloads marked for that iq type.
///
/// ```
/// use jabber_stanza::{Iq, IqKind};
/// let iq: Iq = Iq::parse(&"<iq xmlns='jabber:client' type='get' id='r1'>\
///     <query xmlns='jabber:iq:roster'/></iq>".parse()?)?;
/// assert!(matches!(&iq.kind, IqKind::Get(q) if q.is("query", "jabber:iq:roster")));
/// let reply = iq.reply_empty_result();
/// assert_eq!(reply.id, "r1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iq {
    /// The content namespace the stanza is in (`jabber:client` by default).
    pub ns: ContentNamespace,
    /// `from`.
    pub from: Option<Jid>,
    /// `to`.
    pub to: Option<Jid>,
    /// `id`, required and not empty: it pairs a response with its request.
    pub id: String,
    /// `xml:lang`.
    pub lang: Option<String>,
    /// `type`, with the payload.
    pub kind: IqKind,
    /// Attributes not modelled above, kept.
    pub attributes: Vec<Attribute>,
    /// What was malformed in the received iq, kept as it came where it can
    /// be: an address that is not a JID stays in
    /// [`attributes`](Iq::attributes); an error response without
    /// `<error/>` (sent by some servers) is still an error response, with
    /// `undefined-condition`; see [`Stanza`](crate::Stanza) for the rule.
    /// Empty for a valid iq and for one built here.
    pub malformed: Vec<Error>,
}

impl Iq {
    fn with_kind(id: impl Into<String>, kind: IqKind) -> Self {
        Iq {
            ns: ContentNamespace::Client,
            from: None,
            to: None,
            id: id.into(),
            lang: None,
            kind,
            attributes: Vec::new(),
            malformed: Vec::new(),
        }
    }

    /// A `get` carrying `payload`.
    pub fn get<P: IqGetPayload>(id: impl Into<String>, payload: &P) -> Self {
        Self::with_kind(id, IqKind::Get(payload.to_element()))
    }

    /// A `set` carrying `payload`.
    pub fn set<P: IqSetPayload>(id: impl Into<String>, payload: &P) -> Self {
        Self::with_kind(id, IqKind::Set(payload.to_element()))
    }

    /// A `result` carrying `payload`.
    pub fn result<P: IqResultPayload>(id: impl Into<String>, payload: &P) -> Self {
        Self::with_kind(id, IqKind::Result(Some(payload.to_element())))
    }

    /// A `result` carrying nothing.
    pub fn empty_result(id: impl Into<String>) -> Self {
        Self::with_kind(id, IqKind::Result(None))
    }

    /// Sets `to`.
    pub fn with_to(mut self, to: Jid) -> Self {
        self.to = Some(to);
        self
    }

    /// Sets `from`.
    pub fn with_from(mut self, from: Jid) -> Self {
        self.from = Some(from);
        self
    }

    /// The payload (of any type) as an element: the request's, the
    /// result's, or the request echoed in an error.
    pub fn payload_element(&self) -> Option<&Element> {
        match &self.kind {
            IqKind::Get(e) | IqKind::Set(e) => Some(e),
            IqKind::Result(e) => e.as_ref(),
            IqKind::Error { request, .. } => request.as_ref(),
        }
    }

    /// The payload parsed as `P`; `None` if there is none or it is not a `P`.
    pub fn payload<P: Payload>(&self) -> Option<Result<P, Error>> {
        self.payload_element().and_then(P::try_parse)
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

    /// The error, if the iq is of type `error`.
    pub fn error(&self) -> Option<&StanzaError> {
        match &self.kind {
            IqKind::Error { error, .. } => Some(error),
            _ => None,
        }
    }

    fn reply(&self, kind: IqKind) -> Iq {
        Iq {
            ns: self.ns,
            from: self.to.clone(),
            to: self.from.clone(),
            id: self.id.clone(),
            lang: None,
            kind,
            attributes: Vec::new(),
            malformed: Vec::new(),
        }
    }

    /// The `result` answering this request, carrying `payload` (RFC 6120
    /// §8.2.3: a request is answered with a result or an error of the same
    /// `id`). As for every reply here: the same `id` and namespace, `to` the
    /// request's `from` and `from` its `to` (each left out when the request
    /// had none: in `jabber:client` the server fills them, RFC 6120
    /// §8.1.2.1), no `xml:lang`.
    ///
    /// For a request (`get` or `set`) only: a response is never answered
    /// (RFC 6120 §8.2.3). Unlike [`reply_error`](Iq::reply_error) this does
    /// not check it and always builds the result; check
    /// [`IqKind::is_request`] first when the iq may be a response.
    ///
    /// ```
    /// use jabber_stanza::{Iq, RosterItem, RosterQuery};
    /// // RFC 6121 §2.1.3 (roster get) and §2.1.4 (roster result). The RFC's
    /// // result goes to `/chamber`, a slip: the get came from `/balcony`.
    /// let get = Iq::parse(&"<iq xmlns='jabber:client' from='juliet@example.com/balcony' \
    ///     id='bv1bs71f' type='get'><query xmlns='jabber:iq:roster'/></iq>".parse()?)?;
    /// let mut roster = RosterQuery::get(Some("ver7".into()));
    /// roster.items.push(RosterItem::new("nurse@example.com".parse()?));
    /// roster.items.push(RosterItem::new("romeo@example.net".parse()?));
    /// assert_eq!(get.reply_result(&roster).to_element().to_string(), "<iq xmlns='jabber:client' \
    ///     to='juliet@example.com/balcony' id='bv1bs71f' type='result'>\
    ///     <query xmlns='jabber:iq:roster' ver='ver7'><item jid='nurse@example.com'/>\
    ///     <item jid='romeo@example.net'/></query></iq>");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reply_result<P: IqResultPayload>(&self, payload: &P) -> Iq {
        self.reply(IqKind::Result(Some(payload.to_element())))
    }

    /// The empty `result` answering this request (RFC 6120 §8.2.3), with
    /// the addressing of [`reply_result`](Iq::reply_result), and the same
    /// precondition: for a request only, not checked here.
    ///
    /// ```
    /// use jabber_stanza::Iq;
    /// // RFC 6121 §2.1.6 (Example of a roster push and its acknowledgement).
    /// let push = Iq::parse(&"<iq xmlns='jabber:client' id='a78b4q6ha463' \
    ///     to='juliet@example.com/chamber' type='set'><query xmlns='jabber:iq:roster'>\
    ///     <item jid='nurse@example.com'/></query></iq>".parse()?)?;
    /// assert_eq!(push.reply_empty_result().to_element().to_string(),
    ///     "<iq xmlns='jabber:client' from='juliet@example.com/chamber' id='a78b4q6ha463' type='result'/>");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reply_empty_result(&self) -> Iq {
        self.reply(IqKind::Result(None))
    }

    /// The `error` answering this request (RFC 6120 §8.3.1, §8.2.3), with
    /// the addressing of [`reply_result`](Iq::reply_result), echoing the
    /// request's payload (RFC 6120 §8.3.1 lets the error include the
    /// original XML, and a requester that sent several requests in one
    /// namespace learns which one failed). `None` if this iq is not a
    /// request: responses are never answered, least of all with errors.
    ///
    /// ```
    /// use jabber_stanza::{DefinedCondition, Iq, StanzaError};
    /// // RFC 6120 §8.3.3.3 (feature-not-implemented), without the
    /// // application-specific condition.
    /// let request = Iq::parse(&"<iq xmlns='jabber:client' from='juliet@im.example.com/balcony' \
    ///     id='9u2bax16' to='pubsub.example.com' type='get'>\
    ///     <pubsub xmlns='http://jabber.org/protocol/pubsub'><subscriptions/></pubsub></iq>".parse()?)?;
    /// let error = request.reply_error(StanzaError::new(DefinedCondition::FeatureNotImplemented)).unwrap();
    /// assert_eq!(error.to_element().to_string(), "<iq xmlns='jabber:client' from='pubsub.example.com' \
    ///     to='juliet@im.example.com/balcony' id='9u2bax16' type='error'>\
    ///     <pubsub xmlns='http://jabber.org/protocol/pubsub'><subscriptions/></pubsub>\
    ///     <error type='cancel'><feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>\
    ///     </error></iq>");
    /// // A response is not answered.
    /// assert_eq!(error.reply_error(StanzaError::new(DefinedCondition::BadRequest)), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reply_error(&self, error: StanzaError) -> Option<Iq> {
        match &self.kind {
            IqKind::Get(request) | IqKind::Set(request) => {
                Some(self.reply(IqKind::Error { error: Box::new(error), request: Some(request.clone()) }))
            }
            _ => None,
        }
    }

    /// Parses an `<iq/>` element, liberally (see [`Stanza`](crate::Stanza)).
    ///
    /// It fails when the iq cannot be identified: not an iq
    /// ([`Error::Mismatch`]), no or an empty `id`, no or an unknown `type`
    /// (RFC 6120 §8.2.3), a `get` or `set` without exactly one payload
    /// ([`Error::IqPayloadCount`]: such a request is answered, not
    /// executed); the caller answers those with `bad-request`
    /// ([`Stanza::error_reply_to`](crate::Stanza::error_reply_to)).
    /// Everything else malformed is reported in [`malformed`](Iq::malformed):
    /// a result's payload beyond the first (not kept), a second `<error/>`.
    pub fn parse(element: &Element) -> Result<Self, Error> {
        if element.name() != "iq" {
            return Err(Error::Mismatch(Box::new(element.clone())));
        }
        let common = Common::parse(element, "iq")?;
        let mut malformed = common.malformed;
        let id = match common.id {
            Some(id) if !id.is_empty() => id,
            Some(_) => {
                return Err(Error::InvalidAttribute { element: "iq", attribute: "id", value: String::new() });
            }
            None => {
                return Err(Error::MissingAttribute { element: "iq", attribute: "id" });
            }
        };
        crate::common::report(parse::no_text(element, "iq"), &mut malformed);
        let stanza_ns = common.ns.as_str();
        let kind_str = common.kind.as_deref().ok_or(Error::MissingAttribute { element: "iq", attribute: "type" })?;
        let kind = match kind_str {
            "get" | "set" => {
                // RFC 6120 §8.2.3: a request carries exactly one payload; one
                // that does not is answered with bad-request, not executed.
                let count = element.children().count();
                let kind = if kind_str == "get" { "get" } else { "set" };
                match (element.children().next(), count) {
                    (Some(payload), 1) if kind == "get" => IqKind::Get(payload.clone()),
                    (Some(payload), 1) => IqKind::Set(payload.clone()),
                    _ => return Err(Error::IqPayloadCount { kind, count }),
                }
            }
            "result" => {
                // A result carries at most one payload; a further one is
                // reported (and not kept): the result still answers its
                // request.
                let mut children = element.children();
                let payload = children.next().cloned();
                let extra = children.count();
                if extra > 0 {
                    malformed.push(Error::IqPayloadCount { kind: "result", count: extra + 1 });
                }
                IqKind::Result(payload)
            }
            "error" => {
                let mut error = None;
                let mut request = None;
                for child in element.children() {
                    if child.is("error", stanza_ns) {
                        match error {
                            None => error = Some(StanzaError::parse_in(child, common.lang.as_deref(), &mut malformed)),
                            Some(_) => malformed.push(Error::DuplicateChild { element: "iq", child: "error" }),
                        }
                    } else if request.is_none() {
                        request = Some(child.clone());
                    } else {
                        // RFC 6120 §8.2.3: at most the request besides <error/>.
                        malformed.push(parse::unexpected("iq", child));
                    }
                }
                let error = error.unwrap_or_else(|| crate::common::missing_error("iq", &mut malformed));
                IqKind::Error { error: Box::new(error), request }
            }
            other => {
                return Err(Error::InvalidAttribute { element: "iq", attribute: "type", value: other.into() });
            }
        };
        Ok(Iq {
            ns: common.ns,
            from: common.from,
            to: common.to,
            id,
            lang: common.lang,
            kind,
            attributes: common.attributes,
            malformed,
        })
    }

    /// The iq as an element.
    pub fn to_element(&self) -> Element {
        let mut e = Head {
            name: "iq",
            ns: self.ns,
            attributes: &self.attributes,
            from: &self.from,
            to: &self.to,
            id: Some(&self.id),
            kind: Some(self.kind.as_str()),
            lang: &self.lang,
        }
        .element();
        match &self.kind {
            IqKind::Get(p) | IqKind::Set(p) => {
                e.push_child(p.clone());
            }
            IqKind::Result(p) => {
                if let Some(p) = p {
                    e.push_child(p.clone());
                }
            }
            IqKind::Error { error, request } => {
                if let Some(p) = request {
                    e.push_child(p.clone());
                }
                e.push_child(error.to_element(self.ns));
            }
        }
        e
    }
}

impl From<&Iq> for Element {
    fn from(iq: &Iq) -> Self {
        iq.to_element()
    }
}

impl From<Iq> for Element {
    fn from(iq: Iq) -> Self {
        iq.to_element()
    }
}

impl TryFrom<&Element> for Iq {
    type Error = Error;
    fn try_from(element: &Element) -> Result<Self, Error> {
        Iq::parse(element)
    }
}
