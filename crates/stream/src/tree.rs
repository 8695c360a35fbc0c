//! Builds an [`Element`] from one complete unit, read with quick-xml.
//!
//! The unit has been delimited by the scanner, or is read straight from the
//! bytes at hand when they hold it all ([`TreeBuilder::try_element`]); here
//! every rule that needs the whole unit is checked once: UTF-8 and XML
//! characters, XML names, namespaces (Namespaces in XML 1.0 and RFC 6120
//! §11.2), references (RFC 6120 §11.1 allows only the five predefined
//! entities and character references), matching end tags, duplicate
//! attributes, `]]>` in text.
//! Line endings (XML 1.0 §2.11) and attribute values (§3.3.3) are normalized.

use std::borrow::Cow;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::errors::{Error as QError, IllFormedError};
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesStart, Event};

use crate::chars::{find_illegal_char, is_ncname, is_xml_char, split_qname};
use crate::element::{Attribute, Element, Node};
use crate::error::ErrorKind;
use crate::header::ContentNamespace;
use crate::limits::{Limit, Limits};
use crate::names::{self, intern, well_known};
use crate::ns;
use crate::xml_str::XmlStr;

/// An error and its offset in the unit.
pub(crate) type TreeError = (ErrorKind, usize);

/// The namespace bindings in scope where a unit starts: the stream header's
/// default namespace and prefixes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bindings {
    pub(crate) default_ns: XmlStr,
    pub(crate) prefixes: Vec<(XmlStr, XmlStr)>,
}

impl Bindings {
    fn lookup(&self, prefix: &str) -> Option<&XmlStr> {
        self.prefixes.iter().rev().find(|(p, _)| &**p == prefix).map(|(_, uri)| uri)
    }
}

/// A parsed lone start tag; see [`TreeBuilder::build_start_tag`].
pub(crate) struct StartTag {
    pub(crate) element: Element,
    pub(crate) default_ns: XmlStr,
    pub(crate) prefixes: Vec<(XmlStr, XmlStr)>,
}

/// Checks that `unit` is UTF-8 and contains only characters XML allows.
pub(crate) fn check_text(unit: &[u8]) -> Result<&str, TreeError> {
    let s = std::str::from_utf8(unit).map_err(|e| (ErrorKind::InvalidUtf8, e.valid_up_to()))?;
    if let Some((at, c)) = find_illegal_char(unit) {
        return Err((ErrorKind::IllegalChar(c), at));
    }
    Ok(s)
}

/// Namespace URIs seen recently, so that a namespace repeated across
/// stanzas is allocated once. Bounded in entries and entry size.
#[derive(Debug, Default)]
pub(crate) struct NsCache {
    entries: Vec<XmlStr>,
    next: usize,
}

impl NsCache {
    const ENTRIES: usize = 32;
    const MAX_LEN: usize = 256;

    pub(crate) fn get(&mut self, uri: &str) -> XmlStr {
        if uri.is_empty() {
            return XmlStr::default();
        }
        if let Some(hit) = WELL_KNOWN.iter().find(|w| **w == uri) {
            return XmlStr::from(*hit);
        }
        if let Some(hit) = self.entries.iter().find(|e| &***e == uri) {
            return hit.clone();
        }
        let fresh = XmlStr::shared(uri);
        if uri.len() <= Self::MAX_LEN {
            if self.entries.len() < Self::ENTRIES {
                self.entries.push(fresh.clone());
            } else {
                self.entries[self.next] = fresh.clone();
                self.next = (self.next + 1) % Self::ENTRIES;
            }
        }
        fresh
    }
}

/// Namespaces common enough to be shared as static strings.
static WELL_KNOWN: &[&str] = &[
    ns::CLIENT,
    ns::SERVER,
    ns::STREAM,
    ns::COMPONENT_ACCEPT,
    ns::DIALBACK,
    "urn:ietf:params:xml:ns:xmpp-stanzas",
    "urn:ietf:params:xml:ns:xmpp-streams",
    "urn:ietf:params:xml:ns:xmpp-tls",
    "urn:ietf:params:xml:ns:xmpp-sasl",
    "urn:ietf:params:xml:ns:xmpp-bind",
    "urn:ietf:params:xml:ns:xmpp-session",
    "jabber:iq:roster",
    "jabber:x:data",
    "http://jabber.org/protocol/disco#info",
    "http://jabber.org/protocol/disco#items",
    "http://jabber.org/protocol/caps",
    "http://jabber.org/protocol/muc",
    "http://jabber.org/protocol/muc#user",
    "http://jabber.org/protocol/pubsub",
    "http://jabber.org/protocol/pubsub#event",
    "http://jabber.org/protocol/chatstates",
    "urn:xmpp:delay",
    "urn:xmpp:ping",
    "urn:xmpp:blocking",
    "urn:xmpp:receipts",
    "http://www.w3.org/1999/xhtml",
];

/// Reusable state of the tree builder: scratch stacks and the namespace
/// cache, so that building a stanza allocates only what the tree keeps.
#[derive(Debug, Default)]
pub(crate) struct TreeBuilder {
    pub(crate) cache: NsCache,
    /// Open elements.
    stack: Vec<Element>,
    /// Default namespace and prefix-stack height of each open element.
    scopes: Vec<(XmlStr, usize)>,
    /// Prefixes declared inside the unit.
    prefixes: Vec<(Box<str>, XmlStr)>,
    /// Raw attributes of the current tag: key and value ranges in its text.
    raw: Vec<(Range<usize>, Range<usize>)>,
}

impl TreeBuilder {
    /// Builds the element of `unit`, which holds exactly one element, in the
    /// context of `bindings`.
    ///
    /// The unit's UTF-8 is validated once, by quick-xml, piece by piece as
    /// it reads (pieces end at ASCII delimiters, so no character is split).
    /// The errors are those of [`check_text`] followed by building: when the
    /// unit is not UTF-8, that is the error reported, wherever else it fails.
    pub(crate) fn build(&mut self, unit: &[u8], bindings: &Bindings) -> Result<Element, TreeError> {
        let checked = match find_illegal_char(unit) {
            Some((at, c)) => Err((ErrorKind::IllegalChar(c), at)),
            None => self.read_element(unit, bindings, None).and_then(|(element, end)| {
                if end == unit.len() { Ok(element) } else { Err((ErrorKind::NotOneElement, end)) }
            }),
        };
        checked.map_err(|e| match std::str::from_utf8(unit) {
            Ok(_) => e,
            Err(utf8) => (ErrorKind::InvalidUtf8, utf8.valid_up_to()),
        })
    }

    /// The single-pass path for input that may already hold a whole
    /// element: reads one element from the start of `input` (which may go
    /// on with more bytes) and returns it with its length, or `None` if
    /// `input` does not start with a complete, valid element within the
    /// `limits`. `None` says nothing about the input; the caller then
    /// delimits the unit with the scanner and calls [`build`](Self::build),
    /// which finds the same element when this one succeeds, or the error.
    ///
    /// So that success here means success there, every rule the scanner
    /// enforces is enforced here too: the structural limits (`check_depth`,
    /// `open`), the stanza size (the window), and the
    /// tag grammar (by quick-xml and [`read_attributes`]).
    pub(crate) fn try_element(
        &mut self,
        input: &[u8],
        bindings: &Bindings,
        limits: &Limits,
    ) -> Option<(Element, usize)> {
        let window = &input[..input.len().min(limits.max_stanza_bytes())];
        if !may_be_whole(window) {
            return None;
        }
        let (element, end) = self.read_element(window, bindings, Some(limits)).ok()?;
        find_illegal_char(&input[..end]).is_none().then_some((element, end))
    }

    /// Reads one element from the start of `unit`: the element and where it
    /// ends. UTF-8 is checked piece by piece, illegal characters are not;
    /// `limits`, when given, are the scanner's structural limits.
    fn read_element(
        &mut self,
        unit: &[u8],
        bindings: &Bindings,
        limits: Option<&Limits>,
    ) -> Result<(Element, usize), TreeError> {
        self.stack.clear();
        self.scopes.clear();
        self.prefixes.clear();
        let mut reader = Reader::from_reader(unit);
        let mut text = String::new();
        loop {
            let at = reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(e) => return Err((map_quick_xml_error(e), reader.error_position() as usize)),
            };
            let closed = match event {
                Event::Start(tag) => {
                    self.flush_text(&mut text);
                    self.check_depth(at, limits)?;
                    let element = self.open(&tag, at, bindings, limits)?;
                    self.stack.push(element);
                    None
                }
                Event::Empty(tag) => {
                    self.flush_text(&mut text);
                    self.check_depth(at, limits)?;
                    let element = self.open(&tag, at, bindings, limits)?;
                    Some(element)
                }
                Event::End(_) => {
                    self.flush_text(&mut text);
                    Some(self.stack.pop().ok_or((ErrorKind::NotOneElement, at))?)
                }
                Event::Text(t) => {
                    let raw: &str = &t;
                    if let Some(i) = find_cdata_end(raw.as_bytes()) {
                        return Err((ErrorKind::CdataEndInText, at + i));
                    }
                    push_normalized(&mut text, raw);
                    None
                }
                Event::CData(c) => {
                    push_normalized(&mut text, &c);
                    None
                }
                Event::GeneralRef(r) => {
                    text.push(resolve_reference(&r).map_err(|k| (k, at))?);
                    None
                }
                Event::Comment(_) => return Err((ErrorKind::Comment, at)),
                Event::PI(_) | Event::Decl(_) => {
                    return Err((ErrorKind::ProcessingInstruction, at));
                }
                Event::DocType(_) => return Err((ErrorKind::Doctype, at)),
                Event::Eof => return Err((ErrorKind::UnexpectedEof, unit.len())),
            };
            if let Some(element) = closed {
                let (_, mark) = self.scopes.pop().expect("every open element has a scope");
                self.prefixes.truncate(mark);
                match self.stack.last_mut() {
                    Some(parent) => {
                        parent.push_child(element);
                    }
                    None => return Ok((element, reader.buffer_position() as usize)),
                }
            }
        }
    }

    /// Parses a lone start tag (the stream header, delivered by the scanner
    /// without its content): the element without children, the default
    /// namespace in scope inside it, and the prefixes it declares.
    pub(crate) fn build_start_tag(&mut self, unit: &str) -> Result<StartTag, TreeError> {
        self.stack.clear();
        self.scopes.clear();
        self.prefixes.clear();
        let mut reader = Reader::from_str(unit);
        let tag = match reader.read_event() {
            Ok(Event::Start(tag) | Event::Empty(tag)) => tag,
            Ok(_) => return Err((ErrorKind::NotOneElement, 0)),
            Err(e) => return Err((map_quick_xml_error(e), reader.error_position() as usize)),
        };
        let element = self.open(&tag, 0, &Bindings::default(), None)?;
        let (default_ns, _) = self.scopes.pop().expect("open() pushed a scope");
        let prefixes = self.prefixes.drain(..).map(|(p, uri)| (XmlStr::from(p), uri)).collect();
        Ok(StartTag { element, default_ns, prefixes })
    }

    /// In [`try_element`](Self::try_element): one more open element must
    /// stay within the depth limit.
    fn check_depth(&self, at: usize, limits: Option<&Limits>) -> Result<(), TreeError> {
        match limits {
            Some(limits) if self.stack.len() >= limits.max_depth() => {
                Err((ErrorKind::LimitExceeded { limit: Limit::Depth, max: limits.max_depth() }, at))
            }
            _ => Ok(()),
        }
    }

    /// Moves the text gathered so far into the open element (no copy).
    fn flush_text(&mut self, text: &mut String) {
        if !text.is_empty() {
            if let Some(parent) = self.stack.last_mut() {
                parent.push_node(Node::Text(std::mem::take(text)));
            } else {
                text.clear();
            }
        }
    }

    /// Opens an element: namespace declarations, name resolution, attributes.
    fn open(
        &mut self,
        tag: &BytesStart<'_>,
        at: usize,
        bindings: &Bindings,
        limits: Option<&Limits>,
    ) -> Result<Element, TreeError> {
        let qname = tag.name().into_inner();
        let raw = tag.attributes_raw();
        read_attributes(raw, &mut self.raw).map_err(|k| (k.unwrap_or_else(|| malformed(qname)), at))?;
        if let Some(limits) = limits {
            let over = |limit: Limit, max: usize| (ErrorKind::LimitExceeded { limit, max }, at);
            if qname.len() > limits.max_name_len() {
                return Err(over(Limit::NameLength, limits.max_name_len()));
            }
            if self.raw.len() > limits.max_attributes() {
                return Err(over(Limit::Attributes, limits.max_attributes()));
            }
            for (key, value) in &self.raw {
                if key.len() > limits.max_name_len() {
                    return Err(over(Limit::NameLength, limits.max_name_len()));
                }
                if value.len() > limits.max_attribute_value_len() {
                    return Err(over(Limit::AttributeValueLength, limits.max_attribute_value_len()));
                }
            }
        }

        // Namespace declarations first: they apply to the element's own name
        // and attributes.
        let mark = self.prefixes.len();
        let mut default_ns = match self.scopes.last() {
            Some((d, _)) => d.clone(),
            None => bindings.default_ns.clone(),
        };
        let mut plain = 0;
        for i in 0..self.raw.len() {
            let (key, value) = self.raw[i].clone();
            let key = &raw[key];
            if !key.starts_with("xmlns") {
                plain += 1;
            } else if key == "xmlns" {
                let uri = decode_value(&raw[value]).map_err(|k| (k, at))?;
                if uri == ns::XML || uri == ns::XMLNS {
                    return Err((ErrorKind::ForbiddenNamespaceDeclaration(String::new()), at));
                }
                default_ns = self.cache.get(&uri);
            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                let uri = decode_value(&raw[value]).map_err(|k| (k, at))?;
                let forbidden = !is_ncname(prefix)
                    || prefix == "xmlns"
                    || uri.is_empty()
                    || uri == ns::XMLNS
                    || ((prefix == "xml") != (uri == ns::XML));
                if forbidden {
                    return Err((ErrorKind::ForbiddenNamespaceDeclaration(prefix.into()), at));
                }
                if prefix != "xml" {
                    let uri = self.cache.get(&uri);
                    self.prefixes.push((prefix.into(), uri));
                }
            } else {
                plain += 1;
            }
        }

        let (prefix, local) = qualified_name(qname).ok_or_else(|| (ErrorKind::InvalidName(qname.into()), at))?;
        let ns = match prefix {
            None => default_ns.clone(),
            Some(p) => {
                let ns = self.resolve(p, bindings).ok_or_else(|| (ErrorKind::UnboundPrefix(p.into()), at))?;
                // RFC 6120 §4.8.5: no prefix for the stream's content
                // namespace, when that is `jabber:client` or `jabber:server`:
                // the default declared on the header, or, on a prefix-free
                // stream, the namespace of the first-level element (this
                // one, or the one it is in). Other content namespaces, such
                // as a `jabber:client` message forwarded inside a
                // `jabber:server` stanza, may carry one.
                let content = match ContentNamespace::from_uri(&bindings.default_ns) {
                    Some(_) => &*bindings.default_ns,
                    None => self.stack.first().map_or(&*ns, |first| first.ns()),
                };
                if *ns == *content
                    && let Some(content_ns @ (ContentNamespace::Client | ContentNamespace::Server)) =
                        ContentNamespace::from_uri(&ns)
                {
                    let kind = ErrorKind::PrefixedContentNamespace {
                        prefix: p.into(),
                        name: local.to_string(),
                        ns: content_ns,
                    };
                    return Err((kind, at));
                }
                ns
            }
        };

        let mut attrs = Vec::with_capacity(plain);
        if plain > 0 {
            for i in 0..self.raw.len() {
                let (key, value) = self.raw[i].clone();
                let key = &raw[key];
                if key == "xmlns" || key.starts_with("xmlns:") {
                    continue;
                }
                let (prefix, local) = qualified_name(key).ok_or_else(|| (ErrorKind::InvalidName(key.into()), at))?;
                let attr_ns = match prefix {
                    None => None,
                    Some(p) => Some(self.resolve(p, bindings).ok_or_else(|| (ErrorKind::UnboundPrefix(p.into()), at))?),
                };
                if attr_ns.is_some()
                    && attrs.iter().any(|a: &Attribute| a.ns() == attr_ns.as_deref() && a.name() == &*local)
                {
                    return Err((ErrorKind::DuplicateAttribute(key.into()), at));
                }
                let value = decode_value(&raw[value]).map_err(|k| (k, at))?;
                let value = match value {
                    Cow::Borrowed(v) => names::value(v),
                    Cow::Owned(v) => XmlStr::from(v),
                };
                attrs.push(Attribute::from_parts(attr_ns, local, value));
            }
        }
        self.scopes.push((default_ns, mark));
        Ok(Element::from_parts(local, ns, attrs))
    }

    fn resolve(&self, prefix: &str, bindings: &Bindings) -> Option<XmlStr> {
        if prefix == "xml" {
            return Some(XmlStr::from(ns::XML));
        }
        if let Some((_, uri)) = self.prefixes.iter().rev().find(|(p, _)| &**p == prefix) {
            return Some(uri.clone());
        }
        bindings.lookup(prefix).cloned()
    }
}

/// Whether `bytes` (which start with an element) may hold the whole
/// element: its end is `</...>` or `/>`. A cheap test that spares a stanza
/// cut short by a read the cost of a reading attempt bound to fail.
///
/// Bytes that end with `>` (as reads of whole stanzas do) are taken as they
/// are, without a search. Otherwise the search visits tag boundaries only (memchr skips text, base64 and
/// all, with SIMD) and stops at the first end tag or empty-element tag,
/// which lies within the element if it is complete: it never runs on
/// through the stanzas that follow. (Measured: skipping from `/` to `/`
/// costs base64 a fifth more, every `/` of the data being a stop; a
/// substring search costs more per stanza; a reverse search, which has no
/// SIMD skip, cost more than it saved.)
fn may_be_whole(bytes: &[u8]) -> bool {
    if bytes.trim_ascii_end().ends_with(b">") {
        return true;
    }
    memchr::memchr2_iter(b'<', b'>', bytes).any(|i| match bytes[i] {
        b'<' => bytes.get(i + 1) == Some(&b'/'),
        _ => i > 0 && bytes[i - 1] == b'/',
    })
}

/// Reads the attributes of a start tag (`raw`: what follows the element's
/// name, up to but not including `>` or `/>`) into key and value ranges of
/// `raw`, following XML 1.0 §3.1: `(S Name Eq AttValue)* S?`, whitespace
/// required between attributes, no `<` in values, no name twice (by
/// qualified name; namespace-resolved duplicates are found by the caller).
/// `Err(None)` is a malformed tag; `Err(Some(_))` a more precise error.
fn read_attributes(raw: &str, out: &mut Vec<(Range<usize>, Range<usize>)>) -> Result<(), Option<ErrorKind>> {
    out.clear();
    let b = raw.as_bytes();
    let mut i = 0;
    loop {
        let spaced = skip_space(b, &mut i);
        if i == b.len() {
            return Ok(());
        }
        if !spaced {
            return Err(None);
        }
        let key_start = i;
        while i < b.len() && !matches!(b[i], b'=' | b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        let key = key_start..i;
        skip_space(b, &mut i);
        if key.is_empty() || b.get(i) != Some(&b'=') {
            return Err(None);
        }
        i += 1;
        skip_space(b, &mut i);
        let quote = match b.get(i) {
            Some(&q @ (b'\'' | b'"')) => q,
            _ => return Err(None),
        };
        let value_start = i + 1;
        let len = memchr::memchr(quote, &b[value_start..]).ok_or(None)?;
        let value = value_start..value_start + len;
        if memchr::memchr(b'<', &b[value.clone()]).is_some() {
            return Err(None);
        }
        i = value.end + 1;
        if out.iter().any(|(other, _)| raw[other.clone()] == raw[key.clone()]) {
            return Err(Some(ErrorKind::DuplicateAttribute(raw[key].into())));
        }
        out.push((key, value));
    }
}

/// Skips XML whitespace (XML 1.0 §2.3 `S`); whether there was any.
fn skip_space(b: &[u8], i: &mut usize) -> bool {
    let start = *i;
    while *i < b.len() && matches!(b[*i], b' ' | b'\t' | b'\n' | b'\r') {
        *i += 1;
    }
    *i > start
}

fn malformed(tag: &str) -> ErrorKind {
    ErrorKind::MalformedAttribute(tag.into())
}

/// Splits and checks a qualified name; the local part comes interned (a
/// well-known name is known to be valid and is not checked again).
fn qualified_name(qname: &str) -> Option<(Option<&str>, XmlStr)> {
    if let Some(known) = well_known(qname) {
        return Some((None, XmlStr::from(known)));
    }
    let (prefix, local) = split_qname(qname)?;
    Some((prefix, intern(local)))
}

/// Where `]]>` occurs in character data (XML 1.0 §2.4 forbids it). `>` is
/// rare in text, so look for it first.
fn find_cdata_end(text: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'>', text).find(|&i| i >= 2 && &text[i - 2..i] == b"]]").map(|i| i - 2)
}

/// Appends text with line endings normalized (XML 1.0 §2.11).
fn push_normalized(out: &mut String, raw: &str) {
    if memchr::memchr(b'\r', raw.as_bytes()).is_none() {
        out.push_str(raw);
        return;
    }
    let mut rest = raw;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
}

/// Decodes an attribute value: references resolved, whitespace normalized
/// (XML 1.0 §3.3.3: each literal tab, LF, CR or CR LF becomes a space).
pub(crate) fn decode_value(raw: &str) -> Result<Cow<'_, str>, ErrorKind> {
    let b = raw.as_bytes();
    // Without an early exit the compiler vectorizes the test; most values
    // are short and need nothing.
    if !b.iter().fold(false, |found, &c| found | matches!(c, b'&' | b'\t' | b'\n' | b'\r')) {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let (mut i, mut run) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'&' => {
                out.push_str(&raw[run..i]);
                let len = raw[i + 1..].find(';').ok_or(ErrorKind::MalformedReference)?;
                out.push(resolve_name(&raw[i + 1..i + 1 + len])?);
                i += len + 2;
                run = i;
            }
            b'\t' | b'\n' | b'\r' => {
                out.push_str(&raw[run..i]);
                out.push(' ');
                if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                i += 1;
                run = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&raw[run..]);
    Ok(Cow::Owned(out))
}

fn resolve_reference(r: &str) -> Result<char, ErrorKind> {
    resolve_name(r)
}

/// Resolves the name between `&` and `;`: one of the five predefined
/// entities, or a character reference to a character XML allows.
fn resolve_name(name: &str) -> Result<char, ErrorKind> {
    match name {
        "lt" => return Ok('<'),
        "gt" => return Ok('>'),
        "amp" => return Ok('&'),
        "apos" => return Ok('\''),
        "quot" => return Ok('"'),
        _ => {}
    }
    if let Some(num) = name.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix('x') {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return Err(ErrorKind::MalformedReference);
        }
        let code = u32::from_str_radix(digits, radix).map_err(|_| ErrorKind::MalformedReference)?;
        return match char::from_u32(code) {
            Some(c) if is_xml_char(c) => Ok(c),
            _ => Err(ErrorKind::IllegalCharRef(code)),
        };
    }
    if is_ncname(name) { Err(ErrorKind::EntityReference(name.into())) } else { Err(ErrorKind::MalformedReference) }
}

fn map_attr_error(e: AttrError, tag: &str) -> ErrorKind {
    match e {
        AttrError::Duplicated(..) => ErrorKind::DuplicateAttribute(tag.into()),
        _ => ErrorKind::MalformedAttribute(tag.into()),
    }
}

fn map_quick_xml_error(e: QError) -> ErrorKind {
    match e {
        QError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            ErrorKind::MismatchedEndTag { expected, found }
        }
        QError::IllFormed(IllFormedError::UnmatchedEndTag(found)) => {
            ErrorKind::MismatchedEndTag { expected: String::new(), found }
        }
        QError::IllFormed(_) => ErrorKind::MalformedReference,
        QError::InvalidAttr(e) => map_attr_error(e, ""),
        QError::Escape(_) => ErrorKind::MalformedReference,
        _ => ErrorKind::Unexpected { found: "malformed markup", context: "an element" },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Bindings {
        Bindings {
            default_ns: XmlStr::from(ns::CLIENT),
            prefixes: vec![(XmlStr::from("stream"), XmlStr::from(ns::STREAM))],
        }
    }

    fn build(unit: &str) -> Result<Element, TreeError> {
        TreeBuilder::default().build(unit.as_bytes(), &client())
    }

    #[test]
    fn only_bytes_with_an_end_may_hold_a_whole_element() {
        assert!(may_be_whole(b"<a/>"));
        assert!(may_be_whole(b"<a><b> \n"), "ends with '>': worth a try");
        assert!(may_be_whole(b"<a/><b"), "the end is found when not last");
        assert!(may_be_whole(b"<a><b>x</b>"), "necessary, not sufficient");
        assert!(may_be_whole(b"<a>x</a>"));
        assert!(!may_be_whole(b"<iq type='set'><data>AAAA/+AAAA"));
        assert!(!may_be_whole(b"<a"));
        assert!(!may_be_whole(b"<a href='http://x/y'>te"), "a '/' alone is no end");
    }

    #[test]
    fn resolves_namespaces() {
        let e = build(
            "<message to='a@b'><body>hi</body><x xmlns='jabber:x:data' xmlns:p='urn:p' p:q='1' xml:lang='en'>\
             <p:y/><z xmlns=''/></x><stream:error/></message>",
        )
        .unwrap();
        assert!(e.is("message", ns::CLIENT));
        assert_eq!(e.get_child("body", ns::CLIENT).unwrap().text(), "hi");
        let x = e.get_child("x", "jabber:x:data").unwrap();
        assert_eq!(x.attr_ns(Some("urn:p"), "q"), Some("1"));
        assert_eq!(x.lang(), Some("en"));
        assert!(x.has_child("y", "urn:p"));
        assert!(x.has_child("z", ""));
        assert!(e.has_child("error", ns::STREAM));
        assert_eq!(x.attrs().len(), 2, "declarations are not attributes");
    }

    #[test]
    fn decodes_references_and_normalizes() {
        let e = build("<a b='x&#9;y\tz\r\nw&amp;&lt;&#x41;'>1&lt;2&#x1F600;\r\n3\r4<![CDATA[<&>\r\n]]></a>").unwrap();
        assert_eq!(e.attr("b"), Some("x\ty z w&<A"));
        assert_eq!(e.text(), "1<2\u{1F600}\n3\n4<&>\n");
    }

    #[test]
    fn errors_are_typed() {
        let kind = |s: &str| build(s).unwrap_err().0;
        assert_eq!(kind("<a>&foo;</a>"), ErrorKind::EntityReference("foo".into()));
        assert_eq!(kind("<a b='&foo;'/>"), ErrorKind::EntityReference("foo".into()));
        assert_eq!(kind("<a>&#0;</a>"), ErrorKind::IllegalCharRef(0));
        assert_eq!(kind("<a>&#xD800;</a>"), ErrorKind::IllegalCharRef(0xD800));
        assert_eq!(kind("<a>&#X41;</a>"), ErrorKind::MalformedReference);
        assert_eq!(kind("<a>&#;</a>"), ErrorKind::MalformedReference);
        assert_eq!(kind("<a>&#99999999999;</a>"), ErrorKind::MalformedReference);
        assert_eq!(kind("<a>]]></a>"), ErrorKind::CdataEndInText);
        assert_eq!(kind("<p:a/>"), ErrorKind::UnboundPrefix("p".into()));
        assert_eq!(kind("<a p:b='1'/>"), ErrorKind::UnboundPrefix("p".into()));
        assert_eq!(kind("<a b='1' b='2'/>"), ErrorKind::DuplicateAttribute("b".into()));
        assert_eq!(
            kind("<a xmlns:p='urn:x' xmlns:q='urn:x' p:b='1' q:b='2'/>"),
            ErrorKind::DuplicateAttribute("q:b".into())
        );
        assert_eq!(kind("<a xmlns:p=''/>"), ErrorKind::ForbiddenNamespaceDeclaration("p".into()));
        assert_eq!(kind("<a xmlns:xml='urn:x'/>"), ErrorKind::ForbiddenNamespaceDeclaration("xml".into()));
        assert_eq!(kind("<a xmlns:xmlns='urn:x'/>"), ErrorKind::ForbiddenNamespaceDeclaration("xmlns".into()));
        assert!(matches!(kind("<a><b></a></b>"), ErrorKind::MismatchedEndTag { .. }));
        assert_eq!(kind("<1a/>"), ErrorKind::InvalidName("1a".into()));
        assert_eq!(kind("<a:b:c/>"), ErrorKind::InvalidName("a:b:c".into()));
        assert_eq!(kind("<a>\u{1}</a>"), ErrorKind::IllegalChar('\u{1}'));
        assert_eq!(build("<a>\u{FFFF}</a>").unwrap_err(), (ErrorKind::IllegalChar('\u{FFFF}'), 3));
        assert_eq!(check_text(b"<a>\xC0\x80</a>").unwrap_err(), (ErrorKind::InvalidUtf8, 3));
        assert_eq!(check_text(b"<a>\xED\xA0\x80</a>").unwrap_err(), (ErrorKind::InvalidUtf8, 3));
    }
}
