//! Arbitrary elements -> every derived payload type -> Element -> the same
//! type: what parses round-trips, never a panic. Elements written without
//! a namespace are taken into each payload's namespace, so that the
//! fuzzer reaches every parser from one input (with `payloads.dict`).
//! The `malformed` report describes the input, not the model: it is left
//! out of the comparison (stray text is reported and not kept).
#![no_main]

use std::fmt::Debug;

use jabber_jid::Jid;
use jabber_stanza::{
    BindRequest, BindResult, Block, Blocked, Blocklist, BlocklistRequest, Error, Payload, RosterItem, RosterQuery,
    SessionRequest, Texts, Unblock, Unknown, Value,
};
use jabber_stream::{ContentNamespace, Element, Limits, Node, StreamEvent, StreamParser};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parser = StreamParser::fragment(ContentNamespace::Client, Limits::default());
    parser.feed(data);
    while let Ok(Some(StreamEvent::Element(element))) = parser.next_event() {
        check::<RosterQuery>(&element, |q| q.malformed.clear());
        check::<RosterItem>(&element, |_| {});
        check::<Blocklist>(&element, |b| b.malformed.clear());
        check::<Block>(&element, |b| b.malformed.clear());
        check::<Unblock>(&element, |b| b.malformed.clear());
        check::<BlocklistRequest>(&element, |_| {});
        check::<Blocked>(&element, |_| {});
        check::<BindRequest>(&element, |_| {});
        check::<BindResult>(&element, |_| {});
        check::<SessionRequest>(&element, |_| {});
        check::<Every>(&element, |e| e.malformed.clear());
        check::<Wrapper>(&element, |_| {});
        check::<Choice>(&element, |_| {});
        check::<Named>(&element, |_| {});
    }
});

/// Parses `element` (taken into `P`'s namespace) as `P`; what parses
/// serializes to an element that parses to the same model.
fn check<P: Payload + PartialEq + Debug>(element: &Element, without_report: fn(&mut P)) {
    let element = into_ns(element, P::NS);
    if let Some(Ok(mut model)) = P::try_parse(&element) {
        let back = model.to_element();
        let mut again = P::parse(&back).expect("a serialized payload reparses");
        without_report(&mut model);
        without_report(&mut again);
        assert_eq!(again, model);
    }
}

/// `element` with every descendant in `jabber:client` moved to `ns`.
fn into_ns(element: &Element, ns: &'static str) -> Element {
    let mut out = Element::new(
        element.name().to_owned(),
        if element.ns() == "jabber:client" { ns.into() } else { jabber_stream::XmlStr::shared(element.ns()) },
    );
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
