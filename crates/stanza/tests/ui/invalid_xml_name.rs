// Misuse: an element name that is not an XML name (`a b` holds a space).
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "a b", ns = "urn:example")]
struct X;

fn main() {}
