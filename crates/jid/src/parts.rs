//! The three parts of an address as validated values of their own, for
//! building addresses without reparsing.

use std::fmt;

use crate::error::Error;
use crate::parse;
use crate::prep::Form;

macro_rules! part {
    (
        $(#[$doc:meta])* $name:ident, $prepare:path, $example:literal, $normalized:literal,
        new: $(#[$new_doc:meta])*,
        stored: $(#[$stored_doc:meta])*
    ) => {
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
            /// Prepares and validates the part, as received from a peer.
            $(#[$new_doc])*
            pub fn new(s: &str) -> Result<Self, Error> {
                Ok($name($prepare(s, Form::Query)?.into_owned()))
            }

            /// Prepares and validates the part as a stored string (RFC 3454
            /// §7), for an identifier being created.
            $(#[$stored_doc])*
            pub fn new_stored(s: &str) -> Result<Self, Error> {
                Ok($name($prepare(s, Form::Stored)?.into_owned()))
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
    NodePart, parse::prepare_node, "Juliet", "juliet",
    new:
    ///
    /// A query (RFC 3454 §7): code points unassigned in Unicode 3.2 are
    /// allowed and kept as they are. See [`NodePart::new_stored`] for a
    /// localpart being registered.
    ,
    stored:
    ///
    /// For the username of an account being registered: a code point
    /// unassigned in Unicode 3.2 is [`Error::Unassigned`].
);
part!(
    /// A domainpart prepared as RFC 7622 §3.2 says (IDNA2008 through UTS #46,
    /// or an IP literal).
    DomainPart, parse::prepare_domain, "Example.COM.", "example.com",
    new:
    ///
    /// IDNA2008 has one rule for lookup and registration: code points
    /// unassigned in the Unicode version of the `idna` crate's tables are
    /// refused ([`IdnaErrorKind::DisallowedCharacter`](crate::IdnaErrorKind::DisallowedCharacter)),
    /// those unassigned in Unicode 3.2 only (such as emoji) are as UTS #46
    /// says.
    ,
    stored:
    ///
    /// The same as [`DomainPart::new`]: IDNA2008 has one rule for lookup
    /// and registration.
);
part!(
    /// A resourcepart prepared with Resourceprep (RFC 6122 Appendix B).
    ResourcePart, parse::prepare_resource, "Balcony", "Balcony",
    new:
    ///
    /// A query (RFC 3454 §7): code points unassigned in Unicode 3.2, such
    /// as emoji, are allowed and kept as they are. See
    /// [`ResourcePart::new_stored`] for a resourcepart being registered.
    ,
    stored:
    ///
    /// For a nickname being registered (and kept): a code point unassigned
    /// in Unicode 3.2, such as an emoji, is [`Error::Unassigned`].
);
