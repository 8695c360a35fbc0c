//! XEP-0114: a component machine against a component-server machine.

use jabber_jid::BareJid;
use jabber_session::{Component, ComponentConfig, ComponentEvent, ComponentServer, Error, Session};
use jabber_stanza::{Message, Stanza};
use jabber_stream::Condition;

fn ids() -> impl FnMut(&mut [u8]) + Send {
    |buf: &mut [u8]| buf.fill(0xAB)
}

fn port() -> ComponentServer {
    ComponentServer::with_config(
        |domain: &BareJid| (domain.as_str() == "pvr.home").then(|| "s3cr3t".to_owned()),
        ComponentConfig::new(),
        ids(),
    )
}

/// Runs both sides until they are quiet; returns their events.
fn run(component: &mut Component, server: &mut ComponentServer) -> (Vec<ComponentEvent>, Vec<ComponentEvent>) {
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

#[test]
fn handshake_then_stanzas_then_close() {
    let domain: BareJid = "pvr.home".parse().unwrap();
    let mut component = Component::new(domain.clone(), "s3cr3t").unwrap();
    let mut server = port();
    let (c, s) = run(&mut component, &mut server);
    assert_eq!(c, vec![ComponentEvent::Connected(domain.clone())]);
    assert_eq!(s, vec![ComponentEvent::Connected(domain.clone())]);

    let mut message = Message::chat("tvbot@home/tvbot".parse().unwrap(), "recorded");
    message.from = Some("pvr.home".parse().unwrap());
    component.send(Stanza::Message(message.clone())).unwrap();
    // Stanzas go out in the component namespace.
    let wire = component.poll_transmit().unwrap();
    assert!(String::from_utf8(wire.clone()).unwrap().starts_with("<message from='pvr.home'"));
    server.handle_input(&wire);
    let Some(ComponentEvent::Stanza(Stanza::Message(received))) = server.poll_event() else { panic!() };
    assert_eq!(received.body(), Some("recorded"));
    assert_eq!(received.ns, jabber_stream::ContentNamespace::ComponentAccept);

    component.close();
    let (c, s) = run(&mut component, &mut server);
    assert_eq!(c, vec![ComponentEvent::Closed]);
    assert_eq!(s, vec![ComponentEvent::Closed]);
}

#[test]
fn a_wrong_secret_is_not_authorized() {
    let mut component = Component::new("pvr.home".parse().unwrap(), "guess").unwrap();
    let mut server = port();
    let (c, s) = run(&mut component, &mut server);
    assert!(
        c.iter().any(
            |e| matches!(e, ComponentEvent::Failed(Error::StreamError(e)) if e.condition == Condition::NotAuthorized)
        ),
        "{c:?}"
    );
    assert_eq!(s.first(), Some(&ComponentEvent::Failed(Error::HandshakeFailed)));
    assert_eq!(c.last(), Some(&ComponentEvent::Closed));
}

#[test]
fn an_unknown_domain_is_host_unknown() {
    let mut component = Component::new("tv.home".parse().unwrap(), "s3cr3t").unwrap();
    let mut server = port();
    let (c, _) = run(&mut component, &mut server);
    assert!(
        c.iter().any(
            |e| matches!(e, ComponentEvent::Failed(Error::StreamError(e)) if e.condition == Condition::HostUnknown)
        ),
        "{c:?}"
    );
}

#[test]
fn a_component_speaks_for_its_domain_only() {
    let mut component = Component::new("pvr.home".parse().unwrap(), "s3cr3t").unwrap();
    let mut server = port();
    run(&mut component, &mut server);
    let mut message = Message::chat("tvbot@home".parse().unwrap(), "spoof");
    message.from = Some("ralphm@ik.nu".parse().unwrap());
    component.send(Stanza::Message(message)).unwrap();
    let (c, s) = run(&mut component, &mut server);
    assert!(
        c.iter().any(
            |e| matches!(e, ComponentEvent::Failed(Error::StreamError(e)) if e.condition == Condition::InvalidFrom)
        ),
        "{c:?}"
    );
    assert!(matches!(s.first(), Some(ComponentEvent::Failed(Error::Protocol(_)))));
}

#[test]
fn the_handshake_matches_an_independent_computation() {
    // SHA-1 over "3BF96D32" + "sundayafternoon", computed with Python's hashlib.
    assert_eq!(
        jabber_session::component_handshake("3BF96D32", "sundayafternoon"),
        "e9fb5be9d96f2e786cbcdd5aa3596c23cb022b11"
    );
}

/// Found in review: with addresses read liberally, a component's stanza
/// whose `to` is not a JID was delivered with `to` absent, which reads as
/// addressed to the server. It is answered with `jid-malformed` (RFC 6120
/// §8.3.3.8) and not delivered.
#[test]
fn a_to_that_is_not_a_jid_is_refused() {
    let domain: BareJid = "pvr.home".parse().unwrap();
    let mut component = Component::new(domain.clone(), "s3cr3t").unwrap();
    let mut server = port();
    run(&mut component, &mut server);
    server.handle_input(b"<message from='bot@pvr.home' to='admin@@example.com' id='m1'><body>hi</body></message>");
    assert_eq!(server.poll_event(), None);
    let reply = String::from_utf8(server.poll_transmit().unwrap()).unwrap();
    assert_eq!(
        reply,
        "<message to='bot@pvr.home' id='m1' type='error'><error type='modify'>\
         <jid-malformed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"
    );
}
