//! The seed talk's demo ("Extending Jabber"): a person chats with a TV bot, which programs a PVR
//! over XMPP with a payload of its own namespace (`http://ralphm.net/protocols/pvr`).
//!
//! ```text
//! cargo run --example pvr                  # everything in one process: the chat view
//! cargo run --example pvr -- --xml         # the same, showing the stanzas (the protocol view)
//! cargo run --example pvr -- --server 127.0.0.1:5222 --domain localhost [--ca CA.pem] [--password USER=PW]...
//! ```
//!
//! Embedded, three clients (`ralphm@ik.nu/work`, `tvbot@home/tvbot`, `pvr@home/pvr`) and a small
//! router run as tasks over in-memory pipes; the clients are `jabber-tokio` clients over those
//! pipes, the router a `jabber::session::Server` per connection (SCRAM-SHA-512, resource
//! binding). With `--server`, the same three entities log in to a real server as
//! `ralphm@DOMAIN`, `tvbot@DOMAIN` and `pvr@DOMAIN` (password `USER-pw` unless given) with
//! STARTTLS, trusting `--ca` (a test server's throw-away CA) or the platform's roots.

#[allow(dead_code)] // its own `main` is not used here
#[path = "pvr_payload.rs"]
mod pvr_payload;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jabber::jid::{BareJid, FullJid, Jid, ResourcePart};
use jabber::session::sasl::MemoryCredentials;
use jabber::session::{ClientConfig, ClientEvent, Server, ServerConfig, ServerEvent, ServerTls, Session, Tls};
use jabber::stanza::{DefinedCondition, Iq, IqKind, Message, Presence, Stanza, StanzaError};
use jabber::tokio::transport::Transport;
use jabber::tokio::{Client, TlsConfig};
use pvr_payload::Pvr;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot, watch};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Tonight's programme: (station, station id, time, title, programme id, end).
const GUIDE: [(&str, u32, &str, &str, u32, &str); 3] = [
    ("Veronica", 21, "20:30", "Home Alone", 7, "22:20"),
    ("SBS 6", 36, "20:35", "The Matrix", 14, "22:05"),
    ("Yorin", 37, "20:35", "Speed 2", 3, "22:45"),
];
const DATE: &str = "20031016";

/// What an entity does with what it receives; returns what to send, and whether it is done.
trait Behaviour: Send {
    fn on_ready(&mut self, me: &FullJid) -> Vec<Stanza>;
    fn on_stanza(&mut self, me: &FullJid, stanza: Stanza) -> (Vec<Stanza>, bool);
}

/// The person: asks for films, picks the second, and is done when the PVR is programmed.
struct Person {
    bot: Jid,
}

impl Behaviour for Person {
    fn on_ready(&mut self, _: &FullJid) -> Vec<Stanza> {
        vec![Stanza::Message(Message::chat(self.bot.clone(), "films tonight"))]
    }

    fn on_stanza(&mut self, _: &FullJid, stanza: Stanza) -> (Vec<Stanza>, bool) {
        match stanza {
            Stanza::Message(m) if m.body().is_some_and(|b| b.trim_start().starts_with("1.")) => {
                (vec![Stanza::Message(Message::chat(self.bot.clone(), "record 2"))], false)
            }
            Stanza::Message(m) => (vec![], m.body().is_some_and(|b| b.starts_with("PVR programmed"))),
            _ => (vec![], false),
        }
    }
}

/// The TV bot: lists films, and records one by asking the PVR.
struct TvBot {
    pvr: Jid,
    /// Pending record requests: iq id -> who asked.
    pending: HashMap<String, Jid>,
    next_id: u32,
}

impl Behaviour for TvBot {
    fn on_ready(&mut self, _: &FullJid) -> Vec<Stanza> {
        vec![]
    }

    fn on_stanza(&mut self, _: &FullJid, stanza: Stanza) -> (Vec<Stanza>, bool) {
        let reply = |to: &Option<Jid>, body: String| match to {
            Some(to) => vec![Stanza::Message(Message::chat(to.clone(), body))],
            None => vec![],
        };
        match stanza {
            Stanza::Message(m) if m.body().is_some() => {
                let text = m.body().unwrap_or_default().trim().to_owned();
                if text == "films tonight" {
                    let list = GUIDE
                        .iter()
                        .enumerate()
                        .map(|(i, (station, _, time, title, ..))| format!("{}. {station}, {time}: {title}", i + 1))
                        .collect::<Vec<_>>()
                        .join("\n");
                    (reply(&m.from, list), false)
                } else if let Some(n) = text.strip_prefix("record ").and_then(|n| n.trim().parse::<usize>().ok()) {
                    let Some((_, station, _, _, program_id, _)) = n.checked_sub(1).and_then(|i| GUIDE.get(i)) else {
                        return (reply(&m.from, format!("There is no film {n} tonight.")), false);
                    };
                    self.next_id += 1;
                    let id = format!("rec{}", self.next_id);
                    let record = Pvr::Record { date: DATE.into(), station: *station, program_id: *program_id };
                    if let Some(from) = m.from {
                        self.pending.insert(id.clone(), from);
                    }
                    (vec![Stanza::Iq(Iq::set(id, &record).with_to(self.pvr.clone()))], false)
                } else {
                    (reply(&m.from, "Say 'films tonight' or 'record N'.".into()), false)
                }
            }
            Stanza::Iq(iq) if !iq.kind.is_request() => {
                let Some(asker) = self.pending.remove(&iq.id) else { return (vec![], false) };
                let text = match (iq.payload::<Pvr>(), iq.error()) {
                    (Some(Ok(Pvr::Info { program_name, .. })), _) => format!("PVR programmed for '{program_name}'"),
                    (_, Some(error)) => format!("The PVR refused: {}", error.condition.name()),
                    _ => "The PVR gave no answer I understand.".to_owned(),
                };
                (reply(&Some(asker), text), false)
            }
            Stanza::Iq(iq) => (service_unavailable(&Stanza::Iq(iq)), false),
            _ => (vec![], false),
        }
    }
}

/// The PVR: records what its guide knows.
struct PvrBox;

impl Behaviour for PvrBox {
    fn on_ready(&mut self, _: &FullJid) -> Vec<Stanza> {
        vec![]
    }

    fn on_stanza(&mut self, _: &FullJid, stanza: Stanza) -> (Vec<Stanza>, bool) {
        let Stanza::Iq(iq) = &stanza else { return (vec![], false) };
        let IqKind::Set(_) = &iq.kind else {
            return (if iq.kind.is_request() { service_unavailable(&stanza) } else { vec![] }, false);
        };
        let answer = match iq.payload::<Pvr>() {
            Some(Ok(Pvr::Record { date, station, program_id })) => {
                match GUIDE.iter().find(|g| g.1 == station && g.4 == program_id) {
                    Some((station_name, _, start, title, _, end)) => iq.reply_result(&Pvr::Info {
                        program_name: (*title).into(),
                        station_name: (*station_name).into(),
                        start: format!("{date}T{start}:00"),
                        end: format!("{date}T{end}:00"),
                    }),
                    None => iq.reply_error(StanzaError::new(DefinedCondition::ItemNotFound)).expect("a set"),
                }
            }
            Some(_) => iq.reply_error(StanzaError::new(DefinedCondition::BadRequest)).expect("a set"),
            None => return (service_unavailable(&stanza), false),
        };
        (vec![Stanza::Iq(answer)], false)
    }
}

fn service_unavailable(request: &Stanza) -> Vec<Stanza> {
    request.error_reply(StanzaError::new(DefinedCondition::ServiceUnavailable)).into_iter().collect()
}

/// How the conversation is shown.
#[derive(Clone, Copy)]
struct View {
    xml: bool,
}

impl View {
    fn received(self, me: &FullJid, stanza: &Stanza) {
        if self.xml {
            println!("[{me}] <<< {}", stanza.to_element());
            return;
        }
        let from = stanza.sender().map(|f| f.to_string()).unwrap_or_default();
        match stanza {
            Stanza::Message(m) if m.body().is_some() => {
                let body = m.body().unwrap_or_default();
                if body.contains('\n') {
                    println!("{from} -> {me}:");
                    body.lines().for_each(|l| println!("    {l}"));
                } else {
                    println!("{from} -> {me}: {body}");
                }
            }
            Stanza::Iq(iq) => match (iq.payload::<Pvr>(), iq.error()) {
                (Some(Ok(Pvr::Record { date, station, program_id })), _) => {
                    println!("{from} -> {me}: [iq set: record programme {program_id} on station {station}, {date}]")
                }
                (Some(Ok(Pvr::Info { program_name, station_name, start, end })), _) => {
                    println!("{from} -> {me}: [iq result: '{program_name}' on {station_name}, {start} to {end}]")
                }
                (_, Some(error)) => println!("{from} -> {me}: [iq error: {}]", error.condition.name()),
                _ => println!("{from} -> {me}: [iq {}]", iq.kind.as_str()),
            },
            _ => {}
        }
    }
}

/// One entity, logged in by the `jabber-tokio` adapter: runs its behaviour until it is done or
/// told to stop.
async fn entity(
    mut client: jabber::tokio::Client,
    mut behaviour: impl Behaviour,
    view: View,
    ready: oneshot::Sender<()>,
    mut stop: watch::Receiver<bool>,
) -> Result<bool, BoxError> {
    let me = client.jid().clone();
    let how = client.mechanism().map(|m| m.name()).unwrap_or("?");
    let tls = if client.is_secure() { ", TLS" } else { "" };
    println!("* {me} is online (SASL {how}, resource bound{tls})");
    // Available, so that a server delivers to this resource (RFC 6121 §4.2).
    client.send(Presence::new()).await?;
    for stanza in behaviour.on_ready(&me) {
        client.send(stanza).await?;
    }
    let _ = ready.send(());
    let mut done = false;
    loop {
        tokio::select! {
            event = client.next_event() => match event {
                Some(ClientEvent::Stanza(stanza)) => {
                    view.received(&me, &stanza);
                    let (replies, finished) = behaviour.on_stanza(&me, stanza);
                    for reply in replies {
                        client.send(reply).await?;
                    }
                    if finished {
                        done = true;
                        client.sender().close().await?;
                    }
                }
                Some(ClientEvent::Failed(error)) => return Err(error.into()),
                Some(ClientEvent::Closed) | None => return Ok(done),
                Some(_) => {}
            },
            _ = stop.changed() => client.sender().close().await?,
        }
    }
}

/// The embedded router: one server machine per connection, stanzas routed by full JID (or to any
/// resource of a bare JID); what cannot be delivered is answered with `service-unavailable`.
type Routes = Arc<Mutex<HashMap<FullJid, mpsc::UnboundedSender<Stanza>>>>;

async fn serve<T: AsyncRead + AsyncWrite + Unpin>(
    mut io: T,
    domain: BareJid,
    accounts: MemoryCredentials,
    routes: Routes,
) -> Result<(), BoxError> {
    let config = ServerConfig::new(domain)?.with_tls(ServerTls::Unavailable);
    let mut server = Server::new(config, accounts);
    let (tx, mut rx) = mpsc::unbounded_channel::<Stanza>();
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        while let Some(event) = server.poll_event() {
            match event {
                ServerEvent::BindRequest { resource } => {
                    let resource = resource.unwrap_or_else(|| ResourcePart::new("demo").expect("valid"));
                    let jid = server.account().expect("bound after auth").with_resource_part(&resource);
                    if routes.lock().expect("not poisoned").contains_key(&jid) {
                        server.refuse_bind(StanzaError::new(DefinedCondition::Conflict))?;
                    } else {
                        let jid = server.bind(&resource)?;
                        routes.lock().expect("not poisoned").insert(jid, tx.clone());
                    }
                }
                ServerEvent::Stanza(stanza) => {
                    let route = stanza.to().and_then(|to| {
                        let routes = routes.lock().expect("not poisoned");
                        match to {
                            Jid::Full(full) => routes.get(full).cloned(),
                            Jid::Bare(bare) => {
                                routes.iter().find(|(j, _)| j.bare_str() == bare.as_str()).map(|(_, r)| r.clone())
                            }
                        }
                    });
                    match (route, &stanza) {
                        (Some(route), _) => {
                            let _ = route.send(stanza);
                        }
                        // Presence broadcasts go to a roster this router does not keep.
                        (None, Stanza::Presence(_)) => {}
                        (None, _) => {
                            for reply in service_unavailable(&stanza) {
                                server.send(reply)?;
                            }
                        }
                    }
                }
                ServerEvent::Closed => {
                    if let Some(jid) = server.jid() {
                        routes.lock().expect("not poisoned").remove(jid);
                    }
                    while let Some(bytes) = server.poll_transmit() {
                        io.write_all(&bytes).await?;
                    }
                    return Ok(());
                }
                ServerEvent::Failed(error) => eprintln!("router: {error}"),
                _ => {}
            }
        }
        while let Some(bytes) = server.poll_transmit() {
            io.write_all(&bytes).await?;
        }
        tokio::select! {
            read = io.read(&mut buf) => match read? {
                0 => server.handle_eof(),
                n => server.handle_input(&buf[..n]),
            },
            Some(stanza) = rx.recv() => server.send(stanza)?,
        }
    }
}

struct Options {
    xml: bool,
    server: Option<String>,
    ca: Option<String>,
    domain: String,
    passwords: HashMap<String, String>,
}

fn options() -> Result<Options, BoxError> {
    let mut options =
        Options { xml: false, server: None, ca: None, domain: "localhost".into(), passwords: HashMap::new() };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--xml" => options.xml = true,
            "--server" => options.server = Some(args.next().ok_or("--server HOST:PORT")?),
            "--domain" => options.domain = args.next().ok_or("--domain DOMAIN")?,
            "--ca" => options.ca = Some(args.next().ok_or("--ca CA.pem")?),
            "--password" => {
                let pair = args.next().ok_or("--password USER=PASSWORD")?;
                let (user, password) = pair.split_once('=').ok_or("--password USER=PASSWORD")?;
                options.passwords.insert(user.into(), password.into());
            }
            other => return Err(format!("unknown argument {other:?}; see the top of examples/pvr.rs").into()),
        }
    }
    Ok(options)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), BoxError> {
    let options = options()?;
    let view = View { xml: options.xml };
    // (account, resource, password)
    let (person, bot, pvr) = match &options.server {
        None => (("ralphm@ik.nu", "work"), ("tvbot@home", "tvbot"), ("pvr@home", "pvr")),
        Some(_) => (("ralphm", "work"), ("tvbot", "tvbot"), ("pvr", "pvr")),
    };
    let account = |(name, resource): (&str, &str)| -> Result<(FullJid, String), BoxError> {
        let bare: BareJid =
            if options.server.is_some() { format!("{name}@{}", options.domain).parse()? } else { name.parse()? };
        let user = bare.node().unwrap_or_default().to_owned();
        let password = options.passwords.get(&user).cloned().unwrap_or_else(|| format!("{user}-pw"));
        Ok((bare.with_resource(resource)?, password))
    };
    let (person, bot, pvr) = (account(person)?, account(bot)?, account(pvr)?);

    let routes: Routes = Arc::default();
    let mut accounts = MemoryCredentials::new();
    for (jid, password) in [&person, &bot, &pvr] {
        accounts.add(jid.node().unwrap_or_default(), password, jid.as_str().as_bytes(), 4096)?;
    }
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut tasks = Vec::new();

    let behaviours: [(FullJid, String, Box<dyn Behaviour>); 3] = [
        (pvr.0.clone(), pvr.1.clone(), Box::new(PvrBox)),
        (bot.0.clone(), bot.1, Box::new(TvBot { pvr: pvr.0.into(), pending: HashMap::new(), next_id: 0 })),
        (person.0, person.1, Box::new(Person { bot: bot.0.into() })),
    ];
    for (jid, password, behaviour) in behaviours {
        let resource = ResourcePart::new(jid.resource())?;
        let client = match &options.server {
            None => {
                // In memory: the router's end of the pipe speaks without TLS.
                let (client_end, server_end) = tokio::io::duplex(64 * 1024);
                let domain = jid.to_bare().domain_jid();
                tokio::spawn(serve(server_end, domain, accounts.clone(), routes.clone()));
                let config = ClientConfig::new(jid.to_bare(), password).with_resource(resource).with_tls(Tls::Disabled);
                Client::over(Transport::Plain(client_end), config, None).await?
            }
            Some(address) => {
                let (host, port) = address.rsplit_once(':').ok_or("--server HOST:PORT")?;
                let mut builder =
                    Client::builder(jid.to_bare(), password).resource(resource).server(host, port.parse()?);
                if let Some(ca) = &options.ca {
                    builder = builder.tls(TlsConfig::from_pem_file(ca)?);
                }
                builder.connect().await?
            }
        };
        let (ready_tx, ready_rx) = oneshot::channel();
        let task = tokio::spawn(entity(client, behaviour, view, ready_tx, stop_rx.clone()));
        // Each entity is online before the next one starts talking.
        if !matches!(tokio::time::timeout(Duration::from_secs(10), ready_rx).await, Ok(Ok(()))) {
            if task.is_finished() {
                task.await??;
            }
            return Err(format!("{jid} did not come online").into());
        }
        tasks.push(task);
    }
    let person_task = tasks.pop().expect("three entities");
    let done =
        tokio::time::timeout(Duration::from_secs(20), person_task).await.map_err(|_| "the demo timed out")???;
    let _ = stop_tx.send(true);
    for task in tasks {
        tokio::time::timeout(Duration::from_secs(10), task).await.map_err(|_| "an entity did not close")???;
    }
    if !done {
        return Err("the conversation ended before the PVR was programmed".into());
    }
    Ok(())
}

/// A boxed behaviour is a behaviour.
impl Behaviour for Box<dyn Behaviour> {
    fn on_ready(&mut self, me: &FullJid) -> Vec<Stanza> {
        (**self).on_ready(me)
    }

    fn on_stanza(&mut self, me: &FullJid, stanza: Stanza) -> (Vec<Stanza>, bool) {
        (**self).on_stanza(me, stanza)
    }
}
