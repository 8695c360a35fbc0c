//! Every example of RFC 7622 §3.5 (Table 1 valid, Table 2 invalid), with
//! what this crate does, including where its RFC 6122 profiles diverge
//! from RFC 7622's PRECIS profiles (see the crate docs).

use jabber_jid::{Error, Jid, Part};

/// (input, normalized form under RFC 6122's profiles)
const VALID: &[(&str, &str)] = &[
    ("juliet@example.com", "juliet@example.com"),
    ("juliet@example.com/foo", "juliet@example.com/foo"),
    ("juliet@example.com/foo bar", "juliet@example.com/foo bar"),
    ("juliet@example.com/foo@bar", "juliet@example.com/foo@bar"),
    ("foo\\20bar@example.com", "foo\\20bar@example.com"),
    ("fussball@example.com", "fussball@example.com"),
    // Divergence: Nodeprep case-folds ß to ss; PRECIS keeps ß.
    ("fu\u{00DF}ball@example.com", "fussball@example.com"),
    ("\u{03C0}@example.com", "\u{03C0}@example.com"),
    // Σ folds to σ under both.
    ("\u{03A3}@example.com/foo", "\u{03C3}@example.com/foo"),
    ("\u{03C3}@example.com/foo", "\u{03C3}@example.com/foo"),
    // Divergence: Nodeprep folds final sigma ς to σ; PRECIS keeps ς.
    ("\u{03C2}@example.com/foo", "\u{03C3}@example.com/foo"),
    ("king@example.com/\u{265A}", "king@example.com/\u{265A}"),
    ("example.com", "example.com"),
    ("example.com/foobar", "example.com/foobar"),
    ("a.example.com/b@example.net", "a.example.com/b@example.net"),
];

#[test]
fn table_1_valid_examples() {
    for (input, normalized) in VALID {
        let jid: Jid = input.parse().unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(jid.as_str(), *normalized, "{input}");
        jid.check_invariants();
    }
}

#[test]
fn table_2_invalid_examples() {
    // Quotation marks are prohibited in localparts (Nodeprep too).
    assert_eq!(Jid::new("\"juliet\"@example.com"), Err(Error::Prohibited { part: Part::Local, ch: '"', offset: 0 }));
    // Space is prohibited in localparts.
    assert_eq!(Jid::new("foo bar@example.com"), Err(Error::Prohibited { part: Part::Local, ch: ' ', offset: 3 }));
    // The localpart is empty (and so would the resourcepart be).
    assert_eq!(Jid::new("@example.com/"), Err(Error::Empty(Part::Local)));
    // No domainpart.
    assert_eq!(Jid::new("juliet@"), Err(Error::Empty(Part::Domain)));
    assert_eq!(Jid::new("/foobar"), Err(Error::Empty(Part::Domain)));
}

#[test]
fn table_2_examples_where_rfc_6122_differs() {
    // Divergence: a leading space in the resourcepart. RFC 7622 lists it as
    // invalid without a rule that forbids it (errata 4534 and 4560);
    // Resourceprep allows spaces anywhere.
    assert_eq!(Jid::new("juliet@example.com/ foo").unwrap().resource(), Some(" foo"));
    // Divergence: ROMAN NUMERAL FOUR is a compatibility character that
    // PRECIS refuses; Nodeprep's NFKC maps it to "IV", then case-folds.
    assert_eq!(Jid::new("henry\u{2163}@example.com").unwrap().as_str(), "henryiv@example.com");
    // Divergence: BLACK CHESS KING is a symbol that PRECIS refuses in
    // localparts; Nodeprep allows it.
    assert_eq!(Jid::new("\u{265A}@example.com").unwrap().node(), Some("\u{265A}"));
}
