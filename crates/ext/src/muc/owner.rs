//! `http://jabber.org/protocol/muc#owner` (XEP-0045 §19.4): room creation,
//! configuration and destruction by an owner (§10).
//!
//! Three shapes of one `<query/>`: [`ConfigRequest`] asks for the
//! configuration form (an iq `get`), [`ConfigForm`] is the form (the
//! `result`), and [`Owner`] submits or cancels a configuration, accepts
//! the defaults of an instant room, or destroys the room (an iq `set`).

use jabber_stanza::{Error, Payload, Unknown};

use super::{Destroy, RoomConfig};
use crate::form_type::TypedForm;
use crate::forms::{DataForm, FormError, FormKind};
use crate::ns;

/// `<query xmlns='http://jabber.org/protocol/muc#owner'/>` in an iq
/// `get`: asks for the room's configuration form (XEP-0045 §10.1.3,
/// §10.2, Examples 156 and 163). Empty; anything inside is kept in
/// `unknown` and reported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "query", ns = ns::MUC_OWNER, get)]
pub struct ConfigRequest {
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl ConfigRequest {
    /// The request.
    pub fn new() -> Self {
        ConfigRequest::default()
    }
}

/// `<query xmlns='http://jabber.org/protocol/muc#owner'/>` in an iq
/// `result`: the room's configuration form (XEP-0045 Examples 157 and
/// 165), or nothing when the room cannot be configured (Example 158).
///
/// Read liberally: a form that cannot be read is kept in `unknown` and
/// reported in `malformed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "query", ns = ns::MUC_OWNER, result)]
pub struct ConfigForm {
    /// The form (FORM_TYPE `muc#roomconfig`).
    #[payload(child)]
    pub form: Option<DataForm>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl ConfigForm {
    /// A result holding `form`.
    pub fn new(form: DataForm) -> Self {
        ConfigForm { form: Some(form), ..ConfigForm::default() }
    }

    /// The form's values, typed (its fields of XEP-0045 §16.5.3).
    pub fn room_config(&self) -> Option<Result<RoomConfig, FormError>> {
        self.form.as_ref().map(RoomConfig::from_form)
    }
}

/// `<query xmlns='http://jabber.org/protocol/muc#owner'/>` in an iq
/// `set`: a configuration (a form of type `submit`: XEP-0045 §10.1.3,
/// §10.2; an empty one accepts the defaults of an instant room, §10.1.2),
/// a cancelled configuration (type `cancel`), or the room's destruction
/// (§10.9).
///
/// ```
/// use jabber_ext::muc::{Destroy, Owner};
/// use jabber_ext::forms::FormKind;
///
/// // XEP-0045 Example 155: an instant room.
/// let instant = Owner::instant();
/// assert_eq!(instant.form.as_ref().map(|f| &f.kind), Some(&FormKind::Submit));
/// assert!(instant.form.as_ref().is_some_and(|f| f.fields.is_empty()));
/// // XEP-0045 Example 201: destruction, pointing at another room.
/// let destroy = Owner::destroy(Destroy::new()
///     .alternate("coven@chat.shakespeare.lit".parse::<jabber_jid::Jid>()?)
///     .reason("Macbeth doth come."));
/// assert!(destroy.form.is_none());
/// # Ok::<(), jabber_jid::Error>(())
/// ```
///
/// Read liberally: a form that cannot be read is kept in `unknown` and
/// reported in `malformed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "query", ns = ns::MUC_OWNER, set)]
pub struct Owner {
    /// The form: `submit` (a configuration) or `cancel`.
    #[payload(child)]
    pub form: Option<DataForm>,
    /// `<destroy/>`: destroy the room.
    #[payload(child)]
    pub destroy: Option<Destroy>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Owner {
    /// Submits `form`, a filled configuration form (type `submit`).
    pub fn submit(form: DataForm) -> Self {
        Owner { form: Some(form), ..Owner::default() }
    }

    /// Submits `config` as a form of type `submit` with the
    /// `muc#roomconfig` FORM_TYPE, holding the fields `config` sets. To
    /// fill the form the room sent (and check the values against it), use
    /// [`RoomConfig::fill`] and [`Owner::submit`].
    pub fn configure(config: &RoomConfig) -> Self {
        Owner::submit(config.to_form(FormKind::Submit))
    }

    /// Accepts the default configuration: an instant room (XEP-0045 §10.1.2,
    /// Example 155: an empty form of type `submit`).
    pub fn instant() -> Self {
        Owner::submit(DataForm::new(FormKind::Submit))
    }

    /// Cancels the configuration (XEP-0045 Examples 162 and 166: an empty
    /// form of type `cancel`); a room being created is then destroyed.
    pub fn cancel() -> Self {
        Owner::submit(DataForm::new(FormKind::Cancel))
    }

    /// Destroys the room (XEP-0045 §10.9).
    pub fn destroy(destroy: Destroy) -> Self {
        Owner { destroy: Some(destroy), ..Owner::default() }
    }

    /// Whether this accepts an instant room: an empty form of type `submit`.
    pub fn is_instant(&self) -> bool {
        self.form.as_ref().is_some_and(|f| f.kind == FormKind::Submit && f.fields.is_empty())
    }

    /// The submitted values, typed (the form's fields of XEP-0045 §16.5.3).
    pub fn room_config(&self) -> Option<Result<RoomConfig, FormError>> {
        self.form.as_ref().filter(|f| f.kind == FormKind::Submit).map(RoomConfig::from_form)
    }
}
