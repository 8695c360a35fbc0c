//! Arbitrary bytes -> JID -> display -> reparse: equal, and the invariants
//! hold; the stored form (RFC 3454 §7) refuses exactly what the check of
//! a parsed address refuses, and accepts nothing the query form refuses.
#![no_main]

use jabber_jid::{BareJid, FullJid, Jid};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    match Jid::new(s) {
        Ok(jid) => {
            jid.check_invariants();
            let again = Jid::new(&jid.to_string()).expect("a displayed JID reparses");
            assert_eq!(again, jid);
            assert_eq!(Jid::try_from(s.to_owned()).as_ref(), Ok(&jid));
            assert_eq!(BareJid::new(s).is_ok(), jid.is_bare());
            assert_eq!(FullJid::new(s).is_ok(), jid.is_full());
            match Jid::new_stored(s) {
                Ok(stored) => assert_eq!((stored, jid.check_stored()), (jid, Ok(()))),
                Err(_) => assert!(jid.check_stored().is_err()),
            }
        }
        Err(e) => {
            assert_eq!(Jid::try_from(s.to_owned()), Err(e.clone()));
            assert!(Jid::new_stored(s).is_err());
            let _ = e.to_string();
        }
    }
});
