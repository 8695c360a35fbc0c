//! XEP-0390: Entity Capabilities 2.0, version 0.3.2.
//!
//! The successor of XEP-0115 ([`caps`](crate::caps)): an entity sends a
//! Capability Hash Set, `<c xmlns='urn:xmpp:caps'>` holding XEP-0300
//! `<hash xmlns='urn:xmpp:hashes:2' algo='..'>base64</hash>` elements
//! ([`Ecaps2`], [`Hash`](struct@Hash)), each the hash of the same `disco#info` result by
//! a different function, so that hash functions can be replaced without a
//! new protocol.
//!
//! The hash input ([`hash_input`], §2.1) keeps the structure of the
//! result with separator octets that XML 1.0 text cannot hold: each
//! feature `var` followed by 0x1f, sorted, then 0x1c; each identity as
//! `category 0x1f type 0x1f xml:lang 0x1f name 0x1f 0x1e`, sorted, then
//! 0x1c; each field of each XEP-0128 form as `var 0x1f` followed by its
//! values (each followed by 0x1f, sorted) and 0x1e, the fields sorted and
//! followed by 0x1d, the forms sorted and followed by 0x1c. Every sort
//! compares octets ("i;octet"). The FORM_TYPE field is hashed like the
//! others; a result holding anything else, a form with `<reported/>` or
//! `<item/>`, or a form without a proper FORM_TYPE has no hash
//! ([`Ecaps2Error`]).
//!
//! Hash functions: the six XEP-0300 names that the XEP's examples and
//! XEP-0300 recommend: `sha-256`, `sha-512`, `sha3-256`, `sha3-512`,
//! `blake2b-256`, `blake2b-512` (RustCrypto `sha2`, `sha3`, `blake2`).
//! [`Ecaps2::advertise`] uses `sha-256` and `sha3-256`, as the examples do.
//!
//! ```
//! use jabber_ext::disco::{Identity, InfoResult};
//! use jabber_ext::ecaps2::{Algo, Ecaps2};
//! use jabber_stanza::Payload;
//!
//! // XEP-0390 §2.5.1, the simple example, with a few features.
//! let info = InfoResult::new()
//!     .with_identity(Identity::new("client", "mobile").with_name("BombusMod"))
//!     .with_features(["urn:xmpp:ping", "http://jabber.org/protocol/disco#info"]);
//! let own = Ecaps2::advertise(&info)?;
//! assert_eq!(own.hashes[0].algo, Algo::Sha256);
//! assert!(own.hashes[0].node().starts_with("urn:xmpp:caps#sha-256."));
//!
//! // A receiver asks the hash node of one hash, and checks the answer.
//! let received = Ecaps2::parse(&own.to_element())?;
//! let hash = received.preferred().expect("a supported hash");
//! assert_eq!(hash.info_query().node, Some(hash.node()));
//! assert_eq!(received.verify(&info)?, &Algo::Sha256);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jabber_stanza::{Error, Payload, Unknown, Value};
use jabber_stream::ns::XML;

use crate::disco::{InfoQuery, InfoResult, Responder};
use crate::form_type::FORM_TYPE;
use crate::forms::{DataForm, FieldType};
use crate::ns;

/// XEP-0300: `urn:xmpp:hashes:2`, the namespace of `<hash/>`.
pub const HASHES: &str = "urn:xmpp:hashes:2";

/// The prefix of a Capability Hash Node (§2.3).
pub const NODE_PREFIX: &str = "urn:xmpp:caps#";

/// The 0x1f separator (ASCII Unit Separator): after each string.
const US: u8 = 0x1f;
/// The 0x1e separator (ASCII Record Separator): after each identity and field.
const RS: u8 = 0x1e;
/// The 0x1d separator (ASCII Group Separator): after each form.
const GS: u8 = 0x1d;
/// The 0x1c separator (ASCII File Separator): after each part.
const FS: u8 = 0x1c;

/// The `algo` of a `<hash/>`: a hash function by its XEP-0300 name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum Algo {
    /// `sha-256` (FIPS 180-4).
    #[value(name = "sha-256")]
    Sha256,
    /// `sha-512` (FIPS 180-4).
    #[value(name = "sha-512")]
    Sha512,
    /// `sha3-256` (FIPS 202).
    #[value(name = "sha3-256")]
    Sha3_256,
    /// `sha3-512` (FIPS 202).
    #[value(name = "sha3-512")]
    Sha3_512,
    /// `blake2b-256` (RFC 7693).
    #[value(name = "blake2b-256")]
    Blake2b256,
    /// `blake2b-512` (RFC 7693).
    #[value(name = "blake2b-512")]
    Blake2b512,
    /// Another name, as it came (`sha-1`, which XEP-0300 forbids here, or a
    /// future one): not supported here.
    #[value(other)]
    Other(String),
}

impl Algo {
    /// Every hash function supported here.
    pub const SUPPORTED: [Algo; 6] =
        [Algo::Sha256, Algo::Sha512, Algo::Sha3_256, Algo::Sha3_512, Algo::Blake2b256, Algo::Blake2b512];

    /// Whether [`digest`](Algo::digest) can compute this hash.
    pub fn is_supported(&self) -> bool {
        !matches!(self, Algo::Other(_))
    }

    /// The hash of `data`; `None` for a hash function not supported here.
    pub fn digest(&self, data: &[u8]) -> Option<Vec<u8>> {
        use sha2::Digest;
        Some(match self {
            Algo::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Algo::Sha512 => sha2::Sha512::digest(data).to_vec(),
            Algo::Sha3_256 => sha3::Sha3_256::digest(data).to_vec(),
            Algo::Sha3_512 => sha3::Sha3_512::digest(data).to_vec(),
            Algo::Blake2b256 => blake2::Blake2b256::digest(data).to_vec(),
            Algo::Blake2b512 => blake2::Blake2b512::digest(data).to_vec(),
            Algo::Other(_) => return None,
        })
    }
}

/// `<hash xmlns='urn:xmpp:hashes:2' algo='..'>base64</hash>` (XEP-0300): one
/// Capability Hash (§2.2).
///
/// The value is kept as the text it came as; [`bytes`](Hash::bytes)
/// decodes it.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "hash", ns = HASHES)]
pub struct Hash {
    /// `algo`: the hash function.
    #[payload(attr)]
    pub algo: Algo,
    /// The hash value, base64-encoded (RFC 4648 §4).
    #[payload(text)]
    pub value: String,
}

/// `<c xmlns='urn:xmpp:caps'/>`: a Capability Hash Set, in presence, stream
/// features, or a Gratuitous Capabilities `iq` set (XEP-0390 §4).
///
/// Read liberally: a `<hash/>` that cannot be read is kept in `unknown` and
/// reported in `malformed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "c", ns = ns::ECAPS2, set)]
pub struct Ecaps2 {
    /// The hashes (at least one, §6), each of the same `disco#info` result.
    #[payload(child)]
    pub hashes: Vec<Hash>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

/// Why a `disco#info` result has no Capability Hash (XEP-0390 §2.1), or a
/// hash does not verify (§2.4).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Ecaps2Error {
    /// Parts of the result could not be read (an identity without a type,
    /// a feature without `var`, a value holding an element: see
    /// [`InfoResult::lost_parts`]): what it says is not known whole.
    #[error("the result is malformed: {errors:?}")]
    Malformed {
        /// Why, as the parser reported it.
        errors: Vec<Error>,
    },
    /// An element other than `<identity/>`, `<feature/>` and XEP-0128 forms
    /// in the result (§2.1 step 1).
    #[error("the result holds <{name} xmlns='{ns}'/>")]
    UnexpectedElement {
        /// Its local name.
        name: String,
        /// Its namespace.
        ns: String,
    },
    /// A form with `<reported/>` or `<item/>` (§2.1 step 2). `index` is its
    /// place among the forms, from 0.
    #[error("the form at {index} holds a table (<reported/> or <item/>)")]
    TableInForm {
        /// Its place among the forms.
        index: usize,
    },
    /// A form without a `FORM_TYPE` field (§2.1 step 3, XEP-0068).
    #[error("the form at {index} has no FORM_TYPE")]
    NoFormType {
        /// Its place among the forms.
        index: usize,
    },
    /// A `FORM_TYPE` field that is not `hidden` (§2.1 step 3, XEP-0068 §2).
    #[error("the FORM_TYPE of the form at {index} is not hidden")]
    FormTypeNotHidden {
        /// Its place among the forms.
        index: usize,
    },
    /// A `FORM_TYPE` field without exactly one value (§2.1 step 3, XEP-0068 §2).
    #[error("the FORM_TYPE of the form at {index} has {count} values")]
    FormTypeValues {
        /// Its place among the forms.
        index: usize,
        /// How many values it has.
        count: usize,
    },
    /// A hash function not supported here.
    #[error("the hash function {algo:?} is not supported")]
    UnsupportedAlgo {
        /// The `algo`.
        algo: String,
    },
    /// No hash of the set uses a hash function supported here (§2.4 step 1).
    #[error("no hash function of the set is supported")]
    NoSupportedHash,
    /// A hash value that is not base64.
    #[error("the hash value {value:?} is not base64")]
    InvalidBase64 {
        /// The value.
        value: String,
    },
    /// The hash received is not the one computed from the result (§2.4
    /// step 4): do not cache it.
    #[error("the {algo:?} hash {received} does not match the result's {computed}")]
    Mismatch {
        /// The hash function.
        algo: Algo,
        /// The value received.
        received: String,
        /// The value computed.
        computed: String,
    },
}

/// The `xml:lang` of the query element itself, if it has one.
fn query_lang(info: &InfoResult) -> Option<&str> {
    info.unknown.attributes.iter().find(|a| a.ns() == Some(XML) && a.name() == "lang").map(|a| a.value())
}

/// Checks steps 1 to 3 of §2.1 (and that the result was read whole).
fn check(info: &InfoResult) -> Result<(), Ecaps2Error> {
    let errors: Vec<Error> = info.lost_parts().into_iter().cloned().collect();
    if !errors.is_empty() {
        return Err(Ecaps2Error::Malformed { errors });
    }
    if let Some(e) = info.unknown.children.first() {
        return Err(Ecaps2Error::UnexpectedElement { name: e.name().to_owned(), ns: e.ns().to_owned() });
    }
    for (index, form) in info.forms.iter().enumerate() {
        if form.reported.is_some() || !form.items.is_empty() {
            return Err(Ecaps2Error::TableInForm { index });
        }
        let field = form.field(FORM_TYPE).ok_or(Ecaps2Error::NoFormType { index })?;
        if field.kind != Some(FieldType::Hidden) {
            return Err(Ecaps2Error::FormTypeNotHidden { index });
        }
        if field.values.len() != 1 {
            return Err(Ecaps2Error::FormTypeValues { index, count: field.values.len() });
        }
    }
    Ok(())
}

/// Sorts octet strings ("i;octet") and joins them, followed by `end`.
fn join_sorted(mut parts: Vec<Vec<u8>>, end: u8) -> Vec<u8> {
    parts.sort_unstable();
    let mut out = parts.concat();
    out.push(end);
    out
}

/// `text` followed by 0x1f.
fn unit(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 1);
    out.extend_from_slice(text.as_bytes());
    out.push(US);
    out
}

/// The Extensions String part of one form: its fields, sorted, then 0x1d.
fn form_string(form: &DataForm) -> Vec<u8> {
    let fields = form
        .fields
        .iter()
        .map(|field| {
            let mut out = unit(field.var.as_deref().unwrap_or_default());
            let mut values = field.values.iter().map(|v| unit(v)).collect::<Vec<_>>();
            values.sort_unstable();
            out.extend(values.concat());
            out.push(RS);
            out
        })
        .collect();
    join_sorted(fields, GS)
}

/// The hash function input of a `disco#info` result (XEP-0390 §2.1): the
/// Features String, the Identities String and the Extensions String.
///
/// An identity without `xml:lang` takes the query's own `xml:lang`, if it
/// has one; use [`hash_input_in`] to give the language inherited from the
/// `iq` or the stream, which §2.1 says to take into account.
///
/// Errors: [`Ecaps2Error::Malformed`], [`Ecaps2Error::UnexpectedElement`],
/// [`Ecaps2Error::TableInForm`], [`Ecaps2Error::NoFormType`],
/// [`Ecaps2Error::FormTypeNotHidden`], [`Ecaps2Error::FormTypeValues`].
pub fn hash_input(info: &InfoResult) -> Result<Vec<u8>, Ecaps2Error> {
    hash_input_in(info, None)
}

/// [`hash_input`], where an identity without `xml:lang` (in a query
/// without one) is in the language `inherited` (the `iq`'s or the
/// stream's `xml:lang`).
pub fn hash_input_in(info: &InfoResult, inherited: Option<&str>) -> Result<Vec<u8>, Ecaps2Error> {
    check(info)?;
    let lang = query_lang(info).or(inherited).unwrap_or_default();
    let features = join_sorted(info.features.iter().map(|f| unit(f)).collect(), FS);
    let identities = info
        .identities
        .iter()
        .map(|i| {
            let lang = i.lang.as_deref().unwrap_or(lang);
            let name = i.name.as_deref().unwrap_or_default();
            let mut out = [&*i.category, &*i.kind, lang, name].map(unit).concat();
            out.push(RS);
            out
        })
        .collect();
    let identities = join_sorted(identities, FS);
    let extensions = join_sorted(info.forms.iter().map(form_string).collect(), FS);
    Ok([features, identities, extensions].concat())
}

impl Hash {
    /// The Capability Hash of `info` with `algo`.
    ///
    /// Errors: those of [`hash_input`], and [`Ecaps2Error::UnsupportedAlgo`].
    pub fn compute(algo: Algo, info: &InfoResult) -> Result<Hash, Ecaps2Error> {
        Hash::compute_in(algo, info, None)
    }

    /// [`compute`](Hash::compute) with the inherited `xml:lang` of [`hash_input_in`].
    pub fn compute_in(algo: Algo, info: &InfoResult, inherited: Option<&str>) -> Result<Hash, Ecaps2Error> {
        let input = hash_input_in(info, inherited)?;
        let digest =
            algo.digest(&input).ok_or_else(|| Ecaps2Error::UnsupportedAlgo { algo: algo.to_value().into() })?;
        Ok(Hash { algo, value: STANDARD.encode(digest) })
    }

    /// The hash value as bytes (whitespace in the text ignored).
    ///
    /// Errors: [`Ecaps2Error::InvalidBase64`].
    pub fn bytes(&self) -> Result<Vec<u8>, Ecaps2Error> {
        let text: String = self.value.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        STANDARD.decode(text).map_err(|_| Ecaps2Error::InvalidBase64 { value: self.value.clone() })
    }

    /// The Capability Hash Node (§2.3): `urn:xmpp:caps#` `algo` `.` `base64`.
    pub fn node(&self) -> String {
        format!("{NODE_PREFIX}{}.{}", self.algo.to_value(), self.value.trim())
    }

    /// The hash a Capability Hash Node names (§2.3: split at the last `.`,
    /// as a function's name may hold one); `None` for another node.
    pub fn from_node(node: &str) -> Option<Hash> {
        let (algo, value) = node.strip_prefix(NODE_PREFIX)?.rsplit_once('.')?;
        Some(Hash { algo: Algo::from_value(algo).ok()?, value: value.to_owned() })
    }

    /// The `disco#info` request for this hash's node (§4.5).
    pub fn info_query(&self) -> InfoQuery {
        InfoQuery::node(self.node())
    }

    /// Checks that `info` (the answer to [`info_query`](Hash::info_query))
    /// has this hash (§2.4), comparing the bytes the values encode.
    ///
    /// Errors: those of [`compute`](Hash::compute),
    /// [`Ecaps2Error::InvalidBase64`], [`Ecaps2Error::Mismatch`].
    pub fn verify(&self, info: &InfoResult) -> Result<(), Ecaps2Error> {
        self.verify_in(info, None)
    }

    /// [`verify`](Hash::verify) with the inherited `xml:lang` of [`hash_input_in`].
    pub fn verify_in(&self, info: &InfoResult, inherited: Option<&str>) -> Result<(), Ecaps2Error> {
        let computed = Hash::compute_in(self.algo.clone(), info, inherited)?;
        if self.bytes()? == computed.bytes()? {
            Ok(())
        } else {
            Err(Ecaps2Error::Mismatch {
                algo: self.algo.clone(),
                received: self.value.clone(),
                computed: computed.value,
            })
        }
    }
}

impl Ecaps2 {
    /// The Capability Hash Set of `info` with the hash functions `algos`
    /// (§2.2).
    ///
    /// Errors: those of [`Hash::compute`].
    pub fn generate(info: &InfoResult, algos: &[Algo]) -> Result<Ecaps2, Ecaps2Error> {
        let hashes = algos.iter().map(|algo| Hash::compute(algo.clone(), info)).collect::<Result<_, _>>()?;
        Ok(Ecaps2 { hashes, ..Ecaps2::default() })
    }

    /// An entity's own Capability Hash Set, with `sha-256` and `sha3-256`
    /// (as in the XEP's examples).
    ///
    /// Errors: those of [`hash_input`].
    pub fn advertise(info: &InfoResult) -> Result<Ecaps2, Ecaps2Error> {
        Ecaps2::generate(info, &[Algo::Sha256, Algo::Sha3_256])
    }

    /// The first hash whose function is supported here: the one to ask
    /// about and verify.
    pub fn preferred(&self) -> Option<&Hash> {
        self.hashes.iter().find(|h| h.algo.is_supported())
    }

    /// The hash of function `algo`.
    pub fn hash(&self, algo: &Algo) -> Option<&Hash> {
        self.hashes.iter().find(|h| h.algo == *algo)
    }

    /// Verifies the [`preferred`](Ecaps2::preferred) hash against `info`
    /// (§2.4) and says which function it used.
    ///
    /// Errors: [`Ecaps2Error::NoSupportedHash`], and those of [`Hash::verify`].
    pub fn verify(&self, info: &InfoResult) -> Result<&Algo, Ecaps2Error> {
        let hash = self.preferred().ok_or(Ecaps2Error::NoSupportedHash)?;
        hash.verify(info)?;
        Ok(&hash.algo)
    }
}

impl Responder {
    /// Advertises this responder's own capabilities with XEP-0390: the
    /// Capability Hash Set (`sha-256` and `sha3-256`) of its entity's info,
    /// which it then also answers for at each hash node (§6.1).
    ///
    /// Errors: those of [`Ecaps2::advertise`].
    pub fn advertise_ecaps2(&mut self) -> Result<Ecaps2, Ecaps2Error> {
        let info = self.info(&InfoQuery::new()).unwrap_or_default();
        let set = Ecaps2::advertise(&info)?;
        for hash in &set.hashes {
            *self = std::mem::take(self).with_node_info(Some(&hash.node()), info.clone());
        }
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disco::Identity;

    #[test]
    fn hash_node_splits_at_the_last_full_stop() {
        let hash = Hash::from_node("urn:xmpp:caps#sha-256.u79ZroNJbdSWhdSp311mddz44oHHPsEBntQ5b1jqBSY=").unwrap();
        assert_eq!(hash.algo, Algo::Sha256);
        assert_eq!(hash.value, "u79ZroNJbdSWhdSp311mddz44oHHPsEBntQ5b1jqBSY=");
        let dotted = Hash::from_node("urn:xmpp:caps#x.y.AAAA").unwrap();
        assert_eq!(dotted.algo, Algo::Other("x.y".into()));
        assert_eq!(Hash::from_node("http://jabber.org/protocol/commands"), None);
        assert_eq!(Hash::from_node(&dotted.node()), Some(dotted));
    }

    #[test]
    fn every_supported_function_has_its_length() {
        for (algo, len) in Algo::SUPPORTED.iter().zip([32, 64, 32, 64, 32, 64]) {
            assert_eq!(algo.digest(b"").unwrap().len(), len, "{algo:?}");
        }
    }

    #[test]
    fn known_digests_of_the_empty_string() {
        let hex = |a: Algo| a.digest(b"").unwrap().iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(hex(Algo::Sha3_256), "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
        assert_eq!(hex(Algo::Blake2b256), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
    }

    #[test]
    fn inherited_language() {
        let info = InfoResult::new().with_identity(Identity::new("c", "t"));
        assert_eq!(hash_input_in(&info, Some("en")).unwrap(), b"\x1cc\x1ft\x1fen\x1f\x1f\x1e\x1c\x1c");
        assert_eq!(hash_input(&info).unwrap(), b"\x1cc\x1ft\x1f\x1f\x1f\x1e\x1c\x1c");
        let own = InfoResult { identities: vec![Identity::new("c", "t").with_lang("de")], ..info };
        assert_eq!(hash_input_in(&own, Some("en")).unwrap(), b"\x1cc\x1ft\x1fde\x1f\x1f\x1e\x1c\x1c");
    }
}
