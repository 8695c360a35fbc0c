//! [`IqTracker`]: outgoing iq requests waiting for their response (RFC 6120
//! §8.2.3: every `get` and `set` gets exactly one `result` or `error`).

use std::collections::HashMap;
use std::time::Instant;

use jabber_jid::{FullJid, Jid};
use jabber_stanza::Iq;

use crate::error::UsageError;

/// What [`IqTracker::handle`] made of an incoming iq.
#[derive(Debug, Clone, PartialEq)]
pub enum Tracked<T> {
    /// The response to a tracked request, with the context registered.
    Response {
        /// The response (`result` or `error`).
        iq: Iq,
        /// What the caller registered with the request.
        context: T,
    },
    /// Not a response to anything tracked: a request, an unknown id, or a
    /// response from another address than the request went to (which
    /// leaves the request pending: it is no answer, maybe a spoof).
    Other(Iq),
}

#[derive(Debug, Clone)]
struct Pending<T> {
    /// The order of registration.
    seq: u64,
    to: Option<Jid>,
    deadline: Instant,
    context: T,
}

/// Matches iq responses to requests by id and by sender, and reports
/// requests that got no response in time. It reads no clock: the caller
/// passes the current [`Instant`].
///
/// ```
/// use std::time::{Duration, Instant};
/// use jabber_session::{IqTracker, Tracked};
/// use jabber_stanza::{Iq, Stanza};
///
/// let mut tracker = IqTracker::new();
/// tracker.set_own_jid("juliet@example.com/balcony".parse()?);
/// let now = Instant::now();
/// let ping: Iq = Iq::parse(&"<iq xmlns='jabber:client' type='get' id='p1' to='example.com'>\
///     <ping xmlns='urn:xmpp:ping'/></iq>".parse()?)?;
/// tracker.register(&ping, now + Duration::from_secs(30), "ping")?;
///
/// // A result from someone else is no answer.
/// let spoof = Iq::parse(&"<iq xmlns='jabber:client' type='result' id='p1' from='evil.example'/>".parse()?)?;
/// assert!(matches!(tracker.handle(spoof), Tracked::Other(_)));
/// let pong = Iq::parse(&"<iq xmlns='jabber:client' type='result' id='p1' from='example.com'/>".parse()?)?;
/// assert!(matches!(tracker.handle(pong), Tracked::Response { context: "ping", .. }));
/// assert!(tracker.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct IqTracker<T = ()> {
    own: Option<FullJid>,
    pending: HashMap<String, Pending<T>>,
    counter: u64,
    registered: u64,
}

impl<T> Default for IqTracker<T> {
    fn default() -> Self {
        IqTracker { own: None, pending: HashMap::new(), counter: 0, registered: 0 }
    }
}

impl<T> IqTracker<T> {
    /// An empty tracker.
    pub fn new() -> Self {
        Self::default()
    }

    /// Our own full JID (from [`Event::Bound`](crate::Event::Bound)): a
    /// request sent to no one, to our bare JID or to our server may be
    /// answered by our account or server on its behalf (RFC 6120 §10.3.3).
    pub fn set_own_jid(&mut self, jid: FullJid) {
        self.own = Some(jid);
    }

    /// A fresh id (`iq-1`, `iq-2`, ...); ids only need to be unique on the
    /// stream (RFC 6120 §8.1.3).
    pub fn next_id(&mut self) -> String {
        loop {
            self.counter += 1;
            let id = format!("iq-{}", self.counter);
            if !self.pending.contains_key(&id) {
                return id;
            }
        }
    }

    /// Tracks the request `iq` (a `get` or `set`, about to be sent) until
    /// `deadline`, with `context` handed back with the response.
    pub fn register(&mut self, iq: &Iq, deadline: Instant, context: T) -> Result<(), UsageError> {
        if !iq.kind.is_request() {
            return Err(UsageError::NotARequest { id: iq.id.clone() });
        }
        if self.pending.contains_key(&iq.id) {
            return Err(UsageError::DuplicateRequestId { id: iq.id.clone() });
        }
        self.registered += 1;
        let pending = Pending { seq: self.registered, to: iq.to.clone(), deadline, context };
        self.pending.insert(iq.id.clone(), pending);
        Ok(())
    }

    /// Matches an incoming iq against the pending requests.
    pub fn handle(&mut self, iq: Iq) -> Tracked<T> {
        // A `from` that is not a JID answers nothing: read as absent, it
        // would pass for the account or the server.
        if iq.kind.is_request() || iq.invalid_from().is_some() {
            return Tracked::Other(iq);
        }
        let answers =
            self.pending.get(&iq.id).is_some_and(|pending| self.sender_matches(pending.to.as_ref(), iq.from.as_ref()));
        match answers.then(|| self.pending.remove(&iq.id)).flatten() {
            Some(pending) => Tracked::Response { iq, context: pending.context },
            None => Tracked::Other(iq),
        }
    }

    fn sender_matches(&self, to: Option<&Jid>, from: Option<&Jid>) -> bool {
        let own = self.own.as_ref();
        let is_own_account = |jid: &Jid| {
            own.is_some_and(|own| {
                jid.as_str() == own.bare_str() || jid.as_str() == own.as_str() || jid.as_str() == own.domain()
            })
        };
        match (to, from) {
            (Some(to), Some(from)) => to == from || (is_own_account(to) && is_own_account(from)),
            // Sent to our own account or server: answered without `from`,
            // or from the account or the server.
            (None, None) => true,
            (None, Some(from)) => is_own_account(from),
            (Some(to), None) => is_own_account(to),
        }
    }

    /// The earliest request whose deadline is at or before `now`, removed;
    /// call until `None`.
    pub fn poll_timeout(&mut self, now: Instant) -> Option<(String, T)> {
        let id = self
            .pending
            .iter()
            .filter(|(_, p)| p.deadline <= now)
            .min_by(|(a_id, a), (b_id, b)| a.deadline.cmp(&b.deadline).then_with(|| a_id.cmp(b_id)))
            .map(|(id, _)| id.clone())?;
        self.pending.remove(&id).map(|p| (id, p.context))
    }

    /// When the next deadline falls, for the caller's timer.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.pending.values().map(|p| p.deadline).min()
    }

    /// Stops tracking `id`; returns its context.
    pub fn cancel(&mut self, id: &str) -> Option<T> {
        self.pending.remove(id).map(|p| p.context)
    }

    /// The ids of the pending requests, in the order they were registered.
    pub fn pending_ids(&self) -> Vec<String> {
        let mut pending: Vec<(&String, u64)> = self.pending.iter().map(|(id, p)| (id, p.seq)).collect();
        pending.sort_by_key(|(_, seq)| *seq);
        pending.into_iter().map(|(id, _)| id.clone()).collect()
    }

    /// Whether a request with this id is pending.
    pub fn is_pending(&self, id: &str) -> bool {
        self.pending.contains_key(id)
    }

    /// How many requests are pending.
    pub fn len(&self) -> usize {
        self.pending.len()
    }

    /// Whether no request is pending.
    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn iq(xml: &str) -> Iq {
        Iq::parse(&xml.parse().unwrap()).unwrap()
    }

    fn tracker() -> IqTracker<u32> {
        let mut t = IqTracker::new();
        t.set_own_jid("romeo@example.net/orchard".parse().unwrap());
        t
    }

    #[test]
    fn roster_get_is_answered_without_from() {
        // RFC 6121 §2.1.3: the roster result from the user's server carries no `from`.
        let mut t = tracker();
        let now = Instant::now();
        t.register(&iq("<iq xmlns='jabber:client' type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>"), now, 1)
            .unwrap();
        let answer = t.handle(iq("<iq xmlns='jabber:client' type='result' id='r1'/>"));
        assert!(matches!(answer, Tracked::Response { context: 1, .. }));
    }

    #[test]
    fn own_bare_jid_and_server_may_answer_for_the_account() {
        let mut t = tracker();
        let now = Instant::now();
        t.register(
            &iq("<iq xmlns='jabber:client' type='get' id='a' to='romeo@example.net'><x xmlns='x'/></iq>"),
            now,
            1,
        )
        .unwrap();
        t.register(&iq("<iq xmlns='jabber:client' type='get' id='b'><x xmlns='x'/></iq>"), now, 2).unwrap();
        assert!(matches!(t.handle(iq("<iq xmlns='jabber:client' type='result' id='a'/>")), Tracked::Response { .. }));
        let from_server = iq("<iq xmlns='jabber:client' type='result' id='b' from='example.net'/>");
        assert!(matches!(t.handle(from_server), Tracked::Response { context: 2, .. }));
    }

    #[test]
    fn a_response_from_the_wrong_sender_is_not_one() {
        let mut t = tracker();
        let now = Instant::now();
        let request =
            iq("<iq xmlns='jabber:client' type='get' id='v1' to='juliet@example.com/balcony'><x xmlns='x'/></iq>");
        t.register(&request, now, 7).unwrap();
        for spoof in [
            "<iq xmlns='jabber:client' type='result' id='v1'/>",
            "<iq xmlns='jabber:client' type='result' id='v1' from='juliet@example.com'/>",
            "<iq xmlns='jabber:client' type='result' id='v1' from='juliet@example.com/other'/>",
            "<iq xmlns='jabber:client' type='result' id='v1' from='example.net'/>",
        ] {
            assert!(matches!(t.handle(iq(spoof)), Tracked::Other(_)), "{spoof}");
        }
        assert_eq!(t.len(), 1);
        // Requests are never responses, even with a pending id.
        let request_again =
            iq("<iq xmlns='jabber:client' type='get' id='v1' from='juliet@example.com/balcony'><x xmlns='x'/></iq>");
        assert!(matches!(t.handle(request_again), Tracked::Other(_)));
        let error = iq("<iq xmlns='jabber:client' type='error' id='v1' from='juliet@example.com/balcony'>\
            <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
        assert!(matches!(t.handle(error), Tracked::Response { context: 7, iq } if iq.error().is_some()));
    }

    #[test]
    fn timeouts_come_in_deadline_order() {
        let mut t = tracker();
        let start = Instant::now();
        let get = |id: &str| iq(&format!("<iq xmlns='jabber:client' type='get' id='{id}'><x xmlns='x'/></iq>"));
        t.register(&get("late"), start + Duration::from_secs(20), 2).unwrap();
        t.register(&get("early"), start + Duration::from_secs(10), 1).unwrap();
        assert_eq!(t.next_deadline(), Some(start + Duration::from_secs(10)));
        assert_eq!(t.poll_timeout(start + Duration::from_secs(5)), None);
        assert_eq!(t.poll_timeout(start + Duration::from_secs(30)), Some(("early".to_owned(), 1)));
        assert_eq!(t.poll_timeout(start + Duration::from_secs(30)), Some(("late".to_owned(), 2)));
        assert_eq!(t.poll_timeout(start + Duration::from_secs(30)), None);
        // A response after the timeout is no longer tracked.
        assert!(matches!(t.handle(iq("<iq xmlns='jabber:client' type='result' id='early'/>")), Tracked::Other(_)));
    }

    #[test]
    fn registration_rules() {
        let mut t = tracker();
        let now = Instant::now();
        assert_eq!(
            t.register(&iq("<iq xmlns='jabber:client' type='result' id='x'/>"), now, 0),
            Err(UsageError::NotARequest { id: "x".into() })
        );
        let get = iq("<iq xmlns='jabber:client' type='get' id='iq-1'><x xmlns='x'/></iq>");
        t.register(&get, now, 0).unwrap();
        assert!(t.register(&get, now, 0).is_err());
        // next_id skips ids in use.
        assert_eq!(t.next_id(), "iq-2");
        assert_eq!(t.cancel("iq-1"), Some(0));
        assert!(t.is_empty());
    }
}
