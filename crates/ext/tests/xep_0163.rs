//! XEP-0163 Personal Eventing Protocol: every example, publishing to one's
//! own account, `+notify`, and PEP notifications.

mod common;

use common::{Walk, elements, examples, in_namespace, round_trip};
use jabber_ext::ns;
use jabber_ext::pep::{self, PepEvent};
use jabber_ext::pubsub::config::{AccessModel, NodeConfig, PublishingOptions};
use jabber_ext::pubsub::errors::Feature;
use jabber_ext::pubsub::event::Event;
use jabber_ext::pubsub::{Item, ItemsRequest, PublishRequest, Request, RetractRequest};
use jabber_jid::{BareJid, Jid};
use jabber_stanza::{Iq, Message, Payload};
use jabber_stream::Element;

const TUNE: &str = "http://jabber.org/protocol/tune";

/// XEP-0118 User Tune, in part, as the examples' payload.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "tune", ns = "http://jabber.org/protocol/tune")]
struct Tune {
    #[payload(child_text)]
    artist: Option<String>,
    #[payload(child_text)]
    length: Option<u32>,
    #[payload(child_text)]
    source: Option<String>,
    #[payload(child_text)]
    title: Option<String>,
    #[payload(child_text)]
    track: Option<String>,
}

fn finzi() -> Tune {
    Tune {
        artist: Some("Gerald Finzi".into()),
        length: Some(255),
        source: Some("Music for \"Love's Labors Lost\" (Suite for small orchestra)".into()),
        title: Some("Introduction (Allegro vigoroso)".into()),
        track: Some("1".into()),
    }
}

fn example(n: u32) -> Vec<Element> {
    let all = examples("0163");
    elements(&all.iter().find(|e| e.number == n).unwrap().text).unwrap()
}

/// Every example: each pubsub request and notification parses into its
/// typed model with nothing malformed and round-trips; each notification
/// is a PEP notification.
#[test]
fn every_example() {
    let walk = Walk::run("0163", |_, stanza| {
        let mut count = 0;
        for pubsub in in_namespace(stanza, ns::PUBSUB) {
            let request = Request::parse_set(pubsub).unwrap().map_err(|e| e.to_string())?;
            let Request::Publish(publish) = &request else { return Err(format!("not a publication: {request:?}")) };
            if !publish.malformed.is_empty() || !publish.publish.items.iter().all(|i| i.malformed.is_empty()) {
                return Err(format!("malformed: {publish:?}"));
            }
            round_trip::<PublishRequest>(pubsub)?;
            // Published to the account's own service: no 'to'.
            if stanza.attr("to").is_some() {
                return Err("a 'to'".into());
            }
            count += 1;
        }
        for event in in_namespace(stanza, ns::PUBSUB_EVENT) {
            let event: Event = round_trip(event)?;
            let message = Message::parse(stanza).map_err(|e| e.to_string())?;
            let pep = PepEvent::from_message(&message).ok_or("not a PEP notification")?.map_err(|e| e.to_string())?;
            if pep.event != event || pep.items::<Tune>() != [Ok(finzi())] {
                return Err(format!("not the tune: {pep:?}"));
            }
            count += 1;
        }
        Ok(count)
    });
    assert_eq!(walk.examples, 11);
    walk.assert_exceptions(&[]);
    // Examples 1 and 6 publish; 2 (two messages), 3 (two) and 9 notify.
    assert_eq!(walk.payloads, 2 + 5);
}

/// XEP-0163 Example 1: publishing a tune, built in one call.
#[test]
fn publish_to_own_account() {
    let iq = Iq::parse(&example(1)[0]).unwrap();
    assert_eq!(iq.to, None);
    let request: PublishRequest = iq.payload().unwrap().unwrap();
    assert_eq!(request.publish.node, TUNE);
    assert_eq!(request.publish.items[0].payload_as::<Tune>(), Some(Ok(finzi())));
    assert_eq!(request.publish.items[0].id, None);
    // What pep::publish sends is the same request (the payload without the
    // example's indentation).
    let built = pep::publish("pub1", &finzi());
    assert_eq!((built.to.as_ref(), built.id.as_str()), (None, "pub1"));
    let sent: PublishRequest = built.payload().unwrap().unwrap();
    assert_eq!(sent, PublishRequest::new(TUNE, Item::with_payload(&finzi())));
    assert_eq!(sent.publish.items[0].payload_as::<Tune>(), Some(Ok(finzi())));
}

/// XEP-0163 §3: publishing options (an auto-created node's access model)
/// and a named item; retracting; retrieving a contact's items.
#[test]
fn publish_with_options_retract_retrieve() {
    let options = PublishingOptions(NodeConfig { access_model: Some(AccessModel::Presence), ..NodeConfig::default() });
    let iq = pep::publish_with("pub2", Some("current".into()), &finzi(), Some(&options));
    assert_eq!(iq.to, None);
    let Some(Ok(Request::Publish(request))) = Request::from_iq(&iq) else { panic!() };
    assert_eq!(request.publish.items[0].id.as_deref(), Some("current"));
    assert_eq!(request.options(), Ok(Some(options)));

    let iq = pep::retract("retract1", TUNE, "current", true);
    assert_eq!(iq.to, None);
    assert_eq!(iq.payload::<RetractRequest>(), Some(Ok(RetractRequest::new(TUNE, "current", true))));

    let juliet: BareJid = "juliet@capulet.lit".parse().unwrap();
    let iq = pep::retrieve("items1", juliet.clone(), TUNE, Some(1));
    assert_eq!(iq.to, Some(Jid::from(juliet)));
    assert_eq!(iq.payload::<ItemsRequest>(), Some(Ok(ItemsRequest::new(TUNE).with_max_items(1))));
}

/// XEP-0163 Examples 5 and 11: `+notify` features, and the PEP service's
/// identity and features.
#[test]
fn notify_features_and_service_discovery() {
    let query = in_namespace(&example(5)[0], ns::DISCO_INFO)[0].clone();
    let features: Vec<&str> = query.children().filter_map(|f| f.attr("var")).collect();
    assert!(features.contains(&pep::notify_feature(TUNE).as_str()));
    assert!(features.contains(&pep::notify_feature_for::<Tune>().as_str()));
    let wanted: Vec<&str> = features.iter().filter_map(|f| pep::notify_namespace(f)).collect();
    assert_eq!(wanted, ["http://jabber.org/protocol/geoloc", TUNE]);
    assert_eq!(pep::notify_namespace("+notify"), None);
    assert_eq!(pep::notify_namespace(TUNE), None);

    let query = in_namespace(&example(11)[0], ns::DISCO_INFO)[0].clone();
    let identities: Vec<(&str, &str)> = query
        .children()
        .filter(|c| c.name() == "identity")
        .map(|i| (i.attr("category").unwrap(), i.attr("type").unwrap()))
        .collect();
    assert!(identities.contains(&(pep::IDENTITY_CATEGORY, pep::IDENTITY_TYPE)));
    let features: Vec<Feature> =
        query.children().filter_map(|f| f.attr("var")).map(|v| Feature::from_var(v).unwrap()).collect();
    assert_eq!(
        features,
        [
            Feature::AccessPresence,
            Feature::AutoCreate,
            Feature::AutoSubscribe,
            Feature::ConfigNode,
            Feature::CreateAndConfigure,
            Feature::CreateNodes,
            Feature::FilteredNotifications,
            Feature::PersistentItems,
            Feature::Publish,
            Feature::RetrieveItems,
            Feature::Subscribe
        ]
    );
}

/// XEP-0163 Examples 2, 3 and 9: notifications from the account's bare
/// JID; the owner's own; the last item, delayed.
#[test]
fn pep_notifications() {
    let romeo = Message::parse(&example(2)[0]).unwrap();
    let event = PepEvent::from_message(&romeo).unwrap().unwrap();
    assert_eq!(event.from.as_str(), "juliet@capulet.lit");
    assert_eq!(event.node(), Some(TUNE));
    assert_eq!(event.items::<Tune>(), [Ok(finzi())]);
    assert!(!event.is_own(romeo.to.as_ref().unwrap()));
    // Example 3: the owner's resources receive theirs.
    let own = Message::parse(&example(3)[1]).unwrap();
    let event = PepEvent::from_message(&own).unwrap().unwrap();
    assert!(event.is_own(own.to.as_ref().unwrap()));
    // Example 9: the last published item, with its delay kept beside.
    let last = Message::parse(&example(9)[0]).unwrap();
    assert_eq!(PepEvent::from_message(&last).unwrap().unwrap().items::<Tune>(), [Ok(finzi())]);
    assert_eq!(last.payloads.len(), 2);
}

/// What is not a PEP notification: a pubsub service's, one without `from`,
/// from a full JID, without an event; a tune asked of another node.
#[test]
fn not_pep_notifications() {
    let event = Event::published(TUNE, vec![Item::with_payload(&finzi())]);
    let from = |from: Option<&str>| {
        let mut m = event.to_message("x@y".parse().unwrap(), "romeo@montague.lit".parse().unwrap());
        m.from = from.map(|f| f.parse().unwrap());
        m
    };
    assert!(PepEvent::from_message(&from(Some("juliet@capulet.lit"))).is_some());
    assert_eq!(PepEvent::from_message(&from(Some("pubsub.shakespeare.lit"))), None);
    assert_eq!(PepEvent::from_message(&from(Some("juliet@capulet.lit/balcony"))), None);
    assert_eq!(PepEvent::from_message(&from(None)), None);
    assert_eq!(PepEvent::from_message(&Message::new()), None);
    // An event that cannot be read: its error.
    let mut broken = from(Some("juliet@capulet.lit"));
    broken.payloads =
        vec!["<event xmlns='http://jabber.org/protocol/pubsub#event'/>".parse::<Element>().unwrap()].into();
    assert!(matches!(PepEvent::from_message(&broken), Some(Err(_))));
    // Tunes published to another node are not the tune node's.
    let other = Event::published("urn:other", vec![Item::with_payload(&finzi())]);
    let message = other.to_message("juliet@capulet.lit".parse().unwrap(), "romeo@montague.lit".parse().unwrap());
    let pep = PepEvent::from_message(&message).unwrap().unwrap();
    assert!(pep.items::<Tune>().is_empty());
}
