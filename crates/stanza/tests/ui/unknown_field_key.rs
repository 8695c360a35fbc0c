// Misuse: a misspelled key on a field (`atr` for `attr`).
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(atr)]
    id: String,
}

fn main() {}
