//! What the adapter's integration tests share: throw-away certificates.

#![allow(dead_code)] // each test binary takes what it needs

use std::sync::atomic::{AtomicUsize, Ordering};

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

/// A throw-away CA and a server certificate it signed.
pub(crate) struct Pki {
    /// The CA's certificate, PEM: what a client trusts.
    pub(crate) ca_pem: String,
    /// The server's chain: its certificate, then the CA's.
    pub(crate) chain: Vec<CertificateDer<'static>>,
    /// The server's key.
    pub(crate) key: PrivateKeyDer<'static>,
}

/// A fresh CA and a certificate for `names` (DNS names or IP addresses).
pub(crate) fn pki(names: &[&str]) -> Pki {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    // A name of its own, so that another test CA is a stranger, not an
    // impostor with a bad signature.
    static SERIAL: AtomicUsize = AtomicUsize::new(0);
    let serial = SERIAL.fetch_add(1, Ordering::Relaxed);
    ca_params.distinguished_name.push(DnType::CommonName, format!("jabber-tokio test CA {serial}"));
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let names: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
    let leaf = CertificateParams::new(names).unwrap().signed_by(&leaf_key, &ca).unwrap();
    Pki { ca_pem: ca.pem(), chain: vec![leaf.der().clone(), ca.der().clone()], key: leaf_key.into() }
}
