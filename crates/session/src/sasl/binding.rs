//! Channel-binding data handed over by the TLS layer (RFC 5929, RFC 9266).

/// A channel-binding type (RFC 5929, RFC 9266).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChannelBindingType {
    /// `tls-exporter` (RFC 9266).
    TlsExporter,
}

/// The channel-binding data of a TLS session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelBinding {
    /// Its type.
    pub kind: ChannelBindingType,
    /// The data the TLS layer exported.
    pub data: Vec<u8>,
}
