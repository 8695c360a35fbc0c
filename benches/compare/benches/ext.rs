//! Typed parsing of MUC (XEP-0045) and pubsub (XEP-0060) traffic: `jabber-stanza` + `jabber-ext`
//! against `xmpp-parsers` 0.23, on the stanzas of `data/*.xml` (shapes of the XEP examples, as
//! servers send them: no whitespace between elements, the namespace inherited from the stream).
//!
//! | case | stanzas | jabber / xmpp-parsers payload |
//! | --- | --- | --- |
//! | `muc-join` | 5 occupant presences (caps, vcard passed through), ours 100 110 170 210 | `MucUser` / `MucUser` |
//! | `muc-history` | 4 groupchat history messages: delay, stanza-id, once addresses | `Delay` / `Delay` |
//! | `muc-kick` | 3 unavailable presences of a kick: actor, reason, 110, 307 | `MucUser` / `MucUser` |
//! | `muc-admin-list` | a member list result of 8 items | `AdminList` / none (1) |
//! | `muc-owner-config` | a new room's configuration form (XEP-0045 Example 157) | `ConfigForm` / `DataForm` (2) |
//! | `pubsub-publish` | 2 publish sets of an Atom entry, one with publish-options | `PublishRequest` / `PubSub` |
//! | `pubsub-items` | an items result of 4 Atom entries | `ItemsResult` / `PubSub` |
//! | `pubsub-event-items` | 4 notifications of an Atom entry, one per subscriber | `event::Event` / `Event` |
//! | `pubsub-event-retract` | 2 retraction notifications | `event::Event` / `Event` |
//! | `pubsub-subscribe` | 2 subscription results: subscribed; unconfigured, options | `SubscriptionResult` / `PubSub` |
//!
//! xmpp-parsers has no `muc#admin` nor `muc#owner` model: (1) its side reads the iq only, the
//! query stays an element (the ratio favours xmpp-parsers); (2) its side reads the iq, checks the query by
//! hand and reads the form inside as a `data_forms::DataForm` (jabber's `ConfigForm` is that form).
//!
//! Each case is measured two ways, in one criterion group `ext/<case>`:
//! - `jabber/typed`, `xmpp-rs/typed`: from already-parsed trees (each library's own, built in
//!   setup from the same bytes) to typed models: `Stanza::parse(&tree)` then `payload::<T>()`,
//!   against `Message`/`Presence`/`Iq::try_from(tree)` then the payload's `try_from`. xmpp-parsers
//!   consumes its tree, so its side gets a fresh clone per iteration, made outside the timing
//!   (`iter_batched`); jabber borrows its tree. Both sides' models are dropped in the timing: kept
//!   alive across iterations (`iter_with_large_drop`), the configuration forms made jabber's mean
//!   4x its median in one run (fresh pages, not parsing).
//! - `jabber/bytes`, `xmpp-rs/bytes`: end to end from a stream's bytes (the case's stanzas
//!   repeated to at least 16 KiB, so the header and parser setup weigh little): `StreamParser` +
//!   `Stanza::try_from` + `payload::<T>()`, against rxml + minidom's `TreeBuilder` (as
//!   `stanza.rs`) + the same xmpp-parsers calls; everything, drops included, is timed.
//!
//! The setup asserts that every stanza of every case parses in both libraries (jabber: nothing
//! malformed in the stanza, nothing malformed or left unknown in the payload model), so both sides
//! do the same work. It also checks `data/muc-affiliation.xml`, two stanzas valid per XEP-0045
//! (Examples 189 and 190: a muc#user item with a bare JID) that xmpp-parsers refuses (its item
//! `jid` is a `FullJid`): jabber must read them, xmpp-parsers must still refuse them (else measure
//! them); they are not measured. `scripts/bench-ratios` prints `xmpp-rs / jabber` per case.
//!
//! Wall-clock time on a small shared machine is noisy; instruction counts are not. With
//! `EXT_BENCH_ONCE=<case>/<jabber|xmpp-rs>/<typed|bytes>` (`list` prints them) the binary runs
//! `EXT_BENCH_N` (default 1000) iterations of one case in `measured` and exits (the clones the
//! xmpp-rs `typed` side consumes are made before, outside `measured`):
//!
//! ```text
//! cargo bench --bench ext --no-run
//! EXT_BENCH_ONCE=muc-join/jabber/typed valgrind --tool=callgrind --toggle-collect='ext::measured*' \
//!     --callgrind-out-file=/tmp/cg.out target/release/deps/ext-<hash>
//! callgrind_annotate --inclusive=yes /tmp/cg.out
//! ```

use std::fmt::Debug;
use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group};
use jabber_ext::{delay, muc, pubsub};
use jabber_stanza::{Payload, Stanza};
use jabber_stream::{Element, StreamEvent, StreamParser};
use xmpp_parsers::minidom;

#[path = "../../corpus/mod.rs"]
mod corpus;
#[path = "support/xmpp_rs.rs"]
mod xmpp_rs;

// ----- the data -----

/// A data file's stanzas as a server sends them: whole-line `<!-- -->` comments dropped, every
/// line trimmed, the lines joined (text never spans lines in `data/`).
fn compact(data: &str) -> String {
    let mut out = String::new();
    let mut comment = false;
    for line in data.lines().map(str::trim) {
        if line.starts_with("<!--") {
            comment = true;
        }
        if !comment {
            out.push_str(line);
        }
        if comment && line.ends_with("-->") {
            comment = false;
        }
    }
    out
}

/// How long the streams of the `bytes` measurements are at least: a case's stanzas are repeated
/// so that the stream header and the parsers' setup weigh little, as on a long-lived stream.
const STREAM_BYTES: usize = 16 * 1024;

/// The stanzas in a client stream, header to close, repeated to at least `min` bytes.
fn stream(data: &str, min: usize) -> String {
    let stanzas = compact(data);
    format!("{}{}</stream:stream>", corpus::HEADER, stanzas.repeat(min.div_ceil(stanzas.len()).max(1)))
}

fn jabber_trees(stream: &str) -> Vec<Element> {
    let mut parser = StreamParser::new();
    parser.feed(stream.as_bytes());
    let mut trees = Vec::new();
    while let Some(event) = parser.next_event().expect("the data is a valid stream") {
        if let StreamEvent::Element(e) = event {
            trees.push(e);
        }
    }
    trees
}

fn xmpp_trees(stream: &str) -> Vec<minidom::Element> {
    let mut trees = Vec::new();
    xmpp_rs::elements(stream.as_bytes(), stream.len(), |e| trees.push(e));
    trees
}

// ----- jabber -----

/// The stanza and its payload `P`, typed.
fn jabber_one<P: Payload>(stanza: Stanza) -> (Stanza, P) {
    let payload = match &stanza {
        Stanza::Message(m) => m.payload::<P>(),
        Stanza::Presence(p) => p.payload::<P>(),
        Stanza::Iq(iq) => iq.payload::<P>(),
    };
    (stanza, payload.expect("the stanza has the payload").expect("the payload parses"))
}

/// Every tree to typed models, dropped; returns the number of stanzas.
fn jabber_typed<P: Payload>(trees: &[Element]) -> usize {
    let out: Vec<(Stanza, P)> = trees.iter().map(|e| jabber_one::<P>(Stanza::parse(e).expect("a stanza"))).collect();
    black_box(&out);
    out.len()
}

fn jabber_bytes<P: Payload>(input: &[u8]) -> usize {
    let mut parser = StreamParser::new();
    parser.feed(input);
    let mut stanzas = 0;
    while let Some(event) = parser.next_event().unwrap() {
        if let StreamEvent::Element(e) = event {
            black_box(jabber_one::<P>(Stanza::try_from(e).expect("a stanza")));
            stanzas += 1;
        }
    }
    stanzas
}

// ----- xmpp-parsers -----

type XResult<T> = Result<T, String>;

/// Moves the payload `name`/`ns` out of a message's or presence's payloads and reads it as `T`.
fn x_payload<T>(payloads: &mut Vec<minidom::Element>, name: &str, ns: &str) -> XResult<T>
where
    T: TryFrom<minidom::Element>,
    T::Error: Debug,
{
    let i = payloads.iter().position(|p| p.is(name, ns)).ok_or_else(|| format!("no <{name} xmlns='{ns}'/>"))?;
    T::try_from(payloads.remove(i)).map_err(|e| format!("{e:?}"))
}

fn x_message<T>(e: minidom::Element, name: &str, ns: &str) -> XResult<(xmpp_parsers::message::Message, T)>
where
    T: TryFrom<minidom::Element>,
    T::Error: Debug,
{
    let mut m = xmpp_parsers::message::Message::try_from(e).map_err(|e| format!("message: {e:?}"))?;
    let payload = x_payload(&mut m.payloads, name, ns)?;
    Ok((m, payload))
}

fn x_presence<T>(e: minidom::Element, name: &str, ns: &str) -> XResult<(xmpp_parsers::presence::Presence, T)>
where
    T: TryFrom<minidom::Element>,
    T::Error: Debug,
{
    let mut p = xmpp_parsers::presence::Presence::try_from(e).map_err(|e| format!("presence: {e:?}"))?;
    let payload = x_payload(&mut p.payloads, name, ns)?;
    Ok((p, payload))
}

/// An iq's addresses and id, and its payload moved out.
type IqHead = (Option<xmpp_parsers::jid::Jid>, Option<xmpp_parsers::jid::Jid>, String);

fn x_iq(e: minidom::Element) -> XResult<(IqHead, minidom::Element)> {
    use xmpp_parsers::iq::Iq;
    match Iq::try_from(e).map_err(|e| format!("iq: {e:?}"))? {
        Iq::Get { from, to, id, payload }
        | Iq::Set { from, to, id, payload }
        | Iq::Result { from, to, id, payload: Some(payload) } => Ok(((from, to, id), payload)),
        _ => Err("an iq without payload".into()),
    }
}

fn x_iq_payload<T>(e: minidom::Element) -> XResult<(IqHead, T)>
where
    T: TryFrom<minidom::Element>,
    T::Error: Debug,
{
    let (head, payload) = x_iq(e)?;
    Ok((head, T::try_from(payload).map_err(|e| format!("{e:?}"))?))
}

/// xmpp-parsers has no `muc#admin` model: the iq, its payload left an element.
fn x_iq_only(e: minidom::Element) -> XResult<(IqHead, minidom::Element)> {
    x_iq(e)
}

/// xmpp-parsers has no `muc#owner` model: the iq, the query checked by hand, its form typed.
fn x_owner_form(e: minidom::Element) -> XResult<(IqHead, xmpp_parsers::data_forms::DataForm)> {
    let (head, mut query) = x_iq(e)?;
    if !query.is("query", "http://jabber.org/protocol/muc#owner") {
        return Err("not a muc#owner query".into());
    }
    let form = query.remove_child("x", xmpp_parsers::ns::DATA_FORMS).ok_or("no form")?;
    let form = xmpp_parsers::data_forms::DataForm::try_from(form).map_err(|e| format!("{e:?}"))?;
    Ok((head, form))
}

// ----- the cases -----

/// Asserts that jabber reads the stanza `tree` and its payload `P` whole.
fn jabber_reads_all<P: Payload + Debug>(name: &str, i: usize, tree: &Element) {
    let stanza = Stanza::parse(tree).unwrap_or_else(|e| panic!("{name} #{i}: jabber refuses the stanza: {e}"));
    assert!(stanza.malformed().is_empty(), "{name} #{i}: jabber: {:?}", stanza.malformed());
    let (_, payload) = jabber_one::<P>(stanza);
    // Every model keeps what it does not hold in `unknown` and reports what it could not read
    // in `malformed`, nested ones too: all empty, the model read everything.
    let debug = format!("{payload:?}");
    let all_empty = |field: &str, empty: &str| debug.matches(field).count() == debug.matches(empty).count();
    assert!(
        all_empty("malformed: [", "malformed: []")
            && all_empty("unknown: Unknown {", r#"unknown: Unknown { attributes: [], children: [], text: "" }"#),
        "{name} #{i}: jabber did not read everything: {debug}"
    );
}

/// Stanzas valid per the XEP that xmpp-parsers refuses (`data/muc-affiliation.xml`: a muc#user
/// item with a bare JID, XEP-0045 Examples 189 and 190): checked, reported, not measured.
fn refused() {
    use xmpp_parsers::muc::user::MucUser as XMucUser;
    let name = "muc-affiliation";
    let stream = stream(include_str!("../data/muc-affiliation.xml"), 0);
    let (jabber_trees, xmpp_trees) = (jabber_trees(&stream), xmpp_trees(&stream));
    assert_eq!(jabber_trees.len(), 2);
    for (i, (j, x)) in jabber_trees.iter().zip(xmpp_trees).enumerate() {
        jabber_reads_all::<muc::MucUser>(name, i, j);
        let refusal = match x.name() {
            "presence" => x_presence::<XMucUser>(x, "x", xmpp_parsers::ns::MUC_USER).err(),
            _ => x_message::<XMucUser>(x, "x", xmpp_parsers::ns::MUC_USER).err(),
        };
        let refusal = refusal.unwrap_or_else(|| panic!("{name} #{i}: xmpp-parsers reads it now: measure it"));
        eprintln!("{name} #{i} (valid per XEP-0045, not measured): xmpp-parsers refuses it: {refusal}");
    }
}

struct Case {
    name: &'static str,
    /// The stream of the `bytes` measurements: the stanzas, repeated to [`STREAM_BYTES`].
    stream: String,
    /// How many stanzas it has.
    stream_stanzas: usize,
    jabber_trees: Vec<Element>,
    xmpp_trees: Vec<minidom::Element>,
    jabber_typed: JabberTyped,
    xmpp_typed: XmppTyped,
    jabber_bytes: Bytes,
    xmpp_bytes: Bytes,
}

/// Every tree to typed models, dropped; returns the number of stanzas.
type JabberTyped = Box<dyn Fn(&[Element]) -> usize>;
/// Every tree (consumed) to typed models, dropped; returns the number of stanzas.
type XmppTyped = Box<dyn Fn(Vec<minidom::Element>) -> usize>;
/// A stream's bytes to typed models, dropped; returns the number of stanzas.
type Bytes = Box<dyn Fn(&[u8]) -> usize>;

/// A case reading payload `P` on jabber's side and `x` on xmpp-parsers', after checking that both
/// read every stanza.
fn case<P, X, F>(name: &'static str, data: &str, x: F) -> Case
where
    P: Payload + Debug + 'static,
    X: 'static,
    F: Fn(minidom::Element) -> XResult<X> + Copy + 'static,
{
    let once = stream(data, 0);
    let jabber_trees = jabber_trees(&once);
    let xmpp_trees = xmpp_trees(&once);
    assert!(!jabber_trees.is_empty());
    assert_eq!(jabber_trees.len(), xmpp_trees.len(), "{name}: the libraries see different stanzas");
    for (i, (j, x_tree)) in jabber_trees.iter().zip(&xmpp_trees).enumerate() {
        jabber_reads_all::<P>(name, i, j);
        if let Err(e) = x(x_tree.clone()) {
            panic!("{name} #{i}: xmpp-parsers refuses the stanza: {e}");
        }
    }
    let xmpp_bytes = move |input: &[u8]| {
        xmpp_rs::elements(input, input.len(), |e| drop(black_box(x(e).expect("xmpp-parsers reads it"))))
    };
    let stream = stream(data, STREAM_BYTES);
    let stream_stanzas = jabber_bytes::<P>(stream.as_bytes());
    assert_eq!(stream_stanzas % jabber_trees.len(), 0);
    assert_eq!(xmpp_bytes(stream.as_bytes()), stream_stanzas);
    Case {
        name,
        stream,
        stream_stanzas,
        jabber_trees,
        xmpp_trees,
        jabber_typed: Box::new(jabber_typed::<P>),
        xmpp_typed: Box::new(move |trees: Vec<minidom::Element>| {
            let out: Vec<X> = trees.into_iter().map(|e| x(e).expect("xmpp-parsers reads it")).collect();
            black_box(&out);
            out.len()
        }),
        jabber_bytes: Box::new(jabber_bytes::<P>),
        xmpp_bytes: Box::new(xmpp_bytes),
    }
}

fn cases() -> Vec<Case> {
    refused();
    use xmpp_parsers::muc::user::MucUser as XMucUser;
    use xmpp_parsers::ns;
    use xmpp_parsers::pubsub::{Event as XEvent, PubSub as XPubSub};
    vec![
        case::<muc::MucUser, _, _>("muc-join", include_str!("../data/muc-join.xml"), |e| {
            x_presence::<XMucUser>(e, "x", ns::MUC_USER)
        }),
        case::<delay::Delay, _, _>("muc-history", include_str!("../data/muc-history.xml"), |e| {
            x_message::<xmpp_parsers::delay::Delay>(e, "delay", ns::DELAY)
        }),
        case::<muc::MucUser, _, _>("muc-kick", include_str!("../data/muc-kick.xml"), |e| {
            x_presence::<XMucUser>(e, "x", ns::MUC_USER)
        }),
        case::<muc::AdminList, _, _>("muc-admin-list", include_str!("../data/muc-admin-list.xml"), x_iq_only),
        case::<muc::ConfigForm, _, _>("muc-owner-config", include_str!("../data/muc-owner-config.xml"), x_owner_form),
        case::<pubsub::PublishRequest, _, _>(
            "pubsub-publish",
            include_str!("../data/pubsub-publish.xml"),
            x_iq_payload::<XPubSub>,
        ),
        case::<pubsub::ItemsResult, _, _>(
            "pubsub-items",
            include_str!("../data/pubsub-items.xml"),
            x_iq_payload::<XPubSub>,
        ),
        case::<pubsub::event::Event, _, _>("pubsub-event-items", include_str!("../data/pubsub-event-items.xml"), |e| {
            x_message::<XEvent>(e, "event", ns::PUBSUB_EVENT)
        }),
        case::<pubsub::event::Event, _, _>(
            "pubsub-event-retract",
            include_str!("../data/pubsub-event-retract.xml"),
            |e| x_message::<XEvent>(e, "event", ns::PUBSUB_EVENT),
        ),
        case::<pubsub::SubscriptionResult, _, _>(
            "pubsub-subscribe",
            include_str!("../data/pubsub-subscribe.xml"),
            x_iq_payload::<XPubSub>,
        ),
    ]
}

fn bench(c: &mut Criterion) {
    for case in cases() {
        let mut g = c.benchmark_group(format!("ext/{}", case.name));
        g.throughput(Throughput::Elements(case.jabber_trees.len() as u64));
        g.bench_function("jabber/typed", |b| b.iter(|| (case.jabber_typed)(black_box(&case.jabber_trees))));
        g.bench_function("xmpp-rs/typed", |b| {
            b.iter_batched(|| case.xmpp_trees.clone(), |trees| (case.xmpp_typed)(trees), BatchSize::SmallInput)
        });
        let input = case.stream.as_bytes();
        g.throughput(Throughput::Elements(case.stream_stanzas as u64));
        g.bench_function("jabber/bytes", |b| b.iter(|| (case.jabber_bytes)(black_box(input))));
        g.bench_function("xmpp-rs/bytes", |b| b.iter(|| (case.xmpp_bytes)(black_box(input))));
        g.finish();
    }
}

/// One run per input, in a function callgrind can collect alone.
#[inline(never)]
fn measured<I>(inputs: Vec<I>, run: &dyn Fn(I) -> usize) -> usize {
    inputs.into_iter().map(run).sum()
}

/// `n` iterations of `<case>/<side>/<how>`; `false` if there is no such case.
fn once(cases: &[Case], name: &str, n: usize) -> bool {
    let Some((case, side, how)) = cases.iter().find_map(|case| {
        let rest = name.strip_prefix(case.name)?.strip_prefix('/')?;
        let (side, how) = rest.split_once('/')?;
        Some((case, side, how))
    }) else {
        return false;
    };
    let input = case.stream.as_bytes();
    let per_run = if how == "bytes" { case.stream_stanzas } else { case.jabber_trees.len() };
    let stanzas = match (side, how) {
        ("jabber", "typed") => measured(vec![(); n], &|()| (case.jabber_typed)(black_box(&case.jabber_trees))),
        ("xmpp-rs", "typed") => {
            let inputs: Vec<_> = (0..n).map(|_| case.xmpp_trees.clone()).collect();
            measured(inputs, &|trees| (case.xmpp_typed)(trees))
        }
        ("jabber", "bytes") => measured(vec![(); n], &|()| (case.jabber_bytes)(black_box(input))),
        ("xmpp-rs", "bytes") => measured(vec![(); n], &|()| (case.xmpp_bytes)(black_box(input))),
        _ => return false,
    };
    assert_eq!(stanzas, n * per_run);
    true
}

criterion_group!(benches, bench);

fn main() {
    if let Ok(name) = std::env::var("EXT_BENCH_ONCE") {
        let n = std::env::var("EXT_BENCH_N").map_or(1000, |n| n.parse().expect("EXT_BENCH_N is a count"));
        let cases = cases();
        if !once(&cases, &name, n) {
            let names: Vec<String> = cases
                .iter()
                .flat_map(|c| {
                    ["jabber/typed", "xmpp-rs/typed", "jabber/bytes", "xmpp-rs/bytes"]
                        .map(|s| format!("{}/{s}", c.name))
                })
                .collect();
            eprintln!("EXT_BENCH_ONCE: one of {}", names.join(", "));
            std::process::exit(if name == "list" { 0 } else { 2 });
        }
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
