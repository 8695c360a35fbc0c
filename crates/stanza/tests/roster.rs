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

#[test]
fn roster_negative() {
    let kind = |xml: &str| RosterQuery::parse(&el(xml)).unwrap_err();
    assert!(matches!(
        kind("<query xmlns='jabber:iq:roster'><item/></query>"),
        Error::MissingAttribute { attribute: "jid", .. }
    ));
    assert!(matches!(
        kind("<query xmlns='jabber:iq:roster'><item jid='a@b' subscription='sometimes'/></query>"),
        Error::InvalidAttribute { attribute: "subscription", .. }
    ));
    assert!(matches!(
        kind("<query xmlns='jabber:iq:roster'><item jid='a@b' ask='unsubscribe'/></query>"),
        Error::InvalidAttribute { attribute: "ask", .. }
    ));
    assert!(matches!(
        kind("<query xmlns='jabber:iq:roster'><item jid='a@b' approved='yes'/></query>"),
        Error::InvalidAttribute { attribute: "approved", .. }
    ));
    assert!(matches!(
        kind("<query xmlns='jabber:iq:roster'><item jid='@b'/></query>"),
        Error::InvalidJid { attribute: "jid", .. }
    ));
    assert!(matches!(kind("<query xmlns='jabber:iq:roster'><foo/></query>"), Error::UnexpectedChild { .. }));
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
    let two = RosterQuery { ver: None, items: vec![item(&[]), item(&[])] };
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
