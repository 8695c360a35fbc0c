//! Shared by the targets: feeding input in chunks chosen by the fuzzer.

use jabber_stream::{Error, StreamEvent, StreamParser};

/// Splits the fuzz input into chunk sizes (from the first 8 bytes) and the
/// stream bytes (the rest).
pub fn split(data: &[u8]) -> (Vec<usize>, &[u8]) {
    let n = data.len().min(8);
    let sizes = data[..n].iter().map(|&b| usize::from(b % 64) + 1).collect();
    (sizes, &data[n..])
}

/// The pieces of `input`, their sizes cycling through `sizes` (one piece if
/// `sizes` is empty).
pub fn pieces<'a>(input: &'a [u8], sizes: &'a [usize]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut pos = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        if pos >= input.len() {
            return None;
        }
        let size = if sizes.is_empty() { input.len() } else { sizes[i % sizes.len()] };
        i += 1;
        let start = pos;
        pos = (pos + size).min(input.len());
        Some(&input[start..pos])
    })
}

/// Feeds `input` to `parser` in chunks cycling through `sizes`; returns the
/// events and the first error.
#[allow(dead_code)] // not every target uses it
pub fn run(mut parser: StreamParser, input: &[u8], sizes: &[usize]) -> (Vec<StreamEvent>, Option<Error>) {
    let mut events = Vec::new();
    for piece in pieces(input, sizes) {
        parser.feed(piece);
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

/// A session machine's events after the end of input: `Closed` comes once,
/// last, however the input ended.
#[allow(dead_code)] // not every target uses it
pub fn assert_closed_once<E: PartialEq + std::fmt::Debug>(events: &[E], closed: &E, is_failed: impl Fn(&E) -> bool) {
    assert_eq!(events.last(), Some(closed), "the machine always ends closed: {events:?}");
    assert_eq!(events.iter().filter(|e| *e == closed).count(), 1);
    assert!(events.iter().filter(|e| is_failed(e)).count() <= 1, "at most one failure: {events:?}");
}
