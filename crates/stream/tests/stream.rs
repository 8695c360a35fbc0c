//! The stream parser end to end: headers, stanzas, restarts, strictness,
//! limits, and chunking invariance (every input split at every byte).

mod common;

use common::*;
use jabber_stream::{
    Condition, ContentNamespace, Element, ErrorKind, Limit, Limits, StreamEvent, StreamParser, Version,
};

fn header_of(events: &[StreamEvent]) -> &jabber_stream::StreamHeader {
    match &events[0] {
        StreamEvent::Header(h) => h,
        other => panic!("expected a header, got {other:?}"),
    }
}

fn elements(events: &[StreamEvent]) -> Vec<&Element> {
    events
        .iter()
        .filter_map(|e| match e {
            StreamEvent::Element(e) => Some(e),
            _ => None,
        })
        .collect()
}

/// RFC 6120 §9.1.1 (step 1): the initial stream header of a client.
#[test]
fn client_header_fields_are_typed() {
    let input = b"<?xml version='1.0'?>\n<stream:stream\n       from='juliet@im.example.com'\n       \
        to='im.example.com'\n       version='1.0'\n       xml:lang='en'\n       xmlns='jabber:client'\n       \
        xmlns:stream='http://etherx.jabber.org/streams'>";
    let (events, error) = assert_chunking_invariant(StreamParser::new, input);
    assert_eq!(error, None);
    let h = header_of(&events);
    assert_eq!(h.from.as_ref().unwrap().as_str(), "juliet@im.example.com");
    assert_eq!(h.to.as_ref().unwrap().as_str(), "im.example.com");
    assert_eq!(h.version, Some(Version::V1_0));
    assert_eq!(h.lang.as_deref(), Some("en"));
    assert_eq!(h.content_ns, Some(ContentNamespace::Client));
    assert_eq!(h.id, None);
    assert!(h.namespaces.is_empty());
    assert!(h.attributes.is_empty());
}

/// A server-to-server header (RFC 6120 §9.3.1 with XEP-0220's `xmlns:db`)
/// keeps the extra declaration and unknown attributes.
#[test]
fn server_header_keeps_declarations_and_unknown_attributes() {
    let input = b"<stream:stream xmlns='jabber:server' xmlns:db='jabber:server:dialback' \
        xmlns:stream='http://etherx.jabber.org/streams' xmlns:x='urn:x' from='a.example' to='b.example' \
        id='D60000229F' version='01.00' x:flag='1' foo='bar'>\
        <db:result from='a.example' to='b.example'>key</db:result>";
    let (events, error) = assert_chunking_invariant(StreamParser::new, input);
    assert_eq!(error, None);
    let h = header_of(&events);
    assert_eq!(h.content_ns, Some(ContentNamespace::Server));
    assert_eq!(h.version, Some(Version::V1_0), "leading zeros are ignored (RFC 6120 §4.7.5)");
    assert_eq!(h.id.as_deref(), Some("D60000229F"));
    assert_eq!(h.namespaces, [("db".to_string(), "jabber:server:dialback".to_string()), ("x".into(), "urn:x".into())]);
    let extra: Vec<_> = h.attributes.iter().map(|a| (a.ns(), a.name(), a.value())).collect();
    assert_eq!(extra, [(Some("urn:x"), "flag", "1"), (None, "foo", "bar")]);
    let db = elements(&events)[0];
    assert!(db.is("result", "jabber:server:dialback"));
    assert_eq!(db.text(), "key");
}

/// A whole client session in one direction: features, SASL, stanzas,
/// whitespace keepalives and the close; split at every byte.
#[test]
fn whole_stream_is_chunking_invariant() {
    let input = format!(
        "{CLIENT_HEADER}<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>\
         </stream:features>\n \n<message from='romeo@example.net/orchard' to='juliet@example.com/balcony' \
         type='chat' xml:lang='en'><body>Wherefore art thou, Romeo? \u{1F339} &amp; caf\u{E9}</body>\
         <thread>e0ffe42b28561960c6b12b944a092794b9683a38</thread></message>\t\
         <presence><show>away</show><status>&lt;b&gt; &#x263A;</status><priority>5</priority></presence>\
         <iq type='result' id='a1'/>  </stream:stream>  "
    );
    let (events, error) = assert_chunking_invariant(StreamParser::new, input.as_bytes());
    assert_eq!(error, None);
    assert_eq!(events.len(), 6);
    assert_eq!(events.last(), Some(&StreamEvent::Close));
    let els = elements(&events);
    assert!(els[0].is("features", "http://etherx.jabber.org/streams"));
    assert!(
        els[0]
            .get_child("starttls", "urn:ietf:params:xml:ns:xmpp-tls")
            .unwrap()
            .has_child("required", "urn:ietf:params:xml:ns:xmpp-tls")
    );
    let body = els[1].get_child("body", "jabber:client").unwrap();
    assert_eq!(body.text(), "Wherefore art thou, Romeo? \u{1F339} & caf\u{E9}");
    assert_eq!(els[1].lang(), Some("en"));
    assert_eq!(els[2].get_child("status", "jabber:client").unwrap().text(), "<b> \u{263A}");
    assert!(els[3].is("iq", "jabber:client"));
}

#[test]
fn whitespace_keepalives_are_counted_not_events() {
    let mut p = StreamParser::new();
    p.feed(CLIENT_HEADER.as_bytes());
    assert!(matches!(p.next_event(), Ok(Some(StreamEvent::Header(_)))));
    for _ in 0..3 {
        p.feed(b" ");
        assert_eq!(p.next_event(), Ok(None));
    }
    p.feed(b"\n<presence/>");
    assert!(matches!(p.next_event(), Ok(Some(StreamEvent::Element(_)))));
    assert_eq!(p.decoder().whitespace_bytes(), 4);
    assert_eq!(p.buffered(), 0);
}

/// RFC 6120 §4.3.3: after `<success/>` the stream restarts, and the new
/// header often arrives in the same read. It must not be lost.
#[test]
fn restart_keeps_bytes_received_after_the_trigger() {
    let server = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' \
                  from='im.example.com' id='s1' version='1.0'>";
    let input = format!(
        "{server}<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>{}<stream:features/>",
        server.replace("s1", "s2")
    );
    // However the bytes are split, the events around the restart are the same.
    for cut in 1..input.len() {
        let mut p = StreamParser::new();
        let mut events = Vec::new();
        for piece in [&input.as_bytes()[..cut], &input.as_bytes()[cut..]] {
            p.feed(piece);
            while let Some(event) = p.next_event().unwrap() {
                let restart = matches!(&event, StreamEvent::Element(e) if e.name() == "success");
                events.push(event);
                if restart {
                    p.reset();
                }
            }
        }
        assert_eq!(events.len(), 4, "cut {cut}");
        assert_eq!(header_of(&events[2..]).id.as_deref(), Some("s2"));
        assert!(matches!(&events[3], StreamEvent::Element(e) if e.name() == "features"));
    }
    // Discarding drops what followed the trigger.
    let mut p = StreamParser::new();
    p.feed(input.as_bytes());
    assert!(matches!(p.next_event(), Ok(Some(StreamEvent::Header(_)))));
    assert!(matches!(p.next_event(), Ok(Some(StreamEvent::Element(_)))));
    p.reset_discarding();
    assert_eq!(p.buffered(), 0);
    assert_eq!(p.next_event(), Ok(None));
}

#[test]
fn restart_allows_a_new_declaration_but_not_a_second_root_without_reset() {
    let mut p = StreamParser::new();
    p.feed(CLIENT_HEADER.as_bytes());
    p.next_event().unwrap();
    p.reset();
    p.feed(CLIENT_HEADER.as_bytes());
    assert!(matches!(p.next_event(), Ok(Some(StreamEvent::Header(_)))));
    // Without a reset, a second header is a nested element of the stream: a
    // stanza named <stream:stream> that never ends; it is refused at once
    // as neither complete nor allowed once it exceeds the stanza limit; a
    // declaration there is a processing instruction.
    p.feed(b"<?xml version='1.0'?>");
    assert_eq!(p.next_event().unwrap_err().condition(), Condition::RestrictedXml);
}

#[test]
fn self_closed_header_is_a_header_and_a_close() {
    let (events, error) =
        parse_stream(b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'/>");
    assert_eq!(error, None);
    assert!(matches!(events[..], [StreamEvent::Header(_), StreamEvent::Close]));
}

#[test]
fn other_stream_prefixes_work_and_must_match_on_close() {
    let ok = b"<s:stream xmlns='jabber:client' xmlns:s='http://etherx.jabber.org/streams'>\
               <s:features/><message/></s:stream>";
    let (events, error) = parse_stream(ok);
    assert_eq!(error, None);
    assert!(elements(&events)[0].is("features", "http://etherx.jabber.org/streams"));
    let (_, error) =
        parse_stream(b"<s:stream xmlns='jabber:client' xmlns:s='http://etherx.jabber.org/streams'></stream:stream>");
    assert!(matches!(error.unwrap().kind(), ErrorKind::MismatchedEndTag { .. }));
}

/// RFC 6120 §11.6: U+FEFF, even as the first character of a stream, is a
/// zero width no-break space, never a byte order mark: a character before
/// the stream header (issue 10; the parser used to skip it silently).
#[test]
fn leading_u_feff_is_a_character_not_a_byte_order_mark() {
    let input = [b"\xEF\xBB\xBF".as_slice(), CLIENT_HEADER.as_bytes()].concat();
    let (events, error) = assert_chunking_invariant(StreamParser::new, &input);
    assert!(events.is_empty());
    let error = error.expect("U+FEFF before the header is refused");
    assert_eq!(error.kind(), &ErrorKind::CharacterBeforeHeader('\u{FEFF}'));
    assert_eq!((error.condition(), error.offset()), (Condition::NotWellFormed, 0));
    // Anywhere before the header.
    for input in ["  \u{FEFF}<stream:stream/>", "<?xml version='1.0'?>\u{FEFF}<stream:stream/>"] {
        let (_, error) = assert_chunking_invariant(StreamParser::new, input.as_bytes());
        assert_eq!(error.unwrap().kind(), &ErrorKind::CharacterBeforeHeader('\u{FEFF}'), "{input:?}");
    }
    // Inside character data it is an ordinary character.
    let input = format!("{CLIENT_HEADER}<message><body>a\u{FEFF}b</body></message>");
    let (events, error) = assert_chunking_invariant(StreamParser::new, input.as_bytes());
    assert_eq!(error, None);
    assert_eq!(elements(&events)[0].children().next().unwrap().text(), "a\u{FEFF}b");
    // Between stanzas it is text at the stream level.
    let input = format!("{CLIENT_HEADER}\u{FEFF}<presence/>");
    let (_, error) = assert_chunking_invariant(StreamParser::new, input.as_bytes());
    assert_eq!(error.unwrap().condition(), Condition::BadFormat);
    // UTF-16 byte order marks still name the encoding XMPP does not allow.
    let (_, error) = parse_stream(b"\xFF\xFE<\x00");
    assert_eq!(error.unwrap().condition(), Condition::UnsupportedEncoding);
}

/// RFC 6120 §4.8.2, "prefix-free canonicalization": a header that declares
/// no content namespace, whose first-level children declare their own. The
/// input of issue 10 (it failed with `invalid-namespace at 21`).
#[test]
fn header_without_content_namespace_prefix_free_canonicalization() {
    let input = b"<stream:stream xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>\
        <message xmlns='jabber:client' to='alice@example.com'><body>hi</body></message>\
        <stream:features/></stream:stream>";
    let (events, error) = assert_chunking_invariant(StreamParser::new, input);
    assert_eq!(error, None);
    assert_eq!(header_of(&events).content_ns, None);
    let els = elements(&events);
    assert!(els[0].is("message", "jabber:client"));
    assert!(els[0].children().next().unwrap().is("body", "jabber:client"));
    assert!(els[1].is("features", "http://etherx.jabber.org/streams"));
    assert!(matches!(events.last(), Some(StreamEvent::Close)));
}

/// RFC 6120 §4.8.2's second example: the root unprefixed, its default
/// namespace the stream namespace; stanzas declare `jabber:client`.
#[test]
fn unprefixed_stream_root_rfc6120_4_8_2() {
    let input = b"<stream from='juliet@im.example.com' to='im.example.com' version='1.0' xml:lang='en' \
        xmlns='http://etherx.jabber.org/streams'>\n  <message xmlns='jabber:client'>\n    <body>foo</body>\n  \
        </message>\n<features/></stream>";
    let (events, error) = assert_chunking_invariant(StreamParser::new, input);
    assert_eq!(error, None);
    let h = header_of(&events);
    assert_eq!(h.content_ns, None);
    assert_eq!(h.lang.as_deref(), Some("en"));
    let els = elements(&events);
    assert!(els[0].is("message", "jabber:client"));
    assert!(els[1].is("features", "http://etherx.jabber.org/streams"));
    assert!(matches!(events.last(), Some(StreamEvent::Close)));
}

/// RFC 6120 §4.9.1.1 and §4.9.3.13 (Examples 26 and 43 of the RFC): a
/// stanza whose end tag does not match is refused when that end tag
/// arrives. The parser used to match end tags by depth only, took
/// `</message>` for the end of `<body>` and waited on, swallowing the
/// stanzas that followed, up to the stanza limit.
#[test]
fn a_mismatched_end_tag_is_refused_when_it_arrives() {
    let stanza = "<message><body>No closing tag!</message>";
    let input = format!("{CLIENT_HEADER}{stanza}");
    let (_, error) = assert_chunking_invariant(StreamParser::new, input.as_bytes());
    let error = error.expect("refused without waiting for more input");
    assert_eq!(error.condition(), Condition::NotWellFormed);
    assert_eq!(error.offset(), input.find("</message>").unwrap() as u64);
    assert_eq!(error.kind(), &ErrorKind::MismatchedEndTag { expected: "body".into(), found: "message".into() });
    // Deeper, with attributes and whitespace in the end tag, prefixes compared as written.
    let input = format!(
        "{CLIENT_HEADER}<iq type='get' id='1'><q xmlns='urn:q'><x:a xmlns:x='urn:x'><x:b/></x:a ><y:a xmlns:y='urn:x'>\
         </x:a></q></iq>"
    );
    let (_, error) = assert_chunking_invariant(StreamParser::new, input.as_bytes());
    let error = error.unwrap();
    assert_eq!(error.offset(), input.rfind("</x:a>").unwrap() as u64);
    assert_eq!(error.kind(), &ErrorKind::MismatchedEndTag { expected: "y:a".into(), found: "x:a".into() });
    // The first error in the unit is the one reported (found in review: the
    // mismatched end tag took the place of earlier errors).
    for (inner, kind) in [
        ("<body x='1' x='2'>a</bod>", ErrorKind::DuplicateAttribute("x".into())),
        ("<body>a &bogus; </bod>", ErrorKind::EntityReference("bogus".into())),
        ("<body>\u{1}</bod>", ErrorKind::IllegalChar('\u{1}')),
        ("<u:body>a</v:body>", ErrorKind::UnboundPrefix("u".into())),
    ] {
        let input = format!("{CLIENT_HEADER}<message>{inner}</message>");
        let (_, error) = assert_chunking_invariant(StreamParser::new, input.as_bytes());
        assert_eq!(error.unwrap().kind(), &kind, "{inner}");
    }
    // RFC 6120 §4.9.3.13: an undeclared prefix is not-well-formed.
    let input = format!("{CLIENT_HEADER}<message>\n     <foo:body>What is this foo?</foo:body>\n   </message>");
    let (_, error) = assert_chunking_invariant(StreamParser::new, input.as_bytes());
    assert_eq!(error.unwrap().condition(), Condition::NotWellFormed);
}

/// RFC 6120 §4.8.5: elements of the content namespace must not be named
/// with a prefix; the RFC's own illegal example is refused with
/// `bad-namespace-prefix`, at the offending element.
#[test]
fn prefixed_content_namespace_is_bad_namespace_prefix_rfc6120_4_8_5() {
    let stanza = "<foo:message xmlns:foo='jabber:client'>\n    <foo:body>foo</foo:body>\n  </foo:message>";
    let input = format!("{CLIENT_HEADER}\n\n  {stanza}");
    let (_, error) = assert_chunking_invariant(StreamParser::new, input.as_bytes());
    let error = error.unwrap();
    assert_eq!(error.condition(), Condition::BadNamespacePrefix);
    assert_eq!(error.offset(), input.find("<foo:message").unwrap() as u64);
    assert!(matches!(error.kind(), ErrorKind::PrefixedContentNamespace { prefix, name, ns }
        if prefix == "foo" && name == "message" && *ns == ContentNamespace::Client));
    // Deeper down too.
    let input = format!("{CLIENT_HEADER}<message><c:body xmlns:c='jabber:client'/></message>");
    let (_, error) = assert_chunking_invariant(StreamParser::new, input.as_bytes());
    assert_eq!(error.unwrap().condition(), Condition::BadNamespacePrefix);
    // Only the stream's own content namespace: a jabber:client message
    // forwarded inside a stanza of a jabber:server stream may be prefixed
    // (found in review: the whole stream was closed).
    let input = "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>\
        <message from='a.example' to='b.example'><forwarded xmlns='urn:xmpp:forward:0'>\
        <c:message xmlns:c='jabber:client' from='romeo@a.example/x'/></forwarded></message>";
    assert_eq!(assert_chunking_invariant(StreamParser::new, input.as_bytes()).1, None);
    // On a prefix-free stream the content namespace is the first-level
    // element's own (found in review: the check was skipped there).
    let free = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
    for stanza in [
        "<c:message xmlns:c='jabber:client' to='x@y'><c:body>hi</c:body></c:message>",
        "<message xmlns='jabber:client' xmlns:c='jabber:client'><c:body>hi</c:body></message>",
    ] {
        let input = format!("{free}{stanza}");
        let (_, error) = assert_chunking_invariant(StreamParser::new, input.as_bytes());
        assert_eq!(error.unwrap().condition(), Condition::BadNamespacePrefix, "{stanza}");
    }
    // A prefix for another namespace is fine, also with jabber:client as the default.
    let input = format!("{CLIENT_HEADER}<message><x:y xmlns:x='urn:x'/></message>");
    assert_eq!(assert_chunking_invariant(StreamParser::new, input.as_bytes()).1, None);
}

/// One row of the hostile-input table: the input (after a valid header
/// unless it starts with `!`), the condition, and the error kind.
struct Hostile {
    name: &'static str,
    input: Vec<u8>,
    after_header: bool,
    condition: Condition,
    kind: fn(&ErrorKind) -> bool,
}

fn hostile_table() -> Vec<Hostile> {
    let big_attribute = [b"<message to='".as_slice(), &vec![b'a'; 10 * 1024 * 1024], b"'/>"].concat();
    let deep = [b"<a>".repeat(10_000), b"</a>".repeat(10_000)].concat();
    let laughs = b"<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 \
        '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]><stream:stream>&lol2;"
        .to_vec();
    vec![
        Hostile {
            name: "billion laughs",
            input: laughs,
            after_header: false,
            condition: Condition::RestrictedXml,
            kind: |k| *k == ErrorKind::Doctype,
        },
        Hostile {
            name: "entity in a stanza",
            input: b"<message><body>&lol2;</body></message>".to_vec(),
            after_header: true,
            condition: Condition::RestrictedXml,
            kind: |k| *k == ErrorKind::EntityReference("lol2".into()),
        },
        Hostile {
            name: "deep nesting",
            input: deep,
            after_header: true,
            condition: Condition::PolicyViolation,
            kind: |k| matches!(k, ErrorKind::LimitExceeded { limit: Limit::Depth, max: 64 }),
        },
        Hostile {
            name: "10 MB attribute",
            input: big_attribute,
            after_header: true,
            condition: Condition::PolicyViolation,
            kind: |k| matches!(k, ErrorKind::LimitExceeded { limit: Limit::AttributeValueLength, .. }),
        },
        Hostile {
            name: "invalid UTF-8",
            input: b"<message><body>\xC3\x28</body></message>".to_vec(),
            after_header: true,
            condition: Condition::NotWellFormed,
            kind: |k| *k == ErrorKind::InvalidUtf8,
        },
        Hostile {
            name: "overlong UTF-8",
            input: b"<message><body>\xC0\xBC</body></message>".to_vec(),
            after_header: true,
            condition: Condition::NotWellFormed,
            kind: |k| *k == ErrorKind::InvalidUtf8,
        },
        Hostile {
            name: "UTF-16 surrogate in UTF-8",
            input: b"<message><body>\xED\xA0\xBD</body></message>".to_vec(),
            after_header: true,
            condition: Condition::NotWellFormed,
            kind: |k| *k == ErrorKind::InvalidUtf8,
        },
        Hostile {
            name: "NUL character reference",
            input: b"<message><body>&#0;</body></message>".to_vec(),
            after_header: true,
            condition: Condition::NotWellFormed,
            kind: |k| *k == ErrorKind::IllegalCharRef(0),
        },
        Hostile {
            name: "raw control character",
            input: b"<message><body>\x1b[31m</body></message>".to_vec(),
            after_header: true,
            condition: Condition::NotWellFormed,
            kind: |k| *k == ErrorKind::IllegalChar('\u{1b}'),
        },
        Hostile {
            name: "XML 1.1",
            input: b"<?xml version='1.1'?><stream:stream/>".to_vec(),
            after_header: false,
            condition: Condition::NotWellFormed,
            kind: |k| *k == ErrorKind::XmlVersion("1.1".into()),
        },
        Hostile {
            name: "Latin-1 declaration",
            input: b"<?xml version='1.0' encoding='ISO-8859-1'?><stream:stream/>".to_vec(),
            after_header: false,
            condition: Condition::UnsupportedEncoding,
            kind: |k| matches!(k, ErrorKind::UnsupportedEncoding(_)),
        },
        Hostile {
            name: "DOCTYPE",
            input: b"<!DOCTYPE stream>".to_vec(),
            after_header: false,
            condition: Condition::RestrictedXml,
            kind: |k| *k == ErrorKind::Doctype,
        },
        Hostile {
            name: "comment between stanzas",
            input: b"<!-- hello -->".to_vec(),
            after_header: true,
            condition: Condition::RestrictedXml,
            kind: |k| *k == ErrorKind::Comment,
        },
        Hostile {
            name: "comment in a stanza",
            input: b"<message><!-- x --></message>".to_vec(),
            after_header: true,
            condition: Condition::RestrictedXml,
            kind: |k| *k == ErrorKind::Comment,
        },
        Hostile {
            name: "processing instruction",
            input: b"<message><?php echo 1 ?></message>".to_vec(),
            after_header: true,
            condition: Condition::RestrictedXml,
            kind: |k| *k == ErrorKind::ProcessingInstruction,
        },
        Hostile {
            // RFC 6120 §4.9.3.13's own example: an undeclared prefix is XML
            // that is not namespace-well-formed.
            name: "unbound prefix",
            input: b"<foo:message/>".to_vec(),
            after_header: true,
            condition: Condition::NotWellFormed,
            kind: |k| *k == ErrorKind::UnboundPrefix("foo".into()),
        },
        Hostile {
            name: "duplicate attribute",
            input: b"<message to='a' to='b'/>".to_vec(),
            after_header: true,
            condition: Condition::NotWellFormed,
            kind: |k| matches!(k, ErrorKind::DuplicateAttribute(_)),
        },
        Hostile {
            name: "mismatched end tag",
            input: b"<message><body></message></body>".to_vec(),
            after_header: true,
            condition: Condition::NotWellFormed,
            kind: |k| matches!(k, ErrorKind::MismatchedEndTag { .. }),
        },
        Hostile {
            name: "text between stanzas",
            input: b"hello<message/>".to_vec(),
            after_header: true,
            condition: Condition::BadFormat,
            kind: |k| *k == ErrorKind::TextAtStreamLevel,
        },
        Hostile {
            name: "CDATA between stanzas",
            input: b"<![CDATA[x]]>".to_vec(),
            after_header: true,
            condition: Condition::BadFormat,
            kind: |k| *k == ErrorKind::TextAtStreamLevel,
        },
        Hostile {
            name: "junk after close",
            input: b"</stream:stream> <message/>".to_vec(),
            after_header: true,
            condition: Condition::NotWellFormed,
            kind: |k| *k == ErrorKind::DataAfterClose,
        },
        Hostile {
            name: "wrong stream namespace",
            input: b"<stream:stream xmlns='jabber:client' xmlns:stream='http://example.com/streams'>".to_vec(),
            after_header: false,
            condition: Condition::InvalidNamespace,
            kind: |k| matches!(k, ErrorKind::StreamNamespace(_)),
        },
        Hostile {
            name: "unknown content namespace",
            input: b"<stream:stream xmlns='jabber:chat' xmlns:stream='http://etherx.jabber.org/streams'>".to_vec(),
            after_header: false,
            condition: Condition::InvalidNamespace,
            kind: |k| matches!(k, ErrorKind::ContentNamespace(_)),
        },
        Hostile {
            name: "root is not <stream>",
            input: b"<stream:foo xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>".to_vec(),
            after_header: false,
            condition: Condition::BadFormat,
            kind: |k| matches!(k, ErrorKind::NotAStream(_)),
        },
        Hostile {
            name: "unbound stream prefix",
            input: b"<stream:stream xmlns='jabber:client'>".to_vec(),
            after_header: false,
            condition: Condition::NotWellFormed,
            kind: |k| matches!(k, ErrorKind::UnboundPrefix(_)),
        },
        Hostile {
            name: "invalid from",
            input: b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='@x'>"
                .to_vec(),
            after_header: false,
            condition: Condition::InvalidFrom,
            kind: |k| matches!(k, ErrorKind::InvalidFrom(_)),
        },
        Hostile {
            name: "invalid to",
            input: b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='a b'>"
                .to_vec(),
            after_header: false,
            condition: Condition::ImproperAddressing,
            kind: |k| matches!(k, ErrorKind::InvalidTo(_)),
        },
        Hostile {
            name: "malformed version",
            input:
                b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='one'>"
                    .to_vec(),
            after_header: false,
            condition: Condition::UnsupportedVersion,
            kind: |k| matches!(k, ErrorKind::InvalidVersion(_)),
        },
        Hostile {
            name: "HTTP request on the XMPP port",
            input: b"GET / HTTP/1.1\r\n".to_vec(),
            after_header: false,
            condition: Condition::NotWellFormed,
            kind: |k| matches!(k, ErrorKind::Unexpected { .. }),
        },
        Hostile {
            name: "declaration after whitespace",
            input: b" <?xml version='1.0'?>".to_vec(),
            after_header: false,
            condition: Condition::RestrictedXml,
            kind: |k| *k == ErrorKind::ProcessingInstruction,
        },
        Hostile {
            name: "giant header",
            input: [b"<stream:stream a='".as_slice(), &[b'x'; 9000], b"'>"].concat(),
            after_header: false,
            condition: Condition::PolicyViolation,
            kind: |k| matches!(k, ErrorKind::LimitExceeded { limit: Limit::HeaderBytes, .. }),
        },
    ]
}

#[test]
fn hostile_inputs_fail_with_the_right_condition_and_kind() {
    for row in hostile_table() {
        let input = if row.after_header { [CLIENT_HEADER.as_bytes(), &row.input].concat() } else { row.input.clone() };
        let (_, error) = parse_stream(&input);
        let error = error.unwrap_or_else(|| panic!("{}: no error", row.name));
        assert_eq!(error.condition(), row.condition, "{}: {error}", row.name);
        assert!((row.kind)(error.kind()), "{}: {:?}", row.name, error.kind());
        assert!(error.offset() <= input.len() as u64, "{}", row.name);
        // Small inputs: the same error whatever the chunking.
        if input.len() < 600 {
            let (_, e) = assert_chunking_invariant(StreamParser::new, &input);
            assert_eq!(e.as_ref(), Some(&error), "{}", row.name);
        }
    }
}

/// A stanza that arrives whole is read in one pass by the tree builder; one
/// split anywhere is delimited by the scanner first. Both must accept and
/// refuse exactly the same tags: every edge of the tag grammar, whole and
/// split at every byte.
#[test]
fn tag_grammar_edges_are_judged_alike_whole_and_split() {
    let cases: &[(&str, bool)] = &[
        ("<a></a >", true),
        ("<a></a\t\r\n>", true),
        ("<a b = '1' c=\"2\" />", true),
        ("<a b='>'/>", true),
        ("<a><b></b ></a>", true),
        ("<a></ a>", false),
        ("<a b='1'c='2'/>", false),
        ("<a/ >", false),
        ("<a b='1' / >", false),
        ("<a b='1'/c='2'/>", false),
        ("<a b=\"1'/>", false),
        ("<a b='<'/>", false),
        ("<a b/>", false),
        ("<a b=/>", false),
        ("<a ='1'/>", false),
        ("< a/>", false),
        ("<a><!X></a>", false),
        ("<a><? x?></a>", false),
        ("<a b\"c='1'/>", false),
        ("<a\u{1}/>", false),
        ("<a b='1'\u{1}/>", false),
        ("<a></a b>", false),
        ("<a>&lt</a>", false),
        ("<a>]]></a>", false),
        ("<a b='&#0;'/>", false),
        ("<a xmlns:='u'/>", false),
    ];
    for (stanza, valid) in cases {
        let input = format!("{CLIENT_HEADER}{stanza}<presence/>");
        let (events, error) = assert_chunking_invariant(StreamParser::new, input.as_bytes());
        assert_eq!(error.is_none(), *valid, "{stanza}: {error:?}");
        if *valid {
            assert_eq!(events.len(), 3, "{stanza}");
        }
    }
}

#[test]
fn errors_say_where() {
    let input = format!("{CLIENT_HEADER}<message><body>ok</body></message><message>\u{1}</message>");
    let (events, error) = parse_stream(input.as_bytes());
    assert_eq!(events.len(), 2);
    let error = error.unwrap();
    assert_eq!(error.offset() as usize, input.find('\u{1}').unwrap());
    // After an error the parser keeps saying so.
    let mut p = StreamParser::new();
    p.feed(b"<stream:stream xmlns='jabber:client'><");
    let e1 = p.next_event().unwrap_err();
    p.feed(b"message/>");
    assert_eq!(p.next_event().unwrap_err(), e1);
}

/// Limits are enforced as bytes arrive: an oversized stanza fed in 64 KiB
/// chunks is refused before the parser holds much more than the limit.
#[test]
fn oversized_stanza_is_refused_while_reading() {
    let limits = Limits::default();
    let mut p = StreamParser::with_limits(limits);
    p.feed(CLIENT_HEADER.as_bytes());
    p.next_event().unwrap();
    p.feed(b"<message><body>");
    let chunk = vec![b'x'; 64 * 1024];
    let mut fed = 15;
    let error = loop {
        p.feed(&chunk);
        fed += chunk.len();
        match p.next_event() {
            Ok(None) => assert!(fed <= limits.max_stanza_bytes() + chunk.len(), "no error after {fed} bytes"),
            Ok(Some(e)) => panic!("unexpected event {e:?}"),
            Err(e) => break e,
        }
    };
    assert_eq!(error.kind(), &ErrorKind::LimitExceeded { limit: Limit::StanzaBytes, max: 256 * 1024 });
    assert_eq!(error.offset(), (CLIENT_HEADER.len() + 256 * 1024) as u64);
    assert!(p.buffered() <= limits.max_stanza_bytes() + chunk.len());
}

#[test]
fn stanza_at_the_limit_is_accepted_one_byte_more_is_not() {
    let stanza = |n: usize| format!("<message><body>{}</body></message>", "x".repeat(n - 32));
    let limits = Limits::default().with_max_stanza_bytes(1000);
    let (events, error) = parse_stream_with(format!("{CLIENT_HEADER}{}", stanza(1000)).as_bytes(), limits);
    assert_eq!((events.len(), error), (2, None));
    let (_, error) = parse_stream_with(format!("{CLIENT_HEADER}{}", stanza(1001)).as_bytes(), limits);
    assert!(matches!(error.unwrap().kind(), ErrorKind::LimitExceeded { limit: Limit::StanzaBytes, .. }));
}

#[test]
fn every_limit_has_a_setter_that_works() {
    let cases: [(Limits, &str, Limit); 5] = [
        (Limits::default().with_max_depth(2), "<a><b><c/></b></a>", Limit::Depth),
        (Limits::default().with_max_attributes(2), "<a x='1' y='2' z='3'/>", Limit::Attributes),
        (Limits::default().with_max_name_len(5), "<abcdef/>", Limit::NameLength),
        (Limits::default().with_max_name_len(5), "<a abcdef='1'/>", Limit::NameLength),
        (Limits::default().with_max_attribute_value_len(3), "<a x='abcd'/>", Limit::AttributeValueLength),
    ];
    for (limits, stanza, limit) in cases {
        let (_, error) = parse_stream_with(format!("{CLIENT_HEADER}{stanza}").as_bytes(), limits);
        let error = error.unwrap_or_else(|| panic!("{stanza}"));
        assert!(matches!(error.kind(), ErrorKind::LimitExceeded { limit: l, .. } if *l == limit), "{stanza}: {error}");
        assert_eq!(error.condition(), Condition::PolicyViolation);
    }
    let limits = Limits::default().with_max_header_bytes(100);
    let (_, error) = parse_stream_with(CLIENT_HEADER.as_bytes(), limits);
    assert!(matches!(error.unwrap().kind(), ErrorKind::LimitExceeded { limit: Limit::HeaderBytes, max: 100 }));
}

/// Multi-byte characters split across chunks are reassembled; an invalid
/// sequence is reported at its first byte whatever the chunking.
#[test]
fn utf8_split_across_chunks() {
    let input = format!("{CLIENT_HEADER}<message><body>\u{E9}\u{263A}\u{1F600}\u{10FFFF}</body></message>");
    let (events, error) = assert_chunking_invariant(StreamParser::new, input.as_bytes());
    assert_eq!(error, None);
    assert_eq!(elements(&events)[0].children().next().unwrap().text(), "\u{E9}\u{263A}\u{1F600}\u{10FFFF}");
    let bad = [CLIENT_HEADER.as_bytes(), b"<message><body>\xF0\x9F\x98</body></message>"].concat();
    let (_, error) = assert_chunking_invariant(StreamParser::new, &bad);
    let error = error.unwrap();
    assert_eq!(error.kind(), &ErrorKind::InvalidUtf8);
    assert_eq!(error.offset() as usize, CLIENT_HEADER.len() + 15);
}

#[test]
fn fragments_parse_with_the_client_namespace_and_the_stream_prefix() {
    let (events, error) = parse_fragment(
        b"<iq type='get' id='1'><query xmlns='jabber:iq:roster'/></iq>\n<stream:error>\
          <not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>",
    );
    assert_eq!(error, None);
    assert!(elements(&events)[0].is("iq", "jabber:client"));
    assert!(elements(&events)[1].is("error", "http://etherx.jabber.org/streams"));
    let (_, error) = parse_fragment(b"</stream:stream>");
    assert_eq!(error.unwrap().condition(), Condition::NotWellFormed);
}

#[test]
fn last_event_range_covers_the_stanza_bytes() {
    let input = format!("{CLIENT_HEADER}  <presence/><message>x</message>");
    let mut p = StreamParser::new();
    p.feed(input.as_bytes());
    p.next_event().unwrap();
    p.next_event().unwrap();
    let start = CLIENT_HEADER.len() as u64 + 2;
    assert_eq!(p.decoder().last_event_range(), start..start + 11);
    p.next_event().unwrap();
    assert_eq!(p.decoder().last_event_range(), start + 11..start + 31);
}
