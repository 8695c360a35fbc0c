//! XEP-0199: XMPP Ping, version 2.0.1.
//!
//! `<ping xmlns='urn:xmpp:ping'/>` in an iq `get`: an application-level
//! ping between a client and its server, two servers, or any two entities
//! (XEP-0199 §4). The pinged entity answers with an empty iq `result` (the
//! "pong"), or with `service-unavailable` if it does not support the
//! namespace (or does not want to reveal that it is there, §8).
//!
//! [`Ping::request`] builds the ping, [`Ping::is_request`] recognizes one,
//! [`Ping::answer`] builds the pong, and [`Ping::response`] says what an
//! answer means. Pairing the answer with the request (by `id`) and the
//! timeout are the caller's, e.g. with `jabber_session`'s iq tracker.
//!
//! ```
//! use jabber_ext::ping::{Ping, PingResponse};
//! use jabber_stanza::Iq;
//!
//! // XEP-0199 Example 1: a server pings a client...
//! let ping = Ping::request("s2c1").with_from("capulet.lit".parse()?).with_to("juliet@capulet.lit/balcony".parse()?);
//! let received = Iq::parse(&ping.to_element())?;
//! assert!(Ping::is_request(&received));
//!
//! // ... which answers with the pong of Example 2.
//! let pong = Ping::answer(&received).unwrap();
//! assert_eq!(pong.id, "s2c1");
//! assert_eq!(pong.to.as_ref().map(|j| j.as_str()), Some("capulet.lit"));
//! assert_eq!(Ping::response(&pong), Some(PingResponse::Pong));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use jabber_stanza::{DefinedCondition, Iq, IqKind, Payload, StanzaError};

use crate::ns;

/// `<ping xmlns='urn:xmpp:ping'/>`, XEP-0199 §3: the request, in an iq
/// `get`; the answer is an empty iq `result`.
///
/// The element is empty (XEP-0199 §10); one with content is still a ping
/// to answer ([`Ping::is_request`]), but does not parse
/// (`UnexpectedChild` or `InvalidText`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Payload)]
#[payload(name = "ping", ns = ns::PING, get)]
pub struct Ping;

/// What the answer to a ping says (XEP-0199 §4). Any answer shows that the
/// path to the pinged entity works; only a missing one (a timeout) does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PingResponse<'a> {
    /// An iq `result`: the pong.
    Pong,
    /// An error saying the entity does not answer pings: `service-unavailable`
    /// (XEP-0199 §4, also what an entity that hides its presence answers,
    /// §8) or `feature-not-implemented`.
    NotSupported(&'a StanzaError),
    /// Any other error (RFC 6120 §8.3.3).
    Error(&'a StanzaError),
}

impl Ping {
    /// An iq `get` carrying a ping, with id `id`; add the address with
    /// [`Iq::with_to`] (a client pinging its server may leave it out,
    /// XEP-0199 §4.2; end to end, use a full JID, §4.4).
    pub fn request(id: impl Into<String>) -> Iq {
        Iq::get(id, &Ping)
    }

    /// Whether `iq` is a ping: an iq `get` whose payload is a `<ping/>` in
    /// `urn:xmpp:ping` (even with content, which the XEP does not define).
    pub fn is_request(iq: &Iq) -> bool {
        matches!(&iq.kind, IqKind::Get(payload) if Ping::is_mine(payload))
    }

    /// The pong answering `iq` if it is a ping ([`Ping::is_request`]): the
    /// empty `result` with the same id, addressed back to the sender.
    /// `None` for any other iq.
    pub fn answer(iq: &Iq) -> Option<Iq> {
        Ping::is_request(iq).then(|| iq.reply_empty_result())
    }

    /// What the response `iq` to a ping says; `None` if `iq` is a request
    /// (a `get` or `set`), which answers nothing. A `result` is a pong
    /// whatever it carries.
    pub fn response(iq: &Iq) -> Option<PingResponse<'_>> {
        match &iq.kind {
            IqKind::Result(_) => Some(PingResponse::Pong),
            IqKind::Error { error, .. } => Some(match error.condition {
                DefinedCondition::ServiceUnavailable | DefinedCondition::FeatureNotImplemented => {
                    PingResponse::NotSupported(error)
                }
                _ => PingResponse::Error(error),
            }),
            IqKind::Get(_) | IqKind::Set(_) => None,
        }
    }
}
