//! Splitting, limits, IP literals, conversions and traits.

use std::collections::HashSet;

use jabber_jid::{BareJid, DomainPart, Error, FullJid, IdnaErrorKind, Jid, NodePart, Part, ResourcePart};

#[test]
fn split_at_first_slash_and_first_at_before_it() {
    // RFC 7622 §3.1.
    let j = Jid::new("a@b@c/d@e/f").unwrap_err();
    assert_eq!(j, Error::Idna { kind: IdnaErrorKind::NotLdh { ch: '@' }, label: 0 });
    let j = Jid::new("a@b/c@d/e").unwrap();
    assert_eq!((j.node(), j.domain(), j.resource()), (Some("a"), "b", Some("c@d/e")));
    let j = Jid::new("example.com/a@b").unwrap();
    assert_eq!((j.node(), j.domain(), j.resource()), (None, "example.com", Some("a@b")));
}

#[test]
fn empty_parts() {
    for (input, part) in [
        ("@example.com", Part::Local),
        ("example.com/", Part::Resource),
        ("user@/x", Part::Domain),
        ("", Part::Domain),
        ("@", Part::Local),
        ("/", Part::Domain),
        // Nodeprep maps a lone soft hyphen to nothing.
        ("\u{00AD}@example.com", Part::Local),
    ] {
        assert_eq!(Jid::new(input), Err(Error::Empty(part)), "{input:?}");
    }
}

#[test]
fn part_length_limits() {
    let max = "a".repeat(1023);
    let long = "a".repeat(1024);
    assert!(Jid::new(&format!("{max}@example.com/{max}")).is_ok());
    assert_eq!(Jid::new(&format!("{long}@example.com")), Err(Error::TooLong { part: Part::Local, len: 1024 }));
    assert_eq!(Jid::new(&format!("example.com/{long}")), Err(Error::TooLong { part: Part::Resource, len: 1024 }));
    // 1023 bytes after preparation: folding can shrink or grow a part.
    assert!(Jid::new(&format!("{}@example.com", "A".repeat(1023))).is_ok());
    let domain = vec!["a".repeat(63); 17].join(".");
    assert_eq!(domain.len(), 1087);
    assert_eq!(Jid::new(&domain), Err(Error::TooLong { part: Part::Domain, len: 1087 }));
}

#[test]
fn domains() {
    assert_eq!(Jid::new("Example.COM.").unwrap().as_str(), "example.com");
    assert_eq!(Jid::new("user@example.com./r").unwrap().as_str(), "user@example.com/r");
    assert!(matches!(Jid::new("example.com.."), Err(Error::Idna { kind: IdnaErrorKind::EmptyLabel, .. })));
    assert_eq!(Jid::new("user@[::1]/r").unwrap().domain(), "[::1]");
    assert_eq!(Jid::new("[2001:0DB8:0:0::1]").unwrap().as_str(), "[2001:db8::1]");
    assert_eq!(Jid::new("user@192.0.2.10").unwrap().domain(), "192.0.2.10");
    assert_eq!(Jid::new("[::g]"), Err(Error::InvalidIp("[::g]".into())));
    assert_eq!(Jid::new("1.2.3.999"), Err(Error::InvalidIp("1.2.3.999".into())));
    assert_eq!(Jid::new("xn--mnchen-3ya.de").unwrap().as_str(), "m\u{FC}nchen.de");
    assert_eq!(Jid::new("M\u{DC}NCHEN.de").unwrap(), Jid::new("xn--mnchen-3ya.de").unwrap());
    assert!(matches!(Jid::new("exa_mple.com"), Err(Error::Idna { kind: IdnaErrorKind::NotLdh { ch: '_' }, label: 0 })));
    assert!(matches!(Jid::new("a.-b.com"), Err(Error::Idna { kind: IdnaErrorKind::Hyphen, label: 1 })));
}

#[test]
fn bare_and_full() {
    assert_eq!(BareJid::new("a@b/c"), Err(Error::ResourceNotAllowed));
    assert_eq!(FullJid::new("a@b"), Err(Error::ResourceRequired));
    let full = FullJid::new("Romeo@Montague.LIT/Orchard").unwrap();
    assert_eq!(full.resource(), "Orchard");
    let bare = full.to_bare();
    assert_eq!(bare.as_str(), "romeo@montague.lit");
    assert_eq!(full.bare_str(), bare.as_str());
    assert_eq!(bare.domain_jid().as_str(), "montague.lit");
    assert_eq!(bare.with_resource("Orchard").unwrap(), full);
    assert_eq!(bare.with_resource(""), Err(Error::Empty(Part::Resource)));
    assert_eq!(full.clone().into_bare(), bare);
    let jid: Jid = full.clone().into();
    assert_eq!(jid, full);
    assert_eq!(FullJid::try_from(jid.clone()).unwrap(), full);
    assert_eq!(BareJid::try_from(jid.clone()), Err(Error::ResourceNotAllowed));
    assert_eq!(jid.clone().try_into_full().unwrap(), full);
    assert!(jid.as_full().is_some() && jid.as_bare().is_none());
    let from_parts = FullJid::from_parts(
        Some(&NodePart::new("Romeo").unwrap()),
        &DomainPart::new("montague.lit").unwrap(),
        &ResourcePart::new("Orchard").unwrap(),
    );
    assert_eq!(from_parts, full);
    from_parts.check_invariants();
    let domain_only = BareJid::from_parts(None, &DomainPart::new("montague.lit").unwrap());
    assert_eq!((domain_only.node(), domain_only.domain()), (None, "montague.lit"));
}

#[test]
fn equality_order_hash_follow_the_normalized_form() {
    let a = Jid::new("JULIET@EXAMPLE.COM").unwrap();
    let b = Jid::new("juliet@example.com").unwrap();
    assert_eq!(a, b);
    let set: HashSet<Jid> = [a, b].into_iter().collect();
    assert_eq!(set.len(), 1);
    let mut jids: Vec<Jid> = ["b@x", "a@x/r", "a@x"].iter().map(|s| s.parse().unwrap()).collect();
    jids.sort();
    let sorted: Vec<&str> = jids.iter().map(Jid::as_str).collect();
    assert_eq!(sorted, ["a@x", "a@x/r", "b@x"]);
    assert_eq!(format!("{:?}", jids[0]), "Jid(\"a@x\")");
}

#[test]
fn try_from_string_reuses_the_allocation_when_normalized() {
    let s = String::from("juliet@example.com/balcony");
    let ptr = s.as_ptr();
    let jid = Jid::try_from(s).unwrap();
    assert_eq!(jid.as_str().as_ptr(), ptr);
    let s = String::from("Juliet@example.com/balcony");
    let ptr = s.as_ptr();
    let jid = Jid::try_from(s).unwrap();
    assert_ne!(jid.as_str().as_ptr(), ptr);
    assert_eq!(jid.as_str(), "juliet@example.com/balcony");
}

#[test]
fn errors_say_which_part_and_where() {
    let e = Jid::new("juliet@example.com/bal\u{0}cony").unwrap_err();
    assert_eq!(e, Error::Prohibited { part: Part::Resource, ch: '\0', offset: 22 });
    assert_eq!(e.to_string(), "prohibited character U+0000 '\\0' at byte 22 in the resourcepart");
    let e = Jid::new("a\u{FF20}b@example.com").unwrap_err();
    assert_eq!(e, Error::Prohibited { part: Part::Local, ch: '\u{FF20}', offset: 1 });
    // An emoji is unassigned in Unicode 3.2: parsing (a query) keeps it,
    // the stored form refuses it (RFC 3454 §7; tests/unassigned.rs).
    assert_eq!(Jid::new("user@example.com/\u{1F600}").unwrap().resource(), Some("\u{1F600}"));
    let e = Jid::new_stored("user@example.com/\u{1F600}").unwrap_err();
    assert_eq!(e, Error::Unassigned { part: Part::Resource, ch: '\u{1F600}', offset: 17 });
    assert_eq!(
        e.to_string(),
        "code point U+1F600 '\u{1F600}' at byte 17 in the resourcepart is unassigned in Unicode 3.2"
    );
    assert_eq!(Jid::new("\u{05D0}x@example.com"), Err(Error::Bidi(Part::Local)));
}

#[cfg(feature = "serde")]
#[test]
fn serde_is_the_normalized_string() {
    use serde::Deserialize;
    use serde::de::value::{Error as DeError, StrDeserializer};
    let de: StrDeserializer<'_, DeError> = serde::de::IntoDeserializer::into_deserializer("Juliet@Example.com");
    let jid = BareJid::deserialize(de).unwrap();
    assert_eq!(jid.as_str(), "juliet@example.com");
    let de: StrDeserializer<'_, DeError> = serde::de::IntoDeserializer::into_deserializer("@x");
    assert!(Jid::deserialize(de).is_err());
    // A query, as parsing is: an emoji resourcepart (RFC 3454 §7).
    let de: StrDeserializer<'_, DeError> = serde::de::IntoDeserializer::into_deserializer("room@muc.example/\u{1F916}");
    assert_eq!(FullJid::deserialize(de).unwrap().resource(), "\u{1F916}");
}
