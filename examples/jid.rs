//! Normalizes XMPP addresses and says what is wrong with invalid ones.
//!
//! ```text
//! cargo run --example jid -- 'Juliet@Example.COM/Balcony' 'foo bar@example.com'
//! ok juliet@example.com/Balcony
//! error prohibited character U+0020 ' ' at byte 3 in the localpart
//! ```
//!
//! Reads the addresses from the arguments, or one per line from standard
//! input when there are none, and prints one line for each, in input order:
//! `ok <normalized>` or `error <what and where>`. Exits with status 0 unless
//! standard input cannot be read. This output format is stable.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use jabber::jid::Jid;

fn line(input: &str) -> String {
    match Jid::new(input) {
        Ok(jid) => format!("ok {jid}"),
        Err(e) => format!("error {e}"),
    }
}

fn main() -> ExitCode {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.is_empty() {
        for arg in &args {
            let _ = writeln!(out, "{}", line(arg));
        }
        return ExitCode::SUCCESS;
    }
    for input in io::stdin().lock().lines() {
        match input {
            Ok(input) => {
                let _ = writeln!(out, "{}", line(input.trim_end_matches('\r')));
            }
            Err(e) => {
                let _ = out.flush();
                eprintln!("jid: cannot read standard input: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
