//! XEP-0390 Entity Capabilities 2.0: every example, the hash function input
//! of both worked examples byte for byte (against the XEP's hexdumps), every
//! hash function, every error, and the input's independence of the order
//! of the result.

mod common;

use std::fmt::Debug;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::{Walk, elided, exception, in_namespace, round_trip};
use jabber_ext::disco::{Identity, InfoQuery, InfoResult, Responder};
use jabber_ext::ecaps2::{self, Algo, Ecaps2, Ecaps2Error, HASHES, Hash, hash_input, hash_input_in};
use jabber_ext::forms::{DataForm, Field, FieldType, FormKind, Item, Reported};
use jabber_ext::ns;
use jabber_stanza::{Error, Iq, IqKind, Payload, Value};
use jabber_stream::Element;
use proptest::prelude::*;

fn xml(s: &str) -> Element {
    s.parse().unwrap()
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

/// Every example: each `<c/>` and each disco payload parses (a bare
/// `<query/>` and one in an iq result as a result, one in a get as a
/// request), with nothing malformed, and round-trips.
#[test]
fn every_example() {
    let walk = Walk::run("0390", |_, element| {
        let mut count = 0;
        for c in in_namespace(element, ns::ECAPS2) {
            let set = read::<Ecaps2>(c, |p| &p.malformed)?;
            if !set.unknown.is_empty() || set.hashes.len() != 2 {
                return Err(format!("not two hashes: {set:?}"));
            }
            count += 1;
        }
        let result = element.attr("type") == Some("result") || element.name() == "query";
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
    // 3, 5 and 8: features elided with '...' (Example 4 elides around the
    // <c/>, which reads).
    walk.assert_exceptions(&[3, 5, 8]);
    // 1, 2: a result each; 4, 6, 9: a <c/> each; 7: a <c/>, a request, a result.
    assert_eq!(walk.payloads, 8);
}

fn example(n: usize) -> Vec<Element> {
    common::elements(&common::examples("0390")[n - 1].text).unwrap()
}

fn result_of(n: usize) -> InfoResult {
    InfoResult::parse(&example(n)[0]).unwrap()
}

/// The bytes of the hexdumps in `text` (`hexdump -C` format), one per dump;
/// each dump's closing offset is checked against its length.
fn hexdumps(text: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut tokens = line.split_whitespace();
        let offset = usize::from_str_radix(tokens.next().unwrap(), 16).unwrap();
        assert_eq!(offset, current.len(), "{line}");
        let bytes: Vec<u8> =
            tokens.take_while(|t| !t.starts_with('|')).map(|t| u8::from_str_radix(t, 16).unwrap()).collect();
        if bytes.is_empty() {
            out.push(std::mem::take(&mut current));
        } else {
            current.extend(bytes);
        }
    }
    assert!(current.is_empty(), "a dump without its closing offset");
    out
}

fn hexdump(text: &str) -> Vec<u8> {
    let mut dumps = hexdumps(text);
    assert_eq!(dumps.len(), 1);
    dumps.remove(0)
}

/// XEP-0390 §2.5.1 (Example 1): the simple example, byte for byte, and its
/// hash set.
#[test]
fn simple_example() {
    let info = result_of(1);
    let input = hash_input(&info).unwrap();
    let features = hexdump(SIMPLE_FEATURES);
    let identities = hexdump(SIMPLE_IDENTITIES);
    assert_eq!(input[..features.len()], features[..]);
    assert_eq!(input[features.len()..features.len() + identities.len()], identities[..]);
    // The Extensions String is a lone 0x1c.
    assert_eq!(input, [features, identities, vec![0x1c]].concat());
    assert_eq!(input, hexdump(SIMPLE_INPUT));

    let set = Ecaps2::advertise(&info).unwrap();
    assert_eq!(
        set.hashes,
        [
            Hash { algo: Algo::Sha256, value: "kzBZbkqJ3ADrj7v08reD1qcWUwNGHaidNUgD7nHpiw8=".into() },
            Hash { algo: Algo::Sha3_256, value: "79mdYAfU9rEdTOcWDO7UEAt6E56SUzk/g6TnqUeuD9Q=".into() },
        ]
    );
}

/// XEP-0390 §2.5.2 (Example 2): the complex example, byte for byte: its
/// Features String (given in base64), Identities String, the strings of
/// its fields, its Extensions String, the input, and its hash set.
#[test]
fn complex_example() {
    let info = result_of(2);
    let input = hash_input(&info).unwrap();
    let features = STANDARD.decode(COMPLEX_FEATURES_BASE64.split_whitespace().collect::<String>()).unwrap();
    let identities = hexdump(COMPLEX_IDENTITIES);
    let extensions = hexdump(COMPLEX_EXTENSIONS);
    assert_eq!(input[..features.len()], features[..]);
    assert_eq!(input[features.len()..features.len() + identities.len()], identities[..]);
    assert_eq!(input[features.len() + identities.len()..], extensions[..]);
    assert_eq!(input, hexdump(COMPLEX_INPUT));
    // Each field's string is in the Extensions String ("os" before
    // "os_version", FORM_TYPE first).
    let fields = hexdumps(COMPLEX_FIELDS);
    assert_eq!(fields.len(), 4);
    for field in &fields {
        assert!(extensions.windows(field.len()).any(|w| w == &field[..]), "{:?}", String::from_utf8_lossy(field));
    }
    assert!(extensions.starts_with(&fields[0]));

    // The hash set of the XEP, also in the presence of Example 6.
    let set = Ecaps2::advertise(&info).unwrap();
    assert_eq!(
        set.hashes,
        [
            Hash { algo: Algo::Sha256, value: "u79ZroNJbdSWhdSp311mddz44oHHPsEBntQ5b1jqBSY=".into() },
            Hash { algo: Algo::Sha3_256, value: "XpUJzLAc93258sMECZ3FJpebkzuyNXDzRNwQog8eycg=".into() },
        ]
    );
    let presence = &example(6)[0];
    assert_eq!(Ecaps2::parse(in_namespace(presence, ns::ECAPS2)[0]).unwrap(), set);
}

/// Every hash function supported, on both examples' inputs, checked against
/// an independent implementation (Python's hashlib; the XEP gives sha-256
/// and sha3-256 only).
#[test]
fn every_hash_function() {
    let expected = [
        (Algo::Sha256, "kzBZbkqJ3ADrj7v08reD1qcWUwNGHaidNUgD7nHpiw8=", "u79ZroNJbdSWhdSp311mddz44oHHPsEBntQ5b1jqBSY="),
        (
            Algo::Sha512,
            "Jgf678SaWHEy58b+BvQ0mLKirEmyB36OvtHZXxMN9b0ooGX6iBI+cw97ekAdV9VBzL3g/Z3azzavKWe9oic9Fw==",
            "wIbFhIiq0e6IDudjhlAhnkQ/lCWpdDl5srNSBeog88oAJ5L6QzujTzNTskPuYmUNEgCaJLq0rvKgbL1ufVfEzw==",
        ),
        (
            Algo::Sha3_256,
            "79mdYAfU9rEdTOcWDO7UEAt6E56SUzk/g6TnqUeuD9Q=",
            "XpUJzLAc93258sMECZ3FJpebkzuyNXDzRNwQog8eycg=",
        ),
        (
            Algo::Sha3_512,
            "uZ86Lyuus8v3c8MQY8AqK1m/2qjj4BPaDE65vYblFe4cxQD4XeYVRC5qJZ6bpe89+/GYNMxCLg8KIKMZ79Yzzw==",
            "8NpB8tVC37s8baJng+PChUHPjB0DEIKJJtei35JYfQsaSw4lY9e0JQ+S8Qgvc2hgNOxbtm4cIX9VV1O+iU67Ug==",
        ),
        (
            Algo::Blake2b256,
            "2KmRi7KnEZXxIhhASXGRFad6XmCSjHaCYZiopMSYIoI=",
            "SdxUvqCZDkoqifMjNDBKRVmmbxIEKd7f9mI2PXTfFNk=",
        ),
        (
            Algo::Blake2b512,
            "0wzk7P87XmruSA/5Vgfxyd2yh4R2rR81O5mQGBL4eFsEY2eft691F8iVp+jfwRjk/Rdx1R1GG3J1ewGC6ilJcg==",
            "2luBJJE760PpkKFBfQznLjNIVIfEls0dUS3tQnHknvaOhmzY7hA0NX8OOSgqCRl6hzuwEhAru4A5pSh6ZsOhLg==",
        ),
    ];
    assert_eq!(expected.len(), Algo::SUPPORTED.len());
    let (simple, complex) = (result_of(1), result_of(2));
    for (algo, a, b) in expected {
        assert_eq!(Hash::compute(algo.clone(), &simple).unwrap().value, a, "{algo:?}");
        assert_eq!(Hash::compute(algo.clone(), &complex).unwrap().value, b, "{algo:?}");
        let set = Ecaps2::generate(&complex, std::slice::from_ref(&algo)).unwrap();
        assert_eq!(set.verify(&complex), Ok(&algo));
    }
    let names: Vec<String> = Algo::SUPPORTED.iter().map(|a| a.to_value().into_owned()).collect();
    assert_eq!(names, ["sha-256", "sha-512", "sha3-256", "sha3-512", "blake2b-256", "blake2b-512"]);
}

/// XEP-0390 Example 7: the presence's hash set, the request for the
/// sha-256 hash node, and the result, which verifies for both hashes.
#[test]
fn example_7_query_for_a_hash() {
    let stanzas = example(7);
    let set = Ecaps2::parse(in_namespace(&stanzas[0], ns::ECAPS2)[0]).unwrap();
    let request = InfoQuery::parse(in_namespace(&stanzas[1], ns::DISCO_INFO)[0]).unwrap();
    let hash = set.preferred().unwrap();
    assert_eq!(hash.algo, Algo::Sha256);
    assert_eq!(request, hash.info_query());
    assert_eq!(request.node.as_deref(), Some("urn:xmpp:caps#sha-256.u79ZroNJbdSWhdSp311mddz44oHHPsEBntQ5b1jqBSY="));
    assert_eq!(Hash::from_node(request.node.as_deref().unwrap()).as_ref(), Some(hash));

    let result = InfoResult::parse(in_namespace(&stanzas[2], ns::DISCO_INFO)[0]).unwrap();
    assert_eq!(result.node, request.node);
    assert_eq!(set.verify(&result), Ok(&Algo::Sha256));
    for hash in &set.hashes {
        assert_eq!(hash.verify(&result), Ok(()), "{:?}", hash.algo);
    }
    assert_eq!(result.identities[1], Identity::new("client", "pc").with_name("Ткаббер").with_lang("ru"));
}

/// XEP-0390 Examples 4 and 9: a server's hash set in its stream features,
/// and Gratuitous Capabilities in an iq set, answered by an empty result.
#[test]
fn stream_feature_and_gratuitous_caps() {
    let features = &example(4)[0];
    let set = Ecaps2::parse(in_namespace(features, ns::ECAPS2)[0]).unwrap();
    assert_eq!(set.hash(&Algo::Sha3_256).unwrap().value, "+sDTQqBmX6iG/X3zjt06fjZMBBqL/723knFIyRf0sg8=");
    assert_eq!(set.hash(&Algo::Sha512), None);

    let stanzas = example(9);
    let set_iq = Iq::parse(&stanzas[0]).unwrap();
    let pushed = set_iq.payload::<Ecaps2>().unwrap().unwrap();
    assert_eq!(pushed.hashes[0].value, "u79ZroNJbdSWhdSp311mddz44oHHPsEBntQ5b1jqBSY=");
    assert!(matches!(Iq::set("grat1", &pushed).kind, IqKind::Set(_)));
    assert!(matches!(Iq::parse(&stanzas[1]).unwrap().kind, IqKind::Result(None)));
}

/// The `<hash/>` is XEP-0300's, in its own namespace.
#[test]
fn hash_element() {
    let hash = Hash { algo: Algo::Blake2b256, value: "AAAA".into() };
    let element = hash.to_element();
    assert_eq!(element.ns(), HASHES);
    assert_eq!(element.attr("algo"), Some("blake2b-256"));
    assert_eq!(Hash::parse(&element).unwrap(), hash);
    assert_eq!(hash.bytes(), Ok(vec![0, 0, 0]));
    // Whitespace in the value is not part of it.
    assert_eq!(Hash { value: " AA\nAA ".into(), ..hash.clone() }.bytes(), Ok(vec![0, 0, 0]));
    // One bad hash does not cost the set.
    let set = Ecaps2::parse(&xml("<c xmlns='urn:xmpp:caps'><hash xmlns='urn:xmpp:hashes:2'>AAAA</hash>\
         <hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>AAAA</hash></c>"))
    .unwrap();
    assert_eq!(set.hashes.len(), 1);
    assert!(matches!(set.malformed[..], [Error::MissingAttribute { element: "hash", attribute: "algo" }]));
}

/// §2.1: implicit `xml:lang` values count: the query's own, or the one
/// inherited from the iq or stream.
#[test]
fn implicit_languages() {
    let info = InfoResult::parse(&xml("<query xmlns='http://jabber.org/protocol/disco#info' xml:lang='en'>\
         <identity category='client' type='pc' name='Tkabber'/></query>"))
    .unwrap();
    let explicit = InfoResult::new().with_identity(Identity::new("client", "pc").with_name("Tkabber").with_lang("en"));
    assert_eq!(hash_input(&info).unwrap(), hash_input(&explicit).unwrap());
    let bare = InfoResult::new().with_identity(Identity::new("client", "pc").with_name("Tkabber"));
    assert_eq!(hash_input_in(&bare, Some("en")).unwrap(), hash_input(&explicit).unwrap());
    assert_ne!(hash_input(&bare).unwrap(), hash_input(&explicit).unwrap());
    let hash = Hash::compute_in(Algo::Sha256, &bare, Some("en")).unwrap();
    assert_eq!(hash.verify(&explicit), Ok(()));
    assert_eq!(hash.verify_in(&bare, Some("en")), Ok(()));
}

fn software_form() -> DataForm {
    DataForm::new(FormKind::Result)
        .with_form_type("urn:xmpp:dataforms:softwareinfo")
        .with_field(Field::new("os", FieldType::TextSingle).with_value("Windows"))
}

fn with_form(form: DataForm) -> InfoResult {
    result_of(1).with_form(form)
}

/// A result that could not be read whole has no hash.
#[test]
fn error_malformed() {
    let info =
        InfoResult::parse(&xml("<query xmlns='http://jabber.org/protocol/disco#info'><identity type='pc'/></query>"))
            .unwrap();
    let Err(Ecaps2Error::Malformed { errors }) = hash_input(&info) else { panic!() };
    assert!(matches!(errors[..], [Error::MissingAttribute { element: "identity", attribute: "category" }]));
}

/// §2.1 step 1: an element other than identities, features and forms.
#[test]
fn error_unexpected_element() {
    let mut info = result_of(1);
    info.unknown.children.push(xml("<set xmlns='http://jabber.org/protocol/rsm'/>"));
    assert_eq!(
        hash_input(&info),
        Err(Ecaps2Error::UnexpectedElement { name: "set".into(), ns: "http://jabber.org/protocol/rsm".into() })
    );
}

/// §2.1 step 2: a form holding a table.
#[test]
fn error_table_in_form() {
    let mut reported = software_form();
    reported.reported = Some(Reported::default());
    assert_eq!(hash_input(&with_form(reported)), Err(Ecaps2Error::TableInForm { index: 0 }));
    let mut item = software_form();
    item.items.push(Item::default());
    assert_eq!(hash_input(&result_of(2).with_form(item)), Err(Ecaps2Error::TableInForm { index: 1 }));
}

/// §2.1 step 3: a form without FORM_TYPE.
#[test]
fn error_no_form_type() {
    let form = DataForm::new(FormKind::Result).with_field(Field::new("os", FieldType::TextSingle));
    assert_eq!(hash_input(&with_form(form)), Err(Ecaps2Error::NoFormType { index: 0 }));
}

/// §2.1 step 3: a FORM_TYPE that is not hidden.
#[test]
fn error_form_type_not_hidden() {
    let form =
        DataForm::new(FormKind::Result).with_field(Field::new("FORM_TYPE", FieldType::TextSingle).with_value("urn:a"));
    assert_eq!(hash_input(&with_form(form)), Err(Ecaps2Error::FormTypeNotHidden { index: 0 }));
}

/// §2.1 step 3: a FORM_TYPE without exactly one value.
#[test]
fn error_form_type_values() {
    let two = DataForm::new(FormKind::Result).with_field(Field::form_type("urn:a").with_value("urn:b"));
    assert_eq!(hash_input(&with_form(two)), Err(Ecaps2Error::FormTypeValues { index: 0, count: 2 }));
    let none = DataForm::new(FormKind::Result).with_field(Field::new("FORM_TYPE", FieldType::Hidden));
    assert_eq!(hash_input(&with_form(none)), Err(Ecaps2Error::FormTypeValues { index: 0, count: 0 }));
}

/// A hash function not supported here.
#[test]
fn error_unsupported_algo() {
    assert_eq!(
        Hash::compute(Algo::Other("sha-1".into()), &result_of(1)),
        Err(Ecaps2Error::UnsupportedAlgo { algo: "sha-1".into() })
    );
}

/// §2.4 step 1: no hash of the set is supported.
#[test]
fn error_no_supported_hash() {
    let set =
        Ecaps2 { hashes: vec![Hash { algo: Algo::Other("md5".into()), value: "AAAA".into() }], ..Ecaps2::default() };
    assert_eq!(set.preferred(), None);
    assert_eq!(set.verify(&result_of(1)), Err(Ecaps2Error::NoSupportedHash));
    assert_eq!(Ecaps2::default().verify(&result_of(1)), Err(Ecaps2Error::NoSupportedHash));
}

/// A hash value that is not base64.
#[test]
fn error_invalid_base64() {
    let hash = Hash { algo: Algo::Sha256, value: "not base64!".into() };
    assert_eq!(hash.verify(&result_of(1)), Err(Ecaps2Error::InvalidBase64 { value: "not base64!".into() }));
}

/// §2.4 step 4: the result is not what the hash stands for.
#[test]
fn error_mismatch() {
    let hash = Hash::compute(Algo::Sha256, &result_of(2)).unwrap();
    let Err(Ecaps2Error::Mismatch { algo, received, computed }) = hash.verify(&result_of(1)) else { panic!() };
    assert_eq!(algo, Algo::Sha256);
    assert_eq!(received, "u79ZroNJbdSWhdSp311mddz44oHHPsEBntQ5b1jqBSY=");
    assert_eq!(computed, "kzBZbkqJ3ADrj7v08reD1qcWUwNGHaidNUgD7nHpiw8=");
}

/// A responder advertises its hash set and answers each hash node.
#[test]
fn responder_advertises_its_hashes() {
    let complex = result_of(2);
    let mut responder = Responder::new(complex.clone());
    let set = responder.advertise_ecaps2().unwrap();
    assert_eq!(set, Ecaps2::advertise(&complex).unwrap());
    for hash in &set.hashes {
        let answer = responder.info(&hash.info_query()).unwrap();
        assert_eq!(answer.node, Some(hash.node()));
        assert_eq!(hash.verify(&answer), Ok(()));
    }
    // Both caps at once: the XEP-0115 <c/> for legacy entities (§7.2).
    let legacy = responder.advertise_caps("https://tkabber.jabber.ru/").unwrap();
    assert!(responder.info(&legacy.info_query()).is_ok());
    assert!(responder.info(&set.hashes[0].info_query()).is_ok());
}

/// A small deterministic generator for shuffling.
fn shuffle<T>(items: &mut [T], seed: &mut u64) {
    for i in (1..items.len()).rev() {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let j = (*seed >> 33) as usize % (i + 1);
        items.swap(i, j);
    }
}

fn text() -> impl Strategy<Value = String> {
    "[a-c</é:#]{0,4}"
}

prop_compose! {
    fn results()(
        identities in prop::collection::vec(
            (text(), text(), prop::option::of("[a-z]{2}"), prop::option::of(text())), 0..5),
        features in prop::collection::vec(text(), 0..8),
        forms in prop::collection::vec(
            (text(), prop::collection::vec((text(), prop::collection::vec(text(), 0..3)), 0..4)),
            0..3),
    ) -> InfoResult {
        let mut info = InfoResult::new();
        for (category, kind, lang, name) in identities {
            info.identities.push(Identity { category, kind, name, lang });
        }
        info.features = features;
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
    /// The hash input does not depend on the order of identities,
    /// features, forms, fields or values (duplicates included: the
    /// algorithm keeps them), nor on a trip through XML.
    #[test]
    fn hash_input_is_independent_of_order(info in results(), mut seed in any::<u64>()) {
        let input = hash_input(&info).unwrap();
        let mut reordered = info.clone();
        shuffle(&mut reordered.identities, &mut seed);
        shuffle(&mut reordered.features, &mut seed);
        shuffle(&mut reordered.forms, &mut seed);
        for form in &mut reordered.forms {
            shuffle(&mut form.fields, &mut seed);
            for field in &mut form.fields {
                shuffle(&mut field.values, &mut seed);
            }
        }
        prop_assert_eq!(hash_input(&reordered).unwrap(), input.clone());
        let reread = InfoResult::parse(&reordered.to_element()).unwrap();
        prop_assert_eq!(hash_input(&reread).unwrap(), input);
        let set = ecaps2::Ecaps2::advertise(&info).unwrap();
        prop_assert_eq!(set.verify(&reread), Ok(&Algo::Sha256));
    }
}

/// XEP-0390 §2.5.1: the Features String of the simple example.
const SIMPLE_FEATURES: &str = "\
00000000  68 74 74 70 3a 2f 2f 6a  61 62 62 65 72 2e 6f 72  |http://jabber.or|\n\
00000010  67 2f 70 72 6f 74 6f 63  6f 6c 2f 62 79 74 65 73  |g/protocol/bytes|\n\
00000020  74 72 65 61 6d 73 1f 68  74 74 70 3a 2f 2f 6a 61  |treams.http://ja|\n\
00000030  62 62 65 72 2e 6f 72 67  2f 70 72 6f 74 6f 63 6f  |bber.org/protoco|\n\
00000040  6c 2f 63 68 61 74 73 74  61 74 65 73 1f 68 74 74  |l/chatstates.htt|\n\
00000050  70 3a 2f 2f 6a 61 62 62  65 72 2e 6f 72 67 2f 70  |p://jabber.org/p|\n\
00000060  72 6f 74 6f 63 6f 6c 2f  64 69 73 63 6f 23 69 6e  |rotocol/disco#in|\n\
00000070  66 6f 1f 68 74 74 70 3a  2f 2f 6a 61 62 62 65 72  |fo.http://jabber|\n\
00000080  2e 6f 72 67 2f 70 72 6f  74 6f 63 6f 6c 2f 64 69  |.org/protocol/di|\n\
00000090  73 63 6f 23 69 74 65 6d  73 1f 68 74 74 70 3a 2f  |sco#items.http:/|\n\
000000a0  2f 6a 61 62 62 65 72 2e  6f 72 67 2f 70 72 6f 74  |/jabber.org/prot|\n\
000000b0  6f 63 6f 6c 2f 69 62 62  1f 68 74 74 70 3a 2f 2f  |ocol/ibb.http://|\n\
000000c0  6a 61 62 62 65 72 2e 6f  72 67 2f 70 72 6f 74 6f  |jabber.org/proto|\n\
000000d0  63 6f 6c 2f 72 6f 73 74  65 72 78 1f 68 74 74 70  |col/rosterx.http|\n\
000000e0  3a 2f 2f 6a 61 62 62 65  72 2e 6f 72 67 2f 70 72  |://jabber.org/pr|\n\
000000f0  6f 74 6f 63 6f 6c 2f 73  69 1f 68 74 74 70 3a 2f  |otocol/si.http:/|\n\
00000100  2f 6a 61 62 62 65 72 2e  6f 72 67 2f 70 72 6f 74  |/jabber.org/prot|\n\
00000110  6f 63 6f 6c 2f 73 69 2f  70 72 6f 66 69 6c 65 2f  |ocol/si/profile/|\n\
00000120  66 69 6c 65 2d 74 72 61  6e 73 66 65 72 1f 6a 61  |file-transfer.ja|\n\
00000130  62 62 65 72 3a 69 71 3a  6c 61 73 74 1f 6a 61 62  |bber:iq:last.jab|\n\
00000140  62 65 72 3a 69 71 3a 70  72 69 76 61 63 79 1f 6a  |ber:iq:privacy.j|\n\
00000150  61 62 62 65 72 3a 69 71  3a 72 6f 73 74 65 72 1f  |abber:iq:roster.|\n\
00000160  6a 61 62 62 65 72 3a 69  71 3a 74 69 6d 65 1f 6a  |jabber:iq:time.j|\n\
00000170  61 62 62 65 72 3a 69 71  3a 76 65 72 73 69 6f 6e  |abber:iq:version|\n\
00000180  1f 6a 61 62 62 65 72 3a  78 3a 6f 6f 62 1f 75 72  |.jabber:x:oob.ur|\n\
00000190  6e 3a 78 6d 70 70 3a 70  69 6e 67 1f 75 72 6e 3a  |n:xmpp:ping.urn:|\n\
000001a0  78 6d 70 70 3a 72 65 63  65 69 70 74 73 1f 75 72  |xmpp:receipts.ur|\n\
000001b0  6e 3a 78 6d 70 70 3a 74  69 6d 65 1f 1c           |n:xmpp:time..|\n\
000001bd\n\
";

/// XEP-0390 §2.5.1: the Identities String of the simple example.
const SIMPLE_IDENTITIES: &str = "\
00000000  63 6c 69 65 6e 74 1f 6d  6f 62 69 6c 65 1f 1f 42  |client.mobile..B|\n\
00000010  6f 6d 62 75 73 4d 6f 64  1f 1e 1c                 |ombusMod...|\n\
0000001b\n\
";

/// XEP-0390 §2.5.1: the hash function input of the simple example.
const SIMPLE_INPUT: &str = "\
00000000  68 74 74 70 3a 2f 2f 6a  61 62 62 65 72 2e 6f 72  |http://jabber.or|\n\
00000010  67 2f 70 72 6f 74 6f 63  6f 6c 2f 62 79 74 65 73  |g/protocol/bytes|\n\
00000020  74 72 65 61 6d 73 1f 68  74 74 70 3a 2f 2f 6a 61  |treams.http://ja|\n\
00000030  62 62 65 72 2e 6f 72 67  2f 70 72 6f 74 6f 63 6f  |bber.org/protoco|\n\
00000040  6c 2f 63 68 61 74 73 74  61 74 65 73 1f 68 74 74  |l/chatstates.htt|\n\
00000050  70 3a 2f 2f 6a 61 62 62  65 72 2e 6f 72 67 2f 70  |p://jabber.org/p|\n\
00000060  72 6f 74 6f 63 6f 6c 2f  64 69 73 63 6f 23 69 6e  |rotocol/disco#in|\n\
00000070  66 6f 1f 68 74 74 70 3a  2f 2f 6a 61 62 62 65 72  |fo.http://jabber|\n\
00000080  2e 6f 72 67 2f 70 72 6f  74 6f 63 6f 6c 2f 64 69  |.org/protocol/di|\n\
00000090  73 63 6f 23 69 74 65 6d  73 1f 68 74 74 70 3a 2f  |sco#items.http:/|\n\
000000a0  2f 6a 61 62 62 65 72 2e  6f 72 67 2f 70 72 6f 74  |/jabber.org/prot|\n\
000000b0  6f 63 6f 6c 2f 69 62 62  1f 68 74 74 70 3a 2f 2f  |ocol/ibb.http://|\n\
000000c0  6a 61 62 62 65 72 2e 6f  72 67 2f 70 72 6f 74 6f  |jabber.org/proto|\n\
000000d0  63 6f 6c 2f 72 6f 73 74  65 72 78 1f 68 74 74 70  |col/rosterx.http|\n\
000000e0  3a 2f 2f 6a 61 62 62 65  72 2e 6f 72 67 2f 70 72  |://jabber.org/pr|\n\
000000f0  6f 74 6f 63 6f 6c 2f 73  69 1f 68 74 74 70 3a 2f  |otocol/si.http:/|\n\
00000100  2f 6a 61 62 62 65 72 2e  6f 72 67 2f 70 72 6f 74  |/jabber.org/prot|\n\
00000110  6f 63 6f 6c 2f 73 69 2f  70 72 6f 66 69 6c 65 2f  |ocol/si/profile/|\n\
00000120  66 69 6c 65 2d 74 72 61  6e 73 66 65 72 1f 6a 61  |file-transfer.ja|\n\
00000130  62 62 65 72 3a 69 71 3a  6c 61 73 74 1f 6a 61 62  |bber:iq:last.jab|\n\
00000140  62 65 72 3a 69 71 3a 70  72 69 76 61 63 79 1f 6a  |ber:iq:privacy.j|\n\
00000150  61 62 62 65 72 3a 69 71  3a 72 6f 73 74 65 72 1f  |abber:iq:roster.|\n\
00000160  6a 61 62 62 65 72 3a 69  71 3a 74 69 6d 65 1f 6a  |jabber:iq:time.j|\n\
00000170  61 62 62 65 72 3a 69 71  3a 76 65 72 73 69 6f 6e  |abber:iq:version|\n\
00000180  1f 6a 61 62 62 65 72 3a  78 3a 6f 6f 62 1f 75 72  |.jabber:x:oob.ur|\n\
00000190  6e 3a 78 6d 70 70 3a 70  69 6e 67 1f 75 72 6e 3a  |n:xmpp:ping.urn:|\n\
000001a0  78 6d 70 70 3a 72 65 63  65 69 70 74 73 1f 75 72  |xmpp:receipts.ur|\n\
000001b0  6e 3a 78 6d 70 70 3a 74  69 6d 65 1f 1c 63 6c 69  |n:xmpp:time..cli|\n\
000001c0  65 6e 74 1f 6d 6f 62 69  6c 65 1f 1f 42 6f 6d 62  |ent.mobile..Bomb|\n\
000001d0  75 73 4d 6f 64 1f 1e 1c  1c                       |usMod....|\n\
000001d9\n\
";

/// XEP-0390 §2.5.2: the Features String of the complex example, base64.
const COMPLEX_FEATURES_BASE64: &str = "\
Z2FtZXM6Ym9hcmQfaHR0cDovL2phYmJlci5vcmcvcHJvdG9jb2wvYWN0aXZpdHkfaHR0cDovL2ph\n\
YmJlci5vcmcvcHJvdG9jb2wvYWN0aXZpdHkrbm90aWZ5H2h0dHA6Ly9qYWJiZXIub3JnL3Byb3Rv\n\
Y29sL2J5dGVzdHJlYW1zH2h0dHA6Ly9qYWJiZXIub3JnL3Byb3RvY29sL2NoYXRzdGF0ZXMfaHR0\n\
cDovL2phYmJlci5vcmcvcHJvdG9jb2wvY29tbWFuZHMfaHR0cDovL2phYmJlci5vcmcvcHJvdG9j\n\
b2wvZGlzY28jaW5mbx9odHRwOi8vamFiYmVyLm9yZy9wcm90b2NvbC9kaXNjbyNpdGVtcx9odHRw\n\
Oi8vamFiYmVyLm9yZy9wcm90b2NvbC9ldmlsH2h0dHA6Ly9qYWJiZXIub3JnL3Byb3RvY29sL2Zl\n\
YXR1cmUtbmVnH2h0dHA6Ly9qYWJiZXIub3JnL3Byb3RvY29sL2dlb2xvYx9odHRwOi8vamFiYmVy\n\
Lm9yZy9wcm90b2NvbC9nZW9sb2Mrbm90aWZ5H2h0dHA6Ly9qYWJiZXIub3JnL3Byb3RvY29sL2li\n\
Yh9odHRwOi8vamFiYmVyLm9yZy9wcm90b2NvbC9pcWliYh9odHRwOi8vamFiYmVyLm9yZy9wcm90\n\
b2NvbC9tb29kH2h0dHA6Ly9qYWJiZXIub3JnL3Byb3RvY29sL21vb2Qrbm90aWZ5H2h0dHA6Ly9q\n\
YWJiZXIub3JnL3Byb3RvY29sL3Jvc3RlcngfaHR0cDovL2phYmJlci5vcmcvcHJvdG9jb2wvc2kf\n\
aHR0cDovL2phYmJlci5vcmcvcHJvdG9jb2wvc2kvcHJvZmlsZS9maWxlLXRyYW5zZmVyH2h0dHA6\n\
Ly9qYWJiZXIub3JnL3Byb3RvY29sL3R1bmUfaHR0cDovL3d3dy5mYWNlYm9vay5jb20veG1wcC9t\n\
ZXNzYWdlcx9odHRwOi8vd3d3LnhtcHAub3JnL2V4dGVuc2lvbnMveGVwLTAwODQuaHRtbCNucy1t\n\
ZXRhZGF0YStub3RpZnkfamFiYmVyOmlxOmF2YXRhch9qYWJiZXI6aXE6YnJvd3NlH2phYmJlcjpp\n\
cTpkdGNwH2phYmJlcjppcTpmaWxleGZlch9qYWJiZXI6aXE6aWJiH2phYmJlcjppcTppbmJhbmQf\n\
amFiYmVyOmlxOmppZGxpbmsfamFiYmVyOmlxOmxhc3QfamFiYmVyOmlxOm9vYh9qYWJiZXI6aXE6\n\
cHJpdmFjeR9qYWJiZXI6aXE6cm9zdGVyH2phYmJlcjppcTp0aW1lH2phYmJlcjppcTp2ZXJzaW9u\n\
H2phYmJlcjp4OmRhdGEfamFiYmVyOng6ZXZlbnQfamFiYmVyOng6b29iH3Vybjp4bXBwOmF2YXRh\n\
cjptZXRhZGF0YStub3RpZnkfdXJuOnhtcHA6cGluZx91cm46eG1wcDpyZWNlaXB0cx91cm46eG1w\n\
cDp0aW1lHxw=\n\
";

/// XEP-0390 §2.5.2: the Identities String of the complex example.
const COMPLEX_IDENTITIES: &str = "\
00000000  63 6c 69 65 6e 74 1f 70  63 1f 65 6e 1f 54 6b 61  |client.pc.en.Tka|\n\
00000010  62 62 65 72 1f 1e 63 6c  69 65 6e 74 1f 70 63 1f  |bber..client.pc.|\n\
00000020  72 75 1f d0 a2 d0 ba d0  b0 d0 b1 d0 b1 d0 b5 d1  |ru..............|\n\
00000030  80 1f 1e 1c                                       |....|\n\
00000034\n\
";

/// XEP-0390 §2.5.2: the strings of the fields of the complex example's form.
const COMPLEX_FIELDS: &str = "\
00000000  46 4f 52 4d 5f 54 59 50  45 1f 75 72 6e 3a 78 6d  |FORM_TYPE.urn:xm|\n\
00000010  70 70 3a 64 61 74 61 66  6f 72 6d 73 3a 73 6f 66  |pp:dataforms:sof|\n\
00000020  74 77 61 72 65 69 6e 66  6f 1f 1e                 |twareinfo..|\n\
0000002b\n\
\n\
00000000  73 6f 66 74 77 61 72 65  1f 54 6b 61 62 62 65 72  |software.Tkabber|\n\
00000010  1f 1e                                             |..|\n\
00000012\n\
\n\
00000000  73 6f 66 74 77 61 72 65  5f 76 65 72 73 69 6f 6e  |software_version|\n\
00000010  1f 30 2e 31 31 2e 31 2d  73 76 6e 2d 32 30 31 31  |.0.11.1-svn-2011|\n\
00000020  31 32 31 36 2d 6d 6f 64  20 28 54 63 6c 2f 54 6b  |1216-mod (Tcl/Tk|\n\
00000030  20 38 2e 36 62 32 29 1f  1e                       | 8.6b2)..|\n\
00000039\n\
\n\
00000000  6f 73 1f 57 69 6e 64 6f  77 73 1f 1e              |os.Windows..|\n\
0000000c\n\
";

/// XEP-0390 §2.5.2: the Extensions String of the complex example.
const COMPLEX_EXTENSIONS: &str = "\
00000000  46 4f 52 4d 5f 54 59 50  45 1f 75 72 6e 3a 78 6d  |FORM_TYPE.urn:xm|\n\
00000010  70 70 3a 64 61 74 61 66  6f 72 6d 73 3a 73 6f 66  |pp:dataforms:sof|\n\
00000020  74 77 61 72 65 69 6e 66  6f 1f 1e 6f 73 1f 57 69  |twareinfo..os.Wi|\n\
00000030  6e 64 6f 77 73 1f 1e 6f  73 5f 76 65 72 73 69 6f  |ndows..os_versio|\n\
00000040  6e 1f 58 50 1f 1e 73 6f  66 74 77 61 72 65 1f 54  |n.XP..software.T|\n\
00000050  6b 61 62 62 65 72 1f 1e  73 6f 66 74 77 61 72 65  |kabber..software|\n\
00000060  5f 76 65 72 73 69 6f 6e  1f 30 2e 31 31 2e 31 2d  |_version.0.11.1-|\n\
00000070  73 76 6e 2d 32 30 31 31  31 32 31 36 2d 6d 6f 64  |svn-20111216-mod|\n\
00000080  20 28 54 63 6c 2f 54 6b  20 38 2e 36 62 32 29 1f  | (Tcl/Tk 8.6b2).|\n\
00000090  1e 1d 1c                                          |...|\n\
00000093\n\
";

/// XEP-0390 §2.5.2: the hash function input of the complex example.
const COMPLEX_INPUT: &str = "\
00000000  67 61 6d 65 73 3a 62 6f  61 72 64 1f 68 74 74 70  |games:board.http|\n\
00000010  3a 2f 2f 6a 61 62 62 65  72 2e 6f 72 67 2f 70 72  |://jabber.org/pr|\n\
00000020  6f 74 6f 63 6f 6c 2f 61  63 74 69 76 69 74 79 1f  |otocol/activity.|\n\
00000030  68 74 74 70 3a 2f 2f 6a  61 62 62 65 72 2e 6f 72  |http://jabber.or|\n\
00000040  67 2f 70 72 6f 74 6f 63  6f 6c 2f 61 63 74 69 76  |g/protocol/activ|\n\
00000050  69 74 79 2b 6e 6f 74 69  66 79 1f 68 74 74 70 3a  |ity+notify.http:|\n\
00000060  2f 2f 6a 61 62 62 65 72  2e 6f 72 67 2f 70 72 6f  |//jabber.org/pro|\n\
00000070  74 6f 63 6f 6c 2f 62 79  74 65 73 74 72 65 61 6d  |tocol/bytestream|\n\
00000080  73 1f 68 74 74 70 3a 2f  2f 6a 61 62 62 65 72 2e  |s.http://jabber.|\n\
00000090  6f 72 67 2f 70 72 6f 74  6f 63 6f 6c 2f 63 68 61  |org/protocol/cha|\n\
000000a0  74 73 74 61 74 65 73 1f  68 74 74 70 3a 2f 2f 6a  |tstates.http://j|\n\
000000b0  61 62 62 65 72 2e 6f 72  67 2f 70 72 6f 74 6f 63  |abber.org/protoc|\n\
000000c0  6f 6c 2f 63 6f 6d 6d 61  6e 64 73 1f 68 74 74 70  |ol/commands.http|\n\
000000d0  3a 2f 2f 6a 61 62 62 65  72 2e 6f 72 67 2f 70 72  |://jabber.org/pr|\n\
000000e0  6f 74 6f 63 6f 6c 2f 64  69 73 63 6f 23 69 6e 66  |otocol/disco#inf|\n\
000000f0  6f 1f 68 74 74 70 3a 2f  2f 6a 61 62 62 65 72 2e  |o.http://jabber.|\n\
00000100  6f 72 67 2f 70 72 6f 74  6f 63 6f 6c 2f 64 69 73  |org/protocol/dis|\n\
00000110  63 6f 23 69 74 65 6d 73  1f 68 74 74 70 3a 2f 2f  |co#items.http://|\n\
00000120  6a 61 62 62 65 72 2e 6f  72 67 2f 70 72 6f 74 6f  |jabber.org/proto|\n\
00000130  63 6f 6c 2f 65 76 69 6c  1f 68 74 74 70 3a 2f 2f  |col/evil.http://|\n\
00000140  6a 61 62 62 65 72 2e 6f  72 67 2f 70 72 6f 74 6f  |jabber.org/proto|\n\
00000150  63 6f 6c 2f 66 65 61 74  75 72 65 2d 6e 65 67 1f  |col/feature-neg.|\n\
00000160  68 74 74 70 3a 2f 2f 6a  61 62 62 65 72 2e 6f 72  |http://jabber.or|\n\
00000170  67 2f 70 72 6f 74 6f 63  6f 6c 2f 67 65 6f 6c 6f  |g/protocol/geolo|\n\
00000180  63 1f 68 74 74 70 3a 2f  2f 6a 61 62 62 65 72 2e  |c.http://jabber.|\n\
00000190  6f 72 67 2f 70 72 6f 74  6f 63 6f 6c 2f 67 65 6f  |org/protocol/geo|\n\
000001a0  6c 6f 63 2b 6e 6f 74 69  66 79 1f 68 74 74 70 3a  |loc+notify.http:|\n\
000001b0  2f 2f 6a 61 62 62 65 72  2e 6f 72 67 2f 70 72 6f  |//jabber.org/pro|\n\
000001c0  74 6f 63 6f 6c 2f 69 62  62 1f 68 74 74 70 3a 2f  |tocol/ibb.http:/|\n\
000001d0  2f 6a 61 62 62 65 72 2e  6f 72 67 2f 70 72 6f 74  |/jabber.org/prot|\n\
000001e0  6f 63 6f 6c 2f 69 71 69  62 62 1f 68 74 74 70 3a  |ocol/iqibb.http:|\n\
000001f0  2f 2f 6a 61 62 62 65 72  2e 6f 72 67 2f 70 72 6f  |//jabber.org/pro|\n\
00000200  74 6f 63 6f 6c 2f 6d 6f  6f 64 1f 68 74 74 70 3a  |tocol/mood.http:|\n\
00000210  2f 2f 6a 61 62 62 65 72  2e 6f 72 67 2f 70 72 6f  |//jabber.org/pro|\n\
00000220  74 6f 63 6f 6c 2f 6d 6f  6f 64 2b 6e 6f 74 69 66  |tocol/mood+notif|\n\
00000230  79 1f 68 74 74 70 3a 2f  2f 6a 61 62 62 65 72 2e  |y.http://jabber.|\n\
00000240  6f 72 67 2f 70 72 6f 74  6f 63 6f 6c 2f 72 6f 73  |org/protocol/ros|\n\
00000250  74 65 72 78 1f 68 74 74  70 3a 2f 2f 6a 61 62 62  |terx.http://jabb|\n\
00000260  65 72 2e 6f 72 67 2f 70  72 6f 74 6f 63 6f 6c 2f  |er.org/protocol/|\n\
00000270  73 69 1f 68 74 74 70 3a  2f 2f 6a 61 62 62 65 72  |si.http://jabber|\n\
00000280  2e 6f 72 67 2f 70 72 6f  74 6f 63 6f 6c 2f 73 69  |.org/protocol/si|\n\
00000290  2f 70 72 6f 66 69 6c 65  2f 66 69 6c 65 2d 74 72  |/profile/file-tr|\n\
000002a0  61 6e 73 66 65 72 1f 68  74 74 70 3a 2f 2f 6a 61  |ansfer.http://ja|\n\
000002b0  62 62 65 72 2e 6f 72 67  2f 70 72 6f 74 6f 63 6f  |bber.org/protoco|\n\
000002c0  6c 2f 74 75 6e 65 1f 68  74 74 70 3a 2f 2f 77 77  |l/tune.http://ww|\n\
000002d0  77 2e 66 61 63 65 62 6f  6f 6b 2e 63 6f 6d 2f 78  |w.facebook.com/x|\n\
000002e0  6d 70 70 2f 6d 65 73 73  61 67 65 73 1f 68 74 74  |mpp/messages.htt|\n\
000002f0  70 3a 2f 2f 77 77 77 2e  78 6d 70 70 2e 6f 72 67  |p://www.xmpp.org|\n\
00000300  2f 65 78 74 65 6e 73 69  6f 6e 73 2f 78 65 70 2d  |/extensions/xep-|\n\
00000310  30 30 38 34 2e 68 74 6d  6c 23 6e 73 2d 6d 65 74  |0084.html#ns-met|\n\
00000320  61 64 61 74 61 2b 6e 6f  74 69 66 79 1f 6a 61 62  |adata+notify.jab|\n\
00000330  62 65 72 3a 69 71 3a 61  76 61 74 61 72 1f 6a 61  |ber:iq:avatar.ja|\n\
00000340  62 62 65 72 3a 69 71 3a  62 72 6f 77 73 65 1f 6a  |bber:iq:browse.j|\n\
00000350  61 62 62 65 72 3a 69 71  3a 64 74 63 70 1f 6a 61  |abber:iq:dtcp.ja|\n\
00000360  62 62 65 72 3a 69 71 3a  66 69 6c 65 78 66 65 72  |bber:iq:filexfer|\n\
00000370  1f 6a 61 62 62 65 72 3a  69 71 3a 69 62 62 1f 6a  |.jabber:iq:ibb.j|\n\
00000380  61 62 62 65 72 3a 69 71  3a 69 6e 62 61 6e 64 1f  |abber:iq:inband.|\n\
00000390  6a 61 62 62 65 72 3a 69  71 3a 6a 69 64 6c 69 6e  |jabber:iq:jidlin|\n\
000003a0  6b 1f 6a 61 62 62 65 72  3a 69 71 3a 6c 61 73 74  |k.jabber:iq:last|\n\
000003b0  1f 6a 61 62 62 65 72 3a  69 71 3a 6f 6f 62 1f 6a  |.jabber:iq:oob.j|\n\
000003c0  61 62 62 65 72 3a 69 71  3a 70 72 69 76 61 63 79  |abber:iq:privacy|\n\
000003d0  1f 6a 61 62 62 65 72 3a  69 71 3a 72 6f 73 74 65  |.jabber:iq:roste|\n\
000003e0  72 1f 6a 61 62 62 65 72  3a 69 71 3a 74 69 6d 65  |r.jabber:iq:time|\n\
000003f0  1f 6a 61 62 62 65 72 3a  69 71 3a 76 65 72 73 69  |.jabber:iq:versi|\n\
00000400  6f 6e 1f 6a 61 62 62 65  72 3a 78 3a 64 61 74 61  |on.jabber:x:data|\n\
00000410  1f 6a 61 62 62 65 72 3a  78 3a 65 76 65 6e 74 1f  |.jabber:x:event.|\n\
00000420  6a 61 62 62 65 72 3a 78  3a 6f 6f 62 1f 75 72 6e  |jabber:x:oob.urn|\n\
00000430  3a 78 6d 70 70 3a 61 76  61 74 61 72 3a 6d 65 74  |:xmpp:avatar:met|\n\
00000440  61 64 61 74 61 2b 6e 6f  74 69 66 79 1f 75 72 6e  |adata+notify.urn|\n\
00000450  3a 78 6d 70 70 3a 70 69  6e 67 1f 75 72 6e 3a 78  |:xmpp:ping.urn:x|\n\
00000460  6d 70 70 3a 72 65 63 65  69 70 74 73 1f 75 72 6e  |mpp:receipts.urn|\n\
00000470  3a 78 6d 70 70 3a 74 69  6d 65 1f 1c 63 6c 69 65  |:xmpp:time..clie|\n\
00000480  6e 74 1f 70 63 1f 65 6e  1f 54 6b 61 62 62 65 72  |nt.pc.en.Tkabber|\n\
00000490  1f 1e 63 6c 69 65 6e 74  1f 70 63 1f 72 75 1f d0  |..client.pc.ru..|\n\
000004a0  a2 d0 ba d0 b0 d0 b1 d0  b1 d0 b5 d1 80 1f 1e 1c  |................|\n\
000004b0  46 4f 52 4d 5f 54 59 50  45 1f 75 72 6e 3a 78 6d  |FORM_TYPE.urn:xm|\n\
000004c0  70 70 3a 64 61 74 61 66  6f 72 6d 73 3a 73 6f 66  |pp:dataforms:sof|\n\
000004d0  74 77 61 72 65 69 6e 66  6f 1f 1e 6f 73 1f 57 69  |twareinfo..os.Wi|\n\
000004e0  6e 64 6f 77 73 1f 1e 6f  73 5f 76 65 72 73 69 6f  |ndows..os_versio|\n\
000004f0  6e 1f 58 50 1f 1e 73 6f  66 74 77 61 72 65 1f 54  |n.XP..software.T|\n\
00000500  6b 61 62 62 65 72 1f 1e  73 6f 66 74 77 61 72 65  |kabber..software|\n\
00000510  5f 76 65 72 73 69 6f 6e  1f 30 2e 31 31 2e 31 2d  |_version.0.11.1-|\n\
00000520  73 76 6e 2d 32 30 31 31  31 32 31 36 2d 6d 6f 64  |svn-20111216-mod|\n\
00000530  20 28 54 63 6c 2f 54 6b  20 38 2e 36 62 32 29 1f  | (Tcl/Tk 8.6b2).|\n\
00000540  1e 1d 1c                                          |...|\n\
00000543\n\
";
