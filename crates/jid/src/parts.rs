//! The three parts of an address as validated values of their own, for
//! building addresses without reparsing.

use std::fmt;

use crate::error::Error;
use crate::parse;

macro_rules! part {
    ($(#[$doc:meta])* $name:ident, $prepare:path, $example:literal, $normalized:literal) => {
        $(#[$doc])*
        ///
        /// ```
        #[doc = concat!("let part = jabber_jid::", stringify!($name), "::new(", stringify!($example), ")?;")]
        #[doc = concat!("assert_eq!(part.as_str(), ", stringify!($normalized), ");")]
        /// # Ok::<(), jabber_jid::Error>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Prepares and validates the part.
            pub fn new(s: &str) -> Result<Self, Error> {
                Ok($name($prepare(s)?.into_owned()))
            }

            /// The normalized part.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The normalized part, owned.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                $name::new(s)
            }
        }
    };
}

part!(
    /// A localpart prepared with Nodeprep (RFC 6122 Appendix A).
    NodePart, parse::prepare_node, "Juliet", "juliet"
);
part!(
    /// A domainpart prepared as RFC 7622 §3.2 says (IDNA2008 through UTS #46,
    /// or an IP literal).
    DomainPart, parse::prepare_domain, "Example.COM.", "example.com"
);
part!(
    /// A resourcepart prepared with Resourceprep (RFC 6122 Appendix B).
    ResourcePart, parse::prepare_resource, "Balcony", "Balcony"
);
