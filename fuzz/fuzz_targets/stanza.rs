//! Arbitrary elements (from the stream parser, in `jabber:client`) ->
//! Stanza -> Element -> Stanza: equal, never a panic.
#![no_main]

use jabber_stanza::Stanza;
use jabber_stream::{ContentNamespace, Limits, StreamEvent, StreamParser};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parser = StreamParser::fragment(ContentNamespace::Client, Limits::default());
    parser.feed(data);
    while let Ok(Some(StreamEvent::Element(element))) = parser.next_event() {
        if let Ok(stanza) = Stanza::parse(&element) {
            let back = stanza.to_element();
            let again = Stanza::parse(&back).expect("a serialized stanza reparses");
            assert_eq!(again, stanza);
            let _ = stanza.error_reply(jabber_stanza::StanzaError::new(jabber_stanza::DefinedCondition::BadRequest));
        }
    }
});
