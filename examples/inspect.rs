//! Reads one direction of an XMPP stream and prints one line per event.
//!
//! ```text
//! cargo run --example inspect -- [--chunk N] [--max-stanza BYTES] [--fragment] [--typed] [--roundtrip] [FILE]
//! ```
//!
//! Reads FILE, or standard input when there is none, and prints:
//!
//! ```text
//! header to=<jid|-> from=<jid|-> ns=<content namespace> id=<id|-> version=<version|->
//! element <local name> ns=<namespace> bytes=<size in the stream>
//! close
//! ```
//!
//! On bad input it prints `error <condition> at <offset>: <detail>` (the RFC
//! 6120 stream error condition and the byte offset) and exits with status 1.
//! The stream is restarted after `<proceed/>` (STARTTLS) and `<success/>`
//! (SASL), as RFC 6120 §4.3.3 has it, so a recorded server-to-client
//! direction reads through.
//!
//! Options: `--chunk N` feeds the parser N bytes at a time (default: as the
//! reads return them); `--max-stanza BYTES` sets the stanza size limit;
//! `--fragment` parses a sequence of top-level elements without a stream
//! header, in the `jabber:client` namespace with the `stream` prefix bound
//! (spec examples are such fragments).
//!
//! `--typed` reads each stanza with the library's models and prints, after
//! its line, one indented line per child element:
//!
//! ```text
//!   <spec> <name> ns=<namespace> ok
//!   <spec> <name> ns=<namespace> error <what>
//!   - <name> ns=<namespace> unknown
//! ```
//!
//! `<spec>` is the RFC or XEP that defines the child (`RFC 6121`,
//! `XEP-0045`); `error` says what the typed model could not read, or what
//! it read only in part (its `malformed` report); `unknown` means no model
//! of the library takes the child. `--roundtrip` (implies `--typed`) also
//! serializes each model, reads it again and compares: when they differ
//! it prints `roundtrip differs` and both serializations, each on a line
//! of its own (`    first: ...`, `    second: ...`). The exit status is 1
//! when any child that has a model fails.
//!
//! This output format is stable: scripts may rely on it.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use jabber::ext::registry::{self, Outcome};
use jabber::stanza::{Error, Stanza};
use jabber::stream::{ContentNamespace, Element, Limits, StreamEvent, StreamParser};

struct Options {
    chunk: Option<usize>,
    limits: Limits,
    fragment: bool,
    typed: bool,
    roundtrip: bool,
    file: Option<String>,
}

fn usage() -> ExitCode {
    eprintln!("usage: inspect [--chunk N] [--max-stanza BYTES] [--fragment] [--typed] [--roundtrip] [FILE]");
    ExitCode::from(2)
}

fn parse_args() -> Result<Options, String> {
    let mut options =
        Options { chunk: None, limits: Limits::default(), fragment: false, typed: false, roundtrip: false, file: None };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |what: &str| -> Result<usize, String> {
            let value = args.next().ok_or(format!("{what} needs a value"))?;
            match value.parse::<usize>() {
                Ok(n) if n > 0 => Ok(n),
                _ => Err(format!("{what}: not a positive number: {value}")),
            }
        };
        match arg.as_str() {
            "--chunk" => options.chunk = Some(number("--chunk")?),
            "--max-stanza" => options.limits = options.limits.with_max_stanza_bytes(number("--max-stanza")?),
            "--fragment" => options.fragment = true,
            "--typed" => options.typed = true,
            "--roundtrip" => (options.typed, options.roundtrip) = (true, true),
            "-h" | "--help" => return Err(String::new()),
            _ if arg.starts_with('-') && arg != "-" => return Err(format!("unknown option {arg}")),
            _ if options.file.is_none() => options.file = Some(arg),
            _ => return Err("only one file".into()),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("inspect: {message}");
            }
            return usage();
        }
    };
    let mut input: Box<dyn Read> = match options.file.as_deref() {
        None | Some("-") => Box::new(io::stdin().lock()),
        Some(path) => match std::fs::File::open(path) {
            Ok(file) => Box::new(file),
            Err(e) => {
                eprintln!("inspect: {path}: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let mut parser = if options.fragment {
        StreamParser::fragment(ContentNamespace::Client, options.limits)
    } else {
        StreamParser::with_limits(options.limits)
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut buf = vec![0u8; 64 * 1024];
    let mut failed = false;
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                eprintln!("inspect: read error: {e}");
                return ExitCode::from(2);
            }
        };
        for piece in buf[..n].chunks(options.chunk.unwrap_or(n)) {
            parser.feed(piece);
            if let Err(code) = drain(&mut parser, &options, &mut failed, &mut out) {
                return code;
            }
        }
    }
    if let Err(e) = parser.finish() {
        let _ = writeln!(out, "error {} at {}: {}", e.condition(), e.offset(), e.kind());
        let _ = out.flush();
        return ExitCode::from(1);
    }
    let _ = out.flush();
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Prints every event the parser has; on error prints it and says to exit 1.
fn drain(
    parser: &mut StreamParser,
    options: &Options,
    failed: &mut bool,
    out: &mut impl Write,
) -> Result<(), ExitCode> {
    loop {
        match parser.next_event() {
            Ok(None) => return Ok(()),
            Ok(Some(event)) => {
                let range = parser.decoder().last_event_range();
                let restart = print_event(&event, range.end - range.start, out);
                if options.typed
                    && let StreamEvent::Element(element) = &event
                {
                    *failed |= !print_typed(element, options.roundtrip, out);
                }
                if restart {
                    parser.reset();
                }
            }
            Err(e) => {
                let _ = writeln!(out, "error {} at {}: {}", e.condition(), e.offset(), e.kind());
                let _ = out.flush();
                return Err(ExitCode::from(1));
            }
        }
    }
}

/// Prints one event line; returns whether the stream restarts after it.
fn print_event(event: &StreamEvent, bytes: u64, out: &mut impl Write) -> bool {
    let or_dash = |s: Option<String>| s.unwrap_or_else(|| "-".into());
    let _ = match event {
        StreamEvent::Header(h) => writeln!(
            out,
            "header to={} from={} ns={} id={} version={}",
            or_dash(h.to.as_ref().map(|j| j.to_string())),
            or_dash(h.from.as_ref().map(|j| j.to_string())),
            or_dash(h.content_ns.map(|n| n.to_string())),
            or_dash(h.id.clone()),
            or_dash(h.version.map(|v| v.to_string())),
        ),
        StreamEvent::Element(e) => {
            writeln!(out, "element {} ns={} bytes={bytes}", e.name(), e.ns())
        }
        StreamEvent::Close => writeln!(out, "close"),
    };
    matches!(event, StreamEvent::Element(e)
        if e.is("proceed", "urn:ietf:params:xml:ns:xmpp-tls") || e.is("success", SASL))
}

const SASL: &str = "urn:ietf:params:xml:ns:xmpp-sasl";

/// The children of a stanza, read with the library's models (`--typed`);
/// whether every child that has a model was read.
fn print_typed(element: &Element, roundtrip: bool, out: &mut impl Write) -> bool {
    let content_ns = ["jabber:client", "jabber:server", "jabber:component:accept"];
    if !content_ns.contains(&element.ns()) || !matches!(element.name(), "message" | "presence" | "iq") {
        return true;
    }
    let stanza = Stanza::parse(element);
    let mut ok = true;
    if let Err(error) = &stanza {
        let _ = writeln!(out, "  RFC 6120 {} ns={} error {error}", element.name(), element.ns());
        ok = false;
    }
    let malformed: &[Error] = stanza.as_ref().map(Stanza::malformed).unwrap_or_default();
    // Each report of the stanza goes to the last child it names (a
    // duplicate is the later one).
    let children: Vec<&Element> = element.children().collect();
    let owner = |error: &Error| children.iter().rposition(|c| names(error, c.name()));
    for (i, child) in children.iter().enumerate() {
        let defined: &[&str] = match element.name() {
            "message" => &["body", "subject", "thread", "error"],
            "presence" => &["show", "status", "priority", "error"],
            _ => &["error"],
        };
        let line = if content_ns.contains(&child.ns()) && !defined.contains(&child.name()) {
            format!("- {} ns={} unknown", child.name(), child.ns())
        } else if content_ns.contains(&child.ns()) {
            // A part of the stanza itself: RFC 6120 §8.3 (error), RFC 6121 (the rest).
            let spec = if child.name() == "error" { "RFC 6120" } else { "RFC 6121" };
            match malformed.iter().find(|e| owner(e) == Some(i)) {
                Some(error) => {
                    ok = false;
                    format!("{spec} {} ns={} error {error}", child.name(), child.ns())
                }
                None => format!("{spec} {} ns={} ok", child.name(), child.ns()),
            }
        } else {
            match registry::check(child, roundtrip) {
                None => format!("- {} ns={} unknown", child.name(), child.ns()),
                Some(checked) => {
                    let head = format!("{} {} ns={}", checked.spec, child.name(), child.ns());
                    match checked.outcome {
                        Outcome::Ok => format!("{head} ok"),
                        Outcome::Error(error) => {
                            ok = false;
                            format!("{head} error {error}")
                        }
                        Outcome::Malformed(errors) => {
                            ok = false;
                            let what: Vec<String> = errors.iter().map(ToString::to_string).collect();
                            format!("{head} error {}", what.join("; "))
                        }
                        Outcome::WrittenUnreadable { written, error } => {
                            ok = false;
                            format!("{head} roundtrip differs\n    first: {written}\n    second: error {error}")
                        }
                        Outcome::RoundTripDiffers { first, second } => {
                            ok = false;
                            format!("{head} roundtrip differs\n    first: {first}\n    second: {second}")
                        }
                    }
                }
            }
        };
        let _ = writeln!(out, "  {line}");
    }
    ok
}

/// Whether an error of the stanza layer is about an element named `name`
/// (the element at fault, or the child it says is missing, duplicated or
/// unexpected).
fn names(error: &Error, name: &str) -> bool {
    match error {
        Error::DuplicateChild { child, .. } | Error::DuplicateLanguage { child, .. } => *child == name,
        Error::UnexpectedChild { child, .. } => child == name,
        Error::MissingAttribute { element, .. }
        | Error::InvalidAttribute { element, .. }
        | Error::InvalidJid { element, .. }
        | Error::UnexpectedAttribute { element, .. }
        | Error::InvalidText { element, .. }
        | Error::Base64 { element } => *element == name,
        _ => false,
    }
}
