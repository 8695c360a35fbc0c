//! What the example walks of XEP-0059, 0082, 0092, 0199 and 0203 share:
//! reading `xep-examples/xep-NNNN.txt`, parsing an example as a fragment
//! of a `jabber:client` stream, finding the elements of a namespace at any
//! depth, and the parse, serialize, reparse check.

// Each test crate uses a part of this module, as a private module of its own.
#![allow(dead_code, unreachable_pub)]

use std::collections::BTreeMap;
use std::fmt::Debug;

use jabber_stanza::{Payload, Stanza};
use jabber_stream::{ContentNamespace, Element, Limits, StreamEvent, StreamParser};

/// One `=== Example N: caption` of an examples file.
pub struct Example {
    pub number: u32,
    pub caption: String,
    pub text: String,
}

/// The examples of a file, in order.
pub fn examples(file: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    for line in file.lines() {
        if let Some(rest) = line.strip_prefix("=== Example ") {
            let (number, caption) = rest.split_once(": ").expect("=== Example N: caption");
            out.push(Example { number: number.parse().unwrap(), caption: caption.to_owned(), text: String::new() });
        } else if let Some(example) = out.last_mut() {
            example.text.push_str(line);
            example.text.push('\n');
        }
    }
    out
}

/// The example `number` of a file.
pub fn example(file: &str, number: u32) -> String {
    examples(file).into_iter().find(|e| e.number == number).unwrap_or_else(|| panic!("no example {number}")).text
}

/// The top-level elements of `text`, read as a fragment of a
/// `jabber:client` stream.
pub fn elements(text: &str) -> Result<Vec<Element>, String> {
    let mut parser = StreamParser::fragment(ContentNamespace::Client, Limits::default());
    parser.feed(text.as_bytes());
    let mut out = Vec::new();
    loop {
        match parser.next_event().map_err(|e| e.to_string())? {
            Some(StreamEvent::Element(e)) => out.push(e),
            Some(other) => return Err(format!("not an element: {other:?}")),
            None => break,
        }
    }
    if let Some(event) = parser.finish().map_err(|e| e.to_string())? {
        return Err(format!("left at the end: {event:?}"));
    }
    Ok(out)
}

/// The single stanza of an example, parsed.
pub fn stanza(text: &str) -> Stanza {
    let elements = elements(text).unwrap();
    assert_eq!(elements.len(), 1, "one stanza");
    Stanza::parse(&elements[0]).unwrap()
}

/// `element` or its descendants in namespace `ns`, in document order,
/// not looking inside those found (their children are theirs).
pub fn find<'a>(element: &'a Element, ns: &str, out: &mut Vec<&'a Element>) {
    if element.ns() == ns {
        out.push(element);
        return;
    }
    for child in element.children() {
        find(child, ns, out);
    }
}

/// Parses `element` as a `P` (which must succeed), writes it, and checks
/// that the written form reads back equal.
pub fn round_trip<P: Payload + PartialEq + Debug>(element: &Element) -> P {
    assert!(P::is_mine(element), "not a {}: {element}", P::NAME);
    let parsed = P::parse(element).unwrap_or_else(|e| panic!("{e}: {element}"));
    let written = parsed.to_element();
    let again = P::parse(&written).unwrap_or_else(|e| panic!("{e}: {written}"));
    assert_eq!(again, parsed, "{element}\n  written as {written}");
    assert_eq!(again.to_element().to_string(), written.to_string());
    parsed
}

/// What a walk found: per example, how many elements of the namespace
/// were parsed and round-tripped, or why the example is not walked.
#[derive(Debug, Default)]
pub struct Walk {
    pub walked: usize,
    pub typed: BTreeMap<u32, usize>,
    pub exceptions: BTreeMap<u32, String>,
}

impl Walk {
    /// The total of elements parsed and round-tripped.
    pub fn typed_total(&self) -> usize {
        self.typed.values().sum()
    }
}

/// Walks every example of `file`: each must read as XML stanzas that parse
/// (`Stanza::parse`) and round-trip, unless it is an exception (recorded
/// with why, for the caller to compare with its list); `each` is called
/// with every element in `ns` found at any depth, with its stanza, and
/// returns how many typed values it checked.
pub fn walk(file: &str, ns: &str, mut each: impl FnMut(u32, &Stanza, &Element) -> usize) -> Walk {
    let mut walk = Walk::default();
    for example in examples(file) {
        walk.walked += 1;
        let elements = match elements(&example.text) {
            Ok(elements) if !elements.is_empty() => elements,
            Ok(_) => {
                walk.exceptions.insert(example.number, "no XML".to_owned());
                continue;
            }
            Err(e) => {
                walk.exceptions.insert(example.number, format!("not XML: {e}"));
                continue;
            }
        };
        let mut typed = 0;
        for element in &elements {
            let stanza = match Stanza::parse(element) {
                Ok(stanza) => stanza,
                Err(e) => {
                    walk.exceptions.insert(example.number, format!("not a stanza: {e}"));
                    continue;
                }
            };
            assert_eq!(Stanza::parse(&stanza.to_element()).unwrap(), stanza, "example {}", example.number);
            assert!(stanza.malformed().is_empty(), "example {}: {:?}", example.number, stanza.malformed());
            let mut found = Vec::new();
            find(element, ns, &mut found);
            for e in found {
                typed += each(example.number, &stanza, e);
            }
        }
        walk.typed.insert(example.number, typed);
    }
    walk
}
