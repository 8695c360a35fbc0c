//! The attributes every stanza has (RFC 6120 §8.1): `to`, `from`, `id`,
//! `type`, `xml:lang`, and the stanza's namespace.

use jabber_jid::Jid;
use jabber_stream::{Attribute, ContentNamespace, Element, ns};

use crate::error::Error;
use crate::stanza_error::{DefinedCondition, StanzaError};

/// The common attributes of a parsed stanza, and the ones not modelled.
pub(crate) struct Common {
    pub(crate) ns: ContentNamespace,
    pub(crate) from: Option<Jid>,
    pub(crate) to: Option<Jid>,
    pub(crate) id: Option<String>,
    pub(crate) lang: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) attributes: Vec<Attribute>,
    /// What was malformed: an address that is not a JID stays in
    /// `attributes` as it came, and its error is here.
    pub(crate) malformed: Vec<Error>,
}

impl Common {
    /// Reads the common attributes of `element`, a stanza named `name` whose
    /// namespace is a content namespace. An address that is not a JID is
    /// kept among `attributes` and reported in `malformed`.
    pub(crate) fn parse(element: &Element, name: &'static str) -> Result<Self, Error> {
        let ns = ContentNamespace::from_uri(element.ns()).ok_or_else(|| Error::Mismatch(Box::new(element.clone())))?;
        let mut common = Common {
            ns,
            from: None,
            to: None,
            id: None,
            lang: None,
            kind: None,
            attributes: Vec::new(),
            malformed: Vec::new(),
        };
        for attr in element.attrs() {
            match (attr.ns(), attr.name()) {
                (None, attribute @ ("from" | "to")) => match attr.value().parse::<Jid>() {
                    Ok(jid) if attribute == "from" => common.from = Some(jid),
                    Ok(jid) => common.to = Some(jid),
                    Err(error) => {
                        let attribute = if attribute == "from" { "from" } else { "to" };
                        common.malformed.push(Error::InvalidJid { element: name, attribute, error });
                        common.attributes.push(attr.clone());
                    }
                },
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

/// The value of a `from` or `to` that was received but is not a JID: kept
/// in the stanza's unmodelled attributes while the typed field is `None`.
pub(crate) fn invalid_address<'a>(attributes: &'a [Attribute], typed: &Option<Jid>, name: &str) -> Option<&'a str> {
    if typed.is_some() {
        return None;
    }
    attributes.iter().find(|a| a.ns().is_none() && a.name() == name).map(Attribute::value)
}

/// A stanza of type `error` without `<error/>` (RFC 6120 §8.3.2 requires
/// one; some servers omit it): still an error, `undefined-condition`, with
/// the gap reported.
pub(crate) fn missing_error(element: &'static str, malformed: &mut Vec<Error>) -> StanzaError {
    malformed.push(Error::MissingChild { element, child: "error" });
    StanzaError::new(DefinedCondition::UndefinedCondition)
}

/// Reports the error of a check that does not make the element unusable.
pub(crate) fn report(check: Result<(), Error>, malformed: &mut Vec<Error>) {
    if let Err(error) = check {
        malformed.push(error);
    }
}
