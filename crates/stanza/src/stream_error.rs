//! Stream errors, RFC 6120 §4.9: `<stream:error/>`.

use std::fmt;

use jabber_stream::{Condition, Element, XmlStr};

use crate::error::Error;
use crate::ns;
use crate::parse;
use crate::text::Texts;

/// A stream error: the last element of a stream before it is closed.
///
/// The defined conditions are [`jabber_stream::Condition`] (shared with the
/// stream parser, whose every error maps to one, see
/// [`StreamError::from_parse_error`]).
///
/// ```
/// use jabber_stanza::StreamError;
/// use jabber_stream::Condition;
/// let e = StreamError::see_other_host("[2001:db8::25]:5222");
/// assert_eq!(e.condition, Condition::SeeOtherHost);
/// assert_eq!(StreamError::parse(&e.to_element())?, e);
/// # Ok::<(), jabber_stanza::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamError {
    /// The defined condition (RFC 6120 §4.9.3).
    pub condition: Condition,
    /// For `see-other-host` only: the host (and port) to connect to instead
    /// (RFC 6120 §4.9.3.19). Parsing requires it for that condition and
    /// refuses it for others; serialization writes it for that condition.
    pub other_host: Option<String>,
    /// `<text/>`: descriptions for humans, per language; a text without
    /// `xml:lang` is in the stream's language (`StreamHeader::lang`, to pass
    /// to [`Texts::in_language`]).
    pub texts: Texts,
    /// An application-specific condition element (RFC 6120 §4.9.4).
    pub app_condition: Option<Element>,
    /// The condition element's name as received, when it is not RFC
    /// 6120's name for [`condition`](StreamError::condition): the RFC 3920
    /// spelling `xml-not-well-formed` (`condition` is then
    /// `not-well-formed`, RFC 6120 §4.9.3.13), or a name RFC 6120 does not
    /// define, such as RFC 3920's `invalid-id` (`condition` is then
    /// `undefined-condition`). For reading only: serialization writes RFC
    /// 6120's name of `condition`. `None` for errors built here.
    pub received_name: Option<String>,
    /// What was malformed in the received error (no condition, two
    /// conditions, a second text in one language, ...); the error is still
    /// the peer's stream error. Empty for a valid one and for one built here.
    pub malformed: Vec<Error>,
}

/// The RFC 6120 condition for a condition name of RFC 3920 that RFC 6120
/// renamed (RFC 6120 §4.9.3.13, Appendix D).
fn legacy_condition(name: &str) -> Option<Condition> {
    match name {
        "xml-not-well-formed" => Some(Condition::NotWellFormed),
        _ => None,
    }
}

impl StreamError {
    /// An error with only a condition.
    pub fn new(condition: Condition) -> Self {
        StreamError {
            condition,
            other_host: None,
            texts: Texts::new(),
            app_condition: None,
            received_name: None,
            malformed: Vec::new(),
        }
    }

    /// `see-other-host` with the address to use instead.
    pub fn see_other_host(address: impl Into<String>) -> Self {
        StreamError { other_host: Some(address.into()), ..StreamError::new(Condition::SeeOtherHost) }
    }

    /// Adds a text.
    pub fn with_text(mut self, lang: Option<&str>, text: impl Into<String>) -> Self {
        self.texts.set(lang, text);
        self
    }

    /// The stream error that answers an error of the stream parser: its
    /// condition, and its description (with the byte offset) as text.
    pub fn from_parse_error(error: &jabber_stream::Error) -> Self {
        StreamError::new(error.condition()).with_text(Some("en"), error.to_string())
    }

    /// Parses `<stream:error/>` as received: whatever it holds, it is the
    /// peer's stream error (RFC 6120 §4.9). It fails only for another
    /// element ([`Error::Mismatch`]). A legacy or unknown condition name is
    /// mapped and kept in [`received_name`](StreamError::received_name); a
    /// missing condition is `undefined-condition`; everything malformed is
    /// reported in [`malformed`](StreamError::malformed).
    pub fn parse(e: &Element) -> Result<Self, Error> {
        if !e.is("error", ns::STREAM) {
            return Err(Error::Mismatch(Box::new(e.clone())));
        }
        let mut error = StreamError::new(Condition::UndefinedCondition);
        let mut condition = None;
        if let Err(m) = parse::no_text(e, "error") {
            error.malformed.push(m);
        }
        for child in e.children() {
            if child.ns() != ns::STREAMS {
                if error.app_condition.is_some() {
                    error.malformed.push(parse::unexpected("error", child));
                } else {
                    error.app_condition = Some(child.clone());
                }
                continue;
            }
            if child.name() == "text" {
                if let Err(m) = error.texts.add_parsed(child, "error", "text") {
                    error.malformed.push(m);
                }
                continue;
            }
            if condition.is_some() {
                error.malformed.push(Error::DuplicateChild { element: "error", child: "condition" });
                continue;
            }
            let name = child.name();
            let c = match name.parse::<Condition>().ok().or_else(|| legacy_condition(name)) {
                Some(c) => {
                    if c.as_str() != name {
                        error.received_name = Some(name.to_owned());
                    }
                    c
                }
                None => {
                    error.received_name = Some(name.to_owned());
                    Condition::UndefinedCondition
                }
            };
            condition = Some(c);
            if let Some(grandchild) = child.children().next() {
                error.malformed.push(parse::unexpected("condition", grandchild));
            }
            let text = child.text();
            let text = text.trim();
            match (c, text.is_empty()) {
                (Condition::SeeOtherHost, false) => error.other_host = Some(text.to_owned()),
                (Condition::SeeOtherHost, true) => {
                    error.malformed.push(Error::InvalidText { element: "see-other-host", text: String::new() });
                }
                (_, true) => {}
                (_, false) => {
                    error.malformed.push(Error::InvalidText { element: "condition", text: text.to_owned() });
                }
            }
        }
        match condition {
            Some(c) => error.condition = c,
            None => error.malformed.push(Error::MissingChild { element: "error", child: "condition" }),
        }
        Ok(error)
    }

    /// The `<stream:error/>` element.
    pub fn to_element(&self) -> Element {
        let mut condition = Element::new(self.condition.as_str(), ns::STREAMS);
        if let (Condition::SeeOtherHost, Some(host)) = (self.condition, &self.other_host) {
            condition.push_text(host);
        }
        let streams = XmlStr::from(ns::STREAMS);
        let mut e = Element::builder("error", ns::STREAM)
            .child(condition)
            .children(self.texts.to_elements("text", &streams))
            .build();
        if let Some(app) = &self.app_condition {
            e.push_child(app.clone());
        }
        e
    }
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.condition)?;
        if let Some(host) = &self.other_host {
            write!(f, " ({host})")?;
        }
        if let Some(text) = self.texts.default_text() {
            write!(f, ": {text}")?;
        }
        Ok(())
    }
}

impl std::error::Error for StreamError {}
