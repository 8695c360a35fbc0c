//! The registered forms of XEP-0060 (§16.4), typed through [`TypedForm`]:
//! node configuration ([`NodeConfig`], `pubsub#node_config`), subscription
//! options ([`SubscriptionOptions`], `pubsub#subscribe_options`), publishing
//! options ([`PublishingOptions`], `pubsub#publish-options`), node metadata
//! ([`NodeMetadata`], `pubsub#meta-data`) and subscription authorization
//! ([`SubscribeAuthorization`], `pubsub#subscribe_authorization`).
//!
//! Every registered field is an `Option` (`None`: the form does not hold
//! the field, or holds it without a value); a multi-valued field is an
//! `Option<Vec<_>>` (`Some(vec![])`: present and empty, which clears it).
//! Fields the registry does not know (custom `x-` fields, XEP-0068 §3.4;
//! fields of older versions) are kept in `other`, as they came.
//!
//! ```
//! use jabber_ext::forms::FormKind;
//! use jabber_ext::form_type::TypedForm;
//! use jabber_ext::pubsub::config::{AccessModel, IntegerOrMax, NodeConfig};
//!
//! let config = NodeConfig {
//!     access_model: Some(AccessModel::Whitelist),
//!     max_items: Some(IntegerOrMax::Max),
//!     ..NodeConfig::default()
//! };
//! let form = config.to_form(FormKind::Submit);
//! assert_eq!(form.form_type(), Some("http://jabber.org/protocol/pubsub#node_config"));
//! assert_eq!(form.field("pubsub#max_items").and_then(|f| f.value()), Some("max"));
//! assert_eq!(NodeConfig::from_form(&form), Ok(config));
//! ```

use std::borrow::Cow;
use std::marker::PhantomData;

use jabber_jid::Jid;
use jabber_stanza::{Value, ValueError};

use crate::datetime::DateTime;
use crate::form_type::{FORM_TYPE, TypedForm};
use crate::forms::{DataForm, Field, FieldOption, FieldType, FormError, FormKind};
use crate::validate::{Datatype, Violation};

use super::NodeType;

/// `pubsub#node_config`: the FORM_TYPE of node configuration (§16.4.4).
pub const NODE_CONFIG: &str = "http://jabber.org/protocol/pubsub#node_config";
/// `pubsub#subscribe_options`: the FORM_TYPE of subscription options (§16.4.2).
pub const SUBSCRIBE_OPTIONS: &str = "http://jabber.org/protocol/pubsub#subscribe_options";
/// `pubsub#publish-options`: the FORM_TYPE of publishing options (§7.1.5).
pub const PUBLISH_OPTIONS: &str = "http://jabber.org/protocol/pubsub#publish-options";
/// `pubsub#meta-data`: the FORM_TYPE of node metadata (§16.4.3).
pub const META_DATA: &str = "http://jabber.org/protocol/pubsub#meta-data";
/// `pubsub#subscribe_authorization`: the FORM_TYPE of subscription approval (§16.4.1).
pub const SUBSCRIBE_AUTHORIZATION: &str = "http://jabber.org/protocol/pubsub#subscribe_authorization";

/// `pubsub#access_model`: who may subscribe and retrieve items (§4.5).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum AccessModel {
    /// `authorize`: the owner approves subscriptions; only subscribers retrieve items.
    Authorize,
    /// `open`: anyone.
    Open,
    /// `presence`: those subscribed to the owner's presence (`both` or `from`).
    Presence,
    /// `roster`: those in the allowed roster groups.
    Roster,
    /// `whitelist`: those on the whitelist (affiliation `member` or above).
    Whitelist,
    /// A model the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// `pubsub#publish_model`: who may publish (§16.4.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum PublishModel {
    /// `publishers`: only publishers (and owners).
    Publishers,
    /// `subscribers`: subscribers too.
    Subscribers,
    /// `open`: anyone.
    Open,
    /// A model the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// `pubsub#send_last_published_item`: when the last item goes to a subscriber (§16.4.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum SendLastPublishedItem {
    /// `never`.
    Never,
    /// `on_sub`: when a subscription is processed.
    #[value(name = "on_sub")]
    OnSub,
    /// `on_sub_and_presence`: also whenever a subscriber comes online.
    #[value(name = "on_sub_and_presence")]
    OnSubAndPresence,
    /// A value the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// `pubsub#notification_type`: the message type of notifications (§16.4.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum NotificationType {
    /// `normal`.
    Normal,
    /// `headline`.
    Headline,
    /// A value the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// `pubsub#itemreply`: who receives replies to items (§16.4.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum ItemReply {
    /// `owner`: the node owners.
    Owner,
    /// `publisher`: the item's publisher.
    Publisher,
    /// A value the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// `pubsub#publish_node_full`: what publishing to a full node does (§7.1.2.5, §7.1.3.4, §16.4.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum PublishNodeFull {
    /// `retract-oldest`: the oldest item is retracted (subscribers notified).
    RetractOldest,
    /// `discard-oldest`: the oldest item is discarded.
    DiscardOldest,
    /// `reject`: the publication fails with `<node-full/>`.
    Reject,
    /// A value the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// A value of `pubsub#show-values`: a presence in which notifications are wanted (§16.4.2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum ShowValue {
    /// `away`.
    Away,
    /// `chat`.
    Chat,
    /// `dnd`.
    Dnd,
    /// `online`: available without a show value.
    Online,
    /// `xa`.
    Xa,
    /// A value the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// `pubsub#subscription_type`: what a subscription to a collection notifies (§16.4.2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum SubscriptionType {
    /// `items`: new items.
    Items,
    /// `nodes`: new nodes.
    Nodes,
    /// A value the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// `pubsub#subscription_depth`: how deep a subscription to a collection reaches (§16.4.2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum SubscriptionDepth {
    /// `1`: direct children only.
    #[value(name = "1")]
    One,
    /// `all`: every descendant.
    All,
    /// A value the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// The `integer-or-max` datatype (§12.23): a number, or `max` for the
/// service's own maximum (`pubsub#max_items`, `pubsub#item_expire`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntegerOrMax {
    /// A number.
    Value(u64),
    /// `max`: no limit but the service's.
    Max,
}

impl Value for IntegerOrMax {
    fn from_value(text: &str) -> Result<Self, ValueError> {
        match text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) {
            "max" => Ok(IntegerOrMax::Max),
            other => u64::from_value(other).map(IntegerOrMax::Value),
        }
    }

    fn to_value(&self) -> Cow<'_, str> {
        match self {
            IntegerOrMax::Value(n) => Cow::Owned(n.to_string()),
            IntegerOrMax::Max => Cow::Borrowed("max"),
        }
    }
}

/// `pubsub#expire`: when a leased subscription ends (§12.19): a time, or
/// `presence` for a temporary subscription that ends with the
/// subscriber's presence (§12.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expire {
    /// A date and time (XEP-0082).
    At(DateTime),
    /// `presence`: a temporary subscription.
    Presence,
}

impl Value for Expire {
    fn from_value(text: &str) -> Result<Self, ValueError> {
        match text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) {
            "presence" => Ok(Expire::Presence),
            other => DateTime::from_value(other).map(Expire::At),
        }
    }

    fn to_value(&self) -> Cow<'_, str> {
        match self {
            Expire::At(at) => at.to_value(),
            Expire::Presence => Cow::Borrowed("presence"),
        }
    }
}

/// How one registered field is read from a form and written to one.
trait Codec {
    /// The typed value.
    type Value;
    /// The field's type in the registry.
    const TYPE: FieldType;
    /// The value of the field `var` from its values; `None` for none.
    fn read(var: &str, values: &[String]) -> Result<Option<Self::Value>, FormError>;
    /// The values of the field.
    fn write(value: &Self::Value) -> Vec<String>;
}

/// The one value of a single-valued field.
fn one<'a>(var: &str, values: &'a [String]) -> Result<Option<&'a String>, FormError> {
    match values {
        [] => Ok(None),
        [value] => Ok(Some(value)),
        more => Err(FormError::TooManyValues { var: var.to_owned(), count: more.len() }),
    }
}

fn jid(var: &str, value: &str) -> Result<Jid, FormError> {
    Jid::new(value).map_err(|error| FormError::NotJid { var: var.to_owned(), value: value.to_owned(), error })
}

/// `boolean`.
struct Boolean;
impl Codec for Boolean {
    type Value = bool;
    const TYPE: FieldType = FieldType::Boolean;
    fn read(var: &str, values: &[String]) -> Result<Option<bool>, FormError> {
        one(var, values)?
            .map(|v| bool::from_value(v).map_err(|_| FormError::NotBoolean { var: var.to_owned(), value: v.clone() }))
            .transpose()
    }
    fn write(value: &bool) -> Vec<String> {
        vec![value.to_value().into_owned()]
    }
}

/// `text-single` holding any text.
struct TextSingle;
impl Codec for TextSingle {
    type Value = String;
    const TYPE: FieldType = FieldType::TextSingle;
    fn read(var: &str, values: &[String]) -> Result<Option<String>, FormError> {
        Ok(one(var, values)?.cloned())
    }
    fn write(value: &String) -> Vec<String> {
        vec![value.clone()]
    }
}

/// `jid-single`.
struct JidSingle;
impl Codec for JidSingle {
    type Value = Jid;
    const TYPE: FieldType = FieldType::JidSingle;
    fn read(var: &str, values: &[String]) -> Result<Option<Jid>, FormError> {
        one(var, values)?.map(|v| jid(var, v)).transpose()
    }
    fn write(value: &Jid) -> Vec<String> {
        vec![value.as_str().to_owned()]
    }
}

/// `jid-multi`: duplicates removed (XEP-0004 §3.3).
struct JidMulti;
impl Codec for JidMulti {
    type Value = Vec<Jid>;
    const TYPE: FieldType = FieldType::JidMulti;
    fn read(var: &str, values: &[String]) -> Result<Option<Vec<Jid>>, FormError> {
        let mut jids: Vec<Jid> = Vec::with_capacity(values.len());
        for value in values {
            let j = jid(var, value)?;
            if !jids.contains(&j) {
                jids.push(j);
            }
        }
        Ok(Some(jids))
    }
    fn write(value: &Vec<Jid>) -> Vec<String> {
        value.iter().map(|j| j.as_str().to_owned()).collect()
    }
}

/// `list-multi` of any text.
struct ListMulti;
impl Codec for ListMulti {
    type Value = Vec<String>;
    const TYPE: FieldType = FieldType::ListMulti;
    fn read(_: &str, values: &[String]) -> Result<Option<Vec<String>>, FormError> {
        Ok(Some(values.to_vec()))
    }
    fn write(value: &Vec<String>) -> Vec<String> {
        value.clone()
    }
}

/// `list-single` of a [`Value`] (an enum that keeps unknown values).
struct ListSingle<T>(PhantomData<T>);
impl<T: Value> Codec for ListSingle<T> {
    type Value = T;
    const TYPE: FieldType = FieldType::ListSingle;
    fn read(var: &str, values: &[String]) -> Result<Option<T>, FormError> {
        one(var, values)?
            .map(|v| T::from_value(v).map_err(|_| FormError::NotAnOption { var: var.to_owned(), value: v.clone() }))
            .transpose()
    }
    fn write(value: &T) -> Vec<String> {
        vec![value.to_value().into_owned()]
    }
}

/// `list-multi` of a [`Value`].
struct ListMultiOf<T>(PhantomData<T>);
impl<T: Value> Codec for ListMultiOf<T> {
    type Value = Vec<T>;
    const TYPE: FieldType = FieldType::ListMulti;
    fn read(var: &str, values: &[String]) -> Result<Option<Vec<T>>, FormError> {
        values
            .iter()
            .map(|v| T::from_value(v).map_err(|_| FormError::NotAnOption { var: var.to_owned(), value: v.clone() }))
            .collect::<Result<Vec<T>, FormError>>()
            .map(Some)
    }
    fn write(value: &Vec<T>) -> Vec<String> {
        value.iter().map(|v| v.to_value().into_owned()).collect()
    }
}

/// A value of an XML Schema (or XEP-defined) datatype, for the errors of [`Typed`].
trait Datatyped: Value {
    fn datatype() -> Datatype;
}
impl Datatyped for u64 {
    fn datatype() -> Datatype {
        Datatype::Integer
    }
}
impl Datatyped for IntegerOrMax {
    fn datatype() -> Datatype {
        Datatype::Other("integer-or-max".into())
    }
}
impl Datatyped for DateTime {
    fn datatype() -> Datatype {
        Datatype::DateTime
    }
}
impl Datatyped for Expire {
    fn datatype() -> Datatype {
        Datatype::Other("xs:dateTime or presence".into())
    }
}

/// `text-single` holding a value of a datatype: a value that does not
/// read is [`FormError::Invalid`] with [`Violation::Datatype`].
struct Typed<T>(PhantomData<T>);
impl<T: Datatyped> Codec for Typed<T> {
    type Value = T;
    const TYPE: FieldType = FieldType::TextSingle;
    fn read(var: &str, values: &[String]) -> Result<Option<T>, FormError> {
        one(var, values)?
            .map(|v| {
                T::from_value(v).map_err(|_| FormError::Invalid {
                    var: var.to_owned(),
                    value: v.clone(),
                    why: Violation::Datatype(T::datatype()),
                })
            })
            .transpose()
    }
    fn write(value: &T) -> Vec<String> {
        vec![value.to_value().into_owned()]
    }
}

/// A field of a typed form as written for a form of `kind`: a submission
/// names the field and its values (its type is known from the form that
/// asked, XEP-0004 §3.2); a form or a result also says the type and the
/// registry's label, and a form the registry's options.
fn write_field<C: Codec>(kind: &FormKind, var: &str, label: &str, options: &[(&str, &str)], value: &C::Value) -> Field {
    let mut field = Field { var: Some(var.to_owned()), values: C::write(value), ..Field::default() };
    if *kind != FormKind::Submit {
        field.kind = Some(C::TYPE);
        field.label = Some(label.to_owned());
    }
    if *kind == FormKind::Form {
        field.options = options.iter().map(|(value, label)| FieldOption::new(*label, *value)).collect();
    }
    field
}

/// Declares a typed form: the struct (one `Option` per registered field,
/// and `other`) and its [`TypedForm`] implementation.
macro_rules! typed_form {
    (
        $(#[$meta:meta])*
        pub struct $name:ident = $form_type:expr;
        $(
            $(#[$field_meta:meta])*
            $field:ident: $ty:ty as $codec:ty = $var:literal, $label:literal $(, [$(($value:literal, $option:literal)),* $(,)?])?;
        )*
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct $name {
            $(
                $(#[$field_meta])*
                pub $field: Option<$ty>,
            )*
            /// The fields the registry does not define for this FORM_TYPE
            /// (custom `x-` fields, fields without a name), as they came.
            pub other: Vec<Field>,
        }

        impl TypedForm for $name {
            const FORM_TYPE: &'static str = $form_type;

            fn from_form(form: &DataForm) -> Result<Self, FormError> {
                let mut out = $name::default();
                for field in &form.fields {
                    match field.var.as_deref() {
                        Some(FORM_TYPE) => {}
                        $(Some($var) => out.$field = <$codec as Codec>::read($var, &field.values)?,)*
                        _ => out.other.push(field.clone()),
                    }
                }
                Ok(out)
            }

            fn to_form(&self, kind: FormKind) -> DataForm {
                let mut form = DataForm::new(kind.clone()).with_form_type(Self::FORM_TYPE);
                if kind == FormKind::Cancel {
                    return form;
                }
                $(
                    if let Some(value) = &self.$field {
                        let options: &[(&str, &str)] = &[$($(($value, $option)),*)?];
                        form.fields.push(write_field::<$codec>(&kind, $var, $label, options, value));
                    }
                )*
                form.fields.extend(self.other.iter().cloned());
                form
            }
        }
    };
}

typed_form! {
    /// `pubsub#node_config`: a node's configuration (§8.2, registry §16.4.4),
    /// in `<configure/>` of pubsub#owner (get, submit), of pubsub (create
    /// and configure, §8.1.3) and of pubsub#event (configuration
    /// notifications, §8.2.5), and in `<default/>` of pubsub#owner (§8.3).
    ///
    /// A value that does not fit its field (a boolean that is not
    /// `xs:boolean`, a JID that is not one, a number that is not one) makes
    /// [`from_form`](TypedForm::from_form) fail with the [`FormError`]
    /// naming the field.
    pub struct NodeConfig = NODE_CONFIG;
    /// `pubsub#access_model`.
    access_model: AccessModel as ListSingle<AccessModel> = "pubsub#access_model", "Who may subscribe and retrieve items", [
        ("authorize", "Subscription requests must be approved and only subscribers may retrieve items"),
        ("open", "Anyone may subscribe and retrieve items"),
        ("presence", "Anyone with a presence subscription of both or from may subscribe and retrieve items"),
        ("roster", "Anyone in the specified roster group(s) may subscribe and retrieve items"),
        ("whitelist", "Only those on a whitelist may subscribe and retrieve items"),
    ];
    /// `pubsub#body_xslt`: the URL of an XSL transformation giving a message body.
    body_xslt: String as TextSingle = "pubsub#body_xslt", "The URL of an XSL transformation which can be applied to payloads in order to generate an appropriate message body element.";
    /// `pubsub#contact`: whom to contact with questions.
    contact: Vec<Jid> as JidMulti = "pubsub#contact", "The JIDs of those to contact with questions";
    /// `pubsub#dataform_xslt`: the URL of an XSL transformation giving a data form.
    dataform_xslt: String as TextSingle = "pubsub#dataform_xslt", "The URL of an XSL transformation which can be applied to the payload format in order to generate a valid Data Forms result that the client could display using a generic Data Forms rendering engine";
    /// `pubsub#deliver_notifications`.
    deliver_notifications: bool as Boolean = "pubsub#deliver_notifications", "Whether to deliver event notifications";
    /// `pubsub#deliver_payloads`: notifications carry the payloads (leaf nodes).
    deliver_payloads: bool as Boolean = "pubsub#deliver_payloads", "Whether to deliver payloads with event notifications; applies only to leaf nodes";
    /// `pubsub#description`.
    description: String as TextSingle = "pubsub#description", "A description of the node";
    /// `pubsub#item_expire`: seconds after which items are purged, or `max`.
    item_expire: IntegerOrMax as Typed<IntegerOrMax> = "pubsub#item_expire", "Number of seconds after which to automatically purge items. `max` for no specific limit other than a server imposed maximum.";
    /// `pubsub#itemreply`.
    itemreply: ItemReply as ListSingle<ItemReply> = "pubsub#itemreply", "Whether owners or publisher should receive replies to items", [
        ("owner", "Statically specify a replyto of the node owner(s)"),
        ("publisher", "Dynamically specify a replyto of the item publisher"),
    ];
    /// `pubsub#language`: the node's default language.
    language: String as ListSingle<String> = "pubsub#language", "The default language of the node";
    /// `pubsub#max_items`: how many items are kept, or `max`.
    max_items: IntegerOrMax as Typed<IntegerOrMax> = "pubsub#max_items", "The maximum number of items to persist. `max` for no specific limit other than a server imposed maximum.";
    /// `pubsub#max_payload_size`: in bytes.
    max_payload_size: u64 as Typed<u64> = "pubsub#max_payload_size", "The maximum payload size in bytes";
    /// `pubsub#node_type`.
    node_type: NodeType as ListSingle<NodeType> = "pubsub#node_type", "Whether the node is a leaf (default)", [
        ("leaf", "The node is a leaf node (default)"),
    ];
    /// `pubsub#notification_type`.
    notification_type: NotificationType as ListSingle<NotificationType> = "pubsub#notification_type", "Specify the delivery style for notifications", [
        ("normal", "Messages of type normal"),
        ("headline", "Messages of type headline"),
    ];
    /// `pubsub#notify_config`: notify subscribers of configuration changes.
    notify_config: bool as Boolean = "pubsub#notify_config", "Whether to notify subscribers when the node configuration changes";
    /// `pubsub#notify_delete`: notify subscribers of the node's deletion.
    notify_delete: bool as Boolean = "pubsub#notify_delete", "Whether to notify subscribers when the node is deleted";
    /// `pubsub#notify_retract`: notify subscribers of retracted items.
    notify_retract: bool as Boolean = "pubsub#notify_retract", "Whether to notify subscribers when items are removed from the node";
    /// `pubsub#notify_sub`: notify owners of subscriptions.
    notify_sub: bool as Boolean = "pubsub#notify_sub", "Whether to notify owners about new subscribers and unsubscribes";
    /// `pubsub#persist_items`.
    persist_items: bool as Boolean = "pubsub#persist_items", "Whether to persist items to storage";
    /// `pubsub#presence_based_delivery`: notify available subscribers only.
    presence_based_delivery: bool as Boolean = "pubsub#presence_based_delivery", "Whether to deliver notifications to available users only";
    /// `pubsub#publish_model`.
    publish_model: PublishModel as ListSingle<PublishModel> = "pubsub#publish_model", "The publisher model", [
        ("publishers", "Only publishers may publish"),
        ("subscribers", "Subscribers may publish"),
        ("open", "Anyone may publish"),
    ];
    /// `pubsub#publish_node_full`.
    publish_node_full: PublishNodeFull as ListSingle<PublishNodeFull> = "pubsub#publish_node_full", "Action to be performed by the service when publishing on a full node.", [
        ("retract-oldest", "Retract the oldest item alongside publishing the new item."),
        ("discard-oldest", "Discard the oldest item alongside publishing the new item."),
        ("reject", "Reject publication of the new item."),
    ];
    /// `pubsub#purge_offline`: purge when the publisher goes offline.
    purge_offline: bool as Boolean = "pubsub#purge_offline", "Whether to purge all items when the relevant publisher goes offline";
    /// `pubsub#roster_groups_allowed`: for the `roster` access model.
    roster_groups_allowed: Vec<String> as ListMulti = "pubsub#roster_groups_allowed", "The roster group(s) allowed to subscribe and retrieve items";
    /// `pubsub#send_last_published_item`.
    send_last_published_item: SendLastPublishedItem as ListSingle<SendLastPublishedItem> = "pubsub#send_last_published_item", "When to send the last published item", [
        ("never", "Never"),
        ("on_sub", "When a new subscription is processed"),
        ("on_sub_and_presence", "When a new subscription is processed and whenever a subscriber comes online"),
    ];
    /// `pubsub#tempsub`: every subscription temporary (§12.5).
    tempsub: bool as Boolean = "pubsub#tempsub", "Whether to make all subscriptions temporary, based on subscriber presence";
    /// `pubsub#subscribe`: whether subscriptions are allowed.
    subscribe: bool as Boolean = "pubsub#subscribe", "Whether to allow subscriptions";
    /// `pubsub#title`: a friendly name.
    title: String as TextSingle = "pubsub#title", "A friendly name for the node";
    /// `pubsub#type`: the payload's semantic type, usually its namespace.
    payload_type: String as TextSingle = "pubsub#type", "The semantic type information of data in the node, usually specified by the namespace of the payload (if any)";
}

typed_form! {
    /// `pubsub#subscribe_options`: a subscription's options (§6.3, registry
    /// §16.4.2), in `<options/>` and `<default/>` of pubsub.
    pub struct SubscriptionOptions = SUBSCRIBE_OPTIONS;
    /// `pubsub#deliver`: whether notifications are delivered.
    deliver: bool as Boolean = "pubsub#deliver", "Whether an entity wants to receive or disable notifications";
    /// `pubsub#digest`: digests rather than each notification.
    digest: bool as Boolean = "pubsub#digest", "Whether an entity wants to receive digests (aggregations) of notifications or all notifications individually";
    /// `pubsub#digest_frequency`: milliseconds between digests.
    digest_frequency: u64 as Typed<u64> = "pubsub#digest_frequency", "The minimum number of milliseconds between sending any two notification digests";
    /// `pubsub#expire`: when the (leased or temporary) subscription ends (§12.5, §12.19).
    expire: Expire as Typed<Expire> = "pubsub#expire", "The DateTime at which a leased subscription will end or has ended";
    /// `pubsub#include_body`: a message body beside the payload.
    include_body: bool as Boolean = "pubsub#include_body", "Whether an entity wants to receive an XMPP message body in addition to the payload format";
    /// `pubsub#show-values`: the presences in which notifications are wanted.
    show_values: Vec<ShowValue> as ListMultiOf<ShowValue> = "pubsub#show-values", "The presence states for which an entity wants to receive notifications", [
        ("away", "XMPP Show Value of Away"),
        ("chat", "XMPP Show Value of Chat"),
        ("dnd", "XMPP Show Value of DND (Do Not Disturb)"),
        ("online", "Mere Availability in XMPP (No Show Value)"),
        ("xa", "XMPP Show Value of XA (Extended Away)"),
    ];
    /// `pubsub#subscription_type`: for collections.
    subscription_type: SubscriptionType as ListSingle<SubscriptionType> = "pubsub#subscription_type", "Receive notification of new items or of new nodes", [
        ("items", "Receive notification of new items only"),
        ("nodes", "Receive notification of new nodes only"),
    ];
    /// `pubsub#subscription_depth`: for collections.
    subscription_depth: SubscriptionDepth as ListSingle<SubscriptionDepth> = "pubsub#subscription_depth", "How deep the subscription reaches", [
        ("1", "Receive notification from direct child nodes only"),
        ("all", "Receive notification from all descendent nodes"),
    ];
}

typed_form! {
    /// `pubsub#meta-data`: a node's metadata, in the XEP-0128 extended
    /// disco#info of a node (§5.4, registry §16.4.3).
    pub struct NodeMetadata = META_DATA;
    /// `pubsub#contact`.
    contact: Vec<Jid> as JidMulti = "pubsub#contact", "The JIDs of those to contact with questions";
    /// `pubsub#creation_date`.
    creation_date: DateTime as Typed<DateTime> = "pubsub#creation_date", "The datetime when the node was created";
    /// `pubsub#creator`.
    creator: Jid as JidSingle = "pubsub#creator", "The JID of the node creator";
    /// `pubsub#description`.
    description: String as TextSingle = "pubsub#description", "A description of the node";
    /// `pubsub#language`.
    language: String as ListSingle<String> = "pubsub#language", "The default language of the node";
    /// `pubsub#access_model`.
    access_model: AccessModel as ListSingle<AccessModel> = "pubsub#access_model", "Access model";
    /// `pubsub#publish_model`.
    publish_model: PublishModel as ListSingle<PublishModel> = "pubsub#publish_model", "Publish model";
    /// `pubsub#num_subscribers`.
    num_subscribers: u64 as Typed<u64> = "pubsub#num_subscribers", "The number of subscribers to the node";
    /// `pubsub#owner`: the owners.
    owner: Vec<Jid> as JidMulti = "pubsub#owner", "The JIDs of those with an affiliation of owner";
    /// `pubsub#publisher`: the publishers.
    publisher: Vec<Jid> as JidMulti = "pubsub#publisher", "The JIDs of those with an affiliation of publisher";
    /// `pubsub#title`.
    title: String as TextSingle = "pubsub#title", "The name of the node";
    /// `pubsub#type`: the payload's semantic type.
    payload_type: String as TextSingle = "pubsub#type", "Payload semantic type information";
    /// `pubsub#max_items`.
    max_items: IntegerOrMax as Typed<IntegerOrMax> = "pubsub#max_items", "Max # of items to persist";
}

typed_form! {
    /// `pubsub#subscribe_authorization`: the request a service sends a node
    /// owner to approve a subscription, and the owner's answer (§8.6,
    /// registry §16.4.1); also the form of the get-pending command (§8.7).
    pub struct SubscribeAuthorization = SUBSCRIBE_AUTHORIZATION;
    /// `pubsub#allow`: whether the subscription is allowed.
    allow: bool as Boolean = "pubsub#allow", "Whether to allow the subscription";
    /// `pubsub#node`.
    node: String as TextSingle = "pubsub#node", "The NodeID of the relevant node";
    /// `pubsub#subscriber_jid`.
    subscriber_jid: Jid as JidSingle = "pubsub#subscriber_jid", "The address (JID) of the subscriber";
    /// `pubsub#subid`.
    subid: String as TextSingle = "pubsub#subid", "The subscription identifier associated with the subscription request";
}

/// `pubsub#publish-options`: preconditions of a publication (§7.1.5), the
/// node configuration fields of the same names, in `<publish-options/>`.
/// A service checks each against the node's configuration (and fails
/// the publication with `<precondition-not-met/>` when one is not met), or
/// configures an auto-created node with them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublishingOptions(pub NodeConfig);

impl TypedForm for PublishingOptions {
    const FORM_TYPE: &'static str = PUBLISH_OPTIONS;

    fn from_form(form: &DataForm) -> Result<Self, FormError> {
        NodeConfig::from_form(form).map(PublishingOptions)
    }

    fn to_form(&self, kind: FormKind) -> DataForm {
        self.0.to_form(kind).with_form_type(PUBLISH_OPTIONS)
    }
}

impl From<NodeConfig> for PublishingOptions {
    fn from(config: NodeConfig) -> Self {
        PublishingOptions(config)
    }
}

impl PublishingOptions {
    /// The preconditions of `self` that `config` (a node's configuration)
    /// does not meet, by field name (§7.1.5): a precondition is met when
    /// the node has the same value. Fields in `other` are not checked here
    /// (a service rejects fields it does not know, §7.1.5).
    pub fn unmet(&self, config: &NodeConfig) -> Vec<String> {
        let want = NodeConfig { other: Vec::new(), ..self.0.clone() }.to_form(FormKind::Result);
        let have = config.to_form(FormKind::Result);
        want.fields
            .into_iter()
            .filter(|f| f.var.as_deref() != Some(FORM_TYPE))
            .filter(|f| {
                let theirs = f.var.as_deref().and_then(|var| have.field(var)).map(|t| t.values.as_slice());
                theirs != Some(f.values.as_slice())
            })
            .filter_map(|f| f.var)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_or_max() {
        assert_eq!(IntegerOrMax::from_value("max"), Ok(IntegerOrMax::Max));
        assert_eq!(IntegerOrMax::from_value(" 10 "), Ok(IntegerOrMax::Value(10)));
        assert_eq!(IntegerOrMax::from_value("-1"), Err(ValueError::Invalid));
        assert_eq!(IntegerOrMax::Value(7).to_value(), "7");
    }

    #[test]
    fn unmet_preconditions() {
        let options = PublishingOptions(NodeConfig {
            access_model: Some(AccessModel::Presence),
            persist_items: Some(true),
            ..NodeConfig::default()
        });
        let config = NodeConfig {
            access_model: Some(AccessModel::Open),
            persist_items: Some(true),
            title: Some("x".into()),
            ..NodeConfig::default()
        };
        assert_eq!(options.unmet(&config), ["pubsub#access_model"]);
        assert!(options.unmet(&NodeConfig { access_model: Some(AccessModel::Presence), ..config }).is_empty());
    }
}
