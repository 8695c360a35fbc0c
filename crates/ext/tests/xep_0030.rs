//! XEP-0030 Service Discovery: every example, requests and results as
//! distinct types, nodes, and the responder.

mod common;

use std::fmt::Debug;

use common::{Walk, elided, exception, in_namespace, round_trip};
use jabber_ext::disco::{DiscoError, Identity, InfoQuery, InfoResult, Item, ItemsQuery, ItemsResult, Responder};
use jabber_ext::ns;
use jabber_stanza::{DefinedCondition, Error, Iq, IqKind, Payload};
use jabber_stream::Element;

fn xml(s: &str) -> Element {
    s.parse().unwrap()
}

/// Whether a `malformed` report says that lines of dots (`.`, `...`) stand
/// where elements were elided, as XEP-0030 Example 19 does.
fn dotted(malformed: &[Error]) -> bool {
    elided(malformed)
        || (!malformed.is_empty()
            && malformed.iter().all(|e| {
                matches!(e, Error::InvalidText { text, .. }
                    if text.trim().chars().all(|c| c == '.' || c.is_ascii_whitespace()))
            }))
}

/// Parses `element` as `P`: an elision is an exception, anything else
/// malformed a failure; then the round trip.
fn read<P: Payload + PartialEq + Debug>(element: &Element, malformed: fn(&P) -> &[Error]) -> Result<P, String> {
    let parsed = P::parse(element).map_err(|e| format!("<{}/>: {e}", element.name()))?;
    let m = malformed(&parsed);
    if dotted(m) {
        return Err(exception("children elided with dots"));
    }
    if !m.is_empty() {
        return Err(format!("malformed: {m:?}"));
    }
    round_trip::<P>(element)
}

/// Checks every disco payload of a stanza: a request type in a `get` (and
/// echoed in an `error`), a result type in a `result`.
fn check_disco(element: &Element) -> Result<usize, String> {
    let result = element.attr("type") == Some("result");
    let mut count = 0;
    for query in in_namespace(element, ns::DISCO_INFO) {
        if result {
            let info = read::<InfoResult>(query, |p| &p.malformed)?;
            if !info.check().is_empty() {
                return Err(format!("breaks §3.1: {:?}", info.check()));
            }
        } else {
            read::<InfoQuery>(query, |p| &p.malformed)?;
        }
        count += 1;
    }
    for query in in_namespace(element, ns::DISCO_ITEMS) {
        if result {
            read::<ItemsResult>(query, |p| &p.malformed)?;
        } else {
            read::<ItemsQuery>(query, |p| &p.malformed)?;
        }
        count += 1;
    }
    Ok(count)
}

/// Every example: each disco payload parses as the type of its iq, with
/// nothing malformed, and round-trips.
#[test]
fn every_example() {
    let walk = Walk::run("0030", |_, element| check_disco(element));
    assert_eq!(walk.examples, 28);
    // 19: items elided with lines of dots; 25 and 27: xmpp: URIs, not XML.
    walk.assert_exceptions(&[19, 25, 27]);
    // 25 examples read, one query each, but for Examples 7 and 8 (a request
    // and its result each).
    assert_eq!(walk.payloads, 27);
}

fn example(n: usize) -> Vec<Element> {
    common::elements(&common::examples("0030")[n - 1].text).unwrap()
}

fn payload<P: Payload>(n: usize) -> P {
    let iq = &example(n)[0];
    P::parse(iq.children().next().unwrap()).unwrap()
}

/// XEP-0030 Examples 1 and 2: the request is empty; the result has two
/// identities and seven features.
#[test]
fn example_2_info_result() {
    let query: InfoQuery = payload(1);
    assert_eq!(query, InfoQuery::new());
    let info: InfoResult = payload(2);
    assert_eq!(info.node, None);
    assert_eq!(
        info.identities,
        [
            Identity::new("conference", "text").with_name("Play-Specific Chatrooms"),
            Identity::new("directory", "chatroom").with_name("Play-Specific Chatrooms"),
        ]
    );
    assert_eq!(info.features.len(), 7);
    assert!(info.has_feature("jabber:iq:search"));
    assert!(!info.has_feature("jabber:iq:roster"));
    assert!(info.has_identity("directory", "chatroom"));
    assert_eq!(info.identities_of("conference").count(), 1);
    assert_eq!(info.name_in(Some("en")), Some("Play-Specific Chatrooms"));
    // Written back as it came, in the same order.
    assert_eq!(InfoResult::parse(&info.to_element()).unwrap(), info);
}

/// XEP-0030 Examples 3 and 24: an error echoes the request, which reads as
/// the request type.
#[test]
fn errors_echo_the_request() {
    let iq = Iq::parse(&example(3)[0]).unwrap();
    assert_eq!(iq.error().unwrap().condition, DefinedCondition::ItemNotFound);
    assert_eq!(iq.payload::<InfoQuery>(), Some(Ok(InfoQuery::new())));
    let iq = Iq::parse(&example(24)[0]).unwrap();
    assert_eq!(iq.error().unwrap().condition, DefinedCondition::NotAllowed);
    assert_eq!(iq.payload::<InfoQuery>(), Some(Ok(InfoQuery::node("http://jabber.org/protocol/commands"))));
}

/// XEP-0030 Examples 9 and 10: a node is asked and mirrored.
#[test]
fn info_nodes() {
    let query: InfoQuery = payload(9);
    assert_eq!(query.node.as_deref(), Some("http://jabber.org/protocol/commands"));
    let info: InfoResult = payload(10);
    assert_eq!(info.node, query.node);
    assert_eq!(info.identities, [Identity::new("automation", "command-list")]);
    let answer = InfoResult::new().with_identity(Identity::new("automation", "command-list")).answering(&query);
    assert_eq!(answer.node, query.node);
}

/// XEP-0030 Examples 12, 13, 17, 21 and 23: items with and without nodes,
/// and the empty result.
#[test]
fn items_results() {
    let items: ItemsResult = payload(12);
    assert_eq!(items.items.len(), 8);
    assert_eq!(
        items.items[0],
        Item::new("people.shakespeare.lit".parse().unwrap()).with_name("Directory of Characters")
    );
    assert_eq!(payload::<ItemsResult>(13), ItemsResult::new());

    let nodes: ItemsResult = payload(17);
    let catalog = "catalog.shakespeare.lit".parse().unwrap();
    assert_eq!(nodes.items_at(&catalog).count(), 3);
    assert_eq!(nodes.items[2].node.as_deref(), Some("music"));
    // Example 18 is the request for the node of an item of Example 17.
    assert_eq!(nodes.items[2].items_query(), payload::<ItemsQuery>(18));

    let more: ItemsResult = payload(21);
    assert_eq!(more.node.as_deref(), Some("music/D"));
    assert_eq!(more.items[1].name.as_deref(), Some("John Dowland - A Pilgrimes Solace"));
    assert_eq!(more.items[0].info_query(), InfoQuery::node("music/D/dowland-firstbooke"));

    // Example 23: `&apos;` in a name is read as the character.
    let tunes: ItemsResult = payload(23);
    assert_eq!(tunes.items[0].name.as_deref(), Some("Romeo's CD player"));
    assert_eq!(tunes.items[1].name, None);
}

/// XEP-0030 Example 19: the dots that elide items are reported, and the
/// items before them read.
#[test]
fn example_19_items_before_the_elision() {
    let iq = &example(19)[0];
    let items = ItemsResult::parse(in_namespace(iq, ns::DISCO_ITEMS)[0]).unwrap();
    assert_eq!(items.items.len(), 4);
    assert!(dotted(&items.malformed));
}

/// Requests and results are distinct types: an iq get takes a query, an
/// iq result a result (this is checked when compiling), and the two read
/// the same element differently.
#[test]
fn requests_and_results() {
    let get = Iq::get("info1", &InfoQuery::node("n"));
    let reply = get.reply_result(&InfoResult::new().with_identity(Identity::new("client", "pc")).with_node("n"));
    assert!(matches!(get.kind, IqKind::Get(_)));
    assert_eq!(reply.payload::<InfoResult>().unwrap().unwrap().identities.len(), 1);
    assert_eq!(Iq::get("items1", &ItemsQuery::new()).payload::<ItemsQuery>(), Some(Ok(ItemsQuery::new())));
    // A request with an identity in it keeps it, and reports it.
    let odd = InfoQuery::parse(&xml(
        "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='a' type='b'/></query>",
    ))
    .unwrap();
    assert_eq!(odd.unknown.children.len(), 1);
    assert!(matches!(odd.malformed[..], [Error::UnexpectedChild { .. }]));
}

/// One unreadable identity, feature or item never costs the rest (liberal
/// reading, DESIGN.md); it is kept and written back.
#[test]
fn one_bad_part_does_not_cost_the_result() {
    let text = "<query xmlns='http://jabber.org/protocol/disco#info'>\
        <identity category='client'/><identity category='client' type='pc'/>\
        <feature/><feature var='urn:xmpp:ping'/><x xmlns='urn:example'/></query>";
    let info = InfoResult::parse(&xml(text)).unwrap();
    assert_eq!(info.identities, [Identity::new("client", "pc")]);
    assert_eq!(info.features, ["urn:xmpp:ping"]);
    assert_eq!(info.malformed.len(), 2, "{:?}", info.malformed);
    assert!(matches!(info.malformed[0], Error::MissingAttribute { element: "identity", attribute: "type" }));
    assert_eq!(info.unknown.children.len(), 3);
    assert_eq!(InfoResult::parse(&info.to_element()).unwrap().unknown, info.unknown);

    let items = ItemsResult::parse(&xml(
        "<query xmlns='http://jabber.org/protocol/disco#items'><item jid='a@b@c'/><item jid='ok.lit'>\
         <extra xmlns='urn:example'/></item></query>",
    ))
    .unwrap();
    assert_eq!(items.items.len(), 1);
    assert_eq!(items.items[0].unknown.children.len(), 1);
    assert!(matches!(items.malformed[..], [Error::InvalidJid { .. }]));
}

/// `xml:lang` of an identity is read, and written as `xml:lang`.
#[test]
fn identity_language() {
    let info = InfoResult::parse(&xml("<query xmlns='http://jabber.org/protocol/disco#info'>\
         <identity xml:lang='el' category='client' name='Ψ 0.11' type='pc'/></query>"))
    .unwrap();
    assert_eq!(info.identities[0], Identity::new("client", "pc").with_name("Ψ 0.11").with_lang("el"));
    let written = info.to_element().to_string();
    assert!(written.contains("xml:lang=\"el\"") || written.contains("xml:lang='el'"), "{written}");
}

/// Every rule of §3.1 that `check` reports.
#[test]
fn check_rules() {
    assert_eq!(InfoResult::new().with_feature("a").check(), [DiscoError::NoIdentity]);
    let clash = InfoResult::new()
        .with_identity(Identity::new("client", "pc").with_name("A").with_lang("en"))
        .with_identity(Identity::new("client", "pc").with_name("B").with_lang("en"));
    assert_eq!(
        clash.check(),
        [DiscoError::ConflictingNames { category: "client".into(), kind: "pc".into(), lang: Some("en".into()) }]
    );
    let empty = InfoResult::new().with_identity(Identity::new("client", "pc")).with_feature("");
    assert_eq!(empty.check(), [DiscoError::EmptyFeature]);
}

/// The responder answers info and items for the entity and its nodes,
/// with the errors the XEP names, and ignores what is not disco.
#[test]
fn responder() {
    let info = InfoResult::new().with_identity(Identity::new("pubsub", "service"));
    let leaf = InfoResult::new().with_identity(Identity::new("hierarchy", "leaf"));
    let responder = Responder::new(info)
        .with_node_info(Some("music/D"), leaf)
        .with_items(None, vec![Item::new("pubsub.shakespeare.lit".parse().unwrap()).with_node("music/D")]);

    // The entity: disco#info is always listed.
    let answer = responder.info(&InfoQuery::new()).unwrap();
    assert!(answer.features.iter().any(|f| f == ns::DISCO_INFO));
    // A node: mirrored.
    let answer = responder.info(&InfoQuery::node("music/D")).unwrap();
    assert_eq!(answer.node.as_deref(), Some("music/D"));
    assert!(answer.has_identity("hierarchy", "leaf"));
    // An unknown node: item-not-found.
    assert_eq!(responder.info(&InfoQuery::node("none")).unwrap_err(), DefinedCondition::ItemNotFound);
    // Items: those given; a known node without items: empty; unknown: item-not-found.
    assert_eq!(responder.items(&ItemsQuery::new()).unwrap().items.len(), 1);
    assert_eq!(
        responder.items(&ItemsQuery::node("music/D")).unwrap(),
        ItemsResult { node: Some("music/D".into()), ..ItemsResult::new() }
    );
    assert_eq!(responder.items(&ItemsQuery::node("x")).unwrap_err(), DefinedCondition::ItemNotFound);

    // Whole iqs.
    let from = "romeo@montague.net/orchard".parse().unwrap();
    let reply = responder.answer(&Iq::get("i1", &ItemsQuery::new()).with_from(from)).unwrap();
    assert_eq!(reply.id, "i1");
    assert_eq!(reply.to.as_ref().map(|j| j.as_str()), Some("romeo@montague.net/orchard"));
    assert_eq!(reply.payload::<ItemsResult>().unwrap().unwrap().items.len(), 1);
    let reply = responder.answer(&Iq::get("i2", &InfoQuery::node("none"))).unwrap();
    assert_eq!(reply.error().unwrap().condition, DefinedCondition::ItemNotFound);
    assert_eq!(reply.payload::<InfoQuery>(), Some(Ok(InfoQuery::node("none"))));
    // Not disco, or not a get: not answered.
    assert_eq!(responder.answer(&Iq::get("i3", &jabber_stanza::RosterQuery::default())), None);
    assert_eq!(responder.answer(&Iq::empty_result("i4")), None);
}
