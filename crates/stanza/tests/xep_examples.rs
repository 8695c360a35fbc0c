//! Every example of XEP-0191 and XEP-0016 (see `xep-examples/README.md`):
//! each stanza parses and round-trips, and each blocking or privacy payload
//! parses as its typed model and round-trips.

use jabber_stanza::{Block, Blocked, Blocklist, BlocklistRequest, IqKind, Payload, PrivacyQuery, Stanza, Unblock};
use jabber_stream::{ContentNamespace, Element, Limits, StreamEvent, StreamParser};

fn examples(file: &str) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    for line in file.lines() {
        if let Some(rest) = line.strip_prefix("=== Example ") {
            let n = rest.split(':').next().unwrap().parse().unwrap();
            out.push((n, String::new()));
        } else if let Some((_, text)) = out.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    out
}

fn stanzas(text: &str) -> Vec<Element> {
    let mut parser = StreamParser::fragment(ContentNamespace::Client, Limits::default());
    parser.feed(text.as_bytes());
    let mut out = Vec::new();
    while let Some(event) = parser.next_event().unwrap() {
        let StreamEvent::Element(e) = event else { panic!() };
        out.push(e);
    }
    parser.finish().unwrap();
    out
}

fn round_trip<P: Payload + PartialEq + std::fmt::Debug>(e: &Element) -> bool {
    match P::try_parse(e) {
        None => false,
        Some(parsed) => {
            let parsed = parsed.unwrap_or_else(|err| panic!("{err}: {e}"));
            assert_eq!(P::parse(&parsed.to_element()).unwrap(), parsed);
            true
        }
    }
}

fn check(file: &str, expected_examples: usize) -> (usize, usize) {
    let (mut count, mut stanza_count, mut typed) = (0, 0, 0);
    for (n, text) in examples(file) {
        count += 1;
        for element in stanzas(&text) {
            let stanza = Stanza::parse(&element).unwrap_or_else(|e| panic!("example {n}: {e}"));
            assert_eq!(Stanza::parse(&stanza.to_element()).unwrap(), stanza, "example {n}");
            stanza_count += 1;
            // Request and result are different types: which applies
            // depends on the iq type.
            let mut matched = 0;
            if let Stanza::Iq(iq) = &stanza {
                match &iq.kind {
                    IqKind::Get(p) => {
                        matched += round_trip::<BlocklistRequest>(p) as usize + round_trip::<PrivacyQuery>(p) as usize;
                    }
                    IqKind::Set(p) => {
                        matched += round_trip::<Block>(p) as usize
                            + round_trip::<Unblock>(p) as usize
                            + round_trip::<PrivacyQuery>(p) as usize;
                    }
                    IqKind::Result(Some(p)) => {
                        matched += round_trip::<Blocklist>(p) as usize + round_trip::<PrivacyQuery>(p) as usize;
                    }
                    IqKind::Error { request: Some(p), .. } => {
                        matched += round_trip::<PrivacyQuery>(p) as usize;
                    }
                    _ => {}
                }
            }
            if let Some(error) = stanza.error()
                && let Some(app) = &error.app_condition
            {
                matched += round_trip::<Blocked>(app) as usize;
            }
            typed += matched;
        }
    }
    assert_eq!(count, expected_examples);
    (stanza_count, typed)
}

/// How many payload elements of the namespace the data holds (counted in
/// the text, independently of the parser).
fn occurrences(file: &str, needle: &str) -> usize {
    file.matches(needle).count()
}

#[test]
fn xep_0191_examples() {
    let file = include_str!("xep-examples/xep-0191.txt");
    let (stanzas, typed) = check(file, 15);
    let expected = occurrences(file, "xmlns='urn:xmpp:blocking'>")
        + occurrences(file, "xmlns='urn:xmpp:blocking'/>")
        + occurrences(file, "xmlns='urn:xmpp:blocking:errors'/>");
    assert_eq!((stanzas, typed), (18, expected));
}

#[test]
fn xep_0016_examples() {
    let file = include_str!("xep-examples/xep-0016.txt");
    let (stanzas, typed) = check(file, 53);
    let expected = occurrences(file, "<query xmlns='jabber:iq:privacy'>")
        + occurrences(file, "<query xmlns='jabber:iq:privacy'/>");
    assert_eq!((stanzas, typed), (55, expected));
}
