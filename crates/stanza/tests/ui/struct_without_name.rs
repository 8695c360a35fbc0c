// Misuse: a struct that does not say its element's name.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(ns = "urn:example")]
struct X {
    #[payload(attr)]
    id: String,
}

fn main() {}
