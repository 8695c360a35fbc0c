//! TLS client configuration (RFC 6120 §5, RFC 7590, XEP-0368 §3).
//!
//! rustls with the `ring` crypto provider, TLS 1.2 and 1.3. The server's
//! certificate is checked against the XMPP domain (the JID's domainpart,
//! RFC 6120 §13.7.2.1, RFC 6125 §6), never against the host name an SRV
//! record pointed to, and the domain is also the SNI name (RFC 6066 §3;
//! XEP-0368 §3 rule 6). On direct TLS the ALPN protocol is `xmpp-client`
//! (XEP-0368 §3 rules 7 and 8); STARTTLS sends no ALPN.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use rustls::client::WantsClientCert;
use rustls::crypto::CryptoProvider;
use rustls::{ClientConfig, ConfigBuilder, RootCertStore};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

use crate::Error;
use crate::resolve::TlsMode;

/// The ALPN protocol id of XMPP client-to-server streams over direct TLS
/// (XEP-0368 §7).
pub const ALPN_XMPP_CLIENT: &[u8] = b"xmpp-client";

/// The TLS settings for client connections: the trust roots and the rest
/// of a rustls [`ClientConfig`], kept twice (with ALPN `xmpp-client` for
/// direct TLS, without for STARTTLS). Cheap to clone.
#[derive(Clone)]
pub struct TlsConfig {
    starttls: Arc<ClientConfig>,
    direct: Arc<ClientConfig>,
}

impl fmt::Debug for TlsConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsConfig").finish_non_exhaustive()
    }
}

/// The `ring` provider: aws-lc-rs, rustls' default, needs cmake to build.
fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// A config builder with the `ring` provider and TLS 1.2 and 1.3.
fn builder() -> Result<ConfigBuilder<ClientConfig, rustls::WantsVerifier>, Error> {
    ClientConfig::builder_with_provider(provider())
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(Error::TlsConfig)
}

impl TlsConfig {
    /// Trusts what the operating system trusts, through
    /// `rustls-platform-verifier` (on Linux: the system's CA bundle checked
    /// by webpki; on macOS, Windows, Android: the platform's verifier, with
    /// revocation where it has it). The default choice for clients.
    ///
    /// # Errors
    ///
    /// [`Error::TlsConfig`] if the platform verifier cannot be set up (for
    /// instance, no CA bundle is found on Linux).
    pub fn platform() -> Result<Self, Error> {
        let verifier = rustls_platform_verifier::Verifier::new(provider()).map_err(Error::TlsConfig)?;
        let builder = builder()?.dangerous().with_custom_certificate_verifier(Arc::new(verifier));
        Ok(Self::finish(builder))
    }

    /// Trusts the Mozilla root program, as compiled into `webpki-roots`:
    /// independent of the machine, but only as fresh as the crate.
    pub fn webpki_roots() -> Self {
        let roots = RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
        Self::with_roots(roots).expect("the ring provider supports TLS 1.2 and 1.3")
    }

    /// Trusts exactly `roots` (e.g. a private CA).
    ///
    /// # Errors
    ///
    /// [`Error::TlsConfig`] if rustls refuses the configuration.
    pub fn with_roots(roots: RootCertStore) -> Result<Self, Error> {
        let builder = builder()?.with_root_certificates(roots);
        Ok(Self::finish(builder))
    }

    /// Trusts exactly the certificates in `pem` (one or more `CERTIFICATE`
    /// blocks; other blocks are skipped).
    ///
    /// # Errors
    ///
    /// [`Error::Pem`] for malformed PEM, [`Error::NoCertificate`] if there
    /// is no certificate, [`Error::TlsConfig`] if a certificate is not a
    /// usable trust anchor.
    pub fn from_pem(pem: &[u8]) -> Result<Self, Error> {
        Self::with_roots(roots_from_pem(pem)?)
    }

    /// Like [`TlsConfig::from_pem`], reading the PEM from a file.
    ///
    /// # Errors
    ///
    /// [`Error::ReadPem`] if the file cannot be read; otherwise as
    /// [`TlsConfig::from_pem`].
    pub fn from_pem_file(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let pem = std::fs::read(path).map_err(|source| Error::ReadPem { path: path.to_owned(), source })?;
        Self::from_pem(&pem)
    }

    /// Uses a rustls configuration built by the caller (client
    /// certificates for SASL EXTERNAL, another verifier, key logging).
    /// Its ALPN list is replaced: empty for STARTTLS, `xmpp-client` for
    /// direct TLS.
    pub fn from_client_config(config: ClientConfig) -> Self {
        let mut starttls = config.clone();
        starttls.alpn_protocols = Vec::new();
        let mut direct = config;
        direct.alpn_protocols = vec![ALPN_XMPP_CLIENT.to_vec()];
        TlsConfig { starttls: Arc::new(starttls), direct: Arc::new(direct) }
    }

    fn finish(builder: ConfigBuilder<ClientConfig, WantsClientCert>) -> Self {
        Self::from_client_config(builder.with_no_client_auth())
    }

    /// The rustls configuration used for `mode`: with ALPN `xmpp-client`
    /// for [`TlsMode::Direct`], without for the others.
    pub fn client_config(&self, mode: TlsMode) -> Arc<ClientConfig> {
        match mode {
            TlsMode::Direct => Arc::clone(&self.direct),
            TlsMode::StartTls | TlsMode::Plain => Arc::clone(&self.starttls),
        }
    }
}

/// Reads every `CERTIFICATE` of `pem` into a root store.
fn roots_from_pem(pem: &[u8]) -> Result<RootCertStore, Error> {
    let mut roots = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(pem) {
        roots.add(cert?).map_err(Error::TlsConfig)?;
    }
    if roots.is_empty() {
        return Err(Error::NoCertificate);
    }
    Ok(roots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alpn_only_on_direct_tls() {
        let config = TlsConfig::webpki_roots();
        assert_eq!(config.client_config(TlsMode::Direct).alpn_protocols, vec![b"xmpp-client".to_vec()]);
        assert!(config.client_config(TlsMode::StartTls).alpn_protocols.is_empty());
    }

    #[test]
    fn platform_verifier_builds_or_says_why() {
        // Machines without a CA bundle get a typed error, not a panic.
        match TlsConfig::platform() {
            Ok(_) | Err(Error::TlsConfig(_)) => {}
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn pem_without_certificate_is_refused() {
        let err = TlsConfig::from_pem(b"no pem here").unwrap_err();
        assert!(matches!(err, Error::NoCertificate), "{err:?}");
    }

    #[test]
    fn missing_pem_file_names_the_path() {
        let err = TlsConfig::from_pem_file("/nonexistent/ca.pem").unwrap_err();
        match err {
            Error::ReadPem { path, .. } => assert_eq!(path, Path::new("/nonexistent/ca.pem")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn garbage_certificate_is_refused() {
        let pem = b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        let err = TlsConfig::from_pem(pem).unwrap_err();
        assert!(matches!(err, Error::TlsConfig(_) | Error::Pem(_)), "{err:?}");
    }
}
