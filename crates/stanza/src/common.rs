//! The attributes every stanza has (RFC 6120 §8.1): `to`, `from`, `id`,
//! `type`, `xml:lang`, and the stanza's namespace.

use jabber_jid::Jid;
use jabber_stream::{Attribute, ContentNamespace, Element, ns};

use crate::error::Error;
use crate::parse;

/// The common attributes of a parsed stanza, and the ones not modelled.
pub(crate) struct Common {
    pub(crate) ns: ContentNamespace,
    pub(crate) from: Option<Jid>,
    pub(crate) to: Option<Jid>,
    pub(crate) id: Option<String>,
    pub(crate) lang: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) attributes: Vec<Attribute>,
}

impl Common {
    /// Reads the common attributes of `element`, a stanza named `name` whose
    /// namespace is a content namespace.
    pub(crate) fn parse(element: &Element, name: &'static str) -> Result<Self, Error> {
        let ns = ContentNamespace::from_uri(element.ns()).ok_or_else(|| Error::Mismatch(Box::new(element.clone())))?;
        let mut common = Common {
            ns,
            from: parse::optional_jid(element, name, "from")?,
            to: parse::optional_jid(element, name, "to")?,
            id: None,
            lang: None,
            kind: None,
            attributes: Vec::new(),
        };
        for attr in element.attrs() {
            match (attr.ns(), attr.name()) {
                (None, "from" | "to") => {}
                (None, "id") => common.id = Some(attr.value().to_owned()),
                (None, "type") => common.kind = Some(attr.value().to_owned()),
                (Some(ns::XML), "lang") => common.lang = Some(attr.value().to_owned()),
                _ => common.attributes.push(attr.clone()),
            }
        }
        Ok(common)
    }
}

/// The common attributes of a stanza being written.
pub(crate) struct Head<'a> {
    pub(crate) name: &'static str,
    pub(crate) ns: ContentNamespace,
    pub(crate) attributes: &'a [Attribute],
    pub(crate) from: &'a Option<Jid>,
    pub(crate) to: &'a Option<Jid>,
    pub(crate) id: Option<&'a str>,
    pub(crate) kind: Option<&'static str>,
    pub(crate) lang: &'a Option<String>,
}

impl Head<'_> {
    /// Starts the stanza element. Attributes not modelled come first, so
    /// that a modelled one replaces its namesake.
    pub(crate) fn element(&self) -> Element {
        let mut e = Element::new(self.name, self.ns.as_str());
        for attr in self.attributes {
            e.set_attribute(attr.clone());
        }
        if let Some(from) = self.from {
            e.set_attr("from", from.to_string());
        }
        if let Some(to) = self.to {
            e.set_attr("to", to.to_string());
        }
        if let Some(id) = self.id {
            e.set_attr("id", id.to_owned());
        }
        if let Some(kind) = self.kind {
            e.set_attr("type", kind);
        }
        if let Some(lang) = self.lang {
            e.set_attribute(Attribute::with_ns(ns::XML, "lang", lang.clone()));
        }
        e
    }
}
