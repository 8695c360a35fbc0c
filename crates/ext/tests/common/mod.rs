//! Shared by the tests that walk every example of a XEP: reading the
//! extracted examples (`xep-examples/`), parsing them as stanzas, finding
//! the elements of a namespace in them, and round-tripping typed payloads.
#![allow(dead_code)] // each test file uses a part

use std::collections::BTreeMap;
use std::fmt::Debug;

use jabber_stanza::Payload;
use jabber_stream::{ContentNamespace, Element, Limits, StreamEvent, StreamParser};

/// One `<example>` of a XEP.
#[derive(Debug, Clone)]
pub(crate) struct Example {
    /// Its number in the rendered XEP.
    pub(crate) number: u32,
    /// Its caption.
    pub(crate) caption: String,
    /// Its text, verbatim.
    pub(crate) text: String,
}

/// Every example of XEP-`xep` (e.g. `"0045"`), from `tests/xep-examples/`.
pub(crate) fn examples(xep: &str) -> Vec<Example> {
    let path = format!("{}/tests/xep-examples/xep-{xep}.txt", env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out: Vec<Example> = Vec::new();
    for line in file.lines() {
        if let Some(rest) = line.strip_prefix("=== Example ") {
            let (number, caption) = rest.split_once(": ").unwrap_or((rest.trim_end_matches(':'), ""));
            out.push(Example { number: number.parse().unwrap(), caption: caption.into(), text: String::new() });
        } else if let Some(example) = out.last_mut() {
            example.text.push_str(line);
            example.text.push('\n');
        }
    }
    out
}

/// The top-level elements of `text`, read as a fragment of a `jabber:client`
/// stream (how the XEPs show stanzas); an error for text that is not XML.
pub(crate) fn elements(text: &str) -> Result<Vec<Element>, String> {
    let mut parser = StreamParser::fragment(ContentNamespace::Client, Limits::default());
    parser.feed(text.as_bytes());
    let mut out = Vec::new();
    loop {
        match parser.next_event() {
            Ok(Some(StreamEvent::Element(e))) => out.push(e),
            Ok(Some(other)) => return Err(format!("not a fragment of elements: {other:?}")),
            Ok(None) => break,
            Err(e) => return Err(e.to_string()),
        }
    }
    parser.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// The outermost descendants of `element` (itself included) in namespace
/// `ns`: a payload and not its own children.
pub(crate) fn in_namespace<'a>(element: &'a Element, ns: &str) -> Vec<&'a Element> {
    let mut out = Vec::new();
    collect(element, &|e| e.ns() == ns, &mut out);
    out
}

/// The outermost descendants of `element` (itself included) for which `pick` holds.
pub(crate) fn picked<'a>(element: &'a Element, pick: &dyn Fn(&Element) -> bool) -> Vec<&'a Element> {
    let mut out = Vec::new();
    collect(element, pick, &mut out);
    out
}

fn collect<'a>(element: &'a Element, pick: &dyn Fn(&Element) -> bool, out: &mut Vec<&'a Element>) {
    if pick(element) {
        out.push(element);
        return;
    }
    for child in element.children() {
        collect(child, pick, out);
    }
}

/// Parses `element` as `P` and checks that serializing and reparsing gives
/// the same model; the model, or why not.
pub(crate) fn round_trip<P: Payload + PartialEq + Debug>(element: &Element) -> Result<P, String> {
    let parsed = P::parse(element).map_err(|e| format!("<{}/>: {e}", element.name()))?;
    let written = parsed.to_element();
    let again =
        P::parse(&written).map_err(|e| format!("written <{}/> does not reparse: {e}: {written}", element.name()))?;
    if again != parsed {
        return Err(format!("round trip differs:\n  read    {parsed:?}\n  reread  {again:?}\n  written {written}"));
    }
    Ok(parsed)
}

const EXCEPTION: &str = "exception: ";

/// The error a check returns for an example that is XML but not meant to
/// be read as the typed model (an elision such as `...` where elements
/// were left out): the example is listed, not failed.
pub(crate) fn exception(why: impl std::fmt::Display) -> String {
    format!("{EXCEPTION}{why}")
}

/// Whether a `malformed` report says that text stands where elements were
/// elided (`...`, `[ ... ]`): how the XEPs shorten examples.
pub(crate) fn elided(malformed: &[jabber_stanza::Error]) -> bool {
    !malformed.is_empty()
        && malformed.iter().all(|e| matches!(e, jabber_stanza::Error::InvalidText { text, .. } if text.contains("...")))
}

/// What walking a XEP's examples found: how many were walked, how many
/// typed payloads were parsed and round-tripped, and the examples that
/// could not be read, with why.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    /// Examples walked.
    pub(crate) examples: usize,
    /// Typed payloads checked.
    pub(crate) payloads: usize,
    /// Example number -> why it was not read.
    pub(crate) exceptions: BTreeMap<u32, String>,
}

impl Walk {
    /// Walks every example of XEP-`xep`: each example's text is read as
    /// elements (text that is not XML becomes an exception), and `check` is
    /// called with each top-level element; it returns how many typed
    /// payloads it checked, or an error that fails the test (with the
    /// example's number), or an [`exception`] that lists the example.
    pub(crate) fn run(xep: &str, mut check: impl FnMut(u32, &Element) -> Result<usize, String>) -> Walk {
        let mut walk = Walk::default();
        let mut failures = Vec::new();
        for example in examples(xep) {
            walk.examples += 1;
            match elements(&example.text) {
                Err(why) => {
                    walk.exceptions.insert(example.number, why);
                }
                Ok(elements) => {
                    for element in &elements {
                        match check(example.number, element) {
                            Ok(n) => walk.payloads += n,
                            Err(why) => match why.strip_prefix(EXCEPTION) {
                                Some(why) => {
                                    walk.exceptions.insert(example.number, why.to_owned());
                                }
                                None => failures.push(format!("XEP-{xep} Example {}: {why}", example.number)),
                            },
                        }
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
        walk
    }

    /// Asserts that exactly the examples `expected` were not read.
    pub(crate) fn assert_exceptions(&self, expected: &[u32]) {
        let found: Vec<u32> = self.exceptions.keys().copied().collect();
        assert_eq!(found, expected, "examples not read: {:#?}", self.exceptions);
    }
}
