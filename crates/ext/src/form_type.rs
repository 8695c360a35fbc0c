//! XEP-0068: Field Standardization for Data Forms, version 1.3.0.
//!
//! A data form names its schema with a hidden field `FORM_TYPE` (§2):
//! [`DataForm::form_type`] reads it (a hidden field in a form or result,
//! any field of that name in a submission, as §3 says), [`find`] picks the
//! form of a FORM_TYPE among several (XEP-0128 extended disco info does
//! that), and [`TypedForm`] is how a module gives a FORM_TYPE's fields
//! typed access (XEP-0045's `muc#roomconfig`, XEP-0060's
//! `pubsub#node_config`, ...).
//!
//! ```
//! use jabber_ext::forms::{DataForm, Field, FieldType, FormKind};
//!
//! let form = DataForm::new(FormKind::Form)
//!     .with_form_type("http://jabber.org/protocol/muc#roomconfig")
//!     .with_field(Field::new("muc#roomconfig_roomname", FieldType::TextSingle));
//! assert_eq!(form.form_type(), Some("http://jabber.org/protocol/muc#roomconfig"));
//! ```

use crate::forms::{DataForm, Field, FieldType, FormError, FormKind};

/// The name of the field that holds a form's type.
pub const FORM_TYPE: &str = "FORM_TYPE";

impl DataForm {
    /// The form's FORM_TYPE: the value of its hidden `FORM_TYPE` field (a
    /// submission's `FORM_TYPE` may omit the type; XEP-0068 §3). `None`
    /// for a form without one, which "existing processing rules" read.
    pub fn form_type(&self) -> Option<&str> {
        let field = self.field(FORM_TYPE)?;
        let hidden = match self.kind {
            FormKind::Submit => field.kind.as_ref().is_none_or(|k| *k == FieldType::Hidden),
            _ => field.kind == Some(FieldType::Hidden),
        };
        hidden.then(|| field.value()).flatten()
    }

    /// This form with a hidden `FORM_TYPE` field first (replacing one it had).
    pub fn with_form_type(mut self, form_type: impl Into<String>) -> Self {
        self.fields.retain(|f| f.var.as_deref() != Some(FORM_TYPE));
        self.fields.insert(0, Field::form_type(form_type));
        self
    }
}

/// The first of `forms` whose FORM_TYPE is `form_type` (compared as
/// strings, XEP-0068 §3).
pub fn find<'a>(forms: &'a [DataForm], form_type: &str) -> Option<&'a DataForm> {
    forms.iter().find(|f| f.form_type() == Some(form_type))
}

/// A FORM_TYPE's fields as a typed value, read from a form and written as
/// one: implemented for the registered forms of the other modules.
pub trait TypedForm: Sized {
    /// The FORM_TYPE.
    const FORM_TYPE: &'static str;

    /// Reads the fields this type knows from `form` (whose FORM_TYPE is
    /// checked by the caller, or not: a form without one is read as well);
    /// a value that does not fit its field is an error, a field this type
    /// does not know is ignored.
    fn from_form(form: &DataForm) -> Result<Self, FormError>;

    /// The values as a form of `kind` (a `submit` to send them, a `result`
    /// to report them), with the FORM_TYPE.
    fn to_form(&self, kind: FormKind) -> DataForm;
}
