//! Interop with real servers, run by `scripts/interop.sh`, which starts Prosody, then ejabberd,
//! on 127.0.0.1 / ::1 (one at a time, `scripts/interop/SERVER.sh`) and runs these tests against
//! each with `JABBER_INTEROP_SERVER` (`prosody` or `ejabberd`), `JABBER_INTEROP_HOST`,
//! `JABBER_INTEROP_PORT` (c2s, STARTTLS required), `JABBER_INTEROP_DIRECT_TLS_PORT` (c2s,
//! XEP-0368 direct TLS), `JABBER_INTEROP_DOMAIN`, `JABBER_INTEROP_COMPONENT_PORT` (XEP-0114, plain
//! TCP), `JABBER_INTEROP_CA` (the run's throw-away CA, PEM: the only root the tests trust),
//! `JABBER_INTEROP_STARTTLS_MAX_TLS` / `JABBER_INTEROP_DIRECT_TLS_MAX_TLS` (1.2 or 1.3),
//! `JABBER_INTEROP_WRONG_DOMAIN` (a host that presents the localhost certificate) and
//! `JABBER_INTEROP_BOT` (the JID of `examples/bot.rs`, running against the server) set.
//! Ignored by `cargo test`; the scripts run them with `--ignored --test-threads=1`. Users are
//! `USER@DOMAIN` with password `USER-pw`. Where the servers differ, the test says which does what.
//!
//! Every login goes through the async adapter (`jabber::tokio::Client`, wrapped for blocking
//! use in `support/adapter.rs`), over STARTTLS with the run's CA unless a test says otherwise;
//! the tests that read the stream themselves use the adapter's transport (`Connector`,
//! `Transport::upgrade`). `interop_matrix` logs in with each mechanism over each TLS port and
//! prints one `interop-matrix SERVER MODE TLS MECHANISM RESULT` line per cell (to stderr, and
//! appended to the file `JABBER_INTEROP_REPORT` names, if set).
//!
//! The tests of `jabber-ext` (issue 12) are numbered by step: `muc_1` to `muc_4` (XEP-0045: a
//! room created and configured, two occupants talking and changing the subject, a kick, the
//! room's disco#info), `pubsub_5` (XEP-0060), `pep_6` (XEP-0163 with XEP-0115 `+notify`) and
//! `caps_7` (each server's own caps against its disco#info). Rooms, nodes and items are named
//! after a token of the run (`run()`), so that the tests pass again against the same server.

#[path = "support/adapter.rs"]
mod adapter;

use std::time::{Duration, Instant};

use adapter::{BoxError, Connection, Login, TlsMode, Trust};
use jabber::ext::caps::{self, Caps, Hash};
use jabber::ext::disco::{Identity, InfoQuery, InfoResult, Responder};
use jabber::ext::form_type::TypedForm;
use jabber::ext::forms::{DataForm, FormKind};
use jabber::ext::muc::{
    self, Admin, Affiliation, ConfigForm, ConfigRequest, Feature, History, JoinError, MaxUsers, MucUser, OccupantEvent,
    Occupants, Owner, Removal, Role, RoomConfig, RoomInfo, RoomPresence, Status, Whois,
};
use jabber::ext::ns;
use jabber::ext::pep::{self, PepEvent};
use jabber::ext::ping::Ping;
use jabber::ext::pubsub::errors::Condition as PubsubCondition;
use jabber::ext::pubsub::event::Event as PubsubEvent;
use jabber::ext::pubsub::{self, Item as PubsubItem, PublishResult, Response, SubscriptionState};
use jabber::jid::{BareJid, Jid};
use jabber::session::sasl::Mechanism;
use jabber::session::{ClientEvent, ComponentEvent, Random};
use jabber::stanza::{
    Action, Block, Blocklist, BlocklistRequest, DefinedCondition, ErrorType, Iq, IqKind, Matcher, Message, MessageType,
    Payload, Presence, PresenceType, PrivacyItem, PrivacyList, PrivacyQuery, Requirement, RosterItem, RosterQuery,
    Sasl, SaslCondition, Stanza, StanzaKinds, StartTls, StreamFeatures, Subscription, Thread, Unblock, Value,
    roster_push,
};
use jabber::stream::{Element, StreamEvent, StreamHeader, StreamParser, Version};
use jabber::tokio::rustls::pki_types::ServerName;
use jabber::tokio::rustls::{CertificateError, ProtocolVersion};
use jabber::tokio::{Candidate, Connector, TlsConfig, Transport};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run these tests with scripts/interop.sh"))
}

/// The server under test, from `JABBER_INTEROP_SERVER`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Server {
    /// Prosody 0.12 (Debian 12).
    Prosody,
    /// ejabberd 23.01 (Debian 12).
    Ejabberd,
}

fn server() -> Server {
    match env("JABBER_INTEROP_SERVER").as_str() {
        "prosody" => Server::Prosody,
        "ejabberd" => Server::Ejabberd,
        other => panic!("JABBER_INTEROP_SERVER={other}: expected prosody or ejabberd"),
    }
}

fn host() -> String {
    env("JABBER_INTEROP_HOST")
}

fn port(name: &str) -> u16 {
    env(name).parse().unwrap_or_else(|_| panic!("{name} is not a port number"))
}

/// The c2s port (STARTTLS required) or the direct TLS port, `HOST:PORT`.
fn address(mode: TlsMode) -> String {
    format!("{}:{}", host(), mode_port(mode))
}

fn mode_port(mode: TlsMode) -> u16 {
    match mode {
        TlsMode::StartTls => port("JABBER_INTEROP_PORT"),
        TlsMode::Direct => port("JABBER_INTEROP_DIRECT_TLS_PORT"),
    }
}

fn domain() -> String {
    env("JABBER_INTEROP_DOMAIN")
}

/// The run's throw-away CA: the only root the tests trust.
fn ca() -> Trust {
    Trust::Ca(env("JABBER_INTEROP_CA").into())
}

fn tls_config() -> Result<TlsConfig, BoxError> {
    Ok(TlsConfig::from_pem_file(env("JABBER_INTEROP_CA"))?)
}

/// How `user` logs in: with its password, over `mode`, trusting the run's CA.
fn login_as(user: &str, resource: Option<&str>, mechanisms: &[Mechanism], mode: TlsMode) -> Login {
    Login {
        address: address(mode),
        account: bare(user),
        password: format!("{user}-pw"),
        resource: resource.map(str::to_owned),
        mechanisms: mechanisms.to_vec(),
        tls: mode,
        trust: ca(),
    }
}

fn login_with(user: &str, resource: &str, mechanisms: &[Mechanism]) -> Result<Connection, BoxError> {
    Ok(Connection::login(&login_as(user, Some(resource), mechanisms, TlsMode::StartTls))?)
}

/// Logs in over STARTTLS with the client's default mechanisms (all of them, strongest first).
fn login(user: &str, resource: &str) -> Result<Connection, BoxError> {
    login_with(user, resource, &Mechanism::ALL)
}

fn bare(user: &str) -> BareJid {
    format!("{user}@{}", domain()).parse().unwrap()
}

/// Closes the stream, after checking that the client read everything the server sent cleanly
/// (no invalid stanza, no stanza with a `malformed` list).
fn done(connection: Connection) -> Result<(), BoxError> {
    assert!(connection.complaints.is_empty(), "{:?}: {:#?}", server(), connection.complaints);
    connection.close()
}

/// An iq get to `to` with a raw payload element (for namespaces `jabber-ext` will model).
fn get(to: &str, payload: Element) -> Iq {
    let mut iq = Iq::empty_result("");
    iq.kind = IqKind::Get(payload);
    iq.to = Some(to.parse().expect("a valid JID"));
    iq
}

/// Runs `future` on a current-thread runtime of its own (for the tests that use the adapter's
/// async API directly).
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime").block_on(future)
}

/// A line for the closing note: to stderr, and appended to the file `JABBER_INTEROP_REPORT`
/// names (scripts/interop/common.sh prints it after the tests).
fn report(line: &str) {
    eprintln!("{line}");
    if let Some(path) = std::env::var_os("JABBER_INTEROP_REPORT") {
        use std::io::Write as _;
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path).expect("the report file");
        writeln!(file, "{line}").expect("writing the report file");
    }
}

fn mode_name(mode: TlsMode) -> &'static str {
    match mode {
        TlsMode::StartTls => "starttls",
        TlsMode::Direct => "direct",
    }
}

fn server_name() -> &'static str {
    match server() {
        Server::Prosody => "prosody",
        Server::Ejabberd => "ejabberd",
    }
}

fn version_name(version: Option<ProtocolVersion>) -> String {
    match version {
        Some(ProtocolVersion::TLSv1_2) => "TLSv1.2".into(),
        Some(ProtocolVersion::TLSv1_3) => "TLSv1.3".into(),
        Some(other) => format!("{other:?}"),
        None => "no-TLS".into(),
    }
}

/// The TLS version a port speaks at most, as the server script says
/// (`JABBER_INTEROP_STARTTLS_MAX_TLS`, `JABBER_INTEROP_DIRECT_TLS_MAX_TLS`): what rustls, which
/// offers 1.3 and 1.2, gets.
fn expected_tls(mode: TlsMode) -> String {
    let name = match mode {
        TlsMode::StartTls => "JABBER_INTEROP_STARTTLS_MAX_TLS",
        TlsMode::Direct => "JABBER_INTEROP_DIRECT_TLS_MAX_TLS",
    };
    format!("TLSv{}", env(name))
}

/// The SASL mechanisms each server offers once TLS is on, sorted. Prosody 0.12 binds channels
/// with tls-unique only, which TLS 1.3 lacks: it offers -PLUS on its STARTTLS port (TLS 1.2) and
/// not on its direct TLS port (TLS 1.3). ejabberd 23.01 offers -PLUS on both (TLS 1.3 too).
/// Passwords stored as given (internal_plain, auth_password_format: plain): every SCRAM hash
/// each has.
fn expected_mechanisms(mode: TlsMode) -> &'static [&'static str] {
    match (server(), mode) {
        (Server::Prosody, TlsMode::StartTls) => {
            &["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-256-PLUS"]
        }
        (Server::Prosody, TlsMode::Direct) => &["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"],
        (Server::Ejabberd, _) => &[
            "PLAIN",
            "SCRAM-SHA-1",
            "SCRAM-SHA-1-PLUS",
            "SCRAM-SHA-256",
            "SCRAM-SHA-256-PLUS",
            "SCRAM-SHA-512",
            "SCRAM-SHA-512-PLUS",
        ],
    }
}

/// A stream read and written by hand over the adapter's transport (`Connector`,
/// `Transport::upgrade`), parsed by our own parser and typed models.
struct Raw {
    transport: Transport,
    parser: StreamParser,
}

impl Raw {
    /// TCP to the c2s port (plain until STARTTLS), or TCP and TLS to the direct TLS port (the
    /// certificate checked against the domain with the run's CA).
    async fn connect(mode: TlsMode) -> Result<Raw, BoxError> {
        let candidate = match mode {
            TlsMode::StartTls => Candidate::starttls(host(), mode_port(mode)),
            TlsMode::Direct => Candidate::direct(host(), mode_port(mode)),
        };
        let connection = Connector::new(domain(), tls_config()?).connect(&[candidate]).await?;
        Ok(Raw { transport: connection.transport, parser: StreamParser::new() })
    }

    /// TLS by either way, the stream (re)opened over it: its header and its first features.
    async fn secured(mode: TlsMode) -> Result<(Raw, StreamHeader, StreamFeatures), BoxError> {
        let mut raw = Raw::connect(mode).await?;
        if mode == TlsMode::StartTls {
            raw.open().await?;
            StreamFeatures::parse(&raw.next().await?)?;
            raw = raw.start_tls().await?;
        }
        let header = raw.open().await?;
        let features = StreamFeatures::parse(&raw.next().await?)?;
        Ok((raw, header, features))
    }

    async fn write(&mut self, bytes: &[u8]) -> Result<(), BoxError> {
        self.transport.write_all(bytes).await?;
        self.transport.flush().await?;
        Ok(())
    }

    /// Opens a stream (RFC 6120 §4.2; again after TLS, §5.4.3.3, and after SASL, §6.4.6: on a
    /// new parser) and reads the server's header.
    async fn open(&mut self) -> Result<StreamHeader, BoxError> {
        self.parser = StreamParser::new();
        let header = format!(
            "<?xml version='1.0'?><stream:stream xmlns='jabber:client' \
             xmlns:stream='http://etherx.jabber.org/streams' to='{}' version='1.0' xml:lang='en'>",
            domain()
        );
        self.write(header.as_bytes()).await?;
        match self.event().await? {
            StreamEvent::Header(header) => Ok(*header),
            other => Err(format!("{:?}: {other:?} before the stream header", server()).into()),
        }
    }

    /// The next first-level element (10 s at most).
    async fn next(&mut self) -> Result<Element, BoxError> {
        match self.event().await? {
            StreamEvent::Element(element) => Ok(element),
            StreamEvent::Close => Err("the server closed the stream".into()),
            other => Err(format!("{other:?} where an element was due").into()),
        }
    }

    async fn event(&mut self) -> Result<StreamEvent, BoxError> {
        let mut buf = [0u8; 8192];
        loop {
            if let Some(event) = self.parser.next_event()? {
                return Ok(event);
            }
            let read = tokio::time::timeout(Duration::from_secs(10), self.transport.read(&mut buf));
            match read.await.map_err(|_| "nothing from the server in 10 s")?? {
                0 => return Err("the server closed the connection".into()),
                n => self.parser.feed(&buf[..n]),
            }
        }
    }

    /// STARTTLS (RFC 6120 §5.4.2): `<starttls/>`, `<proceed/>`, then the TLS handshake over the
    /// same TCP connection, the certificate checked against the domain.
    async fn start_tls(mut self) -> Result<Raw, BoxError> {
        self.write(StartTls::Request.to_element().to_string().as_bytes()).await?;
        let answer = StartTls::parse(&self.next().await?)?;
        assert_eq!(answer, StartTls::Proceed, "{:?}", server());
        let transport = self.transport.upgrade(&domain(), &tls_config()?).await?;
        Ok(Raw { transport, parser: StreamParser::new() })
    }

    fn tls_version(&self) -> String {
        version_name(self.transport.protocol_version())
    }

    async fn close(mut self) -> Result<(), BoxError> {
        self.write(b"</stream:stream>").await
    }
}

/// The first stream header of a server, as both ports send it (RFC 6120 §4.7).
fn check_header(header: &StreamHeader) {
    assert_eq!(header.from.as_ref().map(|f| f.as_str().to_owned()), Some(domain()));
    assert_eq!(header.version, Some(Version::V1_0));
    assert!(header.id.as_deref().is_some_and(|id| !id.is_empty()), "{header:?}");
    assert_eq!(header.lang.as_deref(), Some("en"));
}

/// The mechanisms in `features`, sorted (the order differs from run to run on Prosody;
/// ejabberd lists PLAIN, then SCRAM from the strongest hash down; our client picks by its own
/// preference anyway).
fn sorted_mechanisms(features: &StreamFeatures) -> Result<Vec<String>, BoxError> {
    let mut offered = features.mechanisms.clone().ok_or_else(|| format!("no SASL mechanisms in {features:?}"))?;
    offered.sort();
    Ok(offered)
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn stream_header_and_features() -> Result<(), BoxError> {
    // The c2s port, over plain TCP: the first header and features, read by our own parser and
    // typed model (RFC 6120 §4.3). TLS is required, so STARTTLS is offered as required and
    // nothing else, no SASL mechanism in particular (RFC 6120 §5.3.1, §5.4.1).
    block_on(async {
        let mut raw = Raw::connect(TlsMode::StartTls).await?;
        assert!(!raw.transport.is_tls());
        check_header(&raw.open().await?);
        let features = StreamFeatures::parse(&raw.next().await?)?;
        assert!(features.malformed.is_empty(), "{features:?}");
        assert_eq!(features.starttls, Some(Requirement::Required), "{:?}: {features:?}", server());
        assert_eq!(features.mechanisms, None, "{:?}: mechanisms before TLS", server());
        assert!(!features.bind, "bind is offered only after SASL");

        // STARTTLS, then the stream restarted over TLS: the mechanisms, no STARTTLS again.
        let mut raw = raw.start_tls().await?;
        assert_eq!(raw.tls_version(), expected_tls(TlsMode::StartTls), "{:?}", server());
        check_header(&raw.open().await?);
        let features = StreamFeatures::parse(&raw.next().await?)?;
        assert!(features.malformed.is_empty(), "{features:?}");
        assert_eq!(features.starttls, None, "{features:?}");
        assert!(!features.bind, "bind is offered only after SASL");
        let offered = sorted_mechanisms(&features)?;
        eprintln!("{:?} offers after STARTTLS ({}): {offered:?}", server(), raw.tls_version());
        assert_eq!(offered, expected_mechanisms(TlsMode::StartTls));
        raw.close().await
    })
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn direct_tls_header_and_features() -> Result<(), BoxError> {
    // The direct TLS port (XEP-0368): TLS from the first byte, then the same header, and the
    // mechanisms at once (no STARTTLS over TLS, XEP-0368 §3 rule 5).
    block_on(async {
        let mut raw = Raw::connect(TlsMode::Direct).await?;
        assert!(raw.transport.is_tls());
        assert_eq!(raw.tls_version(), expected_tls(TlsMode::Direct), "{:?}", server());
        let alpn = raw.transport.alpn_protocol().map(|p| String::from_utf8_lossy(p).into_owned());
        check_header(&raw.open().await?);
        let features = StreamFeatures::parse(&raw.next().await?)?;
        assert!(features.malformed.is_empty(), "{features:?}");
        assert_eq!(features.starttls, None, "{:?}: STARTTLS over TLS: {features:?}", server());
        assert!(!features.bind, "bind is offered only after SASL");
        let offered = sorted_mechanisms(&features)?;
        eprintln!("{:?} offers over direct TLS ({}, ALPN {alpn:?}): {offered:?}", server(), raw.tls_version());
        assert_eq!(offered, expected_mechanisms(TlsMode::Direct));
        raw.close().await
    })
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn logs_in_with_each_mechanism_and_binds() -> Result<(), BoxError> {
    for mechanism in [Mechanism::ScramSha256, Mechanism::ScramSha1, Mechanism::Plain] {
        let connection = login_with("alice", "mechanisms", &[mechanism])?;
        assert_eq!(connection.mechanism, Some(mechanism));
        assert!(connection.secure);
        assert_eq!(connection.jid().as_str(), format!("alice@{}/mechanisms", domain()));
        done(connection)?;
    }
    // A wrong password is refused with not-authorized (RFC 6120 §6.5.10).
    let mut wrong = login_as("alice", None, &[Mechanism::ScramSha256], TlsMode::StartTls);
    wrong.password = "wrong".into();
    let error = Connection::login(&wrong).err().expect("a wrong password fails");
    assert!(
        matches!(
            &error,
            jabber::tokio::Error::Session(jabber::session::Error::SaslFailure {
                condition: SaslCondition::NotAuthorized,
                ..
            })
        ),
        "{error:?}"
    );
    Ok(())
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn server_assigned_resource() -> Result<(), BoxError> {
    let connection = Connection::login(&login_as("bob", None, &Mechanism::ALL, TlsMode::StartTls))?;
    assert_eq!(connection.jid().to_bare(), bare("bob"));
    assert!(!connection.jid().resource().is_empty());
    done(connection)
}

/// What logging in with `allowed` over `mode` gives, by what the server offers there
/// (`expected_mechanisms`): the strongest offered mechanism of `allowed` without -PLUS, or
/// `NoMechanism`. The client never picks a -PLUS mechanism on these servers: it binds with
/// tls-exporter (TLS 1.3 only) and picks -PLUS only for a type the server lists (XEP-0440),
/// and neither server lists any (both bind tls-unique only).
fn expected_login(allowed: &[Mechanism], mode: TlsMode) -> Option<Mechanism> {
    let offered = expected_mechanisms(mode);
    Mechanism::ALL.into_iter().find(|m| allowed.contains(m) && !m.channel_binding() && offered.contains(&m.name()))
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn interop_matrix() -> Result<(), BoxError> {
    // For each TLS port, a login with each mechanism alone, then with all of them (the client's
    // default): one `interop-matrix` line per cell, with the TLS version the client's stream
    // has (`Client::tls_version`), the same as a raw connection to the port.
    let mut wrong = Vec::new();
    for mode in [TlsMode::StartTls, TlsMode::Direct] {
        let tls = block_on(async {
            let (raw, _, _) = Raw::secured(mode).await?;
            let version = raw.tls_version();
            raw.close().await?;
            Ok::<_, BoxError>(version)
        })?;
        assert_eq!(tls, expected_tls(mode), "{:?}", server());
        let cells = Mechanism::ALL.into_iter().map(|m| (m.name().to_owned(), vec![m]));
        for (cell, allowed) in cells.chain([("default".to_owned(), Mechanism::ALL.to_vec())]) {
            let outcome = Connection::login(&login_as("alice", Some("matrix"), &allowed, mode));
            let expected = expected_login(&allowed, mode);
            let (result, right) = match (&outcome, expected) {
                (Ok(connection), Some(expected)) => {
                    let used = connection.mechanism.map_or("?", |m| m.name());
                    let result = if allowed.len() == 1 { "ok".to_owned() } else { format!("ok {used}") };
                    let same_tls = version_name(connection.tls_version) == tls;
                    (result, connection.mechanism == Some(expected) && connection.secure && same_tls)
                }
                (Ok(connection), None) => (format!("ok {:?} (expected NoMechanism)", connection.mechanism), false),
                (Err(jabber::tokio::Error::Session(error)), expected) => {
                    let why = match allowed.as_slice() {
                        [m] if !expected_mechanisms(mode).contains(&m.name()) => " (not offered)",
                        [m] if m.channel_binding() => " (offered; the server lists no channel binding)",
                        _ => "",
                    };
                    (format!("{error:?}{why}"), expected.is_none() && *error == jabber::session::Error::NoMechanism)
                }
                (Err(error), _) => (format!("error {error:?}"), false),
            };
            report(&format!("interop-matrix {} {} {tls} {cell} {result}", server_name(), mode_name(mode)));
            if !right {
                wrong.push(format!("{} {cell}: {result}, expected {expected:?}", mode_name(mode)));
            }
            if let Ok(connection) = outcome {
                done(connection)?;
            }
        }
    }
    assert!(wrong.is_empty(), "{:?}: {wrong:#?}", server());
    Ok(())
}

/// `Connection::login` over `mode` as `account` (alice's password), trusting `trust`: the error.
fn refused(account: &str, mode: TlsMode, trust: Trust) -> Result<jabber::tokio::Error, BoxError> {
    let login = Login {
        address: address(mode),
        account: account.parse()?,
        password: "alice-pw".into(),
        resource: None,
        mechanisms: Mechanism::ALL.to_vec(),
        tls: mode,
        trust,
    };
    match Connection::login(&login) {
        Ok(connection) => Err(format!("{:?}: logged in as {} over {mode:?}", server(), connection.jid()).into()),
        Err(error) => Ok(error),
    }
}

/// The certificate error in a refused login: `Client::connect` reports a refused certificate as
/// `Error::CertificateInvalid` over either port (over direct TLS, where the handshake is part of
/// `Connector::connect`, rather than as one attempt of `Error::Connect`).
fn certificate_error(error: &jabber::tokio::Error) -> Option<(&str, &CertificateError)> {
    match error {
        jabber::tokio::Error::CertificateInvalid { domain, reason } => Some((domain, reason)),
        _ => None,
    }
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn certificate_for_another_name_is_refused() -> Result<(), BoxError> {
    // wrong.localhost is served on both ports with the localhost certificate (signed by the
    // trusted CA): the name does not match, RFC 6125 §6, RFC 7590 §3.2.
    let wrong_domain = env("JABBER_INTEROP_WRONG_DOMAIN");
    for mode in [TlsMode::StartTls, TlsMode::Direct] {
        let error = refused(&format!("alice@{wrong_domain}"), mode, ca())?;
        report(&format!("interop-wrong-name {} {} {error:?}", server_name(), mode_name(mode)));
        let Some((domain, reason)) = certificate_error(&error) else {
            panic!("{:?} {mode:?}: {error:?}", server());
        };
        assert_eq!(domain, wrong_domain);
        // rustls says what it looked for and what the certificate names (its subjectAltName).
        let expected = ServerName::try_from(wrong_domain.clone())?;
        let presented = ["DnsName(\"localhost\")", "IpAddress(127.0.0.1)", "IpAddress(0::1)"].map(String::from);
        assert_eq!(reason, &CertificateError::NotValidForNameContext { expected, presented: presented.to_vec() });
    }
    Ok(())
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn untrusted_certificate_is_refused() -> Result<(), BoxError> {
    // The platform's roots, without the run's CA: the chain leads nowhere trusted.
    for mode in [TlsMode::StartTls, TlsMode::Direct] {
        let error = refused(&format!("alice@{}", domain()), mode, Trust::Platform)?;
        report(&format!("interop-untrusted {} {} {error:?}", server_name(), mode_name(mode)));
        let Some((domain_checked, reason)) = certificate_error(&error) else {
            panic!("{:?} {mode:?}: {error:?}", server());
        };
        assert_eq!(domain_checked, domain());
        assert_eq!(reason, &CertificateError::UnknownIssuer);
    }
    Ok(())
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn bot_answers_a_message() -> Result<(), BoxError> {
    // examples/bot.rs runs as JABBER_INTEROP_BOT (scripts/interop/common.sh starts it): it
    // echoes a chat message's body to its sender, in the same thread.
    let bot: Jid = env("JABBER_INTEROP_BOT").parse()?;
    let mut alice = login("alice", "bot")?;
    let body = format!("Is this the way to the echo, {}?", run());
    let thread = Thread { id: format!("echo-{}", run()), parent: None };
    let mut message = Message::chat(bot.clone(), body.clone());
    message.thread = Some(thread.clone());
    alice.send(message)?;
    let echo = alice.wait_for("the bot's echo", |s| {
        matches!(s, Stanza::Message(m) if m.from.as_ref().is_some_and(|f| f.to_bare() == bot.to_bare()) && m.body().is_some())
    })?;
    let Stanza::Message(echo) = echo else { unreachable!() };
    assert_eq!(echo.body(), Some(body.as_str()));
    assert_eq!(echo.thread, Some(thread));
    assert_eq!(echo.kind, MessageType::Chat);
    assert_eq!(echo.to.as_ref(), Some(&Jid::from(alice.jid().clone())));
    done(alice)
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn roster_get_edit_push_and_remove() -> Result<(), BoxError> {
    // The roster is asked for first: pushes go to interested resources only (RFC 6121 §2.1.6).
    let mut alice = login("alice", "roster")?;
    let result = alice.request(Iq::get("", &RosterQuery::get(None)))?;
    let roster = result.payload::<RosterQuery>().expect("a roster result")?;
    if roster.items.iter().any(|i| i.jid.as_str() == "nurse@example.org") {
        // Left over by an earlier run that failed: removed (RFC 6121 §2.5), then a new stream,
        // so that the removal's push does not mix with this test's.
        let mut remove = RosterItem::new("nurse@example.org".parse()?);
        remove.subscription = Subscription::Remove;
        alice.request(Iq::set("", &RosterQuery::single(remove)))?;
        alice.close()?;
        alice = login("alice", "roster")?;
        let roster = alice.request(Iq::get("", &RosterQuery::get(None)))?.payload::<RosterQuery>().expect("roster")?;
        assert!(roster.items.iter().all(|i| i.jid.as_str() != "nurse@example.org"), "{roster:?}");
    }

    // Add an item: the server answers the set and pushes the item (RFC 6121 §2.3.2).
    let mut item = RosterItem::new("nurse@example.org".parse()?);
    item.name = Some("Nurse".into());
    item.groups = vec!["Servants".into()];
    let answer = alice.request(Iq::set("", &RosterQuery::single(item)))?;
    assert!(matches!(answer.kind, IqKind::Result(_)), "{answer:?}");
    let push = alice.wait_for(
        "the roster push",
        |s| matches!(s, Stanza::Iq(iq) if iq.payload::<RosterQuery>().is_some() && matches!(iq.kind, IqKind::Set(_))),
    )?;
    let Stanza::Iq(push) = push else { unreachable!() };
    let pushed = roster_push(&push, &bare("alice"))?;
    assert_eq!(pushed.items[0].jid.as_str(), "nurse@example.org");
    assert_eq!(pushed.items[0].name.as_deref(), Some("Nurse"));
    assert_eq!(pushed.items[0].subscription, Subscription::None);
    assert_eq!(pushed.items[0].groups, vec!["Servants".to_owned()]);
    alice.send(Stanza::Iq(push.reply_empty_result()))?;

    let roster = alice.request(Iq::get("", &RosterQuery::get(None)))?.payload::<RosterQuery>().expect("roster")?;
    assert!(roster.items.iter().any(|i| i.jid.as_str() == "nurse@example.org"));

    // Remove it (RFC 6121 §2.5).
    let mut remove = RosterItem::new("nurse@example.org".parse()?);
    remove.subscription = Subscription::Remove;
    alice.request(Iq::set("", &RosterQuery::single(remove)))?;
    let push = alice.wait_for("the removal push", |s| {
        matches!(s, Stanza::Iq(iq) if iq.payload::<RosterQuery>().is_some_and(|q| q.is_ok_and(|q| q.items.iter().any(|i| i.subscription == Subscription::Remove))))
    })?;
    if let Stanza::Iq(push) = push {
        alice.send(Stanza::Iq(push.reply_empty_result()))?;
    }
    done(alice)
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn subscription_handshake_and_message_delivery() -> Result<(), BoxError> {
    let mut alice = login("alice", "sub")?;
    let mut bob = login("bob", "sub")?;
    // Subscription presence goes to "interested resources" only, those that asked for the roster
    // (RFC 6121 §2.1.6, §3.1.6); Prosody is strict about it.
    for who in [&mut alice, &mut bob] {
        who.request(Iq::get("", &RosterQuery::get(None)))?;
    }
    // No subscription left over by an earlier test that failed (an existing one is approved by
    // the server without asking the contact).
    unfriend(&mut alice, "bob")?;
    unfriend(&mut bob, "alice")?;
    bob.send(Stanza::Presence(Presence::new()))?;
    alice.send(Stanza::Presence(Presence::new()))?;

    // RFC 6121 §3.1: alice asks, bob approves.
    alice.send(Stanza::Presence(Presence::of_type(PresenceType::Subscribe, bare("bob").into())))?;
    let request = bob.wait_for(
        "the subscription request",
        |s| matches!(s, Stanza::Presence(p) if p.kind == PresenceType::Subscribe),
    )?;
    assert_eq!(request.sender().map(|f| f.to_bare()), Some(bare("alice")));
    bob.send(Stanza::Presence(Presence::of_type(PresenceType::Subscribed, bare("alice").into())))?;
    let approved =
        alice.wait_for("the approval", |s| matches!(s, Stanza::Presence(p) if p.kind == PresenceType::Subscribed))?;
    assert_eq!(approved.sender().map(|f| f.to_bare()), Some(bare("bob")));
    // Alice's roster now says she is subscribed to bob (subscription 'to').
    let roster = alice.request(Iq::get("", &RosterQuery::get(None)))?.payload::<RosterQuery>().expect("roster")?;
    let item = roster.items.iter().find(|i| i.jid.to_bare() == bare("bob")).expect("bob is on alice's roster");
    assert!(matches!(item.subscription, Subscription::To | Subscription::Both), "{item:?}");
    // And bob's available presence reaches her.
    alice.wait_for("bob's presence", |s| {
        matches!(s, Stanza::Presence(p) if p.kind == PresenceType::Available && p.from.as_ref().is_some_and(|f| f.to_bare() == bare("bob")))
    })?;

    // A chat message from alice reaches bob with her full JID as `from`.
    let alice_jid: Jid = alice.jid().clone().into();
    alice.send(Stanza::Message(Message::chat(bob.jid().clone().into(), "Wherefore art thou?")))?;
    let got = bob.wait_for("alice's message", |s| matches!(s, Stanza::Message(m) if m.body().is_some()))?;
    let Stanza::Message(got) = got else { unreachable!() };
    assert_eq!(got.body(), Some("Wherefore art thou?"));
    assert_eq!(got.from.as_ref(), Some(&alice_jid));

    // Clean up: alice unsubscribes and removes bob, bob removes alice.
    for (who, other) in [(&mut alice, "bob"), (&mut bob, "alice")] {
        let mut remove = RosterItem::new(bare(other).into());
        remove.subscription = Subscription::Remove;
        who.request(Iq::set("", &RosterQuery::single(remove)))?;
    }
    done(alice)?;
    done(bob)
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn disco_ping_and_errors() -> Result<(), BoxError> {
    let mut alice = login("alice", "disco")?;
    let server = domain();

    // XEP-0030 disco#info: the server is an identity of category 'server'.
    let info = alice.request(get(&server, Element::new("query", "http://jabber.org/protocol/disco#info")))?;
    let query = info.payload_element().expect("disco#info result");
    let ns = "http://jabber.org/protocol/disco#info";
    assert!(query.children_named("identity", ns).any(|i| i.attr("category") == Some("server")), "{query}");
    let features: Vec<_> = query.children_named("feature", ns).filter_map(|f| f.attr("var")).collect();
    assert!(features.contains(&"urn:xmpp:ping"), "{features:?}");
    assert!(features.contains(&"urn:xmpp:blocking"), "{features:?}");

    // disco#items lists the components.
    let items = alice.request(get(&server, Element::new("query", "http://jabber.org/protocol/disco#items")))?;
    let query = items.payload_element().expect("disco#items result");
    let jids: Vec<_> =
        query.children_named("item", "http://jabber.org/protocol/disco#items").filter_map(|i| i.attr("jid")).collect();
    assert!(jids.contains(&format!("conference.{server}").as_str()), "{jids:?}");
    assert!(jids.contains(&format!("pubsub.{server}").as_str()), "{jids:?}");

    // XEP-0199 ping: an empty result.
    let pong = alice.request(get(&server, Element::new("ping", "urn:xmpp:ping")))?;
    assert_eq!(pong.kind, IqKind::Result(None));

    // An iq to a resource that is not online: service-unavailable (RFC 6121 §8.5.3.1).
    let to = format!("bob@{server}/nowhere");
    let error = alice.request(get(&to, Element::new("query", "jabber:iq:version")))?;
    let error = error.error().expect("an error");
    assert_eq!(error.condition, DefinedCondition::ServiceUnavailable);
    assert_eq!(error.kind, ErrorType::Cancel);

    // A pubsub node that does not exist: item-not-found (XEP-0060 §6.5.9.11).
    let items = Element::builder("pubsub", "http://jabber.org/protocol/pubsub")
        .child(Element::builder("items", "http://jabber.org/protocol/pubsub").attr("node", "no-such-node"))
        .build();
    let error = alice.request(get(&format!("pubsub.{server}"), items))?;
    assert_eq!(error.error().map(|e| e.condition.clone()), Some(DefinedCondition::ItemNotFound), "{error:?}");
    done(alice)
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn block_and_unblock() -> Result<(), BoxError> {
    let mut alice = login("alice", "block")?;
    let spammer: Jid = "spammer@example.org".parse()?;
    let list = alice.request(Iq::get("", &BlocklistRequest))?.payload::<Blocklist>().expect("blocklist")?;
    if list.items.contains(&spammer) {
        // Left over by an earlier run that failed: unblocked, then a new stream (which asks for
        // the blocklist again: pushes go to the resources that did), so that the unblock's pushes
        // do not mix with this test's.
        alice.request(Iq::set("", &Unblock::new(vec![spammer.clone()])))?;
        alice.close()?;
        alice = login("alice", "block")?;
        let list = alice.request(Iq::get("", &BlocklistRequest))?.payload::<Blocklist>().expect("blocklist")?;
        assert!(!list.items.contains(&spammer), "{list:?}");
    }

    // XEP-0191 §3.3: block; the server pushes the block to every resource.
    alice.request(Iq::set("", &Block::new(vec![spammer.clone()])))?;
    alice.wait_for("the block push", |s| matches!(s, Stanza::Iq(iq) if iq.payload::<Block>().is_some()))?;
    let list = alice.request(Iq::get("", &BlocklistRequest))?.payload::<Blocklist>().expect("blocklist")?;
    assert!(list.items.contains(&spammer), "{list:?}");
    if server() == Server::Ejabberd {
        // ejabberd keeps the blocklist as a privacy list, "Blocked contacts", and pushes that
        // list's name too (XEP-0016 §2.6), before the block push.
        let push = alice.wait_for(
            "the privacy list push",
            |s| matches!(s, Stanza::Iq(iq) if iq.payload::<PrivacyQuery>().is_some()),
        )?;
        let Stanza::Iq(push) = push else { unreachable!() };
        let pushed = push.payload::<PrivacyQuery>().expect("a privacy push")?;
        assert_eq!(pushed.lists, vec![PrivacyList { name: "Blocked contacts".into(), items: vec![] }]);
        alice.send(Stanza::Iq(push.reply_empty_result()))?;
    }

    // §3.4: unblock.
    alice.request(Iq::set("", &Unblock::new(vec![spammer.clone()])))?;
    alice.wait_for("the unblock push", |s| matches!(s, Stanza::Iq(iq) if iq.payload::<Unblock>().is_some()))?;
    let list = alice.request(Iq::get("", &BlocklistRequest))?.payload::<Blocklist>().expect("blocklist")?;
    assert!(!list.items.contains(&spammer));
    done(alice)
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn privacy_lists() -> Result<(), BoxError> {
    // XEP-0016. Prosody 0.12 has no privacy lists (only XEP-0191 blocking); ejabberd has both,
    // and implements blocking as a privacy list of its own ("Blocked contacts").
    let mut alice = login("alice", "privacy")?;
    let answer = alice.request(Iq::get("", &PrivacyQuery::default()))?;
    if server() == Server::Prosody {
        let error = answer.error().expect("an error: Prosody has no jabber:iq:privacy");
        assert_eq!(error.condition, DefinedCondition::ServiceUnavailable, "{error:?}");
        return done(alice);
    }
    let lists = answer.payload::<PrivacyQuery>().expect("the names of the lists")?;
    assert!(lists.lists.iter().all(|l| l.name != "interop"), "{lists:?}");

    // §2.5 (Example 29): a new list; the server pushes its name to every resource (§2.6).
    let list = PrivacyList {
        name: "interop".into(),
        items: vec![
            PrivacyItem {
                matcher: Matcher::Jid("spammer@example.org".parse()?),
                action: Action::Deny,
                order: 1,
                stanzas: StanzaKinds { message: true, ..StanzaKinds::default() },
            },
            PrivacyItem {
                matcher: Matcher::Subscription(Subscription::None),
                action: Action::Deny,
                order: 2,
                stanzas: StanzaKinds { presence_in: true, ..StanzaKinds::default() },
            },
            PrivacyItem { matcher: Matcher::All, action: Action::Allow, order: 3, stanzas: StanzaKinds::default() },
        ],
    };
    let set = PrivacyQuery { lists: vec![list.clone()], ..PrivacyQuery::default() };
    let answer = alice.request(Iq::set("", &set))?;
    assert!(matches!(answer.kind, IqKind::Result(_)), "{answer:?}");
    let push = alice.wait_for(
        "the privacy list push",
        |s| matches!(s, Stanza::Iq(iq) if matches!(iq.kind, IqKind::Set(_)) && iq.payload::<PrivacyQuery>().is_some()),
    )?;
    let Stanza::Iq(push) = push else { unreachable!() };
    let pushed = push.payload::<PrivacyQuery>().expect("a privacy push")?;
    assert_eq!(pushed.lists, vec![PrivacyList { name: "interop".into(), items: vec![] }]);
    alice.send(Stanza::Iq(push.reply_empty_result()))?;

    // §2.3: the list as stored, item for item.
    let get = PrivacyQuery { lists: vec![PrivacyList { name: "interop".into(), items: vec![] }], ..Default::default() };
    let got = alice.request(Iq::get("", &get))?.payload::<PrivacyQuery>().expect("the list")?;
    assert_eq!(got.lists, vec![list]);

    // §2.4, §2.5: make it the default, then decline any default, then remove it (§2.8).
    let default = PrivacyQuery { default: Some(Some("interop".into())), ..Default::default() };
    assert!(matches!(alice.request(Iq::set("", &default))?.kind, IqKind::Result(_)));
    let lists = alice.request(Iq::get("", &PrivacyQuery::default()))?.payload::<PrivacyQuery>().expect("lists")?;
    assert_eq!(lists.default, Some(Some("interop".into())), "{lists:?}");
    let decline = PrivacyQuery { default: Some(None), ..Default::default() };
    assert!(matches!(alice.request(Iq::set("", &decline))?.kind, IqKind::Result(_)));
    let remove =
        PrivacyQuery { lists: vec![PrivacyList { name: "interop".into(), items: vec![] }], ..Default::default() };
    assert!(matches!(alice.request(Iq::set("", &remove))?.kind, IqKind::Result(_)));
    let lists = alice.request(Iq::get("", &PrivacyQuery::default()))?.payload::<PrivacyQuery>().expect("lists")?;
    assert!(lists.lists.iter().all(|l| l.name != "interop"), "{lists:?}");

    // A list that does not exist: item-not-found (§2.3, Example 9).
    let get = PrivacyQuery { lists: vec![PrivacyList { name: "nosuch".into(), items: vec![] }], ..Default::default() };
    let error = alice.request(Iq::get("", &get))?;
    assert_eq!(error.error().map(|e| e.condition.clone()), Some(DefinedCondition::ItemNotFound), "{error:?}");
    done(alice)
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn component_handshake_and_routing() -> Result<(), BoxError> {
    // XEP-0114 on the component port (plain TCP) with the adapter's `Component`, then a message
    // from a user to the component, and its answer back.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let component_domain: BareJid = format!("pvr.{}", domain()).parse()?;
    let connect = jabber::tokio::Component::connect(
        component_domain.clone(),
        "pvr-secret",
        host(),
        port("JABBER_INTEROP_COMPONENT_PORT"),
    );
    let mut component = runtime.block_on(connect)?;
    assert_eq!(component.domain(), &component_domain);

    let mut alice = login("alice", "component")?;
    alice.send(Stanza::Message(Message::chat(component_domain.clone().into(), "record 2")))?;
    let got = runtime.block_on(async {
        let wait = async {
            loop {
                match component.next_event().await {
                    Some(ComponentEvent::Stanza(Stanza::Message(message))) => return Ok(message),
                    Some(ComponentEvent::Failed(error)) => return Err(BoxError::from(error)),
                    Some(ComponentEvent::Closed) | None => return Err("the component's stream closed".into()),
                    Some(_) => {}
                }
            }
        };
        tokio::time::timeout(Duration::from_secs(10), wait).await.map_err(|_| "no message for the component")?
    })?;
    assert_eq!(got.body(), Some("record 2"));
    assert_eq!(got.from.as_ref().map(|f| f.to_bare()), Some(bare("alice")));

    // And back: the component answers from its domain.
    let mut reply = Message::chat(got.from.clone().expect("from"), "programmed");
    reply.from = Some(component_domain.clone().into());
    runtime.block_on(component.send(reply))?;
    let back = alice.wait_for("the component's reply", |s| matches!(s, Stanza::Message(m) if m.body().is_some()))?;
    assert_eq!(back.sender().map(|f| f.as_str().to_owned()), Some(component_domain.as_str().to_owned()));
    runtime.block_on(async { tokio::time::timeout(Duration::from_secs(10), component.close()).await })??;
    done(alice)
}

// ---------------------------------------------------------------------------------------------
// jabber-ext against the servers (issue 12): MUC (XEP-0045), disco (XEP-0030), pubsub (XEP-0060),
// PEP (XEP-0163) with entity capabilities (XEP-0115). What the servers send is read with the
// typed models only; where the servers differ, the assertions say which does what.

/// XEP-0118 User Tune, as an opaque item payload (the library does not model XEP-0118).
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "tune", ns = "http://jabber.org/protocol/tune")]
struct Tune {
    #[payload(child_text)]
    artist: Option<String>,
    #[payload(child_text)]
    title: Option<String>,
    #[payload(child_text)]
    length: Option<u32>,
}

fn tune(title: &str) -> Tune {
    Tune { artist: Some("Gerald Finzi".into()), title: Some(title.into()), length: Some(255) }
}

fn conference() -> Jid {
    format!("conference.{}", domain()).parse().unwrap()
}

/// A token of this test run (8 hex digits), in the names of rooms, nodes, items and in bob's
/// caps: the tests also pass when run again against the same server (whose rooms are persistent
/// and whose caps caches remember a `ver`).
fn run() -> &'static str {
    static RUN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    RUN.get_or_init(|| {
        let mut bytes = [0u8; 4];
        jabber::session::OsRandom.fill(&mut bytes).expect("OS randomness");
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    })
}

/// The room `name` of this run on the conference service.
fn room(name: &str) -> BareJid {
    format!("{name}-{}@conference.{}", run(), domain()).parse().unwrap()
}

fn pubsub_service() -> Jid {
    format!("pubsub.{}", domain()).parse().unwrap()
}

/// Reads stanzas in order, each given to `pick`, until `pick` returns a value (10 s at most).
/// Unlike `wait_for`, nothing is put back: `pick` sees every stanza, so that an occupant list
/// fed from it misses none.
fn read_until<T>(
    connection: &mut Connection,
    what: &str,
    mut pick: impl FnMut(&Stanza) -> Option<T>,
) -> Result<T, BoxError> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match connection.next_event(deadline) {
            Ok(ClientEvent::Stanza(stanza)) => {
                if let Some(found) = pick(&stanza) {
                    return Ok(found);
                }
            }
            Ok(ClientEvent::Failed(error)) => return Err(error.into()),
            Ok(ClientEvent::Closed) => return Err(format!("closed while waiting for {what}").into()),
            Ok(_) => {}
            Err(error) => return Err(format!("waiting for {what}: {error}").into()),
        }
    }
}

/// One user in one room: the occupant list kept from every presence read, and what the room
/// said besides (messages, subject).
struct InRoom {
    occupants: Occupants,
    events: Vec<OccupantEvent>,
    /// Groupchat messages with a body: (nick, body).
    messages: Vec<(String, String)>,
    /// The `id` of each of those messages, as received.
    ids: Vec<Option<String>>,
    /// The last subject (nick that set it, subject).
    subject: Option<(String, String)>,
    /// Status codes of the room's messages without body (104: configuration changed, ...).
    notices: Vec<Status>,
}

impl InRoom {
    fn new(room: &BareJid) -> Self {
        InRoom {
            occupants: Occupants::new(room.clone()),
            events: Vec::new(),
            messages: Vec::new(),
            ids: Vec::new(),
            subject: None,
            notices: Vec::new(),
        }
    }

    /// Takes in a stanza: presences into the occupant list, messages of the room into the lists.
    fn handle(&mut self, stanza: &Stanza) {
        match stanza {
            Stanza::Presence(presence) => {
                if let Some(event) = self.occupants.handle(presence) {
                    self.events.push(event);
                }
            }
            Stanza::Message(message) => {
                let Some(Jid::Full(from)) = &message.from else {
                    // From the room itself: status codes (XEP-0045 §10.2.1, Example 171).
                    if message.from.as_ref().is_some_and(|f| f.to_bare() == *self.occupants.room())
                        && let Some(Ok(user)) = message.payload::<MucUser>()
                    {
                        self.notices.extend(user.codes());
                    }
                    return;
                };
                if from.to_bare() != *self.occupants.room() || message.kind != MessageType::Groupchat {
                    return;
                }
                let nick = from.resource().to_owned();
                if let Some(subject) = message.subject() {
                    self.subject = Some((nick.clone(), subject.to_owned()));
                }
                if let Some(body) = message.body() {
                    self.messages.push((nick, body.to_owned()));
                    self.ids.push(message.id.clone());
                }
            }
            Stanza::Iq(_) => {}
        }
    }

    /// Reads until `done` holds of this state.
    fn until(
        &mut self,
        connection: &mut Connection,
        what: &str,
        done: impl Fn(&InRoom) -> bool,
    ) -> Result<(), BoxError> {
        if done(self) {
            return Ok(());
        }
        read_until(connection, what, |stanza| {
            self.handle(stanza);
            done(self).then_some(())
        })
    }
}

/// Enters `room` as `nick` (no history): the self-presence (110), with every presence before it
/// in the occupant list. A refusal is an error naming its `JoinError`.
fn enter(connection: &mut Connection, room: &BareJid, nick: &str) -> Result<(InRoom, RoomPresence), BoxError> {
    connection.send(Stanza::Presence(muc::join(muc::occupant_jid(room, nick)?, None, Some(History::none()))))?;
    let mut state = InRoom::new(room);
    let own = read_until(connection, "our self-presence", |stanza| {
        if let Stanza::Presence(presence) = stanza
            && presence.from.as_ref().is_some_and(|f| f.to_bare() == *room)
            && let Some(refused) = JoinError::from_presence(presence)
        {
            return Some(Err(format!("{:?}: entering {room} refused: {refused:?}", server())));
        }
        state.handle(stanza);
        match stanza {
            Stanza::Presence(presence) => RoomPresence::parse(presence).filter(|p| p.is_self()).map(Ok),
            _ => None,
        }
    })??;
    assert!(state.occupants.is_joined());
    assert_eq!(state.occupants.me().map(|o| o.nick.as_str()), Some(nick));
    Ok((state, own))
}

/// The configuration form of `room`, typed (XEP-0045 §10.2, Examples 163 to 165).
fn config_form(owner: &mut Connection, room: &BareJid) -> Result<DataForm, BoxError> {
    let answer = owner.request(Iq::get("", &ConfigRequest::new()).with_to(room.clone().into()))?;
    if let Some(error) = answer.error() {
        return Err(format!("{:?}: configuration form of {room}: {error:?}", server()).into());
    }
    let form = answer.payload::<ConfigForm>().ok_or("no muc#owner query")??;
    assert!(form.malformed.is_empty(), "{form:?}");
    let form = form.form.ok_or("no form in the muc#owner result")?;
    assert_eq!(form.kind, FormKind::Form);
    assert_eq!(form.form_type(), Some(muc::ROOMCONFIG), "{form:?}");
    assert!(form.malformed.is_empty(), "{form:?}");
    Ok(form)
}

/// Creates `room` with `owner` as its first occupant (`owner` nick), reads its configuration
/// form, fills it with `config` (fields the form lacks left out, see `fit`) and submits it.
/// Returns the owner's state in the room and the form as the room sent it.
fn create_room(
    owner: &mut Connection,
    room: &BareJid,
    nick: &str,
    config: &RoomConfig,
) -> Result<(InRoom, DataForm), BoxError> {
    let (state, created) = enter(owner, room, nick)?;
    // XEP-0045 §10.1.1, Example 154: a new room, we are its owner and a moderator.
    assert!(created.room_created(), "{:?}: no 201 in {created:?}", server());
    assert_eq!(created.affiliation(), Affiliation::Owner);
    assert_eq!(created.role(), Role::Moderator);
    assert_eq!(state.occupants.len(), 1);

    let form = config_form(owner, room)?;
    let submission = fit(config, &form).fill(&form)?;
    let answer = owner.request(Iq::set("", &Owner::submit(submission)).with_to(room.clone().into()))?;
    assert!(matches!(answer.kind, IqKind::Result(_)), "{:?}: {answer:?}", server());
    Ok((state, form))
}

/// `config` without the fields `form` does not have (a room's form is the room's: Prosody has no
/// `muc#roomconfig_passwordprotectedroom`, for one), so that `RoomConfig::fill` checks the rest.
fn fit(config: &RoomConfig, form: &DataForm) -> RoomConfig {
    let has = |var: &str| form.field(var).is_some();
    let mut fitted = config.clone();
    // Fields set in `config` but unknown to the form: dropped, by var.
    macro_rules! keep {
        ($($field:ident: $var:literal),* $(,)?) => {$(
            if !has($var) { fitted.$field = None; }
        )*};
    }
    keep!(
        room_name: "muc#roomconfig_roomname",
        room_desc: "muc#roomconfig_roomdesc",
        lang: "muc#roomconfig_lang",
        enable_logging: "muc#roomconfig_enablelogging",
        change_subject: "muc#roomconfig_changesubject",
        allow_invites: "muc#roomconfig_allowinvites",
        allow_pm: "muc#roomconfig_allowpm",
        max_users: "muc#roomconfig_maxusers",
        public_room: "muc#roomconfig_publicroom",
        persistent_room: "muc#roomconfig_persistentroom",
        moderated_room: "muc#roomconfig_moderatedroom",
        members_only: "muc#roomconfig_membersonly",
        password_protected_room: "muc#roomconfig_passwordprotectedroom",
        room_secret: "muc#roomconfig_roomsecret",
        whois: "muc#roomconfig_whois",
    );
    fitted
}

fn public_persistent() -> RoomConfig {
    RoomConfig {
        room_name: Some("Interop room".into()),
        room_desc: Some("jabber-rs interop tests".into()),
        persistent_room: Some(true),
        public_room: Some(true),
        moderated_room: Some(false),
        members_only: Some(false),
        whois: Some(Whois::Moderators),
        change_subject: Some(false),
        ..RoomConfig::default()
    }
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn muc_1_create_and_configure_a_room() -> Result<(), BoxError> {
    let mut alice = login("alice", "muc1")?;
    let room = room("configured");
    let config = public_persistent();
    let (mut state, form) = create_room(&mut alice, &room, "alice", &config)?;
    // The forms differ: both have the fields set here; Prosody has no passwordprotectedroom (a
    // secret is the password), maxusers or allowinvites, and adds prosody.im fields and
    // historylength; ejabberd adds fields without a namespace (public_list, allow_query_users...).
    let has = |var: &str| form.field(var).is_some();
    let ejabberd = server() == Server::Ejabberd;
    for var in ["muc#roomconfig_passwordprotectedroom", "muc#roomconfig_maxusers", "muc#roomconfig_allowinvites"] {
        assert_eq!(has(var), ejabberd, "{:?}: {var}", server());
    }
    assert_eq!(has("muc#roomconfig_historylength"), !ejabberd);
    assert_eq!(has("public_list"), ejabberd);
    // The room's defaults, typed: Prosody's rooms are hidden and unmoderated, ejabberd's public
    // and moderated; both temporary, semi-anonymous, open.
    let defaults = RoomConfig::from_form(&form)?;
    assert_eq!(defaults.public_room, Some(ejabberd), "{defaults:?}");
    assert_eq!(defaults.moderated_room, Some(ejabberd), "{defaults:?}");
    assert_eq!(defaults.persistent_room, Some(false), "{defaults:?}");
    assert_eq!(defaults.members_only, Some(false), "{defaults:?}");
    assert_eq!(defaults.whois, Some(Whois::Moderators), "{defaults:?}");
    assert_eq!(defaults.max_users, ejabberd.then_some(MaxUsers::Limit(200)), "{defaults:?}");
    // Both tell the owner that the configuration changed (104, XEP-0045 §10.2.1, Example 171).
    state.until(&mut alice, "the 104 notice", |r| r.notices.contains(&Status::ConfigurationChanged))?;

    // The form again: it says what was submitted.
    let now = RoomConfig::from_form(&config_form(&mut alice, &room)?)?;
    assert_eq!(now.room_name, config.room_name);
    assert_eq!(now.room_desc, config.room_desc);
    assert_eq!(now.persistent_room, Some(true));
    assert_eq!(now.public_room, Some(true));
    assert_eq!(now.moderated_room, Some(false));
    assert_eq!(now.members_only, Some(false));
    assert_eq!(now.whois, Some(Whois::Moderators));
    done(alice)
}

/// A groupchat message to `room` with an id of our own (XEP-0045 §7.4).
fn say(connection: &mut Connection, room: &BareJid, id: &str, body: &str) -> Result<(), BoxError> {
    let mut message = muc::groupchat(room.clone(), body);
    message.id = Some(id.into());
    connection.send(Stanza::Message(message))
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn muc_2_two_occupants_talk_and_change_the_subject() -> Result<(), BoxError> {
    let mut alice = login("alice", "muc2")?;
    let mut bob = login("bob", "muc2")?;
    let room = room("chat");
    let (mut at_alice, _) = create_room(&mut alice, &room, "alice", &public_persistent())?;

    // Bob enters: his self-presence comes after alice's presence (XEP-0045 §7.2.3), as a
    // participant without affiliation; alice sees him enter.
    let (mut at_bob, own) = enter(&mut bob, &room, "bob")?;
    assert!(!own.room_created());
    assert_eq!((own.role(), own.affiliation()), (Role::Participant, Affiliation::None));
    let first = at_bob.occupants.get("alice").expect("alice is listed before bob's self-presence");
    assert_eq!((&first.role, &first.affiliation), (&Role::Moderator, &Affiliation::Owner));
    assert!(!first.me);
    assert_eq!(at_bob.occupants.len(), 2);
    at_alice.until(&mut alice, "bob's presence", |r| r.occupants.get("bob").is_some())?;
    assert!(
        matches!(at_alice.events.last(), Some(OccupantEvent::Joined(o)) if o.nick == "bob" && !o.me),
        "{:?}",
        at_alice.events
    );
    // A semi-anonymous room (whois moderators): alice, a moderator, sees bob's real JID; bob
    // does not see hers (XEP-0045 §7.2.3, §7.2.4).
    assert_eq!(at_alice.occupants.get("bob").and_then(|o| o.jid.clone()), Some(bob.jid().clone().into()));
    assert_eq!(at_bob.occupants.get("alice").and_then(|o| o.jid.clone()), None);

    // Both speak; each message reaches both occupants, from room/nick (XEP-0045 §7.4).
    say(&mut alice, &room, "m1", "Hello from alice")?;
    say(&mut bob, &room, "m2", "Hello from bob")?;
    let both = |r: &InRoom| {
        r.messages.contains(&("alice".into(), "Hello from alice".into()))
            && r.messages.contains(&("bob".into(), "Hello from bob".into()))
    };
    at_alice.until(&mut alice, "both messages at alice", both)?;
    at_bob.until(&mut bob, "both messages at bob", both)?;
    // Both servers keep the sender's id in what they reflect and relay (XEP-0045 §7.4; Prosody
    // advertises it as muc#stable_id, ejabberd does it without saying so).
    for state in [&at_alice, &at_bob] {
        for ((nick, _), id) in state.messages.iter().zip(&state.ids) {
            assert_eq!(id.as_deref(), Some(if nick == "alice" { "m1" } else { "m2" }), "{:?}", server());
        }
    }

    // Alice, a moderator, changes the subject; both see it, from her nick (XEP-0045 §8.1).
    alice.send(Stanza::Message(muc::subject(room.clone(), "Interop in progress")))?;
    let subject = |r: &InRoom| r.subject == Some(("alice".into(), "Interop in progress".into()));
    at_alice.until(&mut alice, "the subject at alice", subject)?;
    at_bob.until(&mut bob, "the subject at bob", subject)?;
    done(alice)?;
    done(bob)
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn muc_3_the_owner_kicks_an_occupant() -> Result<(), BoxError> {
    let mut alice = login("alice", "muc3")?;
    let mut bob = login("bob", "muc3")?;
    let room = room("kick");
    let (mut at_alice, _) = create_room(&mut alice, &room, "alice", &public_persistent())?;
    let (mut at_bob, _) = enter(&mut bob, &room, "bob")?;
    at_alice.until(&mut alice, "bob's presence", |r| r.occupants.get("bob").is_some())?;

    // XEP-0045 §8.2, Example 89: role none; the room answers with an empty result.
    let kick = Admin::kick("bob", Some("Interop says so"));
    let answer = alice.request(Iq::set("", &kick).with_to(room.clone().into()))?;
    assert!(matches!(answer.kind, IqKind::Result(_)), "{:?}: {answer:?}", server());

    // Bob: his unavailable self-presence with 110 and 307 (Example 90), read as a kick.
    let gone = read_until(&mut bob, "bob's removal", |stanza| {
        at_bob.handle(stanza);
        match stanza {
            Stanza::Presence(p) => RoomPresence::parse(p).filter(|p| !p.available && p.is_self()),
            _ => None,
        }
    })?;
    assert!(gone.has_status(Status::Kicked), "{gone:?}");
    assert_eq!(gone.removal(), Some(Removal::Kicked));
    assert_eq!(gone.role(), Role::None);
    assert_eq!(gone.reason(), Some("Interop says so"));
    // The kicked occupant is told who kicked, by nick only (XEP-0045 §8.2), on both servers.
    assert_eq!(gone.actor().map(|a| (a.nick.as_deref(), a.jid.as_ref())), Some((Some("alice"), None)));
    assert!(
        matches!(at_bob.events.last(), Some(OccupantEvent::Kicked { occupant, .. }) if occupant.me && occupant.nick == "bob"),
        "{:?}",
        at_bob.events
    );
    assert!(!at_bob.occupants.is_joined() && at_bob.occupants.is_empty());

    // Alice: bob's unavailable presence with 307 and no 110 (Example 91).
    at_alice.until(&mut alice, "bob's removal at alice", |r| r.occupants.get("bob").is_none())?;
    let Some(OccupantEvent::Kicked { occupant, actor, reason }) = at_alice.events.last() else {
        panic!("{:?}: {:?}", server(), at_alice.events)
    };
    // The moderator is told the actor too: Prosody with her full JID, ejabberd by nick only.
    let actor = actor.as_ref().expect("an actor");
    assert_eq!(actor.nick.as_deref(), Some("alice"));
    let actor_jid = match server() {
        Server::Prosody => Some(alice.jid().clone().into()),
        Server::Ejabberd => None,
    };
    assert_eq!(actor.jid, actor_jid);
    assert_eq!(occupant.nick, "bob");
    assert!(!occupant.me);
    assert_eq!(reason.as_deref(), Some("Interop says so"));
    assert_eq!(at_alice.occupants.len(), 1);
    done(alice)?;
    done(bob)
}

/// disco#info of `room`, typed: the result, and its features read as `muc::Feature`s.
fn room_info(connection: &mut Connection, room: &BareJid) -> Result<(InfoResult, Vec<Feature>), BoxError> {
    let answer = connection.request(Iq::get("", &InfoQuery::new()).with_to(room.clone().into()))?;
    let info =
        answer.payload::<InfoResult>().ok_or_else(|| format!("{:?}: no disco#info result: {answer:?}", server()))??;
    assert!(info.lost_parts().is_empty(), "{info:?}");
    assert!(info.check().is_empty(), "{:?}", info.check());
    let features = info.features.iter().map(|f| Feature::from_value(f)).collect::<Result<Vec<_>, _>>()?;
    Ok((info, features))
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn muc_4_room_disco_info_follows_the_configuration() -> Result<(), BoxError> {
    let mut alice = login("alice", "muc4")?;

    // The service: a conference/text identity speaking MUC (XEP-0045 §6.2, Example 2).
    let answer = alice.request(Iq::get("", &InfoQuery::new()).with_to(conference()))?;
    let service = answer.payload::<InfoResult>().ok_or_else(|| format!("{:?}: {answer:?}", server()))??;
    assert!(service.has_identity("conference", "text"), "{service:?}");
    assert!(service.has_feature(muc::Feature::Muc.to_value().as_ref()), "{service:?}");

    // A public, persistent, open, unmoderated, semi-anonymous room without password...
    let open = room("open");
    let config = public_persistent();
    create_room(&mut alice, &open, "alice", &config)?;
    let (info, features) = room_info(&mut alice, &open)?;
    assert!(info.has_identity("conference", "text"), "{info:?}");
    assert_eq!(info.name_in(None), config.room_name.as_deref());
    for feature in [
        Feature::Muc,
        Feature::Persistent,
        Feature::Public,
        Feature::Open,
        Feature::Unmoderated,
        Feature::SemiAnonymous,
        Feature::Unsecured,
    ] {
        assert!(features.contains(&feature), "{:?}: no {feature:?} in {features:?}", server());
    }
    for feature in [
        Feature::Temporary,
        Feature::Hidden,
        Feature::MembersOnly,
        Feature::Moderated,
        Feature::NonAnonymous,
        Feature::PasswordProtected,
    ] {
        assert!(!features.contains(&feature), "{:?}: {feature:?} in {features:?}", server());
    }
    // XEP-0045 §6.4: the muc#roominfo extension, typed.
    let roominfo = info.extended::<RoomInfo>().ok_or("no muc#roominfo form")??;
    assert_eq!(roominfo.description, config.room_desc);
    assert_eq!(roominfo.occupants, Some(1));
    assert_eq!(roominfo.config.room_name, config.room_name);
    // Where they differ: Prosody lists muc#stable_id and not disco#info, and says whether
    // occupants may change the subject with an empty muc#roomconfig_changesubject (false);
    // ejabberd lists disco#info and says it with muc#roominfo_changesubject, a name of its own
    // (the XEP registers muc#roominfo_subjectmod), which RoomInfo does not read; its
    // muc#roominfo_lang is empty, Prosody's "en".
    let prosody = server() == Server::Prosody;
    assert_eq!(features.contains(&Feature::StableId), prosody, "{features:?}");
    assert_eq!(info.features.iter().any(|f| f == ns::DISCO_INFO), !prosody, "{features:?}");
    assert_eq!(roominfo.subject_mod, None);
    match server() {
        Server::Prosody => {
            assert_eq!(roominfo.config.change_subject, Some(false));
            assert_eq!(roominfo.lang.as_deref(), Some("en"));
        }
        Server::Ejabberd => {
            assert_eq!(roominfo.config.change_subject, None);
            assert_eq!(info.extension_value(muc::ROOMINFO, "muc#roominfo_changesubject"), Some("0"));
            assert_eq!(roominfo.lang.as_deref(), Some(""));
        }
    }

    // ... and a hidden, temporary, members-only, moderated, non-anonymous one with a password.
    let closed = room("closed");
    let config = RoomConfig {
        room_name: Some("Closed room".into()),
        persistent_room: Some(false),
        public_room: Some(false),
        moderated_room: Some(true),
        members_only: Some(true),
        whois: Some(Whois::Anyone),
        password_protected_room: Some(true),
        room_secret: Some("cauldronburn".into()),
        ..RoomConfig::default()
    };
    create_room(&mut alice, &closed, "alice", &config)?;
    let (info, features) = room_info(&mut alice, &closed)?;
    assert_eq!(info.name_in(None), Some("Closed room"));
    for feature in [
        Feature::Temporary,
        Feature::Hidden,
        Feature::MembersOnly,
        Feature::Moderated,
        Feature::NonAnonymous,
        Feature::PasswordProtected,
    ] {
        assert!(features.contains(&feature), "{:?}: no {feature:?} in {features:?}", server());
    }
    for feature in [Feature::Persistent, Feature::Public, Feature::Open, Feature::Unmoderated, Feature::SemiAnonymous] {
        assert!(!features.contains(&feature), "{:?}: {feature:?} in {features:?}", server());
    }
    done(alice)
}

/// A pubsub result, typed by `Response` (`None` for an empty result); an error is an error.
fn pubsub_request(connection: &mut Connection, iq: Iq) -> Result<Option<Response>, BoxError> {
    let answer = connection.request(iq)?;
    if let Some(error) = answer.error() {
        return Err(format!("{:?}: {error:?}", server()).into());
    }
    Ok(Response::from_iq(&answer).transpose()?)
}

/// Reads until a pubsub#event notification arrives (a message that carries one), typed.
fn next_event(connection: &mut Connection, what: &str) -> Result<(Message, PubsubEvent), BoxError> {
    read_until(connection, what, |stanza| match stanza {
        Stanza::Message(message) => PubsubEvent::from_message(message).map(|event| event.map(|e| (message.clone(), e))),
        _ => None,
    })?
    .map_err(Into::into)
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn pubsub_5_publish_fetch_retract_and_notify() -> Result<(), BoxError> {
    let mut alice = login("alice", "pubsub")?;
    let mut bob = login("bob", "pubsub")?;
    let service = pubsub_service();
    let node = format!("interop-news-{}", run());
    let node = node.as_str();

    // Alice creates the node (Prosody: only admins may create nodes; alice is one).
    let created = pubsub_request(&mut alice, pubsub::create("", service.clone(), Some(node.into()), None))?;
    // Prosody answers with an empty result, ejabberd names the node (§8.1.2, Example 133).
    match server() {
        Server::Prosody => assert_eq!(created, None),
        Server::Ejabberd => {
            let Some(Response::Create(created)) = created else { panic!("{created:?}") };
            assert_eq!(created.create.node.as_deref(), Some(node));
        }
    }
    // Creating it again: conflict (XEP-0060 §8.1.3.2... Example 136).
    let again = alice.request(pubsub::create("", service.clone(), Some(node.into()), None))?;
    assert_eq!(again.error().map(|e| e.condition.clone()), Some(DefinedCondition::Conflict), "{again:?}");

    // Bob subscribes his full JID (XEP-0060 §6.1.1, Example 33).
    let bob_jid: Jid = bob.jid().clone().into();
    let subscribed = pubsub_request(&mut bob, pubsub::subscribe("", service.clone(), node, bob_jid.clone()))?;
    let Some(Response::Subscription(subscribed)) = subscribed else { panic!("{:?}: {subscribed:?}", server()) };
    assert_eq!(subscribed.subscription.subscription, Some(SubscriptionState::Subscribed));
    assert_eq!(subscribed.subscription.jid, bob_jid);
    assert_eq!(subscribed.subscription.node.as_deref(), Some(node));
    // ejabberd gives every subscription a SubID (§6.1.6), Prosody none.
    assert_eq!(subscribed.subscription.subid.is_some(), server() == Server::Ejabberd);

    // Alice publishes an item with an id of hers (§7.1.1, Example 99); the result names it.
    let item = PubsubItem::with_payload(&tune("Eclogue")).with_id("news-1");
    let published = pubsub_request(&mut alice, pubsub::publish("", service.clone(), node, item, None))?;
    let Some(Response::Publish(published)) = published else { panic!("{:?}: {published:?}", server()) };
    assert_eq!(published.item_ids().collect::<Vec<_>>(), ["news-1"]);

    // Bob is notified, with the payload (§7.1.2.1, Example 101).
    let (message, event) = next_event(&mut bob, "the item notification")?;
    // Both send notifications as headlines (pubsub#notification_type), without publisher.
    assert_eq!(message.kind, MessageType::Headline);
    assert_eq!(message.from.as_ref(), Some(&service));
    let PubsubEvent::Items(items) = event else { panic!("{:?}: {event:?}", server()) };
    assert_eq!(items.node, node);
    assert_eq!(items.items.len(), 1);
    assert_eq!(items.items[0].id.as_deref(), Some("news-1"));
    assert_eq!(items.payloads_as::<Tune>(), [Ok(tune("Eclogue"))]);

    // Alice fetches the node's items (§6.5.2, Example 77).
    let fetched = pubsub_request(&mut alice, pubsub::items("", service.clone(), node, None))?;
    let Some(Response::Items(fetched)) = fetched else { panic!("{:?}: {fetched:?}", server()) };
    assert_eq!(fetched.items.node, node);
    assert_eq!(fetched.items.items.len(), 1);
    assert_eq!(fetched.items.items[0].id.as_deref(), Some("news-1"));
    assert_eq!(fetched.items.items[0].payload_as::<Tune>(), Some(Ok(tune("Eclogue"))));

    // Bob may not publish there (publish model: publishers): forbidden (§7.1.3.1).
    let refused =
        bob.request(pubsub::publish("", service.clone(), node, PubsubItem::with_payload(&tune("X")), None))?;
    let error = refused.error().ok_or_else(|| format!("{:?}: bob published: {refused:?}", server()))?;
    assert_eq!((&error.condition, &error.kind), (&DefinedCondition::Forbidden, &ErrorType::Auth));
    // Neither says more (no pubsub#errors condition).
    assert_eq!(PubsubCondition::from_stanza_error(error), None);

    // Alice retracts the item, notifying (§7.2.1, Example 115); bob is told (Example 117).
    let retracted = pubsub_request(&mut alice, pubsub::retract("", service.clone(), node, "news-1", true))?;
    assert_eq!(retracted, None, "{:?}", server());
    let (_, event) = next_event(&mut bob, "the retraction")?;
    assert_eq!(event, PubsubEvent::retracted(node, ["news-1"]));
    let fetched = pubsub_request(&mut alice, pubsub::items("", service.clone(), node, None))?;
    let Some(Response::Items(fetched)) = fetched else { panic!("{:?}: {fetched:?}", server()) };
    assert!(fetched.items.items.is_empty(), "{fetched:?}");

    // Bob leaves (§6.2.1): ejabberd answers with an empty result (Example 51), Prosody with
    // the subscription, now none (§6.2.2 allows it).
    let subid = subscribed.subscription.subid.clone();
    let left = pubsub_request(&mut bob, pubsub::unsubscribe("", service.clone(), node, bob_jid, subid))?;
    match server() {
        Server::Prosody => {
            let Some(Response::Subscription(left)) = left else { panic!("{left:?}") };
            assert_eq!(left.subscription.subscription, Some(SubscriptionState::None));
        }
        Server::Ejabberd => assert_eq!(left, None),
    }
    done(alice)?;
    done(bob)
}

/// The software node of our entity capabilities (XEP-0115 §4: a URI naming the software).
const CAPS_NODE: &str = "https://github.com/jabber-rs/jabber";

/// Mutual presence subscription between `a` and `b` (RFC 6121 §3.1), both having asked for
/// the roster (interested resources) and sent initial presence.
fn befriend(a: &mut Connection, b: &mut Connection) -> Result<(), BoxError> {
    subscribe_to(a, b)?;
    subscribe_to(b, a)
}

/// `from` subscribes to the presence of `to`, which approves (RFC 6121 §3.1).
fn subscribe_to(from: &mut Connection, to: &mut Connection) -> Result<(), BoxError> {
    let (from_bare, to_bare) = (from.jid().to_bare(), to.jid().to_bare());
    from.send(Stanza::Presence(Presence::of_type(PresenceType::Subscribe, to_bare.clone().into())))?;
    to.wait_for("the subscription request", |s| {
        matches!(s, Stanza::Presence(p) if p.kind == PresenceType::Subscribe && p.from.as_ref().is_some_and(|f| f.to_bare() == from_bare))
    })?;
    to.send(Stanza::Presence(Presence::of_type(PresenceType::Subscribed, from_bare.into())))?;
    from.wait_for("the approval", |s| {
        matches!(s, Stanza::Presence(p) if p.kind == PresenceType::Subscribed && p.from.as_ref().is_some_and(|f| f.to_bare() == to_bare))
    })?;
    Ok(())
}

/// Removes `other` from the roster of `who` (which cancels the subscriptions both ways).
fn unfriend(who: &mut Connection, other: &str) -> Result<(), BoxError> {
    let mut remove = RosterItem::new(bare(other).into());
    remove.subscription = Subscription::Remove;
    who.request(Iq::set("", &RosterQuery::single(remove)))?;
    Ok(())
}

/// Reads the next stanza for `connection`: a disco request is answered with `responder` (and
/// recorded in `queries`: who asked, about which node), and gives `None`.
fn next_answering(
    connection: &mut Connection,
    responder: &Responder,
    queries: &mut Vec<(Option<Jid>, Option<String>)>,
    what: &str,
) -> Result<Option<Stanza>, BoxError> {
    let stanza = read_until(connection, what, |s| Some(s.clone()))?;
    if let Stanza::Iq(iq) = &stanza
        && let Some(answer) = responder.answer(iq)
    {
        let query = iq.payload::<InfoQuery>().transpose()?;
        queries.push((iq.from.clone(), query.and_then(|q| q.node)));
        connection.send(Stanza::Iq(answer))?;
        return Ok(None);
    }
    Ok(Some(stanza))
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn pep_6_notify_through_caps() -> Result<(), BoxError> {
    let mut alice = login("alice", "pep")?;
    let mut bob = login("bob", "pep")?;
    for who in [&mut alice, &mut bob] {
        who.request(Iq::get("", &RosterQuery::get(None)))?;
        who.send(Stanza::Presence(Presence::new()))?;
    }
    // No subscription left over by an earlier run that failed (an existing subscription is
    // approved by the server without asking the contact).
    unfriend(&mut alice, "bob")?;
    unfriend(&mut bob, "alice")?;
    befriend(&mut alice, &mut bob)?;

    // Bob's client: what it is, with an interest in tunes (XEP-0163 §4.2, Example 5), and its
    // <c/> made from that (XEP-0115 §5.1), sent in presence (the server asks node#ver, §6.2).
    let info = InfoResult::new()
        .with_identity(Identity::new("client", "bot").with_name(format!("jabber-rs interop {}", run())))
        .with_features([ns::CAPS, ns::DISCO_INFO])
        .with_notify(Tune::NS);
    let mut responder = Responder::new(info);
    let caps = responder.advertise_caps(CAPS_NODE)?;
    caps.verify(&responder.info(&caps.info_query()).expect("our own node#ver"))?;
    let mut presence = Presence::new();
    presence.payloads.push(&caps);
    bob.send(Stanza::Presence(presence))?;

    // The servers ask bob about his caps (node#ver, XEP-0115 §6.2): on Prosody each PEP service
    // that got bob's presence before his answer (his own, at his bare JID, and alice's); on
    // ejabberd once, from bob's own full JID (mod_caps asks in the user's name, for every
    // service). Bob answers every query before alice publishes, then makes a round trip, after
    // which the server has taken his answers in.
    let bob_full: Jid = bob.jid().clone().into();
    let bob_bare: Jid = bob.jid().to_bare().into();
    let mut askers = match server() {
        Server::Prosody => vec![bob_bare.clone(), alice.jid().to_bare().into()],
        Server::Ejabberd => vec![bob_full.clone()],
    };
    let mut queries = Vec::new();
    while queries.len() < askers.len() {
        next_answering(&mut bob, &responder, &mut queries, "the server's disco#info queries")?;
    }
    let pong = bob.request(Ping::request(""))?;
    assert_eq!(pong.kind, IqKind::Result(None));
    let mut asked: Vec<Jid> = queries.iter().filter_map(|(from, _)| from.clone()).collect();
    asked.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    askers.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    assert_eq!(asked, askers, "{queries:?}");
    assert!(queries.iter().all(|(_, node)| node.as_deref() == Some(caps.disco_node().as_str())), "{queries:?}");

    // Who is notified of each item: Prosody notifies bob twice, at his bare JID and at his full
    // JID, in either order. Its mod_pep, learning from bob's own presence that he wants tunes,
    // registers his bare JID as a recipient with each local contact's service (an
    // optimization); alice's service, learning it from the presence it got, registers his
    // full JID. ejabberd notifies his full JID once.
    let recipients = match server() {
        Server::Prosody => vec![bob_bare.clone(), bob_full.clone()],
        Server::Ejabberd => vec![bob_full.clone()],
    };

    // Alice publishes tunes to her PEP service (XEP-0163 §3, Example 1: no `to`); bob is
    // notified of each, from alice's bare JID (§4.3.1, Example 2). Each notification read is
    // kept as (to, item id, tune).
    let titles = ["Eclogue", "Dies Natalis"];
    let mut notified: Vec<(Jid, String, Tune)> = Vec::new();
    for (n, title) in titles.into_iter().enumerate() {
        let id = format!("tune-{}-{n}", run());
        let answer = alice.request(pep::publish_with("", Some(id.clone()), &tune(title), None))?;
        let published = answer.payload::<PublishResult>().ok_or_else(|| format!("{:?}: {answer:?}", server()))??;
        assert_eq!(published.publish.node, Tune::NS);
        assert_eq!(published.item_ids().collect::<Vec<_>>(), [id.as_str()]);
        // Until every recipient has its copy of this item.
        while !recipients.iter().all(|r| notified.iter().any(|(to, got, _)| to == r && *got == id)) {
            let stanza = next_answering(&mut bob, &responder, &mut queries, "the PEP notification")?;
            let Some(Stanza::Message(message)) = &stanza else { continue };
            let Some(event) = PepEvent::from_message(message) else { continue };
            let event = event?;
            assert_eq!(event.from, alice.jid().to_bare());
            assert_eq!(event.node(), Some(Tune::NS));
            let PubsubEvent::Items(items) = &event.event else { panic!("{:?}: {event:?}", server()) };
            assert_eq!(items.items.len(), 1, "{items:?}");
            let item = &items.items[0];
            // The last item of an earlier run against this server, sent when the service
            // learns of bob's interest (send_last_published_item): not this run's.
            if !item.id.as_deref().is_some_and(|i| i.contains(run())) {
                continue;
            }
            let tunes = event.items::<Tune>().into_iter().collect::<Result<Vec<_>, _>>()?;
            let to = message.to.clone().ok_or("a notification without to")?;
            notified.push((to, item.id.clone().unwrap_or_default(), tunes[0].clone()));
            // Prosody says who published (XEP-0060 §7.1.2.3: alice's bare JID); ejabberd does
            // not, and adds an XEP-0033 replyto address (alice's full JID) instead.
            match server() {
                Server::Prosody => assert_eq!(item.publisher, Some(alice.jid().to_bare().into())),
                Server::Ejabberd => {
                    assert_eq!(item.publisher, None);
                    assert!(message.payloads.iter().any(|p| p.is("addresses", "http://jabber.org/protocol/address")));
                }
            }
            assert_eq!(message.kind, MessageType::Headline);
        }
    }
    eprintln!("{:?} caps queries: {queries:?}; notifications: {notified:?}", server());
    let mut expected: Vec<(Jid, String, Tune)> = (0..titles.len())
        .flat_map(|n| recipients.iter().map(move |to| (to.clone(), format!("tune-{}-{n}", run()), tune(titles[n]))))
        .collect();
    let order = |a: &(Jid, String, Tune), b: &(Jid, String, Tune)| (&a.1, a.0.as_str()).cmp(&(&b.1, b.0.as_str()));
    expected.sort_by(order);
    notified.sort_by(order);
    assert_eq!(notified, expected);

    unfriend(&mut alice, "bob")?;
    unfriend(&mut bob, "alice")?;
    done(alice)?;
    done(bob)
}

/// The stream features a client reads before and after authenticating (PLAIN over STARTTLS,
/// with our own parser and the typed SASL and features models), on a raw connection.
fn features_before_and_after_sasl(user: &str) -> Result<(StreamFeatures, StreamFeatures), BoxError> {
    block_on(async {
        let (mut raw, _, before) = Raw::secured(TlsMode::StartTls).await?;
        let credentials = format!("\0{user}\0{user}-pw");
        let auth = Sasl::Auth { mechanism: "PLAIN".into(), initial: Some(credentials.into_bytes()) };
        raw.write(auth.to_element().to_string().as_bytes()).await?;
        let outcome = Sasl::parse(&raw.next().await?)?;
        assert!(matches!(outcome, Sasl::Success(_)), "{outcome:?}");
        // RFC 6120 §6.4.6: a new stream, on a new parser.
        raw.open().await?;
        let after = StreamFeatures::parse(&raw.next().await?)?;
        raw.close().await?;
        Ok((before, after))
    })
}

/// The `<c/>`s among stream features, typed.
fn caps_of(features: &StreamFeatures) -> Result<Vec<Caps>, BoxError> {
    Ok(features.others.iter().filter_map(Caps::try_parse).collect::<Result<Vec<_>, _>>()?)
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn caps_7_server_ver_matches_its_disco_info() -> Result<(), BoxError> {
    let (before, after) = features_before_and_after_sasl("alice")?;
    let (before, after) = (caps_of(&before)?, caps_of(&after)?);
    // Neither server advertises caps before authentication; both do after, in the features of
    // the restarted stream (XEP-0115 §6.3), with sha-1.
    assert_eq!(before, [], "{:?}", server());
    let [caps] = after.as_slice() else { panic!("{:?}: caps after SASL: {after:?}", server()) };
    assert_eq!(caps.hash, Some(Hash::Sha1));
    let node = match server() {
        Server::Prosody => "http://prosody.im",
        Server::Ejabberd => "http://www.process-one.net/en/ejabberd/",
    };
    assert_eq!(caps.node, node);

    // XEP-0115 §6.2: ask the server about node#ver, then check that the answer hashes to ver
    // with our algorithm (§5.1, §5.4), and compute it ourselves; the answer without a node is
    // the same. ejabberd's result has two identities (server/im and pubsub/pep) and an XEP-0128
    // form (serverinfo, FORM_TYPE only), Prosody's one identity and no form.
    let mut alice = login("alice", "caps")?;
    let server_jid: Jid = domain().parse()?;
    let answer = alice.request(Iq::get("", &caps.info_query()).with_to(server_jid.clone()))?;
    let info = answer.payload::<InfoResult>().ok_or_else(|| format!("{:?}: {answer:?}", server()))??;
    assert!(info.lost_parts().is_empty(), "{info:?}");
    assert_eq!(info.node, Some(caps.disco_node()));
    if let Err(error) = caps.verify(&info) {
        panic!("{:?}: {error}; our verification string: {:?}", server(), caps::verification_string(&info));
    }
    assert_eq!(caps::ver(&info, &Hash::Sha1)?, caps.ver);
    let (identities, forms) = match server() {
        Server::Prosody => (1, 0),
        Server::Ejabberd => (2, 1),
    };
    assert_eq!((info.identities.len(), info.forms.len()), (identities, forms), "{info:?}");
    let plain = alice.request(Iq::get("", &InfoQuery::new()).with_to(server_jid))?;
    let plain = plain.payload::<InfoResult>().ok_or("no disco#info result")??;
    assert_eq!(plain.node, None);
    caps.verify(&plain)?;
    done(alice)
}
