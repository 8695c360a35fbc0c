//! `http://jabber.org/protocol/muc` (XEP-0045 §19.1): the element of the
//! presence that enters a room, with the room's password and how much
//! discussion history to send.

use jabber_stanza::{DefinedCondition, Error, Payload, Presence, Unknown};

use crate::datetime::DateTime;
use crate::ns;

/// `<history/>`: how much discussion history the room sends on entering
/// (XEP-0045 §7.2.14). Every limit is optional; the room sends what
/// satisfies all of them. `maxchars='0'` asks for none.
///
/// Read liberally: a limit that cannot be read is kept in `unknown` and
/// reported in `malformed`, and the others apply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "history", ns = ns::MUC)]
pub struct History {
    /// `maxchars`: at most this many characters of history stanzas (as
    /// the room counts them: the full XML).
    #[payload(attr)]
    pub maxchars: Option<u32>,
    /// `maxstanzas`: at most this many messages.
    #[payload(attr)]
    pub maxstanzas: Option<u32>,
    /// `seconds`: messages of the last this many seconds.
    #[payload(attr)]
    pub seconds: Option<u32>,
    /// `since`: messages sent since this time (XEP-0082 `DateTime`).
    #[payload(attr)]
    pub since: Option<DateTime>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl History {
    /// No history at all (`maxchars='0'`, XEP-0045 Example 39).
    pub fn none() -> Self {
        History { maxchars: Some(0), ..History::default() }
    }

    /// At most `n` characters (XEP-0045 Example 35).
    pub fn maxchars(n: u32) -> Self {
        History { maxchars: Some(n), ..History::default() }
    }

    /// At most `n` messages (XEP-0045 Example 36).
    pub fn maxstanzas(n: u32) -> Self {
        History { maxstanzas: Some(n), ..History::default() }
    }

    /// The messages of the last `n` seconds (XEP-0045 Example 37).
    pub fn seconds(n: u32) -> Self {
        History { seconds: Some(n), ..History::default() }
    }

    /// The messages since `time` (XEP-0045 Example 38).
    pub fn since(time: DateTime) -> Self {
        History { since: Some(time), ..History::default() }
    }
}

/// `<x xmlns='http://jabber.org/protocol/muc'/>` (XEP-0045 §7.2.1): sent
/// in the presence that enters a room, to say that the client speaks MUC,
/// with the room's password (§7.2.5) and the history wanted (§7.2.14).
/// The room echoes it, empty, in the error presence that refuses entry
/// (§7.2.17).
///
/// Read liberally: a part that cannot be read is kept in `unknown` and
/// reported in `malformed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "x", ns = ns::MUC)]
pub struct Muc {
    /// `<history/>`.
    #[payload(child)]
    pub history: Option<History>,
    /// `<password/>`: the room's password.
    #[payload(child_text)]
    pub password: Option<String>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Muc {
    /// An empty element: enter, with the room's default history.
    pub fn new() -> Self {
        Muc::default()
    }

    /// This element with the room's password.
    pub fn password(mut self, password: impl Into<String>) -> Self {
        self.password = Some(password.into());
        self
    }

    /// This element with a history request.
    pub fn history(mut self, history: History) -> Self {
        self.history = Some(history);
        self
    }
}

/// Why a room refused entry (or a nickname change): the condition of the
/// error presence it answered with, by the meaning XEP-0045 §7.2.17 gives
/// it (and §7.2.18, §7.6 for `jid-malformed`, `conflict`, `not-acceptable`).
///
/// ```
/// use jabber_ext::muc::JoinError;
/// use jabber_stanza::Presence;
///
/// // XEP-0045 Example 25.
/// let refused = Presence::parse(&"<presence xmlns='jabber:client' from='coven@chat.shakespeare.lit/thirdwitch' \
///     type='error'><x xmlns='http://jabber.org/protocol/muc'/><error by='coven@chat.shakespeare.lit' type='auth'>\
///     <not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>".parse()?)?;
/// assert_eq!(JoinError::from_presence(&refused), Some(JoinError::PasswordRequired));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinError {
    /// `not-authorized`: a password is required (or the one given is wrong), §7.2.5.
    PasswordRequired,
    /// `forbidden`: the user is banned, §7.2.7.
    Banned,
    /// `item-not-found`: the room does not exist (or is locked), §7.2.10, §7.2.11.
    RoomNotFound,
    /// `not-allowed`: room creation is restricted, §10.1.1.
    CreationRestricted,
    /// `not-acceptable`: the user must use its reserved nickname, §7.6.
    ReservedNickRequired,
    /// `registration-required`: the room is members-only and the user is not a member, §7.2.6.
    MembersOnly,
    /// `conflict`: the nickname is in use or registered by another user, §7.2.8.
    NickConflict,
    /// `service-unavailable`: the room is full, §7.2.9.
    RoomFull,
    /// `jid-malformed`: no nickname was given, §7.2.1.
    NickRequired,
    /// Another condition, as it came.
    Other(DefinedCondition),
}

impl JoinError {
    /// The meaning of `condition` for entering a room.
    pub fn from_condition(condition: &DefinedCondition) -> JoinError {
        match condition {
            DefinedCondition::NotAuthorized => JoinError::PasswordRequired,
            DefinedCondition::Forbidden => JoinError::Banned,
            DefinedCondition::ItemNotFound => JoinError::RoomNotFound,
            DefinedCondition::NotAllowed => JoinError::CreationRestricted,
            DefinedCondition::NotAcceptable => JoinError::ReservedNickRequired,
            DefinedCondition::RegistrationRequired => JoinError::MembersOnly,
            DefinedCondition::Conflict => JoinError::NickConflict,
            DefinedCondition::ServiceUnavailable => JoinError::RoomFull,
            DefinedCondition::JidMalformed => JoinError::NickRequired,
            other => JoinError::Other(other.clone()),
        }
    }

    /// Why `presence`, an error presence from the room, refused entry;
    /// `None` for a presence that is not an error.
    pub fn from_presence(presence: &Presence) -> Option<JoinError> {
        presence.error().map(|error| JoinError::from_condition(&error.condition))
    }
}
