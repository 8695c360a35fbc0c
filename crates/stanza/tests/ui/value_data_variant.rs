// Misuse: a `Value` enum with a variant that holds data.
use jabber_stanza::Value;

#[derive(Value)]
enum Show {
    Away,
    Chat,
    Custom { text: String },
}

fn main() {}
