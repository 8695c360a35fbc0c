//! Stanza errors, RFC 6120 §8.3.

use std::fmt;
use std::str::FromStr;

use jabber_jid::Jid;
use jabber_stream::{Attribute, ContentNamespace, Element, Node};

use crate::error::Error;
use crate::ns;
use crate::parse;
use crate::text::Texts;

/// The type of a stanza error (RFC 6120 §8.3.2): what the sender may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorType {
    /// Retry after providing credentials.
    Auth,
    /// Do not retry (the error cannot be remedied).
    Cancel,
    /// Proceed (the condition was only a warning).
    Continue,
    /// Retry after changing the data sent.
    Modify,
    /// Retry after waiting (the error is temporary).
    Wait,
}

impl ErrorType {
    /// The attribute value.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorType::Auth => "auth",
            ErrorType::Cancel => "cancel",
            ErrorType::Continue => "continue",
            ErrorType::Modify => "modify",
            ErrorType::Wait => "wait",
        }
    }
}

impl FromStr for ErrorType {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Ok(match s {
            "auth" => ErrorType::Auth,
            "cancel" => ErrorType::Cancel,
            "continue" => ErrorType::Continue,
            "modify" => ErrorType::Modify,
            "wait" => ErrorType::Wait,
            _ => return Err(()),
        })
    }
}

impl fmt::Display for ErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A defined stanza error condition, RFC 6120 §8.3.3.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DefinedCondition {
    /// §8.3.3.1: the request is malformed.
    BadRequest,
    /// §8.3.3.2: a resource or session with that name already exists.
    Conflict,
    /// §8.3.3.3: the feature is not implemented.
    FeatureNotImplemented,
    /// §8.3.3.4: the requester lacks permission.
    Forbidden,
    /// §8.3.3.5: the recipient is gone for good; maybe a new address (an XMPP URI).
    Gone(Option<String>),
    /// §8.3.3.6: the server failed internally.
    InternalServerError,
    /// §8.3.3.7: the addressed item does not exist.
    ItemNotFound,
    /// §8.3.3.8: an address is malformed.
    JidMalformed,
    /// §8.3.3.9: the request violates the recipient's rules.
    NotAcceptable,
    /// §8.3.3.10: no entity may do this.
    NotAllowed,
    /// §8.3.3.11: authentication is needed first.
    NotAuthorized,
    /// §8.3.3.12: a local policy was violated.
    PolicyViolation,
    /// §8.3.3.13: the recipient is temporarily unavailable.
    RecipientUnavailable,
    /// §8.3.3.14: send to another address (an XMPP URI), temporarily.
    Redirect(Option<String>),
    /// §8.3.3.15: registration is needed first.
    RegistrationRequired,
    /// §8.3.3.16: the remote server does not exist.
    RemoteServerNotFound,
    /// §8.3.3.17: the remote server could not be reached in time.
    RemoteServerTimeout,
    /// §8.3.3.18: the server lacks the resources.
    ResourceConstraint,
    /// §8.3.3.19: the service is not provided.
    ServiceUnavailable,
    /// §8.3.3.20: a subscription is needed first.
    SubscriptionRequired,
    /// §8.3.3.21: another condition (an application condition says more).
    UndefinedCondition,
    /// §8.3.3.22: the request was not expected now.
    UnexpectedRequest,
}

impl DefinedCondition {
    /// The element name of the condition.
    pub fn name(&self) -> &'static str {
        use DefinedCondition::*;
        match self {
            BadRequest => "bad-request",
            Conflict => "conflict",
            FeatureNotImplemented => "feature-not-implemented",
            Forbidden => "forbidden",
            Gone(_) => "gone",
            InternalServerError => "internal-server-error",
            ItemNotFound => "item-not-found",
            JidMalformed => "jid-malformed",
            NotAcceptable => "not-acceptable",
            NotAllowed => "not-allowed",
            NotAuthorized => "not-authorized",
            PolicyViolation => "policy-violation",
            RecipientUnavailable => "recipient-unavailable",
            Redirect(_) => "redirect",
            RegistrationRequired => "registration-required",
            RemoteServerNotFound => "remote-server-not-found",
            RemoteServerTimeout => "remote-server-timeout",
            ResourceConstraint => "resource-constraint",
            ServiceUnavailable => "service-unavailable",
            SubscriptionRequired => "subscription-required",
            UndefinedCondition => "undefined-condition",
            UnexpectedRequest => "unexpected-request",
        }
    }

    /// The error type RFC 6120 §8.3.3 gives for the condition in its
    /// description and examples.
    pub fn default_type(&self) -> ErrorType {
        use DefinedCondition::*;
        match self {
            BadRequest | JidMalformed | NotAcceptable | PolicyViolation | Redirect(_) => ErrorType::Modify,
            Forbidden | NotAuthorized | RegistrationRequired | SubscriptionRequired => ErrorType::Auth,
            RecipientUnavailable | RemoteServerTimeout | ResourceConstraint | UnexpectedRequest => ErrorType::Wait,
            Conflict
            | FeatureNotImplemented
            | Gone(_)
            | InternalServerError
            | ItemNotFound
            | NotAllowed
            | RemoteServerNotFound
            | ServiceUnavailable
            | UndefinedCondition => ErrorType::Cancel,
        }
    }

    /// The condition named by `e` (in the stanzas namespace), with its
    /// content checked: `None` if the name is not one of RFC 6120 §8.3.3.
    fn from_element(e: &Element) -> Option<Result<Self, Error>> {
        use DefinedCondition::*;
        let uri = || {
            let t = e.text();
            let t = t.trim();
            (!t.is_empty()).then(|| t.to_owned())
        };
        let condition = match e.name() {
            "bad-request" => BadRequest,
            "conflict" => Conflict,
            "feature-not-implemented" => FeatureNotImplemented,
            "forbidden" => Forbidden,
            "gone" => return Some(Ok(Gone(uri()))),
            "internal-server-error" => InternalServerError,
            "item-not-found" => ItemNotFound,
            "jid-malformed" => JidMalformed,
            "not-acceptable" => NotAcceptable,
            "not-allowed" => NotAllowed,
            "not-authorized" => NotAuthorized,
            "policy-violation" => PolicyViolation,
            "recipient-unavailable" => RecipientUnavailable,
            "redirect" => return Some(Ok(Redirect(uri()))),
            "registration-required" => RegistrationRequired,
            "remote-server-not-found" => RemoteServerNotFound,
            "remote-server-timeout" => RemoteServerTimeout,
            "resource-constraint" => ResourceConstraint,
            "service-unavailable" => ServiceUnavailable,
            "subscription-required" => SubscriptionRequired,
            "undefined-condition" => UndefinedCondition,
            "unexpected-request" => UnexpectedRequest,
            _ => return None,
        };
        Some(parse::no_children(e, condition.name()).map(|()| condition))
    }

    /// The condition and type that XEP-0086 (Error Condition Mappings) §3
    /// gives for a legacy (Jabber, pre-RFC 3920) error `code`.
    pub fn from_legacy_code(code: u16) -> Option<(DefinedCondition, ErrorType)> {
        use DefinedCondition::*;
        use ErrorType::*;
        Some(match code {
            302 => (Redirect(None), Modify),
            400 => (BadRequest, Modify),
            401 => (NotAuthorized, Auth),
            // 402 was payment-required, which RFC 6120 dropped.
            402 => (UndefinedCondition, Auth),
            403 => (Forbidden, Auth),
            404 => (ItemNotFound, Cancel),
            405 => (NotAllowed, Cancel),
            406 => (NotAcceptable, Modify),
            407 => (RegistrationRequired, Auth),
            408 => (RemoteServerTimeout, Wait),
            409 => (Conflict, Cancel),
            500 => (InternalServerError, Wait),
            501 => (FeatureNotImplemented, Cancel),
            502 => (ServiceUnavailable, Wait),
            503 => (ServiceUnavailable, Cancel),
            504 => (RemoteServerTimeout, Wait),
            510 => (ServiceUnavailable, Cancel),
            _ => return None,
        })
    }

    fn to_element(&self) -> Element {
        let mut e = Element::new(self.name(), ns::STANZAS);
        if let DefinedCondition::Gone(Some(uri)) | DefinedCondition::Redirect(Some(uri)) = self {
            e.push_text(uri);
        }
        e
    }
}

impl fmt::Display for DefinedCondition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The `<error/>` child of a stanza of type `error`, RFC 6120 §8.3.
///
/// ```
/// use jabber_stanza::{DefinedCondition, ErrorType, StanzaError};
/// let error = StanzaError::new(DefinedCondition::ServiceUnavailable).with_text(Some("en"), "No PVR here");
/// assert_eq!(error.kind, ErrorType::Cancel);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StanzaError {
    /// `type`.
    pub kind: ErrorType,
    /// The defined condition.
    pub condition: DefinedCondition,
    /// `by`: the entity that returned the error, if not the recipient.
    pub by: Option<Jid>,
    /// `<text/>`: descriptions for humans, per language.
    pub texts: Texts,
    /// An application-specific condition element (RFC 6120 §8.3.4).
    pub app_condition: Option<Box<Element>>,
    /// Other attributes (e.g. the legacy `code` of XEP-0086), kept.
    pub attributes: Vec<Attribute>,
}

impl StanzaError {
    /// An error with the condition's usual type.
    pub fn new(condition: DefinedCondition) -> Self {
        StanzaError {
            kind: condition.default_type(),
            condition,
            by: None,
            texts: Texts::new(),
            app_condition: None,
            attributes: Vec::new(),
        }
    }

    /// Sets the type.
    pub fn with_type(mut self, kind: ErrorType) -> Self {
        self.kind = kind;
        self
    }

    /// Adds a text.
    pub fn with_text(mut self, lang: Option<&str>, text: impl Into<String>) -> Self {
        self.texts.set(lang, text);
        self
    }

    /// Sets the application condition.
    pub fn with_app_condition(mut self, element: Element) -> Self {
        self.app_condition = Some(Box::new(element));
        self
    }

    /// Parses `<error/>` (in the stanza's namespace, which the caller
    /// checked) strictly: the first problem that
    /// [`parse_lenient`](StanzaError::parse_lenient) would report is the error.
    pub fn parse(e: &Element) -> Result<Self, Error> {
        let (error, malformed) = Self::parse_lenient(e);
        match malformed.into_iter().next() {
            Some(first) => Err(first),
            None => Ok(error),
        }
    }

    /// Reads an `<error/>` element the way it is received: whatever it
    /// holds, a [`StanzaError`] comes out, with what was malformed beside
    /// it (RFC 6120 §8.3.2 asks for a `type` and exactly one condition).
    ///
    /// - A missing or unknown `type`, or a missing, unknown or duplicate
    ///   condition, is taken from the legacy `code` attribute where there
    ///   is one (XEP-0086 §3; `code` is kept in
    ///   [`attributes`](StanzaError::attributes)), and otherwise is the
    ///   condition's default type and `undefined-condition`.
    /// - Legacy character data directly inside `<error/>` (`<error
    ///   code='404'>Not Found</error>`) becomes a text without `xml:lang`,
    ///   if there is no such `<text/>` already.
    /// - A text in a language already seen, a second condition or
    ///   application condition, an unknown condition's name: dropped from
    ///   the model and reported. A `by` that is not a JID is reported, and
    ///   kept among the [`attributes`](StanzaError::attributes).
    ///
    /// Each of those is reported in the returned list; an error element
    /// that follows RFC 6120 gives an empty one.
    pub fn parse_lenient(e: &Element) -> (Self, Vec<Error>) {
        let mut malformed = Vec::new();
        let error = Self::parse_in(e, None, &mut malformed);
        (error, malformed)
    }

    /// [`parse_lenient`](StanzaError::parse_lenient) inside a stanza whose
    /// language is `stanza_lang` (inherited by texts without `xml:lang`),
    /// reporting into `malformed`.
    pub(crate) fn parse_in(e: &Element, stanza_lang: Option<&str>, malformed: &mut Vec<Error>) -> Self {
        let legacy =
            e.attr("code").and_then(|c| c.trim().parse::<u16>().ok()).and_then(DefinedCondition::from_legacy_code);
        let kind = match e.attr("type").map(|t| (t, t.parse::<ErrorType>())) {
            Some((_, Ok(kind))) => Some(kind),
            Some((value, Err(()))) => {
                malformed.push(Error::InvalidAttribute { element: "error", attribute: "type", value: value.into() });
                None
            }
            None => {
                malformed.push(Error::MissingAttribute { element: "error", attribute: "type" });
                None
            }
        };
        let by = parse::optional_jid(e, "error", "by").unwrap_or_else(|error| {
            malformed.push(error);
            None
        });
        let mut condition = None;
        let mut texts = Texts::new();
        let mut legacy_text = String::new();
        let mut app_condition = None;
        for node in e.nodes() {
            let child = match node {
                Node::Text(text) => {
                    legacy_text.push_str(text);
                    continue;
                }
                Node::Element(child) => child,
            };
            if child.ns() == ns::STANZAS {
                if child.name() == "text" {
                    if let Err(error) = texts.add_parsed_in(child, "error", "text", e.lang().or(stanza_lang)) {
                        malformed.push(error);
                    }
                    continue;
                }
                match DefinedCondition::from_element(child) {
                    Some(Ok(c)) if condition.is_none() => condition = Some(c),
                    Some(Ok(_)) => malformed.push(Error::DuplicateChild { element: "error", child: "condition" }),
                    Some(Err(error)) => malformed.push(error),
                    None => malformed.push(parse::unexpected("error", child)),
                }
            } else if app_condition.is_some() {
                malformed.push(parse::unexpected("error", child));
            } else {
                app_condition = Some(Box::new(child.clone()));
            }
        }
        let legacy_text = legacy_text.trim();
        if !legacy_text.is_empty() {
            malformed.push(Error::InvalidText { element: "error", text: legacy_text.into() });
            if texts.get(None).is_none() {
                texts.set(None, legacy_text);
            }
        }
        let condition = condition.unwrap_or_else(|| {
            malformed.push(Error::MissingChild { element: "error", child: "condition" });
            legacy.clone().map_or(DefinedCondition::UndefinedCondition, |(c, _)| c)
        });
        let kind = kind.unwrap_or_else(|| legacy.map_or_else(|| condition.default_type(), |(_, t)| t));
        // `type` is written from `kind`; a `by` that is not a JID stays as it came.
        let attributes = e
            .attrs()
            .iter()
            .filter(|a| !(a.ns().is_none() && (a.name() == "type" || (a.name() == "by" && by.is_some()))))
            .cloned()
            .collect();
        StanzaError { kind, condition, by, texts, app_condition, attributes }
    }

    /// `<error/>` in the namespace `stanza_ns` of the stanza that carries it.
    pub fn to_element(&self, stanza_ns: ContentNamespace) -> Element {
        let mut e = Element::new("error", stanza_ns.as_str());
        for a in &self.attributes {
            e.set_attribute(a.clone());
        }
        e.set_attr("type", self.kind.as_str());
        if let Some(by) = &self.by {
            e.set_attr("by", by.to_string());
        }
        e.push_child(self.condition.to_element());
        let stanzas = jabber_stream::XmlStr::from(ns::STANZAS);
        for text in self.texts.to_elements("text", &stanzas) {
            e.push_child(text);
        }
        if let Some(app) = &self.app_condition {
            e.push_node(Node::Element(Element::clone(app)));
        }
        e
    }
}

impl fmt::Display for StanzaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.condition, self.kind)?;
        if let Some(text) = self.texts.default_text() {
            write!(f, ": {text}")?;
        }
        Ok(())
    }
}

impl std::error::Error for StanzaError {}
