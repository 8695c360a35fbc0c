//! `#[derive(Payload)]` against the hand-written payloads it replaced, measured in the same run:
//! each baseline (`hand`) is the parser and serializer of commit 2eafd3c copied here verbatim on
//! the public API (`parse::items`, once crate-private, inlined; `Subscription`'s old `FromStr`
//! kept in a newtype), each `derived` one is the library's type or the PVR example's declaration.
//!
//! Groups (parsing starts from a built `Element`: the payload layer, not the XML tokenizer):
//! - `roster/parse`, `roster/serialize`: a roster result of 50 items (`benches/data/roster-result.xml`,
//!   in the style of RFC 6121 §2.1.4: names, subscriptions, `ask`, `approved`, 0 to 2 groups);
//! - `pvr/parse-record`, `pvr/parse-info`, `pvr/serialize-record`, `pvr/serialize-info`: the PVR
//!   payload of `examples/pvr_payload.rs`.
//!
//! The setup checks that both read the same values and write equal elements. The ratio that
//! judges the derive is `derived / hand` in each group (below 1: the derive is faster).
//!
//! Wall-clock time on a small machine is noisy; instruction counts are not. With
//! `DERIVE_BENCH_ONCE=<case>` (`roster-parse-hand`, `roster-parse-derived`, `roster-serialize-hand`,
//! ..., `pvr-parse-record-hand`, ..., `pvr-serialize-info-derived`; `list` prints them) the binary
//! runs `DERIVE_BENCH_N` (default 1000) iterations of one case in `repeat` and exits:
//!
//! ```text
//! cargo bench --bench derive --no-run
//! DERIVE_BENCH_ONCE=roster-parse-derived valgrind --tool=callgrind --toggle-collect='derive::repeat*' \
//!     --callgrind-out-file=/tmp/cg.out target/release/deps/derive-<hash>
//! callgrind_annotate --inclusive=yes /tmp/cg.out
//! ```

use std::hint::black_box;
use std::str::FromStr;

use criterion::{Criterion, criterion_group};
use jabber::jid::Jid;
use jabber::stanza::parse::{self, no_text, unexpected};
use jabber::stanza::{Error, Payload, RosterItem, RosterQuery, Subscription, ns};
use jabber::stream::Element;

// ----- the roster, by hand (2eafd3c:crates/stanza/src/roster.rs) -----

/// `Subscription`'s `FromStr` as it was (now it goes through the derived `Value`).
struct HandSubscription(Subscription);

impl FromStr for HandSubscription {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Ok(HandSubscription(match s {
            "none" => Subscription::None,
            "to" => Subscription::To,
            "from" => Subscription::From,
            "both" => Subscription::Both,
            "remove" => Subscription::Remove,
            _ => return Err(()),
        }))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct HandRosterItem {
    jid: Jid,
    name: Option<String>,
    subscription: Subscription,
    ask: bool,
    approved: bool,
    groups: Vec<String>,
}

impl HandRosterItem {
    fn parse(e: &Element) -> Result<Self, Error> {
        parse::no_text(e, "item")?;
        let mut groups = Vec::new();
        for child in e.children() {
            if !child.is("group", ns::ROSTER) {
                return Err(parse::unexpected("item", child));
            }
            parse::no_child_elements(child, "group")?;
            groups.push(child.text().into_owned());
        }
        let ask = match e.attr("ask") {
            None => false,
            Some("subscribe") => true,
            Some(other) => {
                return Err(Error::InvalidAttribute { element: "item", attribute: "ask", value: other.into() });
            }
        };
        Ok(HandRosterItem {
            jid: parse::required_jid(e, "item", "jid")?,
            name: e.attr("name").map(str::to_owned),
            subscription: parse::optional_parsed::<HandSubscription>(e, "item", "subscription")?
                .map(|s| s.0)
                .unwrap_or_default(),
            ask,
            approved: parse::optional_bool(e, "item", "approved")?.unwrap_or(false),
            groups,
        })
    }

    fn to_element(&self) -> Element {
        let mut e = Element::builder("item", ns::ROSTER)
            .attr("jid", self.jid.to_string())
            .attr_opt("name", self.name.clone())
            .build();
        if self.subscription != Subscription::None {
            e.set_attr("subscription", self.subscription.as_str());
        }
        if self.ask {
            e.set_attr("ask", "subscribe");
        }
        if self.approved {
            e.set_attr("approved", "true");
        }
        for group in &self.groups {
            e.push_child(Element::builder("group", ns::ROSTER).text(group).build());
        }
        e
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct HandRosterQuery {
    ver: Option<String>,
    items: Vec<HandRosterItem>,
    unknown: Vec<Element>,
    malformed: Vec<Error>,
}

impl HandRosterQuery {
    fn parse(e: &Element) -> Result<Self, Error> {
        let read = items(e, "query", "item", ns::ROSTER, HandRosterItem::parse);
        Ok(HandRosterQuery {
            ver: e.attr("ver").map(str::to_owned),
            items: read.items,
            unknown: read.unknown,
            malformed: read.malformed,
        })
    }

    fn to_element(&self) -> Element {
        Element::builder("query", ns::ROSTER)
            .attr_opt("ver", self.ver.clone())
            .children(self.items.iter().map(HandRosterItem::to_element))
            .children(self.unknown.iter().cloned())
            .build()
    }
}

/// `parse::Items` as it was (2eafd3c:crates/stanza/src/parse.rs).
struct Items<T> {
    items: Vec<T>,
    unknown: Vec<Element>,
    malformed: Vec<Error>,
}

/// `parse::items` as it was (2eafd3c:crates/stanza/src/parse.rs).
fn items<T>(
    element: &Element,
    name: &'static str,
    item: &str,
    ns: &str,
    mut read: impl FnMut(&Element) -> Result<T, Error>,
) -> Items<T> {
    let mut out = Items { items: Vec::new(), unknown: Vec::new(), malformed: Vec::new() };
    if let Err(error) = no_text(element, name) {
        out.malformed.push(error);
    }
    for child in element.children() {
        let read = if child.is(item, ns) {
            read(child).map(Some)
        } else if child.ns() == ns {
            Err(unexpected(name, child))
        } else {
            Ok(None)
        };
        match read {
            Ok(Some(value)) => out.items.push(value),
            Ok(None) => out.unknown.push(child.clone()),
            Err(error) => {
                out.malformed.push(error);
                out.unknown.push(child.clone());
            }
        }
    }
    out
}

// ----- PVR, by hand (2eafd3c:examples/pvr_payload.rs) -----

const NS: &str = "http://ralphm.net/protocols/pvr";

#[derive(Debug, Clone, PartialEq)]
enum HandPvr {
    Record { date: String, station: u32, program_id: u32 },
    Info { program_name: String, station_name: String, start: String, end: String },
}

/// The text of each named child of `e`, each required once.
fn fields<const N: usize>(e: &Element, names: [&'static str; N]) -> Result<[String; N], Error> {
    no_text(e, "pvr")?;
    let mut out = names.map(|_| None);
    for child in e.children() {
        let i = names.iter().position(|n| child.is(n, NS)).ok_or_else(|| unexpected("pvr", child))?;
        if out[i].replace(child.text().trim().to_owned()).is_some() {
            return Err(Error::DuplicateChild { element: "pvr", child: names[i] });
        }
    }
    if let Some(i) = out.iter().position(Option::is_none) {
        return Err(Error::MissingChild { element: "pvr", child: names[i] });
    }
    Ok(out.map(Option::unwrap_or_default)) // every field is present
}

impl Payload for HandPvr {
    const NAME: &'static str = "pvr";
    const NS: &'static str = NS;

    fn parse(e: &Element) -> Result<Self, Error> {
        let inner = e.children().next().ok_or(Error::MissingChild { element: "pvr", child: "record" })?;
        let number = |s: String| s.parse().map_err(|_| Error::InvalidText { element: "pvr", text: s });
        if inner.is("record", NS) {
            let [date, station, program_id] = fields(inner, ["date", "station", "program_id"])?;
            Ok(HandPvr::Record { date, station: number(station)?, program_id: number(program_id)? })
        } else if inner.is("info", NS) {
            let [program_name, station_name, start, end] =
                fields(inner, ["program_name", "station_name", "start", "end"])?;
            Ok(HandPvr::Info { program_name, station_name, start, end })
        } else {
            Err(unexpected("pvr", inner))
        }
    }

    fn to_element(&self) -> Element {
        match self {
            HandPvr::Record { date, station, program_id } => with_fields(
                "record",
                &[("date", date), ("station", &station.to_string()), ("program_id", &program_id.to_string())],
            ),
            HandPvr::Info { program_name, station_name, start, end } => with_fields(
                "info",
                &[("program_name", program_name), ("station_name", station_name), ("start", start), ("end", end)],
            ),
        }
    }
}

/// `<pvr><name><field>value</field>...</name></pvr>`.
fn with_fields(name: &'static str, fields: &[(&'static str, &str)]) -> Element {
    let children = fields.iter().map(|(n, v)| Element::builder(*n, NS).text(v).build());
    Element::builder("pvr", NS).child(Element::builder(name, NS).children(children)).build()
}

// ----- PVR, derived (examples/pvr_payload.rs) -----

#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "pvr", ns = "http://ralphm.net/protocols/pvr", set, result)]
enum Pvr {
    Record {
        #[payload(child_text)]
        date: String,
        #[payload(child_text)]
        station: u32,
        #[payload(child_text)]
        program_id: u32,
    },
    Info {
        #[payload(child_text)]
        program_name: String,
        #[payload(child_text)]
        station_name: String,
        #[payload(child_text)]
        start: String,
        #[payload(child_text)]
        end: String,
    },
}

// ----- inputs, and the check that both sides agree -----

/// The roster result, as a server sends it (no whitespace between elements).
fn roster_element() -> Element {
    let xml: String = include_str!("data/roster-result.xml").lines().map(str::trim).collect();
    xml.parse().expect("the roster data is valid")
}

const PVR_RECORD: &str = "<pvr xmlns='http://ralphm.net/protocols/pvr'><record><date>20031016</date>\
    <station>36</station><program_id>14</program_id></record></pvr>";
const PVR_INFO: &str = "<pvr xmlns='http://ralphm.net/protocols/pvr'><info><program_name>The Matrix</program_name>\
    <station_name>SBS 6</station_name><start>20031016T20:35:00</start><end>20031016T22:05:00</end></info></pvr>";

fn same_item(hand: &HandRosterItem, derived: &RosterItem) -> bool {
    let HandRosterItem { jid, name, subscription, ask, approved, groups } = hand;
    *jid == derived.jid
        && *name == derived.name
        && *subscription == derived.subscription
        && *ask == derived.ask
        && *approved == derived.approved
        && *groups == derived.groups
}

fn same_pvr(hand: &HandPvr, derived: &Pvr) -> bool {
    match (hand, derived) {
        (HandPvr::Record { date, station, program_id }, Pvr::Record { date: d, station: s, program_id: p }) => {
            date == d && station == s && program_id == p
        }
        (
            HandPvr::Info { program_name, station_name, start, end },
            Pvr::Info { program_name: n, station_name: s, start: b, end: e },
        ) => program_name == n && station_name == s && start == b && end == e,
        _ => false,
    }
}

/// Both roster parsers on the same element: the same items, nothing unknown or malformed,
/// and equal elements written back (which both read again as they were).
fn roster_agreed(e: &Element) -> (HandRosterQuery, RosterQuery) {
    let hand = HandRosterQuery::parse(e).expect("hand parses the roster");
    let derived = RosterQuery::parse(e).expect("derived parses the roster");
    assert_eq!(hand.items.len(), 50);
    assert_eq!(hand.items.len(), derived.items.len());
    assert!(hand.items.iter().zip(&derived.items).all(|(h, d)| same_item(h, d)), "the items differ");
    assert_eq!(hand.ver, derived.ver);
    assert!(hand.unknown.is_empty() && hand.malformed.is_empty());
    assert!(derived.unknown.is_empty() && derived.malformed.is_empty());
    let written = hand.to_element();
    assert_eq!(written, derived.to_element(), "the roster is written differently");
    assert_eq!(HandRosterQuery::parse(&written).unwrap(), hand);
    assert_eq!(RosterQuery::parse(&written).unwrap(), derived);
    (hand, derived)
}

fn pvr_agreed(e: &Element) -> (HandPvr, Pvr) {
    let hand = HandPvr::parse(e).expect("hand parses the PVR payload");
    let derived = Pvr::parse(e).expect("derived parses the PVR payload");
    assert!(same_pvr(&hand, &derived), "{hand:?} != {derived:?}");
    let written = hand.to_element();
    assert_eq!(written, derived.to_element(), "the PVR payload is written differently");
    assert_eq!(&written, e);
    (hand, derived)
}

// ----- the cases -----

/// One measured case: a name and one iteration of its work.
type Case = (&'static str, Box<dyn Fn()>);

/// Every case, `<group>-<hand|derived>`, after checking the inputs.
fn cases() -> Vec<Case> {
    let roster = roster_element();
    let (hand_roster, derived_roster) = roster_agreed(&roster);
    let mut cases: Vec<Case> = vec![
        ("roster-parse-hand", {
            let e = roster.clone();
            Box::new(move || drop(black_box(HandRosterQuery::parse(black_box(&e)))))
        }),
        ("roster-parse-derived", Box::new(move || drop(black_box(RosterQuery::parse(black_box(&roster)))))),
        ("roster-serialize-hand", Box::new(move || drop(black_box(black_box(&hand_roster).to_element())))),
        ("roster-serialize-derived", Box::new(move || drop(black_box(black_box(&derived_roster).to_element())))),
    ];
    let mut serialize: Vec<Case> = Vec::new();
    for (xml, names) in [
        (PVR_RECORD, ["pvr-parse-record-hand", "pvr-parse-record-derived"]),
        (PVR_INFO, ["pvr-parse-info-hand", "pvr-parse-info-derived"]),
    ] {
        let e: Element = xml.parse().expect("the PVR data is valid");
        let (hand, derived) = pvr_agreed(&e);
        let [parse_hand, parse_derived] = names;
        let (serialize_hand, serialize_derived) = match parse_hand {
            "pvr-parse-record-hand" => ("pvr-serialize-record-hand", "pvr-serialize-record-derived"),
            _ => ("pvr-serialize-info-hand", "pvr-serialize-info-derived"),
        };
        let e2 = e.clone();
        cases.push((parse_hand, Box::new(move || drop(black_box(HandPvr::parse(black_box(&e2)))))));
        cases.push((parse_derived, Box::new(move || drop(black_box(Pvr::parse(black_box(&e)))))));
        serialize.push((serialize_hand, Box::new(move || drop(black_box(black_box(&hand).to_element())))));
        serialize.push((serialize_derived, Box::new(move || drop(black_box(black_box(&derived).to_element())))));
    }
    cases.extend(serialize);
    cases
}

fn bench(c: &mut Criterion) {
    let cases = cases();
    let mut i = 0;
    while i < cases.len() {
        // `roster-parse-hand`: group `roster/parse`, function `hand`; `pvr-parse-record-hand`:
        // group `pvr/parse`, function `record-hand`. A group's cases are measured together.
        let group = |name: &'static str| {
            let mut parts = name.splitn(3, '-');
            let (payload, what, id) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
            (format!("{payload}/{what}"), id)
        };
        let (name, _) = group(cases[i].0);
        let mut g = c.benchmark_group(&name);
        while let Some((case, run)) = cases.get(i).filter(|(case, _)| group(case).0 == name) {
            g.bench_function(group(case).1, |b| b.iter(run));
            i += 1;
        }
        g.finish();
    }
}

/// `n` iterations of one case, in a function callgrind can collect alone.
#[inline(never)]
fn repeat(n: usize, run: &dyn Fn()) {
    for _ in 0..n {
        run();
    }
}

criterion_group!(benches, bench);

fn main() {
    if let Ok(name) = std::env::var("DERIVE_BENCH_ONCE") {
        let n = std::env::var("DERIVE_BENCH_N").map_or(1000, |n| n.parse().expect("DERIVE_BENCH_N is a count"));
        let cases = cases();
        match cases.iter().find(|(case, _)| *case == name) {
            Some((_, run)) => repeat(n, run),
            None => {
                let names: Vec<&str> = cases.iter().map(|(case, _)| *case).collect();
                eprintln!("DERIVE_BENCH_ONCE: one of {}", names.join(", "));
                std::process::exit(if name == "list" { 0 } else { 2 });
            }
        }
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
