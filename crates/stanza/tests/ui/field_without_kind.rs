// Misuse: a field that does not say what it is read from.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(attr)]
    id: String,
    label: String,
}

fn main() {}
