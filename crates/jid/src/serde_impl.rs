//! `serde` support (feature `serde`): each type is its normalized string,
//! and deserializing runs the full parser.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, Serializer};

use crate::{BareJid, FullJid, Jid};

macro_rules! serde_string {
    ($($ty:ty),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = String::deserialize(deserializer)?;
                <$ty>::try_from(s).map_err(D::Error::custom)
            }
        }
    )*};
}

serde_string!(Jid, BareJid, FullJid);
