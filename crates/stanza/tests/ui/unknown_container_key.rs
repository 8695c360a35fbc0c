// Misuse: a misspelled key on the container (`nme` for `name`).
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(nme = "x", ns = "urn:example")]
struct X;

fn main() {}
