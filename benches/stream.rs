//! Stream decoding and encoding throughput over the labelled corpus
//! (`benches/corpus`), against a baseline measured in the same run: a bare
//! quick-xml event loop that only tokenizes (no tree, no checks).
//!
//! Groups:
//! - `decode/<label>`: `quick-xml-loop` (baseline), `quick-xml-naive-tree`
//!   (a second reference: the simplest owned tree on quick-xml, no checks),
//!   `whole` (all bytes fed at once), `chunks-64`, `bytes-1` (one byte per
//!   feed);
//! - `encode/<label>`: writing the parsed elements back into a buffer;
//! - `linearity`: one message of growing size fed one byte at a time, and
//!   floods of growing length of small stanzas fed at once: the throughput
//!   must stay flat (cost linear in the stanza size and in the buffer).
//!
//! `scripts/bench-ratios` prints the ratios from criterion's results.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use jabber::stream::{Element, StreamEvent, StreamParser, StreamWriter, XmlStr};
use quick_xml::events::Event;

mod corpus;

/// Parses `input` fed in `chunk`-byte pieces; returns the number of events.
fn decode(input: &[u8], chunk: usize) -> usize {
    let mut parser = StreamParser::new();
    let mut events = 0;
    for piece in input.chunks(chunk) {
        parser.feed(piece);
        while let Some(event) = parser.next_event().expect("corpus is valid") {
            black_box(&event);
            events += 1;
        }
    }
    events
}

/// The baseline: tokenize with quick-xml, build nothing, check nothing.
fn quick_xml_loop(input: &str) -> usize {
    let mut reader = quick_xml::Reader::from_str(input);
    let mut events = 0;
    loop {
        match reader.read_event().expect("corpus is valid") {
            Event::Eof => return events,
            event => {
                black_box(&event);
                events += 1;
            }
        }
    }
}

/// A second reference point: quick-xml with the simplest owned tree on top
/// (the same `Element` type; every name and value one allocation, every
/// element in `jabber:client`, no checks, no namespaces, no limits). What
/// building a tree costs over tokenizing, before any XMPP rule is enforced.
fn quick_xml_naive_tree(input: &str) -> usize {
    let mut reader = quick_xml::Reader::from_str(input);
    let mut stack: Vec<Element> = Vec::new();
    let mut elements = 0;
    let open = |tag: &quick_xml::events::BytesStart<'_>| {
        let mut e = Element::new(XmlStr::shared(tag.name().into_inner()), "jabber:client");
        for attr in tag.attributes().with_checks(false) {
            let attr = attr.expect("corpus is valid");
            e.set_attr(XmlStr::shared(attr.key.into_inner()), XmlStr::shared(&attr.value));
        }
        e
    };
    loop {
        match reader.read_event().expect("corpus is valid") {
            Event::Eof => return elements,
            Event::Start(tag) => stack.push(open(&tag)),
            Event::Empty(tag) => {
                let e = open(&tag);
                close(&mut stack, e, &mut elements);
            }
            Event::End(_) => {
                let e = stack.pop().expect("corpus is valid");
                close(&mut stack, e, &mut elements);
            }
            Event::Text(text) => {
                if let Some(parent) = stack.last_mut() {
                    parent.push_text(&*text);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(parent) = stack.last_mut() {
                    parent.push_text(match &*r {
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "&",
                    });
                }
            }
            _ => {}
        }
    }
}

/// A closed element goes into its parent; a first-level one is a stanza.
fn close(stack: &mut [Element], e: Element, elements: &mut usize) {
    match stack {
        [_root] => {
            black_box(e);
            *elements += 1;
        }
        [.., parent] => {
            parent.push_child(e);
        }
        [] => {}
    }
}

fn elements_of(input: &[u8]) -> Vec<Element> {
    let mut parser = StreamParser::new();
    parser.feed(input);
    let mut elements = Vec::new();
    while let Some(event) = parser.next_event().expect("corpus is valid") {
        if let StreamEvent::Element(e) = event {
            elements.push(e);
        }
    }
    elements
}

fn bench_decode(c: &mut Criterion) {
    for sample in corpus::corpus() {
        let input = sample.stream.as_bytes();
        assert_eq!(decode(input, input.len()), sample.stanzas + 2, "{}", sample.label);
        let mut group = c.benchmark_group(format!("decode/{}", sample.label));
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function("quick-xml-loop", |b| b.iter(|| quick_xml_loop(&sample.stream)));
        assert_eq!(quick_xml_naive_tree(&sample.stream), sample.stanzas, "{}", sample.label);
        group.bench_function("quick-xml-naive-tree", |b| b.iter(|| quick_xml_naive_tree(&sample.stream)));
        group.bench_function("whole", |b| b.iter(|| decode(input, input.len())));
        group.bench_function("chunks-64", |b| b.iter(|| decode(input, 64)));
        group.sample_size(10);
        group.bench_function("bytes-1", |b| b.iter(|| decode(input, 1)));
        group.finish();
    }
}

fn bench_encode(c: &mut Criterion) {
    for sample in corpus::corpus() {
        let elements = elements_of(sample.stream.as_bytes());
        let mut writer = StreamWriter::new();
        let mut out = Vec::with_capacity(sample.stream.len() * 2);
        let header = jabber::stream::StreamHeader::new(jabber::stream::ContentNamespace::Client);
        let mut group = c.benchmark_group(format!("encode/{}", sample.label));
        group.throughput(Throughput::Bytes(sample.stream.len() as u64));
        group.bench_function("writer", |b| {
            b.iter(|| {
                out.clear();
                writer.header(&header, &mut out).unwrap();
                for e in &elements {
                    writer.element(e, &mut out).unwrap();
                }
                writer.close(&mut out);
                black_box(out.len())
            })
        });
        group.finish();
    }
}

fn bench_linearity(c: &mut Criterion) {
    let mut group = c.benchmark_group("linearity");
    group.sample_size(10);
    for size in [25_000, 50_000, 100_000, 200_000] {
        let stream = format!("{}{}", corpus::HEADER, corpus::big_message(size));
        group.throughput(Throughput::Bytes(stream.len() as u64));
        group.bench_with_input(BenchmarkId::new("bytes-1", size), stream.as_bytes(), |b, input| {
            b.iter(|| decode(input, 1))
        });
    }
    // Many small stanzas fed at once: no stanza may look past its own end
    // into the ones that follow (an earlier search for the end did, and
    // this flood ran at 0.3 then 0.1 MiB/s).
    for stanzas in [10_000, 40_000] {
        let stream = format!("{}{}", corpus::HEADER, "<presence/>".repeat(stanzas));
        group.throughput(Throughput::Bytes(stream.len() as u64));
        group.bench_with_input(BenchmarkId::new("flood-whole", stanzas), stream.as_bytes(), |b, input| {
            b.iter(|| decode(input, input.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_decode, bench_encode, bench_linearity);
criterion_main!(benches);
