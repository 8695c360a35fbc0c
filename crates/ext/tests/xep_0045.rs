//! XEP-0045 Multi-User Chat: every example, and the helpers.

mod common;

use std::fmt::Debug;

use common::{Walk, elements, examples, in_namespace, round_trip};
use jabber_ext::form_type::TypedForm;
use jabber_ext::forms::{DataForm, FormError, FormKind};
use jabber_ext::muc::{
    self, Actor, Admin, AdminList, AdminListRequest, Affiliation, AllowPm, ConfigForm, ConfigRequest, Continue,
    Decline, Destroy, Feature, History, Invite, Item, JoinError, MaxUsers, Muc, MucUser, OccupantEvent, Occupants,
    Owner, Register, Registration, Removal, Role, RoomConfig, RoomInfo, RoomPresence, Status, VoiceRequest, Whois,
};
use jabber_ext::ns;
use jabber_jid::{BareJid, Jid};
use jabber_stanza::{Error, Iq, Message, Payload, Presence, Value};
use jabber_stream::Element;

fn xml(s: &str) -> Element {
    s.parse().unwrap()
}

fn jid(s: &str) -> Jid {
    s.parse().unwrap()
}

fn bare(s: &str) -> BareJid {
    s.parse().unwrap()
}

/// The stanzas of Example `n` (without an elided tail, `[ ... ]`).
fn example(n: u32) -> Vec<Element> {
    let all = examples("0045");
    let example = all.iter().find(|e| e.number == n).unwrap();
    let text = example.text.trim_end();
    elements(text.strip_suffix("[ ... ]").unwrap_or(text)).unwrap()
}

/// The first element of namespace `ns` in Example `n`, parsed as `P`.
fn payload<P: Payload>(n: u32, ns: &str) -> P {
    let stanzas = example(n);
    let found = stanzas.iter().flat_map(|s| in_namespace(s, ns)).next().unwrap();
    P::parse(found).unwrap()
}

/// The presences of Example `n`.
fn presences(n: u32) -> Vec<Presence> {
    example(n).iter().map(|e| Presence::parse(e).unwrap()).collect()
}

/// Every `malformed` list inside a parsed payload, checked empty.
trait Clean {
    fn problems(&self) -> Vec<&Error>;
}

impl Clean for Item {
    fn problems(&self) -> Vec<&Error> {
        self.malformed.iter().collect()
    }
}

impl Clean for MucUser {
    fn problems(&self) -> Vec<&Error> {
        let mut out: Vec<&Error> = self.malformed.iter().collect();
        out.extend(self.items.iter().flat_map(Clean::problems));
        out.extend(self.invites.iter().flat_map(|i| &i.malformed));
        out.extend(self.decline.iter().flat_map(|d| &d.malformed));
        out.extend(self.destroy.iter().flat_map(|d| &d.malformed));
        out
    }
}

impl Clean for Muc {
    fn problems(&self) -> Vec<&Error> {
        let mut out: Vec<&Error> = self.malformed.iter().collect();
        out.extend(self.history.iter().flat_map(|h| &h.malformed));
        out
    }
}

macro_rules! clean_items {
    ($($t:ty),*) => {$(
        impl Clean for $t {
            fn problems(&self) -> Vec<&Error> {
                let mut out: Vec<&Error> = self.malformed.iter().collect();
                out.extend(self.items.iter().flat_map(Clean::problems));
                out
            }
        }
    )*};
}
clean_items!(Admin, AdminListRequest, AdminList);

impl Clean for ConfigRequest {
    fn problems(&self) -> Vec<&Error> {
        self.malformed.iter().collect()
    }
}

fn form_problems(form: Option<&DataForm>) -> Vec<&Error> {
    form.iter().flat_map(|f| f.malformed.iter().chain(f.fields.iter().flat_map(|f| &f.malformed))).collect()
}

impl Clean for ConfigForm {
    fn problems(&self) -> Vec<&Error> {
        let mut out: Vec<&Error> = self.malformed.iter().collect();
        out.extend(form_problems(self.form.as_ref()));
        out
    }
}

impl Clean for Owner {
    fn problems(&self) -> Vec<&Error> {
        let mut out: Vec<&Error> = self.malformed.iter().collect();
        out.extend(form_problems(self.form.as_ref()));
        out.extend(self.destroy.iter().flat_map(|d| &d.malformed));
        out
    }
}

impl Clean for Register {
    fn problems(&self) -> Vec<&Error> {
        let mut out: Vec<&Error> = self.malformed.iter().collect();
        out.extend(form_problems(self.form.as_ref()));
        out
    }
}

/// Parses `element` as `P`, checks that nothing inside is malformed and
/// that it round-trips.
fn check<P: Payload + PartialEq + Debug + Clean>(element: &Element) -> Result<P, String> {
    let parsed: P = round_trip(element)?;
    let problems = parsed.problems();
    if !problems.is_empty() {
        return Err(format!("<{}/> malformed: {problems:?}", element.name()));
    }
    Ok(parsed)
}

/// Reads `form` through the typed form `T`: from_form, to_form, from_form
/// again gives the same value (for each kind of form).
fn typed_round_trip<T: TypedForm + PartialEq + Debug>(form: &DataForm) -> Result<T, String> {
    let typed = T::from_form(form).map_err(|e| format!("{}: {e}", T::FORM_TYPE))?;
    for kind in [FormKind::Form, FormKind::Submit, FormKind::Result] {
        let written = typed.to_form(kind.clone());
        if written.form_type() != Some(T::FORM_TYPE) {
            return Err(format!("{kind:?} form of {} lacks its FORM_TYPE", T::FORM_TYPE));
        }
        let again = T::from_form(&written).map_err(|e| format!("{}: written form: {e}", T::FORM_TYPE))?;
        if again != typed {
            return Err(format!("{} typed round trip differs:\n  {typed:?}\n  {again:?}", T::FORM_TYPE));
        }
        // What is written also reads back as a form.
        round_trip::<DataForm>(&written.to_element())?;
    }
    Ok(typed)
}

/// Checks the data form `form` and, for a FORM_TYPE of XEP-0045, its typed
/// reading; the number of typed forms checked.
fn check_form(form: &DataForm) -> Result<usize, String> {
    match form.form_type() {
        Some(muc::ROOMCONFIG) => typed_round_trip::<RoomConfig>(form).map(|_| 1),
        Some(muc::ROOMINFO) => typed_round_trip::<RoomInfo>(form).map(|_| 1),
        Some(muc::REGISTER_FORM) => typed_round_trip::<Registration>(form).map(|_| 1),
        Some(muc::REQUEST) => typed_round_trip::<VoiceRequest>(form).map(|_| 1),
        _ => Ok(0),
    }
}

/// The data forms of `element` that are not in a muc#owner or
/// jabber:iq:register query (those are checked with their query).
fn forms_outside_queries(element: &Element) -> Vec<&Element> {
    if element.ns() == ns::MUC_OWNER || element.ns() == muc::REGISTER {
        return Vec::new();
    }
    if element.ns() == ns::DATA_FORMS {
        return vec![element];
    }
    element.children().flat_map(forms_outside_queries).collect()
}

/// The examples that end with `[ ... ]` (more stanzas like the ones
/// shown, elided): the stanzas before it are walked.
const ELIDED_TAILS: [u32; 26] = [
    23, 55, 76, 85, 92, 97, 101, 114, 123, 127, 128, 133, 136, 140, 144, 167, 168, 169, 170, 175, 176, 180, 189, 190,
    194, 195,
];

/// [`Walk::run`] over XEP-0045, except that an example ending with the
/// elision `[ ... ]` is walked without it (and listed in `elided_tails`)
/// rather than listed whole as not XML: 26 examples show a valid stanza
/// and elide the copies sent to other occupants.
fn walk_eliding_tails(mut check: impl FnMut(&Element) -> Result<usize, String>) -> ElidingWalk {
    let mut walk = ElidingWalk::default();
    let mut failures = Vec::new();
    for example in examples("0045") {
        walk.walk.examples += 1;
        let mut text = example.text.trim_end();
        if let Some(shown) = text.strip_suffix("[ ... ]") {
            walk.elided_tails.push(example.number);
            text = shown;
        }
        match elements(text) {
            Err(why) => {
                walk.walk.exceptions.insert(example.number, why);
            }
            Ok(stanzas) => {
                for stanza in &stanzas {
                    match check(stanza) {
                        Ok(n) => walk.walk.payloads += n,
                        Err(why) => failures.push(format!("XEP-0045 Example {}: {why}", example.number)),
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    walk
}

/// A [`Walk`] and the examples whose elided tail was dropped.
#[derive(Debug, Default)]
struct ElidingWalk {
    walk: Walk,
    elided_tails: Vec<u32>,
}

impl std::ops::Deref for ElidingWalk {
    type Target = Walk;
    fn deref(&self) -> &Walk {
        &self.walk
    }
}

/// What walking the examples counted, by kind.
#[derive(Debug, Default, PartialEq)]
struct Counts {
    muc: usize,
    user: usize,
    admin: usize,
    owner: usize,
    register: usize,
    typed_forms: usize,
}

/// Every example: each element of the four MUC namespaces (and each
/// `jabber:iq:register` query) parses into its typed model with nothing
/// malformed and round-trips; each data form of a MUC FORM_TYPE (in a
/// muc#owner query, a registration query, a disco#info result or a
/// message) reads through its `TypedForm` and back.
#[test]
fn every_example() {
    let mut counts = Counts::default();
    let walk = walk_eliding_tails(|stanza| {
        let kind = stanza.attr("type").unwrap_or("");
        let mut n = 0;
        for e in in_namespace(stanza, ns::MUC) {
            check::<Muc>(e)?;
            counts.muc += 1;
            n += 1;
        }
        for e in in_namespace(stanza, ns::MUC_USER) {
            let user = check::<MucUser>(e)?;
            if let Some(code) = user.status.iter().find(|s| matches!(s, Status::Other(_))) {
                return Err(format!("status code {code:?} is not one of the registry's"));
            }
            counts.user += 1;
            n += 1;
        }
        for e in in_namespace(stanza, ns::MUC_ADMIN) {
            match kind {
                "get" => drop(check::<AdminListRequest>(e)?),
                "result" => drop(check::<AdminList>(e)?),
                _ => drop(check::<Admin>(e)?),
            }
            counts.admin += 1;
            n += 1;
        }
        for e in in_namespace(stanza, ns::MUC_OWNER) {
            let form = match kind {
                "get" => check::<ConfigRequest>(e).map(|_| None)?,
                "result" => check::<ConfigForm>(e)?.form,
                _ => check::<Owner>(e)?.form,
            };
            if let Some(form) = form {
                let typed = check_form(&form)?;
                counts.typed_forms += typed;
                n += typed;
            }
            counts.owner += 1;
            n += 1;
        }
        for e in in_namespace(stanza, muc::REGISTER) {
            if let Some(form) = check::<Register>(e)?.form {
                let typed = check_form(&form)?;
                counts.typed_forms += typed;
                n += typed;
            }
            counts.register += 1;
            n += 1;
        }
        // Forms outside those queries: disco#info (room info), messages (requests, approvals).
        for e in forms_outside_queries(stanza) {
            let form = round_trip::<DataForm>(e)?;
            let typed = check_form(&form)?;
            if !form_problems(Some(&form)).is_empty() {
                return Err(format!("form malformed: {:?}", form_problems(Some(&form))));
            }
            counts.typed_forms += typed;
            n += typed;
        }
        Ok(n)
    });
    assert_eq!(walk.examples, 220);
    // Not XML: Example 86 shows how a client displays a subject change;
    // Examples 208, 210, 212, 214 and 216 are XMPP URIs (their resulting
    // stanzas, Examples 209 to 217, are walked).
    walk.assert_exceptions(&[86, 208, 210, 212, 214, 216]);
    assert_eq!(walk.elided_tails, ELIDED_TAILS);
    assert_eq!(counts, Counts { muc: 23, user: 73, admin: 41, owner: 12, register: 4, typed_forms: 10 }, "{counts:#?}");
    // Typed forms: room info (Example 10), registration (70, 71, 151),
    // voice requests (79, 108, 109), room configuration (157, 159, 165).
    assert_eq!(walk.payloads, 23 + 73 + 41 + 12 + 4 + 10);
}

// ---------------------------------------------------------------- muc: join

/// XEP-0045 Examples 18 and 26: the join presence, without and with a password.
#[test]
fn join_presences() {
    let expected = &presences(18)[0];
    let join = muc::join("coven@chat.shakespeare.lit/thirdwitch".parse().unwrap(), None, None);
    assert_eq!(join.to, expected.to);
    assert_eq!(join.payload::<Muc>(), Some(Ok(Muc::new())));
    assert_eq!(expected.payload::<Muc>(), Some(Ok(Muc::new())));
    assert_eq!(
        join.to_element().to_string(),
        "<presence xmlns='jabber:client' to='coven@chat.shakespeare.lit/thirdwitch'>\
         <x xmlns='http://jabber.org/protocol/muc'/></presence>"
    );

    let expected = &presences(26)[0];
    let join = muc::join("coven@chat.shakespeare.lit/thirdwitch".parse().unwrap(), Some("cauldronburn"), None);
    let x = expected.payload::<Muc>().unwrap().unwrap();
    assert_eq!(x.password.as_deref(), Some("cauldronburn"));
    assert_eq!(join.payload::<Muc>(), Some(Ok(x)));
    // Example 211, the stanza of a join URI with a password: the same element.
    assert_eq!(payload::<Muc>(211, ns::MUC), Muc::new().password("cauldronburn"));
}

/// XEP-0045 Examples 35 to 39: every history limit.
#[test]
fn history_limits() {
    let history = |n| payload::<Muc>(n, ns::MUC).history.unwrap();
    assert_eq!(history(35), History::maxchars(65000));
    assert_eq!(history(36), History::maxstanzas(20));
    assert_eq!(history(37), History::seconds(180));
    let since = history(38);
    assert_eq!(since.since.as_ref().map(|t| t.to_value().into_owned()).as_deref(), Some("1970-01-01T00:00:00Z"));
    assert_eq!(since, History::since(Value::from_value("1970-01-01T00:00:00Z").unwrap()));
    assert_eq!(history(39), History::none());
    assert_eq!(
        Muc::new().history(History::maxstanzas(20)).to_element().to_string(),
        "<x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='20'/></x>"
    );
}

/// A history limit that cannot be read is kept and reported; the others apply.
#[test]
fn an_unreadable_history_limit_is_kept() {
    let x = Muc::parse(&xml("<x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='-1' seconds='180'/>\
         <password>p</password></x>"))
    .unwrap();
    let history = x.history.as_ref().unwrap();
    assert_eq!(history.seconds, Some(180));
    assert_eq!(history.maxstanzas, None);
    assert!(matches!(
        &history.malformed[..],
        [Error::InvalidAttribute { element: "history", attribute: "maxstanzas", value }] if value == "-1"
    ));
    assert_eq!(x.password.as_deref(), Some("p"));
    assert_eq!(Muc::parse(&x.to_element()), Ok(x));
}

// ------------------------------------------------------- muc#user: presence

/// XEP-0045 Examples 22 and 154: self-presence (110), room creation (201),
/// an assigned nickname (210).
#[test]
fn self_presence_and_room_creation() {
    let joined = RoomPresence::parse(&presences(22)[0]).unwrap();
    assert_eq!(joined.room, bare("coven@chat.shakespeare.lit"));
    assert_eq!(joined.nick, "thirdwitch");
    assert!(joined.available && joined.is_self() && joined.nick_assigned() && !joined.room_created());
    assert_eq!(joined.user.status, [Status::SelfPresence, Status::NickAssigned]);
    assert_eq!((joined.role(), joined.affiliation()), (Role::Participant, Affiliation::Member));

    let created = RoomPresence::parse(&presences(154)[0]).unwrap();
    assert!(created.is_self() && created.room_created());
    assert_eq!((created.role(), created.affiliation()), (Role::Moderator, Affiliation::Owner));
    assert_eq!(created.removal(), None);

    // Example 24: a non-anonymous room says so (100).
    assert!(RoomPresence::parse(&presences(24)[0]).unwrap().non_anonymous());
    // Example 32: and that it is logged (170).
    assert!(RoomPresence::parse(&presences(32)[0]).unwrap().has_status(Status::LoggingEnabled));
}

/// XEP-0045 Example 50: a nickname change (303), seen by others and by the occupant itself.
#[test]
fn nick_change() {
    let all = presences(50);
    let others = RoomPresence::parse(&all[0]).unwrap();
    assert_eq!(others.nick, "thirdwitch");
    assert_eq!(others.new_nick(), Some("oldhag"));
    assert_eq!(others.jid(), Some(&jid("hag66@shakespeare.lit/pda")));
    assert!(!others.is_self());
    assert_eq!(others.removal(), None);
    let own = RoomPresence::parse(&all[2]).unwrap();
    assert!(own.is_self());
    assert_eq!(own.new_nick(), Some("oldhag"));
    // The presence from the new nickname is not a change.
    let after = RoomPresence::parse(&all[5]).unwrap();
    assert_eq!((after.nick.as_str(), after.new_nick()), ("oldhag", None));
    // Example 49: the request is a presence to the new occupant JID.
    let request = muc::change_nick(&bare("coven@chat.shakespeare.lit"), "oldhag").unwrap();
    assert_eq!(request.to, presences(49)[0].to);
    assert!(request.payloads.is_empty());
}

/// XEP-0045 Examples 90, 92 (kick) and 113, 114 (ban): who, by whom, why.
#[test]
fn kicks_and_bans() {
    let kicked = RoomPresence::parse(&presences(90)[0]).unwrap();
    assert!(kicked.is_self());
    assert_eq!(kicked.removal(), Some(Removal::Kicked));
    assert_eq!(kicked.actor(), Some(&Actor::nick("Fluellen")));
    assert_eq!(kicked.reason(), Some("Avaunt, you cullion!"));
    let seen = RoomPresence::parse(&presences(92)[0]).unwrap();
    assert_eq!((seen.nick.as_str(), seen.removal(), seen.is_self()), ("pistol", Some(Removal::Kicked), false));

    let banned = RoomPresence::parse(&presences(113)[0]).unwrap();
    assert_eq!(banned.removal(), Some(Removal::Banned));
    assert_eq!(banned.affiliation(), Affiliation::Outcast);
    assert_eq!(banned.actor(), Some(&Actor::nick("The ♚")));
    assert_eq!(banned.reason(), Some("Treason"));
    let seen = RoomPresence::parse(&presences(114)[0]).unwrap();
    assert_eq!(seen.removal(), Some(Removal::Banned));
    assert_eq!(seen.jid(), Some(&jid("earlofcambridge@shakespeare.lit/stabber")));
}

/// XEP-0045 Examples 202, 205, 207 and 43: destruction, removal on error,
/// shutdown; a groupchat 1.0 join refused (307 with 333: the kick wins).
#[test]
fn other_removals() {
    let destroyed = RoomPresence::parse(&presences(202)[2]).unwrap();
    let destroy = Destroy::new().alternate(jid("coven@chat.shakespeare.lit")).reason("Macbeth doth come.");
    assert_eq!(destroyed.removal(), Some(Removal::Destroyed(destroy)));
    assert_eq!(RoomPresence::parse(&presences(205)[0]).unwrap().removal(), Some(Removal::Error));
    for p in presences(207) {
        let p = RoomPresence::parse(&p).unwrap();
        assert_eq!((p.is_self(), p.removal()), (true, Some(Removal::Shutdown)));
    }
    let refused = RoomPresence::parse(&presences(43)[0]).unwrap();
    assert_eq!(refused.user.status, [Status::SelfPresence, Status::Kicked, Status::RemovedError]);
    assert_eq!(refused.removal(), Some(Removal::Kicked));
    // Example 81: leaving on one's own is not a removal.
    assert_eq!(RoomPresence::parse(&presences(81)[0]).unwrap().removal(), None);
    // Example 80 and 83: the presences that leave.
    let leave = muc::leave("coven@chat.shakespeare.lit/thirdwitch".parse().unwrap(), None);
    assert_eq!((leave.to.clone(), leave.kind.clone()), (presences(80)[0].to.clone(), presences(80)[0].kind.clone()));
    let leave = muc::leave("coven@chat.shakespeare.lit/oldhag".parse().unwrap(), Some("gone where the goblins go"));
    assert_eq!(leave.status(), presences(83)[0].status());
}

/// XEP-0045 Examples 19, 25, 27 to 31, 52, 53 and 152: why a room refused entry.
#[test]
fn join_errors() {
    let refused = |n| JoinError::from_presence(&presences(n)[0]);
    assert_eq!(refused(19), Some(JoinError::NickRequired));
    assert_eq!(refused(25), Some(JoinError::PasswordRequired));
    assert_eq!(refused(27), Some(JoinError::MembersOnly));
    assert_eq!(refused(28), Some(JoinError::Banned));
    assert_eq!(refused(29), Some(JoinError::NickConflict));
    assert_eq!(refused(30), Some(JoinError::RoomFull));
    assert_eq!(refused(31), Some(JoinError::RoomNotFound));
    assert_eq!(refused(52), Some(JoinError::NickConflict));
    assert_eq!(refused(53), Some(JoinError::ReservedNickRequired));
    assert_eq!(refused(152), Some(JoinError::CreationRestricted));
    assert_eq!(refused(22), None);
    let other = JoinError::from_condition(&jabber_stanza::DefinedCondition::InternalServerError);
    assert_eq!(other, JoinError::Other(jabber_stanza::DefinedCondition::InternalServerError));
}

/// A presence that is not from an occupant is not read as one.
#[test]
fn not_occupant_presences() {
    // Example 19: an error from the room's bare JID.
    assert_eq!(RoomPresence::parse(&presences(19)[0]), None);
    // Example 25: an error presence, with the muc element echoed.
    assert_eq!(RoomPresence::parse(&presences(25)[0]), None);
    // Example 54: no muc#user element.
    assert_eq!(RoomPresence::parse(&presences(54)[0]), None);
}

/// Every code of the registry (XEP-0045 §16.6) reads and writes as its
/// number; others are kept as numbers; one that is not a number is kept
/// and reported.
#[test]
fn status_codes() {
    let codes = [100, 101, 102, 103, 104, 110, 170, 171, 172, 173, 201, 210, 301, 303, 307, 321, 322, 332, 333];
    for (status, code) in Status::ALL.iter().zip(codes) {
        assert_eq!(status.code(), code);
        assert_eq!(Status::from_code(code), *status);
        assert_eq!(Status::from_value(&code.to_string()), Ok(*status));
        assert_eq!(status.to_value(), code.to_string());
    }
    assert_eq!(Status::from_value(" 174 "), Ok(Status::Other(174)));
    assert_eq!(Status::Other(174).to_value(), "174");
    assert_eq!(u16::from(Status::Banned), 301);

    let x =
        MucUser::parse(&xml("<x xmlns='http://jabber.org/protocol/muc#user'><status code='110'/><status code='x10'/>\
         <status code='999'/><item role='participant'/></x>"))
        .unwrap();
    assert_eq!(x.status, [Status::SelfPresence, Status::Other(999)]);
    assert_eq!(x.item().and_then(|i| i.role.clone()), Some(Role::Participant));
    assert!(matches!(
        &x.malformed[..],
        [Error::InvalidAttribute { element: "status", attribute: "code", value }] if value == "x10"
    ));
    assert_eq!(x.unknown.children.len(), 1);
    let written = x.to_element();
    assert!(written.to_string().contains("code='x10'"));
    assert_eq!(MucUser::parse(&written), Ok(x));

    // A status with content (XEP-0045 §12 foresees descriptive children):
    // its content is reported, its code read.
    let x = MucUser::parse(&xml(
        "<x xmlns='http://jabber.org/protocol/muc#user'><status code='110'><self/></status><status code='201'/></x>",
    ))
    .unwrap();
    assert_eq!(x.status, [Status::SelfPresence, Status::RoomCreated]);
    assert!(matches!(&x.malformed[..], [Error::UnexpectedChild { element: "status", child, .. }] if child == "self"));
    assert_eq!(x.codes().collect::<Vec<_>>(), [Status::SelfPresence, Status::RoomCreated]);
    assert!(x.has_status(Status::SelfPresence));
    // Only the code is kept: written back, the content (reported) is gone.
    assert_eq!(MucUser::parse(&x.to_element()).map(|again| again.status), Ok(x.status));
}

/// Roles and affiliations the XEP does not define are kept; an item with
/// an unreadable JID keeps its other parts.
#[test]
fn items_are_read_liberally() {
    let x = MucUser::parse(&xml("<x xmlns='http://jabber.org/protocol/muc#user'>\
         <item affiliation='friend' role='chair' jid='a@b@c' nick='n'><reason>r</reason><reason>s</reason></item></x>"))
    .unwrap();
    let item = x.item().unwrap();
    assert_eq!(item.affiliation, Some(Affiliation::Other("friend".into())));
    assert_eq!(item.role, Some(Role::Other("chair".into())));
    assert_eq!(item.jid, None);
    assert_eq!(item.nick.as_deref(), Some("n"));
    assert_eq!(item.reason.as_deref(), Some("r"));
    assert!(matches!(item.malformed[0], Error::InvalidJid { element: "item", attribute: "jid", .. }));
    assert_eq!(item.malformed[1], Error::DuplicateChild { element: "item", child: "reason" });
    assert!(x.malformed.is_empty());
    assert_eq!(MucUser::parse(&x.to_element()), Ok(x));
    // A child of another element in the namespace is kept and reported.
    let x = MucUser::parse(&xml("<x xmlns='http://jabber.org/protocol/muc#user'><unknown/></x>")).unwrap();
    assert!(matches!(&x.malformed[..], [Error::UnexpectedChild { element: "x", child, .. }] if child == "unknown"));
}

// ------------------------------------------------------ muc#user: messages

/// XEP-0045 Examples 56 to 59: a mediated invitation and its decline.
#[test]
fn invitations() {
    let reason = "\n        Hey Hecate, this is the place for all good witches!\n      ";
    let sent =
        muc::invite(bare("coven@chat.shakespeare.lit"), Invite::to(jid("hecate@shakespeare.lit")).reason(reason));
    let expected = Message::parse(&example(56)[0]).unwrap();
    assert_eq!(sent.to, expected.to);
    assert_eq!(sent.payload::<MucUser>(), expected.payload::<MucUser>());

    let delivered = payload::<MucUser>(57, ns::MUC_USER);
    assert_eq!(delivered.invites[0].from, Some(jid("crone1@shakespeare.lit/desktop")));
    assert_eq!(delivered.invites[0].reason.as_deref(), Some(reason));
    assert_eq!(delivered.password.as_deref(), Some("cauldronburn"));

    let decline = Decline::to(jid("crone1@shakespeare.lit")).reason("\n        Sorry, I'm too busy right now.\n      ");
    let sent = muc::decline(bare("coven@chat.shakespeare.lit"), decline);
    assert_eq!(sent.payload::<MucUser>(), Some(Ok(payload::<MucUser>(58, ns::MUC_USER))));
    let passed_on = payload::<MucUser>(59, ns::MUC_USER).decline.unwrap();
    assert_eq!((passed_on.from, passed_on.to), (Some(jid("hecate@shakespeare.lit")), None));
}

/// XEP-0045 Examples 63 and 215, 217: invitations continuing a chat, several at once, with a password.
#[test]
fn invitations_continuing_and_several() {
    let x = payload::<MucUser>(63, ns::MUC_USER);
    let thread = "e0ffe42b28561960c6b12b944a092794b9683a38";
    let one = Invite::to(jid("wiccarocks@shakespeare.lit/laptop"))
        .reason("This coven needs both wiccarocks and hag66.")
        .continuing(thread);
    assert_eq!(x.invites[0], one);
    assert_eq!(x.invites[1].r#continue, Some(Continue { thread: Some(thread.into()) }));

    let x = payload::<MucUser>(215, ns::MUC_USER);
    assert_eq!(
        x.invites.iter().filter_map(|i| i.to.clone()).collect::<Vec<_>>(),
        [jid("hecate@shakespeare.lit"), jid("bard@shakespeare.lit")]
    );
    let with_password =
        MucUser { password: Some("cauldronburn".into()), ..MucUser::invite(Invite::to(jid("hecate@shakespeare.lit"))) };
    assert_eq!(payload::<MucUser>(217, ns::MUC_USER), with_password);
    assert_eq!(
        with_password.to_element().to_string(),
        "<x xmlns='http://jabber.org/protocol/muc#user'><invite to='hecate@shakespeare.lit'/>\
         <password>cauldronburn</password></x>"
    );
}

/// XEP-0045 Example 171 (a configuration change, 170) and Example 176 (an
/// affiliation change to a non-occupant): status codes and items in messages.
#[test]
fn status_and_items_in_messages() {
    assert_eq!(payload::<MucUser>(171, ns::MUC_USER).status, [Status::LoggingEnabled]);
    let item = payload::<MucUser>(176, ns::MUC_USER).items.remove(0);
    assert_eq!(
        item,
        Item {
            affiliation: Some(Affiliation::Member),
            jid: Some(jid("hecate@shakespeare.lit")),
            role: Some(Role::None),
            ..Item::default()
        }
    );
    // Example 46: the mark of a private message.
    assert_eq!(payload::<MucUser>(46, ns::MUC_USER), MucUser::new());
}

/// XEP-0045 Examples 44 and 84: a groupchat message and a subject change.
#[test]
fn groupchat_and_subject() {
    let sent = muc::groupchat(bare("coven@chat.shakespeare.lit"), "Harpier cries: 'tis time, 'tis time.");
    let expected = Message::parse(&example(44)[0]).unwrap();
    assert_eq!(
        (sent.to.clone(), sent.kind.clone(), sent.body()),
        (expected.to.clone(), expected.kind.clone(), expected.body())
    );
    let sent = muc::subject(bare("coven@chat.shakespeare.lit"), "Fire Burn and Cauldron Bubble!");
    let expected = Message::parse(&example(84)[0]).unwrap();
    assert_eq!((sent.kind.clone(), sent.subject()), (expected.kind.clone(), expected.subject()));
}

// ------------------------------------------------------------- muc#admin

/// XEP-0045 Examples 89 (kick), 94, 95, 98, 99 (voice), 137, 141 (moderator):
/// role changes built as the XEP shows them.
#[test]
fn role_changes() {
    let kick = Admin::kick("pistol", Some("Avaunt, you cullion!"));
    assert_eq!(payload::<Admin>(89, ns::MUC_ADMIN), kick);
    assert_eq!(
        kick.to_element().to_string(),
        "<query xmlns='http://jabber.org/protocol/muc#admin'><item nick='pistol' role='none'>\
         <reason>Avaunt, you cullion!</reason></item></query>"
    );
    assert_eq!(payload::<Admin>(94, ns::MUC_ADMIN), Admin::grant_voice("thirdwitch", None));
    assert_eq!(payload::<Admin>(95, ns::MUC_ADMIN), Admin::grant_voice("thirdwitch", Some("A worthy witch indeed!")));
    assert_eq!(payload::<Admin>(98, ns::MUC_ADMIN), Admin::revoke_voice("thirdwitch", None));
    assert_eq!(
        payload::<Admin>(99, ns::MUC_ADMIN),
        Admin::revoke_voice("thirdwitch", Some("Not so worthy after all!"))
    );
    assert_eq!(payload::<Admin>(137, ns::MUC_ADMIN), Admin::grant_moderator("thirdwitch", None));
    assert_eq!(payload::<Admin>(141, ns::MUC_ADMIN), Admin::revoke_moderator("thirdwitch", None));
    // Example 105: a modified voice list.
    let list = Admin::revoke_voice("Hecate", None)
        .and(Admin::grant_voice("rosencrantz", Some("A worthy fellow.")))
        .and(Admin::grant_voice("guildenstern", Some("A worthy fellow.")));
    assert_eq!(payload::<Admin>(105, ns::MUC_ADMIN), list);
    // The iq that carries a kick.
    let iq = Iq::set("kick1", &kick).with_to(jid("harfleur@chat.shakespeare.lit"));
    assert_eq!(iq.payload::<Admin>(), Some(Ok(kick)));
}

/// XEP-0045 Examples 110, 111 (ban), 118 (ban list), 120, 121, 124 (membership),
/// 172 (owner), 186, 191 (admin): affiliation changes.
#[test]
fn affiliation_changes() {
    let cambridge = bare("earlofcambridge@shakespeare.lit");
    assert_eq!(payload::<Admin>(110, ns::MUC_ADMIN), Admin::ban(cambridge.clone(), None));
    let ban = Admin::ban(cambridge, Some("Treason"));
    assert_eq!(payload::<Admin>(111, ns::MUC_ADMIN), ban);
    assert_eq!(
        ban.to_element().to_string(),
        "<query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='outcast' \
         jid='earlofcambridge@shakespeare.lit'><reason>Treason</reason></item></query>"
    );
    let bans = Admin::items([
        Item::with_affiliation(jid("lordscroop@shakespeare.lit"), Affiliation::Outcast).reason("Treason"),
        Item::with_affiliation(jid("sirthomasgrey@shakespeare.lit"), Affiliation::Outcast).reason("Treason"),
    ]);
    assert_eq!(payload::<Admin>(118, ns::MUC_ADMIN), bans);
    let hag66 = bare("hag66@shakespeare.lit");
    assert_eq!(payload::<Admin>(120, ns::MUC_ADMIN), Admin::grant_membership(hag66.clone(), Some("thirdwitch"), None));
    assert_eq!(
        payload::<Admin>(121, ns::MUC_ADMIN),
        Admin::grant_membership(hag66.clone(), Some("thirdwitch"), Some("A worthy witch indeed!"))
    );
    assert_eq!(payload::<Admin>(124, ns::MUC_ADMIN), Admin::revoke_membership(hag66, None));
    let hecate = bare("hecate@shakespeare.lit");
    assert_eq!(payload::<Admin>(172, ns::MUC_ADMIN), Admin::set_affiliation(hecate, Affiliation::Owner, None));
    let wicca = bare("wiccarocks@shakespeare.lit");
    assert_eq!(payload::<Admin>(186, ns::MUC_ADMIN), Admin::set_affiliation(wicca.clone(), Affiliation::Admin, None));
    assert_eq!(payload::<Admin>(191, ns::MUC_ADMIN), Admin::revoke_membership(wicca, None));
}

/// XEP-0045 Examples 103, 104, 116, 117, 129, 146, 181, 196, 197: list requests and lists.
#[test]
fn lists() {
    assert_eq!(payload::<AdminListRequest>(103, ns::MUC_ADMIN), Admin::role_list(Role::Participant));
    let bans = Admin::affiliation_list(Affiliation::Outcast);
    assert_eq!(payload::<AdminListRequest>(116, ns::MUC_ADMIN), bans);
    assert_eq!(bans.requested_affiliation(), Some(&Affiliation::Outcast));
    assert_eq!(bans.requested_role(), None);
    assert_eq!(
        bans.to_element().to_string(),
        "<query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='outcast'/></query>"
    );
    assert_eq!(payload::<AdminListRequest>(129, ns::MUC_ADMIN), Admin::affiliation_list(Affiliation::Member));
    assert_eq!(payload::<AdminListRequest>(146, ns::MUC_ADMIN), Admin::role_list(Role::Moderator));
    assert_eq!(payload::<AdminListRequest>(181, ns::MUC_ADMIN), Admin::affiliation_list(Affiliation::Owner));
    assert_eq!(payload::<AdminListRequest>(196, ns::MUC_ADMIN), Admin::affiliation_list(Affiliation::Admin));

    let voice = payload::<AdminList>(104, ns::MUC_ADMIN);
    assert_eq!(
        voice.items.iter().filter_map(|i| i.nick.as_deref()).collect::<Vec<_>>(),
        ["Polo", "horotoro", "Hecate"]
    );
    assert!(voice.items.iter().all(|i| i.role == Some(Role::Participant)));
    let banned = payload::<AdminList>(117, ns::MUC_ADMIN);
    assert_eq!(
        banned,
        AdminList::new([
            Item::with_affiliation(jid("earlofcambridge@shakespeare.lit"), Affiliation::Outcast).reason("Treason")
        ])
    );
    let admins = payload::<AdminList>(197, ns::MUC_ADMIN);
    assert_eq!(admins.jids().collect::<Vec<_>>(), [&jid("wiccarocks@shakespeare.lit"), &jid("hag66@shakespeare.lit")]);
    // The result iq answers the request.
    let request = Iq::get("ban2", &bans);
    let answer = request.reply_result(&banned);
    assert_eq!(answer.payload::<AdminList>(), Some(Ok(banned)));
}

/// An admin request whose item cannot be read keeps the others.
#[test]
fn an_unreadable_admin_item_is_kept() {
    let query = Admin::parse(&xml("<query xmlns='http://jabber.org/protocol/muc#admin'><item nick='a' role='none'/>\
         <item affiliation='outcast' jid='b@c'><actor jid='@@'/></item></query>"))
    .unwrap();
    assert_eq!(query.items.len(), 2);
    // A bad actor is kept whole by its item (an actor is a strict leaf).
    assert_eq!(query.items[1].actor, None);
    assert!(matches!(query.items[1].malformed[..], [Error::InvalidJid { element: "actor", attribute: "jid", .. }]));
    assert_eq!(Admin::parse(&query.to_element()), Ok(query));
}

// ------------------------------------------------------------- muc#owner

/// XEP-0045 Examples 155, 156, 158, 162, 201: the owner's queries built as the XEP shows them.
#[test]
fn owner_queries() {
    assert_eq!(payload::<Owner>(155, ns::MUC_OWNER), Owner::instant());
    assert!(Owner::instant().is_instant());
    assert_eq!(
        Owner::instant().to_element().to_string(),
        "<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query>"
    );
    assert_eq!(payload::<ConfigRequest>(156, ns::MUC_OWNER), ConfigRequest::new());
    assert_eq!(payload::<ConfigForm>(158, ns::MUC_OWNER), ConfigForm::default());
    assert_eq!(payload::<Owner>(162, ns::MUC_OWNER), Owner::cancel());
    assert!(!Owner::cancel().is_instant());
    let destroy = Destroy::new().alternate(jid("coven@chat.shakespeare.lit")).reason("Macbeth doth come.");
    assert_eq!(payload::<Owner>(201, ns::MUC_OWNER), Owner::destroy(destroy.clone()));
    assert_eq!(
        Owner::destroy(destroy.password("cauldronburn")).to_element().to_string(),
        "<query xmlns='http://jabber.org/protocol/muc#owner'><destroy jid='coven@chat.shakespeare.lit'>\
         <password>cauldronburn</password><reason>Macbeth doth come.</reason></destroy></query>"
    );
}

/// XEP-0045 Example 157: the configuration form of a new room, typed.
#[test]
fn configuration_form() {
    let config = payload::<ConfigForm>(157, ns::MUC_OWNER).room_config().unwrap().unwrap();
    let roles = vec![Role::Moderator, Role::Participant, Role::Visitor];
    assert_eq!(
        config,
        RoomConfig {
            room_name: None,
            room_desc: None,
            lang: None,
            enable_logging: Some(false),
            change_subject: Some(false),
            allow_invites: Some(false),
            allow_pm: Some(AllowPm::Anyone),
            max_users: Some(MaxUsers::Limit(20)),
            presence_broadcast: Some(roles.clone()),
            get_member_list: Some(vec!["moderator".into(), "participant".into(), "visitor".into()]),
            public_room: Some(true),
            persistent_room: Some(false),
            moderated_room: Some(false),
            members_only: Some(false),
            password_protected_room: Some(false),
            room_secret: None,
            whois: None,
            max_history_fetch: Some(50),
            room_admins: Some(vec![]),
            room_owners: Some(vec![]),
            pubsub: None,
        }
    );
}

/// XEP-0045 Examples 157 and 159: the submitted configuration, typed, and
/// the same values filled into the room's form.
#[test]
fn configuration_submitted_and_filled() {
    let submitted = payload::<Owner>(159, ns::MUC_OWNER).room_config().unwrap().unwrap();
    let expected = RoomConfig {
        room_name: Some("A Dark Cave".into()),
        room_desc: Some("The place for all good witches!".into()),
        enable_logging: Some(false),
        change_subject: Some(true),
        allow_invites: Some(false),
        allow_pm: Some(AllowPm::Anyone),
        max_users: Some(MaxUsers::Limit(10)),
        public_room: Some(false),
        persistent_room: Some(false),
        moderated_room: Some(false),
        members_only: Some(false),
        password_protected_room: Some(true),
        room_secret: Some("cauldronburn".into()),
        whois: Some(Whois::Moderators),
        max_history_fetch: Some(50),
        room_admins: Some(vec![jid("wiccarocks@shakespeare.lit"), jid("hecate@shakespeare.lit")]),
        ..RoomConfig::default()
    };
    assert_eq!(submitted, expected);

    let form = payload::<ConfigForm>(157, ns::MUC_OWNER).form.unwrap();
    let filled = expected.fill(&form).unwrap();
    assert_eq!(filled.kind, FormKind::Submit);
    assert_eq!(filled.form_type(), Some(muc::ROOMCONFIG));
    assert_eq!(form.check(&filled), vec![]);
    let read = RoomConfig::from_form(&filled).unwrap();
    // What was set, and the room's defaults for the rest.
    assert_eq!(
        read,
        RoomConfig {
            presence_broadcast: Some(vec![Role::Moderator, Role::Participant, Role::Visitor]),
            get_member_list: Some(vec!["moderator".into(), "participant".into(), "visitor".into()]),
            room_owners: Some(vec![]),
            ..expected.clone()
        }
    );
    let set = Owner::submit(filled);
    assert_eq!(set.room_config(), Some(Ok(read)));

    // A value the room's form does not offer, a field it does not have.
    let too_many = RoomConfig { max_users: Some(MaxUsers::Limit(15)), ..RoomConfig::default() };
    assert_eq!(
        too_many.fill(&form),
        Err(FormError::NotAnOption { var: "muc#roomconfig_maxusers".into(), value: "15".into() })
    );
    let pubsub = RoomConfig { pubsub: Some("xmpp:pubsub.shakespeare.lit?;node=x".into()), ..RoomConfig::default() };
    assert_eq!(pubsub.fill(&form), Err(FormError::UnknownField { var: "muc#roomconfig_pubsub".into() }));
}

/// `Owner::configure` writes a submission of only the fields set.
#[test]
fn configure_writes_a_submission() {
    let config = RoomConfig { persistent_room: Some(true), room_name: Some("Coven".into()), ..RoomConfig::default() };
    let set = Owner::configure(&config);
    assert_eq!(
        set.to_element().to_string(),
        "<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'>\
         <field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>\
         <field var='muc#roomconfig_roomname'><value>Coven</value></field>\
         <field var='muc#roomconfig_persistentroom'><value>true</value></field></x></query>"
    );
    assert_eq!(set.room_config(), Some(Ok(config)));
}

/// A value that does not fit its registered field type is an error naming the field.
#[test]
fn typed_form_errors() {
    use jabber_ext::forms::{Field, FieldType};
    let form = |var: &str, values: &[&str]| {
        let mut field = Field::new(var, FieldType::TextSingle);
        field.kind = None;
        field.values = values.iter().map(|v| v.to_string()).collect();
        DataForm::new(FormKind::Submit).with_form_type(muc::ROOMCONFIG).with_field(field)
    };
    assert_eq!(
        RoomConfig::from_form(&form("muc#roomconfig_persistentroom", &["yes"])),
        Err(FormError::NotBoolean { var: "muc#roomconfig_persistentroom".into(), value: "yes".into() })
    );
    assert_eq!(
        RoomConfig::from_form(&form("muc#roomconfig_maxusers", &["many"])),
        Err(FormError::NotAnOption { var: "muc#roomconfig_maxusers".into(), value: "many".into() })
    );
    assert!(matches!(
        RoomConfig::from_form(&form("muc#roomconfig_roomadmins", &["a@b", "@c"])),
        Err(FormError::NotJid { var, value, .. }) if var == "muc#roomconfig_roomadmins" && value == "@c"
    ));
    assert!(matches!(
        RoomConfig::from_form(&form("muc#maxhistoryfetch", &["lots"])),
        Err(FormError::Invalid { var, .. }) if var == "muc#maxhistoryfetch"
    ));
    assert_eq!(
        RoomConfig::from_form(&form("muc#roomconfig_roomname", &["a", "b"])),
        Err(FormError::TooManyValues { var: "muc#roomconfig_roomname".into(), count: 2 })
    );
    // Values of list fields the XEP does not list are kept.
    let config = RoomConfig::from_form(&form("muc#roomconfig_whois", &["members"])).unwrap();
    assert_eq!(config.whois, Some(Whois::Other("members".into())));
    // Fields the registry does not list are ignored.
    assert_eq!(RoomConfig::from_form(&form("muc#roomconfig_allowvoicerequests", &["1"])), Ok(RoomConfig::default()));
}

/// XEP-0045 Example 10: room information in an extended disco#info result,
/// with two muc#roomconfig fields.
#[test]
fn room_information() {
    let stanza = &example(10)[0];
    let form = DataForm::parse(in_namespace(stanza, ns::DATA_FORMS)[0]).unwrap();
    assert_eq!(form.form_type(), Some(muc::ROOMINFO));
    let info = RoomInfo::from_form(&form).unwrap();
    assert_eq!(
        info,
        RoomInfo {
            max_history_fetch: Some(50),
            contact_jid: Some(vec![jid("crone1@shakespeare.lit")]),
            description: Some("The place for all good witches!".into()),
            lang: Some("en".into()),
            ldap_group: Some("cn=witches,dc=shakespeare,dc=lit".into()),
            logs: Some("http://www.shakespeare.lit/chatlogs/coven/".into()),
            occupants: Some(3),
            subject: Some("Spells".into()),
            subject_mod: None,
            config: RoomConfig {
                change_subject: Some(true),
                pubsub: Some("xmpp:pubsub.shakespeare.lit?;node=the-coven-node".into()),
                ..RoomConfig::default()
            },
        }
    );
    // Written back as a result, it reads the same.
    assert_eq!(RoomInfo::from_form(&info.to_form(FormKind::Result)), Ok(info));
}

// ---------------------------------------------------------- registration

/// XEP-0045 Examples 66, 69, 70, 71: registering with a room.
#[test]
fn registration() {
    assert_eq!(payload::<Register>(66, muc::REGISTER), Register::request());
    let registered = payload::<Register>(69, muc::REGISTER);
    assert!(registered.registered);
    assert_eq!(registered.username.as_deref(), Some("thirdwitch"));

    let offered = payload::<Register>(70, muc::REGISTER);
    assert!(offered.instructions.as_deref().unwrap().contains("http://shakespeare.lit/"));
    let form = offered.form.as_ref().unwrap();
    // The form's text fields have no value; its text-multi field is there, empty.
    let empty = Registration { faq_entry: Some(vec![]), ..Registration::default() };
    assert_eq!(offered.registration(), Some(Ok(empty)));

    let submitted = payload::<Register>(71, muc::REGISTER).registration().unwrap().unwrap();
    let expected = Registration {
        first: Some("Brunhilde".into()),
        last: Some("Entwhistle-Throckmorton".into()),
        roomnick: Some("thirdwitch".into()),
        url: Some("http://witchesonline/~hag66/".into()),
        email: Some("hag66@witchesonline".into()),
        faq_entry: Some(vec!["Just another witch.".into()]),
        allow: None,
    };
    assert_eq!(submitted, expected);
    // Filled into the room's form: the same values; a required field left empty is refused.
    let filled = expected.fill(form).unwrap();
    assert_eq!(Registration::from_form(&filled), Ok(expected.clone()));
    let query = Register::form(filled);
    assert_eq!(query.registration(), Some(Ok(expected)));
    let no_nick = Registration { first: Some("B".into()), last: Some("E".into()), ..Registration::default() };
    assert_eq!(no_nick.fill(form), Err(FormError::Required { var: "muc#register_roomnick".into() }));

    // Example 151: the approval form an admin receives.
    let message = Message::parse(&example(151)[0]).unwrap();
    let approval = Registration::from_form(&message.payload::<DataForm>().unwrap().unwrap()).unwrap();
    assert_eq!(approval.allow, Some(false));
    assert_eq!(approval.roomnick.as_deref(), Some("thirdwitch"));
}

/// XEP-0045 Examples 79, 108 and 109: a voice request and its approval.
#[test]
fn voice_requests() {
    let request = VoiceRequest::request();
    let message = request.to_message(bare("coven@chat.shakespeare.lit"));
    let expected = Message::parse(&example(79)[0]).unwrap();
    assert_eq!(message.to, expected.to);
    let form = |m: &Message| VoiceRequest::from_form(&m.payload::<DataForm>().unwrap().unwrap()).unwrap();
    assert_eq!(form(&expected), request);
    assert_eq!(form(&message), request);

    let approval = form(&Message::parse(&example(108)[0]).unwrap());
    assert_eq!(
        approval,
        VoiceRequest {
            role: Some(Role::Participant),
            jid: Some(jid("hag66@shakespeare.lit/pda")),
            roomnick: Some("thirdwitch".into()),
            request_allow: Some(false),
        }
    );
    assert_eq!(form(&Message::parse(&example(109)[0]).unwrap()), approval.answer(true));
}

// ------------------------------------------------------------- occupants

/// The occupant list of coven@chat.shakespeare.lit as crone1 (firstwitch)
/// sees it, driven by the XEP's presences in the order a session could
/// receive them: creation (154), entries (21, 55), voice (101, 97),
/// moderator status (140, 144), admin status (167, 168), membership (127,
/// 123), an exit (82) and a return (123), a nickname change (50), and a
/// presence of another room (202), ignored.
#[test]
fn occupants_through_a_session() {
    let mut room = Occupants::new(bare("coven@chat.shakespeare.lit"));
    let mut feed = |n: u32, i: usize| room.handle(&presences(n)[i]);

    let Some(OccupantEvent::Joined(me)) = feed(154, 0) else { panic!() };
    assert_eq!(
        (me.nick.as_str(), me.me, &me.role, &me.affiliation),
        ("firstwitch", true, &Role::Moderator, &Affiliation::Owner)
    );
    let Some(OccupantEvent::Joined(third)) = feed(21, 0) else { panic!() };
    assert_eq!((third.nick.as_str(), third.me, third.jid), ("thirdwitch", false, None));
    let Some(OccupantEvent::Joined(second)) = feed(55, 0) else { panic!() };
    assert_eq!(second.jid, Some(jid("wiccarocks@shakespeare.lit/laptop")));
    assert_eq!(second.show, Some(jabber_stanza::Show::Xa));
    assert_eq!(second.status.as_deref(), Some("gone where the goblins go"));

    let role = |nick: &str, old, new| Some(OccupantEvent::RoleChanged { nick: nick.into(), old, new });
    assert_eq!(feed(101, 0), role("thirdwitch", Role::Participant, Role::Visitor));
    assert_eq!(feed(97, 0), role("thirdwitch", Role::Visitor, Role::Participant));
    assert_eq!(feed(140, 0), role("thirdwitch", Role::Participant, Role::Moderator));
    assert_eq!(feed(144, 0), role("thirdwitch", Role::Moderator, Role::Participant));
    assert_eq!(feed(167, 0), role("secondwitch", Role::Moderator, Role::Participant));
    assert_eq!(feed(168, 0), role("secondwitch", Role::Participant, Role::Moderator));
    let affiliation = |old, new| Some(OccupantEvent::AffiliationChanged { nick: "thirdwitch".into(), old, new });
    assert_eq!(feed(127, 0), affiliation(Affiliation::Member, Affiliation::None));
    assert_eq!(feed(123, 0), affiliation(Affiliation::None, Affiliation::Member));

    let Some(OccupantEvent::Left(left)) = feed(82, 1) else { panic!() };
    assert_eq!(
        (left.nick.as_str(), &left.role, left.jid),
        ("thirdwitch", &Role::None, Some(jid("hag66@shakespeare.lit/pda")))
    );
    assert!(matches!(feed(123, 0), Some(OccupantEvent::Joined(o)) if o.nick == "thirdwitch"));
    assert_eq!(feed(50, 0), Some(OccupantEvent::NickChanged { old: "thirdwitch".into(), new: "oldhag".into() }));
    assert_eq!(feed(50, 3), Some(OccupantEvent::PresenceChanged { nick: "oldhag".into() }));
    assert_eq!(feed(202, 0), None);

    assert!(room.is_joined());
    assert_eq!(room.me().map(|o| o.nick.as_str()), Some("firstwitch"));
    assert_eq!(room.iter().map(|o| o.nick.as_str()).collect::<Vec<_>>(), ["firstwitch", "oldhag", "secondwitch"]);
    assert_eq!(room.get("thirdwitch"), None);
    let oldhag = room.get("oldhag").unwrap();
    assert_eq!((&oldhag.role, &oldhag.affiliation), (&Role::Participant, &Affiliation::Member));
    assert_eq!(room.get("secondwitch").map(|o| &o.affiliation), Some(&Affiliation::Admin));
}

/// Our own nickname change and exit (XEP-0045 Examples 22, 50, 81), as hag66 sees them.
#[test]
fn occupants_our_own_nick_change_and_exit() {
    let mut room = Occupants::new(bare("coven@chat.shakespeare.lit"));
    for p in presences(20) {
        assert!(matches!(room.handle(&p), Some(OccupantEvent::Joined(o)) if !o.me));
    }
    assert!(!room.is_joined());
    assert!(matches!(room.handle(&presences(22)[0]), Some(OccupantEvent::Joined(o)) if o.me));
    assert!(room.is_joined());
    let changed = room.handle(&presences(50)[2]);
    assert_eq!(changed, Some(OccupantEvent::NickChanged { old: "thirdwitch".into(), new: "oldhag".into() }));
    assert_eq!(room.me().map(|o| o.nick.as_str()), Some("oldhag"));
    assert_eq!(room.handle(&presences(50)[5]), Some(OccupantEvent::PresenceChanged { nick: "oldhag".into() }));
    assert_eq!(room.len(), 3);
    // Example 81 is from the old nickname: an occupant we no longer list,
    // but with 110 it is ourselves: we are out, and the list is emptied.
    let Some(OccupantEvent::Left(gone)) = room.handle(&presences(81)[0]) else { panic!() };
    assert!(gone.me);
    assert!(room.is_empty() && !room.is_joined() && room.me().is_none());
}

/// Kicks, bans, removals and destruction as the tracker reports them
/// (XEP-0045 Examples 92, 206, 113, 114, 207, 202, 90).
#[test]
fn occupants_removed() {
    let mut harfleur = Occupants::new(bare("harfleur@chat.shakespeare.lit"));
    let Some(OccupantEvent::Kicked { occupant, actor, reason }) = harfleur.handle(&presences(92)[0]) else { panic!() };
    assert_eq!((occupant.nick.as_str(), actor, reason), ("pistol", None, None));
    let Some(OccupantEvent::Removed { why, .. }) = harfleur.handle(&presences(206)[0]) else { panic!() };
    assert_eq!(why, Removal::Error);
    let Some(OccupantEvent::Kicked { occupant, actor, reason }) = harfleur.handle(&presences(90)[0]) else { panic!() };
    assert!(occupant.me);
    assert_eq!((actor, reason.as_deref()), (Some(Actor::nick("Fluellen")), Some("Avaunt, you cullion!")));
    let Some(OccupantEvent::Removed { why, occupant, .. }) = harfleur.handle(&presences(207)[1]) else { panic!() };
    assert_eq!((why, occupant.nick.as_str()), (Removal::Shutdown, "othello"));

    let mut southampton = Occupants::new(bare("southampton@chat.shakespeare.lit"));
    let Some(OccupantEvent::Banned { occupant, actor, reason }) = southampton.handle(&presences(114)[0]) else {
        panic!()
    };
    assert_eq!(occupant.jid, Some(jid("earlofcambridge@shakespeare.lit/stabber")));
    assert_eq!(occupant.affiliation, Affiliation::Outcast);
    assert_eq!((actor, reason), (None, None));
    let Some(OccupantEvent::Banned { actor, reason, .. }) = southampton.handle(&presences(113)[0]) else { panic!() };
    assert_eq!((actor, reason.as_deref()), (Some(Actor::nick("The ♚")), Some("Treason")));

    let mut heath = Occupants::new(bare("heath@chat.shakespeare.lit"));
    let Some(OccupantEvent::Destroyed { occupant, destroy }) = heath.handle(&presences(202)[1]) else { panic!() };
    assert_eq!(occupant.nick, "secondwitch");
    assert_eq!(destroy.jid, Some(jid("coven@chat.shakespeare.lit")));
    assert_eq!(destroy.reason.as_deref(), Some("Macbeth doth come."));
}

/// XEP-0045 Example 128 carries a typo: `type='unavailable'>` stands as
/// text inside the presence, which is therefore available. Read as it is
/// written, its 321 is not a removal and the occupant stays, with role `none`.
#[test]
fn example_128_is_available_as_written() {
    let presence = &presences(128)[0];
    assert_eq!(presence.kind, jabber_stanza::PresenceType::Available);
    let read = RoomPresence::parse(presence).unwrap();
    assert!(read.has_status(Status::RemovedAffiliation));
    assert_eq!(read.removal(), None);
    let mut room = Occupants::new(bare("coven@chat.shakespeare.lit"));
    assert!(matches!(room.handle(presence), Some(OccupantEvent::Joined(o)) if o.role == Role::None));
}

// ------------------------------------------------------------ disco

/// XEP-0045 Example 9: the room's features, typed.
#[test]
fn room_features() {
    let features: Vec<Feature> = in_namespace(&example(9)[0], ns::DISCO_INFO)[0]
        .children()
        .filter(|c| c.name() == "feature")
        .map(|c| Feature::from_value(c.attr("var").unwrap()).unwrap())
        .collect();
    assert_eq!(
        features,
        [
            Feature::Muc,
            Feature::StableId,
            Feature::PasswordProtected,
            Feature::Hidden,
            Feature::Temporary,
            Feature::Open,
            Feature::Unmoderated,
            Feature::NonAnonymous
        ]
    );
    assert_eq!(Feature::from_value("muc_moderated"), Ok(Feature::Moderated));
    assert_eq!(Feature::from_value("urn:xmpp:mam:2"), Ok(Feature::Other("urn:xmpp:mam:2".into())));
    assert_eq!(Feature::RoomConfig.to_value(), muc::ROOMCONFIG);
}

/// The occupant JID of a nickname, and a nickname that cannot be one.
#[test]
fn occupant_jids() {
    let room = bare("coven@chat.shakespeare.lit");
    assert_eq!(muc::occupant_jid(&room, "thirdwitch").unwrap().as_str(), "coven@chat.shakespeare.lit/thirdwitch");
    assert!(muc::occupant_jid(&room, "").is_err());
    assert!(muc::change_nick(&room, "").is_err());
}

// ------------------------------------------------------------- negatives

/// What a room's or owner's query holds that cannot be read is kept and
/// reported: an unreadable form, an unknown child, stray text.
#[test]
fn unreadable_parts_of_queries_are_kept() {
    let owner = Owner::parse(&xml("<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data'/>\
         <destroy/></query>"))
    .unwrap();
    assert_eq!(owner.form, None);
    assert_eq!(owner.destroy, Some(Destroy::new()));
    assert_eq!(owner.malformed, [Error::MissingAttribute { element: "x", attribute: "type" }]);
    assert_eq!(Owner::parse(&owner.to_element()), Ok(owner));

    let request =
        ConfigRequest::parse(&xml("<query xmlns='http://jabber.org/protocol/muc#owner'><destroy/></query>")).unwrap();
    assert!(
        matches!(&request.malformed[..], [Error::UnexpectedChild { element: "query", child, .. }] if child == "destroy")
    );
    assert_eq!(ConfigRequest::parse(&request.to_element()), Ok(request));

    let user =
        MucUser::parse(&xml("<x xmlns='http://jabber.org/protocol/muc#user'>...<status code='110'/></x>")).unwrap();
    assert_eq!(user.status, [Status::SelfPresence]);
    assert!(matches!(&user.malformed[..], [Error::InvalidText { element: "x", text }] if text == "..."));

    // A XEP-0077 field this module does not model is kept and reported.
    let register =
        Register::parse(&xml("<query xmlns='jabber:iq:register'><name>Hag</name><registered/></query>")).unwrap();
    assert!(register.registered);
    assert!(matches!(&register.malformed[..], [Error::UnexpectedChild { child, .. }] if child == "name"));
    assert_eq!(Register::parse(&register.to_element()), Ok(register));

    // An invitation with an unreadable address keeps its reason.
    let user = MucUser::parse(&xml(
        "<x xmlns='http://jabber.org/protocol/muc#user'><invite to='@'><reason>r</reason></invite></x>",
    ))
    .unwrap();
    assert_eq!(user.invites[0].reason.as_deref(), Some("r"));
    assert!(matches!(user.invites[0].malformed[..], [Error::InvalidJid { element: "invite", attribute: "to", .. }]));
}

mod properties {
    use super::*;
    use proptest::collection::{btree_set, vec};
    use proptest::option;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 .:/?;=-]{0,16}"
    }

    fn jids() -> impl Strategy<Value = Vec<Jid>> {
        btree_set("[a-z]{1,8}@[a-z]{1,8}\\.example", 0..4)
            .prop_map(|set| set.into_iter().map(|s| s.parse().unwrap()).collect())
    }

    fn role() -> impl Strategy<Value = Role> {
        prop_oneof![
            Just(Role::Moderator),
            Just(Role::Participant),
            Just(Role::Visitor),
            Just(Role::None),
            "x[a-z]{1,6}".prop_map(Role::Other),
        ]
    }

    prop_compose! {
        fn room_config()(
            texts in vec(option::of(text()), 6),
            bools in vec(option::of(any::<bool>()), 8),
            allow_pm in option::of(prop_oneof![Just(AllowPm::Anyone), Just(AllowPm::Moderators), "x[a-z]{1,6}".prop_map(AllowPm::Other)]),
            max_users in option::of(prop_oneof![Just(MaxUsers::Unlimited), any::<u32>().prop_map(MaxUsers::Limit)]),
            presence_broadcast in option::of(vec(role(), 0..4)),
            get_member_list in option::of(vec("[a-z]{1,8}", 0..4)),
            whois in option::of(prop_oneof![Just(Whois::Anyone), Just(Whois::Moderators)]),
            max_history_fetch in option::of(any::<u32>()),
            room_admins in option::of(jids()),
            room_owners in option::of(jids()),
        ) -> RoomConfig {
            RoomConfig {
                room_name: texts[0].clone(),
                room_desc: texts[1].clone(),
                lang: texts[2].clone(),
                room_secret: texts[3].clone(),
                pubsub: texts[4].clone(),
                enable_logging: bools[0],
                change_subject: bools[1],
                allow_invites: bools[2],
                public_room: bools[3],
                persistent_room: bools[4],
                moderated_room: bools[5],
                members_only: bools[6],
                password_protected_room: bools[7],
                allow_pm,
                max_users,
                presence_broadcast,
                get_member_list,
                whois,
                max_history_fetch,
                room_admins,
                room_owners,
            }
        }
    }

    /// A single-valued text field holding "" reads back as `None` (a
    /// field without a value): normalize before comparing.
    fn no_empty(config: &RoomConfig) -> RoomConfig {
        let keep = |t: &Option<String>| t.clone().filter(|t| !t.is_empty());
        RoomConfig {
            room_name: keep(&config.room_name),
            room_desc: keep(&config.room_desc),
            lang: keep(&config.lang),
            room_secret: keep(&config.room_secret),
            pubsub: keep(&config.pubsub),
            ..config.clone()
        }
    }

    proptest! {
        /// Any room configuration is written as a form of each kind that
        /// reads back, through XML, as the same configuration.
        #[test]
        fn room_config_round_trips(config in room_config()) {
            for kind in [FormKind::Form, FormKind::Submit, FormKind::Result] {
                let element = config.to_form(kind).to_element();
                let form = DataForm::parse(&element).unwrap();
                prop_assert!(form.malformed.is_empty());
                prop_assert_eq!(no_empty(&RoomConfig::from_form(&form).unwrap()), no_empty(&config));
            }
        }

        /// Any registration, likewise.
        #[test]
        fn registration_round_trips(
            texts in vec(option::of("[a-zA-Z0-9@.]{1,16}"), 5),
            faq_entry in option::of(vec(text(), 0..3)),
            allow in option::of(any::<bool>()),
        ) {
            let registration = Registration {
                first: texts[0].clone(),
                last: texts[1].clone(),
                roomnick: texts[2].clone(),
                url: texts[3].clone(),
                email: texts[4].clone(),
                faq_entry,
                allow,
            };
            let element = Register::submit(&registration).to_element();
            let query = Register::parse(&element).unwrap();
            prop_assert_eq!(query.registration(), Some(Ok(registration)));
        }
    }
}
