//! An echo bot on the public API: TLS (STARTTLS or direct), SCRAM, presence, echoed chats, one
//! tracked request carrying a payload of its own, answers to pings.
//!
//! ```text
//! cargo run --example bot -- JID PASSWORD [HOST:PORT [CA.pem]]
//! ```
//!
//! Without HOST:PORT the server is found by DNS SRV (RFC 6120 §3.2, XEP-0368) and its certificate
//! checked with the platform's roots; a local test server is given with its address and the
//! certificate of its throw-away CA. It prints one line per message it answers.

use jabber::prelude::*;
use jabber::tokio::TlsConfig;

/// XEP-0092: software version, asked of the server (`get`) and answered (`result`).
#[derive(Debug, Payload)]
#[payload(name = "query", ns = "jabber:iq:version", get, result)]
struct Version {
    #[payload(child_text)]
    name: Option<String>,
    #[payload(child_text)]
    version: Option<String>,
}

/// XEP-0199: a ping, answered with an empty result.
#[derive(Debug, Payload)]
#[payload(name = "ping", ns = "urn:xmpp:ping", get)]
struct Ping {}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bot JID PASSWORD [HOST:PORT [CA.pem]]";
    let (jid, password) = (args.next().ok_or(usage)?, args.next().ok_or(usage)?);
    let mut builder = Client::builder(jid.parse()?, password);
    if let Some((host, port)) = args.next().as_deref().and_then(|a| a.rsplit_once(':')) {
        builder = builder.server(host, port.parse()?);
    }
    if let Some(ca) = args.next() {
        builder = builder.tls(TlsConfig::from_pem_file(ca)?);
    }
    let mut client = builder.connect().await?;
    println!("online as {} ({})", client.jid(), client.mechanism().map_or("?", |m| m.name()));
    client.send(Presence::new()).await?;
    let server: Jid = client.jid().domain().parse()?;
    let asked = Iq::get("", &Version { name: None, version: None }).with_to(server);
    if let Some(Ok(Version { name, version })) = client.request(asked).await?.payload::<Version>() {
        println!("server runs {} {}", name.unwrap_or_default(), version.unwrap_or_default());
    }
    while let Some(event) = client.next_event().await {
        match event {
            ClientEvent::Stanza(Stanza::Message(message)) => {
                if let Some(reply) = message.body().and_then(|body| message.reply(body)) {
                    println!("echo to {:?}: {:?}", reply.to.as_ref().map(Jid::as_str), reply.body());
                    client.send(reply).await?;
                }
            }
            ClientEvent::Stanza(Stanza::Iq(iq)) if iq.payload::<Ping>().is_some() => {
                client.send(iq.reply_empty_result()).await?;
            }
            ClientEvent::Failed(error) => return Err(error.into()),
            _ => {}
        }
    }
    Ok(())
}
