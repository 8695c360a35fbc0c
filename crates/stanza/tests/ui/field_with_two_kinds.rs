// Misuse: a field read from two places at once (`attr` and `text`).
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(attr, text)]
    id: String,
}

fn main() {}
