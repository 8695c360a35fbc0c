//! Properties: normalization is idempotent, display/reparse round trips,
//! arbitrary input never panics, the fast path agrees with the stringprep
//! profiles, and our profiles agree with the `stringprep` crate's.

use jabber_jid::{Jid, NodePart, ResourcePart};
use proptest::prelude::*;

fn jid_like() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        "[a-zA-Z0-9._-]{1,12}",
        "[a-z\u{e0}-\u{ff}\u{391}-\u{3c9}\u{410}-\u{44f}]{1,8}",
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

    /// Our Nodeprep and Resourceprep agree with the `stringprep` crate's,
    /// except that we refuse code points unassigned in Unicode 3.2 wherever
    /// they are (the crate checks only after normalization).
    #[test]
    fn profiles_agree_with_the_stringprep_crate(s in "\\PC{1,12}") {
        let unassigned = s.chars().any(stringprep::tables::unassigned_code_point);
        let ours = NodePart::new(&s).map(|n| n.into_string());
        let theirs = stringprep::nodeprep(&s).map(|c| c.into_owned());
        if !unassigned && !s.is_empty() {
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(_), Err(_)) => {}
                // Everything mapped to nothing: empty is invalid for us.
                (Err(jabber_jid::Error::Empty(_)), Ok(b)) => prop_assert!(b.is_empty()),
                (a, b) => prop_assert!(false, "nodeprep {s:?}: ours {a:?}, theirs {b:?}"),
            }
        }
        let ours = ResourcePart::new(&s).map(|n| n.into_string());
        let theirs = stringprep::resourceprep(&s).map(|c| c.into_owned());
        if !unassigned {
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(_), Err(_)) => {}
                (Err(jabber_jid::Error::Empty(_)), Ok(b)) => prop_assert!(b.is_empty()),
                (a, b) => prop_assert!(false, "resourceprep {s:?}: ours {a:?}, theirs {b:?}"),
            }
        }
    }
}
