//! Inputs the fuzzers (`fuzz/fuzz_targets/stream*.rs`) found, as named tests.

mod common;

use common::assert_chunking_invariant;
use jabber_stream::{ErrorKind, StreamParser};

/// `FE FF` is a UTF-16 byte order mark; with only `FE` received the parser
/// must wait rather than call the byte unexpected.
#[test]
fn utf16_bom_split_after_first_byte() {
    let (_, error) = assert_chunking_invariant(StreamParser::new, b"\xfe\xff\xff\xff\xe2\n");
    assert_eq!(error.unwrap().kind(), &ErrorKind::UnsupportedEncoding("UTF-16".into()));
    let (_, error) = assert_chunking_invariant(StreamParser::new, b"\xff\xfe<\x00");
    assert_eq!(error.unwrap().kind(), &ErrorKind::UnsupportedEncoding("UTF-16".into()));
}
