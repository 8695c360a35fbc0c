//! Small helpers for writing [`Payload`](crate::Payload) parsers: each
//! returns the crate's typed [`Error`] naming the element at fault.

use std::str::FromStr;

use jabber_jid::Jid;
use jabber_stream::{Element, Node};

use crate::error::Error;

/// The value of a required attribute (no namespace).
pub fn required_attr<'a>(element: &'a Element, name: &'static str, attribute: &'static str) -> Result<&'a str, Error> {
    element.attr(attribute).ok_or(Error::MissingAttribute { element: name, attribute })
}

/// A required attribute parsed with `FromStr`.
pub fn required_parsed<T: FromStr>(element: &Element, name: &'static str, attribute: &'static str) -> Result<T, Error> {
    let value = required_attr(element, name, attribute)?;
    value.parse().map_err(|_| Error::InvalidAttribute { element: name, attribute, value: value.into() })
}

/// An optional attribute parsed with `FromStr`.
pub fn optional_parsed<T: FromStr>(
    element: &Element,
    name: &'static str,
    attribute: &'static str,
) -> Result<Option<T>, Error> {
    element
        .attr(attribute)
        .map(|value| {
            value.parse().map_err(|_| Error::InvalidAttribute { element: name, attribute, value: value.into() })
        })
        .transpose()
}

/// An optional attribute holding a JID.
pub fn optional_jid(element: &Element, name: &'static str, attribute: &'static str) -> Result<Option<Jid>, Error> {
    element
        .attr(attribute)
        .map(|value| value.parse::<Jid>().map_err(|error| Error::InvalidJid { element: name, attribute, error }))
        .transpose()
}

/// A required attribute holding a JID.
pub fn required_jid(element: &Element, name: &'static str, attribute: &'static str) -> Result<Jid, Error> {
    optional_jid(element, name, attribute)?.ok_or(Error::MissingAttribute { element: name, attribute })
}

/// A boolean attribute (XML Schema `boolean`: `true`, `false`, `1`, `0`).
pub fn optional_bool(element: &Element, name: &'static str, attribute: &'static str) -> Result<Option<bool>, Error> {
    element
        .attr(attribute)
        .map(|value| match value {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(Error::InvalidAttribute { element: name, attribute, value: value.into() }),
        })
        .transpose()
}

/// Checks that the element has no children (elements or non-whitespace text).
pub fn no_children(element: &Element, name: &'static str) -> Result<(), Error> {
    for node in element.nodes() {
        match node {
            Node::Element(child) => return Err(unexpected(name, child)),
            Node::Text(text) if !text.trim().is_empty() => {
                return Err(Error::InvalidText { element: name, text: text.clone() });
            }
            Node::Text(_) => {}
        }
    }
    Ok(())
}

/// Checks that the element has no child elements (text is allowed).
pub fn no_child_elements(element: &Element, name: &'static str) -> Result<(), Error> {
    match element.children().next() {
        Some(child) => Err(unexpected(name, child)),
        None => Ok(()),
    }
}

/// Checks that the element has no non-whitespace text (children are allowed).
pub fn no_text(element: &Element, name: &'static str) -> Result<(), Error> {
    for node in element.nodes() {
        if let Node::Text(text) = node
            && !text.trim().is_empty()
        {
            return Err(Error::InvalidText { element: name, text: text.clone() });
        }
    }
    Ok(())
}

/// The "unexpected child" error for `child` inside `name`.
pub fn unexpected(name: &'static str, child: &Element) -> Error {
    Error::UnexpectedChild { element: name, child: child.name().into(), ns: child.ns().into() }
}

/// The text of the only child named `child` in `ns`, if any; two are an error.
pub fn optional_child_text(
    element: &Element,
    name: &'static str,
    child: &'static str,
    ns: &str,
) -> Result<Option<String>, Error> {
    let mut found = element.children_named(child, ns);
    let first = found.next();
    if found.next().is_some() {
        return Err(Error::DuplicateChild { element: name, child });
    }
    match first {
        None => Ok(None),
        Some(c) => {
            no_child_elements(c, child)?;
            Ok(Some(c.text().into_owned()))
        }
    }
}
