// Misuse: a `Value` enum with two `other` catch-all variants.
use jabber_stanza::Value;

#[derive(Value)]
enum Show {
    Away,
    #[value(other)]
    Other(String),
    #[value(other)]
    Unknown(String),
}

fn main() {}
