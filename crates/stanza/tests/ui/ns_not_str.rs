// Misuse: a namespace that is not a `&'static str`.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "x", ns = 5)]
struct X;

fn main() {}
