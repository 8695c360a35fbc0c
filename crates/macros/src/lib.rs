//! Derive macros for `jabber-stanza`: `#[derive(Payload)]` declares a typed
//! XMPP payload (its parser and serializer), `#[derive(Value)]` an enum of
//! names read from an attribute or text.
//!
//! Use them through `jabber_stanza` (or `jabber::stanza`), which documents
//! them with examples; this crate is not meant to be named directly.

#![forbid(unsafe_code)]

mod model;
mod payload;
mod value;

use proc_macro::TokenStream;

/// Derives `jabber_stanza::Payload`: the parser and serializer of an XML
/// element, from the declaration of its parts.
///
/// ```
/// use jabber_stanza::{Error, Payload, Unknown, Value};
/// use jabber_jid::Jid;
///
/// /// XEP-0045 §15.2 (muc#user): `<x><item/>...<status code='110'/></x>`.
/// #[derive(Debug, PartialEq, Payload)]
/// #[payload(name = "x", ns = "http://jabber.org/protocol/muc#user")]
/// struct MucUser {
///     #[payload(child)]
///     items: Vec<Item>,
///     #[payload(child_attr = "status", attr = "code")]
///     status: Vec<u16>,
///     #[payload(unknown)]
///     unknown: Unknown,
///     #[payload(malformed)]
///     malformed: Vec<Error>,
/// }
///
/// /// `<item/>`, in its parent's namespace (muc#user or muc#admin).
/// #[derive(Debug, PartialEq, Payload)]
/// #[payload(name = "item")]
/// struct Item {
///     #[payload(attr)]
///     affiliation: Affiliation,
///     #[payload(attr)]
///     role: Option<String>,
///     #[payload(attr)]
///     jid: Option<Jid>,
///     #[payload(child_text)]
///     reason: Option<String>,
/// }
///
/// #[derive(Debug, PartialEq, Value)]
/// enum Affiliation { Owner, Admin, Member, Outcast, None, #[value(other)] Other(String) }
///
/// let x = MucUser::parse(&"<x xmlns='http://jabber.org/protocol/muc#user'>\
///     <item affiliation='member' role='participant' jid='hag66@shakespeare.lit/pda'/>\
///     <status code='110'/><status code='one hundred'/></x>".parse()?)?;
/// assert_eq!(x.items[0].affiliation, Affiliation::Member);
/// assert_eq!(x.status, [110]);
/// // The unreadable status is kept, and reported.
/// assert_eq!(x.unknown.children.len(), 1);
/// assert!(matches!(x.malformed[0], Error::InvalidAttribute { element: "status", attribute: "code", .. }));
/// assert_eq!(MucUser::parse(&x.to_element()), Ok(x));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # The type: `#[payload(...)]` on the struct or enum
///
/// | key | meaning |
/// | --- | --- |
/// | `name = "query"` | the element's local name (an enum with a `name` is an element holding one of its variants); given more than once, a struct of several names (XEP-0045's `<invite/>` and `<decline/>`) |
/// | `ns = EXPR` | the namespace (a `&'static str`); the type implements `Payload`. Without it the type takes its parent's namespace and implements `jabber_stanza::Child` only |
/// | `get`, `set`, `result` | implement `IqGetPayload`, `IqSetPayload`, `IqResultPayload` |
/// | `check = path` | a `fn(Self) -> Result<Self, Error>` run after parsing (a rule the parts cannot say: "at least one item") |
/// | `is_mine = path` | a `fn(&Element) -> bool` an element must also meet to be this type's (several types of one element name: XEP-0060's `<pubsub/>` of a subscribe and of an items request) |
/// | `crate = path` | where `jabber_stanza` is, when it cannot be found from `Cargo.toml` |
///
/// # The fields: `#[payload(...)]`, one kind each
///
/// | kind | reads | field types |
/// | --- | --- | --- |
/// | `attr`, `attr = "n"` | an attribute (named after the field by default) | `T` (required), `T` with `default`, `Option<T>`; `T: Value` |
/// | `text` | the element's character data | `T`, `Option<T>` (`None` for no text) |
/// | `child` | a child element of type `T: Child` (every payload) | `T`, `Option<T>`, `Vec<T>` |
/// | `child_text`, `child_text = "n"` | `<n>value</n>` | `T`, `Option<T>`, `Vec<T>`; `T: Value` |
/// | `child_attr = "n", attr = "a"` | the attribute `a` of an empty `<n/>` | `T`, `Option<T>`, `Vec<T>`; `T: Value` |
/// | `flag`, `flag = "n"` | whether an empty `<n/>` is present | `bool` |
/// | `texts`, `texts = "n"` | `<n xml:lang='..'>` in several languages | `Texts` |
/// | `unknown` | attributes and children no other field takes | `Unknown` |
/// | `malformed` | why each part kept in `unknown` could not be read | `Vec<Error>` |
/// | `element_name` | which of the type's names the element has (written back) | `T: Value` |
///
/// Modifiers: `ns = EXPR` (an attribute or named child in another
/// namespace, e.g. `xml:lang`: `attr = "lang", ns = jabber_stream::ns::XML`),
/// `default` (an absent attribute is `Default::default()`, and a default
/// value is not written), `with = path` (a module with
/// `from_value(&str) -> Result<T, ValueError>` and `to_value(&T) -> Cow<str>`;
/// `jabber_stanza::value::display` adapts `FromStr` and `Display`,
/// `jabber_stanza::value::collapsed` strips whitespace around a value).
///
/// Names are the field's as written (`max_items`, `program_id`; `r#type`
/// for `type`), or given (`attr = "xml-lang"`). The shapes `Option<T>`
/// and `Vec<T>` are recognized by how the field's type is spelled, so an
/// alias of them is read as a single `T`. A type given `name` more than
/// once needs an `element_name` field, so that what it read is what it
/// writes.
///
/// # Enums
///
/// Without a container `name`, an enum is a choice between elements: a
/// unit or struct variant is an element named after the variant in
/// kebab-case (`ItemNotFound`: `item-not-found`) or
/// `#[payload(name = "..")]`, with fields as in a struct; a variant
/// `V(T)` is `T`'s element; `#[payload(other)] Other(Element)` keeps any
/// other element of the namespace. With a container `name`, the enum is
/// that element holding exactly one of the variants' elements.
///
/// # Parsing: liberal, and "not mine" apart from "invalid"
///
/// `Payload::try_parse` says `None` for another element. For this type's
/// element, a missing or unreadable required part (a `T` attribute without
/// `default`, a `T` child) is an `Error` naming the element, the part and
/// what is wrong (`MissingAttribute`, `InvalidAttribute`, `InvalidJid`,
/// `MissingChild`, `DuplicateChild`, `UnexpectedChild`, `InvalidText`).
///
/// With a `malformed` field the type is read liberally (DESIGN.md, RFC 6120
/// §11.4): an optional part that cannot be read (an `Option` or `Vec`
/// child or attribute, a defaulted attribute, a second one of a kind even
/// when the first was unreadable, a flag with content, a text in a language
/// already seen) is kept in `unknown` and its error pushed to `malformed`,
/// and the rest is read; an unknown child in the element's own namespace
/// is kept and reported, one in another namespace kept; stray text is kept
/// (`Unknown::text`) and reported once (`InvalidText`); attributes of a
/// value child (`child_text`, `child_attr`, `flag`, `texts`: only the value
/// is kept) are reported (`UnexpectedAttribute`), and so is content of a
/// `child_attr` child (XEP-0045 §12: a `<status/>` may gain children),
/// whose attribute is read all the same. Without a `malformed` field every
/// such problem is an error, and without an `unknown` field an unknown child is one
/// too, while unknown attributes (of the element, and of its value
/// children) are ignored: to keep everything, declare `unknown` (and a
/// child with attributes of its own as a payload type).
///
/// The unit an error spoils is the element: a `text` that cannot be read,
/// or a missing required part, makes the element unreadable, and a lenient
/// parent keeps that element whole and reports why.
///
/// Matching goes by field order: an `Option<Element>` or `Vec<Element>`
/// child takes any element, and a choice enum with an `other` variant any
/// element of its namespace, so declare them after the others.
///
/// # Serialization: exact
///
/// Attributes in field order, then the unknown ones (a kept attribute never
/// replaces a field's); the text; children in field order, then the unknown
/// ones. The namespace is declared once, on the payload's element. What is
/// built is written as it is: an `other` value holding a known name, or an
/// `Option<String>` text of `Some("")` (no text), reads back as the known
/// variant, or `None`.
#[proc_macro_derive(Payload, attributes(payload))]
pub fn derive_payload(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    payload::derive(input).unwrap_or_else(syn::Error::into_compile_error).into()
}

/// Derives `jabber_stanza::Value` for an enum of names: each unit variant
/// is a name (the variant in kebab-case, or `#[value(name = "..")]`), and
/// an optional `#[value(other)] Other(String)` keeps any other text as it
/// came (without it, another text is `ValueError::Invalid`). Known names
/// are matched after stripping XML whitespace.
///
/// ```
/// use jabber_stanza::Value;
///
/// /// XEP-0045 §5.1: a role.
/// #[derive(Debug, PartialEq, Value)]
/// enum Role { Moderator, Participant, Visitor, None }
///
/// assert_eq!(Role::from_value("visitor"), Ok(Role::Visitor));
/// assert_eq!(Role::Moderator.to_value(), "moderator");
/// assert!(Role::from_value("chair").is_err());
/// ```
#[proc_macro_derive(Value, attributes(value))]
pub fn derive_value(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    value::derive(input).unwrap_or_else(syn::Error::into_compile_error).into()
}
