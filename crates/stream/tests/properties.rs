//! Property tests: serialize/parse round trips, chunking invariance, and
//! arbitrary bytes never panicking.

mod common;

use common::{CLIENT_HEADER, parse_in_pieces};
use jabber_stream::{ContentNamespace, Element, Limits, StreamEvent, StreamParser, StreamWriter};
use proptest::prelude::*;

const NAMESPACES: &[&str] = &["jabber:client", "urn:a", "urn:b", "http://jabber.org/protocol/disco#info", ""];

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9_.-]{0,8}",
        Just("body".to_string()),
        Just("x".to_string()),
        "[\u{c0}-\u{d6}\u{370}-\u{37d}][a-z\u{300}-\u{36f}]{0,3}",
    ]
}

/// Text of any characters XML can carry, including markup characters,
/// CR, tabs and non-BMP characters.
fn xml_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            8 => proptest::char::range(' ', '~'),
            1 => prop::sample::select(vec!['<', '>', '&', '\'', '"', '\t', '\n', '\r', ']']),
            1 => proptest::char::range('\u{a0}', '\u{d7ff}'),
            1 => proptest::char::range('\u{10000}', '\u{10ffff}'),
        ],
        0..12,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn element() -> impl Strategy<Value = Element> {
    let leaf = (
        name(),
        prop::sample::select(NAMESPACES),
        proptest::collection::vec((name(), xml_text()), 0..3),
        xml_text(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(name, ns, attrs, text, lang, namespaced)| {
            let mut e = Element::builder(name, ns);
            for (k, v) in attrs {
                e = if namespaced { e.attr_ns("urn:attr", k, v) } else { e.attr(k, v) };
            }
            if lang {
                e = e.lang("en");
            }
            e.text(text).build()
        });
    leaf.prop_recursive(4, 24, 4, |inner| {
        (inner.clone(), proptest::collection::vec((inner, xml_text()), 0..4)).prop_map(|(mut parent, kids)| {
            for (kid, text) in kids {
                parent.push_child(kid);
                parent.push_text(text);
            }
            parent
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// parse(serialize(x)) == x for standalone elements.
    #[test]
    fn element_round_trip(e in element()) {
        let bytes = e.to_bytes().unwrap();
        let parsed = Element::from_bytes(&bytes).unwrap();
        prop_assert_eq!(&parsed, &e);
        // Serializing the parsed element gives the same bytes.
        prop_assert_eq!(parsed.to_bytes().unwrap(), bytes);
    }

    /// Elements written into a stream by the writer come back equal, and
    /// the events do not depend on how the bytes are split.
    #[test]
    fn stream_round_trip_and_chunking_invariance(
        elements in proptest::collection::vec(element(), 1..5),
        cuts in proptest::collection::vec(0usize..4096, 0..12),
    ) {
        let mut out = Vec::new();
        let mut writer = StreamWriter::new();
        let header = jabber_stream::StreamHeader::new(ContentNamespace::Client).with_id("p");
        writer.header(&header, &mut out).unwrap();
        for e in &elements {
            writer.element(e, &mut out).unwrap();
            out.extend_from_slice(b" ");
        }
        writer.close(&mut out);
        let (events, error) = parse_in_pieces(StreamParser::new(), &out, &[]);
        prop_assert_eq!(error, None);
        let parsed: Vec<&Element> = events.iter().filter_map(|e| match e { StreamEvent::Element(e) => Some(e), _ => None }).collect();
        prop_assert_eq!(parsed, elements.iter().collect::<Vec<_>>());
        let cuts: Vec<usize> = cuts.into_iter().map(|c| c % out.len()).collect();
        let (split_events, split_error) = parse_in_pieces(StreamParser::new(), &out, &cuts);
        prop_assert_eq!(split_error, None);
        prop_assert_eq!(split_events, events);
    }

    /// Arbitrary bytes after a valid header, in arbitrary chunks, never
    /// panic, and give the same outcome however chunked.
    #[test]
    fn arbitrary_bytes_after_a_header(
        tail in proptest::collection::vec(any::<u8>(), 0..300),
        cuts in proptest::collection::vec(0usize..400, 0..8),
    ) {
        let input = [CLIENT_HEADER.as_bytes(), &tail].concat();
        let whole = parse_in_pieces(StreamParser::new(), &input, &[]);
        let split = parse_in_pieces(StreamParser::new(), &input, &cuts);
        prop_assert_eq!(whole, split);
    }

    /// Arbitrary markup-heavy text (more likely to get deep than random
    /// bytes) never panics and is chunking invariant.
    #[test]
    fn arbitrary_markup(
        tokens in proptest::collection::vec(prop::sample::select(vec![
            "<", ">", "/", "a", "b:c", "='", "'", "\"", "&amp;", "&#", "x;", " ", "<![CDATA[", "]]>",
            "<!--", "<?", "?>", "xmlns", ":", "=", "\u{e9}", "\u{0}", "\u{1F600}", "</", "/>", "<a>", "</a>",
        ]), 0..60),
        cuts in proptest::collection::vec(0usize..400, 0..8),
    ) {
        let input = [CLIENT_HEADER, &tokens.concat()].concat();
        let whole = parse_in_pieces(StreamParser::new(), input.as_bytes(), &[]);
        let split = parse_in_pieces(StreamParser::new(), input.as_bytes(), &cuts);
        prop_assert_eq!(&whole, &split);
        let fragment = |cuts: &[usize]| parse_in_pieces(
            StreamParser::fragment(ContentNamespace::Client, Limits::default()), tokens.concat().as_bytes(), cuts);
        prop_assert_eq!(fragment(&[]), fragment(&cuts));
        let _ = Element::from_bytes(tokens.concat().as_bytes());
    }

    /// Stanzas near the structural limits: a stanza fed whole is read in
    /// one pass by the tree builder, one fed in pieces is delimited by the
    /// scanner first; both must enforce each limit alike, at its boundary.
    #[test]
    fn limits_hold_alike_whole_and_in_pieces(
        stanzas in proptest::collection::vec(markup_near_limits(), 1..4),
        cuts in proptest::collection::vec(0usize..400, 0..8),
    ) {
        let limits = Limits::default()
            .with_max_depth(3)
            .with_max_attributes(2)
            .with_max_name_len(7)
            .with_max_attribute_value_len(4)
            .with_max_stanza_bytes(120);
        // A fragment: a stream header would break the name limit itself.
        let parser = || StreamParser::fragment(ContentNamespace::Client, limits);
        let input = stanzas.concat();
        let whole = parse_in_pieces(parser(), input.as_bytes(), &[]);
        let split = parse_in_pieces(parser(), input.as_bytes(), &cuts);
        prop_assert_eq!(&whole, &split);
        let bytes: Vec<usize> = (1..input.len()).collect();
        let one_by_one = parse_in_pieces(parser(), input.as_bytes(), &bytes);
        prop_assert_eq!(&whole, &one_by_one);
    }

    /// Arbitrary bytes as a whole stream never panic.
    #[test]
    fn arbitrary_bytes(input in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_in_pieces(StreamParser::new(), &input, &[]);
        let _ = Element::from_bytes(&input);
    }
}

/// A well-formed element whose names, values, attribute counts, depth and
/// size fall on either side of the limits of
/// `limits_hold_alike_whole_and_in_pieces` (mostly within them, so that a
/// stanza often reaches the one limit it breaks).
fn markup_near_limits() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        30 => prop::sample::select(vec!["a", "ab", "abcdefg"]).prop_map(|n| (n, "")),
        1 => Just(("abcdefgh", "")),
        3 => Just(("p:abcde", " xmlns:p='u'")),
    ];
    let attrs = proptest::collection::vec(
        (
            prop_oneof![30 => prop::sample::select(vec!["k", "kl", "longest"]), 1 => Just("longerer")],
            prop_oneof![30 => prop::sample::select(vec!["", "v", "vvv", "&#9;"]), 1 => Just("vvvvv")],
        ),
        0..3,
    )
    .prop_map(|attrs| {
        let mut seen = Vec::new();
        let mut out = String::new();
        for (k, v) in attrs {
            if !seen.contains(&k) {
                seen.push(k);
                out.push_str(&format!(" {k}='{v}'"));
            }
        }
        out
    });
    let leaf = (name.clone(), attrs.clone(), "[a-z ]{0,20}", any::<bool>()).prop_map(|((n, decl), a, text, empty)| {
        if empty { format!("<{n}{decl}{a}/>") } else { format!("<{n}{decl}{a}>{text}</{n}>") }
    });
    leaf.prop_recursive(5, 12, 2, move |inner| {
        (name.clone(), attrs.clone(), proptest::collection::vec(inner, 1..3))
            .prop_map(|((n, decl), a, kids)| format!("<{n}{decl}{a}>{}</{n}>", kids.concat()))
    })
}
