//! Arbitrary bytes -> JID -> display -> reparse: equal, and the invariants hold.
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
        }
        Err(e) => {
            assert_eq!(Jid::try_from(s.to_owned()), Err(e.clone()));
            let _ = e.to_string();
        }
    }
});
