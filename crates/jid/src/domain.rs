//! Preparation of the domainpart, RFC 7622 §3.2: IP literals, and
//! internationalized domain names through UTS #46 / IDNA2008, in Unicode
//! form (U-labels) for comparison.

use std::borrow::Cow;
use std::net::{Ipv4Addr, Ipv6Addr};

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};

use crate::error::{Error, IdnaErrorKind, Part};

/// Prepares a domainpart: one trailing dot removed, IP literals in
/// canonical form, domain names mapped by UTS #46 and checked against
/// IDNA2008, in Unicode form.
pub(crate) fn prepare(s: &str) -> Result<Cow<'_, str>, Error> {
    // RFC 7622 §3.2: one trailing dot is removed before anything else.
    let s = s.strip_suffix('.').unwrap_or(s);
    if s.is_empty() {
        return Err(Error::Empty(Part::Domain));
    }
    if let Some(inner) = s.strip_prefix('[') {
        let addr = inner
            .strip_suffix(']')
            .and_then(|a| a.parse::<Ipv6Addr>().ok())
            .ok_or_else(|| Error::InvalidIp(s.to_owned()))?;
        return Ok(if displays_as(&addr, &s[1..s.len() - 1]) {
            Cow::Borrowed(s)
        } else {
            Cow::Owned(format!("[{addr}]"))
        });
    }
    if is_numeric(s) {
        return ipv4(s).map(|canonical| canonical.map_or(Cow::Borrowed(s), Cow::Owned));
    }
    if is_prepared_ascii(s) {
        return Ok(Cow::Borrowed(s));
    }
    if s.is_ascii() {
        // UTS #46 maps ASCII upper case to lower case and nothing else.
        let lower = s.to_ascii_lowercase();
        if is_prepared_ascii(&lower) {
            return Ok(Cow::Owned(lower));
        }
    }
    let uts46 = Uts46::new();
    let (unicode, result) = uts46.to_unicode(s.as_bytes(), AsciiDenyList::STD3, Hyphens::Check);
    if result.is_err() {
        return Err(classify(s, &unicode));
    }
    if is_numeric(&unicode) {
        // Mapped to digits and dots (e.g. full-width digits or `³`): the
        // same rule as for ASCII input, so that preparing is idempotent.
        return ipv4(&unicode).map(|canonical| Cow::Owned(canonical.unwrap_or_else(|| unicode.into_owned())));
    }
    // A-label length (RFC 5890 §2.3.2.1: at most 63 octets per label).
    for (i, label) in unicode.split('.').enumerate() {
        if label.is_ascii() {
            check_ascii_label(label, i)?;
            continue;
        }
        // Skip the encoding when no A-label of this label can exceed 63
        // octets. In Punycode (RFC 3492) a delta is below 64 * 0x110000 <
        // 10^8, and each non-final digit multiplies the weight by at least
        // 36 - 26 = 10, so a non-ASCII code point costs at most 9 characters;
        // ASCII ones cost 1, plus "xn--" and the delimiter.
        let (ascii, non_ascii) =
            label.chars().fold((0, 0), |(a, n), c| if c.is_ascii() { (a + 1, n) } else { (a, n + 1) });
        if 5 + ascii + 9 * non_ascii <= 63 {
            continue;
        }
        let ascii = uts46
            .to_ascii(label.as_bytes(), AsciiDenyList::STD3, Hyphens::Check, DnsLength::Ignore)
            .map_err(|_| Error::Idna { kind: IdnaErrorKind::ContextRule, label: i })?;
        if ascii.len() > 63 {
            return Err(Error::Idna { kind: IdnaErrorKind::LabelTooLong { len: ascii.len() }, label: i });
        }
    }
    Ok(Cow::Owned(unicode.into_owned()))
}

/// Only digits and dots: an IPv4 address or nothing (no top-level domain
/// is all digits).
fn is_numeric(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// Checks an IPv4 address; `Some` with its canonical form if `s` is not that.
fn ipv4(s: &str) -> Result<Option<String>, Error> {
    let addr: Ipv4Addr = s.parse().map_err(|_| Error::InvalidIp(s.to_owned()))?;
    Ok((!displays_as(&addr, s)).then(|| addr.to_string()))
}

/// Whether `value` displays exactly as `s`, without allocating.
fn displays_as(value: &impl std::fmt::Display, s: &str) -> bool {
    use std::io::Write;
    let mut buf = [0u8; 64];
    let mut cursor = std::io::Cursor::new(&mut buf[..]);
    if write!(cursor, "{value}").is_err() {
        return false;
    }
    let len = cursor.position() as usize;
    &buf[..len] == s.as_bytes()
}

/// Whether `s` is already a prepared domain: lower-case LDH labels that
/// UTS #46 leaves as they are (no A-labels, which become U-labels).
pub(crate) fn is_prepared_ascii(s: &str) -> bool {
    !s.is_empty()
        && s.split('.').all(|label| {
            let b = label.as_bytes();
            !b.is_empty()
                && b.len() <= 63
                && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
                && b[0] != b'-'
                && b[b.len() - 1] != b'-'
                && !(b.len() >= 4 && &b[2..4] == b"--")
        })
}

/// The IDNA2008 rules for an ASCII label (after UTS #46 mapping).
fn check_ascii_label(label: &str, i: usize) -> Result<(), Error> {
    let err = |kind| Err(Error::Idna { kind, label: i });
    if label.is_empty() {
        return err(IdnaErrorKind::EmptyLabel);
    }
    if let Some(ch) = label.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-')) {
        return err(IdnaErrorKind::NotLdh { ch });
    }
    if label.len() > 63 {
        return err(IdnaErrorKind::LabelTooLong { len: label.len() });
    }
    let b = label.as_bytes();
    if b[0] == b'-' || b[b.len() - 1] == b'-' {
        return err(IdnaErrorKind::Hyphen);
    }
    if b.len() >= 4 && &b[2..4] == b"--" {
        return if b[..2].eq_ignore_ascii_case(b"xn") {
            err(IdnaErrorKind::InvalidPunycode)
        } else {
            err(IdnaErrorKind::Hyphen)
        };
    }
    Ok(())
}

/// Says why UTS #46 refused `input`: the first failing label, and the most
/// specific reason that can be told (the idna crate reports only that
/// something failed).
fn classify(input: &str, marked: &str) -> Error {
    let uts46 = Uts46::new();
    let valid = |s: &str| uts46.to_unicode(s.as_bytes(), AsciiDenyList::STD3, Hyphens::Check).1.is_ok();
    let labels: Vec<&str> = input.split('.').collect();
    // UTS #46 marks the labels it refused with U+FFFD; fall back to the
    // first label that fails on its own.
    let index = marked
        .split('.')
        .position(|l| l.contains('\u{FFFD}'))
        .filter(|&i| i < labels.len() && !valid(labels[i]))
        .or_else(|| labels.iter().position(|l| !valid(l)))
        .unwrap_or(0);
    let label = labels.get(index).copied().unwrap_or("");
    let kind = if label.is_empty() {
        IdnaErrorKind::EmptyLabel
    } else if label.is_ascii() {
        let lower = label.to_ascii_lowercase();
        match check_ascii_label(&lower, index) {
            Err(Error::Idna { kind, .. }) => kind,
            _ if lower.starts_with("xn--") => IdnaErrorKind::InvalidPunycode,
            _ => IdnaErrorKind::ContextRule,
        }
    } else if let Some(ch) = label.chars().find(|&c| is_disallowed(c)) {
        IdnaErrorKind::DisallowedCharacter { ch }
    } else if label.chars().any(stringprep::tables::bidi_r_or_al) {
        IdnaErrorKind::Bidi
    } else if label.starts_with('-') || label.ends_with('-') {
        IdnaErrorKind::Hyphen
    } else {
        IdnaErrorKind::ContextRule
    };
    Error::Idna { kind, label: index }
}

/// Whether UTS #46 refuses `c` wherever it stands: alone, and after a
/// letter (so that a combining mark, refused only at the start of a label,
/// is not called disallowed). Joiners are contextual, not disallowed.
fn is_disallowed(c: char) -> bool {
    if matches!(c, '\u{200C}' | '\u{200D}') {
        return false;
    }
    let uts46 = Uts46::new();
    let refuses = |s: &str| uts46.to_unicode(s.as_bytes(), AsciiDenyList::STD3, Hyphens::Allow).1.is_err();
    let mut buf = [0u8; 4];
    let alone = c.encode_utf8(&mut buf);
    refuses(alone) && refuses(&format!("a{c}")) && refuses(&format!("\u{5D0}{c}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> IdnaErrorKind {
        match prepare(s) {
            Err(Error::Idna { kind, .. }) => kind,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn normalizes() {
        assert_eq!(prepare("example.com").unwrap(), "example.com");
        assert!(matches!(prepare("example.com").unwrap(), Cow::Borrowed(_)));
        assert_eq!(prepare("Example.COM.").unwrap(), "example.com");
        assert_eq!(prepare("xn--mnchen-3ya.de").unwrap(), "münchen.de");
        assert_eq!(prepare("MÜNCHEN.de").unwrap(), "münchen.de");
        assert_eq!(prepare("example\u{3002}com").unwrap(), "example.com", "ideographic full stop");
        assert_eq!(prepare("[::1]").unwrap(), "[::1]");
        assert_eq!(prepare("[0:0:0:0:0:0:0:1]").unwrap(), "[::1]");
        assert_eq!(prepare("[2001:DB8::1]").unwrap(), "[2001:db8::1]");
        assert_eq!(prepare("192.0.2.1").unwrap(), "192.0.2.1");
        assert_eq!(prepare("192.0.2.1.").unwrap(), "192.0.2.1");
    }

    #[test]
    fn errors_are_classified() {
        assert_eq!(kind("example..com"), IdnaErrorKind::EmptyLabel);
        assert_eq!(kind("example.com.."), IdnaErrorKind::EmptyLabel);
        assert_eq!(kind(".example.com"), IdnaErrorKind::EmptyLabel);
        assert_eq!(kind(&format!("{}.com", "a".repeat(64))), IdnaErrorKind::LabelTooLong { len: 64 });
        // A Unicode label is measured in its A-label form.
        // 23 CJK ideographs 97 code points apart: a 66-octet A-label; 22: 63.
        let label = |n: u32| (0..n).map(|i| char::from_u32(0x4E00 + i * 97).unwrap()).collect::<String>();
        assert_eq!(kind(&format!("{}.jp", label(23))), IdnaErrorKind::LabelTooLong { len: 66 });
        assert!(prepare(&format!("{}.jp", label(22))).is_ok());
        assert_eq!(kind("-example.com"), IdnaErrorKind::Hyphen);
        assert_eq!(kind("example-.com"), IdnaErrorKind::Hyphen);
        assert_eq!(kind("ab--cd.com"), IdnaErrorKind::Hyphen);
        assert_eq!(kind("under_score.com"), IdnaErrorKind::NotLdh { ch: '_' });
        assert_eq!(kind("xn--a.com"), IdnaErrorKind::InvalidPunycode);
        assert_eq!(kind("exa\u{2FF0}mple.com"), IdnaErrorKind::DisallowedCharacter { ch: '\u{2FF0}' });
        assert_eq!(kind("a\u{80}.com"), IdnaErrorKind::DisallowedCharacter { ch: '\u{80}' });
        // UTS #46 keeps symbols that IDNA2008 disallows (the NV8 set).
        assert_eq!(prepare("exa\u{2620}mple.com").unwrap(), "exa\u{2620}mple.com");
        assert_eq!(kind("\u{5D0}a.com"), IdnaErrorKind::Bidi);
        assert_eq!(kind("\u{300}a.com"), IdnaErrorKind::ContextRule);
        assert!(matches!(prepare("[::g]"), Err(Error::InvalidIp(_))));
        assert!(matches!(prepare("[::1"), Err(Error::InvalidIp(_))));
        assert!(matches!(prepare("1.2.3.999"), Err(Error::InvalidIp(_))));
        assert!(matches!(prepare("1.2.3"), Err(Error::InvalidIp(_))));
        assert_eq!(prepare("."), Err(Error::Empty(Part::Domain)));
    }
}
