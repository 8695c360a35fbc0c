// Misuse: `default` on an attribute whose type has no `Default`.
use jabber_stanza::{Payload, Value};

#[derive(Debug, PartialEq, Value)]
enum Role {
    Visitor,
    Moderator,
}

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(attr, default)]
    role: Role,
}

fn main() {}
