// Misuse: `#[derive(Payload)]` on a union.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
union X {
    a: u32,
    b: f32,
}

fn main() {}
