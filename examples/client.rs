//! A small command-line client on the `jabber-tokio` adapter: connect, log in, send, print what
//! arrives.
//!
//! ```text
//! cargo run --example client -- --jid alice@example.com --password alice-pw \
//!     [--server HOST:PORT | --direct-tls HOST:PORT | --insecure-plain HOST:PORT] [--ca CA.pem] \
//!     [--resource R] [--mechanism SCRAM-SHA-256|...|PLAIN] [--xml] [--send TO BODY]... [--wait SECONDS]
//! ```
//!
//! TLS is the default: without an address the server is found by DNS SRV (RFC 6120 §3.2,
//! XEP-0368), `--server` connects with STARTTLS, `--direct-tls` with direct TLS, and the
//! certificate is checked against the JID's domain with the platform's roots or `--ca`.
//! `--insecure-plain` speaks without TLS (the password in the clear): for local test servers
//! only. It sends initial presence and each `--send` message, prints every stanza that arrives for
//! `--wait` seconds (default 2) as one line (`message from=.. type=.. body=..`, `presence ...`,
//! `iq ...`, or the XML with `--xml`), then closes the stream. `JABBER_WIRE_LOG=1` shows every
//! byte.

use std::time::Duration;

use jabber::prelude::*;
use jabber::session::sasl::Mechanism;
use jabber::tokio::TlsConfig;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

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

/// `HOST:PORT` split.
fn host_port(value: &str) -> Result<(String, u16), BoxError> {
    let (host, port) = value.rsplit_once(':').ok_or_else(|| format!("{value:?} is not HOST:PORT"))?;
    Ok((host.to_owned(), port.parse()?))
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let mut args = std::env::args().skip(1);
    let (mut jid, mut password, mut resource, mut address, mut ca) = (None, None, None, None, None);
    let (mut mechanisms, mut sends, mut wait, mut xml) = (Mechanism::ALL.to_vec(), Vec::new(), 2.0, false);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--jid" => jid = Some(value()?.parse::<BareJid>()?),
            "--password" => password = Some(value()?),
            "--resource" => resource = Some(value()?),
            "--server" | "--direct-tls" | "--insecure-plain" => address = Some((arg.clone(), host_port(&value()?)?)),
            "--ca" => ca = Some(value()?),
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
    let jid = jid.ok_or("--jid USER@DOMAIN is required")?;
    let password = password.ok_or("--password is required")?;
    let mut builder = Client::builder(jid, password).mechanisms(&mechanisms);
    if let Some(resource) = resource {
        builder = builder.resource(resource.parse()?);
    }
    builder = match address {
        Some((how, (host, port))) if how == "--direct-tls" => builder.direct_tls(host, port),
        Some((how, (host, port))) if how == "--insecure-plain" => builder.insecure_plain(host, port),
        Some((_, (host, port))) => builder.server(host, port),
        None => builder,
    };
    if let Some(ca) = ca {
        builder = builder.tls(TlsConfig::from_pem_file(ca)?);
    }
    let mut client = builder.connect().await?;
    let how = client.mechanism().map(|m| m.name()).unwrap_or("?");
    let tls = if client.is_secure() { "TLS" } else { "no TLS" };
    println!("bound {} ({how}, {tls})", client.jid());
    client.send(Presence::new()).await?;
    for (to, body) in sends {
        client.send(Message::chat(to, body)).await?;
    }
    let until = tokio::time::Instant::now() + Duration::from_secs_f64(wait);
    while let Ok(Some(event)) = tokio::time::timeout_at(until, client.next_event()).await {
        match event {
            ClientEvent::Stanza(stanza) if xml => println!("{}", stanza.to_element()),
            ClientEvent::Stanza(stanza) => println!("{}", describe(&stanza)),
            ClientEvent::InvalidStanza { element, error } => println!("invalid {} ({error})", element.name()),
            ClientEvent::Failed(error) => return Err(error.into()),
            ClientEvent::Closed => return Ok(()),
            _ => {}
        }
    }
    client.close().await?;
    println!("closed");
    Ok(())
}
