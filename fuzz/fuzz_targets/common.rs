//! Shared by the stream targets: feeding input in chunks chosen by the fuzzer.

use jabber_stream::{Error, StreamEvent, StreamParser};

/// Splits the fuzz input into chunk sizes (from the first 8 bytes) and the
/// stream bytes (the rest).
pub fn split(data: &[u8]) -> (Vec<usize>, &[u8]) {
    let n = data.len().min(8);
    let sizes = data[..n].iter().map(|&b| usize::from(b % 64) + 1).collect();
    (sizes, &data[n..])
}

/// Feeds `input` to `parser` in chunks cycling through `sizes`; returns the
/// events and the first error.
#[allow(dead_code)] // not every target uses it
pub fn run(mut parser: StreamParser, input: &[u8], sizes: &[usize]) -> (Vec<StreamEvent>, Option<Error>) {
    let mut events = Vec::new();
    let mut pos = 0;
    let mut i = 0;
    while pos < input.len() {
        let size = if sizes.is_empty() { input.len() } else { sizes[i % sizes.len()] };
        i += 1;
        let end = (pos + size).min(input.len());
        parser.feed(&input[pos..end]);
        pos = end;
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
