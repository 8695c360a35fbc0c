//! PLAIN, RFC 4616: `[authzid] NUL authcid NUL passwd`.

use crate::error::{Error, SaslProblem};

/// The PLAIN message of a client (RFC 4616 §2).
pub fn plain_message(authzid: Option<&str>, authcid: &str, password: &str) -> Vec<u8> {
    let mut m = Vec::with_capacity(authzid.map_or(0, str::len) + authcid.len() + password.len() + 2);
    m.extend_from_slice(authzid.unwrap_or("").as_bytes());
    m.push(0);
    m.extend_from_slice(authcid.as_bytes());
    m.push(0);
    m.extend_from_slice(password.as_bytes());
    m
}

/// Parses a PLAIN message on the server: `(authzid, authcid, password)`.
/// Refuses a message that is not UTF-8, does not have exactly two NULs, or
/// has an empty authentication identity or password (RFC 4616 §2, §4).
pub fn parse_plain(message: &[u8]) -> Result<(Option<String>, String, String), Error> {
    let text = std::str::from_utf8(message).map_err(|_| Error::SaslMalformed(SaslProblem::PlainNotUtf8))?;
    let mut parts = text.split('\0');
    let (Some(authzid), Some(authcid), Some(password), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Error::SaslMalformed(SaslProblem::PlainSeparators));
    };
    if authcid.is_empty() || password.is_empty() {
        return Err(Error::SaslMalformed(SaslProblem::PlainEmpty));
    }
    Ok(((!authzid.is_empty()).then(|| authzid.to_owned()), authcid.to_owned(), password.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4616 §4 examples.
    #[test]
    fn rfc_4616_examples() {
        assert_eq!(plain_message(None, "tim", "tanstaaftanstaaf"), b"\0tim\0tanstaaftanstaaf");
        assert_eq!(plain_message(Some("Ursel"), "Kurt", "xipj3plmq"), b"Ursel\0Kurt\0xipj3plmq");
        assert_eq!(parse_plain(b"\0tim\0tanstaaftanstaaf").unwrap(), (None, "tim".into(), "tanstaaftanstaaf".into()));
        assert_eq!(
            parse_plain(b"Ursel\0Kurt\0xipj3plmq").unwrap(),
            (Some("Ursel".into()), "Kurt".into(), "xipj3plmq".into())
        );
    }

    #[test]
    fn malformed_messages() {
        for bad in [&b"tim\0pass"[..], b"\0\0pass", b"\0tim\0", b"\0a\0b\0c", b"\0\xff\0x", b""] {
            assert!(matches!(parse_plain(bad), Err(Error::SaslMalformed(_))), "{bad:?}");
        }
    }
}
