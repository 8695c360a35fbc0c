// Misuse: a `check` function that is not `fn(Self) -> Result<Self, Error>`.
use jabber_stanza::Payload;

fn valid(x: &X) -> bool {
    !x.id.is_empty()
}

#[derive(Payload)]
#[payload(name = "x", ns = "urn:example", check = valid)]
struct X {
    #[payload(attr)]
    id: String,
}

fn main() {}
