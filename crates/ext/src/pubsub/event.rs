//! `http://jabber.org/protocol/pubsub#event` (XEP-0060 §4.3, §7.1.2,
//! §7.2.2, §8.2.5, §8.4.2, §8.5.2, §8.6, §8.8.4, §12.19): the notifications a
//! service sends subscribers, in a `<message/>`: [`Event`] holds one of
//! items published or retracted ([`Items`]), a purge ([`Purge`]), a
//! deletion ([`Delete`], with a redirection), a configuration change
//! ([`Configuration`], with the form), a subscription state
//! ([`Subscription`]) or a collection change ([`Collection`]).
//!
//! ```
//! use jabber_ext::pubsub::event::Event;
//! use jabber_stanza::Message;
//!
//! // XEP-0060 Example 117: an item was deleted.
//! let message = Message::parse(&"<message xmlns='jabber:client' from='pubsub.shakespeare.lit' \
//!     to='francisco@denmark.lit' id='foo'><event xmlns='http://jabber.org/protocol/pubsub#event'>\
//!     <items node='princely_musings'><retract id='ae890ac52d0df67ed7cfdf51b644e901'/></items>\
//!     </event></message>".parse()?)?;
//! let Some(Ok(Event::Items(items))) = Event::from_message(&message) else { panic!() };
//! assert_eq!(items.node, "princely_musings");
//! assert_eq!(items.retracts, ["ae890ac52d0df67ed7cfdf51b644e901"]);
//!
//! // The service side: the same notification, built.
//! let event = Event::retracted("princely_musings", ["ae890ac52d0df67ed7cfdf51b644e901"]);
//! assert_eq!(Event::Items(items), event);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use jabber_jid::Jid;
use jabber_stanza::{Error, Message, Payload, Unknown};
use jabber_stream::Element;

use super::config::NodeConfig;
use super::{Item, SubscriptionState};
use crate::datetime::DateTime;
use crate::form_type::TypedForm;
use crate::forms::{DataForm, FormError, FormKind};
use crate::ns;

/// `<items node='..'/>` in `pubsub#event` (§7.1.2, §7.2.2): items
/// published (with or without their payloads) or retracted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "items", ns = ns::PUBSUB_EVENT)]
pub struct Items {
    /// `node`.
    #[payload(attr)]
    pub node: String,
    /// `<item/>`s published (none in a transient notification, Example 3).
    #[payload(child)]
    pub items: Vec<Item>,
    /// The ids of the `<retract id='..'/>`s: items deleted (§7.2.2.1).
    #[payload(child_attr = "retract", attr = "id")]
    pub retracts: Vec<String>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Items {
    /// The payloads of the items read as `P`, in order (items without a
    /// payload, or with one of another type, are left out).
    pub fn payloads_as<P: Payload>(&self) -> Vec<Result<P, Error>> {
        self.items.iter().filter_map(Item::payload_as::<P>).collect()
    }
}

/// `<purge node='..'/>` in `pubsub#event` (§8.5.2): every item was deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "purge", ns = ns::PUBSUB_EVENT)]
pub struct Purge {
    /// `node`.
    #[payload(attr)]
    pub node: String,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
}

/// `<delete node='..'><redirect uri='..'/></delete>` in `pubsub#event`
/// (§8.4.2): the node was deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "delete", ns = ns::PUBSUB_EVENT)]
pub struct Delete {
    /// `node`.
    #[payload(attr)]
    pub node: String,
    /// `<redirect uri='..'/>`: where to go instead.
    #[payload(child_attr = "redirect", attr = "uri")]
    pub redirect: Option<String>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// `<configuration node='..'/>` in `pubsub#event` (§8.2.5): the node's
/// configuration changed; with the new configuration when the node
/// delivers payloads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "configuration", ns = ns::PUBSUB_EVENT)]
pub struct Configuration {
    /// `node`.
    #[payload(attr)]
    pub node: Option<String>,
    /// The `pubsub#node_config` form (a `result`).
    #[payload(child)]
    pub form: Option<DataForm>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Configuration {
    /// The new configuration, typed; `None` without a form.
    pub fn config(&self) -> Result<Option<NodeConfig>, FormError> {
        self.form.as_ref().map(NodeConfig::from_form).transpose()
    }
}

/// `<subscription/>` in `pubsub#event` (§8.6, §8.8.4, §12.19): a subscription's
/// state changed (approved, denied, cancelled), or its lease is ending.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "subscription", ns = ns::PUBSUB_EVENT)]
pub struct Subscription {
    /// `expiry`: when the lease ends (§12.19).
    #[payload(attr)]
    pub expiry: Option<DateTime>,
    /// `jid`: the subscriber.
    #[payload(attr)]
    pub jid: Jid,
    /// `node`.
    #[payload(attr)]
    pub node: Option<String>,
    /// `subid`.
    #[payload(attr)]
    pub subid: Option<String>,
    /// `subscription`: the new state.
    #[payload(attr)]
    pub subscription: Option<SubscriptionState>,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
}

/// `<associate/>` or `<disassociate/>` in a `<collection/>`.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
pub enum CollectionChange {
    /// `<associate node='..'/>`: a node joined the collection.
    Associate {
        /// `node`.
        #[payload(attr)]
        node: String,
    },
    /// `<disassociate node='..'/>`: a node left the collection.
    Disassociate {
        /// `node`.
        #[payload(attr)]
        node: String,
    },
}

/// `<collection node='..'/>` in `pubsub#event` (schema §17.3; collections
/// are XEP-0248's): a collection's children changed.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "collection", ns = ns::PUBSUB_EVENT)]
pub struct Collection {
    /// `node`: the collection.
    #[payload(attr)]
    pub node: Option<String>,
    /// What changed.
    #[payload(child)]
    pub change: CollectionChange,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
}

/// `<event xmlns='http://jabber.org/protocol/pubsub#event'/>`: a
/// notification, holding exactly one of the kinds below (§4.3).
///
/// An element of the namespace this crate does not know is kept in
/// [`Event::Other`]; two kinds in one `<event/>` are an error
/// ([`Error::UnexpectedChild`]), as is an empty one
/// ([`Error::MissingChild`]).
// The variants are the elements as they are (a derived newtype variant
// holds its element's type, not a box); an event lives as long as a message.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "event", ns = ns::PUBSUB_EVENT)]
pub enum Event {
    /// Items published or retracted.
    Items(Items),
    /// The node was purged.
    Purge(Purge),
    /// The node was deleted.
    Delete(Delete),
    /// The node's configuration changed.
    Configuration(Configuration),
    /// A subscription's state changed.
    Subscription(Subscription),
    /// A collection's children changed.
    Collection(Collection),
    /// Another element of the namespace, kept.
    #[payload(other)]
    Other(Element),
}

impl Event {
    /// The notification a message carries: `None` when it carries none.
    pub fn from_message(message: &Message) -> Option<Result<Event, Error>> {
        message.payload::<Event>()
    }

    /// The node the notification is about, when it names one.
    pub fn node(&self) -> Option<&str> {
        match self {
            Event::Items(e) => Some(&e.node),
            Event::Purge(e) => Some(&e.node),
            Event::Delete(e) => Some(&e.node),
            Event::Configuration(e) => e.node.as_deref(),
            Event::Subscription(e) => e.node.as_deref(),
            Event::Collection(e) => e.node.as_deref(),
            Event::Other(_) => None,
        }
    }

    /// Items published to `node` (§7.1.2.1).
    pub fn published(node: impl Into<String>, items: Vec<Item>) -> Event {
        Event::Items(Items { node: node.into(), items, ..Items::default() })
    }

    /// Items of `node` deleted (§7.2.2.1).
    pub fn retracted<I, S>(node: impl Into<String>, ids: I) -> Event
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Event::Items(Items {
            node: node.into(),
            retracts: ids.into_iter().map(Into::into).collect(),
            ..Items::default()
        })
    }

    /// `node` purged (§8.5.2).
    pub fn purged(node: impl Into<String>) -> Event {
        Event::Purge(Purge { node: node.into(), unknown: Unknown::new() })
    }

    /// `node` deleted, with a redirection (§8.4.2).
    pub fn deleted(node: impl Into<String>, redirect: Option<String>) -> Event {
        Event::Delete(Delete { node: node.into(), redirect, ..Delete::default() })
    }

    /// The configuration of `node` changed; with the new one (a `result`
    /// form) when given (§8.2.5).
    pub fn configured(node: impl Into<String>, config: Option<&NodeConfig>) -> Event {
        Event::Configuration(Configuration {
            node: Some(node.into()),
            form: config.map(|c| c.to_form(FormKind::Result)),
            ..Configuration::default()
        })
    }

    /// The subscription of `jid` to `node` is now `state` (§8.6).
    pub fn subscription(node: impl Into<String>, jid: Jid, state: SubscriptionState) -> Event {
        Event::Subscription(Subscription {
            expiry: None,
            jid,
            node: Some(node.into()),
            subid: None,
            subscription: Some(state),
            unknown: Unknown::new(),
        })
    }

    /// A message from `from` to `to` carrying this notification (type
    /// `normal`; a node's `pubsub#notification_type` may ask for
    /// `headline`: set [`Message::kind`]).
    pub fn to_message(&self, from: Jid, to: Jid) -> Message {
        let mut message = Message::new();
        message.from = Some(from);
        message.to = Some(to);
        message.payloads.push(self);
        message
    }
}
