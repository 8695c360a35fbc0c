//! What the machines report, in order: one event type per role
//! ([`ClientEvent`], [`ServerEvent`], [`ComponentEvent`]), so that a client
//! never has to match a server's events.

use jabber_jid::Jid;
use jabber_jid::{BareJid, FullJid, ResourcePart};
use jabber_stanza::{DefinedCondition, Iq, Stanza, StanzaError};
use jabber_stream::Element;

use crate::error::Error;
use crate::sasl::Mechanism;

/// What a [`Client`](crate::Client) reports, in order.
///
/// Every stream ends with exactly one [`Closed`](ClientEvent::Closed),
/// the last event; a stream that failed (the peer's stream error, bytes
/// that are not XML, a refused authentication, a dead peer) has exactly one
/// [`Failed`](ClientEvent::Failed) before it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ClientEvent {
    /// STARTTLS was agreed (`<proceed/>`, RFC 6120 §5.4.2.3). Flush
    /// `poll_transmit`, wrap the transport in TLS, then call
    /// [`tls_established`](crate::Session::tls_established). Bytes read
    /// before that are not part of the stream (§5.4.3.3): the machine drops
    /// them.
    StartTls,
    /// SASL succeeded (RFC 6120 §6.4.6) with this mechanism; the stream
    /// restarts.
    Authenticated {
        /// The mechanism used.
        mechanism: Mechanism,
    },
    /// The resource is bound (and the legacy session, if the server
    /// requires it, established): stanzas may flow.
    Bound(FullJid),
    /// A stanza from the server, read liberally (its `malformed` list says
    /// what was wrong in it). A stanza without `xml:lang` on a stream whose
    /// header declares one has that language stamped on it (RFC 6120
    /// §8.1.5). Responses to requests made with
    /// [`Session::request`](crate::Session::request) come as
    /// [`Response`](ClientEvent::Response) instead.
    Stanza(Stanza),
    /// The response (`result` or `error`) to a request made with
    /// [`Session::request`](crate::Session::request), from the address the
    /// request went to (RFC 6120 §8.2.3, §10.3.3 for requests to one's own
    /// account).
    Response {
        /// The request's id.
        id: String,
        /// The response.
        iq: Iq,
    },
    /// A request made with [`Session::request`](crate::Session::request) will
    /// get no response.
    NoResponse {
        /// The request's id.
        id: String,
        /// Why.
        reason: NoResponse,
    },
    /// A first-level element that claims to be a stanza but cannot be read
    /// (an `iq` without `id`, ...): handed over rather than dropped.
    /// [`Stanza::error_reply_to`] builds the answer where one is due.
    InvalidStanza {
        /// The element as received.
        element: Element,
        /// Why it is not a valid stanza.
        error: jabber_stanza::Error,
    },
    /// A first-level element that is not a stanza (stream management and
    /// other extensions' nonzas).
    Nonza(Element),
    /// The negotiation or the stream failed; the machine has closed its
    /// half of the stream (with a stream error if the peer was at fault).
    Failed(Error),
    /// Both halves of the stream are closed (or the input ended): the
    /// transport may be dropped. Always the last event.
    Closed,
}

/// Why a tracked request gets no response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NoResponse {
    /// Its deadline passed.
    TimedOut,
    /// The stream closed first.
    StreamClosed,
}

/// What a [`Server`](crate::Server) reports, in order; the same guarantees
/// as [`ClientEvent`] for `Failed` and `Closed`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ServerEvent {
    /// STARTTLS was agreed (`<proceed/>` sent): flush `poll_transmit`,
    /// accept TLS on the transport, then call
    /// [`tls_established`](crate::Session::tls_established).
    StartTls,
    /// SASL succeeded (RFC 6120 §6.4.6); the client restarts the stream.
    Authenticated {
        /// The authentication identity (the account's localpart).
        username: String,
        /// The authorization identity the client asked for, if any.
        authzid: Option<String>,
        /// The mechanism used.
        mechanism: Mechanism,
    },
    /// An authentication attempt failed and the client was told so; it may
    /// try again (a few times, RFC 6120 §6.4.5).
    AuthenticationFailed(Error),
    /// The client asks to bind a resource (RFC 6120 §7); answer with
    /// [`Server::bind`](crate::Server::bind) or
    /// [`Server::refuse_bind`](crate::Server::refuse_bind).
    BindRequest {
        /// The resource the client would like, if any.
        resource: Option<ResourcePart>,
    },
    /// The resource is bound: stanzas may flow.
    Bound(FullJid),
    /// A stanza from the client, its `from` stamped (RFC 6120 §8.1.2.1).
    Stanza(Stanza),
    /// The response (`result` or `error`) to a request made with
    /// [`Session::request`](crate::Session::request), from the address the
    /// request went to.
    Response {
        /// The request's id.
        id: String,
        /// The response.
        iq: Iq,
    },
    /// A request made with [`Session::request`](crate::Session::request)
    /// will get no response.
    NoResponse {
        /// The request's id.
        id: String,
        /// Why.
        reason: NoResponse,
    },

    /// A first-level element that claims to be a stanza but cannot be read,
    /// or a response whose `to` is not a JID (which cannot be answered).
    InvalidStanza {
        /// The element as received.
        element: Element,
        /// Why it is not a valid stanza.
        error: jabber_stanza::Error,
    },
    /// A first-level element that is not a stanza.
    Nonza(Element),
    /// The stream failed; the machine has closed its half.
    Failed(Error),
    /// Both halves are closed, or the input ended. Always the last event.
    Closed,
}

/// What a [`Component`](crate::Component) or a
/// [`ComponentServer`](crate::ComponentServer) reports, in order (both
/// sides of XEP-0114 see the same kinds of events); the same guarantees as
/// [`ClientEvent`] for `Failed` and `Closed`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ComponentEvent {
    /// The handshake succeeded (XEP-0114 §3): stanzas may flow for this
    /// domain.
    Connected(BareJid),
    /// A stanza from the peer.
    Stanza(Stanza),
    /// The response (`result` or `error`) to a request made with
    /// [`Session::request`](crate::Session::request), from the address the
    /// request went to.
    Response {
        /// The request's id.
        id: String,
        /// The response.
        iq: Iq,
    },
    /// A request made with [`Session::request`](crate::Session::request)
    /// will get no response.
    NoResponse {
        /// The request's id.
        id: String,
        /// Why.
        reason: NoResponse,
    },

    /// A first-level element that claims to be a stanza but cannot be read.
    InvalidStanza {
        /// The element as received.
        element: Element,
        /// Why it is not a valid stanza.
        error: jabber_stanza::Error,
    },
    /// A first-level element that is not a stanza.
    Nonza(Element),
    /// The stream failed; the machine has closed its half.
    Failed(Error),
    /// Both halves are closed, or the input ended. Always the last event.
    Closed,
}

/// The events every role has, raised by the shared core.
#[derive(Debug)]
pub(crate) enum Common {
    Stanza(Stanza),
    Response { id: String, iq: Iq },
    NoResponse { id: String, reason: NoResponse },
    InvalidStanza { element: Element, error: jabber_stanza::Error },
    Nonza(Element),
    Failed(Error),
    Closed,
}

macro_rules! from_common {
    ($event:ident) => {
        impl From<Common> for $event {
            fn from(common: Common) -> Self {
                match common {
                    Common::Stanza(stanza) => $event::Stanza(stanza),
                    Common::Response { id, iq } => $event::Response { id, iq },
                    Common::NoResponse { id, reason } => $event::NoResponse { id, reason },
                    Common::InvalidStanza { element, error } => $event::InvalidStanza { element, error },
                    Common::Nonza(element) => $event::Nonza(element),
                    Common::Failed(error) => $event::Failed(error),
                    Common::Closed => $event::Closed,
                }
            }
        }
    };
}

from_common!(ClientEvent);
from_common!(ServerEvent);
from_common!(ComponentEvent);

/// The event for a first-level element once the stream is established.
pub(crate) fn incoming(element: Element) -> Common {
    if Stanza::is_stanza(&element) {
        match Stanza::parse(&element) {
            Ok(stanza) => Common::Stanza(stanza),
            Err(error) => Common::InvalidStanza { element, error },
        }
    } else {
        Common::Nonza(element)
    }
}

/// How a receiving server refuses a stanza whose `to` is not a JID.
pub(crate) enum Refusal {
    /// The error reply to send back.
    Reply(Stanza),
    /// The event to hand over instead.
    HandOver(Common),
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
        None => Refusal::HandOver(Common::InvalidStanza {
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
