//! [`Event`]: what the machines report, in order.

use jabber_jid::Jid;
use jabber_jid::{BareJid, FullJid, ResourcePart};
use jabber_stanza::{DefinedCondition, Stanza, StanzaError, StreamError};
use jabber_stream::Element;

use crate::error::Error;
use crate::sasl::Mechanism;

/// What happened on a stream, in order; every machine of this crate
/// ([`Client`](crate::Client), [`Server`](crate::Server),
/// [`Component`](crate::Component), [`ComponentServer`](crate::ComponentServer))
/// reports through this one type. Each variant says which machines emit it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// Client and server: STARTTLS was agreed (`<proceed/>`). Flush
    /// `poll_transmit`, wrap the transport in TLS, then call
    /// `tls_established`. Bytes read before that are not part of the stream
    /// (RFC 6120 §5.4.3.3): the machine drops them.
    StartTls,
    /// Client and server: SASL succeeded (RFC 6120 §6.4.6); the stream
    /// restarts.
    Authenticated {
        /// The authentication identity (the account's localpart).
        username: String,
        /// The authorization identity the client asked for, if any.
        authzid: Option<String>,
        /// The mechanism used.
        mechanism: Mechanism,
    },
    /// Server: an authentication attempt failed and the client was told so;
    /// it may try again (a few times, RFC 6120 §6.4.5).
    AuthenticationFailed(Error),
    /// Server: the client asks to bind a resource (RFC 6120 §7); answer with
    /// [`Server::bind`](crate::Server::bind) or
    /// [`Server::refuse_bind`](crate::Server::refuse_bind).
    BindRequest {
        /// The resource the client would like, if any.
        resource: Option<ResourcePart>,
    },
    /// Client and server: the resource is bound (and the legacy session, if
    /// the server requires it, established): stanzas may flow.
    Bound(FullJid),
    /// Component and component server: the handshake succeeded (XEP-0114);
    /// stanzas may flow for this domain.
    Connected(BareJid),
    /// A stanza from the peer, read liberally (its `malformed` list says
    /// what was wrong in it). A stanza without `xml:lang` on a stream whose
    /// header declares one has that language stamped on it (RFC 6120
    /// §8.1.5: it is the stanza's language, and a server adds it when
    /// routing), so that its texts compare by meaning.
    Stanza(Stanza),
    /// A first-level element that claims to be a stanza but cannot be read
    /// (an `iq` without `id`, ...), or a response or error whose `to` is
    /// not a JID (which cannot be answered): handed over rather than
    /// dropped. [`Stanza::error_reply_to`] builds the answer where one is due.
    InvalidStanza {
        /// The element as received (with the stream's `xml:lang` stamped as
        /// for [`Event::Stanza`]); for a stanza refused for its `to`, as its
        /// model writes it.
        element: Element,
        /// Why it is not a valid stanza.
        error: jabber_stanza::Error,
    },
    /// A first-level element that is not a stanza (stream management and
    /// other extensions' nonzas).
    Nonza(Element),
    /// The peer closed the stream with this error (RFC 6120 §4.9).
    StreamError(StreamError),
    /// The negotiation or the stream failed; the machine has closed its half
    /// of the stream, with a stream error if the peer was at fault (flush
    /// `poll_transmit`).
    Failed(Error),
    /// Both halves of the stream are closed (or the input ended): the
    /// transport may be dropped. Always the last event.
    Closed,
}

/// The event for a first-level element once the stream is established.
pub(crate) fn incoming(element: Element) -> Event {
    if Stanza::is_stanza(&element) {
        match Stanza::parse(&element) {
            Ok(stanza) => Event::Stanza(stanza),
            Err(error) => Event::InvalidStanza { element, error },
        }
    } else {
        Event::Nonza(element)
    }
}

/// How a receiving server refuses a stanza whose `to` is not a JID.
pub(crate) enum Refusal {
    /// The error reply to send back.
    Reply(Stanza),
    /// The event to hand over instead.
    HandOver(Event),
}

/// What a receiving server does with a stanza whose `to` is not a JID
/// (kept by the liberal parse; RFC 6120 §8.3.3.8): the `jid-malformed`
/// error reply for a request or message, to send back to `sender`; or,
/// when the stanza is itself an error or a response, which must not be
/// answered (RFC 6120 §8.3.1), an invalid-stanza event so that it is not
/// dropped unseen. Either way the stanza is not delivered as if it had no
/// `to`, which would address the sender's own account.
pub(crate) fn refuse_invalid_to(stanza: &Stanza, sender: Jid) -> Refusal {
    let error = StanzaError::new(DefinedCondition::JidMalformed);
    match stanza.error_reply(error) {
        Some(mut reply) => {
            reply.set_to(Some(sender));
            Refusal::Reply(reply)
        }
        None => Refusal::HandOver(Event::InvalidStanza {
            element: stanza.to_element(),
            error: stanza
                .malformed()
                .iter()
                .find(|e| matches!(e, jabber_stanza::Error::InvalidJid { .. }))
                .cloned()
                .unwrap_or(jabber_stanza::Error::MissingAttribute { element: "stanza", attribute: "to" }),
        }),
    }
}
