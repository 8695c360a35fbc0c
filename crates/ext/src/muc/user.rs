//! `http://jabber.org/protocol/muc#user` (XEP-0045 §19.2): what a room
//! tells its occupants and what they ask of it by message: occupant items,
//! status codes, invitations, declines, destruction notices.

use std::borrow::Cow;

use jabber_jid::Jid;
use jabber_stanza::{Error, Payload, Unknown, Value, ValueError};

use super::{Affiliation, Role};
use crate::ns;

/// `<status code='..'/>`: a status code of the room's presence or message
/// (XEP-0045 §12, the registry of §16.6).
///
/// Every code the registry lists has a variant; any other number is kept
/// as [`Status::Other`] (a code a later registry adds, a server's own).
/// A code that is not a number is an invalid value, which a lenient
/// [`MucUser`] keeps and reports.
///
/// ```
/// use jabber_ext::muc::Status;
/// use jabber_stanza::Value;
///
/// assert_eq!(Status::from_value("110"), Ok(Status::SelfPresence));
/// assert_eq!(Status::from_value("999"), Ok(Status::Other(999)));
/// assert_eq!(Status::Kicked.code(), 307);
/// assert!(Status::from_value("one hundred").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// 100: any occupant may see the user's full JID (entering a non-anonymous room).
    NonAnonymous,
    /// 101: the user's affiliation changed while not in the room (out-of-band message).
    AffiliationChanged,
    /// 102: the room now shows unavailable members (configuration change).
    ShowsUnavailable,
    /// 103: the room no longer shows unavailable members (configuration change).
    HidesUnavailable,
    /// 104: a non-privacy-related configuration change.
    ConfigurationChanged,
    /// 110: the presence refers to the receiving occupant itself.
    SelfPresence,
    /// 170: room logging is now enabled (or is, on entering).
    LoggingEnabled,
    /// 171: room logging is now disabled.
    LoggingDisabled,
    /// 172: the room is now non-anonymous.
    NowNonAnonymous,
    /// 173: the room is now semi-anonymous.
    NowSemiAnonymous,
    /// 201: a new room has been created (by this join).
    RoomCreated,
    /// 210: the service assigned or modified the occupant's nickname.
    NickAssigned,
    /// 301: the user has been banned.
    Banned,
    /// 303: the occupant changed nickname (the new one is the item's `nick`).
    NickChanged,
    /// 307: the user has been kicked.
    Kicked,
    /// 321: the user is removed because of an affiliation change.
    RemovedAffiliation,
    /// 322: the user is removed because the room became members-only.
    RemovedMembersOnly,
    /// 332: the user is removed because the service is shutting down.
    RemovedShutdown,
    /// 333: the user is removed because of an error reply (XEP-0045 §11.1).
    RemovedError,
    /// A code the registry of this version does not list, as it came.
    Other(u16),
}

impl Status {
    /// Every code the registry of XEP-0045 §16.6 lists, in order.
    pub const ALL: [Status; 19] = [
        Status::NonAnonymous,
        Status::AffiliationChanged,
        Status::ShowsUnavailable,
        Status::HidesUnavailable,
        Status::ConfigurationChanged,
        Status::SelfPresence,
        Status::LoggingEnabled,
        Status::LoggingDisabled,
        Status::NowNonAnonymous,
        Status::NowSemiAnonymous,
        Status::RoomCreated,
        Status::NickAssigned,
        Status::Banned,
        Status::NickChanged,
        Status::Kicked,
        Status::RemovedAffiliation,
        Status::RemovedMembersOnly,
        Status::RemovedShutdown,
        Status::RemovedError,
    ];

    /// The status of a code: its variant, or [`Status::Other`].
    pub const fn from_code(code: u16) -> Status {
        match code {
            100 => Status::NonAnonymous,
            101 => Status::AffiliationChanged,
            102 => Status::ShowsUnavailable,
            103 => Status::HidesUnavailable,
            104 => Status::ConfigurationChanged,
            110 => Status::SelfPresence,
            170 => Status::LoggingEnabled,
            171 => Status::LoggingDisabled,
            172 => Status::NowNonAnonymous,
            173 => Status::NowSemiAnonymous,
            201 => Status::RoomCreated,
            210 => Status::NickAssigned,
            301 => Status::Banned,
            303 => Status::NickChanged,
            307 => Status::Kicked,
            321 => Status::RemovedAffiliation,
            322 => Status::RemovedMembersOnly,
            332 => Status::RemovedShutdown,
            333 => Status::RemovedError,
            other => Status::Other(other),
        }
    }

    /// The number.
    pub const fn code(self) -> u16 {
        match self {
            Status::NonAnonymous => 100,
            Status::AffiliationChanged => 101,
            Status::ShowsUnavailable => 102,
            Status::HidesUnavailable => 103,
            Status::ConfigurationChanged => 104,
            Status::SelfPresence => 110,
            Status::LoggingEnabled => 170,
            Status::LoggingDisabled => 171,
            Status::NowNonAnonymous => 172,
            Status::NowSemiAnonymous => 173,
            Status::RoomCreated => 201,
            Status::NickAssigned => 210,
            Status::Banned => 301,
            Status::NickChanged => 303,
            Status::Kicked => 307,
            Status::RemovedAffiliation => 321,
            Status::RemovedMembersOnly => 322,
            Status::RemovedShutdown => 332,
            Status::RemovedError => 333,
            Status::Other(code) => code,
        }
    }
}

impl From<u16> for Status {
    fn from(code: u16) -> Self {
        Status::from_code(code)
    }
}

impl From<Status> for u16 {
    fn from(status: Status) -> Self {
        status.code()
    }
}

/// Read as a number (XML whitespace around it stripped); written as the
/// number. Hand-written: the derive's enums of names keep unknown values as
/// text, and a code is a number.
impl Value for Status {
    fn from_value(text: &str) -> Result<Self, ValueError> {
        u16::from_value(text).map(Status::from_code)
    }

    fn to_value(&self) -> Cow<'_, str> {
        Cow::Owned(self.code().to_string())
    }
}

/// `<actor jid='..' nick='..'/>`: who made a change (a kick, a ban, an
/// affiliation change; XEP-0045 §8.2, §9.1), in the namespace of its
/// `<item/>` (`muc#user` or `muc#admin`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "actor")]
pub struct Actor {
    /// `jid`: the actor's real JID (non-anonymous rooms, or to moderators).
    #[payload(attr)]
    pub jid: Option<Jid>,
    /// `nick`: the actor's room nickname.
    #[payload(attr)]
    pub nick: Option<String>,
}

impl Actor {
    /// An actor known by room nickname.
    pub fn nick(nick: impl Into<String>) -> Self {
        Actor { jid: None, nick: Some(nick.into()) }
    }

    /// An actor known by real JID.
    pub fn jid(jid: impl Into<Jid>) -> Self {
        Actor { jid: Some(jid.into()), nick: None }
    }
}

/// `<continue thread='..'/>`: the room continues a one-to-one chat
/// (XEP-0045 §7.9), in an invitation or an item of `muc#user`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "continue")]
pub struct Continue {
    /// `thread`: the thread of the one-to-one chat.
    #[payload(attr)]
    pub thread: Option<String>,
}

/// `<item/>`: an occupant or a list entry, with its affiliation and role
/// (XEP-0045 §7.2.2 in `muc#user` presence; §8, §9, §10 in `muc#admin`
/// requests and lists). It takes the namespace of its parent.
///
/// Every part is optional: a presence carries `affiliation` and `role`
/// (and `jid` where real JIDs are shown, `nick` on a nickname change), a
/// request a `nick` or a `jid` with the new `role` or `affiliation`.
/// Read liberally: a part that cannot be read (a `jid` that is not a JID,
/// a second `<reason/>`) is kept in `unknown` and reported in `malformed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "item")]
pub struct Item {
    /// `affiliation`.
    #[payload(attr)]
    pub affiliation: Option<Affiliation>,
    /// `jid`: the occupant's real JID, or the user a list entry is about.
    #[payload(attr)]
    pub jid: Option<Jid>,
    /// `nick`: the occupant's room nickname (the new one with status 303).
    #[payload(attr)]
    pub nick: Option<String>,
    /// `role`.
    #[payload(attr)]
    pub role: Option<Role>,
    /// `<actor/>`: who made the change.
    #[payload(child)]
    pub actor: Option<Actor>,
    /// `<continue/>` (`muc#user` only).
    #[payload(child)]
    pub r#continue: Option<Continue>,
    /// `<reason/>`: why.
    #[payload(child_text)]
    pub reason: Option<String>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Item {
    /// An item about the occupant `nick` with the role `role` (a role
    /// change, XEP-0045 §8.2 to §8.5, §9.6, §9.7).
    pub fn with_role(nick: impl Into<String>, role: Role) -> Self {
        Item { nick: Some(nick.into()), role: Some(role), ..Item::default() }
    }

    /// An item about the user `jid` with the affiliation `affiliation` (an
    /// affiliation change, XEP-0045 §9.1 to §9.5, §10.3 to §10.8).
    pub fn with_affiliation(jid: impl Into<Jid>, affiliation: Affiliation) -> Self {
        Item { jid: Some(jid.into()), affiliation: Some(affiliation), ..Item::default() }
    }

    /// This item with a reason.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// This item with a nickname.
    pub fn nick(mut self, nick: impl Into<String>) -> Self {
        self.nick = Some(nick.into());
        self
    }

    /// This item with an actor.
    pub fn actor(mut self, actor: Actor) -> Self {
        self.actor = Some(actor);
        self
    }
}

/// `<invite/>` in `muc#user`: a mediated invitation (XEP-0045 §7.8.2). An
/// occupant sends it to the room with `to` (the invitee); the room passes
/// it on with `from` (the invitor).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "invite", ns = ns::MUC_USER)]
pub struct Invite {
    /// `from`: the invitor (from the room).
    #[payload(attr)]
    pub from: Option<Jid>,
    /// `to`: the invitee (to the room).
    #[payload(attr)]
    pub to: Option<Jid>,
    /// `<reason/>`.
    #[payload(child_text)]
    pub reason: Option<String>,
    /// `<continue/>`: the room continues a one-to-one chat (XEP-0045 §7.9).
    #[payload(child)]
    pub r#continue: Option<Continue>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Invite {
    /// An invitation of `to`, to send to the room.
    pub fn to(to: impl Into<Jid>) -> Self {
        Invite { to: Some(to.into()), ..Invite::default() }
    }

    /// This invitation with a reason.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// This invitation continuing the one-to-one chat of `thread`.
    pub fn continuing(mut self, thread: impl Into<String>) -> Self {
        self.r#continue = Some(Continue { thread: Some(thread.into()) });
        self
    }
}

/// `<decline/>` in `muc#user`: the invitee declines (XEP-0045 §7.8.2),
/// `to` the invitor through the room, which passes it on `from` the invitee.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "decline", ns = ns::MUC_USER)]
pub struct Decline {
    /// `from`: the invitee (from the room).
    #[payload(attr)]
    pub from: Option<Jid>,
    /// `to`: the invitor (to the room).
    #[payload(attr)]
    pub to: Option<Jid>,
    /// `<reason/>`.
    #[payload(child_text)]
    pub reason: Option<String>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Decline {
    /// A decline of an invitation from `to`, to send to the room.
    pub fn to(to: impl Into<Jid>) -> Self {
        Decline { to: Some(to.into()), ..Decline::default() }
    }

    /// This decline with a reason.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }
}

/// `<destroy/>`: a room's destruction, requested by an owner in
/// `muc#owner` (XEP-0045 §10.9) and announced to occupants in `muc#user`,
/// in the namespace of its parent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "destroy")]
pub struct Destroy {
    /// `jid`: an alternate room to join instead.
    #[payload(attr)]
    pub jid: Option<Jid>,
    /// `<password/>`: the alternate room's password.
    #[payload(child_text)]
    pub password: Option<String>,
    /// `<reason/>`.
    #[payload(child_text)]
    pub reason: Option<String>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Destroy {
    /// A destruction without an alternate room or reason.
    pub fn new() -> Self {
        Destroy::default()
    }

    /// This destruction pointing at an alternate room.
    pub fn alternate(mut self, room: impl Into<Jid>) -> Self {
        self.jid = Some(room.into());
        self
    }

    /// This destruction with the alternate room's password.
    pub fn password(mut self, password: impl Into<String>) -> Self {
        self.password = Some(password.into());
        self
    }

    /// This destruction with a reason.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }
}

/// `<x xmlns='http://jabber.org/protocol/muc#user'/>` (XEP-0045 §19.2):
/// in a room's presence, the occupant's item and status codes; in
/// messages, invitations, declines, status codes of configuration changes;
/// in a private message, the mark of a MUC private message (§7.5).
///
/// Read liberally: an invitation, item or status code that cannot be read
/// is kept in `unknown` and reported in `malformed`, and the rest stays
/// usable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "x", ns = ns::MUC_USER)]
pub struct MucUser {
    /// `<invite/>`s.
    #[payload(child)]
    pub invites: Vec<Invite>,
    /// `<decline/>`.
    #[payload(child)]
    pub decline: Option<Decline>,
    /// `<item/>`s (one in a presence; a list in an out-of-band message).
    #[payload(child)]
    pub items: Vec<Item>,
    /// `<destroy/>`: the room was destroyed (XEP-0045 §10.9).
    #[payload(child)]
    pub destroy: Option<Destroy>,
    /// `<status code='..'/>`s, in order.
    #[payload(child_attr = "status", attr = "code")]
    pub status: Vec<Status>,
    /// `<password/>`: the room's password, in an invitation (XEP-0045 §7.8.2).
    #[payload(child_text)]
    pub password: Option<String>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl MucUser {
    /// An empty element (the mark of a private message, XEP-0045 §7.5).
    pub fn new() -> Self {
        MucUser::default()
    }

    /// An element holding one invitation, to send to the room (XEP-0045 §7.8.2).
    pub fn invite(invite: Invite) -> Self {
        MucUser { invites: vec![invite], ..MucUser::default() }
    }

    /// An element holding a decline, to send to the room (XEP-0045 §7.8.2).
    pub fn decline(decline: Decline) -> Self {
        MucUser { decline: Some(decline), ..MucUser::default() }
    }

    /// Every status code, in order (a `<status/>` with content, which
    /// XEP-0045 §12 foresees, counts: its content is reported, its code read).
    pub fn codes(&self) -> impl Iterator<Item = Status> + '_ {
        self.status.iter().copied()
    }

    /// Whether the status code `status` is present (among [`codes`](MucUser::codes)).
    pub fn has_status(&self, status: Status) -> bool {
        self.codes().any(|s| s == status)
    }

    /// The first item (a presence carries one).
    pub fn item(&self) -> Option<&Item> {
        self.items.first()
    }
}
