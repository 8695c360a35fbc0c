// Misuse: `get` (an iq payload) on a type without a namespace of its own.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "query", get)]
struct Query;

fn main() {}
