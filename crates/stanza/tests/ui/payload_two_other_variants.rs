// Misuse: a payload enum with two `other` variants taking any element.
use jabber_stanza::Payload;
use jabber_stream::Element;

#[derive(Payload)]
#[payload(ns = "urn:example")]
enum Action {
    Start,
    #[payload(other)]
    Other(Element),
    #[payload(other)]
    Rest(Element),
}

fn main() {}
