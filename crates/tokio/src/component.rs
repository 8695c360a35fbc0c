//! [`Component`]: an external component (XEP-0114) connected to a
//! server's component port, driven on tokio.

use std::time::Duration;

use jabber_jid::BareJid;
use jabber_session::{ComponentConfig, ComponentEvent};
use jabber_stanza::{Iq, Stanza};
use jabber_stream::Element;

use crate::error::Error;
use crate::handle::{Running, Sender};
use crate::resolve::Candidate;
use crate::tls::TlsConfig;
use crate::transport::Connector;

/// An external component (XEP-0114) with a completed handshake: it
/// receives the stanzas for its domain and sends stanzas from it.
///
/// ```no_run
/// use jabber_tokio::Component;
/// use jabber_session::ComponentEvent;
///
/// # async fn run() -> Result<(), jabber_tokio::Error> {
/// let mut component = Component::connect("pvr.example.com".parse()?, "s3cr3t", "127.0.0.1", 5347).await?;
/// while let Some(event) = component.next_event().await {
///     if let ComponentEvent::Stanza(stanza) = event {
///         println!("{stanza:?}");
///     }
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Component {
    running: Running<ComponentEvent>,
    domain: BareJid,
}

impl Component {
    /// Connects to the component port at `host:port` over TCP (XEP-0114
    /// has no TLS: use it on loopback or a private network) as `domain`
    /// with the shared `secret`; returns once the server accepted the
    /// handshake (at most 30 s).
    pub async fn connect(
        domain: BareJid,
        secret: impl Into<String>,
        host: impl Into<String>,
        port: u16,
    ) -> Result<Component, Error> {
        Self::connect_with(domain, secret, host, port, ComponentConfig::new()).await
    }

    /// The same with a session configuration (limits, keepalive).
    pub async fn connect_with(
        domain: BareJid,
        secret: impl Into<String>,
        host: impl Into<String>,
        port: u16,
        config: ComponentConfig,
    ) -> Result<Component, Error> {
        let name = domain.as_str().to_owned();
        // No TLS is ever started on a plain candidate; the roots are unused.
        let connector = Connector::new(name.clone(), TlsConfig::webpki_roots());
        let connection = connector.connect(&[Candidate::plain(host, port)]).await?;
        let machine = jabber_session::Component::with_config(domain, secret, config)?;
        let mut running = Running::spawn(machine, connection.transport, name, None);
        let limit = Duration::from_secs(30);
        let handshake = async {
            loop {
                match running.next_event().await {
                    Some(ComponentEvent::Connected(domain)) => return Ok(domain),
                    Some(ComponentEvent::Failed(jabber_session::Error::ConnectionLost)) => {
                        return Err(match running.stopped().await {
                            Error::Closed => Error::Session(jabber_session::Error::ConnectionLost),
                            error => error,
                        });
                    }
                    Some(ComponentEvent::Failed(error)) => return Err(Error::Session(error)),
                    Some(_) => {}
                    None => return Err(running.stopped().await),
                }
            }
        };
        let domain = tokio::time::timeout(limit, handshake).await.map_err(|_| Error::Timeout { after: limit })??;
        Ok(Component { running, domain })
    }

    /// The component's domain.
    pub fn domain(&self) -> &BareJid {
        &self.domain
    }

    /// The next event; `None` after the last (`Closed`).
    pub async fn next_event(&mut self) -> Option<ComponentEvent> {
        self.running.next_event().await
    }

    /// A cloneable handle to send from other tasks.
    pub fn sender(&self) -> Sender {
        self.running.sender.clone()
    }

    /// Sends a stanza (its `from` at the component's domain); see
    /// [`Sender::send`].
    pub async fn send(&self, stanza: impl Into<Stanza>) -> Result<(), Error> {
        self.running.sender.send(stanza).await
    }

    /// Sends any first-level element; see [`Sender::send_element`].
    pub async fn send_element(&self, element: Element) -> Result<(), Error> {
        self.running.sender.send_element(element).await
    }

    /// Sends a request and waits for its response; see [`Sender::request`].
    pub async fn request(&self, iq: Iq) -> Result<Iq, Error> {
        self.running.sender.request(iq).await
    }

    /// Closes the stream and waits for its end.
    pub async fn close(self) -> Result<(), Error> {
        self.running.close().await
    }
}
