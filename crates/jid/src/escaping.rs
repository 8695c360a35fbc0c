//! JID escaping, XEP-0106 (version 1.1): characters that Nodeprep
//! prohibits, written as `\hh` in a localpart.
//!
//! The normative rules are followed: the nine disallowed characters are
//! escaped, and a `\` is escaped (as `\5c`) only where it would otherwise
//! be read as one of the ten escape sequences; every other `\` and every
//! partial or foreign sequence (`\2plus`, `foo\bar`, `foob\41r`) is left as
//! it is (XEP-0106 §4 "Exceptions"). Hex digits are lower case; case is
//! significant.
//!
//! Note: XEP-0106's JID table (examples 9–11) also escapes backslashes that
//! start no escape sequence (`c:\net` as `c\3a\5cnet`), which its own
//! "Exceptions" rules forbid for escaping; this module follows the rules.
//! Unescaping those examples gives back the user input either way.

use crate::error::Error;

/// The ten escape sequences and the characters they stand for.
const ESCAPES: [(&str, char); 10] = [
    ("20", ' '),
    ("22", '"'),
    ("26", '&'),
    ("27", '\''),
    ("2f", '/'),
    ("3a", ':'),
    ("3c", '<'),
    ("3e", '>'),
    ("40", '@'),
    ("5c", '\\'),
];

/// The character an escape sequence stands for, if `s` starts with one
/// (after the backslash).
fn escaped_char(s: &str) -> Option<char> {
    let code = s.get(..2)?;
    ESCAPES.iter().find(|(e, _)| *e == code).map(|(_, c)| *c)
}

/// Escapes a localpart as XEP-0106 says, e.g. for a user's input or a
/// gateway's foreign address.
///
/// A localpart may not start or end with a space: that is
/// [`Error::EscapedSpaceAtEdge`]. The result still has to pass Nodeprep
/// when it is made part of a JID (it may contain characters Nodeprep maps
/// or refuses for other reasons).
///
/// ```
/// use jabber_jid::{escape_node, unescape_node};
/// // XEP-0106 §5.1 examples 4 and 8.
/// assert_eq!(escape_node("d'artagnan")?, "d\\27artagnan");
/// assert_eq!(escape_node("user@host")?, "user\\40host");
/// assert_eq!(unescape_node("space\\20cadet"), "space cadet");
/// # Ok::<(), jabber_jid::Error>(())
/// ```
pub fn escape_node(s: &str) -> Result<String, Error> {
    if s.starts_with(' ') || s.ends_with(' ') {
        return Err(Error::EscapedSpaceAtEdge);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        match c {
            '\\' if escaped_char(&s[i + 1..]).is_some() => out.push_str("\\5c"),
            ' ' | '"' | '&' | '\'' | '/' | ':' | '<' | '>' | '@' => {
                let (code, _) = ESCAPES.iter().find(|(_, e)| *e == c).expect("listed");
                out.push('\\');
                out.push_str(code);
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

/// Unescapes a localpart for display or for a gateway: exactly the ten
/// escape sequences are replaced; anything else stays as it is.
pub fn unescape_node(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        match escaped_char(&rest[i + 1..]) {
            Some(c) => {
                out.push(c);
                rest = &rest[i + 3..];
            }
            None => {
                out.push('\\');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// XEP-0106 §5.1 "JID Examples" 1–8 and 12 (user input, escaped form).
    const ROUND_TRIPS: &[(&str, &str)] = &[
        ("space cadet", "space\\20cadet"),
        ("call me \"ishmael\"", "call\\20me\\20\\22ishmael\\22"),
        ("at&t guy", "at\\26t\\20guy"),
        ("d'artagnan", "d\\27artagnan"),
        ("/.fanboy", "\\2f.fanboy"),
        ("::foo::", "\\3a\\3afoo\\3a\\3a"),
        ("<foo>", "\\3cfoo\\3e"),
        ("user@host", "user\\40host"),
        ("c:\\5commas", "c\\3a\\5c5commas"),
        // XEP-0106 §5.2 and §5.7 (e-mail and IRC addresses).
        ("here's_a_wild_&_/cr%zy/_address", "here\\27s_a_wild_\\26_\\2fcr%zy\\2f_address"),
        ("somenick!user\"&'/:<>\\3address", "somenick!user\\22\\26\\27\\2f\\3a\\3c\\3e\\5c3address"),
    ];

    #[test]
    fn xep_0106_examples() {
        for (input, escaped) in ROUND_TRIPS {
            assert_eq!(escape_node(input).unwrap(), *escaped, "{input}");
            assert_eq!(unescape_node(escaped), *input, "{escaped}");
        }
        // Examples 9–11: the XEP escapes backslashes that start no escape
        // sequence; its "Exceptions" rules do not. Unescaping agrees.
        assert_eq!(unescape_node("c\\3a\\5cnet"), "c:\\net");
        assert_eq!(unescape_node("c\\3a\\5c\\5cnet"), "c:\\\\net");
        assert_eq!(unescape_node("c\\3a\\5ccool\\20stuff"), "c:\\cool stuff");
        assert_eq!(escape_node("c:\\net").unwrap(), "c\\3a\\net");
        // §4.4 "Exceptions": partial and foreign sequences are untouched.
        for s in ["\\2plus\\2is\\4", "foo\\bar", "foob\\41r"] {
            assert_eq!(escape_node(s).unwrap(), s);
            assert_eq!(unescape_node(s), s);
        }
        // §4.3: upper-case hex is not an escape.
        assert_eq!(unescape_node("a\\2Fb"), "a\\2Fb");
        // §4.2 (rule 6): no escaped space at either end.
        assert_eq!(escape_node(" cadet"), Err(Error::EscapedSpaceAtEdge));
        assert_eq!(escape_node("cadet "), Err(Error::EscapedSpaceAtEdge));
    }
}
