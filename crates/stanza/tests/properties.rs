//! Properties of reading received stanzas liberally: whatever mix of valid
//! and malformed parts a stanza has, reading it never panics, and what the
//! model keeps survives serialize -> parse unchanged (the `malformed`
//! report describes the input, so it is left out of the comparison; for a
//! stanza without malformed parts the whole stanza is equal).

use jabber_stanza::Stanza;
use jabber_stream::Element;
use proptest::prelude::*;

const STANZAS: &str = "urn:ietf:params:xml:ns:xmpp-stanzas";

fn without_report(mut stanza: Stanza) -> Stanza {
    stanza.take_malformed();
    stanza
}

/// Attributes, valid and not.
fn attribute() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        " to='a@b'",
        " to='a@@b'",
        " from='x@y/\u{1F916}'",
        " from='x@@y'",
        " xml:lang='en'",
        " xml:lang='EN'",
        " id='i'",
        " foo='bar'",
    ])
}

/// Children, valid and not: duplicates, bad values, languages, errors of
/// every legacy and malformed shape, extensions, stray text.
fn child() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "<body>hi</body>".to_owned(),
        "<body xml:lang='en'>en</body>".to_owned(),
        "<body xml:lang='EN'>EN</body>".to_owned(),
        "<body>x<b/></body>".to_owned(),
        "<subject>s</subject>".to_owned(),
        "<thread>t</thread>".to_owned(),
        "<thread parent='p'>t2<x/></thread>".to_owned(),
        "<show>away</show>".to_owned(),
        "<show>bogus</show>".to_owned(),
        "<priority>5</priority>".to_owned(),
        "<priority>999</priority>".to_owned(),
        "<priority>0</priority>".to_owned(),
        "<status>st</status>".to_owned(),
        "<status xml:lang='en'>st-en</status>".to_owned(),
        "<x xmlns='urn:x'/>".to_owned(),
        "<ping xmlns='urn:xmpp:ping'/>".to_owned(),
        "text".to_owned(),
        "<foo/>".to_owned(),
        format!("<error type='cancel'><item-not-found xmlns='{STANZAS}'/></error>"),
        format!("<error type='wait'><resource-constraint xmlns='{STANZAS}'/><text xmlns='{STANZAS}'>t</text></error>"),
        "<error code='404'/>".to_owned(),
        "<error/>".to_owned(),
        "<error code='500'>Internal</error>".to_owned(),
        format!("<error type='modify'><bad-request xmlns='{STANZAS}'/><gone xmlns='{STANZAS}'/></error>"),
        format!("<error type='auth'><forbidden xmlns='{STANZAS}'/><x xmlns='urn:x'/><y xmlns='urn:y'/></error>"),
        format!("<error type='cancel' by='a@@b'><conflict xmlns='{STANZAS}'/></error>"),
        format!("<error type='cancel'><payment-required xmlns='{STANZAS}'/></error>"),
        format!(
            "<error type='cancel'><gone xmlns='{STANZAS}'>xmpp:a@b</gone><text xmlns='{STANZAS}' xml:lang='en'>a</text>\
             <text xmlns='{STANZAS}'>b</text></error>"
        ),
    ])
}

fn stanza() -> impl Strategy<Value = String> {
    let kind = prop::sample::select(vec![
        ("message", ""),
        ("message", " type='error'"),
        ("message", " type='chat'"),
        ("message", " type='bogus'"),
        ("presence", ""),
        ("presence", " type='error'"),
        ("presence", " type='unavailable'"),
        ("iq", " type='get' id='q'"),
        ("iq", " type='result' id='q'"),
        ("iq", " type='error' id='q'"),
    ]);
    (kind, prop::collection::vec(attribute(), 0..3), prop::collection::vec(child(), 0..6)).prop_map(
        |((name, kind), attributes, children)| {
            let mut seen = Vec::new();
            let attributes: String = attributes
                .into_iter()
                .filter(|a| {
                    let key = a.split('=').next().unwrap_or_default();
                    let fresh = !(seen.contains(&key) || (key == " id" && name == "iq"));
                    seen.push(key);
                    fresh
                })
                .collect();
            format!("<{name} xmlns='jabber:client'{kind}{attributes}>{}</{name}>", children.concat())
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn the_model_survives_a_round_trip(xml in stanza()) {
        let element: Element = xml.parse().expect("well-formed");
        if let Ok(first) = Stanza::parse(&element) {
            let again = Stanza::parse(&first.to_element()).expect("what we write reads again");
            if first.malformed().is_empty() {
                prop_assert_eq!(&again, &first, "{}", xml);
            }
            prop_assert_eq!(without_report(again), without_report(first), "{}", xml);
        }
    }
}
