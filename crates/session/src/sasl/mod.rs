//! SASL for XMPP (RFC 6120 §6): the mechanisms PLAIN (RFC 4616),
//! SCRAM-SHA-1 (RFC 5802), SCRAM-SHA-256 (RFC 7677) and SCRAM-SHA-512
//! (draft-melnikov-scram-sha-512), each SCRAM one also as `-PLUS` with
//! channel binding (RFC 5802 §6; types of RFC 5929 and RFC 9266; the
//! XEP-0440 stream feature that lists a server's types), client and
//! server, on raw bytes (base64 is the XML layer's business, see
//! [`jabber_stanza::Sasl`]).
//!
//! Nothing here reads a clock, a random source or a TLS connection: nonces
//! come from the caller ([`Random`]), channel-binding data from the
//! caller's TLS layer ([`ChannelBinding`]).

mod binding;
mod mechanism;
mod plain;
mod scram;

pub use binding::{
    AdvertisedBindings, ChannelBinding, ChannelBindingType, Gs2CbindFlag, SASL_CB_NS, UnknownChannelBindingType,
    advertised_channel_bindings, channel_binding_feature,
};
pub use mechanism::{Mechanism, UnknownMechanism, choose, choose_with_binding};
pub use plain::{parse_plain, plain_message};
pub(crate) use scram::constant_time_eq;
pub use scram::{
    Authenticated, ScramClient, ScramCredentials, ScramErrorValue, ScramHash, ScramMessage, ScramProblem, ScramServer,
};

/// A SASL element that carries data (RFC 6120 §6.4), to say which one was
/// at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SaslElement {
    /// `<auth/>` with its initial response, from the client (§6.4.2).
    Auth,
    /// `<challenge/>`, from the server (§6.4.3).
    Challenge,
    /// `<response/>`, from the client (§6.4.3).
    Response,
    /// `<success/>` with its additional data, from the server (§6.4.6).
    Success,
}

impl SaslElement {
    /// The element name.
    pub const fn name(self) -> &'static str {
        match self {
            SaslElement::Auth => "auth",
            SaslElement::Challenge => "challenge",
            SaslElement::Response => "response",
            SaslElement::Success => "success",
        }
    }
}

impl std::fmt::Display for SaslElement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{}/>", self.name())
    }
}

/// The error for a SASL element from the peer that does not parse: data
/// that is not base64 is [`Error::SaslIncorrectEncoding`] (RFC 6120
/// §13.9.1), anything else the element error itself.
pub(crate) fn unreadable(element: SaslElement, error: jabber_stanza::Error) -> crate::Error {
    match error {
        jabber_stanza::Error::Base64 { .. } => crate::Error::SaslIncorrectEncoding { element },
        other => crate::Error::Element(other),
    }
}

pub use crate::random::Random;

/// A printable nonce (RFC 5802 §5.1: printable ASCII except `,`) from 18
/// random bytes: their base64 encoding, 24 characters.
pub fn nonce(random: &mut dyn Random) -> Result<String, crate::random::RandomError> {
    use base64::Engine;
    let mut bytes = [0u8; 18];
    random.fill(&mut bytes)?;
    Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// What a server looks up to authenticate a user.
///
/// Accounts are stored as SCRAM credentials (salted keys, never the
/// password); PLAIN is checked against them by default, by deriving the
/// keys from the password given.
pub trait Credentials {
    /// The SCRAM credentials of `username` for `hash`, if the account exists.
    fn scram(&self, username: &str, hash: ScramHash) -> Option<ScramCredentials>;

    /// Whether `password` is `username`'s. The default derives the keys of
    /// the first hash the account has credentials for, SCRAM-SHA-256, then
    /// SCRAM-SHA-512, then SCRAM-SHA-1 (one PBKDF2 run), and compares them
    /// in constant time.
    fn verify_plain(&self, username: &str, password: &str) -> bool {
        [ScramHash::Sha256, ScramHash::Sha512, ScramHash::Sha1]
            .into_iter()
            .find_map(|hash| self.scram(username, hash).map(|stored| (hash, stored)))
            .is_some_and(|(hash, stored)| {
                match ScramCredentials::derive(hash, password, &stored.salt, stored.iterations) {
                    Ok(derived) => scram::constant_time_eq(&derived.stored_key, &stored.stored_key),
                    Err(_) => false,
                }
            })
    }
}

/// Accounts kept in memory as SCRAM credentials for every hash (SHA-1,
/// SHA-256, SHA-512): for test servers, demos and small embedded servers.
///
/// ```
/// use jabber_session::sasl::{Credentials, MemoryCredentials};
/// let mut accounts = MemoryCredentials::new();
/// accounts.add("juliet", "r0m30myr0m30", b"some salt", 4096)?;
/// assert!(accounts.verify_plain("juliet", "r0m30myr0m30"));
/// assert!(!accounts.verify_plain("juliet", "wrong"));
/// assert!(!accounts.verify_plain("romeo", "r0m30myr0m30"));
/// # Ok::<(), jabber_session::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct MemoryCredentials {
    /// SHA-1, SHA-256 and SHA-512 credentials, in this order.
    accounts: std::collections::HashMap<String, [ScramCredentials; 3]>,
}

impl MemoryCredentials {
    /// No accounts.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) `username` with `password`, salted with `salt` and
    /// `iterations` rounds of PBKDF2 (at least 4096, RFC 7677 §4).
    pub fn add(&mut self, username: &str, password: &str, salt: &[u8], iterations: u32) -> Result<(), crate::Error> {
        let sha1 = ScramCredentials::derive(ScramHash::Sha1, password, salt, iterations)?;
        let sha256 = ScramCredentials::derive(ScramHash::Sha256, password, salt, iterations)?;
        let sha512 = ScramCredentials::derive(ScramHash::Sha512, password, salt, iterations)?;
        self.accounts.insert(username.to_owned(), [sha1, sha256, sha512]);
        Ok(())
    }
}

impl Credentials for MemoryCredentials {
    fn scram(&self, username: &str, hash: ScramHash) -> Option<ScramCredentials> {
        let [sha1, sha256, sha512] = self.accounts.get(username)?;
        Some(match hash {
            ScramHash::Sha1 => sha1.clone(),
            ScramHash::Sha256 => sha256.clone(),
            ScramHash::Sha512 => sha512.clone(),
        })
    }
}
