//! Splitting and preparing an address, RFC 7622 §3.1.

use std::borrow::Cow;
use std::num::NonZeroU16;

use crate::domain;
use crate::error::{Error, Part};
use crate::prep::{self, Profile};

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
pub(crate) fn parse(input: &str) -> Result<Parsed, Error> {
    let (rebuilt, at, slash) = layout(input)?;
    Ok(Parsed { s: rebuilt.unwrap_or_else(|| input.to_owned()), at, slash })
}

/// Parses and prepares an address, reusing its allocation when it is
/// already normalized.
pub(crate) fn parse_owned(input: String) -> Result<Parsed, Error> {
    let (rebuilt, at, slash) = layout(&input)?;
    Ok(Parsed { s: rebuilt.unwrap_or(input), at, slash })
}

/// The prepared address (`None` if it is the input as it was) and the
/// offsets of its `@` and `/`.
type Layout = (Option<String>, Option<NonZeroU16>, Option<NonZeroU16>);

fn layout(input: &str) -> Result<Layout, Error> {
    let prepared = prepare(input)?;
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

/// A separator offset; parts are at most 1023 bytes, so it fits and is
/// never zero (parts are never empty).
fn offset(n: usize) -> NonZeroU16 {
    NonZeroU16::new(u16::try_from(n).expect("parts are at most 1023 bytes")).expect("parts are never empty")
}

fn prepare(input: &str) -> Result<Prepared<'_>, Error> {
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
            prepare_part(n, 0, Profile::Node)
        })
        .transpose()?;
    if domain.is_empty() {
        return Err(Error::Empty(Part::Domain));
    }
    let domain = domain::prepare(domain)?;
    check_len(Part::Domain, &domain)?;
    let resource = resource
        .map(|(r, base)| {
            if r.is_empty() {
                return Err(Error::Empty(Part::Resource));
            }
            prepare_part(r, base, Profile::Resource)
        })
        .transpose()?;
    Ok(Prepared { node, domain, resource })
}

fn prepare_part(s: &str, base: usize, profile: Profile) -> Result<Cow<'_, str>, Error> {
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
        Cow::Owned(prep::prepare(s, base, profile)?)
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
pub(crate) fn prepare_node(s: &str) -> Result<Cow<'_, str>, Error> {
    if s.is_empty() {
        return Err(Error::Empty(Part::Local));
    }
    prepare_part(s, 0, Profile::Node)
}

/// Prepares a resourcepart alone.
pub(crate) fn prepare_resource(s: &str) -> Result<Cow<'_, str>, Error> {
    if s.is_empty() {
        return Err(Error::Empty(Part::Resource));
    }
    prepare_part(s, 0, Profile::Resource)
}

/// Prepares a domainpart alone.
pub(crate) fn prepare_domain(s: &str) -> Result<Cow<'_, str>, Error> {
    if s.is_empty() {
        return Err(Error::Empty(Part::Domain));
    }
    let d = domain::prepare(s)?;
    check_len(Part::Domain, &d)?;
    Ok(d)
}
