//! Reply builders: `Message::reply` and the `Iq::reply_*` family, checked
//! against the examples of RFC 6121 and XEP-0045 (each test names its
//! source). The RFC examples show stanzas as delivered, with `from` stamped
//! by the server and `xml:lang` from the stream; the tests set those on the
//! reply before comparing, since a client does not write them.

use jabber_stanza::{DefinedCondition, Iq, IqKind, Message, MessageType, RosterQuery, Stanza, StanzaError, Thread};
use jabber_stream::Element;

fn el(xml: &str) -> Element {
    xml.parse().unwrap_or_else(|e| panic!("{xml}: {e}"))
}

fn message(xml: &str) -> Message {
    Message::parse(&el(xml)).unwrap_or_else(|e| panic!("{xml}: {e}"))
}

/// `reply` as the server delivers it: `from` stamped, and the fields the
/// replier chose (`id`, `xml:lang`) set.
fn delivered(mut reply: Message, from: &str, id: Option<&str>, lang: Option<&str>) -> Message {
    reply.from = Some(from.parse().unwrap());
    reply.id = id.map(str::to_owned);
    reply.lang = lang.map(str::to_owned);
    reply
}

#[test]
fn chat_reply_goes_to_the_full_jid_with_an_id_of_its_own() {
    // RFC 6121 §5.2.1, both examples: Romeo answers Juliet's message at her
    // full JID; his reply has its own id (sl3nx51f, not ktx72v49).
    let juliet = message(
        "<message xmlns='jabber:client' from='juliet@example.com/balcony' id='ktx72v49' \
         to='romeo@example.net' type='chat' xml:lang='en'><body>Art thou not Romeo, and a Montague?</body></message>",
    );
    let reply = juliet.reply("Neither, fair saint, if either thee dislike.").unwrap();
    assert_eq!(reply.from, None, "the server stamps from");
    assert_eq!(reply.id, None, "a reply is a new stanza: no id copied");
    assert_eq!(reply.lang, None);
    assert_eq!(reply.kind, MessageType::Chat);
    let expected = message(
        "<message xmlns='jabber:client' from='romeo@example.net/orchard' id='sl3nx51f' \
         to='juliet@example.com/balcony' type='chat' xml:lang='en'>\
         <body>Neither, fair saint, if either thee dislike.</body></message>",
    );
    assert_eq!(delivered(reply, "romeo@example.net/orchard", Some("sl3nx51f"), Some("en")), expected);
}

#[test]
fn chat_reply_keeps_the_thread() {
    // RFC 6121 §7, Example 9 (a threaded conversation): Juliet's third
    // message and Romeo's reply, in the same thread.
    let juliet = message(
        "<message xmlns='jabber:client' from='juliet@example.com/balcony' to='romeo@example.net' \
         type='chat' xml:lang='en'><body>Art thou not Romeo, and a Montague?</body>\
         <thread>e0ffe42b28561960c6b12b944a092794b9683a38</thread></message>",
    );
    let reply = juliet.reply("Neither, fair saint, if either thee dislike.").unwrap();
    let expected = message(
        "<message xmlns='jabber:client' from='romeo@example.net/orchard' to='juliet@example.com/balcony' \
         type='chat' xml:lang='en'><body>Neither, fair saint, if either thee dislike.</body>\
         <thread>e0ffe42b28561960c6b12b944a092794b9683a38</thread></message>",
    );
    assert_eq!(delivered(reply, "romeo@example.net/orchard", None, Some("en")), expected);
}

#[test]
fn reply_keeps_the_thread_parent() {
    // RFC 6121 §5.2.5, the example: a thread with a parent. The reply is in
    // the same thread, so it names the same parent; subjects and the second
    // body are the original's, not the reply's.
    let juliet = message(
        "<message xmlns='jabber:client' from='juliet@example.com/balcony' to='romeo@example.net' \
         type='chat' xml:lang='en'><subject>I implore you!</subject>\
         <subject xml:lang='cs'>\u{00DA}p\u{011B}nliv\u{011B} pros\u{00ED}m!</subject>\
         <body>Wherefore art thou, Romeo?</body><body xml:lang='cs'>Pro\u{010D}e\u{017E} jsi ty, Romeo?</body>\
         <thread parent='e0ffe42b28561960c6b12b944a092794b9683a38'>0e3141cd80894871a68e6fe6b1ec56fa</thread>\
         </message>",
    );
    let reply = juliet.reply("Here.").unwrap();
    assert_eq!(
        reply.thread,
        Some(Thread {
            id: "0e3141cd80894871a68e6fe6b1ec56fa".into(),
            parent: Some("e0ffe42b28561960c6b12b944a092794b9683a38".into()),
        })
    );
    assert!(reply.subjects.is_empty());
    assert_eq!(reply.bodies.len(), 1);
    assert_eq!(
        reply.to_element().to_string(),
        "<message xmlns='jabber:client' to='juliet@example.com/balcony' type='chat'><body>Here.</body>\
         <thread parent='e0ffe42b28561960c6b12b944a092794b9683a38'>0e3141cd80894871a68e6fe6b1ec56fa</thread>\
         </message>"
    );
}

#[test]
fn groupchat_reply_goes_to_the_room() {
    // XEP-0045 §7.4: the service reflects hag66's message from her occupant
    // JID (Example "Service Reflects Message to All Occupants", the copy to
    // crone1); a reply to all occupants is a groupchat message to the
    // room's bare JID (Example "Occupant Sends a Message to All Occupants").
    let reflected = message(
        "<message xmlns='jabber:client' from='coven@chat.shakespeare.lit/thirdwitch' id='hysf1v37' \
         to='crone1@shakespeare.lit/desktop' type='groupchat'><body>Harpier cries: 'tis time, 'tis time.</body>\
         </message>",
    );
    let reply = reflected.reply("Harpier cries: 'tis time, 'tis time.").unwrap();
    assert_eq!(reply.to.as_ref().map(|j| j.as_str()), Some("coven@chat.shakespeare.lit"));
    let expected = message(
        "<message xmlns='jabber:client' from='hag66@shakespeare.lit/pda' id='hysf1v37' \
         to='coven@chat.shakespeare.lit' type='groupchat'><body>Harpier cries: 'tis time, 'tis time.</body>\
         </message>",
    );
    assert_eq!(delivered(reply, "hag66@shakespeare.lit/pda", Some("hysf1v37"), None), expected);

    // A message from the room itself (its bare JID, e.g. a subject change
    // announced by the service) is answered at the room too.
    let from_room = message(
        "<message xmlns='jabber:client' from='coven@chat.shakespeare.lit' type='groupchat'><body>x</body></message>",
    );
    assert_eq!(from_room.reply("y").unwrap().to.unwrap().as_str(), "coven@chat.shakespeare.lit");
}

#[test]
fn private_muc_message_reply_goes_to_the_occupant() {
    // XEP-0045 §7.5, Example "Recipient Receives the Private Message": a
    // private message is of type chat from an occupant JID;
    // the reply goes back to that occupant JID, not to the room.
    let private = message(
        "<message xmlns='jabber:client' from='coven@chat.shakespeare.lit/secondwitch' id='hgn27af1' \
         to='crone1@shakespeare.lit/desktop' type='chat'><body>I'll give thee a wind.</body>\
         <x xmlns='http://jabber.org/protocol/muc#user'/></message>",
    );
    let reply = private.reply("Thou'rt kind.").unwrap();
    assert_eq!(reply.to.unwrap().as_str(), "coven@chat.shakespeare.lit/secondwitch");
    assert_eq!(reply.kind, MessageType::Chat);
    assert!(reply.payloads.is_empty(), "payloads are not copied");
}

#[test]
fn normal_stays_normal() {
    // RFC 6121 §5.2.2: a message without type is normal; so is its reply.
    let m = message("<message xmlns='jabber:client' from='juliet@example.com/balcony'><body>Hi</body></message>");
    let reply = m.reply("Hello").unwrap();
    assert_eq!(reply.kind, MessageType::Normal);
    assert_eq!(
        reply.to_element().to_string(),
        "<message xmlns='jabber:client' to='juliet@example.com/balcony'><body>Hello</body></message>"
    );
}

#[test]
fn errors_headlines_and_unaddressable_messages_get_no_reply() {
    // RFC 6120 §8.3.1: an error is not answered.
    let error = message(
        "<message xmlns='jabber:client' from='romeo@example.net' type='error'><error type='cancel'>\
         <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>",
    );
    assert_eq!(error.reply("?"), None);
    // RFC 6121 §5.2.2: a headline expects no reply.
    let headline =
        message("<message xmlns='jabber:client' from='news.example.com' type='headline'><body>Extra!</body></message>");
    assert_eq!(headline.reply("?"), None);
    // No from: nobody to address (a reply without to would go to one's own account).
    let anonymous = message("<message xmlns='jabber:client' type='chat'><body>Hi</body></message>");
    assert_eq!(anonymous.reply("?"), None);
    // A from that is not a JID: kept as it came, but not an address to reply to.
    let bad = message("<message xmlns='jabber:client' from='a@@b' type='chat'><body>Hi</body></message>");
    assert_eq!(bad.invalid_from(), Some("a@@b"));
    assert_eq!(bad.reply("?"), None);
    // The error reply to an error is refused as well (Stanza::error_reply).
    assert_eq!(Stanza::from(error).error_reply(StanzaError::new(DefinedCondition::BadRequest)), None);
}

#[test]
fn component_and_server_replies_carry_from() {
    // XEP-0114: nobody stamps a component's from; the reply comes from the
    // address the message reached.
    let m = message(
        "<message xmlns='jabber:component:accept' from='juliet@example.com/balcony' to='bot.example.com' \
         type='chat'><body>ping</body></message>",
    );
    assert_eq!(
        m.reply("pong").unwrap().to_element().to_string(),
        "<message xmlns='jabber:component:accept' from='bot.example.com' to='juliet@example.com/balcony' \
         type='chat'><body>pong</body></message>"
    );
    // RFC 6120 §8.1.2.2: on a server-to-server stream, from is required.
    let m = message(
        "<message xmlns='jabber:server' from='juliet@example.com/balcony' to='romeo@example.net' \
         type='chat'><body>hi</body></message>",
    );
    let reply = m.reply("hi").unwrap();
    assert_eq!(reply.from.unwrap().as_str(), "romeo@example.net");
    assert_eq!(reply.to.unwrap().as_str(), "juliet@example.com/balcony");
}

#[test]
fn iq_replies_answer_requests_only() {
    // RFC 6121 §2.1.3 / §2.1.4: a roster get and its (empty) result.
    let get = Iq::parse(&el("<iq xmlns='jabber:client' from='juliet@example.com/balcony' id='bv1bs71f' \
         type='get'><query xmlns='jabber:iq:roster'/></iq>"))
    .unwrap();
    let result = get.reply_result(&RosterQuery::get(Some("ver9".into())));
    assert_eq!(
        result,
        Iq::parse(&el("<iq xmlns='jabber:client' id='bv1bs71f' to='juliet@example.com/balcony' type='result'>\
             <query xmlns='jabber:iq:roster' ver='ver9'/></iq>"))
        .unwrap()
    );
    // RFC 6120 §8.2.3: a response is never answered; reply_error checks it.
    assert_eq!(result.reply_error(StanzaError::new(DefinedCondition::BadRequest)), None);
    let error = get.reply_error(StanzaError::new(DefinedCondition::ItemNotFound)).unwrap();
    assert!(matches!(&error.kind, IqKind::Error { request: Some(q), .. } if q.is("query", "jabber:iq:roster")));
    assert_eq!(error.reply_error(StanzaError::new(DefinedCondition::BadRequest)), None);
    // The stanza-level error reply agrees with the iq one.
    assert_eq!(
        Stanza::from(&get).error_reply(StanzaError::new(DefinedCondition::ItemNotFound)),
        Some(Stanza::Iq(error))
    );
}
