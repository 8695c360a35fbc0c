//! Full client-and-server negotiation in memory (header, features, SASL, restart, bind), per
//! mechanism, against the cost of the key derivation alone measured in the same run.
//!
//! SCRAM is dominated by PBKDF2: the client derives its salted password at 4096 iterations
//! (`ITERATIONS`, the minimum of RFC 7677 §4) on every login, and the server keeps only the
//! derived keys. PLAIN costs the server one derivation instead (it checks the password against
//! the stored SCRAM keys). The `baseline` entries are one `ScramCredentials::derive` each, so
//! `negotiation / baseline` is the price of everything that is not PBKDF2.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jabber::jid::ResourcePart;
use jabber::session::sasl::{Mechanism, MemoryCredentials, ScramCredentials, ScramHash};
use jabber::session::{Client, ClientConfig, ClientEvent, Server, ServerConfig, ServerEvent, ServerTls, Session, Tls};

const ITERATIONS: u32 = 4096;

fn fill(buf: &mut [u8]) {
    buf.fill(0x5A);
}

/// One login, from the first byte to both sides bound; returns the bound JID's length.
fn negotiate(mechanism: Mechanism, accounts: &MemoryCredentials) -> usize {
    let config = ClientConfig::new("juliet@example.com".parse().unwrap(), "r0m30myr0m30")
        .with_tls(Tls::Disabled)
        .allow_plain_without_tls(true)
        .with_mechanisms(&[mechanism]);
    let mut client = Client::with_random(config, fill).unwrap();
    let server_config = ServerConfig::new("example.com".parse().unwrap())
        .unwrap()
        .with_tls(ServerTls::Unavailable)
        .allow_plain_without_tls(true);
    let mut server = Server::with_random(server_config, accounts.clone(), fill);
    let resource = ResourcePart::new("balcony").unwrap();
    loop {
        if let Some(bytes) = client.poll_transmit() {
            server.handle_input(&bytes);
        }
        while let Some(event) = server.poll_event() {
            if let ServerEvent::BindRequest { .. } = event {
                server.bind(&resource).unwrap();
            }
        }
        if let Some(bytes) = server.poll_transmit() {
            client.handle_input(&bytes);
        }
        while let Some(event) = client.poll_event() {
            match event {
                ClientEvent::Bound(jid) => return jid.as_str().len(),
                ClientEvent::Failed(error) => panic!("{error}"),
                _ => {}
            }
        }
    }
}

fn bench(c: &mut Criterion) {
    let mut accounts = MemoryCredentials::new();
    accounts.add("juliet", "r0m30myr0m30", b"a salt of 16 b.", ITERATIONS).unwrap();
    let mut group = c.benchmark_group(format!("session/negotiation-{ITERATIONS}-iterations"));
    group.throughput(Throughput::Elements(1));
    group.sample_size(20);
    for (name, hash) in [("sha1", ScramHash::Sha1), ("sha256", ScramHash::Sha256)] {
        group.bench_function(format!("baseline-pbkdf2-{name}"), |b| {
            b.iter(|| black_box(ScramCredentials::derive(hash, black_box("r0m30myr0m30"), b"salt", ITERATIONS)))
        });
    }
    for mechanism in Mechanism::PREFERENCE {
        assert_eq!(negotiate(mechanism, &accounts), "juliet@example.com/balcony".len());
        group.bench_function(mechanism.name(), |b| b.iter(|| black_box(negotiate(mechanism, &accounts))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
