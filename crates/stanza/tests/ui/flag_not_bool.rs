// Misuse: a `flag` field that is not a `bool`.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(flag)]
    urgent: String,
}

fn main() {}
