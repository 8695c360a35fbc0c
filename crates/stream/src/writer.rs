//! Writing a stream: header, first-level elements, close.

use crate::chars::is_ncname;
use crate::element::Element;
use crate::error::{Error, ErrorKind};
use crate::header::{ContentNamespace, StreamHeader};
use crate::ns;
use crate::serialize::{Context, Output, write_attr_value, write_element};
use crate::xml_str::XmlStr;

/// Writes one direction of an XML stream into a buffer: the header, the
/// first-level elements, the close tag (RFC 6120 §4).
///
/// Elements are written in the namespace context of the header: a stanza in
/// the stream's content namespace does not repeat `xmlns='jabber:client'`,
/// and elements in the stream namespace use the `stream:` prefix. Nothing
/// half-written is ever left in the buffer: on error it is restored.
///
/// ```
/// use jabber_stream::{ContentNamespace, Element, StreamHeader, StreamWriter, Version};
/// let mut writer = StreamWriter::new();
/// let mut out = Vec::new();
/// let header = StreamHeader::new(ContentNamespace::Client)
///     .with_to("example.com".parse().unwrap())
///     .with_version(Version::V1_0);
/// writer.header(&header, &mut out)?;
/// writer.element(&Element::new("presence", "jabber:client"), &mut out)?;
/// writer.close(&mut out);
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     "<?xml version='1.0'?><stream:stream xmlns='jabber:client' \
///      xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>\
///      <presence/></stream:stream>"
/// );
/// # Ok::<(), jabber_stream::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct StreamWriter {
    declaration: bool,
    default_ns: XmlStr,
    prefixes: Vec<(XmlStr, XmlStr)>,
    open: bool,
}

impl Default for StreamWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl StreamWriter {
    /// A writer that starts each stream with the XML declaration
    /// (`<?xml version='1.0'?>`, RFC 6120 §11.5 says it SHOULD be sent).
    pub fn new() -> Self {
        StreamWriter { declaration: true, default_ns: XmlStr::default(), prefixes: Vec::new(), open: false }
    }

    /// Whether to write the XML declaration before each header.
    pub fn with_declaration(mut self, declaration: bool) -> Self {
        self.declaration = declaration;
        self
    }

    /// Whether a stream has been opened by [`header`](StreamWriter::header)
    /// and not closed.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Writes a stream header and makes its namespaces the context of the
    /// elements written next. Also the way to open the new stream after a
    /// restart (RFC 6120 §4.3.3).
    pub fn header<O: Output + ?Sized>(&mut self, header: &StreamHeader, out: &mut O) -> Result<(), Error> {
        let start = out.len();
        let result = self.write_header(header, out);
        if result.is_err() {
            out.truncate(start);
        }
        result
    }

    fn write_header<O: Output + ?Sized>(&mut self, header: &StreamHeader, out: &mut O) -> Result<(), Error> {
        let mut prefixes = vec![(XmlStr::from("stream"), XmlStr::from(ns::STREAM))];
        for (prefix, uri) in &header.namespaces {
            if !is_ncname(prefix) || prefix == "stream" || prefix.starts_with("xml") || uri.is_empty() {
                return Err(Error::new(ErrorKind::ForbiddenNamespaceDeclaration(prefix.clone()), 0));
            }
            prefixes.push((XmlStr::from(prefix.clone()), XmlStr::from(uri.clone())));
        }
        if self.declaration {
            out.put(b"<?xml version='1.0'?>");
        }
        out.put(b"<stream:stream");
        if let Some(content_ns) = header.content_ns {
            out.put(b" xmlns='");
            out.put(content_ns.as_str().as_bytes());
            out.put(b"'");
        }
        out.put(b" xmlns:stream='");
        out.put(ns::STREAM.as_bytes());
        out.put(b"'");
        for (prefix, uri) in &prefixes[1..] {
            out.put(b" xmlns:");
            out.put(prefix.as_bytes());
            out.put(b"='");
            write_attr_value(out, uri)?;
            out.put(b"'");
        }
        let mut attr = |name: &str, value: &str| -> Result<(), Error> {
            out.put(b" ");
            out.put(name.as_bytes());
            out.put(b"='");
            write_attr_value(out, value)?;
            out.put(b"'");
            Ok(())
        };
        if let Some(from) = &header.from {
            attr("from", from.as_str())?;
        }
        if let Some(to) = &header.to {
            attr("to", to.as_str())?;
        }
        if let Some(id) = &header.id {
            attr("id", id)?;
        }
        if let Some(version) = header.version {
            attr("version", &version.to_string())?;
        }
        if let Some(lang) = &header.lang {
            attr("xml:lang", lang)?;
        }
        for extra in &header.attributes {
            if !is_ncname(extra.name()) {
                return Err(Error::new(ErrorKind::InvalidName(extra.name().into()), 0));
            }
            let qname = match extra.ns() {
                None => extra.name().to_owned(),
                Some(ns::XML) => format!("xml:{}", extra.name()),
                Some(uri) => match prefixes.iter().find(|(_, u)| &**u == uri) {
                    Some((p, _)) => format!("{p}:{}", extra.name()),
                    None => {
                        return Err(Error::new(ErrorKind::UnboundPrefix(uri.into()), 0));
                    }
                },
            };
            attr(&qname, extra.value())?;
        }
        out.put(b">");
        self.default_ns = XmlStr::from(header.content_ns.map_or("", ContentNamespace::as_str));
        self.prefixes = prefixes;
        self.open = true;
        Ok(())
    }

    /// Writes a first-level element (a stanza, `<stream:features/>`, ...) in
    /// the context of the open stream; before any header, as a standalone
    /// element.
    pub fn element<O: Output + ?Sized>(&self, element: &Element, out: &mut O) -> Result<(), Error> {
        write_element(element, out, Context { default_ns: &self.default_ns, prefixes: &self.prefixes })
    }

    /// Writes `</stream:stream>` (RFC 6120 §4.4).
    pub fn close<O: Output + ?Sized>(&mut self, out: &mut O) {
        out.put(b"</stream:stream>");
        self.open = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::element::Attribute;
    use crate::header::ContentNamespace;

    #[test]
    fn server_header_with_dialback_and_extra_attributes() {
        let header = StreamHeader {
            attributes: vec![Attribute::with_ns("urn:x", "hint", "a'b"), Attribute::new("foo", "1")],
            ..StreamHeader::new(ContentNamespace::Server)
                .with_namespace("db", ns::DIALBACK)
                .with_namespace("x", "urn:x")
                .with_from("a.example".parse().unwrap())
                .with_id("abc")
                .with_lang("en")
        };
        let mut w = StreamWriter::new().with_declaration(false);
        let mut out = Vec::new();
        w.header(&header, &mut out).unwrap();
        let db = Element::builder("result", ns::DIALBACK).attr("to", "b.example").text("key").build();
        w.element(&db, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' \
             xmlns:db='jabber:server:dialback' xmlns:x='urn:x' from='a.example' id='abc' xml:lang='en' \
             x:hint='a&apos;b' foo='1'><db:result to='b.example'>key</db:result>"
        );
    }

    /// RFC 6120 §4.8.2 prefix-free canonicalization: no default namespace
    /// on the header, so every first-level element declares its own.
    #[test]
    fn prefix_free_header_declares_the_namespace_on_each_element() {
        let mut out = Vec::new();
        let mut writer = StreamWriter::new();
        writer.header(&StreamHeader::prefix_free().with_to("example.com".parse().unwrap()), &mut out).unwrap();
        let message = Element::builder("message", ns::CLIENT).child(Element::new("body", ns::CLIENT)).build();
        writer.element(&message, &mut out).unwrap();
        writer.element(&Element::new("features", ns::STREAM), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' to='example.com'>\
             <message xmlns='jabber:client'><body/></message><stream:features/>"
        );
    }

    #[test]
    fn bad_header_leaves_output_untouched() {
        let header = StreamHeader::new(ContentNamespace::Client).with_id("\u{0}");
        let mut out = b"x".to_vec();
        let mut w = StreamWriter::new();
        assert!(w.header(&header, &mut out).is_err());
        assert_eq!(out, b"x");
        assert!(!w.is_open());
    }
}
