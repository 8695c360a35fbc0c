//! The registered forms of XEP-0045 §16.5, typed through [`TypedForm`]:
//! room configuration (`muc#roomconfig`), room information
//! (`muc#roominfo`), registration (`muc#register`) and voice requests
//! (`muc#request`).
//!
//! Each type holds one `Option` per registered field: `None` when the form
//! does not have the field (or, for a single-valued field, has it without
//! a value), `Some` with its value, read by the type the registry gives
//! (whatever `type` the field says, or none, as in results); a
//! multi-valued field that is present without values is `Some` of an
//! empty list, and a boolean without a value is `Some(false)` (XEP-0004 §3.3).
//! Fields the registry does not list are not read; to submit a room's own
//! form with them, fill it with [`DataForm::set`].

use std::borrow::Cow;

use jabber_jid::{BareJid, Jid};
use jabber_stanza::{Message, Value, ValueError};

use super::Role;
use crate::form_type::TypedForm;
use crate::forms::{DataForm, Field, FieldType, FormError, FormKind};
use crate::validate::{Datatype, Violation};

/// `muc#roomconfig_allowpm`: who may send private messages (XEP-0045 §16.5.3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, jabber_stanza::Value)]
pub enum AllowPm {
    /// `anyone`.
    Anyone,
    /// `participants`: anyone with voice.
    Participants,
    /// `moderators`.
    Moderators,
    /// `none`: nobody.
    None,
    /// A value the XEP does not list, as it came.
    #[value(other)]
    Other(String),
}

/// `muc#roomconfig_whois`: who may discover occupants' real JIDs
/// (XEP-0045 §16.5.3): `moderators` makes a semi-anonymous room, `anyone`
/// a non-anonymous one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, jabber_stanza::Value)]
pub enum Whois {
    /// `moderators`.
    Moderators,
    /// `anyone`.
    Anyone,
    /// A value the XEP does not list, as it came.
    #[value(other)]
    Other(String),
}

/// `muc#roomconfig_maxusers`: the most occupants the room admits
/// (XEP-0045 §16.5.3, Example 157): a number, or `none` for no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MaxUsers {
    /// `none`: no limit.
    Unlimited,
    /// At most this many.
    Limit(u32),
}

/// `none` or a non-negative number (XML whitespace around it stripped).
impl Value for MaxUsers {
    fn from_value(text: &str) -> Result<Self, ValueError> {
        match text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) {
            "none" => Ok(MaxUsers::Unlimited),
            number => u32::from_value(number).map(MaxUsers::Limit),
        }
    }

    fn to_value(&self) -> Cow<'_, str> {
        match self {
            MaxUsers::Unlimited => Cow::Borrowed("none"),
            MaxUsers::Limit(n) => Cow::Owned(n.to_string()),
        }
    }
}

/// One field a typed form writes: its `var`, its registered type, its values.
struct Entry {
    var: &'static str,
    kind: FieldType,
    values: Vec<String>,
}

/// The fields a typed form sets, in the order it writes them.
#[derive(Default)]
struct Entries(Vec<Entry>);

impl Entries {
    fn put(&mut self, var: &'static str, kind: FieldType, values: Option<Vec<String>>) {
        if let Some(values) = values {
            self.0.push(Entry { var, kind, values });
        }
    }

    fn text(&mut self, var: &'static str, kind: FieldType, value: Option<&str>) {
        self.put(var, kind, value.map(|v| vec![v.to_owned()]));
    }

    fn value<T: Value>(&mut self, var: &'static str, kind: FieldType, value: Option<&T>) {
        self.put(var, kind, value.map(|v| vec![v.to_value().into_owned()]));
    }

    fn values<T: Value>(&mut self, var: &'static str, kind: FieldType, values: Option<&Vec<T>>) {
        self.put(var, kind, values.map(|vs| vs.iter().map(|v| v.to_value().into_owned()).collect()));
    }

    /// A form of `kind` with `form_type`: every field typed, except in a
    /// submission, which names fields by `var` only (as the XEP's
    /// submissions do, Examples 71 and 159).
    fn form(self, form_type: &str, kind: FormKind) -> DataForm {
        let typed = kind != FormKind::Submit;
        let mut form = DataForm::new(kind).with_form_type(form_type);
        if !typed && let Some(form_type) = form.fields.first_mut() {
            form_type.kind = None;
        }
        for Entry { var, kind, values } in self.0 {
            form.fields.push(Field {
                var: Some(var.to_owned()),
                kind: typed.then_some(kind),
                values,
                ..Field::default()
            });
        }
        form
    }

    /// A submission of `form` (the form a room sent) with these values,
    /// each checked against the form's definition of its field, then the
    /// whole against the form (a required field left empty).
    fn fill(self, form: &DataForm) -> Result<DataForm, FormError> {
        let mut submission = form.submit();
        for entry in self.0 {
            form.set_values(&mut submission, entry.var, entry.values)?;
        }
        match form.check(&submission).into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(submission),
        }
    }
}

/// Reads a form's fields by their registered types.
struct Reader<'a>(&'a DataForm);

impl<'a> Reader<'a> {
    fn values(&self, var: &str) -> Option<&'a [String]> {
        self.0.field(var).map(|f| f.values.as_slice())
    }

    /// The one value of a single-valued field, or none.
    fn single(&self, var: &str) -> Result<Option<&'a str>, FormError> {
        match self.values(var) {
            None | Some([]) => Ok(None),
            Some([one]) => Ok(Some(one)),
            Some(more) => Err(FormError::TooManyValues { var: var.to_owned(), count: more.len() }),
        }
    }

    fn text(&self, var: &str) -> Result<Option<String>, FormError> {
        Ok(self.single(var)?.map(str::to_owned))
    }

    /// A text-multi or list-multi field: its values.
    fn lines(&self, var: &str) -> Option<Vec<String>> {
        self.values(var).map(<[String]>::to_vec)
    }

    /// A boolean field: `false` when it has no value (XEP-0004 §3.3).
    fn boolean(&self, var: &str) -> Result<Option<bool>, FormError> {
        if self.values(var).is_none() {
            return Ok(None);
        }
        match self.single(var)? {
            None => Ok(Some(false)),
            Some(value) => bool::from_value(value)
                .map(Some)
                .map_err(|_| FormError::NotBoolean { var: var.to_owned(), value: value.to_owned() }),
        }
    }

    fn number(&self, var: &str) -> Result<Option<u32>, FormError> {
        self.single(var)?
            .map(|value| {
                u32::from_value(value).map_err(|_| {
                    let why = if i128::from_value(value).is_ok() {
                        Violation::OutOfRange
                    } else {
                        Violation::Datatype(Datatype::Integer)
                    };
                    FormError::Invalid { var: var.to_owned(), value: value.to_owned(), why }
                })
            })
            .transpose()
    }

    /// A list-single field of a [`Value`]; a value the type does not read
    /// is [`FormError::NotAnOption`].
    fn value<T: Value>(&self, var: &str) -> Result<Option<T>, FormError> {
        self.single(var)?
            .map(|value| {
                T::from_value(value)
                    .map_err(|_| FormError::NotAnOption { var: var.to_owned(), value: value.to_owned() })
            })
            .transpose()
    }

    /// A list-multi field of a [`Value`].
    fn value_list<T: Value>(&self, var: &str) -> Result<Option<Vec<T>>, FormError> {
        self.values(var)
            .map(|values| {
                values
                    .iter()
                    .map(|value| {
                        T::from_value(value)
                            .map_err(|_| FormError::NotAnOption { var: var.to_owned(), value: value.clone() })
                    })
                    .collect()
            })
            .transpose()
    }

    fn jid(var: &str, value: &str) -> Result<Jid, FormError> {
        Jid::new(value).map_err(|error| FormError::NotJid { var: var.to_owned(), value: value.to_owned(), error })
    }

    fn jid_single(&self, var: &str) -> Result<Option<Jid>, FormError> {
        self.single(var)?.map(|value| Self::jid(var, value)).transpose()
    }

    /// A jid-multi field, duplicates removed (XEP-0004 §3.3).
    fn jid_multi(&self, var: &str) -> Result<Option<Vec<Jid>>, FormError> {
        self.values(var)
            .map(|values| {
                let mut jids: Vec<Jid> = Vec::with_capacity(values.len());
                for value in values {
                    let jid = Self::jid(var, value)?;
                    if !jids.contains(&jid) {
                        jids.push(jid);
                    }
                }
                Ok(jids)
            })
            .transpose()
    }
}

/// The `muc#roomconfig` form: a room's configuration (XEP-0045 §10.1.3,
/// §10.2; the fields of §16.5.3).
///
/// ```
/// use jabber_ext::form_type::TypedForm;
/// use jabber_ext::forms::FormKind;
/// use jabber_ext::muc::{MaxUsers, Owner, RoomConfig, Whois};
///
/// // XEP-0045 Example 159, in part: configure a room.
/// let config = RoomConfig {
///     room_name: Some("A Dark Cave".into()),
///     max_users: Some(MaxUsers::Limit(10)),
///     password_protected_room: Some(true),
///     room_secret: Some("cauldronburn".into()),
///     whois: Some(Whois::Moderators),
///     ..RoomConfig::default()
/// };
/// let form = config.to_form(FormKind::Submit);
/// assert_eq!(form.form_type(), Some("http://jabber.org/protocol/muc#roomconfig"));
/// assert_eq!(RoomConfig::from_form(&form), Ok(config.clone()));
/// let set = Owner::configure(&config); // the payload of the iq set
/// # let _ = set;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomConfig {
    /// `muc#roomconfig_roomname` (text-single): the room's natural-language name.
    pub room_name: Option<String>,
    /// `muc#roomconfig_roomdesc` (text-single): a short description.
    pub room_desc: Option<String>,
    /// `muc#roomconfig_lang` (text-single): the language of discussions.
    pub lang: Option<String>,
    /// `muc#roomconfig_enablelogging` (boolean): public logging.
    pub enable_logging: Option<bool>,
    /// `muc#roomconfig_changesubject` (boolean): occupants may change the subject.
    pub change_subject: Option<bool>,
    /// `muc#roomconfig_allowinvites` (boolean): members may invite others.
    pub allow_invites: Option<bool>,
    /// `muc#roomconfig_allowpm` (list-single): who may send private messages.
    pub allow_pm: Option<AllowPm>,
    /// `muc#roomconfig_maxusers` (list-single): the most occupants.
    pub max_users: Option<MaxUsers>,
    /// `muc#roomconfig_presencebroadcast` (list-multi): the roles whose
    /// presence is broadcast.
    pub presence_broadcast: Option<Vec<Role>>,
    /// `muc#roomconfig_getmemberlist` (list-multi): the roles and
    /// affiliations that may retrieve the member list.
    pub get_member_list: Option<Vec<String>>,
    /// `muc#roomconfig_publicroom` (boolean): publicly searchable.
    pub public_room: Option<bool>,
    /// `muc#roomconfig_persistentroom` (boolean): persistent.
    pub persistent_room: Option<bool>,
    /// `muc#roomconfig_moderatedroom` (boolean): moderated.
    pub moderated_room: Option<bool>,
    /// `muc#roomconfig_membersonly` (boolean): members-only.
    pub members_only: Option<bool>,
    /// `muc#roomconfig_passwordprotectedroom` (boolean): a password is required.
    pub password_protected_room: Option<bool>,
    /// `muc#roomconfig_roomsecret` (text-private): the password.
    pub room_secret: Option<String>,
    /// `muc#roomconfig_whois` (list-single): who may discover real JIDs.
    pub whois: Option<Whois>,
    /// `muc#maxhistoryfetch` (text-single): the most history messages the
    /// room returns.
    pub max_history_fetch: Option<u32>,
    /// `muc#roomconfig_roomadmins` (jid-multi): the full list of admins.
    pub room_admins: Option<Vec<Jid>>,
    /// `muc#roomconfig_roomowners` (jid-multi): the full list of owners.
    pub room_owners: Option<Vec<Jid>>,
    /// `muc#roomconfig_pubsub` (text-single): the XMPP URI of an
    /// associated publish-subscribe node.
    pub pubsub: Option<String>,
}

impl RoomConfig {
    fn entries(&self) -> Entries {
        use FieldType::*;
        let mut e = Entries::default();
        e.text("muc#roomconfig_roomname", TextSingle, self.room_name.as_deref());
        e.text("muc#roomconfig_roomdesc", TextSingle, self.room_desc.as_deref());
        e.text("muc#roomconfig_lang", TextSingle, self.lang.as_deref());
        e.value("muc#roomconfig_enablelogging", Boolean, self.enable_logging.as_ref());
        e.value("muc#roomconfig_changesubject", Boolean, self.change_subject.as_ref());
        e.value("muc#roomconfig_allowinvites", Boolean, self.allow_invites.as_ref());
        e.value("muc#roomconfig_allowpm", ListSingle, self.allow_pm.as_ref());
        e.value("muc#roomconfig_maxusers", ListSingle, self.max_users.as_ref());
        e.values("muc#roomconfig_presencebroadcast", ListMulti, self.presence_broadcast.as_ref());
        e.values("muc#roomconfig_getmemberlist", ListMulti, self.get_member_list.as_ref());
        e.value("muc#roomconfig_publicroom", Boolean, self.public_room.as_ref());
        e.value("muc#roomconfig_persistentroom", Boolean, self.persistent_room.as_ref());
        e.value("muc#roomconfig_moderatedroom", Boolean, self.moderated_room.as_ref());
        e.value("muc#roomconfig_membersonly", Boolean, self.members_only.as_ref());
        e.value("muc#roomconfig_passwordprotectedroom", Boolean, self.password_protected_room.as_ref());
        e.text("muc#roomconfig_roomsecret", TextPrivate, self.room_secret.as_deref());
        e.value("muc#roomconfig_whois", ListSingle, self.whois.as_ref());
        e.value("muc#maxhistoryfetch", TextSingle, self.max_history_fetch.as_ref());
        e.values("muc#roomconfig_roomadmins", JidMulti, self.room_admins.as_ref());
        e.values("muc#roomconfig_roomowners", JidMulti, self.room_owners.as_ref());
        e.text("muc#roomconfig_pubsub", TextSingle, self.pubsub.as_deref());
        e
    }

    /// A submission of `form` (the configuration form the room sent,
    /// XEP-0045 Example 157) with the room's defaults and the values set
    /// here, each checked against the form ([`DataForm::set_values`]): a
    /// field the room's form lacks is [`FormError::UnknownField`], a value
    /// that is not one of its options [`FormError::NotAnOption`], a
    /// required field left empty [`FormError::Required`].
    pub fn fill(&self, form: &DataForm) -> Result<DataForm, FormError> {
        self.entries().fill(form)
    }
}

impl TypedForm for RoomConfig {
    const FORM_TYPE: &'static str = super::ROOMCONFIG;

    fn from_form(form: &DataForm) -> Result<Self, FormError> {
        let r = Reader(form);
        Ok(RoomConfig {
            room_name: r.text("muc#roomconfig_roomname")?,
            room_desc: r.text("muc#roomconfig_roomdesc")?,
            lang: r.text("muc#roomconfig_lang")?,
            enable_logging: r.boolean("muc#roomconfig_enablelogging")?,
            change_subject: r.boolean("muc#roomconfig_changesubject")?,
            allow_invites: r.boolean("muc#roomconfig_allowinvites")?,
            allow_pm: r.value("muc#roomconfig_allowpm")?,
            max_users: r.value("muc#roomconfig_maxusers")?,
            presence_broadcast: r.value_list("muc#roomconfig_presencebroadcast")?,
            get_member_list: r.lines("muc#roomconfig_getmemberlist"),
            public_room: r.boolean("muc#roomconfig_publicroom")?,
            persistent_room: r.boolean("muc#roomconfig_persistentroom")?,
            moderated_room: r.boolean("muc#roomconfig_moderatedroom")?,
            members_only: r.boolean("muc#roomconfig_membersonly")?,
            password_protected_room: r.boolean("muc#roomconfig_passwordprotectedroom")?,
            room_secret: r.text("muc#roomconfig_roomsecret")?,
            whois: r.value("muc#roomconfig_whois")?,
            max_history_fetch: r.number("muc#maxhistoryfetch")?,
            room_admins: r.jid_multi("muc#roomconfig_roomadmins")?,
            room_owners: r.jid_multi("muc#roomconfig_roomowners")?,
            pubsub: r.text("muc#roomconfig_pubsub")?,
        })
    }

    fn to_form(&self, kind: FormKind) -> DataForm {
        self.entries().form(Self::FORM_TYPE, kind)
    }
}

/// The `muc#roominfo` form: what a room says of itself in its extended
/// disco#info result (XEP-0045 §6.4, Example 10; the fields of §16.5.4).
///
/// A room may add any `muc#roomconfig` field (§6.4: Example 10 has
/// `muc#roomconfig_changesubject` and `muc#roomconfig_pubsub`): they are
/// read into [`config`](RoomInfo::config), except `muc#maxhistoryfetch`,
/// which both registries list and which is held in
/// [`max_history_fetch`](RoomInfo::max_history_fetch) (so
/// `config.max_history_fetch` is `None` when read, and written only when
/// `max_history_fetch` is `None`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomInfo {
    /// `muc#maxhistoryfetch` (text-single): the most history messages the room returns.
    pub max_history_fetch: Option<u32>,
    /// `muc#roominfo_contactjid` (jid-multi): contact addresses (normally the owners).
    pub contact_jid: Option<Vec<Jid>>,
    /// `muc#roominfo_description` (text-single): a short description.
    pub description: Option<String>,
    /// `muc#roominfo_lang` (text-single): the language of discussions.
    pub lang: Option<String>,
    /// `muc#roominfo_ldapgroup` (text-single): an associated LDAP group (a DN).
    pub ldap_group: Option<String>,
    /// `muc#roominfo_logs` (text-single): the URL of archived discussion logs.
    pub logs: Option<String>,
    /// `muc#roominfo_occupants` (text-single): the current number of occupants.
    pub occupants: Option<u32>,
    /// `muc#roominfo_subject` (text-single): the current subject.
    pub subject: Option<String>,
    /// `muc#roominfo_subjectmod` (boolean): participants may change the subject.
    pub subject_mod: Option<bool>,
    /// The `muc#roomconfig` fields the room adds (XEP-0045 §6.4).
    pub config: RoomConfig,
}

impl TypedForm for RoomInfo {
    const FORM_TYPE: &'static str = super::ROOMINFO;

    fn from_form(form: &DataForm) -> Result<Self, FormError> {
        let r = Reader(form);
        let config = RoomConfig { max_history_fetch: None, ..RoomConfig::from_form(form)? };
        Ok(RoomInfo {
            max_history_fetch: r.number("muc#maxhistoryfetch")?,
            contact_jid: r.jid_multi("muc#roominfo_contactjid")?,
            description: r.text("muc#roominfo_description")?,
            lang: r.text("muc#roominfo_lang")?,
            ldap_group: r.text("muc#roominfo_ldapgroup")?,
            logs: r.text("muc#roominfo_logs")?,
            occupants: r.number("muc#roominfo_occupants")?,
            subject: r.text("muc#roominfo_subject")?,
            subject_mod: r.boolean("muc#roominfo_subjectmod")?,
            config,
        })
    }

    fn to_form(&self, kind: FormKind) -> DataForm {
        use FieldType::*;
        let mut e = Entries::default();
        e.text("muc#roominfo_description", TextSingle, self.description.as_deref());
        e.values("muc#roominfo_contactjid", JidMulti, self.contact_jid.as_ref());
        e.text("muc#roominfo_subject", TextSingle, self.subject.as_deref());
        e.value("muc#roominfo_subjectmod", Boolean, self.subject_mod.as_ref());
        e.value("muc#roominfo_occupants", TextSingle, self.occupants.as_ref());
        e.text("muc#roominfo_ldapgroup", TextSingle, self.ldap_group.as_deref());
        e.text("muc#roominfo_lang", TextSingle, self.lang.as_deref());
        e.text("muc#roominfo_logs", TextSingle, self.logs.as_deref());
        e.value("muc#maxhistoryfetch", TextSingle, self.max_history_fetch.as_ref());
        let mut config = self.config.clone();
        if self.max_history_fetch.is_some() {
            config.max_history_fetch = None;
        }
        e.0.extend(config.entries().0);
        e.form(Self::FORM_TYPE, kind)
    }
}

/// The `muc#register` form: registration with a room (XEP-0045 §7.10,
/// Examples 70 and 71) and its approval by an admin (§9.9, Example 151);
/// the fields of §16.5.1. It travels in a [`Register`](super::Register)
/// query, or a message for the approval.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registration {
    /// `muc#register_first` (text-single): given name.
    pub first: Option<String>,
    /// `muc#register_last` (text-single): family name.
    pub last: Option<String>,
    /// `muc#register_roomnick` (text-single): the desired nickname.
    pub roomnick: Option<String>,
    /// `muc#register_url` (text-single): a web page.
    pub url: Option<String>,
    /// `muc#register_email` (text-single): an email address.
    pub email: Option<String>,
    /// `muc#register_faqentry` (text-multi): a FAQ entry, by line.
    pub faq_entry: Option<Vec<String>>,
    /// `muc#register_allow` (boolean): the admin allows the registration.
    pub allow: Option<bool>,
}

impl Registration {
    fn entries(&self) -> Entries {
        use FieldType::*;
        let mut e = Entries::default();
        e.text("muc#register_first", TextSingle, self.first.as_deref());
        e.text("muc#register_last", TextSingle, self.last.as_deref());
        e.text("muc#register_roomnick", TextSingle, self.roomnick.as_deref());
        e.text("muc#register_url", TextSingle, self.url.as_deref());
        e.text("muc#register_email", TextSingle, self.email.as_deref());
        e.put("muc#register_faqentry", TextMulti, self.faq_entry.clone());
        e.value("muc#register_allow", Boolean, self.allow.as_ref());
        e
    }

    /// A submission of `form` (the registration form the room sent,
    /// XEP-0045 Example 70) with these values, checked against it (a
    /// required field left empty is [`FormError::Required`]).
    pub fn fill(&self, form: &DataForm) -> Result<DataForm, FormError> {
        self.entries().fill(form)
    }
}

impl TypedForm for Registration {
    const FORM_TYPE: &'static str = super::REGISTER_FORM;

    fn from_form(form: &DataForm) -> Result<Self, FormError> {
        let r = Reader(form);
        Ok(Registration {
            first: r.text("muc#register_first")?,
            last: r.text("muc#register_last")?,
            roomnick: r.text("muc#register_roomnick")?,
            url: r.text("muc#register_url")?,
            email: r.text("muc#register_email")?,
            faq_entry: r.lines("muc#register_faqentry"),
            allow: r.boolean("muc#register_allow")?,
        })
    }

    fn to_form(&self, kind: FormKind) -> DataForm {
        self.entries().form(Self::FORM_TYPE, kind)
    }
}

/// The `muc#request` form: an occupant's request for voice (XEP-0045
/// §7.13, Example 79) and a moderator's approval (§8.6, Examples 108 and
/// 109); the fields of §16.5.2. It travels in a message to the room.
///
/// ```
/// use jabber_ext::muc::VoiceRequest;
/// use jabber_ext::forms::DataForm;
///
/// let request = VoiceRequest::request().to_message("coven@chat.shakespeare.lit".parse()?);
/// assert!(request.payloads.has::<DataForm>());
/// # Ok::<(), jabber_jid::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VoiceRequest {
    /// `muc#role` (list-single): the role requested.
    pub role: Option<Role>,
    /// `muc#jid` (jid-single): the requester's JID.
    pub jid: Option<Jid>,
    /// `muc#roomnick` (text-single): the requester's nickname.
    pub roomnick: Option<String>,
    /// `muc#request_allow` (boolean): the moderator grants voice.
    pub request_allow: Option<bool>,
}

impl VoiceRequest {
    /// A request for voice: the role `participant` (XEP-0045 Example 79).
    pub fn request() -> Self {
        VoiceRequest { role: Some(Role::Participant), ..VoiceRequest::default() }
    }

    /// This request, approved or not by a moderator (XEP-0045 Example 109).
    pub fn answer(mut self, allow: bool) -> Self {
        self.request_allow = Some(allow);
        self
    }

    /// A message to `room` holding this form as a submission.
    pub fn to_message(&self, room: BareJid) -> Message {
        let mut message = Message::new();
        message.to = Some(room.into());
        message.payloads.push(&self.to_form(FormKind::Submit));
        message
    }
}

impl TypedForm for VoiceRequest {
    const FORM_TYPE: &'static str = super::REQUEST;

    fn from_form(form: &DataForm) -> Result<Self, FormError> {
        let r = Reader(form);
        Ok(VoiceRequest {
            role: r.value("muc#role")?,
            jid: r.jid_single("muc#jid")?,
            roomnick: r.text("muc#roomnick")?,
            request_allow: r.boolean("muc#request_allow")?,
        })
    }

    fn to_form(&self, kind: FormKind) -> DataForm {
        use FieldType::*;
        let mut e = Entries::default();
        e.value("muc#role", ListSingle, self.role.as_ref());
        e.value("muc#jid", JidSingle, self.jid.as_ref());
        e.text("muc#roomnick", TextSingle, self.roomnick.as_deref());
        e.value("muc#request_allow", Boolean, self.request_allow.as_ref());
        e.form(Self::FORM_TYPE, kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_users_reads_none_and_numbers() {
        assert_eq!(MaxUsers::from_value("none"), Ok(MaxUsers::Unlimited));
        assert_eq!(MaxUsers::from_value(" 20\n"), Ok(MaxUsers::Limit(20)));
        assert!(MaxUsers::from_value("many").is_err());
        assert_eq!(MaxUsers::Limit(30).to_value(), "30");
    }

    #[test]
    fn reader_errors_name_the_field() {
        let form = DataForm::new(FormKind::Result)
            .with_field(Field::new("n", FieldType::TextSingle).with_value("-1"))
            .with_field(Field::new("x", FieldType::TextSingle).with_value("x"))
            .with_field(Field::new("b", FieldType::Boolean).with_value("yes"))
            .with_field(Field::new("two", FieldType::TextSingle).with_value("a").with_value("b"))
            .with_field(Field::new("j", FieldType::JidMulti).with_value("a@b").with_value("a@b"))
            .with_field(Field::new("e", FieldType::Boolean));
        let r = Reader(&form);
        assert_eq!(
            r.number("n"),
            Err(FormError::Invalid { var: "n".into(), value: "-1".into(), why: Violation::OutOfRange })
        );
        assert!(matches!(r.number("x"), Err(FormError::Invalid { why: Violation::Datatype(Datatype::Integer), .. })));
        assert_eq!(r.boolean("b"), Err(FormError::NotBoolean { var: "b".into(), value: "yes".into() }));
        assert_eq!(r.text("two"), Err(FormError::TooManyValues { var: "two".into(), count: 2 }));
        assert_eq!(r.jid_multi("j").unwrap().unwrap().len(), 1);
        assert_eq!(r.boolean("e"), Ok(Some(false)));
        assert_eq!(r.boolean("absent"), Ok(None));
        assert_eq!(r.text("absent"), Ok(None));
    }
}
