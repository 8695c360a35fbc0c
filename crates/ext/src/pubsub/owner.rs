//! `http://jabber.org/protocol/pubsub#owner` (XEP-0060 §8): what a node's
//! owner does: configure it ([`ConfigureRequest`], [`ConfigureSubmit`]),
//! read the default configuration ([`DefaultRequest`]), delete it
//! ([`DeleteRequest`], with a redirection), purge its items
//! ([`PurgeRequest`]), and manage its subscriptions and affiliations
//! ([`SubscriptionsRequest`], [`ModifySubscriptions`],
//! [`AffiliationsRequest`], [`ModifyAffiliations`]), with their results.
//!
//! ```
//! use jabber_ext::pubsub::owner::{DeleteRequest, ModifyAffiliations, EntityAffiliation};
//! use jabber_ext::pubsub::{Affiliation, Request};
//! use jabber_stanza::Iq;
//!
//! // XEP-0060 Example 158: delete a node, redirecting its subscribers.
//! let iq = Iq::set("delete1", &DeleteRequest::new("princely_musings").with_redirect("xmpp:hamlet@denmark.lit?;node=blog"));
//! let Some(Ok(Request::Delete(delete))) = Request::from_iq(&iq) else { panic!() };
//! assert_eq!(delete.delete.redirect.as_deref(), Some("xmpp:hamlet@denmark.lit?;node=blog"));
//!
//! // XEP-0060 Example 202: make bard a publisher.
//! let change = ModifyAffiliations::new("princely_musings", vec![
//!     EntityAffiliation::new("bard@shakespeare.lit".parse()?, Affiliation::Publisher),
//! ]);
//! assert_eq!(change.affiliations.affiliations[0].affiliation, Affiliation::Publisher);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use jabber_jid::Jid;
use jabber_stanza::{Error, Payload, Unknown};

use super::config::NodeConfig;
use super::{Affiliation, NodeType, SubscriptionState, has};
use crate::form_type::TypedForm;
use crate::forms::{DataForm, FormError, FormKind};
use crate::ns;

/// `<configure node='..'/>` in `pubsub#owner` (§8.2): a node's
/// configuration form, requested (no form), sent (`form`), submitted
/// (`submit`) or cancelled (`cancel`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "configure", ns = ns::PUBSUB_OWNER)]
pub struct Configure {
    /// `node`.
    #[payload(attr)]
    pub node: Option<String>,
    /// The `pubsub#node_config` form.
    #[payload(child)]
    pub form: Option<DataForm>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Configure {
    /// The form's configuration, typed; `None` without a form.
    pub fn config(&self) -> Result<Option<NodeConfig>, FormError> {
        self.form.as_ref().map(NodeConfig::from_form).transpose()
    }
}

/// `<default type='..'/>` in `pubsub#owner` (§8.3): the default node
/// configuration (of leaf nodes, or of collections).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "default", ns = ns::PUBSUB_OWNER)]
pub struct DefaultConfig {
    /// `type` (absent: `leaf`, see [`node_type`](DefaultConfig::node_type)).
    #[payload(attr = "type")]
    pub kind: Option<NodeType>,
    /// The `pubsub#node_config` form (in a result).
    #[payload(child)]
    pub form: Option<DataForm>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl DefaultConfig {
    /// The type of node whose defaults these are (`leaf` by default).
    pub fn node_type(&self) -> &NodeType {
        self.kind.as_ref().unwrap_or(&NodeType::Leaf)
    }
}

/// `<delete node='..'><redirect uri='..'/></delete>` in `pubsub#owner` (§8.4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "delete", ns = ns::PUBSUB_OWNER)]
pub struct Delete {
    /// `node`.
    #[payload(attr)]
    pub node: String,
    /// `<redirect uri='..'/>`: where the subscribers should go (§8.4.1).
    #[payload(child_attr = "redirect", attr = "uri")]
    pub redirect: Option<String>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// `<purge node='..'/>` in `pubsub#owner` (§8.5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "purge", ns = ns::PUBSUB_OWNER)]
pub struct Purge {
    /// `node`.
    #[payload(attr)]
    pub node: String,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
}

/// `<subscription jid='..' subscription='..'/>` in `pubsub#owner` (§8.8):
/// an entity's subscription to the node.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "subscription", ns = ns::PUBSUB_OWNER)]
pub struct EntitySubscription {
    /// `jid`: the subscriber.
    #[payload(attr)]
    pub jid: Jid,
    /// `subscription`: the state.
    #[payload(attr)]
    pub subscription: SubscriptionState,
    /// `subid`: which subscription (not in the schema; Example 185).
    #[payload(attr)]
    pub subid: Option<String>,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
}

impl EntitySubscription {
    /// `jid` in `state`.
    pub fn new(jid: Jid, state: SubscriptionState) -> Self {
        EntitySubscription { jid, subscription: state, subid: None, unknown: Unknown::new() }
    }
}

/// `<subscriptions node='..'/>` in `pubsub#owner` (§8.8).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "subscriptions", ns = ns::PUBSUB_OWNER)]
pub struct Subscriptions {
    /// `node`.
    #[payload(attr)]
    pub node: String,
    /// The subscriptions (none in a request).
    #[payload(child)]
    pub subscriptions: Vec<EntitySubscription>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// `<affiliation jid='..' affiliation='..'/>` in `pubsub#owner` (§8.9): an
/// entity's affiliation with the node.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "affiliation", ns = ns::PUBSUB_OWNER)]
pub struct EntityAffiliation {
    /// `jid`.
    #[payload(attr)]
    pub jid: Jid,
    /// `affiliation`.
    #[payload(attr)]
    pub affiliation: Affiliation,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
}

impl EntityAffiliation {
    /// `jid` with `affiliation`.
    pub fn new(jid: Jid, affiliation: Affiliation) -> Self {
        EntityAffiliation { jid, affiliation, unknown: Unknown::new() }
    }
}

/// `<affiliations node='..'/>` in `pubsub#owner` (§8.9).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "affiliations", ns = ns::PUBSUB_OWNER)]
pub struct Affiliations {
    /// `node`.
    #[payload(attr)]
    pub node: String,
    /// The affiliations (none in a request).
    #[payload(child)]
    pub affiliations: Vec<EntityAffiliation>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// `<pubsub><configure/></pubsub>` in an iq `get` (§8.2.1): the node's
/// configuration form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB_OWNER, get, is_mine = has::<Configure>)]
pub struct ConfigureRequest {
    /// `<configure/>`, without a form.
    #[payload(child)]
    pub configure: Configure,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl ConfigureRequest {
    /// The configuration form of `node`.
    pub fn new(node: impl Into<String>) -> Self {
        ConfigureRequest { configure: Configure { node: Some(node.into()), ..Configure::default() }, ..Self::default() }
    }
}

/// `<pubsub><configure/></pubsub>` in an iq `result` (§8.2.2): the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB_OWNER, result, is_mine = has::<Configure>)]
pub struct ConfigureResult {
    /// `<configure/>`, with the form.
    #[payload(child)]
    pub configure: Configure,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl ConfigureResult {
    /// The configuration form `form` of `node` (see
    /// [`NodeConfig::to_form`](TypedForm::to_form) with [`FormKind::Form`]).
    pub fn new(node: impl Into<String>, form: DataForm) -> Self {
        ConfigureResult {
            configure: Configure { node: Some(node.into()), form: Some(form), ..Configure::default() },
            ..Self::default()
        }
    }
}

/// `<pubsub><configure/></pubsub>` in an iq `set` (§8.2.4): the
/// configuration submitted, or the configuration process cancelled.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB_OWNER, set, is_mine = has::<Configure>)]
pub struct ConfigureSubmit {
    /// `<configure/>`, with a `submit` or `cancel` form.
    #[payload(child)]
    pub configure: Configure,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl ConfigureSubmit {
    /// Submits `config` for `node`.
    pub fn new(node: impl Into<String>, config: &NodeConfig) -> Self {
        ConfigureSubmit {
            configure: Configure {
                node: Some(node.into()),
                form: Some(config.to_form(FormKind::Submit)),
                ..Configure::default()
            },
            ..Self::default()
        }
    }

    /// Cancels the configuration of `node` (§8.2.4, Example 147).
    pub fn cancel(node: impl Into<String>) -> Self {
        ConfigureSubmit {
            configure: Configure {
                node: Some(node.into()),
                form: Some(DataForm::new(FormKind::Cancel)),
                ..Configure::default()
            },
            ..Self::default()
        }
    }

    /// Whether this cancels the configuration process.
    pub fn is_cancel(&self) -> bool {
        self.configure.form.as_ref().is_some_and(|f| f.kind == FormKind::Cancel)
    }
}

/// `<pubsub><default/></pubsub>` in an iq `get` (§8.3.1): the default node
/// configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB_OWNER, get, is_mine = has::<DefaultConfig>)]
pub struct DefaultRequest {
    /// `<default/>`.
    #[payload(child)]
    pub default: DefaultConfig,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl DefaultRequest {
    /// The defaults of nodes of `kind` (`None`: leaf nodes, the attribute left out).
    pub fn new(kind: Option<NodeType>) -> Self {
        DefaultRequest { default: DefaultConfig { kind, ..DefaultConfig::default() }, ..Self::default() }
    }
}

/// `<pubsub><default/></pubsub>` in an iq `result` (§8.3.3): the default
/// node configuration, as a form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB_OWNER, result, is_mine = has::<DefaultConfig>)]
pub struct DefaultResult {
    /// `<default/>`, with the form.
    #[payload(child)]
    pub default: DefaultConfig,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl DefaultResult {
    /// The default configuration `config`, as a form to fill.
    pub fn new(config: &NodeConfig) -> Self {
        DefaultResult {
            default: DefaultConfig { form: Some(config.to_form(FormKind::Form)), ..DefaultConfig::default() },
            ..Self::default()
        }
    }

    /// The default configuration, typed; `None` without a form.
    pub fn config(&self) -> Result<Option<NodeConfig>, FormError> {
        self.default.form.as_ref().map(NodeConfig::from_form).transpose()
    }
}

/// `<pubsub><delete/></pubsub>` in an iq `set` (§8.4.1): delete a node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB_OWNER, set, is_mine = has::<Delete>)]
pub struct DeleteRequest {
    /// `<delete/>`.
    #[payload(child)]
    pub delete: Delete,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl DeleteRequest {
    /// Deletes `node`.
    pub fn new(node: impl Into<String>) -> Self {
        DeleteRequest { delete: Delete { node: node.into(), ..Delete::default() }, ..Self::default() }
    }

    /// Redirects the subscribers to `uri` (an XMPP URI of another node, §8.4.1).
    pub fn with_redirect(mut self, uri: impl Into<String>) -> Self {
        self.delete.redirect = Some(uri.into());
        self
    }
}

/// `<pubsub><purge/></pubsub>` in an iq `set` (§8.5.1): delete every item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB_OWNER, set, is_mine = has::<Purge>)]
pub struct PurgeRequest {
    /// `<purge/>`.
    #[payload(child)]
    pub purge: Purge,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl PurgeRequest {
    /// Purges `node`.
    pub fn new(node: impl Into<String>) -> Self {
        PurgeRequest { purge: Purge { node: node.into(), unknown: Unknown::new() }, ..Self::default() }
    }
}

/// `<pubsub><subscriptions/></pubsub>` in an iq `get` (§8.8.1): the node's
/// subscriptions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB_OWNER, get, is_mine = has::<Subscriptions>)]
pub struct SubscriptionsRequest {
    /// `<subscriptions/>`, empty.
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
    /// The subscriptions to `node`.
    pub fn new(node: impl Into<String>) -> Self {
        SubscriptionsRequest {
            subscriptions: Subscriptions { node: node.into(), ..Subscriptions::default() },
            ..Self::default()
        }
    }
}

/// `<pubsub><subscriptions/></pubsub>` in an iq `result` (§8.8.1.2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB_OWNER, result, is_mine = has::<Subscriptions>)]
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
    /// The `subscriptions` to `node`.
    pub fn new(node: impl Into<String>, subscriptions: Vec<EntitySubscription>) -> Self {
        SubscriptionsResult {
            subscriptions: Subscriptions { node: node.into(), subscriptions, ..Subscriptions::default() },
            ..Self::default()
        }
    }
}

/// `<pubsub><subscriptions/></pubsub>` in an iq `set` (§8.8.2): change
/// subscriptions (`none` removes one); also what an error echoes (§8.8.2.4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB_OWNER, set, is_mine = has::<Subscriptions>)]
pub struct ModifySubscriptions {
    /// `<subscriptions/>`, with the changes.
    #[payload(child)]
    pub subscriptions: Subscriptions,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl ModifySubscriptions {
    /// Sets `subscriptions` on `node`.
    pub fn new(node: impl Into<String>, subscriptions: Vec<EntitySubscription>) -> Self {
        ModifySubscriptions {
            subscriptions: Subscriptions { node: node.into(), subscriptions, ..Subscriptions::default() },
            ..Self::default()
        }
    }
}

/// `<pubsub><affiliations/></pubsub>` in an iq `get` (§8.9.1): the node's
/// affiliations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB_OWNER, get, is_mine = has::<Affiliations>)]
pub struct AffiliationsRequest {
    /// `<affiliations/>`, empty.
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
    /// The affiliations with `node`.
    pub fn new(node: impl Into<String>) -> Self {
        AffiliationsRequest {
            affiliations: Affiliations { node: node.into(), ..Affiliations::default() },
            ..Self::default()
        }
    }
}

/// `<pubsub><affiliations/></pubsub>` in an iq `result` (§8.9.1.2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB_OWNER, result, is_mine = has::<Affiliations>)]
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
    /// The `affiliations` with `node`.
    pub fn new(node: impl Into<String>, affiliations: Vec<EntityAffiliation>) -> Self {
        AffiliationsResult {
            affiliations: Affiliations { node: node.into(), affiliations, ..Affiliations::default() },
            ..Self::default()
        }
    }
}

/// `<pubsub><affiliations/></pubsub>` in an iq `set` (§8.9.2): change
/// affiliations (`none` removes one); also what an error echoes (§8.9.2.4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "pubsub", ns = ns::PUBSUB_OWNER, set, is_mine = has::<Affiliations>)]
pub struct ModifyAffiliations {
    /// `<affiliations/>`, with the changes.
    #[payload(child)]
    pub affiliations: Affiliations,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl ModifyAffiliations {
    /// Sets `affiliations` on `node`.
    pub fn new(node: impl Into<String>, affiliations: Vec<EntityAffiliation>) -> Self {
        ModifyAffiliations {
            affiliations: Affiliations { node: node.into(), affiliations, ..Affiliations::default() },
            ..Self::default()
        }
    }
}
