// Misuse: a tuple field read from an attribute without saying the attribute's name.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X(#[payload(attr)] String);

fn main() {}
