//! Contract tests for the shared `Session` core: tracked requests,
//! keepalive, one failure then `Closed`, events before state, and the
//! usage errors; each asserts exact events and, where it matters, exact
//! bytes. Every machine is driven only through the `Session` trait.

mod common;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::*;
use jabber_jid::{BareJid, FullJid, ResourcePart};
use jabber_session::sasl::{Mechanism, MemoryCredentials};
use jabber_session::{
    Client, ClientConfig, ClientEvent, Component, ComponentConfig, ComponentEvent, ComponentServer, Error, KeepAlive,
    NoResponse, Server, ServerConfig, ServerEvent, ServerTls, Session, Tls, UsageError,
};
use jabber_stanza::{Iq, IqKind, Message, Stanza, StreamError};
use jabber_stream::Condition;
use proptest::prelude::*;

const INTERVAL: Duration = Duration::from_secs(60);
const TIMEOUT: Duration = Duration::from_secs(30);
const PING: KeepAlive = KeepAlive::Ping { interval: INTERVAL, timeout: TIMEOUT };

fn iq(xml: &str) -> Iq {
    Iq::parse(&xml.parse().unwrap()).unwrap()
}

fn text(bytes: Option<Vec<u8>>) -> Option<String> {
    bytes.map(|b| String::from_utf8(b).unwrap())
}

fn balcony() -> FullJid {
    "juliet@example.com/balcony".parse().unwrap()
}

fn client_config(keepalive: KeepAlive) -> ClientConfig {
    ClientConfig::new("juliet@example.com".parse().unwrap(), "r0m30myr0m30")
        .with_tls(Tls::Disabled)
        .with_mechanisms(&[Mechanism::Plain])
        .allow_plain_without_tls(true)
        .with_resource(ResourcePart::new("balcony").unwrap())
        .with_keepalive(keepalive)
}

fn server_config(keepalive: KeepAlive) -> ServerConfig {
    ServerConfig::new("example.com".parse().unwrap())
        .unwrap()
        .with_tls(ServerTls::Unavailable)
        .allow_plain_without_tls(true)
        .with_keepalive(keepalive)
}

/// The test accounts, derived once (4096 PBKDF2 iterations per hash cost
/// seconds in a debug build, times the proptest's cases).
fn shared_accounts() -> MemoryCredentials {
    static ACCOUNTS: OnceLock<MemoryCredentials> = OnceLock::new();
    ACCOUNTS.get_or_init(accounts).clone()
}

/// A client and a server in memory; bytes cross in chunks whose sizes are
/// taken in turn from `chunks` (empty: whole writes).
struct Net {
    client: Client,
    server: Server,
    chunks: Vec<usize>,
    next_chunk: usize,
    client_events: Vec<ClientEvent>,
    server_events: Vec<ServerEvent>,
}

impl Net {
    fn new(client: KeepAlive, server: KeepAlive) -> Net {
        Net {
            client: Client::with_random(client_config(client), counter()).unwrap(),
            server: Server::with_random(server_config(server), shared_accounts(), counter()),
            chunks: Vec::new(),
            next_chunk: 0,
            client_events: Vec::new(),
            server_events: Vec::new(),
        }
    }

    /// Logged in and bound, every event so far drained.
    fn bound(client: KeepAlive, server: KeepAlive) -> Net {
        let mut net = Net::new(client, server);
        net.pump();
        assert_eq!(net.client_events.last(), Some(&ClientEvent::Bound(balcony())), "{:?}", net.client_events);
        assert_eq!(net.server_events.last(), Some(&ServerEvent::Bound(balcony())), "{:?}", net.server_events);
        net.client_events.clear();
        net.server_events.clear();
        net
    }

    fn deliver(&mut self, to_server: bool, bytes: &[u8]) {
        let mut rest = bytes;
        while !rest.is_empty() {
            let size = if self.chunks.is_empty() {
                rest.len()
            } else {
                let size = self.chunks[self.next_chunk % self.chunks.len()].clamp(1, rest.len());
                self.next_chunk += 1;
                size
            };
            let (piece, tail) = rest.split_at(size);
            if to_server {
                self.server.handle_input(piece);
            } else {
                self.client.handle_input(piece);
            }
            rest = tail;
        }
    }

    /// Moves bytes until both sides are quiet; the server binds
    /// `balcony` when asked.
    fn pump(&mut self) {
        for _ in 0..1000 {
            let mut progress = false;
            while let Some(event) = self.server.poll_event() {
                progress = true;
                if let ServerEvent::BindRequest { resource } = &event {
                    self.server.bind(resource.as_ref().unwrap()).unwrap();
                }
                self.server_events.push(event);
            }
            while let Some(event) = self.client.poll_event() {
                progress = true;
                self.client_events.push(event);
            }
            if let Some(bytes) = self.client.poll_transmit() {
                progress = true;
                self.deliver(true, &bytes);
            }
            if let Some(bytes) = self.server.poll_transmit() {
                progress = true;
                self.deliver(false, &bytes);
            }
            if !progress {
                return;
            }
        }
        panic!("the machines keep talking");
    }

    fn take_client_events(&mut self) -> Vec<ClientEvent> {
        std::mem::take(&mut self.client_events)
    }

    fn take_server_events(&mut self) -> Vec<ServerEvent> {
        std::mem::take(&mut self.server_events)
    }
}

fn drain<S: Session>(machine: &mut S) -> Vec<S::Event> {
    std::iter::from_fn(|| machine.poll_event()).collect()
}

/// The server's iq as the client's request arrived at it.
fn server_got_iq(events: &[ServerEvent]) -> Iq {
    match events {
        [ServerEvent::Stanza(Stanza::Iq(iq))] => iq.clone(),
        other => panic!("expected one iq at the server: {other:?}"),
    }
}

fn version_get(id: &str, to: &str) -> Iq {
    iq(&format!("<iq xmlns='jabber:client' type='get' id='{id}' to='{to}'><query xmlns='jabber:iq:version'/></iq>"))
}

// ---------------------------------------------------------------------------
// 1. Requests (RFC 6120 §8.2.3: every get/set gets exactly one result or
//    error; §8.1.3 ids; §10.3.3 own account answers).
// ---------------------------------------------------------------------------

/// RFC 6120 §8.2.3: the response to a tracked request is a `Response`
/// event, not a `Stanza`, and the request is no longer pending.
#[test]
fn a_response_comes_as_response_not_stanza() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    let t0 = Instant::now();
    let id = net.client.request(version_get("v1", "example.com"), t0 + TIMEOUT).unwrap();
    assert_eq!(id, "v1");
    assert_eq!(
        text(net.client.poll_transmit()).as_deref(),
        Some("<iq to='example.com' id='v1' type='get'><query xmlns='jabber:iq:version'/></iq>")
    );
    assert_eq!(net.client.pending_requests(), 1);
    net.server
        .handle_input(b"<iq type='get' id='v1' to='example.com'><query xmlns='jabber:iq:version'/></iq>" as &[u8]);
    let request = server_got_iq(&drain(&mut net.server));
    assert_eq!(request.from.as_ref().map(|j| j.as_str()), Some("juliet@example.com/balcony"));
    let reply = request.reply_empty_result();
    net.server.send(Stanza::Iq(reply.clone())).unwrap();
    let wire = text(net.server.poll_transmit()).unwrap();
    assert_eq!(wire, "<iq from='example.com' to='juliet@example.com/balcony' id='v1' type='result'/>");
    net.client.handle_input(wire.as_bytes());
    let events = drain(&mut net.client);
    assert_eq!(events.len(), 1, "{events:?}");
    let ClientEvent::Response { id, iq } = &events[0] else { panic!("{events:?}") };
    assert_eq!(id, "v1");
    assert_eq!(iq.id, "v1");
    assert_eq!(iq.kind, IqKind::Result(None));
    assert_eq!(iq.from.as_ref().map(|j| j.as_str()), Some("example.com"));
    assert_eq!(net.client.pending_requests(), 0);
    // A second copy is no response any more: a plain stanza.
    net.client.handle_input(wire.as_bytes());
    assert!(matches!(&drain(&mut net.client)[..], [ClientEvent::Stanza(Stanza::Iq(_))]));
}

/// RFC 6120 §8.1.3: ids are the sender's; an empty one is replaced by a
/// fresh one, which is returned and written.
#[test]
fn an_empty_id_is_replaced_and_returned() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    let mut request = version_get("x", "example.com");
    request.id = String::new();
    let id = net.client.request(request, Instant::now() + TIMEOUT).unwrap();
    assert!(!id.is_empty());
    assert_eq!(
        text(net.client.poll_transmit()),
        Some(format!("<iq to='example.com' id='{id}' type='get'><query xmlns='jabber:iq:version'/></iq>"))
    );
    // A second empty id gets another fresh one.
    let mut request = version_get("x", "example.com");
    request.id = String::new();
    let second = net.client.request(request, Instant::now() + TIMEOUT).unwrap();
    assert_ne!(second, id);
    assert_eq!(net.client.pending_requests(), 2);
}

/// RFC 6120 §8.2.3 and §10.3.3: a response from another sender than the
/// request's `to` answers nothing (a spoof): a plain `Stanza`, and the
/// request stays pending until the real one.
#[test]
fn a_response_from_another_sender_is_a_stanza_and_the_request_stays() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    let deadline = Instant::now() + TIMEOUT;
    net.client.request(version_get("v1", "romeo@example.net/orchard"), deadline).unwrap();
    net.client.poll_transmit().unwrap();
    let spoof = b"<iq from='evil@example.org/x' to='juliet@example.com/balcony' id='v1' type='result'/>";
    net.client.handle_input(spoof);
    let events = drain(&mut net.client);
    let [ClientEvent::Stanza(Stanza::Iq(got))] = &events[..] else { panic!("{events:?}") };
    assert_eq!(got.from.as_ref().map(|j| j.as_str()), Some("evil@example.org/x"));
    assert_eq!(net.client.pending_requests(), 1);
    // The bare JID of the addressee is not the full JID asked.
    net.client.handle_input(b"<iq from='romeo@example.net' id='v1' type='result'/>");
    assert!(matches!(&drain(&mut net.client)[..], [ClientEvent::Stanza(Stanza::Iq(_))]));
    assert_eq!(net.client.pending_requests(), 1);
    net.client.handle_input(b"<iq from='romeo@example.net/orchard' id='v1' type='result'/>");
    assert!(matches!(&drain(&mut net.client)[..], [ClientEvent::Response { id, .. }] if id == "v1"));
    assert_eq!(net.client.pending_requests(), 0);
}

/// `NoResponse { TimedOut }` once the deadline passes, exactly once; a late
/// response is then a plain stanza.
#[test]
fn a_request_times_out_exactly_once() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    let t0 = Instant::now();
    net.client.handle_timeout(t0);
    net.client.request(version_get("v1", "example.com"), t0 + TIMEOUT).unwrap();
    net.client.poll_transmit().unwrap();
    assert_eq!(net.client.poll_timeout(), Some(t0 + TIMEOUT));
    net.client.handle_timeout(t0 + TIMEOUT - Duration::from_millis(1));
    assert_eq!(net.client.poll_event(), None);
    net.client.handle_timeout(t0 + TIMEOUT + Duration::from_secs(1));
    assert_eq!(drain(&mut net.client), vec![ClientEvent::NoResponse { id: "v1".into(), reason: NoResponse::TimedOut }]);
    assert_eq!(net.client.poll_timeout(), None);
    net.client.handle_timeout(t0 + TIMEOUT * 3);
    assert_eq!(net.client.poll_event(), None);
    assert_eq!(net.client.pending_requests(), 0);
    // Nothing was written for the timeout.
    assert_eq!(net.client.poll_transmit(), None);
    net.client.handle_input(b"<iq from='example.com' id='v1' type='result'/>");
    assert!(matches!(&drain(&mut net.client)[..], [ClientEvent::Stanza(Stanza::Iq(_))]));
}

/// Several deadlines passing in one tick: `NoResponse` in deadline order,
/// equal deadlines in id order; each once.
#[test]
fn timeouts_in_one_tick_come_in_deadline_then_id_order() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    let t0 = Instant::now();
    net.client.request(version_get("z", "example.com"), t0 + Duration::from_secs(1)).unwrap();
    net.client.request(version_get("b", "example.com"), t0 + Duration::from_secs(2)).unwrap();
    net.client.request(version_get("a", "example.com"), t0 + Duration::from_secs(2)).unwrap();
    net.client.request(version_get("later", "example.com"), t0 + Duration::from_secs(9)).unwrap();
    net.client.handle_timeout(t0 + Duration::from_secs(5));
    let timed_out = |id: &str| ClientEvent::NoResponse { id: id.into(), reason: NoResponse::TimedOut };
    assert_eq!(drain(&mut net.client), vec![timed_out("z"), timed_out("a"), timed_out("b")]);
    assert_eq!(net.client.poll_timeout(), Some(t0 + Duration::from_secs(9)));
    // While closing, deadlines still pass.
    net.client.close();
    net.client.handle_timeout(t0 + Duration::from_secs(9));
    assert_eq!(drain(&mut net.client), vec![timed_out("later")]);
    net.client.handle_input(b"</stream:stream>");
    assert_eq!(drain(&mut net.client), vec![ClientEvent::Closed]);
}

/// RFC 6120 §4.4: requests pending when the stream closes get
/// `NoResponse { StreamClosed }`, each once, in id order, before `Closed`.
#[test]
fn closing_with_requests_pending_gives_no_response_for_each_in_request_order() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    let deadline = Instant::now() + TIMEOUT;
    for id in ["c", "a", "b"] {
        net.client.request(version_get(id, "example.com"), deadline).unwrap();
    }
    net.client.close();
    net.pump();
    let closed = |id: &str| ClientEvent::NoResponse { id: id.into(), reason: NoResponse::StreamClosed };
    // The server answers nothing (it got three requests, then the close).
    assert_eq!(net.take_client_events(), vec![closed("c"), closed("a"), closed("b"), ClientEvent::Closed]);
    assert!(net.client.is_closed());
    assert_eq!(net.client.pending_requests(), 0);
}

/// The same at the end of input without a close: `Failed(ConnectionLost)`
/// first, then the NoResponses, then `Closed`.
#[test]
fn end_of_input_with_requests_pending() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    let deadline = Instant::now() + TIMEOUT;
    net.client.request(version_get("b", "example.com"), deadline).unwrap();
    net.client.request(version_get("a", "example.com"), deadline).unwrap();
    net.client.handle_eof();
    assert_eq!(
        drain(&mut net.client),
        vec![
            ClientEvent::Failed(Error::ConnectionLost),
            ClientEvent::NoResponse { id: "b".into(), reason: NoResponse::StreamClosed },
            ClientEvent::NoResponse { id: "a".into(), reason: NoResponse::StreamClosed },
            ClientEvent::Closed,
        ]
    );
}

/// RFC 6120 §8.2.3: only `get` and `set` are requests; ids are unique
/// among pending requests; nothing goes out before the stream is
/// established. A refused request writes nothing.
#[test]
fn request_usage_errors() {
    let mut net = Net::new(KeepAlive::Off, KeepAlive::Off);
    let deadline = Instant::now() + TIMEOUT;
    assert_eq!(net.client.request(version_get("early", "example.com"), deadline), Err(UsageError::NotReady));
    net.pump();
    net.client_events.clear();
    assert_eq!(net.client.poll_transmit(), None);

    let result = iq("<iq xmlns='jabber:client' type='result' id='r1' to='example.com'/>");
    assert_eq!(net.client.request(result, deadline), Err(UsageError::NotARequest { id: "r1".into() }));
    let error = iq("<iq xmlns='jabber:client' type='error' id='e1' to='example.com'><error type='cancel'>\
        <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    assert_eq!(net.client.request(error, deadline), Err(UsageError::NotARequest { id: "e1".into() }));
    assert_eq!(net.client.poll_transmit(), None);

    net.client.request(version_get("v1", "example.com"), deadline).unwrap();
    net.client.poll_transmit().unwrap();
    assert_eq!(
        net.client.request(version_get("v1", "romeo@example.net"), deadline),
        Err(UsageError::DuplicateRequestId { id: "v1".into() })
    );
    assert_eq!(net.client.poll_transmit(), None);
    assert_eq!(net.client.pending_requests(), 1);

    // After our close, no more requests.
    net.client.close();
    assert_eq!(net.client.request(version_get("late", "example.com"), deadline), Err(UsageError::NotReady));
}

/// The server side tracks its requests to the client too (XEP-0199 §4.1
/// style: a get from the server to the client's full JID).
#[test]
fn the_server_tracks_its_requests() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    let deadline = Instant::now() + TIMEOUT;
    let request = iq("<iq xmlns='jabber:client' type='get' id='s1' from='example.com' \
        to='juliet@example.com/balcony'><query xmlns='jabber:iq:version'/></iq>");
    assert_eq!(net.server.request(request, deadline).unwrap(), "s1");
    net.pump();
    let [ClientEvent::Stanza(Stanza::Iq(got))] = &net.take_client_events()[..] else { panic!() };
    net.client.send(Stanza::Iq(got.reply_empty_result())).unwrap();
    net.pump();
    let events = net.take_server_events();
    let [ServerEvent::Response { id, iq }] = &events[..] else { panic!("{events:?}") };
    assert_eq!(id, "s1");
    // RFC 6120 §8.1.2.1: stamped with the client's full JID.
    assert_eq!(iq.from.as_ref().map(|j| j.as_str()), Some("juliet@example.com/balcony"));
}

/// RFC 6121 §2.1.3, RFC 6120 §10.3.3: a request to no one (the account)
/// is answered by the server without `from`: that is its response.
#[test]
fn a_request_to_the_account_is_answered_without_from() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    let roster = iq("<iq xmlns='jabber:client' type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>");
    net.client.request(roster, Instant::now() + TIMEOUT).unwrap();
    net.pump();
    let request = server_got_iq(&net.take_server_events());
    let reply = request.reply_empty_result();
    net.server.send(Stanza::Iq(reply)).unwrap();
    assert_eq!(
        text(net.server.poll_transmit()).as_deref(),
        Some("<iq to='juliet@example.com/balcony' id='r1' type='result'/>")
    );
    net.client.handle_input(b"<iq to='juliet@example.com/balcony' id='r1' type='result'/>");
    assert!(matches!(&drain(&mut net.client)[..], [ClientEvent::Response { id, .. }] if id == "r1"));
}

/// RFC 6120 §8.2.3: an `error` is a response too.
#[test]
fn an_error_is_a_response() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    net.client.request(version_get("v1", "example.com"), Instant::now() + TIMEOUT).unwrap();
    net.pump();
    let request = server_got_iq(&net.take_server_events());
    let error = jabber_stanza::StanzaError::new(jabber_stanza::DefinedCondition::ServiceUnavailable);
    net.server.send(Stanza::Iq(request.reply_error(error).unwrap())).unwrap();
    net.pump();
    let events = net.take_client_events();
    let [ClientEvent::Response { id, iq }] = &events[..] else { panic!("{events:?}") };
    assert_eq!(id, "v1");
    assert_eq!(iq.error().map(|e| e.condition.clone()), Some(jabber_stanza::DefinedCondition::ServiceUnavailable));
}

/// XEP-0199 §4.2 and RFC 6120 §8.1.3: the keepalive ping's id must not
/// collide with a request the application has pending; otherwise the
/// answer to the application's request is swallowed as the ping's answer
/// and the request times out although it was answered.
#[test]
fn a_request_id_like_the_pings_is_still_answered() {
    let mut net = Net::bound(PING, KeepAlive::Off);
    let t0 = Instant::now();
    net.client.handle_timeout(t0);
    // The application happens to use the id the next ping gets.
    net.client.request(version_get("ping-2", "example.com"), t0 + INTERVAL * 10).unwrap();
    net.client.poll_transmit().unwrap();
    net.client.handle_timeout(t0 + INTERVAL);
    let ping = text(net.client.poll_transmit()).unwrap();
    net.client.handle_input(
        b"<iq from='example.com' id='ping-2' type='result'><query xmlns='jabber:iq:version'>\
        <name>x</name></query></iq>",
    );
    let events = drain(&mut net.client);
    assert!(matches!(&events[..], [ClientEvent::Response { id, .. }] if id == "ping-2"), "{events:?}");
    assert!(!ping.contains("id='ping-2'"), "two iqs with id ping-2 on the stream: {ping}");
}

fn component_pair(keepalive: KeepAlive) -> (Component, ComponentServer) {
    let domain: BareJid = "pvr.home".parse().unwrap();
    let config = ComponentConfig::new().with_keepalive(keepalive);
    let mut component = Component::with_config(domain.clone(), "s3cr3t", config.clone()).unwrap();
    let mut server = ComponentServer::with_config(
        |domain: &BareJid| (domain.as_str() == "pvr.home").then(|| "s3cr3t".to_owned()),
        config,
        counter(),
    );
    let (c, s) = run_components(&mut component, &mut server);
    assert_eq!(c, vec![ComponentEvent::Connected(domain.clone())]);
    assert_eq!(s, vec![ComponentEvent::Connected(domain)]);
    (component, server)
}

fn run_components(
    component: &mut Component,
    server: &mut ComponentServer,
) -> (Vec<ComponentEvent>, Vec<ComponentEvent>) {
    let (mut c, mut s) = (Vec::new(), Vec::new());
    loop {
        let mut progress = false;
        if let Some(bytes) = component.poll_transmit() {
            server.handle_input(&bytes);
            progress = true;
        }
        if let Some(bytes) = server.poll_transmit() {
            component.handle_input(&bytes);
            progress = true;
        }
        c.extend(std::iter::from_fn(|| component.poll_event()));
        s.extend(std::iter::from_fn(|| server.poll_event()));
        if !progress {
            return (c, s);
        }
    }
}

/// XEP-0114 with the shared core: a component's request gets its response
/// as `ComponentEvent::Response`; a spoofed sender is a plain stanza; and
/// the component server's request to the component the same way.
#[test]
fn component_requests_and_responses() {
    let (mut component, mut server) = component_pair(KeepAlive::Off);
    let deadline = Instant::now() + TIMEOUT;
    let request = iq("<iq xmlns='jabber:component:accept' type='get' id='c1' from='pvr.home' to='home'>\
        <query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    assert_eq!(component.request(request, deadline).unwrap(), "c1");
    let (c, s) = run_components(&mut component, &mut server);
    assert_eq!(c, vec![]);
    let [ComponentEvent::Stanza(Stanza::Iq(got))] = &s[..] else { panic!("{s:?}") };
    // Someone else answering first is no answer.
    let mut spoof = got.reply_empty_result();
    spoof.from = Some("other.home".parse().unwrap());
    server.send(Stanza::Iq(spoof)).unwrap();
    server.send(Stanza::Iq(got.reply_empty_result())).unwrap();
    let (c, _) = run_components(&mut component, &mut server);
    assert_eq!(c.len(), 2, "{c:?}");
    assert!(matches!(&c[0], ComponentEvent::Stanza(Stanza::Iq(iq)) if iq.id == "c1"));
    let ComponentEvent::Response { id, iq: response } = &c[1] else { panic!("{c:?}") };
    assert_eq!(id, "c1");
    assert_eq!(response.from.as_ref().map(|j| j.as_str()), Some("home"));

    // The other way round.
    let request = iq("<iq xmlns='jabber:component:accept' type='get' id='s1' from='home' to='pvr.home'>\
        <query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    assert_eq!(server.request(request, deadline).unwrap(), "s1");
    let (c, _) = run_components(&mut component, &mut server);
    let [ComponentEvent::Stanza(Stanza::Iq(got))] = &c[..] else { panic!("{c:?}") };
    component.send(Stanza::Iq(got.reply_empty_result())).unwrap();
    let (_, s) = run_components(&mut component, &mut server);
    assert!(matches!(&s[..], [ComponentEvent::Response { id, .. }] if id == "s1"), "{s:?}");

    // Timeouts and usage errors are the core's too.
    let request = iq("<iq xmlns='jabber:component:accept' type='get' id='c2' from='pvr.home' to='home'>\
        <query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    component.request(request.clone(), deadline).unwrap();
    assert_eq!(component.request(request, deadline), Err(UsageError::DuplicateRequestId { id: "c2".into() }));
    component.handle_timeout(deadline);
    assert_eq!(
        drain(&mut component),
        vec![ComponentEvent::NoResponse { id: "c2".into(), reason: NoResponse::TimedOut }]
    );
}

/// A component that closes with a request pending gets `NoResponse`
/// before `Closed`; before the handshake, requests are `NotReady`.
#[test]
fn component_close_with_request_pending() {
    let mut early = Component::new("pvr.home".parse().unwrap(), "s3cr3t").unwrap();
    let request = iq("<iq xmlns='jabber:component:accept' type='get' id='c1' from='pvr.home' to='home'>\
        <query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    let deadline = Instant::now() + TIMEOUT;
    assert_eq!(early.request(request.clone(), deadline), Err(UsageError::NotReady));

    let (mut component, mut server) = component_pair(KeepAlive::Off);
    component.request(request, deadline).unwrap();
    component.close();
    let (c, s) = run_components(&mut component, &mut server);
    assert_eq!(
        c,
        vec![ComponentEvent::NoResponse { id: "c1".into(), reason: NoResponse::StreamClosed }, ComponentEvent::Closed]
    );
    assert!(matches!(&s[..], [ComponentEvent::Stanza(Stanza::Iq(_)), ComponentEvent::Closed]), "{s:?}");
}

// ---------------------------------------------------------------------------
// 2. Keepalive (RFC 6120 §4.6.1 whitespace; XEP-0199 §4.1, §4.2 pings;
//    RFC 6120 §4.9.3.4 connection-timeout).
// ---------------------------------------------------------------------------

/// The id of a client-to-server ping (XEP-0199 §4.2), checking its shape:
/// `ping-` and 12 hex digits drawn at random (unpredictable, so no one
/// else's answer is taken for its own).
fn client_ping(written: Option<String>) -> String {
    let written = written.expect("a ping");
    let id = written
        .strip_prefix("<iq type='get' id='")
        .and_then(|rest| rest.split_once('\''))
        .map(|(id, _)| id.to_owned())
        .unwrap_or_else(|| panic!("{written}"));
    assert_eq!(written, format!("<iq type='get' id='{id}' to='example.com'><ping xmlns='urn:xmpp:ping'/></iq>"));
    assert!(id.strip_prefix("ping-").is_some_and(|hex| hex.len() == 12), "{id}");
    id
}

/// XEP-0199 §4.2: nothing is timed before the first `handle_timeout`; then
/// a client-to-server ping at `t0 + interval`, to the account's domain.
#[test]
fn the_client_pings_its_server_after_the_interval() {
    let mut net = Net::bound(PING, KeepAlive::Off);
    assert_eq!(net.client.poll_timeout(), None);
    assert_eq!(net.client.poll_transmit(), None);
    let t0 = Instant::now();
    net.client.handle_timeout(t0);
    assert_eq!(net.client.poll_transmit(), None);
    assert_eq!(net.client.poll_timeout(), Some(t0 + INTERVAL));
    net.client.handle_timeout(t0 + INTERVAL - Duration::from_millis(1));
    assert_eq!(net.client.poll_transmit(), None);
    net.client.handle_timeout(t0 + INTERVAL);
    let id = client_ping(text(net.client.poll_transmit()));
    assert_eq!(net.client.poll_event(), None);
    // Now the deadline of the answer is what is timed.
    assert_eq!(net.client.poll_timeout(), Some(t0 + INTERVAL + TIMEOUT));
    // XEP-0199 §4.2: the server answers with an empty result; the client
    // swallows it (no event).
    net.client.handle_input(
        format!("<iq from='example.com' to='juliet@example.com/balcony' id='{id}' type='result'/>").as_bytes(),
    );
    assert_eq!(net.client.poll_event(), None);
    net.client.handle_timeout(t0 + INTERVAL + TIMEOUT);
    assert_eq!(net.client.poll_event(), None);
    assert_eq!(net.client.poll_transmit(), None);
    assert!(net.client.is_ready());
    // The next ping is an interval after the peer was last heard.
    assert_eq!(net.client.poll_timeout(), Some(t0 + INTERVAL + TIMEOUT + INTERVAL));
}

/// XEP-0199 §4.2 with the server machine: the ping reaches the server as
/// an iq get stanza; the answer it sends is swallowed by the client.
#[test]
fn the_ping_crosses_to_the_server_and_its_answer_is_swallowed() {
    let mut net = Net::bound(PING, KeepAlive::Off);
    let t0 = Instant::now();
    net.client.handle_timeout(t0);
    net.client.handle_timeout(t0 + INTERVAL);
    net.pump();
    let ping = server_got_iq(&net.take_server_events());
    assert!(ping.id.starts_with("ping-"), "{}", ping.id);
    assert!(matches!(&ping.kind, IqKind::Get(p) if p.is("ping", "urn:xmpp:ping")));
    assert_eq!(ping.to.as_ref().map(|j| j.as_str()), Some("example.com"));
    net.server.send(Stanza::Iq(ping.reply_empty_result())).unwrap();
    net.pump();
    assert_eq!(net.take_client_events(), vec![]);
    net.client.handle_timeout(t0 + INTERVAL + TIMEOUT);
    assert_eq!(net.client.poll_event(), None);
}

/// XEP-0199 §4.2: any input before the deadline (not only the ping's
/// answer) shows the server is alive: no failure.
#[test]
fn any_input_before_the_deadline_keeps_the_stream() {
    let mut net = Net::bound(PING, KeepAlive::Off);
    let t0 = Instant::now();
    net.client.handle_timeout(t0);
    net.client.handle_timeout(t0 + INTERVAL);
    client_ping(text(net.client.poll_transmit()));
    net.client.handle_input(b"<message from='romeo@example.net/orchard' type='chat'><body>hi</body></message>");
    assert!(matches!(&drain(&mut net.client)[..], [ClientEvent::Stanza(Stanza::Message(_))]));
    net.client.handle_timeout(t0 + INTERVAL + TIMEOUT);
    assert_eq!(net.client.poll_event(), None);
    assert_eq!(net.client.poll_transmit(), None);
    net.client.handle_timeout(t0 + INTERVAL + TIMEOUT * 4);
    assert_eq!(net.client.poll_event(), None);
}

/// RFC 6120 §4.9.3.4, XEP-0199 §4.2: no input at all until `t0 + interval +
/// timeout`: `Failed(Timeout)`, a `connection-timeout` stream error and our
/// close, and `Closed` at once: a dead peer's close is not awaited.
#[test]
fn silence_after_a_ping_fails_with_connection_timeout() {
    let mut net = Net::bound(PING, KeepAlive::Off);
    let t0 = Instant::now();
    net.client.handle_timeout(t0);
    net.client.handle_timeout(t0 + INTERVAL);
    client_ping(text(net.client.poll_transmit()));
    net.client.handle_timeout(t0 + INTERVAL + TIMEOUT - Duration::from_millis(1));
    assert_eq!(net.client.poll_event(), None);
    net.client.handle_timeout(t0 + INTERVAL + TIMEOUT);
    assert_eq!(
        drain(&mut net.client),
        vec![ClientEvent::Failed(Error::Timeout { silent_for: TIMEOUT }), ClientEvent::Closed]
    );
    let error = text(net.client.poll_transmit()).unwrap();
    assert_eq!(
        error,
        "<stream:error><connection-timeout xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>\
         </stream:stream>"
    );
    assert!(!net.client.is_ready());
    // Time goes on: nothing more.
    net.client.handle_timeout(t0 + INTERVAL * 10);
    assert_eq!(net.client.poll_event(), None);
    assert_eq!(net.client.poll_transmit(), None);
    // Should the server still read it: the stream error, and its close.
    net.server.handle_input(error.as_bytes());
    net.pump();
    assert_eq!(net.take_client_events(), vec![]);
    let server = net.take_server_events();
    assert!(
        matches!(&server[..], [ServerEvent::Failed(Error::StreamError(e)), ServerEvent::Closed]
            if e.condition == Condition::ConnectionTimeout),
        "{server:?}"
    );
    assert!(net.client.is_closed());
    assert_eq!(net.client.poll_timeout(), None);
}

/// The same, and the end of input that follows adds nothing.
#[test]
fn silence_then_end_of_input() {
    let mut net = Net::bound(PING, KeepAlive::Off);
    let t0 = Instant::now();
    net.client.handle_timeout(t0);
    net.client.handle_timeout(t0 + INTERVAL);
    net.client.handle_timeout(t0 + INTERVAL + TIMEOUT);
    assert_eq!(
        drain(&mut net.client),
        vec![ClientEvent::Failed(Error::Timeout { silent_for: TIMEOUT }), ClientEvent::Closed]
    );
    net.client.handle_eof();
    assert_eq!(drain(&mut net.client), vec![]);
    assert!(net.client.is_closed());
}

/// RFC 6120 §4.6.1: a whitespace keepalive is a single space, and silence
/// never fails the stream.
#[test]
fn whitespace_keepalive_is_one_space_and_never_fails() {
    let mut net = Net::bound(KeepAlive::Whitespace { interval: INTERVAL }, KeepAlive::Off);
    let t0 = Instant::now();
    net.client.handle_timeout(t0);
    assert_eq!(net.client.poll_timeout(), Some(t0 + INTERVAL));
    for n in 1..=5u32 {
        assert_eq!(net.client.poll_timeout(), Some(t0 + INTERVAL * n));
        net.client.handle_timeout(t0 + INTERVAL * n);
        assert_eq!(net.client.poll_transmit(), Some(b" ".to_vec()), "tick {n}");
        assert_eq!(net.client.poll_event(), None);
    }
    assert!(net.client.is_ready());
    // The server reads whitespace as nothing at all.
    net.server.handle_input(b"     ");
    assert_eq!(net.server.poll_event(), None);
}

/// `KeepAlive::Off`: nothing timed without requests; a request's deadline
/// with one.
#[test]
fn keepalive_off_times_only_requests() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    let t0 = Instant::now();
    net.client.handle_timeout(t0);
    assert_eq!(net.client.poll_timeout(), None);
    net.client.handle_timeout(t0 + INTERVAL * 100);
    assert_eq!(net.client.poll_transmit(), None);
    assert_eq!(net.client.poll_event(), None);
    net.client.request(version_get("v1", "example.com"), t0 + INTERVAL * 200).unwrap();
    assert_eq!(net.client.poll_timeout(), Some(t0 + INTERVAL * 200));
}

/// A request deadline earlier than the keepalive is what `poll_timeout`
/// gives.
#[test]
fn poll_timeout_is_the_earliest_of_keepalive_and_requests() {
    let mut net = Net::bound(PING, KeepAlive::Off);
    let t0 = Instant::now();
    net.client.handle_timeout(t0);
    net.client.request(version_get("v1", "example.com"), t0 + Duration::from_secs(5)).unwrap();
    assert_eq!(net.client.poll_timeout(), Some(t0 + Duration::from_secs(5)));
    net.client.request(version_get("v2", "example.com"), t0 + INTERVAL * 2).unwrap();
    net.client.handle_timeout(t0 + Duration::from_secs(5));
    assert_eq!(drain(&mut net.client), vec![ClientEvent::NoResponse { id: "v1".into(), reason: NoResponse::TimedOut }]);
    assert_eq!(net.client.poll_timeout(), Some(t0 + INTERVAL));
}

/// XEP-0199 §4.2: the answer to a ping is the pinging machine's, never
/// the application's, even when it comes late (after the next ping).
#[test]
fn a_late_answer_to_an_earlier_ping_is_swallowed_too() {
    let mut net = Net::bound(PING, KeepAlive::Off);
    let t0 = Instant::now();
    net.client.handle_timeout(t0);
    net.client.handle_timeout(t0 + INTERVAL);
    let first = client_ping(text(net.client.poll_transmit()));
    // Something else keeps the stream alive; the next ping goes out.
    net.client.handle_input(b" ");
    net.client.handle_timeout(t0 + INTERVAL + TIMEOUT);
    let next = net.client.poll_timeout().unwrap();
    net.client.handle_timeout(next);
    let second = client_ping(text(net.client.poll_transmit()));
    assert_ne!(first, second);
    net.client.handle_input(format!("<iq from='example.com' id='{first}' type='result'/>").as_bytes());
    let events = drain(&mut net.client);
    assert_eq!(events, vec![], "the first ping's late answer reached the application");
}

/// XEP-0199 §4.1: the server pings the client's full JID from its domain;
/// the client's answer is swallowed by the server.
#[test]
fn the_server_pings_the_clients_full_jid() {
    let mut net = Net::bound(KeepAlive::Off, PING);
    let t0 = Instant::now();
    net.server.handle_timeout(t0);
    assert_eq!(net.server.poll_timeout(), Some(t0 + INTERVAL));
    net.server.handle_timeout(t0 + INTERVAL);
    let ping = text(net.server.poll_transmit()).unwrap();
    let id = ping.split('\'').nth(3).expect("an id").to_owned();
    assert!(id.starts_with("ping-"), "{id}");
    assert_eq!(
        ping,
        format!(
            "<iq type='get' id='{id}' from='example.com' to='juliet@example.com/balcony'>\
             <ping xmlns='urn:xmpp:ping'/></iq>"
        )
    );
    net.client.handle_input(ping.as_bytes());
    let [ClientEvent::Stanza(Stanza::Iq(got))] = &drain(&mut net.client)[..] else { panic!() };
    net.client.send(Stanza::Iq(got.reply_empty_result())).unwrap();
    let answer = text(net.client.poll_transmit()).unwrap();
    assert_eq!(answer, format!("<iq from='juliet@example.com/balcony' to='example.com' id='{id}' type='result'/>"));
    net.server.handle_input(answer.as_bytes());
    assert_eq!(net.take_server_events(), vec![]);
    net.server.handle_timeout(t0 + INTERVAL + TIMEOUT);
    assert_eq!(net.server.poll_event(), None);
    // Silence after the next ping fails the server's stream.
    let next = net.server.poll_timeout().unwrap();
    net.server.handle_timeout(next);
    assert!(text(net.server.poll_transmit()).unwrap().contains("id='ping-"));
    net.server.handle_timeout(next + TIMEOUT);
    assert_eq!(
        drain(&mut net.server),
        vec![ServerEvent::Failed(Error::Timeout { silent_for: TIMEOUT }), ServerEvent::Closed]
    );
}

/// XEP-0114 streams have no address to ping: `Ping` falls back to a
/// whitespace keepalive (RFC 6120 §4.6.1) without a deadline.
#[test]
fn components_fall_back_to_whitespace() {
    let (mut component, mut server) = component_pair(PING);
    let t0 = Instant::now();
    component.handle_timeout(t0);
    server.handle_timeout(t0);
    assert_eq!(component.poll_timeout(), Some(t0 + INTERVAL));
    component.handle_timeout(t0 + INTERVAL);
    server.handle_timeout(t0 + INTERVAL);
    assert_eq!(component.poll_transmit(), Some(b" ".to_vec()));
    assert_eq!(server.poll_transmit(), Some(b" ".to_vec()));
    // No deadline: the next tick is a whole interval later, and silence
    // never fails.
    assert_eq!(component.poll_timeout(), Some(t0 + INTERVAL * 2));
    for n in 2..=6u32 {
        component.handle_timeout(t0 + INTERVAL * n);
        server.handle_timeout(t0 + INTERVAL * n);
    }
    assert_eq!(component.poll_event(), None);
    assert_eq!(server.poll_event(), None);
    assert!(component.is_ready() && server.is_ready());
}

// ---------------------------------------------------------------------------
// 3. One failure, then Closed (RFC 6120 §4.9.1.1, §4.9.3; §4.4).
// ---------------------------------------------------------------------------

const SHUTDOWN: &[u8] = b"<stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>";

/// RFC 6120 §4.9.1.1: the peer's stream error is one `Failed`, and
/// `Closed` once its close comes; our close answers (§4.4).
#[test]
fn a_peer_stream_error_is_one_failed_then_closed() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    net.server.close_with_error(&StreamError::new(Condition::SystemShutdown));
    assert_eq!(
        text(net.server.poll_transmit()).as_deref(),
        Some(
            "<stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>\
             </stream:stream>"
        )
    );
    net.client.handle_input(SHUTDOWN);
    let events = drain(&mut net.client);
    assert!(
        matches!(&events[..], [ClientEvent::Failed(Error::StreamError(e))] if e.condition == Condition::SystemShutdown),
        "{events:?}"
    );
    assert_eq!(text(net.client.poll_transmit()).as_deref(), Some("</stream:stream>"));
    assert!(!net.client.is_closed());
    net.client.handle_input(b"</stream:stream>");
    assert_eq!(drain(&mut net.client), vec![ClientEvent::Closed]);
    assert!(net.client.is_closed());
}

/// RFC 6120 §4.9.1.1 with requests pending: `Failed` first, then, when
/// the stream is over, a `NoResponse` for each, then `Closed`.
#[test]
fn a_stream_error_with_requests_pending() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    net.client.request(version_get("v1", "example.com"), Instant::now() + TIMEOUT).unwrap();
    net.client.handle_input(SHUTDOWN);
    assert!(matches!(&drain(&mut net.client)[..], [ClientEvent::Failed(Error::StreamError(_))]));
    assert_eq!(net.client.pending_requests(), 1);
    // Our close and requests after the failure change nothing.
    net.client.close();
    assert_eq!(net.client.request(version_get("v2", "example.com"), Instant::now()), Err(UsageError::NotReady));
    net.client.handle_input(b"</stream:stream>");
    assert_eq!(
        drain(&mut net.client),
        vec![ClientEvent::NoResponse { id: "v1".into(), reason: NoResponse::StreamClosed }, ClientEvent::Closed]
    );
}

/// RFC 6120 §4.9.1.1 (stream errors are unrecoverable): garbage after a
/// failure is its consequence, not a second `Failed`.
#[test]
fn garbage_after_a_failure_is_no_second_failed() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    net.client.handle_input(SHUTDOWN);
    assert!(matches!(&drain(&mut net.client)[..], [ClientEvent::Failed(Error::StreamError(_))]));
    net.client.handle_input(b"<<<&&& this is not XML");
    let after = drain(&mut net.client);
    assert!(after.iter().all(|e| !matches!(e, ClientEvent::Failed(_))), "{after:?}");
    net.client.handle_eof();
    let after: Vec<_> = after.into_iter().chain(drain(&mut net.client)).collect();
    assert_eq!(after, vec![ClientEvent::Closed]);
    // Our close went out once, with no stream error of our own.
    assert_eq!(text(net.client.poll_transmit()).as_deref(), Some("</stream:stream>"));
}

/// A failure of our own (bytes that are not XML) is one `Failed`; more
/// garbage, the end of input and timeouts add nothing but `Closed`.
#[test]
fn our_own_failure_is_reported_once() {
    let mut net = Net::bound(PING, KeepAlive::Off);
    let t0 = Instant::now();
    net.client.handle_timeout(t0);
    net.client.handle_input(b"<message><<</message>");
    net.client.handle_input(b"<<< more");
    net.client.handle_timeout(t0 + INTERVAL * 5);
    net.client.handle_eof();
    let events = drain(&mut net.client);
    assert_eq!(events.iter().filter(|e| matches!(e, ClientEvent::Failed(_))).count(), 1, "{events:?}");
    assert!(matches!(events.first(), Some(ClientEvent::Failed(Error::Stream(_)))), "{events:?}");
    assert_eq!(events.last(), Some(&ClientEvent::Closed));
    assert_eq!(events.len(), 2, "{events:?}");
}

/// `is_closed()` waits until `Closed` was handed out.
#[test]
fn is_closed_only_after_closed_was_polled() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    net.client.handle_input(b"<message from='romeo@example.net/orchard'><body>bye</body></message></stream:stream>");
    assert!(!net.client.is_closed());
    assert!(matches!(net.client.poll_event(), Some(ClientEvent::Stanza(_))));
    assert!(!net.client.is_closed());
    assert_eq!(net.client.poll_event(), Some(ClientEvent::Closed));
    assert!(net.client.is_closed());
    assert_eq!(net.client.poll_event(), None);
    assert!(net.client.is_closed());
    // Input and timeouts after the end change nothing.
    net.client.handle_input(b"<message/>");
    net.client.handle_timeout(Instant::now());
    net.client.handle_eof();
    assert_eq!(net.client.poll_event(), None);
}

// ---------------------------------------------------------------------------
// 4. The state never runs ahead of the events.
// ---------------------------------------------------------------------------

/// RFC 6120 §4.4: a response and the peer's close in one read give the
/// `Response`, then (no NoResponse for it) `Closed`; our close answers.
#[test]
fn a_response_and_the_close_in_one_read() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    let deadline = Instant::now() + TIMEOUT;
    net.client.request(version_get("v1", "example.com"), deadline).unwrap();
    net.client.request(version_get("v2", "example.com"), deadline).unwrap();
    net.client.poll_transmit().unwrap();
    net.client.handle_input(
        b"<iq from='example.com' to='juliet@example.com/balcony' id='v1' type='result'/>\
        </stream:stream>",
    );
    assert!(!net.client.is_ready());
    let events = drain(&mut net.client);
    assert_eq!(events.len(), 3, "{events:?}");
    assert!(matches!(&events[0], ClientEvent::Response { id, .. } if id == "v1"));
    assert_eq!(events[1], ClientEvent::NoResponse { id: "v2".into(), reason: NoResponse::StreamClosed });
    assert_eq!(events[2], ClientEvent::Closed);
    assert_eq!(text(net.client.poll_transmit()).as_deref(), Some("</stream:stream>"));
}

/// After our own close, a response that comes before the peer's close is
/// still a `Response` (RFC 6120 §4.4: the peer may send what it had).
#[test]
fn a_response_after_our_close_is_delivered() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    net.client.request(version_get("v1", "example.com"), Instant::now() + TIMEOUT).unwrap();
    net.client.close();
    net.client.handle_input(b"<iq from='example.com' id='v1' type='result'/></stream:stream>");
    let events = drain(&mut net.client);
    assert!(matches!(&events[..], [ClientEvent::Response { id, .. }, ClientEvent::Closed] if id == "v1"), "{events:?}");
}

/// The same for a component, RFC 6120 §4.4 (2) (found while writing these
/// tests: the component roles drop elements that come after their own
/// close, so the response is lost and reported as `NoResponse {
/// StreamClosed }`).
#[test]
fn a_component_response_after_its_close_is_delivered() {
    let (mut component, _server) = component_pair(KeepAlive::Off);
    let request = iq("<iq xmlns='jabber:component:accept' type='get' id='c1' from='pvr.home' to='home'>\
        <query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    component.request(request, Instant::now() + TIMEOUT).unwrap();
    component.close();
    component.handle_input(b"<iq from='home' to='pvr.home' id='c1' type='result'/></stream:stream>");
    let events = drain(&mut component);
    assert!(
        matches!(&events[..], [ComponentEvent::Response { id, .. }, ComponentEvent::Closed] if id == "c1"),
        "{events:?}"
    );
}

/// RFC 6120 §4.4 (2): after its close the server must "continue to
/// process data received from the other entity": a response to its request
/// and a message the client sent before it saw the close.
#[test]
fn the_server_processes_what_comes_after_its_close() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    let request = iq("<iq xmlns='jabber:client' type='get' id='s1' from='example.com' \
        to='juliet@example.com/balcony'><query xmlns='jabber:iq:version'/></iq>");
    net.server.request(request, Instant::now() + TIMEOUT).unwrap();
    net.server.close();
    net.server.handle_input(
        b"<iq to='example.com' id='s1' type='result'/>\
          <message to='romeo@example.net' type='chat'><body>bye</body></message></stream:stream>",
    );
    let events = drain(&mut net.server);
    // Got: [NoResponse { id: "s1", reason: StreamClosed }, Closed].
    assert_eq!(events.len(), 3, "{events:?}");
    assert!(matches!(&events[0], ServerEvent::Response { id, .. } if id == "s1"), "{events:?}");
    assert!(matches!(&events[1], ServerEvent::Stanza(Stanza::Message(_))), "{events:?}");
    assert_eq!(events[2], ServerEvent::Closed);
}

/// The same on the XEP-0114 server side.
#[test]
fn the_component_server_processes_what_comes_after_its_close() {
    let (_component, mut server) = component_pair(KeepAlive::Off);
    server.close();
    server.handle_input(b"<message from='bot@pvr.home' to='admin@home'><body>bye</body></message></stream:stream>");
    let events = drain(&mut server);
    // Got: [Closed].
    assert!(matches!(&events[..], [ComponentEvent::Stanza(Stanza::Message(_)), ComponentEvent::Closed]), "{events:?}");
}

// ---------------------------------------------------------------------------
// 5. Usage errors.
// ---------------------------------------------------------------------------

/// `tls_established` without a STARTTLS hand-off under way (RFC 6120
/// §5.4.3.3: TLS starts only after `<proceed/>`), on every machine.
#[test]
fn tls_established_outside_a_handoff() {
    let mut net = Net::new(KeepAlive::Off, KeepAlive::Off);
    assert!(!net.client.tls_handoff());
    assert_eq!(net.client.tls_established(None), Err(UsageError::NoTlsHandoff));
    assert_eq!(net.server.tls_established(None), Err(UsageError::NoTlsHandoff));
    net.pump();
    assert_eq!(net.client.tls_established(None), Err(UsageError::NoTlsHandoff));
    assert_eq!(net.server.tls_established(None), Err(UsageError::NoTlsHandoff));
    assert_eq!(net.client.poll_transmit(), None);
    let (mut component, mut server) = component_pair(KeepAlive::Off);
    assert_eq!(component.tls_established(None), Err(UsageError::NoTlsHandoff));
    assert_eq!(server.tls_established(None), Err(UsageError::NoTlsHandoff));
    assert_eq!(component.poll_transmit(), None);
}

/// RFC 6120 §7: `bind` and `refuse_bind` answer a pending bind request.
#[test]
fn bind_without_a_request() {
    let mut net = Net::new(KeepAlive::Off, KeepAlive::Off);
    let resource = ResourcePart::new("balcony").unwrap();
    assert_eq!(net.server.bind(&resource), Err(UsageError::NoBindRequest));
    net.pump();
    assert_eq!(net.server.bind(&resource), Err(UsageError::NoBindRequest));
    let error = jabber_stanza::StanzaError::new(jabber_stanza::DefinedCondition::Conflict);
    assert_eq!(net.server.refuse_bind(error), Err(UsageError::NoBindRequest));
    assert_eq!(net.server.poll_transmit(), None);
}

/// RFC 6120 §6 (a client authenticates as a localpart) and §4.7.1 (a
/// server is a domain).
#[test]
fn configuration_errors() {
    let domain: BareJid = "example.com".parse().unwrap();
    let config = ClientConfig::new(domain.clone(), "pw");
    assert_eq!(Client::new(config).err(), Some(UsageError::AccountWithoutLocalpart { account: domain.clone().into() }));
    let account: BareJid = "juliet@example.com".parse().unwrap();
    assert_eq!(
        ServerConfig::new(account.clone()).err(),
        Some(UsageError::DomainWithLocalpart { domain: account.clone().into() })
    );
    assert_eq!(
        Component::new(account.clone(), "s").err(),
        Some(UsageError::DomainWithLocalpart { domain: account.into() })
    );
}

/// `send` and `send_element` before the stream is established.
#[test]
fn sending_before_the_stream_is_established() {
    let mut net = Net::new(KeepAlive::Off, KeepAlive::Off);
    let message = Message::chat("romeo@example.net".parse().unwrap(), "too early");
    assert_eq!(net.client.send(Stanza::Message(message.clone())), Err(UsageError::NotReady));
    assert_eq!(net.server.send(Stanza::Message(message)), Err(UsageError::NotReady));
    let nonza = jabber_stream::Element::new("r", "urn:xmpp:sm:3");
    assert_eq!(net.client.send_element(&nonza), Err(UsageError::NotReady));
}

// ---------------------------------------------------------------------------
// 6. Chunking changes nothing.
// ---------------------------------------------------------------------------

/// What both sides saw in the whole conversation: login, a tracked
/// request and its response, a keepalive ping (XEP-0199 §4.2) answered,
/// a message, a close (RFC 6120 §4.4).
fn conversation(chunks: Vec<usize>) -> (Vec<ClientEvent>, Vec<ServerEvent>) {
    let mut net = Net::new(PING, KeepAlive::Off);
    net.chunks = chunks;
    let t0 = Instant::now();
    net.pump();
    net.client.handle_timeout(t0);
    net.client.request(version_get("v1", "example.com"), t0 + TIMEOUT).unwrap();
    net.pump();
    let request = match net.server_events.last() {
        Some(ServerEvent::Stanza(Stanza::Iq(iq))) => iq.clone(),
        other => panic!("{other:?}"),
    };
    net.server.send(Stanza::Iq(request.reply_empty_result())).unwrap();
    net.pump();
    net.client.handle_timeout(t0 + TIMEOUT);
    net.client.handle_timeout(t0 + TIMEOUT + INTERVAL);
    net.pump();
    let ping = match net.server_events.last() {
        Some(ServerEvent::Stanza(Stanza::Iq(iq))) => iq.clone(),
        other => panic!("{other:?}"),
    };
    net.server.send(Stanza::Iq(ping.reply_empty_result())).unwrap();
    net.server.send(Stanza::Message(Message::chat(balcony().into(), "pong seen"))).unwrap();
    net.pump();
    net.client.handle_timeout(t0 + TIMEOUT + INTERVAL + TIMEOUT);
    net.client.close();
    net.pump();
    (net.client_events, net.server_events)
}

#[test]
fn the_whole_conversation_without_chunking() {
    let (client, server) = conversation(Vec::new());
    assert_eq!(client.first(), Some(&ClientEvent::Authenticated { mechanism: Mechanism::Plain }));
    assert_eq!(client[1], ClientEvent::Bound(balcony()));
    assert!(matches!(&client[2], ClientEvent::Response { id, .. } if id == "v1"), "{client:?}");
    assert!(matches!(&client[3], ClientEvent::Stanza(Stanza::Message(m)) if m.body() == Some("pong seen")));
    assert_eq!(client[4..], [ClientEvent::Closed]);
    assert_eq!(server.last(), Some(&ServerEvent::Closed));
    assert!(server.iter().all(|e| !matches!(e, ServerEvent::Failed(_))), "{server:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn chunking_changes_nothing(chunks in proptest::collection::vec(1usize..40, 1..12)) {
        let whole = conversation(Vec::new());
        let chunked = conversation(chunks);
        prop_assert_eq!(chunked, whole);
    }
}

/// RFC 6120 §4.4: after our close, the peer's close is awaited for
/// `CLOSE_TIMEOUT` from the first `handle_timeout`, then the stream is over
/// anyway (no failure: we closed it).
#[test]
fn a_peer_that_never_closes_is_given_up_on() {
    let mut net = Net::bound(KeepAlive::Off, KeepAlive::Off);
    net.client.close();
    assert_eq!(text(net.client.poll_transmit()).as_deref(), Some("</stream:stream>"));
    let t0 = Instant::now();
    assert!(net.client.poll_timeout().is_none(), "no clock given yet");
    net.client.handle_timeout(t0);
    assert_eq!(net.client.poll_timeout(), Some(t0 + jabber_session::CLOSE_TIMEOUT));
    net.client.handle_timeout(t0 + jabber_session::CLOSE_TIMEOUT - Duration::from_millis(1));
    assert_eq!(net.client.poll_event(), None);
    net.client.handle_timeout(t0 + jabber_session::CLOSE_TIMEOUT);
    assert_eq!(drain(&mut net.client), vec![ClientEvent::Closed]);
    assert!(net.client.is_closed());
    assert_eq!(net.client.poll_timeout(), None);
}

/// While the caller does not read from the peer (backpressure), the peer's
/// silence is not its own: no ping goes out and no one is declared dead;
/// on resuming, the peer counts as just heard (XEP-0199 §4.2).
#[test]
fn paused_input_is_not_silence() {
    let mut net = Net::bound(PING, KeepAlive::Off);
    let t0 = Instant::now();
    net.client.handle_timeout(t0);
    net.client.handle_timeout(t0 + INTERVAL);
    client_ping(text(net.client.poll_transmit()));
    net.client.pause_input(true);
    assert_eq!(net.client.poll_timeout(), None);
    net.client.handle_timeout(t0 + INTERVAL * 20);
    assert_eq!(net.client.poll_event(), None);
    assert_eq!(net.client.poll_transmit(), None);
    net.client.pause_input(false);
    let resumed = t0 + INTERVAL * 21;
    net.client.handle_timeout(resumed);
    assert_eq!(net.client.poll_event(), None);
    assert_eq!(net.client.poll_timeout(), Some(resumed + INTERVAL));
}
