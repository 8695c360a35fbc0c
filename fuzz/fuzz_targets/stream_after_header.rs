//! Arbitrary bytes after a valid stream header (so the fuzzer spends its
//! time inside stanzas), in arbitrary chunks: chunking never changes the
//! outcome, and every element re-serializes and reparses equal.
#![no_main]

use jabber_stream::{Element, StreamEvent, StreamParser, StreamWriter};
use libfuzzer_sys::fuzz_target;

mod common;

const HEADER: &[u8] = b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' \
    xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' to='example.com' version='1.0'>";

fuzz_target!(|data: &[u8]| {
    let (sizes, tail) = common::split(data);
    let input = [HEADER, tail].concat();
    let whole = common::run(StreamParser::new(), &input, &[]);
    let chunked = common::run(StreamParser::new(), &input, &sizes);
    assert_eq!(whole, chunked);
    for event in &whole.0 {
        if let StreamEvent::Element(e) = event {
            let bytes = e.to_bytes().expect("a parsed element serializes");
            assert_eq!(&Element::from_bytes(&bytes).expect("and reparses"), e);
            let mut out = Vec::new();
            let mut writer = StreamWriter::new();
            if let StreamEvent::Header(h) = &whole.0[0] {
                writer.header(h, &mut out).expect("a parsed header serializes");
            }
            writer.element(e, &mut out).expect("in the stream context too");
        }
    }
});
