//! The one error type of this crate.

use std::fmt;

/// Which part of an address an error is about (RFC 7622 §3's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The localpart (`juliet` in `juliet@example.com`).
    Local,
    /// The domainpart (`example.com`).
    Domain,
    /// The resourcepart (`balcony` in `juliet@example.com/balcony`).
    Resource,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Local => "localpart",
            Part::Domain => "domainpart",
            Part::Resource => "resourcepart",
        })
    }
}

/// Why a domainpart is not a valid internationalized domain name
/// (IDNA2008 via UTS #46, RFC 7622 §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IdnaErrorKind {
    /// A label is empty (`example..com`, `.com`, or two trailing dots).
    EmptyLabel,
    /// A label is longer than 63 octets in its A-label (ASCII) form.
    LabelTooLong {
        /// Its length in octets.
        len: usize,
    },
    /// A label starts or ends with `-`, or has `--` in its third and fourth
    /// positions without being an A-label (RFC 5891 §4.2.3.1).
    Hyphen,
    /// An ASCII character other than a letter, digit or hyphen (RFC 5891 §4.2.3.1, STD 3).
    NotLdh {
        /// The character.
        ch: char,
    },
    /// An `xn--` label whose Punycode does not decode to a valid U-label.
    InvalidPunycode,
    /// A code point IDNA2008 (via UTS #46) disallows.
    DisallowedCharacter {
        /// The character.
        ch: char,
    },
    /// The label breaks the IDNA bidi rule (RFC 5893).
    Bidi,
    /// A contextual rule (CONTEXTJ/CONTEXTO, RFC 5892) or a leading
    /// combining mark (RFC 5891 §4.2.3.2).
    ContextRule,
}

impl fmt::Display for IdnaErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdnaErrorKind::EmptyLabel => f.write_str("empty label"),
            IdnaErrorKind::LabelTooLong { len } => write!(f, "label of {len} octets, more than 63"),
            IdnaErrorKind::Hyphen => f.write_str("hyphen at the start or end of a label or in positions 3 and 4"),
            IdnaErrorKind::NotLdh { ch } => write!(f, "{ch:?} is not a letter, digit or hyphen"),
            IdnaErrorKind::InvalidPunycode => f.write_str("invalid A-label (Punycode)"),
            IdnaErrorKind::DisallowedCharacter { ch } => {
                write!(f, "U+{:04X} {ch:?} is not allowed in domain names", *ch as u32)
            }
            IdnaErrorKind::Bidi => f.write_str("violates the IDNA bidi rule"),
            IdnaErrorKind::ContextRule => f.write_str("violates an IDNA contextual rule"),
        }
    }
}

/// Why a string is not a valid JID.
///
/// Every variant says which [`Part`] failed and why; byte offsets are
/// counted in the input string.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A part that must not be empty is (`@example.com`, `example.com/`, `user@/x`).
    #[error("the {0} is empty")]
    Empty(Part),
    /// A part is longer than 1023 bytes after preparation (RFC 7622 §3.2, §3.3, §3.4).
    #[error("the {part} is {len} bytes long after preparation, more than 1023")]
    TooLong {
        /// The part.
        part: Part,
        /// Its length in bytes.
        len: usize,
    },
    /// A character the part's stringprep profile prohibits (RFC 3454 §5,
    /// RFC 6122 Appendix A.5 and B.5).
    #[error("prohibited character U+{:04X} {ch:?} at byte {offset} in the {part}", *ch as u32)]
    Prohibited {
        /// The part.
        part: Part,
        /// The character, as written in the input.
        ch: char,
        /// Its byte offset in the input.
        offset: usize,
    },
    /// A code point unassigned in Unicode 3.2 (RFC 3454 Table A.1) in the
    /// localpart or resourcepart of a stored string, which RFC 3454 §7 does
    /// not allow: only from the stored form (`new_stored`, `check_stored`);
    /// parsing, a query, allows them.
    #[error("code point U+{:04X} {ch:?} at byte {offset} in the {part} is unassigned in Unicode 3.2", *ch as u32)]
    Unassigned {
        /// The part.
        part: Part,
        /// The character.
        ch: char,
        /// Its byte offset in the input.
        offset: usize,
    },
    /// The part mixes right-to-left and left-to-right text against the
    /// stringprep bidi rule (RFC 3454 §6).
    #[error("the {0} violates the stringprep bidi rule (RFC 3454 §6)")]
    Bidi(Part),
    /// The domainpart is not a valid internationalized domain name.
    #[error("invalid domainpart: {kind} (label {label})")]
    Idna {
        /// Why.
        kind: IdnaErrorKind,
        /// Which label (0 is the first).
        label: usize,
    },
    /// A domainpart that is an IP literal (`[...]`) or looks like an IPv4
    /// address (only digits and dots) but is not a valid address.
    #[error("invalid IP address {0:?} in the domainpart")]
    InvalidIp(String),
    /// A full JID was expected but the address has no resourcepart.
    #[error("a resourcepart is required")]
    ResourceRequired,
    /// A bare JID was expected but the address has a resourcepart.
    #[error("a resourcepart is not allowed here")]
    ResourceNotAllowed,
    /// A localpart given to [`escape_node`](crate::escape_node) that would
    /// start or end with an escaped space (XEP-0106 §4.2).
    #[error("a localpart must not start or end with a space (XEP-0106)")]
    EscapedSpaceAtEdge,
}
