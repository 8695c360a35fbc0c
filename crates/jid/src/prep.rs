//! The stringprep profiles of RFC 6122: Nodeprep (Appendix A) and
//! Resourceprep (Appendix B), on top of RFC 3454's tables.
//!
//! Implemented here rather than with `stringprep::nodeprep` so that a failure
//! says which character failed and where. The tables are the `stringprep`
//! crate's; normalization is NFKC from `unicode-normalization`.

use stringprep::tables;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Part};

/// Which kind of string RFC 3454 §7 says an address is, which decides what
/// becomes of code points unassigned in Unicode 3.2 (table A.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// A query (an address received from a peer, looked up, compared):
    /// unassigned code points are allowed and kept as they are.
    Query,
    /// A stored string (an account, a registered nickname): unassigned code
    /// points are refused.
    Stored,
}

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
/// (NFKC), prohibit, check bidi. Code points unassigned in Unicode 3.2
/// (A.1) are refused in the [`Form::Stored`] form and kept as they are in
/// the [`Form::Query`] form (RFC 3454 §7): neither mapped (tables B.1 and
/// B.2 do not list them) nor normalized, since Unicode 3.2 gives them no
/// decomposition and combining class 0. NFKC runs on the text between
/// them, which is what Unicode 3.2's NFKC does around a code point it does
/// not know (a starter that composes with nothing). That also keeps
/// preparation idempotent: current Unicode decomposes U+1F130 SQUARED
/// LATIN CAPITAL LETTER A to `A` after Nodeprep's case folding has run, so
/// preparing the result again would give `a`.
///
/// Each input character is checked with its own mapping and normalization,
/// so that an error names the character as the user wrote it (e.g.
/// FULLWIDTH COMMERCIAL AT, which normalizes to the prohibited `@`).
pub(crate) fn prepare(s: &str, base: usize, profile: Profile, form: Form) -> Result<String, Error> {
    let part = profile.part();
    let mut mapped = String::with_capacity(s.len());
    let mut kept_unassigned = false;
    for (i, c) in s.char_indices() {
        if tables::unassigned_code_point(c) {
            match form {
                Form::Stored => return Err(Error::Unassigned { part, ch: c, offset: base + i }),
                Form::Query => {
                    kept_unassigned = true;
                    mapped.push(c);
                    continue;
                }
            }
        }
        if tables::commonly_mapped_to_nothing(c) {
            continue;
        }
        match profile {
            Profile::Node => mapped.extend(tables::case_fold_for_nfkc(c)),
            Profile::Resource => mapped.push(c),
        }
    }
    let normalized = if kept_unassigned { nfkc_between_unassigned(&mapped) } else { mapped.nfkc().collect() };
    if normalized.chars().any(|c| profile.prohibits(c)) {
        return Err(locate_prohibited(s, base, profile));
    }
    if violates_bidi_rule(&normalized) {
        return Err(Error::Bidi(part));
    }
    Ok(normalized)
}

/// NFKC of the runs between code points unassigned in Unicode 3.2, which
/// are kept as they are (see [`prepare`]).
fn nfkc_between_unassigned(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(tables::unassigned_code_point) {
        out.extend(rest[..i].nfkc());
        let c = rest[i..].chars().next().expect("find returned a character's offset");
        out.push(c);
        rest = &rest[i + c.len_utf8()..];
    }
    out.extend(rest.nfkc());
    out
}

/// Names the input character whose mapping and normalization yields a
/// prohibited character (run only when there is one). Composition never
/// produces a prohibited character from allowed ones, so looking at each
/// input character alone finds it. A code point unassigned in Unicode 3.2
/// is neither mapped nor normalized, and no table of C lists one.
fn locate_prohibited(s: &str, base: usize, profile: Profile) -> Error {
    let part = profile.part();
    for (i, c) in s.char_indices() {
        if tables::unassigned_code_point(c) {
            if profile.prohibits(c) {
                return Error::Prohibited { part, ch: c, offset: base + i };
            }
            continue;
        }
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
        assert_eq!(prepare("Juliet", 0, Profile::Node, Form::Query).unwrap(), "juliet");
        assert_eq!(prepare("fußball", 0, Profile::Node, Form::Query).unwrap(), "fussball");
        assert_eq!(prepare("ΣΑΣ", 0, Profile::Node, Form::Query).unwrap(), "σασ");
        assert_eq!(
            prepare("so\u{00AD}ft", 0, Profile::Node, Form::Query).unwrap(),
            "soft",
            "B.1 maps soft hyphen to nothing"
        );
        assert_eq!(prepare("henry\u{2163}", 0, Profile::Node, Form::Query).unwrap(), "henryiv", "NFKC");
    }

    #[test]
    fn errors_name_the_input_character() {
        assert_eq!(
            prepare("a\u{FF20}b", 10, Profile::Node, Form::Query),
            Err(Error::Prohibited { part: Part::Local, ch: '\u{FF20}', offset: 11 })
        );
        assert_eq!(
            prepare("a b", 0, Profile::Node, Form::Query),
            Err(Error::Prohibited { part: Part::Local, ch: ' ', offset: 1 })
        );
        assert_eq!(prepare("a b", 0, Profile::Resource, Form::Query).unwrap(), "a b");
        assert_eq!(
            prepare("x\u{0007}", 3, Profile::Resource, Form::Query),
            Err(Error::Prohibited { part: Part::Resource, ch: '\u{7}', offset: 4 })
        );
        assert_eq!(prepare("\u{05D0}a", 0, Profile::Node, Form::Query), Err(Error::Bidi(Part::Local)));
        assert_eq!(prepare("\u{05D0}\u{05D1}", 0, Profile::Node, Form::Query).unwrap(), "\u{05D0}\u{05D1}");
    }

    /// RFC 3454 §7: a stored string must not contain code points
    /// unassigned in Unicode 3.2 (emoji among them); a query may.
    #[test]
    fn unassigned_code_points_by_form() {
        assert_eq!(
            prepare("x\u{1F600}", 4, Profile::Resource, Form::Stored),
            Err(Error::Unassigned { part: Part::Resource, ch: '\u{1F600}', offset: 5 })
        );
        assert_eq!(prepare("x\u{1F600}", 4, Profile::Resource, Form::Query).unwrap(), "x\u{1F600}");
        assert_eq!(
            prepare("A\u{1F916}", 0, Profile::Node, Form::Stored),
            Err(Error::Unassigned { part: Part::Local, ch: '\u{1F916}', offset: 1 })
        );
        assert_eq!(prepare("A\u{1F916}", 0, Profile::Node, Form::Query).unwrap(), "a\u{1F916}");
        // Still mapped, normalized, prohibited and bidi-checked around them.
        assert_eq!(prepare("\u{1F916}\u{AD}\u{2163}", 0, Profile::Node, Form::Query).unwrap(), "\u{1F916}iv");
        assert_eq!(
            prepare("\u{1F916} x", 0, Profile::Node, Form::Query),
            Err(Error::Prohibited { part: Part::Local, ch: ' ', offset: 4 })
        );
        assert_eq!(prepare("\u{5D0}\u{1F916}", 0, Profile::Resource, Form::Query), Err(Error::Bidi(Part::Resource)));
    }

    /// Unassigned in Unicode 3.2, a code point is neither mapped nor
    /// normalized, and is a starter that nothing composes with: what
    /// Unicode 3.2's NFKC does, and what keeps preparation idempotent.
    #[test]
    fn query_keeps_unassigned_code_points_as_they_are() {
        // SQUARED LATIN CAPITAL LETTER A (Unicode 6.0): current NFKC gives
        // `A`, after case folding.
        let prepared = prepare("\u{1F130}", 0, Profile::Node, Form::Query).unwrap();
        assert_eq!(prepared, "\u{1F130}");
        assert_eq!(prepare(&prepared, 0, Profile::Node, Form::Query).unwrap(), prepared);
        // COMBINING DOTTED GRAVE ACCENT (Unicode 5.0, class 230 today) stops
        // the OGONEK after it from being reordered and composed with `a`.
        assert_eq!(prepare("a\u{1DC0}\u{328}", 0, Profile::Resource, Form::Query).unwrap(), "a\u{1DC0}\u{328}");
        assert_eq!(prepare("a\u{328}\u{1DC0}", 0, Profile::Resource, Form::Query).unwrap(), "\u{105}\u{1DC0}");
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
