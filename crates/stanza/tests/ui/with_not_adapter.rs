// Misuse: `with` naming a module that has no `from_value` / `to_value`.
use jabber_stanza::Payload;

mod hex {}

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(attr, with = hex)]
    id: u32,
}

fn main() {}
