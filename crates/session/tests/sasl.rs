//! SASL mechanisms against the example exchanges of RFC 5802 §5, RFC 7677
//! §3 and RFC 4616 §4, on both sides, and negative tests by variant.

use jabber_session::Error;
use jabber_session::sasl::{
    Credentials, Mechanism, ScramClient, ScramCredentials, ScramErrorValue, ScramHash, ScramMessage, ScramProblem,
    ScramServer, choose, parse_plain, plain_message,
};
use proptest::prelude::*;

struct Vector {
    hash: ScramHash,
    client_nonce: &'static str,
    server_nonce: &'static str,
    salt_b64: &'static str,
    client_first: &'static str,
    server_first: &'static str,
    client_final: &'static str,
    server_final: &'static str,
}

/// RFC 5802 §5 (user "user", password "pencil").
const RFC5802: Vector = Vector {
    hash: ScramHash::Sha1,
    client_nonce: "fyko+d2lbbFgONRv9qkxdawL",
    server_nonce: "3rfcNHYJY1ZVvWVs7j",
    salt_b64: "QSXCR+Q6sek8bf92",
    client_first: "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
    server_first: "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
    client_final: "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
    server_final: "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=",
};

/// RFC 7677 §3 (user "user", password "pencil").
const RFC7677: Vector = Vector {
    hash: ScramHash::Sha256,
    client_nonce: "rOprNGfwEbeRWgbNEkqO",
    server_nonce: "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
    salt_b64: "W22ZaJ0SNY7soEsUEjb6gQ==",
    client_first: "n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
    server_first: "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
    client_final: "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
    server_final: "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
};

fn salt(v: &Vector) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(v.salt_b64).unwrap()
}

#[test]
fn rfc_vectors_client_side() {
    for v in [RFC5802, RFC7677] {
        let mut c = ScramClient::new(v.hash, "user", "pencil", None, v.client_nonce.into()).unwrap();
        assert_eq!(c.client_first(), v.client_first.as_bytes());
        assert_eq!(c.handle_server_first(v.server_first.as_bytes()).unwrap(), v.client_final.as_bytes());
        c.handle_server_final(v.server_final.as_bytes()).unwrap();
        assert!(c.is_done());
    }
}

#[test]
fn rfc_vectors_server_side() {
    for v in [RFC5802, RFC7677] {
        let stored = ScramCredentials::derive(v.hash, "pencil", &salt(&v), 4096).unwrap();
        let mut s = ScramServer::new(v.hash);
        let first = s
            .handle_client_first(v.client_first.as_bytes(), v.server_nonce, |user| {
                assert_eq!(user, "user");
                Some(stored.clone())
            })
            .unwrap();
        assert_eq!(first, v.server_first.as_bytes());
        let (last, who) = s.handle_client_final(v.client_final.as_bytes()).unwrap();
        assert_eq!(last, v.server_final.as_bytes());
        assert_eq!((who.authcid.as_str(), who.authzid), ("user", None));
    }
}

/// RFC 6120 §9.1.2 (steps 8 to 11): juliet's SCRAM-SHA-1 exchange, as the RFC's walkthrough
/// shows it (quoted by goxmpp's stream tests; base64 decoded here).
#[test]
fn rfc6120_walkthrough_exchange() {
    use base64::Engine;
    let server_nonce = "e124695b-69a9-4de6-9c30-b51b3808c59e";
    let server_first = "r=oMsTAAwAAAAMAAAANP0TAAAAAABPU0AAe124695b-69a9-4de6-9c30-b51b3808c59e,\
                        s=NjhkYTM0MDgtNGY0Zi00NjdmLTkxMmUtNDlmNTNmNDNkMDMz,i=4096";
    let client_final = "c=biws,r=oMsTAAwAAAAMAAAANP0TAAAAAABPU0AAe124695b-69a9-4de6-9c30-b51b3808c59e,\
                        p=UA57tM/SvpATBkH2FXs0WDXvJYw=";
    let server_final = "v=pNNDFVEQxuXxCoSEiW8GEZ+1RSo=";
    let mut client =
        ScramClient::new(ScramHash::Sha1, "juliet", "r0m30myr0m30", None, "oMsTAAwAAAAMAAAANP0TAAAAAABPU0AA".into())
            .unwrap();
    assert_eq!(client.client_first(), b"n,,n=juliet,r=oMsTAAwAAAAMAAAANP0TAAAAAABPU0AA");
    assert_eq!(client.handle_server_first(server_first.as_bytes()).unwrap(), client_final.as_bytes());
    client.handle_server_final(server_final.as_bytes()).unwrap();

    let salt =
        base64::engine::general_purpose::STANDARD.decode("NjhkYTM0MDgtNGY0Zi00NjdmLTkxMmUtNDlmNTNmNDNkMDMz").unwrap();
    let stored = ScramCredentials::derive(ScramHash::Sha1, "r0m30myr0m30", &salt, 4096).unwrap();
    let mut server = ScramServer::new(ScramHash::Sha1);
    let first = server
        .handle_client_first(b"n,,n=juliet,r=oMsTAAwAAAAMAAAANP0TAAAAAABPU0AA", server_nonce, |_| Some(stored))
        .unwrap();
    assert_eq!(first, server_first.as_bytes());
    let (last, who) = server.handle_client_final(client_final.as_bytes()).unwrap();
    assert_eq!((last.as_slice(), who.authcid.as_str()), (server_final.as_bytes(), "juliet"));
}

#[test]
fn wrong_password_and_unknown_user_look_alike() {
    let v = RFC7677;
    let stored = ScramCredentials::derive(v.hash, "not pencil", &salt(&v), 4096).unwrap();
    let mut s = ScramServer::new(v.hash);
    s.handle_client_first(v.client_first.as_bytes(), v.server_nonce, |_| Some(stored)).unwrap();
    assert_eq!(s.handle_client_final(v.client_final.as_bytes()), Err(Error::SaslAuthenticationFailed));
    assert_eq!(Error::SaslAuthenticationFailed.sasl_condition(), jabber_stanza::SaslCondition::NotAuthorized);
    // An unknown user gets a server-first message all the same (a fake salt).
    let mut s = ScramServer::new(v.hash);
    let first = s.handle_client_first(v.client_first.as_bytes(), v.server_nonce, |_| None).unwrap();
    assert!(first.starts_with(b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s="));
    assert_eq!(s.handle_client_final(v.client_final.as_bytes()), Err(Error::SaslAuthenticationFailed));
}

#[test]
fn client_detects_a_bad_server() {
    let v = RFC7677;
    let client = || {
        let mut c = ScramClient::new(v.hash, "user", "pencil", None, v.client_nonce.into()).unwrap();
        c.client_first();
        c
    };
    // Wrong signature, missing signature, server error.
    let mut c = client();
    c.handle_server_first(v.server_first.as_bytes()).unwrap();
    assert_eq!(
        c.handle_server_final(b"v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
        Err(Error::ScramServerSignatureMismatch)
    );
    let mut c = client();
    c.handle_server_first(v.server_first.as_bytes()).unwrap();
    assert_eq!(c.handle_server_final(b""), Err(Error::ScramServerSignatureMismatch));
    let mut c = client();
    c.handle_server_first(v.server_first.as_bytes()).unwrap();
    assert_eq!(c.handle_server_final(b"e=other-error"), Err(Error::ScramServerError(ScramErrorValue::OtherError)));
    // A nonce that does not extend the client's, or adds nothing.
    assert_eq!(
        client().handle_server_first(b"r=someoneelse,s=QSXCR+Q6sek8bf92,i=4096"),
        Err(Error::ScramNonceMismatch)
    );
    assert_eq!(
        client().handle_server_first(b"r=rOprNGfwEbeRWgbNEkqO,s=QSXCR+Q6sek8bf92,i=4096"),
        Err(Error::ScramNonceMismatch)
    );
    // Iteration counts out of bounds, both ways.
    let r = "r=rOprNGfwEbeRWgbNEkqOxyz,s=QSXCR+Q6sek8bf92";
    assert!(matches!(
        client().handle_server_first(format!("{r},i=1").as_bytes()),
        Err(Error::ScramIterations { iterations: 1, .. })
    ));
    assert!(matches!(
        client().handle_server_first(format!("{r},i=4000000000").as_bytes()),
        Err(Error::ScramIterations { iterations: 4_000_000_000, .. })
    ));
    // Mandatory extension, malformed messages.
    assert_eq!(
        client().handle_server_first(b"m=ext,r=rOprNGfwEbeRWgbNEkqOx,s=QQ==,i=4096"),
        Err(Error::ScramMandatoryExtension { message: ScramMessage::ServerFirst })
    );
    for bad in [&b"r=rOprNGfwEbeRWgbNEkqOx,i=4096"[..], b"r=rOprNGfwEbeRWgbNEkqOx,s=!!!,i=4096", b"garbage", b"\xff"] {
        assert!(
            matches!(
                client().handle_server_first(bad),
                Err(Error::ScramMalformed { message: ScramMessage::ServerFirst, .. })
            ),
            "{bad:?}"
        );
    }
    // Steps out of order.
    let mut c = ScramClient::new(v.hash, "user", "pencil", None, v.client_nonce.into()).unwrap();
    assert!(matches!(c.handle_server_final(b"v=x"), Err(Error::ScramOutOfOrder { .. })));
}

/// A client that has sent the client-first message of RFC 7677 §3.
fn rfc7677_client() -> ScramClient {
    let v = RFC7677;
    let mut c = ScramClient::new(v.hash, "user", "pencil", None, v.client_nonce.into()).unwrap();
    c.client_first();
    c
}

/// The server-first message of RFC 7677 §3 with `tail` appended.
fn rfc7677_server_first(tail: &str) -> Vec<u8> {
    format!("{}{tail}", RFC7677.server_first).into_bytes()
}

fn server_first_problem(problem: ScramProblem) -> Result<Vec<u8>, Error> {
    Err(Error::ScramMalformed { message: ScramMessage::ServerFirst, problem })
}

/// RFC 5802 §5.1 `m`: "its presence in a client or a server message MUST cause authentication
/// failure when the attribute is parsed by the other end", wherever it stands: the client used to
/// look at the first attribute only, and ignored `m` among the extensions.
#[test]
fn m_anywhere_in_the_server_first_message_fails() {
    let mandatory = Err(Error::ScramMandatoryExtension { message: ScramMessage::ServerFirst });
    for tail in [",m=ext", ",x=1,m=ext"] {
        assert_eq!(rfc7677_client().handle_server_first(&rfc7677_server_first(tail)), mandatory, "{tail}");
    }
}

/// RFC 5802 §7 `server-first-message = [reserved-mext ","] nonce "," salt "," iteration-count
/// ["," extensions]`: the order is fixed (§5.1), each attribute RFC 5802 defines occurs once, in
/// its place; an extension RFC 5802 does not define is ignored ("unrecognized attributes not
/// defined in this document MUST be ignored", §7), e.g. XEP-0474's `d`.
#[test]
fn the_server_first_message_follows_the_grammar() {
    let (r, s) = ("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0", "s=W22ZaJ0SNY7soEsUEjb6gQ==");
    let cases: Vec<(String, ScramProblem)> = vec![
        (format!("{r},{s},i=4096,i=1"), ScramProblem::Duplicate { attribute: 'i' }),
        (format!("{r},{s},i=4096,{r}"), ScramProblem::Duplicate { attribute: 'r' }),
        (format!("{r},{s},i=4096,v=AAAA"), ScramProblem::Misplaced { attribute: 'v' }),
        (format!("{r},{s},i=4096,p=AAAA"), ScramProblem::Misplaced { attribute: 'p' }),
        (format!("{s},{r},i=4096"), ScramProblem::Misplaced { attribute: 'r' }),
        (format!("{r},i=4096,{s}"), ScramProblem::Misplaced { attribute: 's' }),
        (format!("{r},x=1,{s},i=4096"), ScramProblem::Misplaced { attribute: 's' }),
        (format!("{r},i=4096"), ScramProblem::Missing { attribute: 's' }),
        (format!("{r},{s}"), ScramProblem::Missing { attribute: 'i' }),
        (format!("{s},i=4096"), ScramProblem::Missing { attribute: 'r' }),
        (format!("{r},{s},i=4096,"), ScramProblem::NotAnAttribute { index: 3 }),
        (format!("{r},{s},i="), ScramProblem::InvalidValue { attribute: 'i' }),
    ];
    for (message, expected) in cases {
        assert_eq!(
            rfc7677_client().handle_server_first(message.as_bytes()),
            server_first_problem(expected),
            "{message}"
        );
    }
    // Extensions RFC 5802 does not define are ignored, and signed: the AuthMessage holds them.
    assert!(rfc7677_client().handle_server_first(&rfc7677_server_first(",d=xyz,x=1")).is_ok());
    let mut c = rfc7677_client();
    c.handle_server_first(&rfc7677_server_first(",d=xyz")).unwrap();
    assert_eq!(c.handle_server_final(RFC7677.server_final.as_bytes()), Err(Error::ScramServerSignatureMismatch));
}

/// RFC 5802 §5.1 `i` ("iteration count") is `posit-number` (§7: `%x31-39 *DIGIT`): no sign, no
/// leading zero, no zero; `s` is base64 (§7, RFC 4648 §4 with padding); `r` is the client's nonce
/// followed by `printable` characters of the server's (§5.1 `r`, §7 `printable`).
#[test]
fn the_server_first_values_are_what_rfc_5802_says() {
    let r = "r=rOprNGfwEbeRWgbNEkqOserver";
    for i in ["+4096", "04096", "0", "-4096", "4096.0", "0x1000", "4 096"] {
        let message = format!("{r},s=QSXCR+Q6sek8bf92,i={i}");
        let mut c = rfc7677_client().with_iteration_bounds(0, u32::MAX);
        assert_eq!(
            c.handle_server_first(message.as_bytes()),
            server_first_problem(ScramProblem::InvalidValue { attribute: 'i' }),
            "{message}"
        );
    }
    // A count too large for u32 is out of bounds, not malformed.
    assert!(matches!(
        rfc7677_client().handle_server_first(format!("{r},s=QSXCR+Q6sek8bf92,i=99999999999").as_bytes()),
        Err(Error::ScramIterations { iterations: u32::MAX, .. })
    ));
    for salt in ["QSXCR+Q6sek8bf9", "QSXCR+Q6sek8bf92=", "QSXCR Q6sek8bf92", "=QSXCR+Q6sek8bf9"] {
        let message = format!("{r},s={salt},i=4096");
        assert_eq!(
            rfc7677_client().handle_server_first(message.as_bytes()),
            server_first_problem(ScramProblem::InvalidBase64 { attribute: 's' }),
            "{message}"
        );
    }
    for nonce in ["rOprNGfwEbeRWgbNEkqOserv er", "rOprNGfwEbeRWgbNEkqO\u{7f}", "rOprNGfwEbeRWgbNEkqOs\u{e9}rver"] {
        let message = format!("r={nonce},s=QSXCR+Q6sek8bf92,i=4096");
        assert_eq!(
            rfc7677_client().handle_server_first(message.as_bytes()),
            server_first_problem(ScramProblem::InvalidValue { attribute: 'r' }),
            "{message}"
        );
    }
    // The client's nonce must be the start (§5.1 `r`: "The client MUST verify that the initial
    // part of the nonce used in subsequent messages is the same as the nonce it initially
    // specified").
    assert_eq!(
        rfc7677_client().handle_server_first(b"r=XrOprNGfwEbeRWgbNEkqO,s=QSXCR+Q6sek8bf92,i=4096"),
        Err(Error::ScramNonceMismatch)
    );
    // A server that fails early says so with `e=` (RFC 5802 §5.1 `e`).
    assert_eq!(
        rfc7677_client().handle_server_first(b"e=unknown-user"),
        Err(Error::ScramServerError(ScramErrorValue::UnknownUser))
    );
}

/// RFC 5802 §7 `server-final-message = (server-error / verifier) ["," extensions]`: after a valid
/// verifier the client used to stop reading, so `m`, a second `v` or an `e` after it passed.
#[test]
fn the_server_final_message_follows_the_grammar() {
    let v = RFC7677;
    let after_first = || {
        let mut c = rfc7677_client();
        c.handle_server_first(v.server_first.as_bytes()).unwrap();
        c
    };
    let final_with = |tail: &str| after_first().handle_server_final(format!("{}{tail}", v.server_final).as_bytes());
    let malformed = |problem| Err(Error::ScramMalformed { message: ScramMessage::ServerFinal, problem });
    // §5.1 `m`, wherever it stands.
    assert_eq!(final_with(",m=ext"), Err(Error::ScramMandatoryExtension { message: ScramMessage::ServerFinal }));
    assert_eq!(final_with(&format!(",{}", v.server_final)), malformed(ScramProblem::Duplicate { attribute: 'v' }));
    // §5.1 `e`: an error, whatever else the message says; its value typed (§7 `server-error-value`).
    assert_eq!(final_with(",e=other-error"), Err(Error::ScramServerError(ScramErrorValue::OtherError)));
    assert_eq!(
        after_first().handle_server_final(b"e=invalid-proof"),
        Err(Error::ScramServerError(ScramErrorValue::InvalidProof))
    );
    assert_eq!(
        after_first().handle_server_final(b"e=channel-bindings-dont-match,x=1"),
        Err(Error::ScramServerError(ScramErrorValue::ChannelBindingsDontMatch))
    );
    assert_eq!(
        after_first().handle_server_final(b"e=some-future-error"),
        Err(Error::ScramServerError(ScramErrorValue::Other("some-future-error".into())))
    );
    assert_eq!(
        after_first().handle_server_final(format!("x=1,{}", v.server_final).as_bytes()),
        malformed(ScramProblem::Misplaced { attribute: 'v' })
    );
    assert_eq!(final_with(",s=QQ=="), malformed(ScramProblem::Misplaced { attribute: 's' }));
    assert_eq!(after_first().handle_server_final(b"x=1"), malformed(ScramProblem::Missing { attribute: 'v' }));
    assert_eq!(after_first().handle_server_final(b"v=@@@@"), malformed(ScramProblem::InvalidBase64 { attribute: 'v' }));
    // An extension RFC 5802 does not define is ignored.
    assert_eq!(final_with(",x=ext"), Ok(()));
}

#[test]
fn server_refuses_bad_client_messages() {
    let v = RFC7677;
    let stored = ScramCredentials::derive(v.hash, "pencil", &salt(&v), 4096).unwrap();
    let first = |msg: &[u8]| ScramServer::new(v.hash).handle_client_first(msg, "srv", |_| Some(stored.clone()));
    for bad in [
        &b"x,,n=user,r=abc"[..],
        b"n,b=x,n=user,r=abc",
        b"n,,r=abc,n=user",
        b"n,,n=us=5Cer,r=abc",
        b"n,,n=,r=abc",
        b"n,,n=user",
        b"nope",
    ] {
        assert!(
            matches!(first(bad), Err(Error::ScramMalformed { message: ScramMessage::ClientFirst, .. })),
            "{}",
            String::from_utf8_lossy(bad)
        );
    }
    assert!(matches!(first(b"p=tls-unique,,n=user,r=abc"), Err(Error::ScramChannelBindingNotSupported { .. })));
    assert_eq!(
        first(b"n,,m=ext,n=user,r=abc"),
        Err(Error::ScramMandatoryExtension { message: ScramMessage::ClientFirst })
    );
    // A final message whose binding or nonce does not match.
    let mut s = ScramServer::new(v.hash);
    s.handle_client_first(v.client_first.as_bytes(), v.server_nonce, |_| Some(stored.clone())).unwrap();
    let tampered = v.client_final.replace("c=biws", "c=eSws");
    assert_eq!(s.handle_client_final(tampered.as_bytes()), Err(Error::ScramChannelBindingMismatch));
    let mut s = ScramServer::new(v.hash);
    s.handle_client_first(v.client_first.as_bytes(), v.server_nonce, |_| Some(stored.clone())).unwrap();
    let tampered = v.client_final.replace("k0,p=", "k1,p=");
    assert_eq!(s.handle_client_final(tampered.as_bytes()), Err(Error::ScramNonceMismatch));
}

#[test]
fn authzid_and_special_characters_round_trip() {
    for hash in [ScramHash::Sha1, ScramHash::Sha256] {
        let stored = ScramCredentials::derive(hash, "p\u{e4}ss,=word", b"saltsalt", 4096).unwrap();
        let mut c =
            ScramClient::new(hash, "we,ird=name", "p\u{e4}ss,=word", Some("admin@example.com"), "abc".into()).unwrap();
        let mut s = ScramServer::new(hash);
        let first = c.client_first();
        assert!(first.starts_with(b"n,a=admin@example.com,n=we=2Cird=3Dname,r=abc"));
        let challenge = s.handle_client_first(&first, "def", |u| (u == "we,ird=name").then(|| stored.clone())).unwrap();
        let response = c.handle_server_first(&challenge).unwrap();
        let (last, who) = s.handle_client_final(&response).unwrap();
        c.handle_server_final(&last).unwrap();
        assert_eq!(who.authzid.as_deref(), Some("admin@example.com"));
    }
}

#[test]
fn plain_and_mechanism_choice() {
    assert_eq!(parse_plain(&plain_message(None, "juliet", "r0m30myr0m30")).unwrap().1, "juliet");
    let offered: Vec<String> = ["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"].iter().map(|s| s.to_string()).collect();
    assert_eq!(choose(&offered, &Mechanism::PREFERENCE, false), Some(Mechanism::ScramSha256));
    assert_eq!(choose(&offered, &[Mechanism::Plain], false), None, "PLAIN needs TLS or permission");
    assert_eq!(choose(&offered, &[Mechanism::Plain], true), Some(Mechanism::Plain));
    assert_eq!(choose(&["DIGEST-MD5".into()], &Mechanism::PREFERENCE, true), None);
    // Credentials check PLAIN against stored SCRAM keys.
    struct Store(ScramCredentials);
    impl Credentials for Store {
        fn scram(&self, user: &str, hash: ScramHash) -> Option<ScramCredentials> {
            (user == "juliet" && hash == ScramHash::Sha256).then(|| self.0.clone())
        }
    }
    let store = Store(ScramCredentials::derive(ScramHash::Sha256, "r0m30myr0m30", b"0123456789abcdef", 4096).unwrap());
    assert!(store.verify_plain("juliet", "r0m30myr0m30"));
    assert!(!store.verify_plain("juliet", "wrong"));
    assert!(!store.verify_plain("romeo", "r0m30myr0m30"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Client and server agree for arbitrary names, passwords and nonces.
    #[test]
    fn client_and_server_agree(user in "[a-zA-Z0-9,=@ ]{1,12}", pass in "[!-~ ]{1,16}", cn in "[!-+\\--~]{1,24}", sn in "[!-+\\--~]{1,24}", sha256 in any::<bool>()) {
        let hash = if sha256 { ScramHash::Sha256 } else { ScramHash::Sha1 };
        let stored = ScramCredentials::derive(hash, &pass, b"salt", 4096).unwrap();
        let mut c = ScramClient::new(hash, &user, &pass, None, cn).unwrap();
        let mut s = ScramServer::new(hash);
        let first = c.client_first();
        let challenge = s.handle_client_first(&first, &sn, |_| Some(stored.clone())).unwrap();
        let response = c.handle_server_first(&challenge).unwrap();
        let (last, who) = s.handle_client_final(&response).unwrap();
        prop_assert_eq!(who.authcid, stringprep::saslprep(&user).unwrap().into_owned());
        prop_assert!(c.handle_server_final(&last).is_ok());
    }

    /// Garbage in any message never panics.
    #[test]
    fn garbage_never_panics(a in proptest::collection::vec(any::<u8>(), 0..80), b in proptest::collection::vec(any::<u8>(), 0..80)) {
        let _ = parse_plain(&a);
        let mut s = ScramServer::new(ScramHash::Sha1);
        let _ = s.handle_client_first(&a, "n", |_| None);
        let _ = s.handle_client_final(&b);
        let mut c = ScramClient::new(ScramHash::Sha256, "u", "p", None, "n".into()).unwrap();
        c.client_first();
        let _ = c.handle_server_first(&a);
        let _ = c.handle_server_final(&b);
    }
}
