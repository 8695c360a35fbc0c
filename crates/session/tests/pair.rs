//! A client machine against a server machine in memory: every mechanism,
//! every failure the negotiation knows, and chunking that changes nothing.

mod common;

use common::*;
use jabber_jid::{BareJid, FullJid, ResourcePart};
use jabber_session::sasl::{ChannelBinding, ChannelBindingType, Mechanism, SaslElement, ScramMessage};
use jabber_session::{
    Client, ClientConfig, ClientEvent, Error, ProtocolViolation, Server, ServerConfig, ServerEvent, ServerTls, Session,
    Tls, UsageError,
};
use jabber_stanza::{DefinedCondition, Message, Requirement, SaslCondition, Stanza, StanzaError, StreamError};
use jabber_stream::Condition;

fn juliet() -> BareJid {
    "juliet@example.com".parse().unwrap()
}

fn server_config() -> ServerConfig {
    ServerConfig::new("example.com".parse().unwrap()).unwrap()
}

/// How the server side answers bind requests.
#[derive(Clone, Copy)]
enum BindPolicy {
    /// The requested resource, or `generated`.
    Grant,
    /// `conflict` every time.
    Conflict,
}

/// The two machines and the bytes between them.
struct Pair {
    client: Client,
    server: Server,
    bind: BindPolicy,
    /// Deliver bytes in chunks of this size (0: whole).
    chunk: usize,
    client_events: Vec<ClientEvent>,
    server_events: Vec<ServerEvent>,
    /// Everything written, in order: (from the client?, text).
    transcript: Vec<(bool, String)>,
    /// What each side's "TLS layer" exports for channel binding (RFC 9266):
    /// equal unless someone is in the middle.
    client_binding: ChannelBinding,
    server_binding: ChannelBinding,
}

impl Pair {
    fn new(client: ClientConfig, server: ServerConfig) -> Pair {
        Pair {
            client: Client::with_random(client, counter()).unwrap(),
            server: Server::with_random(server, accounts(), counter()),
            bind: BindPolicy::Grant,
            chunk: 0,
            client_events: Vec::new(),
            server_events: Vec::new(),
            transcript: Vec::new(),
            client_binding: exporter(7),
            server_binding: exporter(7),
        }
    }

    fn deliver(&mut self, to_server: bool, bytes: &[u8]) {
        let size = if self.chunk == 0 { bytes.len().max(1) } else { self.chunk };
        for piece in bytes.chunks(size) {
            if to_server {
                self.server.handle_input(piece);
            } else {
                self.client.handle_input(piece);
            }
        }
    }

    /// Moves bytes and handles hand-offs until neither side has anything
    /// more to say.
    fn run(&mut self) {
        for _ in 0..1000 {
            let mut progress = false;
            while let Some(event) = self.server.poll_event() {
                progress = true;
                match &event {
                    ServerEvent::StartTls => {
                        // The in-memory "TLS layer" is the identity; what
                        // matters is the order of the hand-off.
                        if let Some(bytes) = self.server.poll_transmit() {
                            self.transcript.push((false, String::from_utf8(bytes.clone()).unwrap()));
                            self.deliver(false, &bytes);
                        }
                        self.server.tls_established(Some(self.server_binding.clone())).unwrap();
                    }
                    ServerEvent::BindRequest { resource } => match self.bind {
                        BindPolicy::Grant => {
                            let resource = resource.clone().unwrap_or_else(|| ResourcePart::new("generated").unwrap());
                            self.server.bind(&resource).unwrap();
                        }
                        BindPolicy::Conflict => {
                            self.server.refuse_bind(StanzaError::new(DefinedCondition::Conflict)).unwrap();
                        }
                    },
                    _ => {}
                }
                self.server_events.push(event);
            }
            while let Some(event) = self.client.poll_event() {
                progress = true;
                if event == ClientEvent::StartTls {
                    self.client.tls_established(Some(self.client_binding.clone())).unwrap();
                }
                self.client_events.push(event);
            }
            if let Some(bytes) = self.client.poll_transmit() {
                progress = true;
                self.transcript.push((true, String::from_utf8(bytes.clone()).unwrap()));
                self.deliver(true, &bytes);
            }
            if let Some(bytes) = self.server.poll_transmit() {
                progress = true;
                self.transcript.push((false, String::from_utf8(bytes.clone()).unwrap()));
                self.deliver(false, &bytes);
            }
            if !progress {
                return;
            }
        }
        panic!("the machines keep talking");
    }

    fn client_bound(&self) -> Option<&FullJid> {
        self.client_events.iter().find_map(|e| if let ClientEvent::Bound(j) = e { Some(j) } else { None })
    }

    fn client_failure(&self) -> Option<&Error> {
        self.client_events.iter().find_map(|e| if let ClientEvent::Failed(f) = e { Some(f) } else { None })
    }
}

/// 32 bytes as the TLS layer's `tls-exporter` would give them.
fn exporter(byte: u8) -> ChannelBinding {
    ChannelBinding::new(ChannelBindingType::TlsExporter, vec![byte; 32])
}

fn login(mechanism: Mechanism, chunk: usize) -> Pair {
    let client = ClientConfig::new(juliet(), "r0m30myr0m30").with_mechanisms(&[mechanism]);
    let mut pair = Pair::new(client, server_config());
    pair.chunk = chunk;
    pair.run();
    pair
}

#[test]
fn every_mechanism_logs_in_over_starttls_and_binds() {
    for mechanism in Mechanism::ALL {
        let mut pair = login(mechanism, 0);
        assert!(pair.client_events.contains(&ClientEvent::StartTls), "{mechanism}");
        assert!(pair.client.is_secure());
        assert!(
            pair.client_events
                .iter()
                .any(|e| matches!(e, ClientEvent::Authenticated { mechanism: m } if *m == mechanism))
        );
        let bound = pair.client_bound().cloned().expect("bound");
        assert_eq!(bound.as_str(), "juliet@example.com/generated");
        assert_eq!(pair.server.jid(), Some(&bound));
        assert!(pair.server_events.contains(&ServerEvent::Bound(bound.clone())));

        // Stanzas both ways; the server stamps the client's `from`.
        let to: jabber_jid::Jid = "romeo@example.net".parse().unwrap();
        pair.client.send(Stanza::Message(Message::chat(to.clone(), "Art thou not Romeo?"))).unwrap();
        pair.server.send(Stanza::Message(Message::chat(bound.clone().into(), "Neither, fair saint"))).unwrap();
        pair.run();
        let Some(ServerEvent::Stanza(Stanza::Message(received))) =
            pair.server_events.iter().find(|e| matches!(e, ServerEvent::Stanza(_)))
        else {
            panic!("no message at the server: {:?}", pair.server_events)
        };
        assert_eq!(received.from.as_ref().map(|j| j.as_str()), Some(bound.as_str()));
        assert_eq!(received.body(), Some("Art thou not Romeo?"));
        assert!(
            pair.client_events.iter().any(
                |e| matches!(e, ClientEvent::Stanza(Stanza::Message(m)) if m.body() == Some("Neither, fair saint"))
            )
        );

        pair.client.close();
        pair.run();
        assert_eq!(pair.client_events.last(), Some(&ClientEvent::Closed));
        assert_eq!(pair.server_events.last(), Some(&ServerEvent::Closed));
        assert!(pair.client.is_closed() && pair.server.is_closed());
        assert!(pair.client_failure().is_none(), "{:?}", pair.client_events);
    }
}

#[test]
fn chunking_changes_nothing() {
    let whole = login(Mechanism::ScramSha256, 0);
    for chunk in [1, 2, 7, 64] {
        let pair = login(Mechanism::ScramSha256, chunk);
        assert_eq!(pair.client_events, whole.client_events, "chunk {chunk}");
        assert_eq!(pair.server_events, whole.server_events, "chunk {chunk}");
    }
}

#[test]
fn the_default_prefers_the_strongest_with_channel_binding() {
    let pair = Pair::new(ClientConfig::new(juliet(), "r0m30myr0m30"), server_config());
    let mut pair = pair;
    pair.run();
    assert!(
        pair.client_events
            .iter()
            .any(|e| matches!(e, ClientEvent::Authenticated { mechanism: Mechanism::ScramSha512Plus }))
    );
    // The wire shows the whole negotiation in RFC 6120 order; the server lists its binding
    // type after TLS (XEP-0440), and the client binds to it (`p=tls-exporter`, RFC 5802 §7).
    let server_said: Vec<&str> = pair.transcript.iter().filter(|(c, _)| !*c).map(|(_, t)| t.as_str()).collect();
    assert!(server_said.iter().any(|t| t.contains("<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'>")));
    let client_said: Vec<&str> = pair.transcript.iter().filter(|(c, _)| *c).map(|(_, t)| t.as_str()).collect();
    assert!(client_said[1].starts_with("<starttls"));
    assert!(
        client_said[3].starts_with("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-512-PLUS'>")
    );
}

/// RFC 5802 §6 and RFC 9266: a TLS layer in the middle exports other data on each side; the
/// server's check of the client's `c=` fails the attempt, and the client learns it.
#[test]
fn a_channel_binding_mismatch_fails_the_login() {
    let mut pair = Pair::new(ClientConfig::new(juliet(), "r0m30myr0m30"), server_config());
    pair.server_binding = exporter(8);
    pair.run();
    assert!(pair.client_bound().is_none());
    assert!(pair.server_events.contains(&ServerEvent::AuthenticationFailed(Error::ScramChannelBindingMismatch)));
    assert!(matches!(pair.client_failure(), Some(Error::SaslFailure { .. })), "{:?}", pair.client_events);
}

/// Without binding data (no TLS, so no exporter), the server offers no -PLUS and the same
/// defaults settle on SCRAM-SHA-512.
#[test]
fn without_binding_data_no_plus_is_offered_or_chosen() {
    let config = ClientConfig::new(juliet(), "r0m30myr0m30").with_tls(Tls::Disabled);
    let mut pair = Pair::new(config, server_config().with_tls(ServerTls::Unavailable));
    pair.run();
    assert!(
        pair.client_events
            .iter()
            .any(|e| matches!(e, ClientEvent::Authenticated { mechanism: Mechanism::ScramSha512 }))
    );
    let client_said: Vec<&str> = pair.transcript.iter().filter(|(c, _)| *c).map(|(_, t)| t.as_str()).collect();
    assert!(!client_said.iter().any(|t| t.contains("-PLUS")));
}

#[test]
fn the_requested_resource_is_bound() {
    let config = ClientConfig::new(juliet(), "r0m30myr0m30").with_resource(ResourcePart::new("balcony").unwrap());
    let mut pair = Pair::new(config, server_config());
    pair.run();
    assert!(
        pair.server_events
            .contains(&ServerEvent::BindRequest { resource: Some(ResourcePart::new("balcony").unwrap()) })
    );
    assert_eq!(pair.client_bound().map(|j| j.as_str()), Some("juliet@example.com/balcony"));
}

#[test]
fn a_bad_password_is_not_authorized() {
    let mut pair = Pair::new(ClientConfig::new(juliet(), "wrong"), server_config());
    pair.run();
    assert_eq!(
        pair.client_failure(),
        Some(&Error::SaslFailure { condition: SaslCondition::NotAuthorized, text: None })
    );
    assert!(pair.server_events.contains(&ServerEvent::AuthenticationFailed(Error::SaslAuthenticationFailed)));
    assert!(pair.client_bound().is_none());
    // The client gave up and closed; the server closed its half too.
    assert_eq!(pair.client_events.last(), Some(&ClientEvent::Closed));

    // An unknown user gets the same answer (no account probing).
    let nobody = ClientConfig::new("nobody@example.com".parse().unwrap(), "x").with_mechanisms(&[Mechanism::Plain]);
    let mut pair = Pair::new(nobody, server_config());
    pair.run();
    assert_eq!(
        pair.client_failure(),
        Some(&Error::SaslFailure { condition: SaslCondition::NotAuthorized, text: None })
    );
}

#[test]
fn no_common_mechanism() {
    // The client wants PLAIN only; the server offers SCRAM only.
    let client = ClientConfig::new(juliet(), "r0m30myr0m30").with_mechanisms(&[Mechanism::Plain]);
    let server = server_config().with_mechanisms(&[Mechanism::ScramSha1, Mechanism::ScramSha256]);
    let mut pair = Pair::new(client, server);
    pair.run();
    assert_eq!(pair.client_failure(), Some(&Error::NoMechanism));
}

#[test]
fn plain_is_not_sent_in_the_clear_unless_allowed() {
    let client =
        ClientConfig::new(juliet(), "r0m30myr0m30").with_tls(Tls::IfOffered).with_mechanisms(&[Mechanism::Plain]);
    let server = server_config().with_tls(ServerTls::Unavailable).allow_plain_without_tls(true);
    let mut pair = Pair::new(client.clone(), server.clone());
    pair.run();
    assert_eq!(pair.client_failure(), Some(&Error::NoMechanism));

    let mut pair = Pair::new(client.allow_plain_without_tls(true), server);
    pair.run();
    assert!(pair.client_bound().is_some(), "{:?}", pair.client_events);
    assert!(!pair.client.is_secure());
}

#[test]
fn tls_required_but_not_offered() {
    let server = server_config().with_tls(ServerTls::Unavailable);
    let mut pair = Pair::new(ClientConfig::new(juliet(), "r0m30myr0m30"), server);
    pair.run();
    assert_eq!(pair.client_failure(), Some(&Error::TlsRequired));
    assert!(pair.transcript.iter().all(|(_, t)| !t.contains("<auth")), "no credentials went out");
}

#[test]
fn the_server_requires_tls_the_client_refuses() {
    let client = ClientConfig::new(juliet(), "r0m30myr0m30").with_tls(Tls::Disabled);
    let mut pair = Pair::new(client, server_config());
    pair.run();
    assert_eq!(pair.client_failure(), Some(&Error::TlsRequired));
}

#[test]
fn bind_conflict() {
    let mut pair = Pair::new(ClientConfig::new(juliet(), "r0m30myr0m30"), server_config());
    pair.bind = BindPolicy::Conflict;
    pair.run();
    match pair.client_failure() {
        Some(Error::Bind(error)) => assert_eq!(error.condition, DefinedCondition::Conflict),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_required_legacy_session_is_established() {
    let server = server_config().with_legacy_session(Requirement::Required);
    let mut pair = Pair::new(ClientConfig::new(juliet(), "r0m30myr0m30"), server);
    pair.run();
    assert!(pair.transcript.iter().any(|(c, t)| *c && t.contains("urn:ietf:params:xml:ns:xmpp-session")));
    assert!(pair.client_bound().is_some());
    // The session request is answered by the server machine, not handed on.
    assert!(!pair.server_events.iter().any(|e| matches!(e, ServerEvent::Stanza(_))));

    // Optional: the client skips it (RFC 6121 Appendix E).
    let server = server_config().with_legacy_session(Requirement::Optional);
    let mut pair = Pair::new(ClientConfig::new(juliet(), "r0m30myr0m30"), server);
    pair.run();
    assert!(!pair.transcript.iter().any(|(c, t)| *c && t.contains("xmpp-session")));
    assert!(pair.client_bound().is_some());
}

#[test]
fn a_spoofed_from_is_a_stream_error() {
    let mut pair = Pair::new(ClientConfig::new(juliet(), "r0m30myr0m30"), server_config());
    pair.run();
    let mut message = Message::chat("romeo@example.net".parse().unwrap(), "hi");
    message.from = Some("romeo@example.net/orchard".parse().unwrap());
    pair.client.send(Stanza::Message(message)).unwrap();
    pair.run();
    assert!(
        pair.client_events
            .iter()
            .any(|e| matches!(e, ClientEvent::Failed(Error::StreamError(s)) if s.condition == Condition::InvalidFrom))
    );
    assert_eq!(pair.client_events.last(), Some(&ClientEvent::Closed));
}

/// Issue 10: stanzas are read liberally, so an address that is not a JID
/// reaches the server machine kept, not refused: a bad `from` is still
/// `invalid-from` (RFC 6120 §4.9.3.9); a bad `to` is answered with
/// `jid-malformed` (§8.3.3.8) and never delivered as if it had no `to`.
#[test]
fn addresses_that_are_not_jids_are_refused_by_the_server() {
    let mut pair = Pair::new(ClientConfig::new(juliet(), "r0m30myr0m30"), server_config());
    pair.run();
    pair.server_events.clear();
    pair.deliver(true, b"<message to='@example.net' id='m1'><body>hi</body></message>");
    pair.run();
    assert!(pair.server_events.iter().all(|e| !matches!(e, ServerEvent::Stanza(_))), "{:?}", pair.server_events);
    let reply = pair.client_events.iter().find_map(|e| match e {
        ClientEvent::Stanza(Stanza::Message(m)) => m.error().map(|e| (m.id.clone(), e.condition.clone())),
        _ => None,
    });
    assert_eq!(reply, Some((Some("m1".into()), DefinedCondition::JidMalformed)));

    pair.deliver(true, b"<message from='@example.com' to='romeo@example.net'/>");
    pair.run();
    assert!(
        pair.client_events
            .iter()
            .any(|e| matches!(e, ClientEvent::Failed(Error::StreamError(s)) if s.condition == Condition::InvalidFrom))
    );
}

#[test]
fn three_failures_and_the_stream_is_closed() {
    let mut server = Server::with_random(
        server_config().with_tls(ServerTls::Unavailable).allow_plain_without_tls(true),
        accounts(),
        counter(),
    );
    server.handle_input(
        b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>",
    );
    // PLAIN with a wrong password, three times (base64 of "\0juliet\0bad").
    for _ in 0..3 {
        server
            .handle_input(b"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldABiYWQ=</auth>");
    }
    let out = String::from_utf8(server.poll_transmit().unwrap()).unwrap();
    assert_eq!(out.matches("<not-authorized/>").count(), 3);
    assert!(out.ends_with("<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams' xml:lang='en'>too many failed authentication attempts</text></stream:error></stream:stream>"), "{out}");
    let events: Vec<ServerEvent> = std::iter::from_fn(|| server.poll_event()).collect();
    assert_eq!(events.iter().filter(|e| matches!(e, ServerEvent::AuthenticationFailed(_))).count(), 3);
    assert!(matches!(
        events.last(),
        Some(ServerEvent::Failed(Error::Protocol(ProtocolViolation::TooManyAttempts { attempts: 3 })))
    ));
}

#[test]
fn the_server_answers_bad_input_with_stream_errors() {
    let cases: &[(&[u8], Condition)] = &[
        // RFC 6120 §4.9.3.7: a header for a host the server does not serve.
        (b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.org' version='1.0'>", Condition::HostUnknown),
        (b"<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>", Condition::InvalidNamespace),
        (b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.com'>", Condition::UnsupportedVersion),
        (b"<!DOCTYPE foo>", Condition::RestrictedXml),
        (b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'><message><body>before auth</body></message>", Condition::PolicyViolation),
    ];
    for (input, condition) in cases {
        let mut server = Server::with_random(server_config(), accounts(), counter());
        server.handle_input(input);
        let out = String::from_utf8(server.poll_transmit().unwrap()).unwrap();
        // A stream header always precedes the error (RFC 6120 §4.9.1.2).
        assert!(out.starts_with("<?xml version='1.0'?><stream:stream "), "{out}");
        assert!(
            out.contains(&format!("<{condition} xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")),
            "{condition}: {out}"
        );
        assert!(out.ends_with("</stream:stream>"));
        assert!(server.poll_event().is_some_and(|e| matches!(e, ServerEvent::Failed(_))));
    }
}

#[test]
fn a_wrong_server_signature_is_an_error() {
    // A fake server that knows the protocol but not the password.
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let config = ClientConfig::new(juliet(), "r0m30myr0m30").with_tls(Tls::Direct);
    let mut client = Client::with_random(config, counter()).unwrap();
    client.poll_transmit();
    client.handle_input(
        b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' \
        id='s1' from='example.com' version='1.0'><stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>\
        <mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>",
    );
    let auth = String::from_utf8(client.poll_transmit().unwrap()).unwrap();
    let initial = auth.split('>').nth(1).unwrap().split('<').next().unwrap();
    let first = String::from_utf8(b64.decode(initial).unwrap()).unwrap();
    let nonce = first.split("r=").nth(1).unwrap();
    let challenge = format!("r={nonce}server,s={},i=4096", b64.encode("salt"));
    client.handle_input(
        format!("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>{}</challenge>", b64.encode(challenge)).as_bytes(),
    );
    assert!(String::from_utf8(client.poll_transmit().unwrap()).unwrap().starts_with("<response"));
    client.handle_input(
        format!(
            "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>{}</success>",
            b64.encode("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        )
        .as_bytes(),
    );
    assert_eq!(client.poll_event(), Some(ClientEvent::Failed(Error::ScramServerSignatureMismatch)));
    assert!(String::from_utf8(client.poll_transmit().unwrap()).unwrap().ends_with("</stream:stream>"));

    // And a success without the signature is no success either.
    let config = ClientConfig::new(juliet(), "r0m30myr0m30").with_tls(Tls::Direct);
    let mut client = Client::with_random(config, counter()).unwrap();
    client.handle_input(
        b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' \
        id='s1' from='example.com' version='1.0'><stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>\
        <mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>\
        <success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>",
    );
    assert_eq!(client.poll_event(), Some(ClientEvent::Failed(Error::ScramServerSignatureMismatch)));
}

#[test]
fn the_client_answers_malformed_xml_with_a_stream_error() {
    let mut client = Client::with_random(ClientConfig::new(juliet(), "x").with_tls(Tls::Direct), counter()).unwrap();
    client.poll_transmit();
    client.handle_input(
        b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' \
        id='s1' from='example.com' version='1.0'><stream:features></stream:feature>",
    );
    let out = String::from_utf8(client.poll_transmit().unwrap()).unwrap();
    assert!(out.contains("<not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"), "{out}");
    assert!(matches!(client.poll_event(), Some(ClientEvent::Failed(Error::Stream(_)))));
    assert_eq!(client.poll_event(), Some(ClientEvent::Closed));
    // Nothing more is read.
    client.handle_input(b"<message/>");
    assert_eq!(client.poll_event(), None);
}

#[test]
fn the_server_closing_with_an_error_reaches_the_client() {
    let mut pair = Pair::new(ClientConfig::new(juliet(), "r0m30myr0m30"), server_config());
    pair.run();
    pair.server.close_with_error(&StreamError::new(Condition::SystemShutdown));
    pair.run();
    assert!(
        pair.client_events.iter().any(
            |e| matches!(e, ClientEvent::Failed(Error::StreamError(s)) if s.condition == Condition::SystemShutdown)
        )
    );
    assert_eq!(pair.client_events.last(), Some(&ClientEvent::Closed));
    assert_eq!(pair.server_events.last(), Some(&ServerEvent::Closed));
    assert_eq!(pair.client.send(Stanza::Message(Message::new())), Err(UsageError::NotReady));
}

#[test]
fn sending_before_bound_is_refused() {
    let mut client = Client::with_random(ClientConfig::new(juliet(), "x"), counter()).unwrap();
    assert_eq!(client.send(Stanza::Message(Message::new())), Err(UsageError::NotReady));
    assert!(matches!(client.tls_established(None), Err(UsageError::NoTlsHandoff)));
    assert!(matches!(
        Client::with_random(ClientConfig::new("example.com".parse().unwrap(), "x"), counter()),
        Err(UsageError::AccountWithoutLocalpart { .. })
    ));
}

#[test]
fn input_waits_while_a_bind_request_is_with_the_caller() {
    // Found by the session_server fuzz target: a bind request followed, in the same read, by
    // junk. The junk is handled only once the caller has answered, so the outcome does not
    // depend on how the bytes were chunked; answering twice is refused without harm.
    let mut server = Server::with_random(
        server_config().with_tls(ServerTls::Unavailable).allow_plain_without_tls(true),
        accounts(),
        counter(),
    );
    let header = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' \
                  to='example.com' version='1.0'>";
    server.handle_input(header.as_bytes());
    server.handle_input(
        b"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldAByMG0zMG15cjBtMzA=</auth>",
    );
    server.handle_input(
        format!("{header}<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>*junk*")
            .as_bytes(),
    );
    let events: Vec<ServerEvent> = std::iter::from_fn(|| server.poll_event()).collect();
    assert_eq!(events.last(), Some(&ServerEvent::BindRequest { resource: None }));
    let jid = server.bind(&ResourcePart::new("r").unwrap()).unwrap();
    let events: Vec<ServerEvent> = std::iter::from_fn(|| server.poll_event()).collect();
    assert_eq!(events[0], ServerEvent::Bound(jid));
    assert!(matches!(events[1], ServerEvent::Failed(Error::Stream(_))));
    assert_eq!(events.last(), Some(&ServerEvent::Closed));
    assert!(matches!(server.bind(&ResourcePart::new("r").unwrap()), Err(UsageError::NoBindRequest)));
    assert!(matches!(server.refuse_bind(StanzaError::new(DefinedCondition::Conflict)), Err(UsageError::NoBindRequest)));
    server.handle_eof();
    assert_eq!(server.poll_event(), None, "no second Closed");
    assert!(server.is_closed());
}

#[test]
fn the_server_keeps_a_from_that_is_the_account_and_stamps_a_missing_one() {
    // RFC 6120 §8.1.2.1: the bare JID or the full JID of the session are the client's own.
    let mut pair = Pair::new(ClientConfig::new(juliet(), "r0m30myr0m30"), server_config());
    pair.run();
    let to: jabber_jid::Jid = "romeo@example.net".parse().unwrap();
    let mut bare = Message::chat(to.clone(), "bare");
    bare.from = Some(juliet().into());
    pair.client.send(Stanza::Message(bare)).unwrap();
    pair.client.send(Stanza::Message(Message::chat(to, "none"))).unwrap();
    pair.run();
    let froms: Vec<(String, String)> = pair
        .server_events
        .iter()
        .filter_map(|e| match e {
            ServerEvent::Stanza(Stanza::Message(m)) => {
                Some((m.body().unwrap_or_default().to_owned(), m.from.as_ref().unwrap().to_string()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        froms,
        [
            ("bare".to_owned(), "juliet@example.com".to_owned()),
            ("none".to_owned(), "juliet@example.com/generated".to_owned())
        ]
    );
    assert!(pair.client.is_ready());
}

// --- SASL errors are scoped to the attempt (RFC 6120 §6.4.5, §6.5) ---

const STREAM: &str = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' \
                      to='example.com' version='1.0'>";
const SASL_NS: &str = "urn:ietf:params:xml:ns:xmpp-sasl";

/// A server that has sent its features (no TLS, every mechanism, PLAIN allowed) and allows
/// `attempts` failed authentication attempts.
fn raw_server(attempts: u32) -> Server {
    let config =
        server_config().with_tls(ServerTls::Unavailable).allow_plain_without_tls(true).with_max_auth_attempts(attempts);
    let mut server = Server::with_random(config, accounts(), counter());
    server.handle_input(STREAM.as_bytes());
    said(&mut server);
    server
}

/// Everything the server has written since last asked.
fn said(server: &mut Server) -> String {
    std::iter::from_fn(|| server.poll_transmit()).map(|b| String::from_utf8(b).unwrap()).collect()
}

fn events(server: &mut Server) -> Vec<ServerEvent> {
    std::iter::from_fn(|| server.poll_event()).collect()
}

fn b64(data: impl AsRef<[u8]>) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(data)
}

fn unb64(data: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(data).unwrap()
}

/// The text of the one element in `xml` (a challenge, a success).
fn content(xml: &str) -> &str {
    xml.split('>').nth(1).and_then(|rest| rest.split('<').next()).unwrap()
}

fn failure(condition: &str) -> String {
    format!("<failure xmlns='{SASL_NS}'><{condition}/></failure>")
}

/// Sends `element` and checks that the server answers with exactly the SASL failure `condition`,
/// reports the attempt as failed with `error`, and keeps the stream open.
fn fails_attempt(server: &mut Server, element: &str, condition: &str, error: &Error) {
    server.handle_input(element.as_bytes());
    assert_eq!(said(server), failure(condition), "{element}");
    assert_eq!(events(server), [ServerEvent::AuthenticationFailed(error.clone())], "{element}");
    assert!(!server.is_closed());
}

/// A SCRAM client for juliet and the client-first message it sends.
fn scram_client(hash: jabber_session::sasl::ScramHash) -> (jabber_session::sasl::ScramClient, Vec<u8>) {
    let mut client =
        jabber_session::sasl::ScramClient::new(hash, "juliet", "r0m30myr0m30", None, "clientnonce".into()).unwrap();
    let first = client.client_first();
    (client, first)
}

/// Logs juliet in with PLAIN and checks it worked: the stream was still usable.
fn plain_login_works(server: &mut Server) {
    server.handle_input(
        format!("<auth xmlns='{SASL_NS}' mechanism='PLAIN'>{}</auth>", b64("\0juliet\0r0m30myr0m30")).as_bytes(),
    );
    assert_eq!(said(server), format!("<success xmlns='{SASL_NS}'/>"));
    assert!(matches!(events(server)[..], [ServerEvent::Authenticated { .. }]));
}

/// RFC 6120 §6.4.5 and §6.5.5: data that is not base64 (RFC 6120 §13.9.1) fails that attempt with
/// `<incorrect-encoding/>`; the stream stays open for another. It used to be closed with
/// `<bad-format/>`.
#[test]
fn plain_with_bad_base64_is_incorrect_encoding_and_the_stream_stays_open() {
    let mut server = raw_server(3);
    fails_attempt(
        &mut server,
        &format!("<auth xmlns='{SASL_NS}' mechanism='PLAIN'>AGFsaWNl*HNlY3JldA==</auth>"),
        "incorrect-encoding",
        &Error::SaslIncorrectEncoding { element: SaslElement::Auth },
    );
    plain_login_works(&mut server);
}

/// RFC 6120 §6.5.5 ("sent in reply to a <response/> element or an <auth/> element with initial
/// response data"): every element that carries the client's data, for every mechanism.
#[test]
fn bad_base64_fails_the_attempt_in_every_element_and_mechanism() {
    let bad = "AGFsaWNl*HNlY3JldA==";
    let auth = Error::SaslIncorrectEncoding { element: SaslElement::Auth };
    let response = Error::SaslIncorrectEncoding { element: SaslElement::Response };
    for mechanism in Mechanism::PREFERENCE {
        let mut server = raw_server(5);
        // In the initial response.
        fails_attempt(
            &mut server,
            &format!("<auth xmlns='{SASL_NS}' mechanism='{mechanism}'>{bad}</auth>"),
            "incorrect-encoding",
            &auth,
        );
        // In a response: to the empty challenge, and (SCRAM) to the server-first message.
        server.handle_input(format!("<auth xmlns='{SASL_NS}' mechanism='{mechanism}'/>").as_bytes());
        assert_eq!(said(&mut server), format!("<challenge xmlns='{SASL_NS}'/>"));
        fails_attempt(
            &mut server,
            &format!("<response xmlns='{SASL_NS}'>{bad}</response>"),
            "incorrect-encoding",
            &response,
        );
        if let Some(hash) = mechanism.scram_hash() {
            let (_, first) = scram_client(hash);
            server.handle_input(
                format!("<auth xmlns='{SASL_NS}' mechanism='{mechanism}'>{}</auth>", b64(&first)).as_bytes(),
            );
            assert!(said(&mut server).starts_with("<challenge"));
            fails_attempt(
                &mut server,
                &format!("<response xmlns='{SASL_NS}'>{bad}</response>"),
                "incorrect-encoding",
                &response,
            );
            // And then a whole SCRAM exchange on the same stream.
            let (mut client, first) = scram_client(hash);
            server.handle_input(
                format!("<auth xmlns='{SASL_NS}' mechanism='{mechanism}'>{}</auth>", b64(&first)).as_bytes(),
            );
            let challenge = said(&mut server);
            let last = client.handle_server_first(&unb64(content(&challenge))).unwrap();
            server.handle_input(format!("<response xmlns='{SASL_NS}'>{}</response>", b64(&last)).as_bytes());
            let success = said(&mut server);
            client.handle_server_final(&unb64(content(&success))).unwrap();
            assert!(
                matches!(events(&mut server)[..], [ServerEvent::Authenticated { mechanism: m, .. }] if m == mechanism)
            );
        } else {
            plain_login_works(&mut server);
        }
    }
}

/// RFC 6120 §6.4.5: after the allowed number of failed attempts, the stream is closed with
/// `<policy-violation/>`; attempts that fail for their encoding count like the others.
#[test]
fn incorrect_encodings_count_as_failed_attempts() {
    let mut server = raw_server(3);
    for _ in 0..3 {
        server.handle_input(format!("<auth xmlns='{SASL_NS}' mechanism='PLAIN'>****</auth>").as_bytes());
    }
    let out = said(&mut server);
    assert_eq!(out.matches("<incorrect-encoding/>").count(), 3, "{out}");
    assert!(out.contains("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"), "{out}");
    assert!(out.ends_with("</stream:stream>"));
    let events = events(&mut server);
    assert_eq!(events.iter().filter(|e| matches!(e, ServerEvent::AuthenticationFailed(_))).count(), 3);
    assert!(matches!(
        events.last(),
        Some(ServerEvent::Failed(Error::Protocol(ProtocolViolation::TooManyAttempts { attempts: 3 })))
    ));
}

/// RFC 6120 §6.5.7: "The initiating entity did not specify a mechanism, or requested a mechanism
/// that is not supported": `<invalid-mechanism/>`, before the data is looked at (only the
/// mechanism could read it). A missing or ill-formed name used to close the stream with
/// `<bad-format/>`.
#[test]
fn a_missing_or_unknown_mechanism_is_invalid_mechanism() {
    let mut server = raw_server(10);
    for auth in [
        format!("<auth xmlns='{SASL_NS}'>{}</auth>", b64("\0juliet\0r0m30myr0m30")),
        format!("<auth xmlns='{SASL_NS}' mechanism=''/>"),
        format!("<auth xmlns='{SASL_NS}' mechanism='plain'>{}</auth>", b64("\0juliet\0r0m30myr0m30")),
        format!("<auth xmlns='{SASL_NS}' mechanism='SCRAM-SHA-1-PLUS-AND-MORE-THAN-20'/>"),
        format!("<auth xmlns='{SASL_NS}' mechanism='CRAM-MD5'/>"),
        format!("<auth xmlns='{SASL_NS}' mechanism='DIGEST-MD5'>****</auth>"),
    ] {
        fails_attempt(&mut server, &auth, "invalid-mechanism", &Error::NoMechanism);
    }
    plain_login_works(&mut server);
}

/// RFC 6120 §6.5.8: "the data sent violates the syntax for the specified SASL mechanism", or the
/// request is otherwise malformed: `<malformed-request/>`, and the client may try again.
#[test]
fn malformed_sasl_requests_fail_the_attempt_not_the_stream() {
    let mut server = raw_server(20);
    let malformed = |server: &mut Server, element: &str| {
        server.handle_input(element.as_bytes());
        assert_eq!(said(server), failure("malformed-request"), "{element}");
        assert!(matches!(events(server)[..], [ServerEvent::AuthenticationFailed(_)]), "{element}");
        assert!(!server.is_closed());
    };
    // Child elements in <auth/> and <response/> (RFC 6120 §6.4.2: XML character data only).
    malformed(&mut server, &format!("<auth xmlns='{SASL_NS}' mechanism='PLAIN'><x/></auth>"));
    // PLAIN with the wrong number of fields, empty fields, not UTF-8 (RFC 4616 §2).
    for message in
        [&b"\0juliet"[..], b"juliet\0r0m30myr0m30", b"\0juliet\0r0m30\0myr0m30", b"\0\0pw", b"\0ju\xffliet\0pw", b""]
    {
        let data = if message.is_empty() { "=".to_owned() } else { b64(message) };
        malformed(&mut server, &format!("<auth xmlns='{SASL_NS}' mechanism='PLAIN'>{data}</auth>"));
    }
    // SCRAM messages that do not parse (RFC 5802 §7), first and final.
    for first in
        ["n,,r=abc", "garbage", "n,,n=juliet,r=abc,m=ext", "p=tls-unique,,n=juliet,r=abc", "n,,n=ju=41liet,r=abc"]
    {
        malformed(&mut server, &format!("<auth xmlns='{SASL_NS}' mechanism='SCRAM-SHA-1'>{}</auth>", b64(first)));
    }
    let (_, first) = scram_client(jabber_session::sasl::ScramHash::Sha256);
    server.handle_input(format!("<auth xmlns='{SASL_NS}' mechanism='SCRAM-SHA-256'>{}</auth>", b64(&first)).as_bytes());
    assert!(said(&mut server).starts_with("<challenge"));
    malformed(&mut server, &format!("<response xmlns='{SASL_NS}'>{}</response>", b64("c=biws,m=x,p=AAAA")));
    // A response with no exchange under way, elements that are the server's to send, and an
    // element of the SASL namespace that does not exist (RFC 6120 §6.5.8: "sent in reply to an
    // <abort/>, <auth/>, <challenge/>, or <response/> element").
    malformed(&mut server, &format!("<response xmlns='{SASL_NS}'>{}</response>", b64("x")));
    malformed(&mut server, &format!("<challenge xmlns='{SASL_NS}'/>"));
    malformed(&mut server, &format!("<success xmlns='{SASL_NS}'/>"));
    malformed(&mut server, &format!("<failure xmlns='{SASL_NS}'><aborted/></failure>"));
    malformed(&mut server, &format!("<retry xmlns='{SASL_NS}'/>"));
    plain_login_works(&mut server);
}

/// RFC 6120 §6.4.2: "If the initiating entity subsequently sends another <auth/> element and the
/// ongoing authentication handshake has not yet completed, the receiving entity MUST discard the
/// ongoing handshake and MUST process a new handshake". It used to close the stream with
/// `<bad-format/>`.
#[test]
fn a_new_auth_discards_the_handshake_under_way() {
    let mut server = raw_server(3);
    let (_, first) = scram_client(jabber_session::sasl::ScramHash::Sha1);
    server.handle_input(format!("<auth xmlns='{SASL_NS}' mechanism='SCRAM-SHA-1'>{}</auth>", b64(&first)).as_bytes());
    assert!(said(&mut server).starts_with("<challenge"));
    plain_login_works(&mut server);

    // And from the empty challenge of an exchange without initial response.
    let mut server = raw_server(3);
    server.handle_input(format!("<auth xmlns='{SASL_NS}' mechanism='PLAIN'/>").as_bytes());
    assert_eq!(said(&mut server), format!("<challenge xmlns='{SASL_NS}'/>"));
    plain_login_works(&mut server);
}

/// RFC 4422 §5 and RFC 6120 §6.4.2: the initial response is optional; for a mechanism where the
/// client speaks first (SCRAM, RFC 5802 §5) the server asks for it with an empty challenge. It
/// used to fail with `<malformed-request/>`.
#[test]
fn scram_without_initial_response_gets_an_empty_challenge() {
    let mut server = raw_server(3);
    server.handle_input(format!("<auth xmlns='{SASL_NS}' mechanism='SCRAM-SHA-256'/>").as_bytes());
    assert_eq!(said(&mut server), format!("<challenge xmlns='{SASL_NS}'/>"));
    let (mut client, first) = scram_client(jabber_session::sasl::ScramHash::Sha256);
    server.handle_input(format!("<response xmlns='{SASL_NS}'>{}</response>", b64(&first)).as_bytes());
    let challenge = said(&mut server);
    let last = client.handle_server_first(&unb64(content(&challenge))).unwrap();
    server.handle_input(format!("<response xmlns='{SASL_NS}'>{}</response>", b64(&last)).as_bytes());
    let success = said(&mut server);
    client.handle_server_final(&unb64(content(&success))).unwrap();
    assert!(matches!(events(&mut server)[..], [ServerEvent::Authenticated { mechanism: Mechanism::ScramSha256, .. }]));
}

/// A client (direct TLS) whose server offers `mechanism`; its `<auth/>` has been sent.
fn raw_client(mechanism: Mechanism) -> Client {
    let config = ClientConfig::new(juliet(), "r0m30myr0m30").with_tls(Tls::Direct).with_mechanisms(&[mechanism]);
    let mut client = Client::with_random(config, counter()).unwrap();
    client.poll_transmit();
    client.handle_input(
        format!(
            "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='s1' \
             from='example.com' version='1.0'><stream:features><mechanisms xmlns='{SASL_NS}'>\
             <mechanism>{mechanism}</mechanism></mechanisms></stream:features>"
        )
        .as_bytes(),
    );
    assert!(String::from_utf8(client.poll_transmit().unwrap()).unwrap().starts_with("<auth"));
    client
}

fn client_said(client: &mut Client) -> String {
    std::iter::from_fn(|| client.poll_transmit()).map(|b| String::from_utf8(b).unwrap()).collect()
}

/// RFC 6120 §13.9.1: "Both the client and the server MUST verify any base 64 data received during
/// SASL negotiation"; the initiating entity's way to end a handshake is `<abort/>` (§6.4.4). So a
/// `<challenge/>` that is not base64 is aborted and reported as
/// `SaslIncorrectEncoding { element: Challenge }`; then, with no other mechanism to try, the
/// client closes the stream (§6.4.5) without a stream error: the stream is fine. It used to be
/// closed with `<bad-format/>`.
#[test]
fn the_client_aborts_a_challenge_that_is_not_base64() {
    for mechanism in Mechanism::PREFERENCE {
        let mut client = raw_client(mechanism);
        client.handle_input(format!("<challenge xmlns='{SASL_NS}'>cj1*</challenge>").as_bytes());
        assert_eq!(client_said(&mut client), format!("<abort xmlns='{SASL_NS}'/></stream:stream>"), "{mechanism}");
        assert_eq!(
            client.poll_event(),
            Some(ClientEvent::Failed(Error::SaslIncorrectEncoding { element: SaslElement::Challenge }))
        );
        // The server's answer to the abort, and its close, end the stream quietly.
        client.handle_input(format!("{}</stream:stream>", failure("aborted")).as_bytes());
        let rest: Vec<ClientEvent> = std::iter::from_fn(|| client.poll_event()).collect();
        assert_eq!(rest.last(), Some(&ClientEvent::Closed));
        assert!(!rest.iter().any(|e| matches!(e, ClientEvent::Failed(_))));
    }
}

/// RFC 6120 §13.9.1 for the additional data of `<success/>` (§6.4.6): the exchange is over on the
/// server's side, so there is nothing to abort, but a SCRAM signature that cannot be read is no
/// signature (RFC 5802 §5.1 `v`): the authentication fails with
/// `SaslIncorrectEncoding { element: Success }` and the stream is closed without a stream error.
#[test]
fn the_client_refuses_a_success_that_is_not_base64() {
    for mechanism in Mechanism::PREFERENCE {
        let mut client = raw_client(mechanism);
        client.handle_input(format!("<success xmlns='{SASL_NS}'>dj1*</success>").as_bytes());
        assert_eq!(client_said(&mut client), "</stream:stream>", "{mechanism}");
        assert_eq!(
            client.poll_event(),
            Some(ClientEvent::Failed(Error::SaslIncorrectEncoding { element: SaslElement::Success }))
        );
    }
}

/// RFC 6120 §6.5: "if an entity receives a SASL error condition that it does not understand then
/// it MUST treat the unknown condition as a generic authentication failure, i.e., as equivalent to
/// <not-authorized/>". It used to be a `<bad-format/>` stream error.
#[test]
fn the_client_takes_an_unknown_failure_condition_as_not_authorized() {
    let mut client = raw_client(Mechanism::ScramSha256);
    client.handle_input(format!("<failure xmlns='{SASL_NS}'><too-many-emojis/></failure>").as_bytes());
    assert_eq!(
        client.poll_event(),
        Some(ClientEvent::Failed(Error::SaslFailure { condition: SaslCondition::NotAuthorized, text: None }))
    );
    assert_eq!(client_said(&mut client), "</stream:stream>");

    // A failure with more than RFC 6120 allows is still a failure, by its first condition.
    let mut client = raw_client(Mechanism::ScramSha256);
    client.handle_input(format!("<failure xmlns='{SASL_NS}'><aborted/><aborted/></failure>").as_bytes());
    assert_eq!(
        client.poll_event(),
        Some(ClientEvent::Failed(Error::SaslFailure { condition: SaslCondition::Aborted, text: None }))
    );
    assert_eq!(client_said(&mut client), "</stream:stream>");
}

/// RFC 5802 §5.1 through the client machine: a server-first message that breaks the grammar
/// (here `m` among the extensions) is aborted (RFC 6120 §6.4.4), not a stream error.
#[test]
fn the_client_aborts_a_scram_challenge_that_breaks_rfc_5802() {
    let mut client = raw_client(Mechanism::ScramSha1);
    client.handle_input(
        format!("<challenge xmlns='{SASL_NS}'>{}</challenge>", b64("r=x,s=QQ==,i=4096,m=ext")).as_bytes(),
    );
    assert_eq!(client_said(&mut client), format!("<abort xmlns='{SASL_NS}'/></stream:stream>"));
    assert_eq!(
        client.poll_event(),
        Some(ClientEvent::Failed(Error::ScramMandatoryExtension { message: ScramMessage::ServerFirst }))
    );
}
