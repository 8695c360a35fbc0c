//! Interop with real servers, run by `scripts/interop.sh`, which starts Prosody, then ejabberd,
//! on 127.0.0.1 / ::1 (one at a time, `scripts/interop/SERVER.sh`) and runs these tests against
//! each with `JABBER_INTEROP_SERVER` (`prosody` or `ejabberd`), `JABBER_INTEROP_HOST`,
//! `JABBER_INTEROP_PORT`, `JABBER_INTEROP_DOMAIN` and `JABBER_INTEROP_COMPONENT_PORT` set.
//! Ignored by `cargo test`; the scripts run them with `--ignored --test-threads=1`. Users are
//! `USER@DOMAIN` with password `USER-pw`. Where the servers differ, the test says which does what.

#[path = "support/blocking.rs"]
mod blocking;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use blocking::{BoxError, Connection, Login};
use jabber::jid::{BareJid, Jid};
use jabber::session::sasl::Mechanism;
use jabber::session::{Component, Event};
use jabber::stanza::{
    Action, Block, Blocklist, BlocklistRequest, DefinedCondition, ErrorType, Iq, IqKind, Matcher, Message, Presence,
    PresenceType, PrivacyItem, PrivacyList, PrivacyQuery, RosterItem, RosterQuery, Stanza, StanzaKinds, StreamFeatures,
    Subscription, Unblock, roster_push,
};
use jabber::stream::{Element, StreamEvent, StreamParser, Version};

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

fn address() -> String {
    format!("{}:{}", env("JABBER_INTEROP_HOST"), env("JABBER_INTEROP_PORT"))
}

fn domain() -> String {
    env("JABBER_INTEROP_DOMAIN")
}

fn login_with(user: &str, resource: &str, mechanisms: &[Mechanism]) -> Result<Connection, BoxError> {
    Connection::login(&Login {
        address: address(),
        account: format!("{user}@{}", domain()).parse()?,
        password: format!("{user}-pw"),
        resource: Some(resource.to_owned()),
        mechanisms: mechanisms.to_vec(),
    })
}

fn login(user: &str, resource: &str) -> Result<Connection, BoxError> {
    login_with(user, resource, &Mechanism::PREFERENCE)
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

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn stream_header_and_features() -> Result<(), BoxError> {
    // The first stream header and features, read by our own parser and typed model (RFC 6120
    // §4.3). Plain TCP and no certificate yet on either server: no STARTTLS is offered.
    let mut stream = TcpStream::connect(address())?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let header = format!(
        "<?xml version='1.0'?><stream:stream xmlns='jabber:client' \
         xmlns:stream='http://etherx.jabber.org/streams' to='{}' version='1.0' xml:lang='en'>",
        domain()
    );
    stream.write_all(header.as_bytes())?;
    let mut parser = StreamParser::new();
    let mut header = None;
    let mut buf = [0u8; 8192];
    let features = loop {
        match parser.next_event()? {
            Some(StreamEvent::Header(h)) => header = Some(h),
            Some(StreamEvent::Element(e)) => break e,
            Some(StreamEvent::Close) => return Err("the server closed the stream".into()),
            None => match stream.read(&mut buf)? {
                0 => return Err("the server closed the connection".into()),
                n => parser.feed(&buf[..n]),
            },
        }
    };
    let header = header.ok_or("features before the stream header")?;
    assert_eq!(header.from.as_ref().map(|f| f.as_str().to_owned()), Some(domain()));
    assert_eq!(header.version, Some(Version::V1_0));
    assert!(header.id.as_deref().is_some_and(|id| !id.is_empty()), "{header:?}");
    assert_eq!(header.lang.as_deref(), Some("en"));

    let features = StreamFeatures::parse(&features)?;
    assert!(features.malformed.is_empty(), "{features:?}");
    assert_eq!(features.starttls, None);
    assert!(!features.bind, "bind is offered only after SASL");
    let mut offered = features.mechanisms.clone().ok_or("no SASL mechanisms offered")?;
    eprintln!("{:?} offers {offered:?}", server());
    // The order differs from run to run on Prosody (ejabberd: PLAIN, then SCRAM from the
    // strongest hash down); our client picks by its own preference (SCRAM-SHA-256 first).
    offered.sort();
    let expected: &[&str] = match server() {
        Server::Prosody => &["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"],
        // Passwords stored as given (auth_password_format: plain): every SCRAM hash it has.
        Server::Ejabberd => &["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-512"],
    };
    assert_eq!(offered, expected);
    stream.write_all(b"</stream:stream>")?;
    Ok(())
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn logs_in_with_each_mechanism_and_binds() -> Result<(), BoxError> {
    for mechanism in [Mechanism::ScramSha256, Mechanism::ScramSha1, Mechanism::Plain] {
        let connection = login_with("alice", "mechanisms", &[mechanism])?;
        assert_eq!(connection.mechanism, Some(mechanism));
        assert_eq!(connection.jid().as_str(), format!("alice@{}/mechanisms", domain()));
        done(connection)?;
    }
    // A wrong password is refused with not-authorized (RFC 6120 §6.5.10).
    let wrong = Connection::login(&Login {
        address: address(),
        account: bare("alice"),
        password: "wrong".into(),
        resource: None,
        mechanisms: vec![Mechanism::ScramSha256],
    });
    let error = wrong.err().expect("a wrong password fails");
    assert!(
        matches!(
            error.downcast_ref::<jabber::session::Error>(),
            Some(jabber::session::Error::SaslFailure { condition: jabber::stanza::SaslCondition::NotAuthorized, .. })
        ),
        "{error}"
    );
    Ok(())
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn server_assigned_resource() -> Result<(), BoxError> {
    let connection = Connection::login(&Login {
        address: address(),
        account: bare("bob"),
        password: "bob-pw".into(),
        resource: None,
        mechanisms: Mechanism::PREFERENCE.to_vec(),
    })?;
    assert_eq!(connection.jid().to_bare(), bare("bob"));
    assert!(!connection.jid().resource().is_empty());
    done(connection)
}

#[test]
#[ignore = "needs a server: scripts/interop.sh"]
fn roster_get_edit_push_and_remove() -> Result<(), BoxError> {
    let mut alice = login("alice", "roster")?;
    let result = alice.request(Iq::get("", &RosterQuery::get(None)))?;
    let roster = result.payload::<RosterQuery>().expect("a roster result")?;
    assert!(roster.items.iter().all(|i| i.jid.as_str() != "nurse@example.org"));

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
    alice.send(&Stanza::Iq(push.reply_empty_result()))?;

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
        alice.send(&Stanza::Iq(push.reply_empty_result()))?;
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
    bob.send(&Stanza::Presence(Presence::new()))?;
    alice.send(&Stanza::Presence(Presence::new()))?;

    // RFC 6121 §3.1: alice asks, bob approves.
    alice.send(&Stanza::Presence(Presence::of_type(PresenceType::Subscribe, bare("bob").into())))?;
    let request = bob.wait_for(
        "the subscription request",
        |s| matches!(s, Stanza::Presence(p) if p.kind == PresenceType::Subscribe),
    )?;
    assert_eq!(request.from().map(|f| f.to_bare()), Some(bare("alice")));
    bob.send(&Stanza::Presence(Presence::of_type(PresenceType::Subscribed, bare("alice").into())))?;
    let approved =
        alice.wait_for("the approval", |s| matches!(s, Stanza::Presence(p) if p.kind == PresenceType::Subscribed))?;
    assert_eq!(approved.from().map(|f| f.to_bare()), Some(bare("bob")));
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
    alice.send(&Stanza::Message(Message::chat(bob.jid().clone().into(), "Wherefore art thou?")))?;
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
    assert!(!list.items.contains(&spammer));

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
        alice.send(&Stanza::Iq(push.reply_empty_result()))?;
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
    alice.send(&Stanza::Iq(push.reply_empty_result()))?;

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
    // XEP-0114 against Prosody's component port, then a message from a user to the component.
    let address = format!("{}:{}", env("JABBER_INTEROP_HOST"), env("JABBER_INTEROP_COMPONENT_PORT"));
    let mut stream = TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_millis(200)))?;
    let component_domain: BareJid = format!("pvr.{}", domain()).parse()?;
    let mut component = Component::new(component_domain.clone(), "pvr-secret")?;
    assert_eq!(
        pump(&mut component, &mut stream, |e| matches!(e, Event::Connected(_)))?,
        Event::Connected(component_domain)
    );

    let mut alice = login("alice", "component")?;
    alice.send(&Stanza::Message(Message::chat(format!("pvr.{}", domain()).parse()?, "record 2")))?;
    let got = pump(&mut component, &mut stream, |e| matches!(e, Event::Stanza(Stanza::Message(_))))?;
    let Event::Stanza(Stanza::Message(got)) = got else { unreachable!() };
    assert_eq!(got.body(), Some("record 2"));
    assert_eq!(got.from.as_ref().map(|f| f.to_bare()), Some(bare("alice")));

    // And back: the component answers from its domain.
    let mut reply = Message::chat(got.from.clone().expect("from"), "programmed");
    reply.from = Some(format!("pvr.{}", domain()).parse()?);
    component.send(&Stanza::Message(reply))?;
    stream.write_all(&component.poll_transmit().expect("the reply"))?;
    let back = alice.wait_for("the component's reply", |s| matches!(s, Stanza::Message(m) if m.body().is_some()))?;
    assert_eq!(back.from().map(|f| f.as_str().to_owned()), Some(format!("pvr.{}", domain())));
    component.close();
    assert_eq!(pump(&mut component, &mut stream, |e| *e == Event::Closed)?, Event::Closed);
    done(alice)
}

/// Drives a component over `stream` until an event `until` accepts.
fn pump(component: &mut Component, stream: &mut TcpStream, until: impl Fn(&Event) -> bool) -> Result<Event, BoxError> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut buf = [0u8; 8192];
    loop {
        while let Some(bytes) = component.poll_transmit() {
            stream.write_all(&bytes)?;
        }
        if let Some(event) = component.poll_event() {
            if until(&event) {
                return Ok(event);
            }
            if let Event::Failed(e) = event {
                return Err(e.into());
            }
            continue;
        }
        if Instant::now() > deadline {
            return Err("the component timed out".into());
        }
        match stream.read(&mut buf) {
            Ok(0) => component.handle_eof(),
            Ok(n) => component.handle_input(&buf[..n]),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(e) => return Err(e.into()),
        }
    }
}
