//! XEP-0045: Multi-User Chat, version 1.35.5.
//!
//! Rooms where several users exchange messages (XEP-0045), in its four
//! namespaces and the forms it registers:
//!
//! - `muc` (§7.2, §19.1): [`Muc`] with [`History`], in the presence that
//!   enters a room ([`join`]), and [`JoinError`], why a room refused it;
//! - `muc#user` (§19.2): [`MucUser`], what a room says to occupants: the
//!   occupant's [`Item`] (with [`Affiliation`], [`Role`], [`Actor`],
//!   reason, [`Continue`]), [`Status`] codes, [`Invite`]s, [`Decline`]s,
//!   [`Destroy`]; read from a presence by [`RoomPresence`], and into an
//!   occupant list by [`Occupants`];
//! - `muc#admin` (§19.3): [`Admin`] (kick, voice, ban, membership,
//!   moderator, admin and owner changes), [`AdminListRequest`] and
//!   [`AdminList`] (the lists);
//! - `muc#owner` (§19.4): [`ConfigRequest`], [`ConfigForm`] and [`Owner`]
//!   (configuration, instant rooms, cancel, destruction);
//! - the registered forms (§16.5), typed through
//!   [`TypedForm`](crate::form_type::TypedForm): [`RoomConfig`]
//!   (`muc#roomconfig`), [`RoomInfo`] (`muc#roominfo`), [`Registration`]
//!   (`muc#register`, in a [`Register`] query) and [`VoiceRequest`]
//!   (`muc#request`).
//!
//! Everything a peer sends is read liberally: an item, a status code or an
//! invitation that cannot be read is kept (it round-trips) and reported in
//! the `malformed` list of its parent, and the rest stays usable.
//!
//! Entering a room, and following who is there:
//!
//! ```
//! use jabber_ext::muc::{self, History, OccupantEvent, Occupants};
//! use jabber_stanza::{Payload, Presence};
//!
//! // XEP-0045 Example 26 with Example 36: a password, the last 20 messages.
//! let join = muc::join("coven@chat.shakespeare.lit/thirdwitch".parse()?, Some("cauldronburn"),
//!     Some(History::maxstanzas(20)));
//! assert_eq!(join.to_element().to_string(),
//!     "<presence xmlns='jabber:client' to='coven@chat.shakespeare.lit/thirdwitch'>\
//!      <x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='20'/>\
//!      <password>cauldronburn</password></x></presence>");
//!
//! let mut room = Occupants::new("coven@chat.shakespeare.lit".parse()?);
//! // XEP-0045 Example 154: our self-presence, the room is new.
//! let created = Presence::parse(&"<presence xmlns='jabber:client' \
//!     from='coven@chat.shakespeare.lit/thirdwitch' to='hag66@shakespeare.lit/pda'>\
//!     <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/>\
//!     <status code='110'/><status code='201'/></x></presence>".parse()?)?;
//! let presence = muc::RoomPresence::parse(&created).unwrap();
//! assert!(presence.is_self() && presence.room_created());
//! assert!(matches!(room.handle(&created), Some(OccupantEvent::Joined(me)) if me.me));
//! // Accept the default configuration (XEP-0045 Example 155).
//! let iq = jabber_stanza::Iq::set("create1", &muc::Owner::instant());
//! # let _ = iq;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod admin;
mod config;
mod join;
mod occupants;
mod owner;
mod register;
mod user;

use jabber_jid::{BareJid, FullJid, Jid};
use jabber_stanza::{Message, MessageType, Presence, PresenceType, Texts, Value};

pub use admin::{Admin, AdminList, AdminListRequest};
pub use config::{AllowPm, MaxUsers, Registration, RoomConfig, RoomInfo, VoiceRequest, Whois};
pub use join::{History, JoinError, Muc};
pub use occupants::{Occupant, OccupantEvent, Occupants, Removal, RoomPresence};
pub use owner::{ConfigForm, ConfigRequest, Owner};
pub use register::Register;
pub use user::{Actor, Continue, Decline, Destroy, Invite, Item, MucUser, Status};

/// The FORM_TYPE of the room configuration form (XEP-0045 §16.5.3).
pub const ROOMCONFIG: &str = "http://jabber.org/protocol/muc#roomconfig";
/// The FORM_TYPE of the room information form (XEP-0045 §16.5.4).
pub const ROOMINFO: &str = "http://jabber.org/protocol/muc#roominfo";
/// The FORM_TYPE of the registration form (XEP-0045 §16.5.1); also a disco feature (§16.3).
pub const REGISTER_FORM: &str = "http://jabber.org/protocol/muc#register";
/// The FORM_TYPE of voice requests and their approval (XEP-0045 §16.5.2).
pub const REQUEST: &str = "http://jabber.org/protocol/muc#request";
/// XEP-0077 In-Band Registration: `jabber:iq:register`, the namespace of
/// room registration (XEP-0045 §7.10).
pub const REGISTER: &str = "jabber:iq:register";
/// The disco#items node of the rooms a user is in (XEP-0045 §6.7, §16.4).
pub const NODE_ROOMS: &str = "http://jabber.org/protocol/muc#rooms";
/// The disco#info node of the reserved nickname (XEP-0045 §7.12).
pub const NODE_RESERVED_NICK: &str = "x-roomuser-item";
/// The disco#info node of the namespaces a room lets through (XEP-0045 §18.1.1).
pub const NODE_TRAFFIC: &str = "http://jabber.org/protocol/muc#traffic";

/// `role`: an occupant's place in the room for the length of a visit
/// (XEP-0045 §5.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Value)]
pub enum Role {
    /// `moderator`: may kick, grant and revoke voice, change the subject.
    Moderator,
    /// `participant`: has voice.
    Participant,
    /// `visitor`: may not speak in a moderated room.
    Visitor,
    /// `none`: not in the room (or, in a request, removed: a kick).
    #[default]
    None,
    /// A role the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// `affiliation`: a user's long-lived relation to the room (XEP-0045 §5.2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Value)]
pub enum Affiliation {
    /// `owner`: configures and destroys the room.
    Owner,
    /// `admin`: manages members and bans.
    Admin,
    /// `member`: may enter a members-only room.
    Member,
    /// `outcast`: banned.
    Outcast,
    /// `none`: no affiliation.
    #[default]
    None,
    /// An affiliation the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// A feature a room or service advertises in disco#info (XEP-0045 §6.2,
/// §6.4, the registry of §16.3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum Feature {
    /// `http://jabber.org/protocol/muc`: the service or room speaks MUC.
    #[value(name = "http://jabber.org/protocol/muc")]
    Muc,
    /// `http://jabber.org/protocol/muc#register`: registration with the `muc#register` form.
    #[value(name = "http://jabber.org/protocol/muc#register")]
    Register,
    /// `http://jabber.org/protocol/muc#roomconfig`: configuration with the `muc#roomconfig` form.
    #[value(name = "http://jabber.org/protocol/muc#roomconfig")]
    RoomConfig,
    /// `http://jabber.org/protocol/muc#roominfo`: extended room information.
    #[value(name = "http://jabber.org/protocol/muc#roominfo")]
    RoomInfo,
    /// `http://jabber.org/protocol/muc#stable_id`: groupchat messages keep the sender's `id`.
    #[value(name = "http://jabber.org/protocol/muc#stable_id")]
    StableId,
    /// `muc_hidden`: not listed in disco#items of the service.
    #[value(name = "muc_hidden")]
    Hidden,
    /// `muc_membersonly`.
    #[value(name = "muc_membersonly")]
    MembersOnly,
    /// `muc_moderated`.
    #[value(name = "muc_moderated")]
    Moderated,
    /// `muc_nonanonymous`: real JIDs visible to all.
    #[value(name = "muc_nonanonymous")]
    NonAnonymous,
    /// `muc_open`: anyone not banned may enter.
    #[value(name = "muc_open")]
    Open,
    /// `muc_passwordprotected`.
    #[value(name = "muc_passwordprotected")]
    PasswordProtected,
    /// `muc_persistent`.
    #[value(name = "muc_persistent")]
    Persistent,
    /// `muc_public`: listed in disco#items of the service.
    #[value(name = "muc_public")]
    Public,
    /// `muc_rooms`: a list of rooms (a service).
    #[value(name = "muc_rooms")]
    Rooms,
    /// `muc_semianonymous`: real JIDs visible to moderators.
    #[value(name = "muc_semianonymous")]
    SemiAnonymous,
    /// `muc_temporary`: destroyed when the last occupant leaves.
    #[value(name = "muc_temporary")]
    Temporary,
    /// `muc_unmoderated`.
    #[value(name = "muc_unmoderated")]
    Unmoderated,
    /// `muc_unsecured`: no password.
    #[value(name = "muc_unsecured")]
    Unsecured,
    /// Any other feature, as it came.
    #[value(other)]
    Other(String),
}

/// The address of the occupant `nick` of `room` (`room@service/nick`,
/// XEP-0045 §4.1); an error for a nickname that is not a resourcepart.
pub fn occupant_jid(room: &BareJid, nick: &str) -> Result<FullJid, jabber_jid::Error> {
    room.with_resource(nick)
}

/// The presence that enters a room (XEP-0045 §7.2.1, Examples 18, 26,
/// 35 to 39): to `occupant` (`room@service/nick`), with a [`Muc`]
/// element holding the password and history request.
pub fn join(occupant: FullJid, password: Option<&str>, history: Option<History>) -> Presence {
    let x = Muc { history, password: password.map(str::to_owned), ..Muc::default() };
    let mut presence = Presence { to: Some(Jid::Full(occupant)), ..Presence::default() };
    presence.payloads.push(&x);
    presence
}

/// The presence that changes one's nickname in `room` to `nick` (XEP-0045
/// §7.6, Example 49); an error for a nickname that is not a resourcepart.
pub fn change_nick(room: &BareJid, nick: &str) -> Result<Presence, jabber_jid::Error> {
    Ok(Presence { to: Some(Jid::Full(occupant_jid(room, nick)?)), ..Presence::default() })
}

/// The presence that leaves a room (XEP-0045 §7.14, Examples 80 and 83),
/// with an optional exit message.
pub fn leave(occupant: FullJid, status: Option<&str>) -> Presence {
    let mut presence = Presence::of_type(PresenceType::Unavailable, Jid::Full(occupant));
    if let Some(status) = status {
        presence.statuses.set(None, status);
    }
    presence
}

/// A message to every occupant of `room` (XEP-0045 §7.4, Example 44).
pub fn groupchat(room: BareJid, body: impl Into<String>) -> Message {
    Message {
        to: Some(Jid::Bare(room)),
        kind: MessageType::Groupchat,
        bodies: Texts::single(body),
        ..Message::default()
    }
}

/// A message that changes the subject of `room` (XEP-0045 §8.1, Example
/// 84; an empty subject clears it, Example 88).
pub fn subject(room: BareJid, subject: impl Into<String>) -> Message {
    Message {
        to: Some(Jid::Bare(room)),
        kind: MessageType::Groupchat,
        subjects: Texts::single(subject),
        ..Message::default()
    }
}

/// A message to `room` carrying a mediated invitation (XEP-0045 §7.8.2,
/// Example 56); see [`direct_invite`](crate::direct_invite) for XEP-0249.
pub fn invite(room: BareJid, invite: Invite) -> Message {
    let mut message = Message { to: Some(Jid::Bare(room)), ..Message::default() };
    message.payloads.push(&MucUser::invite(invite));
    message
}

/// A message to `room` declining an invitation (XEP-0045 §7.8.2, Example 58).
pub fn decline(room: BareJid, decline: Decline) -> Message {
    let mut message = Message { to: Some(Jid::Bare(room)), ..Message::default() };
    message.payloads.push(&MucUser::decline(decline));
    message
}
