//! What real peers send that RFC 6120 allows, or that old servers still
//! send: each case of issue 10 that concerns the session machines, as a
//! regression test.

mod common;

use common::*;
use jabber_jid::BareJid;
use jabber_session::{Client, ClientConfig, ClientEvent, Error, ServerEvent, Session, Tls};
use jabber_stream::Condition;

fn client() -> Client {
    let jid: BareJid = "juliet@example.com".parse().unwrap();
    let mut client = Client::with_random(ClientConfig::new(jid, "x").with_tls(Tls::Direct), counter()).unwrap();
    client.poll_transmit();
    client
}

const SERVER_HEADER: &[u8] = b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' \
    id='s1' from='example.com' version='1.0'>";

fn events(client: &mut Client) -> Vec<ClientEvent> {
    std::iter::from_fn(|| client.poll_event()).collect()
}

/// Issue 10, kind 2: a peer's `<xml-not-well-formed/>` (the RFC 3920 name,
/// RFC 6120 §4.9.3.13) made the client report a parse failure of its own
/// and answer with a stream error. It is the peer's stream error, mapped to
/// `not-well-formed`, and the client only closes its half.
#[test]
fn a_legacy_stream_error_is_the_peers_stream_error() {
    let mut client = client();
    client.handle_input(SERVER_HEADER);
    client.handle_input(
        b"<stream:error><xml-not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>",
    );
    let out = String::from_utf8(client.poll_transmit().unwrap_or_default()).unwrap();
    assert_eq!(out, "</stream:stream>", "no stream error of our own");
    let events = events(&mut client);
    let [ClientEvent::Failed(Error::StreamError(error))] = &events[..] else { panic!("{events:?}") };
    assert_eq!(error.condition, Condition::NotWellFormed);
    assert_eq!(error.received_name.as_deref(), Some("xml-not-well-formed"));
    assert!(error.malformed.is_empty());
    client.handle_input(b"</stream:stream>");
    assert_eq!(client.poll_event(), Some(ClientEvent::Closed));
}

/// A condition RFC 6120 does not define (RFC 3920's `invalid-id`, or a
/// server's own), no condition at all, or two: still the peer's stream
/// error, `undefined-condition` with the name kept, never an error of ours.
#[test]
fn unknown_or_malformed_stream_errors_are_the_peers_stream_error() {
    for (inner, name, malformed) in [
        ("<invalid-id xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>", Some("invalid-id"), 0),
        ("<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>bye</text>", None, 1),
        (
            "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><reset xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>",
            None,
            1,
        ),
    ] {
        let mut client = client();
        client.handle_input(SERVER_HEADER);
        client.handle_input(format!("<stream:error>{inner}</stream:error>").as_bytes());
        let out = String::from_utf8(client.poll_transmit().unwrap_or_default()).unwrap();
        assert_eq!(out, "</stream:stream>", "{inner}");
        let events = events(&mut client);
        let [ClientEvent::Failed(Error::StreamError(error))] = &events[..] else { panic!("{inner}: {events:?}") };
        assert_eq!(error.received_name.as_deref(), name, "{inner}");
        assert_eq!(error.malformed.len(), malformed, "{inner}: {:?}", error.malformed);
    }
}

/// RFC 6120 §4.8.2: a server whose header declares no content namespace
/// (prefix-free canonicalization) and qualifies its first-level elements
/// itself; the negotiation goes on.
#[test]
fn a_prefix_free_server_stream_is_negotiated() {
    let mut client = client();
    client.handle_input(
        b"<stream:stream xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='example.com' version='1.0'>\
        <stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism>\
        </mechanisms></stream:features>",
    );
    let out = String::from_utf8(client.poll_transmit().unwrap()).unwrap();
    assert!(out.starts_with("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"), "{out}");
    assert!(events(&mut client).iter().all(|e| !matches!(e, ClientEvent::Failed(_) | ClientEvent::Closed)));
}

/// A server after authentication, with nothing bound yet (PLAIN, no TLS:
/// a test server only).
fn authenticated_server() -> (jabber_session::Server, &'static str) {
    use jabber_session::{Server, ServerConfig, ServerTls};
    let config = ServerConfig::new("example.com".parse().unwrap())
        .unwrap()
        .with_tls(ServerTls::Unavailable)
        .allow_plain_without_tls(true);
    let mut server = Server::with_random(config, accounts(), counter());
    let header = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' \
                  to='example.com' version='1.0'>";
    server.handle_input(header.as_bytes());
    server.handle_input(
        b"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldAByMG0zMG15cjBtMzA=</auth>",
    );
    server.handle_input(header.as_bytes());
    server.poll_transmit();
    while server.poll_event().is_some() {}
    (server, header)
}

/// The scope of an iq that cannot be read is the iq (RFC 6120 §8.3.3.1):
/// before binding, an iq of an unknown type (RFC 6120 Example 110's) is
/// answered with `bad-request` and the stream stays open for the bind
/// (it used to be closed with `bad-format`).
#[test]
fn an_unreadable_iq_before_bind_is_answered_not_fatal() {
    let (mut server, _) = authenticated_server();
    server.handle_input(b"<iq id='zj3v142b' to='example.com' type='subscribe'><ping xmlns='urn:xmpp:ping'/></iq>");
    let out = String::from_utf8(server.poll_transmit().unwrap()).unwrap();
    assert_eq!(
        out,
        "<iq from='example.com' id='zj3v142b' type='error'><error type='modify'>\
         <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"
    );
    assert_eq!(server.poll_event(), None);
    server.handle_input(b"<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
    assert_eq!(server.poll_event(), Some(ServerEvent::BindRequest { resource: None }));
}

/// Issue 10, kind 2: some servers answer with `<iq type='error'/>` and no
/// `<error/>`. It is still the error response to the request: the tracker
/// matches it, and the error reads `undefined-condition`, with the gap in
/// `malformed`.
#[test]
fn an_error_iq_without_error_child_answers_its_request() {
    use jabber_session::{IqTracker, Tracked};
    use jabber_stanza::{DefinedCondition, Iq, IqKind};
    use std::time::{Duration, Instant};

    let mut tracker = IqTracker::new();
    tracker.set_own_jid("juliet@example.com/balcony".parse().unwrap());
    let now = Instant::now();
    let ping = Iq::parse(
        &"<iq xmlns='jabber:client' type='get' id='x' to='example.com'><ping xmlns='urn:xmpp:ping'/></iq>"
            .parse()
            .unwrap(),
    )
    .unwrap();
    tracker.register(&ping, now + Duration::from_secs(30), "ping").unwrap();
    let answer =
        Iq::parse(&"<iq xmlns='jabber:client' type='error' id='x' from='example.com'/>".parse().unwrap()).unwrap();
    let Tracked::Response { context: "ping", iq } = tracker.handle(answer) else { panic!("not matched") };
    assert!(matches!(&iq.kind, IqKind::Error { error, .. } if error.condition == DefinedCondition::UndefinedCondition));
    assert_eq!(iq.malformed.len(), 1);
    assert!(tracker.is_empty());
}

/// Found in review: a response whose `from` is not a JID read as a
/// response without `from`, i.e. from the account or the server, and was
/// matched to a pending request: a spoofed answer. It answers nothing.
#[test]
fn a_response_from_an_address_that_is_not_a_jid_answers_nothing() {
    use jabber_session::{IqTracker, Tracked};
    use jabber_stanza::Iq;
    use std::time::{Duration, Instant};
    let mut tracker = IqTracker::new();
    tracker.set_own_jid("juliet@example.com/balcony".parse().unwrap());
    let request = Iq::parse(
        &"<iq xmlns='jabber:client' type='get' id='iq-1'><query xmlns='jabber:iq:roster'/></iq>".parse().unwrap(),
    )
    .unwrap();
    tracker.register(&request, Instant::now() + Duration::from_secs(30), ()).unwrap();
    let spoof =
        Iq::parse(&"<iq xmlns='jabber:client' type='result' id='iq-1' from='mallory@@evil.example'/>".parse().unwrap())
            .unwrap();
    assert!(matches!(tracker.handle(spoof), Tracked::Other(_)));
    assert_eq!(tracker.len(), 1);
}

/// Found in review: the server dropped a response or error whose `to` is
/// not a JID without telling anyone; it cannot be answered (RFC 6120
/// §8.3.1), so it is handed over as an invalid stanza.
#[test]
fn a_response_to_an_address_that_is_not_a_jid_is_handed_over() {
    let (mut server, _) = authenticated_server();
    server.handle_input(b"<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
    while server.poll_event().is_some() {}
    server.bind(&jabber_jid::ResourcePart::new("r").unwrap()).unwrap();
    while server.poll_event().is_some() {}
    server.poll_transmit();
    server.handle_input(b"<iq type='result' id='r' to='romeo@@example.net'/>");
    assert!(matches!(
        server.poll_event(),
        Some(ServerEvent::InvalidStanza { error: jabber_stanza::Error::InvalidJid { attribute: "to", .. }, .. })
    ));
    assert_eq!(server.poll_transmit(), None);
}

/// Found in review: a second copy of a feature the client knows (here
/// `<starttls><required/></starttls>` twice) is not an unsupported one.
#[test]
fn a_duplicated_known_feature_is_not_unsupported() {
    let mut client = client();
    client.handle_input(
        b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='s1' \
          from='example.com' version='1.0'><stream:features>\
          <mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism></mechanisms>\
          <mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism><required/></mechanisms>\
          </stream:features>",
    );
    let out = String::from_utf8(client.poll_transmit().unwrap()).unwrap();
    assert!(out.starts_with("<auth"), "{out}");
}

/// RFC 6120 §8.1.5: a stanza without `xml:lang` is in the stream's
/// language. Found in review: on a stream of `xml:lang='en'`,
/// `<body>A</body><body xml:lang='en'>B</body>` went unflagged (the issue's
/// deception, through the stream's language). Stanzas are stamped with the
/// stream's language (as a server SHOULD, §8.1.5), so their texts compare
/// by meaning.
#[test]
fn stanzas_take_the_language_of_the_stream() {
    let mut server = {
        use jabber_session::{Server, ServerConfig, ServerTls};
        let config = ServerConfig::new("example.com".parse().unwrap())
            .unwrap()
            .with_tls(ServerTls::Unavailable)
            .allow_plain_without_tls(true);
        Server::with_random(config, accounts(), counter())
    };
    let header = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' \
                  to='example.com' version='1.0' xml:lang='en'>";
    server.handle_input(header.as_bytes());
    server.handle_input(
        b"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldAByMG0zMG15cjBtMzA=</auth>",
    );
    server.handle_input(header.as_bytes());
    server.handle_input(b"<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
    while server.poll_event().is_some() {}
    server.bind(&jabber_jid::ResourcePart::new("r").unwrap()).unwrap();
    while server.poll_event().is_some() {}
    server.handle_input(b"<message to='romeo@example.net'><body>A</body><body xml:lang='en'>B</body></message>");
    let Some(ServerEvent::Stanza(jabber_stanza::Stanza::Message(m))) = server.poll_event() else { panic!() };
    assert_eq!((m.lang.as_deref(), m.body_in("en"), m.body()), (Some("en"), Some("A"), Some("A")));
    assert!(matches!(m.malformed[..], [jabber_stanza::Error::DuplicateLanguage { .. }]));
}

/// RFC 6120 §4.8.3: a client-to-server stream carries `jabber:client`
/// stanzas only. With a prefix-free header each stanza names its
/// namespace, so each is checked: from a client, `jabber:server` is
/// `invalid-namespace`. (A client reads its server liberally: see the wire's
/// unit test.)
#[test]
fn a_jabber_server_stanza_from_a_client_is_invalid_namespace() {
    let (mut server, _) = authenticated_server();
    server.handle_input(b"<message xmlns='jabber:server' to='romeo@example.net'/>");
    let out = String::from_utf8(server.poll_transmit().unwrap_or_default()).unwrap();
    assert!(out.contains("<invalid-namespace xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"), "{out}");
    assert!(matches!(server.poll_event(), Some(ServerEvent::Failed(jabber_session::Error::ContentNamespace { .. }))));
}
