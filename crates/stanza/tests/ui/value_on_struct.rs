// Misuse: `#[derive(Value)]` on a struct; it is for an enum of names.
use jabber_stanza::Value;

#[derive(Value)]
struct Level(u32);

fn main() {}
