//! XMPP addresses (JIDs): parsing, normalization, comparison.
//!
//! An address is `[localpart@]domainpart[/resourcepart]` (RFC 7622 §3.1).
//! [`Jid`] is either a [`BareJid`] (no resourcepart) or a [`FullJid`]; each
//! is one normalized string with the offsets of its separators, valid by
//! construction, compared, ordered and hashed as that string.
//!
//! ```
//! use jabber_jid::{BareJid, FullJid, Jid};
//!
//! let jid: Jid = "Juliet@Example.COM/Balcony".parse()?;
//! assert_eq!(jid.to_string(), "juliet@example.com/Balcony");
//!
//! let bare: BareJid = "romeo@montague.lit".parse()?;
//! let full: FullJid = bare.with_resource("orchard")?;
//! assert_eq!(full.to_bare(), bare);
//!
//! let error = "juliet@example.com/".parse::<Jid>().unwrap_err();
//! assert_eq!(error, jabber_jid::Error::Empty(jabber_jid::Part::Resource));
//! # Ok::<(), jabber_jid::Error>(())
//! ```
//!
//! # Normalization: the RFC 6122 profiles
//!
//! Each part is prepared before it is stored, and then must be 1 to 1023
//! bytes long:
//!
//! - the localpart with **Nodeprep** (RFC 6122 Appendix A: stringprep,
//!   RFC 3454, with case folding, NFKC, and `"&'/:<>@` and spaces prohibited);
//! - the domainpart as an **internationalized domain name**: UTS #46
//!   mapping and IDNA2008 validity (non-transitional, STD3 ASCII rules,
//!   hyphen rules, bidi and contextual rules), kept in Unicode form
//!   (U-labels: `xn--mnchen-3ya.de` becomes `münchen.de`) as RFC 7622 §3.2
//!   asks for comparison; one trailing dot is removed; labels are at most 63
//!   octets in ASCII form; or an **IP literal**: an IPv4 address, or an
//!   IPv6 address in brackets, in canonical form (`[0::1]` becomes `[::1]`);
//! - the resourcepart with **Resourceprep** (RFC 6122 Appendix B: no case
//!   folding, NFKC, spaces allowed).
//!
//! Code points unassigned in Unicode 3.2 are refused in every part, as
//! stringprep requires for stored strings.
//!
//! Addresses that are already normalized ASCII (lower-case localpart and
//! domainpart, printable resourcepart) skip the stringprep and IDNA
//! machinery and cost one allocation (none with `TryFrom<String>`).
//!
//! # Divergences from RFC 7622 (PRECIS)
//!
//! RFC 7622 replaced stringprep with the PRECIS profiles
//! (UsernameCaseMapped for localparts, OpaqueString for resourceparts).
//! Deployed servers still prepare addresses with the RFC 6122 profiles,
//! which this crate follows so that it agrees with the servers it talks to.
//! The known differences, each tested:
//!
//! | input | RFC 7622 | this crate (RFC 6122) |
//! | --- | --- | --- |
//! | `fußball@example.com` | valid, `fußball` | valid, `fussball` (case folding maps ß to ss) |
//! | `ς@example.com` (final sigma) | valid, distinct from `σ` | valid, `σ` (folded) |
//! | `henryⅣ@example.com` | invalid (compatibility character) | valid, `henryiv` (NFKC) |
//! | `♚@example.com` | invalid (symbol) | valid |
//! | `user@example.com/😀` | valid | invalid: emoji are unassigned in Unicode 3.2 |
//! | `juliet@example.com/a\u{2163}` | valid, kept | valid, `aIV` (NFKC) |
//! | `juliet@exa☠mple.com` | invalid (IDNA2008 disallows symbols) | valid: UTS #46 keeps the symbols IDNA2008 disallows (its NV8 set), as browsers do |
//!
//! NFKC comes from a current Unicode version rather than 3.2; for code
//! points assigned in 3.2 the results agree except for the few
//! normalization corrigenda published between Unicode 3.2 and 4.1.
//!
//! # XEP-0106
//!
//! [`escape_node`] and [`unescape_node`] implement JID escaping; an escaped
//! localpart such as `space\20cadet` is an ordinary valid localpart.

#![forbid(unsafe_code)]

mod domain;
mod error;
mod escaping;
mod jid;
mod parse;
mod parts;
mod prep;
#[cfg(feature = "serde")]
mod serde_impl;

pub use error::{Error, IdnaErrorKind, Part};
pub use escaping::{escape_node, unescape_node};
pub use jid::{BareJid, FullJid, Jid};
pub use parts::{DomainPart, NodePart, ResourcePart};
