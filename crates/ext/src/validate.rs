//! XEP-0122: Data Forms Validation, version 1.0.2.
//!
//! A `<validate/>` element in a data form field (XEP-0004) gives the
//! datatype of its values and a rule: `<basic/>` (the datatype only),
//! `<open/>` (a list field that also takes values not among its options),
//! `<range min max/>`, `<regex/>`; and `<list-range min max/>` for how many
//! values a multi-valued field takes (§3). [`Validate::check`] applies it
//! to a value: the datatypes of the XEP's registry (§7) are checked by
//! their XML Schema lexical forms, an unknown datatype as `xs:string` and
//! an unknown method as `<basic/>` (§3.3, as the XEP says).
//!
//! ```
//! use jabber_ext::validate::{Datatype, Validate, Violation};
//! use jabber_stanza::Payload;
//!
//! // XEP-0122 Example 4: a range.
//! let v = Validate::parse(&"<validate xmlns='http://jabber.org/protocol/xdata-validate' \
//!     datatype='xs:integer'><range min='1' max='10'/></validate>".parse()?)?;
//! assert_eq!(v.datatype(), &Datatype::Integer);
//! assert_eq!(v.check("5"), Ok(()));
//! assert_eq!(v.check("11"), Err(Violation::OutOfRange));
//! assert_eq!(v.check("five"), Err(Violation::Datatype(Datatype::Integer)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use jabber_stanza::{Error, Payload, Unknown, Value};

use crate::datetime::{Date, DateTime, Time};
use crate::ns;

/// The `datatype` of the values (XEP-0122 §3.1, registry §7); absent: `xs:string`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum Datatype {
    /// `xs:anyURI`.
    #[value(name = "xs:anyURI")]
    AnyUri,
    /// `xs:byte`: -128 to 127.
    #[value(name = "xs:byte")]
    Byte,
    /// `xs:date`.
    #[value(name = "xs:date")]
    Date,
    /// `xs:dateTime`.
    #[value(name = "xs:dateTime")]
    DateTime,
    /// `xs:decimal`.
    #[value(name = "xs:decimal")]
    Decimal,
    /// `xs:double`.
    #[value(name = "xs:double")]
    Double,
    /// `xs:int`: 32 bits.
    #[value(name = "xs:int")]
    Int,
    /// `xs:integer`: any size.
    #[value(name = "xs:integer")]
    Integer,
    /// `xs:language`: a language tag.
    #[value(name = "xs:language")]
    Language,
    /// `xs:long`: 64 bits.
    #[value(name = "xs:long")]
    Long,
    /// `xs:short`: 16 bits.
    #[value(name = "xs:short")]
    Short,
    /// `xs:string` (the default).
    #[value(name = "xs:string")]
    String,
    /// `xs:time`.
    #[value(name = "xs:time")]
    Time,
    /// Another datatype (`x:` user-defined ones, XML Schema types outside
    /// the registry), as it came; validated as `xs:string` (§3.1).
    #[value(other)]
    Other(std::string::String),
}

/// The validation method (XEP-0122 §3.2).
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(ns = ns::DATA_VALIDATE)]
pub enum Method {
    /// `<basic/>`: the datatype only.
    Basic,
    /// `<open/>`: a list field that takes values beside its options.
    Open,
    /// `<range min max/>`: within bounds of the datatype (inclusive).
    Range {
        /// `min`.
        #[payload(attr)]
        min: Option<String>,
        /// `max`.
        #[payload(attr)]
        max: Option<String>,
    },
    /// `<regex/>`: a regular expression (XML Schema syntax) a value matches whole.
    Regex {
        /// The expression.
        #[payload(text)]
        pattern: String,
    },
}

/// `<list-range min max/>`: how many values a field takes (XEP-0122 §3.3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Payload)]
#[payload(name = "list-range", ns = ns::DATA_VALIDATE)]
pub struct ListRange {
    /// `min`.
    #[payload(attr)]
    pub min: Option<u32>,
    /// `max`.
    #[payload(attr)]
    pub max: Option<u32>,
}

impl ListRange {
    /// Whether `count` values are allowed.
    pub fn admits(&self, count: usize) -> bool {
        let count = u64::try_from(count).unwrap_or(u64::MAX);
        self.min.is_none_or(|min| count >= u64::from(min)) && self.max.is_none_or(|max| count <= u64::from(max))
    }
}

/// `<validate/>` (XEP-0122 §3).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "validate", ns = ns::DATA_VALIDATE)]
pub struct Validate {
    /// `datatype` (absent: `xs:string`).
    #[payload(attr)]
    pub datatype: Option<Datatype>,
    /// The method (absent: `<basic/>`).
    #[payload(child)]
    pub method: Option<Method>,
    /// `<list-range/>`.
    #[payload(child)]
    pub list_range: Option<ListRange>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// Which rule of a `<validate/>` a value breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Violation {
    /// Not of the datatype.
    #[error("not a value of {0:?}")]
    Datatype(Datatype),
    /// Outside `<range/>`.
    #[error("out of range")]
    OutOfRange,
    /// Does not match `<regex/>`.
    #[error("does not match the regular expression")]
    NoMatch,
}

/// The longest regular expression compiled from a form (a peer's input):
/// longer ones validate as `<basic/>`.
const MAX_REGEX: usize = 4096;

impl Validate {
    /// The datatype, `xs:string` when absent.
    pub fn datatype(&self) -> &Datatype {
        self.datatype.as_ref().unwrap_or(&Datatype::String)
    }

    /// Whether the method is `<open/>`.
    pub fn is_open(&self) -> bool {
        matches!(self.method, Some(Method::Open))
    }

    /// Checks one value: its datatype, then the method's rule. A regular
    /// expression this crate cannot compile (XML Schema syntax beyond what
    /// the `regex` crate reads, or longer than 4096 bytes) is not applied:
    /// the value is checked as `<basic/>` (§3.3).
    pub fn check(&self, value: &str) -> Result<(), Violation> {
        let datatype = self.datatype();
        let number = read(datatype, value).ok_or_else(|| Violation::Datatype(datatype.clone()))?;
        match &self.method {
            Some(Method::Range { min, max }) => {
                let bound = |b: &Option<String>| b.as_deref().and_then(|b| read(datatype, b));
                let (min, max) = (bound(min), bound(max));
                if min.is_some_and(|min| number.cmp_value(&min).is_lt())
                    || max.is_some_and(|max| number.cmp_value(&max).is_gt())
                {
                    return Err(Violation::OutOfRange);
                }
            }
            Some(Method::Regex { pattern }) if pattern.len() <= MAX_REGEX => {
                let anchored = format!("^(?:{pattern})$");
                if let Ok(regex) = regex::RegexBuilder::new(&anchored).size_limit(1 << 20).build()
                    && !regex.is_match(value)
                {
                    return Err(Violation::NoMatch);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// A value read by its datatype, comparable within the datatype for `<range/>`.
enum Read {
    Integer(i128),
    Float(f64),
    /// Dates and times compare as their canonical text; strings as written.
    Text(String),
}

impl Read {
    fn cmp_value(&self, other: &Read) -> std::cmp::Ordering {
        match (self, other) {
            (Read::Integer(a), Read::Integer(b)) => a.cmp(b),
            (Read::Float(a), Read::Float(b)) => a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal),
            (Read::Text(a), Read::Text(b)) => a.cmp(b),
            _ => std::cmp::Ordering::Equal,
        }
    }
}

/// `value` read as `datatype` (XML Schema Part 2 lexical forms, whitespace
/// collapsed for all but strings); `None` when it is not one.
fn read(datatype: &Datatype, value: &str) -> Option<Read> {
    let collapsed = value.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
    let integer = |min: i128, max: i128| {
        let digits = collapsed.strip_prefix(['+', '-']).unwrap_or(collapsed);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        collapsed.parse::<i128>().ok().filter(|n| (min..=max).contains(n)).map(Read::Integer)
    };
    match datatype {
        Datatype::Byte => integer(i8::MIN.into(), i8::MAX.into()),
        Datatype::Short => integer(i16::MIN.into(), i16::MAX.into()),
        Datatype::Int => integer(i32::MIN.into(), i32::MAX.into()),
        Datatype::Long => integer(i64::MIN.into(), i64::MAX.into()),
        // Beyond 128 bits an xs:integer is still one; ranges of such sizes are not compared.
        Datatype::Integer => integer(i128::MIN, i128::MAX).or_else(|| {
            let digits = collapsed.strip_prefix(['+', '-']).unwrap_or(collapsed);
            (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| Read::Text(collapsed.into()))
        }),
        Datatype::Decimal => {
            let unsigned = collapsed.strip_prefix(['+', '-']).unwrap_or(collapsed);
            let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
            let ok = !(int.is_empty() && frac.is_empty())
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| collapsed.parse().ok().map(Read::Float)).flatten()
        }
        Datatype::Double => match collapsed {
            "INF" | "+INF" => Some(Read::Float(f64::INFINITY)),
            "-INF" => Some(Read::Float(f64::NEG_INFINITY)),
            "NaN" => Some(Read::Float(f64::NAN)),
            _ => {
                let lexical = !collapsed.is_empty()
                    && collapsed.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'));
                lexical.then(|| collapsed.parse().ok().map(Read::Float)).flatten()
            }
        },
        Datatype::Date => Date::from_value(collapsed).ok().map(|d| Read::Text(d.to_value().into_owned())),
        Datatype::DateTime => DateTime::from_value(collapsed).ok().map(|d| Read::Text(d.to_value().into_owned())),
        Datatype::Time => Time::from_value(collapsed).ok().map(|t| Read::Text(t.to_value().into_owned())),
        Datatype::Language => language(collapsed).then(|| Read::Text(collapsed.into())),
        Datatype::AnyUri | Datatype::String | Datatype::Other(_) => Some(Read::Text(value.into())),
    }
}

/// XML Schema `language`: `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`.
fn language(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or_default();
    let ok = |p: &str, alpha_only: bool| {
        (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic() || (!alpha_only && b.is_ascii_digit()))
    };
    ok(first, true) && parts.all(|p| ok(p, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validate(datatype: Datatype, method: Option<Method>) -> Validate {
        Validate { datatype: Some(datatype), method, ..Validate::default() }
    }

    #[test]
    fn integer_types_have_their_ranges() {
        let byte = validate(Datatype::Byte, None);
        assert_eq!(byte.check("127"), Ok(()));
        assert_eq!(byte.check("-128"), Ok(()));
        assert_eq!(byte.check("128"), Err(Violation::Datatype(Datatype::Byte)));
        assert_eq!(byte.check("1.0"), Err(Violation::Datatype(Datatype::Byte)));
        let integer = validate(Datatype::Integer, None);
        assert_eq!(integer.check("123456789012345678901234567890123456789012345678901234567890"), Ok(()));
        assert_eq!(integer.check(" +7 "), Ok(()));
        assert_eq!(integer.check("7e3"), Err(Violation::Datatype(Datatype::Integer)));
    }

    #[test]
    fn decimals_doubles_and_languages() {
        let decimal = validate(Datatype::Decimal, None);
        assert_eq!(decimal.check("-1.50"), Ok(()));
        assert_eq!(decimal.check(".5"), Ok(()));
        assert!(decimal.check("1e3").is_err());
        assert!(decimal.check(".").is_err());
        let double = validate(Datatype::Double, None);
        for ok in ["1e3", "-INF", "NaN", "0.5"] {
            assert_eq!(double.check(ok), Ok(()), "{ok}");
        }
        assert!(double.check("inf").is_err());
        let language = validate(Datatype::Language, None);
        assert_eq!(language.check("en-GB"), Ok(()));
        assert!(language.check("en_GB").is_err());
        assert!(language.check("toolongtag").is_err());
    }

    #[test]
    fn ranges_compare_within_the_datatype() {
        let range = validate(Datatype::Int, Some(Method::Range { min: Some("-5".into()), max: Some("10".into()) }));
        assert_eq!(range.check("10"), Ok(()));
        assert_eq!(range.check("-6"), Err(Violation::OutOfRange));
        // Numerically, not as text.
        assert_eq!(range.check("9"), Ok(()));
        let only_min = validate(Datatype::Double, Some(Method::Range { min: Some("0.5".into()), max: None }));
        assert_eq!(only_min.check("0.25"), Err(Violation::OutOfRange));
    }

    #[test]
    fn regexes_match_whole_values_and_unknown_syntax_is_basic() {
        // XEP-0122 Example 5.
        let regex =
            validate(Datatype::String, Some(Method::Regex { pattern: "([0-9]{3})-([0-9]{2})-([0-9]{4})".into() }));
        assert_eq!(regex.check("123-45-6789"), Ok(()));
        assert_eq!(regex.check("x123-45-6789"), Err(Violation::NoMatch));
        // XML Schema character class subtraction: not compiled, so basic.
        let xsd = validate(Datatype::String, Some(Method::Regex { pattern: "[a-z-[aeiou]]+".into() }));
        assert_eq!(xsd.check("anything"), Ok(()));
    }

    #[test]
    fn list_ranges_count_values() {
        let range = ListRange { min: Some(1), max: Some(3) };
        assert!(!range.admits(0));
        assert!(range.admits(3));
        assert!(!range.admits(4));
        assert!(ListRange::default().admits(usize::MAX));
    }
}
