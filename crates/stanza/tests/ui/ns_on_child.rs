// Misuse: `ns` on a `child` field; the child type has its own namespace.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "item")]
struct Item;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(child, ns = "urn:other")]
    item: Item,
}

fn main() {}
