//! JID parsing: `jabber-jid` against `jid` 0.12 (xmpp-rs) on the corpora of
//! `benches/data`. Read the ratio ours/theirs from the times per corpus.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const CORPORA: [(&str, &str); 3] = [
    ("ascii", include_str!("../../data/jids-ascii.txt")),
    ("mixed-case", include_str!("../../data/jids-mixed-case.txt")),
    ("unicode", include_str!("../../data/jids-unicode.txt")),
];

fn bench(c: &mut Criterion) {
    for (name, corpus) in CORPORA {
        let lines: Vec<&str> = corpus.lines().collect();
        // Both libraries accept every address of the corpus, and agree on
        // the normalized form except that `jid` keeps A-labels (`xn--...`)
        // where RFC 7622 §3.2 (and this crate) compares U-labels.
        for line in &lines {
            let ours = jabber_jid::Jid::new(line).unwrap();
            let theirs = jid::Jid::new(line).unwrap();
            if !line.contains("xn--") {
                assert_eq!(ours.as_str(), theirs.as_str(), "{line}");
            }
        }
        let mut group = c.benchmark_group(format!("jid/{name}"));
        group.throughput(Throughput::Elements(lines.len() as u64));
        group.bench_function("jabber", |b| {
            b.iter(|| {
                for line in &lines {
                    black_box(jabber_jid::Jid::new(black_box(line)).unwrap());
                }
            })
        });
        group.bench_function("xmpp-rs", |b| {
            b.iter(|| {
                for line in &lines {
                    black_box(jid::Jid::new(black_box(line)).unwrap());
                }
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
