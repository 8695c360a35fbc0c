//! Example stanzas of RFC 6120 and RFC 6121 through the typed models and back.
//!
//! Origin: the RFC texts themselves are not in the reference corpora available to this project,
//! so the examples come from public test suites and documentation that quote them (the
//! client-to-server walkthrough of RFC 6120 §9.1 as reproduced in goxmpp's stream tests; the
//! roster and subscription examples of RFC 6121 §2 and §3 as quoted by Protocol::XMPP and
//! rocks.xmpp), with whitespace between elements dropped. Examples marked "after" are written
//! from the RFC's section, not copied from a quotation. See the closing note of issue 4.

use jabber_jid::BareJid;
use jabber_stanza::{
    BindRequest, BindResult, DefinedCondition, ErrorType, Iq, IqKind, MessageType, PresenceType, Requirement,
    RosterQuery, Sasl, Show, Stanza, StartTls, StreamError, StreamFeatures, Subscription, roster_push,
};
use jabber_stream::{Condition, Element};

fn el(xml: &str) -> Element {
    xml.parse().unwrap_or_else(|e| panic!("{xml}: {e}"))
}

/// Parses a stanza in the default `jabber:client` namespace, and checks it survives
/// `Stanza -> Element -> bytes -> Element -> Stanza`.
fn stanza(xml: &str) -> Stanza {
    let wrapped = format!("<wrap xmlns='jabber:client'>{xml}</wrap>");
    let element = el(&wrapped).children().next().expect("one child").clone();
    let stanza = Stanza::parse(&element).unwrap_or_else(|e| panic!("{xml}: {e}"));
    let bytes = stanza.to_element().to_bytes().expect("serializes");
    assert_eq!(Stanza::parse(&Element::from_bytes(&bytes).unwrap()).unwrap(), stanza, "{xml}");
    stanza
}

/// A stream-level element (`stream:` prefix bound), parsed and re-serialized by `parse`/`back`.
fn stream_level<T: PartialEq + std::fmt::Debug>(
    xml: &str,
    parse: impl Fn(&Element) -> Result<T, jabber_stanza::Error>,
    back: impl Fn(&T) -> Element,
) -> T {
    let wrapped = format!("<wrap xmlns:stream='http://etherx.jabber.org/streams'>{xml}</wrap>");
    let element = el(&wrapped).children().next().expect("one child").clone();
    let value = parse(&element).unwrap_or_else(|e| panic!("{xml}: {e}"));
    assert_eq!(parse(&back(&value)).unwrap(), value, "{xml}");
    value
}

fn iq(s: Stanza) -> Iq {
    match s {
        Stanza::Iq(iq) => iq,
        other => panic!("not an iq: {other:?}"),
    }
}

#[test]
fn rfc6120_section_9_1_client_to_server() {
    // Steps 2 to 6: STARTTLS.
    let f = stream_level(
        "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>",
        StreamFeatures::parse,
        StreamFeatures::to_element,
    );
    assert_eq!(f.starttls, Some(Requirement::Required));
    let request = el("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    assert_eq!(StartTls::parse(&request).unwrap(), StartTls::Request);
    assert_eq!(StartTls::parse(&el("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")).unwrap(), StartTls::Proceed);

    // Steps 7 to 11: SASL with SCRAM-SHA-1.
    let f = stream_level(
        "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1-PLUS</mechanism>\
         <mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism></mechanisms></stream:features>",
        StreamFeatures::parse,
        StreamFeatures::to_element,
    );
    assert_eq!(f.mechanisms.unwrap(), ["SCRAM-SHA-1-PLUS", "SCRAM-SHA-1", "PLAIN"]);
    let sasl = |xml: &str| stream_level(xml, Sasl::parse, Sasl::to_element);
    let Sasl::Auth { mechanism, initial: Some(initial) } = sasl(
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>\
         biwsbj1qdWxpZXQscj1vTXNUQUF3QUFBQU1BQUFBTlAwVEFBQUFBQUJQVTBBQQ==</auth>",
    ) else {
        panic!("auth")
    };
    assert_eq!(mechanism, "SCRAM-SHA-1");
    assert_eq!(initial, b"n,,n=juliet,r=oMsTAAwAAAAMAAAANP0TAAAAAABPU0AA");
    let Sasl::Challenge(challenge) = sasl(
        "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>cj1vTXNUQUF3QUFBQU1BQUFBTlAwVEFBQUFBQUJQVTBBQWUxMjQ2OTV\
         iLTY5YTktNGRlNi05YzMwLWI1MWIzODA4YzU5ZSxzPU5qaGtZVE0wTURndE5HWTBaaTAwTmpkbUxUa3hNbVV0TkRsbU5UTm1ORE5rTURNeixpPTQwOTY=\
         </challenge>",
    ) else {
        panic!("challenge")
    };
    assert!(challenge.ends_with(b",i=4096"));
    assert!(matches!(
        sasl("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>Yz1iaXdzLHI9b01zVEFBd0FBQUFNQUFBQU5QMFRBQUFBQUFCUFUwQUFlMT\
              I0Njk1Yi02OWE5LTRkZTYtOWMzMC1iNTFiMzgwOGM1OWUscD1VQTU3dE0vU3ZwQVRCa0gyRlhzMFdEWHZKWXc9</response>"),
        Sasl::Response(r) if r.starts_with(b"c=biws,r=oMsTAAwAAAAMAAAANP0TAAAAAABPU0AA")
    ));
    assert_eq!(
        sasl("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>dj1wTk5ERlZFUXh1WHhDb1NFaVc4R0VaKzFSU289</success>"),
        Sasl::Success(Some(b"v=pNNDFVEQxuXxCoSEiW8GEZ+1RSo=".to_vec()))
    );

    // Steps 12 to 15: resource binding.
    let f = stream_level(
        "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>",
        StreamFeatures::parse,
        StreamFeatures::to_element,
    );
    assert!(f.bind && f.mechanisms.is_none());
    let request = iq(stanza(
        "<iq id='yhc13a95' type='set'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>balcony</resource></bind></iq>",
    ));
    assert_eq!(request.payload::<BindRequest>().unwrap().unwrap().resource.unwrap().as_str(), "balcony");
    let result = iq(stanza(
        "<iq id='yhc13a95' type='result'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>\
         <jid>juliet@im.example.com/balcony</jid></bind></iq>",
    ));
    assert_eq!(result.payload::<BindResult>().unwrap().unwrap().jid.as_str(), "juliet@im.example.com/balcony");

    // Steps 16 and following: stanzas.
    let Stanza::Message(m) = stanza(
        "<message from='juliet@im.example.com/balcony' id='ju2ba41c' to='romeo@example.net' type='chat' xml:lang='en'>\
         <body>Art thou not Romeo, and a Montague?</body></message>",
    ) else {
        panic!()
    };
    assert_eq!(
        (&m.kind, m.lang.as_deref(), m.body()),
        (&MessageType::Chat, Some("en"), Some("Art thou not Romeo, and a Montague?"))
    );
    let Stanza::Message(m) = stanza(
        "<message from='romeo@example.net/orchard' id='ju2ba41c' to='juliet@im.example.com/balcony' type='chat' \
         xml:lang='en'><body>Neither, fair saint, if either thee dislike.</body></message>",
    ) else {
        panic!()
    };
    assert_eq!(m.from.unwrap().as_str(), "romeo@example.net/orchard");
    let Stanza::Presence(p) = stanza(
        "<presence from='romeo@example.net/orchard' xml:lang='en'><show>dnd</show><status>Wooing Juliet</status></presence>",
    ) else {
        panic!()
    };
    assert_eq!((&p.kind, p.show, p.status()), (&PresenceType::Available, Some(Show::Dnd), Some("Wooing Juliet")));
}

#[test]
fn rfc6121_section_2_roster() {
    let juliet: BareJid = "juliet@example.com".parse().unwrap();
    // §2.1.3: roster get and result.
    let get = iq(stanza(
        "<iq from='juliet@example.com/balcony' id='bv1bs71f' type='get'><query xmlns='jabber:iq:roster'/></iq>",
    ));
    assert_eq!(get.payload::<RosterQuery>().unwrap().unwrap(), RosterQuery::get(None));
    let result = iq(stanza(
        "<iq id='bv1bs71f' to='juliet@example.com/chamber' type='result'><query xmlns='jabber:iq:roster' ver='ver7'>\
         <item jid='nurse@example.com'/><item jid='romeo@example.net'/></query></iq>",
    ));
    let roster = result.payload::<RosterQuery>().unwrap().unwrap();
    assert_eq!(roster.ver.as_deref(), Some("ver7"));
    assert_eq!(roster.items.len(), 2);
    assert!(roster.items.iter().all(|i| i.subscription == Subscription::None && !i.ask));

    // §2.3.1: adding an item, with a name and a group.
    let set = iq(stanza(
        "<iq from='juliet@example.com/balcony' id='ph1xaz53' type='set'><query xmlns='jabber:iq:roster'>\
         <item jid='nurse@example.com' name='Nurse'><group>Servants</group></item></query></iq>",
    ));
    let query = set.payload::<RosterQuery>().unwrap().unwrap();
    assert_eq!(query.check_set(), None);
    assert_eq!(query.items[0].name.as_deref(), Some("Nurse"));
    assert_eq!(query.items[0].groups, ["Servants"]);

    // §2.3.2: the push, from the account (no `from`), and the client's acknowledgement.
    let push = iq(stanza(
        "<iq id='a78b4q6ha463' to='juliet@example.com/chamber' type='set'><query xmlns='jabber:iq:roster'>\
         <item jid='nurse@example.com'/></query></iq>",
    ));
    assert_eq!(roster_push(&push, &juliet).unwrap().items[0].jid.as_str(), "nurse@example.com");
    let ack = iq(stanza("<iq from='juliet@example.com/balcony' id='a78b4q6ha463' type='result'/>"));
    assert_eq!(ack.kind, IqKind::Result(None));
    assert_eq!(push.reply_empty_result().id, ack.id);

    // §2.1.6: a push from a third party is not a push.
    let spoof = iq(stanza(
        "<iq from='romeo@example.net' id='x' type='set'><query xmlns='jabber:iq:roster'>\
         <item jid='nurse@example.com'/></query></iq>",
    ));
    assert!(roster_push(&spoof, &juliet).is_err());
}

#[test]
fn rfc6121_section_3_subscriptions() {
    // §3.1.1: the request, and the push that records `ask`.
    let Stanza::Presence(request) = stanza("<presence id='xk3h1v69' to='juliet@example.com' type='subscribe'/>") else {
        panic!()
    };
    assert_eq!(request.kind, PresenceType::Subscribe);
    assert!(request.kind.is_subscription());
    let push = iq(stanza(
        "<iq id='b89c5r7ib574' to='romeo@example.net/foo' type='set'><query xmlns='jabber:iq:roster'>\
         <item ask='subscribe' jid='juliet@example.com' subscription='none'/></query></iq>",
    ));
    let item = &push.payload::<RosterQuery>().unwrap().unwrap().items[0];
    assert!(item.ask);
    assert_eq!(item.subscription, Subscription::None);
    // §3.1.2: delivered with the bare JID of the sender; §3.1.5: approved.
    for xml in [
        "<presence from='romeo@example.net' id='xk3h1v69' to='juliet@example.com' type='subscribe'/>",
        "<presence from='juliet@example.com' id='xk3h1v69' to='romeo@example.net' type='subscribed'/>",
        "<presence from='juliet@example.com' id='tb2m1b59' to='romeo@example.net' type='unsubscribed'/>",
        "<presence from='romeo@example.net' id='ul4bs71n' to='juliet@example.com' type='unsubscribe'/>",
        // §4.3: a probe from the user's server.
        "<presence from='juliet@example.com' id='ign291v5' to='romeo@example.net' type='probe'/>",
    ] {
        let Stanza::Presence(p) = stanza(xml) else { panic!() };
        assert!(p.kind.is_subscription() || p.kind == PresenceType::Probe, "{xml}");
    }
}

#[test]
fn rfc6121_presence_and_messages() {
    // After §4.7.2: show, statuses in two languages, priority.
    let Stanza::Presence(p) = stanza(
        "<presence xml:lang='en'><show>dnd</show><status>Wooing Juliet</status>\
         <status xml:lang='cs'>Ja dvo&#x0159;&#x00ED;m Juliet</status><priority>1</priority></presence>",
    ) else {
        panic!()
    };
    assert_eq!(p.priority, 1);
    assert_eq!(p.statuses.get(Some("cs")), Some("Ja dvořím Juliet"));
    // After §5.2.5: a thread with a parent.
    let Stanza::Message(m) = stanza(
        "<message from='juliet@example.com/balcony' to='romeo@example.net' type='chat' xml:lang='en'>\
         <body>Art thou not Romeo, and a Montague?</body>\
         <thread parent='e0ffe42b28561960c6b12b944a092794b9683a38'>0e3141cd80894871a68e6fe6b1ec56fa</thread></message>",
    ) else {
        panic!()
    };
    let thread = m.thread.as_ref().unwrap();
    assert_eq!(thread.id, "0e3141cd80894871a68e6fe6b1ec56fa");
    assert_eq!(thread.parent.as_deref(), Some("e0ffe42b28561960c6b12b944a092794b9683a38"));
    // After §5.2.3: subjects and bodies in several languages.
    let Stanza::Message(m) = stanza(
        "<message from='juliet@example.com/balcony' id='z94nb37h' to='romeo@example.net' type='chat' xml:lang='en'>\
         <subject>I implore you!</subject><subject xml:lang='cs'>&#x00DA;p&#x011B;nliv&#x011B; pros&#x00ED;m!</subject>\
         <body>Wherefore art thou, Romeo?</body><body xml:lang='cs'>Pro&#x010D;e&#x017D; jsi ty, Romeo?</body></message>",
    ) else {
        panic!()
    };
    assert_eq!(m.subject(), Some("I implore you!"));
    assert_eq!(m.bodies.len(), 2);
}

#[test]
fn rfc6120_errors() {
    // After §4.9.3.19: see-other-host with an IPv6 address and port.
    let e = stream_level(
        "<stream:error><see-other-host xmlns='urn:ietf:params:xml:ns:xmpp-streams'>[2001:41D0:1:A49b::1]:9222\
         </see-other-host></stream:error>",
        StreamError::parse,
        StreamError::to_element,
    );
    assert_eq!(e.condition, Condition::SeeOtherHost);
    assert_eq!(e.other_host.as_deref(), Some("[2001:41D0:1:A49b::1]:9222"));
    // After §4.9.2: a condition with a text.
    let e = stream_level(
        "<stream:error><not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>\
         <text xmlns='urn:ietf:params:xml:ns:xmpp-streams' xml:lang='en'>Some special application diagnostic information!\
         </text></stream:error>",
        StreamError::parse,
        StreamError::to_element,
    );
    assert_eq!(e.condition, Condition::NotWellFormed);
    // After §8.3.2: a stanza error with text, returned by the server.
    let error = iq(stanza(
        "<iq from='im.example.com' id='z94nb37h' to='romeo@example.net/orchard' type='error'>\
         <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>\
         <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>[ ... application-specific information ... ]</text>\
         </error></iq>",
    ));
    let e = error.error().unwrap();
    assert_eq!((e.kind, &e.condition), (ErrorType::Cancel, &DefinedCondition::ServiceUnavailable));
    // After §8.3.3.5 and §8.3.3.14: gone and redirect carry an address.
    for (xml, condition) in [
        ("<gone xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>xmpp:romeo@afterlife.example.net</gone>", "gone"),
        (
            "<redirect xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>xmpp:characters@conference.example.org</redirect>",
            "redirect",
        ),
    ] {
        let error = iq(stanza(&format!(
            "<iq from='romeo@example.net' id='x' to='juliet@example.com/balcony' type='error'><error type='modify'>{xml}</error></iq>"
        )));
        let e = error.error().unwrap();
        assert_eq!(e.condition.name(), condition);
        assert!(
            matches!(&e.condition, DefinedCondition::Gone(Some(a)) | DefinedCondition::Redirect(Some(a)) if a.starts_with("xmpp:"))
        );
    }
}
