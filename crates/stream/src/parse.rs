//! Parsing one element from a string or bytes.

use std::str::FromStr;

use crate::decoder::{StreamDecoder, StreamEvent};
use crate::element::Element;
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;

impl Element {
    /// Parses exactly one element (optionally surrounded by whitespace) with
    /// the strictness of the stream parser and the default [`Limits`].
    ///
    /// No namespace is in scope: an element without `xmlns` is in no
    /// namespace, and a prefix must be declared. (Spec examples that rely on
    /// the stream's `jabber:client` default namespace parse with
    /// [`StreamParser::fragment`](crate::StreamParser::fragment).)
    pub fn from_bytes(input: &[u8]) -> Result<Element, Error> {
        Self::from_bytes_with_limits(input, Limits::default())
    }

    /// Like [`from_bytes`](Element::from_bytes), with limits.
    pub fn from_bytes_with_limits(input: &[u8], limits: Limits) -> Result<Element, Error> {
        let mut decoder = StreamDecoder::bare_fragment(limits);
        let mut pos = 0;
        let mut found = None;
        loop {
            let (consumed, event) = decoder.decode_slice(&input[pos..])?;
            pos += consumed;
            match event {
                Some(StreamEvent::Element(element)) => {
                    if found.is_some() {
                        let at = decoder.last_event_range().start;
                        return Err(Error::new(ErrorKind::NotOneElement, at));
                    }
                    found = Some(element);
                }
                Some(_) => unreachable!("a fragment has no header or close"),
                None if pos == input.len() => break,
                None => return Err(Error::new(ErrorKind::UnexpectedEof, input.len() as u64)),
            }
        }
        found.ok_or_else(|| Error::new(ErrorKind::NotOneElement, input.len() as u64))
    }
}

impl FromStr for Element {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Element::from_bytes(s.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_element_exactly() {
        let e: Element = "  <a xmlns='urn:a'><b/></a>\n".parse().unwrap();
        assert!(e.is("a", "urn:a"));
        assert!("<a/>".parse::<Element>().unwrap().is("a", ""));
        let kind = |s: &str| s.parse::<Element>().unwrap_err().kind().clone();
        assert_eq!(kind(""), ErrorKind::NotOneElement);
        assert_eq!(kind("<a/><b/>"), ErrorKind::NotOneElement);
        assert_eq!(kind("<a>"), ErrorKind::UnexpectedEof);
        assert_eq!(kind("<a/>x"), ErrorKind::TextAtStreamLevel);
        assert_eq!(kind("<p:a/>"), ErrorKind::UnboundPrefix("p".into()));
        assert_eq!(kind("<?xml version='1.0'?><a/>"), ErrorKind::ProcessingInstruction);
    }
}
