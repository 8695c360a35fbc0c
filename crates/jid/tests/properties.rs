//! Properties: normalization is idempotent, display/reparse round trips,
//! arbitrary input never panics, the fast path agrees with the stringprep
//! profiles, our profiles in the stored form agree with the `stringprep`
//! crate's, and the query form differs from the stored form only by
//! keeping code points unassigned in Unicode 3.2.

use jabber_jid::{Error, Jid, NodePart, ResourcePart};
use proptest::prelude::*;

fn jid_like() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        "[a-zA-Z0-9._-]{1,12}",
        "[a-z\u{e0}-\u{ff}\u{391}-\u{3c9}\u{410}-\u{44f}]{1,8}",
        // Unassigned in Unicode 3.2: emoji, enclosed letters, Glagolitic,
        // combining marks.
        "[a-zA-Z\u{1F600}-\u{1F64F}\u{1F130}-\u{1F149}\u{2C00}-\u{2C5E}\u{1DC0}-\u{1DCA}\u{328}\u{301}]{1,8}",
        any::<String>(),
        "[ -~]{0,10}",
    ];
    let domain = prop_oneof![
        "[a-z][a-z0-9-]{0,10}[a-z](\\.[a-z]{2,5}){0,2}",
        "[A-Za-z\u{e0}-\u{ff}]{1,8}\\.[a-z]{2,3}",
        any::<String>(),
    ];
    (proptest::option::of(part.clone()), domain, proptest::option::of(part)).prop_map(|(n, d, r)| {
        let mut s = String::new();
        if let Some(n) = n {
            s.push_str(&n);
            s.push('@');
        }
        s.push_str(&d);
        if let Some(r) = r {
            s.push('/');
            s.push_str(&r);
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics(s in any::<String>()) {
        let _ = Jid::new(&s);
    }

    #[test]
    fn normalization_is_idempotent_and_round_trips(s in jid_like()) {
        if let Ok(jid) = Jid::new(&s) {
            let again = Jid::new(jid.as_str()).expect("a normalized JID reparses");
            prop_assert_eq!(again.as_str(), jid.as_str());
            let displayed: Jid = jid.to_string().parse().unwrap();
            prop_assert_eq!(&displayed, &jid);
            jid.check_invariants();
            prop_assert_eq!(Jid::try_from(s.clone()).ok(), Some(jid));
        } else {
            prop_assert!(Jid::try_from(s.clone()).is_err());
        }
    }

    /// The slow path (stringprep) gives what the fast path gives for inputs
    /// that take the fast path: prepending a soft hyphen (mapped to
    /// nothing) forces the slow path without changing the result.
    #[test]
    fn fast_and_slow_paths_agree(node in "[!-~]{1,10}", resource in "[ -~]{1,10}") {
        let fast = NodePart::new(&node).map(|n| n.into_string());
        let slow = NodePart::new(&format!("\u{AD}{node}")).map(|n| n.into_string());
        prop_assert_eq!(fast.is_ok(), slow.is_ok());
        if let (Ok(f), Ok(s)) = (fast, slow) { prop_assert_eq!(f, s); }
        let fast = ResourcePart::new(&resource).map(|n| n.into_string());
        let slow = ResourcePart::new(&format!("\u{AD}{resource}")).map(|n| n.into_string());
        prop_assert_eq!(fast.is_ok(), slow.is_ok());
        if let (Ok(f), Ok(s)) = (fast, slow) { prop_assert_eq!(f, s); }
    }

    /// Our Nodeprep and Resourceprep in the stored form agree with the
    /// `stringprep` crate's, which has only that form. Where the input has
    /// a code point unassigned in Unicode 3.2 there is no comparison: we
    /// refuse the first one, as RFC 3454 §7 asks of stored strings, while
    /// the crate looks for them only after normalization (so that it
    /// accepts U+1F130, which current NFKC turns into `A`).
    #[test]
    fn stored_profiles_agree_with_the_stringprep_crate(s in "\\PC{1,12}") {
        let unassigned = s.chars().find(|&c| stringprep::tables::unassigned_code_point(c));
        let ours = NodePart::new_stored(&s).map(|n| n.into_string());
        let theirs = stringprep::nodeprep(&s).map(|c| c.into_owned());
        if let Some(ch) = unassigned {
            prop_assert!(matches!(ours, Err(Error::Unassigned { ch: c, .. }) if c == ch), "nodeprep {s:?}: {ours:?}");
        } else {
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(_), Err(_)) => {}
                // Everything mapped to nothing: empty is invalid for us.
                (Err(Error::Empty(_)), Ok(b)) => prop_assert!(b.is_empty()),
                (a, b) => prop_assert!(false, "nodeprep {s:?}: ours {a:?}, theirs {b:?}"),
            }
        }
        let ours = ResourcePart::new_stored(&s).map(|n| n.into_string());
        let theirs = stringprep::resourceprep(&s).map(|c| c.into_owned());
        if let Some(ch) = unassigned {
            prop_assert!(matches!(ours, Err(Error::Unassigned { ch: c, .. }) if c == ch), "resourceprep {s:?}: {ours:?}");
        } else {
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(_), Err(_)) => {}
                (Err(Error::Empty(_)), Ok(b)) => prop_assert!(b.is_empty()),
                (a, b) => prop_assert!(false, "resourceprep {s:?}: ours {a:?}, theirs {b:?}"),
            }
        }
    }

    /// Parsing (a query, RFC 3454 §7) and the stored form differ only where
    /// the stored form refuses a code point unassigned in Unicode 3.2: then
    /// the query either fails for another reason or keeps that code point,
    /// where `check_stored` finds it. Elsewhere they give the same address
    /// or the same error, and `check_stored` accepts the address.
    #[test]
    fn query_and_stored_forms_differ_only_by_unassigned_code_points(s in jid_like()) {
        let query = Jid::new(&s);
        let stored = Jid::new_stored(&s);
        match (&query, &stored) {
            (_, Err(Error::Unassigned { part, ch, .. })) => {
                if let Ok(jid) = &query {
                    match jid.check_stored() {
                        Err(Error::Unassigned { part: p, ch: c, offset }) => {
                            prop_assert_eq!((p, c), (*part, *ch));
                            prop_assert!(jid.as_str()[offset..].starts_with(c));
                        }
                        other => prop_assert!(false, "{s:?}: {jid:?} check_stored {other:?}"),
                    }
                }
            }
            (Ok(jid), _) => {
                prop_assert_eq!(&stored, &query);
                prop_assert_eq!(jid.check_stored(), Ok(()));
            }
            _ => prop_assert_eq!(&stored, &query),
        }
    }
}
