//! The incremental boundary scanner: finds where a unit of the stream (a
//! stanza, the stream header's start tag, an end tag, the XML declaration)
//! ends, as bytes arrive.
//!
//! The scanner is a resumable state machine: each call continues from the
//! byte where the last one stopped, so feeding a unit one byte at a time
//! costs the same as feeding it at once (no rescans; cost is linear in the
//! bytes). It never looks past the unit's size limit, and it enforces the
//! structural limits (depth, attribute count, name and value lengths) and
//! the restricted-XML rules that can be seen from markup alone (comments,
//! processing instructions, DTDs) the moment the offending byte arrives.
//!
//! End tags are matched against their start tags as they arrive, so a
//! stanza like `<message><body>hi</message>` is refused when its
//! `</message>` comes, not when the stanza limit is reached (RFC 6120
//! §4.9.1.1: the error is answered at once).
//!
//! What it does not check (character validity, UTF-8, names, namespaces,
//! references) is checked once per complete unit by the tree builder, which
//! reads the unit with quick-xml. A stanza that arrives
//! whole skips the scanner: the tree builder reads it in one pass and
//! enforces the scanner's limits and tag grammar itself.

use memchr::{memchr as memchr_simd, memchr2 as memchr2_simd};

use crate::error::ErrorKind;
use crate::limits::{Limit, Limits};

/// The outcome of a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scan {
    /// More bytes are needed.
    Incomplete,
    /// The unit is the first `len` bytes of the buffer.
    Complete(usize),
}

/// What the scanned unit is, which decides when it is complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// One element with its content: complete when its end tag closes it.
    Element,
    /// One start tag (the stream header): complete at its `>`.
    StartTag,
    /// One end tag (the stream close).
    EndTag,
    /// The XML declaration `<?xml ... ?>`.
    Declaration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Expecting the `<` that opens the unit.
    Open,
    /// Character data inside an element.
    Text,
    /// After `<`.
    TagOpen,
    /// In the name of a start tag.
    StartName,
    /// In a start tag, where an attribute, `/` or `>` may come.
    InTag,
    /// Right after an attribute value: whitespace, `/` or `>` must come.
    AfterValue,
    /// In an attribute name.
    AttrName,
    /// After an attribute name, before `=`.
    AfterAttrName,
    /// After `=`, before the opening quote.
    BeforeValue,
    /// Inside a quoted attribute value.
    Value,
    /// After `/` in a start tag.
    EmptySlash,
    /// After `</`, in the name.
    EndName,
    /// After the name of an end tag, before `>`.
    EndTrailing,
    /// After `<!`, matching `[CDATA[`.
    Bang,
    /// Inside a CDATA section.
    CData,
    /// Inside the XML declaration.
    Declaration,
}

const CDATA_OPEN: &[u8; 7] = b"[CDATA[";

/// A scan error: what, and at which offset of the unit.
pub(crate) type ScanError = (ErrorKind, usize);

#[derive(Debug, Clone)]
pub(crate) struct Scanner {
    mode: Mode,
    state: State,
    /// Bytes of the unit scanned so far.
    pos: usize,
    /// Open elements.
    depth: usize,
    /// Attributes of the current start tag.
    attrs: usize,
    /// Length of the current name.
    name_len: usize,
    /// Length of the current attribute value.
    value_len: usize,
    /// The quote that opened the current attribute value.
    quote: u8,
    /// Progress through `[CDATA[`, or where CDATA content starts.
    mark: usize,
    /// For [`Mode::StartTag`]: the tag was `<... />`.
    self_closed: bool,
    /// For [`Mode::Element`]: where the qualified name of each open element
    /// lies in the unit, `(start, length)`; as deep as the depth limit.
    open_names: Vec<(usize, usize)>,
    /// Where the current tag's name starts.
    name_start: usize,
}

impl Scanner {
    /// A scanner for a unit of `mode` that starts at the first byte of the
    /// buffer it will be given.
    pub(crate) fn new(mode: Mode) -> Self {
        let (state, pos) = match mode {
            // The caller has seen `<?xml` and whitespace.
            Mode::Declaration => (State::Declaration, 2),
            _ => (State::Open, 0),
        };
        Scanner {
            mode,
            state,
            pos,
            depth: 0,
            attrs: 0,
            name_len: 0,
            value_len: 0,
            quote: 0,
            mark: 0,
            self_closed: false,
            open_names: Vec::new(),
            name_start: 0,
        }
    }

    /// Whether a completed [`Mode::StartTag`] unit was an empty-element tag.
    pub(crate) fn self_closed(&self) -> bool {
        self.self_closed
    }

    /// Continues scanning `buf` (the unit starts at `buf[0]`; earlier calls
    /// saw a prefix of it). `max_len` is the unit's size limit and `limit`
    /// which limit that is.
    pub(crate) fn scan(
        &mut self,
        buf: &[u8],
        limits: &Limits,
        max_len: usize,
        limit: Limit,
    ) -> Result<Scan, ScanError> {
        let end = buf.len().min(max_len);
        while self.pos < end {
            let b = buf[self.pos];
            match self.state {
                State::Text => {
                    match memchr(b'<', &buf[self.pos..end]) {
                        Some(i) => {
                            self.pos += i + 1;
                            self.state = State::TagOpen;
                        }
                        None => self.pos = end,
                    }
                    continue;
                }
                State::Value => {
                    match memchr2(self.quote, b'<', &buf[self.pos..end]) {
                        Some(i) => {
                            self.grow_value(i, limits)?;
                            if buf[self.pos + i] == b'<' {
                                return Err((unexpected(b'<', "an attribute value"), self.pos + i));
                            }
                            self.pos += i + 1;
                            self.state = State::AfterValue;
                        }
                        None => {
                            self.grow_value(end - self.pos, limits)?;
                            self.pos = end;
                        }
                    }
                    continue;
                }
                State::CData => {
                    match memchr(b'>', &buf[self.pos..end]) {
                        Some(i) => {
                            let gt = self.pos + i;
                            self.pos = gt + 1;
                            if gt >= self.mark + 2 && &buf[gt - 2..gt] == b"]]" {
                                self.state = State::Text;
                            }
                        }
                        None => self.pos = end,
                    }
                    continue;
                }
                State::Declaration => {
                    match memchr(b'>', &buf[self.pos..end]) {
                        Some(i) => {
                            let gt = self.pos + i;
                            self.pos = gt + 1;
                            if buf[gt - 1] == b'?' && gt >= 3 {
                                return Ok(Scan::Complete(self.pos));
                            }
                        }
                        None => self.pos = end,
                    }
                    continue;
                }
                State::Open => {
                    debug_assert_eq!(b, b'<', "units start at '<'");
                    self.state = State::TagOpen;
                }
                State::TagOpen => match b {
                    b'/' if self.mode != Mode::StartTag && (self.depth > 0 || self.mode == Mode::EndTag) => {
                        self.state = State::EndName;
                        self.name_len = 0;
                        self.name_start = self.pos + 1;
                    }
                    b'!' if self.depth > 0 => {
                        self.state = State::Bang;
                        self.mark = 0;
                    }
                    b'!' => {
                        return Err((unexpected(b, "a tag"), self.pos));
                    }
                    b'?' => return Err((ErrorKind::ProcessingInstruction, self.pos - 1)),
                    _ if is_name_byte(b) && self.mode != Mode::EndTag => {
                        if self.depth >= limits.max_depth() {
                            return Err((limit_err(Limit::Depth, limits.max_depth()), self.pos - 1));
                        }
                        self.depth += 1;
                        self.attrs = 0;
                        self.name_len = 0;
                        self.name_start = self.pos;
                        self.grow_name(limits)?;
                        self.state = State::StartName;
                    }
                    _ => return Err((unexpected(b, "a tag"), self.pos)),
                },
                State::StartName if is_name_byte(b) => {
                    self.name_run(&buf[self.pos..end], limits)?;
                    continue;
                }
                State::AttrName | State::EndName if is_name_byte(b) => {
                    self.name_run(&buf[self.pos..end], limits)?;
                    continue;
                }
                State::InTag | State::AfterAttrName | State::BeforeValue | State::EndTrailing if is_space(b) => {
                    self.pos += buf[self.pos..end].iter().position(|&c| !is_space(c)).unwrap_or(end - self.pos);
                    continue;
                }
                State::StartName => match b {
                    _ if is_space(b) => {
                        self.start_name_done();
                        self.state = State::InTag;
                    }
                    b'>' => {
                        self.start_name_done();
                        if let Some(done) = self.start_tag_closed() {
                            return Ok(done);
                        }
                    }
                    b'/' => {
                        self.start_name_done();
                        self.state = State::EmptySlash;
                    }
                    _ => return Err((unexpected(b, "an element name"), self.pos)),
                },
                State::InTag | State::AfterValue => match b {
                    _ if is_space(b) => self.state = State::InTag,
                    b'>' => {
                        if let Some(done) = self.start_tag_closed() {
                            return Ok(done);
                        }
                    }
                    b'/' => self.state = State::EmptySlash,
                    _ if is_name_byte(b) && self.state == State::InTag => {
                        self.attrs += 1;
                        if self.attrs > limits.max_attributes() {
                            return Err((limit_err(Limit::Attributes, limits.max_attributes()), self.pos));
                        }
                        self.name_len = 0;
                        self.grow_name(limits)?;
                        self.state = State::AttrName;
                    }
                    _ => {
                        let context = if self.state == State::AfterValue {
                            "a start tag, after an attribute value (whitespace is required)"
                        } else {
                            "a start tag"
                        };
                        return Err((unexpected(b, context), self.pos));
                    }
                },
                State::AttrName => match b {
                    _ if is_name_byte(b) => self.grow_name(limits)?,
                    _ if is_space(b) => self.state = State::AfterAttrName,
                    b'=' => self.state = State::BeforeValue,
                    _ => return Err((unexpected(b, "an attribute name"), self.pos)),
                },
                State::AfterAttrName => match b {
                    _ if is_space(b) => {}
                    b'=' => self.state = State::BeforeValue,
                    _ => return Err((unexpected(b, "an attribute, before '='"), self.pos)),
                },
                State::BeforeValue => match b {
                    _ if is_space(b) => {}
                    b'\'' | b'"' => {
                        self.quote = b;
                        self.value_len = 0;
                        self.state = State::Value;
                    }
                    _ => {
                        return Err((unexpected(b, "an attribute, before its quoted value"), self.pos));
                    }
                },
                State::EmptySlash => match b {
                    b'>' => {
                        if self.mode == Mode::StartTag {
                            self.self_closed = true;
                            return Ok(Scan::Complete(self.pos + 1));
                        }
                        if let Some(done) = self.element_closed() {
                            return Ok(done);
                        }
                    }
                    _ => return Err((unexpected(b, "an empty-element tag, after '/'"), self.pos)),
                },
                State::EndName => match b {
                    _ if is_name_byte(b) => self.grow_name(limits)?,
                    _ if is_space(b) && self.name_len > 0 => self.state = State::EndTrailing,
                    b'>' if self.name_len > 0 => {
                        if let Some(done) = self.end_tag_closed(buf)? {
                            return Ok(done);
                        }
                    }
                    _ => return Err((unexpected(b, "an end tag"), self.pos)),
                },
                State::EndTrailing => match b {
                    _ if is_space(b) => {}
                    b'>' => {
                        if let Some(done) = self.end_tag_closed(buf)? {
                            return Ok(done);
                        }
                    }
                    _ => return Err((unexpected(b, "an end tag"), self.pos)),
                },
                State::Bang => {
                    if b == CDATA_OPEN[self.mark] {
                        self.mark += 1;
                        if self.mark == CDATA_OPEN.len() {
                            self.state = State::CData;
                            // Where the content starts: "]]" must lie within it.
                            self.mark = self.pos + 1;
                        }
                    } else if self.mark == 0 && b == b'-' {
                        return Err((ErrorKind::Comment, self.pos - 2));
                    } else if self.mark == 0 && b == b'D' {
                        return Err((ErrorKind::Doctype, self.pos - 2));
                    } else {
                        return Err((unexpected(b, "a CDATA section start"), self.pos));
                    }
                }
            }
            self.pos += 1;
        }
        if self.pos >= max_len && buf.len() > max_len {
            return Err((limit_err(limit, max_len), max_len));
        }
        Ok(Scan::Incomplete)
    }

    /// The `>` of a start tag: the unit may be complete.
    fn start_tag_closed(&mut self) -> Option<Scan> {
        if self.mode == Mode::StartTag {
            return Some(Scan::Complete(self.pos + 1));
        }
        self.state = State::Text;
        None
    }

    /// The name of a start tag is complete: in an element unit, it is
    /// remembered for the end tag.
    fn start_name_done(&mut self) {
        if self.mode == Mode::Element {
            self.open_names.push((self.name_start, self.name_len));
        }
    }

    /// An element closed (by `/>` or by its end tag).
    fn element_closed(&mut self) -> Option<Scan> {
        self.depth -= 1;
        self.open_names.pop();
        if self.depth == 0 {
            return Some(Scan::Complete(self.pos + 1));
        }
        self.state = State::Text;
        None
    }

    /// The `>` of an end tag: in an element unit its name must be the
    /// innermost open element's (XML 1.0 §3, well-formedness constraint
    /// "Element Type Match"); the error is at the end tag's `<`.
    fn end_tag_closed(&mut self, buf: &[u8]) -> Result<Option<Scan>, ScanError> {
        if self.mode == Mode::EndTag {
            return Ok(Some(Scan::Complete(self.pos + 1)));
        }
        if let Some(&(start, len)) = self.open_names.last() {
            let found = &buf[self.name_start..self.name_start + self.name_len];
            let expected = &buf[start..start + len];
            if found != expected {
                let kind = ErrorKind::MismatchedEndTag {
                    expected: String::from_utf8_lossy(expected).into_owned(),
                    found: String::from_utf8_lossy(found).into_owned(),
                };
                return Err((kind, self.name_start - 2));
            }
        }
        Ok(self.element_closed())
    }

    /// Consumes the run of name bytes at the start of `bytes` (which starts
    /// at `self.pos`), checking the name length limit.
    fn name_run(&mut self, bytes: &[u8], limits: &Limits) -> Result<(), ScanError> {
        let run = name_run(bytes);
        self.name_len += run;
        if self.name_len > limits.max_name_len() {
            let over = self.pos + run - (self.name_len - limits.max_name_len());
            return Err((limit_err(Limit::NameLength, limits.max_name_len()), over));
        }
        self.pos += run;
        Ok(())
    }

    fn grow_name(&mut self, limits: &Limits) -> Result<(), ScanError> {
        self.name_len += 1;
        if self.name_len > limits.max_name_len() {
            return Err((limit_err(Limit::NameLength, limits.max_name_len()), self.pos));
        }
        Ok(())
    }

    fn grow_value(&mut self, by: usize, limits: &Limits) -> Result<(), ScanError> {
        self.value_len += by;
        if self.value_len > limits.max_attribute_value_len() {
            let over = self.pos + by - (self.value_len - limits.max_attribute_value_len());
            return Err((limit_err(Limit::AttributeValueLength, limits.max_attribute_value_len()), over));
        }
        Ok(())
    }
}

/// Below this many bytes a plain loop beats memchr's setup.
const SHORT: usize = 32;

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    if hay.len() < SHORT { hay.iter().position(|&b| b == needle) } else { memchr_simd(needle, hay) }
}

fn memchr2(a: u8, b: u8, hay: &[u8]) -> Option<usize> {
    if hay.len() < SHORT { hay.iter().position(|&c| c == a || c == b) } else { memchr2_simd(a, b, hay) }
}

/// XML whitespace (`S` of XML 1.0 §2.3).
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// A byte that may be part of a name: ASCII name characters, `:`, and any
/// byte of a multi-byte UTF-8 character. Exact validation comes later.
fn is_name_byte(b: u8) -> bool {
    NAME_BYTE[b as usize]
}

static NAME_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c >= 0x80 || c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':');
        b += 1;
    }
    t
};

/// The length of the run of name bytes at the start of `bytes`.
fn name_run(bytes: &[u8]) -> usize {
    bytes.iter().position(|&b| !is_name_byte(b)).unwrap_or(bytes.len())
}

fn limit_err(limit: Limit, max: usize) -> ErrorKind {
    ErrorKind::LimitExceeded { limit, max }
}

/// Describes an unexpected byte.
pub(crate) fn unexpected(b: u8, context: &'static str) -> ErrorKind {
    let found = match b {
        b'<' => "'<'",
        b'>' => "'>'",
        b'&' => "'&'",
        b'/' => "'/'",
        b'=' => "'='",
        b'!' => "'!'",
        b'?' => "'?'",
        b'\'' | b'"' => "a quote",
        b' ' | b'\t' | b'\n' | b'\r' => "whitespace",
        0..=0x1F | 0x7F => "a control character",
        _ => "a character that is not allowed here",
    };
    ErrorKind::Unexpected { found, context }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_all(mode: Mode, input: &[u8], limits: &Limits) -> Result<Scan, ScanError> {
        Scanner::new(mode).scan(input, limits, limits.max_stanza_bytes(), Limit::StanzaBytes)
    }

    /// Scans `input` fed in pieces of `step` bytes: the result must not
    /// depend on the split.
    fn scan_split(mode: Mode, input: &[u8], step: usize, limits: &Limits) -> Result<Scan, ScanError> {
        let mut s = Scanner::new(mode);
        let mut last = Ok(Scan::Incomplete);
        let mut len = 0;
        while len < input.len() {
            len = (len + step).min(input.len());
            last = s.scan(&input[..len], limits, limits.max_stanza_bytes(), Limit::StanzaBytes);
            if !matches!(last, Ok(Scan::Incomplete)) {
                break;
            }
        }
        last
    }

    #[test]
    fn finds_element_ends_however_split() {
        // (unit, what follows it)
        let cases: &[(&str, &str)] = &[
            ("<a/>", "rest"),
            ("<a></a>", "rest"),
            ("<a b='>' c=\"'\"><b/>t<![CDATA[</a>]]]]><c  ></c  ></a>", "x"),
            ("<message to='x'><body>a &amp; b</body></message>", "<iq/>"),
            ("<a><![CDATA[]]></a>", ""),
            ("<a><![CDATA[]>]]]></a>", "<"),
        ];
        let limits = Limits::default();
        for (unit, rest) in cases {
            let input = format!("{unit}{rest}");
            for step in 1..=input.len() {
                assert_eq!(
                    scan_split(Mode::Element, input.as_bytes(), step, &limits),
                    Ok(Scan::Complete(unit.len())),
                    "{input} step {step}"
                );
            }
        }
    }

    #[test]
    fn incomplete_is_not_an_error() {
        let limits = Limits::default();
        for input in
            [&b"<"[..], b"<a", b"<a b", b"<a b=", b"<a b='x", b"<a>", b"<a><![CD", b"<a><![CDATA[]]", b"<a></a"]
        {
            assert_eq!(scan_all(Mode::Element, input, &limits), Ok(Scan::Incomplete), "{input:?}");
        }
    }

    #[test]
    fn restricted_markup_is_rejected_at_once() {
        let limits = Limits::default();
        let r = |i: &[u8]| scan_all(Mode::Element, i, &limits).map_err(|(k, o)| (k.condition().as_str(), o));
        assert_eq!(r(b"<a><!-- x"), Err(("restricted-xml", 3)));
        assert_eq!(r(b"<a><!DOCTYPE"), Err(("restricted-xml", 3)));
        assert_eq!(r(b"<a><?pi"), Err(("restricted-xml", 3)));
        assert_eq!(r(b"<a b='<'"), Err(("not-well-formed", 6)));
        assert_eq!(r(b"<a b='1'c='2'/>"), Err(("not-well-formed", 8)));
        assert_eq!(r(b"< a/>"), Err(("not-well-formed", 1)));
        assert_eq!(r(b"<a b/>"), Err(("not-well-formed", 4)));
        assert_eq!(r(b"<a></ a>"), Err(("not-well-formed", 5)));
        assert_eq!(r(b"<a/ >"), Err(("not-well-formed", 3)));
        assert_eq!(r(b"<a><![CDATX["), Err(("not-well-formed", 10)));
    }

    #[test]
    fn limits_are_enforced_while_reading() {
        let limits = Limits::default()
            .with_max_depth(2)
            .with_max_attributes(1)
            .with_max_name_len(3)
            .with_max_attribute_value_len(4)
            .with_max_stanza_bytes(16);
        let kind = |i: &[u8]| match scan_all(Mode::Element, i, &limits) {
            Err((ErrorKind::LimitExceeded { limit, .. }, o)) => Some((limit, o)),
            _ => None,
        };
        assert_eq!(kind(b"<a><b><c"), Some((Limit::Depth, 6)));
        assert_eq!(kind(b"<a x='' y"), Some((Limit::Attributes, 8)));
        assert_eq!(kind(b"<abcd"), Some((Limit::NameLength, 4)));
        assert_eq!(kind(b"<a x='12345"), Some((Limit::AttributeValueLength, 10)));
        // The stanza limit triggers on the first byte beyond it, not later.
        assert_eq!(kind(b"<a>01234567890123"), Some((Limit::StanzaBytes, 16)));
        assert_eq!(scan_all(Mode::Element, b"<a>0123456789</a>", &limits).ok(), None);
        assert_eq!(scan_all(Mode::Element, b"<a>012345678</a>", &limits), Ok(Scan::Complete(16)));
        assert_eq!(scan_all(Mode::Element, b"<a>01234567", &limits), Ok(Scan::Incomplete));
    }

    #[test]
    fn start_tag_end_tag_and_declaration_modes() {
        let limits = Limits::default();
        let mut s = Scanner::new(Mode::StartTag);
        assert_eq!(
            s.scan(b"<stream:stream to='a>b'><message/>", &limits, 100, Limit::HeaderBytes),
            Ok(Scan::Complete(24))
        );
        assert!(!s.self_closed());
        let mut s = Scanner::new(Mode::StartTag);
        assert_eq!(s.scan(b"<s/>", &limits, 100, Limit::HeaderBytes), Ok(Scan::Complete(4)));
        assert!(s.self_closed());
        assert_eq!(scan_all(Mode::EndTag, b"</stream:stream >x", &limits), Ok(Scan::Complete(17)));
        assert_eq!(scan_all(Mode::Declaration, b"<?xml version='1.0'?><s", &limits), Ok(Scan::Complete(21)));
        assert_eq!(scan_all(Mode::Declaration, b"<?xml version='1.0'>?>", &limits), Ok(Scan::Complete(22)));
    }
}
