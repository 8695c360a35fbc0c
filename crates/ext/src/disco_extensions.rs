//! XEP-0128: Service Discovery Extensions, version 1.0.1.
//!
//! A `disco#info` result may carry extended information as XEP-0004 data
//! forms of type `result` (§2), each named by a hidden `FORM_TYPE` field
//! (XEP-0068): a server's contact addresses, a room's description and
//! occupant count (`muc#roominfo`), a client's software version
//! (`urn:xmpp:dataforms:softwareinfo`). The forms are held by
//! [`InfoResult::forms`]; this module reads them by FORM_TYPE (as text, or
//! as a [`TypedForm`]), builds them, and checks the rules of §2 and §4
//! ([`InfoResult::check_extensions`], [`ItemsResult::check_extensions`]).
//!
//! ```
//! use jabber_ext::disco::{Identity, InfoResult};
//! use jabber_ext::disco_extensions::extension_form;
//! use jabber_stanza::Payload;
//!
//! // XEP-0128 Example 1, shortened: a server's extended information.
//! let info = InfoResult::new()
//!     .with_identity(Identity::new("server", "im"))
//!     .with_form(extension_form("http://jabber.org/network/serverinfo", [
//!         ("c2s_port", vec!["5222"]),
//!         ("ip_version", vec!["ipv4", "ipv6"]),
//!     ]));
//! let info = InfoResult::parse(&info.to_element())?;
//! assert_eq!(info.extension_value("http://jabber.org/network/serverinfo", "c2s_port"), Some("5222"));
//! assert_eq!(
//!     info.extension_values("http://jabber.org/network/serverinfo", "ip_version"),
//!     Some(&["ipv4".to_owned(), "ipv6".to_owned()][..])
//! );
//! assert!(info.check_extensions().is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::disco::{InfoResult, ItemsResult};
use crate::form_type::{FORM_TYPE, TypedForm};
use crate::forms::{DataForm, Field, FieldType, FormError, FormKind};
use crate::ns;

/// A form of extended information (XEP-0128 §2): a `result` form with a
/// hidden `FORM_TYPE` of `form_type` and, for each `(var, values)`, a field
/// holding those values (without a type, as in the XEP's examples).
pub fn extension_form<I, K, V, S>(form_type: impl Into<String>, fields: I) -> DataForm
where
    I: IntoIterator<Item = (K, V)>,
    K: Into<String>,
    V: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut form = DataForm::new(FormKind::Result).with_form_type(form_type);
    for (var, values) in fields {
        let field =
            Field { var: Some(var.into()), values: values.into_iter().map(Into::into).collect(), ..Field::default() };
        form.fields.push(field);
    }
    form
}

/// How the extended information of a disco result breaks the rules of
/// XEP-0128 (see [`InfoResult::check_extensions`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExtensionError {
    /// A form that is not of type `result` (§2: "an `<x/>` element of type
    /// 'result'").
    #[error("the extension form {form_type:?} is of type {kind:?}, not result")]
    NotResult {
        /// Its FORM_TYPE, if it has one.
        form_type: Option<String>,
        /// Its type.
        kind: FormKind,
    },
    /// A form without a `FORM_TYPE` field (§2, XEP-0068): nothing says what
    /// its fields mean. `index` is its place among the result's forms.
    #[error("the extension form at {index} has no FORM_TYPE")]
    NoFormType {
        /// Its place among the forms, from 0.
        index: usize,
    },
    /// A `FORM_TYPE` field that is not of type `hidden` (§2, XEP-0068 §2).
    #[error("the FORM_TYPE field {form_type:?} is not hidden")]
    FormTypeNotHidden {
        /// Its value.
        form_type: Option<String>,
    },
    /// Two forms of one FORM_TYPE: which one holds the information is
    /// unclear (XEP-0115 §5.4 calls such a result ill-formed).
    #[error("two extension forms of FORM_TYPE {form_type}")]
    DuplicateFormType {
        /// The FORM_TYPE.
        form_type: String,
    },
    /// Extended information in a `disco#items` result (§2: "MUST NOT"):
    /// an item's identity is its own to tell.
    #[error("extended information in a disco#items result")]
    InItems,
}

impl InfoResult {
    /// The form of extended information whose FORM_TYPE is `form_type`.
    pub fn extension(&self, form_type: &str) -> Option<&DataForm> {
        crate::form_type::find(&self.forms, form_type)
    }

    /// The form of extended information whose FORM_TYPE is `form_type`, to change.
    pub fn extension_mut(&mut self, form_type: &str) -> Option<&mut DataForm> {
        self.forms.iter_mut().find(|f| f.form_type() == Some(form_type))
    }

    /// The FORM_TYPEs of the forms of extended information, in order.
    pub fn extension_types(&self) -> impl Iterator<Item = &str> + '_ {
        self.forms.iter().filter_map(DataForm::form_type)
    }

    /// The values of the field `var` of the form `form_type`.
    pub fn extension_values(&self, form_type: &str, var: &str) -> Option<&[String]> {
        Some(self.extension(form_type)?.field(var)?.values.as_slice())
    }

    /// The first value of the field `var` of the form `form_type`.
    pub fn extension_value(&self, form_type: &str, var: &str) -> Option<&str> {
        self.extension(form_type)?.field(var)?.value()
    }

    /// The form of `T`'s FORM_TYPE read as a `T`: `None` without such a
    /// form, an error when a value does not fit its field.
    pub fn extended<T: TypedForm>(&self) -> Option<Result<T, FormError>> {
        self.extension(T::FORM_TYPE).map(T::from_form)
    }

    /// Sets the extended information of `T`'s FORM_TYPE to `value` (a
    /// `result` form), replacing a form of that FORM_TYPE in its place.
    pub fn set_extension<T: TypedForm>(&mut self, value: &T) {
        let form = value.to_form(FormKind::Result);
        match self.forms.iter_mut().find(|f| f.form_type() == Some(T::FORM_TYPE)) {
            Some(old) => *old = form,
            None => self.forms.push(form),
        }
    }

    /// This result with the extended information `value` ([`set_extension`](InfoResult::set_extension)).
    pub fn with_extension<T: TypedForm>(mut self, value: &T) -> Self {
        self.set_extension(value);
        self
    }

    /// Checks the forms of extended information against XEP-0128 §2: each
    /// is a `result` form with a hidden `FORM_TYPE`, and no FORM_TYPE comes
    /// twice. Returns every problem, in the order of the forms.
    pub fn check_extensions(&self) -> Vec<ExtensionError> {
        let mut problems = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (index, form) in self.forms.iter().enumerate() {
            let field = form.field(FORM_TYPE);
            let value = field.and_then(Field::value);
            if form.kind != FormKind::Result {
                problems
                    .push(ExtensionError::NotResult { form_type: value.map(str::to_owned), kind: form.kind.clone() });
            }
            match field {
                None => problems.push(ExtensionError::NoFormType { index }),
                Some(field) if field.kind != Some(FieldType::Hidden) => {
                    problems.push(ExtensionError::FormTypeNotHidden { form_type: value.map(str::to_owned) });
                }
                Some(_) => {}
            }
            if let Some(value) = value {
                if seen.contains(&value) {
                    problems.push(ExtensionError::DuplicateFormType { form_type: value.to_owned() });
                } else {
                    seen.push(value);
                }
            }
        }
        problems
    }
}

impl ItemsResult {
    /// Checks XEP-0128 §2 on a `disco#items` result: it carries no data
    /// form, neither in the query nor in an item.
    pub fn check_extensions(&self) -> Vec<ExtensionError> {
        let is_form = |e: &jabber_stream::Element| e.is("x", ns::DATA_FORMS);
        let in_query = self.unknown.children.iter().any(is_form);
        let in_items = self.items.iter().any(|i| i.unknown.children.iter().any(is_form));
        if in_query || in_items { vec![ExtensionError::InItems] } else { Vec::new() }
    }
}
