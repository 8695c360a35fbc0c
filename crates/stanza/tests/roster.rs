//! The roster (RFC 6121 §2): parsing, round trips, set checks, push validity.

use jabber_stanza::{
    DefinedCondition, Error, Iq, IqKind, Payload, RosterItem, RosterQuery, Stanza, Subscription, roster_push,
};
use jabber_stream::Element;

fn el(xml: &str) -> Element {
    xml.parse().unwrap()
}

#[test]
fn roster_result_round_trips() {
    // After RFC 6121 §2.1.4 (a roster result with versioning, §2.6).
    let iq = Iq::parse(&el("<iq xmlns='jabber:client' id='bv1bs71f' to='juliet@example.com/chamber' type='result'>\
        <query xmlns='jabber:iq:roster' ver='ver11'>\
        <item jid='romeo@example.net' name='Romeo' subscription='both'><group>Friends</group></item>\
        <item jid='mercutio@example.com' name='Mercutio' subscription='from'/>\
        <item jid='benvolio@example.net' name='Benvolio' subscription='both'/>\
        <item jid='nurse@example.com' ask='subscribe' approved='true'/></query></iq>"))
    .unwrap();
    let q = iq.payload::<RosterQuery>().unwrap().unwrap();
    assert_eq!(q.items.len(), 4);
    assert_eq!(q.items[0].groups, ["Friends"]);
    assert_eq!(q.items[1].subscription, Subscription::From);
    assert!(q.items[3].ask && q.items[3].approved);
    assert_eq!(q.items[3].subscription, Subscription::None);
    assert_eq!(RosterQuery::parse(&q.to_element()).unwrap(), q);
}

/// Each unreadable item is kept and reported with what is wrong; the other
/// items stay usable.
#[test]
fn roster_bad_items_are_kept_and_reported() {
    let kind = |item: &str| {
        let xml = format!("<query xmlns='jabber:iq:roster'><item jid='ok@example.com'/>{item}</query>");
        let q = RosterQuery::parse(&el(&xml)).unwrap();
        assert_eq!((q.items.len(), q.unknown.children.len(), q.malformed.len()), (1, 1, 1), "{item}");
        assert_eq!(RosterQuery::parse(&q.to_element()).unwrap(), q, "{item}: round trip");
        q.malformed.into_iter().next().unwrap()
    };
    assert!(matches!(kind("<item/>"), Error::MissingAttribute { attribute: "jid", .. }));
    assert!(matches!(
        kind("<item jid='a@b' subscription='sometimes'/>"),
        Error::InvalidAttribute { attribute: "subscription", .. }
    ));
    assert!(matches!(kind("<item jid='a@b' ask='unsubscribe'/>"), Error::InvalidAttribute { attribute: "ask", .. }));
    assert!(matches!(kind("<item jid='a@b' approved='yes'/>"), Error::InvalidAttribute { attribute: "approved", .. }));
    assert!(matches!(kind("<item jid='@b'/>"), Error::InvalidJid { attribute: "jid", .. }));
    assert!(matches!(kind("<foo/>"), Error::UnexpectedChild { .. }));
    // Elements of other namespaces are kept, and not malformed.
    let q = RosterQuery::parse(&el("<query xmlns='jabber:iq:roster'><x xmlns='urn:x'/></query>")).unwrap();
    assert_eq!((q.unknown.children.len(), q.malformed.len()), (1, 0));
}

/// Issue 10, kind 2: one `<item jid='carol@example.org:5222'/>` among valid
/// items made the whole roster fail to parse. The valid items stay usable,
/// and the bad one is visible with what and why.
#[test]
fn one_bad_roster_item_does_not_lose_the_roster() {
    let iq = Iq::parse(&el("<iq xmlns='jabber:client' id='r1' type='result'><query xmlns='jabber:iq:roster'>\
        <item jid='alice@example.org' subscription='both'/>\
        <item jid='carol@example.org:5222'/>\
        <item jid='bob@example.org' name='Bob'><group>Friends</group></item></query></iq>"))
    .unwrap();
    let q = iq.payload::<RosterQuery>().unwrap().unwrap();
    let jids: Vec<_> = q.items.iter().map(|i| i.jid.as_str()).collect();
    assert_eq!(jids, ["alice@example.org", "bob@example.org"]);
    assert_eq!(q.unknown.children[0].attr("jid"), Some("carol@example.org:5222"));
    assert!(matches!(q.malformed[..], [Error::InvalidJid { element: "item", attribute: "jid", .. }]));
}

/// RFC 6121 §2.3.3: what a server refuses in a roster set.
#[test]
fn roster_set_checks() {
    let item = |groups: &[&str]| {
        let mut i = RosterItem::new("nurse@example.com".parse().unwrap());
        i.groups = groups.iter().map(|g| g.to_string()).collect();
        i
    };
    assert!(RosterQuery::single(item(&["Servants"])).check_set().is_none());
    let two = RosterQuery { items: vec![item(&[]), item(&[])], ..RosterQuery::default() };
    assert_eq!(two.check_set().unwrap().condition, DefinedCondition::BadRequest);
    let dup = RosterQuery::single(item(&["A", "A"]));
    assert_eq!(dup.check_set().unwrap().condition, DefinedCondition::BadRequest);
    let empty = RosterQuery::single(item(&[""]));
    assert_eq!(empty.check_set().unwrap().condition, DefinedCondition::NotAcceptable);
    let mut both = item(&[]);
    both.subscription = Subscription::Both;
    assert_eq!(RosterQuery::single(both).check_set().unwrap().condition, DefinedCondition::BadRequest);
    let mut remove = item(&[]);
    remove.subscription = Subscription::Remove;
    assert!(RosterQuery::single(remove).check_set().is_none());
}

/// RFC 6121 §2.1.6: a client accepts a push only from its own account.
#[test]
fn roster_push_validity() {
    let account = "juliet@example.com".parse().unwrap();
    let push = |from: &str| {
        let from = if from.is_empty() { String::new() } else { format!(" from='{from}'") };
        Iq::parse(&el(&format!(
            "<iq xmlns='jabber:client'{from} id='a78b4q6ha463' to='juliet@example.com/chamber' type='set'>\
             <query xmlns='jabber:iq:roster'><item jid='nurse@example.com'/></query></iq>"
        )))
        .unwrap()
    };
    assert_eq!(roster_push(&push(""), &account).unwrap().items[0].jid.as_str(), "nurse@example.com");
    assert!(roster_push(&push("juliet@example.com"), &account).is_ok());
    assert!(matches!(roster_push(&push("romeo@example.net"), &account), Err(Error::RosterPushFromThirdParty { .. })));
    assert!(matches!(
        roster_push(&push("juliet@example.com/balcony"), &account),
        Err(Error::RosterPushFromThirdParty { .. })
    ));
    let two = Iq::parse(&el("<iq xmlns='jabber:client' id='x' type='set'><query xmlns='jabber:iq:roster'>\
        <item jid='a@b'/><item jid='c@d'/></query></iq>"))
    .unwrap();
    assert!(matches!(roster_push(&two, &account), Err(Error::DuplicateChild { child: "item", .. })));
    let get = Iq::get("g", &RosterQuery::get(None));
    assert!(matches!(roster_push(&get, &account), Err(Error::Mismatch(_))));
    assert!(matches!(Stanza::Iq(get.clone()), Stanza::Iq(Iq { kind: IqKind::Get(_), .. })));
}

/// Found in review: with addresses read liberally, a push whose `from` is
/// not a JID read as a push without `from`, i.e. from the account; it must
/// be refused like any push from a third party (RFC 6121 §2.1.6). A push or
/// a set with an unreadable item is refused too (RFC 6121 §2.1.6, §2.3.3:
/// exactly one item).
#[test]
fn pushes_and_sets_with_unreadable_parts_are_refused() {
    let account: jabber_jid::BareJid = "juliet@example.com".parse().unwrap();
    let push = |from: &str, items: &str| {
        Iq::parse(&el(&format!(
            "<iq xmlns='jabber:client' type='set' id='push1'{from}><query xmlns='jabber:iq:roster'>{items}</query></iq>"
        )))
        .unwrap()
    };
    let item = "<item jid='mallory@evil.example' name='Mom'/>";
    assert!(matches!(
        roster_push(&push(" from='evil@@example.com'", item), &account),
        Err(Error::RosterPushFromThirdParty { from }) if from == "evil@@example.com"
    ));
    assert!(roster_push(&push("", item), &account).is_ok());
    let two = format!("{item}<item jid='bad@@x' subscription='remove'/>");
    assert!(matches!(roster_push(&push("", &two), &account), Err(Error::InvalidJid { .. })));
    let set = RosterQuery::parse(&el(&format!("<query xmlns='jabber:iq:roster'>{two}</query>"))).unwrap();
    assert_eq!(set.check_set().map(|e| e.condition), Some(DefinedCondition::JidMalformed));
    // What is not an item does not spoil the item (found in review): stray
    // text and extensions are reported or kept, and the push stands.
    let noisy = format!("text{item}<x xmlns='urn:x'/>");
    assert_eq!(roster_push(&push("", &noisy), &account).map(|q| q.items.len()), Ok(1));
}
