// Misuse: two `unknown` fields; a payload keeps what it does not model in one.
use jabber_stanza::{Payload, Unknown};

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(unknown)]
    unknown: Unknown,
    #[payload(unknown)]
    rest: Unknown,
}

fn main() {}
