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
//! Addresses that are already normalized ASCII (lower-case localpart and
//! domainpart, printable resourcepart) skip the stringprep and IDNA
//! machinery and cost one allocation (none with `TryFrom<String>`), in
//! both forms below: ASCII has no unassigned code points.
//!
//! # Queries and stored strings: unassigned code points
//!
//! Stringprep treats code points unassigned in its Unicode version, 3.2
//! (RFC 3454 Table A.1), by what the string is for (RFC 3454 §7): a
//! *stored string*, an identifier kept for later, must not contain any; a
//! *query*, a string looked up or compared, may. Every emoji is unassigned
//! in Unicode 3.2, and RFC 7622 allows emoji in resourceparts: a MUC
//! occupant may well be `room@conference.example.org/🤖`. So:
//!
//! - **parsing is a query**: [`Jid::new`], [`BareJid::new`],
//!   [`FullJid::new`], [`str::parse`], `TryFrom<&str>`, `TryFrom<String>`,
//!   serde, and the parts' `new`; what addresses received from peers go
//!   through. An unassigned code point is allowed in the localpart and the
//!   resourcepart and kept as it is (Unicode 3.2 gives it no case folding
//!   and no decomposition); mapping, NFKC, the prohibited characters and
//!   the bidi rule still apply to the rest;
//! - **the stored form is strict**: [`Jid::new_stored`],
//!   [`BareJid::new_stored`], [`FullJid::new_stored`],
//!   [`NodePart::new_stored`] and [`ResourcePart::new_stored`], for an
//!   identifier being created (an account, a registered nickname), refuse
//!   one with [`Error::Unassigned`]; [`Jid::check_stored`] (also on
//!   [`BareJid`] and [`FullJid`]) checks an address already parsed, such as
//!   one a server receives in a registration.
//!
//! Case folding is Unicode 3.2's, so in a query a letter added since is not
//! folded: `Ⰰ@example.com` (U+2C00 GLAGOLITIC CAPITAL LETTER AZU,
//! Unicode 4.1) and `ⰰ@example.com` are two addresses.
//!
//! The domainpart is the same in both forms: it is not prepared with
//! stringprep, and IDNA2008 has one rule for registration and lookup.
//! UTS #46 (in the `idna` crate) refuses a code point unassigned in the
//! Unicode version of its tables as [`IdnaErrorKind::DisallowedCharacter`];
//! one unassigned only in Unicode 3.2 is as UTS #46 says: `🤖.example` is
//! valid, `🄰.example` (U+1F130) is `a.example`, `🄀.example` (U+1F100) is
//! refused.
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
//! | `user@example.com/😀` | valid | valid when parsed (a query); refused by `new_stored`: emoji are unassigned in Unicode 3.2 |
//! | `🤖@example.com` | invalid (symbol) | valid when parsed (a query); refused by `new_stored` |
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
