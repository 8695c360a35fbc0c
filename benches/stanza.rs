//! Typed stanzas over the labelled corpus of the stream benches (`benches/corpus`), against a
//! baseline measured in the same run: the stream decoding alone (bytes -> elements).
//!
//! Groups `stanza/<label>`:
//! - `elements` (baseline): bytes -> `Element`s, as `decode/<label>/whole` in `benches/stream.rs`;
//! - `typed`: bytes -> `Element`s -> `Stanza`s (what a client or server does with each read);
//! - `to-bytes`: `Stanza`s -> `Element`s -> bytes through the stream writer.
//!
//! `benches/compare` runs the same bytes -> typed path through xmpp-rs (`xmpp-parsers`).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jabber::stanza::Stanza;
use jabber::stream::{ContentNamespace, StreamEvent, StreamHeader, StreamParser, StreamWriter};

mod corpus;

/// Decodes `input`; with `typed`, parses each element as a stanza. Returns the stanza count.
fn decode(input: &[u8], typed: bool) -> usize {
    let mut parser = StreamParser::new();
    parser.feed(input);
    let mut stanzas = 0;
    while let Some(event) = parser.next_event().expect("corpus is valid") {
        if let StreamEvent::Element(element) = event {
            if typed {
                black_box(Stanza::try_from(element).expect("corpus stanzas are valid"));
            } else {
                black_box(element);
            }
            stanzas += 1;
        }
    }
    stanzas
}

fn stanzas_of(input: &[u8]) -> Vec<Stanza> {
    let mut parser = StreamParser::new();
    parser.feed(input);
    let mut stanzas = Vec::new();
    while let Some(event) = parser.next_event().expect("corpus is valid") {
        if let StreamEvent::Element(element) = event {
            stanzas.push(Stanza::try_from(element).expect("corpus stanzas are valid"));
        }
    }
    stanzas
}

fn bench(c: &mut Criterion) {
    for sample in corpus::corpus() {
        let input = sample.stream.as_bytes();
        assert_eq!(decode(input, true), sample.stanzas, "{}", sample.label);
        let stanzas = stanzas_of(input);
        let mut group = c.benchmark_group(format!("stanza/{}", sample.label));
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function("elements", |b| b.iter(|| decode(input, false)));
        group.bench_function("typed", |b| b.iter(|| decode(input, true)));
        let header = StreamHeader::new(ContentNamespace::Client);
        let mut out = Vec::with_capacity(input.len() * 2);
        group.bench_function("to-bytes", |b| {
            b.iter(|| {
                out.clear();
                let mut writer = StreamWriter::new();
                writer.header(&header, &mut out).unwrap();
                for stanza in &stanzas {
                    writer.element(&stanza.to_element(), &mut out).unwrap();
                }
                writer.close(&mut out);
                black_box(out.len())
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
