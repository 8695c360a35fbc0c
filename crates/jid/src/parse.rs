//! Splitting and preparing an address, RFC 7622 §3.1.

use std::borrow::Cow;
use std::num::NonZeroU16;

use crate::domain;
use crate::error::{Error, Part};
use crate::prep::{self, Form, Profile};

/// The most bytes of one part after preparation (RFC 7622 §3.2–§3.4).
pub(crate) const MAX_PART: usize = 1023;

/// A prepared address: one normalized string and the separators' offsets.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub(crate) s: String,
    pub(crate) at: Option<NonZeroU16>,
    pub(crate) slash: Option<NonZeroU16>,
}

struct Prepared<'a> {
    node: Option<Cow<'a, str>>,
    domain: Cow<'a, str>,
    resource: Option<Cow<'a, str>>,
}

impl Prepared<'_> {
    /// Whether the prepared address is the input as it was.
    fn unchanged(&self, input: &str) -> bool {
        let borrowed = |c: &Option<Cow<'_, str>>| matches!(c, None | Some(Cow::Borrowed(_)));
        borrowed(&self.node)
            && matches!(self.domain, Cow::Borrowed(_))
            && borrowed(&self.resource)
            && self.len() == input.len()
    }

    fn len(&self) -> usize {
        self.node.as_ref().map_or(0, |n| n.len() + 1)
            + self.domain.len()
            + self.resource.as_ref().map_or(0, |r| r.len() + 1)
    }
}

/// Parses and prepares an address, copying it once.
pub(crate) fn parse(input: &str, form: Form) -> Result<Parsed, Error> {
    let (rebuilt, at, slash) = layout(input, form)?;
    Ok(Parsed { s: rebuilt.unwrap_or_else(|| input.to_owned()), at, slash })
}

/// Parses and prepares an address, reusing its allocation when it is
/// already normalized.
pub(crate) fn parse_owned(input: String, form: Form) -> Result<Parsed, Error> {
    let (rebuilt, at, slash) = layout(&input, form)?;
    Ok(Parsed { s: rebuilt.unwrap_or(input), at, slash })
}

/// The prepared address (`None` if it is the input as it was) and the
/// offsets of its `@` and `/`.
type Layout = (Option<String>, Option<NonZeroU16>, Option<NonZeroU16>);

fn layout(input: &str, form: Form) -> Result<Layout, Error> {
    // ASCII has no code point unassigned in Unicode 3.2: the same for both
    // forms.
    if let Some((at, slash)) = normalized_ascii(input.as_bytes()) {
        return Ok((None, at, slash));
    }
    let prepared = prepare(input, form)?;
    let at = prepared.node.as_ref().map(|n| offset(n.len()));
    let slash = prepared
        .resource
        .as_ref()
        .map(|_| offset(prepared.node.as_ref().map_or(0, |n| n.len() + 1) + prepared.domain.len()));
    if prepared.unchanged(input) {
        return Ok((None, at, slash));
    }
    let mut s = String::with_capacity(prepared.len());
    if let Some(node) = &prepared.node {
        s.push_str(node);
        s.push('@');
    }
    s.push_str(&prepared.domain);
    if let Some(resource) = &prepared.resource {
        s.push('/');
        s.push_str(resource);
    }
    Ok((Some(s), at, slash))
}

/// Byte classes for [`normalized_ascii`].
const NODE: u8 = 1; // a byte Nodeprep leaves as it is
const DOMAIN: u8 = 2; // a lower-case letter, digit, hyphen or dot
const RESOURCE: u8 = 4; // a byte Resourceprep leaves as it is
const LETTER: u8 = 8; // a lower-case letter or a hyphen: not a digit
const SEPARATOR: u8 = 16; // '@' or '/'

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0x20;
    while b < 0x7F {
        let c = b as u8;
        t[b] = RESOURCE;
        let node_prohibited = matches!(c, b' ' | b'"' | b'&' | b'\'' | b'/' | b':' | b'<' | b'>' | b'@');
        if !node_prohibited && !c.is_ascii_uppercase() {
            t[b] |= NODE;
        }
        if c.is_ascii_lowercase() || c == b'-' {
            t[b] |= DOMAIN | LETTER;
        }
        if c.is_ascii_digit() || c == b'.' {
            t[b] |= DOMAIN;
        }
        if c == b'@' || c == b'/' {
            t[b] |= SEPARATOR;
        }
        b += 1;
    }
    t
};

/// The bitwise AND of the classes of `bytes` (branch-free, so it compiles
/// to a tight loop).
fn all_classes(bytes: &[u8]) -> u8 {
    bytes.iter().fold(0xFF, |acc, &c| acc & CLASS[c as usize])
}

/// The one-pass check for the common case: an address that is already
/// normalized ASCII (lower-case localpart without prohibited characters, a
/// lower-case LDH domain name that is neither an IP address nor has A-labels
/// or a trailing dot, a printable resourcepart). Each byte is looked at
/// once (the domain twice when there is no localpart). Returns the separator
/// offsets, or `None` when the general path must decide.
fn normalized_ascii(b: &[u8]) -> Option<(Option<NonZeroU16>, Option<NonZeroU16>)> {
    // The first part ends at the first '@' or '/'.
    let mut i = 0;
    let mut node_class = 0xFF;
    while i < b.len() {
        let class = CLASS[b[i] as usize];
        if class & SEPARATOR != 0 {
            break;
        }
        node_class &= class;
        i += 1;
    }
    let at = if i < b.len() && b[i] == b'@' {
        if i == 0 || i > MAX_PART || node_class & NODE == 0 {
            return None;
        }
        Some(i)
    } else {
        None
    };
    let domain_start = at.map_or(0, |a| a + 1);
    let end = domain_start + ldh_domain_len(&b[domain_start..])?;
    if end - domain_start > MAX_PART {
        return None;
    }
    let slash = if end < b.len() {
        let resource = &b[end + 1..];
        if resource.is_empty() || resource.len() > MAX_PART || all_classes(resource) & RESOURCE == 0 {
            return None;
        }
        Some(end)
    } else {
        None
    };
    Some((at.map(offset), slash.map(offset)))
}

/// The length of the domain name at the start of `b` (up to a '/' or the
/// end) if it is lower-case LDH labels of 1 to 63 bytes, with no hyphen at
/// either end of a label nor in its positions 3 and 4 (which also excludes
/// A-labels), no trailing dot, and a letter or hyphen somewhere (an
/// all-digit name is an IPv4 address or invalid).
fn ldh_domain_len(b: &[u8]) -> Option<usize> {
    let (mut i, mut label_start, mut every, mut some) = (0, 0, 0xFF, 0);
    while i < b.len() {
        let class = CLASS[b[i] as usize];
        if class & SEPARATOR != 0 {
            break;
        }
        every &= class;
        some |= class;
        if b[i] == b'.' {
            if !is_ldh_label(&b[label_start..i]) {
                return None;
            }
            label_start = i + 1;
        }
        i += 1;
    }
    let ends_well = i == b.len() || b[i] == b'/';
    (ends_well && every & DOMAIN != 0 && some & LETTER != 0 && is_ldh_label(&b[label_start..i])).then_some(i)
}

/// One label of [`ldh_domain_len`]: 1 to 63 bytes, no hyphen at either end
/// nor in positions 3 and 4.
fn is_ldh_label(l: &[u8]) -> bool {
    !l.is_empty() && l.len() <= 63 && l[0] != b'-' && l[l.len() - 1] != b'-' && !(l.len() >= 4 && &l[2..4] == b"--")
}

/// A separator offset; parts are at most 1023 bytes, so it fits and is
/// never zero (parts are never empty).
fn offset(n: usize) -> NonZeroU16 {
    NonZeroU16::new(u16::try_from(n).expect("parts are at most 1023 bytes")).expect("parts are never empty")
}

fn prepare(input: &str, form: Form) -> Result<Prepared<'_>, Error> {
    // RFC 7622 §3.1: the first '/' starts the resourcepart; the first '@'
    // before it ends the localpart.
    let (address, resource) = match input.find('/') {
        Some(i) => (&input[..i], Some((&input[i + 1..], i + 1))),
        None => (input, None),
    };
    let (node, domain) = match address.find('@') {
        Some(i) => (Some(&address[..i]), &address[i + 1..]),
        None => (None, address),
    };
    let node = node
        .map(|n| {
            if n.is_empty() {
                return Err(Error::Empty(Part::Local));
            }
            prepare_part(n, 0, Profile::Node, form)
        })
        .transpose()?;
    if domain.is_empty() {
        return Err(Error::Empty(Part::Domain));
    }
    // IDNA2008 has one rule for registration and lookup: no `form`.
    let domain = domain::prepare(domain)?;
    check_len(Part::Domain, &domain)?;
    let resource = resource
        .map(|(r, base)| {
            if r.is_empty() {
                return Err(Error::Empty(Part::Resource));
            }
            prepare_part(r, base, Profile::Resource, form)
        })
        .transpose()?;
    Ok(Prepared { node, domain, resource })
}

fn prepare_part(s: &str, base: usize, profile: Profile, form: Form) -> Result<Cow<'_, str>, Error> {
    let part = match profile {
        Profile::Node => Part::Local,
        Profile::Resource => Part::Resource,
    };
    let prepared = if profile.is_prepared_ascii(s) {
        Cow::Borrowed(s)
    } else if profile == Profile::Node && s.is_ascii() && profile.is_prepared_ascii(&s.to_ascii_lowercase()) {
        // For ASCII, Nodeprep's case folding is lower-casing and NFKC
        // changes nothing.
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Owned(prep::prepare(s, base, profile, form)?)
    };
    if prepared.is_empty() {
        // Everything was mapped to nothing (e.g. only soft hyphens).
        return Err(Error::Empty(part));
    }
    check_len(part, &prepared)?;
    Ok(prepared)
}

fn check_len(part: Part, s: &str) -> Result<(), Error> {
    if s.len() > MAX_PART { Err(Error::TooLong { part, len: s.len() }) } else { Ok(()) }
}

/// Prepares a localpart alone.
pub(crate) fn prepare_node(s: &str, form: Form) -> Result<Cow<'_, str>, Error> {
    if s.is_empty() {
        return Err(Error::Empty(Part::Local));
    }
    prepare_part(s, 0, Profile::Node, form)
}

/// Prepares a resourcepart alone.
pub(crate) fn prepare_resource(s: &str, form: Form) -> Result<Cow<'_, str>, Error> {
    if s.is_empty() {
        return Err(Error::Empty(Part::Resource));
    }
    prepare_part(s, 0, Profile::Resource, form)
}

/// Prepares a domainpart alone; IDNA2008 has one rule for registration and
/// lookup, so `form` changes nothing.
pub(crate) fn prepare_domain(s: &str, _form: Form) -> Result<Cow<'_, str>, Error> {
    if s.is_empty() {
        return Err(Error::Empty(Part::Domain));
    }
    let d = domain::prepare(s)?;
    check_len(Part::Domain, &d)?;
    Ok(d)
}

/// Checks a prepared address against the [`Form::Stored`] form: the first
/// code point unassigned in Unicode 3.2 in its localpart or resourcepart
/// (the domainpart follows IDNA2008, the same in both forms), with its
/// offset in `s`.
pub(crate) fn check_stored(s: &str, at: Option<NonZeroU16>, slash: Option<NonZeroU16>) -> Result<(), Error> {
    if s.is_ascii() {
        return Ok(());
    }
    let first_unassigned = |part: Part, start: usize, end: usize| {
        s[start..end]
            .char_indices()
            .find(|&(_, c)| stringprep::tables::unassigned_code_point(c))
            .map_or(Ok(()), |(i, ch)| Err(Error::Unassigned { part, ch, offset: start + i }))
    };
    if let Some(at) = at {
        first_unassigned(Part::Local, 0, at.get() as usize)?;
    }
    if let Some(slash) = slash {
        first_unassigned(Part::Resource, slash.get() as usize + 1, s.len())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_path_takes_normalized_ascii() {
        for ok in
            ["a@b.c", "juliet@example.com/Balcony Room", "example.com", "example.com/r", "a-b.c-d", "x.y9", "1a.com"]
        {
            assert!(normalized_ascii(ok.as_bytes()).is_some(), "{ok}");
        }
        for slow in [
            "A@b.c",
            "a@B.c",
            "a@b.c.",
            "a@b..c",
            "a@-b.c",
            "a@b-.c",
            "a@ab--c.d",
            "a@xn--mnchen-3ya.de",
            "1.2.3.4",
            "a@[::1]",
            "a@b/",
            "@b",
            "a@",
            "a b@c",
            "a@b/\t",
            "a@b_c",
            "a@b@c",
            "caf\u{e9}@x.y",
        ] {
            assert!(normalized_ascii(slow.as_bytes()).is_none(), "{slow}");
        }
        // The benchmark corpus of normalized ASCII addresses all takes it.
        for line in include_str!("../../../benches/data/jids-ascii.txt").lines() {
            assert!(normalized_ascii(line.as_bytes()).is_some(), "{line}");
        }
    }
}
