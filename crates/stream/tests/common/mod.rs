//! Helpers shared by the integration tests.
#![allow(dead_code)]

use jabber_stream::{ContentNamespace, Error, Limits, StreamEvent, StreamParser};

/// The outcome of parsing a whole input: the events, then the error if any.
pub(crate) type Outcome = (Vec<StreamEvent>, Option<Error>);

/// Parses `input` fed in the given pieces (lengths), draining events after
/// each piece; stops at the first error.
pub(crate) fn parse_in_pieces(mut parser: StreamParser, input: &[u8], cuts: &[usize]) -> Outcome {
    let mut events = Vec::new();
    let mut start = 0;
    let mut ends: Vec<usize> = cuts.iter().copied().filter(|&c| c > 0 && c < input.len()).collect();
    ends.sort_unstable();
    ends.dedup();
    ends.push(input.len());
    for end in ends {
        parser.feed(&input[start..end]);
        start = end;
        loop {
            match parser.next_event() {
                Ok(Some(event)) => events.push(event),
                Ok(None) => break,
                Err(e) => return (events, Some(e)),
            }
        }
    }
    (events, None)
}

/// Parses a stream fed at once.
pub(crate) fn parse_stream(input: &[u8]) -> Outcome {
    parse_in_pieces(StreamParser::new(), input, &[])
}

/// Parses a stream with limits, fed at once.
pub(crate) fn parse_stream_with(input: &[u8], limits: Limits) -> Outcome {
    parse_in_pieces(StreamParser::with_limits(limits), input, &[])
}

/// Parses a `jabber:client` fragment fed at once.
pub(crate) fn parse_fragment(input: &[u8]) -> Outcome {
    parse_in_pieces(StreamParser::fragment(ContentNamespace::Client, Limits::default()), input, &[])
}

/// Asserts that splitting `input` at every byte (into two pieces) and
/// feeding it one byte at a time give the same outcome as feeding it at once.
pub(crate) fn assert_chunking_invariant(make: impl Fn() -> StreamParser, input: &[u8]) -> Outcome {
    let whole = parse_in_pieces(make(), input, &[]);
    for cut in 1..input.len() {
        assert_eq!(
            parse_in_pieces(make(), input, &[cut]),
            whole,
            "split at {cut} of {}",
            String::from_utf8_lossy(input)
        );
    }
    let every: Vec<usize> = (1..input.len()).collect();
    assert_eq!(parse_in_pieces(make(), input, &every), whole, "byte at a time");
    whole
}

/// The stream header every test stream starts with.
pub(crate) const CLIENT_HEADER: &str = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' \
     xmlns:stream='http://etherx.jabber.org/streams' to='im.example.com' version='1.0'>";
