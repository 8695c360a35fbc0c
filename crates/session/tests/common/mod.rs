//! What the session tests share.

#![allow(dead_code)]

use jabber_session::sasl::MemoryCredentials;

/// A deterministic "random" source: a counter, so runs repeat exactly.
pub(crate) fn counter() -> impl FnMut(&mut [u8]) + Send {
    let mut n = 0u8;
    move |buf: &mut [u8]| {
        for b in buf {
            n = n.wrapping_add(37);
            *b = n;
        }
    }
}

/// The test accounts: juliet and romeo, SCRAM keys at 4096 iterations.
pub(crate) fn accounts() -> MemoryCredentials {
    let mut accounts = MemoryCredentials::new();
    accounts.add("juliet", "r0m30myr0m30", b"salt of juliet", 4096).unwrap();
    accounts.add("romeo", "j00l1et", b"salt of romeo", 4096).unwrap();
    accounts
}
