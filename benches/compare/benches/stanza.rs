//! Bytes -> typed stanzas: `jabber-stream` + `jabber-stanza` against xmpp-rs (rxml's
//! `RawParser` feeding minidom's `TreeBuilder`, then `xmpp-parsers` 0.23's `Message`,
//! `Presence` and `Iq`), on the labelled corpus of `benches/corpus`, whole.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use xmpp_parsers::minidom;

#[path = "../../corpus/mod.rs"]
mod corpus;
#[path = "support/xmpp_rs.rs"]
mod xmpp_rs;

fn jabber(input: &[u8]) -> usize {
    let mut parser = jabber_stream::StreamParser::new();
    parser.feed(input);
    let mut stanzas = 0;
    while let Some(event) = parser.next_event().unwrap() {
        if let jabber_stream::StreamEvent::Element(e) = event {
            black_box(jabber_stanza::Stanza::try_from(e).expect("valid"));
            stanzas += 1;
        }
    }
    stanzas
}

fn typed(e: minidom::Element) -> bool {
    match e.name() {
        "message" => xmpp_parsers::message::Message::try_from(e).map(black_box).is_ok(),
        "presence" => xmpp_parsers::presence::Presence::try_from(e).map(black_box).is_ok(),
        "iq" => xmpp_parsers::iq::Iq::try_from(e).map(black_box).is_ok(),
        _ => false,
    }
}

/// Returns (stanzas parsed, stanzas xmpp-parsers refused).
fn xmpp_rs(input: &[u8]) -> (usize, usize) {
    let mut ok = 0;
    let all = xmpp_rs::elements(input, input.len(), |e| ok += usize::from(typed(e)));
    (ok, all - ok)
}

fn bench(c: &mut Criterion) {
    for sample in corpus::corpus() {
        let input = sample.stream.as_bytes();
        assert_eq!(jabber(input), sample.stanzas);
        let (ok, refused) = xmpp_rs(input);
        assert_eq!(ok + refused, sample.stanzas, "{}", sample.label);
        if refused > 0 {
            eprintln!("{}: xmpp-parsers refused {refused} of {} stanzas", sample.label, sample.stanzas);
        }
        let mut group = c.benchmark_group(format!("stanza/{}", sample.label));
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function("jabber/typed", |b| b.iter(|| jabber(input)));
        group.bench_function("xmpp-rs/typed", |b| b.iter(|| xmpp_rs(input)));
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
