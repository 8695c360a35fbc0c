//! XEP-0059 Result Set Management: every example (the `<set/>`s are inside
//! other protocols' queries, `jabber:iq:search` and disco#items, and are
//! found at any depth), exact values of the interesting ones, the paging
//! helpers against the examples that follow each other, and what a
//! malformed set keeps and reports.

#![cfg(feature = "rsm")]

mod small_common;

use jabber_ext::ns;
use jabber_ext::rsm::{Before, First, SetQuery, SetResult};
use jabber_stanza::{Error, IqKind, Payload, Stanza};
use jabber_stream::Element;
use proptest::prelude::*;
use small_common::{example, find, round_trip, stanza, walk};

const FILE: &str = include_str!("xep-examples/xep-0059.txt");

/// The set of the request or result in an example (the only one).
fn set_of(number: u32) -> Element {
    let element = stanza(&example(FILE, number)).to_element();
    let mut found = Vec::new();
    find(&element, ns::RSM, &mut found);
    assert_eq!(found.len(), 1, "example {number}");
    found[0].clone()
}

fn query(number: u32) -> SetQuery {
    let set = round_trip::<SetQuery>(&set_of(number));
    assert!(set.malformed.is_empty() && set.unknown.is_empty(), "example {number}: {set:?}");
    set
}

fn result(number: u32) -> SetResult {
    let set = round_trip::<SetResult>(&set_of(number));
    assert!(set.malformed.is_empty() && set.unknown.is_empty(), "example {number}: {set:?}");
    set
}

#[test]
fn every_example() {
    let walk = walk(FILE, ns::RSM, |number, stanza, element| {
        let Stanza::Iq(iq) = stanza else { panic!("example {number}: RSM in an iq") };
        // A request's set, also when an error echoes the request
        // (Examples 10 and 14); a result's set.
        match &iq.kind {
            IqKind::Get(_) | IqKind::Set(_) | IqKind::Error { .. } => {
                let set = round_trip::<SetQuery>(element);
                assert!(set.malformed.is_empty() && set.unknown.is_empty(), "example {number}");
            }
            IqKind::Result(_) => {
                let set = round_trip::<SetResult>(element);
                assert!(set.malformed.is_empty() && set.unknown.is_empty(), "example {number}");
            }
        }
        1
    });
    assert_eq!(walk.walked, 21);
    // Every example is XML and every stanza parses.
    assert!(walk.exceptions.is_empty(), "{:?}", walk.exceptions);
    // Counted in the text, independently of the parser.
    assert_eq!(FILE.matches("<set xmlns='http://jabber.org/protocol/rsm'>").count(), 18);
    assert_eq!(walk.typed_total(), 18);
    // Examples 2 (a limited result without RSM), 20 and 21 (disco#info)
    // have none.
    let without: Vec<u32> = walk.typed.iter().filter(|(_, n)| **n == 0).map(|(n, _)| *n).collect();
    assert_eq!(without, [2, 20, 21]);
}

#[test]
fn requests_are_what_the_helpers_build() {
    // XEP-0059 Examples 1 and 3: a limit, the first page.
    assert_eq!(query(1), SetQuery::limit(10));
    assert_eq!(query(3), SetQuery::limit(10));
    // Example 5: the page after Example 4's.
    assert_eq!(query(5), result(4).next_page(10).unwrap());
    assert_eq!(query(5).after.as_deref(), Some("peterpan@neverland.lit"));
    // Example 8: the page before Example 6's.
    assert_eq!(query(8), result(6).previous_page(10).unwrap());
    assert_eq!(query(8).before, Some(Before::Uid("peter@pixyland.org".into())));
    // Example 11: the last page, an empty <before/>.
    assert_eq!(query(11), SetQuery::last_page(10));
    assert_eq!(query(11).before, Some(Before::LastPage));
    // Example 12: a page by index.
    assert_eq!(query(12), SetQuery::at_index(371, 10));
    // Example 15: the count only.
    assert_eq!(query(15), SetQuery::item_count());
    // Examples 17 and 19 (disco#items): a limit of 20, then the next page.
    assert_eq!(query(17), SetQuery::limit(20));
    assert_eq!(query(19), result(18).next_page(20).unwrap());
    // The errors echo the request: Examples 10 (= 5) and 14 (= 12).
    assert_eq!(query(10), query(5));
    assert_eq!(query(14), query(12));
}

#[test]
fn results_have_the_exact_values() {
    // XEP-0059 Example 4.
    let page = result(4);
    assert_eq!(page, SetResult::page("stpeter@jabber.org", Some(0), "peterpan@neverland.lit", Some(800)));
    assert_eq!(page.first, Some(First { index: Some(0), uid: "stpeter@jabber.org".into() }));
    assert!(page.previous_page(10).is_none(), "the first page has none before it");
    assert!(!page.is_last_page(10));
    // Example 6: the second page.
    assert_eq!(result(6), SetResult::page("peter@pixyland.org", Some(10), "peter@rabbit.lit", Some(800)));
    // Example 7: an empty page, which ends the paging.
    let empty = result(7);
    assert_eq!(empty, SetResult::count_only(790));
    assert!(empty.is_empty_page() && empty.is_last_page(0));
    assert!(empty.next_page(10).is_none() && empty.previous_page(10).is_none());
    // Example 9 is Example 4's page again.
    assert_eq!(result(9), result(4));
    // Example 13: the page at index 371.
    assert_eq!(result(13).first_index(), Some(371));
    // Example 16: the count.
    assert_eq!(result(16), SetResult::count_only(800));
    // Example 18 (disco#items): 20 rooms of 150.
    let rooms = result(18);
    assert_eq!(rooms.first_uid(), Some("acc3594e844c77696f7a7ba9367ae324b6b958ad"));
    assert_eq!(rooms.last.as_deref(), Some("4da91d4b330112f683dddaebf93180b1bd25e95f"));
    assert_eq!((rooms.first_index(), rooms.count), (Some(0), Some(150)));
}

#[test]
fn the_set_is_found_in_its_query() {
    // XEP-0059 Example 18: the set after the items of a disco#items query.
    let Stanza::Iq(iq) = stanza(&example(FILE, 18)) else { panic!() };
    let query = iq.payload_element().unwrap();
    assert_eq!(SetResult::find_in(query), Some(Ok(result(18))));
    // Example 17: the request's.
    let Stanza::Iq(iq) = stanza(&example(FILE, 17)) else { panic!() };
    assert_eq!(SetQuery::find_in(iq.payload_element().unwrap()), Some(Ok(SetQuery::limit(20))));
    // Example 2: a limited result without a set.
    let Stanza::Iq(iq) = stanza(&example(FILE, 2)) else { panic!() };
    assert_eq!(SetResult::find_in(iq.payload_element().unwrap()), None);
}

#[test]
fn what_is_written() {
    assert_eq!(
        SetQuery::last_page(10).to_element().to_string(),
        "<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><before/></set>"
    );
    assert_eq!(
        SetQuery::after("peterpan@neverland.lit", 10).to_element().to_string(),
        "<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><after>peterpan@neverland.lit</after></set>"
    );
    assert_eq!(
        SetResult::page("stpeter@jabber.org", Some(0), "peterpan@neverland.lit", Some(800)).to_element().to_string(),
        "<set xmlns='http://jabber.org/protocol/rsm'><first index='0'>stpeter@jabber.org</first>\
         <last>peterpan@neverland.lit</last><count>800</count></set>"
    );
    // A UID of nothing is the last page.
    let empty_uid = SetQuery { before: Some(Before::Uid(String::new())), ..SetQuery::limit(1) };
    assert_eq!(SetQuery::parse(&empty_uid.to_element()).unwrap().before, Some(Before::LastPage));
}

fn parse(xml: &str) -> Element {
    xml.parse().unwrap()
}

#[test]
fn a_malformed_part_is_kept_and_reported() {
    // A count that is not a number: the rest of the set is read.
    let set = round_trip::<SetResult>(&parse(
        "<set xmlns='http://jabber.org/protocol/rsm'><first index='0'>a</first><last>b</last>\
         <count>many</count></set>",
    ));
    assert_eq!((set.first_uid(), set.last.as_deref(), set.count), (Some("a"), Some("b"), None));
    assert_eq!(set.malformed, [Error::InvalidText { element: "count", text: "many".into() }]);
    assert_eq!(set.unknown.children.len(), 1);

    // A first whose index is not a number.
    let set = round_trip::<SetResult>(&parse(
        "<set xmlns='http://jabber.org/protocol/rsm'><first index='-1'>a</first><last>a</last></set>",
    ));
    assert_eq!(set.first, None);
    assert_eq!(set.malformed, [Error::InvalidAttribute { element: "first", attribute: "index", value: "-1".into() }]);

    // A second max, and a result's part in a request.
    let set = round_trip::<SetQuery>(&parse(
        "<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><max>20</max>\
         <first>a</first><x xmlns='urn:example'/></set>",
    ));
    assert_eq!(set.max, Some(10));
    assert_eq!(
        set.malformed,
        [
            Error::DuplicateChild { element: "set", child: "max" },
            Error::UnexpectedChild {
                element: "set",
                child: "first".into(),
                ns: "http://jabber.org/protocol/rsm".into()
            },
        ]
    );
    // Kept, the element of another namespace too (not reported).
    assert_eq!(set.unknown.children.len(), 3);

    // A max with a child element, an index with a stray attribute (a
    // value child keeps its value only: the attribute is reported, and
    // not written back).
    let set = SetQuery::parse(&parse(
        "<set xmlns='http://jabber.org/protocol/rsm'><max><b/></max><index unit='items'>3</index></set>",
    ))
    .unwrap();
    assert_eq!((set.max, set.index), (None, Some(3)));
    assert!(matches!(
        &set.malformed[..],
        [Error::UnexpectedChild { element: "max", .. }, Error::UnexpectedAttribute { element: "index", .. }]
    ));

    // Stray text.
    let set = SetQuery::parse(&parse("<set xmlns='http://jabber.org/protocol/rsm'>ten<max>10</max></set>")).unwrap();
    assert_eq!(set.malformed, [Error::InvalidText { element: "set", text: "ten".into() }]);
}

proptest! {
    /// Paging forwards from the first page, then backwards from the last,
    /// visits every item exactly once, in order.
    #[test]
    fn select_pages_through_everything(len in 0usize..40, max in 1usize..7, limit in 1usize..9) {
        let items: Vec<String> = (0..len).map(|i| format!("item{i}")).collect();
        let uid = |item: &String| item.clone();
        let mut seen = Vec::new();
        let mut request = SetQuery::limit(max);
        loop {
            let (page, set) = request.select(&items, uid, limit).unwrap();
            prop_assert_eq!(SetResult::parse(&set.to_element()).unwrap(), set.clone());
            prop_assert!(page.len() <= max.min(limit));
            prop_assert_eq!(set.count, Some(len));
            seen.extend(page.iter().cloned());
            prop_assert_eq!(set.is_last_page(page.len()), seen.len() == len);
            match set.next_page(max) {
                Some(next) => request = next,
                None => break,
            }
        }
        prop_assert_eq!(&seen, &items);

        let mut back = Vec::new();
        let mut request = SetQuery::last_page(max);
        loop {
            let (page, set) = request.select(&items, uid, limit).unwrap();
            back.splice(0..0, page.iter().cloned());
            match set.previous_page(max) {
                Some(previous) => request = previous,
                None => break,
            }
        }
        prop_assert_eq!(&back, &items);
    }
}
