//! XEP-0115: Entity Capabilities, version 1.6.0.
//!
//! An entity advertises what it can do in its presence (or a server in its
//! stream features) with `<c xmlns='http://jabber.org/protocol/caps'
//! hash='sha-1' node='..' ver='..'/>` ([`Caps`], §4): `ver` is the hash of
//! its `disco#info` result (the verification string, §5.1), so a receiver
//! asks `node#ver` once and caches the answer for every entity that sends
//! the same `ver`.
//!
//! - [`verification_string`] is the input S of §5.1 (identities sorted by
//!   category, type and `xml:lang`; features sorted; XEP-0128 forms sorted
//!   by FORM_TYPE, their fields by `var`, their values sorted; every sort by
//!   octets, "i;octet"), and [`ver`] its hash, base64-encoded.
//! - [`Caps::verify`] checks a received `ver` against the `disco#info`
//!   result fetched for it, with the processing rules of §5.4: a result
//!   with two identical identities, two identical features, two forms of one
//!   FORM_TYPE or a FORM_TYPE of several values is ill-formed
//!   ([`CapsError`]); a form without a hidden FORM_TYPE is ignored.
//! - [`Caps::advertise`] (or [`Responder::advertise_caps`], which also
//!   answers the `node#ver` queries) makes an entity's own `<c/>`;
//!   [`InfoResult::with_notify`] declares XEP-0163 `+notify` interests.
//! - [`CapsCache`] keeps results by hash and `ver`, only once verified.
//! - The legacy format (before version 1.4: no `hash`, `ver` a software
//!   version, `ext` naming feature bundles, §7) is read and recognized
//!   ([`Caps::is_legacy`], [`Caps::legacy_nodes`]) but cannot be verified.
//!
//! Hash functions (§8.1, the IANA "Hash Function Textual Names"): `sha-1`
//! (mandatory to implement, and what [`Caps::advertise`] uses), `sha-224`,
//! `sha-256`, `sha-384`, `sha-512` and `md5`, all from RustCrypto. `md5`
//! is broken for collisions and nobody should generate it, but it is in the
//! registry and older entities did send it; verifying it costs one small
//! crate (`md-5`) and saves a `disco#info` round trip per contact, so it
//! is supported. `md2` and `shake*` are not (no entity is known to use
//! them): they read as [`Hash::Other`] and [`Caps::verify`] says
//! [`CapsError::UnsupportedHash`] (§5.4 step 2: ask, do not cache).
//!
//! ```
//! use jabber_ext::caps::{self, Caps, Hash};
//! use jabber_ext::disco::{Identity, InfoResult};
//! use jabber_stanza::Presence;
//!
//! // XEP-0115 §5.2: the simple generation example.
//! let info = InfoResult::new()
//!     .with_identity(Identity::new("client", "pc").with_name("Exodus 0.9.1"))
//!     .with_features([
//!         "http://jabber.org/protocol/disco#info",
//!         "http://jabber.org/protocol/disco#items",
//!         "http://jabber.org/protocol/muc",
//!         "http://jabber.org/protocol/caps",
//!     ]);
//! assert_eq!(
//!     caps::verification_string(&info)?,
//!     "client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<\
//!      http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<"
//! );
//! let own = Caps::advertise("http://code.google.com/p/exodus", &info)?;
//! assert_eq!(own.ver, "QgayPKawpkPSDYmwT/WM94uAlu0=");
//! assert_eq!(own.hash, Some(Hash::Sha1));
//! let mut presence = Presence::new();
//! presence.payloads.push(&own);
//!
//! // A receiver asks node#ver, and checks the answer before caching it.
//! let received: Caps = presence.payload().expect("caps")?;
//! assert_eq!(received.info_query().node.as_deref(), Some("http://code.google.com/p/exodus#QgayPKawpkPSDYmwT/WM94uAlu0="));
//! received.verify(&info)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jabber_stanza::{Error, Payload, Unknown, Value};

use crate::disco::{InfoQuery, InfoResult, Responder};
use crate::form_type::FORM_TYPE;
use crate::forms::{DataForm, Field, FieldType};
use crate::ns;

/// The `hash` attribute: the hash function of `ver` (XEP-0115 §4, §8.1),
/// by its name in the IANA "Hash Function Textual Names" registry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Value)]
pub enum Hash {
    /// `sha-1` (RFC 3174): mandatory to implement (§8.1).
    #[value(name = "sha-1")]
    Sha1,
    /// `sha-224` (RFC 4634).
    #[value(name = "sha-224")]
    Sha224,
    /// `sha-256` (RFC 4634).
    #[value(name = "sha-256")]
    Sha256,
    /// `sha-384` (RFC 4634).
    #[value(name = "sha-384")]
    Sha384,
    /// `sha-512` (RFC 4634).
    #[value(name = "sha-512")]
    Sha512,
    /// `md5` (RFC 1321): verified, never a good choice to generate.
    #[value(name = "md5")]
    Md5,
    /// Another name (`md2`, `shake128`, ...), as it came: not supported here.
    #[value(other)]
    Other(String),
}

impl Hash {
    /// Every hash function supported here, the mandatory one first.
    pub const SUPPORTED: [Hash; 6] = [Hash::Sha1, Hash::Sha224, Hash::Sha256, Hash::Sha384, Hash::Sha512, Hash::Md5];

    /// Whether [`digest`](Hash::digest) can compute this hash.
    pub fn is_supported(&self) -> bool {
        !matches!(self, Hash::Other(_))
    }

    /// The hash of `data`; `None` for a hash function not supported here.
    pub fn digest(&self, data: &[u8]) -> Option<Vec<u8>> {
        use sha2::Digest;
        Some(match self {
            Hash::Sha1 => sha1::Sha1::digest(data).to_vec(),
            Hash::Sha224 => sha2::Sha224::digest(data).to_vec(),
            Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(data).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
            Hash::Md5 => md5::Md5::digest(data).to_vec(),
            Hash::Other(_) => return None,
        })
    }
}

/// `<c xmlns='http://jabber.org/protocol/caps' hash='..' node='..' ver='..'
/// ext='..'/>`: an entity's capabilities, in presence or stream features
/// (XEP-0115 §4, §6.3).
///
/// Strict: `node` and `ver` are required (also in the legacy format, §7);
/// a presence keeps a `<c/>` without them as it came. Attributes this model
/// does not know are kept in `unknown`.
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(name = "c", ns = ns::CAPS)]
pub struct Caps {
    /// `hash`: the hash function of `ver`; absent in the legacy format (§7).
    #[payload(attr)]
    pub hash: Option<Hash>,
    /// `node`: a URI naming the software (its web site, typically).
    #[payload(attr)]
    pub node: String,
    /// `ver`: the verification string (the base64 of the hash), or in the
    /// legacy format the software's version.
    #[payload(attr)]
    pub ver: String,
    /// `ext`: deprecated names of feature bundles, separated by spaces (§4, §7).
    #[payload(attr)]
    pub ext: Option<String>,
    /// What the model does not hold.
    #[payload(unknown)]
    pub unknown: Unknown,
}

/// Why a `disco#info` result cannot vouch for a `ver` (XEP-0115 §5.4), or
/// a `ver` cannot be computed or checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CapsError {
    /// The `<c/>` has no `hash`: the legacy format (§5.4 step 1, §7), whose
    /// `ver` is not a hash and cannot be verified.
    #[error("no hash: the legacy format, which cannot be verified")]
    Legacy,
    /// A hash function not supported here (§5.4 step 2): the result may
    /// be used for this entity only, and not cached by `ver`.
    #[error("the hash function {hash:?} is not supported")]
    UnsupportedHash {
        /// The `hash` attribute.
        hash: String,
    },
    /// Parts of the result could not be read (an identity without a type,
    /// a feature without `var`, a value holding an element: see
    /// [`InfoResult::lost_parts`]): what it says is not known whole, so no
    /// `ver` can be computed from it.
    #[error("the result is malformed: {errors:?}")]
    Malformed {
        /// Why, as the parser reported it.
        errors: Vec<Error>,
    },
    /// Two identities with the same category/type/lang/name (§5.4 step 3.3).
    #[error("the identity {category}/{kind}/{lang}/{name} appears twice")]
    DuplicateIdentity {
        /// `category`.
        category: String,
        /// `type`.
        kind: String,
        /// `xml:lang` (empty when absent).
        lang: String,
        /// `name` (empty when absent).
        name: String,
    },
    /// Two features with the same `var` (§5.4 step 3.4).
    #[error("the feature {var} appears twice")]
    DuplicateFeature {
        /// The `var`.
        var: String,
    },
    /// Two extended information forms of one FORM_TYPE (§5.4 step 3.5).
    #[error("two forms of FORM_TYPE {form_type}")]
    DuplicateFormType {
        /// The FORM_TYPE.
        form_type: String,
    },
    /// A FORM_TYPE field with several different values (§5.4 step 3.5).
    #[error("a FORM_TYPE field with several values: {values:?}")]
    SeveralFormTypeValues {
        /// The values, as they came.
        values: Vec<String>,
    },
    /// The `ver` received is not the one computed from the result (§5.4
    /// step 3.9): do not cache it.
    #[error("ver {received} does not match the result's {computed}")]
    Mismatch {
        /// The `ver` of the `<c/>`.
        received: String,
        /// The `ver` computed from the result.
        computed: String,
    },
}

/// Where the forms of extended information that take part in the hash are
/// found: those with a hidden FORM_TYPE (§5.4 step 3.6 ignores the others),
/// after the checks of step 3.5 on every form with a FORM_TYPE field.
fn extension_forms(info: &InfoResult) -> Result<Vec<(&str, &DataForm)>, CapsError> {
    let mut typed: Vec<(&str, &DataForm)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for form in &info.forms {
        let fields: Vec<&Field> = form.fields.iter().filter(|f| f.var.as_deref() == Some(FORM_TYPE)).collect();
        let Some(first) = fields.first() else { continue };
        let mut values: Vec<&str> = fields.iter().flat_map(|f| f.values.iter().map(String::as_str)).collect();
        values.sort_unstable();
        values.dedup();
        let form_type = match values.as_slice() {
            [] => continue,
            [one] => *one,
            _ => {
                let values = fields.iter().flat_map(|f| f.values.iter().cloned()).collect();
                return Err(CapsError::SeveralFormTypeValues { values });
            }
        };
        if seen.contains(&form_type) {
            return Err(CapsError::DuplicateFormType { form_type: form_type.to_owned() });
        }
        seen.push(form_type);
        if first.kind == Some(FieldType::Hidden) {
            typed.push((form_type, form));
        }
    }
    Ok(typed)
}

/// Whether the result lost no part to a parse error ([`InfoResult::lost_parts`]).
fn check_malformed(info: &InfoResult) -> Result<(), CapsError> {
    let errors: Vec<Error> = info.lost_parts().into_iter().cloned().collect();
    if errors.is_empty() { Ok(()) } else { Err(CapsError::Malformed { errors }) }
}

/// The verification string S of a `disco#info` result before hashing
/// (XEP-0115 §5.1), after the well-formedness checks of §5.4 step 3.
///
/// Identities are sorted by category, type and `xml:lang` (then name) and
/// written `category/type/lang/name<`; features sorted and written `var<`;
/// each form with a hidden FORM_TYPE, sorted by it, writes `FORM_TYPE<`
/// then each other field, sorted by `var`, as `var<` followed by its values
/// sorted, each `value<`. Every sort compares octets ("i;octet", RFC 4790
/// §9.3). Text is used exactly as received: `&lt;` in a name stays the
/// four characters it was decoded from, never `<` (§5.1 note). A field
/// without `var` writes an empty `var`.
///
/// Errors: [`CapsError::Malformed`], [`CapsError::DuplicateIdentity`],
/// [`CapsError::DuplicateFeature`], [`CapsError::DuplicateFormType`],
/// [`CapsError::SeveralFormTypeValues`].
pub fn verification_string(info: &InfoResult) -> Result<String, CapsError> {
    check_malformed(info)?;
    let mut s = String::new();

    let mut identities: Vec<[&str; 4]> = info
        .identities
        .iter()
        .map(|i| [&*i.category, &*i.kind, i.lang.as_deref().unwrap_or_default(), i.name.as_deref().unwrap_or_default()])
        .collect();
    identities.sort_unstable();
    if let Some(pair) = identities.windows(2).find(|w| w[0] == w[1]) {
        let [category, kind, lang, name] = pair[0].map(str::to_owned);
        return Err(CapsError::DuplicateIdentity { category, kind, lang, name });
    }
    for [category, kind, lang, name] in identities {
        for part in [category, "/", kind, "/", lang, "/", name, "<"] {
            s.push_str(part);
        }
    }

    let mut features: Vec<&str> = info.features.iter().map(String::as_str).collect();
    features.sort_unstable();
    if let Some(pair) = features.windows(2).find(|w| w[0] == w[1]) {
        return Err(CapsError::DuplicateFeature { var: pair[0].to_owned() });
    }
    for feature in features {
        s.push_str(feature);
        s.push('<');
    }

    let mut forms = extension_forms(info)?;
    forms.sort_unstable_by_key(|(form_type, _)| *form_type);
    for (form_type, form) in forms {
        s.push_str(form_type);
        s.push('<');
        let mut fields: Vec<(&str, Vec<&str>)> = form
            .fields
            .iter()
            .filter(|f| f.var.as_deref() != Some(FORM_TYPE))
            .map(|f| {
                let mut values: Vec<&str> = f.values.iter().map(String::as_str).collect();
                values.sort_unstable();
                (f.var.as_deref().unwrap_or_default(), values)
            })
            .collect();
        fields.sort_unstable();
        for (var, values) in fields {
            s.push_str(var);
            s.push('<');
            for value in values {
                s.push_str(value);
                s.push('<');
            }
        }
    }
    Ok(s)
}

/// The `ver` of a `disco#info` result with the hash function `hash`
/// (XEP-0115 §5.1): the base64 (RFC 4648 §4, padded, no whitespace) of the
/// hash of the UTF-8 [`verification_string`].
///
/// Errors: those of [`verification_string`], and
/// [`CapsError::UnsupportedHash`].
pub fn ver(info: &InfoResult, hash: &Hash) -> Result<String, CapsError> {
    let s = verification_string(info)?;
    let digest =
        hash.digest(s.as_bytes()).ok_or_else(|| CapsError::UnsupportedHash { hash: hash.to_value().into() })?;
    Ok(STANDARD.encode(digest))
}

impl Caps {
    /// An entity's own `<c/>`, with the mandatory `sha-1` (§6.1): its
    /// software's `node` URI and the `ver` of its `disco#info` result.
    ///
    /// Errors: those of [`verification_string`] (an `info` that
    /// receivers would reject).
    pub fn advertise(node: impl Into<String>, info: &InfoResult) -> Result<Caps, CapsError> {
        Caps::advertise_with(node, Hash::Sha1, info)
    }

    /// An entity's own `<c/>` with the hash function `hash`.
    ///
    /// Errors: those of [`ver`].
    pub fn advertise_with(node: impl Into<String>, hash: Hash, info: &InfoResult) -> Result<Caps, CapsError> {
        let ver = ver(info, &hash)?;
        Ok(Caps { hash: Some(hash), node: node.into(), ver, ext: None, unknown: Unknown::new() })
    }

    /// Whether this is the legacy format (no `hash`, §7): `ver` is not a
    /// verification string.
    pub fn is_legacy(&self) -> bool {
        self.hash.is_none()
    }

    /// The names in `ext`, in order.
    pub fn ext_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.ext.as_deref().unwrap_or_default().split_ascii_whitespace()
    }

    /// The `disco#info` node of this `ver`: `node#ver` (§6.2).
    pub fn disco_node(&self) -> String {
        format!("{}#{}", self.node, self.ver)
    }

    /// The `disco#info` request that learns what this `ver` stands for (§6.2;
    /// send it to the exact JID that sent the `<c/>`).
    pub fn info_query(&self) -> InfoQuery {
        InfoQuery::node(self.disco_node())
    }

    /// The `disco#info` nodes of the legacy format (version 1.3 of the
    /// XEP, §7): `node#ver`, then `node#ext` for each `ext` name. The union
    /// of their results is what the entity supports; nothing can be verified.
    pub fn legacy_nodes(&self) -> Vec<String> {
        std::iter::once(self.disco_node()).chain(self.ext_names().map(|ext| format!("{}#{ext}", self.node))).collect()
    }

    /// Checks that `info` (the `disco#info` result for
    /// [`info_query`](Caps::info_query)) is what this `ver` stands for
    /// (XEP-0115 §5.4): on success the result may be cached for every
    /// entity advertising this `hash` and `ver`.
    ///
    /// Errors: [`CapsError::Legacy`] (no `hash`; use the result for this
    /// entity only), [`CapsError::UnsupportedHash`] (the same), the
    /// ill-formed results of [`verification_string`], and
    /// [`CapsError::Mismatch`] (try another entity with this `ver`). The
    /// `ver`s are compared as the bytes they encode.
    pub fn verify(&self, info: &InfoResult) -> Result<(), CapsError> {
        let hash = self.hash.as_ref().ok_or(CapsError::Legacy)?;
        let computed = ver(info, hash)?;
        let same = computed == self.ver || {
            let received: String = self.ver.chars().filter(|c| !c.is_ascii_whitespace()).collect();
            matches!((STANDARD.decode(received), STANDARD.decode(&computed)), (Ok(a), Ok(b)) if a == b)
        };
        if same { Ok(()) } else { Err(CapsError::Mismatch { received: self.ver.clone(), computed }) }
    }
}

impl Responder {
    /// Advertises this responder's own capabilities: the `<c/>` (with
    /// `sha-1`) of its entity's info, which it then also answers for at
    /// `node#ver` (§6.2). Call it again after changing the info (§6.1:
    /// recompute and send new presence); the earlier `node#ver` stay
    /// answered, for the presences still cached with them.
    ///
    /// Errors: those of [`Caps::advertise`].
    pub fn advertise_caps(&mut self, node: impl Into<String>) -> Result<Caps, CapsError> {
        let info = self.info(&InfoQuery::new()).unwrap_or_default();
        let caps = Caps::advertise(node, &info)?;
        *self = std::mem::take(self).with_node_info(Some(&caps.disco_node()), info);
        Ok(caps)
    }
}

/// The suffix of a XEP-0163 notification interest.
pub const NOTIFY_SUFFIX: &str = "+notify";

/// The feature that asks for XEP-0163 notifications of `namespace`:
/// `namespace+notify` (XEP-0163 §4.3, filtered through entity capabilities).
pub fn notify_feature(namespace: &str) -> String {
    format!("{namespace}{NOTIFY_SUFFIX}")
}

impl InfoResult {
    /// This result with the feature `namespace+notify`: the entity wants
    /// XEP-0163 notifications of that namespace (XEP-0163 §4.3).
    pub fn with_notify(self, namespace: &str) -> Self {
        self.with_feature(notify_feature(namespace))
    }

    /// The namespaces whose XEP-0163 notifications the entity asks for
    /// (its `+notify` features, without the suffix), in order.
    pub fn notify_namespaces(&self) -> impl Iterator<Item = &str> + '_ {
        self.features.iter().filter_map(|f| f.strip_suffix(NOTIFY_SUFFIX))
    }

    /// Whether the entity asks for XEP-0163 notifications of `namespace`.
    pub fn wants_notifications(&self, namespace: &str) -> bool {
        self.notify_namespaces().any(|n| n == namespace)
    }
}

/// What `ver`s stand for, learned once and kept (XEP-0115 §5.4, §8.2):
/// results are stored only once verified, by hash function and `ver`.
#[derive(Debug, Clone, Default)]
pub struct CapsCache {
    entries: HashMap<(Hash, String), InfoResult>,
}

impl CapsCache {
    /// An empty cache.
    pub fn new() -> Self {
        CapsCache::default()
    }

    /// The result known for `caps`' hash and `ver`, if any: no need to ask.
    pub fn get(&self, caps: &Caps) -> Option<&InfoResult> {
        self.entries.get(&(caps.hash.clone()?, caps.ver.clone()))
    }

    /// Verifies `info` against `caps` ([`Caps::verify`]) and keeps it when it
    /// holds (with its node removed: it stands for the `ver`, not a node).
    ///
    /// Errors: those of [`Caps::verify`]; nothing is kept then.
    pub fn insert(&mut self, caps: &Caps, info: InfoResult) -> Result<(), CapsError> {
        caps.verify(&info)?;
        let hash = caps.hash.clone().ok_or(CapsError::Legacy)?;
        self.entries.insert((hash, caps.ver.clone()), InfoResult { node: None, ..info });
        Ok(())
    }

    /// How many results are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disco::Identity;
    use crate::forms::FormKind;

    fn form(form_type_kind: Option<FieldType>, values: &[&str]) -> DataForm {
        let mut field = Field::new(FORM_TYPE, FieldType::Hidden);
        field.kind = form_type_kind;
        field.values = values.iter().map(|v| (*v).to_owned()).collect();
        DataForm::new(FormKind::Result).with_field(field).with_field(Field::new("b", FieldType::TextSingle))
    }

    #[test]
    fn identities_sort_by_category_type_lang_not_by_the_joined_string() {
        // "a-b" < "a/b" as strings of the joined form would put "a-x/..."
        // first; sorting by category puts "a" first.
        let info = InfoResult::new()
            .with_identity(Identity::new("a-x", "t"))
            .with_identity(Identity::new("a", "t").with_lang("en"));
        assert_eq!(verification_string(&info).unwrap(), "a/t/en/<a-x/t//<");
    }

    #[test]
    fn same_identity_in_two_languages_is_not_a_duplicate() {
        let info = InfoResult::new()
            .with_identity(Identity::new("client", "pc").with_name("A").with_lang("en"))
            .with_identity(Identity::new("client", "pc").with_name("A").with_lang("de"));
        assert_eq!(verification_string(&info).unwrap(), "client/pc/de/A<client/pc/en/A<");
    }

    #[test]
    fn forms_without_hidden_form_type_are_ignored() {
        let info = InfoResult::new()
            .with_identity(Identity::new("c", "t"))
            .with_form(form(None, &["urn:a"]))
            .with_form(form(Some(FieldType::TextSingle), &["urn:b"]))
            .with_form(DataForm::new(FormKind::Result).with_field(Field::new("x", FieldType::TextSingle)))
            .with_form(form(Some(FieldType::Hidden), &["urn:c"]));
        assert_eq!(verification_string(&info).unwrap(), "c/t//<urn:c<b<");
    }

    #[test]
    fn form_type_repeated_with_the_same_value_is_one_value() {
        let info = InfoResult::new().with_form(form(Some(FieldType::Hidden), &["urn:a", "urn:a"]));
        assert_eq!(verification_string(&info).unwrap(), "urn:a<b<");
    }

    #[test]
    fn every_supported_hash_has_its_length() {
        let lengths = [20, 28, 32, 48, 64, 16];
        for (hash, len) in Hash::SUPPORTED.iter().zip(lengths) {
            assert_eq!(hash.digest(b"").unwrap().len(), len, "{hash:?}");
        }
        assert_eq!(Hash::Other("md2".into()).digest(b""), None);
    }

    #[test]
    fn known_digests_of_the_empty_string() {
        let b64 = |h: Hash| STANDARD.encode(h.digest(b"").unwrap());
        assert_eq!(b64(Hash::Sha1), "2jmj7l5rSw0yVb/vlWAYkK/YBwk=");
        assert_eq!(b64(Hash::Md5), "1B2M2Y8AsgTpgAmY7PhCfg==");
        assert_eq!(b64(Hash::Sha256), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }
}
