//! Where the machines' randomness comes from: SCRAM nonces (RFC 5802 §5.1)
//! and stream ids (RFC 6120 §4.7.3, which must be unpredictable). From the
//! operating system by default ([`OsRandom`], through `getrandom`); tests
//! inject a deterministic source with the machines' `with_random`
//! constructors.

use std::fmt;

/// A source of unpredictable bytes.
///
/// Any `FnMut(&mut [u8])` is one (it cannot fail): that is how tests
/// inject a deterministic source. Never use a constant source outside a
/// test: SCRAM's security rests on unpredictable nonces.
pub trait Random {
    /// Fills `buf` with unpredictable bytes.
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), RandomError>;
}

impl<F: FnMut(&mut [u8])> Random for F {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), RandomError> {
        self(buf);
        Ok(())
    }
}

/// The operating system's random source (`getrandom`): the default of
/// every machine.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsRandom;

impl Random for OsRandom {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), RandomError> {
        getrandom::fill(buf).map_err(|error| RandomError { code: error.raw_os_error(), text: error.to_string() })
    }
}

/// The random source failed (the operating system's, for [`OsRandom`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RandomError {
    code: Option<i32>,
    text: String,
}

impl RandomError {
    /// An error of a source of the caller's, with its description.
    pub fn new(text: impl Into<String>) -> Self {
        RandomError { code: None, text: text.into() }
    }

    /// The operating system's error code, if there is one.
    pub fn raw_os_error(&self) -> Option<i32> {
        self.code
    }
}

impl fmt::Display for RandomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for RandomError {}

/// A stream id (RFC 6120 §4.7.3): 12 random bytes in lowercase hex, 24
/// characters. The one encoder of every machine that hands out ids.
pub(crate) fn stream_id(random: &mut dyn Random) -> Result<String, RandomError> {
    let mut bytes = [0u8; 12];
    random.fill(&mut bytes)?;
    Ok(hex(&bytes))
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_random_fills_and_differs() {
        let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
        OsRandom.fill(&mut a).unwrap();
        OsRandom.fill(&mut b).unwrap();
        // 2^-256 chance of a false failure.
        assert_ne!(a, b);
    }

    #[test]
    fn stream_ids_are_24_hex_digits() {
        let id = stream_id(&mut |b: &mut [u8]| b.fill(0xab)).unwrap();
        assert_eq!(id, "abababababababababababab");
        assert_eq!(stream_id(&mut OsRandom).unwrap().len(), 24);
    }
}
