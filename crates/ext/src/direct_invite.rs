//! XEP-0249: Direct MUC Invitations, version 1.2.
//!
//! An invitation to a room sent straight to the contact (§2), not through
//! the room as XEP-0045's mediated invitations are, so that privacy lists
//! that block strangers do not stop it: `<x xmlns='jabber:x:conference'/>`
//! in a message, with the room's address and, optionally, its password, a
//! reason, and the one-to-one chat it continues. An entity that accepts
//! them advertises the feature `jabber:x:conference` (§3,
//! [`FEATURE`]).
//!
//! ```
//! use jabber_ext::direct_invite::DirectInvite;
//! use jabber_stanza::{Message, Payload};
//!
//! // XEP-0249 Example 1.
//! let invite = DirectInvite::new("darkcave@macbeth.shakespeare.lit".parse()?)
//!     .password("cauldronburn")
//!     .reason("Hey Hecate, this is the place for all good witches!");
//! let message = invite.to_message("hecate@shakespeare.lit".parse()?);
//! let received = Message::parse(&message.to_element())?;
//! let x = received.payload::<DirectInvite>().unwrap()?;
//! assert_eq!(x.jid.as_str(), "darkcave@macbeth.shakespeare.lit");
//! assert_eq!(x.password.as_deref(), Some("cauldronburn"));
//! assert!(!x.r#continue);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use jabber_jid::{BareJid, Jid};
use jabber_stanza::{Error, Message, Payload, Unknown};

use crate::ns;

/// The disco#info feature of entities that accept direct invitations (XEP-0249 §3).
pub const FEATURE: &str = ns::CONFERENCE;

/// `<x xmlns='jabber:x:conference'/>`: a direct invitation to a room
/// (XEP-0249 §2).
///
/// `jid` is required: without it, or with one that is not a bare JID, the
/// element is an error. The optional attributes are read liberally: one
/// that cannot be read (a `continue` that is not a boolean) is kept in
/// `unknown` and reported in `malformed`.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "x", ns = ns::CONFERENCE)]
pub struct DirectInvite {
    /// `jid`: the room.
    #[payload(attr)]
    pub jid: BareJid,
    /// `password`: the room's password.
    #[payload(attr)]
    pub password: Option<String>,
    /// `reason`: why the contact is invited, for a person.
    #[payload(attr)]
    pub reason: Option<String>,
    /// `continue`: the room continues a one-to-one chat (`false` when absent).
    #[payload(attr, default)]
    pub r#continue: bool,
    /// `thread`: the thread of the one-to-one chat it continues.
    #[payload(attr)]
    pub thread: Option<String>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl DirectInvite {
    /// An invitation to `room`.
    pub fn new(room: BareJid) -> Self {
        DirectInvite {
            jid: room,
            password: None,
            reason: None,
            r#continue: false,
            thread: None,
            unknown: Unknown::new(),
            malformed: Vec::new(),
        }
    }

    /// This invitation with the room's password.
    pub fn password(mut self, password: impl Into<String>) -> Self {
        self.password = Some(password.into());
        self
    }

    /// This invitation with a reason.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// This invitation continuing the one-to-one chat of `thread`
    /// (XEP-0249 Example 2).
    pub fn continuing(mut self, thread: impl Into<String>) -> Self {
        self.r#continue = true;
        self.thread = Some(thread.into());
        self
    }

    /// A message to `contact` carrying this invitation (of type `normal`,
    /// as in XEP-0249 Example 1).
    pub fn to_message(&self, contact: Jid) -> Message {
        let mut message = Message { to: Some(contact), ..Message::default() };
        message.payloads.push(self);
        message
    }
}
