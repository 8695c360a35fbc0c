//! Mechanism names and the client's choice among those offered.

use std::fmt;
use std::str::FromStr;

use super::binding::{ChannelBinding, ChannelBindingType, Gs2CbindFlag};
use super::scram::ScramHash;

/// A SASL mechanism this crate implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mechanism {
    /// `SCRAM-SHA-512-PLUS`: SCRAM-SHA-512 with channel binding
    /// (draft-melnikov-scram-sha-512, in the IANA SASL mechanisms registry).
    ScramSha512Plus,
    /// `SCRAM-SHA-256-PLUS`: SCRAM-SHA-256 with channel binding (RFC 7677).
    ScramSha256Plus,
    /// `SCRAM-SHA-1-PLUS`: SCRAM-SHA-1 with channel binding (RFC 5802 §6).
    ScramSha1Plus,
    /// `SCRAM-SHA-512` (draft-melnikov-scram-sha-512: the construction of
    /// RFC 5802 with SHA-512; ejabberd offers it).
    ScramSha512,
    /// `SCRAM-SHA-256` (RFC 7677).
    ScramSha256,
    /// `SCRAM-SHA-1` (RFC 5802).
    ScramSha1,
    /// `PLAIN` (RFC 4616): the password in the clear, so only over TLS
    /// unless explicitly allowed.
    Plain,
}

impl Mechanism {
    /// Every mechanism, strongest first: the `-PLUS` variants before the
    /// others (channel binding ties the authentication to the TLS
    /// connection, RFC 5802 §6), then SHA-512, SHA-256, SHA-1; PLAIN last.
    /// [`choose_with_binding`] walks this order.
    pub const ALL: [Mechanism; 7] = [
        Mechanism::ScramSha512Plus,
        Mechanism::ScramSha256Plus,
        Mechanism::ScramSha1Plus,
        Mechanism::ScramSha512,
        Mechanism::ScramSha256,
        Mechanism::ScramSha1,
        Mechanism::Plain,
    ];

    /// The mechanisms a session uses by default, strongest first: the
    /// client's order of preference when it has no channel binding, and
    /// what a server offers. It stays what it was before channel binding
    /// and SCRAM-SHA-512 came (a `-PLUS` mechanism must not be offered by a
    /// server that has no binding data, RFC 5802 §6); [`Mechanism::ALL`]
    /// lists them all.
    pub const PREFERENCE: [Mechanism; 3] = [Mechanism::ScramSha256, Mechanism::ScramSha1, Mechanism::Plain];

    /// The registered name (IANA SASL mechanisms registry).
    pub const fn name(self) -> &'static str {
        match self {
            Mechanism::ScramSha512Plus => "SCRAM-SHA-512-PLUS",
            Mechanism::ScramSha256Plus => "SCRAM-SHA-256-PLUS",
            Mechanism::ScramSha1Plus => "SCRAM-SHA-1-PLUS",
            Mechanism::ScramSha512 => "SCRAM-SHA-512",
            Mechanism::ScramSha256 => "SCRAM-SHA-256",
            Mechanism::ScramSha1 => "SCRAM-SHA-1",
            Mechanism::Plain => "PLAIN",
        }
    }

    /// The hash of a SCRAM mechanism (with or without `-PLUS`).
    pub fn scram_hash(self) -> Option<ScramHash> {
        match self {
            Mechanism::ScramSha512Plus | Mechanism::ScramSha512 => Some(ScramHash::Sha512),
            Mechanism::ScramSha256Plus | Mechanism::ScramSha256 => Some(ScramHash::Sha256),
            Mechanism::ScramSha1Plus | Mechanism::ScramSha1 => Some(ScramHash::Sha1),
            Mechanism::Plain => None,
        }
    }

    /// Whether this is a `-PLUS` mechanism: SCRAM with channel binding
    /// (RFC 5802 §6), whose client must send `p=<cb-name>`.
    pub const fn channel_binding(self) -> bool {
        matches!(self, Mechanism::ScramSha512Plus | Mechanism::ScramSha256Plus | Mechanism::ScramSha1Plus)
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
        Mechanism::ALL.into_iter().find(|m| m.name() == s).ok_or(UnknownMechanism)
    }
}

/// The client's choice without channel binding: the strongest of `allowed`
/// that the server offers, never a `-PLUS` mechanism (there is no data to
/// bind to; see [`choose_with_binding`]). PLAIN only when `plain_permitted`
/// (the stream is encrypted, or the user explicitly allowed plaintext
/// passwords).
///
/// ```
/// use jabber_session::sasl::{choose, Mechanism};
/// let offered = ["PLAIN".to_string(), "SCRAM-SHA-1".to_string()];
/// assert_eq!(choose(&offered, &Mechanism::PREFERENCE, false), Some(Mechanism::ScramSha1));
/// assert_eq!(choose(&["PLAIN".into()], &Mechanism::PREFERENCE, false), None);
/// ```
pub fn choose(offered: &[String], allowed: &[Mechanism], plain_permitted: bool) -> Option<Mechanism> {
    choose_with_binding(offered, allowed, plain_permitted, None, None).map(|(m, _)| m)
}

/// The client's choice with channel binding (RFC 5802 §6, XEP-0440): the
/// strongest of `allowed` that the server offers, in [`Mechanism::ALL`]
/// order, with the GS2 flag to start it with.
///
/// - `available` is the binding data the client's TLS layer exported for
///   this connection (`None`: the client cannot bind).
/// - `server_types` is what the server listed in its XEP-0440 feature
///   ([`advertised_channel_bindings`](super::advertised_channel_bindings));
///   `None` when it sent none.
///
/// A `-PLUS` mechanism is chosen only with binding data, and only if the
/// server listed its type (XEP-0440). XEP-0440 v0.4.1 does not say what a
/// client assumes of a server that lists nothing, and guessing fails the
/// login: Prosody 0.12 and ejabberd 23.01 offer `-PLUS` without a list and
/// bind `tls-unique` only, which TLS 1.3 (and rustls) do not have; so
/// without a list the client takes the strongest mechanism without
/// `-PLUS`, with `n` (the server offered `-PLUS`: `y` would make it suspect
/// a downgrade, RFC 5802 §6).
///
/// The flag for a mechanism without `-PLUS` is `y` when the client could
/// bind (it has data and allows a `-PLUS` mechanism) but the server offered
/// no `SCRAM-...-PLUS` at all (RFC 5802 §6: this lets a server that does
/// support binding detect the stripping of its `-PLUS` names), and `n`
/// otherwise, in particular when the server offers `-PLUS` but lists no type
/// the client has (XEP-0440 §3: `y` there would make the server suspect an
/// attack). That last fallback is open to an attacker who rewrites the list
/// (XEP-0440 §4): a client whose policy is to require binding leaves the
/// mechanisms without `-PLUS` out of `allowed`. PLAIN always comes with
/// [`Gs2CbindFlag::NoBinding`], which it does not use.
///
/// ```
/// use jabber_session::sasl::{choose_with_binding, ChannelBinding, ChannelBindingType, Gs2CbindFlag, Mechanism};
/// let offered = ["SCRAM-SHA-256".to_string(), "SCRAM-SHA-256-PLUS".to_string()];
/// # let exported = vec![0u8; 32];
/// // `exported`: the 32 bytes of RFC 9266 from the TLS layer.
/// let binding = ChannelBinding::new(ChannelBindingType::TlsExporter, exported);
/// let types = [ChannelBindingType::TlsExporter];
/// let (mechanism, flag) =
///     choose_with_binding(&offered, &Mechanism::ALL, false, Some(&binding), Some(&types)).unwrap();
/// assert_eq!(mechanism, Mechanism::ScramSha256Plus);
/// assert_eq!(flag, Gs2CbindFlag::Bind(binding.clone()));
///
/// // The server lists only a type the client lacks: no -PLUS, and `n`.
/// let types = [ChannelBindingType::TlsServerEndPoint];
/// let choice = choose_with_binding(&offered, &Mechanism::ALL, false, Some(&binding), Some(&types));
/// assert_eq!(choice, Some((Mechanism::ScramSha256, Gs2CbindFlag::NoBinding)));
///
/// // No -PLUS offered at all: `y`, so that a server that supports binding notices.
/// let choice = choose_with_binding(&offered[..1], &Mechanism::ALL, false, Some(&binding), None);
/// assert_eq!(choice, Some((Mechanism::ScramSha256, Gs2CbindFlag::ServerLacksBinding)));
/// ```
pub fn choose_with_binding(
    offered: &[String],
    allowed: &[Mechanism],
    plain_permitted: bool,
    available: Option<&ChannelBinding>,
    server_types: Option<&[ChannelBindingType]>,
) -> Option<(Mechanism, Gs2CbindFlag)> {
    let is_offered = |m: Mechanism| offered.iter().any(|o| o == m.name());
    let binding = available.filter(|b| server_types.is_some_and(|types| types.contains(&b.kind)));
    let mechanism = Mechanism::ALL.into_iter().find(|&m| {
        allowed.contains(&m)
            && is_offered(m)
            && (m != Mechanism::Plain || plain_permitted)
            && (!m.channel_binding() || binding.is_some())
    })?;
    let flag = match binding {
        Some(binding) if mechanism.channel_binding() => Gs2CbindFlag::Bind(binding.clone()),
        _ if mechanism == Mechanism::Plain => Gs2CbindFlag::NoBinding,
        _ => {
            let client_can_bind = available.is_some() && allowed.iter().any(|m| m.channel_binding());
            let server_offers_plus = offered.iter().any(|o| o.starts_with("SCRAM-") && o.ends_with("-PLUS"));
            if client_can_bind && !server_offers_plus {
                Gs2CbindFlag::ServerLacksBinding
            } else {
                Gs2CbindFlag::NoBinding
            }
        }
    };
    Some((mechanism, flag))
}
