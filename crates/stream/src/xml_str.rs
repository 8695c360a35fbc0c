//! `XmlStr`: the string type of element names, attribute names and values,
//! and namespace URIs.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// An immutable string that is cheap to clone: either a `&'static str`
/// (names and namespaces written in code cost no allocation) or a shared
/// `Arc<str>` (what the parser produces; children share their parent's
/// namespace).
///
/// Equality, ordering and hashing are those of the string.
///
/// ```
/// use jabber_stream::XmlStr;
/// let a = XmlStr::from("jabber:client");
/// let b = XmlStr::from(String::from("jabber:client"));
/// assert_eq!(a, b);
/// assert_eq!(&*a, "jabber:client");
/// ```
#[derive(Clone)]
pub struct XmlStr(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Shared(Arc<str>),
}

impl XmlStr {
    /// A shared copy of `s` (one allocation).
    pub fn shared(s: &str) -> Self {
        XmlStr(Repr::Shared(Arc::from(s)))
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
        }
    }
}

impl Deref for XmlStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for XmlStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for XmlStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&'static str> for XmlStr {
    fn from(s: &'static str) -> Self {
        XmlStr(Repr::Static(s))
    }
}

impl From<String> for XmlStr {
    fn from(s: String) -> Self {
        XmlStr(Repr::Shared(Arc::from(s)))
    }
}

impl From<&String> for XmlStr {
    fn from(s: &String) -> Self {
        XmlStr::shared(s)
    }
}

impl From<Box<str>> for XmlStr {
    fn from(s: Box<str>) -> Self {
        XmlStr(Repr::Shared(Arc::from(s)))
    }
}

impl From<Arc<str>> for XmlStr {
    fn from(s: Arc<str>) -> Self {
        XmlStr(Repr::Shared(s))
    }
}

impl From<XmlStr> for String {
    fn from(s: XmlStr) -> Self {
        s.as_str().to_owned()
    }
}

impl PartialEq for XmlStr {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}
impl Eq for XmlStr {}

impl PartialEq<str> for XmlStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}
impl PartialEq<&str> for XmlStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialOrd for XmlStr {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for XmlStr {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for XmlStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Debug for XmlStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for XmlStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Default for XmlStr {
    fn default() -> Self {
        XmlStr(Repr::Static(""))
    }
}
