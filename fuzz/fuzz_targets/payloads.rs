//! Arbitrary elements -> every payload model of the library (the registry
//! of `jabber-ext`: the core models of `jabber-stanza` and every extension)
//! and types declaring every derive construct -> Element -> the same type:
//! what parses writes an element that reads back to a model writing the
//! same element (serialization is a fixed point), never a panic. The root is
//! renamed to each model's element name, and elements written without a
//! namespace are taken into the model's namespace, so that the fuzzer
//! reaches every parser from one input (with `payloads.dict`).
#![no_main]

use std::fmt::Debug;

use jabber_ext::registry::{self, Outcome};
use jabber_jid::Jid;
use jabber_stanza::{Error, Payload, Texts, Unknown, Value};
use jabber_stream::{ContentNamespace, Element, Limits, Node, StreamEvent, StreamParser};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parser = StreamParser::fragment(ContentNamespace::Client, Limits::default());
    parser.feed(data);
    while let Ok(Some(StreamEvent::Element(element))) = parser.next_event() {
        for entry in registry::entries() {
            let element = into(&element, entry.name, entry.ns);
            match entry.check(&element, true) {
                Outcome::Ok | Outcome::Malformed(_) | Outcome::Error(_) => {}
                outcome => panic!("{} ({}): {outcome:?}\n  read {element}", entry.model, entry.spec),
            }
        }
        check::<Every>(&element);
        check::<Wrapper>(&element);
        check::<Choice>(&element);
        check::<Named>(&element);
    }
});

/// Parses `element` (renamed and taken into `P`'s namespace) as `P`; what
/// parses serializes to an element that reads back to a model that writes
/// the same element.
fn check<P: Payload + PartialEq + Debug>(element: &Element) {
    let element = into(element, P::NAME, P::NS);
    if let Some(Ok(model)) = P::try_parse(&element) {
        let back = model.to_element();
        let again = P::parse(&back).expect("a serialized payload reparses");
        assert_eq!(again.to_element(), back);
    }
}

/// `element` named `name`, with it and every descendant in `jabber:client` moved to `ns`.
fn into(element: &Element, name: &'static str, ns: &'static str) -> Element {
    let mut moved = into_ns(element, ns);
    let mut renamed = Element::new(name, jabber_stream::XmlStr::shared(moved.ns()));
    for attribute in moved.attrs() {
        renamed.set_attribute(attribute.clone());
    }
    for node in moved.take_nodes() {
        renamed.push_node(node);
    }
    renamed
}

/// `element` with it and every descendant in `jabber:client` moved to `ns`.
fn into_ns(element: &Element, ns: &'static str) -> Element {
    let target = if element.ns() == "jabber:client" { ns.into() } else { jabber_stream::XmlStr::shared(element.ns()) };
    let mut out = Element::new(jabber_stream::XmlStr::shared(element.name()), target);
    for attribute in element.attrs() {
        out.set_attribute(attribute.clone());
    }
    for node in element.nodes() {
        match node {
            Node::Element(child) => out.push_child(into_ns(child, ns)),
            Node::Text(text) => out.push_text(text),
        };
    }
    out
}

const NS: &str = "urn:example:fuzz";

/// Every field kind and shape, read liberally.
#[derive(Debug, PartialEq, Payload)]
#[payload(name = "every", ns = NS)]
struct Every {
    #[payload(attr)]
    id: String,
    #[payload(attr)]
    count: Option<u32>,
    #[payload(attr, default)]
    on: bool,
    #[payload(attr = "lang", ns = jabber_stream::ns::XML)]
    lang: Option<String>,
    #[payload(attr)]
    kind: Option<Kind>,
    #[payload(child_text)]
    title: Option<String>,
    #[payload(child_text = "value")]
    values: Vec<i64>,
    #[payload(child_attr = "item", attr = "jid")]
    items: Vec<Jid>,
    #[payload(flag)]
    required: bool,
    #[payload(texts = "body")]
    bodies: Texts,
    #[payload(child)]
    choice: Option<Choice>,
    #[payload(child)]
    named: Vec<Named>,
    #[payload(unknown)]
    unknown: Unknown,
    #[payload(malformed)]
    malformed: Vec<Error>,
}

#[derive(Debug, PartialEq, Value)]
enum Kind {
    Alpha,
    BetaGamma,
    #[value(other)]
    Other(String),
}

/// A wrapper holding one of its variants, strictly.
#[derive(Debug, PartialEq, Payload)]
#[payload(name = "wrapper", ns = NS)]
enum Wrapper {
    Record {
        #[payload(child_text)]
        date: String,
        #[payload(child_text)]
        station: u32,
    },
    Empty,
    #[payload(other)]
    Other(Element),
}

/// A choice between elements, one of them a payload of its own.
#[derive(Debug, PartialEq, Payload)]
#[payload(ns = NS)]
enum Choice {
    #[payload(name = "a")]
    A {
        #[payload(text)]
        text: String,
    },
    B(Inherited),
    Wrapped(Wrapper),
}

/// An element in its parent's namespace.
#[derive(Debug, PartialEq, Payload)]
#[payload(name = "b")]
struct Inherited {
    #[payload(attr)]
    n: Option<u8>,
    #[payload(text)]
    text: Option<String>,
}

/// A struct of several names.
#[derive(Debug, PartialEq, Payload)]
#[payload(name = "invite", name = "decline", ns = NS)]
struct Named {
    #[payload(element_name)]
    which: Which,
    #[payload(attr)]
    to: Option<Jid>,
}

#[derive(Debug, PartialEq, Value)]
enum Which {
    Invite,
    Decline,
}
