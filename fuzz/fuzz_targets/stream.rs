//! Arbitrary bytes fed in arbitrary chunks: never a panic, and the events
//! and the error are the same as when the bytes come at once.
#![no_main]

use jabber_stream::StreamParser;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let (sizes, input) = common::split(data);
    let whole = common::run(StreamParser::new(), input, &[]);
    let chunked = common::run(StreamParser::new(), input, &sizes);
    assert_eq!(whole, chunked);
});
