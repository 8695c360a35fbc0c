//! XEP-0004: Data Forms, version 2.13.2.
//!
//! A data form (`<x xmlns='jabber:x:data'/>`, §3) is what entities use to
//! ask for and exchange structured data: room configuration (XEP-0045),
//! node configuration and subscription options (XEP-0060), extended
//! service discovery information (XEP-0128), ad-hoc commands, search. The
//! model here holds everything a form carries, including the XEP-0122
//! validation rules of its fields and its XEP-0141 layout, read liberally
//! (one malformed field never costs the rest of the form).
//!
//! A form a server sent is filled and submitted in a few calls:
//! [`DataForm::submit`] starts a submission with the form's defaults (and
//! its `FORM_TYPE`), [`DataForm::set`] and its typed siblings set values by
//! `var`, each checked against the field's type, options and validation
//! rules (§3.3, XEP-0122) of the form that asked; [`DataForm::check`]
//! checks a received submission the same way.
//!
//! ```
//! use jabber_ext::forms::{DataForm, FormKind};
//! use jabber_stanza::Payload;
//!
//! // XEP-0004 Example 2, shortened: a form to fill.
//! let form = DataForm::parse(&"<x xmlns='jabber:x:data' type='form'>\
//!     <title>Bot Configuration</title>\
//!     <field type='hidden' var='FORM_TYPE'><value>jabber:bot</value></field>\
//!     <field type='text-single' label='The name of your bot' var='botname'/>\
//!     <field type='boolean' label='Public bot?' var='public'><required/></field>\
//!     <field type='list-single' label='Maximum number of subscribers' var='maxsubs'>\
//!       <value>20</value><option label='10'><value>10</value></option>\
//!       <option label='20'><value>20</value></option></field>\
//!     </x>".parse()?)?;
//! assert_eq!(form.kind, FormKind::Form);
//!
//! let mut submit = form.submit();
//! form.set(&mut submit, "botname", "The Jabber Google Bot")?;
//! form.set_bool(&mut submit, "public", false)?;
//! assert!(form.set(&mut submit, "maxsubs", "15").is_err()); // not an option
//! assert!(form.check(&submit).is_empty());
//! assert_eq!(submit.field("FORM_TYPE").and_then(|f| f.value()), Some("jabber:bot"));
//! assert_eq!(submit.field("maxsubs").and_then(|f| f.value()), Some("20")); // the default
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use jabber_jid::Jid;
use jabber_stanza::{Error, Payload, Unknown, Value, ValueError};

use crate::layout::Page;
use crate::ns;
use crate::validate::Validate;

/// `<x type='..'/>`: what a form is for (XEP-0004 §3.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum FormKind {
    /// `form`: asks the receiver to fill it.
    Form,
    /// `submit`: the filled form.
    Submit,
    /// `cancel`: the receiver declines to fill it.
    Cancel,
    /// `result`: data returned (a report, search results, settings).
    Result,
    /// A type the XEP does not define, as it came.
    #[value(other)]
    Other(String),
}

/// `<field type='..'/>`: the kind of data a field gathers (XEP-0004 §3.3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum FieldType {
    /// `boolean`: `0`/`1`/`false`/`true`; `false` when absent.
    Boolean,
    /// `fixed`: text for the reader, not data.
    Fixed,
    /// `hidden`: returned with the form, not shown.
    Hidden,
    /// `jid-multi`: several JIDs.
    JidMulti,
    /// `jid-single`: one JID.
    JidSingle,
    /// `list-multi`: one or more of the options.
    ListMulti,
    /// `list-single`: one of the options.
    ListSingle,
    /// `text-multi`: lines of text, one value each.
    TextMulti,
    /// `text-private`: one line, obscured when shown.
    TextPrivate,
    /// `text-single`: one line (the default).
    TextSingle,
    /// A type the XEP does not define, as it came; treated as `text-single` (§3.3).
    #[value(other)]
    Other(String),
}

impl FieldType {
    /// Whether the type holds at most one value.
    pub fn is_single(&self) -> bool {
        !matches!(self, FieldType::JidMulti | FieldType::ListMulti | FieldType::TextMulti | FieldType::Fixed)
    }
}

/// `<option label='..'><value>..</value></option>`: one choice of a list field (XEP-0004 §3.2).
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "option", ns = ns::DATA_FORMS)]
pub struct FieldOption {
    /// `label`: what a person sees.
    #[payload(attr)]
    pub label: Option<String>,
    /// `<value/>`: what is submitted.
    #[payload(child_text)]
    pub value: String,
}

impl FieldOption {
    /// An option with a label.
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        FieldOption { label: Some(label.into()), value: value.into() }
    }
}

/// `<field/>`: one field of a form, a report or an item (XEP-0004 §3.2).
///
/// Values are kept as the text they came as ([`values`](Field::values));
/// [`typed`](Field::typed) reads them by the field's type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "field", ns = ns::DATA_FORMS)]
pub struct Field {
    /// `var`: the field's name (required except for `fixed` fields).
    #[payload(attr)]
    pub var: Option<String>,
    /// `type` (absent: `text-single`, or in a submission, the form's type).
    #[payload(attr = "type")]
    pub kind: Option<FieldType>,
    /// `label`: what a person sees.
    #[payload(attr)]
    pub label: Option<String>,
    /// `<desc/>`: a longer description, for help text.
    #[payload(child_text)]
    pub desc: Option<String>,
    /// `<required/>`: the field must be filled.
    #[payload(flag)]
    pub required: bool,
    /// `<value/>`s, in order.
    #[payload(child_text = "value")]
    pub values: Vec<String>,
    /// `<option/>`s of a list field, in order.
    #[payload(child)]
    pub options: Vec<FieldOption>,
    /// `<validate/>` (XEP-0122): the datatype and rule of the values.
    #[payload(child)]
    pub validate: Option<Validate>,
    /// What the model does not hold (a XEP-0221 `<media/>`, ...), or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// The values of a field, read by its type (XEP-0004 §3.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedValue {
    /// `boolean` (absent: `false`).
    Boolean(bool),
    /// `fixed`: lines of text.
    Fixed(Vec<String>),
    /// `hidden`.
    Hidden(Option<String>),
    /// `jid-multi`, duplicates removed (§3.3: they MUST be ignored).
    JidMulti(Vec<Jid>),
    /// `jid-single`.
    JidSingle(Option<Jid>),
    /// `list-multi`.
    ListMulti(Vec<String>),
    /// `list-single`.
    ListSingle(Option<String>),
    /// `text-multi`: lines.
    TextMulti(Vec<String>),
    /// `text-private`.
    TextPrivate(Option<String>),
    /// `text-single`, and a type this crate does not know (§3.3).
    TextSingle(Option<String>),
}

/// Why a value does not fit a field (XEP-0004 §3.3, XEP-0122 §3), or a
/// submission does not fit its form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormError {
    /// The form has no field of this `var`.
    #[error("the form has no field '{var}'")]
    UnknownField {
        /// The field.
        var: String,
    },
    /// A required field (`<required/>`) has no value.
    #[error("the field '{var}' is required")]
    Required {
        /// The field.
        var: String,
    },
    /// A single-valued field with several values.
    #[error("the field '{var}' takes one value, not {count}")]
    TooManyValues {
        /// The field.
        var: String,
        /// How many values it has.
        count: usize,
    },
    /// A value that is not an `xs:boolean` in a `boolean` field.
    #[error("'{value}' in the field '{var}' is not a boolean")]
    NotBoolean {
        /// The field.
        var: String,
        /// The value.
        value: String,
    },
    /// A value that is not a JID in a `jid-single` or `jid-multi` field.
    #[error("'{value}' in the field '{var}' is not a JID: {error}")]
    NotJid {
        /// The field.
        var: String,
        /// The value.
        value: String,
        /// Why.
        error: jabber_jid::Error,
    },
    /// A value of a list field that is not one of its options (and the
    /// field's validation is not `<open/>`, XEP-0122 §3.2.2).
    #[error("'{value}' is not an option of the field '{var}'")]
    NotAnOption {
        /// The field.
        var: String,
        /// The value.
        value: String,
    },
    /// A `fixed` field is not data and is not submitted.
    #[error("the field '{var}' is fixed")]
    Fixed {
        /// The field.
        var: String,
    },
    /// A value that breaks the field's XEP-0122 validation.
    #[error("'{value}' in the field '{var}': {why}")]
    Invalid {
        /// The field.
        var: String,
        /// The value.
        value: String,
        /// Which rule it breaks.
        why: crate::validate::Violation,
    },
    /// The number of values is outside the field's XEP-0122 `<list-range/>`.
    #[error("the field '{var}' takes {min:?} to {max:?} values, not {count}")]
    ListRange {
        /// The field.
        var: String,
        /// How many values it has.
        count: usize,
        /// `min`.
        min: Option<u32>,
        /// `max`.
        max: Option<u32>,
    },
}

impl Field {
    /// A field named `var` of type `kind`.
    pub fn new(var: impl Into<String>, kind: FieldType) -> Self {
        Field { var: Some(var.into()), kind: Some(kind), ..Field::default() }
    }

    /// A `hidden` field `FORM_TYPE` with the value `form_type` (XEP-0068 §2).
    pub fn form_type(form_type: impl Into<String>) -> Self {
        Field::new("FORM_TYPE", FieldType::Hidden).with_value(form_type)
    }

    /// This field with one more value.
    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.values.push(value.into());
        self
    }

    /// This field with a label.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// This field with an option.
    pub fn with_option(mut self, option: FieldOption) -> Self {
        self.options.push(option);
        self
    }

    /// This field, required.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// The type, `text-single` when absent (XEP-0004 §3.3).
    pub fn kind(&self) -> &FieldType {
        self.kind.as_ref().unwrap_or(&FieldType::TextSingle)
    }

    /// The first value.
    pub fn value(&self) -> Option<&str> {
        self.values.first().map(String::as_str)
    }

    /// The values read by the field's type; a value that does not fit the
    /// type is an error naming the field (a `boolean` that is not
    /// `xs:boolean`, a `jid-*` value that is not a JID, two values in a
    /// single-valued field).
    pub fn typed(&self) -> Result<TypedValue, FormError> {
        let var = || self.var.clone().unwrap_or_default();
        let single = || -> Result<Option<String>, FormError> {
            match self.values.as_slice() {
                [] => Ok(None),
                [one] => Ok(Some(one.clone())),
                more => Err(FormError::TooManyValues { var: var(), count: more.len() }),
            }
        };
        let jid = |value: &String| {
            Jid::new(value).map_err(|error| FormError::NotJid { var: var(), value: value.clone(), error })
        };
        Ok(match self.kind() {
            FieldType::Boolean => TypedValue::Boolean(match single()? {
                None => false,
                Some(value) => {
                    bool::from_value(&value).map_err(|_: ValueError| FormError::NotBoolean { var: var(), value })?
                }
            }),
            FieldType::Fixed => TypedValue::Fixed(self.values.clone()),
            FieldType::Hidden => TypedValue::Hidden(single()?),
            FieldType::JidMulti => {
                let mut jids: Vec<Jid> = Vec::with_capacity(self.values.len());
                for value in &self.values {
                    let j = jid(value)?;
                    if !jids.contains(&j) {
                        jids.push(j);
                    }
                }
                TypedValue::JidMulti(jids)
            }
            FieldType::JidSingle => TypedValue::JidSingle(single()?.as_ref().map(jid).transpose()?),
            FieldType::ListMulti => TypedValue::ListMulti(self.values.clone()),
            FieldType::ListSingle => TypedValue::ListSingle(single()?),
            FieldType::TextMulti => TypedValue::TextMulti(self.values.clone()),
            FieldType::TextPrivate => TypedValue::TextPrivate(single()?),
            FieldType::TextSingle | FieldType::Other(_) => TypedValue::TextSingle(single()?),
        })
    }

    /// Checks `values` against this field's definition: its type (one
    /// value for a single-valued type, booleans, JIDs), its options (for a
    /// list field, unless its validation is `<open/>`), and its XEP-0122
    /// rules. `required` is checked when `values` is empty.
    pub fn check_values(&self, values: &[String]) -> Result<(), FormError> {
        let var = || self.var.clone().unwrap_or_default();
        let kind = self.kind();
        if *kind == FieldType::Fixed {
            return Err(FormError::Fixed { var: var() });
        }
        if values.is_empty() && self.required {
            return Err(FormError::Required { var: var() });
        }
        if kind.is_single() && values.len() > 1 {
            return Err(FormError::TooManyValues { var: var(), count: values.len() });
        }
        let open = self.validate.as_ref().is_some_and(Validate::is_open);
        for value in values {
            match kind {
                FieldType::Boolean if bool::from_value(value).is_err() => {
                    return Err(FormError::NotBoolean { var: var(), value: value.clone() });
                }
                FieldType::JidSingle | FieldType::JidMulti => {
                    if let Err(error) = Jid::new(value) {
                        return Err(FormError::NotJid { var: var(), value: value.clone(), error });
                    }
                }
                FieldType::ListSingle | FieldType::ListMulti
                    if !open && !self.options.is_empty() && !self.options.iter().any(|o| o.value == *value) =>
                {
                    return Err(FormError::NotAnOption { var: var(), value: value.clone() });
                }
                _ => {}
            }
            if let Some(validate) = &self.validate {
                validate.check(value).map_err(|why| FormError::Invalid { var: var(), value: value.clone(), why })?;
            }
        }
        if let Some(validate) = &self.validate
            && let Some(range) = &validate.list_range
            && !range.admits(values.len())
        {
            return Err(FormError::ListRange { var: var(), count: values.len(), min: range.min, max: range.max });
        }
        Ok(())
    }
}

/// `<reported/>`: the header of a table of results (XEP-0004 §3.4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "reported", ns = ns::DATA_FORMS)]
pub struct Reported {
    /// The columns.
    #[payload(child)]
    pub fields: Vec<Field>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// `<item/>`: one row of a table of results (XEP-0004 §3.4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "item", ns = ns::DATA_FORMS)]
pub struct Item {
    /// The cells.
    #[payload(child)]
    pub fields: Vec<Field>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Item {
    /// The cell of column `var`.
    pub fn field(&self, var: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.var.as_deref() == Some(var))
    }
}

/// `<x xmlns='jabber:x:data'/>`: a data form (XEP-0004 §3.1), with its
/// XEP-0141 layout pages.
///
/// Read liberally: a field that cannot be read is kept in `unknown` and
/// reported in `malformed`; the other fields stay usable.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "x", ns = ns::DATA_FORMS)]
pub struct DataForm {
    /// `type`.
    #[payload(attr = "type")]
    pub kind: FormKind,
    /// `<title/>`.
    #[payload(child_text)]
    pub title: Option<String>,
    /// `<instructions/>`, one per paragraph.
    #[payload(child_text = "instructions")]
    pub instructions: Vec<String>,
    /// The fields, in order.
    #[payload(child)]
    pub fields: Vec<Field>,
    /// `<reported/>`: the columns of a table of results.
    #[payload(child)]
    pub reported: Option<Reported>,
    /// `<item/>`s: the rows of a table of results.
    #[payload(child)]
    pub items: Vec<Item>,
    /// XEP-0141 `<page/>`s: how to lay the form out.
    #[payload(child)]
    pub pages: Vec<Page>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl DataForm {
    /// An empty form of `kind`.
    pub fn new(kind: FormKind) -> Self {
        DataForm {
            kind,
            title: None,
            instructions: Vec::new(),
            fields: Vec::new(),
            reported: None,
            items: Vec::new(),
            pages: Vec::new(),
            unknown: Unknown::new(),
            malformed: Vec::new(),
        }
    }

    /// This form with one more field.
    pub fn with_field(mut self, field: Field) -> Self {
        self.fields.push(field);
        self
    }

    /// The field named `var`.
    pub fn field(&self, var: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.var.as_deref() == Some(var))
    }

    /// The field named `var`, to change.
    pub fn field_mut(&mut self, var: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.var.as_deref() == Some(var))
    }

    /// A submission of this form (XEP-0004 §3.1, type `submit`): every
    /// field that holds data (not `fixed`, and named), with its type and
    /// its default values, `FORM_TYPE` among them (XEP-0068 §2).
    pub fn submit(&self) -> DataForm {
        let mut submit = DataForm::new(FormKind::Submit);
        submit.fields = self
            .fields
            .iter()
            .filter(|f| f.var.is_some() && *f.kind() != FieldType::Fixed)
            .map(|f| Field { var: f.var.clone(), kind: f.kind.clone(), values: f.values.clone(), ..Field::default() })
            .collect();
        submit
    }

    /// Sets the field `var` of `submission` (a submission of this form) to
    /// `value`, after checking it against this form's definition of the
    /// field ([`Field::check_values`]).
    pub fn set(&self, submission: &mut DataForm, var: &str, value: impl Into<String>) -> Result<(), FormError> {
        self.set_values(submission, var, [value.into()])
    }

    /// Sets a `boolean` field (written `true`/`false`).
    pub fn set_bool(&self, submission: &mut DataForm, var: &str, value: bool) -> Result<(), FormError> {
        self.set(submission, var, value.to_value())
    }

    /// Sets a `jid-single` field.
    pub fn set_jid(&self, submission: &mut DataForm, var: &str, value: &Jid) -> Result<(), FormError> {
        self.set(submission, var, value.as_str())
    }

    /// Sets the values of a multi-valued field (or clears a field with none).
    pub fn set_values<I, S>(&self, submission: &mut DataForm, var: &str, values: I) -> Result<(), FormError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let definition = self.field(var).ok_or_else(|| FormError::UnknownField { var: var.to_owned() })?;
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        definition.check_values(&values)?;
        match submission.field_mut(var) {
            Some(field) => field.values = values,
            None => submission.fields.push(Field {
                var: Some(var.to_owned()),
                kind: definition.kind.clone(),
                values,
                ..Field::default()
            }),
        }
        Ok(())
    }

    /// Checks a submission against this form: every field it fills exists
    /// here and its values fit ([`Field::check_values`], which also says
    /// when a required field is empty), and every required field is there.
    /// Returns every problem found, in the submission's order.
    pub fn check(&self, submission: &DataForm) -> Vec<FormError> {
        let mut problems = Vec::new();
        for field in &submission.fields {
            let Some(var) = field.var.as_deref() else { continue };
            match self.field(var) {
                None => problems.push(FormError::UnknownField { var: var.to_owned() }),
                Some(definition) => {
                    if let Err(problem) = definition.check_values(&field.values) {
                        problems.push(problem);
                    }
                }
            }
        }
        for definition in self.fields.iter().filter(|f| f.required) {
            let var = definition.var.as_deref().unwrap_or_default();
            if submission.field(var).is_none() {
                problems.push(FormError::Required { var: var.to_owned() });
            }
        }
        problems
    }
}
