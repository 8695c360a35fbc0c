//! `http://jabber.org/protocol/muc#admin` (XEP-0045 §19.3): role and
//! affiliation changes and lists, by moderators (§8), admins (§9) and
//! owners (§10).
//!
//! Three shapes of one `<query/>`: [`Admin`] changes roles or
//! affiliations (an iq `set`: kick, voice, ban, membership, moderator,
//! admin and owner changes, or a modified list), [`AdminListRequest`] asks
//! for the list of one role or affiliation (an iq `get`), and
//! [`AdminList`] is that list (the `result`).

use jabber_jid::Jid;
use jabber_stanza::{Error, Payload, Unknown};

use super::{Affiliation, Item, Role};
use crate::ns;

/// `<query xmlns='http://jabber.org/protocol/muc#admin'/>` in an iq
/// `set`: one or more role or affiliation changes (XEP-0045 §8.2 to §8.5,
/// §9.1 to §9.8, §10.3 to §10.8). The room answers with an empty result,
/// or an error (`not-allowed` for a change above the sender's rights).
///
/// ```
/// use jabber_ext::muc::{Admin, Affiliation, Role};
/// use jabber_jid::BareJid;
///
/// // XEP-0045 Example 89: kick.
/// let kick = Admin::kick("pistol", Some("Avaunt, you cullion!"));
/// assert_eq!(kick.items[0].role, Some(Role::None));
/// // XEP-0045 Example 118: a modified ban list, two changes at once.
/// let bans = Admin::ban("lordscroop@shakespeare.lit".parse::<BareJid>()?, Some("Treason"))
///     .and(Admin::ban("sirthomasgrey@shakespeare.lit".parse::<BareJid>()?, Some("Treason")));
/// assert_eq!(bans.items.len(), 2);
/// assert_eq!(bans.items[1].affiliation, Some(Affiliation::Outcast));
/// # Ok::<(), jabber_jid::Error>(())
/// ```
///
/// Read liberally (a room receives it): an item that cannot be read is kept
/// in `unknown` and reported in `malformed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "query", ns = ns::MUC_ADMIN, set)]
pub struct Admin {
    /// The changes, in order.
    #[payload(child)]
    pub items: Vec<Item>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

fn with_reason(item: Item, reason: Option<&str>) -> Item {
    match reason {
        Some(reason) => item.reason(reason),
        None => item,
    }
}

impl Admin {
    /// One change.
    pub fn item(item: Item) -> Self {
        Admin { items: vec![item], ..Admin::default() }
    }

    /// Several changes (a modified list, XEP-0045 §8.5, §9.2, §9.5, §9.8, §10.5, §10.8).
    pub fn items(items: impl IntoIterator<Item = Item>) -> Self {
        Admin { items: items.into_iter().collect(), ..Admin::default() }
    }

    /// These changes and `other`'s, in one request.
    pub fn and(mut self, other: Admin) -> Self {
        self.items.extend(other.items);
        self
    }

    /// Sets the role of the occupant `nick` (XEP-0045 §8, §9.6, §9.7).
    pub fn set_role(nick: impl Into<String>, role: Role, reason: Option<&str>) -> Self {
        Admin::item(with_reason(Item::with_role(nick, role), reason))
    }

    /// Sets the affiliation of the user `jid`, normally a bare JID (XEP-0045 §9, §10).
    pub fn set_affiliation(jid: impl Into<Jid>, affiliation: Affiliation, reason: Option<&str>) -> Self {
        Admin::item(with_reason(Item::with_affiliation(jid, affiliation), reason))
    }

    /// Kicks the occupant `nick`: role `none` (XEP-0045 §8.2, Example 89).
    pub fn kick(nick: impl Into<String>, reason: Option<&str>) -> Self {
        Admin::set_role(nick, Role::None, reason)
    }

    /// Grants voice to the occupant `nick`: role `participant` (XEP-0045 §8.3, Example 94).
    pub fn grant_voice(nick: impl Into<String>, reason: Option<&str>) -> Self {
        Admin::set_role(nick, Role::Participant, reason)
    }

    /// Revokes the voice of the occupant `nick`: role `visitor` (XEP-0045 §8.4, Example 98).
    pub fn revoke_voice(nick: impl Into<String>, reason: Option<&str>) -> Self {
        Admin::set_role(nick, Role::Visitor, reason)
    }

    /// Grants moderator status to the occupant `nick` (XEP-0045 §9.6, Example 137).
    pub fn grant_moderator(nick: impl Into<String>, reason: Option<&str>) -> Self {
        Admin::set_role(nick, Role::Moderator, reason)
    }

    /// Revokes the moderator status of the occupant `nick`: role
    /// `participant` (XEP-0045 §9.7, Example 141).
    pub fn revoke_moderator(nick: impl Into<String>, reason: Option<&str>) -> Self {
        Admin::set_role(nick, Role::Participant, reason)
    }

    /// Bans the user `jid`: affiliation `outcast` (XEP-0045 §9.1, Example 110).
    pub fn ban(jid: impl Into<Jid>, reason: Option<&str>) -> Self {
        Admin::set_affiliation(jid, Affiliation::Outcast, reason)
    }

    /// Grants membership to the user `jid`, optionally reserving a nickname
    /// (XEP-0045 §9.3, Example 120).
    pub fn grant_membership(jid: impl Into<Jid>, nick: Option<&str>, reason: Option<&str>) -> Self {
        let mut item = with_reason(Item::with_affiliation(jid, Affiliation::Member), reason);
        item.nick = nick.map(str::to_owned);
        Admin::item(item)
    }

    /// Revokes the membership (or any affiliation) of the user `jid`:
    /// affiliation `none` (XEP-0045 §9.4, Example 124; §10.7).
    pub fn revoke_membership(jid: impl Into<Jid>, reason: Option<&str>) -> Self {
        Admin::set_affiliation(jid, Affiliation::None, reason)
    }

    /// Asks for the list of users of the affiliation `affiliation`: the
    /// ban list (`outcast`, §9.2), the member list (§9.5), the owner list
    /// (§10.5), the admin list (§10.8).
    pub fn affiliation_list(affiliation: Affiliation) -> AdminListRequest {
        AdminListRequest::affiliation(affiliation)
    }

    /// Asks for the list of occupants of the role `role`: the voice list
    /// (`participant`, §8.5), the moderator list (§9.8).
    pub fn role_list(role: Role) -> AdminListRequest {
        AdminListRequest::role(role)
    }
}

/// `<query xmlns='http://jabber.org/protocol/muc#admin'/>` in an iq
/// `get`: a request for the list of one role or affiliation, an item with
/// only `role` or only `affiliation` (XEP-0045 §8.5, §9.2, §9.5, §9.8,
/// §10.5, §10.8). Answered with an [`AdminList`].
///
/// Read liberally: an item that cannot be read is kept in `unknown` and
/// reported in `malformed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "query", ns = ns::MUC_ADMIN, get)]
pub struct AdminListRequest {
    /// The item naming the list (one, in every example).
    #[payload(child)]
    pub items: Vec<Item>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl AdminListRequest {
    /// The list of the affiliation `affiliation` (XEP-0045 Example 116: `outcast`).
    pub fn affiliation(affiliation: Affiliation) -> Self {
        let item = Item { affiliation: Some(affiliation), ..Item::default() };
        AdminListRequest { items: vec![item], ..AdminListRequest::default() }
    }

    /// The list of the role `role` (XEP-0045 Example 103: `participant`).
    pub fn role(role: Role) -> Self {
        let item = Item { role: Some(role), ..Item::default() };
        AdminListRequest { items: vec![item], ..AdminListRequest::default() }
    }

    /// The affiliation asked for, if the request names one.
    pub fn requested_affiliation(&self) -> Option<&Affiliation> {
        self.items.first().and_then(|i| i.affiliation.as_ref())
    }

    /// The role asked for, if the request names one.
    pub fn requested_role(&self) -> Option<&Role> {
        self.items.first().and_then(|i| i.role.as_ref())
    }
}

/// `<query xmlns='http://jabber.org/protocol/muc#admin'/>` in an iq
/// `result`: the list asked for by an [`AdminListRequest`], one item per
/// user or occupant (XEP-0045 Examples 104, 117, 130, 147, 182, 197).
///
/// Read liberally: an item that cannot be read is kept in `unknown` and
/// reported in `malformed`; the others stay usable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "query", ns = ns::MUC_ADMIN, result)]
pub struct AdminList {
    /// The entries, in order.
    #[payload(child)]
    pub items: Vec<Item>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl AdminList {
    /// A list of these entries.
    pub fn new(items: impl IntoIterator<Item = Item>) -> Self {
        AdminList { items: items.into_iter().collect(), ..AdminList::default() }
    }

    /// The JIDs of the entries that have one.
    pub fn jids(&self) -> impl Iterator<Item = &Jid> {
        self.items.iter().filter_map(|i| i.jid.as_ref())
    }
}
