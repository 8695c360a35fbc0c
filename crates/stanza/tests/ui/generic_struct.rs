// Misuse: a generic struct; a payload type has no type parameters.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X<T> {
    #[payload(child)]
    item: T,
}

fn main() {}
