//! Presence subscription states and their transitions, RFC 6121 §3 and
//! Appendix A, as a pure function: state and event in, new state and what
//! to do out.
//!
//! The tables of Appendix A (those of RFC 3921 §9 plus the outbound
//! subscribe and unsubscribe of RFC 6121 §3.1.2 and §3.3.2) and the
//! pre-approval rules of §3.4 are implemented row by row; the tests check
//! every row.

use crate::presence::PresenceType;
use crate::roster::Subscription;

/// The nine defined subscription states of RFC 6121 Appendix A.1, from the
/// point of view of the user about one contact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum SubscriptionState {
    /// "None": no subscription either way, nothing pending.
    #[default]
    None,
    /// "None + Pending Out": the user asked to subscribe to the contact.
    NonePendingOut,
    /// "None + Pending In": the contact asked to subscribe to the user.
    NonePendingIn,
    /// "None + Pending Out+In": both asked, neither approved.
    NonePendingOutIn,
    /// "To": the user is subscribed to the contact.
    To,
    /// "To + Pending In": and the contact asked to subscribe to the user.
    ToPendingIn,
    /// "From": the contact is subscribed to the user.
    From,
    /// "From + Pending Out": and the user asked to subscribe to the contact.
    FromPendingOut,
    /// "Both": subscribed both ways.
    Both,
}

impl SubscriptionState {
    /// Every state, in the order of RFC 6121 Appendix A.1.
    pub const ALL: [SubscriptionState; 9] = [
        SubscriptionState::None,
        SubscriptionState::NonePendingOut,
        SubscriptionState::NonePendingIn,
        SubscriptionState::NonePendingOutIn,
        SubscriptionState::To,
        SubscriptionState::ToPendingIn,
        SubscriptionState::From,
        SubscriptionState::FromPendingOut,
        SubscriptionState::Both,
    ];

    /// The `subscription` attribute a roster item shows for this state.
    pub fn subscription(self) -> Subscription {
        use SubscriptionState::*;
        match self {
            None | NonePendingOut | NonePendingIn | NonePendingOutIn => Subscription::None,
            To | ToPendingIn => Subscription::To,
            From | FromPendingOut => Subscription::From,
            Both => Subscription::Both,
        }
    }

    /// Whether the user's request is pending (shown as `ask='subscribe'`).
    pub fn pending_out(self) -> bool {
        use SubscriptionState::*;
        matches!(self, NonePendingOut | NonePendingOutIn | FromPendingOut)
    }

    /// Whether the contact's request is pending (not shown in the roster;
    /// the server keeps it and redelivers the request).
    pub fn pending_in(self) -> bool {
        use SubscriptionState::*;
        matches!(self, NonePendingIn | NonePendingOutIn | ToPendingIn)
    }

    /// The state that a roster item's subscription, `ask` and the server's
    /// pending-in flag describe; `None` for `subscription='remove'` and for
    /// impossible combinations (a pending request for a subscription that
    /// exists).
    pub fn from_parts(subscription: Subscription, pending_out: bool, pending_in: bool) -> Option<Self> {
        use SubscriptionState::*;
        Some(match (subscription, pending_out, pending_in) {
            (Subscription::None, false, false) => None,
            (Subscription::None, true, false) => NonePendingOut,
            (Subscription::None, false, true) => NonePendingIn,
            (Subscription::None, true, true) => NonePendingOutIn,
            (Subscription::To, false, false) => To,
            (Subscription::To, false, true) => ToPendingIn,
            (Subscription::From, false, false) => From,
            (Subscription::From, true, false) => FromPendingOut,
            (Subscription::Both, false, false) => Both,
            _ => return Option::None,
        })
    }
}

/// The four subscription presence types (RFC 6121 §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubscriptionEvent {
    /// `subscribe`.
    Subscribe,
    /// `subscribed`.
    Subscribed,
    /// `unsubscribe`.
    Unsubscribe,
    /// `unsubscribed`.
    Unsubscribed,
}

impl SubscriptionEvent {
    /// The event of a presence type, if it is a subscription type.
    pub fn from_presence(kind: &PresenceType) -> Option<Self> {
        Some(match kind {
            PresenceType::Subscribe => SubscriptionEvent::Subscribe,
            PresenceType::Subscribed => SubscriptionEvent::Subscribed,
            PresenceType::Unsubscribe => SubscriptionEvent::Unsubscribe,
            PresenceType::Unsubscribed => SubscriptionEvent::Unsubscribed,
            _ => return None,
        })
    }

    /// The presence type of this event.
    pub fn presence_type(self) -> PresenceType {
        match self {
            SubscriptionEvent::Subscribe => PresenceType::Subscribe,
            SubscriptionEvent::Subscribed => PresenceType::Subscribed,
            SubscriptionEvent::Unsubscribe => PresenceType::Unsubscribe,
            SubscriptionEvent::Unsubscribed => PresenceType::Unsubscribed,
        }
    }
}

/// A user's relation to one contact as the user's server keeps it: the
/// subscription state and the pre-approval flag (RFC 6121 §3.4), which can
/// be set only while the contact is not subscribed and has not asked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Relation {
    state: SubscriptionState,
    approved: bool,
}

/// What the server does after a subscription stanza, and the new relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct Transition {
    /// The relation afterwards. When it differs from the one before, the
    /// server pushes the roster item to the user's interested resources.
    pub relation: Relation,
    /// Outbound: route the stanza to the contact. Inbound: deliver it to
    /// the user's available resources.
    pub forward: bool,
    /// Inbound only: answer the contact on the user's behalf with this
    /// presence type (RFC 6121 §3.1.3: `subscribed` when the contact is
    /// already subscribed or pre-approved).
    pub auto_reply: Option<SubscriptionEvent>,
}

impl Relation {
    /// A relation in `state`, not pre-approved.
    pub fn new(state: SubscriptionState) -> Self {
        Relation { state, approved: false }
    }

    /// A relation in `state`, pre-approved; `None` if the state does not
    /// allow pre-approval (RFC 6121 §3.4: "None", "None + Pending Out", "To").
    pub fn pre_approved(state: SubscriptionState) -> Option<Self> {
        Self::allows_pre_approval(state).then_some(Relation { state, approved: true })
    }

    fn allows_pre_approval(state: SubscriptionState) -> bool {
        matches!(state, SubscriptionState::None | SubscriptionState::NonePendingOut | SubscriptionState::To)
    }

    /// The subscription state.
    pub fn state(self) -> SubscriptionState {
        self.state
    }

    /// Whether the contact's subscription is pre-approved (`approved='true'`).
    pub fn approved(self) -> bool {
        self.approved
    }

    fn with(self, state: SubscriptionState) -> Self {
        Relation { state, approved: self.approved && Self::allows_pre_approval(state) }
    }

    /// The user's server processes a subscription stanza the user sends
    /// (RFC 6121 Appendix A.2; §3.1.2, §3.1.5, §3.2.2, §3.3.2 and §3.4.2).
    /// `pre_approval` says whether the server supports pre-approval.
    pub fn outbound(self, event: SubscriptionEvent, pre_approval: bool) -> Transition {
        use SubscriptionState::*;
        let s = self.state;
        let (state, forward) = match event {
            // §3.1.2: the request is always routed; the contact's server
            // answers at once when the contact already approved.
            SubscriptionEvent::Subscribe => (
                match s {
                    None => NonePendingOut,
                    NonePendingIn => NonePendingOutIn,
                    From => FromPendingOut,
                    other => other,
                },
                true,
            ),
            SubscriptionEvent::Subscribed => match s {
                NonePendingIn => (From, true),
                NonePendingOutIn => (FromPendingOut, true),
                ToPendingIn => (Both, true),
                // §3.4.2: approving before being asked is a pre-approval.
                None | NonePendingOut | To if pre_approval => {
                    return Transition {
                        relation: Relation { state: s, approved: true },
                        forward: false,
                        auto_reply: Option::None,
                    };
                }
                other => (other, false),
            },
            // §3.3.2: always routed, so that the contact's side can sync.
            SubscriptionEvent::Unsubscribe => (
                match s {
                    NonePendingOut | To => None,
                    NonePendingOutIn | ToPendingIn => NonePendingIn,
                    FromPendingOut | Both => From,
                    other => other,
                },
                true,
            ),
            SubscriptionEvent::Unsubscribed => {
                if self.approved {
                    // §3.4: cancelling a pre-approval is local.
                    return Transition {
                        relation: Relation { state: s, approved: false },
                        forward: false,
                        auto_reply: Option::None,
                    };
                }
                match s {
                    NonePendingIn | From => (None, true),
                    NonePendingOutIn | FromPendingOut => (NonePendingOut, true),
                    ToPendingIn | Both => (To, true),
                    other => (other, false),
                }
            }
        };
        Transition { relation: self.with(state), forward, auto_reply: Option::None }
    }

    /// The user's server processes a subscription stanza from the contact
    /// (RFC 6121 Appendix A.3; §3.1.3, §3.1.6, §3.2.3, §3.3.3).
    pub fn inbound(self, event: SubscriptionEvent) -> Transition {
        use SubscriptionState::*;
        let s = self.state;
        let deliver = |state| Transition { relation: self.with(state), forward: true, auto_reply: Option::None };
        let ignore = Transition { relation: self, forward: false, auto_reply: Option::None };
        match event {
            SubscriptionEvent::Subscribe => match s {
                // Already subscribed: answer for the user (§3.1.3).
                From | FromPendingOut | Both => {
                    Transition { relation: self, forward: false, auto_reply: Some(SubscriptionEvent::Subscribed) }
                }
                // Pre-approved: approve for the user (§3.4.2).
                None | NonePendingOut | To if self.approved => Transition {
                    relation: Relation {
                        state: match s {
                            None => From,
                            NonePendingOut => FromPendingOut,
                            _ => Both,
                        },
                        approved: false,
                    },
                    forward: false,
                    auto_reply: Some(SubscriptionEvent::Subscribed),
                },
                None => deliver(NonePendingIn),
                NonePendingOut => deliver(NonePendingOutIn),
                To => deliver(ToPendingIn),
                NonePendingIn | NonePendingOutIn | ToPendingIn => ignore,
            },
            SubscriptionEvent::Subscribed => match s {
                NonePendingOut => deliver(To),
                NonePendingOutIn => deliver(ToPendingIn),
                FromPendingOut => deliver(Both),
                _ => ignore,
            },
            SubscriptionEvent::Unsubscribe => match s {
                NonePendingIn | From => deliver(None),
                NonePendingOutIn | FromPendingOut => deliver(NonePendingOut),
                ToPendingIn | Both => deliver(To),
                _ => ignore,
            },
            SubscriptionEvent::Unsubscribed => match s {
                NonePendingOut | To => deliver(None),
                NonePendingOutIn | ToPendingIn => deliver(NonePendingIn),
                FromPendingOut | Both => deliver(From),
                _ => ignore,
            },
        }
    }
}
