//! Mechanism names and the client's choice among those offered.

use std::fmt;
use std::str::FromStr;

use super::scram::ScramHash;

/// A SASL mechanism this crate implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mechanism {
    /// `SCRAM-SHA-256` (RFC 7677).
    ScramSha256,
    /// `SCRAM-SHA-1` (RFC 5802).
    ScramSha1,
    /// `PLAIN` (RFC 4616): the password in the clear, so only over TLS
    /// unless explicitly allowed.
    Plain,
}

impl Mechanism {
    /// Every mechanism, strongest first: the client's order of preference.
    pub const PREFERENCE: [Mechanism; 3] = [Mechanism::ScramSha256, Mechanism::ScramSha1, Mechanism::Plain];

    /// The registered name.
    pub const fn name(self) -> &'static str {
        match self {
            Mechanism::ScramSha256 => "SCRAM-SHA-256",
            Mechanism::ScramSha1 => "SCRAM-SHA-1",
            Mechanism::Plain => "PLAIN",
        }
    }

    /// The hash of a SCRAM mechanism.
    pub fn scram_hash(self) -> Option<ScramHash> {
        match self {
            Mechanism::ScramSha256 => Some(ScramHash::Sha256),
            Mechanism::ScramSha1 => Some(ScramHash::Sha1),
            Mechanism::Plain => None,
        }
    }
}

impl fmt::Display for Mechanism {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Not a mechanism this crate implements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownMechanism;

impl FromStr for Mechanism {
    type Err = UnknownMechanism;
    fn from_str(s: &str) -> Result<Self, UnknownMechanism> {
        Mechanism::PREFERENCE.into_iter().find(|m| m.name() == s).ok_or(UnknownMechanism)
    }
}

/// The client's choice: the strongest of `allowed` that the server offers.
/// PLAIN only when `plain_permitted` (the stream is encrypted, or the user
/// explicitly allowed plaintext passwords).
///
/// ```
/// use jabber_session::sasl::{choose, Mechanism};
/// let offered = ["PLAIN".to_string(), "SCRAM-SHA-1".to_string()];
/// assert_eq!(choose(&offered, &Mechanism::PREFERENCE, false), Some(Mechanism::ScramSha1));
/// assert_eq!(choose(&["PLAIN".into()], &Mechanism::PREFERENCE, false), None);
/// ```
pub fn choose(offered: &[String], allowed: &[Mechanism], plain_permitted: bool) -> Option<Mechanism> {
    Mechanism::PREFERENCE.into_iter().find(|m| {
        allowed.contains(m) && offered.iter().any(|o| o == m.name()) && (*m != Mechanism::Plain || plain_permitted)
    })
}
