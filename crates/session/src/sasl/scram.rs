//! SCRAM, RFC 5802 (SCRAM-SHA-1), RFC 7677 (SCRAM-SHA-256) and
//! draft-melnikov-scram-sha-512 (SCRAM-SHA-512, the same construction with
//! SHA-512), each with or without channel binding: the `-PLUS` variants of
//! RFC 5802 §6 bind the exchange to the TLS connection with the data the
//! TLS layer exports ([`ChannelBinding`]: `tls-exporter` of RFC 9266,
//! `tls-server-end-point` and `tls-unique` of RFC 5929). The client sends
//! the GS2 flag it is given ([`Gs2CbindFlag`]: `n`, `y` or `p=<cb-name>`)
//! and puts the binding data in `c`; the server checks the flag against the
//! mechanism, what it offered and the data of its connection (RFC 5802 §6
//! downgrade protection), and `c` against the GS2 header and that data.
//!
//! Every message either side receives is checked against the grammar of
//! RFC 5802 §7 and the attribute rules of §5.1, by meaning: each attribute
//! is found by its letter wherever it stands, and then its place is
//! checked ("the order of attributes in client or server messages is
//! fixed, with the exception of extension attributes", §5.1). `m` (reserved
//! for mandatory extensions) fails the exchange wherever it stands; an
//! attribute RFC 5802 defines may not occur twice or outside its place; an
//! extension attribute RFC 5802 does not define is ignored (§7:
//! "unrecognized attributes not defined in this document MUST be
//! ignored"), and stays part of the `AuthMessage` (§3).

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};

use super::binding::{ChannelBinding, Gs2CbindFlag};
use super::mechanism::Mechanism;
use crate::error::{Error, SaslProblem};

/// The hash function of a SCRAM mechanism.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScramHash {
    /// SHA-1, for SCRAM-SHA-1.
    Sha1,
    /// SHA-256, for SCRAM-SHA-256.
    Sha256,
    /// SHA-512, for SCRAM-SHA-512 (draft-melnikov-scram-sha-512).
    Sha512,
}

impl ScramHash {
    fn hmac(self, key: &[u8], data: &[u8]) -> Vec<u8> {
        match self {
            ScramHash::Sha1 => {
                let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length");
                mac.update(data);
                mac.finalize().into_bytes().to_vec()
            }
            ScramHash::Sha256 => {
                let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length");
                mac.update(data);
                mac.finalize().into_bytes().to_vec()
            }
            ScramHash::Sha512 => {
                let mut mac = <Hmac<Sha512> as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length");
                mac.update(data);
                mac.finalize().into_bytes().to_vec()
            }
        }
    }

    fn h(self, data: &[u8]) -> Vec<u8> {
        match self {
            ScramHash::Sha1 => Sha1::digest(data).to_vec(),
            ScramHash::Sha256 => Sha256::digest(data).to_vec(),
            ScramHash::Sha512 => Sha512::digest(data).to_vec(),
        }
    }

    /// `Hi()` of RFC 5802 §2.2: PBKDF2 with HMAC.
    fn hi(self, password: &[u8], salt: &[u8], iterations: u32) -> Vec<u8> {
        match self {
            ScramHash::Sha1 => {
                let mut out = [0u8; 20];
                pbkdf2::pbkdf2_hmac::<Sha1>(password, salt, iterations, &mut out);
                out.to_vec()
            }
            ScramHash::Sha256 => {
                let mut out = [0u8; 32];
                pbkdf2::pbkdf2_hmac::<Sha256>(password, salt, iterations, &mut out);
                out.to_vec()
            }
            ScramHash::Sha512 => {
                let mut out = [0u8; 64];
                pbkdf2::pbkdf2_hmac::<Sha512>(password, salt, iterations, &mut out);
                out.to_vec()
            }
        }
    }
}

/// Compares two byte strings in time that depends only on their lengths.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn xor(a: &[u8], b: &[u8]) -> Vec<u8> {
    a.iter().zip(b).map(|(x, y)| x ^ y).collect()
}

/// What a server stores for a SCRAM account (RFC 5802 §3): never the
/// password, only the salt, the iteration count and two derived keys.
#[derive(Clone, PartialEq, Eq)]
pub struct ScramCredentials {
    /// The salt.
    pub salt: Vec<u8>,
    /// The PBKDF2 iteration count.
    pub iterations: u32,
    /// `StoredKey := H(ClientKey)`.
    pub stored_key: Vec<u8>,
    /// `ServerKey := HMAC(SaltedPassword, "Server Key")`.
    pub server_key: Vec<u8>,
}

impl fmt::Debug for ScramCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScramCredentials").field("iterations", &self.iterations).finish_non_exhaustive()
    }
}

impl ScramCredentials {
    /// Derives the credentials from a password (SASLprep'd first, RFC 4013).
    pub fn derive(hash: ScramHash, password: &str, salt: &[u8], iterations: u32) -> Result<Self, Error> {
        let salted = hash.hi(saslprep(password)?.as_bytes(), salt, iterations);
        let client_key = hash.hmac(&salted, b"Client Key");
        Ok(ScramCredentials {
            salt: salt.to_vec(),
            iterations,
            stored_key: hash.h(&client_key),
            server_key: hash.hmac(&salted, b"Server Key"),
        })
    }
}

fn saslprep(s: &str) -> Result<String, Error> {
    stringprep::saslprep(s).map(|c| c.into_owned()).map_err(|_| Error::SaslMalformed(SaslProblem::NotSaslprep))
}

/// Which SCRAM message, by its name in RFC 5802 §7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ScramMessage {
    /// `client-first-message`: GS2 header, username, client nonce.
    ClientFirst,
    /// `server-first-message`: nonce, salt, iteration count.
    ServerFirst,
    /// `client-final-message`: channel binding, nonce, proof.
    ClientFinal,
    /// `server-final-message`: the server signature, or an error.
    ServerFinal,
}

impl ScramMessage {
    /// The ABNF rule name of RFC 5802 §7.
    pub const fn name(self) -> &'static str {
        match self {
            ScramMessage::ClientFirst => "client-first-message",
            ScramMessage::ServerFirst => "server-first-message",
            ScramMessage::ClientFinal => "client-final-message",
            ScramMessage::ServerFinal => "server-final-message",
        }
    }
}

impl fmt::Display for ScramMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What is wrong with a SCRAM message: the rule of RFC 5802 §5.1 or the
/// production of §7 it breaks. Attributes are named by their letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ScramProblem {
    /// The message is not UTF-8 (§7: values are `UTF8-char`s).
    NotUtf8,
    /// The client-first message does not open with a GS2 header,
    /// `gs2-cbind-flag "," [ authzid ] ","` (§7): a channel-binding flag
    /// other than `n`, `y` or `p=` with a `cb-name`, or an authzid field
    /// that is not `a=`.
    Gs2Header,
    /// The comma-separated part at `index` (from 0, after the GS2 header
    /// in a client-first message) is not `ALPHA "=" value` (§7 `attr-val`).
    NotAnAttribute {
        /// Its position.
        index: usize,
    },
    /// A required attribute is absent (§5.1, §7).
    Missing {
        /// The attribute.
        attribute: char,
    },
    /// An attribute RFC 5802 defines occurs twice.
    Duplicate {
        /// The attribute.
        attribute: char,
    },
    /// An attribute RFC 5802 defines is not where the grammar of this
    /// message puts it (§5.1: "the order of attributes ... is fixed"), or
    /// the grammar has no place for it in this message at all; the
    /// positions for extensions take only attributes RFC 5802 does not
    /// define (§7 `extensions`).
    Misplaced {
        /// The attribute.
        attribute: char,
    },
    /// The value is empty, holds a NUL, or holds a character its production
    /// does not allow: a nonce (`r`) that is not printable ASCII without
    /// `,` (§7 `printable`), an iteration count (`i`) that is not a
    /// positive integer without leading zeros (§7 `posit-number`).
    InvalidValue {
        /// The attribute.
        attribute: char,
    },
    /// A `saslname` (the username `n`, the authzid `a`) with a `=` not
    /// followed by `2C` or `3D` (§5.1: the server "MUST fail the
    /// authentication"), or that SASLprep (RFC 4013) refuses.
    InvalidName {
        /// The attribute.
        attribute: char,
    },
    /// The client-first message of a `-PLUS` mechanism has the GS2 flag
    /// `n`: a `-PLUS` mechanism is SCRAM with channel binding, its flag is
    /// `p=` (RFC 5802 §6; `y` there is a downgrade, reported as the
    /// server error `server-does-support-channel-binding`).
    NoBindingWithPlus,
    /// The value is not base64 (§7 `base64`, RFC 4648 §4 with padding):
    /// the salt `s`, the channel binding `c`, the proof `p`, the verifier
    /// `v`.
    InvalidBase64 {
        /// The attribute.
        attribute: char,
    },
}

impl fmt::Display for ScramProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScramProblem::NotUtf8 => f.write_str("not UTF-8"),
            ScramProblem::Gs2Header => f.write_str("no valid GS2 header"),
            ScramProblem::NoBindingWithPlus => f.write_str("a -PLUS mechanism without channel binding ('n')"),
            ScramProblem::NotAnAttribute { index } => write!(f, "part {index} is not 'k=value'"),
            ScramProblem::Missing { attribute } => write!(f, "no '{attribute}' attribute"),
            ScramProblem::Duplicate { attribute } => write!(f, "the '{attribute}' attribute occurs twice"),
            ScramProblem::Misplaced { attribute } => write!(f, "the '{attribute}' attribute is out of place"),
            ScramProblem::InvalidValue { attribute } => write!(f, "the '{attribute}' attribute has an invalid value"),
            ScramProblem::InvalidName { attribute } => write!(f, "the '{attribute}' attribute is not a valid saslname"),
            ScramProblem::InvalidBase64 { attribute } => write!(f, "the '{attribute}' attribute is not base64"),
        }
    }
}

/// The value of a server's `e=` attribute, `server-error-value` of RFC 5802
/// §7 (compared case-insensitively, as ABNF strings are).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ScramErrorValue {
    /// `invalid-encoding`.
    InvalidEncoding,
    /// `extensions-not-supported`: an unrecognized `m` value.
    ExtensionsNotSupported,
    /// `invalid-proof`.
    InvalidProof,
    /// `channel-bindings-dont-match`.
    ChannelBindingsDontMatch,
    /// `server-does-support-channel-binding`: the client said `y`.
    ServerDoesSupportChannelBinding,
    /// `channel-binding-not-supported`.
    ChannelBindingNotSupported,
    /// `unsupported-channel-binding-type`.
    UnsupportedChannelBindingType,
    /// `unknown-user`.
    UnknownUser,
    /// `invalid-username-encoding`: invalid UTF-8, or SASLprep failed.
    InvalidUsernameEncoding,
    /// `no-resources`.
    NoResources,
    /// `other-error`.
    OtherError,
    /// `server-error-value-ext`: a value RFC 5802 does not define, as
    /// received.
    Other(String),
}

impl ScramErrorValue {
    const DEFINED: [ScramErrorValue; 11] = [
        ScramErrorValue::InvalidEncoding,
        ScramErrorValue::ExtensionsNotSupported,
        ScramErrorValue::InvalidProof,
        ScramErrorValue::ChannelBindingsDontMatch,
        ScramErrorValue::ServerDoesSupportChannelBinding,
        ScramErrorValue::ChannelBindingNotSupported,
        ScramErrorValue::UnsupportedChannelBindingType,
        ScramErrorValue::UnknownUser,
        ScramErrorValue::InvalidUsernameEncoding,
        ScramErrorValue::NoResources,
        ScramErrorValue::OtherError,
    ];

    /// The value as RFC 5802 §7 spells it.
    pub fn as_str(&self) -> &str {
        match self {
            ScramErrorValue::InvalidEncoding => "invalid-encoding",
            ScramErrorValue::ExtensionsNotSupported => "extensions-not-supported",
            ScramErrorValue::InvalidProof => "invalid-proof",
            ScramErrorValue::ChannelBindingsDontMatch => "channel-bindings-dont-match",
            ScramErrorValue::ServerDoesSupportChannelBinding => "server-does-support-channel-binding",
            ScramErrorValue::ChannelBindingNotSupported => "channel-binding-not-supported",
            ScramErrorValue::UnsupportedChannelBindingType => "unsupported-channel-binding-type",
            ScramErrorValue::UnknownUser => "unknown-user",
            ScramErrorValue::InvalidUsernameEncoding => "invalid-username-encoding",
            ScramErrorValue::NoResources => "no-resources",
            ScramErrorValue::OtherError => "other-error",
            ScramErrorValue::Other(value) => value,
        }
    }

    /// The value of an `e=` attribute.
    pub fn from_value(value: &str) -> Self {
        ScramErrorValue::DEFINED
            .into_iter()
            .find(|defined| defined.as_str().eq_ignore_ascii_case(value))
            .unwrap_or_else(|| ScramErrorValue::Other(value.to_owned()))
    }
}

impl fmt::Display for ScramErrorValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn malformed(message: ScramMessage, problem: ScramProblem) -> Error {
    Error::ScramMalformed { message, problem }
}

/// `,` and `=` in a SCRAM username or authzid (RFC 5802 §5.1).
fn escape_name(name: &str) -> String {
    name.replace('=', "=3D").replace(',', "=2C")
}

/// A `saslname` (RFC 5802 §7): `=2C` is `,`, `=3D` is `=`, and any other
/// `=` fails (§5.1). Empty names are refused by [`attributes`] (and for
/// the authzid by the caller).
fn unescape_name(message: ScramMessage, attribute: char, name: &str) -> Result<String, Error> {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(i) = rest.find('=') {
        out.push_str(&rest[..i]);
        match rest.get(i + 1..i + 3) {
            Some("2C") => out.push(','),
            Some("3D") => out.push('='),
            _ => return Err(malformed(message, ScramProblem::InvalidName { attribute })),
        }
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The attribute letters RFC 5802 defines (§5.1); any other letter is an
/// extension.
const DEFINED: [char; 10] = ['a', 'n', 'm', 'r', 'c', 's', 'i', 'p', 'v', 'e'];

/// One `attr-val` of RFC 5802 §7: its letter, its value and the byte offset
/// where it starts in the message.
#[derive(Debug, Clone, Copy)]
struct Attr<'a> {
    name: char,
    value: &'a str,
    start: usize,
}

/// The attributes of a message, each `ALPHA "=" value` with a value of at
/// least one character and no NUL (§7 `attr-val`, `value`); fails on `m`
/// wherever it stands (§5.1: its presence "MUST cause authentication
/// failure when the attribute is parsed by the other end") and on an
/// attribute RFC 5802 defines that occurs twice.
fn attributes(message: ScramMessage, text: &str) -> Result<Vec<Attr<'_>>, Error> {
    let mut attrs: Vec<Attr<'_>> = Vec::new();
    let mut start = 0;
    for (index, part) in text.split(',').enumerate() {
        let bytes = part.as_bytes();
        if bytes.len() < 2 || !bytes[0].is_ascii_alphabetic() || bytes[1] != b'=' {
            return Err(malformed(message, ScramProblem::NotAnAttribute { index }));
        }
        let name = char::from(bytes[0]);
        let value = &part[2..];
        if value.is_empty() || value.contains('\0') {
            return Err(malformed(message, ScramProblem::InvalidValue { attribute: name }));
        }
        attrs.push(Attr { name, value, start });
        start += part.len() + 1;
    }
    if attrs.iter().any(|a| a.name == 'm') {
        return Err(Error::ScramMandatoryExtension { message });
    }
    for (i, a) in attrs.iter().enumerate() {
        if DEFINED.contains(&a.name) && attrs[..i].iter().any(|b| b.name == a.name) {
            return Err(malformed(message, ScramProblem::Duplicate { attribute: a.name }));
        }
    }
    Ok(attrs)
}

/// Checks the fixed order of a message (RFC 5802 §5.1, §7): the `fixed`
/// attributes first, in this order; then extensions, which may not be
/// attributes RFC 5802 defines; then `last`, if any (the proof of a
/// client-final message). Returns the attributes by position: the fixed
/// ones, then `last`.
fn layout<'a>(
    message: ScramMessage,
    attrs: &[Attr<'a>],
    fixed: &[char],
    last: Option<char>,
) -> Result<Vec<Attr<'a>>, Error> {
    for want in fixed.iter().copied().chain(last) {
        if !attrs.iter().any(|a| a.name == want) {
            return Err(malformed(message, ScramProblem::Missing { attribute: want }));
        }
    }
    let mut found = Vec::with_capacity(fixed.len() + 1);
    for (i, &want) in fixed.iter().enumerate() {
        match attrs.get(i) {
            Some(a) if a.name == want => found.push(*a),
            _ => return Err(malformed(message, ScramProblem::Misplaced { attribute: want })),
        }
    }
    let mut end = attrs.len();
    if let Some(want) = last {
        match attrs.split_last() {
            Some((a, _)) if a.name == want && attrs.len() > fixed.len() => {
                found.push(*a);
                end -= 1;
            }
            _ => return Err(malformed(message, ScramProblem::Misplaced { attribute: want })),
        }
    }
    if let Some(a) = attrs[fixed.len()..end].iter().find(|a| DEFINED.contains(&a.name)) {
        return Err(malformed(message, ScramProblem::Misplaced { attribute: a.name }));
    }
    Ok(found)
}

/// `printable` of RFC 5802 §7: ASCII from `!` to `~` except `,`.
fn printable(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| (0x21..=0x7E).contains(&b) && b != b',')
}

/// `posit-number` of RFC 5802 §7 (`%x31-39 *DIGIT`), saturated at
/// `u32::MAX`.
fn posit_number(value: &str) -> Option<u32> {
    let bytes = value.as_bytes();
    if !matches!(bytes.first(), Some(b'1'..=b'9')) || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(value.parse().unwrap_or(u32::MAX))
}

fn utf8(message: ScramMessage, bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|_| malformed(message, ScramProblem::NotUtf8))
}

fn decode64(message: ScramMessage, attr: &Attr<'_>) -> Result<Vec<u8>, Error> {
    STANDARD.decode(attr.value).map_err(|_| malformed(message, ScramProblem::InvalidBase64 { attribute: attr.name }))
}

/// A SCRAM exchange on the client side.
///
/// ```
/// use jabber_session::sasl::{ScramClient, ScramHash};
/// // RFC 5802 §5.
/// let mut c = ScramClient::new(ScramHash::Sha1, "user", "pencil", None, "fyko+d2lbbFgONRv9qkxdawL".into())?;
/// assert_eq!(c.client_first(), b"n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
/// let last = c.handle_server_first(b"r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096")?;
/// assert_eq!(last, b"c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
/// c.handle_server_final(b"v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")?;
/// # Ok::<(), jabber_session::Error>(())
/// ```
pub struct ScramClient {
    hash: ScramHash,
    /// `a=<authzid>` or empty: the second field of the GS2 header.
    authzid_field: String,
    cbind: Gs2CbindFlag,
    client_first_bare: String,
    password: String,
    nonce: String,
    min_iterations: u32,
    max_iterations: u32,
    state: ClientState,
}

#[derive(PartialEq, Eq)]
enum ClientState {
    Initial,
    SentFirst,
    SentFinal { server_signature: Vec<u8> },
    Done,
}

impl fmt::Debug for ScramClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScramClient").field("hash", &self.hash).finish_non_exhaustive()
    }
}

impl ScramClient {
    /// Default minimum iteration count: 4096 (RFC 5802 §5.1, RFC 7677 §4).
    pub const DEFAULT_MIN_ITERATIONS: u32 = 4096;
    /// Default maximum iteration count: a server cannot make the client
    /// spend more than this many HMACs (about a second on a slow machine).
    pub const DEFAULT_MAX_ITERATIONS: u32 = 1_000_000;

    /// A client for `authcid` with `password` (both SASLprep'd), acting as
    /// `authzid` if given, with the client nonce `nonce` (see
    /// [`nonce`](super::nonce); it must not contain `,`).
    pub fn new(
        hash: ScramHash,
        authcid: &str,
        password: &str,
        authzid: Option<&str>,
        nonce: String,
    ) -> Result<Self, Error> {
        if nonce.is_empty() || !nonce.bytes().all(|b| (0x21..=0x7E).contains(&b) && b != b',') {
            return Err(Error::SaslMalformed(SaslProblem::NonceNotPrintable));
        }
        let authzid_field = match authzid {
            Some(a) => format!("a={}", escape_name(&saslprep(a)?)),
            None => String::new(),
        };
        let client_first_bare = format!("n={},r={nonce}", escape_name(&saslprep(authcid)?));
        Ok(ScramClient {
            hash,
            authzid_field,
            cbind: Gs2CbindFlag::NoBinding,
            client_first_bare,
            password: saslprep(password)?,
            nonce,
            min_iterations: Self::DEFAULT_MIN_ITERATIONS,
            max_iterations: Self::DEFAULT_MAX_ITERATIONS,
            state: ClientState::Initial,
        })
    }

    /// Sets the iteration counts the client accepts from the server.
    pub fn with_iteration_bounds(mut self, min: u32, max: u32) -> Self {
        self.min_iterations = min;
        self.max_iterations = max;
        self
    }

    /// Sets the GS2 channel-binding flag (RFC 5802 §6, §7): `n` (the
    /// default, what [`new`](Self::new) sends), `y`, or `p=<cb-name>` with
    /// the data the TLS layer exported, which then goes into the `c`
    /// attribute of the client-final message after the GS2 header (§5.1
    /// `c`, §7 `cbind-input`). [`Gs2CbindFlag::Bind`] is for a `-PLUS`
    /// mechanism only, the others for a mechanism without `-PLUS`:
    /// [`choose_with_binding`](super::choose_with_binding) returns the pair.
    ///
    /// ```
    /// use jabber_session::OsRandom;
    /// use jabber_session::sasl::{nonce, ChannelBinding, ChannelBindingType, Gs2CbindFlag, ScramClient, ScramHash};
    ///
    /// /// `exported`: the 32 bytes of RFC 9266 §2 from the TLS layer.
    /// fn start(exported: Vec<u8>) -> Result<(ScramClient, Vec<u8>), Box<dyn std::error::Error>> {
    ///     let binding = ChannelBinding::new(ChannelBindingType::TlsExporter, exported);
    ///     let mut client = ScramClient::new(ScramHash::Sha256, "juliet", "r0m30myr0m30", None, nonce(&mut OsRandom)?)?
    ///         .with_channel_binding(Gs2CbindFlag::Bind(binding));
    ///     let first = client.client_first();
    ///     assert!(first.starts_with(b"p=tls-exporter,,n=juliet,r="));
    ///     Ok((client, first))
    /// }
    /// # start(vec![0; 32]).unwrap();
    /// ```
    pub fn with_channel_binding(mut self, flag: Gs2CbindFlag) -> Self {
        self.cbind = flag;
        self
    }

    /// The GS2 header (RFC 5802 §7 `gs2-header`): flag, authzid, and a
    /// comma each.
    fn gs2_header(&self) -> String {
        format!("{},{},", self.cbind.as_header(), self.authzid_field)
    }

    /// The client-first message (the initial response).
    pub fn client_first(&mut self) -> Vec<u8> {
        self.state = ClientState::SentFirst;
        format!("{}{}", self.gs2_header(), self.client_first_bare).into_bytes()
    }

    /// Handles the server-first message (the challenge); returns the
    /// client-final message (the response).
    ///
    /// The message must be `r=...,s=...,i=...` followed by extensions
    /// (RFC 5802 §7 `server-first-message`); the nonce must extend the
    /// client's with printable characters (§5.1 `r`), the salt be base64
    /// and the iteration count a positive integer (§5.1 `s`, `i`) within
    /// the client's bounds. `m` anywhere is
    /// [`Error::ScramMandatoryExtension`], `e=` anywhere the server's
    /// [`Error::ScramServerError`]; other violations are
    /// [`Error::ScramMalformed`].
    pub fn handle_server_first(&mut self, message: &[u8]) -> Result<Vec<u8>, Error> {
        const MESSAGE: ScramMessage = ScramMessage::ServerFirst;
        if self.state != ClientState::SentFirst {
            return Err(Error::ScramOutOfOrder { message: ScramMessage::ServerFirst });
        }
        let server_first = utf8(MESSAGE, message)?;
        let attrs = attributes(MESSAGE, server_first)?;
        // Not in the grammar of a server-first message, but its meaning is
        // plain: the server reports an error instead of going on.
        if let Some(e) = attrs.iter().find(|a| a.name == 'e') {
            return Err(Error::ScramServerError(ScramErrorValue::from_value(e.value)));
        }
        let [r, s, i] = layout(MESSAGE, &attrs, &['r', 's', 'i'], None)?[..] else {
            return Err(malformed(MESSAGE, ScramProblem::Missing { attribute: 'r' }));
        };
        let nonce = r.value;
        if !printable(nonce) {
            return Err(malformed(MESSAGE, ScramProblem::InvalidValue { attribute: 'r' }));
        }
        if !nonce.starts_with(&self.nonce) || nonce.len() == self.nonce.len() {
            return Err(Error::ScramNonceMismatch);
        }
        let salt = decode64(MESSAGE, &s)?;
        let iterations =
            posit_number(i.value).ok_or(malformed(MESSAGE, ScramProblem::InvalidValue { attribute: 'i' }))?;
        if iterations < self.min_iterations || iterations > self.max_iterations {
            return Err(Error::ScramIterations { iterations, min: self.min_iterations, max: self.max_iterations });
        }
        let h = self.hash;
        let salted = h.hi(self.password.as_bytes(), &salt, iterations);
        let client_key = h.hmac(&salted, b"Client Key");
        let stored_key = h.h(&client_key);
        let mut cbind_input = self.gs2_header().into_bytes();
        cbind_input.extend_from_slice(self.cbind.data());
        let without_proof = format!("c={},r={nonce}", STANDARD.encode(cbind_input));
        let auth_message = format!("{},{server_first},{without_proof}", self.client_first_bare);
        let client_signature = h.hmac(&stored_key, auth_message.as_bytes());
        let proof = xor(&client_key, &client_signature);
        let server_key = h.hmac(&salted, b"Server Key");
        let server_signature = h.hmac(&server_key, auth_message.as_bytes());
        self.state = ClientState::SentFinal { server_signature };
        Ok(format!("{without_proof},p={}", STANDARD.encode(proof)).into_bytes())
    }

    /// Verifies the server-final message (the additional data of
    /// `<success/>`): `v=...` followed by extensions (RFC 5802 §7
    /// `server-final-message`). A wrong signature, or none at all (an empty
    /// message), is [`Error::ScramServerSignatureMismatch`]; `e=` anywhere
    /// is the server's [`Error::ScramServerError`] (§5.1 `e`); `m` anywhere
    /// is [`Error::ScramMandatoryExtension`]; other violations are
    /// [`Error::ScramMalformed`].
    pub fn handle_server_final(&mut self, message: &[u8]) -> Result<(), Error> {
        const MESSAGE: ScramMessage = ScramMessage::ServerFinal;
        let ClientState::SentFinal { server_signature } = &self.state else {
            return Err(Error::ScramOutOfOrder { message: ScramMessage::ServerFinal });
        };
        if message.is_empty() {
            return Err(Error::ScramServerSignatureMismatch);
        }
        let text = utf8(MESSAGE, message)?;
        let attrs = attributes(MESSAGE, text)?;
        if let Some(e) = attrs.iter().find(|a| a.name == 'e') {
            return Err(Error::ScramServerError(ScramErrorValue::from_value(e.value)));
        }
        let [v] = layout(MESSAGE, &attrs, &['v'], None)?[..] else {
            return Err(malformed(MESSAGE, ScramProblem::Missing { attribute: 'v' }));
        };
        let verifier = decode64(MESSAGE, &v)?;
        if !constant_time_eq(&verifier, server_signature) {
            return Err(Error::ScramServerSignatureMismatch);
        }
        self.state = ClientState::Done;
        Ok(())
    }

    /// Whether the next server message is the server-first one (the
    /// client-first message is out and nothing came back yet).
    pub fn awaits_server_first(&self) -> bool {
        self.state == ClientState::SentFirst
    }

    /// Whether the server has been verified.
    pub fn is_done(&self) -> bool {
        self.state == ClientState::Done
    }
}

/// A SCRAM exchange on the server side.
///
/// [`new`](Self::new) is a mechanism without `-PLUS` on a server that
/// offers none: `n` and `y` are accepted, `p=` refused. For channel
/// binding, [`for_mechanism`](Self::for_mechanism) and
/// [`with_channel_binding`](Self::with_channel_binding) say which
/// mechanism the client chose, whether the server offered a `-PLUS` one,
/// and what binding data its TLS layer exported (RFC 5802 §6).
pub struct ScramServer {
    hash: ScramHash,
    /// The mechanism is a `-PLUS` one.
    plus: bool,
    /// The server offered a `-PLUS` mechanism (so `y` is a downgrade).
    offered_plus: bool,
    /// The binding data of the connection.
    binding: Option<ChannelBinding>,
    state: ServerState,
}

enum ServerState {
    Initial,
    SentFirst(Box<Pending>),
    Done,
}

/// What the server remembers between its first message and the client's last.
struct Pending {
    /// The GS2 header and the channel-binding data: what `c` must decode to
    /// (RFC 5802 §7 `cbind-input`).
    cbind_input: Vec<u8>,
    client_first_bare: String,
    server_first: String,
    nonce: String,
    username: String,
    authzid: Option<String>,
    /// `None` for an unknown user: the exchange goes on and fails at the
    /// end, so that unknown users look like wrong passwords.
    credentials: Option<ScramCredentials>,
}

impl fmt::Debug for ScramServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScramServer").field("hash", &self.hash).finish_non_exhaustive()
    }
}

/// A successful exchange: who authenticated, and as whom they would act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authenticated {
    /// The authentication identity (the username).
    pub authcid: String,
    /// The authorization identity, if the client asked for one; whether it
    /// may act as it is the caller's decision.
    pub authzid: Option<String>,
}

impl ScramServer {
    /// A server exchange for `hash`, without channel binding: a mechanism
    /// without `-PLUS`, on a server that offers no `-PLUS` mechanism.
    pub fn new(hash: ScramHash) -> Self {
        ScramServer { hash, plus: false, offered_plus: false, binding: None, state: ServerState::Initial }
    }

    /// A server exchange for the SCRAM `mechanism` the client chose, `None`
    /// for PLAIN. A `-PLUS` mechanism needs the binding data
    /// ([`with_channel_binding`](Self::with_channel_binding)); without it,
    /// every `p=` is `unsupported-channel-binding-type`.
    pub fn for_mechanism(mechanism: Mechanism) -> Option<Self> {
        let plus = mechanism.channel_binding();
        Some(ScramServer { plus, offered_plus: plus, ..ScramServer::new(mechanism.scram_hash()?) })
    }

    /// Channel binding (RFC 5802 §6): `binding` is the data the TLS layer
    /// exported for this connection (`None`: none), `offered_plus` whether
    /// the server offered a `-PLUS` mechanism among its mechanisms (taken
    /// as true for a `-PLUS` mechanism). See
    /// [`handle_client_first`](Self::handle_client_first) for what each
    /// GS2 flag then gets.
    pub fn with_channel_binding(mut self, binding: Option<ChannelBinding>, offered_plus: bool) -> Self {
        self.binding = binding;
        self.offered_plus = offered_plus || self.plus;
        self
    }

    /// The channel-binding data for the GS2 flag `flag` (RFC 5802 §6),
    /// or why the exchange fails.
    fn check_flag(&self, message: ScramMessage, flag: &str) -> Result<&[u8], Error> {
        let gs2_error = || malformed(message, ScramProblem::Gs2Header);
        let cb_name = match flag {
            "n" if self.plus => return Err(malformed(message, ScramProblem::NoBindingWithPlus)),
            "n" => return Ok(&[]),
            // §6: "If the flag is set to "y" and the server supports
            // channel binding, the server MUST fail authentication."
            "y" if self.offered_plus => {
                return Err(Error::ScramServerError(ScramErrorValue::ServerDoesSupportChannelBinding));
            }
            "y" => return Ok(&[]),
            _ => flag.strip_prefix("p=").ok_or_else(gs2_error)?,
        };
        // §7 `cb-name`: 1*(ALPHA / DIGIT / "." / "-").
        if cb_name.is_empty() || !cb_name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-') {
            return Err(gs2_error());
        }
        if !self.plus {
            // A mechanism without -PLUS does no channel binding.
            return Err(Error::ScramChannelBindingNotSupported { cb_name: cb_name.to_owned() });
        }
        match &self.binding {
            Some(binding) if binding.kind.name() == cb_name => Ok(&binding.data),
            // §6: "If the channel binding flag was "p" and the server does
            // not support the indicated channel binding type, then the
            // server MUST fail authentication."
            _ => Err(Error::ScramServerError(ScramErrorValue::UnsupportedChannelBindingType)),
        }
    }

    /// Handles the client-first message: `server_nonce` is the server's
    /// random part, `lookup` finds the user's credentials. Returns the
    /// server-first message.
    ///
    /// The message must be a GS2 header (a channel-binding flag, an
    /// optional `a=` authzid) and then `n=...,r=...` followed by extensions
    /// (§7 `client-first-message`): the names valid `saslname`s (§5.1),
    /// the nonce printable. The flag (RFC 5802 §6):
    ///
    /// - `n`: accepted, except with a `-PLUS` mechanism
    ///   ([`Error::ScramMalformed`] with [`ScramProblem::NoBindingWithPlus`]);
    /// - `y`: accepted if the server offered no `-PLUS` mechanism, else
    ///   [`Error::ScramServerError`] with
    ///   [`ScramErrorValue::ServerDoesSupportChannelBinding`] (a downgrade);
    /// - `p=<cb-name>`: with a mechanism without `-PLUS`
    ///   [`Error::ScramChannelBindingNotSupported`]; with a `-PLUS` one,
    ///   accepted if the connection has binding data of that type, else
    ///   [`Error::ScramServerError`] with
    ///   [`ScramErrorValue::UnsupportedChannelBindingType`].
    ///
    /// `m` anywhere is [`Error::ScramMandatoryExtension`], other violations
    /// [`Error::ScramMalformed`].
    pub fn handle_client_first(
        &mut self,
        message: &[u8],
        server_nonce: &str,
        lookup: impl FnOnce(&str) -> Option<ScramCredentials>,
    ) -> Result<Vec<u8>, Error> {
        const MESSAGE: ScramMessage = ScramMessage::ClientFirst;
        if !matches!(self.state, ServerState::Initial) {
            return Err(Error::ScramOutOfOrder { message: ScramMessage::ClientFirst });
        }
        let text = utf8(MESSAGE, message)?;
        // GS2 header: channel-binding flag, authzid, then the bare message.
        let gs2_error = || malformed(MESSAGE, ScramProblem::Gs2Header);
        let (flag, rest) = text.split_once(',').ok_or_else(gs2_error)?;
        let (authzid, bare) = rest.split_once(',').ok_or_else(gs2_error)?;
        let cbind_data = self.check_flag(MESSAGE, flag)?.to_vec();
        let authzid = match authzid {
            "" => None,
            field => {
                let name = field.strip_prefix("a=").ok_or_else(gs2_error)?;
                if name.is_empty() || name.contains('\0') {
                    return Err(malformed(MESSAGE, ScramProblem::InvalidValue { attribute: 'a' }));
                }
                Some(unescape_name(MESSAGE, 'a', name)?)
            }
        };
        let mut cbind_input = text.as_bytes()[..text.len() - bare.len()].to_vec();
        cbind_input.extend_from_slice(&cbind_data);
        let attrs = attributes(MESSAGE, bare)?;
        let [n, r] = layout(MESSAGE, &attrs, &['n', 'r'], None)?[..] else {
            return Err(malformed(MESSAGE, ScramProblem::Missing { attribute: 'n' }));
        };
        let username = unescape_name(MESSAGE, 'n', n.value)?;
        let client_nonce = r.value;
        if !printable(client_nonce) {
            return Err(malformed(MESSAGE, ScramProblem::InvalidValue { attribute: 'r' }));
        }
        let username = stringprep::saslprep(&username)
            .map_err(|_| malformed(MESSAGE, ScramProblem::InvalidName { attribute: 'n' }))?
            .into_owned();
        let credentials = lookup(&username);
        let (salt, iterations) = match &credentials {
            Some(c) => (c.salt.clone(), c.iterations),
            // A stable fake salt per username, so that probing reveals nothing.
            None => (self.hash.h(format!("jabber-session fake salt {username}").as_bytes())[..16].to_vec(), 4096),
        };
        let nonce = format!("{client_nonce}{server_nonce}");
        let server_first = format!("r={nonce},s={},i={iterations}", STANDARD.encode(salt));
        self.state = ServerState::SentFirst(Box::new(Pending {
            cbind_input,
            client_first_bare: bare.to_owned(),
            server_first: server_first.clone(),
            nonce,
            username,
            authzid,
            credentials,
        }));
        Ok(server_first.into_bytes())
    }

    /// Handles the client-final message; returns the server-final message
    /// (the additional data of `<success/>`) and who authenticated.
    ///
    /// The message must be `c=...,r=...`, extensions, then `p=...` (RFC
    /// 5802 §7 `client-final-message`): `c` the base64 of the GS2 header
    /// of the client-first message followed, with `p=`, by the connection's
    /// channel-binding data (§5.1 `c`, §7 `cbind-input`), else
    /// [`Error::ScramChannelBindingMismatch`]
    /// (`channel-bindings-dont-match`);
    /// `r` the combined nonce, else [`Error::ScramNonceMismatch`]; `m`
    /// anywhere is [`Error::ScramMandatoryExtension`], other violations
    /// [`Error::ScramMalformed`]. A proof that does not verify (or an
    /// unknown user) is [`Error::SaslAuthenticationFailed`].
    pub fn handle_client_final(&mut self, message: &[u8]) -> Result<(Vec<u8>, Authenticated), Error> {
        const MESSAGE: ScramMessage = ScramMessage::ClientFinal;
        let ServerState::SentFirst(pending) = std::mem::replace(&mut self.state, ServerState::Done) else {
            return Err(Error::ScramOutOfOrder { message: ScramMessage::ClientFinal });
        };
        let Pending { cbind_input, client_first_bare, server_first, nonce, username, authzid, credentials } = *pending;
        let text = utf8(MESSAGE, message)?;
        let attrs = attributes(MESSAGE, text)?;
        let [c, r, p] = layout(MESSAGE, &attrs, &['c', 'r'], Some('p'))?[..] else {
            return Err(malformed(MESSAGE, ScramProblem::Missing { attribute: 'p' }));
        };
        if !constant_time_eq(&decode64(MESSAGE, &c)?, &cbind_input) {
            return Err(Error::ScramChannelBindingMismatch);
        }
        if r.value != nonce {
            return Err(Error::ScramNonceMismatch);
        }
        let proof = decode64(MESSAGE, &p)?;
        // The proof is last and not first: a ',' precedes it.
        let without_proof = text.get(..p.start.saturating_sub(1)).unwrap_or_default();
        let credentials = credentials.ok_or(Error::SaslAuthenticationFailed)?;
        let h = self.hash;
        let auth_message = format!("{client_first_bare},{server_first},{without_proof}");
        let client_signature = h.hmac(&credentials.stored_key, auth_message.as_bytes());
        if proof.len() != client_signature.len() {
            return Err(Error::SaslAuthenticationFailed);
        }
        let client_key = xor(&proof, &client_signature);
        if !constant_time_eq(&h.h(&client_key), &credentials.stored_key) {
            return Err(Error::SaslAuthenticationFailed);
        }
        let server_signature = h.hmac(&credentials.server_key, auth_message.as_bytes());
        Ok((
            format!("v={}", STANDARD.encode(server_signature)).into_bytes(),
            Authenticated { authcid: username, authzid },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIRST: ScramMessage = ScramMessage::ClientFirst;
    const FINAL: ScramMessage = ScramMessage::ClientFinal;

    /// RFC 5802 §5: user "user", password "pencil".
    const CLIENT_NONCE: &str = "fyko+d2lbbFgONRv9qkxdawL";
    const SERVER_NONCE: &str = "3rfcNHYJY1ZVvWVs7j";
    const NONCE: &str = "fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j";

    fn stored() -> ScramCredentials {
        let salt = STANDARD.decode("QSXCR+Q6sek8bf92").unwrap();
        ScramCredentials::derive(ScramHash::Sha1, "pencil", &salt, 4096).unwrap()
    }

    /// A server that has answered `client_first`.
    fn server_after(client_first: &str) -> (ScramServer, String) {
        let mut server = ScramServer::new(ScramHash::Sha1);
        let first = server.handle_client_first(client_first.as_bytes(), SERVER_NONCE, |_| Some(stored())).unwrap();
        (server, String::from_utf8(first).unwrap())
    }

    /// The valid proof for `AuthMessage` (RFC 5802 §3), so that a test
    /// message fails for its grammar only, never for its proof.
    fn proof(auth_message: &str) -> String {
        let h = ScramHash::Sha1;
        let salted = h.hi(b"pencil", &STANDARD.decode("QSXCR+Q6sek8bf92").unwrap(), 4096);
        let client_key = h.hmac(&salted, b"Client Key");
        let signature = h.hmac(&h.h(&client_key), auth_message.as_bytes());
        STANDARD.encode(xor(&client_key, &signature))
    }

    /// The client-final message `without_proof` plus a valid proof, as the
    /// server of `client_first` sees it.
    fn client_final(client_first: &str, server_first: &str, without_proof: &str) -> String {
        let bare = client_first.splitn(3, ',').nth(2).unwrap();
        format!("{without_proof},p={}", proof(&format!("{bare},{server_first},{without_proof}")))
    }

    /// Runs an exchange whose client-first is `client_first` and whose
    /// client-final is `without_proof` with a valid proof.
    fn exchange(client_first: &str, without_proof: &str) -> Result<Authenticated, Error> {
        let (mut server, server_first) = server_after(client_first);
        let last = client_final(client_first, &server_first, without_proof);
        server.handle_client_final(last.as_bytes()).map(|(_, who)| who)
    }

    fn first(client_first: &str) -> Result<Vec<u8>, Error> {
        ScramServer::new(ScramHash::Sha1).handle_client_first(client_first.as_bytes(), SERVER_NONCE, |_| Some(stored()))
    }

    fn problem(message: ScramMessage, problem: ScramProblem) -> Error {
        Error::ScramMalformed { message, problem }
    }

    #[test]
    fn the_helpers_forge_proofs_that_verify() {
        // RFC 5802 §5: the exchange of the RFC, and one with an extension
        // attribute the server does not know, which it ignores (RFC 5802
        // §7 `extensions`) while the AuthMessage keeps it.
        let who = exchange(&format!("n,,n=user,r={CLIENT_NONCE}"), &format!("c=biws,r={NONCE}")).unwrap();
        assert_eq!(who, Authenticated { authcid: "user".into(), authzid: None });
        let who = exchange(&format!("n,,n=user,r={CLIENT_NONCE},x=ext"), &format!("c=biws,r={NONCE},x=ext,d=more"));
        assert_eq!(who.unwrap().authcid, "user");
    }

    /// RFC 5802 §5.1 `m`: "its presence in a client or a server message
    /// MUST cause authentication failure when the attribute is parsed by
    /// the other end": in a client-final message, which the grammar gives
    /// no place for it, a valid proof does not save it.
    #[test]
    fn m_in_the_client_final_message_fails_even_with_a_valid_proof() {
        let client_first = format!("n,,n=user,r={CLIENT_NONCE}");
        for without_proof in [format!("c=biws,r={NONCE},m=ext"), format!("c=biws,r={NONCE},x=y,m=ext")] {
            assert_eq!(
                exchange(&client_first, &without_proof),
                Err(Error::ScramMandatoryExtension { message: FINAL }),
                "{without_proof}"
            );
        }
    }

    /// RFC 5802 §5.1 `m`, in the client-first message: first (its place in
    /// the grammar, `reserved-mext`) or among the extensions.
    #[test]
    fn m_anywhere_in_the_client_first_message_fails() {
        for client_first in ["n,,m=ext,n=user,r=abc", "n,,n=user,r=abc,m=ext", "n,,n=user,r=abc,x=1,m=ext"] {
            assert_eq!(first(client_first), Err(Error::ScramMandatoryExtension { message: FIRST }), "{client_first}");
        }
    }

    /// RFC 5802 §5.1/§7: each attribute once; a second `r` (or `c`) after a
    /// valid one is not an extension to ignore, even with a valid proof.
    #[test]
    fn a_duplicate_attribute_in_the_client_final_message_fails_even_with_a_valid_proof() {
        let client_first = format!("n,,n=user,r={CLIENT_NONCE}");
        for (without_proof, attribute) in
            [(format!("c=biws,r={NONCE},r={NONCE}"), 'r'), (format!("c=biws,r={NONCE},c=eSws"), 'c')]
        {
            assert_eq!(
                exchange(&client_first, &without_proof),
                Err(problem(FINAL, ScramProblem::Duplicate { attribute })),
                "{without_proof}"
            );
        }
    }

    /// RFC 5802 §7 `client-final-message`: channel binding, nonce,
    /// extensions, and the proof last; an attribute RFC 5802 defines
    /// elsewhere has no place among the extensions.
    #[test]
    fn the_client_final_message_keeps_its_order() {
        let client_first = format!("n,,n=user,r={CLIENT_NONCE}");
        let cases = [
            (format!("r={NONCE},c=biws"), ScramProblem::Misplaced { attribute: 'c' }),
            (format!("c=biws,x=y,r={NONCE}"), ScramProblem::Misplaced { attribute: 'r' }),
            (format!("c=biws,r={NONCE},s=QSXCR+Q6sek8bf92"), ScramProblem::Misplaced { attribute: 's' }),
            (format!("c=biws,r={NONCE},n=user"), ScramProblem::Misplaced { attribute: 'n' }),
            (format!("r={NONCE}"), ScramProblem::Missing { attribute: 'c' }),
            ("c=biws".to_owned(), ScramProblem::Missing { attribute: 'r' }),
        ];
        for (without_proof, expected) in cases {
            assert_eq!(exchange(&client_first, &without_proof), Err(problem(FINAL, expected)), "{without_proof}");
        }
        // The proof anywhere but last, or missing.
        let (mut server, server_first) = server_after(&client_first);
        let valid = client_final(&client_first, &server_first, &format!("c=biws,r={NONCE}"));
        let (mut again, _) = server_after(&client_first);
        assert_eq!(
            server.handle_client_final(format!("{valid},x=after").as_bytes()),
            Err(problem(FINAL, ScramProblem::Misplaced { attribute: 'p' }))
        );
        assert_eq!(
            again.handle_client_final(format!("c=biws,r={NONCE}").as_bytes()),
            Err(problem(FINAL, ScramProblem::Missing { attribute: 'p' }))
        );
    }

    /// RFC 5802 §5.1 `c`: the base64 of the GS2 header of the client-first
    /// message (no channel-binding data: none is offered), compared by
    /// what it decodes to.
    #[test]
    fn the_channel_binding_is_the_gs2_header() {
        let with_authzid = format!("n,a=user,n=user,r={CLIENT_NONCE}");
        let header = STANDARD.encode("n,a=user,");
        assert_eq!(exchange(&with_authzid, &format!("c={header},r={NONCE}")).unwrap().authzid.as_deref(), Some("user"));
        assert_eq!(exchange(&with_authzid, &format!("c=biws,r={NONCE}")), Err(Error::ScramChannelBindingMismatch));
        let y = format!("y,,n=user,r={CLIENT_NONCE}");
        assert!(exchange(&y, &format!("c=eSws,r={NONCE}")).is_ok());
        assert_eq!(exchange(&y, &format!("c=biws,r={NONCE}")), Err(Error::ScramChannelBindingMismatch));
        // Channel-binding data after the header is not ours.
        let plus_data = STANDARD.encode("n,,data");
        let plain = format!("n,,n=user,r={CLIENT_NONCE}");
        assert_eq!(exchange(&plain, &format!("c={plus_data},r={NONCE}")), Err(Error::ScramChannelBindingMismatch));
        assert_eq!(
            exchange(&plain, &format!("c=biw*,r={NONCE}")),
            Err(problem(FINAL, ScramProblem::InvalidBase64 { attribute: 'c' }))
        );
        // The proof must be base64 too.
        let (mut server, _) = server_after(&plain);
        assert_eq!(
            server.handle_client_final(format!("c=biws,r={NONCE},p=!!").as_bytes()),
            Err(problem(FINAL, ScramProblem::InvalidBase64 { attribute: 'p' }))
        );
    }

    /// RFC 5802 §7 `client-first-message`: duplicates, order, the places of
    /// the attributes RFC 5802 defines, printable nonces, non-empty names.
    #[test]
    fn the_client_first_message_follows_the_grammar() {
        let cases: &[(&str, ScramProblem)] = &[
            ("n,,n=user,r=abc,r=def", ScramProblem::Duplicate { attribute: 'r' }),
            ("n,,n=user,n=other,r=abc", ScramProblem::Duplicate { attribute: 'n' }),
            ("n,,r=abc,n=user", ScramProblem::Misplaced { attribute: 'n' }),
            ("n,,x=1,n=user,r=abc", ScramProblem::Misplaced { attribute: 'n' }),
            ("n,,n=user,r=abc,p=xyz", ScramProblem::Misplaced { attribute: 'p' }),
            ("n,,n=user,r=abc,a=admin", ScramProblem::Misplaced { attribute: 'a' }),
            ("n,,n=user", ScramProblem::Missing { attribute: 'r' }),
            ("n,,r=abc", ScramProblem::Missing { attribute: 'n' }),
            // §7 `printable`: ASCII 0x21 to 0x7E except ','.
            ("n,,n=user,r=ab cd", ScramProblem::InvalidValue { attribute: 'r' }),
            ("n,,n=user,r=ab\u{7f}", ScramProblem::InvalidValue { attribute: 'r' }),
            ("n,,n=user,r=n\u{e4}nce", ScramProblem::InvalidValue { attribute: 'r' }),
            ("n,,n=,r=abc", ScramProblem::InvalidValue { attribute: 'n' }),
            ("n,,n=us\0er,r=abc", ScramProblem::InvalidValue { attribute: 'n' }),
            ("n,a=,n=user,r=abc", ScramProblem::InvalidValue { attribute: 'a' }),
            ("n,,n=user,,r=abc", ScramProblem::NotAnAttribute { index: 1 }),
            ("n,,n=user,r=abc,xyz", ScramProblem::NotAnAttribute { index: 2 }),
            ("n,,n=user,r=abc,1=x", ScramProblem::NotAnAttribute { index: 2 }),
            // The GS2 header (§7 `gs2-header`).
            ("x,,n=user,r=abc", ScramProblem::Gs2Header),
            ("N,,n=user,r=abc", ScramProblem::Gs2Header),
            ("p=,,n=user,r=abc", ScramProblem::Gs2Header),
            ("p=tls unique,,n=user,r=abc", ScramProblem::Gs2Header),
            ("n,b=x,n=user,r=abc", ScramProblem::Gs2Header),
            ("n,user", ScramProblem::Gs2Header),
            ("nope", ScramProblem::Gs2Header),
        ];
        for (client_first, expected) in cases {
            assert_eq!(first(client_first), Err(problem(FIRST, *expected)), "{client_first:?}");
        }
        assert_eq!(first("n,,n=user,r=abc\u{ff}"), Err(problem(FIRST, ScramProblem::InvalidValue { attribute: 'r' })));
        assert_eq!(
            ScramServer::new(ScramHash::Sha1).handle_client_first(b"n,,n=\xff,r=abc", "s", |_| None),
            Err(problem(FIRST, ScramProblem::NotUtf8))
        );
        // RFC 5802 §6: channel binding is not offered.
        assert_eq!(
            first("p=tls-unique,,n=user,r=abc"),
            Err(Error::ScramChannelBindingNotSupported { cb_name: "tls-unique".into() })
        );
    }

    /// RFC 5802 §5.1 `n`: "The characters ',' or '=' in usernames are sent
    /// as '=2C' and '=3D' respectively. If the server receives a username
    /// that contains '=' not followed by either '2C' or '3D', then the
    /// server MUST fail the authentication." The same for the authzid
    /// (§7 `authzid = "a=" saslname`).
    #[test]
    fn saslname_escapes_are_2c_and_3d_only() {
        assert_eq!(escape_name("a,b=c"), "a=2Cb=3Dc");
        assert_eq!(unescape_name(FIRST, 'n', "a=2Cb=3Dc").unwrap(), "a,b=c");
        assert_eq!(unescape_name(FIRST, 'n', "=3D2C").unwrap(), "=2C");
        for bad in ["a=2", "a=", "=", "a=41", "a=2c", "a=3d", "a=2D", "a==3D", "a=\u{e9}\u{e9}"] {
            assert_eq!(
                unescape_name(FIRST, 'n', bad),
                Err(problem(FIRST, ScramProblem::InvalidName { attribute: 'n' })),
                "{bad}"
            );
        }
        assert_eq!(first("n,a=x=41,n=user,r=abc"), Err(problem(FIRST, ScramProblem::InvalidName { attribute: 'a' })));
        assert_eq!(first("n,,n=us=2cer,r=abc"), Err(problem(FIRST, ScramProblem::InvalidName { attribute: 'n' })));
        // A name that SASLprep refuses (RFC 4013 §2.3: prohibited output).
        assert_eq!(first("n,,n=us\u{7}er,r=abc"), Err(problem(FIRST, ScramProblem::InvalidName { attribute: 'n' })));
        // Both names unescaped (the test lookup answers for any user).
        let header = STANDARD.encode("n,a=us=2Cer,");
        let who = exchange(&format!("n,a=us=2Cer,n=us=3Der,r={CLIENT_NONCE}"), &format!("c={header},r={NONCE}"));
        assert_eq!(who, Ok(Authenticated { authcid: "us=er".into(), authzid: Some("us,er".into()) }));
    }

    #[test]
    fn server_error_values_are_typed() {
        assert_eq!(ScramErrorValue::from_value("invalid-proof"), ScramErrorValue::InvalidProof);
        assert_eq!(ScramErrorValue::from_value("Unknown-User"), ScramErrorValue::UnknownUser);
        assert_eq!(ScramErrorValue::from_value("too-late"), ScramErrorValue::Other("too-late".into()));
        for value in ScramErrorValue::DEFINED {
            assert_eq!(ScramErrorValue::from_value(value.as_str()), value);
        }
    }

    #[test]
    fn posit_numbers() {
        assert_eq!(posit_number("4096"), Some(4096));
        assert_eq!(posit_number("99999999999"), Some(u32::MAX));
        for bad in ["0", "04096", "+4096", "-1", "4096.0", " 4096", "", "4k"] {
            assert_eq!(posit_number(bad), None, "{bad}");
        }
    }
}
