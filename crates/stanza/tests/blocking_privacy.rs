//! Negative tests for XEP-0191 and XEP-0016 payloads, matched by variant.

use jabber_stanza::{Block, Blocklist, Error, Payload, PrivacyQuery, Unblock};
use jabber_stream::Element;

fn el(xml: &str) -> Element {
    xml.parse().unwrap()
}

#[test]
fn blocking_negative() {
    // XEP-0191 §3.3: a block command needs at least one item.
    assert!(matches!(
        Block::parse(&el("<block xmlns='urn:xmpp:blocking'/>")),
        Err(Error::MissingChild { element: "block", child: "item" })
    ));
    // An empty unblock is "unblock all" (§3.5).
    assert!(Unblock::parse(&el("<unblock xmlns='urn:xmpp:blocking'/>")).unwrap().items.is_empty());
}

/// One bad item never costs the others (issue 10, kind 2): it is kept as it
/// came and reported, in block and unblock commands and pushes and in the
/// blocklist.
#[test]
fn blocking_bad_items_are_kept_and_reported() {
    let kind = |item: &str| {
        let xml = format!("<block xmlns='urn:xmpp:blocking'><item jid='ok@example.com'/>{item}</block>");
        let block = Block::parse(&el(&xml)).unwrap();
        assert_eq!((block.items.len(), block.unknown.children.len(), block.malformed.len()), (1, 1, 1), "{item}");
        assert_eq!(Block::parse(&block.to_element()).unwrap(), block, "{item}: round trip");
        block.malformed.into_iter().next().unwrap()
    };
    assert!(matches!(kind("<item/>"), Error::MissingAttribute { attribute: "jid", .. }));
    assert!(matches!(kind("<item jid='a@@b'/>"), Error::InvalidJid { .. }));
    assert!(matches!(kind("<jid>a@b</jid>"), Error::UnexpectedChild { .. }));
    // A command whose items are all unreadable fails with the first one's
    // error: a block needs an item (XEP-0191 §3.3), and an unblock without
    // readable items must not read as "unblock all" (§3.5).
    assert!(matches!(
        Block::parse(&el("<block xmlns='urn:xmpp:blocking'><item jid='a@@b'/></block>")),
        Err(Error::InvalidJid { .. })
    ));
    assert!(matches!(
        Unblock::parse(&el("<unblock xmlns='urn:xmpp:blocking'><item/></unblock>")),
        Err(Error::MissingAttribute { attribute: "jid", .. })
    ));
    // Nor does an unblock with only an unknown child (found in review).
    assert!(matches!(
        Unblock::parse(&el("<unblock xmlns='urn:xmpp:blocking'><foo xmlns='urn:x'/></unblock>")),
        Err(Error::UnexpectedChild { .. })
    ));
    let list = Blocklist::parse(&el("<blocklist xmlns='urn:xmpp:blocking'><item jid='romeo@montague.net'/>\
        <item jid='carol@example.org:5222'/><item jid='iago@shakespeare.lit'/></blocklist>"))
    .unwrap();
    assert_eq!(list.items.len(), 2);
    assert_eq!(list.unknown.children[0].attr("jid"), Some("carol@example.org:5222"));
    let unblock =
        Unblock::parse(&el("<unblock xmlns='urn:xmpp:blocking'><item jid='@x'/><item jid='a@b'/></unblock>")).unwrap();
    assert_eq!((unblock.items.len(), unblock.malformed.len()), (1, 1));
}

#[test]
fn privacy_negative() {
    let err = |list: &str| {
        PrivacyQuery::parse(&el(&format!("<query xmlns='jabber:iq:privacy'><list name='l'>{list}</list></query>")))
            .unwrap_err()
    };
    assert!(matches!(err("<item action='deny'/>"), Error::MissingAttribute { attribute: "order", .. }));
    assert!(matches!(err("<item order='1'/>"), Error::MissingAttribute { attribute: "action", .. }));
    assert!(matches!(err("<item action='drop' order='1'/>"), Error::InvalidAttribute { attribute: "action", .. }));
    assert!(matches!(err("<item action='deny' order='-1'/>"), Error::InvalidAttribute { attribute: "order", .. }));
    assert!(matches!(
        err("<item type='ip' value='x' action='deny' order='1'/>"),
        Error::InvalidAttribute { attribute: "type", .. }
    ));
    assert!(matches!(
        err("<item type='jid' action='deny' order='1'/>"),
        Error::MissingAttribute { attribute: "value", .. }
    ));
    assert!(matches!(
        err("<item type='subscription' value='remove' action='deny' order='1'/>"),
        Error::InvalidAttribute { attribute: "value", .. }
    ));
    // XEP-0016 §2.2: order values are unique within a list.
    assert!(matches!(
        err("<item action='deny' order='1'/><item action='allow' order='1'/>"),
        Error::InvalidAttribute { attribute: "order", .. }
    ));
    assert!(matches!(err("<item action='deny' order='1'><email/></item>"), Error::UnexpectedChild { .. }));
    assert!(matches!(
        PrivacyQuery::parse(&el("<query xmlns='jabber:iq:privacy'><list/></query>")),
        Err(Error::MissingAttribute { attribute: "name", .. })
    ));
    assert!(matches!(
        PrivacyQuery::parse(&el("<query xmlns='jabber:iq:privacy'><active/><active/></query>")),
        Err(Error::DuplicateChild { child: "active", .. })
    ));
}
