//! Stream decoding: `jabber-stream` against xmpp-rs's stack (rxml's
//! `RawParser` feeding minidom's `TreeBuilder`, the way tokio-xmpp builds
//! stanzas), on the labelled corpus of `benches/corpus`, fed whole and in
//! 64-byte chunks. Both build one element tree per stanza.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rxml::{Parse, RawParser, error::EndOrError};

#[path = "../../corpus/mod.rs"]
mod corpus;

fn jabber(input: &[u8], chunk: usize) -> usize {
    let mut parser = jabber_stream::StreamParser::new();
    let mut elements = 0;
    for piece in input.chunks(chunk) {
        parser.feed(piece);
        while let Some(event) = parser.next_event().unwrap() {
            if let jabber_stream::StreamEvent::Element(e) = event {
                black_box(e);
                elements += 1;
            }
        }
    }
    elements
}

fn xmpp_rs(input: &[u8], chunk: usize) -> usize {
    let mut parser = RawParser::new();
    let mut tree = minidom::tree_builder::TreeBuilder::new();
    let mut elements = 0;
    for piece in input.chunks(chunk) {
        let mut buf = piece;
        loop {
            match parser.parse(&mut buf, false) {
                Ok(Some(event)) => {
                    tree.process_event(event).unwrap();
                    if tree.depth() == 1
                        && let Some(e) = tree.unshift_child()
                    {
                        black_box(e);
                        elements += 1;
                    }
                }
                Ok(None) => break,
                Err(EndOrError::NeedMoreData) => break,
                Err(EndOrError::Error(e)) => panic!("{e}"),
            }
        }
    }
    elements
}

fn bench(c: &mut Criterion) {
    for sample in corpus::corpus() {
        let input = sample.stream.as_bytes();
        assert_eq!(jabber(input, input.len()), sample.stanzas);
        assert_eq!(xmpp_rs(input, input.len()), sample.stanzas, "{}", sample.label);
        let mut group = c.benchmark_group(format!("stream/{}", sample.label));
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function("jabber/whole", |b| b.iter(|| jabber(input, input.len())));
        group.bench_function("xmpp-rs/whole", |b| b.iter(|| xmpp_rs(input, input.len())));
        group.bench_function("jabber/chunks-64", |b| b.iter(|| jabber(input, 64)));
        group.bench_function("xmpp-rs/chunks-64", |b| b.iter(|| xmpp_rs(input, 64)));
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
