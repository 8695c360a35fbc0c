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
    /// Read, and (when asked) what the model writes reads back to a model
    /// that writes the same.
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
    /// Read, but what the model writes reads back to a model that writes
    /// something else: the element as written, and as written again from
    /// the second reading.
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
        // The model's serialization is a fixed point: read again and written
        // again, it is the same element. (Models are not compared: a report
        // of a part the model drops, such as an attribute of a value child,
        // rightly describes the first input only.)
        let first = model.to_element();
        match P::parse(&first) {
            Ok(again) => {
                let second = again.to_element();
                if second != first {
                    return Outcome::RoundTripDiffers { first: Box::new(first), second: Box::new(second) };
                }
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
#[cfg(feature = "caps")]
model!(crate::caps::Caps);
#[cfg(feature = "ecaps2")]
model!(crate::ecaps2::Ecaps2, malformed);
#[cfg(feature = "delay")]
model!(crate::delay::Delay, malformed);
#[cfg(feature = "delay")]
model!(crate::delay::LegacyDelay, malformed);
#[cfg(feature = "direct-invite")]
model!(crate::direct_invite::DirectInvite, malformed);
#[cfg(feature = "disco")]
model!(crate::disco::InfoQuery, malformed);
#[cfg(feature = "disco")]
model!(crate::disco::InfoResult, malformed);
#[cfg(feature = "disco")]
model!(crate::disco::ItemsQuery, malformed);
#[cfg(feature = "disco")]
model!(crate::disco::ItemsResult, malformed);
#[cfg(feature = "muc")]
model!(crate::muc::Muc, malformed);
#[cfg(feature = "muc")]
model!(crate::muc::MucUser, malformed);
#[cfg(feature = "muc")]
model!(crate::muc::AdminListRequest, malformed);
#[cfg(feature = "muc")]
model!(crate::muc::AdminList, malformed);
#[cfg(feature = "muc")]
model!(crate::muc::Admin, malformed);
#[cfg(feature = "muc")]
model!(crate::muc::ConfigRequest, malformed);
#[cfg(feature = "muc")]
model!(crate::muc::ConfigForm, malformed);
#[cfg(feature = "muc")]
model!(crate::muc::Owner, malformed);
#[cfg(feature = "muc")]
model!(crate::muc::Register, malformed);
#[cfg(feature = "ping")]
model!(crate::ping::Ping);
#[cfg(feature = "version")]
model!(crate::version::VersionRequest);
#[cfg(feature = "version")]
model!(crate::version::SoftwareVersion, malformed);
#[cfg(feature = "rsm")]
model!(crate::rsm::SetQuery, malformed);
#[cfg(feature = "rsm")]
model!(crate::rsm::SetResult, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::CreateRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::CreateResult, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::SubscribeRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::SubscriptionResult, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::PublishRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::PublishResult, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::RetractRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::UnsubscribeRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::ItemsRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::ItemsResult, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::SubscriptionsRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::SubscriptionsResult, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::AffiliationsRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::AffiliationsResult, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::OptionsRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::OptionsResult, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::OptionsSubmit, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::DefaultOptionsRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::DefaultOptionsResult, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::owner::ConfigureRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::owner::ConfigureResult, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::owner::ConfigureSubmit, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::owner::DefaultRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::owner::DefaultResult, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::owner::DeleteRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::owner::PurgeRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::owner::SubscriptionsRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::owner::SubscriptionsResult, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::owner::ModifySubscriptions, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::owner::AffiliationsRequest, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::owner::AffiliationsResult, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::owner::ModifyAffiliations, malformed);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::event::Event);
#[cfg(feature = "pubsub")]
model!(crate::pubsub::errors::Condition);

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
    #[cfg(feature = "caps")]
    out.push(entry::<crate::caps::Caps>("XEP-0115"));
    #[cfg(feature = "ecaps2")]
    out.push(entry::<crate::ecaps2::Ecaps2>("XEP-0390"));
    #[cfg(feature = "delay")]
    out.push(entry::<crate::delay::Delay>("XEP-0203"));
    #[cfg(feature = "delay")]
    out.push(entry::<crate::delay::LegacyDelay>("XEP-0091"));
    #[cfg(feature = "direct-invite")]
    out.push(entry::<crate::direct_invite::DirectInvite>("XEP-0249"));
    #[cfg(feature = "disco")]
    out.push(entry::<crate::disco::InfoQuery>("XEP-0030"));
    #[cfg(feature = "disco")]
    out.push(entry::<crate::disco::InfoResult>("XEP-0030"));
    #[cfg(feature = "disco")]
    out.push(entry::<crate::disco::ItemsQuery>("XEP-0030"));
    #[cfg(feature = "disco")]
    out.push(entry::<crate::disco::ItemsResult>("XEP-0030"));
    #[cfg(feature = "muc")]
    out.push(entry::<crate::muc::Muc>("XEP-0045"));
    #[cfg(feature = "muc")]
    out.push(entry::<crate::muc::MucUser>("XEP-0045"));
    #[cfg(feature = "muc")]
    out.push(entry::<crate::muc::AdminListRequest>("XEP-0045"));
    #[cfg(feature = "muc")]
    out.push(entry::<crate::muc::AdminList>("XEP-0045"));
    #[cfg(feature = "muc")]
    out.push(entry::<crate::muc::Admin>("XEP-0045"));
    #[cfg(feature = "muc")]
    out.push(entry::<crate::muc::ConfigRequest>("XEP-0045"));
    #[cfg(feature = "muc")]
    out.push(entry::<crate::muc::ConfigForm>("XEP-0045"));
    #[cfg(feature = "muc")]
    out.push(entry::<crate::muc::Owner>("XEP-0045"));
    #[cfg(feature = "muc")]
    out.push(entry::<crate::muc::Register>("XEP-0077"));
    #[cfg(feature = "ping")]
    out.push(entry::<crate::ping::Ping>("XEP-0199"));
    #[cfg(feature = "version")]
    out.push(entry::<crate::version::VersionRequest>("XEP-0092"));
    #[cfg(feature = "version")]
    out.push(entry::<crate::version::SoftwareVersion>("XEP-0092"));
    #[cfg(feature = "rsm")]
    out.push(entry::<crate::rsm::SetQuery>("XEP-0059"));
    #[cfg(feature = "rsm")]
    out.push(entry::<crate::rsm::SetResult>("XEP-0059"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::CreateRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::CreateResult>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::SubscribeRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::SubscriptionResult>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::PublishRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::PublishResult>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::RetractRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::UnsubscribeRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::ItemsRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::ItemsResult>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::SubscriptionsRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::SubscriptionsResult>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::AffiliationsRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::AffiliationsResult>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::OptionsRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::OptionsResult>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::OptionsSubmit>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::DefaultOptionsRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::DefaultOptionsResult>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::owner::ConfigureRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::owner::ConfigureResult>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::owner::ConfigureSubmit>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::owner::DefaultRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::owner::DefaultResult>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::owner::DeleteRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::owner::PurgeRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::owner::SubscriptionsRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::owner::SubscriptionsResult>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::owner::ModifySubscriptions>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::owner::AffiliationsRequest>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::owner::AffiliationsResult>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::owner::ModifyAffiliations>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::event::Event>("XEP-0060"));
    #[cfg(feature = "pubsub")]
    out.push(entry::<crate::pubsub::errors::Condition>("XEP-0060"));
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
