// Misuse: a `child` field whose type is not read from an element (not a `Child`).
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(child)]
    item: String,
}

fn main() {}
