//! XEP-0030: Service Discovery, version 2.5.0.
//!
//! An entity tells what it is and what it can do with `disco#info` (§3:
//! its [`Identity`]s and features), and which entities and nodes it hosts
//! with `disco#items` (§4: its [`Item`]s). Requests and results are distinct
//! types: [`InfoQuery`] (an `iq` get) is answered by [`InfoResult`] (an `iq`
//! result), [`ItemsQuery`] by [`ItemsResult`]; each may be directed at a
//! node (§3.2, §4.2), which the result mirrors.
//!
//! An info result also holds the XEP-0128 data forms of extended
//! information ([`InfoResult::forms`]; typed access in
//! [`disco_extensions`](crate::disco_extensions)), and is what entity
//! capabilities (XEP-0115 [`caps`](crate::caps), XEP-0390
//! [`ecaps2`](crate::ecaps2)) hash.
//!
//! Results are read liberally: an identity or item that cannot be read is
//! kept in `unknown` and reported in `malformed`, and the rest stays usable.
//!
//! A responder declares what it is once, in a [`Responder`], which answers
//! every disco request (nodes included) with the result or the error the
//! XEP asks for:
//!
//! ```
//! use jabber_ext::disco::{Identity, InfoQuery, InfoResult, Item, Responder};
//! use jabber_stanza::{Iq, IqKind, Payload};
//!
//! // XEP-0030 Example 2: a chatroom service.
//! let info = InfoResult::new()
//!     .with_identity(Identity::new("conference", "text").with_name("Play-Specific Chatrooms"))
//!     .with_feature("http://jabber.org/protocol/muc");
//! let responder = Responder::new(info)
//!     .with_items(None, vec![Item::new("balconyscene@plays.shakespeare.lit".parse()?)]);
//!
//! // A request arrives...
//! let request = Iq::get("info1", &InfoQuery::new()).with_from("romeo@montague.net/orchard".parse()?);
//! let reply = responder.answer(&request).expect("a disco request");
//! let result: InfoResult = reply.payload().expect("a payload")?;
//! assert!(result.has_feature("http://jabber.org/protocol/muc"));
//! assert!(result.has_feature("http://jabber.org/protocol/disco#info")); // always there
//! assert!(result.has_identity("conference", "text"));
//! assert!(matches!(reply.kind, IqKind::Result(Some(_))));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use jabber_jid::Jid;
use jabber_stanza::{DefinedCondition, Error, Iq, IqKind, Payload, StanzaError, Unknown};
use jabber_stream::ns::XML;

use crate::forms::DataForm;
use crate::ns;

/// `<identity category='..' type='..' name='..' xml:lang='..'/>`: what an
/// entity is (XEP-0030 §3.1).
///
/// Category and type are kept as the strings they came as (the registry
/// of categories and types is open, and entity capabilities hash them as
/// they are). Strict: an identity without `category` or `type` cannot be
/// read, and an [`InfoResult`] keeps it whole and reports why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Payload)]
#[payload(name = "identity", ns = ns::DISCO_INFO)]
pub struct Identity {
    /// `category`: `client`, `server`, `conference`, `pubsub`, `account`, ...
    #[payload(attr)]
    pub category: String,
    /// `type`: the kind within the category (`pc`, `im`, `text`, `pep`, ...).
    #[payload(attr = "type")]
    pub kind: String,
    /// `name`: a natural-language name.
    #[payload(attr)]
    pub name: Option<String>,
    /// `xml:lang`: the language of `name`, as written (`None`: inherited).
    #[payload(attr = "lang", ns = XML)]
    pub lang: Option<String>,
}

impl Identity {
    /// An identity of `category` and `type`, without a name.
    pub fn new(category: impl Into<String>, kind: impl Into<String>) -> Self {
        Identity { category: category.into(), kind: kind.into(), name: None, lang: None }
    }

    /// This identity with a name.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// This identity with an `xml:lang` (the language of its name).
    pub fn with_lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = Some(lang.into());
        self
    }

    /// Whether this identity is `category`/`type`.
    pub fn is(&self, category: &str, kind: &str) -> bool {
        self.category == category && self.kind == kind
    }
}

/// `<query xmlns='http://jabber.org/protocol/disco#info' node='..'/>` sent
/// in an `iq` get: what is this entity, or this node of it (XEP-0030 §3.1,
/// §3.2)? Answered by an [`InfoResult`].
///
/// The request is empty; anything it holds is kept in `unknown`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "query", ns = ns::DISCO_INFO, get)]
pub struct InfoQuery {
    /// `node`: the node asked about (§3.2); `None` for the entity itself.
    #[payload(attr)]
    pub node: Option<String>,
    /// What the model does not hold (a request should hold nothing).
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl InfoQuery {
    /// A request about the entity itself.
    pub fn new() -> Self {
        InfoQuery::default()
    }

    /// A request about `node` of the entity (§3.2).
    pub fn node(node: impl Into<String>) -> Self {
        InfoQuery { node: Some(node.into()), ..InfoQuery::default() }
    }
}

/// `<query xmlns='http://jabber.org/protocol/disco#info'/>` sent in an `iq`
/// result: the identities and features of an entity or node (XEP-0030
/// §3.1, §3.2), and its XEP-0128 extended information.
///
/// Read liberally: an `<identity/>` or form that cannot be read, or a
/// `<feature/>` without `var`, is kept in `unknown` and reported in
/// `malformed`; elements of other namespaces are kept in `unknown`.
/// Written in the order identities, features, forms, then what was kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "query", ns = ns::DISCO_INFO, result)]
pub struct InfoResult {
    /// `node`: the node answered about, mirrored from the request (§3.2).
    #[payload(attr)]
    pub node: Option<String>,
    /// The `<identity/>`s (at least one, §3.1).
    #[payload(child)]
    pub identities: Vec<Identity>,
    /// The `var` of each `<feature/>`: namespaces and other features offered.
    #[payload(child_attr = "feature", attr = "var")]
    pub features: Vec<String>,
    /// XEP-0128 extended information: `<x xmlns='jabber:x:data' type='result'/>`
    /// forms, each named by its FORM_TYPE.
    #[payload(child)]
    pub forms: Vec<DataForm>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// Why an info result breaks the rules of XEP-0030 §3.1 (see
/// [`InfoResult::check`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DiscoError {
    /// The result has no identity: "every entity MUST have at least one identity".
    #[error("the result has no identity")]
    NoIdentity,
    /// Two identities of the same category, type and `xml:lang` with
    /// different names ("MUST NOT").
    #[error("two identities {category}/{kind} in language {lang:?} have different names")]
    ConflictingNames {
        /// `category`.
        category: String,
        /// `type`.
        kind: String,
        /// `xml:lang` as written.
        lang: Option<String>,
    },
    /// An empty `var`: a feature must name something.
    #[error("a feature with an empty var")]
    EmptyFeature,
}

impl InfoResult {
    /// A result with nothing yet (add an identity: every entity has one).
    pub fn new() -> Self {
        InfoResult::default()
    }

    /// This result about `node` (§3.2: mirror the request's node).
    pub fn with_node(mut self, node: impl Into<String>) -> Self {
        self.node = Some(node.into());
        self
    }

    /// This result with one more identity.
    pub fn with_identity(mut self, identity: Identity) -> Self {
        self.identities.push(identity);
        self
    }

    /// This result with one more feature (unless it has it already).
    pub fn with_feature(mut self, var: impl Into<String>) -> Self {
        let var = var.into();
        if !self.features.contains(&var) {
            self.features.push(var);
        }
        self
    }

    /// This result with more features (each once).
    pub fn with_features<I, S>(self, vars: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        vars.into_iter().fold(self, InfoResult::with_feature)
    }

    /// This result with one more XEP-0128 form of extended information.
    pub fn with_form(mut self, form: DataForm) -> Self {
        self.forms.push(form);
        self
    }

    /// This result as the answer to `query`: its node mirrored (§3.2).
    pub fn answering(&self, query: &InfoQuery) -> InfoResult {
        InfoResult { node: query.node.clone(), ..self.clone() }
    }

    /// Whether the entity offers the feature `var`: it is listed, or it is
    /// `disco#info` itself, whose support an otherwise valid response
    /// implies (§3.1: "SHOULD infer the support").
    pub fn has_feature(&self, var: &str) -> bool {
        var == ns::DISCO_INFO || self.features.iter().any(|f| f == var)
    }

    /// Whether the entity has an identity `category`/`type`.
    pub fn has_identity(&self, category: &str, kind: &str) -> bool {
        self.identities.iter().any(|i| i.is(category, kind))
    }

    /// The identities of `category`, in order.
    pub fn identities_of<'a>(&'a self, category: &'a str) -> impl Iterator<Item = &'a Identity> + 'a {
        self.identities.iter().filter(move |i| i.category == category)
    }

    /// The name to show for the entity in language `lang` (§3.1): the name
    /// of the first identity in that language (tags compared
    /// case-insensitively), or else the first name without `xml:lang`, or
    /// else the first name.
    pub fn name_in(&self, lang: Option<&str>) -> Option<&str> {
        let named = || self.identities.iter().filter(|i| i.name.is_some());
        let in_lang =
            lang.and_then(|lang| named().find(|i| i.lang.as_deref().is_some_and(|l| l.eq_ignore_ascii_case(lang))));
        in_lang.or_else(|| named().find(|i| i.lang.is_none())).or_else(|| named().next())?.name.as_deref()
    }

    /// The reports of [`malformed`](InfoResult::malformed) (and of its forms
    /// and their fields) that cost the result a part of what it says: an
    /// identity, a feature, a form, a field or a value that could not be
    /// read. Reports that lose nothing of that (stray text, an attribute
    /// not kept, a form's broken title or a field's broken option) are not
    /// among them. Entity capabilities cannot hash a result with such losses.
    pub fn lost_parts(&self) -> Vec<&Error> {
        fn lost<'a>(errors: &'a [Error], parts: &'a [&str]) -> impl Iterator<Item = &'a Error> + 'a {
            errors.iter().filter(move |e| element_of(e).is_some_and(|name| parts.contains(&name)))
        }
        let mut out: Vec<&Error> = lost(&self.malformed, &["identity", "feature", "x"]).collect();
        for form in &self.forms {
            out.extend(lost(&form.malformed, &["field"]));
            for field in &form.fields {
                out.extend(lost(&field.malformed, &["value"]));
            }
        }
        out
    }

    /// Checks the rules of XEP-0030 §3.1 that the model does not enforce:
    /// at least one identity, no two identities of one
    /// category/type/`xml:lang` with different names, no empty feature.
    /// Returns every problem found.
    pub fn check(&self) -> Vec<DiscoError> {
        let mut problems = Vec::new();
        if self.identities.is_empty() {
            problems.push(DiscoError::NoIdentity);
        }
        for (n, a) in self.identities.iter().enumerate() {
            let clash = self.identities[..n]
                .iter()
                .any(|b| a.category == b.category && a.kind == b.kind && a.lang == b.lang && a.name != b.name);
            let reported = problems.iter().any(|p| {
                matches!(p, DiscoError::ConflictingNames { category, kind, lang }
                    if *category == a.category && *kind == a.kind && *lang == a.lang)
            });
            if clash && !reported {
                problems.push(DiscoError::ConflictingNames {
                    category: a.category.clone(),
                    kind: a.kind.clone(),
                    lang: a.lang.clone(),
                });
            }
        }
        if self.features.iter().any(String::is_empty) {
            problems.push(DiscoError::EmptyFeature);
        }
        problems
    }
}

/// The element a parse error is about, unless the error keeps what it is
/// about (an attribute of a value child not kept: the value is).
fn element_of(error: &Error) -> Option<&str> {
    match error {
        Error::MissingAttribute { element, .. }
        | Error::InvalidAttribute { element, .. }
        | Error::InvalidJid { element, .. }
        | Error::MissingChild { element, .. }
        | Error::DuplicateChild { element, .. }
        | Error::UnexpectedChild { element, .. }
        | Error::InvalidText { element, .. }
        | Error::Base64 { element } => Some(element),
        Error::Mismatch(element) => Some(element.name()),
        _ => None,
    }
}

/// `<item jid='..' node='..' name='..'/>`: an entity or node associated
/// with the one asked (XEP-0030 §4.1, §4.2).
///
/// Strict: an item without a `jid` that is a JID cannot be read, and an
/// [`ItemsResult`] keeps it whole and reports why. Elements of other
/// namespaces inside it (which §4.1 says to ignore when not understood)
/// are kept in `unknown`.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "item", ns = ns::DISCO_ITEMS)]
pub struct Item {
    /// `jid`: the item's address.
    #[payload(attr)]
    pub jid: Jid,
    /// `node`: the node at `jid`, for an item that is not addressable as a
    /// JID alone (§4.2).
    #[payload(attr)]
    pub node: Option<String>,
    /// `name`: a natural-language name.
    #[payload(attr)]
    pub name: Option<String>,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
}

impl Item {
    /// An item addressed by `jid` alone.
    pub fn new(jid: Jid) -> Self {
        Item { jid, node: None, name: None, unknown: Unknown::new() }
    }

    /// This item at `node` of its JID (§4.2).
    pub fn with_node(mut self, node: impl Into<String>) -> Self {
        self.node = Some(node.into());
        self
    }

    /// This item with a name.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The `disco#info` request to learn about this item (to send to its `jid`).
    pub fn info_query(&self) -> InfoQuery {
        InfoQuery { node: self.node.clone(), ..InfoQuery::default() }
    }

    /// The `disco#items` request to walk further down from this item (to
    /// send to its `jid`).
    pub fn items_query(&self) -> ItemsQuery {
        ItemsQuery { node: self.node.clone(), ..ItemsQuery::default() }
    }
}

/// `<query xmlns='http://jabber.org/protocol/disco#items' node='..'/>` sent
/// in an `iq` get: which items does this entity, or this node of it, have
/// (XEP-0030 §4.1, §4.2)? Answered by an [`ItemsResult`].
///
/// The request is empty but for extensions (a XEP-0059 `<set/>`), kept in
/// `unknown`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "query", ns = ns::DISCO_ITEMS, get)]
pub struct ItemsQuery {
    /// `node`: the node asked about (§4.2); `None` for the entity itself.
    #[payload(attr)]
    pub node: Option<String>,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl ItemsQuery {
    /// A request for the items of the entity itself.
    pub fn new() -> Self {
        ItemsQuery::default()
    }

    /// A request for the items of `node` (§4.2).
    pub fn node(node: impl Into<String>) -> Self {
        ItemsQuery { node: Some(node.into()), ..ItemsQuery::default() }
    }
}

/// `<query xmlns='http://jabber.org/protocol/disco#items'/>` sent in an
/// `iq` result: the items of an entity or node (XEP-0030 §4.1, §4.2); empty
/// when there are none (§7: an empty result, not an error).
///
/// Read liberally: an `<item/>` that cannot be read is kept in `unknown`
/// and reported in `malformed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "query", ns = ns::DISCO_ITEMS, result)]
pub struct ItemsResult {
    /// `node`: the node answered about, mirrored from the request.
    #[payload(attr)]
    pub node: Option<String>,
    /// The items, in order.
    #[payload(child)]
    pub items: Vec<Item>,
    /// What the model does not hold (a XEP-0059 `<set/>`), or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl ItemsResult {
    /// An empty result.
    pub fn new() -> Self {
        ItemsResult::default()
    }

    /// This result with one more item.
    pub fn with_item(mut self, item: Item) -> Self {
        self.items.push(item);
        self
    }

    /// The items at `jid` (with or without a node).
    pub fn items_at<'a>(&'a self, jid: &'a Jid) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.iter().filter(move |i| i.jid == *jid)
    }
}

/// What an entity answers to disco requests: its info and items, for
/// itself and for each of its nodes (XEP-0030 §3, §4). Answers
/// [`InfoQuery`] and [`ItemsQuery`] with the result the XEP asks for, the
/// request's node mirrored:
///
/// - info about the entity: its [`InfoResult`], with the `disco#info`
///   feature added if missing (§3.1: every entity supports it);
/// - info about a node it does not know: `item-not-found` (§3.1, §7);
/// - items of the entity or of a node it knows: the items given, or an
///   empty result (§4.1: "MUST return an empty query element");
/// - items of a node it does not know: `item-not-found`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Responder {
    info: BTreeMap<Option<String>, InfoResult>,
    items: BTreeMap<Option<String>, Vec<Item>>,
}

impl Responder {
    /// A responder whose entity is described by `info` (its node is ignored).
    pub fn new(info: InfoResult) -> Self {
        Responder::default().with_node_info(None, info)
    }

    /// This responder with the info of `node` (`None`: the entity itself),
    /// replacing what it had.
    pub fn with_node_info(mut self, node: Option<&str>, info: InfoResult) -> Self {
        let info = info.with_feature(ns::DISCO_INFO);
        self.info.insert(node.map(str::to_owned), InfoResult { node: None, ..info });
        self
    }

    /// This responder with the items of `node` (`None`: the entity itself),
    /// replacing what it had.
    pub fn with_items(mut self, node: Option<&str>, items: Vec<Item>) -> Self {
        self.items.insert(node.map(str::to_owned), items);
        self
    }

    /// The info of `node` (`None`: the entity itself), to change.
    pub fn node_info_mut(&mut self, node: Option<&str>) -> Option<&mut InfoResult> {
        self.info.get_mut(&node.map(str::to_owned))
    }

    /// The answer to a `disco#info` request, or the condition of the error
    /// to send.
    pub fn info(&self, query: &InfoQuery) -> Result<InfoResult, DefinedCondition> {
        match self.info.get(&query.node) {
            Some(info) => Ok(info.answering(query)),
            None => Err(DefinedCondition::ItemNotFound),
        }
    }

    /// The answer to a `disco#items` request, or the condition of the
    /// error to send.
    pub fn items(&self, query: &ItemsQuery) -> Result<ItemsResult, DefinedCondition> {
        match (self.items.get(&query.node), self.info.contains_key(&query.node) || query.node.is_none()) {
            (Some(items), _) => {
                Ok(ItemsResult { node: query.node.clone(), items: items.clone(), ..ItemsResult::new() })
            }
            (None, true) => Ok(ItemsResult { node: query.node.clone(), ..ItemsResult::new() }),
            (None, false) => Err(DefinedCondition::ItemNotFound),
        }
    }

    /// The reply to `iq` if it is a disco request (a `get` of
    /// [`InfoQuery`] or [`ItemsQuery`]): its result, or its error (a
    /// request that cannot be read gets `bad-request`). `None` for any
    /// other iq.
    pub fn answer(&self, iq: &Iq) -> Option<Iq> {
        let IqKind::Get(request) = &iq.kind else { return None };
        let answer = if let Some(query) = InfoQuery::try_parse(request) {
            query.map_err(|_| DefinedCondition::BadRequest).and_then(|q| self.info(&q)).map(|r| iq.reply_result(&r))
        } else if let Some(query) = ItemsQuery::try_parse(request) {
            query.map_err(|_| DefinedCondition::BadRequest).and_then(|q| self.items(&q)).map(|r| iq.reply_result(&r))
        } else {
            return None;
        };
        answer.or_else(|condition| iq.reply_error(StanzaError::new(condition)).ok_or(())).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_reports_each_rule_once() {
        let info = InfoResult::new()
            .with_identity(Identity::new("client", "pc").with_name("A"))
            .with_identity(Identity::new("client", "pc").with_name("B"))
            .with_identity(Identity::new("client", "pc").with_name("C"))
            .with_identity(Identity::new("client", "pc").with_name("A").with_lang("en"))
            .with_feature("");
        assert_eq!(
            info.check(),
            [
                DiscoError::ConflictingNames { category: "client".into(), kind: "pc".into(), lang: None },
                DiscoError::EmptyFeature
            ]
        );
        assert_eq!(InfoResult::new().check(), [DiscoError::NoIdentity]);
    }

    #[test]
    fn name_in_a_language() {
        let info = InfoResult::new()
            .with_identity(Identity::new("client", "pc").with_name("Psi").with_lang("en"))
            .with_identity(Identity::new("client", "pc").with_name("Ψ").with_lang("el"));
        assert_eq!(info.name_in(Some("EL")), Some("Ψ"));
        assert_eq!(info.name_in(Some("fr")), Some("Psi"));
        assert_eq!(info.name_in(None), Some("Psi"));
        assert_eq!(InfoResult::new().name_in(None), None);
    }

    #[test]
    fn with_feature_adds_once() {
        let info = InfoResult::new().with_features(["a", "b", "a"]);
        assert_eq!(info.features, ["a", "b"]);
    }
}
