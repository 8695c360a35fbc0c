//! Parsing JIDs: an already-normalized ASCII corpus (the fast path), a
//! mixed-case corpus (folding), and a Unicode corpus (stringprep and IDNA).
//! The corpora are `benches/data/jids-*.txt` (500 realistic addresses each,
//! generated once); `benches/compare` runs the same files through the `jid`
//! crate of xmpp-rs.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jabber::jid::Jid;

const CORPORA: [(&str, &str); 3] = [
    ("ascii", include_str!("data/jids-ascii.txt")),
    ("mixed-case", include_str!("data/jids-mixed-case.txt")),
    ("unicode", include_str!("data/jids-unicode.txt")),
];

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("jid/parse");
    for (name, corpus) in CORPORA {
        let lines: Vec<&str> = corpus.lines().collect();
        assert!(lines.iter().all(|l| Jid::new(l).is_ok()), "{name} corpus is valid");
        group.throughput(Throughput::Elements(lines.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for line in &lines {
                    black_box(Jid::new(black_box(line)).unwrap());
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
