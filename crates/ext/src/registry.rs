//! Every payload this crate and `jabber-stanza` model, by element name and
//! namespace, with the specification that defines it: what a tool reads an
//! unknown element with (`examples/inspect.rs --typed`), and what the
//! fuzz target parses arbitrary elements as.
//!
//! ```
//! use jabber_ext::registry::{self, Outcome};
//!
//! let element = "<blocklist xmlns='urn:xmpp:blocking'/>".parse()?;
//! let checked = registry::check(&element, true).unwrap();
//! assert_eq!(checked.spec, "XEP-0191");
//! assert_eq!(checked.outcome, Outcome::Ok);
//! assert!(registry::check(&"<x xmlns='urn:example:none'/>".parse()?, true).is_none());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Debug;

use jabber_stanza::{Error, Payload};
use jabber_stream::Element;

/// What reading an element as its typed model gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Read, and (when asked) the model survives serialize and reparse.
    Ok,
    /// Read, with parts kept as they came and reported (the model's
    /// `malformed` list).
    Malformed(Vec<Error>),
    /// Not readable as the model.
    Error(Error),
    /// Read, but what the model writes cannot be read again (a bug of the
    /// model): the element written, and why.
    WrittenUnreadable {
        /// The serialization.
        written: Box<Element>,
        /// Why it does not read.
        error: Error,
    },
    /// Read, but serializing and reading again gives another model: the
    /// element as written, and as written again from the second reading.
    RoundTripDiffers {
        /// The first serialization.
        first: Box<Element>,
        /// The second.
        second: Box<Element>,
    },
}

/// A model of the registry: its specification, its name, and how to read with it.
#[derive(Clone, Copy)]
pub struct Entry {
    /// The specification: `"XEP-0045"`, `"RFC 6121"`.
    pub spec: &'static str,
    /// The model's type name, for people.
    pub model: &'static str,
    /// The element's name (for a model of several names, the first).
    pub name: &'static str,
    /// The element's namespace.
    pub ns: &'static str,
    is_mine: fn(&Element) -> bool,
    check: fn(&Element, bool) -> Outcome,
}

impl Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry").field("spec", &self.spec).field("model", &self.model).finish()
    }
}

/// What [`check`] found: the specification and model that read the
/// element, and the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The specification.
    pub spec: &'static str,
    /// The model's type name.
    pub model: &'static str,
    /// What reading gave.
    pub outcome: Outcome,
}

/// A model of the registry: a payload, and the parts it kept and reported.
pub trait Model: Payload + PartialEq + Debug {
    /// What the model kept as it came and reported (its `malformed` list).
    fn malformed(&self) -> &[Error] {
        &[]
    }
}

/// The entry of payload type `P`.
fn entry<P: Model>(spec: &'static str) -> Entry {
    Entry { spec, model: short_name::<P>(), name: P::NAME, ns: P::NS, is_mine: P::is_mine, check: check_as::<P> }
}

fn short_name<P>() -> &'static str {
    let full = std::any::type_name::<P>();
    full.rsplit("::").next().unwrap_or(full)
}

fn check_as<P: Model>(element: &Element, roundtrip: bool) -> Outcome {
    let model = match P::parse(element) {
        Ok(model) => model,
        Err(error) => return Outcome::Error(error),
    };
    if roundtrip {
        let first = model.to_element();
        match P::parse(&first) {
            Ok(again) if again == model => {}
            Ok(again) => {
                return Outcome::RoundTripDiffers { first: Box::new(first), second: Box::new(again.to_element()) };
            }
            Err(error) => return Outcome::WrittenUnreadable { written: Box::new(first), error },
        }
    }
    match model.malformed() {
        [] => Outcome::Ok,
        report => Outcome::Malformed(report.to_vec()),
    }
}

/// `Model` for types of a registry: `model!(Type)` for one without a
/// report, `model!(Type, malformed)` for one with a `malformed` field.
macro_rules! model {
    ($ty:ty) => {
        impl Model for $ty {}
    };
    ($ty:ty, malformed) => {
        impl Model for $ty {
            fn malformed(&self) -> &[Error] {
                &self.malformed
            }
        }
    };
}

model!(jabber_stanza::RosterQuery, malformed);
model!(jabber_stanza::BindResult);
model!(jabber_stanza::BindRequest);
model!(jabber_stanza::SessionRequest);
model!(jabber_stanza::Blocklist, malformed);
model!(jabber_stanza::BlocklistRequest);
model!(jabber_stanza::Block, malformed);
model!(jabber_stanza::Unblock, malformed);
model!(jabber_stanza::Blocked);
model!(jabber_stanza::PrivacyQuery);
#[cfg(feature = "forms")]
model!(crate::forms::DataForm, malformed);
#[cfg(feature = "validate")]
model!(crate::validate::Validate, malformed);
#[cfg(feature = "layout")]
model!(crate::layout::Page, malformed);

/// The entries, most specific first: for an element several models could
/// read (a request and its result share a name), the first that reads it
/// without error is reported.
pub fn entries() -> Vec<Entry> {
    use jabber_stanza as core;
    let mut out = vec![
        entry::<core::RosterQuery>("RFC 6121"),
        entry::<core::BindResult>("RFC 6120"),
        entry::<core::BindRequest>("RFC 6120"),
        entry::<core::SessionRequest>("RFC 3921"),
        entry::<core::Blocklist>("XEP-0191"),
        entry::<core::BlocklistRequest>("XEP-0191"),
        entry::<core::Block>("XEP-0191"),
        entry::<core::Unblock>("XEP-0191"),
        entry::<core::Blocked>("XEP-0191"),
        entry::<core::PrivacyQuery>("XEP-0016"),
    ];
    #[cfg(feature = "forms")]
    out.push(entry::<crate::forms::DataForm>("XEP-0004"));
    #[cfg(feature = "validate")]
    out.push(entry::<crate::validate::Validate>("XEP-0122"));
    #[cfg(feature = "layout")]
    out.push(entry::<crate::layout::Page>("XEP-0141"));
    out
}

impl Entry {
    /// Whether this model takes `element` (valid or not).
    pub fn is_mine(&self, element: &Element) -> bool {
        (self.is_mine)(element)
    }

    /// Reads `element` with this model (see [`check`]); an element the
    /// model does not take is [`Error::Mismatch`].
    pub fn check(&self, element: &Element, roundtrip: bool) -> Outcome {
        if !self.is_mine(element) {
            return Outcome::Error(Error::Mismatch(Box::new(element.clone())));
        }
        (self.check)(element, roundtrip)
    }
}

/// Reads `element` with the first model of the registry that takes it
/// (see [`entries`]); with `roundtrip`, also checks that the model
/// survives serialize and reparse. `None`: no model takes the element.
pub fn check(element: &Element, roundtrip: bool) -> Option<Checked> {
    let candidates: Vec<Entry> = entries().into_iter().filter(|e| (e.is_mine)(element)).collect();
    let first = *candidates.first()?;
    let mut first_outcome = None;
    for entry in candidates {
        let outcome = (entry.check)(element, roundtrip);
        if !matches!(outcome, Outcome::Error(_)) {
            return Some(Checked { spec: entry.spec, model: entry.model, outcome });
        }
        first_outcome.get_or_insert(outcome);
    }
    Some(Checked { spec: first.spec, model: first.model, outcome: first_outcome.unwrap_or(Outcome::Ok) })
}
