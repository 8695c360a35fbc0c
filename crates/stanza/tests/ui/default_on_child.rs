// Misuse: `default` on a `child` field; it is for an attribute.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "item")]
struct Item;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(child, default)]
    item: Item,
}

fn main() {}
