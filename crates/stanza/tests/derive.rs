//! Behavioural tests of `#[derive(Payload)]` and `#[derive(Value)]`, as a
//! user of the crate declares and uses payloads: every field kind, shape and
//! modifier, every enum form, strict and lenient parsing, and the errors
//! the generated parsers return. Shapes come from the specifications
//! (RFC 6120, RFC 6121, XEP-0004, XEP-0045, XEP-0060, XEP-0065, XEP-0198,
//! XEP-0199, XEP-0203) where one fits.

use std::fmt::Debug;
use std::net::{IpAddr, Ipv4Addr};

use jabber_jid::{BareJid, FullJid, Jid, ResourcePart};
use jabber_stanza::{Child, Error, Iq, IqGetPayload, IqResultPayload, IqSetPayload, Payload, Texts, Value, ValueError};
use jabber_stream::{Element, ns::XML};

const ROSTER: &str = "jabber:iq:roster";
const MUC_USER: &str = "http://jabber.org/protocol/muc#user";
const MUC_ADMIN: &str = "http://jabber.org/protocol/muc#admin";
const DATA: &str = "jabber:x:data";
const SM: &str = "urn:xmpp:sm:3";
const STANZAS: &str = "urn:ietf:params:xml:ns:xmpp-stanzas";
const PUBSUB: &str = "http://jabber.org/protocol/pubsub";
const ATOM: &str = "http://www.w3.org/2005/Atom";
const DELAY: &str = "urn:xmpp:delay";
const BIND: &str = "urn:ietf:params:xml:ns:xmpp-bind";
const BYTESTREAMS: &str = "http://jabber.org/protocol/bytestreams";
const PVR: &str = "http://ralphm.net/protocols/pvr";
const CLIENT: &str = "jabber:client";

// ---------------------------------------------------------------------------
// The payloads under test.
// ---------------------------------------------------------------------------

/// RFC 6121 §2.1.2.5: the `subscription` attribute of a roster item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Value)]
enum Subscription {
    #[default]
    None,
    To,
    From,
    Both,
    Remove,
}

/// RFC 6121 §2.1.2.2: `ask='subscribe'`, the only value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Value)]
enum Ask {
    Subscribe,
}

/// RFC 6121 §2.1.2: `<item jid name subscription ask approved><group/>*</item>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "item", ns = ROSTER)]
struct RosterItem {
    #[payload(attr)]
    jid: BareJid,
    #[payload(attr)]
    name: Option<String>,
    #[payload(attr, default)]
    subscription: Subscription,
    #[payload(attr)]
    ask: Option<Ask>,
    #[payload(attr, default)]
    approved: bool,
    #[payload(child_text = "group")]
    groups: Vec<String>,
}

/// RFC 6121 §2.1.3: `<query xmlns='jabber:iq:roster' ver='..'>`, read leniently.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "query", ns = ROSTER, get, set, result)]
struct RosterQuery {
    #[payload(attr)]
    ver: Option<String>,
    #[payload(child)]
    items: Vec<RosterItem>,
}

/// XEP-0045 §5.2: affiliations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Value)]
enum Affiliation {
    Admin,
    Member,
    None,
    Outcast,
    Owner,
}

/// XEP-0045 §5.1: roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Value)]
enum Role {
    Moderator,
    None,
    Participant,
    Visitor,
}

/// XEP-0045 §8.2: `<actor nick='Fluellen'/>`; in whatever namespace its `<item/>` is.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "actor")]
struct Actor {
    #[payload(attr)]
    jid: Option<Jid>,
    #[payload(attr)]
    nick: Option<String>,
}

/// XEP-0045 §7.6: `<continue thread='..'/>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "continue")]
struct Continue {
    #[payload(attr)]
    thread: Option<String>,
}

/// XEP-0045's `<item/>`: the same element in `muc#user` (§7.2.2) and in
/// `muc#admin` (§8.2), so declared without a namespace of its own.
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
    #[payload(child)]
    r#continue: Option<Continue>,
}

impl MucItem {
    fn new(affiliation: Option<Affiliation>, role: Option<Role>) -> Self {
        MucItem { affiliation, role, jid: None, nick: None, actor: None, reason: None, r#continue: None }
    }
}

/// XEP-0045 §7.2.2: `<x xmlns='muc#user'><item/><status code='110'/></x>`.
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

/// XEP-0045 §8.2: `<query xmlns='muc#admin'><item nick role><reason/></item></query>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "query", ns = MUC_ADMIN, get, set, result)]
struct MucAdmin {
    #[payload(child)]
    items: Vec<MucItem>,
}

/// XEP-0004 §3.3: field types; an unknown one is kept as it came.
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

/// XEP-0004 §3.1: form types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Value)]
enum FormType {
    Cancel,
    Form,
    Result,
    Submit,
}

/// XEP-0004 §3.2: `<option label='..'><value>..</value></option>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "option")]
struct FieldOption {
    #[payload(attr)]
    label: Option<String>,
    #[payload(child_text)]
    value: String,
}

/// XEP-0004 §3.2: `<field var type label><desc/><required/><value/>*<option/>*</field>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "field", check = field_has_var)]
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

/// XEP-0004 §3.2: "If the field type is not 'fixed', the 'var' attribute
/// MUST be included."
fn field_has_var(field: Field) -> Result<Field, Error> {
    if field.var.is_none() && field.kind != Some(FieldType::Fixed) {
        return Err(Error::MissingAttribute { element: "field", attribute: "var" });
    }
    Ok(field)
}

impl Field {
    fn new(var: &str) -> Self {
        Field {
            var: Some(var.into()),
            kind: None,
            label: None,
            desc: None,
            required: false,
            values: Vec::new(),
            options: Vec::new(),
        }
    }
}

/// XEP-0004 §3.1: `<x xmlns='jabber:x:data' type='form'><title/><instructions/>*<field/>*</x>`,
/// read leniently; `type` is required.
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

/// RFC 6121 §5.2.2: message types; `normal` is the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Value)]
enum MessageType {
    Chat,
    Error,
    Groupchat,
    Headline,
    #[default]
    Normal,
}

/// A message-like element (RFC 6121 §5.2): `xml:lang` (RFC 6120 §8.1.5),
/// `<subject/>` and `<body/>` in several languages (§5.2.3), `<thread/>`,
/// the rest kept; read leniently.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "message", ns = CLIENT)]
struct Msg {
    #[payload(attr)]
    to: Option<Jid>,
    #[payload(attr)]
    from: Option<Jid>,
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
    /// XEP-0359: `<origin-id xmlns='urn:xmpp:sid:0' id='..'/>`.
    #[payload(child_attr = "origin-id", attr = "id", ns = "urn:xmpp:sid:0")]
    origin_id: Option<String>,
}

impl Msg {
    fn new() -> Self {
        Msg {
            to: None,
            from: None,
            id: None,
            kind: MessageType::Normal,
            lang: None,
            subjects: Texts::new(),
            bodies: Texts::new(),
            thread: None,
            origin_id: None,
        }
    }
}

/// RFC 6121 §4.7.2.1: `<show/>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Value)]
enum Show {
    Away,
    Chat,
    Dnd,
    Xa,
}

/// A presence-like element (RFC 6121 §4.7.2), read strictly.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "presence", ns = CLIENT)]
struct StrictPresence {
    #[payload(child_text)]
    show: Option<Show>,
    #[payload(texts = "status")]
    statuses: Texts,
    #[payload(child_text)]
    priority: Option<i8>,
}

/// XEP-0198: `<failed h='..'><condition xmlns='..stanzas'/></failed>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "failed", ns = SM)]
struct SmFailed {
    #[payload(attr)]
    h: Option<u32>,
    #[payload(child)]
    condition: Option<Element>,
}

/// XEP-0198: `<resumed h previd/>`, without a namespace of its own.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "resumed")]
struct SmResumed {
    #[payload(attr)]
    h: u32,
    #[payload(attr)]
    previd: String,
}

/// XEP-0198: the elements of stream management, a choice: struct, unit and
/// newtype variants, and any other element of the namespace kept.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(ns = SM)]
enum Sm {
    Enable {
        #[payload(attr, default)]
        resume: bool,
        #[payload(attr)]
        max: Option<u32>,
    },
    Enabled {
        #[payload(attr)]
        id: Option<String>,
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
    /// The element name given explicitly.
    #[payload(name = "resume")]
    ResumeRequest {
        #[payload(attr)]
        h: u32,
        #[payload(attr)]
        previd: String,
    },
    Resumed(SmResumed),
    Failed(SmFailed),
    #[payload(other)]
    Other(Element),
}

/// Element names: kebab-case of the variant by default (`PresenceIn`: `presence-in`), or given.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(ns = "urn:example:kebab")]
enum Kebab {
    PresenceIn,
    #[payload(name = "x")]
    Renamed,
}

/// The PVR protocol of the seed talk ("Extending Jabber", examples/pvr_payload.rs):
/// a wrapper `<pvr>` holding exactly one of `<record/>` and `<info/>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "pvr", ns = PVR, set, result)]
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

/// `<cancel id='..'/>` for [`Pvr`], an element declared on its own.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "cancel")]
struct PvrCancel {
    #[payload(attr)]
    id: u32,
}

/// XEP-0199: `<ping xmlns='urn:xmpp:ping'/>`, a unit struct.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "ping", ns = "urn:xmpp:ping", get)]
struct Ping;

/// XEP-0203: `<delay from stamp>reason</delay>`: attributes and text.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "delay", ns = DELAY)]
struct Delay {
    #[payload(attr)]
    from: Option<Jid>,
    #[payload(attr)]
    stamp: String,
    #[payload(text)]
    reason: Option<String>,
}

/// RFC 6120 §7.4, §7.6: `<bind><resource/></bind>` and `<bind><jid/></bind>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "bind", ns = BIND, set, result)]
struct Bind {
    #[payload(child_text)]
    resource: Option<ResourcePart>,
    #[payload(child_text)]
    jid: Option<FullJid>,
}

/// RFC 6120 §7.6.1: the `<jid/>` of a bind result read on its own: a tuple
/// struct whose text is a full JID.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "jid", ns = BIND)]
struct BoundJid(#[payload(text)] FullJid);

/// XEP-0065: `<streamhost jid host port/>`, the host an IP address
/// here (`with = display`: FromStr/Display), read leniently.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "streamhost", ns = BYTESTREAMS)]
struct Streamhost {
    #[payload(attr)]
    jid: Jid,
    #[payload(attr, with = jabber_stanza::value::display)]
    host: IpAddr,
    #[payload(attr)]
    port: Option<u16>,
}

/// XEP-0065: `<query sid><streamhost-used jid/></query>`, read
/// leniently; the `<streamhost-used/>` is required.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "query", ns = BYTESTREAMS)]
struct StreamhostUsed {
    #[payload(attr)]
    sid: String,
    #[payload(child_attr = "streamhost-used", attr = "jid")]
    used: Jid,
}

/// XEP-0060: `<item id='..'>` holding one payload of any namespace,
/// without a namespace of its own (it is in `pubsub` and `pubsub#event`).
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "item")]
struct PubsubItem {
    #[payload(attr)]
    id: Option<String>,
    #[payload(child)]
    payload: Option<Element>,
}

/// XEP-0060: `<publish node='..'><item/>*</publish>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "publish")]
struct Publish {
    #[payload(attr)]
    node: String,
    #[payload(child)]
    items: Vec<PubsubItem>,
}

/// XEP-0060: `<pubsub xmlns='..pubsub'><publish/></pubsub>`.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "pubsub", ns = PUBSUB, set)]
struct Pubsub {
    #[payload(child)]
    publish: Option<Publish>,
}

/// Children in another namespace than the element's: `ns =` on a
/// `child_text`, a `flag`, a `child_attr` and `texts`; an `xml:lang`
/// attribute; `with = display` on a text and a `child_text`; a required child.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "note", ns = "urn:example:notes")]
struct Note {
    #[payload(attr = "lang", ns = XML)]
    lang: Option<String>,
    #[payload(attr, ns = "urn:example:meta")]
    rank: Option<u8>,
    #[payload(text, with = jabber_stanza::value::display)]
    address: Ipv4Addr,
    #[payload(child_text = "author", ns = "urn:example:meta")]
    author: Option<String>,
    #[payload(flag = "pinned", ns = "urn:example:meta")]
    pinned: bool,
    #[payload(child_attr = "link", attr = "href", ns = "urn:example:meta")]
    links: Vec<String>,
    #[payload(texts = "caption", ns = "urn:example:meta")]
    captions: Texts,
    #[payload(child_text = "gateway", with = jabber_stanza::value::display)]
    gateway: Ipv4Addr,
    #[payload(child)]
    delay: Delay,
}

/// A choice without a namespace of its own, used inside two parents.
#[derive(Debug, Clone, PartialEq, Payload)]
enum Entry {
    Text {
        #[payload(text)]
        text: String,
    },
    Empty,
    Wrapped(Actor),
    #[payload(other)]
    Other(Element),
}

#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "log", ns = "urn:example:log-a")]
struct LogA {
    #[payload(child)]
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "log", ns = "urn:example:log-b")]
struct LogOne {
    #[payload(child)]
    first: Option<Entry>,
}

/// A wrapper without a namespace of its own.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "choice")]
enum Choice {
    Yes,
    No,
}

#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "vote", ns = "urn:example:vote")]
struct Vote {
    #[payload(child)]
    choice: Choice,
}

// ---------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------

fn xml(text: &str) -> Element {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Serialized to wire bytes and read back.
fn through_wire(element: &Element) -> Element {
    let bytes = element.to_bytes().expect("serializable");
    let text = String::from_utf8(bytes).expect("UTF-8");
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// `value` is what `text` reads as, writes as `text`, and survives the wire.
fn check_payload<T: Payload + PartialEq + Debug>(text: &str, value: &T) {
    let element = xml(text);
    assert!(T::is_mine(&element), "{text}");
    assert_eq!(T::parse(&element).as_ref(), Ok(value), "parsing {text}");
    assert_eq!(T::try_parse(&element).as_ref().map(Result::as_ref), Some(Ok(value)));
    assert_eq!(value.to_element(), element, "writing {value:?}");
    assert_eq!(T::parse(&through_wire(&value.to_element())).as_ref(), Ok(value), "through the wire");
}

/// The same for a type without a namespace of its own, in `parent_ns`.
fn check_child<T: Child + PartialEq + Debug>(text: &str, parent_ns: &'static str, value: &T) {
    let element = xml(text);
    assert!(T::is_child(&element, parent_ns), "{text}");
    assert_eq!(T::parse_child(&element, parent_ns).as_ref(), Ok(value), "parsing {text}");
    assert_eq!(value.to_child(parent_ns), element, "writing {value:?}");
    assert_eq!(T::parse_child(&through_wire(&value.to_child(parent_ns)), parent_ns).as_ref(), Ok(value));
}

fn parse_err<T: Payload + Debug>(text: &str) -> Error {
    match T::parse(&xml(text)) {
        Ok(value) => panic!("{text} read as {value:?}"),
        Err(e) => e,
    }
}

fn jid(s: &str) -> Jid {
    Jid::new(s).unwrap()
}

fn bare(s: &str) -> BareJid {
    BareJid::new(s).unwrap()
}

fn texts(pairs: &[(Option<&str>, &str)]) -> Texts {
    pairs.iter().map(|&(lang, text)| (lang, text)).collect()
}

fn unexpected(element: &'static str, child: &str, ns: &str) -> Error {
    Error::UnexpectedChild { element, child: child.into(), ns: ns.into() }
}

// ---------------------------------------------------------------------------
// Values.
// ---------------------------------------------------------------------------

#[test]
fn value_enums_read_and_write_their_kebab_case_names() {
    assert_eq!(Subscription::from_value("both"), Ok(Subscription::Both));
    assert_eq!(Subscription::Remove.to_value(), "remove");
    assert_eq!(FieldType::from_value("jid-multi"), Ok(FieldType::JidMulti));
    assert_eq!(FieldType::TextPrivate.to_value(), "text-private");
    assert_eq!(FormType::from_value("result"), Ok(FormType::Result));
    // Known names are matched after collapsing XML whitespace.
    assert_eq!(Role::from_value(" moderator\n"), Ok(Role::Moderator));
    assert_eq!(Affiliation::from_value("\towner\r\n"), Ok(Affiliation::Owner));
}

#[test]
fn a_value_enum_without_other_refuses_an_unknown_name() {
    assert_eq!(Role::from_value("king"), Err(ValueError::Invalid));
    assert_eq!(Role::from_value("Moderator"), Err(ValueError::Invalid), "names are case-sensitive");
    assert_eq!(Role::from_value(""), Err(ValueError::Invalid));
}

#[test]
fn a_value_enum_with_other_keeps_an_unknown_name_as_it_came() {
    assert_eq!(FieldType::from_value("x-color"), Ok(FieldType::Other("x-color".into())));
    assert_eq!(FieldType::from_value(" x color "), Ok(FieldType::Other(" x color ".into())));
    assert_eq!(FieldType::from_value(""), Ok(FieldType::Other(String::new())));
    assert_eq!(FieldType::Other("x-color".into()).to_value(), "x-color");
    assert_eq!(FieldType::from_value(" boolean "), Ok(FieldType::Boolean));
}

// ---------------------------------------------------------------------------
// Structs: every field kind and shape.
// ---------------------------------------------------------------------------

#[test]
fn roster_item_attributes_defaults_and_child_texts() {
    // RFC 6121 §2.1.2 (Example: roster result).
    check_payload(
        "<item xmlns='jabber:iq:roster' jid='romeo@example.net' name='Romeo' subscription='both'>\
         <group>Friends</group><group>Lovers</group></item>",
        &RosterItem {
            jid: bare("romeo@example.net"),
            name: Some("Romeo".into()),
            subscription: Subscription::Both,
            ask: None,
            approved: false,
            groups: vec!["Friends".into(), "Lovers".into()],
        },
    );
    check_payload(
        "<item xmlns='jabber:iq:roster' jid='nurse@example.com' ask='subscribe' approved='true'/>",
        &RosterItem {
            jid: bare("nurse@example.com"),
            name: None,
            subscription: Subscription::None,
            ask: Some(Ask::Subscribe),
            approved: true,
            groups: vec![],
        },
    );
}

#[test]
fn a_defaulted_attribute_equal_to_its_default_is_not_written() {
    let item = RosterItem::parse(&xml(
        "<item xmlns='jabber:iq:roster' jid='romeo@example.net' subscription='none' approved='0'/>",
    ))
    .unwrap();
    assert_eq!(item.subscription, Subscription::None);
    assert!(!item.approved);
    assert_eq!(item.to_element(), xml("<item xmlns='jabber:iq:roster' jid='romeo@example.net'/>"));
    // Booleans and numbers are read after collapsing whitespace (XML Schema
    // Part 2 §4.3.6); addresses and strings as they came.
    let item =
        RosterItem::parse(&xml("<item xmlns='jabber:iq:roster' jid='romeo@example.net' approved=' 1 '/>")).unwrap();
    assert_eq!(item.jid, bare("romeo@example.net"));
    assert!(item.approved);
}

#[test]
fn roster_query_holds_items_of_its_own_namespace() {
    // RFC 6121 §2.1.3 (roster result with a version, §2.6).
    let query = RosterQuery {
        ver: Some("ver11".into()),
        items: vec![
            RosterItem {
                jid: bare("romeo@example.net"),
                name: Some("Romeo".into()),
                subscription: Subscription::Both,
                ask: None,
                approved: false,
                groups: vec!["Friends".into()],
            },
            RosterItem {
                jid: bare("mercutio@example.com"),
                name: None,
                subscription: Subscription::From,
                ask: None,
                approved: false,
                groups: vec![],
            },
        ],
    };
    check_payload(
        "<query xmlns='jabber:iq:roster' ver='ver11'>\
         <item jid='romeo@example.net' name='Romeo' subscription='both'><group>Friends</group></item>\
         <item jid='mercutio@example.com' subscription='from'/></query>",
        &query,
    );
    // Pretty-printed, as in the RFC: whitespace between children is ignored.
    let pretty = xml("<query xmlns='jabber:iq:roster' ver='ver11'>\n  \
         <item jid='romeo@example.net' name='Romeo' subscription='both'>\n    <group>Friends</group>\n  </item>\n  \
         <item jid='mercutio@example.com' subscription='from'/>\n</query>");
    assert_eq!(RosterQuery::parse(&pretty), Ok(query.clone()));
    // The markers: a get, a set and a result may carry it.
    fn get<P: IqGetPayload>() {}
    fn set<P: IqSetPayload>() {}
    fn result<P: IqResultPayload>() {}
    get::<RosterQuery>();
    set::<RosterQuery>();
    result::<RosterQuery>();
    let iq = Iq::get("r1", &query);
    assert_eq!(iq.payload::<RosterQuery>(), Some(Ok(query)));
}

#[test]
fn muc_item_is_one_type_in_two_namespaces() {
    // XEP-0045 §8.2 (Example: service removes kicked occupant): in muc#user.
    let kicked = MucItem {
        actor: Some(Actor { jid: None, nick: Some("Fluellen".into()) }),
        reason: Some("Avaunt, you cullion!".into()),
        ..MucItem::new(Some(Affiliation::None), Some(Role::None))
    };
    let user = MucUser { items: vec![kicked.clone()], statuses: vec![110, 307], password: None };
    check_payload(
        "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='none'>\
         <actor nick='Fluellen'/><reason>Avaunt, you cullion!</reason></item>\
         <status code='110'/><status code='307'/></x>",
        &user,
    );
    // XEP-0045 §8.2 (Example: moderator kicks occupant): the same type in muc#admin.
    let kick = MucItem {
        nick: Some("pistol".into()),
        reason: Some("Avaunt, you cullion!".into()),
        ..MucItem::new(None, Some(Role::None))
    };
    check_payload(
        "<query xmlns='http://jabber.org/protocol/muc#admin'><item nick='pistol' role='none'>\
         <reason>Avaunt, you cullion!</reason></item></query>",
        &MucAdmin { items: vec![kick.clone()] },
    );
    // Written as a child of either, it takes the parent's namespace, and so do its children.
    let in_admin = kicked.to_child(MUC_ADMIN);
    assert_eq!(in_admin.ns(), MUC_ADMIN);
    assert_eq!(in_admin.get_child("actor", MUC_ADMIN).and_then(|a| a.attr("nick")), Some("Fluellen"));
    check_child(
        "<item xmlns='http://jabber.org/protocol/muc#user' affiliation='none' role='none'>\
         <actor nick='Fluellen'/><reason>Avaunt, you cullion!</reason></item>",
        MUC_USER,
        &kicked,
    );
    // An <item/> of the other namespace is not one.
    assert!(!MucItem::is_child(&xml("<item xmlns='http://jabber.org/protocol/muc#admin'/>"), MUC_USER));
    let mixed =
        xml("<x xmlns='http://jabber.org/protocol/muc#user'><item xmlns='http://jabber.org/protocol/muc#admin'/></x>");
    assert_eq!(MucUser::parse(&mixed), Err(unexpected("x", "item", MUC_ADMIN)));
}

#[test]
fn muc_item_with_continue_and_full_jid() {
    // XEP-0045 §7.9 (converting a one-to-one chat): <continue thread/>, a keyword field.
    let item = MucItem {
        jid: Some(jid("hag66@shakespeare.lit/pda")),
        r#continue: Some(Continue { thread: Some("e0ffe42b28561960c6b12b944a092794b9683a38".into()) }),
        ..MucItem::new(Some(Affiliation::Member), Some(Role::Participant))
    };
    check_payload(
        "<x xmlns='http://jabber.org/protocol/muc#user'>\
         <item affiliation='member' role='participant' jid='hag66@shakespeare.lit/pda'>\
         <continue thread='e0ffe42b28561960c6b12b944a092794b9683a38'/></item><password>cauldronburn</password></x>",
        &MucUser { items: vec![item], statuses: vec![], password: Some("cauldronburn".into()) },
    );
}

#[test]
fn data_form_field_with_flag_values_and_options() {
    // XEP-0004 §3.2, and the bot configuration form of its examples (a required boolean).
    let form = DataForm {
        r#type: FormType::Form,
        title: Some("Bot Configuration".into()),
        instructions: vec!["Fill out this form to configure your new bot!".into()],
        fields: vec![
            Field {
                kind: Some(FieldType::Boolean),
                label: Some("Public bot?".into()),
                required: true,
                ..Field::new("public")
            },
            Field {
                kind: Some(FieldType::ListSingle),
                label: Some("Maximum number of subscribers".into()),
                desc: Some("How many may subscribe".into()),
                values: vec!["20".into()],
                options: vec![
                    FieldOption { label: Some("10".into()), value: "10".into() },
                    FieldOption { label: None, value: "20".into() },
                ],
                ..Field::new("maxsubs")
            },
            Field {
                kind: Some(FieldType::JidMulti),
                values: vec!["a@example.org".into(), "b@example.org".into()],
                ..Field::new("invitelist")
            },
            Field { var: None, kind: Some(FieldType::Fixed), values: vec!["Section 2".into()], ..Field::new("") },
            Field { kind: Some(FieldType::Other("x-geoloc".into())), ..Field::new("where") },
        ],
    };
    check_payload(
        "<x xmlns='jabber:x:data' type='form'><title>Bot Configuration</title>\
         <instructions>Fill out this form to configure your new bot!</instructions>\
         <field var='public' type='boolean' label='Public bot?'><required/></field>\
         <field var='maxsubs' type='list-single' label='Maximum number of subscribers'>\
         <desc>How many may subscribe</desc><value>20</value>\
         <option label='10'><value>10</value></option><option><value>20</value></option></field>\
         <field var='invitelist' type='jid-multi'><value>a@example.org</value><value>b@example.org</value></field>\
         <field type='fixed'><value>Section 2</value></field>\
         <field var='where' type='x-geoloc'/></x>",
        &form,
    );
    // A flag's whitespace content is allowed.
    let field = Field::parse_child(&xml("<field xmlns='jabber:x:data' var='v'><required>\n </required></field>"), DATA);
    assert_eq!(field, Ok(Field { required: true, ..Field::new("v") }));
}

#[test]
fn check_runs_after_parsing() {
    // XEP-0004 §3.2: a field that is not 'fixed' needs a 'var'.
    assert_eq!(
        Field::parse_child(&xml("<field xmlns='jabber:x:data' type='text-single'/>"), DATA),
        Err(Error::MissingAttribute { element: "field", attribute: "var" })
    );
    assert_eq!(
        Field::parse_child(&xml("<field xmlns='jabber:x:data' type='fixed'/>"), DATA),
        Ok(Field { var: None, kind: Some(FieldType::Fixed), ..Field::new("") })
    );
}

#[test]
fn message_texts_in_several_languages() {
    // RFC 6121 §5.2.3 (Example: message with bodies in two languages).
    let mut message = Msg::new();
    message.to = Some(jid("romeo@example.net"));
    message.from = Some(jid("juliet@example.com/balcony"));
    message.id = Some("z94nb37h".into());
    message.kind = MessageType::Chat;
    message.lang = Some("en".into());
    message.bodies = texts(&[(None, "Wherefore art thou, Romeo?"), (Some("de"), "Wo bist du, Romeo?")]);
    message.subjects = texts(&[(Some("cs"), "Předmět")]);
    message.thread = Some("e0ffe42b28561960c6b12b944a092794b9683a38".into());
    message.origin_id = Some("de305d54-75b4-431b-adb2-eb6b9e546013".into());
    check_payload(
        "<message xmlns='jabber:client' from='juliet@example.com/balcony' id='z94nb37h' \
         to='romeo@example.net' type='chat' xml:lang='en'>\
         <subject xml:lang='cs'>Předmět</subject>\
         <body>Wherefore art thou, Romeo?</body><body xml:lang='de'>Wo bist du, Romeo?</body>\
         <thread>e0ffe42b28561960c6b12b944a092794b9683a38</thread>\
         <origin-id xmlns='urn:xmpp:sid:0' id='de305d54-75b4-431b-adb2-eb6b9e546013'/></message>",
        &message,
    );
    assert_eq!(message.bodies.in_language("de", message.lang.as_deref()), Some("Wo bist du, Romeo?"));
    // The default type is not written.
    let mut normal = Msg::new();
    normal.bodies = Texts::single("hi");
    check_payload("<message xmlns='jabber:client'><body>hi</body></message>", &normal);
}

#[test]
fn strict_presence_texts_and_values() {
    // RFC 6121 §4.7.2 (Example: availability with show, status and priority).
    let presence = StrictPresence {
        show: Some(Show::Dnd),
        statuses: texts(&[(None, "Wooing Juliet"), (Some("cs"), "Dvořím se Julii")]),
        priority: Some(-1),
    };
    check_payload(
        "<presence xmlns='jabber:client'><show>dnd</show><status>Wooing Juliet</status>\
         <status xml:lang='cs'>Dvořím se Julii</status><priority>-1</priority></presence>",
        &presence,
    );
}

#[test]
fn text_and_attributes() {
    // XEP-0203, the first example: the reason is the element's text.
    check_payload(
        "<delay xmlns='urn:xmpp:delay' from='capulet.com' stamp='2002-09-10T23:08:25Z'>Offline Storage</delay>",
        &Delay {
            from: Some(jid("capulet.com")),
            stamp: "2002-09-10T23:08:25Z".into(),
            reason: Some("Offline Storage".into()),
        },
    );
    // No text: None.
    check_payload(
        "<delay xmlns='urn:xmpp:delay' from='juliet@capulet.com/balcony' stamp='2002-09-10T23:41:07Z'/>",
        &Delay { from: Some(jid("juliet@capulet.com/balcony")), stamp: "2002-09-10T23:41:07Z".into(), reason: None },
    );
    // A string text is kept as it came, whitespace included.
    let delay = Delay::parse(&xml("<delay xmlns='urn:xmpp:delay' stamp='s'>\n    Offline Storage\n  </delay>"));
    assert_eq!(delay.unwrap().reason.as_deref(), Some("\n    Offline Storage\n  "));
}

#[test]
fn child_texts_of_address_types() {
    // RFC 6120 §7.6.1: a resource in the request, the full JID in the result.
    check_payload(
        "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>balcony</resource></bind>",
        &Bind { resource: Some(ResourcePart::new("balcony").unwrap()), jid: None },
    );
    check_payload(
        "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>juliet@im.example.com/balcony</jid></bind>",
        &Bind { resource: None, jid: Some(FullJid::new("juliet@im.example.com/balcony").unwrap()) },
    );
    // A tuple struct holding the text.
    check_payload(
        "<jid xmlns='urn:ietf:params:xml:ns:xmpp-bind'>juliet@im.example.com/balcony</jid>",
        &BoundJid(FullJid::new("juliet@im.example.com/balcony").unwrap()),
    );
    // Addresses are read exactly as they came: a resourcepart may end in a
    // space (RFC 7622 §3.4), and no address starts with one.
    let spaced =
        BoundJid::parse(&xml("<jid xmlns='urn:ietf:params:xml:ns:xmpp-bind'>\n juliet@im.example.com/b \n</jid>"));
    assert!(matches!(spaced, Err(Error::InvalidJid { element: "jid", attribute: "text", .. })), "{spaced:?}");
}

#[test]
fn with_display_reads_an_attribute_through_fromstr() {
    // XEP-0065, "Proxy Informs Requester of Network Address": a streamhost.
    check_payload(
        "<streamhost xmlns='http://jabber.org/protocol/bytestreams' host='24.24.24.1' jid='streamer.example.com' port='7625'/>",
        &Streamhost {
            jid: jid("streamer.example.com"),
            host: IpAddr::V4(Ipv4Addr::new(24, 24, 24, 1)),
            port: Some(7625),
        },
    );
    check_payload(
        "<streamhost xmlns='http://jabber.org/protocol/bytestreams' host='2001:db8::1' jid='proxy.example.net'/>",
        &Streamhost { jid: jid("proxy.example.net"), host: "2001:db8::1".parse().unwrap(), port: None },
    );
}

#[test]
fn child_attr_reads_an_attribute_of_an_empty_child() {
    // XEP-0065, the target's result: <streamhost-used jid/>.
    check_payload(
        "<query xmlns='http://jabber.org/protocol/bytestreams' sid='vxf9n471bn46'>\
         <streamhost-used jid='requester@example.com/foo'/></query>",
        &StreamhostUsed { sid: "vxf9n471bn46".into(), used: jid("requester@example.com/foo") },
    );
}

#[test]
fn option_element_child_keeps_a_payload_of_any_namespace() {
    // XEP-0060 (Example: publish an item with an ItemID).
    let entry = xml("<entry xmlns='http://www.w3.org/2005/Atom'><title>Soliloquy</title>\
         <summary>To be, or not to be: that is the question</summary></entry>");
    let pubsub = Pubsub {
        publish: Some(Publish {
            node: "princely_musings".into(),
            items: vec![
                PubsubItem { id: Some("bnd81g37d61f49fgn581".into()), payload: Some(entry.clone()) },
                PubsubItem { id: Some("retract-me".into()), payload: None },
            ],
        }),
    };
    check_payload(
        "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='princely_musings'>\
         <item id='bnd81g37d61f49fgn581'><entry xmlns='http://www.w3.org/2005/Atom'><title>Soliloquy</title>\
         <summary>To be, or not to be: that is the question</summary></entry></item>\
         <item id='retract-me'/></publish></pubsub>",
        &pubsub,
    );
    assert_eq!(pubsub.publish.as_ref().unwrap().items[0].payload.as_ref().unwrap().ns(), ATOM);
    // A second payload is unexpected, named as it is.
    assert_eq!(
        PubsubItem::parse_child(
            &xml("<item xmlns='http://jabber.org/protocol/pubsub'><a xmlns='urn:a'/><b xmlns='urn:b'/></item>"),
            PUBSUB
        ),
        Err(unexpected("item", "b", "urn:b"))
    );
    // XEP-0198, "Stream timed out": <failed> with a condition of another namespace.
    check_payload(
        "<failed xmlns='urn:xmpp:sm:3' h='12'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>",
        &SmFailed { h: Some(12), condition: Some(Element::new("item-not-found", STANZAS)) },
    );
}

#[test]
fn ns_on_attributes_and_children() {
    let note = Note {
        lang: Some("en".into()),
        rank: Some(3),
        address: Ipv4Addr::new(192, 0, 2, 1),
        author: Some("Benvolio".into()),
        pinned: true,
        links: vec!["xmpp:a@example.org".into(), "https://example.org/".into()],
        captions: texts(&[(None, "A note"), (Some("fr"), "Une note")]),
        gateway: Ipv4Addr::new(192, 0, 2, 254),
        delay: Delay { from: None, stamp: "2002-09-10T23:08:25Z".into(), reason: None },
    };
    check_payload(
        "<note xmlns='urn:example:notes' xmlns:m='urn:example:meta' xml:lang='en' m:rank='3'>192.0.2.1\
         <m:author>Benvolio</m:author><m:pinned/>\
         <m:link href='xmpp:a@example.org'/><m:link href='https://example.org/'/>\
         <m:caption>A note</m:caption><m:caption xml:lang='fr'>Une note</m:caption>\
         <gateway>192.0.2.254</gateway>\
         <delay xmlns='urn:xmpp:delay' stamp='2002-09-10T23:08:25Z'/></note>",
        &note,
    );
    // The same names in the element's own namespace are not these fields.
    let wrong =
        xml("<note xmlns='urn:example:notes' rank='3'>192.0.2.1<author>B</author><gateway>192.0.2.254</gateway>\
         <delay xmlns='urn:xmpp:delay' stamp='s'/></note>");
    assert_eq!(Note::parse(&wrong), Err(unexpected("note", "author", "urn:example:notes")));
    // An unnamespaced `rank` is not `m:rank`: ignored (the type keeps no unknown attributes).
    let plain = xml("<note xmlns='urn:example:notes' rank='3'>192.0.2.1<gateway>192.0.2.254</gateway>\
         <delay xmlns='urn:xmpp:delay' stamp='s'/></note>");
    assert_eq!(Note::parse(&plain).map(|n| n.rank), Ok(None));
}

// ---------------------------------------------------------------------------
// Enums.
// ---------------------------------------------------------------------------

#[test]
fn choice_enum_named_unit_newtype_and_other_variants() {
    // XEP-0198: enabling, acks, resumption, failure.
    check_payload("<enable xmlns='urn:xmpp:sm:3' resume='true'/>", &Sm::Enable { resume: true, max: None });
    check_payload("<enable xmlns='urn:xmpp:sm:3'/>", &Sm::Enable { resume: false, max: None });
    check_payload(
        "<enabled xmlns='urn:xmpp:sm:3' id='some-long-sm-id' resume='true' max='600'/>",
        &Sm::Enabled { id: Some("some-long-sm-id".into()), resume: true, max: Some(600) },
    );
    check_payload("<r xmlns='urn:xmpp:sm:3'/>", &Sm::R);
    check_payload("<a xmlns='urn:xmpp:sm:3' h='7'/>", &Sm::A { h: 7 });
    check_payload(
        "<resume xmlns='urn:xmpp:sm:3' h='3' previd='some-long-sm-id'/>",
        &Sm::ResumeRequest { h: 3, previd: "some-long-sm-id".into() },
    );
    check_payload(
        "<resumed xmlns='urn:xmpp:sm:3' h='4' previd='some-long-sm-id'/>",
        &Sm::Resumed(SmResumed { h: 4, previd: "some-long-sm-id".into() }),
    );
    check_payload(
        "<failed xmlns='urn:xmpp:sm:3'><unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>",
        &Sm::Failed(SmFailed { h: None, condition: Some(Element::new("unexpected-request", STANZAS)) }),
    );
    // Any other element of the namespace is kept as it came.
    let other = xml("<future xmlns='urn:xmpp:sm:3' x='1'><y/>text</future>");
    check_payload("<future xmlns='urn:xmpp:sm:3' x='1'><y/>text</future>", &Sm::Other(other));
    // Pretty-printed, as in XEP-0198: whitespace is ignored.
    let pretty = xml(
        "<failed xmlns='urn:xmpp:sm:3'>\n  <unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>\n</failed>",
    );
    assert_eq!(
        Sm::parse(&pretty),
        Ok(Sm::Failed(SmFailed { h: None, condition: Some(Element::new("unexpected-request", STANZAS)) }))
    );
    // Not mine: another namespace.
    assert!(Sm::try_parse(&xml("<r xmlns='urn:xmpp:sm:2'/>")).is_none());
    assert_eq!(<Sm as Payload>::NAME, "enable");
}

#[test]
fn choice_variant_names_are_kebab_case_or_given() {
    check_payload("<presence-in xmlns='urn:example:kebab'/>", &Kebab::PresenceIn);
    check_payload("<x xmlns='urn:example:kebab'/>", &Kebab::Renamed);
    assert!(Kebab::try_parse(&xml("<renamed xmlns='urn:example:kebab'/>")).is_none());
    assert!(Kebab::try_parse(&xml("<presenceIn xmlns='urn:example:kebab'/>")).is_none());
    // Without an `other` variant an unknown element of the namespace is not mine either.
    assert!(!Kebab::is_mine(&xml("<y xmlns='urn:example:kebab'/>")));
}

#[test]
fn a_unit_variant_must_be_empty() {
    assert_eq!(
        Sm::parse(&xml("<r xmlns='urn:xmpp:sm:3'>now</r>")),
        Err(Error::InvalidText { element: "r", text: "now".into() })
    );
    assert_eq!(Sm::parse(&xml("<r xmlns='urn:xmpp:sm:3'><x/></r>")), Err(unexpected("r", "x", SM)));
    // Whitespace and attributes are allowed.
    assert_eq!(Sm::parse(&xml("<r xmlns='urn:xmpp:sm:3' foo='bar'> </r>")), Ok(Sm::R));
}

#[test]
fn wrapper_enum_holds_exactly_one_variant() {
    // The seed talk's PVR: <pvr><record>..</record></pvr>.
    check_payload(
        "<pvr xmlns='http://ralphm.net/protocols/pvr'><record><date>20031016</date><station>36</station>\
         <program_id>14</program_id></record></pvr>",
        &Pvr::Record { date: "20031016".into(), station: 36, program_id: 14 },
    );
    check_payload(
        "<pvr xmlns='http://ralphm.net/protocols/pvr'><info><program_name>The Matrix</program_name></info></pvr>",
        &Pvr::Info { program_name: "The Matrix".into() },
    );
    check_payload(
        "<pvr xmlns='http://ralphm.net/protocols/pvr'><cancel id='2'/></pvr>",
        &Pvr::Cancel(PvrCancel { id: 2 }),
    );
    assert_eq!(<Pvr as Payload>::NAME, "pvr");
    // Whitespace around the one child is fine.
    assert_eq!(
        Pvr::parse(&xml("<pvr xmlns='http://ralphm.net/protocols/pvr'>\n <cancel id='2'/>\n</pvr>")),
        Ok(Pvr::Cancel(PvrCancel { id: 2 }))
    );
    // None: MissingChild naming the first variant; two: UnexpectedChild; text: InvalidText.
    assert_eq!(
        parse_err::<Pvr>("<pvr xmlns='http://ralphm.net/protocols/pvr'/>"),
        Error::MissingChild { element: "pvr", child: "record" }
    );
    assert_eq!(
        parse_err::<Pvr>("<pvr xmlns='http://ralphm.net/protocols/pvr'><cancel id='1'/><cancel id='2'/></pvr>"),
        unexpected("pvr", "cancel", PVR)
    );
    assert_eq!(
        parse_err::<Pvr>("<pvr xmlns='http://ralphm.net/protocols/pvr'>soon<cancel id='1'/></pvr>"),
        Error::InvalidText { element: "pvr", text: "soon".into() }
    );
    assert_eq!(
        parse_err::<Pvr>("<pvr xmlns='http://ralphm.net/protocols/pvr'><stop/></pvr>"),
        unexpected("pvr", "stop", PVR)
    );
    // The variant's own errors.
    assert_eq!(
        parse_err::<Pvr>("<pvr xmlns='http://ralphm.net/protocols/pvr'><record><date>20031016</date></record></pvr>"),
        Error::MissingChild { element: "record", child: "station" }
    );
}

#[test]
fn wrapper_and_choice_without_a_namespace_of_their_own() {
    check_payload("<vote xmlns='urn:example:vote'><choice><yes/></choice></vote>", &Vote { choice: Choice::Yes });
    assert_eq!(Choice::No.to_child("urn:other"), xml("<choice xmlns='urn:other'><no/></choice>"));
    // A choice used inside two parents of different namespaces.
    let entries = vec![
        Entry::Text { text: "first".into() },
        Entry::Empty,
        Entry::Wrapped(Actor { jid: None, nick: Some("n".into()) }),
        Entry::Other(xml("<later xmlns='urn:example:log-a' n='1'/>")),
    ];
    check_payload(
        "<log xmlns='urn:example:log-a'><text>first</text><empty/><actor nick='n'/><later n='1'/></log>",
        &LogA { entries: entries.clone() },
    );
    check_payload("<log xmlns='urn:example:log-b'><empty/></log>", &LogOne { first: Some(Entry::Empty) });
    // In the second parent the first parent's <text/> is another namespace's element.
    assert_eq!(
        parse_err::<LogOne>("<log xmlns='urn:example:log-b'><text xmlns='urn:example:log-a'>t</text></log>"),
        unexpected("log", "text", "urn:example:log-a")
    );
    // A second choice is unexpected, named as it is (not after the choice's first variant).
    assert_eq!(
        parse_err::<LogOne>("<log xmlns='urn:example:log-b'><empty/><empty/></log>"),
        unexpected("log", "empty", "urn:example:log-b")
    );
    // The `other` variant is only for the parent's namespace.
    assert!(!Entry::is_child(&xml("<later xmlns='urn:example:log-b'/>"), "urn:example:log-a"));
    assert!(Entry::is_child(&xml("<later xmlns='urn:example:log-b'/>"), "urn:example:log-b"));
}

#[test]
fn unit_struct() {
    // XEP-0199: the ping request.
    check_payload("<ping xmlns='urn:xmpp:ping'/>", &Ping);
    assert_eq!(Ping::parse(&xml("<ping xmlns='urn:xmpp:ping'>\n</ping>")), Ok(Ping));
    let iq = Iq::get("c2s1", &Ping);
    assert_eq!(iq.payload::<Ping>(), Some(Ok(Ping)));
}

// ---------------------------------------------------------------------------
// Not mine vs invalid.
// ---------------------------------------------------------------------------

#[test]
fn try_parse_returns_none_for_another_element() {
    assert!(RosterQuery::try_parse(&xml("<query xmlns='jabber:iq:version'/>")).is_none());
    assert!(RosterQuery::try_parse(&xml("<item xmlns='jabber:iq:roster' jid='a@b'/>")).is_none());
    assert!(Ping::try_parse(&xml("<pong xmlns='urn:xmpp:ping'/>")).is_none());
    assert!(Pvr::try_parse(&xml("<record xmlns='http://ralphm.net/protocols/pvr'/>")).is_none());
    // Mine but invalid: Some(Err).
    assert_eq!(
        RosterItem::try_parse(&xml("<item xmlns='jabber:iq:roster'/>")),
        Some(Err(Error::MissingAttribute { element: "item", attribute: "jid" }))
    );
    assert!(matches!(
        Ping::try_parse(&xml("<ping xmlns='urn:xmpp:ping'>x</ping>")),
        Some(Err(Error::InvalidText { .. }))
    ));
}

// ---------------------------------------------------------------------------
// Strict errors: one test per variant the derive produces.
// ---------------------------------------------------------------------------

#[test]
fn strict_missing_attribute() {
    assert_eq!(
        parse_err::<RosterItem>("<item xmlns='jabber:iq:roster' name='Romeo'/>"),
        Error::MissingAttribute { element: "item", attribute: "jid" }
    );
    // On a named variant.
    assert_eq!(parse_err::<Sm>("<a xmlns='urn:xmpp:sm:3'/>"), Error::MissingAttribute { element: "a", attribute: "h" });
    // child_attr without its attribute: named after the child.
    assert_eq!(
        parse_err::<MucUser>("<x xmlns='http://jabber.org/protocol/muc#user'><status/></x>"),
        Error::MissingAttribute { element: "status", attribute: "code" }
    );
}

#[test]
fn strict_invalid_attribute() {
    assert_eq!(
        MucItem::parse_child(
            &xml("<item xmlns='http://jabber.org/protocol/muc#admin' affiliation='king'/>"),
            MUC_ADMIN
        ),
        Err(Error::InvalidAttribute { element: "item", attribute: "affiliation", value: "king".into() })
    );
    assert_eq!(
        parse_err::<RosterItem>("<item xmlns='jabber:iq:roster' jid='a@b' subscription='mutual'/>"),
        Error::InvalidAttribute { element: "item", attribute: "subscription", value: "mutual".into() }
    );
    assert_eq!(
        parse_err::<RosterItem>("<item xmlns='jabber:iq:roster' jid='a@b' approved='yes'/>"),
        Error::InvalidAttribute { element: "item", attribute: "approved", value: "yes".into() }
    );
    assert_eq!(
        parse_err::<Sm>("<a xmlns='urn:xmpp:sm:3' h='-1'/>"),
        Error::InvalidAttribute { element: "a", attribute: "h", value: "-1".into() }
    );
    // `ns =` attributes are named by their local name.
    assert!(matches!(
        parse_err::<Note>(
            "<note xmlns='urn:example:notes' xmlns:m='urn:example:meta' m:rank='x'>1.2.3.4<gateway>1.2.3.4</gateway><delay xmlns='urn:xmpp:delay' stamp='s'/></note>"
        ),
        Error::InvalidAttribute { element: "note", attribute: "rank", .. }
    ));
    // A child_attr value: named after the child.
    assert_eq!(
        parse_err::<MucUser>("<x xmlns='http://jabber.org/protocol/muc#user'><status code='one'/></x>"),
        Error::InvalidAttribute { element: "status", attribute: "code", value: "one".into() }
    );
}

#[test]
fn strict_invalid_jid_in_an_attribute() {
    let error = parse_err::<RosterItem>("<item xmlns='jabber:iq:roster' jid='a@b@c'/>");
    assert!(matches!(error, Error::InvalidJid { element: "item", attribute: "jid", .. }), "{error:?}");
    // A full JID where a bare one is required.
    let error = parse_err::<RosterItem>("<item xmlns='jabber:iq:roster' jid='a@b/c'/>");
    assert!(matches!(error, Error::InvalidJid { element: "item", attribute: "jid", .. }), "{error:?}");
    assert_eq!(error.stanza_condition(), jabber_stanza::DefinedCondition::JidMalformed);
}

#[test]
fn strict_invalid_jid_in_text() {
    let error = parse_err::<BoundJid>("<jid xmlns='urn:ietf:params:xml:ns:xmpp-bind'>juliet@im.example.com</jid>");
    assert!(matches!(error, Error::InvalidJid { element: "jid", attribute: "text", .. }), "{error:?}");
    let error = parse_err::<Bind>("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>@example.com/x</jid></bind>");
    assert!(matches!(error, Error::InvalidJid { element: "jid", attribute: "text", .. }), "{error:?}");
}

#[test]
fn strict_missing_child() {
    assert_eq!(
        Field::parse_child(&xml("<field xmlns='jabber:x:data' var='v'><option label='x'/></field>"), DATA),
        Err(Error::MissingChild { element: "option", child: "value" })
    );
    assert_eq!(
        parse_err::<Vote>("<vote xmlns='urn:example:vote'/>"),
        Error::MissingChild { element: "vote", child: "choice" }
    );
    let no_delay = "<note xmlns='urn:example:notes'>1.2.3.4<gateway>1.2.3.4</gateway></note>";
    assert_eq!(parse_err::<Note>(no_delay), Error::MissingChild { element: "note", child: "delay" });
}

#[test]
fn strict_duplicate_child() {
    assert_eq!(
        MucItem::parse_child(
            &xml(
                "<item xmlns='http://jabber.org/protocol/muc#admin' nick='pistol' role='none'><reason>a</reason><reason>b</reason></item>"
            ),
            MUC_ADMIN
        ),
        Err(Error::DuplicateChild { element: "item", child: "reason" })
    );
    assert_eq!(
        MucItem::parse_child(
            &xml("<item xmlns='http://jabber.org/protocol/muc#admin'><actor nick='a'/><actor nick='b'/></item>"),
            MUC_ADMIN
        ),
        Err(Error::DuplicateChild { element: "item", child: "actor" })
    );
    assert_eq!(
        Field::parse_child(&xml("<field xmlns='jabber:x:data' var='v'><required/><required/></field>"), DATA),
        Err(Error::DuplicateChild { element: "field", child: "required" })
    );
    assert_eq!(
        parse_err::<Vote>("<vote xmlns='urn:example:vote'><choice><yes/></choice><choice><no/></choice></vote>"),
        Error::DuplicateChild { element: "vote", child: "choice" }
    );
}

#[test]
fn strict_duplicate_language() {
    // RFC 6121 §4.7.2.2: two statuses in one language.
    assert_eq!(
        parse_err::<StrictPresence>(
            "<presence xmlns='jabber:client'><status xml:lang='en'>a</status><status xml:lang='EN'>b</status></presence>"
        ),
        Error::DuplicateLanguage { element: "presence", child: "status", lang: Some("EN".into()) }
    );
}

#[test]
fn strict_unexpected_child() {
    // Own namespace and foreign namespace alike when the type keeps nothing.
    assert_eq!(
        parse_err::<Ping>("<ping xmlns='urn:xmpp:ping'><pong/></ping>"),
        unexpected("ping", "pong", "urn:xmpp:ping")
    );
    assert_eq!(
        parse_err::<MucUser>("<x xmlns='http://jabber.org/protocol/muc#user'><history xmlns='urn:x'/></x>"),
        unexpected("x", "history", "urn:x")
    );
    // Inside a child_text: named after the child.
    assert_eq!(
        parse_err::<RosterItem>("<item xmlns='jabber:iq:roster' jid='a@b'><group>a<b/></group></item>"),
        unexpected("group", "b", ROSTER)
    );
    // Inside a flag and a child_attr child.
    assert_eq!(
        Field::parse_child(&xml("<field xmlns='jabber:x:data' var='v'><required><no/></required></field>"), DATA),
        Err(unexpected("required", "no", DATA))
    );
    assert_eq!(
        parse_err::<MucUser>("<x xmlns='http://jabber.org/protocol/muc#user'><status code='110'><y/></status></x>"),
        unexpected("status", "y", MUC_USER)
    );
}

#[test]
fn strict_invalid_text() {
    // Stray text where the element holds none.
    assert_eq!(
        parse_err::<Ping>("<ping xmlns='urn:xmpp:ping'>hello</ping>"),
        Error::InvalidText { element: "ping", text: "hello".into() }
    );
    assert_eq!(
        parse_err::<MucUser>("<x xmlns='http://jabber.org/protocol/muc#user'>hi<status code='110'/></x>"),
        Error::InvalidText { element: "x", text: "hi".into() }
    );
    // A value that does not read: child_text, text.
    assert_eq!(
        parse_err::<Pvr>(
            "<pvr xmlns='http://ralphm.net/protocols/pvr'><record><date>d</date><station>SBS 6</station><program_id>1</program_id></record></pvr>"
        ),
        Error::InvalidText { element: "station", text: "SBS 6".into() }
    );
    assert_eq!(
        parse_err::<StrictPresence>("<presence xmlns='jabber:client'><show>busy</show></presence>"),
        Error::InvalidText { element: "show", text: "busy".into() }
    );
    assert_eq!(
        parse_err::<StrictPresence>("<presence xmlns='jabber:client'><priority>128</priority></presence>"),
        Error::InvalidText { element: "priority", text: "128".into() }
    );
    assert_eq!(
        parse_err::<Note>(
            "<note xmlns='urn:example:notes'>not an address<gateway>1.2.3.4</gateway><delay xmlns='urn:xmpp:delay' stamp='s'/></note>"
        ),
        Error::InvalidText { element: "note", text: "not an address".into() }
    );
    // Text in a flag.
    assert_eq!(
        Field::parse_child(&xml("<field xmlns='jabber:x:data' var='v'><required>yes</required></field>"), DATA),
        Err(Error::InvalidText { element: "required", text: "yes".into() })
    );
}

// ---------------------------------------------------------------------------
// Behaviours shown by tests of what a user would expect.
// ---------------------------------------------------------------------------

#[test]
fn option_element_takes_any_child_so_field_order_matters() {
    /// The `Option<Element>` first: it takes the <note/> meant for the next field.
    #[derive(Debug, PartialEq, Payload)]
    #[payload(name = "item", ns = "urn:example:order")]
    struct Greedy {
        #[payload(child)]
        payload: Option<Element>,
        #[payload(child_text)]
        note: Option<String>,
    }
    let greedy = Greedy::parse(&xml("<item xmlns='urn:example:order'><note>n</note></item>")).unwrap();
    assert_eq!(greedy.note, None);
    assert_eq!(greedy.payload, Some(xml("<note xmlns='urn:example:order'>n</note>")));
    // Declared last (as in `PubsubItem`), it takes only what the other fields do not.
}

#[test]
fn an_empty_optional_string_text_reads_back_as_none() {
    // `Some("")` writes no text, and no text is `None`.
    let delay = Delay { from: None, stamp: "s".into(), reason: Some(String::new()) };
    assert_eq!(Delay::parse(&delay.to_element()).map(|d| d.reason), Ok(None));
}

#[test]
fn a_resource_ending_in_a_space_survives() {
    // A resourcepart may end with a space (RFC 7622 §3.4; in a MUC occupant
    // JID it is the nick, XEP-0045 §7.2); `Jid::new` accepts it and the
    // derive writes it as it is, but reads it back trimmed: another address.
    let item = MucItem { jid: Some(jid("hag66@shakespeare.lit/pda ")), ..MucItem::new(None, Some(Role::Participant)) };
    let written = item.to_child(MUC_USER);
    assert_eq!(written.attr("jid"), Some("hag66@shakespeare.lit/pda "));
    assert_eq!(MucItem::parse_child(&written, MUC_USER), Ok(item));
    assert_eq!(ResourcePart::from_value(" pda "), Ok(ResourcePart::new(" pda ").unwrap()));
}

#[test]
fn a_catch_all_holding_a_known_name_reads_back_as_the_name() {
    let kind = FieldType::Other("boolean".into());
    assert_eq!(FieldType::from_value(&kind.to_value()), Ok(FieldType::Boolean));
}

#[test]
fn kebab_case_splits_words_and_keeps_acronyms_whole() {
    #[derive(Debug, PartialEq, Value)]
    #[allow(clippy::upper_case_acronyms)]
    enum Acronyms {
        XmlConsole,
        XMLStream,
    }
    assert_eq!(Acronyms::XmlConsole.to_value(), "xml-console");
    assert_eq!(Acronyms::XMLStream.to_value(), "xml-stream");
}

#[test]
fn value_and_payload_take_an_explicit_crate_path() {
    /// XEP-0060: access models, one renamed.
    #[derive(Debug, PartialEq, Value)]
    #[value(crate = ::jabber_stanza)]
    enum AccessModel {
        Open,
        Presence,
        Roster,
        Authorize,
        #[value(name = "whitelist")]
        Allowlist,
    }
    #[derive(Debug, PartialEq, Payload)]
    #[payload(name = "access", ns = "urn:example:access", crate = ::jabber_stanza)]
    struct Access {
        #[payload(attr)]
        model: AccessModel,
    }
    check_payload("<access xmlns='urn:example:access' model='whitelist'/>", &Access { model: AccessModel::Allowlist });
    check_payload("<access xmlns='urn:example:access' model='open'/>", &Access { model: AccessModel::Open });
}

// ---------------------------------------------------------------------------
// Payloads with an `unknown` field, and the lenient ones.
// ---------------------------------------------------------------------------

mod unknown_fields {
    use jabber_stanza::Unknown;
    use jabber_stream::Attribute;

    use super::*;

    /// RFC 6121 §2.1.3: a roster query read leniently.
    #[derive(Debug, Clone, PartialEq, Payload)]
    #[payload(name = "query", ns = ROSTER, get, set, result)]
    struct LenientRosterQuery {
        #[payload(attr)]
        ver: Option<String>,
        #[payload(child)]
        items: Vec<RosterItem>,
        #[payload(unknown)]
        unknown: Unknown,
        #[payload(malformed)]
        malformed: Vec<Error>,
    }

    /// XEP-0004 §3.1, read leniently; `type` is required.
    #[derive(Debug, Clone, PartialEq, Payload)]
    #[payload(name = "x", ns = DATA)]
    struct LenientDataForm {
        #[payload(attr)]
        r#type: FormType,
        #[payload(child_text)]
        title: Option<String>,
        #[payload(child_text)]
        instructions: Vec<String>,
        #[payload(child)]
        fields: Vec<Field>,
        #[payload(unknown)]
        unknown: Unknown,
        #[payload(malformed)]
        malformed: Vec<Error>,
    }

    /// RFC 6121 §5.2, read leniently.
    #[derive(Debug, Clone, PartialEq, Payload)]
    #[payload(name = "message", ns = CLIENT)]
    struct LenientMsg {
        #[payload(attr)]
        to: Option<Jid>,
        #[payload(attr)]
        from: Option<Jid>,
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
        #[payload(unknown)]
        unknown: Unknown,
        #[payload(malformed)]
        malformed: Vec<Error>,
    }

    /// XEP-0065, read leniently.
    #[derive(Debug, Clone, PartialEq, Payload)]
    #[payload(name = "streamhost", ns = BYTESTREAMS)]
    struct LenientStreamhost {
        #[payload(attr)]
        jid: Jid,
        #[payload(attr, with = jabber_stanza::value::display)]
        host: IpAddr,
        #[payload(attr)]
        port: Option<u16>,
        #[payload(unknown)]
        unknown: Unknown,
        #[payload(malformed)]
        malformed: Vec<Error>,
    }

    /// XEP-0065, read leniently; the `<streamhost-used/>` is required.
    #[derive(Debug, Clone, PartialEq, Payload)]
    #[payload(name = "query", ns = BYTESTREAMS)]
    struct LenientStreamhostUsed {
        #[payload(attr)]
        sid: String,
        #[payload(child_attr = "streamhost-used", attr = "jid")]
        used: Jid,
        #[payload(unknown)]
        unknown: Unknown,
        #[payload(malformed)]
        malformed: Vec<Error>,
    }

    /// `unknown` without `malformed`: strict, but keeping what it does not model.
    #[derive(Debug, Clone, PartialEq, Payload)]
    #[payload(name = "log", ns = "urn:example:log-b")]
    struct LogKeeping {
        #[payload(child)]
        first: Option<Entry>,
        #[payload(unknown)]
        unknown: Unknown,
    }

    /// A choice whose struct variant keeps and reports (XEP-0198 `<enabled/>`).
    #[derive(Debug, Clone, PartialEq, Payload)]
    #[payload(ns = SM)]
    enum LenientSm {
        Enabled {
            #[payload(attr)]
            id: Option<String>,
            #[payload(attr, default)]
            resume: bool,
            #[payload(unknown)]
            unknown: Unknown,
            #[payload(malformed)]
            malformed: Vec<Error>,
        },
    }

    #[test]
    fn strict_with_an_unknown_field_keeps_foreign_children_and_attributes_silently() {
        let log =
            LogKeeping::parse(&xml("<log xmlns='urn:example:log-b' a='1'><own/><x xmlns='urn:x'/></log>")).unwrap();
        // <own/> is an Entry (its `other` variant); <x/> and a='1' are kept.
        assert_eq!(log.first, Some(Entry::Other(xml("<own xmlns='urn:example:log-b'/>"))));
        assert_eq!(log.unknown.attributes, vec![Attribute::new("a", "1")]);
        assert_eq!(log.unknown.children, vec![xml("<x xmlns='urn:x'/>")]);
        check_payload(
            "<log xmlns='urn:example:log-b' a='1'><empty/><x xmlns='urn:x'/></log>",
            &LogKeeping {
                first: Some(Entry::Empty),
                unknown: Unknown {
                    attributes: vec![Attribute::new("a", "1")],
                    children: vec![xml("<x xmlns='urn:x'/>")],
                    text: String::new(),
                },
            },
        );
        // Without `malformed` a bad optional part is still an error.
        assert_eq!(
            parse_err::<LogKeeping>("<log xmlns='urn:example:log-b'><empty/><empty/></log>"),
            unexpected("log", "empty", "urn:example:log-b")
        );
    }

    #[test]
    fn lenient_keeps_and_reports_malformed_optional_parts() {
        let element = xml("<message xmlns='jabber:client' type='bogus' to='a@@b' from='romeo@example.net' id='m1'>\
             <body>hi</body><thread>t1</thread><thread>t2</thread>\
             <body xml:lang='de'>x<b/></body><foo/><x xmlns='urn:x'>payload</x>stray</message>");
        let message = LenientMsg::parse(&element).expect("lenient");
        // What is valid is read.
        assert_eq!(message.from, Some(jid("romeo@example.net")));
        assert_eq!(message.id.as_deref(), Some("m1"));
        assert_eq!(message.bodies, Texts::single("hi"));
        assert_eq!(message.thread.as_deref(), Some("t1"));
        // What is not is None/default, kept in `unknown` and reported in `malformed`.
        assert_eq!(message.to, None);
        assert_eq!(message.kind, MessageType::Normal);
        assert_eq!(message.unknown.attributes, vec![Attribute::new("type", "bogus"), Attribute::new("to", "a@@b")]);
        assert_eq!(
            message.unknown.children,
            vec![
                xml("<thread xmlns='jabber:client'>t2</thread>"),
                xml("<body xmlns='jabber:client' xml:lang='de'>x<b/></body>"),
                xml("<foo xmlns='jabber:client'/>"),
                xml("<x xmlns='urn:x'>payload</x>"),
            ]
        );
        assert_eq!(message.malformed.len(), 6, "{:#?}", message.malformed);
        assert_eq!(
            message.malformed[0],
            Error::InvalidAttribute { element: "message", attribute: "type", value: "bogus".into() }
        );
        assert!(matches!(message.malformed[1], Error::InvalidJid { element: "message", attribute: "to", .. }));
        assert_eq!(message.malformed[2], Error::DuplicateChild { element: "message", child: "thread" });
        assert_eq!(message.malformed[3], unexpected("body", "b", CLIENT));
        // An unknown child of the own namespace is kept and reported; a foreign one only kept.
        assert_eq!(message.malformed[4], unexpected("message", "foo", CLIENT));
        // Stray text is kept and reported once, after the children.
        assert_eq!(message.malformed[5], Error::InvalidText { element: "message", text: "stray".into() });
        assert_eq!(message.unknown.text, "stray");

        // Serialized, the kept parts are written again: a reparse gives the
        // same model, reports included.
        let written = message.to_element();
        assert_eq!(written.attr("type"), Some("bogus"));
        assert_eq!(written.attr("to"), Some("a@@b"));
        let again = LenientMsg::parse(&through_wire(&written)).unwrap();
        assert_eq!(again, message);
    }

    #[test]
    fn lenient_message_without_problems_round_trips() {
        // RFC 6121 §5.2.3 with an extension payload (XEP-0085) kept.
        check_payload(
            "<message xmlns='jabber:client' to='romeo@example.net' type='chat' xml:lang='en'>\
             <body>Wherefore art thou, Romeo?</body><body xml:lang='de'>Wo bist du, Romeo?</body>\
             <active xmlns='http://jabber.org/protocol/chatstates'/></message>",
            &LenientMsg {
                to: Some(jid("romeo@example.net")),
                from: None,
                id: None,
                kind: MessageType::Chat,
                lang: Some("en".into()),
                subjects: Texts::new(),
                bodies: texts(&[(None, "Wherefore art thou, Romeo?"), (Some("de"), "Wo bist du, Romeo?")]),
                thread: None,
                unknown: Unknown {
                    attributes: vec![],
                    children: vec![Element::new("active", "http://jabber.org/protocol/chatstates")],
                    text: String::new(),
                },
                malformed: vec![],
            },
        );
    }

    #[test]
    fn lenient_duplicate_language_is_kept_and_reported() {
        // RFC 6121 §5.2.3: a body without xml:lang is in the message's language.
        let message = LenientMsg::parse(&xml(
            "<message xmlns='jabber:client' xml:lang='en'><body>a</body><body xml:lang='EN'>b</body></message>",
        ))
        .unwrap();
        assert_eq!(message.bodies, Texts::single("a"));
        assert_eq!(message.unknown.children, vec![xml("<body xmlns='jabber:client' xml:lang='EN'>b</body>")]);
        assert_eq!(
            message.malformed,
            vec![Error::DuplicateLanguage { element: "message", child: "body", lang: Some("EN".into()) }]
        );
        assert_eq!(LenientMsg::parse(&message.to_element()), Ok(message));
    }

    #[test]
    fn lenient_malformed_vec_items_are_kept_and_reported() {
        // RFC 6121 §2.1.2: an item whose jid is not a bare JID; the others are read.
        let query = LenientRosterQuery::parse(&xml(
            "<query xmlns='jabber:iq:roster'><item jid='romeo@example.net'/><item jid='a@@b' name='bad'/>\
             <item jid='nurse@example.com' subscription='to'/><item/></query>",
        ))
        .unwrap();
        assert_eq!(
            query.items.iter().map(|i| i.jid.as_str()).collect::<Vec<_>>(),
            ["romeo@example.net", "nurse@example.com"]
        );
        assert_eq!(
            query.unknown.children,
            vec![
                xml("<item xmlns='jabber:iq:roster' jid='a@@b' name='bad'/>"),
                xml("<item xmlns='jabber:iq:roster'/>")
            ]
        );
        assert!(matches!(query.malformed[0], Error::InvalidJid { element: "item", attribute: "jid", .. }));
        assert_eq!(query.malformed[1], Error::MissingAttribute { element: "item", attribute: "jid" });
        assert_eq!(query.malformed.len(), 2);
        assert_eq!(LenientRosterQuery::parse(&through_wire(&query.to_element())), Ok(query));

        // A child whose `check` fails is kept and reported as well (XEP-0004 §3.2).
        let form = LenientDataForm::parse(&xml(
            "<x xmlns='jabber:x:data' type='submit'><field var='a'><value>1</value></field>\
             <field type='text-single'><value>2</value></field><instructions>i</instructions></x>",
        ))
        .unwrap();
        assert_eq!(form.fields, vec![Field { values: vec!["1".into()], ..Field::new("a") }]);
        assert_eq!(form.instructions, vec!["i".to_owned()]);
        assert_eq!(
            form.unknown.children,
            vec![xml("<field xmlns='jabber:x:data' type='text-single'><value>2</value></field>")]
        );
        assert_eq!(form.malformed, vec![Error::MissingAttribute { element: "field", attribute: "var" }]);
        assert_eq!(LenientDataForm::parse(&form.to_element()), Ok(form));
    }

    #[test]
    fn lenient_unknown_attributes_are_kept_silently() {
        let host = LenientStreamhost::parse(&xml(
            "<streamhost xmlns='http://jabber.org/protocol/bytestreams' xmlns:e='urn:e' jid='proxy.example.net' \
             host='192.0.2.7' zeroconf='_jabber.bytestreams' e:x='1'/>",
        ))
        .unwrap();
        assert_eq!(
            host.unknown.attributes,
            vec![Attribute::new("zeroconf", "_jabber.bytestreams"), Attribute::with_ns("urn:e", "x", "1")]
        );
        assert!(host.malformed.is_empty());
        assert_eq!(LenientStreamhost::parse(&through_wire(&host.to_element())), Ok(host));
    }

    #[test]
    fn lenient_required_parts_still_fail() {
        // XEP-0004 §3.1: a form's type is required.
        assert_eq!(
            parse_err::<LenientDataForm>("<x xmlns='jabber:x:data'><title>t</title></x>"),
            Error::MissingAttribute { element: "x", attribute: "type" }
        );
        assert_eq!(
            parse_err::<LenientDataForm>("<x xmlns='jabber:x:data' type='questionnaire'/>"),
            Error::InvalidAttribute { element: "x", attribute: "type", value: "questionnaire".into() }
        );
        // XEP-0065: a required attribute read through `with`, and one with a JID.
        assert_eq!(
            parse_err::<LenientStreamhost>(
                "<streamhost xmlns='http://jabber.org/protocol/bytestreams' jid='p.example' host='proxy.example'/>"
            ),
            Error::InvalidAttribute { element: "streamhost", attribute: "host", value: "proxy.example".into() }
        );
        assert!(matches!(
            parse_err::<LenientStreamhost>(
                "<streamhost xmlns='http://jabber.org/protocol/bytestreams' jid='a@@b' host='192.0.2.7'/>"
            ),
            Error::InvalidJid { element: "streamhost", attribute: "jid", .. }
        ));
        // A required child_attr: missing, invalid.
        assert_eq!(
            parse_err::<LenientStreamhostUsed>("<query xmlns='http://jabber.org/protocol/bytestreams' sid='s'/>"),
            Error::MissingChild { element: "query", child: "streamhost-used" }
        );
        assert!(matches!(
            parse_err::<LenientStreamhostUsed>(
                "<query xmlns='http://jabber.org/protocol/bytestreams' sid='s'><streamhost-used jid='a@@b'/></query>"
            ),
            Error::InvalidJid { element: "streamhost-used", attribute: "jid", .. }
        ));
        // A second one, after a valid first, is reported and kept.
        let used = LenientStreamhostUsed::parse(&xml(
            "<query xmlns='http://jabber.org/protocol/bytestreams' sid='s'><streamhost-used jid='a@b'/>\
             <streamhost-used jid='c@d'/></query>",
        ))
        .unwrap();
        assert_eq!(used.used, jid("a@b"));
        assert_eq!(used.malformed, vec![Error::DuplicateChild { element: "query", child: "streamhost-used" }]);
        assert_eq!(
            used.unknown.children,
            vec![xml("<streamhost-used xmlns='http://jabber.org/protocol/bytestreams' jid='c@d'/>")]
        );
    }

    #[test]
    fn lenient_optional_attribute_through_with_and_defaults() {
        let host = LenientStreamhost::parse(&xml(
            "<streamhost xmlns='http://jabber.org/protocol/bytestreams' jid='p.example' host='192.0.2.7' port='http'/>",
        ))
        .unwrap();
        assert_eq!(host.port, None);
        assert_eq!(host.unknown.attributes, vec![Attribute::new("port", "http")]);
        assert_eq!(
            host.malformed,
            vec![Error::InvalidAttribute { element: "streamhost", attribute: "port", value: "http".into() }]
        );
        assert_eq!(LenientStreamhost::parse(&host.to_element()), Ok(host));
    }

    #[test]
    fn lenient_struct_variant() {
        // XEP-0198: `resume='yes'` is not an xs:boolean.
        let enabled = LenientSm::parse(&xml("<enabled xmlns='urn:xmpp:sm:3' id='sm1' resume='yes' x='1'/>")).unwrap();
        assert_eq!(
            enabled,
            LenientSm::Enabled {
                id: Some("sm1".into()),
                resume: false,
                unknown: Unknown {
                    attributes: vec![Attribute::new("resume", "yes"), Attribute::new("x", "1")],
                    children: vec![],
                    text: String::new()
                },
                malformed: vec![Error::InvalidAttribute {
                    element: "enabled",
                    attribute: "resume",
                    value: "yes".into()
                }],
            }
        );
        assert_eq!(LenientSm::parse(&enabled.to_element()), Ok(enabled));
    }

    #[test]
    fn second_optional_child_after_an_unreadable_first() {
        // A second <thread/> is a duplicate whether or not the first was
        // readable, as in jabber-stanza's message model (commit e4b66ba):
        // both are kept and reported, and the field stays empty.
        let message = LenientMsg::parse(&xml(
            "<message xmlns='jabber:client'><thread>a<x/></thread><thread>b</thread></message>",
        ))
        .unwrap();
        assert_eq!(message.thread, None);
        assert_eq!(
            message.malformed,
            vec![unexpected("thread", "x", CLIENT), Error::DuplicateChild { element: "message", child: "thread" }]
        );
        assert_eq!(message.unknown.children.len(), 2);
        assert_eq!(LenientMsg::parse(&message.to_element()), Ok(message));
    }

    #[test]
    fn a_field_set_after_a_lenient_parse_is_what_is_written() {
        // A user mends what was malformed: sets `port` to a valid value. The kept
        // `port='http'` of `unknown` never overrides the field's.
        let mut host = LenientStreamhost::parse(&xml(
            "<streamhost xmlns='http://jabber.org/protocol/bytestreams' jid='p.example' host='192.0.2.7' port='http'/>",
        ))
        .unwrap();
        host.port = Some(7625);
        assert_eq!(host.to_element().attr("port"), Some("7625"));
    }

    #[test]
    fn attributes_of_value_children_are_not_lost() {
        // An attribute on a <thread parent='..'/> (RFC 6121 §5.2.5) or on a
        // <body/> has no place in a value child: a lenient payload reports it.
        let element =
            xml("<message xmlns='jabber:client'><thread parent='p1'>t</thread><body foo='x'>b</body></message>");
        let message = LenientMsg::parse(&element).unwrap();
        let written = message.to_element();
        let kept = written.get_child("thread", CLIENT).and_then(|t| t.attr("parent")) == Some("p1")
            && written.get_child("body", CLIENT).and_then(|b| b.attr("foo")) == Some("x");
        assert!(kept || !message.malformed.is_empty(), "lost without a report: {written}");
        assert_eq!(
            message.malformed,
            vec![
                Error::UnexpectedAttribute { element: "thread", attribute: "parent".into(), ns: None },
                Error::UnexpectedAttribute { element: "body", attribute: "foo".into(), ns: None },
            ]
        );
        // The values are read all the same.
        assert_eq!(message.thread.as_deref(), Some("t"));
    }

    #[test]
    fn an_unreadable_text_makes_the_element_unreadable() {
        // The text is the element's value: an element whose value cannot be
        // read is the unit that is kept and reported, by its parent.
        /// An optional numeric text beside an attribute.
        #[derive(Debug, PartialEq, Payload)]
        #[payload(name = "count", ns = "urn:example:count")]
        struct Count {
            #[payload(attr)]
            label: Option<String>,
            #[payload(text)]
            value: Option<u32>,
            #[payload(unknown)]
            unknown: Unknown,
            #[payload(malformed)]
            malformed: Vec<Error>,
        }
        let count = Count::parse(&xml("<count xmlns='urn:example:count' label='l'>many</count>"));
        assert_eq!(count, Err(Error::InvalidText { element: "count", text: "many".into() }));
    }
}
