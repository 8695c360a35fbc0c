//! Discovery against a fake DNS server on 127.0.0.1 (UDP) that answers
//! from a table of hand-made SRV records, and against the system resolver
//! with a name that cannot exist (RFC 6761 `.invalid`).

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use jabber_tokio::hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolverConfig, ResolverOpts};
use jabber_tokio::hickory_resolver::proto::op::{Message, MessageType, ResponseCode};
use jabber_tokio::hickory_resolver::proto::rr::rdata::SRV;
use jabber_tokio::hickory_resolver::proto::rr::{Name, RData, Record, RecordType};
use jabber_tokio::{Candidate, Error, Resolver, SrvAnswer, SrvRecord, TlsMode};
use tokio::net::UdpSocket;

/// One SRV record: priority, weight, port, target.
type Srv = (u16, u16, u16, &'static str);

/// SRV records by query name (absolute, lower case); other names get
/// NXDOMAIN.
type Zone = HashMap<String, Vec<Srv>>;

/// Serves `zone` on a fresh UDP port of 127.0.0.1 until the test ends.
async fn fake_dns(zone: Zone) -> u16 {
    let socket = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let port = socket.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut buf = vec![0u8; 4096];
        loop {
            let Ok((len, from)) = socket.recv_from(&mut buf).await else {
                return;
            };
            let Ok(query) = Message::from_vec(&buf[..len]) else {
                continue;
            };
            let mut response = Message::response(query.metadata.id, query.metadata.op_code);
            response.metadata.recursion_desired = query.metadata.recursion_desired;
            response.metadata.recursion_available = true;
            response.add_queries(query.queries.clone());
            let records = query.queries.first().and_then(|q| {
                (q.query_type() == RecordType::SRV).then(|| zone.get(&q.name().to_ascii().to_lowercase())).flatten()
            });
            match records {
                Some(records) => {
                    let name = query.queries[0].name().clone();
                    for &(priority, weight, port, target) in records {
                        let target = Name::from_ascii(target).unwrap();
                        response.add_answer(Record::from_rdata(
                            name.clone(),
                            300,
                            RData::SRV(SRV::new(priority, weight, port, target)),
                        ));
                    }
                }
                None => response.metadata.response_code = ResponseCode::NXDomain,
            }
            assert_eq!(response.metadata.message_type, MessageType::Response);
            let _ = socket.send_to(&response.to_vec().unwrap(), from).await;
        }
    });
    port
}

/// A resolver that asks only 127.0.0.1:`port`, once, for at most 1 s.
fn resolver(port: u16) -> Resolver {
    let mut udp = ConnectionConfig::udp();
    udp.port = port;
    let server = NameServerConfig::new(IpAddr::V4(Ipv4Addr::LOCALHOST), true, vec![udp]);
    let mut options = ResolverOpts::default();
    options.timeout = Duration::from_secs(1);
    options.attempts = 1;
    let mut resolver = Resolver::with_config(ResolverConfig::from_name_servers(vec![server]), options).unwrap();
    resolver.set_timeout(Duration::from_secs(2));
    resolver
}

fn zone(entries: &[(&str, Vec<Srv>)]) -> Zone {
    entries.iter().map(|(name, records)| ((*name).to_owned(), records.clone())).collect()
}

#[tokio::test]
async fn both_record_sets_are_merged_by_priority() {
    let port = fake_dns(zone(&[
        ("_xmpps-client._tcp.example.net.", vec![(10, 0, 443, "tls.example.net."), (30, 0, 5223, "tls2.example.net.")]),
        (
            "_xmpp-client._tcp.example.net.",
            vec![(5, 0, 5222, "xmpp.example.net."), (20, 0, 5222, "xmpp2.example.net.")],
        ),
    ]))
    .await;
    let candidates = resolver(port).client_candidates("example.net").await.unwrap();
    assert_eq!(
        candidates,
        vec![
            Candidate::starttls("xmpp.example.net", 5222),
            Candidate::direct("tls.example.net", 443),
            Candidate::starttls("xmpp2.example.net", 5222),
            Candidate::direct("tls2.example.net", 5223),
        ]
    );
}

#[tokio::test]
async fn lookup_srv_reads_records_and_the_dot() {
    let port = fake_dns(zone(&[
        ("_xmpps-client._tcp.example.net.", vec![(0, 0, 0, ".")]),
        ("_xmpp-client._tcp.example.net.", vec![(5, 7, 5222, "xmpp.example.net.")]),
    ]))
    .await;
    let resolver = resolver(port);
    assert_eq!(
        resolver.lookup_srv("_xmpps-client._tcp", "example.net").await.unwrap(),
        SrvAnswer::Records(vec![SrvRecord::new(0, 0, 0, ".")])
    );
    assert_eq!(
        resolver.lookup_srv("_xmpp-client._tcp", "example.net.").await.unwrap(),
        SrvAnswer::Records(vec![SrvRecord::new(5, 7, 5222, "xmpp.example.net")])
    );
    assert_eq!(resolver.lookup_srv("_xmpp-client._tcp", "nowhere.example").await.unwrap(), SrvAnswer::NoRecords);
    // XEP-0368 §5: "." for direct TLS, then the STARTTLS records.
    assert_eq!(
        resolver.client_candidates("example.net").await.unwrap(),
        vec![Candidate::starttls("xmpp.example.net", 5222)]
    );
}

#[tokio::test]
async fn dot_for_the_client_service_means_unavailable() {
    let port = fake_dns(zone(&[("_xmpp-client._tcp.example.org.", vec![(0, 0, 0, ".")])])).await;
    let err = resolver(port).client_candidates("example.org").await.unwrap_err();
    assert!(matches!(&err, Error::ServiceUnavailable { domain } if domain == "example.org"), "{err:?}");
}

#[tokio::test]
async fn no_records_falls_back_to_port_5222() {
    let port = fake_dns(Zone::new()).await;
    let candidates = resolver(port).client_candidates("example.com").await.unwrap();
    assert_eq!(candidates, vec![Candidate::starttls("example.com", 5222)]);
    assert_eq!(candidates[0].mode, TlsMode::StartTls);
}

#[tokio::test]
async fn silent_name_server_times_out_into_the_fallback() {
    // Bound but never read: queries go unanswered.
    let silent = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let resolver = resolver(port);
    let started = Instant::now();
    let err = resolver.lookup_srv("_xmpp-client._tcp", "example.com").await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. } | Error::Dns { .. }), "{err:?}");
    let candidates = resolver.client_candidates("example.com").await.unwrap();
    assert_eq!(candidates, vec![Candidate::fallback("example.com")]);
    assert!(started.elapsed() < Duration::from_secs(8), "{:?}", started.elapsed());
    drop(silent);
}

#[tokio::test]
async fn ip_literal_is_not_looked_up() {
    // Port 9 of a socket we never open: a lookup would fail the test.
    let resolver = resolver(9);
    assert_eq!(resolver.client_candidates("127.0.0.1").await.unwrap(), vec![Candidate::starttls("127.0.0.1", 5222)]);
    assert_eq!(resolver.client_candidates("[::1]").await.unwrap(), vec![Candidate::starttls("::1", 5222)]);
}

#[tokio::test]
async fn invalid_domain_is_refused() {
    let resolver = resolver(9);
    let err = resolver.client_candidates("").await.unwrap_err();
    assert!(matches!(err, Error::InvalidDomain { .. }), "{err:?}");
}

#[tokio::test]
async fn system_resolver_gives_the_fallback_for_a_name_that_cannot_exist() {
    // Whatever this machine's DNS does (answers NXDOMAIN, is unreachable,
    // or is silent), the result is the RFC 6120 §3.2.2 fallback, in time.
    let mut resolver = Resolver::system().unwrap();
    resolver.set_timeout(Duration::from_secs(3));
    let started = Instant::now();
    let candidates = resolver.client_candidates("jabber-tokio-test.invalid").await.unwrap();
    let elapsed = started.elapsed();
    eprintln!("system resolver answered in {elapsed:?}");
    assert_eq!(candidates, vec![Candidate::starttls("jabber-tokio-test.invalid", 5222)]);
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}
