//! XEP-0163: Personal Eventing Protocol, version 1.2.2.
//!
//! Every account is a virtual pubsub service at its bare JID (§2.1). The
//! account owner publishes with an iq that has no `to` ([`publish`],
//! §3), to a node usually named after the payload's namespace
//! ([`Payload::NS`]; the payload's specification says, §7.2); contacts that share presence receive the
//! notifications when their entity capabilities advertise the namespace
//! followed by `+notify` ([`notify_feature`], §4.2 and XEP-0060 §9.2);
//! the notifications come from the owner's bare JID ([`PepEvent`],
//! §4.3.1). The protocol is XEP-0060's: see [`crate::pubsub`].
//!
//! ```
//! use jabber_ext::pep::{self, PepEvent};
//! use jabber_stanza::{Message, Payload};
//!
//! /// XEP-0118 User Tune, as an opaque payload of a test.
//! #[derive(Debug, PartialEq, Payload)]
//! #[payload(name = "tune", ns = "http://jabber.org/protocol/tune")]
//! struct Tune {
//!     #[payload(child_text)]
//!     artist: Option<String>,
//! }
//!
//! // XEP-0163 Example 1: publishing to one's own account, no 'to'.
//! let iq = pep::publish("pub1", &Tune { artist: Some("Gerald Finzi".into()) });
//! assert_eq!(iq.to, None);
//!
//! // Example 5: the caps feature asking for tunes.
//! assert_eq!(pep::notify_feature("http://jabber.org/protocol/tune"), "http://jabber.org/protocol/tune+notify");
//! assert_eq!(pep::notify_feature_for::<Tune>(), "http://jabber.org/protocol/tune+notify");
//!
//! // Example 2: a contact receives the notification from the bare JID.
//! let message = Message::parse(&"<message xmlns='jabber:client' from='juliet@capulet.lit' \
//!     to='romeo@montague.lit/orchard' type='headline' id='tunefoo1'>\
//!     <event xmlns='http://jabber.org/protocol/pubsub#event'>\
//!     <items node='http://jabber.org/protocol/tune'><item>\
//!     <tune xmlns='http://jabber.org/protocol/tune'><artist>Gerald Finzi</artist></tune>\
//!     </item></items></event></message>".parse()?)?;
//! let event = PepEvent::from_message(&message).unwrap()?;
//! assert_eq!(event.from.as_str(), "juliet@capulet.lit");
//! let tunes: Vec<Tune> = event.items::<Tune>().into_iter().collect::<Result<_, _>>()?;
//! assert_eq!(tunes, [Tune { artist: Some("Gerald Finzi".into()) }]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use jabber_jid::{BareJid, Jid};
use jabber_stanza::{Error, Iq, Message, Payload};

use crate::pubsub::config::PublishingOptions;
use crate::pubsub::event::Event;
use crate::pubsub::{Item, ItemsRequest, PublishRequest, RetractRequest};

/// The disco#info identity of a PEP service (§6.1): category `pubsub`.
pub const IDENTITY_CATEGORY: &str = "pubsub";
/// The disco#info identity of a PEP service (§6.1): type `pep`.
pub const IDENTITY_TYPE: &str = "pep";

/// The suffix of a notification filter (§4.2, XEP-0060 §9.2).
pub const NOTIFY_SUFFIX: &str = "+notify";

/// The entity capabilities feature saying that an entity wants the
/// notifications of the nodes named `namespace`: the namespace followed by
/// `+notify` (§4.2, XEP-0060 §9.2; XEP-0163 Example 5).
pub fn notify_feature(namespace: &str) -> String {
    format!("{namespace}{NOTIFY_SUFFIX}")
}

/// [`notify_feature`] of a payload type's namespace.
pub fn notify_feature_for<P: Payload>() -> String {
    notify_feature(P::NS)
}

/// The namespace a `+notify` feature asks notifications for; `None` for
/// another feature.
pub fn notify_namespace(feature: &str) -> Option<&str> {
    feature.strip_suffix(NOTIFY_SUFFIX).filter(|ns| !ns.is_empty())
}

/// The iq `set` publishing `payload` to the account's own PEP service (no
/// `to`, §3), to the node named after its namespace (§7.2); the service
/// creates the node when it does not exist ("auto-create", §3).
pub fn publish<P: Payload>(id: impl Into<String>, payload: &P) -> Iq {
    Iq::set(id, &PublishRequest::new(P::NS, Item::with_payload(payload)))
}

/// As [`publish`], naming the item (e.g. `current`, XEP-0060 §12.21) and
/// with publishing options (which a PEP service should support, §3; they
/// configure an auto-created node, XEP-0060 §7.1.5).
pub fn publish_with<P: Payload>(
    id: impl Into<String>,
    item_id: Option<String>,
    payload: &P,
    options: Option<&PublishingOptions>,
) -> Iq {
    let mut item = Item::with_payload(payload);
    item.id = item_id;
    let mut request = PublishRequest::new(P::NS, item);
    if let Some(options) = options {
        request = request.with_options(options);
    }
    Iq::set(id, &request)
}

/// The iq `set` deleting item `item_id` of the account's own node `node`
/// (XEP-0060 §7.2), telling subscribers when `notify`.
pub fn retract(id: impl Into<String>, node: impl Into<String>, item_id: impl Into<String>, notify: bool) -> Iq {
    Iq::set(id, &RetractRequest::new(node, item_id, notify))
}

/// The iq `get` retrieving the items of `node` from the PEP service of
/// `account` (XEP-0060 §6.5), the most recent `max_items` when given.
pub fn retrieve(id: impl Into<String>, account: BareJid, node: impl Into<String>, max_items: Option<u32>) -> Iq {
    let mut request = ItemsRequest::new(node);
    request.items.max_items = max_items;
    Iq::get(id, &request).with_to(account.into())
}

/// A PEP notification (§4.3.1): a pubsub#event from an account's bare JID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PepEvent {
    /// The account whose service sent it (the publisher, §4.3.1).
    pub from: BareJid,
    /// The notification.
    pub event: Event,
}

impl PepEvent {
    /// The PEP notification `message` carries: `None` when it carries no
    /// pubsub#event, or does not come from an account's bare JID (a
    /// notification of a pubsub service at a domain, or without `from`,
    /// is generic pubsub: read it with [`Event::from_message`]). An
    /// `<event/>` that cannot be read is the error.
    pub fn from_message(message: &Message) -> Option<Result<PepEvent, Error>> {
        let from = message.from.as_ref()?;
        if !from.is_bare() || from.node().is_none() {
            return None;
        }
        let from = from.to_bare();
        Some(Event::from_message(message)?.map(|event| PepEvent { from, event }))
    }

    /// The node the notification is about.
    pub fn node(&self) -> Option<&str> {
        self.event.node()
    }

    /// The payloads of type `P` published to the node named after `P`'s
    /// namespace, in order (nothing for another node or another kind of
    /// notification).
    pub fn items<P: Payload>(&self) -> Vec<Result<P, Error>> {
        let items = match &self.event {
            Event::Items(items) if items.node == P::NS => items.items.as_slice(),
            _ => &[],
        };
        items.iter().filter_map(Item::payload_as::<P>).collect()
    }

    /// Whether the account owner sent it to one of its own resources
    /// (§4: the owner receives its own notifications), given the message's `to`.
    pub fn is_own(&self, to: &Jid) -> bool {
        to.node() == self.from.node() && to.domain() == self.from.domain()
    }
}
