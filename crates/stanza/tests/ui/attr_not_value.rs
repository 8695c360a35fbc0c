// Misuse: attributes of types that cannot be read from text (not a `Value`).
use jabber_stanza::Payload;

struct Point {
    x: u32,
    y: u32,
}

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(attr)]
    bytes: Option<Vec<u8>>,
    #[payload(attr)]
    at: Point,
}

fn main() {}
