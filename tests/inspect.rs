//! `examples/inspect.rs --typed` and `--roundtrip`: the output format users
//! and scripts rely on (see the example's docs). `cargo test` builds the
//! examples; the binary sits beside this test's.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs the inspect example with `args` on `input`: its output and exit code.
fn inspect(args: &[&str], input: &str) -> (String, i32) {
    let mut path = std::env::current_exe().unwrap();
    path.pop(); // deps/
    path.pop();
    path.push("examples");
    path.push(format!("inspect{}", std::env::consts::EXE_SUFFIX));
    let mut child = Command::new(&path)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    (String::from_utf8(output.stdout).unwrap(), output.status.code().unwrap())
}

#[test]
fn typed_lines_per_child() {
    let (out, code) = inspect(
        &["--fragment", "--typed"],
        "<message from='a@b/c' to='d@e'><body>hi</body>\
         <x xmlns='jabber:x:data' type='result'><field var='a'><value>1</value></field></x>\
         <active xmlns='http://jabber.org/protocol/chatstates'/></message>",
    );
    assert_eq!(
        out,
        "element message ns=jabber:client bytes=193\n\
         \x20 RFC 6121 body ns=jabber:client ok\n\
         \x20 XEP-0004 x ns=jabber:x:data ok\n\
         \x20 - active ns=http://jabber.org/protocol/chatstates unknown\n"
    );
    assert_eq!(code, 0);
}

#[test]
fn a_known_child_that_fails_exits_1() {
    let (out, code) = inspect(
        &["--fragment", "--typed"],
        "<presence><show>chatty</show></presence><iq type='result' id='1'><x xmlns='jabber:x:data'/></iq>",
    );
    assert_eq!(
        out,
        "element presence ns=jabber:client bytes=40\n\
         \x20 RFC 6121 show ns=jabber:client error <show/> has invalid content \"chatty\"\n\
         element iq ns=jabber:client bytes=56\n\
         \x20 XEP-0004 x ns=jabber:x:data error <x/> lacks the required 'type' attribute\n"
    );
    assert_eq!(code, 1);
}

#[test]
fn roundtrip_checks_pass_on_models_that_survive() {
    let (out, code) = inspect(
        &["--fragment", "--roundtrip"],
        "<iq type='result' id='r1'><query xmlns='jabber:iq:roster' ver='v1'>\
         <item jid='romeo@example.net' subscription='both'><group>Friends</group></item></query></iq>",
    );
    assert!(out.ends_with("  RFC 6121 query ns=jabber:iq:roster ok\n"), "{out}");
    assert_eq!(code, 0);
}
