// Misuse: an attribute field that is a `Vec`; an attribute holds one value.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(attr)]
    ids: Vec<String>,
}

fn main() {}
