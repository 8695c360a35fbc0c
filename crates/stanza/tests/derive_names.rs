//! `#[derive(Payload)]` for a type of several names: XEP-0045 §7.8.2
//! (mediated invitation) gives `<invite/>` and `<decline/>` (muc#user) the same shape.

use jabber_stanza::{Error, Payload, Value};
#[derive(Debug, PartialEq, Value)]
enum Which {
    Invite,
    Decline,
}
#[derive(Debug, PartialEq, Payload)]
#[payload(name = "invite", name = "decline", ns = "http://jabber.org/protocol/muc#user")]
struct Invitation {
    #[payload(element_name)]
    which: Which,
    #[payload(attr)]
    to: Option<jabber_jid::Jid>,
    #[payload(child_text)]
    reason: Option<String>,
}
/// XEP-0045 Example 58 (its `<decline/>`, reduced), both ways; errors name the element by its own name.
#[test]
fn several_names() {
    let e: jabber_stream::Element =
        "<decline xmlns='http://jabber.org/protocol/muc#user' to='a@b'><reason>no</reason></decline>".parse().unwrap();
    let d = Invitation::parse(&e).unwrap();
    assert_eq!(d.which, Which::Decline);
    assert_eq!(d.to_element(), e);
    assert!(Invitation::is_mine(&e));
    let bad: jabber_stream::Element =
        "<decline xmlns='http://jabber.org/protocol/muc#user'><reason>a</reason><reason>b</reason></decline>"
            .parse()
            .unwrap();
    assert_eq!(Invitation::parse(&bad), Err(Error::DuplicateChild { element: "decline", child: "reason" }));
}

/// `is_mine`: two types of one element name, told apart by their content
/// (XEP-0060 §6.1 and §6.5: `<pubsub><subscribe/>` and `<pubsub><items/>`).
#[test]
fn is_mine_tells_types_of_one_name_apart() {
    #[derive(Debug, PartialEq, Payload)]
    #[payload(name = "pubsub", ns = "http://jabber.org/protocol/pubsub", is_mine = has_subscribe)]
    struct SubscribeRequest {
        #[payload(child_attr = "subscribe", attr = "node")]
        node: String,
    }
    fn has_subscribe(e: &jabber_stream::Element) -> bool {
        e.has_child("subscribe", "http://jabber.org/protocol/pubsub")
    }
    let subscribe: jabber_stream::Element =
        "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='n' jid='a@b'/></pubsub>".parse().unwrap();
    let items: jabber_stream::Element =
        "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'/></pubsub>".parse().unwrap();
    assert!(SubscribeRequest::is_mine(&subscribe));
    assert_eq!(SubscribeRequest::try_parse(&items), None);
    assert_eq!(SubscribeRequest::try_parse(&subscribe), Some(Ok(SubscribeRequest { node: "n".into() })));
}

/// A lenient payload reads a `child_attr` whose child has content (XEP-0045
/// §12: a later version may give `<status/>` children), and reports it.
#[test]
fn child_attr_with_content_is_read_and_reported() {
    #[derive(Debug, PartialEq, Payload)]
    #[payload(name = "x", ns = "http://jabber.org/protocol/muc#user")]
    struct MucUser {
        #[payload(child_attr = "status", attr = "code")]
        status: Vec<u16>,
        #[payload(unknown)]
        unknown: jabber_stanza::Unknown,
        #[payload(malformed)]
        malformed: Vec<Error>,
    }
    let x: jabber_stream::Element =
        "<x xmlns='http://jabber.org/protocol/muc#user'><status code='110'><self/></status></x>".parse().unwrap();
    let x = MucUser::parse(&x).unwrap();
    assert_eq!(x.status, [110]);
    assert!(matches!(x.malformed[..], [Error::UnexpectedChild { element: "status", .. }]));
}
