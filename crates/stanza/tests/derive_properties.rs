//! Properties of `#[derive(Payload)]` and `#[derive(Value)]`: any value of a
//! derived type is read back equal from the element it writes
//! (`T::parse(&x.to_element()) == Ok(x)`), and from that element written
//! to XML text and read again through `jabber_stream::Element`'s `FromStr`.
//!
//! The generated values are valid models: strings of XML characters,
//! addresses without surrounding whitespace, texts in distinct languages,
//! catch-all values that are not one of the known names, and kept unknown
//! parts that the model does not claim (foreign-namespace children,
//! attributes of other names).

use std::fmt::Debug;
use std::net::Ipv4Addr;

use jabber_jid::{BareJid, Jid};
use jabber_stanza::{Child, Payload, Texts, Value};
use jabber_stream::{Element, ns::XML};
use proptest::prelude::*;

const ROSTER: &str = "jabber:iq:roster";
const MUC_USER: &str = "http://jabber.org/protocol/muc#user";
const MUC_ADMIN: &str = "http://jabber.org/protocol/muc#admin";
const DATA: &str = "jabber:x:data";
const SM: &str = "urn:xmpp:sm:3";
const PVR: &str = "http://ralphm.net/protocols/pvr";
const CLIENT: &str = "jabber:client";
const META: &str = "urn:example:meta";

// ---------------------------------------------------------------------------
// The types.
// ---------------------------------------------------------------------------

/// RFC 6121 §2.1.2.5.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Value)]
enum Subscription {
    #[default]
    None,
    To,
    From,
    Both,
    Remove,
}

/// RFC 6121 §2.1.2.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "item", ns = ROSTER)]
struct RosterItem {
    #[payload(attr)]
    jid: BareJid,
    #[payload(attr)]
    name: Option<String>,
    #[payload(attr, default)]
    subscription: Subscription,
    #[payload(attr, default)]
    approved: bool,
    #[payload(child_text = "group")]
    groups: Vec<String>,
}

/// RFC 6121 §2.1.3.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "query", ns = ROSTER)]
struct RosterQuery {
    #[payload(attr)]
    ver: Option<String>,
    #[payload(child)]
    items: Vec<RosterItem>,
}

/// XEP-0045 §5.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Value)]
enum Affiliation {
    Admin,
    Member,
    None,
    Outcast,
    Owner,
}

/// XEP-0045 §5.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Value)]
enum Role {
    Moderator,
    None,
    Participant,
    Visitor,
}

/// XEP-0045 `<actor/>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "actor")]
struct Actor {
    #[payload(attr)]
    jid: Option<Jid>,
    #[payload(attr)]
    nick: Option<String>,
}

/// XEP-0045 `<item/>`, in `muc#user` and `muc#admin`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "item")]
struct MucItem {
    #[payload(attr)]
    affiliation: Option<Affiliation>,
    #[payload(attr)]
    role: Option<Role>,
    #[payload(attr)]
    jid: Option<Jid>,
    #[payload(attr)]
    nick: Option<String>,
    #[payload(child)]
    actor: Option<Actor>,
    #[payload(child_text)]
    reason: Option<String>,
}

/// XEP-0045 §7.2.2.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "x", ns = MUC_USER)]
struct MucUser {
    #[payload(child)]
    items: Vec<MucItem>,
    #[payload(child_attr = "status", attr = "code")]
    statuses: Vec<u16>,
    #[payload(child_text)]
    password: Option<String>,
}

/// XEP-0045 §8.2.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "query", ns = MUC_ADMIN)]
struct MucAdmin {
    #[payload(child)]
    items: Vec<MucItem>,
}

/// XEP-0004 §3.3, with the catch-all.
#[derive(Debug, Clone, PartialEq, Eq, Value)]
enum FieldType {
    Boolean,
    Fixed,
    Hidden,
    JidMulti,
    JidSingle,
    ListMulti,
    ListSingle,
    TextMulti,
    TextPrivate,
    TextSingle,
    #[value(other)]
    Other(String),
}

const FIELD_TYPES: [&str; 10] = [
    "boolean",
    "fixed",
    "hidden",
    "jid-multi",
    "jid-single",
    "list-multi",
    "list-single",
    "text-multi",
    "text-private",
    "text-single",
];

/// XEP-0004 §3.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Value)]
enum FormType {
    Cancel,
    Form,
    Result,
    Submit,
}

/// XEP-0004 `<option/>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "option")]
struct FieldOption {
    #[payload(attr)]
    label: Option<String>,
    #[payload(child_text)]
    value: String,
}

/// XEP-0004 `<field/>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "field")]
struct Field {
    #[payload(attr)]
    var: Option<String>,
    #[payload(attr = "type")]
    kind: Option<FieldType>,
    #[payload(attr)]
    label: Option<String>,
    #[payload(child_text)]
    desc: Option<String>,
    #[payload(flag)]
    required: bool,
    #[payload(child_text = "value")]
    values: Vec<String>,
    #[payload(child)]
    options: Vec<FieldOption>,
}

/// XEP-0004 `<x/>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "x", ns = DATA)]
struct DataForm {
    #[payload(attr)]
    r#type: FormType,
    #[payload(child_text)]
    title: Option<String>,
    #[payload(child_text)]
    instructions: Vec<String>,
    #[payload(child)]
    fields: Vec<Field>,
}

/// RFC 6121 §5.2.2.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Value)]
enum MessageType {
    Chat,
    Error,
    Groupchat,
    Headline,
    #[default]
    Normal,
}

/// RFC 6121 §5.2: a message-like element.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "message", ns = CLIENT)]
struct Msg {
    #[payload(attr)]
    to: Option<Jid>,
    #[payload(attr)]
    id: Option<String>,
    #[payload(attr = "type", default)]
    kind: MessageType,
    #[payload(attr = "lang", ns = XML)]
    lang: Option<String>,
    #[payload(texts = "subject")]
    subjects: Texts,
    #[payload(texts = "body")]
    bodies: Texts,
    #[payload(child_text)]
    thread: Option<String>,
    #[payload(child_attr = "origin-id", attr = "id", ns = "urn:xmpp:sid:0")]
    origin_id: Option<String>,
}

/// XEP-0198 `<failed/>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "failed", ns = SM)]
struct SmFailed {
    #[payload(attr)]
    h: Option<u32>,
    #[payload(child)]
    condition: Option<Element>,
}

/// XEP-0198 `<resumed/>`, without a namespace of its own.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "resumed")]
struct SmResumed {
    #[payload(attr)]
    h: u32,
    #[payload(attr)]
    previd: String,
}

/// XEP-0198: a choice of elements.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(ns = SM)]
enum Sm {
    Enable {
        #[payload(attr, default)]
        resume: bool,
        #[payload(attr)]
        max: Option<u32>,
    },
    R,
    A {
        #[payload(attr)]
        h: u32,
    },
    Resumed(SmResumed),
    Failed(SmFailed),
    #[payload(other)]
    Other(Element),
}

const SM_NAMES: [&str; 5] = ["enable", "r", "a", "resumed", "failed"];

/// The seed talk's PVR: a wrapper.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "pvr", ns = PVR)]
enum Pvr {
    Record {
        #[payload(child_text)]
        date: String,
        #[payload(child_text)]
        station: u32,
        #[payload(child_text)]
        program_id: u32,
    },
    Info {
        #[payload(child_text)]
        program_name: String,
    },
    Cancel(PvrCancel),
}

/// `<cancel id/>` for [`Pvr`].
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "cancel")]
struct PvrCancel {
    #[payload(attr)]
    id: u32,
}

/// `ns =` on attributes and children, `with = display` on the text.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "note", ns = "urn:example:notes")]
struct Note {
    #[payload(attr = "lang", ns = XML)]
    lang: Option<String>,
    #[payload(attr, ns = META)]
    rank: Option<u8>,
    #[payload(text, with = jabber_stanza::value::display)]
    address: Ipv4Addr,
    #[payload(child_text = "author", ns = META)]
    author: Option<String>,
    #[payload(flag = "pinned", ns = META)]
    pinned: bool,
    #[payload(child_attr = "link", attr = "href", ns = META)]
    links: Vec<String>,
    #[payload(texts = "caption", ns = META)]
    captions: Texts,
}

// ---------------------------------------------------------------------------
// Strategies.
// ---------------------------------------------------------------------------

/// Text of XML characters, markup characters and whitespace included.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 <>&'\"=/\t\n\r\u{e9}\u{4e2d}\u{1F916}\u{a0}\u{fffd}-]{0,12}"
}

/// Non-empty text (an `Option<String>` text of `Some("")` reads back as `None`).
fn nonempty_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 <>&'\"\t\n\r\u{e9}\u{1F916}-]{1,12}"
}

fn localpart() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9._-]{0,6}"
}

fn domain() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,5}(\\.[a-z]{2,4})?"
}

fn bare_jid() -> impl Strategy<Value = BareJid> {
    (localpart(), domain()).prop_map(|(l, d)| BareJid::new(&format!("{l}@{d}")).unwrap())
}

/// Addresses of every form; resources of several words, but no
/// surrounding whitespace (the derive trims addresses, see derive.rs).
fn jid() -> impl Strategy<Value = Jid> {
    (
        prop::option::of(localpart()),
        domain(),
        prop::option::of("[A-Za-z0-9\u{e9}\u{1F916}]([A-Za-z0-9 /@]{0,6}[A-Za-z0-9])?"),
    )
        .prop_map(|(l, d, r)| {
            let mut s = String::new();
            if let Some(l) = l {
                s.push_str(&l);
                s.push('@');
            }
            s.push_str(&d);
            if let Some(r) = r {
                s.push('/');
                s.push_str(&r);
            }
            Jid::new(&s).unwrap_or_else(|e| panic!("{s}: {e}"))
        })
}

fn roster_item() -> impl Strategy<Value = RosterItem> {
    (
        bare_jid(),
        prop::option::of(text()),
        prop::sample::select(vec![
            Subscription::None,
            Subscription::To,
            Subscription::From,
            Subscription::Both,
            Subscription::Remove,
        ]),
        any::<bool>(),
        prop::collection::vec(text(), 0..3),
    )
        .prop_map(|(jid, name, subscription, approved, groups)| RosterItem {
            jid,
            name,
            subscription,
            approved,
            groups,
        })
}

fn roster_query() -> impl Strategy<Value = RosterQuery> {
    (prop::option::of(text()), prop::collection::vec(roster_item(), 0..4))
        .prop_map(|(ver, items)| RosterQuery { ver, items })
}

fn muc_item() -> impl Strategy<Value = MucItem> {
    let affiliation = prop::option::of(prop::sample::select(vec![
        Affiliation::Admin,
        Affiliation::Member,
        Affiliation::None,
        Affiliation::Outcast,
        Affiliation::Owner,
    ]));
    let role =
        prop::option::of(prop::sample::select(vec![Role::Moderator, Role::None, Role::Participant, Role::Visitor]));
    let actor = prop::option::of(
        (prop::option::of(jid()), prop::option::of(text())).prop_map(|(jid, nick)| Actor { jid, nick }),
    );
    (affiliation, role, prop::option::of(jid()), prop::option::of(text()), actor, prop::option::of(text())).prop_map(
        |(affiliation, role, jid, nick, actor, reason)| MucItem { affiliation, role, jid, nick, actor, reason },
    )
}

fn muc_user() -> impl Strategy<Value = MucUser> {
    (prop::collection::vec(muc_item(), 0..3), prop::collection::vec(any::<u16>(), 0..4), prop::option::of(text()))
        .prop_map(|(items, statuses, password)| MucUser { items, statuses, password })
}

/// A field type: one of the names, or a catch-all value that is not one
/// (even after XML whitespace is collapsed).
fn field_type() -> impl Strategy<Value = FieldType> {
    prop_oneof![
        prop::sample::select(FIELD_TYPES.to_vec()).prop_map(|name| FieldType::from_value(name).unwrap()),
        text()
            .prop_filter("not a known name", |v| {
                !FIELD_TYPES.contains(&v.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')))
            })
            .prop_map(FieldType::Other),
    ]
}

fn field() -> impl Strategy<Value = Field> {
    let option = (prop::option::of(text()), text()).prop_map(|(label, value)| FieldOption { label, value });
    (
        prop::option::of(text()),
        prop::option::of(field_type()),
        prop::option::of(text()),
        prop::option::of(text()),
        any::<bool>(),
        prop::collection::vec(text(), 0..3),
        prop::collection::vec(option, 0..3),
    )
        .prop_map(|(var, kind, label, desc, required, values, options)| Field {
            var,
            kind,
            label,
            desc,
            required,
            values,
            options,
        })
}

fn data_form() -> impl Strategy<Value = DataForm> {
    (
        prop::sample::select(vec![FormType::Cancel, FormType::Form, FormType::Result, FormType::Submit]),
        prop::option::of(text()),
        prop::collection::vec(text(), 0..3),
        prop::collection::vec(field(), 0..4),
    )
        .prop_map(|(r#type, title, instructions, fields)| DataForm { r#type, title, instructions, fields })
}

const LANGUAGES: [&str; 6] = ["en", "de", "fr", "cs", "en-GB", "i-klingon"];

/// Texts in distinct languages (by meaning: a text without `xml:lang` is in
/// `inherited`, the parent's language), in any order.
fn texts(inherited: Option<&'static str>) -> impl Strategy<Value = Texts> {
    (any::<bool>(), prop::sample::subsequence(LANGUAGES.to_vec(), 0..=3), prop::collection::vec(text(), 4))
        .prop_map(move |(with_default, langs, mut values)| {
            let mut pairs: Vec<(Option<String>, String)> = Vec::new();
            if with_default {
                pairs.push((None, values.pop().unwrap()));
            }
            for lang in langs {
                if with_default && inherited.is_some_and(|i| i.eq_ignore_ascii_case(lang)) {
                    continue;
                }
                pairs.push((Some(lang.to_owned()), values.pop().unwrap()));
            }
            pairs
        })
        .prop_flat_map(|pairs| Just(pairs).prop_shuffle())
        .prop_map(|pairs| pairs.into_iter().collect::<Texts>())
}

fn message() -> impl Strategy<Value = Msg> {
    prop::option::of(prop::sample::select(vec!["en", "de", "it"])).prop_flat_map(|lang| {
        (
            prop::option::of(jid()),
            prop::option::of(text()),
            prop::sample::select(vec![
                MessageType::Chat,
                MessageType::Error,
                MessageType::Groupchat,
                MessageType::Headline,
                MessageType::Normal,
            ]),
            texts(lang),
            texts(lang),
            prop::option::of(text()),
            prop::option::of(text()),
        )
            .prop_map(move |(to, id, kind, subjects, bodies, thread, origin_id)| Msg {
                to,
                id,
                kind,
                lang: lang.map(str::to_owned),
                subjects,
                bodies,
                thread,
                origin_id,
            })
    })
}

/// An element of a foreign namespace with attributes, text and children.
fn foreign_element() -> impl Strategy<Value = Element> {
    let leaf =
        ("[a-z][a-z0-9-]{0,5}", prop::sample::select(vec!["urn:x", "urn:y", "urn:ietf:params:xml:ns:xmpp-stanzas"]))
            .prop_map(|(name, ns)| Element::new(name, ns));
    leaf.prop_recursive(3, 8, 3, |inner| {
        (
            "[a-z][a-z0-9-]{0,5}",
            prop::sample::select(vec!["urn:x", "urn:y"]),
            prop::collection::vec(("[a-z]{1,4}", text()), 0..3),
            prop::option::of(nonempty_text()),
            prop::collection::vec(inner, 0..3),
        )
            .prop_map(|(name, ns, attrs, text, children)| {
                let mut e = Element::new(name, ns);
                for (n, v) in attrs {
                    e.set_attr(n, v);
                }
                if let Some(t) = text {
                    e.push_text(t);
                }
                for c in children {
                    e.push_child(c);
                }
                e
            })
    })
}

fn sm() -> impl Strategy<Value = Sm> {
    let other_name = "[a-z][a-z0-9-]{0,6}".prop_filter("not a variant", |n| !SM_NAMES.contains(&n.as_str()));
    prop_oneof![
        (any::<bool>(), prop::option::of(any::<u32>())).prop_map(|(resume, max)| Sm::Enable { resume, max }),
        Just(Sm::R),
        any::<u32>().prop_map(|h| Sm::A { h }),
        (any::<u32>(), text()).prop_map(|(h, previd)| Sm::Resumed(SmResumed { h, previd })),
        (prop::option::of(any::<u32>()), prop::option::of(foreign_element()))
            .prop_map(|(h, condition)| Sm::Failed(SmFailed { h, condition })),
        (
            other_name,
            prop::collection::vec(("[a-z]{1,4}", text()), 0..3),
            prop::collection::vec(foreign_element(), 0..2)
        )
            .prop_map(|(name, attrs, children)| {
                let mut e = Element::new(name, SM);
                for (n, v) in attrs {
                    e.set_attr(n, v);
                }
                for c in children {
                    e.push_child(c);
                }
                Sm::Other(e)
            }),
    ]
}

fn pvr() -> impl Strategy<Value = Pvr> {
    prop_oneof![
        (text(), any::<u32>(), any::<u32>()).prop_map(|(date, station, program_id)| Pvr::Record {
            date,
            station,
            program_id
        }),
        text().prop_map(|program_name| Pvr::Info { program_name }),
        any::<u32>().prop_map(|id| Pvr::Cancel(PvrCancel { id })),
    ]
}

fn note() -> impl Strategy<Value = Note> {
    prop::option::of(prop::sample::select(vec!["en", "fr"])).prop_flat_map(|lang| {
        (
            prop::option::of(any::<u8>()),
            any::<[u8; 4]>(),
            prop::option::of(text()),
            any::<bool>(),
            prop::collection::vec(text(), 0..3),
            texts(lang),
        )
            .prop_map(move |(rank, address, author, pinned, links, captions)| Note {
                lang: lang.map(str::to_owned),
                rank,
                address: Ipv4Addr::from(address),
                author,
                pinned,
                links,
                captions,
            })
    })
}

// ---------------------------------------------------------------------------
// The properties.
// ---------------------------------------------------------------------------

/// Written as XML text and read back through `Element`'s `FromStr`.
fn through_text(element: &Element) -> Element {
    let text = String::from_utf8(element.to_bytes().expect("serializable")).expect("UTF-8");
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn round_trips<T: Payload + PartialEq + Debug>(value: &T) -> Result<(), TestCaseError> {
    let element = value.to_element();
    prop_assert!(T::is_mine(&element));
    let direct = T::parse(&element);
    prop_assert_eq!(direct.as_ref(), Ok(value), "from the element {}", element);
    let reread = T::parse(&through_text(&element));
    prop_assert_eq!(reread.as_ref(), Ok(value), "through text {}", element);
    Ok(())
}

fn round_trips_as_child<T: Child + PartialEq + Debug>(value: &T, parent_ns: &'static str) -> Result<(), TestCaseError> {
    let element = value.to_child(parent_ns);
    prop_assert!(T::is_child(&element, parent_ns));
    prop_assert_eq!(element.ns(), parent_ns);
    let direct = T::parse_child(&element, parent_ns);
    prop_assert_eq!(direct.as_ref(), Ok(value));
    let reread = T::parse_child(&through_text(&element), parent_ns);
    prop_assert_eq!(reread.as_ref(), Ok(value));
    Ok(())
}

proptest! {
    #[test]
    fn roster_queries_round_trip(query in roster_query()) {
        round_trips(&query)?;
    }

    #[test]
    fn muc_items_round_trip_in_both_namespaces(user in muc_user()) {
        round_trips(&user)?;
        let admin = MucAdmin { items: user.items.clone() };
        round_trips(&admin)?;
        for item in &user.items {
            round_trips_as_child(item, MUC_USER)?;
            round_trips_as_child(item, MUC_ADMIN)?;
        }
    }

    #[test]
    fn data_forms_round_trip(form in data_form()) {
        round_trips(&form)?;
    }

    #[test]
    fn field_type_values_round_trip(kind in field_type()) {
        prop_assert_eq!(FieldType::from_value(&kind.to_value()), Ok(kind));
    }

    #[test]
    fn messages_with_texts_in_distinct_languages_round_trip(message in message()) {
        round_trips(&message)?;
    }

    #[test]
    fn stream_management_choices_round_trip(sm in sm()) {
        round_trips(&sm)?;
    }

    #[test]
    fn pvr_wrappers_round_trip(pvr in pvr()) {
        round_trips(&pvr)?;
    }

    #[test]
    fn namespaced_parts_round_trip(note in note()) {
        round_trips(&note)?;
    }
}

// ---------------------------------------------------------------------------
// Types with an `unknown` field.
// ---------------------------------------------------------------------------

mod unknown_fields {
    use jabber_stanza::{Error, Unknown};
    use jabber_stream::Attribute;

    use super::*;

    /// XEP-0045 `<item/>` keeping what it does not model.
    #[derive(Debug, Clone, PartialEq, Payload)]
    #[payload(name = "item")]
    struct KeepingItem {
        #[payload(attr)]
        affiliation: Option<Affiliation>,
        #[payload(attr)]
        nick: Option<String>,
        #[payload(child_text)]
        reason: Option<String>,
        #[payload(unknown)]
        unknown: Unknown,
    }

    /// RFC 6121 §5.2 read leniently, with extension payloads kept.
    #[derive(Debug, Clone, PartialEq, Payload)]
    #[payload(name = "message", ns = CLIENT)]
    struct LenientMsg {
        #[payload(attr)]
        to: Option<Jid>,
        #[payload(attr = "type", default)]
        kind: MessageType,
        #[payload(attr = "lang", ns = XML)]
        lang: Option<String>,
        #[payload(texts = "body")]
        bodies: Texts,
        #[payload(child)]
        items: Vec<KeepingItem>,
        #[payload(unknown)]
        unknown: Unknown,
        #[payload(malformed)]
        malformed: Vec<Error>,
    }

    /// Attributes the model does not claim: other names, and namespaced ones.
    fn unknown_attributes(taken: &'static [&'static str]) -> impl Strategy<Value = Vec<Attribute>> {
        prop::collection::vec(
            (prop::option::of(prop::sample::select(vec!["urn:x", "urn:y"])), "[a-z][a-z0-9]{0,4}", text()),
            0..3,
        )
        .prop_map(move |attrs| {
            let mut out: Vec<Attribute> = Vec::new();
            for (ns, name, value) in attrs {
                if name.starts_with("xml") || (ns.is_none() && taken.contains(&name.as_str())) {
                    continue;
                }
                if out.iter().any(|a| a.ns() == ns && a.name() == name) {
                    continue;
                }
                out.push(match ns {
                    Some(ns) => Attribute::with_ns(ns, name, value),
                    None => Attribute::new(name, value),
                });
            }
            out
        })
    }

    fn unknown(taken: &'static [&'static str]) -> impl Strategy<Value = Unknown> {
        (unknown_attributes(taken), prop::collection::vec(foreign_element(), 0..3))
            .prop_map(|(attributes, children)| Unknown { attributes, children, text: String::new() })
    }

    fn keeping_item() -> impl Strategy<Value = KeepingItem> {
        (
            prop::option::of(prop::sample::select(vec![Affiliation::Admin, Affiliation::Member, Affiliation::Owner])),
            prop::option::of(text()),
            prop::option::of(text()),
            unknown(&["affiliation", "nick"]),
        )
            .prop_map(|(affiliation, nick, reason, unknown)| KeepingItem {
                affiliation,
                nick,
                reason,
                unknown,
            })
    }

    fn lenient_message() -> impl Strategy<Value = LenientMsg> {
        prop::option::of(prop::sample::select(vec!["en", "de"])).prop_flat_map(|lang| {
            (
                prop::option::of(jid()),
                prop::sample::select(vec![MessageType::Chat, MessageType::Normal, MessageType::Headline]),
                texts(lang),
                prop::collection::vec(keeping_item(), 0..3),
                unknown(&["to", "type"]),
            )
                .prop_map(move |(to, kind, bodies, items, unknown)| LenientMsg {
                    to,
                    kind,
                    lang: lang.map(str::to_owned),
                    bodies,
                    items,
                    unknown,
                    malformed: vec![],
                })
        })
    }

    proptest! {
        #[test]
        fn kept_unknown_parts_round_trip(message in lenient_message()) {
            round_trips(&message)?;
            for item in &message.items {
                round_trips_as_child(item, CLIENT)?;
            }
        }
    }
}
