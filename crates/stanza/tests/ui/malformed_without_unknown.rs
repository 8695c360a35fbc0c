// Misuse: a `malformed` field without the `unknown` field that keeps what it reports.
use jabber_stanza::{Error, Payload};

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(attr)]
    id: Option<String>,
    #[payload(malformed)]
    malformed: Vec<Error>,
}

fn main() {}
