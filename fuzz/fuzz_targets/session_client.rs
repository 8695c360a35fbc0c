//! The client machine fed arbitrary server bytes after a valid prefix (one of
//! three: before SASL, after SASL, bound), in arbitrary chunks: it never
//! panics, chunking never changes what it does, and after the end of input
//! its last event is `Closed`.
#![no_main]

use jabber_session::sasl::Mechanism;
use jabber_session::{Client, ClientConfig, ClientEvent, Session, Tls};
use libfuzzer_sys::fuzz_target;

mod common;

const HEADER: &str = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' \
    from='example.com' id='s1' version='1.0'>";
const SASL: &str = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>\
    <mechanism>PLAIN</mechanism></mechanisms></stream:features>";
const SUCCESS: &str = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>";
const BIND: &str = "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>\
    <session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></stream:features>";
const BOUND: &str = "<iq type='result' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>\
    <jid>juliet@example.com/balcony</jid></bind></iq><iq type='result' id='session-2'/>";

fn prefix(variant: u8) -> String {
    match variant % 3 {
        0 => format!("{HEADER}{SASL}"),
        1 => format!("{HEADER}{SASL}{SUCCESS}{HEADER}{BIND}"),
        _ => format!("{HEADER}{SASL}{SUCCESS}{HEADER}{BIND}{BOUND}"),
    }
}

/// Runs a client over `input` in chunks of `sizes`; returns its events and what it wrote.
fn run(input: &[u8], sizes: &[usize]) -> (Vec<ClientEvent>, Vec<u8>) {
    let config = ClientConfig::new("juliet@example.com".parse().unwrap(), "pw")
        .with_tls(Tls::Disabled)
        .allow_plain_without_tls(true)
        .with_mechanisms(&[Mechanism::Plain]);
    let mut client = Client::with_random(config, |buf: &mut [u8]| buf.fill(1)).unwrap();
    let (mut events, mut written) = (Vec::new(), Vec::new());
    for piece in common::pieces(input, sizes) {
        client.handle_input(piece);
        events.extend(std::iter::from_fn(|| client.poll_event()));
        written.extend(std::iter::from_fn(|| client.poll_transmit()).flatten());
    }
    client.handle_eof();
    events.extend(std::iter::from_fn(|| client.poll_event()));
    written.extend(std::iter::from_fn(|| client.poll_transmit()).flatten());
    common::assert_closed_once(&events, &ClientEvent::Closed, |e| matches!(e, ClientEvent::Failed(_)));
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
