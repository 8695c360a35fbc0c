//! Stream decoding: `jabber-stream` against xmpp-rs's stack (rxml's
//! `RawParser` feeding minidom's `TreeBuilder`, the way tokio-xmpp builds
//! stanzas), on the labelled corpus of `benches/corpus`, fed whole and in
//! 64-byte chunks. Both build one element tree per stanza.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "../../corpus/mod.rs"]
mod corpus;
#[path = "support/xmpp_rs.rs"]
mod xmpp_rs;

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
    xmpp_rs::elements(input, chunk, |e| {
        black_box(e);
    })
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
