//! XEP-0092 Software Version: every example, the request and the answer
//! as distinct types, the helpers against Examples 1 and 2, and the errors.

#![cfg(feature = "version")]

mod small_common;

use jabber_ext::ns;
use jabber_ext::version::{SoftwareVersion, VersionRequest};
use jabber_stanza::{Error, Iq, IqKind, Payload, Stanza};
use jabber_stream::Element;
use small_common::{example, round_trip, stanza, walk};

const FILE: &str = include_str!("xep-examples/xep-0092.txt");

fn iq(number: u32) -> Iq {
    match stanza(&example(FILE, number)) {
        Stanza::Iq(iq) => iq,
        other => panic!("example {number}: {other:?}"),
    }
}

fn parse(xml: &str) -> Element {
    xml.parse().unwrap()
}

#[test]
fn every_example() {
    let walk = walk(FILE, ns::VERSION, |number, stanza, element| {
        let Stanza::Iq(iq) = stanza else { panic!("example {number}") };
        match iq.kind {
            IqKind::Get(_) => {
                round_trip::<VersionRequest>(element);
            }
            IqKind::Result(_) => {
                let version = round_trip::<SoftwareVersion>(element);
                assert!(version.malformed.is_empty() && version.unknown.is_empty(), "example {number}");
            }
            _ => panic!("example {number}"),
        }
        1
    });
    assert_eq!(walk.walked, 4);
    // Examples 3 and 4 (disco#info, §3) show iqs without a 'type', which
    // RFC 6120 §8.2.3 requires: they are not stanzas. They hold no
    // jabber:iq:version element.
    let exceptions: Vec<(u32, &str)> = walk.exceptions.iter().map(|(n, why)| (*n, why.as_str())).collect();
    assert_eq!(
        exceptions,
        [
            (3, "not a stanza: <iq/> lacks the required 'type' attribute"),
            (4, "not a stanza: <iq/> lacks the required 'type' attribute")
        ]
    );
    assert_eq!(FILE.matches("<query xmlns='jabber:iq:version'").count(), 2);
    assert_eq!(walk.typed_total(), 2);
    // The feature Example 4 announces is the namespace.
    assert!(example(FILE, 4).contains(&format!("<feature var='{}'/>", ns::VERSION)));
}

#[test]
fn examples_1_and_2() {
    // XEP-0092 Example 1: the request.
    let request = iq(1);
    assert!(SoftwareVersion::is_request(&request));
    assert_eq!(request.payload::<VersionRequest>(), Some(Ok(VersionRequest)));
    assert_eq!(
        request,
        SoftwareVersion::request("version_1")
            .with_from("romeo@montague.net/orchard".parse().unwrap())
            .with_to("juliet@capulet.com/balcony".parse().unwrap())
    );

    // Example 2: the answer, exactly.
    let answer = iq(2);
    let version: SoftwareVersion = answer.payload().unwrap().unwrap();
    assert_eq!(version, SoftwareVersion::new("Exodus", "0.7.0.4").with_os("Windows-XP 5.01.2600"));
    assert!(!SoftwareVersion::is_request(&answer));
    assert_eq!(version.answer(&answer), None);

    // Answering Example 1 gives Example 2 (but for the whitespace between
    // the children, which the XEP shows and we do not write).
    let reply = version.answer(&request).unwrap();
    assert_eq!((&reply.id, &reply.from, &reply.to), (&answer.id, &answer.from, &answer.to));
    assert_eq!(reply.payload::<SoftwareVersion>(), Some(Ok(version)));
    assert_eq!(
        reply.to_element().to_string(),
        "<iq xmlns='jabber:client' from='juliet@capulet.com/balcony' to='romeo@montague.net/orchard' \
         id='version_1' type='result'><query xmlns='jabber:iq:version'><name>Exodus</name>\
         <version>0.7.0.4</version><os>Windows-XP 5.01.2600</os></query></iq>"
    );
    // Without the operating system (XEP-0092 §5).
    assert_eq!(
        SoftwareVersion::new("Exodus", "0.7.0.4").to_element().to_string(),
        "<query xmlns='jabber:iq:version'><name>Exodus</name><version>0.7.0.4</version></query>"
    );
}

#[test]
fn request_and_answer_are_distinct() {
    // The request is empty; a query with a name is an answer.
    let answer = parse("<query xmlns='jabber:iq:version'><name>Exodus</name><version>0.7.0.4</version></query>");
    assert!(matches!(VersionRequest::parse(&answer), Err(Error::UnexpectedChild { element: "query", .. })));
    assert_eq!(
        SoftwareVersion::parse(&parse("<query xmlns='jabber:iq:version'/>")),
        Err(Error::MissingChild { element: "query", child: "name" })
    );
    // A request with content is still one to answer.
    let odd = Iq::parse(&parse(
        "<iq xmlns='jabber:client' type='get' id='v1'><query xmlns='jabber:iq:version'><x/></query></iq>",
    ))
    .unwrap();
    assert!(SoftwareVersion::is_request(&odd));
}

#[test]
fn name_and_version_are_required_the_rest_is_kept() {
    assert_eq!(
        SoftwareVersion::parse(&parse("<query xmlns='jabber:iq:version'><name>Exodus</name></query>")),
        Err(Error::MissingChild { element: "query", child: "version" })
    );
    assert!(matches!(
        SoftwareVersion::parse(&parse(
            "<query xmlns='jabber:iq:version'><name><b/>Exodus</name><version>1</version></query>"
        )),
        Err(Error::UnexpectedChild { element: "name", .. })
    ));
    // A second name: the first is read, the second kept and reported.
    let twice = round_trip::<SoftwareVersion>(&parse(
        "<query xmlns='jabber:iq:version'><name>A</name><name>B</name><version>1</version></query>",
    ));
    assert_eq!(twice.name, "A");
    assert_eq!(twice.malformed, [Error::DuplicateChild { element: "query", child: "name" }]);
    assert_eq!(twice.unknown.children.len(), 1);
    // An empty name or version is still one.
    let empty = round_trip::<SoftwareVersion>(&parse("<query xmlns='jabber:iq:version'><name/><version/></query>"));
    assert_eq!((empty.name.as_str(), empty.version.as_str()), ("", ""));
    // A second os, an unknown element of the namespace (reported) and of
    // another (not reported): kept and written back.
    let version = round_trip::<SoftwareVersion>(&parse(
        "<query xmlns='jabber:iq:version'><name>Exodus</name><version>0.7.0.4</version>\
         <os>Linux</os><os>BSD</os><build>42</build><x xmlns='urn:example'/></query>",
    ));
    assert_eq!(version.os.as_deref(), Some("Linux"));
    assert_eq!(
        version.malformed,
        [
            Error::DuplicateChild { element: "query", child: "os" },
            Error::UnexpectedChild { element: "query", child: "build".into(), ns: "jabber:iq:version".into() },
        ]
    );
    assert_eq!(version.unknown.children.len(), 3);
}
