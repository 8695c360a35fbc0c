//! Reading a room's presence: what one presence says
//! ([`RoomPresence`]), and the occupant list kept up to date as they
//! arrive ([`Occupants`]).

use std::collections::BTreeMap;

use jabber_jid::{BareJid, Jid, ResourcePart};
use jabber_stanza::{Presence, PresenceType, Show};

use super::{Actor, Affiliation, Destroy, Item, MucUser, Role, Status};

/// Why an occupant is no longer in the room, from the unavailable
/// presence that says so (XEP-0045 §8.2, §9.1, §9.4, §10.9, §11, and the
/// status codes of §16.6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// 307: kicked by a moderator (§8.2).
    Kicked,
    /// 301: banned by an admin (§9.1).
    Banned,
    /// 321: removed because of an affiliation change (§9.4).
    AffiliationChanged,
    /// 322: removed because the room became members-only (§10.2).
    MembersOnly,
    /// 332: removed because the service is shutting down (§11.2).
    Shutdown,
    /// 333: removed because of an error reply (§11.1).
    Error,
    /// The room was destroyed (`<destroy/>`, §10.9), maybe pointing at another.
    Destroyed(Destroy),
}

/// A presence from a room occupant (`room@service/nick`) with its
/// `muc#user` element, read for what it says (XEP-0045 §7.2.2, §7.6,
/// §7.14, §8, §9, §10).
///
/// ```
/// use jabber_ext::muc::{Removal, RoomPresence};
/// use jabber_stanza::Presence;
///
/// // XEP-0045 Example 90: we were kicked.
/// let presence = Presence::parse(&"<presence xmlns='jabber:client' \
///     from='harfleur@chat.shakespeare.lit/pistol' to='pistol@shakespeare.lit/harfleur' type='unavailable'>\
///     <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='none'>\
///     <actor nick='Fluellen'/><reason>Avaunt, you cullion!</reason></item>\
///     <status code='110'/><status code='307'/></x></presence>".parse()?)?;
/// let room = RoomPresence::parse(&presence).unwrap();
/// assert!(room.is_self());
/// assert_eq!(room.nick, "pistol");
/// assert_eq!(room.removal(), Some(Removal::Kicked));
/// assert_eq!(room.reason(), Some("Avaunt, you cullion!"));
/// assert_eq!(room.actor().and_then(|a| a.nick.as_deref()), Some("Fluellen"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomPresence {
    /// The room (the bare `from`).
    pub room: BareJid,
    /// The occupant's nickname (the resource of `from`).
    pub nick: String,
    /// Whether the presence is available (else `unavailable`).
    pub available: bool,
    /// The `muc#user` element.
    pub user: MucUser,
}

impl RoomPresence {
    /// Reads `presence`: `None` unless it comes from a full JID, is
    /// available or unavailable, and holds a readable `muc#user` element.
    pub fn parse(presence: &Presence) -> Option<RoomPresence> {
        let Some(Jid::Full(from)) = &presence.from else { return None };
        let available = match presence.kind {
            PresenceType::Available => true,
            PresenceType::Unavailable => false,
            _ => return None,
        };
        let user = presence.payload::<MucUser>()?.ok()?;
        Some(RoomPresence { room: from.to_bare(), nick: from.resource().to_owned(), available, user })
    }

    /// Whether the status code `status` is present.
    pub fn has_status(&self, status: Status) -> bool {
        self.user.has_status(status)
    }

    /// 110: the presence is about the receiver itself (its self-presence).
    pub fn is_self(&self) -> bool {
        self.has_status(Status::SelfPresence)
    }

    /// 201: entering created the room, which waits for its configuration
    /// (XEP-0045 §10.1): accept the defaults with
    /// [`Owner::instant`](super::Owner::instant), or configure it.
    pub fn room_created(&self) -> bool {
        self.has_status(Status::RoomCreated)
    }

    /// 210: the service assigned or changed the nickname (the one of this presence).
    pub fn nick_assigned(&self) -> bool {
        self.has_status(Status::NickAssigned)
    }

    /// 100 or 172: real JIDs are visible to every occupant.
    pub fn non_anonymous(&self) -> bool {
        self.has_status(Status::NonAnonymous) || self.has_status(Status::NowNonAnonymous)
    }

    /// The occupant's item.
    pub fn item(&self) -> Option<&Item> {
        self.user.item()
    }

    /// The occupant's role (`none` without an item).
    pub fn role(&self) -> Role {
        self.item().and_then(|i| i.role.clone()).unwrap_or(Role::None)
    }

    /// The occupant's affiliation (`none` without an item).
    pub fn affiliation(&self) -> Affiliation {
        self.item().and_then(|i| i.affiliation.clone()).unwrap_or(Affiliation::None)
    }

    /// The occupant's real JID, where the room shows it.
    pub fn jid(&self) -> Option<&Jid> {
        self.item().and_then(|i| i.jid.as_ref())
    }

    /// Who made the change (a kick, a ban).
    pub fn actor(&self) -> Option<&Actor> {
        self.item().and_then(|i| i.actor.as_ref())
    }

    /// The reason given for the change.
    pub fn reason(&self) -> Option<&str> {
        self.item().and_then(|i| i.reason.as_deref())
    }

    /// 303: the occupant changed nickname to this one (XEP-0045 §7.6): an
    /// unavailable presence from the old nickname, whose item has the new.
    pub fn new_nick(&self) -> Option<&str> {
        if self.available || !self.has_status(Status::NickChanged) {
            return None;
        }
        self.item().and_then(|i| i.nick.as_deref())
    }

    /// Why the occupant was removed, for an unavailable presence that says
    /// so (a destruction first, then the codes 301, 307, 321, 322, 332,
    /// 333 in that order); `None` for an occupant that left on its own,
    /// changed nickname, or is available.
    pub fn removal(&self) -> Option<Removal> {
        if self.available {
            return None;
        }
        if let Some(destroy) = &self.user.destroy {
            return Some(Removal::Destroyed(destroy.clone()));
        }
        [
            (Status::Banned, Removal::Banned),
            (Status::Kicked, Removal::Kicked),
            (Status::RemovedAffiliation, Removal::AffiliationChanged),
            (Status::RemovedMembersOnly, Removal::MembersOnly),
            (Status::RemovedShutdown, Removal::Shutdown),
            (Status::RemovedError, Removal::Error),
        ]
        .into_iter()
        .find(|(status, _)| self.has_status(*status))
        .map(|(_, removal)| removal)
    }
}

/// One occupant of a room, as its latest presence says (XEP-0045 §7.2.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupant {
    /// The room nickname.
    pub nick: String,
    /// The real JID, where the room shows it.
    pub jid: Option<Jid>,
    /// The role.
    pub role: Role,
    /// The affiliation.
    pub affiliation: Affiliation,
    /// `<show/>`.
    pub show: Option<Show>,
    /// `<status/>`.
    pub status: Option<String>,
    /// Whether this occupant is the one the presences are sent to (110).
    pub me: bool,
}

/// What one presence changed in the occupant list ([`Occupants::handle`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OccupantEvent {
    /// An occupant entered (or was already there when we entered). For
    /// ourselves (`occupant.me`), the room is entered.
    Joined(Occupant),
    /// An occupant left on its own, with its last status.
    Left(Occupant),
    /// An occupant changed nickname (303); it is listed under the new one.
    NickChanged {
        /// The former nickname.
        old: String,
        /// The new nickname.
        new: String,
    },
    /// An occupant's role changed (its affiliation may have too).
    RoleChanged {
        /// The occupant's nickname.
        nick: String,
        /// The former role.
        old: Role,
        /// The new role.
        new: Role,
    },
    /// An occupant's affiliation changed, its role not.
    AffiliationChanged {
        /// The occupant's nickname.
        nick: String,
        /// The former affiliation.
        old: Affiliation,
        /// The new affiliation.
        new: Affiliation,
    },
    /// An occupant's availability (`<show/>`, `<status/>`) changed, or nothing visible.
    PresenceChanged {
        /// The occupant's nickname.
        nick: String,
    },
    /// An occupant was kicked (307).
    Kicked {
        /// The occupant as it was.
        occupant: Occupant,
        /// Who kicked.
        actor: Option<Actor>,
        /// Why.
        reason: Option<String>,
    },
    /// An occupant was banned (301).
    Banned {
        /// The occupant as it was.
        occupant: Occupant,
        /// Who banned.
        actor: Option<Actor>,
        /// Why.
        reason: Option<String>,
    },
    /// An occupant was removed for another reason (321, 322, 332, 333).
    Removed {
        /// The occupant as it was.
        occupant: Occupant,
        /// Why: [`Removal::AffiliationChanged`], [`Removal::MembersOnly`],
        /// [`Removal::Shutdown`] or [`Removal::Error`].
        why: Removal,
        /// Who made the change.
        actor: Option<Actor>,
        /// The reason given.
        reason: Option<String>,
    },
    /// The room was destroyed (§10.9); the occupant is out.
    Destroyed {
        /// The occupant as it was.
        occupant: Occupant,
        /// The destruction: an alternate room, a reason.
        destroy: Destroy,
    },
}

/// The occupants of one room, kept up to date from the presences the room
/// sends (XEP-0045 §7.2.2 to §7.14, §8 to §10).
///
/// Feed every received presence to [`handle`](Occupants::handle): those of
/// other rooms and those that are not occupant presences are ignored.
/// When our own occupant leaves or is removed, the list is emptied: we are
/// no longer in the room.
///
/// ```
/// use jabber_ext::muc::{OccupantEvent, Occupants, Role};
/// use jabber_stanza::Presence;
///
/// let mut room = Occupants::new("coven@chat.shakespeare.lit".parse()?);
/// let presence = |xml: &str| Presence::parse(&xml.parse().unwrap()).unwrap();
/// // XEP-0045 Examples 20 and 22: the other occupants, then ourselves.
/// room.handle(&presence("<presence xmlns='jabber:client' from='coven@chat.shakespeare.lit/firstwitch'>\
///     <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/></x></presence>"));
/// let event = room.handle(&presence("<presence xmlns='jabber:client' from='coven@chat.shakespeare.lit/thirdwitch'>\
///     <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='participant'/>\
///     <status code='110'/><status code='210'/></x></presence>"));
/// assert!(matches!(event, Some(OccupantEvent::Joined(o)) if o.me));
/// assert!(room.is_joined());
/// assert_eq!(room.len(), 2);
/// assert_eq!(room.get("firstwitch").map(|o| &o.role), Some(&Role::Moderator));
/// assert_eq!(room.me().map(|o| o.nick.as_str()), Some("thirdwitch"));
/// # Ok::<(), jabber_jid::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupants {
    room: BareJid,
    occupants: BTreeMap<String, Occupant>,
    me: Option<String>,
}

/// A nickname as the resource of an occupant JID would hold it (after
/// Resourceprep), so that a `nick` attribute and a `from` compare by meaning.
fn normalized(nick: &str) -> String {
    ResourcePart::new(nick).map(ResourcePart::into_string).unwrap_or_else(|_| nick.to_owned())
}

impl Occupants {
    /// No occupants yet, of the room `room`.
    pub fn new(room: BareJid) -> Self {
        Occupants { room, occupants: BTreeMap::new(), me: None }
    }

    /// The room.
    pub fn room(&self) -> &BareJid {
        &self.room
    }

    /// Whether we are in the room: our self-presence (110) arrived and we
    /// have not left since.
    pub fn is_joined(&self) -> bool {
        self.me.is_some()
    }

    /// Our own occupant.
    pub fn me(&self) -> Option<&Occupant> {
        self.me.as_ref().and_then(|nick| self.occupants.get(nick))
    }

    /// The occupant of nickname `nick` (compared after Resourceprep, as
    /// the room compares them).
    pub fn get(&self, nick: &str) -> Option<&Occupant> {
        self.occupants.get(nick).or_else(|| self.occupants.get(&normalized(nick)))
    }

    /// Every occupant, by nickname.
    pub fn iter(&self) -> impl Iterator<Item = &Occupant> {
        self.occupants.values()
    }

    /// How many occupants there are.
    pub fn len(&self) -> usize {
        self.occupants.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.occupants.is_empty()
    }

    /// Updates the list from a received presence and says what changed;
    /// `None` for a presence that is not from an occupant of this room
    /// (another room, an error, no `muc#user` element).
    pub fn handle(&mut self, presence: &Presence) -> Option<OccupantEvent> {
        let room = RoomPresence::parse(presence)?;
        if room.room != self.room {
            return None;
        }
        let me = room.is_self() || self.me.as_deref() == Some(room.nick.as_str());
        if room.available {
            return Some(self.available(presence, &room, me));
        }
        if let Some(new) = room.new_nick() {
            let new = normalized(new);
            let mut occupant = self.occupants.remove(&room.nick).unwrap_or_else(|| occupant(presence, &room, me));
            occupant.nick = new.clone();
            occupant.me = me;
            self.occupants.insert(new.clone(), occupant);
            if me {
                self.me = Some(new.clone());
            }
            return Some(OccupantEvent::NickChanged { old: room.nick, new });
        }
        let mut gone = self.occupants.remove(&room.nick).unwrap_or_else(|| occupant(presence, &room, me));
        gone.role = room.role();
        gone.affiliation = room.affiliation();
        gone.status = presence.status().map(str::to_owned);
        gone.me = me;
        if me {
            self.occupants.clear();
            self.me = None;
        }
        let actor = room.actor().cloned();
        let reason = room.reason().map(str::to_owned);
        Some(match room.removal() {
            None => OccupantEvent::Left(gone),
            Some(Removal::Kicked) => OccupantEvent::Kicked { occupant: gone, actor, reason },
            Some(Removal::Banned) => OccupantEvent::Banned { occupant: gone, actor, reason },
            Some(Removal::Destroyed(destroy)) => OccupantEvent::Destroyed { occupant: gone, destroy },
            Some(why) => OccupantEvent::Removed { occupant: gone, why, actor, reason },
        })
    }

    fn available(&mut self, presence: &Presence, room: &RoomPresence, me: bool) -> OccupantEvent {
        if me {
            self.me = Some(room.nick.clone());
        }
        let Some(known) = self.occupants.get_mut(&room.nick) else {
            let new = occupant(presence, room, me);
            self.occupants.insert(room.nick.clone(), new.clone());
            return OccupantEvent::Joined(new);
        };
        let (old_role, old_affiliation) = (known.role.clone(), known.affiliation.clone());
        let now = occupant(presence, room, me || known.me);
        *known = Occupant { jid: now.jid.or_else(|| known.jid.take()), ..now };
        let nick = room.nick.clone();
        if known.role != old_role {
            OccupantEvent::RoleChanged { nick, old: old_role, new: known.role.clone() }
        } else if known.affiliation != old_affiliation {
            OccupantEvent::AffiliationChanged { nick, old: old_affiliation, new: known.affiliation.clone() }
        } else {
            OccupantEvent::PresenceChanged { nick }
        }
    }
}

/// The occupant a presence describes.
fn occupant(presence: &Presence, room: &RoomPresence, me: bool) -> Occupant {
    Occupant {
        nick: room.nick.clone(),
        jid: room.jid().cloned(),
        role: room.role(),
        affiliation: room.affiliation(),
        show: presence.show,
        status: presence.status().map(str::to_owned),
        me,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn presence(from: &str, unavailable: bool, x: &str) -> Presence {
        let kind = if unavailable { " type='unavailable'" } else { "" };
        let xml = format!(
            "<presence xmlns='jabber:client' from='{from}'{kind}>\
             <x xmlns='http://jabber.org/protocol/muc#user'>{x}</x></presence>"
        );
        Presence::parse(&xml.parse().unwrap()).unwrap()
    }

    #[test]
    fn other_rooms_and_non_occupant_presences_are_ignored() {
        let mut room = Occupants::new("a@muc.example".parse().unwrap());
        assert_eq!(room.handle(&presence("b@muc.example/x", false, "<item role='participant'/>")), None);
        assert_eq!(room.handle(&presence("a@muc.example", false, "<item role='participant'/>")), None);
        let plain = Presence::parse(&"<presence xmlns='jabber:client' from='a@muc.example/x'/>".parse().unwrap());
        assert_eq!(room.handle(&plain.unwrap()), None);
        assert!(room.is_empty());
    }

    #[test]
    fn a_nick_attribute_is_compared_after_resourceprep() {
        let mut room = Occupants::new("a@muc.example".parse().unwrap());
        room.handle(&presence("a@muc.example/old", false, "<item role='participant'/>"));
        // U+212B ANGSTROM SIGN normalizes to U+00C5 under NFKC.
        let event = room.handle(&presence(
            "a@muc.example/old",
            true,
            "<item role='participant' nick='\u{212B}'/><status code='303'/>",
        ));
        assert_eq!(event, Some(OccupantEvent::NickChanged { old: "old".into(), new: "\u{00C5}".into() }));
        assert!(room.get("\u{212B}").is_some());
        let again = room.handle(&presence("a@muc.example/\u{00C5}", false, "<item role='participant'/>"));
        assert_eq!(again, Some(OccupantEvent::PresenceChanged { nick: "\u{00C5}".into() }));
        assert_eq!(room.len(), 1);
    }

    #[test]
    fn our_own_removal_empties_the_list() {
        let mut room = Occupants::new("a@muc.example".parse().unwrap());
        room.handle(&presence("a@muc.example/other", false, "<item role='participant'/>"));
        room.handle(&presence("a@muc.example/me", false, "<item role='participant'/><status code='110'/>"));
        assert_eq!(room.len(), 2);
        let event = room.handle(&presence(
            "a@muc.example/me",
            true,
            "<item role='none'/><status code='110'/><status code='332'/>",
        ));
        assert!(
            matches!(event, Some(OccupantEvent::Removed { why: Removal::Shutdown, ref occupant, .. }) if occupant.me)
        );
        assert!(room.is_empty() && !room.is_joined());
    }
}
