// Misuse: a type of several names without an `element_name` field would write every one under the first name.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(name = "invite", name = "decline", ns = "urn:example")]
struct Invitation {
    #[payload(attr)]
    to: Option<String>,
}

fn main() {}
