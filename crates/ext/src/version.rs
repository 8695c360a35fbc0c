//! XEP-0092: Software Version, version 1.1.
//!
//! `<query xmlns='jabber:iq:version'/>`: asks an entity for the name and
//! version of its software, and the operating system it runs on (XEP-0092
//! §2). The request ([`VersionRequest`], an iq `get`) and the answer
//! ([`SoftwareVersion`], an iq `result`) are distinct types.
//!
//! XEP-0092 §1: to identify contacts whose presence one receives, use
//! entity capabilities (XEP-0115) instead; §5: an application MUST let its
//! user or administrator turn off the disclosure of the operating system
//! (leave [`os`](SoftwareVersion::os) `None`).
//!
//! ```
//! use jabber_ext::version::SoftwareVersion;
//! use jabber_stanza::Iq;
//!
//! // XEP-0092 Example 1: Romeo asks Juliet's client...
//! let request = SoftwareVersion::request("version_1").with_to("juliet@capulet.com/balcony".parse()?);
//! let received = Iq::parse(&request.to_element())?;
//! assert!(SoftwareVersion::is_request(&received));
//!
//! // ... which answers as in Example 2.
//! let ours = SoftwareVersion::new("Exodus", "0.7.0.4").with_os("Windows-XP 5.01.2600");
//! let reply = ours.answer(&received).unwrap();
//! let theirs: SoftwareVersion = reply.payload().unwrap()?;
//! assert_eq!((theirs.name.as_str(), theirs.version.as_str()), ("Exodus", "0.7.0.4"));
//! assert_eq!(theirs.os.as_deref(), Some("Windows-XP 5.01.2600"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use jabber_stanza::{Error, Iq, IqKind, Payload, Unknown};

use crate::ns;

/// `<query xmlns='jabber:iq:version'/>` in an iq `get`: the request
/// (XEP-0092 §2). The element is empty; one with children is still a
/// request to answer ([`SoftwareVersion::is_request`]) but does not parse
/// (`UnexpectedChild`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Payload)]
#[payload(name = "query", ns = ns::VERSION, get)]
pub struct VersionRequest;

/// `<query xmlns='jabber:iq:version'><name/><version/><os/></query>` in an
/// iq `result`: the answer (XEP-0092 §2).
///
/// Errors: `MissingChild` without `<name/>` or `<version/>` (both
/// REQUIRED), `UnexpectedChild` when one has a child element. Read
/// liberally otherwise: a second `<name/>`, `<version/>` or `<os/>`, an
/// `<os/>` that cannot be read, and elements this model does not know are
/// kept in [`unknown`](SoftwareVersion::unknown), and the former reported
/// in [`malformed`](SoftwareVersion::malformed).
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "query", ns = ns::VERSION, result)]
pub struct SoftwareVersion {
    /// `<name/>`: the natural-language name of the software.
    #[payload(child_text)]
    pub name: String,
    /// `<version/>`: the specific version of the software.
    #[payload(child_text)]
    pub version: String,
    /// `<os/>` (OPTIONAL): the operating system (see XEP-0092 §5 before
    /// disclosing it).
    #[payload(child_text)]
    pub os: Option<String>,
    /// What was kept as it came: elements and attributes this model does
    /// not know, a part that could not be read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in [`unknown`](SoftwareVersion::unknown) could
    /// not be read. Empty for a valid answer and for one built here.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl SoftwareVersion {
    /// The answer naming the software and its version, without the
    /// operating system.
    pub fn new(name: impl Into<String>, version: impl Into<String>) -> Self {
        SoftwareVersion {
            name: name.into(),
            version: version.into(),
            os: None,
            unknown: Unknown::new(),
            malformed: Vec::new(),
        }
    }

    /// Sets the operating system.
    pub fn with_os(mut self, os: impl Into<String>) -> Self {
        self.os = Some(os.into());
        self
    }

    /// An iq `get` carrying the request, with id `id`; add the address
    /// with [`Iq::with_to`].
    pub fn request(id: impl Into<String>) -> Iq {
        Iq::get(id, &VersionRequest)
    }

    /// Whether `iq` asks for the software version: an iq `get` whose
    /// payload is a `<query/>` in `jabber:iq:version`.
    pub fn is_request(iq: &Iq) -> bool {
        matches!(&iq.kind, IqKind::Get(payload) if VersionRequest::is_mine(payload))
    }

    /// The `result` answering `iq` with this version, if `iq` asks for it
    /// ([`SoftwareVersion::is_request`]); `None` for any other iq.
    pub fn answer(&self, iq: &Iq) -> Option<Iq> {
        SoftwareVersion::is_request(iq).then(|| iq.reply_result(self))
    }
}
