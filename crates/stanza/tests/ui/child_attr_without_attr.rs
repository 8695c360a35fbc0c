// Misuse: `child_attr` without the attribute of the child to read.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(child_attr = "item")]
    item: String,
}

fn main() {}
