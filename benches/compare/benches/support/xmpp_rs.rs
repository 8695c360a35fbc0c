//! xmpp-rs's parsing stack as tokio-xmpp drives it: rxml's `RawParser`
//! feeding minidom's `TreeBuilder`, one element tree per first-level
//! element. Shared by the `stream` and `stanza` benchmarks.

use rxml::{Parse, RawParser, error::EndOrError};
use xmpp_parsers::minidom;

/// Parses `input` fed in `chunk`-byte pieces and hands every first-level
/// element to `each`; returns how many there were.
pub(crate) fn elements(input: &[u8], chunk: usize, mut each: impl FnMut(minidom::Element)) -> usize {
    let mut parser = RawParser::new();
    let mut tree = minidom::tree_builder::TreeBuilder::new();
    let mut elements = 0;
    for piece in input.chunks(chunk) {
        let mut buf = piece;
        loop {
            match parser.parse(&mut buf, false) {
                Ok(Some(event)) => {
                    tree.process_event(event).unwrap();
                    if tree.depth() == 1
                        && let Some(e) = tree.unshift_child()
                    {
                        each(e);
                        elements += 1;
                    }
                }
                Ok(None) | Err(EndOrError::NeedMoreData) => break,
                Err(EndOrError::Error(e)) => panic!("{e}"),
            }
        }
    }
    elements
}
