//! Resource limits of the parser.

use std::fmt;

/// The resource limits a parser enforces while it reads.
///
/// Every limit is checked as bytes arrive, never after buffering a whole
/// oversized unit, and exceeding one is an
/// [`ErrorKind::LimitExceeded`](crate::ErrorKind::LimitExceeded) error whose
/// condition is `policy-violation` (RFC 6120 §4.9.3.14). The memory a parser
/// holds is bounded by [`max_stanza_bytes`](Limits::max_stanza_bytes) (or
/// [`max_header_bytes`](Limits::max_header_bytes)) plus a small constant,
/// whatever the input.
///
/// ```
/// use jabber_stream::Limits;
/// let limits = Limits::default().with_max_stanza_bytes(64 * 1024).with_max_depth(32);
/// assert_eq!(limits.max_stanza_bytes(), 65536);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    max_stanza_bytes: usize,
    max_header_bytes: usize,
    max_depth: usize,
    max_attributes: usize,
    max_name_len: usize,
    max_attribute_value_len: usize,
}

impl Limits {
    /// Default for [`max_stanza_bytes`](Limits::max_stanza_bytes): 256 KiB.
    pub const DEFAULT_MAX_STANZA_BYTES: usize = 256 * 1024;
    /// Default for [`max_header_bytes`](Limits::max_header_bytes): 8 KiB.
    pub const DEFAULT_MAX_HEADER_BYTES: usize = 8 * 1024;
    /// Default for [`max_depth`](Limits::max_depth): 64.
    pub const DEFAULT_MAX_DEPTH: usize = 64;
    /// Default for [`max_attributes`](Limits::max_attributes): 64.
    pub const DEFAULT_MAX_ATTRIBUTES: usize = 64;
    /// Default for [`max_name_len`](Limits::max_name_len): 256 bytes.
    pub const DEFAULT_MAX_NAME_LEN: usize = 256;
    /// Default for [`max_attribute_value_len`](Limits::max_attribute_value_len): 64 KiB.
    pub const DEFAULT_MAX_ATTRIBUTE_VALUE_LEN: usize = 64 * 1024;

    /// The most bytes of one top-level element (stanza), from its `<` to the
    /// `>` of its end tag. Default 256 KiB.
    pub fn max_stanza_bytes(&self) -> usize {
        self.max_stanza_bytes
    }
    /// The most bytes of a stream header, XML declaration included. Default 8 KiB.
    pub fn max_header_bytes(&self) -> usize {
        self.max_header_bytes
    }
    /// The deepest nesting of elements in a stanza; the stanza itself is at
    /// depth 1. Default 64.
    pub fn max_depth(&self) -> usize {
        self.max_depth
    }
    /// The most attributes (namespace declarations included) on one element.
    /// Default 64.
    pub fn max_attributes(&self) -> usize {
        self.max_attributes
    }
    /// The longest element or attribute name in bytes, prefix included.
    /// Default 256.
    pub fn max_name_len(&self) -> usize {
        self.max_name_len
    }
    /// The longest attribute value in bytes, as written (before unescaping).
    /// Default 64 KiB.
    pub fn max_attribute_value_len(&self) -> usize {
        self.max_attribute_value_len
    }

    /// Sets [`max_stanza_bytes`](Limits::max_stanza_bytes).
    pub fn with_max_stanza_bytes(mut self, bytes: usize) -> Self {
        self.max_stanza_bytes = bytes;
        self
    }
    /// Sets [`max_header_bytes`](Limits::max_header_bytes).
    pub fn with_max_header_bytes(mut self, bytes: usize) -> Self {
        self.max_header_bytes = bytes;
        self
    }
    /// Sets [`max_depth`](Limits::max_depth).
    pub fn with_max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }
    /// Sets [`max_attributes`](Limits::max_attributes).
    pub fn with_max_attributes(mut self, count: usize) -> Self {
        self.max_attributes = count;
        self
    }
    /// Sets [`max_name_len`](Limits::max_name_len).
    pub fn with_max_name_len(mut self, bytes: usize) -> Self {
        self.max_name_len = bytes;
        self
    }
    /// Sets [`max_attribute_value_len`](Limits::max_attribute_value_len).
    pub fn with_max_attribute_value_len(mut self, bytes: usize) -> Self {
        self.max_attribute_value_len = bytes;
        self
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_stanza_bytes: Self::DEFAULT_MAX_STANZA_BYTES,
            max_header_bytes: Self::DEFAULT_MAX_HEADER_BYTES,
            max_depth: Self::DEFAULT_MAX_DEPTH,
            max_attributes: Self::DEFAULT_MAX_ATTRIBUTES,
            max_name_len: Self::DEFAULT_MAX_NAME_LEN,
            max_attribute_value_len: Self::DEFAULT_MAX_ATTRIBUTE_VALUE_LEN,
        }
    }
}

/// Which limit of [`Limits`] was exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// [`Limits::max_stanza_bytes`].
    StanzaBytes,
    /// [`Limits::max_header_bytes`].
    HeaderBytes,
    /// [`Limits::max_depth`].
    Depth,
    /// [`Limits::max_attributes`].
    Attributes,
    /// [`Limits::max_name_len`].
    NameLength,
    /// [`Limits::max_attribute_value_len`].
    AttributeValueLength,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::StanzaBytes => "stanza size",
            Limit::HeaderBytes => "stream header size",
            Limit::Depth => "nesting depth",
            Limit::Attributes => "attribute count",
            Limit::NameLength => "name length",
            Limit::AttributeValueLength => "attribute value length",
        })
    }
}
