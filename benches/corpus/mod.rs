//! A labelled corpus of realistic XMPP traffic (one direction of a client
//! stream each), generated deterministically so every benchmark and the
//! comparison crate (`benches/compare`, which includes this file by path)
//! measure the same bytes.
//!
//! | label | what |
//! | --- | --- |
//! | `chat` | one-to-one messages: bodies in several scripts, threads, chat states, receipts |
//! | `presence-caps` | a presence flood: show, status, priority, XEP-0115 caps, vcard-temp:x:update |
//! | `roster` | roster pushes (RFC 6121 §2.1.6) with names and groups |
//! | `pubsub` | pubsub notifications (XEP-0060) carrying Atom entries with escaped HTML |
//! | `muc-history` | groupchat history (XEP-0045) with delays (XEP-0203) and muc#user |
//! | `base64` | in-band bytestream blocks (XEP-0047), 4 KiB of base64 each |

#![allow(dead_code)]

/// One labelled sample: a whole stream, header to close.
pub(crate) struct Sample {
    /// What the sample holds.
    pub(crate) label: &'static str,
    /// The stream's bytes.
    pub(crate) stream: String,
    /// How many first-level elements it has.
    pub(crate) stanzas: usize,
}

/// The header every sample starts with.
pub(crate) const HEADER: &str = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' \
    xmlns:stream='http://etherx.jabber.org/streams' from='example.com' to='juliet@example.com' \
    id='c2s_234' version='1.0' xml:lang='en'>";

/// Roughly how many bytes of stanzas each sample has.
pub(crate) const TARGET_BYTES: usize = 256 * 1024;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn hex(&mut self, len: usize) -> String {
        (0..len).map(|_| char::from_digit(self.below(16) as u32, 16).unwrap()).collect()
    }
}

const USERS: &[&str] =
    &["romeo", "juliet", "benvolio", "mercutio", "nurse", "tybalt", "paris", "capulet", "montague", "friar.laurence"];
const DOMAINS: &[&str] = &["example.com", "example.net", "shakespeare.lit", "im.example.org"];
const RESOURCES: &[&str] = &["orchard", "balcony", "laptop", "phone", "Conversations.x1Yz", "gajim.4F2A"];
const WORDS: &[&str] = &[
    "wherefore",
    "art",
    "thou",
    "Romeo",
    "deny",
    "father",
    "refuse",
    "name",
    "rose",
    "sweet",
    "by",
    "any",
    "other",
    "would",
    "smell",
    "as",
    "café",
    "naïve",
    "Grüße",
    "привет",
    "こんにちは",
    "مرحبا",
    "🌹",
    "&",
    "<3",
    "\"quoted\"",
    "it's",
];

fn jid(rng: &mut Rng, resource: bool) -> String {
    let base = format!("{}@{}", rng.pick(USERS), rng.pick(DOMAINS));
    if resource { format!("{base}/{}", rng.pick(RESOURCES)) } else { base }
}

/// Between `min` and `min + extra` words.
fn sentence(rng: &mut Rng, min: usize, extra: usize) -> String {
    let words = min + rng.below(extra + 1);
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(WORDS));
    }
    s
}

/// Escapes text for XML content and single-quoted attributes.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\'', "&apos;")
}

fn chat(rng: &mut Rng, i: usize) -> String {
    let body = esc(&sentence(rng, 3, 24));
    let state = if rng.below(3) == 0 { "<active xmlns='http://jabber.org/protocol/chatstates'/>" } else { "" };
    format!(
        "<message from='{}' to='{}' type='chat' id='msg{i}' xml:lang='en'><body>{body}</body>\
         <thread>{}</thread>{state}<request xmlns='urn:xmpp:receipts'/></message>",
        jid(rng, true),
        jid(rng, true),
        rng.hex(32),
    )
}

fn presence(rng: &mut Rng, _: usize) -> String {
    let show = rng.pick(&["away", "chat", "dnd", "xa"]);
    format!(
        "<presence from='{}' to='juliet@example.com/balcony'><show>{show}</show><status>{}</status>\
         <priority>{}</priority><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' \
         node='http://code.google.com/p/exodus' ver='{}='/><x xmlns='vcard-temp:x:update'><photo>{}</photo></x></presence>",
        jid(rng, true),
        esc(&sentence(rng, 2, 5)),
        rng.below(128),
        rng.hex(27),
        rng.hex(40),
    )
}

fn roster(rng: &mut Rng, i: usize) -> String {
    let groups: String = (0..rng.below(3))
        .map(|_| format!("<group>{}</group>", rng.pick(&["Friends", "Family", "Work", "Verona", "Montagues"])))
        .collect();
    format!(
        "<iq to='juliet@example.com/balcony' type='set' id='push{i}'><query xmlns='jabber:iq:roster' ver='ver{i}'>\
         <item jid='{}' name='{}' subscription='{}'>{groups}</item></query></iq>",
        jid(rng, false),
        esc(&sentence(rng, 2, 0)),
        rng.pick(&["none", "to", "from", "both"]),
    )
}

fn pubsub(rng: &mut Rng, i: usize) -> String {
    let html = esc(&format!(
        "<p>{}</p><p><a href='http://example.com/{i}'>{}</a></p>",
        sentence(rng, 30, 0),
        sentence(rng, 4, 0)
    ));
    format!(
        "<message from='pubsub.shakespeare.lit' to='juliet@example.com' id='foo{i}'>\
         <event xmlns='http://jabber.org/protocol/pubsub#event'><items node='princely_musings'>\
         <item id='ae890ac52d0df67ed7cfdf51b644e901{i}'><entry xmlns='http://www.w3.org/2005/Atom'>\
         <title>{}</title><summary type='html'>{html}</summary>\
         <link rel='alternate' type='text/html' href='http://denmark.lit/2003/12/13/atom03'/>\
         <id>tag:denmark.lit,2003:entry-{i}</id><published>2003-12-13T18:30:02Z</published>\
         <updated>2003-12-13T18:30:02Z</updated></entry></item></items></event></message>",
        esc(&sentence(rng, 5, 0)),
    )
}

fn muc_history(rng: &mut Rng, i: usize) -> String {
    format!(
        "<message from='coven@chat.shakespeare.lit/{}' to='hecate@shakespeare.lit/broom' type='groupchat' id='h{i}'>\
         <body>{}</body><delay xmlns='urn:xmpp:delay' from='coven@chat.shakespeare.lit' stamp='2002-10-13T23:58:{:02}Z'/>\
         <x xmlns='http://jabber.org/protocol/muc#user'><item jid='{}' affiliation='member' role='participant'/></x></message>",
        rng.pick(USERS),
        esc(&sentence(rng, 4, 19)),
        i % 60,
        jid(rng, true),
    )
}

fn base64(rng: &mut Rng, i: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let data: String = (0..4096).map(|_| ALPHABET[rng.below(64)] as char).collect();
    format!(
        "<iq from='romeo@montague.lit/orchard' to='juliet@example.com/balcony' type='set' id='ibb{i}'>\
         <data xmlns='http://jabber.org/protocol/ibb' seq='{i}' sid='i781hf64'>{data}</data></iq>"
    )
}

fn sample(label: &'static str, seed: u64, make: fn(&mut Rng, usize) -> String) -> Sample {
    let mut rng = Rng(seed);
    let mut stream = String::from(HEADER);
    let mut stanzas = 0;
    while stream.len() < TARGET_BYTES {
        stream.push_str(&make(&mut rng, stanzas));
        stanzas += 1;
        if stanzas % 7 == 0 {
            stream.push('\n'); // a whitespace keepalive now and then
        }
    }
    stream.push_str("</stream:stream>");
    Sample { label, stream, stanzas }
}

/// The whole corpus.
pub(crate) fn corpus() -> Vec<Sample> {
    vec![
        sample("chat", 1, chat),
        sample("presence-caps", 2, presence),
        sample("roster", 3, roster),
        sample("pubsub", 4, pubsub),
        sample("muc-history", 5, muc_history),
        sample("base64", 6, base64),
    ]
}

/// One stanza of about `bytes` bytes (a message whose body is that long),
/// for the linearity benchmark.
pub(crate) fn big_message(bytes: usize) -> String {
    let mut rng = Rng(7);
    let mut body = String::new();
    while body.len() < bytes {
        body.push_str(&esc(&sentence(&mut rng, 10, 0)));
        body.push(' ');
    }
    format!("<message to='juliet@example.com' type='chat'><body>{body}</body></message>")
}
