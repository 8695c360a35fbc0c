//! Channel binding for the SCRAM `-PLUS` mechanisms (RFC 5802 §6, after
//! RFC 5056): the binding types of RFC 5929 (`tls-server-end-point`,
//! `tls-unique`) and RFC 9266 (`tls-exporter`), the client's GS2
//! channel-binding flag (RFC 5802 §7 `gs2-cbind-flag`), and the stream
//! feature of XEP-0440 v0.4.1 (SASL Channel-Binding Type Capability,
//! `urn:xmpp:sasl-cb:0`) by which a server lists the types it supports.
//!
//! Nothing here talks to TLS: the TLS layer exports the binding data
//! (RFC 9266 §2: 32 bytes from the TLS exporter with the label
//! `EXPORTER-Channel-Binding` and no context; RFC 5929 §4: the hash of the
//! server's certificate; RFC 5929 §3: the first Finished message) and hands
//! it over as a [`ChannelBinding`].

use std::fmt;
use std::str::FromStr;

use jabber_stream::Element;

/// The namespace of XEP-0440 (§2).
pub const SASL_CB_NS: &str = "urn:xmpp:sasl-cb:0";

/// A channel-binding type this crate knows, by its "channel-binding unique
/// prefix" in the IANA Channel-Binding Types registry (RFC 5056 §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChannelBindingType {
    /// `tls-exporter` (RFC 9266 §2): 32 bytes of TLS exporter output, for
    /// TLS 1.3 (and TLS 1.2 with the extended master secret); the default
    /// for SCRAM over TLS 1.3 (RFC 9266 §3), and the type XEP-0440 §4 says
    /// to prefer.
    TlsExporter,
    /// `tls-server-end-point` (RFC 5929 §4): the hash of the server's
    /// certificate. XEP-0440 §4: servers MUST implement it.
    TlsServerEndPoint,
    /// `tls-unique` (RFC 5929 §3): the first TLS Finished message; not
    /// defined for TLS 1.3 (RFC 9266 §1), RFC 5802's default before.
    TlsUnique,
}

impl ChannelBindingType {
    /// Every type, in the order a client prefers them (XEP-0440 §4:
    /// `tls-exporter` over `tls-server-end-point`).
    pub const ALL: [ChannelBindingType; 3] =
        [ChannelBindingType::TlsExporter, ChannelBindingType::TlsServerEndPoint, ChannelBindingType::TlsUnique];

    /// The registered name, as it stands in a GS2 header (`p=<name>`,
    /// RFC 5802 §7 `cb-name`) and in XEP-0440's `type` attribute.
    pub const fn name(self) -> &'static str {
        match self {
            ChannelBindingType::TlsExporter => "tls-exporter",
            ChannelBindingType::TlsServerEndPoint => "tls-server-end-point",
            ChannelBindingType::TlsUnique => "tls-unique",
        }
    }
}

impl fmt::Display for ChannelBindingType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Not a channel-binding type this crate knows (names are compared exactly,
/// as the registry spells them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownChannelBindingType;

impl FromStr for ChannelBindingType {
    type Err = UnknownChannelBindingType;
    fn from_str(s: &str) -> Result<Self, UnknownChannelBindingType> {
        ChannelBindingType::ALL.into_iter().find(|t| t.name() == s).ok_or(UnknownChannelBindingType)
    }
}

/// The channel-binding data of one connection, as the TLS layer exported
/// it: for [`ChannelBindingType::TlsExporter`] the 32 bytes of RFC 9266 §2.
/// SCRAM sends it (after the GS2 header) in the `c` attribute of the
/// client-final message (RFC 5802 §5.1, §7 `cbind-input`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ChannelBinding {
    /// The type.
    pub kind: ChannelBindingType,
    /// The data: bytes, as exported.
    pub data: Vec<u8>,
}

impl ChannelBinding {
    /// Binding data of type `kind`.
    pub fn new(kind: ChannelBindingType, data: impl Into<Vec<u8>>) -> Self {
        ChannelBinding { kind, data: data.into() }
    }
}

impl fmt::Debug for ChannelBinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The exporter output is keying material: its length only.
        f.debug_struct("ChannelBinding").field("kind", &self.kind).field("len", &self.data.len()).finish()
    }
}

/// What a SCRAM client says about channel binding: the `gs2-cbind-flag` of
/// RFC 5802 §7, and with `p` the data it binds to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Gs2CbindFlag {
    /// `n`: the client does not support channel binding, or does not use it
    /// (RFC 5802 §6; XEP-0440 §3 when no type is supported by both sides).
    #[default]
    NoBinding,
    /// `y`: the client supports channel binding but thinks the server does
    /// not, since it offered no `-PLUS` mechanism (RFC 5802 §6). A server
    /// that does offer one fails the exchange: a downgrade was attempted.
    ServerLacksBinding,
    /// `p=<cb-name>`: channel binding with this type and data; only with a
    /// `-PLUS` mechanism (RFC 5802 §6).
    Bind(ChannelBinding),
}

impl Gs2CbindFlag {
    /// The flag as the GS2 header spells it: `n`, `y` or `p=<cb-name>`.
    pub fn as_header(&self) -> String {
        match self {
            Gs2CbindFlag::NoBinding => "n".to_owned(),
            Gs2CbindFlag::ServerLacksBinding => "y".to_owned(),
            Gs2CbindFlag::Bind(binding) => format!("p={}", binding.kind),
        }
    }

    /// The channel-binding data that follows the GS2 header in `c`
    /// (empty unless [`Gs2CbindFlag::Bind`]).
    pub fn data(&self) -> &[u8] {
        match self {
            Gs2CbindFlag::Bind(binding) => &binding.data,
            _ => &[],
        }
    }
}

/// The types a server lists in its XEP-0440 `<sasl-channel-binding/>`
/// stream feature.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AdvertisedBindings {
    /// The types this crate knows, in the server's order, without repeats.
    pub types: Vec<ChannelBindingType>,
    /// The other `type` values, as received (XEP-0440 §2: "SHOULD be" a
    /// registered prefix; one we do not know is no error).
    pub unknown: Vec<String>,
}

/// Reads the XEP-0440 feature (§2, `<sasl-channel-binding
/// xmlns='urn:xmpp:sasl-cb:0'>` with `<channel-binding type='...'/>`
/// children) from stream-feature elements that the stanza layer did not
/// model, such as [`jabber_stanza::StreamFeatures::others`].
///
/// `None` when there is no such feature: the server did not say which
/// types it supports. Liberal: elements are matched by name and namespace
/// wherever they stand; several features are merged; a `<channel-binding/>`
/// without `type`, or other children, are skipped; types we do not know
/// are kept in [`AdvertisedBindings::unknown`]. An empty feature (which
/// §2 forbids: "one or more") is `Some` with no types.
pub fn advertised_channel_bindings(features: &[Element]) -> Option<AdvertisedBindings> {
    let mut found: Option<AdvertisedBindings> = None;
    for feature in features.iter().filter(|e| e.is("sasl-channel-binding", SASL_CB_NS)) {
        let advertised = found.get_or_insert_with(AdvertisedBindings::default);
        for kind in feature.children_named("channel-binding", SASL_CB_NS).filter_map(|c| c.attr("type")) {
            match kind.parse::<ChannelBindingType>() {
                Ok(kind) if !advertised.types.contains(&kind) => advertised.types.push(kind),
                Ok(_) => {}
                Err(UnknownChannelBindingType) => {
                    if !advertised.unknown.iter().any(|u| u == kind) {
                        advertised.unknown.push(kind.to_owned());
                    }
                }
            }
        }
    }
    found
}

/// The XEP-0440 feature a server sends next to `<mechanisms/>` (§2),
/// listing `types` in this order. Meant for a non-empty list (§2: "one or
/// more"); a server without channel binding sends no feature at all.
pub fn channel_binding_feature(types: &[ChannelBindingType]) -> Element {
    Element::builder("sasl-channel-binding", SASL_CB_NS)
        .children(types.iter().map(|t| Element::builder("channel-binding", SASL_CB_NS).attr("type", t.name()).build()))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for kind in ChannelBindingType::ALL {
            assert_eq!(kind.name().parse::<ChannelBindingType>(), Ok(kind));
            assert_eq!(kind.to_string(), kind.name());
        }
        assert_eq!("TLS-EXPORTER".parse::<ChannelBindingType>(), Err(UnknownChannelBindingType));
        assert_eq!("tls-unique-for-telnet".parse::<ChannelBindingType>(), Err(UnknownChannelBindingType));
    }

    #[test]
    fn flags_spell_as_rfc_5802_section_7() {
        assert_eq!(Gs2CbindFlag::NoBinding.as_header(), "n");
        assert_eq!(Gs2CbindFlag::ServerLacksBinding.as_header(), "y");
        let bind = Gs2CbindFlag::Bind(ChannelBinding::new(ChannelBindingType::TlsExporter, [7u8; 32]));
        assert_eq!(bind.as_header(), "p=tls-exporter");
        assert_eq!(bind.data(), &[7u8; 32]);
        assert!(Gs2CbindFlag::ServerLacksBinding.data().is_empty());
        assert!(!format!("{bind:?}").contains("7, 7"), "the data stays out of Debug");
    }
}
