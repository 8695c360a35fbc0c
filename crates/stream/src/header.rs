//! The stream header, RFC 6120 §4.7 (attributes) and §4.8 (namespaces).

use std::fmt;
use std::str::FromStr;

use jabber_jid::Jid;

use crate::element::{Attribute, Element};
use crate::error::ErrorKind;
use crate::ns;
use crate::xml_str::XmlStr;

/// The content namespace of a stream: the default namespace declared on the
/// stream header, which qualifies its stanzas (RFC 6120 §4.8.2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ContentNamespace {
    /// `jabber:client`: a client-to-server stream (the default).
    #[default]
    Client,
    /// `jabber:server`: a server-to-server stream.
    Server,
    /// `jabber:component:accept`: an external component (XEP-0114).
    ComponentAccept,
}

impl ContentNamespace {
    /// The namespace URI.
    pub const fn as_str(self) -> &'static str {
        match self {
            ContentNamespace::Client => ns::CLIENT,
            ContentNamespace::Server => ns::SERVER,
            ContentNamespace::ComponentAccept => ns::COMPONENT_ACCEPT,
        }
    }

    /// The content namespace named by `uri`, if it is one this crate knows.
    pub fn from_uri(uri: &str) -> Option<Self> {
        match uri {
            ns::CLIENT => Some(ContentNamespace::Client),
            ns::SERVER => Some(ContentNamespace::Server),
            ns::COMPONENT_ACCEPT => Some(ContentNamespace::ComponentAccept),
            _ => None,
        }
    }
}

impl fmt::Display for ContentNamespace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stream version, RFC 6120 §4.7.5: two integers, `major.minor`; leading
/// zeros are ignored. A header without `version` means a pre-1.0 peer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// The major version.
    pub major: u32,
    /// The minor version.
    pub minor: u32,
}

impl Version {
    /// Version 1.0, the version of RFC 6120.
    pub const V1_0: Version = Version { major: 1, minor: 0 };
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// A malformed version string.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed stream version")]
pub struct InvalidVersion;

impl FromStr for Version {
    type Err = InvalidVersion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (major, minor) = s.split_once('.').ok_or(InvalidVersion)?;
        let number = |n: &str| {
            if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
                return Err(InvalidVersion);
            }
            let n = n.trim_start_matches('0');
            if n.is_empty() { Ok(0) } else { n.parse::<u32>().map_err(|_| InvalidVersion) }
        };
        Ok(Version { major: number(major)?, minor: number(minor)? })
    }
}

/// The header of an XML stream: the attributes and namespace declarations of
/// its root `<stream:stream>` element (RFC 6120 §4.7, §4.8).
///
/// What the parser does not model is kept: namespace declarations other than
/// the default and the stream prefix (such as `xmlns:db` for dialback) in
/// [`namespaces`](StreamHeader::namespaces), and unknown attributes in
/// [`attributes`](StreamHeader::attributes).
///
/// ```
/// use jabber_stream::{ContentNamespace, StreamHeader, Version};
/// let header = StreamHeader::new(ContentNamespace::Client)
///     .with_to("im.example.com".parse()?)
///     .with_version(Version::V1_0)
///     .with_lang("en");
/// assert_eq!(header.to.as_ref().map(|j| j.as_str()), Some("im.example.com"));
/// # Ok::<(), jabber_jid::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StreamHeader {
    /// `to`: the receiving entity's address (RFC 6120 §4.7.2).
    pub to: Option<Jid>,
    /// `from`: the sending entity's address (RFC 6120 §4.7.1).
    pub from: Option<Jid>,
    /// `id`: the stream id, set by the receiving entity (RFC 6120 §4.7.3).
    pub id: Option<String>,
    /// `version` (RFC 6120 §4.7.5); `None` for a pre-1.0 peer.
    pub version: Option<Version>,
    /// `xml:lang`: the default language of the stream (RFC 6120 §4.7.4).
    pub lang: Option<String>,
    /// The content namespace: the default namespace declared on the header
    /// (RFC 6120 §4.8.2). `None` when the header declares none (or declares
    /// the stream namespace itself, as in `<stream
    /// xmlns='http://etherx.jabber.org/streams'>`): the peer uses
    /// "prefix-free canonicalization", and each first-level element
    /// declares its own namespace. Both styles are semantically equivalent;
    /// a stanza's namespace is always [`Element::ns`](crate::Element::ns).
    pub content_ns: Option<ContentNamespace>,
    /// Further namespace declarations, as `(prefix, uri)` (e.g. `("db",
    /// "jabber:server:dialback")`); they are in scope for every stanza.
    pub namespaces: Vec<(String, String)>,
    /// Attributes not modelled above, kept as they came.
    pub attributes: Vec<Attribute>,
}

impl StreamHeader {
    /// A header with only the content namespace set (declared as the default
    /// namespace, the traditional style of RFC 6120 §4.8.2).
    pub fn new(content_ns: ContentNamespace) -> Self {
        Self::with_content_ns(Some(content_ns))
    }

    /// A header that declares no content namespace: "prefix-free
    /// canonicalization" (RFC 6120 §4.8.2), where every first-level element
    /// declares its own namespace. The [`StreamWriter`](crate::StreamWriter)
    /// then declares the namespace on each element it writes.
    pub fn prefix_free() -> Self {
        Self::with_content_ns(None)
    }

    fn with_content_ns(content_ns: Option<ContentNamespace>) -> Self {
        StreamHeader {
            to: None,
            from: None,
            id: None,
            version: None,
            lang: None,
            content_ns,
            namespaces: Vec::new(),
            attributes: Vec::new(),
        }
    }

    /// Sets `to`.
    pub fn with_to(mut self, to: Jid) -> Self {
        self.to = Some(to);
        self
    }

    /// Sets `from`.
    pub fn with_from(mut self, from: Jid) -> Self {
        self.from = Some(from);
        self
    }

    /// Sets `id`.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Sets `version`.
    pub fn with_version(mut self, version: Version) -> Self {
        self.version = Some(version);
        self
    }

    /// Sets `xml:lang`.
    pub fn with_lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = Some(lang.into());
        self
    }

    /// Adds a namespace declaration (e.g. `("db", "jabber:server:dialback")`).
    pub fn with_namespace(mut self, prefix: impl Into<String>, uri: impl Into<String>) -> Self {
        self.namespaces.push((prefix.into(), uri.into()));
        self
    }

    /// Builds the header from the parsed root element and its declarations.
    pub(crate) fn from_root(
        root: &Element,
        default_ns: &str,
        prefixes: &[(XmlStr, XmlStr)],
        stream_prefix: Option<&str>,
    ) -> Result<Self, ErrorKind> {
        if root.ns() != ns::STREAM {
            return Err(ErrorKind::StreamNamespace(root.ns().into()));
        }
        if root.name() != "stream" {
            return Err(ErrorKind::NotAStream(root.name().into()));
        }
        // RFC 6120 §4.8.2: a content namespace declared as the default, or
        // none at all (prefix-free canonicalization; with an unprefixed root
        // the default namespace is the stream namespace itself).
        let content_ns = match default_ns {
            "" | ns::STREAM => None,
            uri => Some(ContentNamespace::from_uri(uri).ok_or_else(|| ErrorKind::ContentNamespace(uri.into()))?),
        };
        let mut header = StreamHeader::with_content_ns(content_ns);
        for attr in root.attrs() {
            match (attr.ns(), attr.name()) {
                (None, "to") => {
                    header.to = Some(attr.value().parse().map_err(ErrorKind::InvalidTo)?);
                }
                (None, "from") => {
                    header.from = Some(attr.value().parse().map_err(ErrorKind::InvalidFrom)?);
                }
                (None, "id") => header.id = Some(attr.value().into()),
                (None, "version") => {
                    header.version =
                        Some(attr.value().parse().map_err(|_| ErrorKind::InvalidVersion(attr.value().into()))?);
                }
                (Some(ns::XML), "lang") => header.lang = Some(attr.value().into()),
                _ => header.attributes.push(attr.clone()),
            }
        }
        header.namespaces = prefixes
            .iter()
            .filter(|(p, _)| Some(&**p) != stream_prefix)
            .map(|(p, u)| (p.to_string(), u.to_string()))
            .collect();
        Ok(header)
    }
}
