//! The server machine fed arbitrary client bytes after a valid prefix (one of
//! three: the header, authenticated, bound), in arbitrary chunks: it never
//! panics, chunking never changes what it does, and after the end of input
//! its last event is `Closed`.
#![no_main]

use jabber_jid::ResourcePart;
use jabber_session::sasl::{Credentials, ScramCredentials, ScramHash};
use jabber_session::{Server, ServerConfig, ServerEvent, ServerTls, Session};
use libfuzzer_sys::fuzz_target;

mod common;

/// One account, `juliet` / `pw`; PLAIN compares directly (no PBKDF2 per run),
/// SCRAM uses keys derived once.
struct Fixed;

impl Credentials for Fixed {
    fn scram(&self, username: &str, hash: ScramHash) -> Option<ScramCredentials> {
        static KEYS: std::sync::OnceLock<[ScramCredentials; 2]> = std::sync::OnceLock::new();
        let keys = KEYS.get_or_init(|| {
            [ScramHash::Sha1, ScramHash::Sha256].map(|h| ScramCredentials::derive(h, "pw", b"salt", 4096).unwrap())
        });
        (username == "juliet").then(|| keys[usize::from(hash == ScramHash::Sha256)].clone())
    }

    fn verify_plain(&self, username: &str, password: &str) -> bool {
        username == "juliet" && password == "pw"
    }
}

const HEADER: &str = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' \
    to='example.com' version='1.0'>";
/// PLAIN, `\0juliet\0pw`.
const AUTH: &str = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldABwdw==</auth>";
const BIND: &str = "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>\
    <resource>balcony</resource></bind></iq>";

fn prefix(variant: u8) -> String {
    match variant % 3 {
        0 => HEADER.to_owned(),
        1 => format!("{HEADER}{AUTH}{HEADER}"),
        _ => format!("{HEADER}{AUTH}{HEADER}{BIND}"),
    }
}

fn run(input: &[u8], sizes: &[usize]) -> (Vec<ServerEvent>, Vec<u8>) {
    let config = ServerConfig::new("example.com".parse().unwrap())
        .unwrap()
        .with_tls(ServerTls::Unavailable)
        .allow_plain_without_tls(true);
    let mut server = Server::with_random(config, Fixed, |buf: &mut [u8]| buf.fill(2));
    let (mut events, mut written) = (Vec::new(), Vec::new());
    for piece in common::pieces(input, sizes) {
        server.handle_input(piece);
        while let Some(event) = server.poll_event() {
            if let ServerEvent::BindRequest { resource } = &event {
                let resource = resource.clone().unwrap_or_else(|| ResourcePart::new("fuzz").unwrap());
                // Fails only if input after the request already ended the stream.
                if server.bind(&resource).is_err() {
                    assert!(!server.is_ready());
                }
            }
            events.push(event);
        }
        written.extend(std::iter::from_fn(|| server.poll_transmit()).flatten());
    }
    server.handle_eof();
    events.extend(std::iter::from_fn(|| server.poll_event()));
    written.extend(std::iter::from_fn(|| server.poll_transmit()).flatten());
    common::assert_closed_once(&events, &ServerEvent::Closed, |e| matches!(e, ServerEvent::Failed(_)));
    (events, written)
}

fuzz_target!(|data: &[u8]| {
    let Some((&variant, data)) = data.split_first() else { return };
    let (sizes, tail) = common::split(data);
    let input = [prefix(variant).as_bytes(), tail].concat();
    let whole = run(&input, &[]);
    let chunked = run(&input, &sizes);
    assert_eq!(whole, chunked);
});
