//! `http://jabber.org/protocol/pubsub#errors` (XEP-0060 §5 to §8, §11,
//! schema §17.2): the application-specific conditions of pubsub errors,
//! carried beside the defined condition of a
//! [`StanzaError`] (RFC 6120 §8.3.4) as its
//! [`app_condition`](jabber_stanza::StanzaError::app_condition).
//!
//! [`Condition`] is every condition of the XEP (and keeps any other of
//! the namespace); [`Feature`] is every pubsub feature (§10), what
//! `<unsupported feature='..'/>` names and what disco#info advertises.
//!
//! ```
//! use jabber_ext::pubsub::errors::{Condition, Feature};
//! use jabber_stanza::{DefinedCondition, ErrorType};
//!
//! // XEP-0060 Example 19: retrieving subscriptions is not supported.
//! let error = Condition::unsupported(Feature::RetrieveSubscriptions).to_stanza_error();
//! assert_eq!(error.condition, DefinedCondition::FeatureNotImplemented);
//! assert_eq!(error.kind, ErrorType::Cancel);
//! assert_eq!(
//!     Condition::from_stanza_error(&error),
//!     Some(Ok(Condition::Unsupported { feature: Feature::RetrieveSubscriptions }))
//! );
//! ```

use std::borrow::Cow;

use jabber_stanza::{DefinedCondition, Error, ErrorType, Payload, StanzaError, Value};
use jabber_stream::Element;

use crate::ns;

/// A pubsub feature (§10, registry §16.3): the `feature` of
/// `<unsupported/>`, and, prefixed by `http://jabber.org/protocol/pubsub#`
/// ([`var`](Feature::var)), a disco#info feature.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum Feature {
    /// `access-authorize`: the default access model is `authorize`.
    AccessAuthorize,
    /// `access-open`: the default access model is `open`.
    AccessOpen,
    /// `access-presence`: the default access model is `presence`.
    AccessPresence,
    /// `access-roster`: the default access model is `roster`.
    AccessRoster,
    /// `access-whitelist`: the default access model is `whitelist`.
    AccessWhitelist,
    /// `auto-create`: publishing to a node that does not exist creates it.
    AutoCreate,
    /// `auto-subscribe`: presence subscribers are subscribed.
    AutoSubscribe,
    /// `collections`: collection nodes (XEP-0248).
    Collections,
    /// `config-node`: node configuration.
    ConfigNode,
    /// `create-and-configure`: creation with a configuration.
    CreateAndConfigure,
    /// `create-nodes`: node creation.
    CreateNodes,
    /// `delete-items`: item deletion.
    DeleteItems,
    /// `delete-nodes`: node deletion.
    DeleteNodes,
    /// `filtered-notifications`: notifications filtered by caps (`+notify`).
    FilteredNotifications,
    /// `get-pending`: retrieval of pending subscription approvals.
    GetPending,
    /// `instant-nodes`: creation of instant nodes.
    InstantNodes,
    /// `item-ids`: publishers may name items.
    ItemIds,
    /// `last-published`: the last item is sent to new subscribers.
    LastPublished,
    /// `leased-subscription`: time-based subscriptions.
    LeasedSubscription,
    /// `manage-subscriptions`: owners manage subscriptions.
    ManageSubscriptions,
    /// `member-affiliation`.
    MemberAffiliation,
    /// `meta-data`: node metadata.
    MetaData,
    /// `modify-affiliations`: owners manage affiliations.
    ModifyAffiliations,
    /// `multi-collection`: a node in several collections.
    MultiCollection,
    /// `multi-items`: several items per node.
    MultiItems,
    /// `multi-subscribe`: several subscriptions per entity.
    MultiSubscribe,
    /// `outcast-affiliation`.
    OutcastAffiliation,
    /// `persistent-items`.
    PersistentItems,
    /// `presence-notifications`: presence-based delivery.
    PresenceNotifications,
    /// `presence-subscribe`: contacts are subscribed to a user's service.
    PresenceSubscribe,
    /// `publish`.
    Publish,
    /// `publish-options`.
    PublishOptions,
    /// `publish-only-affiliation`.
    PublishOnlyAffiliation,
    /// `publisher-affiliation`.
    PublisherAffiliation,
    /// `publish-node-full`: the behaviour on a full node is configurable.
    PublishNodeFull,
    /// `purge-nodes`.
    PurgeNodes,
    /// `retract-items`.
    RetractItems,
    /// `retrieve-affiliations`.
    RetrieveAffiliations,
    /// `retrieve-default`: the default node configuration.
    RetrieveDefault,
    /// `retrieve-default-sub`: the default subscription options.
    RetrieveDefaultSub,
    /// `retrieve-items`.
    RetrieveItems,
    /// `retrieve-subscriptions`.
    RetrieveSubscriptions,
    /// `rsm`: XEP-0059 paging of items (§6.5.4).
    Rsm,
    /// `subscribe`: subscribing and unsubscribing.
    Subscribe,
    /// `subscription-options`.
    SubscriptionOptions,
    /// `subscription-notifications`: subscription state changes are notified.
    SubscriptionNotifications,
    /// A feature the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

impl Feature {
    /// The disco#info feature: `http://jabber.org/protocol/pubsub#` and the name (§16.3).
    pub fn var(&self) -> String {
        format!("{}#{}", ns::PUBSUB, self.to_value())
    }

    /// The feature a disco#info `var` names; `None` when it is not one of
    /// `http://jabber.org/protocol/pubsub#...`.
    pub fn from_var(var: &str) -> Option<Feature> {
        let name = var.strip_prefix(ns::PUBSUB)?.strip_prefix('#')?;
        Feature::from_value(name).ok()
    }

    /// The name, as `<unsupported feature='..'/>` has it.
    pub fn name(&self) -> Cow<'_, str> {
        self.to_value()
    }
}

/// An application-specific condition of the `pubsub#errors` namespace
/// (§5 to §8; schema §17.2), each beside the defined condition the XEP
/// pairs it with ([`defined_condition`](Condition::defined_condition)).
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(ns = ns::PUBSUB_ERRORS)]
pub enum Condition {
    /// `<closed-node/>`: the node's access model is `whitelist` (§6.1.3.4, §6.5.9.8).
    ClosedNode,
    /// `<configuration-required/>`: subscribe with options (§6.1.5).
    ConfigurationRequired,
    /// `<invalid-jid/>`: the subscriber's JID is not the requester's (§6.1.3.1).
    InvalidJid,
    /// `<invalid-options/>`: the options form is not acceptable (§6.3.6.2).
    InvalidOptions,
    /// `<invalid-payload/>`: several payloads, or the wrong namespace (§7.1.3.6).
    InvalidPayload,
    /// `<invalid-subid/>`: no such SubID (§6.2.3.5, §6.3.4.5, §6.5.9.2).
    InvalidSubid,
    /// `<item-forbidden/>`: an item to a transient notification node (§7.1.3.7).
    ItemForbidden,
    /// `<item-required/>`: an item is needed (§7.1.3.7, §7.2.3.4).
    ItemRequired,
    /// `<jid-required/>`: the subscriber's JID is missing (§6.3.4.3).
    JidRequired,
    /// `<max-items-exceeded/>`: a batch larger than the node takes (§12.11).
    MaxItemsExceeded,
    /// `<max-nodes-exceeded/>`: too many nodes (schema).
    MaxNodesExceeded,
    /// `<node-full/>`: the node is full and rejects new items (§7.1.3.4).
    NodeFull,
    /// `<nodeid-required/>`: the request names no node (§7.2.3.3, §8.1.1, §8.2.3.3).
    NodeidRequired,
    /// `<not-in-roster-group/>`: the `roster` access model (§6.1.3.3).
    NotInRosterGroup,
    /// `<not-subscribed/>`: the requester is not subscribed (§6.2.3.2, §6.3.4.2, §6.5.9.3).
    NotSubscribed,
    /// `<payload-too-big/>`: over `pubsub#max_payload_size` (§7.1.3.5).
    PayloadTooBig,
    /// `<payload-required/>`: a payload node published to without one (§7.1.3.7).
    PayloadRequired,
    /// `<pending-subscription/>`: a subscription awaits approval (§6.1.3.7).
    PendingSubscription,
    /// `<precondition-not-met/>`: a publishing option is not met (§7.1.5).
    PreconditionNotMet,
    /// `<presence-subscription-required/>`: the `presence` access model (§6.1.3.2).
    PresenceSubscriptionRequired,
    /// `<subid-required/>`: several subscriptions and no SubID (§6.2.3.1).
    SubidRequired,
    /// `<too-many-subscriptions/>`: a limit reached (§6.1.3.9).
    TooManySubscriptions,
    /// `<unsupported feature='..'/>`: the feature is not implemented.
    Unsupported {
        /// `feature`.
        #[payload(attr)]
        feature: Feature,
    },
    /// `<unsupported-access-model/>`: the requested access model (§8.1.2).
    UnsupportedAccessModel,
    /// Another element of the namespace, kept.
    #[payload(other)]
    Other(Element),
}

impl Condition {
    /// `<unsupported feature='..'/>`.
    pub fn unsupported(feature: Feature) -> Condition {
        Condition::Unsupported { feature }
    }

    /// The defined condition (RFC 6120 §8.3.3) the XEP pairs with this one.
    /// Where the XEP uses two, the first named: `<nodeid-required/>` is
    /// `bad-request` (§7.2.3.3) except when creating an instant node
    /// (`not-acceptable`, §8.1.1); `<not-subscribed/>` is
    /// `unexpected-request` (§6.2.3.2) except when retrieving items
    /// (`not-authorized`, §6.5.9.3). The XEP names none for
    /// `<max-nodes-exceeded/>`: `not-allowed`, as for
    /// `<max-items-exceeded/>`. Another condition: `undefined-condition`.
    pub fn defined_condition(&self) -> DefinedCondition {
        use Condition::*;
        match self {
            InvalidJid | InvalidOptions | InvalidPayload | ItemForbidden | ItemRequired | JidRequired
            | NodeidRequired | PayloadRequired | SubidRequired => DefinedCondition::BadRequest,
            ConfigurationRequired | InvalidSubid | PayloadTooBig | UnsupportedAccessModel => {
                DefinedCondition::NotAcceptable
            }
            ClosedNode | MaxItemsExceeded | MaxNodesExceeded => DefinedCondition::NotAllowed,
            NodeFull | PreconditionNotMet => DefinedCondition::Conflict,
            NotInRosterGroup | PendingSubscription | PresenceSubscriptionRequired => DefinedCondition::NotAuthorized,
            NotSubscribed => DefinedCondition::UnexpectedRequest,
            TooManySubscriptions => DefinedCondition::PolicyViolation,
            Unsupported { .. } => DefinedCondition::FeatureNotImplemented,
            Other(_) => DefinedCondition::UndefinedCondition,
        }
    }

    /// The error type the XEP's examples give (the defined condition's
    /// usual type, but `wait` for `<too-many-subscriptions/>`, Example 38,
    /// and `cancel` for `<not-subscribed/>`, Example 50).
    pub fn error_type(&self) -> ErrorType {
        match self {
            Condition::TooManySubscriptions => ErrorType::Wait,
            Condition::NotSubscribed => ErrorType::Cancel,
            other => other.defined_condition().default_type(),
        }
    }

    /// The stanza error carrying this condition with the defined condition
    /// and type the XEP gives it.
    pub fn to_stanza_error(&self) -> StanzaError {
        self.with(self.defined_condition())
    }

    /// The stanza error carrying this condition beside `condition` (for
    /// the cases where the XEP pairs it otherwise), of that condition's type.
    pub fn with(&self, condition: DefinedCondition) -> StanzaError {
        let kind = if condition == self.defined_condition() { self.error_type() } else { condition.default_type() };
        StanzaError::new(condition).with_type(kind).with_app_condition(self.to_element())
    }

    /// The pubsub condition of a stanza error: `None` when its application
    /// condition is not one of `pubsub#errors` (or it has none).
    pub fn from_stanza_error(error: &StanzaError) -> Option<Result<Condition, Error>> {
        error.app_condition.as_deref().and_then(Condition::try_parse)
    }
}
