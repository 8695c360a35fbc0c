//! The payload mechanism: typed children of stanzas, for this crate's
//! models, every XEP module of `jabber-ext`, and users' own namespaces.
//!
//! A payload type implements [`Payload`]: its element's name and namespace,
//! parsing from an [`Element`] and conversion back. Parsing has three
//! outcomes: not mine ([`Payload::try_parse`] returns `None`), mine and valid,
//! mine and invalid (a typed [`Error`]). Marker traits say which iq types
//! may carry a payload, so that a request and its response are different
//! types and `Iq::get` only accepts what a get may carry.
//!
//! Stanzas keep their children as elements ([`Payloads`]) and parse them on
//! request: a malformed child does not make the stanza unusable; asking for
//! that payload type returns its error.
//!
//! ```
//! use jabber_stanza::{Payload, Message};
//!
//! /// `<ping xmlns='urn:xmpp:ping'/>` (XEP-0199).
//! #[derive(Debug, PartialEq, Payload)]
//! #[payload(name = "ping", ns = "urn:xmpp:ping", get)]
//! struct Ping;
//!
//! let mut message = Message::new();
//! message.payloads.push(&Ping);
//! assert_eq!(message.payload::<Ping>(), Some(Ok(Ping)));
//! ```
//!
//! A payload can also be written by hand: implement [`Payload`] (its
//! name, namespace, `parse` and `to_element`) with the helpers of
//! [`parse`](crate::parse), for a shape the derive cannot say.

use jabber_stream::{Attribute, Element};

use crate::error::Error;

/// A typed child element of a stanza (or of another payload).
///
/// Usually derived: see [`derive@Payload`](crate::Payload).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a payload of its own",
    label = "not a `Payload`",
    note = "derive `Payload` for it; a derived type without `ns = \"...\"` takes its parent's namespace \
            and is only a `Child`: give it a namespace to use it in a stanza"
)]
pub trait Payload: Sized {
    /// The element's local name (for payloads with several names, the main
    /// one; override [`is_mine`](Payload::is_mine)).
    const NAME: &'static str;
    /// The element's namespace.
    const NS: &'static str;

    /// Whether `element` is this payload's, valid or not.
    fn is_mine(element: &Element) -> bool {
        element.is(Self::NAME, Self::NS)
    }

    /// Parses an element for which [`is_mine`](Payload::is_mine) holds.
    fn parse(element: &Element) -> Result<Self, Error>;

    /// The payload as an element.
    fn to_element(&self) -> Element;

    /// The three outcomes in one: `None` when the element is not this
    /// payload's, otherwise the result of parsing it.
    fn try_parse(element: &Element) -> Option<Result<Self, Error>> {
        Self::is_mine(element).then(|| Self::parse(element))
    }
}

/// A type read from one child element of a payload: every [`Payload`],
/// and the types derived without a namespace of their own (`<item/>` in
/// whatever namespace its parent has, as XEP-0045's `<item/>` is in
/// `muc#user` and in `muc#admin`). What `#[payload(child)]` fields hold.
///
/// [`Element`] is one too: it takes any child, as it came.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from a child element",
    label = "not a payload",
    note = "derive `Payload` for it, or read a value from the child's text with `child_text` \
            or from one of its attributes with `child_attr`"
)]
pub trait Child: Sized {
    /// The element's local name (for a type of several names, the first),
    /// as errors name it ([`Error::MissingChild`]).
    const ELEMENT: &'static str;

    /// Whether `element`, a child of an element in namespace `parent_ns`,
    /// is one of this type's (valid or not).
    fn is_child(element: &Element, parent_ns: &str) -> bool;

    /// Parses an element for which [`is_child`](Child::is_child) holds
    /// (with the same `parent_ns`).
    fn parse_child(element: &Element, parent_ns: &str) -> Result<Self, Error>;

    /// The value as a child of an element in namespace `parent_ns`.
    fn to_child(&self, parent_ns: &'static str) -> Element;
}

impl<P: Payload> Child for P {
    const ELEMENT: &'static str = P::NAME;

    fn is_child(element: &Element, _parent_ns: &str) -> bool {
        P::is_mine(element)
    }

    fn parse_child(element: &Element, _parent_ns: &str) -> Result<Self, Error> {
        P::parse(element)
    }

    fn to_child(&self, _parent_ns: &'static str) -> Element {
        self.to_element()
    }
}

/// Any child, kept as it came.
impl Child for Element {
    const ELEMENT: &'static str = "*";

    fn is_child(_element: &Element, _parent_ns: &str) -> bool {
        true
    }

    fn parse_child(element: &Element, _parent_ns: &str) -> Result<Self, Error> {
        Ok(element.clone())
    }

    fn to_child(&self, _parent_ns: &'static str) -> Element {
        self.clone()
    }
}

/// What a payload's model does not hold, kept so that a parse and
/// serialize round trip loses nothing: attributes it does not know,
/// children it does not know or could not read, and character data where
/// the model has none (the latter two reported in the payload's
/// `malformed` list). Serialization writes the attributes after the
/// modelled ones, then the text, then the children after the modelled
/// children, each in the order they came.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unknown {
    /// Attributes, in order.
    pub attributes: Vec<Attribute>,
    /// Child elements, in order.
    pub children: Vec<Element>,
    /// Character data that is not whitespace, where the model holds none,
    /// its pieces joined (they were reported together).
    pub text: String,
}

impl Unknown {
    /// Nothing unknown.
    pub const fn new() -> Self {
        Unknown { attributes: Vec::new(), children: Vec::new(), text: String::new() }
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty() && self.children.is_empty() && self.text.is_empty()
    }
}

/// A payload that an iq of type `get` may carry (a query).
pub trait IqGetPayload: Payload {}
/// A payload that an iq of type `set` may carry (a command).
pub trait IqSetPayload: Payload {}
/// A payload that an iq of type `result` may carry (an answer).
pub trait IqResultPayload: Payload {}

/// The children of a stanza that its model does not interpret itself, in
/// order. They are written back unchanged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Payloads(Vec<Element>);

impl Payloads {
    /// No payloads.
    pub fn new() -> Self {
        Payloads(Vec::new())
    }

    /// The first payload of type `P`, parsed; `None` if there is none.
    pub fn get<P: Payload>(&self) -> Option<Result<P, Error>> {
        self.0.iter().find_map(P::try_parse)
    }

    /// Every payload of type `P`, parsed.
    pub fn get_all<P: Payload>(&self) -> impl Iterator<Item = Result<P, Error>> {
        self.0.iter().filter_map(P::try_parse)
    }

    /// Whether a payload of type `P` is present (valid or not).
    pub fn has<P: Payload>(&self) -> bool {
        self.0.iter().any(P::is_mine)
    }

    /// Appends a payload.
    pub fn push<P: Payload>(&mut self, payload: &P) {
        self.0.push(payload.to_element());
    }

    /// Appends an element as it is.
    pub fn push_element(&mut self, element: Element) {
        self.0.push(element);
    }

    /// Removes every payload of type `P`, returning the first, parsed.
    pub fn remove<P: Payload>(&mut self) -> Option<Result<P, Error>> {
        let mut first = None;
        self.0.retain(|e| {
            if P::is_mine(e) {
                if first.is_none() {
                    first = Some(P::parse(e));
                }
                false
            } else {
                true
            }
        });
        first
    }

    /// Replaces every payload of type `P` by `payload`.
    pub fn set<P: Payload>(&mut self, payload: &P) {
        self.0.retain(|e| !P::is_mine(e));
        self.push(payload);
    }

    /// The elements, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Element> {
        self.0.iter()
    }

    /// How many payloads there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The elements.
    pub fn into_elements(self) -> Vec<Element> {
        self.0
    }
}

impl From<Vec<Element>> for Payloads {
    fn from(elements: Vec<Element>) -> Self {
        Payloads(elements)
    }
}

impl<'a> IntoIterator for &'a Payloads {
    type Item = &'a Element;
    type IntoIter = std::slice::Iter<'a, Element>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for Payloads {
    type Item = Element;
    type IntoIter = std::vec::IntoIter<Element>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}
