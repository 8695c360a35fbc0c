// Misuse: `default` on an `Option` attribute, which is `None` when absent.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(attr, default)]
    id: Option<u32>,
}

fn main() {}
