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
