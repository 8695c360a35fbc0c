//! XEP-0203 Delayed Delivery: every example, the exact values of each
//! delay, the helpers that read a stanza's delay (with the legacy
//! XEP-0091 fallback), what is written, and the errors.

#![cfg(feature = "delay")]

mod small_common;

use jabber_ext::datetime::DateTime;
use jabber_ext::delay::{Delay, LEGACY_NS, LegacyDelay};
use jabber_ext::ns;
use jabber_jid::Jid;
use jabber_stanza::{Error, Message, Payload, Presence, Stanza, Value};
use jabber_stream::Element;
use small_common::{example, round_trip, stanza, walk};

const FILE: &str = include_str!("xep-examples/xep-0203.txt");

fn jid(text: &str) -> Jid {
    text.parse().unwrap()
}

fn stamp(text: &str) -> DateTime {
    DateTime::from_value(text).unwrap()
}

fn parse(xml: &str) -> Element {
    xml.parse().unwrap()
}

#[test]
fn every_example() {
    let walk = walk(FILE, ns::DELAY, |number, stanza, element| {
        assert!(matches!(stanza, Stanza::Message(_) | Stanza::Presence(_)), "example {number}");
        let delay = round_trip::<Delay>(element);
        assert!(delay.malformed.is_empty() && delay.unknown.is_empty(), "example {number}");
        1
    });
    assert_eq!(walk.walked, 3);
    assert!(walk.exceptions.is_empty(), "{:?}", walk.exceptions);
    assert_eq!(FILE.matches("<delay xmlns='urn:xmpp:delay'").count(), 3);
    assert_eq!(walk.typed.values().copied().collect::<Vec<_>>(), [1, 1, 1]);
}

#[test]
fn example_1_offline_storage() {
    // XEP-0203 Example 1: a message stored offline, with a reason.
    let Stanza::Message(message) = stanza(&example(FILE, 1)) else { panic!() };
    let delay = Delay::of_message(&message).unwrap().unwrap();
    assert_eq!(delay.from, Some(jid("capulet.com")));
    assert_eq!(delay.stamp, stamp("2002-09-10T23:08:25Z"));
    // The text as it came, and without the whitespace around it.
    assert_eq!(delay.reason.as_deref(), Some("\n    Offline Storage\n  "));
    assert_eq!(delay.trimmed_reason(), Some("Offline Storage"));
    assert_eq!(
        delay,
        Delay::new(stamp("2002-09-10T23:08:25Z"))
            .with_from(jid("capulet.com"))
            .with_reason("\n    Offline Storage\n  ")
    );
}

#[test]
fn example_2_last_presence() {
    // XEP-0203 Example 2: the last presence of a contact, without a reason.
    let Stanza::Presence(presence) = stanza(&example(FILE, 2)) else { panic!() };
    let delay = Delay::of_presence(&presence).unwrap().unwrap();
    assert_eq!(delay, Delay::new(stamp("2002-09-10T23:41:07Z")).with_from(jid("juliet@capulet.com/balcony")));
    assert_eq!((delay.reason.as_deref(), delay.trimmed_reason()), (None, None));
}

#[test]
fn example_3_room_history() {
    // XEP-0203 Example 3: a message from the history of a room.
    let Stanza::Message(message) = stanza(&example(FILE, 3)) else { panic!() };
    let delay = Delay::of(&message.payloads).unwrap().unwrap();
    assert_eq!(delay.from, Some(jid("coven@macbeth.shakespeare.lit")));
    assert_eq!(delay.stamp.to_value(), "2002-09-10T23:05:37Z");
}

#[test]
fn what_is_written() {
    let delay =
        Delay::new(stamp("2002-09-10T23:08:25.250+02:00")).with_from(jid("capulet.com")).with_reason("Offline Storage");
    // XEP-0203 §3: the stamp in UTC; the precision kept.
    assert_eq!(
        delay.to_element().to_string(),
        "<delay xmlns='urn:xmpp:delay' from='capulet.com' stamp='2002-09-10T21:08:25.250Z'>Offline Storage</delay>"
    );
    assert_eq!(
        Delay::new(stamp("2002-09-10T23:41:07Z")).to_element().to_string(),
        "<delay xmlns='urn:xmpp:delay' stamp='2002-09-10T23:41:07Z'/>"
    );
    // A stanza without a delay has none.
    assert_eq!(Delay::of_message(&Message::new()), None);
    assert_eq!(Delay::of_presence(&Presence::new()), None);
}

#[test]
fn legacy_delay_is_read_and_converted() {
    // XEP-0091 (obsolete), which XEP-0203 §4 keeps in use for old peers.
    let legacy = "<x xmlns='jabber:x:delay' from='capulet.com' stamp='20020910T23:08:25'>Offline Storage</x>";
    let x = round_trip::<LegacyDelay>(&parse(legacy));
    assert_eq!(x.to_element().to_string(), legacy);
    let mut message = Message::new();
    message.payloads.push_element(parse(legacy));
    let delay = Delay::of_message(&message).unwrap().unwrap();
    assert_eq!(
        delay,
        Delay::new(stamp("2002-09-10T23:08:25Z")).with_from(jid("capulet.com")).with_reason("Offline Storage")
    );
    // The XEP-0203 delay comes first when a stanza has both.
    message.payloads.push(&Delay::new(stamp("2002-09-10T23:08:26Z")));
    assert_eq!(Delay::of_message(&message).unwrap().unwrap().stamp, stamp("2002-09-10T23:08:26Z"));
    assert_eq!(LEGACY_NS, "jabber:x:delay");
    // A legacy stamp in the XEP-0082 form is not the legacy format.
    assert_eq!(
        LegacyDelay::parse(&parse("<x xmlns='jabber:x:delay' stamp='2002-09-10T23:08:25Z'/>")),
        Err(Error::InvalidAttribute { element: "x", attribute: "stamp", value: "2002-09-10T23:08:25Z".into() })
    );
}

#[test]
fn a_stamp_is_required_and_the_rest_is_kept() {
    assert_eq!(
        Delay::parse(&parse("<delay xmlns='urn:xmpp:delay' from='capulet.com'/>")),
        Err(Error::MissingAttribute { element: "delay", attribute: "stamp" })
    );
    // The legacy format is not XEP-0203's.
    assert_eq!(
        Delay::parse(&parse("<delay xmlns='urn:xmpp:delay' stamp='20020910T23:08:25'/>")),
        Err(Error::InvalidAttribute { element: "delay", attribute: "stamp", value: "20020910T23:08:25".into() })
    );
    // A stanza's unreadable delay is its error.
    let mut message = Message::new();
    message.payloads.push_element(parse("<delay xmlns='urn:xmpp:delay'/>"));
    assert_eq!(
        Delay::of_message(&message),
        Some(Err(Error::MissingAttribute { element: "delay", attribute: "stamp" }))
    );

    // A from that is not an address: kept and reported, the stamp read.
    let delay = round_trip::<Delay>(&parse(
        "<delay xmlns='urn:xmpp:delay' from='a@b@c' stamp='2002-09-10T23:08:25Z' xmlns:e='urn:e' e:x='1'>late<e:why/></delay>",
    ));
    assert_eq!((delay.from.as_ref(), delay.stamp), (None, stamp("2002-09-10T23:08:25Z")));
    assert!(matches!(&delay.malformed[..], [Error::InvalidJid { element: "delay", attribute: "from", .. }]));
    // The bad from and the unknown attribute and element, written back.
    assert_eq!(delay.unknown.attributes.len(), 2);
    assert_eq!(delay.unknown.children.len(), 1);
    assert_eq!(delay.reason.as_deref(), Some("late"));
    // A stamp in another offset is read and written back as it came.
    let local = round_trip::<Delay>(&parse("<delay xmlns='urn:xmpp:delay' stamp='2002-09-10T18:08:25-05:00'/>"));
    assert_eq!(local.stamp.to_value(), "2002-09-10T18:08:25-05:00");
}
