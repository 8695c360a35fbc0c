// Misuse: an `unknown` field that is not a `jabber_stanza::Unknown`.
use jabber_stanza::Payload;
use jabber_stream::Element;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(unknown)]
    rest: Vec<Element>,
}

fn main() {}
