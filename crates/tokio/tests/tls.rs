//! The transport against local TLS servers on 127.0.0.1: tokio-rustls'
//! server side with certificates for `localhost` from a throw-away CA made
//! by rcgen for each test.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{Pki, pki};
use jabber_tokio::rustls::{self, CertificateError, ProtocolVersion, ServerConfig};
use jabber_tokio::transport::TLS_EXPORTER_LABEL;
use jabber_tokio::{Candidate, Connector, Error, TlsConfig, TlsMode, Transport};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio_rustls::TlsAcceptor;

fn server_config(
    pki: &Pki,
    versions: &[&'static rustls::SupportedProtocolVersion],
    alpn: &[&[u8]],
) -> Arc<ServerConfig> {
    let mut config = ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_protocol_versions(versions)
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(pki.chain.clone(), pki.key.clone_key())
        .unwrap();
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    Arc::new(config)
}

const BOTH: &[&rustls::SupportedProtocolVersion] = &[&rustls::version::TLS13, &rustls::version::TLS12];

/// What the server saw of a TLS session.
#[derive(Debug)]
struct ServerView {
    exporter: [u8; 32],
    alpn: Option<Vec<u8>>,
    sni: Option<String>,
}

/// Reads `ping`, answers `pong`, and reports the session's data.
async fn serve_tls(stream: TcpStream, acceptor: TlsAcceptor) -> Option<ServerView> {
    let mut tls = acceptor.accept(stream).await.ok()?;
    let mut ping = [0u8; 4];
    tls.read_exact(&mut ping).await.ok()?;
    assert_eq!(&ping, b"ping");
    tls.write_all(b"pong").await.ok()?;
    tls.flush().await.ok()?;
    let connection = tls.get_ref().1;
    let view = ServerView {
        exporter: connection.export_keying_material([0u8; 32], TLS_EXPORTER_LABEL, None).unwrap(),
        alpn: connection.alpn_protocol().map(<[u8]>::to_vec),
        sni: connection.server_name().map(str::to_owned),
    };
    Some(view)
}

/// A direct TLS server for one connection.
async fn direct_tls_server(config: Arc<ServerConfig>) -> (u16, oneshot::Receiver<Option<ServerView>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = oneshot::channel();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let _ = tx.send(serve_tls(stream, TlsAcceptor::from(config)).await);
    });
    (port, rx)
}

/// A STARTTLS server for one connection: plain `<starttls/>`, plain
/// `<proceed/>`, then TLS over the same socket.
async fn starttls_server(config: Arc<ServerConfig>) -> (u16, oneshot::Receiver<Option<ServerView>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = oneshot::channel();
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut request = [0u8; STARTTLS.len()];
        stream.read_exact(&mut request).await.unwrap();
        assert_eq!(&request, STARTTLS);
        stream.write_all(PROCEED).await.unwrap();
        let _ = tx.send(serve_tls(stream, TlsAcceptor::from(config)).await);
    });
    (port, rx)
}

const STARTTLS: &[u8] = b"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
const PROCEED: &[u8] = b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

async fn ping(transport: &mut Transport) {
    transport.write_all(b"ping").await.unwrap();
    transport.flush().await.unwrap();
    let mut pong = [0u8; 4];
    transport.read_exact(&mut pong).await.unwrap();
    assert_eq!(&pong, b"pong");
}

fn connector(domain: &str, tls: TlsConfig) -> Connector {
    let mut connector = Connector::new(domain, tls);
    connector.set_connect_timeout(Duration::from_secs(5)).set_handshake_timeout(Duration::from_secs(5));
    connector
}

#[tokio::test]
async fn direct_tls_exports_the_same_channel_binding_on_both_sides() {
    let pki = pki(&["localhost"]);
    let (port, server) = direct_tls_server(server_config(&pki, BOTH, &[b"xmpp-client"])).await;
    let tls = TlsConfig::from_pem(pki.ca_pem.as_bytes()).unwrap();

    let connection = connector("localhost", tls).connect(&[Candidate::direct("127.0.0.1", port)]).await.unwrap();
    assert_eq!(connection.candidate.mode, TlsMode::Direct);
    assert_eq!(connection.peer.port(), port);
    let mut transport = connection.transport;
    assert!(transport.is_tls());
    assert_eq!(transport.protocol_version(), Some(ProtocolVersion::TLSv1_3));
    assert_eq!(transport.alpn_protocol(), Some(&b"xmpp-client"[..]));
    ping(&mut transport).await;

    let view = server.await.unwrap().expect("server side of the session");
    let exporter = transport.tls_exporter().unwrap();
    assert_eq!(exporter, view.exporter);
    assert_ne!(exporter, [0u8; 32]);
    // SNI is the XMPP domain, not the address connected to (XEP-0368 §3).
    assert_eq!(view.sni.as_deref(), Some("localhost"));
    assert_eq!(view.alpn.as_deref(), Some(&b"xmpp-client"[..]));
}

#[tokio::test]
async fn direct_tls_over_tls12_exports_the_same_channel_binding() {
    let pki = pki(&["localhost"]);
    let (port, server) = direct_tls_server(server_config(&pki, &[&rustls::version::TLS12], &[])).await;
    let tls = TlsConfig::from_pem(pki.ca_pem.as_bytes()).unwrap();

    let mut transport =
        connector("localhost", tls).connect(&[Candidate::direct("127.0.0.1", port)]).await.unwrap().transport;
    assert_eq!(transport.protocol_version(), Some(ProtocolVersion::TLSv1_2));
    // The server did not choose ALPN: the connection still stands.
    assert_eq!(transport.alpn_protocol(), None);
    ping(&mut transport).await;
    let view = server.await.unwrap().unwrap();
    assert_eq!(transport.tls_exporter(), Some(view.exporter));
}

#[tokio::test]
async fn starttls_upgrades_the_same_socket() {
    let pki = pki(&["localhost"]);
    let (port, server) = starttls_server(server_config(&pki, BOTH, &[b"xmpp-client"])).await;
    let tls = TlsConfig::from_pem(pki.ca_pem.as_bytes()).unwrap();
    let connector = connector("localhost", tls);

    let connection = connector.connect(&[Candidate::starttls("127.0.0.1", port)]).await.unwrap();
    assert_eq!(connection.candidate.mode, TlsMode::StartTls);
    let mut transport = connection.transport;
    assert!(!transport.is_tls());
    assert_eq!(transport.tls_exporter(), None);
    let local = transport.get_ref().local_addr().unwrap();

    transport.write_all(STARTTLS).await.unwrap();
    let mut proceed = [0u8; PROCEED.len()];
    transport.read_exact(&mut proceed).await.unwrap();
    assert_eq!(&proceed, PROCEED);

    let mut transport = transport.upgrade(connector.domain(), connector.tls()).await.unwrap();
    assert!(transport.is_tls());
    assert_eq!(transport.get_ref().local_addr().unwrap(), local, "same socket");
    // STARTTLS offers no ALPN, even to a server that would accept it.
    assert_eq!(transport.alpn_protocol(), None);
    ping(&mut transport).await;
    let view = server.await.unwrap().unwrap();
    assert_eq!(transport.tls_exporter(), Some(view.exporter));
    assert_eq!(view.alpn, None);
    assert_eq!(view.sni.as_deref(), Some("localhost"));

    // No STARTTLS over TLS (XEP-0368 §3 rule 5).
    let err = transport.upgrade("localhost", connector.tls()).await.unwrap_err();
    assert!(matches!(err, Error::AlreadyTls), "{err:?}");
}

#[tokio::test]
async fn upgrade_works_over_any_stream() {
    let pki = pki(&["localhost"]);
    let acceptor = TlsAcceptor::from(server_config(&pki, BOTH, &[]));
    let (client, server) = tokio::io::duplex(4096);
    let server = tokio::spawn(async move {
        let mut tls = acceptor.accept(server).await.unwrap();
        tls.write_all(b"hi").await.unwrap();
        tls.flush().await.unwrap();
        tls.get_ref().1.export_keying_material([0u8; 32], TLS_EXPORTER_LABEL, None).unwrap()
    });
    let tls = TlsConfig::from_pem(pki.ca_pem.as_bytes()).unwrap();
    let mut transport = Transport::Plain(client).upgrade("localhost", &tls).await.unwrap();
    let mut hi = [0u8; 2];
    transport.read_exact(&mut hi).await.unwrap();
    assert_eq!(&hi, b"hi");
    assert_eq!(transport.tls_exporter(), Some(server.await.unwrap()));
}

#[tokio::test]
async fn certificate_for_another_name_is_refused() {
    let pki = pki(&["localhost"]);
    let (port, _server) = direct_tls_server(server_config(&pki, BOTH, &[])).await;
    let tls = TlsConfig::from_pem(pki.ca_pem.as_bytes()).unwrap();

    let err = connector("wrong.example", tls).connect(&[Candidate::direct("127.0.0.1", port)]).await.unwrap_err();
    let Error::Connect { attempts } = err else {
        panic!("{err:?}");
    };
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].addr, Some(([127, 0, 0, 1], port).into()));
    match &attempts[0].error {
        Error::CertificateInvalid { domain, reason } => {
            assert_eq!(domain, "wrong.example");
            assert!(
                matches!(reason, CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }),
                "{reason:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn certificate_for_another_name_is_refused_after_starttls() {
    let pki = pki(&["localhost"]);
    let (port, _server) = starttls_server(server_config(&pki, BOTH, &[])).await;
    let tls = TlsConfig::from_pem(pki.ca_pem.as_bytes()).unwrap();
    let connector = connector("wrong.example", tls);
    let mut transport = connector.connect(&[Candidate::starttls("127.0.0.1", port)]).await.unwrap().transport;
    transport.write_all(STARTTLS).await.unwrap();
    let mut proceed = [0u8; PROCEED.len()];
    transport.read_exact(&mut proceed).await.unwrap();

    let err = transport.upgrade(connector.domain(), connector.tls()).await.unwrap_err();
    assert!(matches!(&err, Error::CertificateInvalid { domain, .. } if domain == "wrong.example"), "{err:?}");
}

#[tokio::test]
async fn untrusted_ca_is_refused() {
    let server_pki = pki(&["localhost"]);
    let other_ca = pki(&["localhost"]);
    let (port, _server) = direct_tls_server(server_config(&server_pki, BOTH, &[])).await;
    let tls = TlsConfig::from_pem(other_ca.ca_pem.as_bytes()).unwrap();

    let err = connector("localhost", tls).connect(&[Candidate::direct("127.0.0.1", port)]).await.unwrap_err();
    let Error::Connect { attempts } = &err else {
        panic!("{err:?}");
    };
    assert!(
        matches!(&attempts[0].error, Error::CertificateInvalid { reason: CertificateError::UnknownIssuer, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn webpki_roots_do_not_trust_a_private_ca() {
    let pki = pki(&["localhost"]);
    let (port, _server) = direct_tls_server(server_config(&pki, BOTH, &[])).await;
    let err = connector("localhost", TlsConfig::webpki_roots())
        .connect(&[Candidate::direct("127.0.0.1", port)])
        .await
        .unwrap_err();
    let Error::Connect { attempts } = &err else {
        panic!("{err:?}");
    };
    assert!(matches!(&attempts[0].error, Error::CertificateInvalid { .. }), "{err:?}");
}

/// A port nothing listens on: bind, note the port, close.
async fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap().port()
}

#[tokio::test]
async fn closed_port_is_listed_with_its_address() {
    let port = closed_port().await;
    let err = connector("localhost", TlsConfig::webpki_roots())
        .connect(&[Candidate::starttls("127.0.0.1", port)])
        .await
        .unwrap_err();
    let message = err.to_string();
    let Error::Connect { attempts } = err else {
        panic!("{err:?}");
    };
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].host, "127.0.0.1");
    assert_eq!(attempts[0].port, port);
    assert_eq!(attempts[0].mode, TlsMode::StartTls);
    assert_eq!(attempts[0].addr, Some(([127, 0, 0, 1], port).into()));
    match &attempts[0].error {
        Error::Io(io) => assert_eq!(io.kind(), std::io::ErrorKind::ConnectionRefused),
        other => panic!("{other:?}"),
    }
    assert!(message.contains(&format!("127.0.0.1:{port}")), "{message}");
}

#[tokio::test]
async fn next_candidate_is_tried_after_a_failure() {
    let closed = closed_port().await;
    let pki = pki(&["localhost"]);
    let (port, _server) = direct_tls_server(server_config(&pki, BOTH, &[])).await;
    let tls = TlsConfig::from_pem(pki.ca_pem.as_bytes()).unwrap();
    let candidates = [Candidate::starttls("127.0.0.1", closed), Candidate::direct("localhost", port)];
    let connection = connector("localhost", tls).connect(&candidates).await.unwrap();
    assert_eq!(connection.candidate, candidates[1]);
    assert!(connection.transport.is_tls());
}

#[tokio::test]
async fn unresolvable_host_is_listed_without_address() {
    let started = std::time::Instant::now();
    let err = connector("example.invalid", TlsConfig::webpki_roots())
        .connect(&[Candidate::starttls("host.example.invalid", 5222)])
        .await
        .unwrap_err();
    let Error::Connect { attempts } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].addr, None);
    assert!(matches!(attempts[0].error, Error::Io(_) | Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(8));
}

#[tokio::test]
async fn plain_candidate_stays_plain() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        stream.write_all(b"<stream:stream>").await.unwrap();
    });
    let mut transport = connector("component.localhost", TlsConfig::webpki_roots())
        .connect(&[Candidate::plain("127.0.0.1", port)])
        .await
        .unwrap()
        .transport;
    assert!(!transport.is_tls());
    let mut buf = [0u8; 15];
    transport.read_exact(&mut buf).await.unwrap();
    assert_eq!(&buf, b"<stream:stream>");
}
