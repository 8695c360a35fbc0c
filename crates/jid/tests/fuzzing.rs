//! Inputs the fuzzer (`fuzz/fuzz_targets/jid.rs`) found, as named tests.

use jabber_jid::{Error, Jid};

/// `³` maps to `3` under UTS #46; `3` is all digits, so it must be refused
/// as an IPv4 address both times (preparation must be idempotent).
#[test]
fn superscript_digit_domain_is_an_invalid_ip() {
    assert_eq!(Jid::new("\u{B3}"), Err(Error::InvalidIp("3".into())));
    assert_eq!(Jid::new("3"), Err(Error::InvalidIp("3".into())));
    // Full-width digits map to an address, which is then canonical.
    assert_eq!(Jid::new("\u{FF11}.\u{FF12}.\u{FF13}.\u{FF14}").unwrap().as_str(), "1.2.3.4");
}
