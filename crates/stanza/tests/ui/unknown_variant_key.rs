// Misuse: a misspelled key on a payload enum variant (`nam` for `name`).
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(ns = "urn:example")]
enum Action {
    #[payload(nam = "go")]
    Start,
}

fn main() {}
