//! SCRAM with channel binding (the `-PLUS` mechanisms of RFC 5802 §6, the
//! types of RFC 5929 and RFC 9266), SCRAM-SHA-512, the client's choice and
//! the XEP-0440 v0.4.1 stream feature: client against server for every
//! SCRAM mechanism and every GS2 flag, the downgrade of RFC 5802 §6, the
//! XEP's example, and a property test.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jabber_session::Error;
use jabber_session::sasl::{
    AdvertisedBindings, ChannelBinding, ChannelBindingType, Gs2CbindFlag, Mechanism, SASL_CB_NS, ScramClient,
    ScramCredentials, ScramErrorValue, ScramHash, ScramMessage, ScramProblem, ScramServer, advertised_channel_bindings,
    channel_binding_feature, choose, choose_with_binding,
};
use jabber_stanza::StreamFeatures;
use jabber_stream::Element;
use proptest::prelude::*;

const SCRAM: [Mechanism; 6] = [
    Mechanism::ScramSha512Plus,
    Mechanism::ScramSha256Plus,
    Mechanism::ScramSha1Plus,
    Mechanism::ScramSha512,
    Mechanism::ScramSha256,
    Mechanism::ScramSha1,
];

/// Test data standing in for the 32 bytes of RFC 9266 §2 that the TLS layer
/// of each side exports (the same bytes on both ends of one connection).
fn exporter(byte: u8) -> ChannelBinding {
    ChannelBinding::new(ChannelBindingType::TlsExporter, vec![byte; 32])
}

/// How a whole exchange ended: which side failed, and how.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// Both sides verified each other.
    Ok,
    /// The server refused the client-first message.
    ServerFirst(Error),
    /// The server refused the client-final message.
    ServerFinal(Error),
}

/// Runs `mechanism` with the client's GS2 `flag` against a server that has
/// `server_binding` and offered `-PLUS` if `offered_plus`.
fn run(
    mechanism: Mechanism,
    flag: Gs2CbindFlag,
    server_binding: Option<ChannelBinding>,
    offered_plus: bool,
    password: &str,
    client_nonce: String,
    server_nonce: &str,
) -> Outcome {
    let hash = mechanism.scram_hash().unwrap();
    let stored = ScramCredentials::derive(hash, password, b"a salt of 16 b.", 4096).unwrap();
    let mut client = ScramClient::new(hash, "juliet", password, None, client_nonce).unwrap().with_channel_binding(flag);
    let mut server = ScramServer::for_mechanism(mechanism).unwrap().with_channel_binding(server_binding, offered_plus);
    let first = client.client_first();
    let challenge = match server.handle_client_first(&first, server_nonce, |_| Some(stored.clone())) {
        Ok(challenge) => challenge,
        Err(error) => return Outcome::ServerFirst(error),
    };
    let response = client.handle_server_first(&challenge).unwrap();
    let (last, who) = match server.handle_client_final(&response) {
        Ok(done) => done,
        Err(error) => return Outcome::ServerFinal(error),
    };
    assert_eq!(who.authcid, "juliet");
    client.handle_server_final(&last).unwrap();
    assert!(client.is_done());
    Outcome::Ok
}

fn plain_run(mechanism: Mechanism, flag: Gs2CbindFlag, server_binding: Option<ChannelBinding>) -> Outcome {
    run(mechanism, flag, server_binding, mechanism.channel_binding(), "r0m30myr0m30", "clientnonce".into(), "srv")
}

/// RFC 5802 §6 for every SCRAM mechanism × every flag a client can send: `n`,
/// `y`, `p=` with the server's data, `p=` with other data, and `p=` with a
/// type the server lacks. The server has `tls-exporter` data and offered
/// `-PLUS` exactly when the mechanism is one (the downgrade, a server that
/// offered `-PLUS` and a client that chose the other mechanism, is below).
#[test]
fn every_mechanism_against_every_flag() {
    let ours = exporter(1);
    let flags = [
        ("n", Gs2CbindFlag::NoBinding),
        ("y", Gs2CbindFlag::ServerLacksBinding),
        ("p, same data", Gs2CbindFlag::Bind(exporter(1))),
        ("p, other data", Gs2CbindFlag::Bind(exporter(2))),
        (
            "p, type the server lacks",
            Gs2CbindFlag::Bind(ChannelBinding::new(ChannelBindingType::TlsServerEndPoint, vec![1; 32])),
        ),
    ];
    let mut runs = 0;
    for mechanism in SCRAM {
        for (name, flag) in flags.clone() {
            let expected = match (mechanism.channel_binding(), name) {
                // Without -PLUS: no binding, `y` is fine (no -PLUS offered).
                (false, "n" | "y") => Outcome::Ok,
                (false, "p, type the server lacks") => Outcome::ServerFirst(Error::ScramChannelBindingNotSupported {
                    cb_name: "tls-server-end-point".into(),
                }),
                (false, _) => {
                    Outcome::ServerFirst(Error::ScramChannelBindingNotSupported { cb_name: "tls-exporter".into() })
                }
                // -PLUS: `p=` with the right type and data only.
                (true, "n") => Outcome::ServerFirst(Error::ScramMalformed {
                    message: ScramMessage::ClientFirst,
                    problem: ScramProblem::NoBindingWithPlus,
                }),
                (true, "y") => {
                    Outcome::ServerFirst(Error::ScramServerError(ScramErrorValue::ServerDoesSupportChannelBinding))
                }
                (true, "p, same data") => Outcome::Ok,
                (true, "p, other data") => Outcome::ServerFinal(Error::ScramChannelBindingMismatch),
                (true, _) => {
                    Outcome::ServerFirst(Error::ScramServerError(ScramErrorValue::UnsupportedChannelBindingType))
                }
            };
            assert_eq!(plain_run(mechanism, flag, Some(ours.clone())), expected, "{mechanism} with {name}");
            runs += 1;
        }
    }
    assert_eq!(runs, 30);
}

/// RFC 5802 §6: a `-PLUS` mechanism on a connection without binding data:
/// every type is unsupported (`unsupported-channel-binding-type`).
#[test]
fn a_plus_mechanism_without_data_supports_no_type() {
    for mechanism in [Mechanism::ScramSha512Plus, Mechanism::ScramSha256Plus, Mechanism::ScramSha1Plus] {
        assert_eq!(
            plain_run(mechanism, Gs2CbindFlag::Bind(exporter(1)), None),
            Outcome::ServerFirst(Error::ScramServerError(ScramErrorValue::UnsupportedChannelBindingType))
        );
    }
    assert!(ScramServer::for_mechanism(Mechanism::Plain).is_none());
}

/// RFC 5802 §6, the downgrade: the server offers SCRAM-SHA-256-PLUS and
/// SCRAM-SHA-256; someone in the middle strips the `-PLUS` name. The client,
/// which has binding data, sees no `-PLUS`, chooses SCRAM-SHA-256 and says
/// `y`; the server, which did offer `-PLUS`, fails the exchange with
/// `server-does-support-channel-binding`. Without the stripping, the client
/// binds and succeeds.
#[test]
fn stripping_the_plus_mechanisms_is_detected() {
    let binding = exporter(9);
    let stripped = ["SCRAM-SHA-256".to_string()];
    let (mechanism, flag) = choose_with_binding(&stripped, &Mechanism::ALL, false, Some(&binding), None).unwrap();
    assert_eq!((mechanism, &flag), (Mechanism::ScramSha256, &Gs2CbindFlag::ServerLacksBinding));
    let outcome = run(mechanism, flag, Some(binding.clone()), true, "pencil", "cn".into(), "sn");
    assert_eq!(
        outcome,
        Outcome::ServerFirst(Error::ScramServerError(ScramErrorValue::ServerDoesSupportChannelBinding))
    );

    // A server that offered no -PLUS takes `y` as it comes.
    let (mechanism, flag) = choose_with_binding(&stripped, &Mechanism::ALL, false, Some(&binding), None).unwrap();
    assert_eq!(run(mechanism, flag, Some(binding.clone()), false, "pencil", "cn".into(), "sn"), Outcome::Ok);

    let offered = ["SCRAM-SHA-256".to_string(), "SCRAM-SHA-256-PLUS".to_string()];
    let types = [ChannelBindingType::TlsExporter];
    let (mechanism, flag) =
        choose_with_binding(&offered, &Mechanism::ALL, false, Some(&binding), Some(&types)).unwrap();
    assert_eq!((mechanism, &flag), (Mechanism::ScramSha256Plus, &Gs2CbindFlag::Bind(binding.clone())));
    assert_eq!(run(mechanism, flag, Some(binding), true, "pencil", "cn".into(), "sn"), Outcome::Ok);
}

/// RFC 5802 §5.1 `c` and §7 `cbind-input`: the base64 of the GS2 header
/// followed by the binding data, on the wire.
#[test]
fn the_c_attribute_carries_header_and_data() {
    let data: Vec<u8> = (0..32).collect();
    let binding = ChannelBinding::new(ChannelBindingType::TlsExporter, data.clone());
    let mut client =
        ScramClient::new(ScramHash::Sha256, "user", "pencil", Some("admin"), "rOprNGfwEbeRWgbNEkqO".into())
            .unwrap()
            .with_channel_binding(Gs2CbindFlag::Bind(binding));
    assert_eq!(client.client_first(), b"p=tls-exporter,a=admin,n=user,r=rOprNGfwEbeRWgbNEkqO");
    let last = client
        .handle_server_first(b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
        .unwrap();
    let last = String::from_utf8(last).unwrap();
    let mut expected = b"p=tls-exporter,a=admin,".to_vec();
    expected.extend_from_slice(&data);
    assert!(last.starts_with(&format!("c={},r=", STANDARD.encode(&expected))), "{last}");

    // `y` has no data: `c` is the header alone (base64 of "y,,").
    let mut client = ScramClient::new(ScramHash::Sha1, "user", "pencil", None, "fyko+d2lbbFgONRv9qkxdawL".into())
        .unwrap()
        .with_channel_binding(Gs2CbindFlag::ServerLacksBinding);
    assert_eq!(client.client_first(), b"y,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
    let last =
        client.handle_server_first(b"r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096").unwrap();
    assert!(last.starts_with(b"c=eSws,r="));
}

/// RFC 5802 §5.1 `c` on the server: a client that binds to the right type
/// but sends only the GS2 header (no data) in `c` is a mismatch, and so is
/// data after an `n` header.
#[test]
fn the_server_wants_the_data_after_the_header() {
    let binding = exporter(3);
    let mut server =
        ScramServer::for_mechanism(Mechanism::ScramSha1Plus).unwrap().with_channel_binding(Some(binding.clone()), true);
    let stored = ScramCredentials::derive(ScramHash::Sha1, "pencil", b"salt", 4096).unwrap();
    server.handle_client_first(b"p=tls-exporter,,n=user,r=abc", "def", |_| Some(stored.clone())).unwrap();
    let header_only = format!("c={},r=abcdef,p=AAAA", STANDARD.encode("p=tls-exporter,,"));
    assert_eq!(server.handle_client_final(header_only.as_bytes()), Err(Error::ScramChannelBindingMismatch));
}

/// RFC 5802 §7 `cb-name` (`1*(ALPHA / DIGIT / "." / "-")`) is checked before
/// the type, on a `-PLUS` mechanism too; names are compared exactly.
#[test]
fn a_plus_server_checks_the_cb_name_grammar() {
    let gs2 = Error::ScramMalformed { message: ScramMessage::ClientFirst, problem: ScramProblem::Gs2Header };
    let unsupported = Error::ScramServerError(ScramErrorValue::UnsupportedChannelBindingType);
    let cases = [
        ("p=,,n=user,r=abc", gs2.clone()),
        ("p=tls exporter,,n=user,r=abc", gs2.clone()),
        ("P=tls-exporter,,n=user,r=abc", gs2),
        ("p=TLS-EXPORTER,,n=user,r=abc", unsupported.clone()),
        ("p=tls-unique,,n=user,r=abc", unsupported),
    ];
    for (first, expected) in cases {
        let mut server = ScramServer::for_mechanism(Mechanism::ScramSha256Plus)
            .unwrap()
            .with_channel_binding(Some(exporter(1)), true);
        assert_eq!(server.handle_client_first(first.as_bytes(), "def", |_| None), Err(expected), "{first}");
    }
}

/// The client's choice (RFC 5802 §6, XEP-0440 §3 and §4).
#[test]
fn the_client_chooses_plus_only_with_a_type_the_server_has() {
    let all: Vec<String> = Mechanism::ALL.iter().map(|m| m.name().to_string()).collect();
    let exporter = exporter(5);
    let endpoint = ChannelBinding::new(ChannelBindingType::TlsServerEndPoint, vec![5; 32]);
    let bind = |b: &ChannelBinding| Gs2CbindFlag::Bind(b.clone());
    let ex = ChannelBindingType::TlsExporter;
    let ep = ChannelBindingType::TlsServerEndPoint;
    type Case<'a> =
        (&'a str, Option<&'a ChannelBinding>, Option<&'a [ChannelBindingType]>, Option<(Mechanism, Gs2CbindFlag)>);
    let cases: [Case<'_>; 7] = [
        // The type is listed: the strongest -PLUS.
        ("listed", Some(&exporter), Some(&[ep, ex]), Some((Mechanism::ScramSha512Plus, bind(&exporter)))),
        // Not listed: no -PLUS, and `n` (XEP-0440 §3), not `y`.
        ("not listed", Some(&exporter), Some(&[ep]), Some((Mechanism::ScramSha512, Gs2CbindFlag::NoBinding))),
        ("empty list", Some(&exporter), Some(&[]), Some((Mechanism::ScramSha512, Gs2CbindFlag::NoBinding))),
        // No XEP-0440 feature: no guess (Prosody 0.12 and ejabberd 23.01 offer -PLUS with
        // tls-unique only, unlisted): the strongest without -PLUS, and `n` since -PLUS is offered.
        ("no list", Some(&exporter), None, Some((Mechanism::ScramSha512, Gs2CbindFlag::NoBinding))),
        ("no list, endpoint", Some(&endpoint), None, Some((Mechanism::ScramSha512, Gs2CbindFlag::NoBinding))),
        ("listed endpoint", Some(&endpoint), Some(&[ep]), Some((Mechanism::ScramSha512Plus, bind(&endpoint)))),
        // No binding data: never -PLUS, and `n`.
        ("no data", None, Some(&[ex]), Some((Mechanism::ScramSha512, Gs2CbindFlag::NoBinding))),
    ];
    for (name, available, types, expected) in cases {
        assert_eq!(choose_with_binding(&all, &Mechanism::ALL, false, available, types), expected, "{name}");
    }

    // `allowed` still rules: a client that requires binding allows -PLUS only.
    let plus_only = [Mechanism::ScramSha256Plus, Mechanism::ScramSha1Plus];
    assert_eq!(choose_with_binding(&all, &plus_only, true, Some(&exporter), Some(&[ep])), None);
    let only_sha1 = ["SCRAM-SHA-1".to_string(), "SCRAM-SHA-1-PLUS".to_string(), "PLAIN".to_string()];
    assert_eq!(
        choose_with_binding(&only_sha1, &Mechanism::ALL, true, Some(&exporter), Some(&[ex])),
        Some((Mechanism::ScramSha1Plus, bind(&exporter)))
    );
    // A client that allows no -PLUS does not say `y`: it does not bind.
    let no_plus = ["SCRAM-SHA-256".to_string()];
    assert_eq!(
        choose_with_binding(&no_plus, &Mechanism::PREFERENCE, false, Some(&exporter), None),
        Some((Mechanism::ScramSha256, Gs2CbindFlag::NoBinding))
    );
    // A -PLUS name of a hash we lack still counts as the server binding: `n`.
    let sha3 = ["SCRAM-SHA3-512-PLUS".to_string(), "SCRAM-SHA-256".to_string()];
    assert_eq!(
        choose_with_binding(&sha3, &Mechanism::ALL, false, Some(&exporter), None),
        Some((Mechanism::ScramSha256, Gs2CbindFlag::NoBinding))
    );
    // PLAIN is PLAIN.
    let plain = ["PLAIN".to_string()];
    assert_eq!(
        choose_with_binding(&plain, &Mechanism::ALL, true, Some(&exporter), None),
        Some((Mechanism::Plain, Gs2CbindFlag::NoBinding))
    );

    // `choose` never picks -PLUS, and is what it was for PREFERENCE.
    assert_eq!(choose(&all, &Mechanism::ALL, false), Some(Mechanism::ScramSha512));
    assert_eq!(choose(&all, &Mechanism::PREFERENCE, false), Some(Mechanism::ScramSha256));
    assert_eq!(choose(&all[..3], &Mechanism::ALL, true), None);
}

#[test]
fn mechanism_names_round_trip() {
    for mechanism in Mechanism::ALL {
        assert_eq!(mechanism.name().parse::<Mechanism>(), Ok(mechanism));
        assert_eq!(mechanism.to_string(), mechanism.name());
        assert_eq!(mechanism.channel_binding(), mechanism.name().ends_with("-PLUS"));
    }
    // PREFERENCE is ALL without -PLUS and SHA-512, in the same order.
    let rest: Vec<Mechanism> =
        Mechanism::ALL.into_iter().filter(|m| !m.channel_binding() && *m != Mechanism::ScramSha512).collect();
    assert_eq!(rest, Mechanism::PREFERENCE);
    assert_eq!(Mechanism::ScramSha512Plus.scram_hash(), Some(ScramHash::Sha512));
}

/// XEP-0440 v0.4.1 §2, Example 1 ("Example <mechanisms/> stream feature
/// with SASL Channel-Binding Type Capability"), verbatim but for the
/// `xmlns:stream` declaration that the stream header makes in a stream.
const XEP_0440_EXAMPLE_1: &str = "<stream:features xmlns:stream='http://etherx.jabber.org/streams'>
  <sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'>
    <channel-binding type='tls-server-end-point'/>
    <channel-binding type='tls-exporter'/>
  </sasl-channel-binding>
  <mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>
    <mechanism>EXTERNAL</mechanism>
    <mechanism>SCRAM-SHA-1-PLUS</mechanism>
    <mechanism>PLAIN</mechanism>
  </mechanisms>
</stream:features>";

/// XEP-0440 §2 Example 1, read from the features the stanza layer leaves
/// unmodelled, then the client's choice with it (§3).
#[test]
fn xep_0440_example_1() {
    let element: Element = XEP_0440_EXAMPLE_1.parse().unwrap();
    let features = StreamFeatures::parse(&element).unwrap();
    let advertised = advertised_channel_bindings(&features.others).unwrap();
    assert_eq!(
        advertised,
        AdvertisedBindings {
            types: vec![ChannelBindingType::TlsServerEndPoint, ChannelBindingType::TlsExporter],
            unknown: vec![],
        }
    );
    let offered = features.mechanisms.unwrap();
    let binding = exporter(7);
    assert_eq!(
        choose_with_binding(&offered, &Mechanism::ALL, true, Some(&binding), Some(&advertised.types)),
        Some((Mechanism::ScramSha1Plus, Gs2CbindFlag::Bind(binding)))
    );
    // Written back by a server, it reads the same (the example's order).
    let written = channel_binding_feature(&advertised.types);
    assert_eq!(
        written.to_string(),
        "<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'><channel-binding type='tls-server-end-point'/>\
         <channel-binding type='tls-exporter'/></sasl-channel-binding>"
    );
    assert_eq!(advertised_channel_bindings(&[written]), Some(advertised));
}

/// XEP-0440 §2, liberally: unknown types kept aside, a child without `type`
/// or in another namespace skipped, repeats merged, another prefix for the
/// same namespace the same; no feature at all is `None`.
#[test]
fn xep_0440_read_liberally() {
    let feature: Element = "<cb:sasl-channel-binding xmlns:cb='urn:xmpp:sasl-cb:0'>\
         <cb:channel-binding type='tls-unique-for-telnet'/>\
         <cb:channel-binding/>\
         <channel-binding type='tls-unique'/>\
         <cb:channel-binding type='tls-unique'/>\
         <cb:channel-binding type='tls-exporter'/>\
         <cb:channel-binding type='tls-exporter'/>\
         </cb:sasl-channel-binding>"
        .parse()
        .unwrap();
    let second: Element =
        "<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'><channel-binding type='tls-server-end-point'/></sasl-channel-binding>"
            .parse()
            .unwrap();
    let other: Element = "<sasl-channel-binding xmlns='urn:example'/>".parse().unwrap();
    let advertised = advertised_channel_bindings(&[other.clone(), feature, second]).unwrap();
    assert_eq!(
        advertised.types,
        [ChannelBindingType::TlsUnique, ChannelBindingType::TlsExporter, ChannelBindingType::TlsServerEndPoint]
    );
    assert_eq!(advertised.unknown, ["tls-unique-for-telnet"]);
    assert_eq!(advertised_channel_bindings(&[other]), None);
    assert_eq!(advertised_channel_bindings(&[]), None);
    let empty: Element = format!("<sasl-channel-binding xmlns='{SASL_CB_NS}'/>").parse().unwrap();
    assert_eq!(advertised_channel_bindings(&[empty]), Some(AdvertisedBindings::default()));
}

/// SCRAM-SHA-512 goes through, and refuses a wrong password.
#[test]
fn scram_sha_512_exchange() {
    let stored = ScramCredentials::derive(ScramHash::Sha512, "pencil", b"salt", 4096).unwrap();
    assert_eq!(stored.stored_key.len(), 64);
    let mut client = ScramClient::new(ScramHash::Sha512, "user", "wrong", None, "abc".into()).unwrap();
    let mut server = ScramServer::new(ScramHash::Sha512);
    let challenge = server.handle_client_first(&client.client_first(), "def", |_| Some(stored.clone())).unwrap();
    let response = client.handle_server_first(&challenge).unwrap();
    assert_eq!(server.handle_client_final(&response), Err(Error::SaslAuthenticationFailed));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Client and server agree for random passwords, nonces, binding data
    /// and mechanisms when both have the same data; and they disagree, on
    /// `c`, when the data differ in any byte.
    #[test]
    fn client_and_server_agree_on_binding(
        pass in "[!-~ ]{1,16}",
        cn in "[!-+\\--~]{1,24}",
        sn in "[!-+\\--~]{1,24}",
        data in proptest::collection::vec(any::<u8>(), 1..64),
        flip in any::<prop::sample::Index>(),
        which in 0usize..6,
        kind in 0usize..3,
    ) {
        let mechanism = SCRAM[which];
        let kind = ChannelBindingType::ALL[kind];
        let binding = ChannelBinding::new(kind, data.clone());
        let flag = if mechanism.channel_binding() { Gs2CbindFlag::Bind(binding.clone()) } else { Gs2CbindFlag::NoBinding };
        let plus = mechanism.channel_binding();
        prop_assert_eq!(run(mechanism, flag, Some(binding.clone()), plus, &pass, cn.clone(), &sn), Outcome::Ok);
        if plus {
            let mut other = data;
            let i = flip.index(other.len());
            other[i] ^= 1;
            let outcome = run(mechanism, Gs2CbindFlag::Bind(ChannelBinding::new(kind, other)), Some(binding), true, &pass, cn, &sn);
            prop_assert_eq!(outcome, Outcome::ServerFinal(Error::ScramChannelBindingMismatch));
        }
    }
}
