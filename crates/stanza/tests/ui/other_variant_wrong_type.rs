// Misuse: the `other` variant of a payload enum holds a `String`, not the `Element` it keeps.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(ns = "urn:example")]
enum Action {
    Start,
    #[payload(other)]
    Other(String),
}

fn main() {}
