//! Character and name classes of XML 1.0 (Fifth Edition) §2.2 and §2.3.

/// `Char` of XML 1.0 §2.2: the characters a document may contain.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `NameStartChar` of XML 1.0 §2.3, without `:` (Namespaces in XML `NCName`).
fn is_name_start_char(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// `NameChar` of XML 1.0 §2.3, without `:`.
fn is_name_char(c: char) -> bool {
    is_name_start_char(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Whether `s` is an `NCName` (Namespaces in XML 1.0 §3): an XML name without colons.
pub(crate) fn is_ncname(s: &str) -> bool {
    let b = s.as_bytes();
    // Fast path: ASCII names, the overwhelmingly common case.
    if b.is_ascii() {
        return match b.split_first() {
            Some((first, rest)) => {
                (first.is_ascii_alphabetic() || *first == b'_')
                    && rest.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
            }
            None => false,
        };
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if is_name_start_char(c) => chars.all(is_name_char),
        _ => false,
    }
}

/// Splits a `QName` into an optional prefix and the local part, checking both
/// are `NCName`s. Returns `None` for anything else.
pub(crate) fn split_qname(qname: &str) -> Option<(Option<&str>, &str)> {
    match qname.split_once(':') {
        None => is_ncname(qname).then_some((None, qname)),
        Some((prefix, local)) => (is_ncname(prefix) && is_ncname(local)).then_some((Some(prefix), local)),
    }
}

/// Finds the first character in `b` that XML does not allow, with its byte
/// offset.
///
/// Looks for C0 controls other than tab, LF and CR, and U+FFFE / U+FFFF
/// (UTF-8 `EF BF BE` / `EF BF BF`); surrogates and other malformed UTF-8
/// are the UTF-8 validation's to find. Blocks of 32 bytes are tested without
/// branches (the compiler vectorizes this); only a block with a suspicious
/// byte is looked at closely.
pub(crate) fn find_illegal_char(b: &[u8]) -> Option<(usize, char)> {
    const BLOCK: usize = 32;
    for (n, block) in b.chunks(BLOCK).enumerate() {
        let suspicious = block
            .iter()
            .fold(false, |acc, &c| acc | ((c < 0x20) & (c != b'\t') & (c != b'\n') & (c != b'\r')) | (c == 0xEF));
        if !suspicious {
            continue;
        }
        for i in n * BLOCK..n * BLOCK + block.len() {
            let c = b[i];
            if c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r') {
                return Some((i, c as char));
            }
            if c == 0xEF && b.get(i + 1) == Some(&0xBF) {
                match b.get(i + 2) {
                    Some(0xBE) => return Some((i, '\u{FFFE}')),
                    Some(0xBF) => return Some((i, '\u{FFFF}')),
                    _ => {}
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ncnames() {
        for ok in ["a", "_x", "stream", "a-b.c_1", "été", "x\u{300}", "ᐁ"] {
            assert!(is_ncname(ok), "{ok}");
        }
        for bad in ["", "1a", "-a", ".a", "a:b", "a b", "a\u{D7}", "\u{300}x", "a>"] {
            assert!(!is_ncname(bad), "{bad}");
        }
    }

    #[test]
    fn qnames() {
        assert_eq!(split_qname("stream:stream"), Some((Some("stream"), "stream")));
        assert_eq!(split_qname("body"), Some((None, "body")));
        for bad in [":a", "a:", "a:b:c", "1:a", ""] {
            assert_eq!(split_qname(bad), None, "{bad}");
        }
    }

    #[test]
    fn illegal_chars_found_with_offsets() {
        assert_eq!(find_illegal_char("hello\tworld\r\n".as_bytes()), None);
        assert_eq!(find_illegal_char("a\u{0}b".as_bytes()), Some((1, '\0')));
        assert_eq!(find_illegal_char("ab\u{1B}".as_bytes()), Some((2, '\u{1B}')));
        assert_eq!(find_illegal_char("é\u{FFFE}".as_bytes()), Some((2, '\u{FFFE}')));
        assert_eq!(find_illegal_char("\u{FFFF}\u{1}".as_bytes()), Some((0, '\u{FFFF}')));
        assert_eq!(find_illegal_char("\u{FFFD}\u{EFBF}".as_bytes()), None);
        for c in ['\u{9}', '\u{A}', '\u{D}', ' ', '\u{D7FF}', '\u{E000}', '\u{FFFD}', '\u{10000}'] {
            assert!(is_xml_char(c));
        }
        for c in ['\u{0}', '\u{8}', '\u{B}', '\u{1F}', '\u{FFFE}', '\u{FFFF}'] {
            assert!(!is_xml_char(c));
        }
    }
}
