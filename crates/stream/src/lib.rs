//! XML streams for XMPP: the element tree, the incremental stream parser
//! and the writer, strict about the XML that RFC 6120 allows and bounded in
//! memory. No I/O: bytes in, events out; elements in, bytes out.
//!
//! - [`Element`]: an XML element with resolved namespaces; builders,
//!   accessors, parsing ([`Element::from_bytes`], `str::parse`) and
//!   serialization ([`Element::write_to`], `Display`).
//! - [`StreamParser`] / [`StreamDecoder`]: fed bytes in chunks of any
//!   size, they return [`StreamEvent`]s: the stream [`header`](StreamHeader),
//!   each complete first-level element, the close. Incomplete input is
//!   `Ok(None)`; bad input is an [`Error`] with a byte offset and the RFC
//!   6120 §4.9.3 stream error [`Condition`] to answer it with.
//! - [`StreamWriter`]: writes the header, elements in the stream's namespace
//!   context, and the close.
//! - With the default `codec` feature, `tokio_util::codec` `Decoder` and
//!   `Encoder` implementations over `BytesMut` ([`XmppCodec`]).
//!
//! # Strictness (RFC 6120 §11)
//!
//! Rejected with the condition the RFC names: comments, processing
//! instructions (the XML declaration is allowed at the start of a stream
//! and must say version 1.0 and, if it names one, encoding UTF-8), DTDs,
//! entity references other than the five predefined ones (`restricted-xml`);
//! invalid UTF-8, characters XML does not allow (also as character
//! references), malformed names, duplicate attributes, mismatched end tags,
//! namespace misuse and unbound prefixes (RFC 6120 §4.9.3.13), anything
//! after `</stream:stream>`, any character before the header, U+FEFF
//! included (RFC 6120 §11.6: never a byte order mark) (`not-well-formed`);
//! prefixes for the `jabber:client` or `jabber:server` namespace (RFC 6120
//! §4.8.5) (`bad-namespace-prefix`); text between stanzas (`bad-format`); a wrong
//! stream or content namespace (`invalid-namespace`); exceeded [`Limits`]
//! (`policy-violation`).
//!
//! Both namespace styles of RFC 6120 §4.8.2 are accepted: a header that
//! declares the content namespace as its default, and "prefix-free
//! canonicalization", where the header declares none
//! ([`StreamHeader::content_ns`] is `None`) and each stanza declares its own.
//!
//! # Cost and memory
//!
//! Feeding a stanza one byte at a time costs about what feeding it at once
//! does: a stanza that arrives whole is read by quick-xml in one pass; an
//! incomplete one is scanned once, as it arrives, by a resumable state
//! machine, and read by quick-xml once it is complete. Limits are enforced
//! as bytes arrive: a parser never holds more than the stanza limit of an
//! incomplete stanza.
//!
//! # Example
//!
//! ```
//! use jabber_stream::{Condition, Element, StreamEvent, StreamParser, StreamWriter};
//!
//! let input = "<?xml version='1.0'?><stream:stream to='example.com' xmlns='jabber:client' \
//!     xmlns:stream='http://etherx.jabber.org/streams' version='1.0'><presence/><!-- hi -->";
//! let mut parser = StreamParser::new();
//! parser.feed(input.as_bytes());
//! let Some(StreamEvent::Header(header)) = parser.next_event()? else { panic!() };
//! assert_eq!(header.to.unwrap().as_str(), "example.com");
//! let Some(StreamEvent::Element(presence)) = parser.next_event()? else { panic!() };
//! assert!(presence.is("presence", "jabber:client"));
//!
//! // Comments are restricted XML (RFC 6120 §11.1): the error says where.
//! let error = parser.next_event().unwrap_err();
//! assert_eq!(error.condition(), Condition::RestrictedXml);
//! assert_eq!(error.offset(), input.find("<!--").unwrap() as u64);
//!
//! // Writing: elements in the stream's namespace need no declaration.
//! let mut out = Vec::new();
//! let mut writer = StreamWriter::new();
//! writer.header(&header_for_reply(), &mut out)?;
//! writer.element(&Element::builder("presence", "jabber:client").build(), &mut out)?;
//! assert!(out.ends_with(b"<presence/>"));
//! # fn header_for_reply() -> jabber_stream::StreamHeader {
//! #     jabber_stream::StreamHeader::new(jabber_stream::ContentNamespace::Client)
//! # }
//! # Ok::<(), jabber_stream::Error>(())
//! ```

#![forbid(unsafe_code)]

mod chars;
#[cfg(feature = "codec")]
mod codec;
mod condition;
mod decoder;
mod element;
mod error;
mod header;
mod limits;
mod names;
pub mod ns;
mod parse;
mod parser;
mod scanner;
mod serialize;
mod tree;
mod writer;
mod xml_str;

#[cfg(feature = "codec")]
pub use codec::{CodecError, XmppCodec};
pub use condition::{Condition, UnknownCondition};
pub use decoder::{StreamDecoder, StreamEvent};
pub use element::{Attribute, Element, ElementBuilder, Node};
pub use error::{Error, ErrorKind};
pub use header::{ContentNamespace, InvalidVersion, StreamHeader, Version};
pub use limits::{Limit, Limits};
pub use parser::StreamParser;
pub use serialize::Output;
pub use writer::StreamWriter;
pub use xml_str::XmlStr;
