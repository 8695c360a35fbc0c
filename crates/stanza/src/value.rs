//! Values: the types a payload reads from an attribute or from character
//! data, and writes back ([`Value`]).
//!
//! Implemented here for `String`, `bool` (XML Schema `boolean`), the integer
//! types (XML Schema `integer` forms), and the address types of `jabber-jid`.
//! `#[derive(Value)]` implements it for an enum of names (an attribute such
//! as `subscription='both'`), and [`display`] adapts any type with `FromStr`
//! and `Display`.
//!
//! Booleans and numbers are read after stripping leading and trailing XML
//! whitespace, as XML Schema's `whiteSpace="collapse"` facet says for them
//! (XML Schema Part 2 §4.3.6); strings and addresses are read exactly as
//! they came (a resourcepart may end in a space, RFC 7622 §3.4).

use std::borrow::Cow;

use jabber_jid::{BareJid, DomainPart, FullJid, Jid, NodePart, ResourcePart};
use jabber_stream::XmlStr;

/// Why a text could not be read as a [`Value`]; the payload's parser turns it
/// into an [`Error`](crate::Error) that names the element and the attribute
/// or child ([`Error::InvalidAttribute`](crate::Error::InvalidAttribute),
/// [`Error::InvalidText`](crate::Error::InvalidText) or
/// [`Error::InvalidJid`](crate::Error::InvalidJid)).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValueError {
    /// Not a value of the type (not a number, not one of the names, ...).
    #[error("not a value of the type")]
    Invalid,
    /// Not an address (RFC 7622).
    #[error("not an address: {0}")]
    Jid(jabber_jid::Error),
}

/// A type read from an attribute value or from character data, and written
/// back as text: what `#[payload(attr)]`, `#[payload(text)]`,
/// `#[payload(child_text)]` and `#[payload(child_attr)]` fields hold.
///
/// ```
/// use jabber_stanza::{Value, ValueError};
/// assert_eq!(u32::from_value(" 36 "), Ok(36));
/// assert_eq!(bool::from_value("1"), Ok(true));
/// assert_eq!(bool::from_value("yes"), Err(ValueError::Invalid));
/// assert_eq!(true.to_value(), "true");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from an attribute or from text",
    label = "not a `jabber_stanza::Value`",
    note = "derive `Value` for an enum of names, implement `jabber_stanza::Value`, \
            or add `with = jabber_stanza::value::display` for a type with `FromStr` and `Display`"
)]
pub trait Value: Sized {
    /// Reads a value from the text of an attribute or element.
    fn from_value(text: &str) -> Result<Self, ValueError>;

    /// The value as text.
    fn to_value(&self) -> Cow<'_, str>;

    /// The value as an attribute value. The default copies
    /// [`to_value`](Value::to_value); a value that is one of a few fixed
    /// names (an enum, a boolean) returns it without allocating.
    fn to_xml_str(&self) -> XmlStr {
        XmlStr::from(self.to_value().into_owned())
    }
}

/// XML whitespace (XML 1.0 §2.3 `S`), which XML Schema's `collapse` strips.
fn collapse(text: &str) -> &str {
    text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

impl Value for String {
    fn from_value(text: &str) -> Result<Self, ValueError> {
        Ok(text.to_owned())
    }
    fn to_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

/// XML Schema `boolean` (Part 2 §3.2.2): `true`, `false`, `1`, `0`; written
/// as `true` or `false`.
impl Value for bool {
    fn from_value(text: &str) -> Result<Self, ValueError> {
        match collapse(text) {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(ValueError::Invalid),
        }
    }
    fn to_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
    fn to_xml_str(&self) -> XmlStr {
        XmlStr::from(if *self { "true" } else { "false" })
    }
}

macro_rules! integer_values {
    ($($ty:ty),*) => {$(
        /// An XML Schema integer form (Part 2 §3.3.13): decimal digits with
        /// an optional sign; out of range is invalid.
        impl Value for $ty {
            fn from_value(text: &str) -> Result<Self, ValueError> {
                collapse(text).parse().map_err(|_| ValueError::Invalid)
            }
            fn to_value(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}

integer_values!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

macro_rules! address_values {
    ($($ty:ty),*) => {$(
        /// An address or address part (RFC 7622), parsed with query
        /// semantics, exactly as it came.
        impl Value for $ty {
            fn from_value(text: &str) -> Result<Self, ValueError> {
                <$ty>::new(text).map_err(ValueError::Jid)
            }
            fn to_value(&self) -> Cow<'_, str> {
                Cow::Borrowed(self.as_str())
            }
        }
    )*};
}

address_values!(Jid, BareJid, FullJid, NodePart, DomainPart, ResourcePart);

/// A `with` adapter for a type with `FromStr` and `Display`:
/// `#[payload(attr, with = jabber_stanza::value::display)]`. Any parse
/// error is [`ValueError::Invalid`]; the text is read as it came.
///
/// ```
/// use jabber_stanza::value::display;
/// let ip: std::net::Ipv4Addr = display::from_value("127.0.0.1")?;
/// assert_eq!(display::to_value(&ip), "127.0.0.1");
/// # Ok::<(), jabber_stanza::ValueError>(())
/// ```
pub mod display {
    use std::borrow::Cow;
    use std::fmt::Display;
    use std::str::FromStr;

    use super::ValueError;

    /// Reads with `FromStr`.
    pub fn from_value<T: FromStr>(text: &str) -> Result<T, ValueError> {
        text.parse().map_err(|_| ValueError::Invalid)
    }

    /// Writes with `Display`.
    pub fn to_value<T: Display>(value: &T) -> Cow<'static, str> {
        Cow::Owned(value.to_string())
    }
}

/// A `with` adapter that reads a [`Value`] after stripping the XML
/// whitespace around it (pretty-printed text such as `<jid>\n  a@b/c\n</jid>`)
/// and writes it as [`Value`] does: `#[payload(child_text, with =
/// jabber_stanza::value::collapsed)]`. For values that cannot begin or end
/// with whitespace.
pub mod collapsed {
    use std::borrow::Cow;

    use super::{Value, ValueError};

    /// Reads with [`Value::from_value`] after stripping XML whitespace.
    pub fn from_value<T: Value>(text: &str) -> Result<T, ValueError> {
        T::from_value(super::collapse(text))
    }

    /// Writes with [`Value::to_value`].
    pub fn to_value<T: Value>(value: &T) -> Cow<'_, str> {
        value.to_value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_are_xml_schema_booleans() {
        for (text, value) in [("true", true), ("1", true), (" false\n", false), ("0", false)] {
            assert_eq!(bool::from_value(text), Ok(value), "{text:?}");
        }
        for text in ["True", "yes", "", "2"] {
            assert_eq!(bool::from_value(text), Err(ValueError::Invalid), "{text:?}");
        }
    }

    #[test]
    fn integers_collapse_whitespace_and_refuse_overflow() {
        assert_eq!(u8::from_value("\t255 "), Ok(255));
        assert_eq!(u8::from_value("256"), Err(ValueError::Invalid));
        assert_eq!(i32::from_value("-7"), Ok(-7));
        assert_eq!(u32::from_value("3 6"), Err(ValueError::Invalid));
    }

    #[test]
    fn strings_are_kept_as_they_came() {
        assert_eq!(String::from_value(" a "), Ok(" a ".to_owned()));
    }

    #[test]
    fn addresses_report_why_they_are_invalid() {
        assert!(matches!(Jid::from_value("a@b@c"), Err(ValueError::Jid(_))));
        assert_eq!(FullJid::from_value("juliet@example.com/balcony").unwrap().as_str(), "juliet@example.com/balcony");
        assert!(FullJid::from_value(" juliet@example.com/balcony").is_err());
        assert_eq!(ResourcePart::from_value("balcony ").unwrap().as_str(), "balcony ");
    }
}
