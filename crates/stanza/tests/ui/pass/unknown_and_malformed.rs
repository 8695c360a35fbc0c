// Correct use, pending a fix of the derive: an `unknown` field keeps what the model does not hold
// and a `malformed` field makes parsing lenient. At commit 558dfc8 any `#[payload(unknown)]` field
// makes the derive emit unparsable tokens ("`match` arm body without braces"), so this file is not
// yet in `derive_ui.rs`; move it to `tests/ui/pass/` once the derive is fixed.
use jabber_stanza::{Error, Payload, Unknown};
use jabber_stream::Element;

#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "x", ns = "urn:example")]
struct X {
    #[payload(attr)]
    id: String,
    #[payload(attr)]
    size: Option<u32>,
    #[payload(child_text)]
    title: Option<String>,
    #[payload(unknown)]
    unknown: Unknown,
    #[payload(malformed)]
    malformed: Vec<Error>,
}

#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "y", ns = "urn:example")]
struct Strict {
    #[payload(attr)]
    id: String,
    #[payload(unknown)]
    unknown: Unknown,
}

fn main() {
    let element: Element = "<x xmlns='urn:example' id='a' size='big' extra='1'><title>t</title>\
        <bogus/><other xmlns='urn:other'/></x>"
        .parse()
        .unwrap();
    let x = X::parse(&element).unwrap();
    assert_eq!(x.id, "a");
    assert_eq!(x.size, None);
    assert_eq!(x.title.as_deref(), Some("t"));
    assert_eq!(x.unknown.attributes.len(), 2, "size='big' and extra='1' are kept");
    assert_eq!(x.unknown.children.len(), 2, "<bogus/> and <other/> are kept");
    assert_eq!(x.malformed.len(), 2, "size='big' and <bogus/> are reported");
    assert_eq!(X::parse(&x.to_element()).unwrap().unknown, x.unknown);

    let y: Element = "<y xmlns='urn:example' id='b' extra='1'><bogus/></y>".parse().unwrap();
    let strict = Strict::parse(&y).unwrap();
    assert_eq!(strict.unknown.attributes.len(), 1);
    assert_eq!(strict.unknown.children.len(), 1);
    assert_eq!(Strict::parse(&strict.to_element()), Ok(strict));
}
