//! XEP-0249 Direct MUC Invitations: every example, and the invitation API.

mod common;

use common::{Walk, in_namespace, round_trip};
use jabber_ext::direct_invite::{DirectInvite, FEATURE};
use jabber_ext::ns;
use jabber_jid::{BareJid, Jid};
use jabber_stanza::{Error, Message, Payload};
use jabber_stream::Element;

fn xml(s: &str) -> Element {
    s.parse().unwrap()
}

fn invite(n: usize) -> DirectInvite {
    let message = &common::elements(&common::examples("0249")[n - 1].text).unwrap()[0];
    DirectInvite::parse(in_namespace(message, ns::CONFERENCE)[0]).unwrap()
}

/// Every example: each `<x xmlns='jabber:x:conference'/>` parses, with
/// nothing malformed, and round-trips.
#[test]
fn every_example() {
    let walk = Walk::run("0249", |_, element| {
        let found = in_namespace(element, ns::CONFERENCE);
        for x in &found {
            let x: DirectInvite = round_trip(x)?;
            if !x.malformed.is_empty() {
                return Err(format!("malformed: {:?}", x.malformed));
            }
        }
        Ok(found.len())
    });
    assert_eq!(walk.examples, 4);
    walk.assert_exceptions(&[]);
    // Examples 3 and 4 are disco#info (Example 4 advertises the feature).
    assert_eq!(walk.payloads, 2);
}

/// XEP-0249 Example 1: the invitation, as built here.
#[test]
fn example_1() {
    let room: BareJid = "darkcave@macbeth.shakespeare.lit".parse().unwrap();
    let built =
        DirectInvite::new(room).password("cauldronburn").reason("Hey Hecate, this is the place for all good witches!");
    assert_eq!(invite(1), built);
    assert_eq!(
        built.to_element().to_string(),
        "<x xmlns='jabber:x:conference' jid='darkcave@macbeth.shakespeare.lit' password='cauldronburn' \
         reason='Hey Hecate, this is the place for all good witches!'/>"
    );
    let contact: Jid = "hecate@shakespeare.lit".parse().unwrap();
    let message = built.to_message(contact.clone());
    let expected = Message::parse(&common::elements(&common::examples("0249")[0].text).unwrap()[0]).unwrap();
    assert_eq!(message.to, expected.to);
    assert_eq!(message.kind, expected.kind);
    assert_eq!(message.payload::<DirectInvite>(), Some(Ok(invite(1))));
}

/// XEP-0249 Example 2: continuing a one-to-one chat.
#[test]
fn example_2_continue() {
    let x = invite(2);
    assert!(x.r#continue);
    assert_eq!(x.thread.as_deref(), Some("e0ffe42b28561960c6b12b944a092794b9683a38"));
    let built = DirectInvite::new("darkcave@macbeth.shakespeare.lit".parse().unwrap())
        .password("cauldronburn")
        .reason("Hey Hecate, this is the place for all good witches!")
        .continuing("e0ffe42b28561960c6b12b944a092794b9683a38");
    assert_eq!(x, built);
    // `continue` written as the boolean it is, absent when false.
    assert!(built.to_element().to_string().contains("continue='true'"));
    assert!(!invite(1).to_element().to_string().contains("continue"));
}

/// XEP-0249 Example 4: the feature.
#[test]
fn example_4_feature() {
    let iq = &common::elements(&common::examples("0249")[3].text).unwrap()[0];
    let query = in_namespace(iq, ns::DISCO_INFO)[0];
    assert!(query.children().any(|f| f.attr("var") == Some(FEATURE)));
}

/// The room's address is required and must be a bare JID: without it, the
/// element is unreadable.
#[test]
fn the_room_is_required() {
    assert_eq!(
        DirectInvite::parse(&xml("<x xmlns='jabber:x:conference' reason='r'/>")),
        Err(Error::MissingAttribute { element: "x", attribute: "jid" })
    );
    assert!(matches!(
        DirectInvite::parse(&xml("<x xmlns='jabber:x:conference' jid='room@muc.example/nick'/>")),
        Err(Error::InvalidJid { element: "x", attribute: "jid", .. })
    ));
    assert!(matches!(
        DirectInvite::parse(&xml("<x xmlns='jabber:x:conference' jid='@muc.example'/>")),
        Err(Error::InvalidJid { element: "x", attribute: "jid", .. })
    ));
}

/// An optional attribute that cannot be read is kept and reported; an
/// unknown one is kept.
#[test]
fn optional_attributes_are_read_liberally() {
    let x = DirectInvite::parse(&xml(
        "<x xmlns='jabber:x:conference' jid='room@muc.example' continue='maybe' thread='t' extra='e'/>",
    ))
    .unwrap();
    assert!(!x.r#continue);
    assert_eq!(x.thread.as_deref(), Some("t"));
    assert!(matches!(
        &x.malformed[..],
        [Error::InvalidAttribute { element: "x", attribute: "continue", value }] if value == "maybe"
    ));
    assert_eq!(x.unknown.attributes.len(), 2);
    let written = x.to_element();
    assert_eq!(written.attr("continue"), Some("maybe"));
    assert_eq!(written.attr("extra"), Some("e"));
    assert_eq!(DirectInvite::parse(&written), Ok(x));
    // `1` is a boolean too.
    let x = DirectInvite::parse(&xml("<x xmlns='jabber:x:conference' jid='room@muc.example' continue='1'/>")).unwrap();
    assert!(x.r#continue && x.malformed.is_empty());
}
