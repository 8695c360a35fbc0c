//! The driver (`Client`, `Component`) against a server side run in the test
//! process: a `jabber_session::Server` (or `ComponentServer`) machine driven
//! by hand over a tokio `TcpListener` on 127.0.0.1, with tokio-rustls'
//! server side and a certificate for `localhost` from a throw-away CA made
//! by rcgen for each test.

use std::io;
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Pki, pki};
use jabber_jid::{BareJid, FullJid, Jid, ResourcePart};
use jabber_session::sasl::{ChannelBinding, ChannelBindingType, Mechanism, MemoryCredentials};
use jabber_session::{
    ClientEvent, ComponentEvent, ComponentServer, KeepAlive, NoResponse, Server, ServerConfig, ServerEvent, ServerTls,
    Session,
};
use jabber_stanza::{Iq, IqKind, Message, Payload, SaslCondition, Stanza};
use jabber_tokio::rustls::{self, CertificateError, ProtocolVersion};
use jabber_tokio::{Client, Component, Error, TlsConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

const PASSWORD: &str = "r0m30myr0m30";
/// Every wait of a test is bounded by this, so that a hang fails the test.
const LIMIT: Duration = Duration::from_secs(20);
/// RFC 9266 §2, spelled out here rather than taken from the crate under test.
const EXPORTER_LABEL: &[u8] = b"EXPORTER-Channel-Binding";

/// A test payload, answered by the server with `answer` 42.
#[derive(Debug, PartialEq, Payload)]
#[payload(name = "query", ns = "urn:example:jabber-tokio:test", get, result)]
struct Query {
    #[payload(child_text)]
    answer: Option<String>,
}

/// A request the server never answers.
#[derive(Debug, PartialEq, Payload)]
#[payload(name = "query", ns = "urn:example:jabber-tokio:silent", get)]
struct Silent {}

/// XEP-0199.
#[derive(Debug, PartialEq, Payload)]
#[payload(name = "ping", ns = "urn:xmpp:ping", get)]
struct Ping {}

// ---------------------------------------------------------------------------
// Certificates (`common::pki`) and the server side of TLS.

const BOTH: &[&rustls::SupportedProtocolVersion] = &[&rustls::version::TLS13, &rustls::version::TLS12];
const TLS12_ONLY: &[&rustls::SupportedProtocolVersion] = &[&rustls::version::TLS12];

fn rustls_server(pki: &Pki, versions: &[&'static rustls::SupportedProtocolVersion]) -> Arc<rustls::ServerConfig> {
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_protocol_versions(versions)
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(pki.chain.clone(), pki.key.clone_key())
        .unwrap();
    Arc::new(config)
}

fn client_tls(pki: &Pki) -> TlsConfig {
    TlsConfig::from_pem(pki.ca_pem.as_bytes()).unwrap()
}

// ---------------------------------------------------------------------------
// The server side.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    StartTls,
    Direct,
}

/// When the server side gives its machine `tls-exporter` data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Binding {
    /// Over TLS 1.3 only (what RFC 9266 §2 allows without further checks).
    Tls13Only,
    /// Whatever the version (rustls always negotiates the extended master
    /// secret with TLS 1.2).
    Always,
}

/// What the server does once the resource is bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterBind {
    /// Echo chats, answer `Query` and pings, ignore `Silent`.
    Serve,
    /// Neither read nor write any more, but keep the socket open.
    Mute,
    /// Drop the connection without closing the stream or TLS.
    Drop,
    /// Send this many chat messages, then serve.
    Flood(usize),
    /// Serve; the first `Query` is answered only after this many chat
    /// messages.
    FloodBeforeAnswer(usize),
}

#[derive(Clone)]
struct Setup {
    domain: &'static str,
    mode: Mode,
    tls: Arc<rustls::ServerConfig>,
    binding: Binding,
    after_bind: AfterBind,
}

impl Setup {
    fn new(mode: Mode, pki: &Pki) -> Self {
        Setup {
            domain: "localhost",
            mode,
            tls: rustls_server(pki, BOTH),
            binding: Binding::Tls13Only,
            after_bind: AfterBind::Serve,
        }
    }
}

/// What the server side saw of one connection.
#[derive(Debug, Default)]
struct Log {
    /// Every byte read (decrypted under TLS).
    received: Vec<u8>,
    /// Every byte written (before encryption).
    sent: Vec<u8>,
    tls_version: Option<ProtocolVersion>,
    tls_error: Option<io::Error>,
    mechanism: Option<Mechanism>,
    auth_failures: Vec<jabber_session::Error>,
    bound: Option<FullJid>,
    messages: Vec<Message>,
    pings: usize,
    failed: Option<jabber_session::Error>,
    closed: bool,
}

impl Log {
    fn received(&self, needle: &str) -> bool {
        contains(&self.received, needle)
    }

    fn sent(&self, needle: &str) -> bool {
        contains(&self.sent, needle)
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle.as_bytes())
}

enum Io {
    Plain(TcpStream),
    Tls(Box<tokio_rustls::server::TlsStream<TcpStream>>),
    Gone,
}

impl Io {
    async fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Io::Plain(stream) => stream.read(buf).await,
            Io::Tls(stream) => stream.read(buf).await,
            Io::Gone => Ok(0),
        }
    }

    async fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Io::Plain(stream) => stream.write_all(bytes).await,
            Io::Tls(stream) => stream.write_all(bytes).await,
            Io::Gone => Err(io::ErrorKind::NotConnected.into()),
        }
    }

    async fn flush(&mut self) -> io::Result<()> {
        match self {
            Io::Plain(stream) => stream.flush().await,
            Io::Tls(stream) => stream.flush().await,
            Io::Gone => Ok(()),
        }
    }

    async fn shutdown(&mut self) {
        let _ = match self {
            Io::Plain(stream) => stream.shutdown().await,
            Io::Tls(stream) => stream.shutdown().await,
            Io::Gone => Ok(()),
        };
    }

    /// TLS on the socket, the session's version and `tls-exporter` data.
    async fn accept_tls(
        stream: TcpStream,
        setup: &Setup,
    ) -> Result<(Io, ProtocolVersion, Option<ChannelBinding>), io::Error> {
        let tls = TlsAcceptor::from(setup.tls.clone()).accept(stream).await?;
        let connection = tls.get_ref().1;
        let version = connection.protocol_version().expect("a finished handshake has a version");
        let binding = (setup.binding == Binding::Always || version == ProtocolVersion::TLSv1_3).then(|| {
            let data = connection.export_keying_material([0u8; 32], EXPORTER_LABEL, None).unwrap();
            ChannelBinding::new(ChannelBindingType::TlsExporter, data.to_vec())
        });
        Ok((Io::Tls(Box::new(tls)), version, binding))
    }
}

fn accounts() -> MemoryCredentials {
    let mut accounts = MemoryCredentials::new();
    accounts.add("juliet", PASSWORD, b"a salt of the test", 4096).unwrap();
    accounts
}

/// Listens on 127.0.0.1 and serves one connection as `setup` says; the
/// task ends with what it saw (or never, with [`AfterBind::Mute`]).
async fn start_server(setup: Setup) -> (u16, JoinHandle<Log>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let task = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        serve(stream, setup).await
    });
    (port, task)
}

async fn serve(stream: TcpStream, setup: Setup) -> Log {
    let mut log = Log::default();
    let mut config = ServerConfig::new(setup.domain.parse().unwrap()).unwrap();
    let mut io = match setup.mode {
        Mode::StartTls => {
            config = config.with_tls(ServerTls::Required);
            Io::Plain(stream)
        }
        Mode::Direct => match Io::accept_tls(stream, &setup).await {
            Ok((io, version, binding)) => {
                log.tls_version = Some(version);
                config = config.with_tls(ServerTls::Direct);
                if let Some(binding) = binding {
                    config = config.with_channel_binding(binding);
                }
                io
            }
            Err(error) => {
                log.tls_error = Some(error);
                return log;
            }
        },
    };
    let mut server = Server::new(config, accounts());
    let mut flooded = false;
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let mut wrote = false;
        while let Some(bytes) = server.poll_transmit() {
            log.sent.extend_from_slice(&bytes);
            if io.write_all(&bytes).await.is_err() {
                server.handle_eof();
            }
            wrote = true;
        }
        if wrote && io.flush().await.is_err() {
            server.handle_eof();
        }
        let mut again = false;
        while let Some(event) = server.poll_event() {
            match event {
                ServerEvent::StartTls => {
                    // `<proceed/>` went out with the flush above.
                    let Io::Plain(stream) = std::mem::replace(&mut io, Io::Gone) else {
                        panic!("STARTTLS over TLS");
                    };
                    match Io::accept_tls(stream, &setup).await {
                        Ok((tls, version, binding)) => {
                            io = tls;
                            log.tls_version = Some(version);
                            server.tls_established(binding).unwrap();
                        }
                        Err(error) => {
                            log.tls_error = Some(error);
                            return log;
                        }
                    }
                    again = true;
                }
                ServerEvent::Authenticated { mechanism, .. } => log.mechanism = Some(mechanism),
                ServerEvent::AuthenticationFailed(error) => log.auth_failures.push(error),
                ServerEvent::BindRequest { resource } => {
                    let resource = resource.unwrap_or_else(|| "generated".parse().unwrap());
                    server.bind(&resource).unwrap();
                    again = true;
                }
                ServerEvent::Bound(jid) => {
                    log.bound = Some(jid.clone());
                    match setup.after_bind {
                        AfterBind::Serve | AfterBind::FloodBeforeAnswer(_) => {}
                        AfterBind::Mute => {
                            // Flush the bind result, then nothing at all.
                            while let Some(bytes) = server.poll_transmit() {
                                io.write_all(&bytes).await.unwrap();
                            }
                            io.flush().await.unwrap();
                            let _socket_kept_open = io;
                            std::future::pending::<()>().await;
                            unreachable!();
                        }
                        AfterBind::Drop => {
                            while let Some(bytes) = server.poll_transmit() {
                                io.write_all(&bytes).await.unwrap();
                            }
                            io.flush().await.unwrap();
                            // No `</stream:stream>`, no close_notify: the TCP connection just ends.
                            drop(io);
                            return log;
                        }
                        AfterBind::Flood(count) => flood(&mut server, &jid, count),
                    }
                    again = true;
                }
                ServerEvent::Stanza(Stanza::Message(message)) => {
                    if let Some(body) = message.body()
                        && let Some(mut reply) = message.reply(body)
                    {
                        reply.from = message.to.clone();
                        server.send(reply).unwrap();
                        again = true;
                    }
                    log.messages.push(message);
                }
                ServerEvent::Stanza(Stanza::Iq(iq)) if matches!(iq.kind, IqKind::Get(_)) => {
                    if iq.payload::<Ping>().is_some() {
                        log.pings += 1;
                        server.send(iq.reply_empty_result()).unwrap();
                        again = true;
                    } else if iq.payload::<Query>().is_some() {
                        if let AfterBind::FloodBeforeAnswer(count) = setup.after_bind
                            && !flooded
                        {
                            flooded = true;
                            let jid = log.bound.clone().unwrap();
                            flood(&mut server, &jid, count);
                        }
                        server.send(iq.reply_result(&Query { answer: Some("42".into()) })).unwrap();
                        again = true;
                    }
                    // Anything else (`Silent`) is never answered.
                }
                ServerEvent::Failed(error) => log.failed = Some(error),
                ServerEvent::Closed => {
                    log.closed = true;
                    while let Some(bytes) = server.poll_transmit() {
                        log.sent.extend_from_slice(&bytes);
                        let _ = io.write_all(&bytes).await;
                    }
                    io.shutdown().await;
                    return log;
                }
                _ => {}
            }
        }
        if again {
            continue;
        }
        match io.read(&mut buf).await {
            Ok(0) | Err(_) => server.handle_eof(),
            Ok(n) => {
                log.received.extend_from_slice(&buf[..n]);
                server.handle_input(&buf[..n]);
            }
        }
    }
}

/// `count` chats from `flood@localhost`, numbered.
fn flood(server: &mut Server, to: &FullJid, count: usize) {
    for i in 0..count {
        let mut message = Message::chat(to.clone().into(), format!("flood {i}"));
        message.from = Some("flood@localhost".parse().unwrap());
        server.send(message).unwrap();
    }
}

// ---------------------------------------------------------------------------
// Helpers of the tests.

/// `future`, or the test fails after `limit`.
async fn within<F: std::future::Future>(limit: Duration, future: F) -> F::Output {
    match tokio::time::timeout(limit, future).await {
        Ok(output) => output,
        Err(_) => panic!("no outcome within {limit:?}"),
    }
}

fn juliet() -> BareJid {
    "juliet@localhost".parse().unwrap()
}

fn balcony() -> ResourcePart {
    "balcony".parse().unwrap()
}

fn builder(pki: &Pki, mode: Mode, port: u16) -> jabber_tokio::ClientBuilder {
    let builder = Client::builder(juliet(), PASSWORD)
        .tls(client_tls(pki))
        .resource(balcony())
        .keepalive(KeepAlive::Off)
        .login_timeout(Duration::from_secs(10));
    match mode {
        Mode::StartTls => builder.server("127.0.0.1", port),
        Mode::Direct => builder.direct_tls("127.0.0.1", port),
    }
}

/// A chat to `echo@localhost` comes back from it.
async fn chat_round_trip(client: &mut Client) {
    let echo: Jid = "echo@localhost".parse().unwrap();
    client.send(Message::chat(echo.clone(), "wherefore art thou")).await.unwrap();
    let event = within(LIMIT, client.next_event()).await.expect("an event");
    let ClientEvent::Stanza(Stanza::Message(message)) = event else {
        panic!("not the echo: {event:?}");
    };
    assert_eq!(message.body(), Some("wherefore art thou"));
    assert_eq!(message.from, Some(echo));
    assert_eq!(message.to.as_ref().map(Jid::as_str), Some("juliet@localhost/balcony"));
}

/// A `Query` to the server gets its answer.
async fn query_round_trip(client: &Client) {
    let iq = Iq::get("", &Query { answer: None }).with_to("localhost".parse().unwrap());
    let result = within(LIMIT, client.request(iq)).await.unwrap();
    assert!(matches!(result.kind, IqKind::Result(Some(_))), "{result:?}");
    assert_eq!(result.from.as_ref().map(Jid::as_str), Some("localhost"));
    assert_eq!(result.payload::<Query>(), Some(Ok(Query { answer: Some("42".into()) })));
}

/// A full login, a chat and a request each way, a clean close.
async fn full_session(setup: Setup, pki: &Pki, expected: Mechanism) -> Log {
    let mode = setup.mode;
    let (port, server) = start_server(setup).await;
    let mut client = within(LIMIT, builder(pki, mode, port).connect()).await.unwrap();
    assert_eq!(client.jid().as_str(), "juliet@localhost/balcony");
    assert_eq!(client.mechanism(), Some(expected));
    assert!(client.is_secure());
    // The -PLUS mechanisms here come with TLS 1.3 (the adapter binds only there); the others
    // are the TLS 1.2 servers'.
    let version = if expected.channel_binding() { ProtocolVersion::TLSv1_3 } else { ProtocolVersion::TLSv1_2 };
    assert_eq!(client.tls_version(), Some(version));

    chat_round_trip(&mut client).await;
    query_round_trip(&client).await;

    within(LIMIT, client.close()).await.unwrap();
    let log = within(LIMIT, server).await.unwrap();
    assert_eq!(log.mechanism, Some(expected));
    assert_eq!(log.bound.as_ref().map(FullJid::as_str), Some("juliet@localhost/balcony"));
    assert!(log.auth_failures.is_empty(), "{:?}", log.auth_failures);
    assert_eq!(log.messages.len(), 1);
    // A clean close: the client's `</stream:stream>`, no failure.
    assert!(log.closed);
    assert!(log.failed.is_none(), "{:?}", log.failed);
    assert!(log.received("</stream:stream>"));
    log
}

// ---------------------------------------------------------------------------
// 1, 2, 3: logins.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starttls_login_with_scram_sha_512_plus() {
    let pki = pki(&["localhost"]);
    let log = full_session(Setup::new(Mode::StartTls, &pki), &pki, Mechanism::ScramSha512Plus).await;
    assert_eq!(log.tls_version, Some(ProtocolVersion::TLSv1_3));
    // XEP-0440: the server listed its binding type; the client bound to it.
    assert!(log.sent("SCRAM-SHA-512-PLUS"));
    assert!(log.sent("tls-exporter"));
    assert!(log.received("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-512-PLUS'"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn direct_tls_login_with_scram_sha_512_plus() {
    let pki = pki(&["localhost"]);
    let log = full_session(Setup::new(Mode::Direct, &pki), &pki, Mechanism::ScramSha512Plus).await;
    assert_eq!(log.tls_version, Some(ProtocolVersion::TLSv1_3));
    assert!(log.sent("tls-exporter"));
    // No STARTTLS over direct TLS.
    assert!(!log.sent("starttls"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_1_2_server_gets_scram_sha_512_without_binding() {
    let pki = pki(&["localhost"]);
    let setup = Setup { tls: rustls_server(&pki, TLS12_ONLY), ..Setup::new(Mode::StartTls, &pki) };
    let log = full_session(setup, &pki, Mechanism::ScramSha512).await;
    assert_eq!(log.tls_version, Some(ProtocolVersion::TLSv1_2));
    assert!(log.sent("<mechanism>SCRAM-SHA-512</mechanism>"));
    assert!(!log.sent("-PLUS"));
    // gs2-header `n,,` (base64 `biws`): the client has no binding to offer.
    assert!(log.received("mechanism='SCRAM-SHA-512'>biws"));
}

/// A server that does offer `-PLUS` over TLS 1.2: the adapter has no
/// binding there, so the client takes plain SCRAM with the `n` flag (not
/// `y`, which the server would take for a downgrade, RFC 5802 §6).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_1_2_server_offering_plus_gets_scram_sha_512_with_flag_n() {
    let pki = pki(&["localhost"]);
    let setup =
        Setup { tls: rustls_server(&pki, TLS12_ONLY), binding: Binding::Always, ..Setup::new(Mode::StartTls, &pki) };
    let log = full_session(setup, &pki, Mechanism::ScramSha512).await;
    assert_eq!(log.tls_version, Some(ProtocolVersion::TLSv1_2));
    assert!(log.sent("SCRAM-SHA-512-PLUS"));
    assert!(log.received("mechanism='SCRAM-SHA-512'>biws"));
}

// ---------------------------------------------------------------------------
// 4: a certificate for another name.

fn assert_wrong_name(domain: &str, reason: &CertificateError) {
    assert_eq!(domain, "wrong.example");
    assert!(
        matches!(reason, CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }),
        "{reason:?}"
    );
}

fn wrong_name_client(pki: &Pki) -> jabber_tokio::ClientBuilder {
    Client::builder("juliet@wrong.example".parse().unwrap(), PASSWORD)
        .tls(client_tls(pki))
        .login_timeout(Duration::from_secs(10))
}

fn assert_nothing_of_the_password(log: &Log) {
    assert!(log.tls_error.is_some(), "the server's TLS accept should have failed");
    assert!(log.mechanism.is_none());
    assert!(!log.received("<auth"), "{}", String::from_utf8_lossy(&log.received));
    assert!(!log.received(PASSWORD));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starttls_refuses_a_certificate_for_another_name() {
    let pki = pki(&["localhost"]);
    let setup = Setup { domain: "wrong.example", ..Setup::new(Mode::StartTls, &pki) };
    let (port, server) = start_server(setup).await;
    let error = within(LIMIT, wrong_name_client(&pki).server("127.0.0.1", port).connect()).await.unwrap_err();
    match &error {
        Error::CertificateInvalid { domain, reason } => assert_wrong_name(domain, reason),
        other => panic!("{other:?}"),
    }
    let log = within(LIMIT, server).await.unwrap();
    assert_nothing_of_the_password(&log);
    // The plain part of the stream went as far as `<starttls/>`.
    assert!(log.received("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"));
}

/// Direct TLS reports the same refusal inside `Error::Connect` (the
/// connector tries every candidate address and lists each failure), not
/// as a top-level `Error::CertificateInvalid` as STARTTLS does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn direct_tls_refuses_a_certificate_for_another_name() {
    let pki = pki(&["localhost"]);
    let setup = Setup { domain: "wrong.example", ..Setup::new(Mode::Direct, &pki) };
    let (port, server) = start_server(setup).await;
    let error = within(LIMIT, wrong_name_client(&pki).direct_tls("127.0.0.1", port).connect()).await.unwrap_err();
    // The refused certificate comes first, not as one attempt of `Error::Connect`.
    match &error {
        Error::CertificateInvalid { domain, reason } => assert_wrong_name(domain, reason),
        other => panic!("{other:?}"),
    }
    let log = within(LIMIT, server).await.unwrap();
    assert_nothing_of_the_password(&log);
    assert!(log.received.is_empty());
}

// ---------------------------------------------------------------------------
// 5: a wrong password.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_is_not_authorized() {
    let pki = pki(&["localhost"]);
    let (port, server) = start_server(Setup::new(Mode::StartTls, &pki)).await;
    let error = within(
        LIMIT,
        Client::builder(juliet(), "not the password")
            .tls(client_tls(&pki))
            .server("127.0.0.1", port)
            .login_timeout(Duration::from_secs(10))
            .connect(),
    )
    .await
    .unwrap_err();
    match &error {
        Error::Session(jabber_session::Error::SaslFailure { condition: SaslCondition::NotAuthorized, .. }) => {}
        other => panic!("{other:?}"),
    }
    let log = within(LIMIT, server).await.unwrap();
    assert_eq!(log.mechanism, None);
    assert_eq!(log.auth_failures.len(), 1, "{:?}", log.auth_failures);
    assert!(log.sent("<not-authorized/>"));
    assert!(log.bound.is_none());
    // The client closed the stream after the failure.
    assert!(log.closed);
}

// ---------------------------------------------------------------------------
// 6: a request without answer.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_with_timeout_times_out() {
    let pki = pki(&["localhost"]);
    let (port, server) = start_server(Setup::new(Mode::StartTls, &pki)).await;
    let client = within(LIMIT, builder(&pki, Mode::StartTls, port).connect()).await.unwrap();

    let iq = Iq::get("silent-1", &Silent {}).with_to("localhost".parse().unwrap());
    let started = Instant::now();
    let error = within(LIMIT, client.request_with_timeout(iq, Duration::from_millis(300))).await.unwrap_err();
    let elapsed = started.elapsed();
    match &error {
        Error::NoResponse { id, reason: NoResponse::TimedOut } => assert_eq!(id, "silent-1"),
        other => panic!("{other:?}"),
    }
    // The machine's deadline, not the handle's fallback (timeout + 1 s).
    assert!(elapsed >= Duration::from_millis(290), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1200), "{elapsed:?}");

    // The stream is still fine.
    query_round_trip(&client).await;
    within(LIMIT, client.close()).await.unwrap();
    let log = within(LIMIT, server).await.unwrap();
    assert!(log.received("id='silent-1'"));
    assert!(log.closed && log.failed.is_none());
}

// ---------------------------------------------------------------------------
// 7: keepalive.

fn pinging(pki: &Pki, port: u16) -> jabber_tokio::ClientBuilder {
    builder(pki, Mode::StartTls, port)
        .keepalive(KeepAlive::Ping { interval: Duration::from_millis(200), timeout: Duration::from_millis(200) })
}

/// A client pinging a server that reads nothing after the bind (its
/// socket stays open): `Failed(Timeout)` after interval + timeout.
async fn silent_server_times_out(pki: &Pki) -> Client {
    let setup = Setup { after_bind: AfterBind::Mute, ..Setup::new(Mode::StartTls, pki) };
    let (port, _server) = start_server(setup).await;
    let mut client = within(LIMIT, pinging(pki, port).connect()).await.unwrap();
    let started = Instant::now();

    let event = within(Duration::from_secs(5), client.next_event()).await;
    match &event {
        Some(ClientEvent::Failed(jabber_session::Error::Timeout { silent_for })) => {
            assert!(*silent_for >= Duration::from_millis(200), "{silent_for:?}");
        }
        other => panic!("{other:?}"),
    }
    // Interval + timeout = 400 ms (generous bounds: a slow machine).
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(390), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    client
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keepalive_notices_a_silent_server() {
    let pki = pki(&["localhost"]);
    silent_server_times_out(&pki).await;
}

/// After the keepalive timeout the machine sends its stream error and
/// `</stream:stream>` and then waits for the peer's close, which a dead
/// peer never sends: nothing bounds that wait (no deadline in
/// `poll_timeout` once the stream is closing, none in the driver), so
/// `Closed` never comes and the connection is never dropped.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keepalive_failure_is_followed_by_closed() {
    let pki = pki(&["localhost"]);
    let mut client = silent_server_times_out(&pki).await;
    let event = within(Duration::from_secs(5), client.next_event()).await;
    assert_eq!(event, Some(ClientEvent::Closed));
    assert_eq!(within(LIMIT, client.next_event()).await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keepalive_pings_are_answered_and_invisible() {
    let pki = pki(&["localhost"]);
    let (port, server) = start_server(Setup::new(Mode::StartTls, &pki)).await;
    let mut client = within(LIMIT, pinging(&pki, port).connect()).await.unwrap();

    // More than three intervals without any event: no Failed, no ping
    // answers surfacing.
    let quiet = tokio::time::timeout(Duration::from_millis(1000), client.next_event()).await;
    assert!(quiet.is_err(), "unexpected event: {quiet:?}");

    // Still alive.
    chat_round_trip(&mut client).await;
    within(LIMIT, client.close()).await.unwrap();
    let log = within(LIMIT, server).await.unwrap();
    assert!(log.pings >= 3, "only {} pings in 1 s at 200 ms", log.pings);
    assert!(log.closed && log.failed.is_none(), "{:?}", log.failed);
}

// ---------------------------------------------------------------------------
// 8: the connection ends under the client.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn abrupt_end_of_connection() {
    let pki = pki(&["localhost"]);
    let setup = Setup { after_bind: AfterBind::Drop, ..Setup::new(Mode::StartTls, &pki) };
    let (port, server) = start_server(setup).await;
    let mut client = within(LIMIT, builder(&pki, Mode::StartTls, port).connect()).await.unwrap();
    within(LIMIT, server).await.unwrap();

    let event = within(LIMIT, client.next_event()).await;
    assert_eq!(event, Some(ClientEvent::Failed(jabber_session::Error::ConnectionLost)));
    assert_eq!(within(LIMIT, client.next_event()).await, Some(ClientEvent::Closed));
    assert_eq!(within(LIMIT, client.next_event()).await, None);

    let error = within(LIMIT, client.send(Message::chat(juliet().into(), "anyone?"))).await.unwrap_err();
    assert!(matches!(error, Error::Closed), "{error:?}");
    let iq = Iq::get("", &Query { answer: None });
    let error = within(LIMIT, client.request(iq)).await.unwrap_err();
    assert!(matches!(error, Error::Closed), "{error:?}");
    // What close() says of a connection that already broke.
    let closed = within(LIMIT, client.close()).await;
    assert!(matches!(&closed, Err(Error::Io(error)) if error.kind() == io::ErrorKind::UnexpectedEof), "{closed:?}");
}

// ---------------------------------------------------------------------------
// 9: a component.

#[derive(Debug, Default)]
struct ComponentLog {
    connected: Option<BareJid>,
    stanzas: Vec<Stanza>,
    failed: Option<jabber_session::Error>,
    closed: bool,
}

async fn component_server(secret: &'static str) -> (u16, JoinHandle<ComponentLog>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let task = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut server =
            ComponentServer::new(move |domain| (domain.as_str() == "pvr.localhost").then(|| secret.to_owned()));
        let mut log = ComponentLog::default();
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            while let Some(bytes) = server.poll_transmit() {
                stream.write_all(&bytes).await.unwrap();
            }
            let mut again = false;
            while let Some(event) = server.poll_event() {
                match event {
                    ComponentEvent::Connected(domain) => {
                        log.connected = Some(domain);
                        let mut message = Message::chat("tv@pvr.localhost".parse().unwrap(), "record it");
                        message.from = Some("juliet@localhost/balcony".parse().unwrap());
                        server.send(message).unwrap();
                        again = true;
                    }
                    ComponentEvent::Stanza(stanza) => log.stanzas.push(stanza),
                    ComponentEvent::Failed(error) => log.failed = Some(error),
                    ComponentEvent::Closed => {
                        log.closed = true;
                        while let Some(bytes) = server.poll_transmit() {
                            let _ = stream.write_all(&bytes).await;
                        }
                        let _ = stream.shutdown().await;
                        return log;
                    }
                    _ => {}
                }
            }
            if again {
                continue;
            }
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => server.handle_eof(),
                Ok(n) => server.handle_input(&buf[..n]),
            }
        }
    });
    (port, task)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn component_handshake_stanzas_and_close() {
    let (port, server) = component_server("s3cr3t").await;
    let domain: BareJid = "pvr.localhost".parse().unwrap();
    let mut component = within(LIMIT, Component::connect(domain.clone(), "s3cr3t", "127.0.0.1", port)).await.unwrap();
    assert_eq!(component.domain(), &domain);

    let event = within(LIMIT, component.next_event()).await.expect("an event");
    let ComponentEvent::Stanza(Stanza::Message(message)) = event else {
        panic!("{event:?}");
    };
    assert_eq!(message.body(), Some("record it"));
    assert_eq!(message.to.as_ref().map(Jid::as_str), Some("tv@pvr.localhost"));
    assert_eq!(message.from.as_ref().map(Jid::as_str), Some("juliet@localhost/balcony"));

    let mut reply = message.reply("recording").unwrap();
    reply.from = Some("tv@pvr.localhost".parse().unwrap());
    within(LIMIT, component.send(reply)).await.unwrap();

    within(LIMIT, component.close()).await.unwrap();
    let log = within(LIMIT, server).await.unwrap();
    assert_eq!(log.connected, Some(domain));
    assert!(log.failed.is_none(), "{:?}", log.failed);
    assert!(log.closed);
    assert_eq!(log.stanzas.len(), 1, "{:?}", log.stanzas);
    let Stanza::Message(received) = &log.stanzas[0] else {
        panic!("{:?}", log.stanzas);
    };
    assert_eq!(received.body(), Some("recording"));
    assert_eq!(received.from.as_ref().map(Jid::as_str), Some("tv@pvr.localhost"));
    assert_eq!(received.to.as_ref().map(Jid::as_str), Some("juliet@localhost/balcony"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn component_with_a_wrong_secret_is_refused() {
    let (port, server) = component_server("s3cr3t").await;
    let error = within(LIMIT, Component::connect("pvr.localhost".parse().unwrap(), "guess", "127.0.0.1", port))
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Session(jabber_session::Error::StreamError(_))), "{error:?}");
    let log = within(LIMIT, server).await.unwrap();
    assert!(matches!(log.failed, Some(jabber_session::Error::HandshakeFailed)), "{:?}", log.failed);
    assert!(log.connected.is_none());
}

// ---------------------------------------------------------------------------
// 10: backpressure.

const FLOOD: usize = 3000;

/// Reads the `FLOOD` messages, in order.
async fn read_flood(client: &mut Client) {
    for i in 0..FLOOD {
        let event = within(LIMIT, client.next_event()).await.expect("an event");
        let ClientEvent::Stanza(Stanza::Message(message)) = event else {
            panic!("event {i}: {event:?}");
        };
        assert_eq!(message.body(), Some(format!("flood {i}").as_str()));
    }
}

/// A request made before any event is read, while the server floods.
async fn stuck_request(client: &Client) {
    let iq = Iq::get("stuck-1", &Query { answer: None }).with_to("localhost".parse().unwrap());
    let started = Instant::now();
    let outcome = within(LIMIT, client.request_with_timeout(iq, Duration::from_millis(500))).await;
    let elapsed = started.elapsed();
    match &outcome {
        Err(Error::NoResponse { id, reason: NoResponse::TimedOut }) => assert_eq!(id, "stuck-1"),
        other => panic!("{other:?}"),
    }
    // The event queue is full, so the connection reads no more from the
    // server, but it still serves timers: the machine's deadline (500 ms)
    // ends the wait, not the handle's own bound (timeout + 1 s).
    assert!(elapsed >= Duration::from_millis(450) && elapsed < Duration::from_millis(1400), "{elapsed:?}");
}

/// The events after the flood within a short quiet time.
async fn events_after(client: &mut Client) -> Vec<ClientEvent> {
    let mut events = Vec::new();
    while let Ok(Some(event)) = tokio::time::timeout(Duration::from_millis(300), client.next_event()).await {
        events.push(event);
    }
    events
}

fn is_late_answer(event: &ClientEvent) -> bool {
    matches!(event, ClientEvent::Stanza(Stanza::Iq(iq))
        if iq.id == "stuck-1" && matches!(iq.kind, IqKind::Result(Some(_))))
}

/// As asked: the server sends 3000 messages right after the bind, the
/// application makes a request before reading any event. The request
/// times out by the handle's bound; once the application reads, the
/// messages come in order and the connection is fine. What becomes of
/// the server's answer is a race: if the driver took the request
/// before the queue was full, it went out at once, its deadline passed
/// while the driver was blocked, and the late answer surfaces as a
/// plain `Stanza(Iq)` event; if it took it only after the application
/// started reading, the answer comes within a fresh deadline and is
/// dropped with the abandoned reply channel.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_while_events_queue_up() {
    let pki = pki(&["localhost"]);
    let setup = Setup { after_bind: AfterBind::Flood(FLOOD), ..Setup::new(Mode::StartTls, &pki) };
    let (port, server) = start_server(setup).await;
    let mut client = within(LIMIT, builder(&pki, Mode::StartTls, port).connect()).await.unwrap();

    stuck_request(&client).await;
    read_flood(&mut client).await;
    query_round_trip(&client).await;
    let after = events_after(&mut client).await;
    assert!(after.is_empty() || (after.len() == 1 && is_late_answer(&after[0])), "{after:?}");
    eprintln!("late answer surfaced as an event: {}", !after.is_empty());

    within(LIMIT, client.close()).await.unwrap();
    let log = within(LIMIT, server).await.unwrap();
    assert!(log.received("id='stuck-1'"));
    assert!(log.closed && log.failed.is_none(), "{:?}", log.failed);
}

/// The same made deterministic: the server answers the request only
/// after 3000 messages. The request went out at once; its deadline
/// passed while the driver was blocked on the full queue; the machine
/// forgot it, and the answer, arriving after the flood, is handed to the
/// application as an ordinary `Stanza(Iq)` result.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn late_answer_to_a_stuck_request_is_a_stanza_event() {
    let pki = pki(&["localhost"]);
    let setup = Setup { after_bind: AfterBind::FloodBeforeAnswer(FLOOD), ..Setup::new(Mode::StartTls, &pki) };
    let (port, server) = start_server(setup).await;
    let mut client = within(LIMIT, builder(&pki, Mode::StartTls, port).connect()).await.unwrap();

    stuck_request(&client).await;
    read_flood(&mut client).await;
    let event = within(LIMIT, client.next_event()).await.expect("an event");
    assert!(is_late_answer(&event), "{event:?}");
    query_round_trip(&client).await;
    assert!(events_after(&mut client).await.is_empty());

    within(LIMIT, client.close()).await.unwrap();
    let log = within(LIMIT, server).await.unwrap();
    assert!(log.closed && log.failed.is_none(), "{:?}", log.failed);
}

// ---------------------------------------------------------------------------
// Closing against a server that does not answer.

/// `close()` against a server that never closes its side (nor reads):
/// `</stream:stream>` goes out and `close()` waits for the server's at most
/// `jabber_session::CLOSE_TIMEOUT` (RFC 6120 §4.4 lets the closing side
/// drop the TCP connection after a reasonable time).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_against_a_silent_server() {
    let pki = pki(&["localhost"]);
    let setup = Setup { after_bind: AfterBind::Mute, ..Setup::new(Mode::StartTls, &pki) };
    let (port, _server) = start_server(setup).await;
    let client = within(LIMIT, builder(&pki, Mode::StartTls, port).connect()).await.unwrap();
    let started = Instant::now();
    let limit = jabber_session::CLOSE_TIMEOUT + Duration::from_secs(5);
    let closed = tokio::time::timeout(limit, client.close()).await;
    assert!(matches!(closed, Ok(Ok(()))), "{closed:?} after {:?}", started.elapsed());
    assert!(started.elapsed() >= jabber_session::CLOSE_TIMEOUT - Duration::from_millis(500));
}

// ---------------------------------------------------------------------------
// An abandoned login leaves nothing behind.

/// A server that accepts and never says a word: the login times out, and
/// the connection's task gives up on the server's close after
/// `jabber_session::CLOSE_TIMEOUT` and drops the socket (before, with no
/// byte read, its deadlines were never armed and the task lived forever).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_abandoned_login_closes_the_connection() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut received = Vec::new();
        // Read until the client drops the connection; say nothing.
        let mut buf = [0u8; 1024];
        while let Ok(n) = socket.read(&mut buf).await {
            if n == 0 {
                break;
            }
            received.extend_from_slice(&buf[..n]);
        }
        received
    });
    let error = Client::builder(juliet(), PASSWORD)
        .insecure_plain("127.0.0.1", port)
        .login_timeout(Duration::from_millis(500))
        .connect()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    let limit = jabber_session::CLOSE_TIMEOUT + Duration::from_secs(5);
    let received = within(limit, server).await.unwrap();
    let received = String::from_utf8_lossy(&received);
    assert!(received.starts_with("<?xml") || received.starts_with("<stream:stream"), "{received}");
    assert!(received.ends_with("</stream:stream>"), "{received}");
}
