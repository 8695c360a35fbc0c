//! Building a [`Stanza`] from a message, presence or iq: `Stanza::from`
//! (which the accessor once named `from` shadowed) and `.into()`.

use jabber_stanza::{Iq, Message, Presence, Stanza};

fn message() -> Message {
    // RFC 6121 §5.2.1, the first example (without xml:lang).
    let mut message = Message::chat("romeo@example.net".parse().unwrap(), "Art thou not Romeo, and a Montague?");
    message.from = Some("juliet@example.com/balcony".parse().unwrap());
    message.id = Some("ktx72v49".into());
    message
}

#[test]
fn stanza_from_each_kind() {
    let stanza = Stanza::from(message());
    assert_eq!(stanza, Stanza::Message(message()));
    assert_eq!(stanza.sender().map(|j| j.as_str()), Some("juliet@example.com/balcony"));
    assert_eq!(stanza.to().map(|j| j.as_str()), Some("romeo@example.net"));

    let presence = Presence::new();
    assert_eq!(Stanza::from(presence.clone()), Stanza::Presence(presence));

    let iq = Iq::empty_result("r1");
    let stanza = Stanza::from(iq.clone());
    assert_eq!(stanza.id(), Some("r1"));
    assert_eq!(stanza, Stanza::Iq(iq));
}

#[test]
fn into_stanza() {
    let s: Stanza = message().into();
    assert!(matches!(&s, Stanza::Message(m) if m.body() == Some("Art thou not Romeo, and a Montague?")));
    let s: Stanza = Presence::new().into();
    assert!(matches!(s, Stanza::Presence(_)));
    let s: Stanza = Iq::empty_result("r1").into();
    assert!(matches!(s, Stanza::Iq(_)));
}

/// What a session's `send(impl Into<Stanza>)` would do with its argument.
fn send(stanza: impl Into<Stanza>) -> Stanza {
    stanza.into()
}

#[test]
fn into_stanza_by_value_and_by_reference() {
    let m = message();
    assert_eq!(send(&m), Stanza::Message(m.clone()));
    assert_eq!(send(m.clone()), Stanza::Message(m.clone()));
    let p = Presence::new();
    assert_eq!(send(&p), Stanza::Presence(p.clone()));
    let iq = Iq::empty_result("r1");
    assert_eq!(send(&iq), Stanza::Iq(iq.clone()));
    let stanza = Stanza::from(m);
    assert_eq!(send(&stanza), stanza);
    assert_eq!(send(stanza.clone()), stanza);
    assert_eq!(Stanza::from(&iq), Stanza::Iq(iq));
}
