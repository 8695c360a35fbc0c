// Misuse: two variants of a `Value` enum with the same name.
use jabber_stanza::Value;

#[derive(Value)]
enum Show {
    Away,
    #[value(name = "away")]
    Gone,
}

fn main() {}
