//! Code points unassigned in Unicode 3.2: allowed when parsing, which takes
//! an address as a stringprep query, and refused by the stored form
//! (RFC 3454 §7). Issue 10: MUC occupants with emoji nicknames.

use jabber_jid::{BareJid, DomainPart, Error, FullJid, IdnaErrorKind, Jid, NodePart, Part, ResourcePart};

/// RFC 3454 §7: a query may contain code points unassigned in Unicode 3.2,
/// a stored string must not. U+1F916 ROBOT FACE (Unicode 10.0) is one, and
/// RFC 7622's OpaqueString allows it in a resourcepart. Issue 10:
/// `<presence from='room@conference.example.org/🤖' type='error'>` could
/// not be turned into a typed stanza.
#[test]
fn emoji_resource_parses_as_a_query_and_is_refused_as_stored() {
    let input = "room@conference.example.org/\u{1F916}";
    let jid: Jid = input.parse().unwrap();
    assert_eq!(jid.as_str(), input);
    assert_eq!(jid.resource(), Some("\u{1F916}"));
    jid.check_invariants();
    // Every way of parsing is a query.
    assert_eq!(Jid::new(input).unwrap(), jid);
    assert_eq!(FullJid::new(input).unwrap(), jid);
    assert_eq!(input.parse::<FullJid>().unwrap(), jid);
    assert_eq!(Jid::try_from(input.to_owned()).unwrap(), jid);
    assert_eq!(FullJid::try_from(input.to_owned()).unwrap(), jid);
    assert_eq!(BareJid::new("room@conference.example.org").unwrap().with_resource("\u{1F916}").unwrap(), jid);
    assert_eq!(ResourcePart::new("\u{1F916}").unwrap().as_str(), "\u{1F916}");
    // The stored form refuses it, with where.
    let refused = Error::Unassigned { part: Part::Resource, ch: '\u{1F916}', offset: 28 };
    assert_eq!(Jid::new_stored(input), Err(refused.clone()));
    assert_eq!(FullJid::new_stored(input), Err(refused.clone()));
    assert_eq!(jid.check_stored(), Err(refused.clone()));
    assert_eq!(jid.as_full().unwrap().check_stored(), Err(refused));
    assert_eq!(
        ResourcePart::new_stored("\u{1F916}"),
        Err(Error::Unassigned { part: Part::Resource, ch: '\u{1F916}', offset: 0 })
    );
    // The bare address has no unassigned code point.
    assert_eq!(jid.to_bare().check_stored(), Ok(()));
}

/// The same in a localpart (RFC 3454 §7, issue 10), which is still
/// mapped, normalized and checked around the unassigned code point.
#[test]
fn unassigned_localpart_parses_as_a_query_and_is_refused_as_stored() {
    let jid = BareJid::new("\u{1F916}Bot@example.com").unwrap();
    assert_eq!(jid.node(), Some("\u{1F916}bot"));
    jid.check_invariants();
    assert_eq!(NodePart::new("\u{1F916}Bot").unwrap().as_str(), "\u{1F916}bot");
    let refused = Error::Unassigned { part: Part::Local, ch: '\u{1F916}', offset: 0 };
    assert_eq!(BareJid::new_stored("\u{1F916}Bot@example.com"), Err(refused.clone()));
    assert_eq!(Jid::new_stored("\u{1F916}Bot@example.com/r"), Err(refused.clone()));
    assert_eq!(NodePart::new_stored("\u{1F916}Bot"), Err(refused.clone()));
    assert_eq!(jid.check_stored(), Err(refused));
    // new_stored counts offsets in its input, check_stored in the
    // normalized address (the soft hyphen is mapped to nothing).
    let input = "\u{AD}X\u{1F916}@example.com";
    assert_eq!(Jid::new_stored(input), Err(Error::Unassigned { part: Part::Local, ch: '\u{1F916}', offset: 3 }));
    let jid = Jid::new(input).unwrap();
    assert_eq!(jid.as_str(), "x\u{1F916}@example.com");
    assert_eq!(jid.check_stored(), Err(Error::Unassigned { part: Part::Local, ch: '\u{1F916}', offset: 1 }));
    // Prohibited characters and the bidi rule still apply.
    assert_eq!(Jid::new("\u{1F916} bot@example.com"), Err(Error::Prohibited { part: Part::Local, ch: ' ', offset: 4 }));
    assert_eq!(Jid::new("\u{5D0}\u{1F916}@example.com"), Err(Error::Bidi(Part::Local)));
    // Unicode 3.2 gives an unassigned code point no case folding and no
    // decomposition: U+1F130 SQUARED LATIN CAPITAL LETTER A stays itself
    // (current NFKC would give `A`), and U+2C00 GLAGOLITIC CAPITAL LETTER
    // AZU is not folded to U+2C30.
    let jid = Jid::new("\u{1F130}@example.com").unwrap();
    assert_eq!(jid.node(), Some("\u{1F130}"));
    jid.check_invariants();
    assert_eq!(Jid::new("\u{2C00}@example.com").unwrap().node(), Some("\u{2C00}"));
    assert_ne!(Jid::new("\u{2C00}@example.com").unwrap(), Jid::new("\u{2C30}@example.com").unwrap());
    // A code point unassigned in every Unicode version so far is a query's
    // right too: stringprep knows only Unicode 3.2.
    assert_eq!(Jid::new("a\u{378}@example.com").unwrap().node(), Some("a\u{378}"));
}

/// The domainpart is not prepared with stringprep, and IDNA2008 has one
/// rule for registration and lookup: UTS #46 (the `idna` crate) decides,
/// the same in both forms. What it does, found with the crate:
#[test]
fn unassigned_in_the_domain_follows_idna_in_both_forms() {
    type Parse = fn(&str) -> Result<Jid, Error>;
    for new in [Jid::new as Parse, Jid::new_stored] {
        // Emoji are valid in UTS #46.
        let jid = new("user@\u{1F916}.example/r").unwrap();
        assert_eq!(jid.domain(), "\u{1F916}.example");
        assert_eq!(jid.check_stored(), Ok(()));
        // U+1F130 SQUARED LATIN CAPITAL LETTER A is mapped to `a`.
        assert_eq!(new("user@\u{1F130}.example").unwrap().domain(), "a.example");
        // U+1F100 DIGIT ZERO FULL STOP (it would map to `0.`) is disallowed.
        assert_eq!(
            new("user@\u{1F100}.example"),
            Err(Error::Idna { kind: IdnaErrorKind::DisallowedCharacter { ch: '\u{1F100}' }, label: 0 })
        );
        // A code point unassigned in the tables' Unicode version is
        // disallowed, not `Error::Unassigned`.
        assert_eq!(
            new("user@example.x\u{378}"),
            Err(Error::Idna { kind: IdnaErrorKind::DisallowedCharacter { ch: '\u{378}' }, label: 1 })
        );
    }
    assert_eq!(DomainPart::new_stored("\u{1F916}.example").unwrap(), DomainPart::new("\u{1F916}.example").unwrap());
}

/// ASCII has no code point unassigned in Unicode 3.2: both forms agree,
/// on the fast path and off it.
#[test]
fn ascii_is_the_same_in_both_forms() {
    for input in ["juliet@example.com/balcony", "Juliet@Example.COM/Balcony", "example.com", "a b@example.com"] {
        assert_eq!(Jid::new_stored(input), Jid::new(input), "{input}");
        if let Ok(jid) = Jid::new(input) {
            assert_eq!(jid.check_stored(), Ok(()));
        }
    }
}
