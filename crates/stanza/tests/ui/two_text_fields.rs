// Misuse: two `text` fields; an element has one text.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(text)]
    a: String,
    #[payload(text)]
    b: String,
}

fn main() {}
