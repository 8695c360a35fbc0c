//! The sans-I/O stream decoder: bytes in, [`StreamEvent`]s out.

use std::ops::Range;

use bytes::{Buf, BytesMut};

use crate::element::Element;
use crate::error::{Error, ErrorKind};
use crate::header::{ContentNamespace, StreamHeader};
use crate::limits::{Limit, Limits};
use crate::ns;
use crate::scanner::{Mode, Scan, Scanner, is_space, unexpected};
use crate::tree::{Bindings, TreeBuilder, check_text};
use crate::xml_str::XmlStr;

/// What an XML stream delivers, RFC 6120 §4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamEvent {
    /// The stream header (`<stream:stream ...>`), at the start and after
    /// every restart. (Boxed: it comes once per stream, and a small event
    /// keeps every call that returns one cheap.)
    Header(Box<StreamHeader>),
    /// One complete first-level element: a stanza or a stream-level element
    /// such as `<stream:features/>`.
    Element(Element),
    /// The end of the stream (`</stream:stream>`).
    Close,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before the stream header: XML declaration, whitespace.
    Prolog(Start),
    /// Between first-level elements of a stream.
    Stream,
    /// After `</stream:stream>`: only whitespace may follow.
    Closed,
    /// Between the top-level elements of a fragment (no header, no close).
    Fragment,
}

/// How far into a document's prolog the decoder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// Nothing consumed: the XML declaration may come.
    Fresh,
    /// After whitespace or the declaration.
    Later,
}

/// What `dispatch` found between units.
enum Dispatch {
    /// A unit starts here.
    Unit(UnitKind, Scanner),
    /// More bytes are needed to tell.
    NeedMore,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Declaration,
    Header,
    Element,
    Close,
}

/// The incremental, strict and bounded XMPP stream decoder.
///
/// Feed it the bytes received so far; it returns the next [`StreamEvent`]
/// once the bytes hold a complete one, `Ok(None)` while they do not (that is
/// never an error), and an [`Error`] as soon as the bytes can never become a
/// valid stream. After an error it keeps returning that error.
///
/// Cost is linear in the input however it is chunked: a stanza whose bytes
/// are all there is read in one pass; one that is not yet complete (after
/// at most one attempt over the bytes at hand) is scanned once, as it
/// arrives, never again from its start, and read when complete. Both ways
/// give the same events and errors. Memory is bounded by the [`Limits`]:
/// the decoder refuses a stanza the moment it grows past
/// `max_stanza_bytes`.
///
/// Whitespace between first-level elements (keepalives, RFC 6120 §4.6.1) is
/// consumed without an event and counted in
/// [`whitespace_bytes`](StreamDecoder::whitespace_bytes).
///
/// Two ways to feed it:
/// - [`decode`](StreamDecoder::decode) works on a `BytesMut` and removes
///   what it consumed (this is also the `tokio_util` `Decoder`);
/// - [`decode_slice`](StreamDecoder::decode_slice) works on any byte slice
///   and says how many bytes it consumed.
///
/// [`StreamParser`](crate::StreamParser) wraps it with a buffer of its own.
#[derive(Debug)]
pub struct StreamDecoder {
    limits: Limits,
    phase: Phase,
    fragment: bool,
    unit: Option<(UnitKind, Scanner)>,
    /// Stream offset of the first byte not yet consumed.
    offset: u64,
    /// The namespaces in scope for first-level elements.
    bindings: Bindings,
    /// The qualified name of the stream root, which the close must match.
    root_qname: String,
    /// Bytes of the current prolog, for the header size limit.
    prolog_bytes: usize,
    /// The header was an empty-element tag: a `Close` follows.
    close_pending: bool,
    builder: TreeBuilder,
    whitespace: u64,
    last_event: Range<u64>,
    failed: Option<Error>,
}

impl Default for StreamDecoder {
    fn default() -> Self {
        Self::new()
    }
}

impl StreamDecoder {
    /// A decoder for a stream that starts with a stream header, with the
    /// default [`Limits`].
    pub fn new() -> Self {
        Self::with_limits(Limits::default())
    }

    /// A decoder for a stream with these limits.
    pub fn with_limits(limits: Limits) -> Self {
        StreamDecoder {
            limits,
            phase: Phase::Prolog(Start::Fresh),
            fragment: false,
            unit: None,
            offset: 0,
            bindings: Bindings::default(),
            root_qname: String::new(),
            prolog_bytes: 0,
            close_pending: false,
            builder: TreeBuilder::default(),
            whitespace: 0,
            last_event: 0..0,
            failed: None,
        }
    }

    /// A decoder for a fragment: a sequence of first-level elements without
    /// a stream header, as if inside a stream whose content namespace is
    /// `content_ns` and where the `stream` prefix is bound. Spec examples
    /// are fragments.
    pub fn fragment(content_ns: ContentNamespace, limits: Limits) -> Self {
        let mut decoder = Self::with_limits(limits);
        decoder.fragment = true;
        decoder.phase = Phase::Fragment;
        decoder.bindings = Bindings {
            default_ns: XmlStr::from(content_ns.as_str()),
            prefixes: vec![(XmlStr::from("stream"), XmlStr::from(ns::STREAM))],
        };
        decoder
    }

    /// A fragment decoder with no namespace in scope (for parsing a lone element).
    pub(crate) fn bare_fragment(limits: Limits) -> Self {
        let mut decoder = Self::with_limits(limits);
        decoder.fragment = true;
        decoder.phase = Phase::Fragment;
        decoder
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Restarts the stream (RFC 6120 §4.3.3: after STARTTLS and after SASL
    /// success): the decoder expects a new stream header next.
    ///
    /// Call it right after the event that triggers the restart (`<proceed/>`
    /// or `<success/>`). Bytes already received after that element are kept
    /// and parsed as the start of the new stream: the decoder never reads
    /// past the event it returns. (After STARTTLS, bytes received before the
    /// TLS handshake must not be trusted; discarding them is the caller's
    /// decision, see [`StreamParser::reset_discarding`](crate::StreamParser::reset_discarding).)
    pub fn reset(&mut self) {
        self.unit = None;
        self.close_pending = false;
        self.prolog_bytes = 0;
        self.root_qname.clear();
        if self.fragment {
            self.phase = Phase::Fragment;
        } else {
            self.phase = Phase::Prolog(Start::Fresh);
            self.bindings = Bindings::default();
        }
    }

    /// Bytes of whitespace seen between first-level elements (keepalives).
    pub fn whitespace_bytes(&self) -> u64 {
        self.whitespace
    }

    /// The stream offset of the next byte the decoder will consume.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Where the bytes of the last event lie in the stream (for a header,
    /// the start tag; the XML declaration and whitespace are not included).
    pub fn last_event_range(&self) -> Range<u64> {
        self.last_event.clone()
    }

    /// Whether the stream has been closed by `</stream:stream>`.
    pub fn is_closed(&self) -> bool {
        self.phase == Phase::Closed
    }

    /// Decodes the next event from `buf`, removing the bytes it consumed.
    pub fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<StreamEvent>, Error> {
        let (consumed, event) = self.decode_slice(buf)?;
        buf.advance(consumed);
        Ok(event)
    }

    /// Decodes the next event from `buf`. Returns how many bytes of `buf` it
    /// consumed (the caller must drop them before the next call and pass
    /// the rest again, followed by new bytes) and the event, if complete.
    pub fn decode_slice(&mut self, buf: &[u8]) -> Result<(usize, Option<StreamEvent>), Error> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        let base = self.offset;
        let result = self.decode_inner(buf);
        match result {
            Ok(event) => Ok(((self.offset - base) as usize, event)),
            Err(e) => {
                self.failed = Some(e.clone());
                Err(e)
            }
        }
    }

    /// Like [`decode`](StreamDecoder::decode), when no more bytes will come:
    /// an unfinished unit is an [`ErrorKind::UnexpectedEof`] error.
    pub fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<StreamEvent>, Error> {
        if let Some(event) = self.decode(buf)? {
            return Ok(Some(event));
        }
        if buf.is_empty() {
            Ok(None)
        } else {
            let e = Error::new(ErrorKind::UnexpectedEof, self.offset + buf.len() as u64);
            self.failed = Some(e.clone());
            Err(e)
        }
    }

    fn decode_inner(&mut self, buf: &[u8]) -> Result<Option<StreamEvent>, Error> {
        let start = self.offset;
        loop {
            if self.close_pending {
                self.close_pending = false;
                self.phase = Phase::Closed;
                self.last_event = self.offset..self.offset;
                return Ok(Some(StreamEvent::Close));
            }
            let pos = (self.offset - start) as usize;
            let rest = &buf[pos..];
            if let Some((kind, scanner)) = &mut self.unit {
                let (max, limit) = match kind {
                    UnitKind::Element => (self.limits.max_stanza_bytes(), Limit::StanzaBytes),
                    UnitKind::Close => (self.limits.max_name_len() + 64, Limit::NameLength),
                    UnitKind::Header | UnitKind::Declaration => {
                        (self.limits.max_header_bytes().saturating_sub(self.prolog_bytes), Limit::HeaderBytes)
                    }
                };
                let len = match scanner.scan(rest, &self.limits, max, limit) {
                    Err((ErrorKind::MismatchedEndTag { expected, found }, at)) => {
                        // The scanner matches end tags as they arrive; what
                        // only the tree builder sees (characters, references,
                        // attributes, prefixes) may be wrong earlier in the
                        // unit, and the first error is the one reported.
                        // (`at` is the end tag's '<': a character boundary.)
                        let (kind, at) = match self.builder.build(&rest[..at], &self.bindings) {
                            Err((kind, earlier)) if earlier < at => (kind, earlier),
                            _ => (ErrorKind::MismatchedEndTag { expected, found }, at),
                        };
                        return Err(Error::new(kind, self.offset + at as u64));
                    }
                    Err((kind, at)) => {
                        let kind = match kind {
                            ErrorKind::LimitExceeded { limit: Limit::HeaderBytes, .. } => ErrorKind::LimitExceeded {
                                limit: Limit::HeaderBytes,
                                max: self.limits.max_header_bytes(),
                            },
                            other => other,
                        };
                        return Err(Error::new(kind, self.offset + at as u64));
                    }
                    Ok(Scan::Incomplete) => return Ok(None),
                    Ok(Scan::Complete(len)) => len,
                };
                let kind = *kind;
                let self_closed = scanner.self_closed();
                self.unit = None;
                let unit = &rest[..len];
                let at = self.offset;
                let event = match kind {
                    UnitKind::Declaration => {
                        check_declaration(unit).map_err(|(k, o)| Error::new(k, at + o as u64))?;
                        self.prolog_bytes += len;
                        None
                    }
                    UnitKind::Header => Some(StreamEvent::Header(Box::new(self.header(unit, at, self_closed)?))),
                    UnitKind::Element => Some(StreamEvent::Element(self.element(unit, at)?)),
                    UnitKind::Close => {
                        self.close(unit, at)?;
                        Some(StreamEvent::Close)
                    }
                };
                self.offset += len as u64;
                if event.is_some() {
                    self.last_event = at..self.offset;
                    return Ok(event);
                }
                continue;
            }

            // Between units: whitespace, then the first bytes decide.
            let ws = rest.iter().take_while(|&&b| is_space(b)).count();
            if ws > 0 {
                match &mut self.phase {
                    Phase::Prolog(start) => {
                        *start = Start::Later;
                        self.prolog_bytes += ws;
                        if self.prolog_bytes > self.limits.max_header_bytes() {
                            return Err(Error::new(
                                ErrorKind::LimitExceeded {
                                    limit: Limit::HeaderBytes,
                                    max: self.limits.max_header_bytes(),
                                },
                                self.offset + ws as u64,
                            ));
                        }
                    }
                    Phase::Stream | Phase::Fragment => self.whitespace += ws as u64,
                    Phase::Closed => {}
                }
                self.offset += ws as u64;
                continue;
            }
            if rest.is_empty() {
                return Ok(None);
            }
            match self.dispatch(rest)? {
                Dispatch::Unit(UnitKind::Element, scanner) => {
                    // Most reads hold whole stanzas: read the element in one
                    // pass; the scanner delimits only what this cannot.
                    if let Some((element, len)) = self.builder.try_element(rest, &self.bindings, &self.limits) {
                        let at = self.offset;
                        self.offset += len as u64;
                        self.last_event = at..self.offset;
                        return Ok(Some(StreamEvent::Element(element)));
                    }
                    self.unit = Some((UnitKind::Element, scanner));
                }
                Dispatch::Unit(kind, scanner) => self.unit = Some((kind, scanner)),
                Dispatch::NeedMore => return Ok(None),
            }
        }
    }

    /// Decides what unit starts at `rest[0]` (not whitespace).
    fn dispatch(&mut self, rest: &[u8]) -> Result<Dispatch, Error> {
        let at = self.offset;
        let err = |kind: ErrorKind, o: usize| Err(Error::new(kind, at + o as u64));
        match self.phase {
            Phase::Closed => err(ErrorKind::DataAfterClose, 0),
            Phase::Prolog(start) => {
                if start == Start::Fresh {
                    match rest {
                        // A prefix of a UTF-16 byte order mark: wait, so that
                        // chunking never changes the outcome.
                        [0xFE] | [0xFF] => return Ok(Dispatch::NeedMore),
                        [0xFE, 0xFF, ..] | [0xFF, 0xFE, ..] => {
                            return err(ErrorKind::UnsupportedEncoding("UTF-16".into()), 0);
                        }
                        _ => {}
                    }
                }
                let document_start = start == Start::Fresh;
                if rest[0] != b'<' {
                    // RFC 6120 §11.6: U+FEFF, even as the first character of
                    // the stream, is a zero width no-break space, never a
                    // byte order mark: a character before the header. (A
                    // prefix of it: wait, so that chunking changes nothing.)
                    return match rest {
                        [0xEF, 0xBB, 0xBF, ..] => err(ErrorKind::CharacterBeforeHeader('\u{FEFF}'), 0),
                        [0xEF] | [0xEF, 0xBB] => Ok(Dispatch::NeedMore),
                        _ => err(unexpected_byte(rest[0], "the stream prolog"), 0),
                    };
                }
                let Some(&second) = rest.get(1) else {
                    return Ok(Dispatch::NeedMore);
                };
                match second {
                    b'?' => {
                        // `<?xml` followed by whitespace is the declaration,
                        // allowed only at the very start of the document.
                        if rest.len() < 6 {
                            return if b"<?xml ".starts_with(&rest[..rest.len().min(5)]) {
                                Ok(Dispatch::NeedMore)
                            } else {
                                err(ErrorKind::ProcessingInstruction, 0)
                            };
                        }
                        if &rest[..5] == b"<?xml" && is_space(rest[5]) && document_start {
                            self.phase = Phase::Prolog(Start::Later);
                            Ok(Dispatch::Unit(UnitKind::Declaration, Scanner::new(Mode::Declaration)))
                        } else {
                            err(ErrorKind::ProcessingInstruction, 0)
                        }
                    }
                    b'!' => bang(rest, at),
                    b'/' => err(unexpected(b'/', "the stream prolog"), 1),
                    _ => {
                        self.phase = Phase::Prolog(Start::Later);
                        Ok(Dispatch::Unit(UnitKind::Header, Scanner::new(Mode::StartTag)))
                    }
                }
            }
            Phase::Stream | Phase::Fragment => {
                if rest[0] != b'<' {
                    return err(ErrorKind::TextAtStreamLevel, 0);
                }
                let Some(&second) = rest.get(1) else {
                    return Ok(Dispatch::NeedMore);
                };
                match second {
                    b'/' if self.phase == Phase::Stream => {
                        Ok(Dispatch::Unit(UnitKind::Close, Scanner::new(Mode::EndTag)))
                    }
                    b'/' => err(unexpected(b'/', "a fragment (no element is open)"), 1),
                    b'?' => err(ErrorKind::ProcessingInstruction, 0),
                    b'!' => bang(rest, at),
                    _ => Ok(Dispatch::Unit(UnitKind::Element, Scanner::new(Mode::Element))),
                }
            }
        }
    }

    fn header(&mut self, unit: &[u8], at: u64, self_closed: bool) -> Result<StreamHeader, Error> {
        let located = |(k, o): (ErrorKind, usize)| Error::new(k, at + o as u64);
        let text = check_text(unit).map_err(located)?;
        let tag = self.builder.build_start_tag(text).map_err(located)?;
        let qname_len = text[1..].find(['/', '>', ' ', '\t', '\r', '\n']).unwrap_or(text.len() - 1);
        let qname = &text[1..1 + qname_len];
        let stream_prefix = qname.split_once(':').map(|(p, _)| p);
        let header = StreamHeader::from_root(&tag.element, &tag.default_ns, &tag.prefixes, stream_prefix)
            .map_err(|k| Error::new(k, at))?;
        self.bindings = Bindings { default_ns: tag.default_ns, prefixes: tag.prefixes };
        self.root_qname.clear();
        self.root_qname.push_str(qname);
        self.phase = Phase::Stream;
        self.close_pending = self_closed;
        Ok(header)
    }

    fn element(&mut self, unit: &[u8], at: u64) -> Result<Element, Error> {
        let located = |(k, o): (ErrorKind, usize)| Error::new(k, at + o as u64);
        self.builder.build(unit, &self.bindings).map_err(located)
    }

    fn close(&mut self, unit: &[u8], at: u64) -> Result<(), Error> {
        let text = check_text(unit).map_err(|(k, o)| Error::new(k, at + o as u64))?;
        let name = text[2..text.len() - 1].trim_end_matches([' ', '\t', '\r', '\n']);
        if name != self.root_qname {
            return Err(Error::new(
                ErrorKind::MismatchedEndTag { expected: self.root_qname.clone(), found: name.into() },
                at,
            ));
        }
        self.phase = Phase::Closed;
        Ok(())
    }
}

/// `<!` between units: a comment, a DTD, CDATA at the stream level, or junk.
fn bang(rest: &[u8], at: u64) -> Result<Dispatch, Error> {
    let kind = match rest.get(2) {
        None => return Ok(Dispatch::NeedMore),
        Some(b'-') => ErrorKind::Comment,
        Some(b'D') => ErrorKind::Doctype,
        Some(b'[') => ErrorKind::TextAtStreamLevel,
        Some(&b) => unexpected(b, "markup starting with '<!'"),
    };
    Err(Error::new(kind, at))
}

fn unexpected_byte(b: u8, context: &'static str) -> ErrorKind {
    unexpected(b, context)
}

/// Checks the XML declaration (XML 1.0 §2.8): version 1.0, encoding UTF-8
/// if named (RFC 6120 §11.6), standalone yes or no, nothing else.
fn check_declaration(unit: &[u8]) -> Result<(), (ErrorKind, usize)> {
    let text = check_text(unit)?;
    let malformed = |o: usize| (ErrorKind::MalformedDeclaration, o);
    let body = text.strip_prefix("<?xml").and_then(|b| b.strip_suffix("?>")).ok_or(malformed(0))?;
    let mut pseudo = Vec::with_capacity(3);
    let mut rest = body;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n']);
        if trimmed.is_empty() {
            break;
        }
        if trimmed.len() == rest.len() {
            // Pseudo-attributes must be separated by whitespace.
            return Err(malformed(5 + body.len() - rest.len()));
        }
        let (name, after) = trimmed.split_once('=').ok_or(malformed(0))?;
        let after = after.trim_start_matches([' ', '\t', '\r', '\n']);
        let quote = after.chars().next().filter(|q| *q == '\'' || *q == '"').ok_or(malformed(0))?;
        let (value, tail) = after[1..].split_once(quote).ok_or(malformed(0))?;
        pseudo.push((name.trim_end_matches([' ', '\t', '\r', '\n']), value));
        rest = tail;
    }
    let mut it = pseudo.into_iter().peekable();
    match it.next() {
        Some(("version", v)) => {
            let digits = v.strip_prefix("1.").ok_or(malformed(0))?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(malformed(0));
            }
            if v != "1.0" {
                return Err((ErrorKind::XmlVersion(v.into()), 0));
            }
        }
        _ => return Err(malformed(0)),
    }
    if let Some(("encoding", enc)) = it.peek().copied() {
        it.next();
        let valid_name = enc.starts_with(|c: char| c.is_ascii_alphabetic())
            && enc.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !valid_name {
            return Err(malformed(0));
        }
        if !enc.eq_ignore_ascii_case("UTF-8") {
            return Err((ErrorKind::UnsupportedEncoding(enc.into()), 0));
        }
    }
    if let Some(("standalone", sd)) = it.peek().copied() {
        it.next();
        if sd != "yes" && sd != "no" {
            return Err(malformed(0));
        }
    }
    match it.next() {
        None => Ok(()),
        Some(_) => Err(malformed(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_small() {
        // Every call returns a `Result<Option<StreamEvent>, Error>`; keep it
        // to the size of an element.
        assert!(std::mem::size_of::<StreamEvent>() <= std::mem::size_of::<Element>() + 8);
        assert!(std::mem::size_of::<Error>() <= 64, "{}", std::mem::size_of::<Error>());
    }

    #[test]
    fn declarations() {
        let ok = |s: &str| check_declaration(s.as_bytes()).map_err(|(k, _)| k);
        assert_eq!(ok("<?xml version='1.0'?>"), Ok(()));
        assert_eq!(ok("<?xml version=\"1.0\" encoding='utf-8' standalone='yes' ?>"), Ok(()));
        assert_eq!(ok("<?xml version='1.1'?>"), Err(ErrorKind::XmlVersion("1.1".into())));
        assert_eq!(
            ok("<?xml version='1.0' encoding='ISO-8859-1'?>"),
            Err(ErrorKind::UnsupportedEncoding("ISO-8859-1".into()))
        );
        for bad in [
            "<?xml?>",
            "<?xml encoding='UTF-8'?>",
            "<?xml version='1.0' standalone='maybe'?>",
            "<?xml version='1.0' standalone='yes' encoding='UTF-8'?>",
            "<?xml version='1.0'encoding='UTF-8'?>",
            "<?xml version='2.0'?>",
            "<?xml version='1.0' foo='bar'?>",
            "<?xml version=1.0?>",
        ] {
            assert_eq!(ok(bad), Err(ErrorKind::MalformedDeclaration), "{bad}");
        }
    }
}
