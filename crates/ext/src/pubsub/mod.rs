//! XEP-0060: Publish-Subscribe, version 1.30.0.
//!
//! A pubsub service keeps nodes; publishers publish items to a node,
//! subscribers receive event notifications of them. This module models the
//! four namespaces of the protocol:
//!
//! - `http://jabber.org/protocol/pubsub` (here): the requests of entities,
//!   subscribers and publishers (§5 to §7) and their results, each a type
//!   of its own whose iq marker says which iq carries it: [`CreateRequest`]
//!   (with configuration), [`PublishRequest`] (with publishing options),
//!   [`RetractRequest`], [`ItemsRequest`] (`max_items`, `subid`, specific
//!   items, RSM (XEP-0059, [`crate::rsm`])), [`SubscribeRequest`] (with options),
//!   [`UnsubscribeRequest`], [`SubscriptionsRequest`],
//!   [`AffiliationsRequest`], [`OptionsRequest`] and [`OptionsSubmit`],
//!   [`DefaultOptionsRequest`]; the results [`CreateResult`],
//!   [`PublishResult`], [`ItemsResult`], [`SubscriptionResult`],
//!   [`SubscriptionsResult`], [`AffiliationsResult`], [`OptionsResult`],
//!   [`DefaultOptionsResult`].
//! - [`owner`] (`pubsub#owner`): configuring, deleting and purging nodes,
//!   managing subscriptions and affiliations (§8).
//! - [`event`] (`pubsub#event`): the notifications (items, retractions,
//!   purge, deletion, configuration, subscription state).
//! - [`errors`] (`pubsub#errors`): the application-specific error
//!   conditions, carried by a [`StanzaError`](jabber_stanza::StanzaError).
//!
//! The registered forms (node configuration, subscription options,
//! publishing options, metadata, subscription authorization) are typed in
//! [`config`]. A service reads any request with [`Request::from_iq`]; a
//! client that does not know what answered can read it with
//! [`Response::from_iq`]. Items hold their payload as an element of any
//! namespace ([`Item::payload`]), read as a typed payload with
//! [`Item::payload_as`].
//!
//! ```
//! use jabber_ext::form_type::TypedForm;
//! use jabber_ext::pubsub::config::{AccessModel, NodeConfig, PublishingOptions};
//! use jabber_ext::pubsub::{self, Item, PublishResult, Request};
//! use jabber_stanza::{Iq, Payload};
//!
//! /// XEP-0118 User Tune, as an opaque payload of a test.
//! #[derive(Debug, PartialEq, Payload)]
//! #[payload(name = "tune", ns = "http://jabber.org/protocol/tune")]
//! struct Tune {
//!     #[payload(child_text)]
//!     artist: Option<String>,
//! }
//!
//! // A client publishes with a precondition (XEP-0060 §7.1.5).
//! let tune = Tune { artist: Some("Gerald Finzi".into()) };
//! let options = PublishingOptions(NodeConfig { access_model: Some(AccessModel::Presence), ..NodeConfig::default() });
//! let item = Item::with_payload(&tune).with_id("t1");
//! let iq = pubsub::publish("pub1", "pubsub.shakespeare.lit".parse()?, "tunes", item, Some(&options));
//!
//! // The service reads it...
//! let Some(Ok(Request::Publish(publish))) = Request::from_iq(&iq) else { panic!() };
//! assert_eq!(publish.publish.node, "tunes");
//! assert_eq!(publish.options()?, Some(options));
//! let item = &publish.publish.items[0];
//! assert_eq!(item.payload_as::<Tune>(), Some(Ok(tune)));
//! // ... and answers with the item's id.
//! let result = iq.reply_result(&PublishResult::new("tunes", ["t1"]));
//! assert_eq!(result.payload::<PublishResult>().unwrap()?.item_ids().collect::<Vec<_>>(), ["t1"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use jabber_jid::Jid;
use jabber_stanza::{Error, Iq, IqKind, Payload, Unknown, Value};
use jabber_stream::Element;

use crate::form_type::TypedForm;
use crate::forms::{DataForm, FormError, FormKind};
use crate::ns;

pub mod config;
pub mod errors;
pub mod event;
pub mod owner;

use config::{NodeConfig, PublishingOptions, SubscriptionOptions};

/// Whether `pubsub` holds a `C` (valid or not): which request or result a
/// `<pubsub/>` is, since they share the element (`is_mine` of each).
fn has<C: Payload>(pubsub: &Element) -> bool {
    pubsub.children().any(C::is_mine)
}

/// An options request, result or submission: `<options/>` without a
/// `<subscribe/>` (a subscription with options is a [`SubscribeRequest`]).
fn options_alone(pubsub: &Element) -> bool {
    has::<Options>(pubsub) && !has::<Subscribe>(pubsub)
}

/// An entity's affiliation with a node (§4.1): what it may do there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum Affiliation {
    /// `owner`: configures and deletes the node, manages everything.
    Owner,
    /// `publisher`: publishes and retracts items.
    Publisher,
    /// `publish-only`: publishes, but may not subscribe or retrieve.
    PublishOnly,
    /// `member`: subscribes and retrieves items.
    Member,
    /// `none`: no affiliation.
    None,
    /// `outcast`: banned.
    Outcast,
    /// An affiliation the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// The state of a subscription (§4.2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum SubscriptionState {
    /// `none`: no subscription (after unsubscribing, or when denied).
    None,
    /// `pending`: waiting for the owner's approval.
    Pending,
    /// `subscribed`.
    Subscribed,
    /// `unconfigured`: the subscription needs its options configured.
    Unconfigured,
    /// A state the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// A node's type (§4.4): a leaf holds items, a collection holds nodes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum NodeType {
    /// `leaf` (the default).
    Leaf,
    /// `collection` (XEP-0248).
    Collection,
    /// A type the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// `<item/>` (§7.1.1, §6.5, §4.3): one item of a node, with its `id`, its
/// `publisher` (§7.1.2.3, §12.17) and its payload, an element of any namespace.
///
/// The same type is read in the `pubsub` namespace (publish, retract,
/// retrieve) and in `pubsub#event` (notifications). Read liberally: a
/// second payload (the XEP allows one), text, or a `publisher` that is
/// not a JID is kept in `unknown` and reported in `malformed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "item")]
pub struct Item {
    /// `id`: the ItemID (a service generates one when a publisher gives none).
    #[payload(attr)]
    pub id: Option<String>,
    /// `publisher`: who published it, when the service says (§7.1.2.3).
    #[payload(attr)]
    pub publisher: Option<Jid>,
    /// The payload: one element in another namespace (none in a
    /// notification without payloads, a retraction or a request by id).
    #[payload(child)]
    pub payload: Option<Element>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Item {
    /// An item carrying `payload` (the service gives it an id).
    pub fn new(payload: Element) -> Self {
        Item { payload: Some(payload), ..Item::default() }
    }

    /// An item carrying a typed payload.
    pub fn with_payload<P: Payload>(payload: &P) -> Self {
        Item::new(payload.to_element())
    }

    /// An item with only an id: what a retraction or a request for specific
    /// items names (§7.2.1, §6.5.8), or what a service answers a publication with.
    pub fn id_only(id: impl Into<String>) -> Self {
        Item { id: Some(id.into()), ..Item::default() }
    }

    /// This item with an id.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// This item with a publisher (§7.1.2.3).
    pub fn with_publisher(mut self, publisher: Jid) -> Self {
        self.publisher = Some(publisher);
        self
    }

    /// The payload read as `P`: `None` without a payload or with one of
    /// another type, else the result of parsing it.
    pub fn payload_as<P: Payload>(&self) -> Option<Result<P, Error>> {
        self.payload.as_ref().and_then(P::try_parse)
    }
}

/// `<create node='..'/>` (§8.1): the node to create; without `node`, an
/// instant node whose NodeID the service generates (§8.1.2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "create", ns = ns::PUBSUB)]
pub struct Create {
    /// `node`.
    #[payload(attr)]
    pub node: Option<String>,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
}

/// `<configure/>` beside `<create/>` (§8.1.3): the new node's configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "configure", ns = ns::PUBSUB)]
pub struct Configure {
    /// `node`: not in the schema; Example 217 (§12.5) writes it.
    #[payload(attr)]
    pub node: Option<String>,
    /// The `pubsub#node_config` form (absent: the default configuration).
    #[payload(child)]
    pub form: Option<DataForm>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// `<subscribe node='..' jid='..'/>` (§6.1.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "subscribe", ns = ns::PUBSUB)]
pub struct Subscribe {
    /// `node` (absent: the service's root collection).
    #[payload(attr)]
    pub node: Option<String>,
    /// `jid`: the subscriber, the requester's bare or full JID. Required
    /// (§6.1.1); absent in the stanzas of XEP-0147 URIs (§16.6, Example
    /// 232), which a service answers with `<jid-required/>`.
    #[payload(attr)]
    pub jid: Option<Jid>,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
}

/// `<options/>` (§6.3): a subscription's options, requested (empty), as a
/// form to fill, or submitted; beside `<subscribe/>` (§6.3.7) without
/// `node` and `jid`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "options", ns = ns::PUBSUB)]
pub struct Options {
    /// `node`.
    #[payload(attr)]
    pub node: Option<String>,
    /// `jid`: the subscriber (required in a request of its own, §6.3.2;
    /// absent: `<jid-required/>`, §6.3.4.3).
    #[payload(attr)]
    pub jid: Option<Jid>,
    /// `subid`: which subscription, when there are several (§6.3.4.4).
    #[payload(attr)]
    pub subid: Option<String>,
    /// The `pubsub#subscribe_options` form.
    #[payload(child)]
    pub form: Option<DataForm>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Options {
    /// The form's options, typed; `None` without a form.
    pub fn options(&self) -> Result<Option<SubscriptionOptions>, FormError> {
        self.form.as_ref().map(SubscriptionOptions::from_form).transpose()
    }
}

/// `<publish node='..'/>` (§7.1.1): items to publish; in a result, the ids
/// of the items published (§7.1.2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "publish", ns = ns::PUBSUB)]
pub struct Publish {
    /// `node`.
    #[payload(attr)]
    pub node: String,
    /// The items (one in a request, §7.1.1; none to a transient node's
    /// notification-only publication).
    #[payload(child)]
    pub items: Vec<Item>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// `<publish-options/>` (§7.1.5): the `pubsub#publish-options` form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "publish-options", ns = ns::PUBSUB)]
pub struct PublishOptions {
    /// The form.
    #[payload(child)]
    pub form: Option<DataForm>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// `<retract node='..' notify='..'><item id='..'/></retract>` (§7.2.1):
/// delete items from a node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "retract", ns = ns::PUBSUB)]
pub struct Retract {
    /// `node`.
    #[payload(attr)]
    pub node: String,
    /// `notify`: subscribers are told of the retraction (§7.2.2.1).
    #[payload(attr, default)]
    pub notify: bool,
    /// The items to delete, each with only an `id`.
    #[payload(child)]
    pub items: Vec<Item>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// `<subscribe-options/>` in a `<subscription/>` (§6.1.5): subscription
/// options are supported, and required when `<required/>` is there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "subscribe-options", ns = ns::PUBSUB)]
pub struct SubscribeOptions {
    /// `<required/>`: the subscriber must configure the subscription.
    #[payload(flag)]
    pub required: bool,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
}

/// `<subscription/>` in the `pubsub` namespace (§5.6, §6.1.2): a
/// subscription of an entity to a node.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "subscription", ns = ns::PUBSUB)]
pub struct Subscription {
    /// `node`.
    #[payload(attr)]
    pub node: Option<String>,
    /// `jid`: the subscriber.
    #[payload(attr)]
    pub jid: Jid,
    /// `subid`: the subscription's id (several subscriptions, §6.1.6).
    #[payload(attr)]
    pub subid: Option<String>,
    /// `subscription`: the state.
    #[payload(attr)]
    pub subscription: Option<SubscriptionState>,
    /// `<subscribe-options/>` (§6.1.5).
    #[payload(child)]
    pub subscribe_options: Option<SubscribeOptions>,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
}

impl Subscription {
    /// A subscription of `jid` to `node` in `state`.
    pub fn new(node: impl Into<String>, jid: Jid, state: SubscriptionState) -> Self {
        Subscription {
            node: Some(node.into()),
            jid,
            subid: None,
            subscription: Some(state),
            subscribe_options: None,
            unknown: Unknown::new(),
        }
    }

    /// This subscription with a SubID.
    pub fn with_subid(mut self, subid: impl Into<String>) -> Self {
        self.subid = Some(subid.into());
        self
    }

    /// Whether the subscriber must configure the subscription (§6.1.5).
    pub fn configuration_required(&self) -> bool {
        self.subscribe_options.as_ref().is_some_and(|o| o.required)
    }
}

/// `<subscriptions node='..'/>` in the `pubsub` namespace (§5.6): the
/// requester's subscriptions (empty in a request).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "subscriptions", ns = ns::PUBSUB)]
pub struct Subscriptions {
    /// `node`: only those to this node.
    #[payload(attr)]
    pub node: Option<String>,
    /// The subscriptions.
    #[payload(child)]
    pub subscriptions: Vec<Subscription>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// `<affiliation node='..' affiliation='..'/>` in the `pubsub` namespace
/// (§5.7): the requester's affiliation with a node.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "affiliation", ns = ns::PUBSUB)]
pub struct NodeAffiliation {
    /// `node`.
    #[payload(attr)]
    pub node: String,
    /// `affiliation`.
    #[payload(attr)]
    pub affiliation: Affiliation,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
}

/// `<affiliations node='..'/>` in the `pubsub` namespace (§5.7): the
/// requester's affiliations (empty in a request).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "affiliations", ns = ns::PUBSUB)]
pub struct Affiliations {
    /// `node`: only the one with this node.
    #[payload(attr)]
    pub node: Option<String>,
    /// The affiliations.
    #[payload(child)]
    pub affiliations: Vec<NodeAffiliation>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// `<default node='..'/>` in the `pubsub` namespace (§6.4): the default
/// subscription options (of a node, or of the service).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "default", ns = ns::PUBSUB)]
pub struct DefaultOptions {
    /// `node`.
    #[payload(attr)]
    pub node: Option<String>,
    /// The `pubsub#subscribe_options` form (in a result).
    #[payload(child)]
    pub form: Option<DataForm>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// `<items node='..' max_items='..' subid='..'/>` in the `pubsub`
/// namespace (§6.5): a request for a node's items (all, the most recent
/// `max_items`, or those listed by id), or the items returned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "items", ns = ns::PUBSUB)]
pub struct Items {
    /// `node`.
    #[payload(attr)]
    pub node: String,
    /// `max_items`: the most recent N (§6.5.7).
    #[payload(attr)]
    pub max_items: Option<u32>,
    /// `subid`: which subscription asks (§6.5.2).
    #[payload(attr)]
    pub subid: Option<String>,
    /// The items: ids only in a request for specific items (§6.5.8), the
    /// items with their payloads in a result.
    #[payload(child)]
    pub items: Vec<Item>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// `<unsubscribe node='..' jid='..' subid='..'/>` (§6.2.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "unsubscribe", ns = ns::PUBSUB)]
pub struct Unsubscribe {
    /// `node`.
    #[payload(attr)]
    pub node: Option<String>,
    /// `jid`: the subscriber. Required (§6.2.1); absent in the stanzas of
    /// XEP-0147 URIs (§16.6, Example 234).
    #[payload(attr)]
    pub jid: Option<Jid>,
    /// `subid`: which subscription (§6.2.3.1).
    #[payload(attr)]
    pub subid: Option<String>,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
}

fn config_form(config: &NodeConfig) -> DataForm {
    config.to_form(FormKind::Submit)
}

/// `<pubsub><create/><configure/></pubsub>` in an iq `set` (§8.1): create a
/// node, with its configuration (§8.1.3) or the default one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, set, is_mine = has::<Create>)]
pub struct CreateRequest {
    /// `<create/>`.
    #[payload(child)]
    pub create: Create,
    /// `<configure/>`.
    #[payload(child)]
    pub configure: Option<Configure>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl CreateRequest {
    /// Creates the node `node` (§8.1.1).
    pub fn new(node: impl Into<String>) -> Self {
        CreateRequest { create: Create { node: Some(node.into()), ..Create::default() }, ..Self::default() }
    }

    /// Creates an instant node (§8.1.2): the service names it.
    pub fn instant() -> Self {
        CreateRequest::default()
    }

    /// This request with the node's configuration (§8.1.3), submitted.
    pub fn with_config(mut self, config: &NodeConfig) -> Self {
        self.configure = Some(Configure { form: Some(config_form(config)), ..Configure::default() });
        self
    }

    /// The requested configuration, typed; `None` without a form.
    pub fn config(&self) -> Result<Option<NodeConfig>, FormError> {
        self.configure.as_ref().and_then(|c| c.form.as_ref()).map(NodeConfig::from_form).transpose()
    }
}

/// `<pubsub><create node='..'/></pubsub>` in an iq `result` (§8.1.2): the
/// NodeID of an instant node (a service may also answer a creation with an
/// empty result).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, result, is_mine = has::<Create>)]
pub struct CreateResult {
    /// `<create/>`.
    #[payload(child)]
    pub create: Create,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl CreateResult {
    /// The node created as `node`.
    pub fn new(node: impl Into<String>) -> Self {
        CreateResult { create: Create { node: Some(node.into()), ..Create::default() }, ..Self::default() }
    }
}

/// `<pubsub><subscribe/><options/></pubsub>` in an iq `set` (§6.1.1,
/// §6.3.7): subscribe, optionally configuring the subscription.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, set, is_mine = has::<Subscribe>)]
pub struct SubscribeRequest {
    /// `<subscribe/>`.
    #[payload(child)]
    pub subscribe: Subscribe,
    /// `<options/>`: the subscription options, submitted.
    #[payload(child)]
    pub options: Option<Options>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl SubscribeRequest {
    /// Subscribes `jid` to `node`.
    pub fn new(node: impl Into<String>, jid: Jid) -> Self {
        SubscribeRequest {
            subscribe: Subscribe { node: Some(node.into()), jid: Some(jid), ..Subscribe::default() },
            ..Self::default()
        }
    }

    /// This request with subscription options (§6.3.7).
    pub fn with_options(mut self, options: &SubscriptionOptions) -> Self {
        self.options = Some(Options { form: Some(options.to_form(FormKind::Submit)), ..Options::default() });
        self
    }
}

/// `<pubsub><subscription/><options/></pubsub>` in an iq `result`: the
/// subscription made (§6.1.2, with its options, §6.3.7), or ended
/// (`subscription='none'`, §6.2.2).
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, result, is_mine = has::<Subscription>)]
pub struct SubscriptionResult {
    /// `<subscription/>`.
    #[payload(child)]
    pub subscription: Subscription,
    /// `<options/>`: the options in force (§6.3.7).
    #[payload(child)]
    pub options: Option<Options>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl SubscriptionResult {
    /// The result carrying `subscription`.
    pub fn new(subscription: Subscription) -> Self {
        SubscriptionResult { subscription, options: None, unknown: Unknown::new(), malformed: Vec::new() }
    }
}

/// `<pubsub><publish/><publish-options/></pubsub>` in an iq `set` (§7.1.1,
/// §7.1.5): publish an item, optionally with preconditions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, set, is_mine = has::<Publish>)]
pub struct PublishRequest {
    /// `<publish/>`.
    #[payload(child)]
    pub publish: Publish,
    /// `<publish-options/>`.
    #[payload(child)]
    pub publish_options: Option<PublishOptions>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl PublishRequest {
    /// Publishes `item` to `node`.
    pub fn new(node: impl Into<String>, item: Item) -> Self {
        PublishRequest {
            publish: Publish { node: node.into(), items: vec![item], ..Publish::default() },
            ..Self::default()
        }
    }

    /// This request with publishing options (§7.1.5), submitted.
    pub fn with_options(mut self, options: &PublishingOptions) -> Self {
        self.publish_options =
            Some(PublishOptions { form: Some(options.to_form(FormKind::Submit)), ..PublishOptions::default() });
        self
    }

    /// The publishing options, typed; `None` without them.
    pub fn options(&self) -> Result<Option<PublishingOptions>, FormError> {
        self.publish_options.as_ref().and_then(|o| o.form.as_ref()).map(PublishingOptions::from_form).transpose()
    }
}

/// `<pubsub><publish node='..'><item id='..'/></publish></pubsub>` in an iq
/// `result` (§7.1.2): the ids of the items published.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, result, is_mine = has::<Publish>)]
pub struct PublishResult {
    /// `<publish/>`.
    #[payload(child)]
    pub publish: Publish,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl PublishResult {
    /// Items `ids` published to `node`.
    pub fn new<I, S>(node: impl Into<String>, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let items = ids.into_iter().map(Item::id_only).collect();
        PublishResult { publish: Publish { node: node.into(), items, ..Publish::default() }, ..Self::default() }
    }

    /// The ids of the items published.
    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        self.publish.items.iter().filter_map(|i| i.id.as_deref())
    }
}

/// `<pubsub><retract/></pubsub>` in an iq `set` (§7.2.1): delete items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, set, is_mine = has::<Retract>)]
pub struct RetractRequest {
    /// `<retract/>`.
    #[payload(child)]
    pub retract: Retract,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl RetractRequest {
    /// Deletes item `id` of `node`, telling subscribers when `notify`.
    pub fn new(node: impl Into<String>, id: impl Into<String>, notify: bool) -> Self {
        RetractRequest {
            retract: Retract { node: node.into(), notify, items: vec![Item::id_only(id)], ..Retract::default() },
            ..Self::default()
        }
    }
}

/// `<pubsub><unsubscribe/></pubsub>` in an iq `set` (§6.2.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, set, is_mine = has::<Unsubscribe>)]
pub struct UnsubscribeRequest {
    /// `<unsubscribe/>`.
    #[payload(child)]
    pub unsubscribe: Unsubscribe,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl UnsubscribeRequest {
    /// Unsubscribes `jid` from `node` (subscription `subid`, when there are several).
    pub fn new(node: impl Into<String>, jid: Jid, subid: Option<String>) -> Self {
        UnsubscribeRequest {
            unsubscribe: Unsubscribe { node: Some(node.into()), jid: Some(jid), subid, unknown: Unknown::new() },
            ..Self::default()
        }
    }
}

/// `<pubsub><items/></pubsub>` in an iq `get` (§6.5): retrieve items; a
/// XEP-0059 `<set/>` beside `<items/>` pages through them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, get, is_mine = has::<Items>)]
pub struct ItemsRequest {
    /// `<items/>`.
    #[payload(child)]
    pub items: Items,
    /// A XEP-0059 `<set/>`: which page (§6.5.4).
    #[payload(child)]
    pub rsm: Option<crate::rsm::SetQuery>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl ItemsRequest {
    /// All the items of `node` (§6.5.2).
    pub fn new(node: impl Into<String>) -> Self {
        ItemsRequest { items: Items { node: node.into(), ..Items::default() }, ..Self::default() }
    }

    /// Only the `max` most recent (§6.5.7).
    pub fn with_max_items(mut self, max: u32) -> Self {
        self.items.max_items = Some(max);
        self
    }

    /// For subscription `subid` (§6.5.2).
    pub fn with_subid(mut self, subid: impl Into<String>) -> Self {
        self.items.subid = Some(subid.into());
        self
    }

    /// Only the item `id` (§6.5.8); called again, several.
    pub fn with_item(mut self, id: impl Into<String>) -> Self {
        self.items.items.push(Item::id_only(id));
        self
    }

    /// This request for a page (XEP-0059 §2.1; XEP-0060 §6.5.4).
    pub fn with_rsm(mut self, set: crate::rsm::SetQuery) -> Self {
        self.rsm = Some(set);
        self
    }
}

/// `<pubsub><items/></pubsub>` in an iq `result` (§6.5.3): the items; a
/// XEP-0059 `<set/>` says when they are a page of more (§6.5.4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, result, is_mine = has::<Items>)]
pub struct ItemsResult {
    /// `<items/>`.
    #[payload(child)]
    pub items: Items,
    /// A XEP-0059 `<set/>`: which page of how many this is (§6.5.4).
    #[payload(child)]
    pub rsm: Option<crate::rsm::SetResult>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl ItemsResult {
    /// `items` of `node`.
    pub fn new(node: impl Into<String>, items: Vec<Item>) -> Self {
        ItemsResult { items: Items { node: node.into(), items, ..Items::default() }, ..Self::default() }
    }

    /// This result as a page (XEP-0059 §2.1; XEP-0060 §6.5.4).
    pub fn with_rsm(mut self, set: crate::rsm::SetResult) -> Self {
        self.rsm = Some(set);
        self
    }
}

/// `<pubsub><subscriptions/></pubsub>` in an iq `get` (§5.6): the
/// requester's subscriptions (to `node`, or all).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, get, is_mine = has::<Subscriptions>)]
pub struct SubscriptionsRequest {
    /// `<subscriptions/>`.
    #[payload(child)]
    pub subscriptions: Subscriptions,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl SubscriptionsRequest {
    /// The subscriptions to `node`, or all (`None`).
    pub fn new(node: Option<String>) -> Self {
        SubscriptionsRequest { subscriptions: Subscriptions { node, ..Subscriptions::default() }, ..Self::default() }
    }
}

/// `<pubsub><subscriptions/></pubsub>` in an iq `result` (§5.6).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, result, is_mine = has::<Subscriptions>)]
pub struct SubscriptionsResult {
    /// `<subscriptions/>`.
    #[payload(child)]
    pub subscriptions: Subscriptions,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl SubscriptionsResult {
    /// The subscriptions (to `node`, when the request named one).
    pub fn new(node: Option<String>, subscriptions: Vec<Subscription>) -> Self {
        SubscriptionsResult {
            subscriptions: Subscriptions { node, subscriptions, ..Subscriptions::default() },
            ..Self::default()
        }
    }
}

/// `<pubsub><affiliations/></pubsub>` in an iq `get` (§5.7): the
/// requester's affiliations (with `node`, or all).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, get, is_mine = has::<Affiliations>)]
pub struct AffiliationsRequest {
    /// `<affiliations/>`.
    #[payload(child)]
    pub affiliations: Affiliations,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl AffiliationsRequest {
    /// The affiliation with `node`, or all (`None`).
    pub fn new(node: Option<String>) -> Self {
        AffiliationsRequest { affiliations: Affiliations { node, ..Affiliations::default() }, ..Self::default() }
    }
}

/// `<pubsub><affiliations/></pubsub>` in an iq `result` (§5.7); also the
/// notification of an affiliation change in a message (§8.9.4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, result, is_mine = has::<Affiliations>)]
pub struct AffiliationsResult {
    /// `<affiliations/>`.
    #[payload(child)]
    pub affiliations: Affiliations,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl AffiliationsResult {
    /// The affiliations.
    pub fn new(affiliations: Vec<NodeAffiliation>) -> Self {
        AffiliationsResult { affiliations: Affiliations { affiliations, ..Affiliations::default() }, ..Self::default() }
    }
}

/// `<pubsub><options/></pubsub>` in an iq `get` (§6.3.2): the options
/// form of a subscription.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, get, is_mine = options_alone)]
pub struct OptionsRequest {
    /// `<options/>`, without a form.
    #[payload(child)]
    pub options: Options,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl OptionsRequest {
    /// The options of the subscription of `jid` to `node` (`subid`, when there are several).
    pub fn new(node: impl Into<String>, jid: Jid, subid: Option<String>) -> Self {
        OptionsRequest {
            options: Options { node: Some(node.into()), jid: Some(jid), subid, ..Options::default() },
            ..Self::default()
        }
    }
}

/// `<pubsub><options/></pubsub>` in an iq `result` (§6.3.3): the options form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, result, is_mine = options_alone)]
pub struct OptionsResult {
    /// `<options/>`, with the form.
    #[payload(child)]
    pub options: Options,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl OptionsResult {
    /// The options `form` of the subscription of `jid` to `node`.
    pub fn new(node: impl Into<String>, jid: Jid, form: DataForm) -> Self {
        OptionsResult {
            options: Options { node: Some(node.into()), jid: Some(jid), form: Some(form), ..Options::default() },
            ..Self::default()
        }
    }
}

/// `<pubsub><options/></pubsub>` in an iq `set` (§6.3.5): the options
/// submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, set, is_mine = options_alone)]
pub struct OptionsSubmit {
    /// `<options/>`, with the submitted form.
    #[payload(child)]
    pub options: Options,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl OptionsSubmit {
    /// Submits `options` for the subscription of `jid` to `node`.
    pub fn new(node: impl Into<String>, jid: Jid, options: &SubscriptionOptions) -> Self {
        OptionsSubmit {
            options: Options {
                node: Some(node.into()),
                jid: Some(jid),
                form: Some(options.to_form(FormKind::Submit)),
                ..Options::default()
            },
            ..Self::default()
        }
    }
}

/// `<pubsub><default/></pubsub>` in an iq `get` (§6.4.1): the default
/// subscription options (of `node`, or of the service).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, get, is_mine = has::<DefaultOptions>)]
pub struct DefaultOptionsRequest {
    /// `<default/>`.
    #[payload(child)]
    pub default: DefaultOptions,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl DefaultOptionsRequest {
    /// The default options of `node`, or of the service (`None`).
    pub fn new(node: Option<String>) -> Self {
        DefaultOptionsRequest { default: DefaultOptions { node, ..DefaultOptions::default() }, ..Self::default() }
    }
}

/// `<pubsub><default/></pubsub>` in an iq `result` (§6.4.2): the default
/// subscription options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB, result, is_mine = has::<DefaultOptions>)]
pub struct DefaultOptionsResult {
    /// `<default/>`, with the form.
    #[payload(child)]
    pub default: DefaultOptions,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl DefaultOptionsResult {
    /// The default `options` (of `node`), as a result form.
    pub fn new(node: Option<String>, options: &SubscriptionOptions) -> Self {
        DefaultOptionsResult {
            default: DefaultOptions {
                node,
                form: Some(options.to_form(FormKind::Result)),
                ..DefaultOptions::default()
            },
            ..Self::default()
        }
    }
}

/// A request a pubsub service receives, in either namespace (`pubsub`,
/// `pubsub#owner`): what [`Request::from_iq`] reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Retrieve subscriptions (§5.6).
    Subscriptions(SubscriptionsRequest),
    /// Retrieve affiliations (§5.7).
    Affiliations(AffiliationsRequest),
    /// Retrieve a subscription's options form (§6.3.2).
    Options(OptionsRequest),
    /// Retrieve the default subscription options (§6.4).
    DefaultOptions(DefaultOptionsRequest),
    /// Retrieve items (§6.5).
    Items(ItemsRequest),
    /// Create a node (§8.1).
    Create(CreateRequest),
    /// Subscribe (§6.1).
    Subscribe(SubscribeRequest),
    /// Publish (§7.1).
    Publish(PublishRequest),
    /// Delete items (§7.2).
    Retract(RetractRequest),
    /// Unsubscribe (§6.2).
    Unsubscribe(UnsubscribeRequest),
    /// Submit a subscription's options (§6.3.5).
    SubmitOptions(OptionsSubmit),
    /// Retrieve a node's configuration form (§8.2.1).
    Configure(owner::ConfigureRequest),
    /// Retrieve the default node configuration (§8.3).
    Default(owner::DefaultRequest),
    /// Retrieve a node's subscriptions, as its owner (§8.8.1).
    OwnerSubscriptions(owner::SubscriptionsRequest),
    /// Retrieve a node's affiliations, as its owner (§8.9.1).
    OwnerAffiliations(owner::AffiliationsRequest),
    /// Submit (or cancel) a node's configuration (§8.2.4).
    SubmitConfiguration(owner::ConfigureSubmit),
    /// Delete a node (§8.4).
    Delete(owner::DeleteRequest),
    /// Purge a node's items (§8.5).
    Purge(owner::PurgeRequest),
    /// Modify subscriptions (§8.8.2).
    ModifySubscriptions(owner::ModifySubscriptions),
    /// Modify affiliations (§8.9.2).
    ModifyAffiliations(owner::ModifyAffiliations),
}

const GETS: &[&str] = &["items", "subscriptions", "affiliations", "options", "default"];
const SETS: &[&str] = &["create", "subscribe", "publish", "retract", "unsubscribe", "options"];
const RESULTS: &[&str] =
    &["create", "subscription", "publish", "items", "subscriptions", "affiliations", "options", "default"];
const OWNER_GETS: &[&str] = &["configure", "default", "subscriptions", "affiliations"];
const OWNER_SETS: &[&str] = &["configure", "delete", "purge", "subscriptions", "affiliations"];

/// The operation of a `<pubsub/>` element: the first of `names` (in their
/// order: `<create/>` before `<configure/>`) among its children in its
/// namespace; an error when it has none of them but one of `others` (an
/// operation of the other iq type), or none at all.
fn operation<'a>(element: &Element, names: &[&'a str], others: &[&str]) -> Result<&'a str, Error> {
    let ns = element.ns();
    if let Some(name) = names.iter().find(|n| element.has_child(n, ns)) {
        return Ok(name);
    }
    match element.children().find(|c| c.ns() == ns && others.contains(&c.name())) {
        Some(child) => Err(Error::UnexpectedChild { element: "pubsub", child: child.name().into(), ns: ns.into() }),
        None => Err(Error::MissingChild { element: "pubsub", child: "*" }),
    }
}

impl Request {
    /// Reads the request an iq `get` or `set` carries: `None` when it is
    /// not a request or carries no `<pubsub/>` of either namespace.
    ///
    /// # Errors
    /// The [`Error`] of the operation's element ([`Error::InvalidJid`]: the
    /// service answers `jid-malformed`; else `bad-request`, see
    /// [`Error::stanza_condition`]); [`Error::UnexpectedChild`] for an
    /// operation of the other iq type (`<items/>` in a `set`);
    /// [`Error::MissingChild`] (child `*`) for a `<pubsub/>` without one.
    pub fn from_iq(iq: &Iq) -> Option<Result<Request, Error>> {
        match &iq.kind {
            IqKind::Get(e) => Request::parse_get(e),
            IqKind::Set(e) => Request::parse_set(e),
            _ => None,
        }
    }

    /// Reads `element` as the payload of an iq `get`; `None` when it is not
    /// a `<pubsub/>` of either namespace.
    pub fn parse_get(element: &Element) -> Option<Result<Request, Error>> {
        if element.is("pubsub", ns::PUBSUB) {
            Some(operation(element, GETS, SETS).and_then(|op| match op {
                "items" => ItemsRequest::parse(element).map(Request::Items),
                "subscriptions" => SubscriptionsRequest::parse(element).map(Request::Subscriptions),
                "affiliations" => AffiliationsRequest::parse(element).map(Request::Affiliations),
                "options" => OptionsRequest::parse(element).map(Request::Options),
                _ => DefaultOptionsRequest::parse(element).map(Request::DefaultOptions),
            }))
        } else if element.is("pubsub", ns::PUBSUB_OWNER) {
            Some(operation(element, OWNER_GETS, OWNER_SETS).and_then(|op| match op {
                "configure" => owner::ConfigureRequest::parse(element).map(Request::Configure),
                "default" => owner::DefaultRequest::parse(element).map(Request::Default),
                "subscriptions" => owner::SubscriptionsRequest::parse(element).map(Request::OwnerSubscriptions),
                _ => owner::AffiliationsRequest::parse(element).map(Request::OwnerAffiliations),
            }))
        } else {
            None
        }
    }

    /// Reads `element` as the payload of an iq `set`; `None` when it is not
    /// a `<pubsub/>` of either namespace.
    pub fn parse_set(element: &Element) -> Option<Result<Request, Error>> {
        if element.is("pubsub", ns::PUBSUB) {
            Some(operation(element, SETS, GETS).and_then(|op| match op {
                "create" => CreateRequest::parse(element).map(Request::Create),
                "subscribe" => SubscribeRequest::parse(element).map(Request::Subscribe),
                "publish" => PublishRequest::parse(element).map(Request::Publish),
                "retract" => RetractRequest::parse(element).map(Request::Retract),
                "unsubscribe" => UnsubscribeRequest::parse(element).map(Request::Unsubscribe),
                _ => OptionsSubmit::parse(element).map(Request::SubmitOptions),
            }))
        } else if element.is("pubsub", ns::PUBSUB_OWNER) {
            Some(operation(element, OWNER_SETS, OWNER_GETS).and_then(|op| match op {
                "configure" => owner::ConfigureSubmit::parse(element).map(Request::SubmitConfiguration),
                "delete" => owner::DeleteRequest::parse(element).map(Request::Delete),
                "purge" => owner::PurgeRequest::parse(element).map(Request::Purge),
                "subscriptions" => owner::ModifySubscriptions::parse(element).map(Request::ModifySubscriptions),
                _ => owner::ModifyAffiliations::parse(element).map(Request::ModifyAffiliations),
            }))
        } else {
            None
        }
    }

    /// The request as an element (the `<pubsub/>` it came as, or is sent as).
    pub fn to_element(&self) -> Element {
        match self {
            Request::Subscriptions(r) => r.to_element(),
            Request::Affiliations(r) => r.to_element(),
            Request::Options(r) => r.to_element(),
            Request::DefaultOptions(r) => r.to_element(),
            Request::Items(r) => r.to_element(),
            Request::Create(r) => r.to_element(),
            Request::Subscribe(r) => r.to_element(),
            Request::Publish(r) => r.to_element(),
            Request::Retract(r) => r.to_element(),
            Request::Unsubscribe(r) => r.to_element(),
            Request::SubmitOptions(r) => r.to_element(),
            Request::Configure(r) => r.to_element(),
            Request::Default(r) => r.to_element(),
            Request::OwnerSubscriptions(r) => r.to_element(),
            Request::OwnerAffiliations(r) => r.to_element(),
            Request::SubmitConfiguration(r) => r.to_element(),
            Request::Delete(r) => r.to_element(),
            Request::Purge(r) => r.to_element(),
            Request::ModifySubscriptions(r) => r.to_element(),
            Request::ModifyAffiliations(r) => r.to_element(),
        }
    }

    /// Whether the request is one of an iq `set` (else of a `get`).
    pub fn is_set(&self) -> bool {
        matches!(
            self,
            Request::Create(_)
                | Request::Subscribe(_)
                | Request::Publish(_)
                | Request::Retract(_)
                | Request::Unsubscribe(_)
                | Request::SubmitOptions(_)
                | Request::SubmitConfiguration(_)
                | Request::Delete(_)
                | Request::Purge(_)
                | Request::ModifySubscriptions(_)
                | Request::ModifyAffiliations(_)
        )
    }

    /// The node the request is about, when it names one.
    pub fn node(&self) -> Option<&str> {
        match self {
            Request::Subscriptions(r) => r.subscriptions.node.as_deref(),
            Request::Affiliations(r) => r.affiliations.node.as_deref(),
            Request::Options(r) => r.options.node.as_deref(),
            Request::DefaultOptions(r) => r.default.node.as_deref(),
            Request::Items(r) => Some(&r.items.node),
            Request::Create(r) => r.create.node.as_deref(),
            Request::Subscribe(r) => r.subscribe.node.as_deref(),
            Request::Publish(r) => Some(&r.publish.node),
            Request::Retract(r) => Some(&r.retract.node),
            Request::Unsubscribe(r) => r.unsubscribe.node.as_deref(),
            Request::SubmitOptions(r) => r.options.node.as_deref(),
            Request::Configure(r) => r.configure.node.as_deref(),
            Request::Default(_) => None,
            Request::OwnerSubscriptions(r) => Some(&r.subscriptions.node),
            Request::OwnerAffiliations(r) => Some(&r.affiliations.node),
            Request::SubmitConfiguration(r) => r.configure.node.as_deref(),
            Request::Delete(r) => Some(&r.delete.node),
            Request::Purge(r) => Some(&r.purge.node),
            Request::ModifySubscriptions(r) => Some(&r.subscriptions.node),
            Request::ModifyAffiliations(r) => Some(&r.affiliations.node),
        }
    }

    /// The error a service answers this request with when it does not
    /// implement it: `feature-not-implemented` with
    /// `<unsupported feature='..'/>` naming [`feature`](Request::feature)
    /// (§5.6 to §8.9, e.g. Example 19).
    pub fn unsupported(&self) -> jabber_stanza::StanzaError {
        errors::Condition::unsupported(self.feature()).to_stanza_error()
    }

    /// The feature a service needs for this request (§10): what it names in
    /// `<unsupported feature='..'/>` when it has not got it
    /// ([`errors::Condition::unsupported`]).
    pub fn feature(&self) -> errors::Feature {
        use errors::Feature;
        match self {
            Request::Subscriptions(_) => Feature::RetrieveSubscriptions,
            Request::Affiliations(_) => Feature::RetrieveAffiliations,
            Request::Options(_) | Request::SubmitOptions(_) => Feature::SubscriptionOptions,
            Request::DefaultOptions(_) => Feature::RetrieveDefaultSub,
            Request::Items(_) => Feature::RetrieveItems,
            Request::Create(r) if r.configure.is_some() => Feature::CreateAndConfigure,
            Request::Create(r) if r.create.node.is_none() => Feature::InstantNodes,
            Request::Create(_) => Feature::CreateNodes,
            Request::Subscribe(_) | Request::Unsubscribe(_) => Feature::Subscribe,
            Request::Publish(r) if r.publish_options.is_some() => Feature::PublishOptions,
            Request::Publish(_) => Feature::Publish,
            Request::Retract(_) => Feature::DeleteItems,
            Request::Configure(_) | Request::SubmitConfiguration(_) => Feature::ConfigNode,
            Request::Default(_) => Feature::RetrieveDefault,
            Request::OwnerSubscriptions(_) | Request::ModifySubscriptions(_) => Feature::ManageSubscriptions,
            Request::OwnerAffiliations(_) | Request::ModifyAffiliations(_) => Feature::ModifyAffiliations,
            Request::Delete(_) => Feature::DeleteNodes,
            Request::Purge(_) => Feature::PurgeNodes,
        }
    }
}

/// A result of a pubsub request, in either namespace: what
/// [`Response::from_iq`] reads (for a client that knows what it asked,
/// `iq.payload::<ItemsResult>()` and the like are simpler).
// Unboxed so that a result matches as the type it is; it lives as long as an iq.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// The NodeID of an instant node (§8.1.2).
    Create(CreateResult),
    /// A subscription made or ended (§6.1.2, §6.2.2).
    Subscription(SubscriptionResult),
    /// The ids of items published (§7.1.2).
    Publish(PublishResult),
    /// Items (§6.5.3).
    Items(ItemsResult),
    /// Subscriptions (§5.6).
    Subscriptions(SubscriptionsResult),
    /// Affiliations (§5.7).
    Affiliations(AffiliationsResult),
    /// A subscription's options form (§6.3.3).
    Options(OptionsResult),
    /// The default subscription options (§6.4.2).
    DefaultOptions(DefaultOptionsResult),
    /// A node's configuration form (§8.2.2).
    Configure(owner::ConfigureResult),
    /// The default node configuration (§8.3.3).
    Default(owner::DefaultResult),
    /// A node's subscriptions (§8.8.1.2).
    OwnerSubscriptions(owner::SubscriptionsResult),
    /// A node's affiliations (§8.9.1.2).
    OwnerAffiliations(owner::AffiliationsResult),
}

impl Response {
    /// Reads the payload of an iq `result`: `None` when there is none or it
    /// is not a `<pubsub/>` of either namespace (many requests are answered
    /// with an empty result).
    pub fn from_iq(iq: &Iq) -> Option<Result<Response, Error>> {
        match &iq.kind {
            IqKind::Result(Some(e)) => Response::parse(e),
            _ => None,
        }
    }

    /// The result as an element.
    pub fn to_element(&self) -> Element {
        match self {
            Response::Create(r) => r.to_element(),
            Response::Subscription(r) => r.to_element(),
            Response::Publish(r) => r.to_element(),
            Response::Items(r) => r.to_element(),
            Response::Subscriptions(r) => r.to_element(),
            Response::Affiliations(r) => r.to_element(),
            Response::Options(r) => r.to_element(),
            Response::DefaultOptions(r) => r.to_element(),
            Response::Configure(r) => r.to_element(),
            Response::Default(r) => r.to_element(),
            Response::OwnerSubscriptions(r) => r.to_element(),
            Response::OwnerAffiliations(r) => r.to_element(),
        }
    }

    /// Reads `element` as a result; `None` when it is not a `<pubsub/>` of
    /// either namespace. Errors as [`Request::from_iq`]'s.
    pub fn parse(element: &Element) -> Option<Result<Response, Error>> {
        if element.is("pubsub", ns::PUBSUB) {
            Some(operation(element, RESULTS, &[]).and_then(|op| match op {
                "create" => CreateResult::parse(element).map(Response::Create),
                "subscription" => SubscriptionResult::parse(element).map(Response::Subscription),
                "publish" => PublishResult::parse(element).map(Response::Publish),
                "items" => ItemsResult::parse(element).map(Response::Items),
                "subscriptions" => SubscriptionsResult::parse(element).map(Response::Subscriptions),
                "affiliations" => AffiliationsResult::parse(element).map(Response::Affiliations),
                "options" => OptionsResult::parse(element).map(Response::Options),
                _ => DefaultOptionsResult::parse(element).map(Response::DefaultOptions),
            }))
        } else if element.is("pubsub", ns::PUBSUB_OWNER) {
            Some(operation(element, OWNER_GETS, &[]).and_then(|op| match op {
                "configure" => owner::ConfigureResult::parse(element).map(Response::Configure),
                "default" => owner::DefaultResult::parse(element).map(Response::Default),
                "subscriptions" => owner::SubscriptionsResult::parse(element).map(Response::OwnerSubscriptions),
                _ => owner::AffiliationsResult::parse(element).map(Response::OwnerAffiliations),
            }))
        } else {
            None
        }
    }
}

/// An iq `set` publishing `item` to `node` at `service` (§7.1.1), with
/// publishing options when given (§7.1.5).
pub fn publish(
    id: impl Into<String>,
    service: Jid,
    node: impl Into<String>,
    item: Item,
    options: Option<&PublishingOptions>,
) -> Iq {
    let mut request = PublishRequest::new(node, item);
    if let Some(options) = options {
        request = request.with_options(options);
    }
    Iq::set(id, &request).with_to(service)
}

/// An iq `set` subscribing `jid` to `node` at `service` (§6.1.1).
pub fn subscribe(id: impl Into<String>, service: Jid, node: impl Into<String>, jid: Jid) -> Iq {
    Iq::set(id, &SubscribeRequest::new(node, jid)).with_to(service)
}

/// An iq `set` unsubscribing `jid` from `node` at `service` (§6.2.1).
pub fn unsubscribe(
    id: impl Into<String>,
    service: Jid,
    node: impl Into<String>,
    jid: Jid,
    subid: Option<String>,
) -> Iq {
    Iq::set(id, &UnsubscribeRequest::new(node, jid, subid)).with_to(service)
}

/// An iq `set` deleting item `item_id` of `node` at `service`, telling
/// subscribers when `notify` (§7.2.1).
pub fn retract(
    id: impl Into<String>,
    service: Jid,
    node: impl Into<String>,
    item_id: impl Into<String>,
    notify: bool,
) -> Iq {
    Iq::set(id, &RetractRequest::new(node, item_id, notify)).with_to(service)
}

/// An iq `get` retrieving the items of `node` at `service` (§6.5.2), the
/// most recent `max_items` when given (§6.5.7).
pub fn items(id: impl Into<String>, service: Jid, node: impl Into<String>, max_items: Option<u32>) -> Iq {
    let mut request = ItemsRequest::new(node);
    request.items.max_items = max_items;
    Iq::get(id, &request).with_to(service)
}

/// An iq `set` creating `node` at `service` (an instant node for `None`),
/// with `config` when given (§8.1).
pub fn create(id: impl Into<String>, service: Jid, node: Option<String>, config: Option<&NodeConfig>) -> Iq {
    let mut request = match node {
        Some(node) => CreateRequest::new(node),
        None => CreateRequest::instant(),
    };
    if let Some(config) = config {
        request = request.with_config(config);
    }
    Iq::set(id, &request).with_to(service)
}
