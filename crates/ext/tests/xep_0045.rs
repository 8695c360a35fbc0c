//! XEP-0045 Multi-User Chat: every example, and the helpers.

mod common;

use std::fmt::Debug;

use common::{Walk, elements, examples, in_namespace, round_trip};
use jabber_ext::form_type::TypedForm;
use jabber_ext::forms::{DataForm, FormError, FormKind};
use jabber_ext::muc::{
    self, Actor, Admin, AdminList, AdminListRequest, Affiliation, AllowPm, ConfigForm, ConfigRequest, Continue,
    Decline, Destroy, Feature, History, Invite, Item, MaxUsers, Muc, MucUser, OccupantEvent, Occupants, Owner,
    Register, Registration, Removal, Role, RoomConfig, RoomInfo, RoomPresence, Status, VoiceRequest, Whois,
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

/// The stanzas of Example `n`.
fn example(n: u32) -> Vec<Element> {
    let all = examples("0045");
    let example = all.iter().find(|e| e.number == n).unwrap();
    elements(&example.text).unwrap()
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
