//! Compile-time checks of `#[derive(Payload)]` and `#[derive(Value)]`: each
//! misuse in `tests/ui/*.rs` fails to build with the message recorded beside
//! it (`*.stderr`), and the correct use in `tests/ui/pass/` builds and runs.
//!
//! After a deliberate change to a message: `TRYBUILD=overwrite cargo test -p
//! jabber-stanza --test derive_ui`, then review the new `*.stderr`.

#[test]
fn derive_ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
