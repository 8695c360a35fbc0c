//! The stringprep profiles of RFC 6122: Nodeprep (Appendix A) and
//! Resourceprep (Appendix B), on top of RFC 3454's tables.
//!
//! Implemented here rather than with `stringprep::nodeprep` so that a failure
//! says which character failed and where. The tables are the `stringprep`
//! crate's; normalization is NFKC from `unicode-normalization`.

use stringprep::tables;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Part};

/// A stringprep profile of RFC 6122.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Profile {
    /// Nodeprep, for localparts.
    Node,
    /// Resourceprep, for resourceparts.
    Resource,
}

impl Profile {
    fn part(self) -> Part {
        match self {
            Profile::Node => Part::Local,
            Profile::Resource => Part::Resource,
        }
    }

    /// Whether the profile prohibits `c` in its output (RFC 6122 A.5 / B.5).
    fn prohibits(self, c: char) -> bool {
        let common = tables::non_ascii_space_character(c) // C.1.2
            || tables::ascii_control_character(c) // C.2.1
            || tables::non_ascii_control_character(c) // C.2.2
            || tables::private_use(c) // C.3
            || tables::non_character_code_point(c) // C.4
            || tables::surrogate_code(c) // C.5
            || tables::inappropriate_for_plain_text(c) // C.6
            || tables::inappropriate_for_canonical_representation(c) // C.7
            || tables::change_display_properties_or_deprecated(c) // C.8
            || tables::tagging_character(c); // C.9
        match self {
            Profile::Node => {
                common
                    || tables::ascii_space_character(c) // C.1.1
                    || matches!(c, '"' | '&' | '\'' | '/' | ':' | '<' | '>' | '@')
            }
            Profile::Resource => common,
        }
    }

    /// Whether `s` is already the output of the profile and needs no work:
    /// printable ASCII that the profile neither maps nor prohibits.
    pub(crate) fn is_prepared_ascii(self, s: &str) -> bool {
        match self {
            Profile::Node => s.bytes().all(|b| {
                matches!(b, b'!'..=b'~')
                    && !b.is_ascii_uppercase()
                    && !matches!(b, b'"' | b'&' | b'\'' | b'/' | b':' | b'<' | b'>' | b'@')
            }),
            Profile::Resource => s.bytes().all(|b| matches!(b, b' '..=b'~')),
        }
    }
}

/// Prepares `s`, which starts at byte `base` of the input, with `profile`.
///
/// Steps of RFC 3454 §2: map (B.1, and B.2 for Nodeprep), normalize
/// (NFKC), prohibit, check bidi; code points unassigned in Unicode 3.2
/// (A.1) are refused, as stored strings require (RFC 3454 §7). Each input
/// character is checked with its own mapping and normalization, so that an
/// error names the character as the user wrote it (e.g. FULLWIDTH COMMERCIAL
/// AT, which normalizes to the prohibited `@`).
pub(crate) fn prepare(s: &str, base: usize, profile: Profile) -> Result<String, Error> {
    let part = profile.part();
    let mut mapped = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if tables::unassigned_code_point(c) {
            return Err(Error::Unassigned { part, ch: c, offset: base + i });
        }
        if tables::commonly_mapped_to_nothing(c) {
            continue;
        }
        match profile {
            Profile::Node => mapped.extend(tables::case_fold_for_nfkc(c)),
            Profile::Resource => mapped.push(c),
        }
    }
    let normalized: String = mapped.nfkc().collect();
    if normalized.chars().any(|c| profile.prohibits(c)) {
        return Err(locate_prohibited(s, base, profile));
    }
    if violates_bidi_rule(&normalized) {
        return Err(Error::Bidi(part));
    }
    Ok(normalized)
}

/// Names the input character whose mapping and normalization yields a
/// prohibited character (run only when there is one). Composition never
/// produces a prohibited character from allowed ones, so looking at each
/// input character alone finds it.
fn locate_prohibited(s: &str, base: usize, profile: Profile) -> Error {
    let part = profile.part();
    for (i, c) in s.char_indices() {
        let mut one = String::new();
        match profile {
            Profile::Node => one.extend(tables::case_fold_for_nfkc(c)),
            Profile::Resource => one.push(c),
        }
        if one.nfkc().any(|m| profile.prohibits(m)) {
            return Error::Prohibited { part, ch: c, offset: base + i };
        }
    }
    // Not reached with the RFC 3454 tables; reported at the part's start.
    let first = s.nfkc().find(|&c| profile.prohibits(c)).unwrap_or('\u{FFFD}');
    Error::Prohibited { part, ch: first, offset: base }
}

/// RFC 3454 §6: a string with any RandALCat character must contain no LCat
/// character, and must start and end with a RandALCat character.
fn violates_bidi_rule(s: &str) -> bool {
    if !s.chars().any(tables::bidi_r_or_al) {
        return false;
    }
    let first = s.chars().next().is_some_and(tables::bidi_r_or_al);
    let last = s.chars().next_back().is_some_and(tables::bidi_r_or_al);
    s.chars().any(tables::bidi_l) || !first || !last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodeprep_maps_and_folds() {
        assert_eq!(prepare("Juliet", 0, Profile::Node).unwrap(), "juliet");
        assert_eq!(prepare("fußball", 0, Profile::Node).unwrap(), "fussball");
        assert_eq!(prepare("ΣΑΣ", 0, Profile::Node).unwrap(), "σασ");
        assert_eq!(prepare("so\u{00AD}ft", 0, Profile::Node).unwrap(), "soft", "B.1 maps soft hyphen to nothing");
        assert_eq!(prepare("henry\u{2163}", 0, Profile::Node).unwrap(), "henryiv", "NFKC");
    }

    #[test]
    fn errors_name_the_input_character() {
        assert_eq!(
            prepare("a\u{FF20}b", 10, Profile::Node),
            Err(Error::Prohibited { part: Part::Local, ch: '\u{FF20}', offset: 11 })
        );
        assert_eq!(prepare("a b", 0, Profile::Node), Err(Error::Prohibited { part: Part::Local, ch: ' ', offset: 1 }));
        assert_eq!(prepare("a b", 0, Profile::Resource).unwrap(), "a b");
        assert_eq!(
            prepare("x\u{0007}", 3, Profile::Resource),
            Err(Error::Prohibited { part: Part::Resource, ch: '\u{7}', offset: 4 })
        );
        assert_eq!(
            prepare("\u{1F600}", 0, Profile::Resource),
            Err(Error::Unassigned { part: Part::Resource, ch: '\u{1F600}', offset: 0 })
        );
        assert_eq!(prepare("\u{05D0}a", 0, Profile::Node), Err(Error::Bidi(Part::Local)));
        assert_eq!(prepare("\u{05D0}\u{05D1}", 0, Profile::Node).unwrap(), "\u{05D0}\u{05D1}");
    }

    #[test]
    fn fast_path_sets() {
        assert!(Profile::Node.is_prepared_ascii("juliet.capulet+x_1\\20y"));
        assert!(!Profile::Node.is_prepared_ascii("Juliet"));
        assert!(!Profile::Node.is_prepared_ascii("a b"));
        assert!(!Profile::Node.is_prepared_ascii("a:b"));
        assert!(Profile::Resource.is_prepared_ascii("Balcony Room 1/@:"));
        assert!(!Profile::Resource.is_prepared_ascii("tab\there"));
        assert!(!Profile::Resource.is_prepared_ascii("caf\u{e9}"));
    }
}
