//! XEP-0115 Entity Capabilities: every example, the worked generation
//! examples of §5.2 and §5.3 byte for byte, every hash function, the
//! processing rules of §5.4, the legacy format, and the verification
//! string's independence of the order of the result.

mod common;

use std::fmt::Debug;

use common::{Walk, elided, exception, in_namespace, round_trip};
use jabber_ext::caps::{self, Caps, CapsCache, CapsError, Hash, notify_feature};
use jabber_ext::disco::{Identity, InfoQuery, InfoResult, Responder};
use jabber_ext::forms::{DataForm, Field, FieldType, FormKind};
use jabber_ext::ns;
use jabber_stanza::{Error, Payload, Value};
use jabber_stream::Element;
use proptest::prelude::*;

fn xml(s: &str) -> Element {
    s.parse().unwrap()
}

fn info(s: &str) -> InfoResult {
    InfoResult::parse(&xml(s)).unwrap()
}

/// Parses `element` as `P`: an elision is an exception, anything else
/// malformed a failure; then the round trip.
fn read<P: Payload + PartialEq + Debug>(element: &Element, malformed: fn(&P) -> &[Error]) -> Result<P, String> {
    let parsed = P::parse(element).map_err(|e| format!("<{}/>: {e}", element.name()))?;
    if elided(malformed(&parsed)) {
        return Err(exception("children elided with '...'"));
    }
    if !malformed(&parsed).is_empty() {
        return Err(format!("malformed: {:?}", malformed(&parsed)));
    }
    round_trip::<P>(element)
}

/// Every example: each `<c/>` and each disco payload parses (as the type
/// of its iq), with nothing malformed, and round-trips.
#[test]
fn every_example() {
    let walk = Walk::run("0115", |_, element| {
        let mut count = 0;
        for c in in_namespace(element, ns::CAPS) {
            let caps: Caps = round_trip(c)?;
            if !caps.unknown.is_empty() {
                return Err(format!("unknown: {:?}", caps.unknown));
            }
            count += 1;
        }
        let result = element.attr("type") == Some("result");
        for query in in_namespace(element, ns::DISCO_INFO) {
            if result {
                read::<InfoResult>(query, |p| &p.malformed)?;
            } else {
                read::<InfoQuery>(query, |p| &p.malformed)?;
            }
            count += 1;
        }
        Ok(count)
    });
    assert_eq!(walk.examples, 9);
    // 7 and 9: features elided with '...'.
    walk.assert_exceptions(&[7, 9]);
    // Examples 1, 2 and 5: a <c/> each; 3, 4, 6, 8: a disco payload each.
    assert_eq!(walk.payloads, 7);
}

fn example(n: usize) -> Element {
    common::elements(&common::examples("0115")[n - 1].text).unwrap().remove(0)
}

fn caps_of(n: usize) -> Caps {
    Caps::parse(in_namespace(&example(n), ns::CAPS)[0]).unwrap()
}

/// XEP-0115 §1.2 (How It Works): Romeo's disco#info result, the input of
/// the simple generation example of §5.2.
const ROMEO: &str = "<query xmlns='http://jabber.org/protocol/disco#info'
         node='http://code.google.com/p/exodus#QgayPKawpkPSDYmwT/WM94uAlu0='>
    <identity category='client' name='Exodus 0.9.1' type='pc'/>
    <feature var='http://jabber.org/protocol/caps'/>
    <feature var='http://jabber.org/protocol/disco#info'/>
    <feature var='http://jabber.org/protocol/disco#items'/>
    <feature var='http://jabber.org/protocol/muc'/>
  </query>";

/// XEP-0115 §5.3: the complex generation example's disco#info result.
const BENVOLIO: &str = "<query xmlns='http://jabber.org/protocol/disco#info'
         node='http://psi-im.org#q07IKJEyjvHSyhy//CH0CxmKi8w='>
    <identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>
    <identity xml:lang='el' category='client' name='&#936; 0.11' type='pc'/>
    <feature var='http://jabber.org/protocol/caps'/>
    <feature var='http://jabber.org/protocol/disco#info'/>
    <feature var='http://jabber.org/protocol/disco#items'/>
    <feature var='http://jabber.org/protocol/muc'/>
    <x xmlns='jabber:x:data' type='result'>
      <field var='FORM_TYPE' type='hidden'>
        <value>urn:xmpp:dataforms:softwareinfo</value>
      </field>
      <field var='ip_version' type='text-multi' >
        <value>ipv4</value>
        <value>ipv6</value>
      </field>
      <field var='os'>
        <value>Mac</value>
      </field>
      <field var='os_version'>
        <value>10.5.1</value>
      </field>
      <field var='software'>
        <value>Psi</value>
      </field>
      <field var='software_version'>
        <value>0.11</value>
      </field>
    </x>
  </query>";

/// XEP-0115 §5.2, the simple generation example, byte for byte; the `<c/>`
/// of Example 1 verifies against it, and Example 3 asks its node.
#[test]
fn simple_generation_example() {
    let romeo = info(ROMEO);
    let s = caps::verification_string(&romeo).unwrap();
    assert_eq!(
        s,
        "client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<\
         http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<"
    );
    assert_eq!(caps::ver(&romeo, &Hash::Sha1).unwrap(), "QgayPKawpkPSDYmwT/WM94uAlu0=");

    // Example 1: the presence with caps.
    let c = caps_of(1);
    assert_eq!(c.hash, Some(Hash::Sha1));
    assert_eq!(c.node, "http://code.google.com/p/exodus");
    assert_eq!(c.ver, "QgayPKawpkPSDYmwT/WM94uAlu0=");
    assert!(!c.is_legacy());
    assert_eq!(c.verify(&romeo), Ok(()));
    // Example 3: the disco#info request for it.
    let query = InfoQuery::parse(in_namespace(&example(3), ns::DISCO_INFO)[0]).unwrap();
    assert_eq!(query, c.info_query());
    assert_eq!(romeo.node, query.node);

    // The generating side: the same <c/>, attributes in the XEP's order.
    let own = Caps::advertise("http://code.google.com/p/exodus", &romeo).unwrap();
    assert_eq!(own, c);
    assert_eq!(
        own.to_element().to_string(),
        "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='http://code.google.com/p/exodus' \
         ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>"
    );
}

/// XEP-0115 §5.3, the complex generation example, byte for byte: two
/// identities sorted by `xml:lang`, a XEP-0128 form whose fields are sorted
/// by `var` and whose FORM_TYPE is not a field of S. (The XEP renders the
/// spaces of "Psi 0.11" in S as non-breaking; the result it shows hashes
/// the ordinary space of its XML, which is what is read here.)
#[test]
fn complex_generation_example() {
    let benvolio = info(BENVOLIO);
    assert_eq!(
        caps::verification_string(&benvolio).unwrap(),
        "client/pc/el/\u{3a8} 0.11<client/pc/en/Psi 0.11<http://jabber.org/protocol/caps<\
         http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<\
         http://jabber.org/protocol/muc<urn:xmpp:dataforms:softwareinfo<\
         ip_version<ipv4<ipv6<os<Mac<os_version<10.5.1<software<Psi<software_version<0.11<"
    );
    assert_eq!(caps::ver(&benvolio, &Hash::Sha1).unwrap(), "q07IKJEyjvHSyhy//CH0CxmKi8w=");
    // §1.2: Benvolio's presence.
    let c = xml("<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='http://psi-im.org' \
                 ver='q07IKJEyjvHSyhy//CH0CxmKi8w='/>");
    let c = Caps::parse(&c).unwrap();
    assert_eq!(c.verify(&benvolio), Ok(()));
    assert_eq!(c.disco_node(), benvolio.node.unwrap());
}

/// Every hash function supported: the `ver` of the §5.2 input with each,
/// checked against an independent implementation (Python's hashlib), and
/// a `<c/>` made with each verifies.
#[test]
fn every_hash_function() {
    let romeo = info(ROMEO);
    let expected = [
        (Hash::Sha1, "QgayPKawpkPSDYmwT/WM94uAlu0="),
        (Hash::Sha224, "eRTRaZXdg2D07A6LJ66hyY2s7f5jZLiTkgLEvA=="),
        (Hash::Sha256, "Wr6IGEKhx6b9627gBmi/cCmpxXBc/GYq5zWuYfWGWoc="),
        (Hash::Sha384, "Nf8JigpWSRF8x8Bvhy7Vzz09f1ZRpn+UWA1rfZ+HYBW+bUsD7RZWpWzMwUIPRIvP"),
        (Hash::Sha512, "fRSVSbrOODMrPDQyHoSWoR+RemysUcEeGGhMh+kl/hGp9UrJxyDnrh9BymsL57Am/eToRZ/T4s6QBqeC6LVmoQ=="),
        (Hash::Md5, "65KLdMRhWsklTPilUQXwGw=="),
    ];
    assert_eq!(expected.len(), Hash::SUPPORTED.len());
    for (hash, ver) in expected {
        assert!(hash.is_supported());
        assert_eq!(caps::ver(&romeo, &hash).unwrap(), ver, "{hash:?}");
        let c = Caps::advertise_with("urn:example", hash.clone(), &romeo).unwrap();
        let c = Caps::parse(&c.to_element()).unwrap();
        assert_eq!(c.hash, Some(hash));
        assert_eq!(c.verify(&romeo), Ok(()));
    }
    // The attribute values are the IANA names.
    let names: Vec<String> = Hash::SUPPORTED.iter().map(|h| h.to_value().into_owned()).collect();
    assert_eq!(names, ["sha-1", "sha-224", "sha-256", "sha-384", "sha-512", "md5"]);
}

/// XEP-0115 Examples 3 and 4 do not agree: the result of Example 4 (no
/// name, no caps feature) is not what `QgayPK...` stands for, so it is
/// not verified (§5.4 step 3.9); Example 2's recomputed `ver` has no
/// result in the XEP.
#[test]
fn example_4_does_not_verify_example_1() {
    let result = InfoResult::parse(in_namespace(&example(4), ns::DISCO_INFO)[0]).unwrap();
    assert_eq!(
        caps_of(1).verify(&result),
        Err(CapsError::Mismatch {
            received: "QgayPKawpkPSDYmwT/WM94uAlu0=".into(),
            computed: "tVNsbgGAIor+Bf4SfvUzGLEOJj0=".into()
        })
    );
    assert_eq!(caps_of(2).ver, "66/0NaeaBKkwk85efJTGmU47vXI=");
}

/// XEP-0115 Example 5: a server's caps in its stream features.
#[test]
fn example_5_stream_feature() {
    let c: Caps = round_trip(in_namespace(&example(5), ns::CAPS)[0]).unwrap();
    assert_eq!(c.node, "http://jabberd.org");
    assert_eq!(c.ver, "ItBTI0XLDFvVxZ72NQElAzKS9sU=");
}

/// XEP-0163 Examples 4 and 5 (`+notify` interests in caps): the result
/// names the interests; its `ver` is not the one of Example 4, which the
/// XEP took from elsewhere.
#[test]
fn notify_interests() {
    let text = &common::examples("0163")[4].text;
    let result = InfoResult::parse(in_namespace(&common::elements(text).unwrap()[0], ns::DISCO_INFO)[0]).unwrap();
    let interests: Vec<&str> = result.notify_namespaces().collect();
    assert_eq!(interests, ["http://jabber.org/protocol/geoloc", "http://jabber.org/protocol/tune"]);
    assert!(result.wants_notifications("http://jabber.org/protocol/tune"));
    assert!(!result.wants_notifications("http://jabber.org/protocol/mood"));
    assert_eq!(caps::ver(&result, &Hash::Sha1).unwrap(), "8sCKWRVwQ8QGlHElneJtW2POoFA=");

    // Building one's own: a feature and its +notify.
    let own = InfoResult::new()
        .with_identity(Identity::new("client", "pc"))
        .with_feature("http://jabber.org/protocol/tune")
        .with_notify("http://jabber.org/protocol/tune");
    assert_eq!(own.features, ["http://jabber.org/protocol/tune", "http://jabber.org/protocol/tune+notify"]);
    assert_eq!(notify_feature("urn:xmpp:avatar:metadata"), "urn:xmpp:avatar:metadata+notify");
}

/// §5.1 note: `&lt;` in a name is four characters of S, never `<`; an
/// escaped `<` in the XML is the character `<`.
#[test]
fn lt_stays_literal() {
    let literal = info(
        "<query xmlns='http://jabber.org/protocol/disco#info'>\
         <identity category='client' type='pc' name='SomeClient&amp;lt;http://jabber.org/protocol/muc'/></query>",
    );
    assert_eq!(
        caps::verification_string(&literal).unwrap(),
        "client/pc//SomeClient&lt;http://jabber.org/protocol/muc<"
    );
    let escaped = info(
        "<query xmlns='http://jabber.org/protocol/disco#info'>\
         <identity category='client' type='pc' name='SomeClient&lt;http://jabber.org/protocol/muc'/></query>",
    );
    assert_eq!(caps::verification_string(&escaped).unwrap(), "client/pc//SomeClient<http://jabber.org/protocol/muc<");
    assert_ne!(caps::ver(&literal, &Hash::Sha1), caps::ver(&escaped, &Hash::Sha1));
}

fn romeo_caps() -> Caps {
    Caps::parse(&xml("<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='http://code.google.com/p/exodus' \
                      ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>"))
    .unwrap()
}

/// §5.4 step 1: without `hash`, the legacy format, not verified.
#[test]
fn error_legacy() {
    let c = Caps { hash: None, ..romeo_caps() };
    assert_eq!(c.verify(&info(ROMEO)), Err(CapsError::Legacy));
}

/// §5.4 step 2: a hash function not supported here.
#[test]
fn error_unsupported_hash() {
    let c = Caps::parse(&xml("<c xmlns='http://jabber.org/protocol/caps' hash='md2' node='n' ver='v'/>")).unwrap();
    assert_eq!(c.hash, Some(Hash::Other("md2".into())));
    assert_eq!(c.verify(&info(ROMEO)), Err(CapsError::UnsupportedHash { hash: "md2".into() }));
    assert_eq!(
        caps::ver(&info(ROMEO), &Hash::Other("shake128".into())),
        Err(CapsError::UnsupportedHash { hash: "shake128".into() })
    );
}

/// A result that could not be read whole has no `ver`.
#[test]
fn error_malformed() {
    let broken = info(
        "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='client'/>\
         <feature var='urn:a'/></query>",
    );
    let Err(CapsError::Malformed { errors }) = caps::verification_string(&broken) else { panic!() };
    assert!(matches!(errors[..], [Error::MissingAttribute { element: "identity", attribute: "type" }]));
    // A form with a field that cannot be read.
    let mut romeo = info(ROMEO);
    romeo.forms.push(
        DataForm::parse(&xml("<x xmlns='jabber:x:data' type='result'><field type='hidden' var='FORM_TYPE'>\
             <value>urn:a</value></field><field><value>1</value><value><b/></value></field></x>"))
        .unwrap(),
    );
    assert!(matches!(caps::verification_string(&romeo), Err(CapsError::Malformed { .. })), "{:?}", romeo.forms);
}

/// What is malformed but loses nothing the hash reads does not spoil the
/// result: stray text (XEP-0115 Example 7 elides with '...'), an
/// attribute of a feature, a field's broken option.
#[test]
fn harmless_reports_do_not_spoil_the_result() {
    let text = &common::examples("0115")[6].text;
    let elided = InfoResult::parse(in_namespace(&common::elements(text).unwrap()[0], ns::DISCO_INFO)[0]).unwrap();
    assert_eq!(elided.malformed.len(), 1); // the two pieces of stray text, reported together
    assert!(elided.lost_parts().is_empty());
    assert_eq!(caps::verification_string(&elided).unwrap(), "http://jabber.org/protocol/caps<");
    let odd = info(
        "<query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:a' extra='1'/>\
         <x xmlns='jabber:x:data' type='result'><field type='hidden' var='FORM_TYPE'><value>urn:f</value></field>\
         <field var='v'><option/><value>1</value></field></x></query>",
    );
    assert!(!odd.malformed.is_empty() || !odd.forms[0].fields[1].malformed.is_empty());
    assert_eq!(caps::verification_string(&odd).unwrap(), "urn:a<urn:f<v<1<");
}

/// §5.4 step 3.3: the same identity twice.
#[test]
fn error_duplicate_identity() {
    let twice = info(ROMEO).with_identity(Identity::new("client", "pc").with_name("Exodus 0.9.1"));
    assert_eq!(
        romeo_caps().verify(&twice),
        Err(CapsError::DuplicateIdentity {
            category: "client".into(),
            kind: "pc".into(),
            lang: String::new(),
            name: "Exodus 0.9.1".into()
        })
    );
}

/// §5.4 step 3.4: the same feature twice (read from XML: the builder adds a
/// feature once).
#[test]
fn error_duplicate_feature() {
    let mut twice = info(ROMEO);
    twice.features.push("http://jabber.org/protocol/muc".into());
    assert_eq!(
        romeo_caps().verify(&twice),
        Err(CapsError::DuplicateFeature { var: "http://jabber.org/protocol/muc".into() })
    );
}

fn typed_form(form_type: &str) -> DataForm {
    DataForm::new(FormKind::Result).with_form_type(form_type)
}

/// §5.4 step 3.5: two forms of one FORM_TYPE.
#[test]
fn error_duplicate_form_type() {
    let twice = info(BENVOLIO).with_form(typed_form("urn:xmpp:dataforms:softwareinfo"));
    assert_eq!(
        caps::verification_string(&twice),
        Err(CapsError::DuplicateFormType { form_type: "urn:xmpp:dataforms:softwareinfo".into() })
    );
}

/// §5.4 step 3.5: a FORM_TYPE with several different values.
#[test]
fn error_several_form_type_values() {
    let form = DataForm::new(FormKind::Result).with_field(Field::form_type("urn:a").with_value("urn:b"));
    assert_eq!(
        caps::verification_string(&info(ROMEO).with_form(form)),
        Err(CapsError::SeveralFormTypeValues { values: vec!["urn:a".into(), "urn:b".into()] })
    );
    // The same value twice is one value.
    let form = DataForm::new(FormKind::Result).with_field(Field::form_type("urn:a").with_value("urn:a"));
    assert!(caps::verification_string(&info(ROMEO).with_form(form)).is_ok());
}

/// §5.4 step 3.9: a `ver` the result does not give.
#[test]
fn error_mismatch() {
    let fewer = info(ROMEO);
    let fewer = InfoResult { features: fewer.features[1..].to_vec(), ..fewer };
    let Err(CapsError::Mismatch { received, computed }) = romeo_caps().verify(&fewer) else { panic!() };
    assert_eq!(received, "QgayPKawpkPSDYmwT/WM94uAlu0=");
    assert_eq!(computed, caps::ver(&fewer, &Hash::Sha1).unwrap());
}

/// §5.4 step 3.6: a form without FORM_TYPE, or whose FORM_TYPE is not
/// hidden, is ignored and the rest processed.
#[test]
fn forms_without_hidden_form_type_are_ignored() {
    let plain = DataForm::new(FormKind::Result).with_field(Field::new("os", FieldType::TextSingle).with_value("Mac"));
    let visible = DataForm::new(FormKind::Result)
        .with_field(Field::new("FORM_TYPE", FieldType::TextSingle).with_value("urn:visible"))
        .with_field(Field::new("os", FieldType::TextSingle).with_value("Mac"));
    let romeo = info(ROMEO).with_form(plain).with_form(visible);
    assert_eq!(romeo_caps().verify(&romeo), Ok(()));
}

/// Checks go by meaning: a `ver` with whitespace in it is the same bytes.
#[test]
fn ver_compared_as_bytes() {
    let c = Caps { ver: "QgayPKawpkPSDYmw T/WM94uAlu0=".into(), ..romeo_caps() };
    assert_eq!(c.verify(&info(ROMEO)), Ok(()));
}

/// The legacy format (§7): no `hash`, `ver` a version, `ext` bundles, each
/// a node to ask.
#[test]
fn legacy_format() {
    let c = Caps::parse(&xml(
        "<c xmlns='http://jabber.org/protocol/caps' node='http://psi-im.org/caps' ver='0.11' ext='cs ep-notify html'/>",
    ))
    .unwrap();
    assert!(c.is_legacy());
    assert_eq!(c.ext_names().collect::<Vec<_>>(), ["cs", "ep-notify", "html"]);
    assert_eq!(
        c.legacy_nodes(),
        [
            "http://psi-im.org/caps#0.11",
            "http://psi-im.org/caps#cs",
            "http://psi-im.org/caps#ep-notify",
            "http://psi-im.org/caps#html"
        ]
    );
    assert_eq!(Caps::parse(&c.to_element()).unwrap(), c);
    // `node` and `ver` are required in both formats.
    assert!(Caps::parse(&xml("<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' ver='x'/>")).is_err());
    assert!(Caps::parse(&xml("<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='x'/>")).is_err());
}

/// A client's own caps: the responder makes the `<c/>` of what it answers,
/// and answers `node#ver` with the same result.
#[test]
fn responder_advertises_its_caps() {
    let romeo = info(ROMEO);
    let mut responder = Responder::new(InfoResult { node: None, ..romeo.clone() });
    let c = responder.advertise_caps("http://code.google.com/p/exodus").unwrap();
    assert_eq!(c.ver, "QgayPKawpkPSDYmwT/WM94uAlu0=");
    let answer = responder.info(&c.info_query()).unwrap();
    assert_eq!(answer, romeo);
    assert_eq!(c.verify(&answer), Ok(()));
    // The info lacks disco#info: the responder adds it, and the ver says so.
    let mut bare = Responder::new(InfoResult::new().with_identity(Identity::new("client", "bot")));
    let c = bare.advertise_caps("urn:example:bot").unwrap();
    assert_eq!(
        caps::verification_string(&bare.info(&c.info_query()).unwrap()).unwrap(),
        format!("client/bot//<{}<", ns::DISCO_INFO)
    );
}

/// The cache keeps verified results only.
#[test]
fn cache() {
    let mut cache = CapsCache::new();
    let c = romeo_caps();
    assert_eq!(cache.get(&c), None);
    assert!(matches!(cache.insert(&c, InfoResult::new()), Err(CapsError::Mismatch { .. })));
    assert!(cache.is_empty());
    cache.insert(&c, info(ROMEO)).unwrap();
    assert_eq!(cache.len(), 1);
    assert_eq!(cache.get(&c).unwrap().features.len(), 4);
    assert_eq!(cache.get(&c).unwrap().node, None);
    // Another hash function with the same ver is another entry.
    assert_eq!(cache.get(&Caps { hash: Some(Hash::Md5), ..c.clone() }), None);
    assert_eq!(cache.insert(&Caps { hash: None, ..c }, info(ROMEO)), Err(CapsError::Legacy));
}

/// A small deterministic generator for shuffling.
fn shuffle<T>(items: &mut [T], seed: &mut u64) {
    for i in (1..items.len()).rev() {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let j = (*seed >> 33) as usize % (i + 1);
        items.swap(i, j);
    }
}

/// Reorders every list in `info`: identities, features, forms, fields, values.
fn reorder(mut info: InfoResult, mut seed: u64) -> InfoResult {
    shuffle(&mut info.identities, &mut seed);
    shuffle(&mut info.features, &mut seed);
    shuffle(&mut info.forms, &mut seed);
    for form in &mut info.forms {
        shuffle(&mut form.fields, &mut seed);
        for field in &mut form.fields {
            shuffle(&mut field.values, &mut seed);
        }
    }
    info
}

/// Text with the characters the algorithm cares about: `<`, `/`, non-ASCII.
fn text() -> impl Strategy<Value = String> {
    "[a-c</é:#]{0,4}"
}

prop_compose! {
    fn results()(
        identities in prop::collection::btree_set(
            (text(), text(), prop::option::of("[a-z]{2}"), text()), 0..5),
        features in prop::collection::btree_set(text(), 0..8),
        forms in prop::collection::btree_map(
            text(),
            prop::collection::vec((text(), prop::collection::vec(text(), 0..3)), 0..4),
            0..3),
    ) -> InfoResult {
        let mut info = InfoResult::new();
        // Unique by what S holds: an absent name is an empty one.
        for (category, kind, lang, name) in identities {
            let name = (!name.is_empty()).then_some(name);
            info.identities.push(jabber_ext::disco::Identity { category, kind, name, lang });
        }
        info.features = features.into_iter().collect();
        for (form_type, fields) in forms {
            let mut form = DataForm::new(FormKind::Result).with_form_type(form_type);
            for (var, values) in fields {
                form.fields.push(Field { var: Some(var), values, ..Field::default() });
            }
            info.forms.push(form);
        }
        info
    }
}

proptest! {
    /// The verification string (and so every `ver`) does not depend on the
    /// order of identities, features, forms, fields or values.
    #[test]
    fn verification_string_is_independent_of_order(info in results(), seed in any::<u64>()) {
        let s = caps::verification_string(&info).unwrap();
        let reordered = reorder(info.clone(), seed);
        prop_assert_eq!(caps::verification_string(&reordered).unwrap(), s);
        // And of a trip through XML.
        let reread = InfoResult::parse(&reordered.to_element()).unwrap();
        prop_assert_eq!(caps::ver(&reread, &Hash::Sha1).unwrap(), caps::ver(&info, &Hash::Sha1).unwrap());
    }
}
