// Misuse: a `texts` field that is a `String` instead of a `jabber_stanza::Texts`.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(texts = "body")]
    body: String,
}

fn main() {}
