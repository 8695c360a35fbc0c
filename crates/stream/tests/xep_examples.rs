//! Every `<example>` of XEP-0004, XEP-0030, XEP-0045, XEP-0060 and XEP-0115
//! parses as a fragment of a `jabber:client` stream, fed whole and split at
//! every byte, except the listed non-stanza examples, which must fail with
//! the listed condition. See `xep-examples/README.md` for the data's origin.

use std::collections::BTreeMap;

use jabber_stream::{ContentNamespace, Limits, StreamEvent, StreamParser};

const FILES: [(&str, &str); 5] = [
    ("xep-0004", include_str!("xep-examples/xep-0004.txt")),
    ("xep-0030", include_str!("xep-examples/xep-0030.txt")),
    ("xep-0045", include_str!("xep-examples/xep-0045.txt")),
    ("xep-0060", include_str!("xep-examples/xep-0060.txt")),
    ("xep-0115", include_str!("xep-examples/xep-0115.txt")),
];

const EXPECTED_FAILURES: &str = include_str!("xep-examples/expected-failures.txt");

/// `(number, caption, text)` of each example in a data file.
fn examples(file: &str) -> Vec<(u32, &str, String)> {
    let mut out: Vec<(u32, &str, String)> = Vec::new();
    for line in file.lines() {
        if let Some(rest) = line.strip_prefix("=== Example ") {
            let (n, caption) = rest.split_once(": ").unwrap_or((rest.trim_end_matches(':'), ""));
            out.push((n.parse().expect("example number"), caption, String::new()));
        } else if let Some((_, _, text)) = out.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    out
}

/// Parses a fragment; the number of elements, or the error's condition.
fn parse(text: &[u8], chunk: usize) -> Result<usize, String> {
    let mut parser = StreamParser::fragment(ContentNamespace::Client, Limits::default());
    let mut elements = 0;
    for piece in text.chunks(chunk) {
        parser.feed(piece);
        loop {
            match parser.next_event() {
                Ok(Some(StreamEvent::Element(_))) => elements += 1,
                Ok(Some(other)) => panic!("unexpected event {other:?}"),
                Ok(None) => break,
                Err(e) => return Err(e.condition().to_string()),
            }
        }
    }
    parser.finish().map_err(|e| e.condition().to_string())?;
    Ok(elements)
}

#[test]
fn every_xep_example_parses_or_is_a_listed_failure() {
    let mut expected: BTreeMap<(String, u32), String> = EXPECTED_FAILURES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut fields = l.split_whitespace();
            let stem = fields.next().unwrap().to_owned();
            let n = fields.next().unwrap().parse().unwrap();
            let condition = fields.next().unwrap().to_owned();
            ((stem, n), condition)
        })
        .collect();
    let (mut parsed, mut failed, mut elements) = (0, 0, 0);
    for (stem, file) in FILES {
        for (n, caption, text) in examples(file) {
            let result = parse(text.as_bytes(), text.len().max(1));
            match (expected.remove(&(stem.to_owned(), n)), result) {
                (None, Ok(count)) => {
                    assert!(count > 0, "{stem} example {n} ({caption}) has no element");
                    parsed += 1;
                    elements += count;
                }
                (Some(condition), Err(found)) => {
                    assert_eq!(found, condition, "{stem} example {n} ({caption})");
                    failed += 1;
                }
                (None, Err(e)) => {
                    panic!("{stem} example {n} ({caption}) does not parse: {e}\n{text}")
                }
                (Some(_), Ok(_)) => {
                    panic!("{stem} example {n} ({caption}) is listed as failing but parses")
                }
            }
        }
    }
    assert!(expected.is_empty(), "listed examples that do not exist: {expected:?}");
    println!("{parsed} examples parsed ({elements} elements), {failed} listed failures");
    assert_eq!((parsed, failed), (468, 41));
}

/// The same examples split at every byte give the same outcome (a
/// sample: every tenth example, to keep the test fast in debug builds).
#[test]
fn xep_examples_are_chunking_invariant() {
    for (_, file) in FILES {
        for (n, _, text) in examples(file).into_iter().step_by(10) {
            let whole = parse(text.as_bytes(), text.len().max(1));
            for chunk in [1, 2, 3, 7, 64] {
                assert_eq!(parse(text.as_bytes(), chunk), whole, "example {n}, chunks of {chunk}");
            }
        }
    }
}
