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
    /// `<text/>`: descriptions for humans, per language.
    pub texts: Texts,
    /// An application-specific condition element (RFC 6120 §4.9.4).
    pub app_condition: Option<Element>,
}

impl StreamError {
    /// An error with only a condition.
    pub fn new(condition: Condition) -> Self {
        StreamError { condition, other_host: None, texts: Texts::new(), app_condition: None }
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

    /// Parses `<stream:error/>`.
    pub fn parse(e: &Element) -> Result<Self, Error> {
        if !e.is("error", ns::STREAM) {
            return Err(Error::Mismatch(Box::new(e.clone())));
        }
        parse::no_text(e, "error")?;
        let mut condition = None;
        let mut other_host = None;
        let mut texts = Texts::new();
        let mut app_condition = None;
        for child in e.children() {
            if child.ns() == ns::STREAMS {
                if child.name() == "text" {
                    texts.add_parsed(child, "error", "text")?;
                    continue;
                }
                if condition.is_some() {
                    return Err(Error::DuplicateChild { element: "error", child: "condition" });
                }
                let c: Condition = child.name().parse().map_err(|_| parse::unexpected("error", child))?;
                parse::no_child_elements(child, "condition")?;
                let text = child.text();
                let text = text.trim();
                match (c, text.is_empty()) {
                    (Condition::SeeOtherHost, false) => other_host = Some(text.to_owned()),
                    (Condition::SeeOtherHost, true) => {
                        return Err(Error::InvalidText { element: "see-other-host", text: String::new() });
                    }
                    (_, true) => {}
                    (_, false) => {
                        return Err(Error::InvalidText { element: "condition", text: text.to_owned() });
                    }
                }
                condition = Some(c);
            } else if app_condition.is_some() {
                return Err(parse::unexpected("error", child));
            } else {
                app_condition = Some(child.clone());
            }
        }
        Ok(StreamError {
            condition: condition.ok_or(Error::MissingChild { element: "error", child: "condition" })?,
            other_host,
            texts,
            app_condition,
        })
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
