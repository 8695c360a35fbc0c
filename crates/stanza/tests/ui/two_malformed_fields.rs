// Misuse: two `malformed` fields; a payload reports its problems in one.
use jabber_stanza::{Error, Payload, Unknown};

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(unknown)]
    unknown: Unknown,
    #[payload(malformed)]
    malformed: Vec<Error>,
    #[payload(malformed)]
    problems: Vec<Error>,
}

fn main() {}
