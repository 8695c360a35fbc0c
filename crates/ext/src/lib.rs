//! XMPP extensions: one module per XEP, each behind a cargo feature named
//! after it (all on by default), each declared with
//! `#[derive(Payload)]` and read liberally like the core models of
//! `jabber-stanza`.
//!
//! | module | XEP | feature |
//! | --- | --- | --- |
//! | [`forms`] | XEP-0004 Data Forms | `forms` |
//! | [`form_type`] | XEP-0068 Field Standardization for Data Forms | `form-type` |
//! | [`validate`] | XEP-0122 Data Forms Validation | `validate` |
//! | [`layout`] | XEP-0141 Data Forms Layout | `layout` |
//! | [`disco`] | XEP-0030 Service Discovery | `disco` |
//! | [`disco_extensions`] | XEP-0128 Service Discovery Extensions | `disco-extensions` |
//! | [`caps`] | XEP-0115 Entity Capabilities | `caps` |
//! | [`ecaps2`] | XEP-0390 Entity Capabilities 2.0 | `ecaps2` |
//! | [`muc`] | XEP-0045 Multi-User Chat | `muc` |
//! | [`direct_invite`] | XEP-0249 Direct MUC Invitations | `direct-invite` |
//! | [`pubsub`] | XEP-0060 Publish-Subscribe | `pubsub` |
//! | [`pep`] | XEP-0163 Personal Eventing Protocol | `pep` |
//! | [`rsm`] | XEP-0059 Result Set Management | `rsm` |
//! | [`datetime`] | XEP-0082 XMPP Date and Time Profiles | `datetime` |
//! | [`delay`] | XEP-0203 Delayed Delivery | `delay` |
//! | [`ping`] | XEP-0199 XMPP Ping | `ping` |
//! | [`version`] | XEP-0092 Software Version | `version` |
//!
//! [`registry`] lists every payload this crate and `jabber-stanza` model,
//! with its specification: how a tool reads an element it does not know
//! in advance.

#![forbid(unsafe_code)]

pub mod ns;
pub mod registry;

#[cfg(feature = "caps")]
pub mod caps;
#[cfg(feature = "datetime")]
pub mod datetime;
#[cfg(feature = "delay")]
pub mod delay;
#[cfg(feature = "direct-invite")]
pub mod direct_invite;
#[cfg(feature = "disco")]
pub mod disco;
#[cfg(feature = "disco-extensions")]
pub mod disco_extensions;
#[cfg(feature = "ecaps2")]
pub mod ecaps2;
#[cfg(feature = "form-type")]
pub mod form_type;
#[cfg(feature = "forms")]
pub mod forms;
#[cfg(feature = "layout")]
pub mod layout;
#[cfg(feature = "muc")]
pub mod muc;
#[cfg(feature = "pep")]
pub mod pep;
#[cfg(feature = "ping")]
pub mod ping;
#[cfg(feature = "pubsub")]
pub mod pubsub;
#[cfg(feature = "rsm")]
pub mod rsm;
#[cfg(feature = "validate")]
pub mod validate;
#[cfg(feature = "version")]
pub mod version;
