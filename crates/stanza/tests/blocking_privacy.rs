//! Negative tests for XEP-0191 and XEP-0016 payloads, matched by variant.

use jabber_stanza::{Block, Error, Payload, PrivacyQuery, Unblock};
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
    assert!(matches!(
        Block::parse(&el("<block xmlns='urn:xmpp:blocking'><item/></block>")),
        Err(Error::MissingAttribute { attribute: "jid", .. })
    ));
    assert!(matches!(
        Block::parse(&el("<block xmlns='urn:xmpp:blocking'><item jid='a@@b'/></block>")),
        Err(Error::InvalidJid { .. })
    ));
    assert!(matches!(
        Block::parse(&el("<block xmlns='urn:xmpp:blocking'><jid>a@b</jid></block>")),
        Err(Error::UnexpectedChild { .. })
    ));
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
