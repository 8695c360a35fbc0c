//! Every artwork of RFC 6120 and RFC 6121 through the stream parser and the
//! typed models (issue 10).
//!
//! The data is `rfc-examples/rfc6120.txt` and `rfc-examples/rfc6121.txt`,
//! made by `scripts/extract-rfc-examples` from the xml2rfc sources in
//! `shared/specs`: "Example N" is the N-th `<artwork>` of the source, "§x.y"
//! the section it stands in (appendices lettered, as xml2rfc numbers them).
//!
//! Each example is cut into what it shows. First into speaker turns: the
//! prefixes `C:`, `S:`, `E:`, `I:`, `P:`, `R:`, `S1:`, `S2:` (RFC 6120 §1.4)
//! and `UC:`, `US:`, `CS:`, `CC:` (RFC 6121 §1.5) are removed with the
//! indentation that continues them, and a `[ ... ]` line between turns is a
//! turn of its own. Then each turn into units: stream headers (with the XML
//! declaration before them), first-level elements, stream closes, and lines
//! that are not XML (diagrams, tables, elisions). Units are numbered from 1
//! in the order the example shows them; the lists below cite them as
//! `unit`, with 0 for every unit of the example.
//!
//! - A header goes through `StreamParser::new()`. Its `to`, `from`, `id`,
//!   `version`, `xml:lang` and content namespace must be what the text says
//!   (read by this file's own attribute scanner), and it must come back
//!   equal through `StreamWriter::header` and a second parse.
//! - A close goes through `StreamParser::new()` after the header of the
//!   speaker's stream: the speaker's last header in the same section (two
//!   levels: §9.1, §9.2, ...; the flows of RFC 6120 §9 span several
//!   artworks), or else `<stream:stream>` in the content namespace.
//! - An element goes through `StreamParser::fragment` in the content
//!   namespace (`jabber:server` for server-to-server: RFC 6120 §9.2, the
//!   speakers `P:`, `S1:`, `S2:`, or a `jabber:server` header of the same
//!   speaker in the example; else `jabber:client`). Serialized and parsed
//!   again it must be equal. A stanza then goes through [`Stanza`], a
//!   stream-level element through its model ([`StreamFeatures`], [`StartTls`],
//!   [`Sasl`], [`StreamError`]): the model parsed again from its own
//!   serialization must be equal, and the element it serializes must be the
//!   original but for whitespace-only text between child elements and
//!   whitespace around the text of a stream or stanza error condition (the
//!   address of `see-other-host`, `gone`, `redirect`, which the RFC wraps
//!   onto lines of their own and the models keep trimmed).
//!
//! Every unit that does not pass is listed, with the start of the error it
//! produces, in exactly one of three lists: [`NOT_EXAMPLES`] (not XML, or
//! not meant literally: diagrams, templates, elisions, wrapped lines),
//! [`MALFORMED_IN_RFC`] and [`KNOWN_LIBRARY_GAPS`]. The test fails when a
//! listed unit passes or fails differently, and when an unlisted unit
//! fails: the lists stay true. [`MALFORMED_IN_RFC`] also lists flaws that
//! do not stop a unit from passing, each checked.
//!
//! [`ERROR_EXAMPLES`] lists every example that shows an error reply, with
//! the error it shows (checked against the reply in the example) and, where
//! the bad input is in the example and the layers this crate's tests reach
//! can judge it (the stream parser, `Stanza::parse` with
//! `jabber_stanza::Error::stanza_condition`, `RosterQuery::check_set`),
//! the answer our stack gives, as a live stream would: the bad input is fed
//! and the next event taken, without declaring the end of input. The answer
//! must be the RFC's, or be listed in [`KNOWN_LIBRARY_GAPS`] as `answer: ...`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

use jabber_stanza::{IqKind, RosterQuery, Sasl, Stanza, StanzaError, StartTls, StreamError, StreamFeatures};
use jabber_stream::{ContentNamespace, Element, Limits, Node, StreamEvent, StreamParser, StreamWriter};

const RFC6120: &str = include_str!("rfc-examples/rfc6120.txt");
const RFC6121: &str = include_str!("rfc-examples/rfc6121.txt");

const STREAMS_NS: &str = "http://etherx.jabber.org/streams";
const STREAM_ERRORS_NS: &str = "urn:ietf:params:xml:ns:xmpp-streams";
const STANZA_ERRORS_NS: &str = "urn:ietf:params:xml:ns:xmpp-stanzas";
const TLS_NS: &str = "urn:ietf:params:xml:ns:xmpp-tls";
const SASL_NS: &str = "urn:ietf:params:xml:ns:xmpp-sasl";

/// A unit that does not pass, and why.
#[derive(Debug)]
struct Listed {
    rfc: u32,
    example: u32,
    /// The unit, from 1; 0: every unit of the example fails.
    unit: usize,
    /// How the error starts (`not XML`, `header`, `close`, `element`, a
    /// model's name, `... round trip`; `answer:` for the answer to a bad
    /// input of [`ERROR_EXAMPLES`]).
    error: &'static str,
    why: &'static str,
}

const fn listed(rfc: u32, example: u32, unit: usize, error: &'static str, why: &'static str) -> Listed {
    Listed { rfc, example, unit, error, why }
}

const DIAGRAM: &str = "not XML";
const ELIDED_LINE: &str = "elided: a '[ ... ]' line stands for what the example does not show";
const ELIDED_SASL: &str = "elided: '[ ... ]' stands for the SASL data, which is not base64";
const WRAPPED_SASL: &str = "wrapped: the base64 data is wrapped onto lines for readability (RFC 6120 §1.4; the \
    section says \"line breaks not included in actual data\"); RFC 6120 §13.9.1 says whitespace in base64 MUST be \
    rejected, as Sasl::parse does. The test checks that the data without the line breaks passes";

/// Artworks that are not XML, or XML not meant literally. `why` starts with
/// the category the summary counts.
const NOT_EXAMPLES: &[Listed] = &[
    listed(6120, 1, 0, DIAGRAM, "diagram: the client-server architecture of §2.5"),
    listed(6120, 2, 0, DIAGRAM, "diagram: the two streams of §4.1 side by side, with '[ ... ]' elisions"),
    listed(6120, 9, 0, DIAGRAM, "diagram: the stream negotiation flow chart"),
    listed(6120, 20, 0, DIAGRAM, "table: the stream attributes"),
    listed(
        6120,
        30,
        1,
        "StreamError round trip",
        "template: the syntax of <stream:error/>: '[ ... ]' marks optional parts, 'defined-condition' stands for a \
         condition",
    ),
    listed(6120, 57, 3, DIAGRAM, ELIDED_LINE),
    listed(6120, 58, 3, DIAGRAM, ELIDED_LINE),
    listed(6120, 79, 1, "Sasl round trip", "template: the syntax of the SASL <failure/>"),
    listed(6120, 82, 1, "Sasl: Base64", ELIDED_SASL),
    listed(6120, 84, 1, "Sasl: Base64", ELIDED_SASL),
    listed(6120, 85, 1, "Sasl: Base64", ELIDED_SASL),
    listed(6120, 87, 1, "Sasl: Base64", ELIDED_SASL),
    listed(6120, 89, 1, "Sasl: Base64", ELIDED_SASL),
    listed(6120, 90, 1, "Sasl: Base64", ELIDED_SASL),
    listed(6120, 108, 0, DIAGRAM, "diagram: the iq request-response exchange"),
    listed(
        6120,
        109,
        1,
        "element: not-well-formed",
        "template: the syntax of a stanza error: 'stanza-kind', '[by='error-generator']' for an optional attribute",
    ),
    listed(6120, 145, 1, "Sasl: Base64", WRAPPED_SASL),
    listed(6120, 146, 1, "Sasl: Base64", WRAPPED_SASL),
    listed(6120, 147, 1, "Sasl: Base64", WRAPPED_SASL),
    listed(6120, 148, 1, "Sasl: Base64", WRAPPED_SASL),
    listed(6120, 175, 0, DIAGRAM, "DNS records: SRV resource records"),
    listed(6120, 176, 0, DIAGRAM, "DNS records: SRV resource records"),
    listed(6120, 177, 0, DIAGRAM, "ASN.1: the XmppAddr identifier type"),
    listed(6121, 45, 1, DIAGRAM, ELIDED_LINE),
    listed(6121, 45, 3, DIAGRAM, ELIDED_LINE),
    listed(6121, 45, 5, DIAGRAM, ELIDED_LINE),
    listed(6121, 45, 7, DIAGRAM, ELIDED_LINE),
    listed(6121, 63, 1, DIAGRAM, ELIDED_LINE),
    listed(6121, 63, 3, DIAGRAM, ELIDED_LINE),
    listed(6121, 64, 1, DIAGRAM, ELIDED_LINE),
    listed(6121, 64, 3, DIAGRAM, ELIDED_LINE),
    listed(6121, 81, 1, DIAGRAM, ELIDED_LINE),
    listed(6121, 81, 3, DIAGRAM, ELIDED_LINE),
    listed(6121, 86, 1, DIAGRAM, ELIDED_LINE),
    listed(6121, 86, 3, DIAGRAM, ELIDED_LINE),
    listed(6121, 119, 0, DIAGRAM, "table: the message delivery rules"),
    listed(6121, 120, 0, DIAGRAM, "table: subscription states"),
    listed(6121, 121, 0, DIAGRAM, "table: subscription states"),
    listed(6121, 122, 0, DIAGRAM, "table: subscription states"),
    listed(6121, 123, 0, DIAGRAM, "table: subscription states"),
    listed(6121, 124, 0, DIAGRAM, "table: subscription states"),
    listed(6121, 125, 0, DIAGRAM, "table: subscription states"),
    listed(6121, 126, 0, DIAGRAM, "table: subscription states"),
    listed(6121, 127, 0, DIAGRAM, "table: subscription states"),
];

/// A flaw of the RFC's own example.
#[derive(Debug)]
struct Flawed {
    rfc: u32,
    example: u32,
    unit: usize,
    flaw: Flaw,
    why: &'static str,
}

#[derive(Debug)]
enum Flaw {
    /// The unit fails with an error that starts so.
    Fails(&'static str),
    /// A stanza with an `<error/>` child but no `type='error'`: it parses
    /// and round-trips, as a stanza that is not an error.
    ErrorWithoutType,
    /// An attribute of the unit's element has this value.
    Attr(&'static str, &'static str),
    /// The text of the unit's element or a descendant contains this.
    Text(&'static str),
}

const fn flawed(rfc: u32, example: u32, unit: usize, flaw: Flaw, why: &'static str) -> Flawed {
    Flawed { rfc, example, unit, flaw, why }
}

const NO_ERROR_TYPE: &str = "the error reply has an <error/> child but no type='error'; RFC 6120 §8.3.1 rule 7: an \
    <error/> child MUST NOT be included if the type is not 'error' (or there is none)";

/// Examples that are wrong in the RFC itself.
const MALFORMED_IN_RFC: &[Flawed] = &[
    flawed(
        6120,
        117,
        2,
        Flaw::Attr("from", "ch@r@cters@muc.example.com/JulieC"),
        "§8.3.3.8: the jid-malformed reply comes 'from' the malformed address of the request; RFC 6120 §8.3.1 rule 2: \
         the addresses are swapped unless that would force a malformed JID into the error stanza",
    ),
    flawed(6120, 118, 2, Flaw::ErrorWithoutType, NO_ERROR_TYPE),
    flawed(6120, 120, 2, Flaw::ErrorWithoutType, NO_ERROR_TYPE),
    flawed(
        6120,
        121,
        1,
        Flaw::Fails("element: not-well-formed: malformed reference"),
        "§8.3.3.12: the body '%#&@^!!!' has a bare '&', which XML does not allow (it would be '&amp;'); no XML parser \
         reads the request",
    ),
    flawed(6120, 121, 2, Flaw::ErrorWithoutType, NO_ERROR_TYPE),
    flawed(6120, 122, 2, Flaw::ErrorWithoutType, NO_ERROR_TYPE),
    flawed(6120, 124, 2, Flaw::ErrorWithoutType, NO_ERROR_TYPE),
    flawed(6120, 128, 2, Flaw::ErrorWithoutType, NO_ERROR_TYPE),
    flawed(
        6120,
        128,
        2,
        Flaw::Attr("from", "juliet@im.example.com/foo"),
        "§8.3.3.19: the request went from romeo@example.net/foo to juliet@im.example.com; the reply comes from \
         juliet@im.example.com/foo to romeo@example.net: the resource 'foo' moved to the other address (RFC 6120 \
         §8.3.1 rule 2: swap the addresses)",
    ),
    flawed(
        6120,
        130,
        2,
        Flaw::Attr("id", "amp1"),
        "§8.3.3.21: the reply's id 'amp1' is not the request's 'richard2-4.1.247' (RFC 6120 §8.3.1 rule 3: it MUST \
         match), and its addresses (from example.org to northumberland@example.net/field) are not the request's (from \
         northumberland@shakespeare.example to kingrichard@royalty.england.example) swapped (rule 2)",
    ),
    flawed(
        6120,
        149,
        2,
        Flaw::Fails("close (stream opened by the header of Example 144): not-well-formed: end tag </stream>"),
        "§9.1.2: the server closes its stream with </stream> but opened it with <stream:stream> (Example 144, and \
         Example 151 reopens it so): the end tag does not match",
    ),
    flawed(
        6121,
        96,
        1,
        Flaw::Text("Pro\u{10d}e\u{17d} jsi ty, Romeo?"),
        "§5.2.3: the Czech body is written 'Pro&#x010D;e&#x017D; jsi ty', a capital \u{17d} inside the word, where \
         Examples 98 and 99 write the same sentence with &#x017E; (\u{17e}, 'Pro\u{10d}e\u{17e}'): a typo",
    ),
];

/// Units the library refuses, or bad inputs it answers differently from
/// the RFC, today.
const KNOWN_LIBRARY_GAPS: &[Listed] = &[
    listed(
        6120,
        31,
        1,
        "answer: stream:not-well-formed",
        "the input of Example 26 on three lines, which Example 26 answers not-well-formed, as we do: the RFC shows \
         two answers for one input. §4.9.3.1 allows bad-format for any XML error and RECOMMENDS the specific \
         condition, which is not-well-formed (§4.9.3.13)",
    ),
    listed(
        6120,
        32,
        1,
        "answer: accepted",
        "§4.9.3.2: the stream prefix 'foobar' is accepted (any prefix bound to the stream namespace is, by meaning); \
         RFC 6120 §4.8.5 lets an implementation accept only 'stream' (this example's server) but does not require it",
    ),
    listed(
        6120,
        41,
        1,
        "answer: stanza:bad-request",
        "§4.9.3.11: the RFC's answer is the stream error of a server-to-server peer that validates against the schema; \
         Stanza::parse refuses the iq type 'subscribe' with the stanza error the RFC shows for the same iq on a \
         client stream (Example 110, §8.3.3.1). There is no server-to-server machine",
    ),
    listed(
        6121,
        106,
        1,
        "Stanza round trip: element",
        "§7: an explicit <priority>0</priority> (the default, RFC 6121 §4.7.2.3) is not serialized: the same \
         value, but not the element that came",
    ),
    listed(6121, 108, 1, "Stanza round trip: element", "§7: <priority>0</priority> dropped, as in Example 106"),
];

/// How our stack's answer to a bad input is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// The stream parser (header or fragment) refuses the unit.
    Parser,
    /// `Stanza::parse` refuses it; `stanza_condition()` is the answer.
    Stanza,
    /// A roster set that parses; `RosterQuery::check_set` answers.
    RosterSet,
    /// Not judged by the layers this test reaches, and why.
    NotHere(&'static str),
}

/// An example that shows an error reply (or, `shown` false, whose section
/// says which error answers it).
#[derive(Debug)]
struct ErrorExample {
    rfc: u32,
    example: u32,
    /// The unit that is the bad input; 0 if the example shows none.
    input: usize,
    /// The error: `stream:`, `stanza:`, `sasl:` and the condition, or
    /// `tls:failure`.
    reply: &'static str,
    /// The example shows the reply (else the section's text names it).
    shown: bool,
    check: Check,
}

const fn err(rfc: u32, example: u32, input: usize, reply: &'static str, check: Check) -> ErrorExample {
    ErrorExample { rfc, example, input, reply, shown: true, check }
}

const NO_INPUT: Check = Check::NotHere("no input: the answer comes from the server's state or policy");
const STATE: Check =
    Check::NotHere("a valid input: the answer comes from the receiver's state, policy or configuration");
const SESSION: Check = Check::NotHere(
    "a valid input here: jabber-session's machines answer it, judged against the RFC's reply in \
     crates/session/tests/rfc_errors.rs (jabber-session is not a dependency of this crate)",
);
const ELIDED: Check = Check::NotHere("the bad part of the input is elided ('[ ... ]')");
const NO_S2S: Check = Check::NotHere("a server-to-server check: this stack has no server-to-server machine");

/// Every example that shows an error.
const ERROR_EXAMPLES: &[ErrorExample] = &[
    ErrorExample {
        rfc: 6120,
        example: 25,
        input: 2,
        reply: "stream:bad-namespace-prefix",
        shown: false,
        check: Check::Parser,
    },
    err(6120, 26, 1, "stream:not-well-formed", Check::Parser),
    err(6120, 28, 1, "stream:invalid-namespace", Check::Parser),
    err(6120, 29, 1, "stream:host-unknown", SESSION),
    err(6120, 31, 1, "stream:bad-format", Check::Parser),
    err(6120, 32, 1, "stream:bad-namespace-prefix", Check::Parser),
    err(6120, 33, 1, "stream:conflict", STATE),
    err(6120, 34, 0, "stream:connection-timeout", NO_INPUT),
    err(6120, 35, 1, "stream:host-gone", NO_S2S),
    err(6120, 36, 1, "stream:host-unknown", NO_S2S),
    err(6120, 37, 1, "stream:improper-addressing", NO_S2S),
    err(6120, 38, 0, "stream:internal-server-error", NO_INPUT),
    err(6120, 39, 1, "stream:invalid-from", NO_S2S),
    err(6120, 40, 1, "stream:invalid-namespace", Check::Parser),
    err(6120, 41, 1, "stream:invalid-xml", Check::Stanza),
    err(6120, 42, 3, "stream:not-authorized", SESSION),
    err(6120, 43, 1, "stream:not-well-formed", Check::Parser),
    err(6120, 44, 1, "stream:policy-violation", ELIDED),
    err(6120, 45, 1, "stream:remote-connection-failed", STATE),
    err(6120, 46, 0, "stream:reset", NO_INPUT),
    err(6120, 47, 1, "stream:resource-constraint", STATE),
    err(6120, 48, 1, "stream:restricted-xml", Check::Parser),
    err(6120, 49, 1, "stream:see-other-host", STATE),
    err(6120, 50, 0, "stream:system-shutdown", NO_INPUT),
    err(6120, 51, 0, "stream:undefined-condition", NO_INPUT),
    err(6120, 52, 1, "stream:unsupported-encoding", Check::Parser),
    err(6120, 53, 1, "stream:unsupported-feature", SESSION),
    err(6120, 54, 1, "stream:unsupported-stanza-type", SESSION),
    err(6120, 55, 1, "stream:unsupported-version", SESSION),
    err(6120, 56, 1, "stream:not-well-formed", Check::Parser),
    err(6120, 58, 4, "stream:not-well-formed", Check::Parser),
    err(6120, 63, 0, "tls:failure", NO_INPUT),
    err(6120, 73, 0, "sasl:aborted", NO_INPUT),
    err(6120, 74, 0, "sasl:not-authorized", NO_INPUT),
    err(6120, 80, 1, "sasl:aborted", SESSION),
    err(6120, 81, 1, "sasl:account-disabled", STATE),
    err(6120, 82, 1, "sasl:credentials-expired", STATE),
    err(6120, 83, 1, "sasl:encryption-required", SESSION),
    err(6120, 84, 1, "sasl:incorrect-encoding", ELIDED),
    err(6120, 85, 1, "sasl:invalid-authzid", ELIDED),
    err(6120, 86, 1, "sasl:invalid-mechanism", SESSION),
    err(6120, 87, 1, "sasl:malformed-request", ELIDED),
    err(6120, 88, 1, "sasl:mechanism-too-weak", STATE),
    err(6120, 89, 1, "sasl:not-authorized", ELIDED),
    err(6120, 90, 1, "sasl:temporary-auth-failure", STATE),
    err(6120, 94, 0, "stanza:resource-constraint", NO_INPUT),
    err(6120, 95, 0, "stanza:not-allowed", NO_INPUT),
    err(6120, 99, 0, "stanza:bad-request", NO_INPUT),
    err(6120, 101, 0, "stanza:conflict", NO_INPUT),
    err(6120, 110, 1, "stanza:bad-request", Check::Stanza),
    err(6120, 111, 1, "stanza:conflict", STATE),
    err(6120, 112, 1, "stanza:feature-not-implemented", STATE),
    err(6120, 113, 1, "stanza:forbidden", STATE),
    err(6120, 114, 1, "stanza:gone", STATE),
    err(6120, 115, 1, "stanza:internal-server-error", STATE),
    err(6120, 116, 1, "stanza:item-not-found", STATE),
    err(6120, 117, 1, "stanza:jid-malformed", Check::Stanza),
    err(6120, 118, 1, "stanza:not-acceptable", ELIDED),
    err(6120, 119, 1, "stanza:not-allowed", STATE),
    err(6120, 120, 1, "stanza:not-authorized", STATE),
    err(6120, 121, 1, "stanza:policy-violation", STATE),
    err(6120, 122, 1, "stanza:recipient-unavailable", STATE),
    err(6120, 123, 1, "stanza:redirect", STATE),
    err(6120, 124, 1, "stanza:registration-required", STATE),
    err(6120, 125, 1, "stanza:remote-server-not-found", STATE),
    err(6120, 126, 1, "stanza:remote-server-timeout", STATE),
    err(6120, 127, 1, "stanza:resource-constraint", STATE),
    err(6120, 128, 1, "stanza:service-unavailable", STATE),
    err(6120, 129, 1, "stanza:subscription-required", STATE),
    err(6120, 130, 1, "stanza:undefined-condition", STATE),
    err(6120, 131, 1, "stanza:unexpected-request", STATE),
    err(6120, 132, 0, "stanza:bad-request", NO_INPUT),
    err(6120, 133, 0, "stanza:undefined-condition", NO_INPUT),
    err(6120, 142, 0, "tls:failure", NO_INPUT),
    err(6120, 149, 0, "sasl:not-authorized", NO_INPUT),
    err(6120, 154, 0, "stanza:conflict", NO_INPUT),
    err(6120, 164, 0, "tls:failure", NO_INPUT),
    err(6120, 169, 0, "sasl:not-authorized", NO_INPUT),
    err(6121, 4, 0, "stanza:item-not-found", NO_INPUT),
    err(6121, 14, 1, "stanza:forbidden", STATE),
    err(6121, 15, 1, "stanza:bad-request", Check::RosterSet),
    err(6121, 16, 1, "stanza:not-acceptable", ELIDED),
    err(6121, 17, 1, "stanza:bad-request", Check::RosterSet),
    err(6121, 18, 1, "stanza:not-acceptable", Check::RosterSet),
    err(6121, 19, 1, "stanza:not-acceptable", ELIDED),
    err(6121, 28, 1, "stanza:item-not-found", STATE),
    err(6121, 35, 0, "stanza:remote-server-not-found", NO_INPUT),
    err(6121, 68, 0, "stanza:gone", NO_INPUT),
];

// ---------------------------------------------------------------------------
// The data.

struct Example {
    rfc: u32,
    n: u32,
    section: String,
    title: String,
    text: String,
}

fn examples(rfc: u32, file: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    for line in file.lines() {
        if let Some(rest) = line.strip_prefix("=== Example ") {
            let (n, rest) = rest.split_once(" (§").expect("header");
            let rest = rest.strip_suffix(')').expect("header");
            let (section, title) = rest.split_once(' ').unwrap_or((rest, ""));
            out.push(Example {
                rfc,
                n: n.parse().expect("number"),
                section: section.into(),
                title: title.into(),
                text: String::new(),
            });
        } else if let Some(example) = out.last_mut() {
            example.text.push_str(line);
            example.text.push('\n');
        }
    }
    for (i, e) in out.iter().enumerate() {
        assert_eq!(e.n as usize, i + 1, "RFC {rfc}: examples are numbered in order");
    }
    out
}

// ---------------------------------------------------------------------------
// Turns and units.

const SPEAKERS: [&str; 12] = ["C", "S", "E", "I", "P", "R", "S1", "S2", "UC", "US", "CS", "CC"];

/// `Some((speaker, rest, width))` if the line starts with a speaker prefix.
fn speaker_prefix(line: &str) -> Option<(&str, &str, usize)> {
    let colon = line.find(':')?;
    let name = &line[..colon];
    let plausible = (1..=3).contains(&name.len())
        && name.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
        && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let after = &line[colon + 1..];
    if !plausible || !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    assert!(SPEAKERS.contains(&name), "unknown speaker prefix {name:?} in {line:?}");
    let rest = after.trim_start_matches(' ');
    Some((name, rest, line.len() - rest.len()))
}

fn is_elision(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('[') && t.ends_with(']')
}

struct Turn {
    speaker: Option<String>,
    text: String,
}

fn turns(text: &str) -> Vec<Turn> {
    let mut out: Vec<Turn> = Vec::new();
    let mut width = 0;
    let mut open = false;
    for line in text.lines() {
        if let Some((speaker, rest, w)) = speaker_prefix(line) {
            out.push(Turn { speaker: Some(speaker.into()), text: format!("{rest}\n") });
            width = w;
            open = true;
        } else if is_elision(line) && !line.starts_with(' ') {
            out.push(Turn { speaker: None, text: format!("{line}\n") });
            open = false;
        } else if open {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let turn = out.last_mut().expect("open turn");
            turn.text.push_str(&line[indent.min(width)..]);
            turn.text.push('\n');
        } else {
            out.push(Turn { speaker: None, text: format!("{line}\n") });
            width = 0;
            open = true;
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A stream header, with the XML declaration before it if any.
    Header,
    /// A first-level element.
    Element,
    /// A stream close.
    Close,
    /// A line that is not XML.
    Text,
}

struct Unit {
    speaker: Option<String>,
    kind: Kind,
    text: String,
    /// An XML declaration stood before this element (a schema: a standalone
    /// document, not stream content); it is not part of `text`.
    declaration: bool,
}

/// The end (index after `>`) of the tag starting at `start`, whether it is
/// an empty-element tag, and its name.
fn scan_tag(b: &[u8], start: usize) -> (usize, bool, String) {
    let mut i = start + 1;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = String::from_utf8_lossy(&b[start + 1..i]).into_owned();
    let mut quote = None;
    while i < b.len() {
        match (quote, b[i]) {
            (None, b'\'' | b'"') => quote = Some(b[i]),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return (i + 1, b[i - 1] == b'/', name),
            _ => {}
        }
        i += 1;
    }
    (b.len(), false, name)
}

fn find(b: &[u8], from: usize, needle: &str) -> Option<usize> {
    b[from..].windows(needle.len()).position(|w| w == needle.as_bytes()).map(|p| from + p)
}

/// The end of the element starting at `start` (or of the input).
fn scan_element(b: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while let Some(lt) = find(b, i, "<") {
        let skip = |open: &str, close: &str| {
            b[lt..].starts_with(open.as_bytes()).then(|| find(b, lt, close).map_or(b.len(), |e| e + close.len()))
        };
        if let Some(end) = skip("<!--", "-->").or_else(|| skip("<![CDATA[", "]]>")).or_else(|| skip("<?", "?>")) {
            i = end;
            continue;
        }
        if b[lt..].starts_with(b"</") {
            let end = find(b, lt, ">").map_or(b.len(), |e| e + 1);
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return end;
            }
            i = end;
            continue;
        }
        let (end, empty, _) = scan_tag(b, lt);
        if !empty {
            depth += 1;
        } else if depth == 0 {
            return end;
        }
        i = end;
    }
    b.len()
}

fn split(turn: &Turn) -> Vec<Unit> {
    let text = turn.text.as_str();
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut declaration: Option<usize> = None;
    let unit = |kind, text: &str, declaration| Unit {
        speaker: turn.speaker.clone(),
        kind,
        text: text.trim_end().to_owned(),
        declaration,
    };
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b[i] != b'<' {
            let end = find(b, i, "\n").unwrap_or(b.len());
            out.push(unit(Kind::Text, &text[i..end], false));
            i = end;
            continue;
        }
        if b[i..].starts_with(b"<?") {
            let end = find(b, i, "?>").map_or(b.len(), |e| e + 2);
            declaration = Some(i);
            i = end;
            continue;
        }
        if b[i..].starts_with(b"</") {
            let end = find(b, i, ">").map_or(b.len(), |e| e + 1);
            out.push(unit(Kind::Close, &text[i..end], false));
            i = end;
            continue;
        }
        let (end, empty, name) = scan_tag(b, i);
        if !empty && name.rsplit(':').next() == Some("stream") {
            out.push(unit(Kind::Header, &text[declaration.take().unwrap_or(i)..end], false));
            i = end;
            continue;
        }
        let end = scan_element(b, i);
        out.push(unit(Kind::Element, &text[i..end], declaration.take().is_some()));
        i = end;
    }
    out
}

/// The attributes of the first start tag of `text`, as written.
fn tag_attributes(text: &str) -> Vec<(String, String)> {
    let start = text.find('<').expect("a tag");
    let start = if text[start..].starts_with("<?") { text[start..].find("?>").unwrap() + start + 2 } else { start };
    let start = start + text[start..].find('<').unwrap();
    let (end, _, name) = scan_tag(text.as_bytes(), start);
    let mut rest = &text[start + 1 + name.len()..end - 1];
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start();
        let Some(eq) = rest.find('=') else { break };
        let name = rest[..eq].trim().to_owned();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().expect("quoted value");
        let close = after[1..].find(quote).expect("closing quote") + 1;
        out.push((name, after[1..close].to_owned()));
        rest = &after[close + 1..];
    }
    out
}

// ---------------------------------------------------------------------------
// Checks.

type Outcome = Result<&'static str, String>;

fn variant<E: Debug>(e: &E) -> String {
    let debug = format!("{e:?}");
    debug.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or("").to_owned()
}

fn parser_error(step: &str, e: &jabber_stream::Error) -> String {
    format!("{step}: {}: {e}", e.condition())
}

fn parse_header(text: &str) -> Result<jabber_stream::StreamHeader, String> {
    let mut parser = StreamParser::new();
    parser.feed(text.as_bytes());
    match parser.next_event() {
        Ok(Some(StreamEvent::Header(h))) => Ok(*h),
        Ok(other) => Err(format!("header: no header but {other:?}")),
        Err(e) => Err(parser_error("header", &e)),
    }
}

fn check_header(text: &str) -> Outcome {
    let header = parse_header(text)?;
    let attrs = tag_attributes(text);
    let attr = |name: &str| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let fields = [
        ("to", header.to.as_ref().map(|j| j.as_str().to_owned())),
        ("from", header.from.as_ref().map(|j| j.as_str().to_owned())),
        ("id", header.id.clone()),
        ("version", header.version.map(|v| v.to_string())),
        ("xml:lang", header.lang.clone()),
        ("xmlns", header.content_ns.map(|ns| ns.as_str().to_owned())),
    ];
    for (name, parsed) in fields {
        // §4.8.2: a default namespace that is the stream namespace (an
        // unprefixed root) declares no content namespace.
        let written = attr(name).filter(|v| !(name == "xmlns" && *v == jabber_stream::ns::STREAM));
        if written != parsed.as_deref() {
            return Err(format!("header field {name}: the text says {:?}, the parser {parsed:?}", attr(name)));
        }
    }
    let mut out = Vec::new();
    StreamWriter::new().header(&header, &mut out).map_err(|e| format!("header round trip: {e}"))?;
    let again = parse_header(std::str::from_utf8(&out).expect("UTF-8"))
        .map_err(|e| format!("header round trip: {e} in {}", String::from_utf8_lossy(&out)))?;
    if again != header {
        return Err(format!("header round trip: {again:?} != {header:?}"));
    }
    Ok("header")
}

fn check_close(context: &str, context_name: &str, text: &str) -> Outcome {
    let mut parser = StreamParser::new();
    parser.feed(context.as_bytes());
    match parser.next_event() {
        Ok(Some(StreamEvent::Header(_))) => {}
        Ok(other) => return Err(format!("close: {context_name} gives {other:?}")),
        Err(e) => return Err(parser_error(&format!("close: {context_name}"), &e)),
    }
    parser.feed(text.as_bytes());
    match parser.next_event() {
        Ok(Some(StreamEvent::Close)) => {}
        Ok(other) => return Err(format!("close: no close but {other:?}")),
        Err(e) => return Err(parser_error(&format!("close (stream opened by {context_name})"), &e)),
    }
    parser.finish().map_err(|e| parser_error("close", &e))?;
    Ok("close")
}

fn parse_element(ns: ContentNamespace, text: &str) -> Result<Element, String> {
    let mut parser = StreamParser::fragment(ns, Limits::default());
    parser.feed(text.as_bytes());
    let mut elements = Vec::new();
    loop {
        match parser.next_event() {
            Ok(Some(StreamEvent::Element(e))) => elements.push(e),
            Ok(Some(other)) => return Err(format!("element: unexpected {other:?}")),
            Ok(None) => break,
            Err(e) => return Err(parser_error("element", &e)),
        }
    }
    parser.finish().map_err(|e| parser_error("element", &e))?;
    match <[Element; 1]>::try_from(elements) {
        Ok([e]) => Ok(e),
        Err(v) => Err(format!("element: {} elements in one unit", v.len())),
    }
}

/// The element without whitespace-only text next to child elements, and
/// with the text of error conditions trimmed (see the module docs).
fn strip(e: &Element) -> Element {
    let mut out = Element::new(e.name().to_owned(), e.ns().to_owned());
    for attr in e.attrs() {
        out.set_attribute(attr.clone());
    }
    let mixed = e.children().next().is_some();
    let condition = matches!(e.ns(), STREAM_ERRORS_NS | STANZA_ERRORS_NS) && e.name() != "text";
    for node in e.nodes() {
        match node {
            Node::Element(child) => {
                out.push_child(strip(child));
            }
            Node::Text(t) if mixed && t.trim().is_empty() => {}
            Node::Text(t) if condition => {
                if !t.trim().is_empty() {
                    out.push_text(t.trim());
                }
            }
            Node::Text(t) => {
                out.push_text(t);
            }
        }
    }
    out
}

/// The element with every ASCII whitespace removed from its text (base64
/// wrapped onto lines).
fn unwrapped(e: &Element) -> Element {
    let mut out = Element::new(e.name().to_owned(), e.ns().to_owned());
    for attr in e.attrs() {
        out.set_attribute(attr.clone());
    }
    out.push_text(e.text().split_ascii_whitespace().collect::<String>());
    out
}

fn reparse(model: &str, e: &Element) -> Result<Element, String> {
    let bytes = e.to_bytes().map_err(|err| format!("{model}: serialize: {err}"))?;
    Element::from_bytes(&bytes).map_err(|err| format!("{model}: reparse: {err}"))
}

fn typed<T: PartialEq + Debug>(
    model: &'static str,
    e: &Element,
    parse: impl Fn(&Element) -> Result<T, jabber_stanza::Error>,
    back: impl Fn(&T) -> Element,
) -> Outcome {
    let value = parse(e).map_err(|err| format!("{model}: {}: {err}", variant(&err)))?;
    let again = reparse(model, &back(&value))?;
    let value2 = parse(&again).map_err(|err| format!("{model} round trip: {}: {err}", variant(&err)))?;
    if value2 != value {
        return Err(format!("{model} round trip: {value2:?} != {value:?}"));
    }
    let (before, after) = (strip(e), strip(&again));
    if before != after {
        return Err(format!("{model} round trip: element {after} != {before}"));
    }
    Ok(model)
}

fn is_content_ns(ns: &str) -> bool {
    matches!(ContentNamespace::from_uri(ns), Some(ContentNamespace::Client | ContentNamespace::Server))
}

fn check_element(element: &Element) -> Outcome {
    let again = reparse("element round trip", element)?;
    if &again != element {
        return Err(format!("element round trip: {again} != {element}"));
    }
    match (element.ns(), element.name()) {
        (ns, "message" | "presence" | "iq") if is_content_ns(ns) => {
            typed("Stanza", element, Stanza::parse, Stanza::to_element)
        }
        (STREAMS_NS, "features") => typed("StreamFeatures", element, StreamFeatures::parse, StreamFeatures::to_element),
        (STREAMS_NS, "error") => typed("StreamError", element, StreamError::parse, StreamError::to_element),
        (TLS_NS, _) => typed("StartTls", element, StartTls::parse, |t: &StartTls| t.to_element()),
        (SASL_NS, _) => typed("Sasl", element, Sasl::parse, Sasl::to_element),
        _ => Ok("element"),
    }
}

/// The error an element shows, as `ErrorExample::reply` writes it.
fn shown_error(e: &Element) -> Option<String> {
    let condition = |parent: &Element, ns: &str| {
        parent.children().find(|c| c.ns() == ns && c.name() != "text").map(|c| c.name().to_owned())
    };
    match (e.ns(), e.name()) {
        (STREAMS_NS, "error") => Some(format!("stream:{}", condition(e, STREAM_ERRORS_NS)?)),
        (SASL_NS, "failure") => Some(format!("sasl:{}", condition(e, SASL_NS)?)),
        (TLS_NS, "failure") => Some("tls:failure".into()),
        (ns, "message" | "presence" | "iq") if is_content_ns(ns) => {
            let error = e.get_child("error", ns)?;
            Some(format!("stanza:{}", condition(error, STANZA_ERRORS_NS)?))
        }
        _ => None,
    }
}

/// Our stack's answer to a bad input, as a live stream gives it: the
/// input is fed and events taken, without declaring the end of input.
fn answer(check: Check, unit: &Unit, ns: ContentNamespace) -> String {
    let mut parser = match unit.kind {
        Kind::Header => StreamParser::new(),
        _ => StreamParser::fragment(ns, Limits::default()),
    };
    parser.feed(unit.text.as_bytes());
    // One event: the unit is one header or one element.
    let element = match parser.next_event() {
        Err(e) => return format!("stream:{}", e.condition()),
        Ok(Some(StreamEvent::Element(e))) => e,
        Ok(Some(_)) => return "accepted".into(),
        Ok(None) => {
            let then = match parser.finish() {
                Err(e) => format!("stream:{}: {e}", e.condition()),
                Ok(_) => "nothing".into(),
            };
            return format!("no answer (at the end of input: {then})");
        }
    };
    let stanza = match check {
        Check::Parser => return "accepted".into(),
        _ => match Stanza::parse(&element) {
            Err(e) => return format!("stanza:{}", e.stanza_condition().name()),
            // Read liberally: the first malformed part is what is answered.
            Ok(stanza) if !stanza.malformed().is_empty() => {
                return format!("stanza:{}", stanza.malformed()[0].stanza_condition().name());
            }
            Ok(stanza) => stanza,
        },
    };
    match (check, stanza) {
        (Check::RosterSet, Stanza::Iq(iq)) => {
            assert!(matches!(iq.kind, IqKind::Set(_)), "a roster set");
            match iq.payload::<RosterQuery>() {
                Some(Ok(query)) => {
                    query.check_set().map_or("accepted".into(), |e| format!("stanza:{}", e.condition.name()))
                }
                Some(Err(e)) => format!("stanza:{}", e.stanza_condition().name()),
                None => "accepted (no roster query)".into(),
            }
        }
        _ => "accepted".into(),
    }
}

// ---------------------------------------------------------------------------
// The walk.

/// What happened to one unit.
struct Seen {
    rfc: u32,
    example: u32,
    /// `§x.y Title`.
    place: String,
    unit: usize,
    kind: Kind,
    text: String,
    outcome: Outcome,
    /// The parsed element, for element units that parse.
    element: Option<Element>,
    /// The answer to a bad input of `ERROR_EXAMPLES` (then not round-tripped).
    answer: Option<String>,
}

fn content_ns(ex: &Example, section2: &str, speaker: &str, header: Option<&String>) -> ContentNamespace {
    if let Some(header) = header
        && let Some((_, ns)) = tag_attributes(header).iter().find(|(n, _)| n == "xmlns")
        && let Some(ns @ (ContentNamespace::Client | ContentNamespace::Server)) = ContentNamespace::from_uri(ns)
    {
        return ns;
    }
    if ex.rfc == 6120 && (section2 == "9.2" || matches!(speaker, "P" | "S1" | "S2")) {
        ContentNamespace::Server
    } else {
        ContentNamespace::Client
    }
}

fn walk(all: &[Example]) -> Vec<Seen> {
    let mut seen = Vec::new();
    // (rfc, two-level section, speaker) -> (header text, example number)
    let mut streams: BTreeMap<(u32, String, String), (String, u32)> = BTreeMap::new();
    for ex in all {
        let section2 = ex.section.split('.').take(2).collect::<Vec<_>>().join(".");
        let mut headers_here: BTreeMap<String, String> = BTreeMap::new();
        let mut number = 0;
        for turn in turns(&ex.text) {
            for unit in split(&turn) {
                number += 1;
                let speaker = unit.speaker.clone().unwrap_or_default();
                let ns = content_ns(ex, &section2, &speaker, headers_here.get(&speaker));
                let bad_input = ERROR_EXAMPLES
                    .iter()
                    .find(|r| (r.rfc, r.example, r.input) == (ex.rfc, ex.n, number))
                    .map(|r| r.check)
                    .filter(|check| !matches!(check, Check::NotHere(_)));
                let mut seen_unit = Seen {
                    rfc: ex.rfc,
                    example: ex.n,
                    place: format!("§{} {}", ex.section, ex.title),
                    unit: number,
                    kind: unit.kind,
                    text: unit.text.clone(),
                    outcome: Ok(""),
                    element: None,
                    answer: None,
                };
                if let Some(check) = bad_input {
                    seen_unit.answer = Some(answer(check, &unit, ns));
                    seen_unit.outcome = Ok("bad input");
                    seen.push(seen_unit);
                    continue;
                }
                seen_unit.outcome = match unit.kind {
                    Kind::Text => Err(format!("not XML: {}", unit.text)),
                    Kind::Header => {
                        headers_here.insert(speaker.clone(), unit.text.clone());
                        streams.insert((ex.rfc, section2.clone(), speaker.clone()), (unit.text.clone(), ex.n));
                        check_header(&unit.text)
                    }
                    Kind::Close => {
                        let (context, name) = match streams.get(&(ex.rfc, section2.clone(), speaker.clone())) {
                            Some((text, n)) => (text.clone(), format!("the header of Example {n}")),
                            None => (
                                format!("<stream:stream xmlns='{}' xmlns:stream='{STREAMS_NS}'>", ns.as_str()),
                                "<stream:stream>".to_owned(),
                            ),
                        };
                        check_close(&context, &name, &unit.text)
                    }
                    Kind::Element => parse_element(ns, &unit.text).and_then(|e| {
                        let outcome = check_element(&e);
                        seen_unit.element = Some(e);
                        outcome
                    }),
                };
                if unit.declaration {
                    seen_unit.outcome = seen_unit.outcome.map(|_| "document");
                }
                seen.push(seen_unit);
            }
        }
    }
    seen
}

fn at(seen: &[Seen], rfc: u32, example: u32, unit: usize) -> &Seen {
    seen.iter()
        .find(|s| (s.rfc, s.example, s.unit) == (rfc, example, unit))
        .unwrap_or_else(|| panic!("RFC {rfc} Example {example} has no unit {unit}"))
}

#[test]
fn every_rfc_example() {
    let all: Vec<Example> = examples(6120, RFC6120).into_iter().chain(examples(6121, RFC6121)).collect();
    let seen = walk(&all);
    let failing_rows: Vec<(&Listed, &str)> = NOT_EXAMPLES
        .iter()
        .map(|l| (l, "NOT_EXAMPLES"))
        .chain(KNOWN_LIBRARY_GAPS.iter().filter(|l| !l.error.starts_with("answer:")).map(|l| (l, "KNOWN_LIBRARY_GAPS")))
        .collect();
    let malformed_fails: Vec<(u32, u32, usize, &str)> = MALFORMED_IN_RFC
        .iter()
        .filter_map(|f| match f.flaw {
            Flaw::Fails(error) => Some((f.rfc, f.example, f.unit, error)),
            _ => None,
        })
        .collect();

    // Every failing unit is listed once, with the error it gives.
    let mut problems = Vec::new();
    for s in &seen {
        let mut rows: Vec<(&str, &str)> = failing_rows
            .iter()
            .filter(|(l, _)| (l.rfc, l.example) == (s.rfc, s.example) && (l.unit == s.unit || l.unit == 0))
            .map(|(l, list)| (l.error, *list))
            .collect();
        rows.extend(
            malformed_fails
                .iter()
                .filter(|m| (m.0, m.1, m.2) == (s.rfc, s.example, s.unit))
                .map(|m| (m.3, "MALFORMED_IN_RFC")),
        );
        let here = format!("RFC {} Example {} ({}) unit {} ({:?})", s.rfc, s.example, s.place, s.unit, s.kind);
        match (&s.outcome, rows.as_slice()) {
            (Ok(_), []) => {}
            (Err(e), []) => problems.push(format!("{here} fails and is not listed: {e}\n{}", s.text)),
            (Ok(_), [(_, list)]) => problems.push(format!("{here} passes but is listed in {list}")),
            (Err(e), [(error, list)]) if !e.starts_with(error) => {
                problems.push(format!("{here} listed in {list} as {error:?} fails differently: {e}"))
            }
            (Err(_), [_]) => {}
            (_, rows) => problems.push(format!("{here} is listed {} times", rows.len())),
        }
    }
    // Every row names a unit that exists; a whole-example row, an example
    // of which no unit passes.
    for (l, list) in &failing_rows {
        let units: Vec<&Seen> = seen.iter().filter(|s| (s.rfc, s.example) == (l.rfc, l.example)).collect();
        let exists = if l.unit == 0 { !units.is_empty() } else { units.iter().any(|s| s.unit == l.unit) };
        if !exists {
            problems.push(format!("{list}: RFC {} Example {} unit {} does not exist", l.rfc, l.example, l.unit));
        }
        if l.unit == 0 && units.iter().any(|s| s.outcome.is_ok()) {
            problems.push(format!("{list}: RFC {} Example {}: a unit passes", l.rfc, l.example));
        }
    }

    // Wrapped base64 passes without its line breaks.
    for l in NOT_EXAMPLES.iter().filter(|l| l.why.starts_with("wrapped")) {
        let s = at(&seen, l.rfc, l.example, l.unit);
        let e = parse_element(ContentNamespace::Client, &s.text).expect("well-formed");
        if let Err(error) = check_element(&unwrapped(&e)) {
            problems.push(format!("RFC {} Example {} unwrapped: {error}", l.rfc, l.example));
        }
    }

    // The flaws of MALFORMED_IN_RFC that do not make a unit fail are there.
    for f in MALFORMED_IN_RFC {
        let s = at(&seen, f.rfc, f.example, f.unit);
        let e = s.element.as_ref();
        let holds = match f.flaw {
            Flaw::Fails(_) => continue,
            Flaw::ErrorWithoutType => e.is_some_and(|e| {
                s.outcome.is_ok()
                    && e.attr("type").is_none_or(|t| t != "error")
                    && e.has_child("error", e.ns())
                    && Stanza::parse(e).is_ok_and(|stanza| stanza.error().is_none())
            }),
            Flaw::Attr(name, value) => e.is_some_and(|e| e.attr(name) == Some(value)),
            Flaw::Text(text) => e.is_some_and(|e| {
                fn texts(e: &Element, out: &mut String) {
                    out.push_str(&e.text());
                    e.children().for_each(|c| texts(c, out));
                }
                let mut all = String::new();
                texts(e, &mut all);
                all.contains(text)
            }),
        };
        if !holds {
            problems.push(format!(
                "MALFORMED_IN_RFC: RFC {} Example {} unit {}: {:?} does not hold",
                f.rfc, f.example, f.unit, f.flaw
            ));
        }
    }

    // Error examples: the error each shows is the table's, every example
    // that shows one is in the table, and our answers are the RFC's or
    // listed gaps.
    let templates: BTreeSet<(u32, u32)> =
        NOT_EXAMPLES.iter().filter(|l| l.why.starts_with("template")).map(|l| (l.rfc, l.example)).collect();
    let mut showing: BTreeMap<(u32, u32), Vec<(usize, String)>> = BTreeMap::new();
    for s in &seen {
        if let Some(shown) = s.element.as_ref().and_then(shown_error)
            && !templates.contains(&(s.rfc, s.example))
        {
            showing.entry((s.rfc, s.example)).or_default().push((s.unit, shown));
        }
    }
    let mut table = BTreeSet::new();
    for row in ERROR_EXAMPLES {
        let here = format!("ERROR_EXAMPLES: RFC {} Example {}", row.rfc, row.example);
        if !table.insert((row.rfc, row.example)) {
            problems.push(format!("{here} is in the table twice"));
        }
        match (row.shown, showing.get(&(row.rfc, row.example))) {
            (true, Some(replies)) => match replies.iter().find(|(unit, _)| *unit > row.input) {
                Some((_, shown)) if shown == row.reply => {}
                other => problems.push(format!("{here}: shows {other:?} after unit {}, not {}", row.input, row.reply)),
            },
            (true, None) => problems.push(format!("{here} shows no error")),
            (false, Some(replies)) => problems.push(format!("{here} shows {replies:?}")),
            (false, None) => {}
        }
        if matches!(row.check, Check::NotHere(_)) {
            continue;
        }
        let s = at(&seen, row.rfc, row.example, row.input);
        let ours = s.answer.as_deref().expect("answered");
        let gap = KNOWN_LIBRARY_GAPS.iter().find(|l| (l.rfc, l.example, l.unit) == (row.rfc, row.example, row.input));
        match gap.and_then(|l| l.error.strip_prefix("answer: ")) {
            None if ours == row.reply => {}
            None => problems.push(format!("{here}: our answer is {ours}, the RFC's {}", row.reply)),
            Some(listed) if ours.starts_with(listed) && ours != row.reply => {}
            Some(listed) => problems.push(format!("{here}: our answer is {ours}, listed as {listed:?}")),
        }
    }
    for (key, replies) in &showing {
        if !table.contains(key) {
            problems.push(format!("RFC {} Example {} shows {replies:?} and is not in ERROR_EXAMPLES", key.0, key.1));
        }
    }
    for l in KNOWN_LIBRARY_GAPS.iter().filter(|l| l.error.starts_with("answer:")) {
        let row = ERROR_EXAMPLES.iter().find(|r| (r.rfc, r.example, r.input) == (l.rfc, l.example, l.unit));
        if row.is_none_or(|r| matches!(r.check, Check::NotHere(_))) {
            problems.push(format!(
                "KNOWN_LIBRARY_GAPS: RFC {} Example {} unit {} is not a judged bad input",
                l.rfc, l.example, l.unit
            ));
        }
    }

    summary(&all, &seen);
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// Prints the counts, and every listed unit with the error it gives.
fn summary(all: &[Example], seen: &[Seen]) {
    for rfc in [6120, 6121] {
        let examples: Vec<&Example> = all.iter().filter(|e| e.rfc == rfc).collect();
        let units: Vec<&Seen> = seen.iter().filter(|s| s.rfc == rfc).collect();
        let tested: BTreeSet<u32> =
            units.iter().filter(|s| s.kind != Kind::Text && s.outcome.is_ok()).map(|s| s.example).collect();
        let mut by_class: BTreeMap<&str, usize> = BTreeMap::new();
        for s in &units {
            if let Ok(class) = s.outcome {
                *by_class.entry(class).or_default() += 1;
            }
        }
        let mut by_reason: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
        for l in NOT_EXAMPLES.iter().filter(|l| l.rfc == rfc) {
            by_reason.entry(l.why.split(':').next().unwrap().to_owned()).or_default().insert(l.example);
        }
        by_reason.insert(
            "malformed in the RFC".into(),
            MALFORMED_IN_RFC.iter().filter(|f| f.rfc == rfc).map(|f| f.example).collect(),
        );
        by_reason.insert(
            "known library gaps".into(),
            KNOWN_LIBRARY_GAPS.iter().filter(|l| l.rfc == rfc).map(|l| l.example).collect(),
        );
        println!(
            "RFC {rfc}: {} artworks, {} with XML tested ({} units passing: {by_class:?}), {} without",
            examples.len(),
            tested.len(),
            units.iter().filter(|s| s.outcome.is_ok()).count(),
            examples.len() - tested.len(),
        );
        for (reason, examples) in by_reason {
            println!("  {reason}: {} examples {examples:?}", examples.len());
        }
    }
    for (list, rows) in [("NOT_EXAMPLES", NOT_EXAMPLES), ("KNOWN_LIBRARY_GAPS", KNOWN_LIBRARY_GAPS)] {
        println!("{list}:");
        for l in rows {
            let error = seen
                .iter()
                .find(|s| (s.rfc, s.example) == (l.rfc, l.example) && (s.unit == l.unit || l.unit == 0))
                .map(|s| {
                    s.answer
                        .clone()
                        .map_or_else(|| s.outcome.clone().err().unwrap_or_default(), |a| format!("answer: {a}"))
                });
            println!(
                "  RFC {} Example {} unit {}: {}\n    {}",
                l.rfc,
                l.example,
                l.unit,
                error.unwrap_or_default(),
                l.why
            );
        }
    }
    println!("MALFORMED_IN_RFC:");
    for f in MALFORMED_IN_RFC {
        let s = at(seen, f.rfc, f.example, f.unit);
        println!(
            "  RFC {} Example {} unit {}: {:?} ({:?})\n    {}",
            f.rfc, f.example, f.unit, f.flaw, s.outcome, f.why
        );
    }
    println!("ERROR_EXAMPLES:");
    for r in ERROR_EXAMPLES {
        let ours = match r.check {
            Check::NotHere(why) => format!("not judged here: {why}"),
            _ => at(seen, r.rfc, r.example, r.input).answer.clone().unwrap_or_default(),
        };
        println!("  RFC {} Example {} input unit {}: RFC {} / ours {ours}", r.rfc, r.example, r.input, r.reply);
    }
}

/// Our reply to a bad stanza of [`ERROR_EXAMPLES`] judged here: the error
/// stanza built by the library's own reply builders.
fn our_reply(check: Check, input: &Element) -> Option<Element> {
    let reply = match Stanza::parse(input) {
        Err(e) => return Stanza::error_reply_to(input, StanzaError::new(e.stanza_condition())),
        Ok(stanza) if !stanza.malformed().is_empty() => {
            stanza.error_reply(StanzaError::new(stanza.malformed()[0].stanza_condition()))
        }
        Ok(Stanza::Iq(iq)) if check == Check::RosterSet => {
            iq.payload::<RosterQuery>()?.ok()?.check_set().and_then(|error| iq.reply_error(error)).map(Stanza::Iq)
        }
        Ok(_) => None,
    };
    reply.map(|r| r.to_element())
}

/// Replies whose RFC text differs from ours, and why.
const OTHER_REPLIES: &[(u32, u32, &str)] = &[(
    6120,
    117,
    "the RFC's reply comes from the malformed address itself, which RFC 6120 §8.3.1 rule 2 forbids (see \
     MALFORMED_IN_RFC), and names the room's service in 'by': a MUC service's knowledge, not a reply builder's",
)];

/// `reply` without what RFC 6120 lets a replying entity add or leave out
/// (§8.3.1: the original payload MAY be echoed; §8.3.2: `<text/>` is
/// OPTIONAL), where `rfc` has none of it.
fn without_optional_parts(reply: &Element, rfc: &Element) -> Element {
    let echoed = rfc.children().any(|c| c.name() != "error");
    let texts = rfc.children().any(|c| c.name() == "error" && c.children().any(|t| t.name() == "text"));
    let mut out = Element::new(reply.name().to_owned(), reply.ns().to_owned());
    for attr in reply.attrs() {
        out.set_attribute(attr.clone());
    }
    for child in reply.children() {
        if child.name() != "error" {
            if echoed {
                out.push_child(child.clone());
            }
            continue;
        }
        let mut error = Element::new(child.name().to_owned(), child.ns().to_owned());
        for attr in child.attrs() {
            error.set_attribute(attr.clone());
        }
        for part in child.children().filter(|c| texts || c.name() != "text") {
            error.push_child(part.clone());
        }
        out.push_child(error);
    }
    out
}

/// Not only the condition: for every stanza error example judged here, the
/// whole reply the library builds (`Stanza::error_reply_to` for a stanza
/// that cannot be read, `Stanza::error_reply` for one read with a malformed
/// part, `Iq::reply_error` for a refused roster set) is the RFC's reply,
/// element for element (whitespace between elements aside).
#[test]
fn our_stanza_error_replies_are_the_rfcs() {
    let all: Vec<Example> = examples(6120, RFC6120).into_iter().chain(examples(6121, RFC6121)).collect();
    let seen = walk(&all);
    let mut problems = Vec::new();
    let mut compared = 0;
    for row in ERROR_EXAMPLES
        .iter()
        .filter(|r| matches!(r.check, Check::Stanza | Check::RosterSet) && r.shown && r.reply.starts_with("stanza:"))
    {
        let here = format!("RFC {} Example {}", row.rfc, row.example);
        let input = at(&seen, row.rfc, row.example, row.input);
        let input = parse_element(ContentNamespace::Client, &input.text).expect("a bad stanza is XML");
        let rfc = seen
            .iter()
            .filter(|s| (s.rfc, s.example) == (row.rfc, row.example) && s.unit > row.input)
            .find_map(|s| s.element.as_ref().filter(|e| e.attr("type") == Some("error")))
            .unwrap_or_else(|| panic!("{here}: the reply"));
        let ours = our_reply(row.check, &input).map(|e| strip(&without_optional_parts(&e, rfc)));
        let listed = OTHER_REPLIES.iter().find(|(r, e, _)| (*r, *e) == (row.rfc, row.example));
        match (ours.as_ref() == Some(&strip(rfc)), listed) {
            (true, None) => compared += 1,
            (true, Some(_)) => problems.push(format!("{here}: listed in OTHER_REPLIES but ours is the RFC's")),
            (false, Some(_)) => {}
            (false, None) => problems.push(format!(
                "{here}: ours {}\n   the RFC's {}",
                ours.map_or("none".into(), |e| e.to_string()),
                strip(rfc)
            )),
        }
    }
    println!("{compared} stanza error replies are the RFC's, element for element");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
