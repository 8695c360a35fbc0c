//! [`StreamParser`]: the decoder with a buffer of its own.

use bytes::BytesMut;

use crate::decoder::{StreamDecoder, StreamEvent};
use crate::error::Error;
use crate::header::ContentNamespace;
use crate::limits::Limits;

/// A sans-I/O XMPP stream parser that owns its buffer: feed it bytes as they
/// arrive, in chunks of any size, and take events out.
///
/// ```
/// use jabber_stream::{StreamEvent, StreamParser};
/// let mut parser = StreamParser::new();
/// parser.feed(b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' \
///               from='example.com' id='x1' version='1.0'><message to='juliet@example.com'><bo");
/// assert!(matches!(parser.next_event()?, Some(StreamEvent::Header(h)) if h.id.as_deref() == Some("x1")));
/// assert_eq!(parser.next_event()?, None); // the message is not complete yet
/// parser.feed(b"dy>Wherefore art thou?</body></message>");
/// let Some(StreamEvent::Element(message)) = parser.next_event()? else { panic!() };
/// assert_eq!(message.get_child("body", "jabber:client").unwrap().text(), "Wherefore art thou?");
/// # Ok::<(), jabber_stream::Error>(())
/// ```
///
/// Call [`next_event`](StreamParser::next_event) until it returns `Ok(None)`
/// after each [`feed`](StreamParser::feed): the parser holds what it was fed
/// until events are taken out, and only a stanza still incomplete is bounded
/// by the [`Limits`].
#[derive(Debug, Default)]
pub struct StreamParser {
    decoder: StreamDecoder,
    buf: BytesMut,
}

impl StreamParser {
    /// A parser for a stream that starts with a header, with default limits.
    pub fn new() -> Self {
        Self::default()
    }

    /// A parser with these limits.
    pub fn with_limits(limits: Limits) -> Self {
        StreamParser { decoder: StreamDecoder::with_limits(limits), buf: BytesMut::new() }
    }

    /// A parser for a fragment: first-level elements without a header; see
    /// [`StreamDecoder::fragment`].
    pub fn fragment(content_ns: ContentNamespace, limits: Limits) -> Self {
        StreamParser { decoder: StreamDecoder::fragment(content_ns, limits), buf: BytesMut::new() }
    }

    /// Appends received bytes.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next event, `Ok(None)` if the bytes fed so far hold none.
    pub fn next_event(&mut self) -> Result<Option<StreamEvent>, Error> {
        self.decoder.decode(&mut self.buf)
    }

    /// Declares the end of the input: `Ok(None)` if nothing unfinished
    /// remains, an [`ErrorKind::UnexpectedEof`](crate::ErrorKind::UnexpectedEof)
    /// error otherwise. (The stream may still be open: whether a peer that
    /// disconnects without `</stream:stream>` is an error is the caller's call.)
    pub fn finish(&mut self) -> Result<Option<StreamEvent>, Error> {
        self.decoder.decode_eof(&mut self.buf)
    }

    /// Restarts the stream, keeping bytes already fed after the last event;
    /// see [`StreamDecoder::reset`].
    pub fn reset(&mut self) {
        self.decoder.reset();
    }

    /// Restarts the stream and drops bytes already fed after the last event.
    /// After STARTTLS, RFC 6120 §5.4.3.3 has the parties start over on the
    /// TLS layer: plaintext bytes that followed `<proceed/>` are not part of
    /// the new stream.
    pub fn reset_discarding(&mut self) {
        self.buf.clear();
        self.decoder.reset();
    }

    /// Bytes fed but not yet consumed by events.
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// The underlying decoder (offsets, whitespace count, limits).
    pub fn decoder(&self) -> &StreamDecoder {
        &self.decoder
    }

    /// Gives back the buffer's memory. The buffer otherwise keeps the
    /// largest size it ever needed (at most the stanza limit plus one read),
    /// so a long-lived parser that once received a large stanza may call
    /// this when idle. The unconsumed bytes, if any, are kept.
    pub fn release_memory(&mut self) {
        self.buf = BytesMut::from(&self.buf[..]);
    }
}
