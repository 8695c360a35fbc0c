//! SCRAM, RFC 5802 (SCRAM-SHA-1) and RFC 7677 (SCRAM-SHA-256), without
//! channel binding (the `-PLUS` variants are not offered; the GS2 header
//! `y` is accepted as RFC 5802 §6 allows a server that does not offer them).

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::error::Error;

/// The hash function of a SCRAM mechanism.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScramHash {
    /// SHA-1, for SCRAM-SHA-1.
    Sha1,
    /// SHA-256, for SCRAM-SHA-256.
    Sha256,
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
        }
    }

    fn h(self, data: &[u8]) -> Vec<u8> {
        match self {
            ScramHash::Sha1 => Sha1::digest(data).to_vec(),
            ScramHash::Sha256 => Sha256::digest(data).to_vec(),
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
    stringprep::saslprep(s).map(|c| c.into_owned()).map_err(|_| Error::SaslMalformed("not a valid SASLprep string"))
}

/// `,` and `=` in a SCRAM username or authzid (RFC 5802 §5.1).
fn escape_name(name: &str) -> String {
    name.replace('=', "=3D").replace(',', "=2C")
}

fn unescape_name(name: &str) -> Result<String, Error> {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(i) = rest.find('=') {
        out.push_str(&rest[..i]);
        match rest.get(i + 1..i + 3) {
            Some("2C") => out.push(','),
            Some("3D") => out.push('='),
            _ => return Err(Error::SaslMalformed("'=' not followed by 2C or 3D in a SCRAM name")),
        }
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The `key=value` attributes of a SCRAM message.
fn attributes(message: &str) -> impl Iterator<Item = Result<(char, &str), Error>> {
    message.split(',').map(|attr| {
        let mut chars = attr.chars();
        match (chars.next(), chars.next()) {
            (Some(k), Some('=')) if k.is_ascii_alphabetic() => Ok((k, &attr[2..])),
            _ => Err(Error::SaslMalformed("a SCRAM attribute is not 'k=value'")),
        }
    })
}

fn utf8(message: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(message).map_err(|_| Error::SaslMalformed("SCRAM message is not UTF-8"))
}

fn decode64(value: &str, what: &'static str) -> Result<Vec<u8>, Error> {
    STANDARD.decode(value).map_err(|_| Error::SaslMalformed(what))
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
    gs2_header: String,
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
            return Err(Error::SaslMalformed("a SCRAM nonce is printable ASCII without ','"));
        }
        let gs2_header = match authzid {
            Some(a) => format!("n,a={},", escape_name(&saslprep(a)?)),
            None => "n,,".to_owned(),
        };
        let client_first_bare = format!("n={},r={nonce}", escape_name(&saslprep(authcid)?));
        Ok(ScramClient {
            hash,
            gs2_header,
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

    /// The client-first message (the initial response).
    pub fn client_first(&mut self) -> Vec<u8> {
        self.state = ClientState::SentFirst;
        format!("{}{}", self.gs2_header, self.client_first_bare).into_bytes()
    }

    /// Handles the server-first message (the challenge); returns the
    /// client-final message (the response).
    pub fn handle_server_first(&mut self, message: &[u8]) -> Result<Vec<u8>, Error> {
        if self.state != ClientState::SentFirst {
            return Err(Error::SaslUnexpected("a SCRAM server-first message now"));
        }
        let server_first = utf8(message)?;
        let (mut nonce, mut salt, mut iterations) = (None, None, None);
        for (i, attr) in attributes(server_first).enumerate() {
            match attr? {
                ('m', _) if i == 0 => return Err(Error::ScramMandatoryExtension),
                ('e', value) => return Err(Error::ScramServerError(value.to_owned())),
                ('r', v) if i == 0 => nonce = Some(v),
                ('s', v) if i == 1 => salt = Some(decode64(v, "the SCRAM salt is not base64")?),
                ('i', v) if i == 2 => {
                    iterations = Some(v.parse::<u32>().map_err(|_| Error::SaslMalformed("the SCRAM iteration count"))?)
                }
                _ if i >= 3 => {} // extensions
                _ => return Err(Error::SaslMalformed("SCRAM server-first is not r=,s=,i=")),
            }
        }
        let (Some(nonce), Some(salt), Some(iterations)) = (nonce, salt, iterations) else {
            return Err(Error::SaslMalformed("SCRAM server-first lacks r, s or i"));
        };
        if !nonce.starts_with(&self.nonce) || nonce.len() == self.nonce.len() {
            return Err(Error::ScramNonceMismatch);
        }
        if salt.is_empty() {
            return Err(Error::SaslMalformed("the SCRAM salt is empty"));
        }
        if iterations < self.min_iterations || iterations > self.max_iterations {
            return Err(Error::ScramIterations { iterations, min: self.min_iterations, max: self.max_iterations });
        }
        let h = self.hash;
        let salted = h.hi(self.password.as_bytes(), &salt, iterations);
        let client_key = h.hmac(&salted, b"Client Key");
        let stored_key = h.h(&client_key);
        let without_proof = format!("c={},r={nonce}", STANDARD.encode(&self.gs2_header));
        let auth_message = format!("{},{server_first},{without_proof}", self.client_first_bare);
        let client_signature = h.hmac(&stored_key, auth_message.as_bytes());
        let proof = xor(&client_key, &client_signature);
        let server_key = h.hmac(&salted, b"Server Key");
        let server_signature = h.hmac(&server_key, auth_message.as_bytes());
        self.state = ClientState::SentFinal { server_signature };
        Ok(format!("{without_proof},p={}", STANDARD.encode(proof)).into_bytes())
    }

    /// Verifies the server-final message (the additional data of
    /// `<success/>`): a wrong or missing server signature is an error, as
    /// is an `e=` error from the server.
    pub fn handle_server_final(&mut self, message: &[u8]) -> Result<(), Error> {
        let ClientState::SentFinal { server_signature } = &self.state else {
            return Err(Error::SaslUnexpected("a SCRAM server-final message now"));
        };
        let text = utf8(message)?;
        let mut attrs = attributes(text);
        let verifier = match attrs.next() {
            Some(Ok(('v', v))) => decode64(v, "the SCRAM server signature is not base64")?,
            Some(Ok(('e', e))) => return Err(Error::ScramServerError(e.to_owned())),
            _ => return Err(Error::ScramServerSignatureMismatch),
        };
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
pub struct ScramServer {
    hash: ScramHash,
    state: ServerState,
}

enum ServerState {
    Initial,
    SentFirst(Box<Pending>),
    Done,
}

/// What the server remembers between its first message and the client's last.
struct Pending {
    gs2_header: String,
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
    /// A server exchange for `hash`.
    pub fn new(hash: ScramHash) -> Self {
        ScramServer { hash, state: ServerState::Initial }
    }

    /// Handles the client-first message: `server_nonce` is the server's
    /// random part, `lookup` finds the user's credentials. Returns the
    /// server-first message.
    pub fn handle_client_first(
        &mut self,
        message: &[u8],
        server_nonce: &str,
        lookup: impl FnOnce(&str) -> Option<ScramCredentials>,
    ) -> Result<Vec<u8>, Error> {
        if !matches!(self.state, ServerState::Initial) {
            return Err(Error::SaslUnexpected("a SCRAM client-first message now"));
        }
        let text = utf8(message)?;
        // GS2 header: channel-binding flag, authzid, then the bare message.
        let (flag, rest) = text.split_once(',').ok_or(Error::SaslMalformed("no GS2 header"))?;
        match flag {
            "n" | "y" => {}
            f if f.starts_with("p=") => return Err(Error::SaslMalformed("channel binding is not offered")),
            _ => return Err(Error::SaslMalformed("GS2 channel-binding flag is not n, y or p=")),
        }
        let (authzid, bare) = rest.split_once(',').ok_or(Error::SaslMalformed("no GS2 authzid field"))?;
        let authzid = match authzid {
            "" => None,
            a => Some(unescape_name(a.strip_prefix("a=").ok_or(Error::SaslMalformed("GS2 authzid is not a="))?)?),
        };
        let gs2_header = format!("{flag},{},", rest.split_once(',').map_or("", |(a, _)| a));
        let (mut username, mut nonce) = (None, None);
        for (i, attr) in attributes(bare).enumerate() {
            match attr? {
                ('m', _) if i == 0 => return Err(Error::ScramMandatoryExtension),
                ('n', v) if i == 0 => username = Some(unescape_name(v)?),
                ('r', v) if i == 1 => nonce = Some(v),
                _ if i >= 2 => {}
                _ => return Err(Error::SaslMalformed("SCRAM client-first is not n=,r=")),
            }
        }
        let (Some(username), Some(client_nonce)) = (username, nonce) else {
            return Err(Error::SaslMalformed("SCRAM client-first lacks n or r"));
        };
        if username.is_empty() || client_nonce.is_empty() {
            return Err(Error::SaslMalformed("empty SCRAM username or nonce"));
        }
        let username = saslprep(&username)?;
        let credentials = lookup(&username);
        let (salt, iterations) = match &credentials {
            Some(c) => (c.salt.clone(), c.iterations),
            // A stable fake salt per username, so that probing reveals nothing.
            None => (self.hash.h(format!("jabber-session fake salt {username}").as_bytes())[..16].to_vec(), 4096),
        };
        let nonce = format!("{client_nonce}{server_nonce}");
        let server_first = format!("r={nonce},s={},i={iterations}", STANDARD.encode(salt));
        self.state = ServerState::SentFirst(Box::new(Pending {
            gs2_header,
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
    /// (the additional data of `<success/>`) and who authenticated. Any
    /// failure of the proof is [`Error::SaslAuthenticationFailed`].
    pub fn handle_client_final(&mut self, message: &[u8]) -> Result<(Vec<u8>, Authenticated), Error> {
        let ServerState::SentFirst(pending) = std::mem::replace(&mut self.state, ServerState::Done) else {
            return Err(Error::SaslUnexpected("a SCRAM client-final message now"));
        };
        let Pending { gs2_header, client_first_bare, server_first, nonce, username, authzid, credentials } = *pending;
        let text = utf8(message)?;
        let (without_proof, proof) =
            text.rsplit_once(",p=").ok_or(Error::SaslMalformed("SCRAM client-final lacks p="))?;
        let mut attrs = attributes(without_proof);
        let binding = match attrs.next() {
            Some(Ok(('c', c))) => decode64(c, "SCRAM channel binding is not base64")?,
            _ => return Err(Error::SaslMalformed("SCRAM client-final does not start with c=")),
        };
        if binding != gs2_header.as_bytes() {
            return Err(Error::ScramChannelBindingMismatch);
        }
        match attrs.next() {
            Some(Ok(('r', r))) if r == nonce => {}
            Some(Ok(('r', _))) => return Err(Error::ScramNonceMismatch),
            _ => return Err(Error::SaslMalformed("SCRAM client-final lacks r=")),
        }
        let proof = decode64(proof, "SCRAM proof is not base64")?;
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

    #[test]
    fn names_escape_and_unescape() {
        assert_eq!(escape_name("a,b=c"), "a=2Cb=3Dc");
        assert_eq!(unescape_name("a=2Cb=3Dc").unwrap(), "a,b=c");
        assert!(unescape_name("a=2").is_err());
        assert!(unescape_name("a=41").is_err());
    }
}
