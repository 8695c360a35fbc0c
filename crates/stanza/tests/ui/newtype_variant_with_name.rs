// Misuse: `name` on a `V(T)` variant, whose element is `T`'s.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "item")]
struct Item;

#[derive(Payload)]
#[payload(ns = "urn:example")]
enum Action {
    #[payload(name = "thing")]
    Item(Item),
}

fn main() {}
