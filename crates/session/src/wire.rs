//! What every side of a stream shares: the parser for what comes in, the
//! writer and buffer for what goes out, and the stream-level errors.

use jabber_stanza::{Stanza, StreamError};
use jabber_stream::{
    Attribute, Condition, ContentNamespace, Element, Limits, StreamEvent, StreamHeader, StreamParser, StreamWriter,
    XmlStr,
};

use crate::error::{Error, UsageError};

/// What the peer sent next, once [`Wire::next_input`] has dealt with what
/// every machine treats alike.
pub(crate) enum Input {
    /// Nothing complete yet.
    Pending,
    /// A stream header (the first, or after a restart).
    Header(Box<StreamHeader>),
    /// A first-level element other than `<stream:error/>`.
    Element(Element),
    /// The peer closed its stream (`</stream:stream>`).
    PeerClosed,
    /// The peer sent a stream error (RFC 6120 §4.9); its close follows.
    PeerError(Box<StreamError>),
    /// The peer broke the stream: `answer` is the stream error it gets,
    /// `error` what the machine reports. Nothing after it can be trusted.
    Broken {
        /// The stream error for the peer.
        answer: Box<StreamError>,
        /// What the peer did.
        error: Error,
    },
}

/// One direction in, one direction out, for one connection.
#[derive(Debug)]
pub(crate) struct Wire {
    parser: StreamParser,
    writer: StreamWriter,
    content_ns: ContentNamespace,
    out: Vec<u8>,
    /// Whether `</stream:stream>` has been written.
    closed_out: bool,
    /// The `xml:lang` of the peer's stream header: the language of its
    /// stanzas that name none (RFC 6120 §8.1.5).
    peer_lang: Option<XmlStr>,
    /// Whether a stanza in another content namespace closes the stream
    /// (`invalid-namespace`, RFC 6120 §4.8.3): the server side of a client
    /// stream. A client reads what its server sends liberally (servers have
    /// sent `jabber:server` iqs to clients); the stanza's `ns` says so.
    strict_content_ns: bool,
    /// Whether our header for the current stream (since the last restart)
    /// is still to be written.
    needs_header: bool,
}

impl Wire {
    pub(crate) fn new(content_ns: ContentNamespace, limits: Limits) -> Self {
        Wire {
            parser: StreamParser::with_limits(limits),
            writer: StreamWriter::new(),
            content_ns,
            out: Vec::new(),
            closed_out: false,
            peer_lang: None,
            strict_content_ns: false,
            needs_header: true,
        }
    }

    /// Closes the stream on a stanza in another content namespace than
    /// this stream's (the server side of a client stream).
    pub(crate) fn strict_content_namespace(mut self) -> Self {
        self.strict_content_ns = true;
        self
    }

    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        self.parser.feed(bytes);
    }

    /// The next input, with the cases every machine handles the same way
    /// sorted out here (RFC 6120 §4.4 and §4.9): the peer's close, its
    /// stream errors, malformed input and elements in a content namespace
    /// that may not be there.
    pub(crate) fn next_input(&mut self) -> Input {
        match self.parser.next_event() {
            Ok(None) => Input::Pending,
            Ok(Some(StreamEvent::Header(h))) => {
                self.peer_lang = h.lang.clone().map(XmlStr::from);
                Input::Header(h)
            }
            Ok(Some(StreamEvent::Close)) => Input::PeerClosed,
            Ok(Some(StreamEvent::Element(e))) if e.is("error", jabber_stream::ns::STREAM) => {
                // RFC 6120 §4.9: whatever it holds (a legacy or unknown
                // condition, none at all), this is the peer's stream error,
                // never a fault of ours to answer; what was malformed in it
                // is in the error's `malformed`. (`parse` refuses only other
                // elements, which the guard excludes.)
                match StreamError::parse(&e) {
                    Ok(error) => Input::PeerError(Box::new(error)),
                    Err(_) => Input::PeerError(Box::new(StreamError::new(Condition::UndefinedCondition))),
                }
            }
            Ok(Some(StreamEvent::Element(e)))
                if self.strict_content_ns
                    && ContentNamespace::from_uri(e.ns()).is_some_and(|ns| ns != self.content_ns) =>
            {
                // RFC 6120 §4.8.3: a client-to-server stream carries
                // `jabber:client` only ("a client MUST NOT send stanzas
                // qualified by the 'jabber:server' namespace"); a prefix-free
                // stream declares it per element, so it is checked per element.
                let error = Error::ContentNamespace { name: e.name().into(), ns: e.ns().into() };
                Input::Broken { answer: Box::new(StreamError::new(Condition::InvalidNamespace)), error }
            }
            Ok(Some(StreamEvent::Element(e))) if not_a_stanza(&e) => {
                // RFC 6120 §4.9.3.24: in the content namespace, only stanzas.
                let error = Error::NotAStanza { name: e.name().into(), ns: e.ns().into() };
                Input::Broken { answer: Box::new(StreamError::new(Condition::UnsupportedStanzaType)), error }
            }
            Ok(Some(StreamEvent::Element(mut e))) => {
                // RFC 6120 §8.1.5: a stanza without `xml:lang` is in the
                // stream's language; it is stamped, so that the languages of
                // its texts are compared by meaning when it is read.
                if let Some(lang) = &self.peer_lang
                    && e.lang().is_none()
                    && Stanza::is_stanza(&e)
                {
                    e.set_attribute(Attribute::with_ns(jabber_stream::ns::XML, "lang", lang.clone()));
                }
                Input::Element(e)
            }
            // Nothing after malformed input can be trusted.
            Err(error) => {
                Input::Broken { answer: Box::new(StreamError::from_parse_error(&error)), error: Error::Stream(error) }
            }
        }
    }

    /// Restarts the incoming stream (RFC 6120 §4.3.3), keeping bytes
    /// received after the element that triggered the restart.
    pub(crate) fn restart_keeping(&mut self) {
        self.needs_header = true;
        self.parser.reset();
    }

    /// Restarts the incoming stream and drops buffered plaintext (STARTTLS,
    /// RFC 6120 §5.4.3.3).
    pub(crate) fn restart_discarding(&mut self) {
        self.needs_header = true;
        self.parser.reset_discarding();
    }

    /// Writes a stream header; the writer starts a new stream.
    pub(crate) fn header(&mut self, header: &StreamHeader) -> Result<(), UsageError> {
        self.writer = StreamWriter::new();
        self.writer.header(header, &mut self.out).map_err(UsageError::Unwritable)?;
        self.needs_header = false;
        Ok(())
    }

    pub(crate) fn element(&mut self, element: &Element) -> Result<(), UsageError> {
        if self.closed_out || !self.writer.is_open() {
            return Err(UsageError::NotReady);
        }
        self.writer.element(element, &mut self.out).map_err(UsageError::Unwritable)
    }

    /// Writes a single space between first-level elements: a whitespace
    /// keepalive (RFC 6120 §4.6.1).
    pub(crate) fn whitespace(&mut self) {
        if !self.closed_out && self.writer.is_open() {
            self.out.push(b' ');
        }
    }

    /// Writes a stanza in this stream's content namespace.
    pub(crate) fn stanza(&mut self, stanza: &Stanza) -> Result<(), UsageError> {
        let mut element = stanza.to_element();
        if let Some(from) = ContentNamespace::from_uri(element.ns()).filter(|ns| *ns != self.content_ns) {
            in_namespace(&mut element, from.as_str(), self.content_ns.as_str());
        }
        self.element(&element)
    }

    /// Writes `</stream:stream>` once.
    pub(crate) fn close(&mut self) {
        if !self.closed_out && self.writer.is_open() {
            self.writer.close(&mut self.out);
        }
        self.closed_out = true;
    }

    /// Closes the stream, with `error` first if given (RFC 6120 §4.9.1.1).
    /// If our header for this stream is not out yet, `header` is written
    /// first (§4.9.1.2: a stream error needs an open stream).
    pub(crate) fn close_with(&mut self, error: Option<&StreamError>, header: impl FnOnce() -> StreamHeader) {
        if self.closed_out {
            return;
        }
        if self.needs_header {
            // Writing a header we built ourselves cannot fail.
            let _ = self.header(&header());
        }
        if let Some(error) = error {
            let _ = self.writer.element(&error.to_element(), &mut self.out);
        }
        self.close();
    }

    pub(crate) fn take_transmit(&mut self) -> Option<Vec<u8>> {
        if self.out.is_empty() { None } else { Some(std::mem::take(&mut self.out)) }
    }
}

/// Whether a first-level element is in a content namespace but is not a
/// stanza (RFC 6120 §4.9.3.24), the component handshake of XEP-0114 (in
/// `jabber:component:accept`) aside.
fn not_a_stanza(e: &Element) -> bool {
    match ContentNamespace::from_uri(e.ns()) {
        None => false,
        Some(ContentNamespace::ComponentAccept) if e.name() == "handshake" => false,
        Some(_) => !Stanza::is_stanza(e),
    }
}

/// Moves `element` and its descendants in namespace `from` to `to`, in
/// place (stanzas built for `jabber:client` written into a component or
/// server stream; RFC 6120 §4.8.3 has the content namespace follow the
/// stream). `to` is static: no allocation.
fn in_namespace(element: &mut Element, from: &str, to: &'static str) {
    element.set_ns(to);
    for child in element.children_mut().filter(|child| child.ns() == from) {
        in_namespace(child, from, to);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stanzas_follow_the_stream_namespace() {
        let mut wire = Wire::new(ContentNamespace::ComponentAccept, Limits::default());
        wire.header(&StreamHeader::new(ContentNamespace::ComponentAccept)).unwrap();
        wire.take_transmit();
        let message: Element = "<message xmlns='jabber:client' to='a@b'><body>hi</body>\
            <x xmlns='urn:x'><body/></x></message>"
            .parse()
            .unwrap();
        wire.stanza(&Stanza::parse(&message).unwrap()).unwrap();
        let written = String::from_utf8(wire.take_transmit().unwrap()).unwrap();
        // Elements of other namespaces, and what they hold, stay where they are.
        assert_eq!(written, "<message to='a@b'><body>hi</body><x xmlns='urn:x'><body/></x></message>");
    }

    /// A client reads its server liberally: a `jabber:server` stanza (which
    /// servers have sent to clients) is read, not refused; its `ns` says
    /// what it was. The server side refuses it (RFC 6120 §4.8.3).
    #[test]
    fn only_the_server_side_refuses_other_content_namespaces() {
        let input = b"<stream:stream xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>\
            <iq xmlns='jabber:server' from='example.com' id='p1' type='get'><ping xmlns='urn:xmpp:ping'/></iq>";
        for (wire, refused) in [
            (Wire::new(ContentNamespace::Client, Limits::default()), false),
            (Wire::new(ContentNamespace::Client, Limits::default()).strict_content_namespace(), true),
        ] {
            let mut wire = wire;
            wire.feed(input);
            assert!(matches!(wire.next_input(), Input::Header(_)));
            let input = wire.next_input();
            assert_eq!(matches!(input, Input::Broken { .. }), refused);
            assert_eq!(matches!(input, Input::Element(ref e) if e.ns() == "jabber:server"), !refused);
        }
    }

    #[test]
    fn nothing_is_written_after_close() {
        let mut wire = Wire::new(ContentNamespace::Client, Limits::default());
        wire.header(&StreamHeader::new(ContentNamespace::Client)).unwrap();
        wire.close();
        assert_eq!(wire.element(&Element::new("x", "urn:x")), Err(UsageError::NotReady));
        wire.close();
        let written = String::from_utf8(wire.take_transmit().unwrap()).unwrap();
        assert!(written.ends_with("</stream:stream>") && !written.ends_with("</stream:stream></stream:stream>"));
    }
}
