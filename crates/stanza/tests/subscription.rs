//! Every row of RFC 6121 Appendix A (the tables of RFC 3921 §9, with the
//! outbound subscribe and unsubscribe of RFC 6121 §3.1.2 and §3.3.2) and
//! the pre-approval rules of RFC 6121 §3.4.

use jabber_stanza::{Relation, Subscription, SubscriptionEvent as Ev, SubscriptionState as S};

/// (existing state, forwarded?, new state), in the order of the tables.
type Table = [(S, bool, S); 9];

use S::*;

/// A.3.1 inbound "subscribe" (RFC 3921 Table 3); the "no *" rows auto-reply.
const IN_SUBSCRIBE: Table = [
    (None, true, NonePendingIn),
    (NonePendingOut, true, NonePendingOutIn),
    (NonePendingIn, false, NonePendingIn),
    (NonePendingOutIn, false, NonePendingOutIn),
    (To, true, ToPendingIn),
    (ToPendingIn, false, ToPendingIn),
    (From, false, From),
    (FromPendingOut, false, FromPendingOut),
    (Both, false, Both),
];
/// A.3.2 inbound "subscribed" (RFC 3921 Table 5).
const IN_SUBSCRIBED: Table = [
    (None, false, None),
    (NonePendingOut, true, To),
    (NonePendingIn, false, NonePendingIn),
    (NonePendingOutIn, true, ToPendingIn),
    (To, false, To),
    (ToPendingIn, false, ToPendingIn),
    (From, false, From),
    (FromPendingOut, true, Both),
    (Both, false, Both),
];
/// A.3.3 inbound "unsubscribe" (RFC 3921 Table 4).
const IN_UNSUBSCRIBE: Table = [
    (None, false, None),
    (NonePendingOut, false, NonePendingOut),
    (NonePendingIn, true, None),
    (NonePendingOutIn, true, NonePendingOut),
    (To, false, To),
    (ToPendingIn, true, To),
    (From, true, None),
    (FromPendingOut, true, NonePendingOut),
    (Both, true, To),
];
/// A.3.4 inbound "unsubscribed" (RFC 3921 Table 6).
const IN_UNSUBSCRIBED: Table = [
    (None, false, None),
    (NonePendingOut, true, None),
    (NonePendingIn, false, NonePendingIn),
    (NonePendingOutIn, true, NonePendingIn),
    (To, true, None),
    (ToPendingIn, true, NonePendingIn),
    (From, false, From),
    (FromPendingOut, true, From),
    (Both, true, From),
];
/// A.2.2 outbound "subscribed" (RFC 3921 Table 1), without pre-approval.
const OUT_SUBSCRIBED: Table = [
    (None, false, None),
    (NonePendingOut, false, NonePendingOut),
    (NonePendingIn, true, From),
    (NonePendingOutIn, true, FromPendingOut),
    (To, false, To),
    (ToPendingIn, true, Both),
    (From, false, From),
    (FromPendingOut, false, FromPendingOut),
    (Both, false, Both),
];
/// A.2.4 outbound "unsubscribed" (RFC 3921 Table 2).
const OUT_UNSUBSCRIBED: Table = [
    (None, false, None),
    (NonePendingOut, false, NonePendingOut),
    (NonePendingIn, true, None),
    (NonePendingOutIn, true, NonePendingOut),
    (To, false, To),
    (ToPendingIn, true, To),
    (From, true, None),
    (FromPendingOut, true, NonePendingOut),
    (Both, true, To),
];
/// A.2.1 outbound "subscribe" (RFC 6121 §3.1.2: always routed).
const OUT_SUBSCRIBE: Table = [
    (None, true, NonePendingOut),
    (NonePendingOut, true, NonePendingOut),
    (NonePendingIn, true, NonePendingOutIn),
    (NonePendingOutIn, true, NonePendingOutIn),
    (To, true, To),
    (ToPendingIn, true, ToPendingIn),
    (From, true, FromPendingOut),
    (FromPendingOut, true, FromPendingOut),
    (Both, true, Both),
];
/// A.2.3 outbound "unsubscribe" (RFC 6121 §3.3.2: always routed).
const OUT_UNSUBSCRIBE: Table = [
    (None, true, None),
    (NonePendingOut, true, None),
    (NonePendingIn, true, NonePendingIn),
    (NonePendingOutIn, true, NonePendingIn),
    (To, true, None),
    (ToPendingIn, true, NonePendingIn),
    (From, true, From),
    (FromPendingOut, true, From),
    (Both, true, From),
];

#[test]
fn every_row_of_appendix_a() {
    for (event, table) in [
        (Ev::Subscribe, IN_SUBSCRIBE),
        (Ev::Subscribed, IN_SUBSCRIBED),
        (Ev::Unsubscribe, IN_UNSUBSCRIBE),
        (Ev::Unsubscribed, IN_UNSUBSCRIBED),
    ] {
        for (before, forward, after) in table {
            let t = Relation::new(before).inbound(event);
            assert_eq!((t.forward, t.relation.state()), (forward, after), "inbound {event:?} in {before:?}");
            let auto = event == Ev::Subscribe && matches!(before, From | FromPendingOut | Both);
            assert_eq!(t.auto_reply, auto.then_some(Ev::Subscribed), "inbound {event:?} in {before:?}");
        }
    }
    for (event, table) in [
        (Ev::Subscribe, OUT_SUBSCRIBE),
        (Ev::Subscribed, OUT_SUBSCRIBED),
        (Ev::Unsubscribe, OUT_UNSUBSCRIBE),
        (Ev::Unsubscribed, OUT_UNSUBSCRIBED),
    ] {
        for (before, forward, after) in table {
            let t = Relation::new(before).outbound(event, false);
            assert_eq!((t.forward, t.relation.state()), (forward, after), "outbound {event:?} in {before:?}");
            assert_eq!(t.auto_reply, Option::None);
        }
    }
}

/// RFC 6121 §3.4: pre-approval.
#[test]
fn pre_approval() {
    // Approving before being asked sets the flag, routes nothing.
    for state in [None, NonePendingOut, To] {
        let t = Relation::new(state).outbound(Ev::Subscribed, true);
        assert_eq!((t.forward, t.relation.state(), t.relation.approved()), (false, state, true));
    }
    // The contact's request is then approved by the server.
    for (before, after) in [(None, From), (NonePendingOut, FromPendingOut), (To, Both)] {
        let t = Relation::pre_approved(before).unwrap().inbound(Ev::Subscribe);
        assert_eq!(t.relation.state(), after);
        assert!(!t.relation.approved());
        assert!(!t.forward);
        assert_eq!(t.auto_reply, Some(Ev::Subscribed));
    }
    // "unsubscribed" cancels a pre-approval locally.
    let t = Relation::pre_approved(None).unwrap().outbound(Ev::Unsubscribed, true);
    assert_eq!((t.forward, t.relation.approved()), (false, false));
    // Only three states can be pre-approved; leaving them drops the flag.
    assert!(Relation::pre_approved(From).is_none());
    let t = Relation::pre_approved(To).unwrap().inbound(Ev::Unsubscribed);
    assert_eq!((t.relation.state(), t.relation.approved()), (None, true));
    let t = Relation::pre_approved(NonePendingOut).unwrap().inbound(Ev::Subscribed);
    assert_eq!((t.relation.state(), t.relation.approved()), (To, true));
}

#[test]
fn roster_view_of_states() {
    for state in S::ALL {
        let back = S::from_parts(state.subscription(), state.pending_out(), state.pending_in());
        assert_eq!(back, Some(state));
    }
    assert_eq!(S::from_parts(Subscription::Both, true, false), Option::None);
    assert_eq!(S::from_parts(Subscription::Remove, false, false), Option::None);
}
