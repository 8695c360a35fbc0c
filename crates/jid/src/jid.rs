//! The address types: [`Jid`], [`BareJid`], [`FullJid`].

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::num::NonZeroU16;
use std::str::FromStr;

use crate::error::Error;
use crate::parse::{self, Parsed};
use crate::parts::{DomainPart, NodePart, ResourcePart};
use crate::prep::Form;

/// An address without a resourcepart: `localpart@domainpart` or `domainpart`.
///
/// One normalized string with the offset of its `@`; fields are private
/// and a value is built only by parsing or from validated parts, so every
/// `BareJid` is valid.
#[derive(Clone)]
pub struct BareJid {
    s: String,
    at: Option<NonZeroU16>,
}

/// An address with a resourcepart: `[localpart@]domainpart/resourcepart`.
#[derive(Clone)]
pub struct FullJid {
    s: String,
    at: Option<NonZeroU16>,
    slash: NonZeroU16,
}

/// Any address: bare or full (RFC 7622 §3).
///
/// Parsing normalizes: the localpart with Nodeprep, the domainpart with
/// IDNA (to its Unicode form), the resourcepart with Resourceprep; equality,
/// ordering and hashing are those of the normalized string.
///
/// Parsing ([`Jid::new`], [`str::parse`], `TryFrom`, serde) takes the
/// address as a stringprep query (RFC 3454 §7), as it should one received
/// from a peer: code points unassigned in Unicode 3.2, such as emoji, are
/// allowed. [`Jid::new_stored`] refuses them, for an address being created
/// (an account, a registered nickname); [`Jid::check_stored`] checks one
/// already parsed.
///
/// ```
/// use jabber_jid::Jid;
/// let jid: Jid = "Juliet@Example.COM/Balcony".parse()?;
/// assert_eq!(jid.node(), Some("juliet"));
/// assert_eq!(jid.domain(), "example.com");
/// assert_eq!(jid.resource(), Some("Balcony"));
/// assert_eq!(jid.to_bare().as_str(), "juliet@example.com");
/// match jid {
///     Jid::Full(full) => assert_eq!(full.resource(), "Balcony"),
///     Jid::Bare(_) => unreachable!(),
/// }
///
/// let occupant: Jid = "room@conference.example.org/\u{1F916}".parse()?;
/// assert_eq!(occupant.resource(), Some("\u{1F916}"));
/// assert!(occupant.check_stored().is_err());
/// assert!(Jid::new_stored("room@conference.example.org/\u{1F916}").is_err());
/// # Ok::<(), jabber_jid::Error>(())
/// ```
#[derive(Clone)]
pub enum Jid {
    /// Without a resourcepart.
    Bare(BareJid),
    /// With a resourcepart.
    Full(FullJid),
}

fn node_of(s: &str, at: Option<NonZeroU16>) -> Option<&str> {
    at.map(|at| &s[..at.get() as usize])
}

fn domain_start(at: Option<NonZeroU16>) -> usize {
    at.map_or(0, |at| at.get() as usize + 1)
}

impl BareJid {
    /// Parses and normalizes a bare JID as a query (RFC 3454 §7): code
    /// points unassigned in Unicode 3.2 are allowed (see [`Jid`]). An
    /// address with a resourcepart is [`Error::ResourceNotAllowed`].
    pub fn new(s: &str) -> Result<Self, Error> {
        Self::from_parsed(parse::parse(s, Form::Query)?)
    }

    /// Parses and normalizes a bare JID as a stored string (RFC 3454 §7),
    /// for an account being created: a code point unassigned in Unicode 3.2
    /// in the localpart is [`Error::Unassigned`]. Otherwise as
    /// [`BareJid::new`].
    pub fn new_stored(s: &str) -> Result<Self, Error> {
        Self::from_parsed(parse::parse(s, Form::Stored)?)
    }

    /// Whether this address is valid as a stored string too (what
    /// [`BareJid::new_stored`] would accept): `Err(`[`Error::Unassigned`]`)`
    /// for the first code point unassigned in Unicode 3.2 in the localpart,
    /// its offset counted in [`BareJid::as_str`]. For a server that
    /// receives a registration.
    pub fn check_stored(&self) -> Result<(), Error> {
        parse::check_stored(&self.s, self.at, None)
    }

    fn from_parsed(p: Parsed) -> Result<Self, Error> {
        match p.slash {
            Some(_) => Err(Error::ResourceNotAllowed),
            None => Ok(BareJid { s: p.s, at: p.at }),
        }
    }

    /// A bare JID from validated parts.
    pub fn from_parts(node: Option<&NodePart>, domain: &DomainPart) -> Self {
        let mut s = String::with_capacity(node.map_or(0, |n| n.as_str().len() + 1) + domain.as_str().len());
        let at = node.map(|n| {
            s.push_str(n.as_str());
            s.push('@');
            NonZeroU16::new(n.as_str().len() as u16).expect("parts are never empty")
        });
        s.push_str(domain.as_str());
        BareJid { s, at }
    }

    /// The localpart.
    pub fn node(&self) -> Option<&str> {
        node_of(&self.s, self.at)
    }

    /// The domainpart.
    pub fn domain(&self) -> &str {
        &self.s[domain_start(self.at)..]
    }

    /// The normalized address.
    pub fn as_str(&self) -> &str {
        &self.s
    }

    /// The normalized address, owned.
    pub fn into_string(self) -> String {
        self.s
    }

    /// The address of the domain alone (the server of this account).
    pub fn domain_jid(&self) -> BareJid {
        BareJid { s: self.domain().to_owned(), at: None }
    }

    /// This address with a resourcepart, prepared from `resource` as a query
    /// ([`ResourcePart::new`]; [`BareJid::with_resource_part`] with
    /// [`ResourcePart::new_stored`] for the stored form).
    pub fn with_resource(&self, resource: &str) -> Result<FullJid, Error> {
        Ok(self.with_resource_part(&ResourcePart::new(resource)?))
    }

    /// This address with a validated resourcepart.
    pub fn with_resource_part(&self, resource: &ResourcePart) -> FullJid {
        let mut s = String::with_capacity(self.s.len() + 1 + resource.as_str().len());
        s.push_str(&self.s);
        let slash = NonZeroU16::new(self.s.len() as u16).expect("a domainpart is never empty");
        s.push('/');
        s.push_str(resource.as_str());
        FullJid { s, at: self.at, slash }
    }

    #[doc(hidden)]
    /// Checks the invariants (for tests and fuzzing): the stored string is
    /// normalized and the offsets point at the separators.
    pub fn check_invariants(&self) {
        let again = BareJid::new(&self.s).expect("a stored BareJid reparses");
        assert_eq!(again.s, self.s);
        assert_eq!(again.at, self.at);
    }
}

impl FullJid {
    /// Parses and normalizes a full JID as a query (RFC 3454 §7): code
    /// points unassigned in Unicode 3.2 are allowed (see [`Jid`]). An
    /// address without a resourcepart is [`Error::ResourceRequired`].
    pub fn new(s: &str) -> Result<Self, Error> {
        Self::from_parsed(parse::parse(s, Form::Query)?)
    }

    /// Parses and normalizes a full JID as a stored string (RFC 3454 §7),
    /// for an address being created (a registered nickname): a code point
    /// unassigned in Unicode 3.2 in the localpart or resourcepart is
    /// [`Error::Unassigned`]. Otherwise as [`FullJid::new`].
    pub fn new_stored(s: &str) -> Result<Self, Error> {
        Self::from_parsed(parse::parse(s, Form::Stored)?)
    }

    /// Whether this address is valid as a stored string too (what
    /// [`FullJid::new_stored`] would accept): `Err(`[`Error::Unassigned`]`)`
    /// for the first code point unassigned in Unicode 3.2 in the localpart
    /// or resourcepart, its offset counted in [`FullJid::as_str`].
    pub fn check_stored(&self) -> Result<(), Error> {
        parse::check_stored(&self.s, self.at, Some(self.slash))
    }

    fn from_parsed(p: Parsed) -> Result<Self, Error> {
        match p.slash {
            Some(slash) => Ok(FullJid { s: p.s, at: p.at, slash }),
            None => Err(Error::ResourceRequired),
        }
    }

    /// A full JID from validated parts.
    pub fn from_parts(node: Option<&NodePart>, domain: &DomainPart, resource: &ResourcePart) -> Self {
        BareJid::from_parts(node, domain).with_resource_part(resource)
    }

    /// The localpart.
    pub fn node(&self) -> Option<&str> {
        node_of(&self.s, self.at)
    }

    /// The domainpart.
    pub fn domain(&self) -> &str {
        &self.s[domain_start(self.at)..self.slash.get() as usize]
    }

    /// The resourcepart.
    pub fn resource(&self) -> &str {
        &self.s[self.slash.get() as usize + 1..]
    }

    /// The normalized address.
    pub fn as_str(&self) -> &str {
        &self.s
    }

    /// The normalized address, owned.
    pub fn into_string(self) -> String {
        self.s
    }

    /// The bare part of the address.
    pub fn to_bare(&self) -> BareJid {
        BareJid { s: self.bare_str().to_owned(), at: self.at }
    }

    /// The bare part of the normalized address, borrowed: for comparing
    /// with a [`BareJid`] without building one.
    pub fn bare_str(&self) -> &str {
        &self.s[..self.slash.get() as usize]
    }

    /// The bare part of the address, reusing this one's allocation.
    pub fn into_bare(mut self) -> BareJid {
        self.s.truncate(self.slash.get() as usize);
        BareJid { s: self.s, at: self.at }
    }

    /// The same bare address with another resourcepart.
    pub fn with_resource_part(&self, resource: &ResourcePart) -> FullJid {
        self.to_bare().with_resource_part(resource)
    }

    #[doc(hidden)]
    /// Checks the invariants (for tests and fuzzing).
    pub fn check_invariants(&self) {
        let again = FullJid::new(&self.s).expect("a stored FullJid reparses");
        assert_eq!(again.s, self.s);
        assert_eq!((again.at, again.slash), (self.at, self.slash));
        assert_eq!(&self.s[self.slash.get() as usize..=self.slash.get() as usize], "/");
    }
}

impl Jid {
    /// Parses and normalizes an address as a query (RFC 3454 §7), as it
    /// should one received from a peer: code points unassigned in Unicode
    /// 3.2, such as emoji, are allowed.
    pub fn new(s: &str) -> Result<Self, Error> {
        Self::from_parsed(parse::parse(s, Form::Query)?)
    }

    /// Parses and normalizes an address as a stored string (RFC 3454 §7),
    /// for an address being created (an account, a registered nickname): a
    /// code point unassigned in Unicode 3.2 in the localpart or
    /// resourcepart is [`Error::Unassigned`]. Otherwise as [`Jid::new`];
    /// the domainpart follows IDNA2008 in both (see the crate docs).
    pub fn new_stored(s: &str) -> Result<Self, Error> {
        Self::from_parsed(parse::parse(s, Form::Stored)?)
    }

    /// Whether this address is valid as a stored string too (what
    /// [`Jid::new_stored`] would accept): `Err(`[`Error::Unassigned`]`)`
    /// for the first code point unassigned in Unicode 3.2 in the localpart
    /// or resourcepart, its offset counted in [`Jid::as_str`]. For a server
    /// that receives a registration.
    pub fn check_stored(&self) -> Result<(), Error> {
        match self {
            Jid::Bare(j) => j.check_stored(),
            Jid::Full(j) => j.check_stored(),
        }
    }

    fn from_parsed(p: Parsed) -> Result<Self, Error> {
        Ok(match p.slash {
            Some(slash) => Jid::Full(FullJid { s: p.s, at: p.at, slash }),
            None => Jid::Bare(BareJid { s: p.s, at: p.at }),
        })
    }

    /// The localpart.
    pub fn node(&self) -> Option<&str> {
        match self {
            Jid::Bare(j) => j.node(),
            Jid::Full(j) => j.node(),
        }
    }

    /// The domainpart.
    pub fn domain(&self) -> &str {
        match self {
            Jid::Bare(j) => j.domain(),
            Jid::Full(j) => j.domain(),
        }
    }

    /// The resourcepart.
    pub fn resource(&self) -> Option<&str> {
        match self {
            Jid::Bare(_) => None,
            Jid::Full(j) => Some(j.resource()),
        }
    }

    /// The normalized address.
    pub fn as_str(&self) -> &str {
        match self {
            Jid::Bare(j) => j.as_str(),
            Jid::Full(j) => j.as_str(),
        }
    }

    /// The normalized address, owned.
    pub fn into_string(self) -> String {
        match self {
            Jid::Bare(j) => j.s,
            Jid::Full(j) => j.s,
        }
    }

    /// Whether there is no resourcepart.
    pub fn is_bare(&self) -> bool {
        matches!(self, Jid::Bare(_))
    }

    /// Whether there is a resourcepart.
    pub fn is_full(&self) -> bool {
        matches!(self, Jid::Full(_))
    }

    /// The bare part of the address.
    pub fn to_bare(&self) -> BareJid {
        match self {
            Jid::Bare(j) => j.clone(),
            Jid::Full(j) => j.to_bare(),
        }
    }

    /// The bare part of the address, reusing this one's allocation.
    pub fn into_bare(self) -> BareJid {
        match self {
            Jid::Bare(j) => j,
            Jid::Full(j) => j.into_bare(),
        }
    }

    /// The full JID, or the bare one back.
    pub fn try_into_full(self) -> Result<FullJid, BareJid> {
        match self {
            Jid::Full(j) => Ok(j),
            Jid::Bare(j) => Err(j),
        }
    }

    /// The full JID, if this is one.
    pub fn as_full(&self) -> Option<&FullJid> {
        match self {
            Jid::Full(j) => Some(j),
            Jid::Bare(_) => None,
        }
    }

    /// The bare JID, if this is one.
    pub fn as_bare(&self) -> Option<&BareJid> {
        match self {
            Jid::Bare(j) => Some(j),
            Jid::Full(_) => None,
        }
    }

    #[doc(hidden)]
    /// Checks the invariants (for tests and fuzzing).
    pub fn check_invariants(&self) {
        match self {
            Jid::Bare(j) => j.check_invariants(),
            Jid::Full(j) => j.check_invariants(),
        }
    }
}

macro_rules! common_traits {
    ($($ty:ty),*) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($ty), self.as_str())
            }
        }

        impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for $ty {}

        impl PartialOrd for $ty {
            fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $ty {
            fn cmp(&self, other: &Self) -> Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl Hash for $ty {
            fn hash<H: Hasher>(&self, state: &mut H) {
                self.as_str().hash(state)
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl Borrow<str> for $ty {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }

        impl FromStr for $ty {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                <$ty>::new(s)
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = Error;
            fn try_from(s: &str) -> Result<Self, Error> {
                <$ty>::new(s)
            }
        }

        impl TryFrom<String> for $ty {
            type Error = Error;
            /// Parses, reusing the string's allocation when it is already
            /// normalized.
            fn try_from(s: String) -> Result<Self, Error> {
                <$ty>::from_parsed(parse::parse_owned(s, Form::Query)?)
            }
        }
    )*};
}

common_traits!(Jid, BareJid, FullJid);

impl From<BareJid> for Jid {
    fn from(j: BareJid) -> Self {
        Jid::Bare(j)
    }
}

impl From<FullJid> for Jid {
    fn from(j: FullJid) -> Self {
        Jid::Full(j)
    }
}

impl From<FullJid> for BareJid {
    fn from(j: FullJid) -> Self {
        j.into_bare()
    }
}

impl TryFrom<Jid> for FullJid {
    type Error = Error;
    fn try_from(j: Jid) -> Result<Self, Error> {
        j.try_into_full().map_err(|_| Error::ResourceRequired)
    }
}

impl TryFrom<Jid> for BareJid {
    type Error = Error;
    fn try_from(j: Jid) -> Result<Self, Error> {
        match j {
            Jid::Bare(j) => Ok(j),
            Jid::Full(_) => Err(Error::ResourceNotAllowed),
        }
    }
}

macro_rules! cross_eq {
    ($($a:ty => $b:ty),*) => {$(
        impl PartialEq<$b> for $a {
            fn eq(&self, other: &$b) -> bool {
                self.as_str() == other.as_str()
            }
        }
    )*};
}

cross_eq!(Jid => BareJid, Jid => FullJid, BareJid => Jid, FullJid => Jid, BareJid => FullJid, FullJid => BareJid);

impl PartialEq<str> for Jid {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Jid {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
