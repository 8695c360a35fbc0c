//! XEP-0199 XMPP Ping: every example, the helpers against each ping, pong
//! and error of the XEP (client to server, server to client, server to
//! server, end to end, component to client), and the errors.

#![cfg(feature = "ping")]

mod small_common;

use jabber_ext::ns;
use jabber_ext::ping::{Ping, PingResponse};
use jabber_stanza::{DefinedCondition, Error, Iq, IqKind, Payload, Stanza, StanzaError};
use jabber_stream::Element;
use small_common::{example, round_trip, stanza, walk};

const FILE: &str = include_str!("xep-examples/xep-0199.txt");

fn iq(number: u32) -> Iq {
    match stanza(&example(FILE, number)) {
        Stanza::Iq(iq) => iq,
        other => panic!("example {number}: {other:?}"),
    }
}

fn parse(xml: &str) -> Element {
    xml.parse().unwrap()
}

#[test]
fn every_example() {
    let walk = walk(FILE, ns::PING, |number, stanza, element| {
        let Stanza::Iq(iq) = stanza else { panic!("example {number}") };
        // In a get, or echoed in the error that answers it.
        assert!(matches!(iq.kind, IqKind::Get(_) | IqKind::Error { .. }), "example {number}");
        assert_eq!(round_trip::<Ping>(element), Ping);
        1
    });
    assert_eq!(walk.walked, 17);
    assert!(walk.exceptions.is_empty(), "{:?}", walk.exceptions);
    assert_eq!(FILE.matches("<ping xmlns='urn:xmpp:ping'/>").count(), 10);
    assert_eq!(walk.typed_total(), 10);
}

/// XEP-0199 §4: (ping, pong, ping not supported) for each use case.
const USE_CASES: [(u32, u32, u32); 5] = [
    (1, 2, 3),    // §4.1 server to client
    (4, 5, 6),    // §4.2 client to server
    (7, 8, 9),    // §4.3 server to server
    (10, 11, 12), // §4.4 end to end
    (13, 14, 15), // §4.5 component to client
];

#[test]
fn every_ping_is_recognized_and_answered_with_the_xeps_pong() {
    for (ping, pong, error) in USE_CASES {
        let request = iq(ping);
        assert!(Ping::is_request(&request), "example {ping}");
        assert_eq!(request.payload::<Ping>(), Some(Ok(Ping)));
        // The answer is the next example, exactly.
        assert_eq!(Ping::answer(&request), Some(iq(pong)), "example {pong}");
        assert_eq!(Ping::response(&iq(pong)), Some(PingResponse::Pong));
        // The "not supported" answer is the one after.
        let refused = request.reply_error(StanzaError::new(DefinedCondition::ServiceUnavailable)).unwrap();
        assert_eq!(refused.to_element().to_string(), iq(error).to_element().to_string());
        let not_supported = iq(error);
        assert!(matches!(
            Ping::response(&not_supported),
            Some(PingResponse::NotSupported(e)) if e.condition == DefinedCondition::ServiceUnavailable
        ));
        // Neither answer is a ping, nor answered.
        for answer in [iq(pong), not_supported] {
            assert!(!Ping::is_request(&answer));
            assert_eq!(Ping::answer(&answer), None);
        }
        // A ping answers nothing.
        assert_eq!(Ping::response(&request), None);
    }
}

#[test]
fn the_request_built() {
    // XEP-0199 Example 4: the client pings its server.
    let request = Ping::request("c2s1")
        .with_from("juliet@capulet.lit/balcony".parse().unwrap())
        .with_to("capulet.lit".parse().unwrap());
    assert_eq!(request, Iq::parse(&iq(4).to_element()).unwrap());
    assert_eq!(
        Ping::request("p1").to_element().to_string(),
        "<iq xmlns='jabber:client' id='p1' type='get'><ping xmlns='urn:xmpp:ping'/></iq>"
    );
}

#[test]
fn other_answers() {
    let request = Ping::request("p1");
    let unimplemented = request.reply_error(StanzaError::new(DefinedCondition::FeatureNotImplemented)).unwrap();
    assert!(matches!(Ping::response(&unimplemented), Some(PingResponse::NotSupported(_))));
    let other = request.reply_error(StanzaError::new(DefinedCondition::RemoteServerNotFound)).unwrap();
    assert!(matches!(
        Ping::response(&other),
        Some(PingResponse::Error(e)) if e.condition == DefinedCondition::RemoteServerNotFound
    ));
    // A result that carries something is still a pong.
    let odd = Iq::parse(&parse("<iq xmlns='jabber:client' type='result' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>"))
        .unwrap();
    assert_eq!(Ping::response(&odd), Some(PingResponse::Pong));
}

#[test]
fn the_ping_is_empty() {
    // XEP-0199 §10: the element is empty; content is an error, but the
    // request is still a ping, and answered.
    assert_eq!(
        Ping::parse(&parse("<ping xmlns='urn:xmpp:ping'>now</ping>")),
        Err(Error::InvalidText { element: "ping", text: "now".into() })
    );
    assert!(matches!(
        Ping::parse(&parse("<ping xmlns='urn:xmpp:ping'><x/></ping>")),
        Err(Error::UnexpectedChild { element: "ping", .. })
    ));
    let odd =
        Iq::parse(&parse("<iq xmlns='jabber:client' type='get' id='p2'><ping xmlns='urn:xmpp:ping'>now</ping></iq>"))
            .unwrap();
    assert!(Ping::is_request(&odd));
    assert_eq!(Ping::answer(&odd), Some(odd.reply_empty_result()));
    // A ping in a set, or another namespace's ping, is not one.
    let set =
        Iq::parse(&parse("<iq xmlns='jabber:client' type='set' id='p3'><ping xmlns='urn:xmpp:ping'/></iq>")).unwrap();
    assert!(!Ping::is_request(&set));
    let other =
        Iq::parse(&parse("<iq xmlns='jabber:client' type='get' id='p4'><ping xmlns='urn:example'/></iq>")).unwrap();
    assert!(!Ping::is_request(&other));
    assert_eq!(Ping::answer(&other), None);
}

#[test]
fn the_feature_is_the_namespace() {
    // XEP-0199 Example 17: the disco#info feature.
    assert!(example(FILE, 17).contains(&format!("<feature var='{}'/>", ns::PING)));
}
