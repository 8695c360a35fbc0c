//! A small command-line client: connect, log in, send, print what arrives.
//!
//! ```text
//! cargo run --example client -- --server 127.0.0.1:5222 --jid alice@localhost --password alice-pw \
//!     [--resource R] [--mechanism SCRAM-SHA-256|SCRAM-SHA-1|PLAIN] [--xml] \
//!     [--send TO BODY]... [--wait SECONDS]
//! ```
//!
//! It logs in over plain TCP (no TLS in this example: local test servers only), sends initial
//! presence and each `--send` message, prints every stanza that arrives for `--wait` seconds
//! (default 2) as one line (`message from=.. type=.. body=..`, `presence ...`, `iq ...`, or the
//! XML with `--xml`), then closes the stream.

#[path = "../tests/support/blocking.rs"]
mod blocking;

use std::time::{Duration, Instant};

use blocking::{BoxError, Connection, Login};
use jabber::session::ClientEvent;
use jabber::session::sasl::Mechanism;
use jabber::stanza::{Message, Presence, Stanza};

fn describe(stanza: &Stanza) -> String {
    let from = stanza.sender().map(|f| f.to_string()).unwrap_or_default();
    match stanza {
        Stanza::Message(m) => {
            let kind = m.kind.as_str().unwrap_or("error");
            format!("message from={from} type={kind} body={:?}", m.body().unwrap_or_default())
        }
        Stanza::Presence(p) => {
            let kind = p.kind.as_str().unwrap_or("available");
            format!("presence from={from} type={kind} status={:?}", p.status().unwrap_or_default())
        }
        Stanza::Iq(iq) => {
            let payload = iq.payload_element().map(|e| format!("{{{}}}{}", e.ns(), e.name())).unwrap_or_default();
            format!("iq from={from} type={} id={} {payload}", iq.kind.as_str(), iq.id)
        }
    }
}

fn main() -> Result<(), BoxError> {
    let mut args = std::env::args().skip(1);
    let (mut server, mut jid, mut password, mut resource) = (None, None, None, None);
    let (mut mechanisms, mut sends, mut wait, mut xml) = (Mechanism::PREFERENCE.to_vec(), Vec::new(), 2.0, false);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--server" => server = Some(value()?),
            "--jid" => jid = Some(value()?.parse()?),
            "--password" => password = Some(value()?),
            "--resource" => resource = Some(value()?),
            "--mechanism" => {
                let name = value()?;
                mechanisms = vec![name.parse().map_err(|_| format!("unknown mechanism {name}"))?];
            }
            "--send" => {
                let to = value()?.parse()?;
                sends.push((to, value()?));
            }
            "--wait" => wait = value()?.parse()?,
            "--xml" => xml = true,
            other => return Err(format!("unknown argument {other:?}; see the top of examples/client.rs").into()),
        }
    }
    let login = Login {
        address: server.ok_or("--server HOST:PORT is required")?,
        account: jid.ok_or("--jid USER@DOMAIN is required")?,
        password: password.ok_or("--password is required")?,
        resource,
        mechanisms,
    };
    let mut connection = Connection::login(&login)?;
    let how = connection.mechanism.map(|m| m.name()).unwrap_or("?");
    println!("bound {} ({how})", connection.jid());
    connection.send(Stanza::Presence(Presence::new()))?;
    for (to, body) in sends {
        connection.send(Stanza::Message(Message::chat(to, body)))?;
    }
    let deadline = Instant::now() + Duration::from_secs_f64(wait);
    while let Ok(event) = connection.next_event(deadline) {
        match event {
            ClientEvent::Stanza(stanza) if xml => println!("{}", stanza.to_element()),
            ClientEvent::Stanza(stanza) => println!("{}", describe(&stanza)),
            ClientEvent::InvalidStanza { element, error } => println!("invalid {} ({error})", element.name()),
            ClientEvent::Failed(error) => return Err(error.into()),
            ClientEvent::Closed => return Ok(()),
            _ => {}
        }
    }
    connection.close()?;
    println!("closed");
    Ok(())
}
