//! `<query xmlns='jabber:iq:register'/>` (XEP-0077), as XEP-0045 §7.10
//! uses it to register with a room.

use jabber_stanza::{Error, Payload, Unknown};

use super::Registration;
use crate::form_type::TypedForm;
use crate::forms::{DataForm, FormError, FormKind};

/// `<query xmlns='jabber:iq:register'/>`: registration with a room
/// (XEP-0045 §7.10): empty in the iq `get` that asks for the form
/// (Example 66); holding `<registered/>` and the reserved nickname when
/// the user is already registered (Example 69), or instructions and the
/// `muc#register` form (Example 70), in the `result`; holding the filled
/// form in the `set` (Example 71).
///
/// The same element in the three iq types (XEP-0077 §3 uses it so), hence
/// one type. Only the XEP-0077 fields that room registration meets are
/// modelled; any other (`<name/>`, `<address/>`, ...) is kept in `unknown`
/// and reported in `malformed`, as is a form that cannot be read.
///
/// ```
/// use jabber_ext::muc::{Register, Registration};
/// use jabber_stanza::Iq;
///
/// let ask = Iq::get("reg1", &Register::request());
/// let submit = Registration { roomnick: Some("thirdwitch".into()), ..Registration::default() };
/// let set = Iq::set("reg2", &Register::submit(&submit));
/// # let _ = (ask, set);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "query", ns = super::REGISTER, get, set, result)]
pub struct Register {
    /// `<instructions/>`: how to register (by hand, or elsewhere).
    #[payload(child_text)]
    pub instructions: Option<String>,
    /// `<registered/>`: the user is already registered (XEP-0045 Example 69).
    #[payload(flag)]
    pub registered: bool,
    /// `<username/>`: the registered nickname (XEP-0045 Example 69).
    #[payload(child_text)]
    pub username: Option<String>,
    /// `<nick/>` (XEP-0077 §14).
    #[payload(child_text)]
    pub nick: Option<String>,
    /// `<password/>` (XEP-0077 §14).
    #[payload(child_text)]
    pub password: Option<String>,
    /// `<email/>` (XEP-0077 §14).
    #[payload(child_text)]
    pub email: Option<String>,
    /// `<remove/>`: cancel the registration (XEP-0077 §3.2).
    #[payload(flag)]
    pub remove: bool,
    /// The data form (`muc#register`).
    #[payload(child)]
    pub form: Option<DataForm>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Register {
    /// The request for the registration form (XEP-0045 Example 66).
    pub fn request() -> Self {
        Register::default()
    }

    /// A submission of `registration` (XEP-0045 Example 71). To fill the
    /// form the room sent (and check the values against it), use
    /// [`Registration::fill`] and [`Register::form`].
    pub fn submit(registration: &Registration) -> Self {
        Register::form(registration.to_form(FormKind::Submit))
    }

    /// A query holding `form`.
    pub fn form(form: DataForm) -> Self {
        Register { form: Some(form), ..Register::default() }
    }

    /// Cancels the registration (XEP-0077 §3.2).
    pub fn cancel() -> Self {
        Register { remove: true, ..Register::default() }
    }

    /// The form's values, typed (the fields of XEP-0045 §16.5.1).
    pub fn registration(&self) -> Option<Result<Registration, FormError>> {
        self.form.as_ref().map(Registration::from_form)
    }
}
