//! XEP-0060 Publish-Subscribe: every example, the requests and results of
//! each use case, the notifications, the error conditions, the typed forms.

mod common;

use common::{Walk, elements, examples, exception, in_namespace, round_trip};
use jabber_ext::datetime::DateTime;
use jabber_ext::form_type::TypedForm;
use jabber_ext::forms::{DataForm, FormError, FormKind};
use jabber_ext::ns;
use jabber_ext::pubsub::config::{
    self, AccessModel, Expire, IntegerOrMax, NodeConfig, NodeMetadata, NotificationType, PublishModel,
    PublishingOptions, SendLastPublishedItem, ShowValue, SubscribeAuthorization, SubscriptionOptions,
};
use jabber_ext::pubsub::errors::{Condition, Feature};
use jabber_ext::pubsub::event::{Collection, CollectionChange, Event};
use jabber_ext::pubsub::owner::{
    self, ConfigureRequest, ConfigureSubmit, DefaultRequest, DeleteRequest, EntityAffiliation, EntitySubscription,
    ModifyAffiliations, ModifySubscriptions, PurgeRequest,
};
use jabber_ext::pubsub::{
    self, Affiliation, AffiliationsRequest, CreateRequest, CreateResult, DefaultOptionsRequest, Item, ItemsRequest,
    ItemsResult, NodeType, OptionsRequest, OptionsSubmit, PublishRequest, PublishResult, Request, Response,
    RetractRequest, SubscribeRequest, Subscription, SubscriptionResult, SubscriptionState, SubscriptionsRequest,
    UnsubscribeRequest,
};
use jabber_jid::Jid;
use jabber_stanza::{DefinedCondition, Error, ErrorType, Iq, Message, Payload, StanzaError, Value};
use jabber_stream::Element;
use proptest::prelude::*;

fn xml(s: &str) -> Element {
    s.parse().unwrap()
}

fn jid(s: &str) -> Jid {
    s.parse().unwrap()
}

/// The `n`th example's top-level elements.
fn example(n: u32) -> Vec<Element> {
    let all = examples("0060");
    let e = all.iter().find(|e| e.number == n).unwrap();
    elements(&e.text).unwrap()
}

/// The first element of the namespace in the `n`th example's first stanza.
fn first_in(n: u32, ns: &str) -> Element {
    in_namespace(&example(n)[0], ns)[0].clone()
}

fn iq(n: u32) -> Iq {
    Iq::parse(&example(n)[0]).unwrap()
}

fn message(n: u32) -> Message {
    Message::parse(&example(n)[0]).unwrap()
}

/// The `malformed` lists of a model, anywhere in it, from its `Debug`
/// form: every non-empty one (a model is read liberally at several levels).
fn malformed_anywhere(debug: &str) -> Vec<String> {
    debug
        .match_indices("malformed: [")
        .filter(|(i, _)| !debug[i + 12..].starts_with(']'))
        .map(|(i, _)| {
            let rest = &debug[i..];
            rest[..rest.find(']').map_or(rest.len(), |e| e + 1)].to_owned()
        })
        .collect()
}

/// Fails with what is malformed, or lists an example whose text elides
/// parts with `...`.
fn nothing_malformed(debug: &str) -> Result<(), String> {
    let malformed = malformed_anywhere(debug);
    if malformed.is_empty() {
        Ok(())
    } else if malformed.iter().all(|m| m.contains("InvalidText") && m.contains("...")) {
        Err(exception("parts elided with '...'"))
    } else {
        Err(format!("malformed: {malformed:?}"))
    }
}

/// Checks a typed form: read, written as a form of the same kind, read
/// again: the same values.
fn typed_round_trip<T: TypedForm + Other + PartialEq + std::fmt::Debug>(form: &DataForm) -> Result<T, String> {
    let typed = T::from_form(form).map_err(|e| format!("{}: {e}", T::FORM_TYPE))?;
    let written = typed.to_form(form.kind.clone());
    let again = T::from_form(&written).map_err(|e| format!("written {}: {e}", T::FORM_TYPE))?;
    if again != typed {
        return Err(format!("typed form differs:\n  read   {typed:?}\n  reread {again:?}"));
    }
    if !typed.other().is_empty() {
        return Err(format!("fields not typed: {:?}", typed.other()));
    }
    Ok(typed)
}

/// The fields a typed form did not type.
trait Other {
    fn other(&self) -> &[jabber_ext::forms::Field];
}
macro_rules! other {
    ($($t:ty => |$x:ident| $e:expr),*) => {$(impl Other for $t { fn other(&self) -> &[jabber_ext::forms::Field] { let $x = self; $e } })*};
}
other!(NodeConfig => |x| &x.other, SubscriptionOptions => |x| &x.other, NodeMetadata => |x| &x.other,
    SubscribeAuthorization => |x| &x.other, PublishingOptions => |x| &x.0.other);

/// Reads a `<pubsub/>` of either namespace as what its stanza says it is
/// (nothing malformed), and round-trips it.
fn check_pubsub(stanza: &Element, pubsub: &Element) -> Result<(), String> {
    if stanza.name() == "iq" && stanza.attr("type") != Some("result") {
        type Parse = fn(&Element) -> Option<Result<Request, Error>>;
        let (first, second): (Parse, Parse) = match stanza.attr("type") {
            Some("get") => (Request::parse_get, Request::parse_get),
            Some("set") => (Request::parse_set, Request::parse_set),
            // An error echoes the request: a set's, or else a get's.
            _ => (Request::parse_set, Request::parse_get),
        };
        let (request, reparse) = match first(pubsub).unwrap() {
            Ok(r) => (r, first),
            Err(_) => (second(pubsub).unwrap().map_err(|e| format!("<pubsub/>: {e}"))?, second),
        };
        nothing_malformed(&format!("{request:?}"))?;
        let again = reparse(&request.to_element()).unwrap().map_err(|e| format!("written: {e}"))?;
        if again != request {
            return Err(format!("round trip differs:\n  {request:?}\n  {again:?}"));
        }
    } else {
        let response = Response::parse(pubsub).unwrap().map_err(|e| format!("<pubsub/>: {e}"))?;
        nothing_malformed(&format!("{response:?}"))?;
        let again = Response::parse(&response.to_element()).unwrap().map_err(|e| format!("written: {e}"))?;
        if again != response {
            return Err(format!("round trip differs:\n  {response:?}\n  {again:?}"));
        }
    }
    Ok(())
}

/// Reads a form by its FORM_TYPE as the typed form, and round-trips it.
fn check_form(form: &Element) -> Result<usize, String> {
    nothing_malformed(&format!("{:?}", DataForm::parse(form)))?;
    let form: DataForm = round_trip(form)?;
    match form.form_type() {
        Some(config::NODE_CONFIG) => typed_round_trip::<NodeConfig>(&form).map(|_| 1),
        Some(config::SUBSCRIBE_OPTIONS) => typed_round_trip::<SubscriptionOptions>(&form).map(|_| 1),
        Some(config::PUBLISH_OPTIONS) => typed_round_trip::<PublishingOptions>(&form).map(|_| 1),
        Some(config::META_DATA) => typed_round_trip::<NodeMetadata>(&form).map(|_| 1),
        Some(config::SUBSCRIBE_AUTHORIZATION) => typed_round_trip::<SubscribeAuthorization>(&form).map(|_| 1),
        // The get-pending command's submission (Example 182) names no FORM_TYPE.
        None => typed_round_trip::<SubscribeAuthorization>(&form).map(|_| 1),
        Some(other) => Err(format!("a form of {other}")),
    }
}

/// Examples whose text is wrong on purpose or by mistake: the number, what
/// the error says, and why the example is listed.
const DELIBERATE: &[(u32, &str, &str)] = &[
    (210, "affilation", "writes <affilation/> for <affiliation/> (kept and reported)"),
    (217, "lacks a required <*/>", "a <configure/> alone in the pubsub namespace (pubsub#owner's, §8.2)"),
];

/// Every pubsub element and data form of one stanza; how many were read.
fn check_example(stanza: &Element) -> Result<usize, String> {
    let mut count = 0;
    for pubsub in in_namespace(stanza, ns::PUBSUB).into_iter().chain(in_namespace(stanza, ns::PUBSUB_OWNER)) {
        check_pubsub(stanza, pubsub)?;
        count += 1;
    }
    for event in in_namespace(stanza, ns::PUBSUB_EVENT) {
        nothing_malformed(&format!("{:?}", Event::parse(event)))?;
        let event: Event = round_trip(event)?;
        if matches!(event, Event::Other(_)) {
            return Err(format!("not typed: {event:?}"));
        }
        count += 1;
    }
    for condition in in_namespace(stanza, ns::PUBSUB_ERRORS) {
        let condition: Condition = round_trip(condition)?;
        if matches!(condition, Condition::Other(_) | Condition::Unsupported { feature: Feature::Other(_) }) {
            return Err(format!("not typed: {condition:?}"));
        }
        // A stanza error carries it as its application condition.
        let error = StanzaError::parse(&in_error(condition.to_element())).unwrap();
        assert_eq!(Condition::from_stanza_error(&error), Some(Ok(condition)));
        count += 1;
    }
    for form in in_namespace(stanza, ns::DATA_FORMS) {
        count += check_form(form)?;
    }
    Ok(count)
}

/// Every example: each element of the four pubsub namespaces, and each
/// data form, found anywhere in the example's stanzas, parses into its
/// typed model with nothing malformed and round-trips (forms through
/// their typed model too).
#[test]
fn every_example() {
    let walk = Walk::run("0060", |n, stanza| {
        check_example(stanza).map_err(|why| match DELIBERATE.iter().find(|(k, _, _)| *k == n) {
            Some((_, sign, reason)) if why.contains(sign) => exception(reason),
            _ => why,
        })
    });
    assert_eq!(walk.examples, 236);
    walk.assert_exceptions(&[2, 102, 103, 210, 216, 217, 221, 223, 224, 227, 228, 229, 230, 231, 233, 235]);
    // Elided parts: the text of items ('[ ... ENTRY ... ]'), of forms ('...').
    for n in [2, 102, 103, 216, 221, 223, 224] {
        assert_eq!(walk.exceptions[&n], "parts elided with '...'", "Example {n}");
    }
    // URIs (§12.22, §16.6): not XML.
    for n in [227, 228, 229, 230, 231, 233, 235] {
        assert!(!walk.exceptions[&n].contains("elided"), "Example {n}");
    }
    assert!(walk.exceptions[&210].contains("affilation"), "{}", walk.exceptions[&210]);
    assert!(walk.exceptions[&217].contains("configure"), "{}", walk.exceptions[&217]);
    // 54 pubsub, 21 pubsub#owner, 28 pubsub#event, 55 pubsub#errors elements
    // and 20 forms of the examples read whole, and 7 of the stanzas of
    // Examples 221, 223 and 224 that elide nothing.
    assert_eq!(walk.payloads, 54 + 21 + 28 + 55 + 20 + 7);
}

/// An `<error/>` (in `jabber:client`) holding an application condition.
fn in_error(condition: Element) -> Element {
    let mut error = Element::new("error", "jabber:client");
    error.set_attr("type", "cancel");
    error.push_child(Element::new("undefined-condition", "urn:ietf:params:xml:ns:xmpp-stanzas"));
    error.push_child(condition);
    error
}

// ---- Entity use cases (§5) ----

/// XEP-0060 Examples 16, 17: subscriptions, requested and returned.
#[test]
fn retrieve_subscriptions() {
    let Some(Ok(Request::Subscriptions(request))) = Request::from_iq(&iq(16)) else { panic!() };
    assert_eq!(request, SubscriptionsRequest::new(None));
    let Some(Ok(Response::Subscriptions(result))) = Response::from_iq(&iq(17)) else { panic!() };
    let subs = &result.subscriptions.subscriptions;
    assert_eq!(subs.len(), 5);
    assert_eq!(subs[0], Subscription::new("node1", jid("francisco@denmark.lit"), SubscriptionState::Subscribed));
    assert_eq!(subs[2].subscription, Some(SubscriptionState::Unconfigured));
    assert_eq!(subs[3].subid.as_deref(), Some("123-abc"));
    // Example 20: to one node.
    let Some(Ok(Request::Subscriptions(request))) = Request::from_iq(&iq(20)) else { panic!() };
    assert_eq!(request, SubscriptionsRequest::new(Some("princely_musings".into())));
}

/// XEP-0060 Examples 22, 23, 26: affiliations.
#[test]
fn retrieve_affiliations() {
    let Some(Ok(Request::Affiliations(request))) = Request::from_iq(&iq(22)) else { panic!() };
    assert_eq!(request, AffiliationsRequest::new(None));
    let Some(Ok(Response::Affiliations(result))) = Response::from_iq(&iq(23)) else { panic!() };
    let affiliations: Vec<(&str, &Affiliation)> =
        result.affiliations.affiliations.iter().map(|a| (a.node.as_str(), &a.affiliation)).collect();
    assert_eq!(
        affiliations,
        [
            ("node1", &Affiliation::Owner),
            ("node2", &Affiliation::Publisher),
            ("node5", &Affiliation::Outcast),
            ("node6", &Affiliation::Owner)
        ]
    );
    let Some(Ok(Request::Affiliations(request))) = Request::from_iq(&iq(26)) else { panic!() };
    assert_eq!(request, AffiliationsRequest::new(Some("node6".into())));
    assert_eq!(Affiliation::from_value("publish-only"), Ok(Affiliation::PublishOnly));
    assert_eq!(Affiliation::from_value("boss"), Ok(Affiliation::Other("boss".into())));
}

/// XEP-0060 Example 14: node metadata in disco#info, typed.
#[test]
fn metadata() {
    let form = DataForm::parse(&first_in(14, ns::DATA_FORMS)).unwrap();
    let meta = NodeMetadata::from_form(&form).unwrap();
    assert_eq!(meta.payload_type.as_deref(), Some("urn:example:e2ee:bundle"));
    assert_eq!(meta.creator, Some(jid("hamlet@denmark.lit")));
    assert_eq!(meta.creation_date, Some(DateTime::from_value("2003-07-29T22:56:10Z").unwrap()));
    assert_eq!(meta.title.as_deref(), Some("Princely Musings (Atom)"));
    assert_eq!(meta.description.as_deref(), Some("Updates for Hamlet's Princely Musings weblog."));
    assert_eq!(meta.language.as_deref(), Some("en"));
    assert_eq!(meta.contact, Some(vec![jid("bard@shakespeare.lit")]));
    assert_eq!(meta.access_model, Some(AccessModel::Open));
    assert_eq!(meta.publish_model, Some(PublishModel::Publishers));
    assert_eq!(meta.max_items, Some(IntegerOrMax::Value(120)));
    assert_eq!(meta.owner, Some(vec![jid("hamlet@denmark.lit")]));
    assert_eq!(meta.publisher, Some(vec![jid("hamlet@denmark.lit")]));
    assert_eq!(meta.num_subscribers, Some(1066));
    assert!(meta.other.is_empty());
}

// ---- Subscriber use cases (§6) ----

/// XEP-0060 Examples 28, 29: subscribe, and the subscription made.
#[test]
fn subscribe() {
    let request = iq(28);
    let Some(Ok(Request::Subscribe(subscribe))) = Request::from_iq(&request) else { panic!() };
    assert_eq!(subscribe, SubscribeRequest::new("princely_musings", jid("francisco@denmark.lit")));
    let built =
        pubsub::subscribe("sub1", jid("pubsub.shakespeare.lit"), "princely_musings", jid("francisco@denmark.lit"));
    assert_eq!(built.payload::<SubscribeRequest>(), Some(Ok(subscribe)));
    assert_eq!((built.to, built.id), (request.to, request.id));
    let result: SubscriptionResult = iq(29).payload().unwrap().unwrap();
    assert_eq!(
        result,
        SubscriptionResult::new(
            Subscription::new("princely_musings", jid("francisco@denmark.lit"), SubscriptionState::Subscribed)
                .with_subid("ba49252aaa4f5d320c24d3766f0bdcade78c78d3")
        )
    );
    // Example 42: pending approval.
    let pending: SubscriptionResult = iq(42).payload().unwrap().unwrap();
    assert_eq!(pending.subscription.subscription, Some(SubscriptionState::Pending));
    // Examples 43 and 45: options required, and supported.
    let required: SubscriptionResult = iq(43).payload().unwrap().unwrap();
    assert!(required.subscription.configuration_required());
    let supported: SubscriptionResult = iq(45).payload().unwrap().unwrap();
    assert!(supported.subscription.subscribe_options.is_some() && !supported.subscription.configuration_required());
}

/// XEP-0060 Examples 67, 68: subscribe and configure in one request, with exact options.
#[test]
fn subscribe_with_options() {
    let Some(Ok(Request::Subscribe(request))) = Request::from_iq(&iq(67)) else { panic!() };
    assert_eq!(request.subscribe.node.as_deref(), Some("princely_musings"));
    assert_eq!(request.subscribe.jid, Some(jid("francisco@denmark.lit")));
    let options = request.options.as_ref().unwrap();
    assert_eq!((options.node.as_ref(), options.jid.as_ref()), (None, None));
    let expected = SubscriptionOptions {
        deliver: Some(true),
        digest: Some(false),
        include_body: Some(false),
        show_values: Some(vec![ShowValue::Chat, ShowValue::Online, ShowValue::Away]),
        ..SubscriptionOptions::default()
    };
    assert_eq!(options.options(), Ok(Some(expected.clone())));
    // Built, it reads back the same.
    let built = SubscribeRequest::new("princely_musings", jid("francisco@denmark.lit")).with_options(&expected);
    assert_eq!(built.options.as_ref().unwrap().options(), Ok(Some(expected.clone())));
    assert_eq!(SubscribeRequest::parse(&built.to_element()), Ok(built));
    // The result carries the options in force.
    let result: SubscriptionResult = iq(68).payload().unwrap().unwrap();
    assert_eq!(result.subscription.subscription, Some(SubscriptionState::Subscribed));
    let options = result.options.unwrap();
    assert_eq!(options.form.as_ref().unwrap().kind, FormKind::Result);
    assert_eq!(options.options(), Ok(Some(expected)));
}

/// XEP-0060 Examples 47, 48: unsubscribe.
#[test]
fn unsubscribe() {
    let Some(Ok(Request::Unsubscribe(request))) = Request::from_iq(&iq(47)) else { panic!() };
    assert_eq!(request, UnsubscribeRequest::new("princely_musings", jid("francisco@denmark.lit"), None));
    let result: SubscriptionResult = iq(48).payload().unwrap().unwrap();
    assert_eq!(result.subscription.subscription, Some(SubscriptionState::None));
    // Example 234: the stanza of a XEP-0147 URI lacks the JID (and the iq its id).
    let Some(Ok(Request::Unsubscribe(request))) = Request::parse_set(&first_in(234, ns::PUBSUB)) else { panic!() };
    assert_eq!(request.unsubscribe.jid, None);
}

/// XEP-0060 Examples 55, 56, 64: the options form, requested, sent, submitted.
#[test]
fn subscription_options() {
    let Some(Ok(Request::Options(request))) = Request::from_iq(&iq(55)) else { panic!() };
    assert_eq!(request, OptionsRequest::new("princely_musings", jid("francisco@denmark.lit"), None));
    let Some(Ok(Response::Options(result))) = Response::from_iq(&iq(56)) else { panic!() };
    let form = result.options.form.as_ref().unwrap();
    assert_eq!(form.kind, FormKind::Form);
    assert_eq!(form.field("pubsub#show-values").unwrap().options.len(), 5);
    let typed = result.options.options().unwrap().unwrap();
    assert_eq!(typed.show_values, Some(vec![ShowValue::Chat, ShowValue::Online]));
    let Some(Ok(Request::SubmitOptions(submit))) = Request::from_iq(&iq(64)) else { panic!() };
    let options = submit.options.options().unwrap().unwrap();
    let built = OptionsSubmit::new("princely_musings", jid("francisco@denmark.lit"), &options);
    assert_eq!(built.options.options(), Ok(Some(options)));
    assert_eq!((built.options.node, built.options.jid), (submit.options.node, submit.options.jid));
}

/// XEP-0060 Examples 69 to 71: default subscription options.
#[test]
fn default_subscription_options() {
    let Some(Ok(Request::DefaultOptions(request))) = Request::from_iq(&iq(69)) else { panic!() };
    assert_eq!(request, DefaultOptionsRequest::new(Some("princely_musings".into())));
    let Some(Ok(Request::DefaultOptions(request))) = Request::from_iq(&iq(70)) else { panic!() };
    assert_eq!(request, DefaultOptionsRequest::new(None));
    let Some(Ok(Response::DefaultOptions(result))) = Response::from_iq(&iq(71)) else { panic!() };
    let typed = SubscriptionOptions::from_form(result.default.form.as_ref().unwrap()).unwrap();
    assert_eq!(typed.deliver, Some(true));
}

/// XEP-0060 Examples 74 to 83: retrieving items: all, some with RSM, the
/// most recent with `max_items`, specific ones.
#[test]
fn retrieve_items() {
    let Some(Ok(Request::Items(all))) = Request::from_iq(&iq(74)) else { panic!() };
    assert_eq!(all, ItemsRequest::new("princely_musings"));
    let result: ItemsResult = iq(75).payload().unwrap().unwrap();
    let ids: Vec<_> = result.items.items.iter().map(|i| i.id.as_deref().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "368866411b877c30064a5f62b917cffe",
            "3300659945416e274474e469a1f0154c",
            "4e30f35051b7b8b42abe083742187228",
            "ae890ac52d0df67ed7cfdf51b644e901"
        ]
    );
    let entry = result.items.items[3].payload.as_ref().unwrap();
    assert!(entry.is("entry", "http://www.w3.org/2005/Atom"));
    assert_eq!(entry.get_child("title", "http://www.w3.org/2005/Atom").unwrap().text(), "Soliloquy");
    // Example 76: three items of 19, a page (XEP-0059).
    let page: ItemsResult = iq(76).payload().unwrap().unwrap();
    assert_eq!(page.items.items.len(), 3);
    let set = page.rsm.as_ref().unwrap();
    assert_eq!(set.count, Some(19));
    assert_eq!(ItemsResult::parse(&page.to_element()).unwrap().rsm.as_ref(), Some(set));
    // Example 80: the two most recent.
    let Some(Ok(Request::Items(recent))) = Request::from_iq(&iq(80)) else { panic!() };
    assert_eq!(recent.items.max_items, Some(2));
    assert_eq!(recent, ItemsRequest::new("princely_musings").with_max_items(2));
    assert_eq!(
        Iq::parse(&pubsub::items("items2", jid("pubsub.shakespeare.lit"), "princely_musings", Some(2)).to_element())
            .unwrap()
            .payload::<ItemsRequest>(),
        Some(Ok(recent))
    );
    let two: ItemsResult = iq(81).payload().unwrap().unwrap();
    assert_eq!(two.items.items.len(), 2);
    // Example 78: two by id.
    let Some(Ok(Request::Items(some))) = Request::from_iq(&iq(78)) else { panic!() };
    assert_eq!(
        some,
        ItemsRequest::new("princely_musings")
            .with_item("368866411b877c30064a5f62b917cffe")
            .with_item("4e30f35051b7b8b42abe083742187228")
    );
    // Example 82: none.
    let none: ItemsResult = iq(82).payload().unwrap().unwrap();
    assert_eq!(none, ItemsResult::new("princely_musings", vec![]));
    // subid and RSM, built.
    let paged = ItemsRequest::new("n").with_subid("123-abc").with_rsm(jabber_ext::rsm::SetQuery::limit(10));
    let again = ItemsRequest::parse(&paged.to_element()).unwrap();
    assert_eq!(again.items.subid.as_deref(), Some("123-abc"));
    assert_eq!(again.rsm.unwrap().max, Some(10));
}

// ---- Publisher use cases (§7) ----

/// XEP-0060 Examples 96 to 99: publish, with and without an id.
#[test]
fn publish() {
    let Some(Ok(Request::Publish(request))) = Request::from_iq(&iq(96)) else { panic!() };
    assert_eq!(request.publish.node, "princely_musings");
    let item = &request.publish.items[0];
    assert_eq!(item.id.as_deref(), Some("bnd81g37d61f49fgn581"));
    let entry = item.payload.clone().unwrap();
    assert_eq!(
        request,
        PublishRequest::new("princely_musings", Item::new(entry.clone()).with_id("bnd81g37d61f49fgn581"))
    );
    let Some(Ok(Request::Publish(no_id))) = Request::from_iq(&iq(97)) else { panic!() };
    assert_eq!(no_id, PublishRequest::new("princely_musings", Item::new(entry)));
    let result: PublishResult = iq(98).payload().unwrap().unwrap();
    assert_eq!(result, PublishResult::new("princely_musings", Vec::<String>::new()));
    let result: PublishResult = iq(99).payload().unwrap().unwrap();
    assert_eq!(result.item_ids().collect::<Vec<_>>(), ["ae890ac52d0df67ed7cfdf51b644e901"]);
    assert_eq!(result, PublishResult::new("princely_musings", ["ae890ac52d0df67ed7cfdf51b644e901"]));
}

/// XEP-0060 Example 114: publish with publishing options, exact.
#[test]
fn publish_with_options() {
    let request = iq(114);
    let Some(Ok(Request::Publish(publish))) = Request::from_iq(&request) else { panic!() };
    let options = PublishingOptions(NodeConfig { access_model: Some(AccessModel::Presence), ..NodeConfig::default() });
    assert_eq!(publish.options(), Ok(Some(options.clone())));
    assert_eq!(Request::Publish(publish.clone()).feature(), Feature::PublishOptions);
    // Built in one call, it is the example's request exactly.
    let item = publish.publish.items[0].clone();
    let built = pubsub::publish("pub1", jid("pubsub.shakespeare.lit"), "princely_musings", item, Some(&options));
    assert_eq!(built.payload::<PublishRequest>(), Some(Ok(publish)));
    assert_eq!(built.to, request.to);
}

/// XEP-0060 Examples 100 to 104, 220: notifications of items, with
/// payloads, without, with the publisher.
#[test]
fn item_notifications() {
    let stanzas = example(100);
    assert_eq!(stanzas.len(), 4);
    let Some(Ok(Event::Items(items))) = Event::from_message(&Message::parse(&stanzas[0]).unwrap()) else { panic!() };
    assert_eq!(items.node, "princely_musings");
    assert_eq!(items.items[0].id.as_deref(), Some("ae890ac52d0df67ed7cfdf51b644e901"));
    assert!(items.items[0].payload.as_ref().unwrap().is("entry", "http://www.w3.org/2005/Atom"));
    assert_eq!(Event::published("princely_musings", items.items.clone()), Event::Items(items));
    let Some(Ok(Event::Items(only))) = Event::from_message(&message(101)) else { panic!() };
    assert_eq!(only.items, [Item::id_only("ae890ac52d0df67ed7cfdf51b644e901")]);
    // Example 3: a transient notification, no item.
    assert_eq!(Event::from_message(&message(3)), Some(Ok(Event::published("elsinore/doorbell", vec![]))));
    // Example 220: the publisher.
    let Some(Ok(Event::Items(geoloc))) = Event::from_message(&message(220)) else { panic!() };
    assert_eq!(geoloc.items[0].publisher, Some(jid("portia@merchantofvenice.lit")));
    assert!(geoloc.items[0].payload.as_ref().unwrap().is("geoloc", "http://jabber.org/protocol/geoloc"));
}

/// XEP-0060 Examples 115, 117: retract, with the notification.
#[test]
fn retract() {
    let Some(Ok(Request::Retract(request))) = Request::from_iq(&iq(115)) else { panic!() };
    assert_eq!(request, RetractRequest::new("princely_musings", "ae890ac52d0df67ed7cfdf51b644e901", false));
    let notify = RetractRequest::new("princely_musings", "x", true);
    assert_eq!(notify.to_element().get_child("retract", ns::PUBSUB).unwrap().attr("notify"), Some("true"));
    assert_eq!(RetractRequest::parse(&notify.to_element()), Ok(notify));
    let with_one = xml(
        "<pubsub xmlns='http://jabber.org/protocol/pubsub'><retract node='n' notify='1'><item id='i'/></retract></pubsub>",
    );
    assert!(RetractRequest::parse(&with_one).unwrap().retract.notify);
    assert_eq!(
        pubsub::retract(
            "r",
            jid("pubsub.shakespeare.lit"),
            "princely_musings",
            "ae890ac52d0df67ed7cfdf51b644e901",
            false
        )
        .payload::<RetractRequest>(),
        Some(Ok(request))
    );
    let event = Event::from_message(&message(117)).unwrap().unwrap();
    assert_eq!(event, Event::retracted("princely_musings", ["ae890ac52d0df67ed7cfdf51b644e901"]));
}

// ---- Owner use cases (§8) ----

/// XEP-0060 Examples 125, 131, 132: create a node, an instant node.
#[test]
fn create() {
    let Some(Ok(Request::Create(request))) = Request::from_iq(&iq(125)) else { panic!() };
    assert_eq!(request, CreateRequest::new("princely_musings"));
    assert_eq!(Request::Create(request).feature(), Feature::CreateNodes);
    let Some(Ok(Request::Create(instant))) = Request::from_iq(&iq(131)) else { panic!() };
    assert_eq!(instant, CreateRequest::instant());
    assert_eq!(Request::Create(instant).feature(), Feature::InstantNodes);
    let result: CreateResult = iq(132).payload().unwrap().unwrap();
    assert_eq!(result, CreateResult::new("25e3d37dabbab9541f7523321421edc5bfeb2dae"));
}

/// XEP-0060 Examples 134 and 137: create and configure, exact values.
#[test]
fn create_and_configure() {
    let Some(Ok(Request::Create(whitelist))) = Request::from_iq(&iq(134)) else { panic!() };
    let config = NodeConfig { access_model: Some(AccessModel::Whitelist), ..NodeConfig::default() };
    assert_eq!(whitelist.config(), Ok(Some(config.clone())));
    // Built, it is Example 134's request exactly.
    assert_eq!(CreateRequest::new("princely_musings").with_config(&config), whitelist);

    let Some(Ok(Request::Create(request))) = Request::from_iq(&iq(137)) else { panic!() };
    assert_eq!(Request::Create(request.clone()).feature(), Feature::CreateAndConfigure);
    assert_eq!(request.create.node.as_deref(), Some("princely_musings"));
    let expected = NodeConfig {
        title: Some("Princely Musings (Atom)".into()),
        deliver_notifications: Some(true),
        deliver_payloads: Some(true),
        persist_items: Some(true),
        max_items: Some(IntegerOrMax::Value(10)),
        item_expire: Some(IntegerOrMax::Value(604800)),
        access_model: Some(AccessModel::Open),
        publish_model: Some(PublishModel::Publishers),
        purge_offline: Some(false),
        send_last_published_item: Some(SendLastPublishedItem::Never),
        presence_based_delivery: Some(false),
        notification_type: Some(NotificationType::Headline),
        notify_config: Some(false),
        notify_delete: Some(false),
        notify_retract: Some(false),
        notify_sub: Some(false),
        max_payload_size: Some(1028),
        payload_type: Some("urn:example:e2ee:bundle".into()),
        body_xslt: Some("http://jabxslt.jabberstudio.org/atom_body.xslt".into()),
        ..NodeConfig::default()
    };
    assert_eq!(request.config(), Ok(Some(expected.clone())));
    let iq = pubsub::create("create1", jid("pubsub.shakespeare.lit"), Some("princely_musings".into()), Some(&expected));
    let Some(Ok(Request::Create(built))) = Request::from_iq(&iq) else { panic!() };
    assert_eq!(built.config(), Ok(Some(expected)));
}

/// XEP-0060 Examples 139, 140, 146, 147: configure a node.
#[test]
fn configure() {
    let Some(Ok(Request::Configure(request))) = Request::from_iq(&iq(139)) else { panic!() };
    assert_eq!(request, ConfigureRequest::new("princely_musings"));
    let Some(Ok(Response::Configure(form))) = Response::from_iq(&iq(140)) else { panic!() };
    let config = form.configure.config().unwrap().unwrap();
    assert_eq!(config.deliver_notifications, Some(true));
    assert_eq!(config.roster_groups_allowed, Some(vec![]));
    assert_eq!(config.max_payload_size, Some(1028));
    assert_eq!(config.dataform_xslt, None);
    let access = form.configure.form.as_ref().unwrap().field("pubsub#access_model").unwrap();
    assert_eq!(access.options.len(), 5);
    let Some(Ok(Request::SubmitConfiguration(submit))) = Request::from_iq(&iq(146)) else { panic!() };
    let submitted = submit.configure.config().unwrap().unwrap();
    assert_eq!(submitted.access_model, Some(AccessModel::Roster));
    assert_eq!(submitted.roster_groups_allowed, Some(vec!["friends".into(), "servants".into(), "courtiers".into()]));
    assert_eq!(ConfigureSubmit::new("princely_musings", &submitted).configure.config(), Ok(Some(submitted)));
    assert!(!submit.is_cancel());
    let Some(Ok(Request::SubmitConfiguration(cancel))) = Request::from_iq(&iq(147)) else { panic!() };
    assert!(cancel.is_cancel());
    assert_eq!(cancel, ConfigureSubmit::cancel("princely_musings"));
}

/// XEP-0060 Examples 152 to 154: the default node configuration.
#[test]
fn default_configuration() {
    let Some(Ok(Request::Default(leaf))) = Request::from_iq(&iq(152)) else { panic!() };
    assert_eq!(leaf, DefaultRequest::new(None));
    assert_eq!(leaf.default.node_type(), &NodeType::Leaf);
    let Some(Ok(Request::Default(collection))) = Request::from_iq(&iq(153)) else { panic!() };
    assert_eq!(collection, DefaultRequest::new(Some(NodeType::Collection)));
    let Some(Ok(Response::Default(result))) = Response::from_iq(&iq(154)) else { panic!() };
    let config = result.config().unwrap().unwrap();
    assert_eq!(config.max_payload_size, Some(9216));
    assert_eq!(config.subscribe, Some(true));
    // A service builds it from its defaults.
    assert_eq!(owner::DefaultResult::new(&config).config(), Ok(Some(config)));
}

/// XEP-0060 Examples 157, 158, 160: delete a node, with a redirection.
#[test]
fn delete() {
    let Some(Ok(Request::Delete(plain))) = Request::from_iq(&iq(157)) else { panic!() };
    assert_eq!(plain, DeleteRequest::new("princely_musings"));
    let Some(Ok(Request::Delete(redirect))) = Request::from_iq(&iq(158)) else { panic!() };
    assert_eq!(redirect, DeleteRequest::new("princely_musings").with_redirect("xmpp:hamlet@denmark.lit?;node=blog"));
    let event = Event::from_message(&message(160)).unwrap().unwrap();
    assert_eq!(event, Event::deleted("princely_musings", Some("xmpp:hamlet@denmark.lit?;node=blog".into())));
    assert_eq!(event.node(), Some("princely_musings"));
}

/// XEP-0060 Examples 163, 165: purge a node.
#[test]
fn purge() {
    let Some(Ok(Request::Purge(request))) = Request::from_iq(&iq(163)) else { panic!() };
    assert_eq!(request, PurgeRequest::new("princely_musings"));
    assert_eq!(Event::from_message(&message(165)), Some(Ok(Event::purged("princely_musings"))));
}

/// XEP-0060 Examples 150, 151: configuration notifications.
#[test]
fn configuration_notifications() {
    let Some(Ok(Event::Configuration(bare))) = Event::from_message(&message(150)) else { panic!() };
    assert_eq!(Event::Configuration(bare.clone()), Event::configured("princely_musings", None));
    assert_eq!(bare.config(), Ok(None));
    let Some(Ok(Event::Configuration(full))) = Event::from_message(&message(151)) else { panic!() };
    let config = full.config().unwrap().unwrap();
    assert_eq!(config.max_payload_size, Some(9216));
    assert_eq!(config.subscribe, Some(true));
    let Event::Configuration(built) = Event::configured("princely_musings", Some(&config)) else { panic!() };
    assert_eq!(built.config(), Ok(Some(config)));
    assert_eq!(built.form.unwrap().kind, FormKind::Result);
}

/// XEP-0060 Examples 170 to 175: subscription approval, and the
/// subscription notifications (172, 174, 222).
#[test]
fn subscription_approval() {
    let message_170 = message(170);
    let form = message_170.payload::<DataForm>().unwrap().unwrap();
    let request = SubscribeAuthorization::from_form(&form).unwrap();
    assert_eq!(
        request,
        SubscribeAuthorization {
            allow: Some(false),
            node: Some("princely_musings".into()),
            subscriber_jid: Some(jid("horatio@denmark.lit")),
            subid: Some("123-abc".into()),
            other: vec![],
        }
    );
    let approve = SubscribeAuthorization::from_form(&message(171).payload::<DataForm>().unwrap().unwrap()).unwrap();
    assert_eq!(approve, SubscribeAuthorization { allow: Some(true), ..request.clone() });
    let approved = Event::from_message(&message(172)).unwrap().unwrap();
    assert_eq!(
        approved,
        Event::subscription("princely_musings", jid("horatio@denmark.lit"), SubscriptionState::Subscribed)
    );
    let denied = Event::from_message(&message(174)).unwrap().unwrap();
    assert_eq!(denied, Event::subscription("princely_musings", jid("horatio@denmark.lit"), SubscriptionState::None));
    let Some(Ok(Event::Subscription(lease))) = Event::from_message(&message(222)) else { panic!() };
    assert_eq!(lease.expiry, Some(DateTime::from_value("2006-02-28T23:59:59Z").unwrap()));
    assert_eq!(lease.subid.as_deref(), Some("ba49252aaa4f5d320c24d3766f0bdcade78c78d3"));
}

/// XEP-0060 Examples 184, 185, 189, 194, 195: manage subscriptions.
#[test]
fn manage_subscriptions() {
    let Some(Ok(Request::OwnerSubscriptions(request))) = Request::from_iq(&iq(184)) else { panic!() };
    assert_eq!(request, owner::SubscriptionsRequest::new("princely_musings"));
    let Some(Ok(Response::OwnerSubscriptions(result))) = Response::from_iq(&iq(185)) else { panic!() };
    let subs = &result.subscriptions.subscriptions;
    assert_eq!(subs.len(), 4);
    assert_eq!(subs[1], EntitySubscription::new(jid("polonius@denmark.lit"), SubscriptionState::Unconfigured));
    assert_eq!(subs[3].subid.as_deref(), Some("004-yyy"));
    let Some(Ok(Request::ModifySubscriptions(one))) = Request::from_iq(&iq(189)) else { panic!() };
    assert_eq!(
        one,
        ModifySubscriptions::new(
            "princely_musings",
            vec![EntitySubscription::new(jid("bard@shakespeare.lit"), SubscriptionState::Subscribed)]
        )
    );
    let Some(Ok(Request::ModifySubscriptions(two))) = Request::from_iq(&iq(194)) else { panic!() };
    assert_eq!(two.subscriptions.subscriptions[0].subscription, SubscriptionState::None);
    // Example 195: the error echoes what could not be done.
    let error = iq(195);
    assert_eq!(error.error().unwrap().condition, DefinedCondition::NotAcceptable);
    let echoed = Request::parse_set(error.payload_element().unwrap()).unwrap().unwrap();
    assert!(matches!(echoed, Request::ModifySubscriptions(m) if m.subscriptions.subscriptions.len() == 1));
    assert_eq!(
        Event::from_message(&message(196)),
        Some(Ok(Event::subscription("princely_musings", jid("polonius@denmark.lit"), SubscriptionState::None)))
    );
}

/// XEP-0060 Examples 197, 198, 202, 208, 209: manage affiliations.
#[test]
fn manage_affiliations() {
    let Some(Ok(Request::OwnerAffiliations(request))) = Request::from_iq(&iq(197)) else { panic!() };
    assert_eq!(request, owner::AffiliationsRequest::new("princely_musings"));
    let Some(Ok(Response::OwnerAffiliations(result))) = Response::from_iq(&iq(198)) else { panic!() };
    assert_eq!(
        result,
        owner::AffiliationsResult::new(
            "princely_musings",
            vec![
                EntityAffiliation::new(jid("hamlet@denmark.lit"), Affiliation::Owner),
                EntityAffiliation::new(jid("polonius@denmark.lit"), Affiliation::Outcast)
            ]
        )
    );
    let Some(Ok(Request::ModifyAffiliations(one))) = Request::from_iq(&iq(202)) else { panic!() };
    assert_eq!(
        one,
        ModifyAffiliations::new(
            "princely_musings",
            vec![EntityAffiliation::new(jid("bard@shakespeare.lit"), Affiliation::Publisher)]
        )
    );
    let Some(Ok(Request::ModifyAffiliations(three))) = Request::from_iq(&iq(208)) else { panic!() };
    assert_eq!(three.affiliations.affiliations.len(), 3);
    let error = iq(209);
    let echoed = Request::parse_set(error.payload_element().unwrap()).unwrap().unwrap();
    assert!(matches!(echoed, Request::ModifyAffiliations(_)));
}

/// XEP-0060 Example 210 writes `<affilation/>`: kept and reported, the
/// rest of the notification read.
#[test]
fn example_210_typo_is_kept_and_reported() {
    let pubsub = first_in(210, ns::PUBSUB);
    let result = pubsub::AffiliationsResult::parse(&pubsub).unwrap();
    assert_eq!(result.affiliations.node.as_deref(), Some("princely_musings"));
    assert!(result.affiliations.affiliations.is_empty());
    assert_eq!(result.affiliations.unknown.children[0].name(), "affilation");
    assert!(
        matches!(&result.affiliations.malformed[..], [Error::UnexpectedChild { element: "affiliations", child, .. }] if child == "affilation")
    );
    assert_eq!(pubsub::AffiliationsResult::parse(&result.to_element()), Ok(result));
}

// ---- Errors (§5 to §8) ----

/// Every error example with a pubsub condition: the defined condition
/// and type the example gives, and the application condition.
#[test]
fn error_conditions_of_the_examples() {
    use Condition::*;
    let cases: Vec<(u32, Condition, DefinedCondition, ErrorType)> = vec![
        (
            19,
            Unsupported { feature: Feature::RetrieveSubscriptions },
            DefinedCondition::FeatureNotImplemented,
            ErrorType::Cancel,
        ),
        (
            25,
            Unsupported { feature: Feature::RetrieveAffiliations },
            DefinedCondition::FeatureNotImplemented,
            ErrorType::Cancel,
        ),
        (30, InvalidJid, DefinedCondition::BadRequest, ErrorType::Modify),
        (31, PresenceSubscriptionRequired, DefinedCondition::NotAuthorized, ErrorType::Auth),
        (32, NotInRosterGroup, DefinedCondition::NotAuthorized, ErrorType::Auth),
        (33, ClosedNode, DefinedCondition::NotAllowed, ErrorType::Cancel),
        (36, PendingSubscription, DefinedCondition::NotAuthorized, ErrorType::Auth),
        (38, TooManySubscriptions, DefinedCondition::PolicyViolation, ErrorType::Wait),
        (39, Unsupported { feature: Feature::Subscribe }, DefinedCondition::FeatureNotImplemented, ErrorType::Cancel),
        (44, ConfigurationRequired, DefinedCondition::NotAcceptable, ErrorType::Modify),
        (49, SubidRequired, DefinedCondition::BadRequest, ErrorType::Modify),
        (50, NotSubscribed, DefinedCondition::UnexpectedRequest, ErrorType::Cancel),
        (53, InvalidSubid, DefinedCondition::NotAcceptable, ErrorType::Modify),
        (59, JidRequired, DefinedCondition::BadRequest, ErrorType::Modify),
        (
            62,
            Unsupported { feature: Feature::SubscriptionOptions },
            DefinedCondition::FeatureNotImplemented,
            ErrorType::Cancel,
        ),
        (66, InvalidOptions, DefinedCondition::BadRequest, ErrorType::Modify),
        (
            73,
            Unsupported { feature: Feature::RetrieveDefaultSub },
            DefinedCondition::FeatureNotImplemented,
            ErrorType::Cancel,
        ),
        (
            87,
            Unsupported { feature: Feature::PersistentItems },
            DefinedCondition::FeatureNotImplemented,
            ErrorType::Cancel,
        ),
        (
            88,
            Unsupported { feature: Feature::RetrieveItems },
            DefinedCondition::FeatureNotImplemented,
            ErrorType::Cancel,
        ),
        (106, Unsupported { feature: Feature::Publish }, DefinedCondition::FeatureNotImplemented, ErrorType::Cancel),
        (108, NodeFull, DefinedCondition::Conflict, ErrorType::Cancel),
        (109, PayloadTooBig, DefinedCondition::NotAcceptable, ErrorType::Modify),
        (110, InvalidPayload, DefinedCondition::BadRequest, ErrorType::Modify),
        (111, ItemRequired, DefinedCondition::BadRequest, ErrorType::Modify),
        (112, PayloadRequired, DefinedCondition::BadRequest, ErrorType::Modify),
        (113, ItemForbidden, DefinedCondition::BadRequest, ErrorType::Modify),
        (121, NodeidRequired, DefinedCondition::BadRequest, ErrorType::Modify),
        (
            124,
            Unsupported { feature: Feature::DeleteItems },
            DefinedCondition::FeatureNotImplemented,
            ErrorType::Cancel,
        ),
        (
            126,
            Unsupported { feature: Feature::CreateNodes },
            DefinedCondition::FeatureNotImplemented,
            ErrorType::Cancel,
        ),
        (136, UnsupportedAccessModel, DefinedCondition::NotAcceptable, ErrorType::Modify),
        (141, Unsupported { feature: Feature::ConfigNode }, DefinedCondition::FeatureNotImplemented, ErrorType::Cancel),
        (
            156,
            Unsupported { feature: Feature::RetrieveDefault },
            DefinedCondition::FeatureNotImplemented,
            ErrorType::Cancel,
        ),
        (166, Unsupported { feature: Feature::PurgeNodes }, DefinedCondition::FeatureNotImplemented, ErrorType::Cancel),
        (179, Unsupported { feature: Feature::GetPending }, DefinedCondition::FeatureNotImplemented, ErrorType::Cancel),
        (
            186,
            Unsupported { feature: Feature::ManageSubscriptions },
            DefinedCondition::FeatureNotImplemented,
            ErrorType::Cancel,
        ),
        (
            199,
            Unsupported { feature: Feature::ModifyAffiliations },
            DefinedCondition::FeatureNotImplemented,
            ErrorType::Cancel,
        ),
        (
            205,
            Unsupported { feature: Feature::MemberAffiliation },
            DefinedCondition::FeatureNotImplemented,
            ErrorType::Cancel,
        ),
    ];
    for (n, condition, defined, kind) in cases {
        let iq = iq(n);
        let error = iq.error().unwrap();
        assert_eq!(Condition::from_stanza_error(error), Some(Ok(condition.clone())), "Example {n}");
        assert_eq!((&error.condition, error.kind), (&defined, kind), "Example {n}");
        // What a service builds is what the example shows.
        let built = condition.to_stanza_error();
        assert_eq!((&built.condition, built.kind), (&defined, kind), "Example {n}");
        assert_eq!(built.app_condition.as_deref(), Some(&condition.to_element()));
    }
    // Example 130: <nodeid-required/> beside not-acceptable (instant nodes unsupported).
    let error = iq(130).error().unwrap().clone();
    let built = Condition::NodeidRequired.with(DefinedCondition::NotAcceptable);
    assert_eq!(
        (&built.condition, built.kind, &built.app_condition),
        (&error.condition, error.kind, &error.app_condition)
    );
    // Example 86: <not-subscribed/> beside not-authorized.
    let error = iq(86).error().unwrap().clone();
    assert_eq!(Condition::NotSubscribed.with(DefinedCondition::NotAuthorized).kind, error.kind);
    // A service answers what it does not implement (Example 19).
    let Some(Ok(request)) = Request::from_iq(&iq(16)) else { panic!() };
    assert_eq!(request.unsupported(), *iq(19).error().unwrap());
    // Errors without a pubsub condition (Example 41): none.
    assert_eq!(Condition::from_stanza_error(iq(41).error().unwrap()), None);
}

/// Every condition of the schema round-trips, as an element and through a
/// stanza error; unknown ones are kept.
#[test]
fn every_condition() {
    use Condition::*;
    let all = [
        ClosedNode,
        ConfigurationRequired,
        InvalidJid,
        InvalidOptions,
        InvalidPayload,
        InvalidSubid,
        ItemForbidden,
        ItemRequired,
        JidRequired,
        MaxItemsExceeded,
        MaxNodesExceeded,
        NodeFull,
        NodeidRequired,
        NotInRosterGroup,
        NotSubscribed,
        PayloadTooBig,
        PayloadRequired,
        PendingSubscription,
        PreconditionNotMet,
        PresenceSubscriptionRequired,
        SubidRequired,
        TooManySubscriptions,
        Unsupported { feature: Feature::Collections },
        UnsupportedAccessModel,
    ];
    let names: Vec<String> = all.iter().map(|c| c.to_element().name().to_owned()).collect();
    assert_eq!(names[12], "nodeid-required");
    assert_eq!(names[5], "invalid-subid");
    for condition in all {
        assert_eq!(Condition::parse(&condition.to_element()), Ok(condition.clone()));
        assert_eq!(Condition::from_stanza_error(&condition.to_stanza_error()), Some(Ok(condition.clone())));
        assert_ne!(condition.defined_condition(), DefinedCondition::UndefinedCondition);
    }
    assert_eq!(PreconditionNotMet.defined_condition(), DefinedCondition::Conflict);
    assert_eq!(MaxItemsExceeded.defined_condition(), DefinedCondition::NotAllowed);
    // A condition the XEP does not define is kept.
    let other = xml("<gone-fishing xmlns='http://jabber.org/protocol/pubsub#errors'/>");
    assert_eq!(Condition::parse(&other), Ok(Other(other.clone())));
    assert_eq!(Other(other).defined_condition(), DefinedCondition::UndefinedCondition);
    // An unknown feature is kept.
    let future = xml("<unsupported xmlns='http://jabber.org/protocol/pubsub#errors' feature='teleport'/>");
    assert_eq!(Condition::parse(&future), Ok(Unsupported { feature: Feature::Other("teleport".into()) }));
}

#[test]
fn condition_errors() {
    assert_eq!(
        Condition::parse(&xml("<unsupported xmlns='http://jabber.org/protocol/pubsub#errors'/>")),
        Err(Error::MissingAttribute { element: "unsupported", attribute: "feature" })
    );
    assert!(matches!(
        Condition::parse(&xml("<node-full xmlns='http://jabber.org/protocol/pubsub#errors'><x/></node-full>")),
        Err(Error::UnexpectedChild { .. })
    ));
    // Another namespace is not a pubsub condition.
    let error = StanzaError::new(DefinedCondition::BadRequest).with_app_condition(xml("<x xmlns='urn:other'/>"));
    assert_eq!(Condition::from_stanza_error(&error), None);
}

#[test]
fn features() {
    assert_eq!(Feature::RetrieveDefaultSub.var(), "http://jabber.org/protocol/pubsub#retrieve-default-sub");
    assert_eq!(
        Feature::from_var("http://jabber.org/protocol/pubsub#publish-only-affiliation"),
        Some(Feature::PublishOnlyAffiliation)
    );
    assert_eq!(Feature::from_var("http://jabber.org/protocol/pubsub#rsm"), Some(Feature::Rsm));
    assert_eq!(Feature::from_var("http://jabber.org/protocol/pubsub"), None);
    assert_eq!(Feature::from_var("http://jabber.org/protocol/muc#x"), None);
    assert_eq!(Feature::MetaData.name(), "meta-data");
    // Example 8's and 54's features.
    assert_eq!(
        Feature::from_var("http://jabber.org/protocol/pubsub#subscription-options"),
        Some(Feature::SubscriptionOptions)
    );
}

// ---- Requests that cannot be read ----

#[test]
fn request_errors() {
    let pubsub = |inner: &str| xml(&format!("<pubsub xmlns='http://jabber.org/protocol/pubsub'>{inner}</pubsub>"));
    // An operation of the other iq type.
    assert_eq!(
        Request::parse_set(&pubsub("<items node='n'/>")),
        Some(Err(Error::UnexpectedChild { element: "pubsub", child: "items".into(), ns: ns::PUBSUB.into() }))
    );
    assert!(matches!(Request::parse_get(&pubsub("<publish node='n'/>")), Some(Err(Error::UnexpectedChild { .. }))));
    // No operation.
    assert_eq!(Request::parse_get(&pubsub("")), Some(Err(Error::MissingChild { element: "pubsub", child: "*" })));
    // Not pubsub.
    assert_eq!(Request::parse_get(&xml("<query xmlns='jabber:iq:roster'/>")), None);
    // A required attribute.
    assert_eq!(
        Request::parse_get(&pubsub("<items/>")),
        Some(Err(Error::MissingAttribute { element: "items", attribute: "node" }))
    );
    // A JID that is not one: the service answers jid-malformed.
    let Some(Err(error)) = Request::parse_set(&pubsub("<subscribe node='n' jid='a@b@c'/>")) else { panic!() };
    assert!(matches!(error, Error::InvalidJid { element: "subscribe", attribute: "jid", .. }));
    assert_eq!(error.stanza_condition(), DefinedCondition::JidMalformed);
    // max_items that is not a number: kept and reported; all the items asked.
    let Some(Ok(Request::Items(items))) = Request::parse_get(&pubsub("<items node='n' max_items='many'/>")) else {
        panic!()
    };
    assert_eq!(items.items.max_items, None);
    assert!(matches!(
        &items.items.malformed[..],
        [Error::InvalidAttribute { element: "items", attribute: "max_items", .. }]
    ));
    // A second operation element of the same name: kept and reported.
    let Some(Ok(Request::Create(create))) = Request::parse_set(&pubsub("<create node='a'/><create node='b'/>")) else {
        panic!()
    };
    assert_eq!(create.create.node.as_deref(), Some("a"));
    assert_eq!(create.malformed, [Error::DuplicateChild { element: "pubsub", child: "create" }]);
    // Text in an element that holds none.
    assert_eq!(
        Request::parse_set(&pubsub("<unsubscribe node='n'>now</unsubscribe>")),
        Some(Err(Error::InvalidText { element: "unsubscribe", text: "now".into() }))
    );
    // A response without operation, and the owner namespace.
    assert!(matches!(Response::parse(&pubsub("")), Some(Err(Error::MissingChild { .. }))));
    let owner = xml("<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><purge/></pubsub>");
    assert_eq!(Request::parse_set(&owner), Some(Err(Error::MissingAttribute { element: "purge", attribute: "node" })));
    // An iq result is not a request; an iq get without pubsub is not one.
    assert_eq!(Request::from_iq(&iq(29)), None);
    assert_eq!(Request::from_iq(&iq(7)), None);
}

/// What a request carries beside its operation is kept and reported.
#[test]
fn requests_are_read_liberally() {
    let element = xml("<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='n'>\
         <item id='1' publisher='a@b@c'><p xmlns='urn:p'/><q xmlns='urn:q'/></item></publish>\
         <retract node='n'/><x xmlns='urn:x'/></pubsub>");
    let Some(Ok(Request::Publish(request))) = Request::parse_set(&element) else { panic!() };
    // The stray <retract/> of the pubsub namespace is reported, the foreign <x/> kept silently.
    assert!(matches!(&request.malformed[..], [Error::UnexpectedChild { child, .. }] if child == "retract"));
    assert_eq!(request.unknown.children.len(), 2);
    let item = &request.publish.items[0];
    assert!(item.payload.as_ref().unwrap().is("p", "urn:p"));
    assert!(
        matches!(&item.malformed[..], [Error::InvalidJid { .. }, Error::UnexpectedChild { child, .. }] if child == "q"),
        "{:?}",
        item.malformed
    );
    assert_eq!(item.unknown.attributes.len(), 1);
    assert_eq!(item.unknown.children.len(), 1);
    // It round-trips.
    assert_eq!(Request::parse_set(&request.to_element()), Some(Ok(Request::Publish(request))));
}

// ---- Events that cannot be read ----

#[test]
fn event_errors() {
    let event = |inner: &str| xml(&format!("<event xmlns='http://jabber.org/protocol/pubsub#event'>{inner}</event>"));
    assert!(matches!(Event::parse(&event("")), Err(Error::MissingChild { element: "event", .. })));
    assert!(matches!(Event::parse(&event("<purge node='a'/><purge node='b'/>")), Err(Error::UnexpectedChild { .. })));
    assert_eq!(Event::parse(&event("<purge/>")), Err(Error::MissingAttribute { element: "purge", attribute: "node" }));
    assert!(matches!(Event::parse(&event("<subscription jid='' node='n'/>")), Err(Error::InvalidJid { .. })));
    // An element of the namespace this crate does not know is kept.
    let other = event("<teleported node='n'/>");
    assert!(matches!(Event::parse(&other), Ok(Event::Other(e)) if e.name() == "teleported"));
    // A retraction with a bad id is kept and reported; the items read.
    let Ok(Event::Items(items)) = Event::parse(&event("<items node='n'><item id='1'/><retract/></items>")) else {
        panic!()
    };
    assert_eq!(items.items.len(), 1);
    assert!(matches!(&items.malformed[..], [Error::MissingAttribute { element: "retract", attribute: "id" }]));
    // Collections.
    let collection = Event::Collection(Collection {
        node: Some("c".into()),
        change: CollectionChange::Associate { node: "n".into() },
        unknown: Default::default(),
    });
    assert_eq!(Event::parse(&collection.to_element()), Ok(collection.clone()));
    assert_eq!(collection.node(), Some("c"));
}

/// A notification built by a service reaches the subscriber as it was built.
#[test]
fn event_messages() {
    let event = Event::published("n", vec![Item::new(xml("<p xmlns='urn:p'>1</p>")).with_id("i")]);
    let message = event.to_message(jid("pubsub.example.org"), jid("juliet@example.com"));
    let reread = Message::parse(&message.to_element()).unwrap();
    assert_eq!(Event::from_message(&reread), Some(Ok(event)));
    assert_eq!(reread.from, Some(jid("pubsub.example.org")));
}

// ---- Typed forms ----

#[test]
fn typed_form_errors() {
    let form = |var: &str, values: &[&str]| {
        let mut f = NodeConfig::default().to_form(FormKind::Submit);
        f.fields.push(jabber_ext::forms::Field {
            var: Some(var.into()),
            values: values.iter().map(|v| v.to_string()).collect(),
            ..Default::default()
        });
        f
    };
    assert_eq!(
        NodeConfig::from_form(&form("pubsub#persist_items", &["yes"])),
        Err(FormError::NotBoolean { var: "pubsub#persist_items".into(), value: "yes".into() })
    );
    assert!(matches!(NodeConfig::from_form(&form("pubsub#contact", &["a@b@c"])), Err(FormError::NotJid { .. })));
    assert!(matches!(
        NodeConfig::from_form(&form("pubsub#max_items", &["lots"])),
        Err(FormError::Invalid { var, value, .. }) if var == "pubsub#max_items" && value == "lots"
    ));
    assert_eq!(
        NodeConfig::from_form(&form("pubsub#title", &["a", "b"])),
        Err(FormError::TooManyValues { var: "pubsub#title".into(), count: 2 })
    );
    assert!(matches!(
        SubscriptionOptions::from_form(&form("pubsub#expire", &["soon"])),
        Err(FormError::Invalid { .. })
    ));
    // Values the XEP does not list are kept; `max` is read.
    let config = NodeConfig::from_form(&form("pubsub#access_model", &["friends-only"])).unwrap();
    assert_eq!(config.access_model, Some(AccessModel::Other("friends-only".into())));
    let config = NodeConfig::from_form(&form("pubsub#max_items", &["max"])).unwrap();
    assert_eq!(config.max_items, Some(IntegerOrMax::Max));
    // Custom fields are kept.
    let config = NodeConfig::from_form(&form("x-custom", &["1"])).unwrap();
    assert_eq!(config.other.len(), 1);
    assert_eq!(NodeConfig::from_form(&config.to_form(FormKind::Submit)), Ok(config));
}

#[test]
fn typed_forms_as_forms_to_fill() {
    let options = SubscriptionOptions {
        deliver: Some(true),
        expire: Some(Expire::Presence),
        show_values: Some(vec![ShowValue::Online]),
        ..SubscriptionOptions::default()
    };
    let form = options.to_form(FormKind::Form);
    let field = form.field("pubsub#show-values").unwrap();
    assert_eq!(field.kind, Some(jabber_ext::forms::FieldType::ListMulti));
    assert_eq!(field.options.len(), 5);
    assert!(field.label.is_some());
    assert_eq!(form.field("pubsub#expire").and_then(|f| f.value()), Some("presence"));
    // A client fills it like any form: the typed values check against it.
    let submit = options.to_form(FormKind::Submit);
    assert!(form.check(&submit).is_empty(), "{:?}", form.check(&submit));
    assert_eq!(SubscriptionOptions::from_form(&submit), Ok(options.clone()));
    // A cancellation carries no values.
    assert_eq!(options.to_form(FormKind::Cancel).fields.len(), 1);
    // Publishing options have their own FORM_TYPE.
    let publishing = PublishingOptions(NodeConfig { persist_items: Some(true), ..NodeConfig::default() });
    assert_eq!(publishing.to_form(FormKind::Submit).form_type(), Some(config::PUBLISH_OPTIONS));
    assert_eq!(PublishingOptions::from_form(&publishing.to_form(FormKind::Submit)), Ok(publishing));
}

// ---- Items: typed payloads and a property ----

#[test]
fn item_payload_as() {
    /// XEP-0080 User Location, in part, for Example 220.
    #[derive(Debug, PartialEq, Payload)]
    #[payload(name = "geoloc", ns = "http://jabber.org/protocol/geoloc")]
    struct Geoloc {
        #[payload(child_text)]
        description: Option<String>,
        #[payload(child_text)]
        lat: Option<String>,
        #[payload(child_text)]
        lon: Option<String>,
    }
    let Some(Ok(Event::Items(items))) = Event::from_message(&message(220)) else { panic!() };
    let geoloc: Geoloc = items.items[0].payload_as().unwrap().unwrap();
    assert_eq!(
        geoloc,
        Geoloc { description: Some("Venice".into()), lat: Some("45.44".into()), lon: Some("12.33".into()) }
    );
    assert_eq!(items.payloads_as::<Geoloc>(), [Ok(geoloc)]);
    // Another type: none.
    assert_eq!(Item::new(xml("<x xmlns='urn:x'/>")).payload_as::<Geoloc>(), None);
    assert_eq!(Item::id_only("1").payload_as::<Geoloc>(), None);
    // A payload of the type that does not read: its error.
    let bad = Item::new(xml("<geoloc xmlns='http://jabber.org/protocol/geoloc'><lat><b/></lat></geoloc>"));
    assert!(matches!(bad.payload_as::<Geoloc>(), Some(Err(_))));
}

fn payload_element() -> impl Strategy<Value = Element> {
    let name = "[a-z][a-z0-9-]{0,8}";
    let ns = "urn:[a-z]{1,8}:[a-z0-9]{1,8}";
    let attrs = prop::collection::vec(("[a-z]{1,6}", "[ -~]{0,12}"), 0..3);
    let text = prop::option::of("[a-zA-Z0-9 <>&'\"é]{1,20}");
    let child = prop::option::of(("[a-z]{1,6}", "[a-z0-9 ]{0,10}"));
    (name, ns, attrs, text, child).prop_map(|(name, ns, attrs, text, child)| {
        let mut e = Element::new(name, ns);
        for (k, v) in attrs {
            e.set_attr(k, v);
        }
        if let Some((child, content)) = child {
            let mut c = Element::new(child, e.ns().to_owned());
            if !content.trim().is_empty() {
                c.push_text(content);
            }
            e.push_child(c);
        }
        if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
            e.push_text(text);
        }
        e
    })
}

fn item() -> impl Strategy<Value = Item> {
    let id = prop::option::of("[ -~é]{0,16}");
    let publisher = prop::option::of("[a-z]{1,8}@[a-z]{1,8}\\.lit(/[a-z]{1,6})?");
    (id, publisher, prop::option::of(payload_element())).prop_map(|(id, publisher, payload)| Item {
        id,
        publisher: publisher.map(|p| p.parse().unwrap()),
        payload,
        ..Item::default()
    })
}

proptest! {
    /// Items (id, publisher, any payload of another namespace) read back as
    /// they were written, published (pubsub) and notified (pubsub#event),
    /// through the text of the XML.
    #[test]
    fn items_round_trip(node in "[ -~]{1,20}", items in prop::collection::vec(item(), 0..4)) {
        let publish = PublishRequest { publish: pubsub::Publish { node: node.clone(), items: items.clone(), ..Default::default() }, ..Default::default() };
        let text = publish.to_element().to_string();
        let again = PublishRequest::parse(&text.parse::<Element>().unwrap()).unwrap();
        prop_assert_eq!(&again, &publish);
        prop_assert!(again.publish.items.iter().all(|i| i.malformed.is_empty()));

        let event = Event::published(node, items);
        let text = event.to_element().to_string();
        prop_assert_eq!(Event::parse(&text.parse::<Element>().unwrap()).unwrap(), event);
    }
}

/// The `<pubsub/>` of each request is only its own type's: asking a
/// subscribe request for an items request is "not mine", not an error.
#[test]
fn requests_sharing_the_pubsub_element_are_told_apart() {
    use jabber_ext::pubsub::{ItemsRequest, OptionsSubmit, SubscribeRequest};
    use jabber_stanza::Iq;
    let iq: jabber_stream::Element = "<iq xmlns='jabber:client' type='set' id='sub1' to='pubsub.example.org'>\
        <pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='n' jid='a@example.org'/>\
        <options><x xmlns='jabber:x:data' type='submit'/></options></pubsub></iq>"
        .parse()
        .unwrap();
    let iq = Iq::parse(&iq).unwrap();
    assert!(iq.payload::<ItemsRequest>().is_none());
    assert!(iq.payload::<OptionsSubmit>().is_none());
    assert!(matches!(iq.payload::<SubscribeRequest>(), Some(Ok(_))));
}
