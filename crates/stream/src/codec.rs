//! `tokio_util::codec` implementations (feature `codec`, on by default).
//!
//! [`StreamDecoder`] is a [`Decoder`] of [`StreamEvent`]s and
//! [`StreamWriter`] an [`Encoder`] of elements and events; [`XmppCodec`]
//! is both, for `Framed`. None of them holds an I/O object: they work over
//! `BytesMut` only.

use bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder};

use crate::decoder::{StreamDecoder, StreamEvent};
use crate::element::Element;
use crate::error::Error;
use crate::limits::Limits;
use crate::writer::StreamWriter;

/// The error of the codecs: the transport's, or the stream's.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CodecError {
    /// Reading or writing the transport failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The stream is not valid XMPP (or an element cannot be serialized).
    #[error(transparent)]
    Stream(#[from] Error),
}

impl Decoder for StreamDecoder {
    type Item = StreamEvent;
    type Error = CodecError;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<StreamEvent>, CodecError> {
        Ok(StreamDecoder::decode(self, src)?)
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<StreamEvent>, CodecError> {
        Ok(StreamDecoder::decode_eof(self, src)?)
    }
}

impl Encoder<&Element> for StreamWriter {
    type Error = CodecError;

    fn encode(&mut self, element: &Element, dst: &mut BytesMut) -> Result<(), CodecError> {
        Ok(self.element(element, dst)?)
    }
}

impl Encoder<Element> for StreamWriter {
    type Error = CodecError;

    fn encode(&mut self, element: Element, dst: &mut BytesMut) -> Result<(), CodecError> {
        Ok(self.element(&element, dst)?)
    }
}

impl Encoder<&StreamEvent> for StreamWriter {
    type Error = CodecError;

    /// A header opens a stream, an element is written in its context, a
    /// close ends it.
    fn encode(&mut self, event: &StreamEvent, dst: &mut BytesMut) -> Result<(), CodecError> {
        match event {
            StreamEvent::Header(header) => self.header(header, dst)?,
            StreamEvent::Element(element) => self.element(element, dst)?,
            StreamEvent::Close => self.close(dst),
        }
        Ok(())
    }
}

impl Encoder<StreamEvent> for StreamWriter {
    type Error = CodecError;

    fn encode(&mut self, event: StreamEvent, dst: &mut BytesMut) -> Result<(), CodecError> {
        self.encode(&event, dst)
    }
}

/// Both directions of a stream in one codec, for `tokio_util::codec::Framed`:
/// decodes [`StreamEvent`]s, encodes [`StreamEvent`]s and [`Element`]s.
#[derive(Debug, Default)]
pub struct XmppCodec {
    /// The decoder of incoming bytes.
    pub decoder: StreamDecoder,
    /// The writer of outgoing events.
    pub writer: StreamWriter,
}

impl XmppCodec {
    /// A codec with default limits that writes the XML declaration.
    pub fn new() -> Self {
        Self::default()
    }

    /// A codec whose decoder has these limits.
    pub fn with_limits(limits: Limits) -> Self {
        XmppCodec { decoder: StreamDecoder::with_limits(limits), writer: StreamWriter::new() }
    }
}

impl Decoder for XmppCodec {
    type Item = StreamEvent;
    type Error = CodecError;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<StreamEvent>, CodecError> {
        Decoder::decode(&mut self.decoder, src)
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<StreamEvent>, CodecError> {
        Decoder::decode_eof(&mut self.decoder, src)
    }
}

impl<T> Encoder<T> for XmppCodec
where
    StreamWriter: Encoder<T, Error = CodecError>,
{
    type Error = CodecError;

    fn encode(&mut self, item: T, dst: &mut BytesMut) -> Result<(), CodecError> {
        self.writer.encode(item, dst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::{ContentNamespace, StreamHeader};

    #[test]
    fn codec_round_trip_over_bytes_mut() {
        let mut codec = XmppCodec::new();
        let mut wire = BytesMut::new();
        let header = StreamHeader::new(ContentNamespace::Client).with_to("example.com".parse().unwrap());
        codec.encode(StreamEvent::Header(Box::new(header.clone())), &mut wire).unwrap();
        let message = Element::builder("message", "jabber:client").attr("to", "a@example.com").build();
        codec.encode(&message, &mut wire).unwrap();
        codec.encode(StreamEvent::Close, &mut wire).unwrap();

        let mut events = Vec::new();
        while let Some(event) = Decoder::decode(&mut codec, &mut wire).unwrap() {
            events.push(event);
        }
        assert_eq!(events, [StreamEvent::Header(Box::new(header)), StreamEvent::Element(message), StreamEvent::Close]);
        assert!(wire.is_empty());
        assert!(Decoder::decode_eof(&mut codec, &mut wire).unwrap().is_none());
    }

    #[test]
    fn eof_inside_a_stanza_is_an_error() {
        let mut d = StreamDecoder::fragment(ContentNamespace::Client, Limits::default());
        let mut wire = BytesMut::from(&b"<message><bo"[..]);
        assert!(Decoder::decode(&mut d, &mut wire).unwrap().is_none());
        let err = Decoder::decode_eof(&mut d, &mut wire).unwrap_err();
        assert!(matches!(err, CodecError::Stream(e) if *e.kind() == crate::ErrorKind::UnexpectedEof));
    }
}
