//! The namespaces of the extensions, as their XEPs name them.

/// XEP-0004: `jabber:x:data`.
pub const DATA_FORMS: &str = "jabber:x:data";
/// XEP-0122: `http://jabber.org/protocol/xdata-validate`.
pub const DATA_VALIDATE: &str = "http://jabber.org/protocol/xdata-validate";
/// XEP-0141: `http://jabber.org/protocol/xdata-layout`.
pub const DATA_LAYOUT: &str = "http://jabber.org/protocol/xdata-layout";
/// XEP-0030: `http://jabber.org/protocol/disco#info`.
pub const DISCO_INFO: &str = "http://jabber.org/protocol/disco#info";
/// XEP-0030: `http://jabber.org/protocol/disco#items`.
pub const DISCO_ITEMS: &str = "http://jabber.org/protocol/disco#items";
/// XEP-0115: `http://jabber.org/protocol/caps`.
pub const CAPS: &str = "http://jabber.org/protocol/caps";
/// XEP-0390: `urn:xmpp:caps`.
pub const ECAPS2: &str = "urn:xmpp:caps";
/// XEP-0045: `http://jabber.org/protocol/muc`.
pub const MUC: &str = "http://jabber.org/protocol/muc";
/// XEP-0045: `http://jabber.org/protocol/muc#user`.
pub const MUC_USER: &str = "http://jabber.org/protocol/muc#user";
/// XEP-0045: `http://jabber.org/protocol/muc#admin`.
pub const MUC_ADMIN: &str = "http://jabber.org/protocol/muc#admin";
/// XEP-0045: `http://jabber.org/protocol/muc#owner`.
pub const MUC_OWNER: &str = "http://jabber.org/protocol/muc#owner";
/// XEP-0249: `jabber:x:conference`.
pub const CONFERENCE: &str = "jabber:x:conference";
/// XEP-0060: `http://jabber.org/protocol/pubsub`.
pub const PUBSUB: &str = "http://jabber.org/protocol/pubsub";
/// XEP-0060: `http://jabber.org/protocol/pubsub#event`.
pub const PUBSUB_EVENT: &str = "http://jabber.org/protocol/pubsub#event";
/// XEP-0060: `http://jabber.org/protocol/pubsub#owner`.
pub const PUBSUB_OWNER: &str = "http://jabber.org/protocol/pubsub#owner";
/// XEP-0060: `http://jabber.org/protocol/pubsub#errors`.
pub const PUBSUB_ERRORS: &str = "http://jabber.org/protocol/pubsub#errors";
/// XEP-0059: `http://jabber.org/protocol/rsm`.
pub const RSM: &str = "http://jabber.org/protocol/rsm";
/// XEP-0203: `urn:xmpp:delay`.
pub const DELAY: &str = "urn:xmpp:delay";
/// XEP-0199: `urn:xmpp:ping`.
pub const PING: &str = "urn:xmpp:ping";
/// XEP-0092: `jabber:iq:version`.
pub const VERSION: &str = "jabber:iq:version";
