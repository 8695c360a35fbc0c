//! Stream error conditions, RFC 6120 §4.9.3.

use std::fmt;
use std::str::FromStr;

/// A defined stream error condition of RFC 6120 §4.9.3.
///
/// Every error of the stream parser maps to one of these through
/// [`Error::condition`](crate::Error::condition), so a server or client can
/// answer a broken peer with the `<stream:error/>` the RFC names. The typed
/// `<stream:error/>` element itself (with text and application conditions)
/// is modelled in `jabber-stanza`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Condition {
    /// §4.9.3.1: XML that cannot be processed (e.g. text at the stream level).
    BadFormat,
    /// §4.9.3.2: an unsupported or unbound namespace prefix.
    BadNamespacePrefix,
    /// §4.9.3.3: a new stream conflicts with an existing one.
    Conflict,
    /// §4.9.3.4: no traffic for too long.
    ConnectionTimeout,
    /// §4.9.3.5: the `to` domain is no longer serviced.
    HostGone,
    /// §4.9.3.6: the `to` domain is not serviced.
    HostUnknown,
    /// §4.9.3.7: missing or malformed addressing.
    ImproperAddressing,
    /// §4.9.3.8: an internal error of the server.
    InternalServerError,
    /// §4.9.3.9: a `from` that is not authorized or malformed.
    InvalidFrom,
    /// §4.9.3.10: the stream or content namespace is not supported.
    InvalidNamespace,
    /// §4.9.3.11: invalid XML (against a schema the entity validates with).
    InvalidXml,
    /// §4.9.3.12: data sent before the stream was authenticated.
    NotAuthorized,
    /// §4.9.3.13: XML that is not namespace-well-formed.
    NotWellFormed,
    /// §4.9.3.14: a local policy was violated (e.g. a size limit).
    PolicyViolation,
    /// §4.9.3.15: a connection to a remote server failed.
    RemoteConnectionFailed,
    /// §4.9.3.16: the stream must be reset (e.g. credentials changed).
    Reset,
    /// §4.9.3.17: the server lacks the resources to serve the stream.
    ResourceConstraint,
    /// §4.9.3.18: XML features that XMPP forbids (RFC 6120 §11.1).
    RestrictedXml,
    /// §4.9.3.19: the client should connect to another host.
    SeeOtherHost,
    /// §4.9.3.20: the server is being shut down.
    SystemShutdown,
    /// §4.9.3.21: a condition not defined here (an application condition says more).
    UndefinedCondition,
    /// §4.9.3.22: an encoding other than UTF-8.
    UnsupportedEncoding,
    /// §4.9.3.23: a required stream feature is not supported.
    UnsupportedFeature,
    /// §4.9.3.24: a first-level child that is not a known stanza.
    UnsupportedStanzaType,
    /// §4.9.3.25: the stream version is not supported.
    UnsupportedVersion,
}

impl Condition {
    /// Every condition, in the order of RFC 6120 §4.9.3.
    pub const ALL: [Condition; 25] = [
        Condition::BadFormat,
        Condition::BadNamespacePrefix,
        Condition::Conflict,
        Condition::ConnectionTimeout,
        Condition::HostGone,
        Condition::HostUnknown,
        Condition::ImproperAddressing,
        Condition::InternalServerError,
        Condition::InvalidFrom,
        Condition::InvalidNamespace,
        Condition::InvalidXml,
        Condition::NotAuthorized,
        Condition::NotWellFormed,
        Condition::PolicyViolation,
        Condition::RemoteConnectionFailed,
        Condition::Reset,
        Condition::ResourceConstraint,
        Condition::RestrictedXml,
        Condition::SeeOtherHost,
        Condition::SystemShutdown,
        Condition::UndefinedCondition,
        Condition::UnsupportedEncoding,
        Condition::UnsupportedFeature,
        Condition::UnsupportedStanzaType,
        Condition::UnsupportedVersion,
    ];

    /// The element name of the condition (`not-well-formed`, ...), in the
    /// `urn:ietf:params:xml:ns:xmpp-streams` namespace.
    pub const fn as_str(self) -> &'static str {
        match self {
            Condition::BadFormat => "bad-format",
            Condition::BadNamespacePrefix => "bad-namespace-prefix",
            Condition::Conflict => "conflict",
            Condition::ConnectionTimeout => "connection-timeout",
            Condition::HostGone => "host-gone",
            Condition::HostUnknown => "host-unknown",
            Condition::ImproperAddressing => "improper-addressing",
            Condition::InternalServerError => "internal-server-error",
            Condition::InvalidFrom => "invalid-from",
            Condition::InvalidNamespace => "invalid-namespace",
            Condition::InvalidXml => "invalid-xml",
            Condition::NotAuthorized => "not-authorized",
            Condition::NotWellFormed => "not-well-formed",
            Condition::PolicyViolation => "policy-violation",
            Condition::RemoteConnectionFailed => "remote-connection-failed",
            Condition::Reset => "reset",
            Condition::ResourceConstraint => "resource-constraint",
            Condition::RestrictedXml => "restricted-xml",
            Condition::SeeOtherHost => "see-other-host",
            Condition::SystemShutdown => "system-shutdown",
            Condition::UndefinedCondition => "undefined-condition",
            Condition::UnsupportedEncoding => "unsupported-encoding",
            Condition::UnsupportedFeature => "unsupported-feature",
            Condition::UnsupportedStanzaType => "unsupported-stanza-type",
            Condition::UnsupportedVersion => "unsupported-version",
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name is not one of the conditions of RFC 6120 §4.9.3.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown stream error condition")]
pub struct UnknownCondition;

impl FromStr for Condition {
    type Err = UnknownCondition;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Condition::ALL.into_iter().find(|c| c.as_str() == s).ok_or(UnknownCondition)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_distinct() {
        let mut seen = std::collections::HashSet::new();
        for c in Condition::ALL {
            assert!(seen.insert(c.as_str()));
            assert_eq!(c.as_str().parse::<Condition>(), Ok(c));
        }
        assert_eq!("bogus".parse::<Condition>(), Err(UnknownCondition));
    }
}
