//! Serialization of elements: escaping, namespace declarations, validation.
//!
//! The serializer writes straight into the output buffer (one copy of each
//! string) and checks, in the same pass that escapes, that every character
//! can be carried by XML 1.0 and every name is an XML name. On error the
//! output is truncated back to where it was, so nothing half-written ever
//! reaches the wire.

use std::fmt;

use bytes::BytesMut;

use crate::chars::is_ncname;
use crate::element::{Element, Node};
use crate::error::{Error, ErrorKind};
use crate::ns;
use crate::xml_str::XmlStr;

mod sealed {
    pub trait Sealed {}
    impl Sealed for Vec<u8> {}
    impl Sealed for bytes::BytesMut {}
}

/// A buffer the serializer writes into: `Vec<u8>` or `BytesMut`.
///
/// This trait is sealed; it exists so that one serializer writes into either
/// without an intermediate copy.
pub trait Output: sealed::Sealed {
    /// Appends bytes.
    fn put(&mut self, bytes: &[u8]);
    /// The current length.
    fn len(&self) -> usize;
    /// Whether the buffer is empty.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Truncates back to `len`.
    fn truncate(&mut self, len: usize);
}

impl Output for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes)
    }
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn truncate(&mut self, len: usize) {
        Vec::truncate(self, len)
    }
}

impl Output for BytesMut {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes)
    }
    fn len(&self) -> usize {
        BytesMut::len(self)
    }
    fn truncate(&mut self, len: usize) {
        BytesMut::truncate(self, len)
    }
}

/// The namespace context an element is written into: the default namespace
/// in scope and the prefixes declared by ancestors (e.g. on the stream header).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    pub(crate) default_ns: &'a str,
    pub(crate) prefixes: &'a [(XmlStr, XmlStr)],
}

impl Context<'_> {
    /// A standalone element: no default namespace, only `xml` bound.
    pub(crate) const EMPTY: Context<'static> = Context { default_ns: "", prefixes: &[] };
}

/// Writes `element` into `out` in context `ctx`. On error `out` is restored.
pub(crate) fn write_element<O: Output + ?Sized>(element: &Element, out: &mut O, ctx: Context<'_>) -> Result<(), Error> {
    let start = out.len();
    let mut w = Writer {
        out,
        lossy: false,
        prefixes: ctx.prefixes.iter().map(|(p, u)| (p.clone(), u.clone())).collect(),
        generated: 0,
    };
    match w.element(element, ctx.default_ns) {
        Ok(()) => Ok(()),
        Err(e) => {
            w.out.truncate(start);
            Err(e)
        }
    }
}

/// Writes `s` escaped for a single-quoted attribute value, refusing
/// characters XML cannot carry.
pub(crate) fn write_attr_value<O: Output + ?Sized>(out: &mut O, s: &str) -> Result<(), Error> {
    Writer { out, lossy: false, prefixes: Vec::new(), generated: 0 }.attr_value(s)
}

impl Element {
    /// Writes the element into `out` as a standalone element: it declares its
    /// own namespace (`<message xmlns='jabber:client'>`).
    ///
    /// Fails, leaving `out` as it was, when a name is not an XML name or a
    /// text or attribute value contains a character XML cannot carry (e.g.
    /// U+0000 or the ESC of terminal colour codes). To write stanzas into a
    /// stream without repeating the stream's namespace, use
    /// [`StreamWriter`](crate::StreamWriter).
    pub fn write_to<O: Output + ?Sized>(&self, out: &mut O) -> Result<(), Error> {
        write_element(self, out, Context::EMPTY)
    }

    /// The element as standalone XML bytes; see [`write_to`](Element::write_to).
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        self.write_to(&mut out)?;
        Ok(out)
    }
}

impl fmt::Display for Element {
    /// Standalone XML for humans (logs, debugging). Never fails: a character
    /// XML cannot carry is shown as U+FFFD and invalid names are written as
    /// they are. Use [`Element::write_to`] for the wire.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Vec::new();
        let mut w = Writer { out: &mut out, lossy: true, prefixes: Vec::new(), generated: 0 };
        // In lossy mode the writer does not fail.
        let _ = w.element(self, "");
        f.write_str(&String::from_utf8_lossy(&out))
    }
}

struct Writer<'o, O: Output + ?Sized> {
    out: &'o mut O,
    lossy: bool,
    /// Prefixes in scope (innermost last): inherited ones, then generated ones.
    prefixes: Vec<(XmlStr, XmlStr)>,
    generated: usize,
}

impl<O: Output + ?Sized> Writer<'_, O> {
    fn element(&mut self, el: &Element, default_ns: &str) -> Result<(), Error> {
        self.check_name(el.name())?;
        let scope = self.prefixes.len();

        // Element name: the default namespace, a prefix declared by the
        // context (`stream:`), or a new default namespace declaration.
        let prefix = if el.ns() == default_ns { None } else { self.prefix_for(el.ns()).cloned() };
        let declares_default = el.ns() != default_ns && prefix.is_none();
        let inner_default = if declares_default { el.ns() } else { default_ns };

        self.out.put(b"<");
        if let Some(p) = &prefix {
            self.out.put(p.as_bytes());
            self.out.put(b":");
        }
        self.out.put(el.name().as_bytes());
        if declares_default {
            self.out.put(b" xmlns='");
            self.attr_value(el.ns())?;
            self.out.put(b"'");
        }

        for attr in el.attrs() {
            self.check_name(attr.name())?;
            self.out.put(b" ");
            match attr.ns_str() {
                None => {
                    if attr.name() == "xmlns" && !self.lossy {
                        return Err(Error::new(ErrorKind::InvalidName("xmlns".into()), 0));
                    }
                }
                Some(uri) if &**uri == ns::XML => self.out.put(b"xml:"),
                Some(uri) if &**uri == ns::XMLNS && !self.lossy => {
                    return Err(Error::new(ErrorKind::InvalidName(attr.name().into()), 0));
                }
                Some(uri) => {
                    let p = match self.prefix_for(uri) {
                        Some(p) => p.clone(),
                        None => {
                            let p = self.generate_prefix();
                            self.out.put(b"xmlns:");
                            self.out.put(p.as_bytes());
                            self.out.put(b"='");
                            self.attr_value(uri)?;
                            self.out.put(b"' ");
                            self.prefixes.push((p.clone(), uri.clone()));
                            p
                        }
                    };
                    self.out.put(p.as_bytes());
                    self.out.put(b":");
                }
            }
            self.out.put(attr.name().as_bytes());
            self.out.put(b"='");
            self.attr_value(attr.value())?;
            self.out.put(b"'");
        }

        if el.nodes().is_empty() {
            self.out.put(b"/>");
        } else {
            self.out.put(b">");
            for node in el.nodes() {
                match node {
                    Node::Text(t) => self.text(t)?,
                    Node::Element(child) => self.element(child, inner_default)?,
                }
            }
            self.out.put(b"</");
            if let Some(p) = &prefix {
                self.out.put(p.as_bytes());
                self.out.put(b":");
            }
            self.out.put(el.name().as_bytes());
            self.out.put(b">");
        }
        self.prefixes.truncate(scope);
        Ok(())
    }

    fn prefix_for(&self, uri: &str) -> Option<&XmlStr> {
        if uri.is_empty() {
            return None;
        }
        self.prefixes.iter().rev().find(|(_, u)| &**u == uri).map(|(p, _)| p)
    }

    fn generate_prefix(&mut self) -> XmlStr {
        loop {
            let candidate = format!("ns{}", self.generated);
            self.generated += 1;
            if !self.prefixes.iter().any(|(p, _)| **p == *candidate) {
                return XmlStr::from(candidate);
            }
        }
    }

    fn check_name(&self, name: &str) -> Result<(), Error> {
        if self.lossy || is_ncname(name) { Ok(()) } else { Err(Error::new(ErrorKind::InvalidName(name.into()), 0)) }
    }

    fn text(&mut self, s: &str) -> Result<(), Error> {
        self.escaped(s, &TEXT_SPECIAL)
    }

    fn attr_value(&mut self, s: &str) -> Result<(), Error> {
        self.escaped(s, &ATTR_SPECIAL)
    }

    /// Copies `s`, escaping the bytes the table flags and refusing
    /// characters XML cannot carry.
    fn escaped(&mut self, s: &str, special: &[bool; 256]) -> Result<(), Error> {
        let b = s.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if !special[c as usize] {
                i += 1;
                continue;
            }
            let replacement: &[u8] = match c {
                b'&' => b"&amp;",
                b'<' => b"&lt;",
                b'>' => b"&gt;",
                b'\'' => b"&apos;",
                b'\t' => b"&#9;",
                b'\n' => b"&#10;",
                b'\r' => b"&#13;",
                0xEF => {
                    // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
                    if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) {
                        if !self.lossy {
                            let ch = if b[i + 2] == 0xBE { '\u{FFFE}' } else { '\u{FFFF}' };
                            return Err(Error::new(ErrorKind::IllegalChar(ch), i as u64));
                        }
                        self.out.put(&b[run..i]);
                        self.out.put("\u{FFFD}".as_bytes());
                        i += 3;
                        run = i;
                    } else {
                        i += 1;
                    }
                    continue;
                }
                _ => {
                    // A C0 control character other than tab, LF, CR.
                    if !self.lossy {
                        return Err(Error::new(ErrorKind::IllegalChar(c as char), i as u64));
                    }
                    "\u{FFFD}".as_bytes()
                }
            };
            self.out.put(&b[run..i]);
            self.out.put(replacement);
            i += 1;
            run = i;
        }
        self.out.put(&b[run..]);
        Ok(())
    }
}

const fn special_table(attr: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    if !attr {
        // Tab and LF are fine in text; CR is escaped so that line-ending
        // normalization (XML 1.0 §2.11) does not turn it into LF.
        t[b'\t' as usize] = false;
        t[b'\n' as usize] = false;
        t[b'>' as usize] = true; // guards against "]]>"
    } else {
        // In attributes tab, LF and CR are escaped so that attribute-value
        // normalization (XML 1.0 §3.3.3) keeps them.
        t[b'\'' as usize] = true;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[0xEF] = true;
    t
}

static TEXT_SPECIAL: [bool; 256] = special_table(false);
static ATTR_SPECIAL: [bool; 256] = special_table(true);

#[cfg(test)]
mod tests {
    use super::*;

    fn xml(e: &Element) -> String {
        String::from_utf8(e.to_bytes().unwrap()).unwrap()
    }

    #[test]
    fn escapes_text_and_attributes() {
        let e = Element::builder("body", "jabber:client")
            .attr("a", "x'y\"<&>\t\n\r")
            .text("1 < 2 && 3 > 2 ]]> \r\n\t'\"")
            .build();
        assert_eq!(
            xml(&e),
            "<body xmlns='jabber:client' a='x&apos;y\"&lt;&amp;>&#9;&#10;&#13;'>\
             1 &lt; 2 &amp;&amp; 3 &gt; 2 ]]&gt; &#13;\n\t'\"</body>"
        );
    }

    #[test]
    fn declares_namespaces_only_where_needed() {
        let e = Element::builder("iq", "jabber:client")
            .attr("type", "get")
            .child(
                Element::builder("query", "http://jabber.org/protocol/disco#info")
                    .child(Element::new("identity", "http://jabber.org/protocol/disco#info"))
                    .child(Element::new("x", "")),
            )
            .build();
        assert_eq!(
            xml(&e),
            "<iq xmlns='jabber:client' type='get'>\
             <query xmlns='http://jabber.org/protocol/disco#info'><identity/><x xmlns=''/></query></iq>"
        );
    }

    #[test]
    fn namespaced_attributes_get_prefixes() {
        let e = Element::builder("a", "urn:a")
            .lang("en")
            .attr_ns("urn:b", "x", "1")
            .child(Element::builder("c", "urn:a").attr_ns("urn:b", "y", "2"))
            .build();
        assert_eq!(xml(&e), "<a xmlns='urn:a' xml:lang='en' xmlns:ns0='urn:b' ns0:x='1'><c ns0:y='2'/></a>");
    }

    #[test]
    fn context_prefixes_are_used_for_elements() {
        let prefixes = [(XmlStr::from("stream"), XmlStr::from(ns::STREAM))];
        let ctx = Context { default_ns: ns::CLIENT, prefixes: &prefixes };
        let features = Element::builder("features", ns::STREAM)
            .child(Element::new("bind", "urn:ietf:params:xml:ns:xmpp-bind"))
            .build();
        let mut out = Vec::new();
        write_element(&features, &mut out, ctx).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>"
        );
        let mut out = Vec::new();
        write_element(&Element::new("message", ns::CLIENT), &mut out, ctx).unwrap();
        assert_eq!(out, b"<message/>");
    }

    #[test]
    fn refuses_what_xml_cannot_carry_and_restores_output() {
        let cases = [
            Element::builder("body", "jabber:client").text("colour \u{1b}[31m").build(),
            Element::builder("body", "jabber:client").attr("a", "\u{0}").build(),
            Element::builder("body", "jabber:client").text("\u{FFFE}").build(),
            Element::new("1bad", "urn:x"),
            Element::builder("a", "urn:x").attr("b c", "1").build(),
            Element::builder("a", "urn:x").attr("xmlns", "urn:y").build(),
        ];
        for e in cases {
            let mut out = b"keep".to_vec();
            let err = e.write_to(&mut out).unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::IllegalChar(_) | ErrorKind::InvalidName(_)), "{err:?}");
            assert_eq!(out, b"keep");
            // Display is lossy but never fails.
            assert!(!e.to_string().is_empty());
        }
        let e = Element::builder("body", "jabber:client").text("a\u{1b}b").build();
        assert_eq!(e.to_string(), "<body xmlns='jabber:client'>a\u{FFFD}b</body>");
    }

    #[test]
    fn writes_into_bytes_mut() {
        let mut out = BytesMut::new();
        Element::new("presence", ns::CLIENT).write_to(&mut out).unwrap();
        assert_eq!(&out[..], b"<presence xmlns='jabber:client'/>");
    }
}
