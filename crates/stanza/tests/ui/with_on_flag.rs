// Misuse: `with` on a `flag` field, which reads no value.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(flag, with = jabber_stanza::value::display)]
    urgent: bool,
}

fn main() {}
