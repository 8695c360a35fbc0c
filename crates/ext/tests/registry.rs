//! The registry over every example of every XEP of this crate: each child
//! of a stanza that a model takes is read, and what the model writes reads
//! back to the same element (what `inspect --roundtrip` checks).

mod common;

use jabber_ext::registry::{self, Outcome};

const XEPS: [&str; 17] = [
    "0004", "0030", "0045", "0059", "0060", "0068", "0082", "0092", "0115", "0122", "0128", "0141", "0163", "0199",
    "0203", "0249", "0390",
];

#[test]
fn every_example_child_round_trips_through_the_registry() {
    let (mut read, mut failed) = (0, Vec::new());
    for xep in XEPS {
        for example in common::examples(xep) {
            let Ok(elements) = common::elements(&example.text) else { continue };
            for stanza in &elements {
                for child in stanza.children() {
                    let Some(checked) = registry::check(child, true) else { continue };
                    read += 1;
                    match checked.outcome {
                        Outcome::RoundTripDiffers { .. } | Outcome::WrittenUnreadable { .. } => {
                            failed.push(format!("XEP-{xep} Example {}: {:?}", example.number, checked.outcome));
                        }
                        Outcome::Ok | Outcome::Malformed(_) | Outcome::Error(_) => {}
                    }
                }
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    assert!(read > 400, "{read}");
}

#[test]
fn models_of_one_name_are_told_apart() {
    let subscribe = "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='n' jid='a@b'/></pubsub>";
    let checked = registry::check(&subscribe.parse().unwrap(), true).unwrap();
    assert_eq!((checked.spec, checked.model, checked.outcome), ("XEP-0060", "SubscribeRequest", Outcome::Ok));
    let room = "<x xmlns='http://jabber.org/protocol/muc#user'><status code='110'/></x>";
    let checked = registry::check(&room.parse().unwrap(), true).unwrap();
    assert_eq!((checked.spec, checked.model, checked.outcome), ("XEP-0045", "MucUser", Outcome::Ok));
}
