//! XEP-0059: Result Set Management, version 1.0.
//!
//! `<set xmlns='http://jabber.org/protocol/rsm'/>`: paging through a large
//! result set, inside the query of another protocol (disco#items, pubsub
//! items, `jabber:iq:search`, message archives). A request's set
//! ([`SetQuery`]) limits the page (`<max/>`) and says where it starts
//! (`<after/>`, `<before/>`, `<index/>`); a result's set ([`SetResult`])
//! names the page's first and last items (`<first index='..'/>`,
//! `<last/>`) and the size of the whole set (`<count/>`). They are distinct
//! types with the same element: a protocol's request holds the one, its
//! result the other, and which one a `<set/>` is depends on where it is
//! (either type reads any `<set/>`, reporting the other kind's parts).
//!
//! For a requester: [`SetQuery::limit`] for the first page,
//! [`SetResult::next_page`] and [`SetResult::previous_page`] to go on,
//! [`SetQuery::last_page`], [`SetQuery::at_index`], [`SetQuery::item_count`].
//! For a responder: [`SetQuery::select`] cuts the page out of the full
//! list and builds the result's set. [`SetQuery::find_in`] and
//! [`SetResult::find_in`] read the set of any query element.
//!
//! Both are read liberally: a `<max/>`, `<index/>` or `<count/>` that is
//! not a number, a second one of a kind, or an element of the other kind
//! of set (a `<first/>` in a request) is kept as it came, in `unknown`,
//! and reported in `malformed`.
//!
//! ```
//! use jabber_ext::rsm::{SetQuery, SetResult};
//! use jabber_stanza::Payload;
//!
//! // XEP-0059 Example 3: the first page of ten.
//! let first_page = SetQuery::limit(10);
//! assert_eq!(first_page.to_element().to_string(),
//!     "<set xmlns='http://jabber.org/protocol/rsm'><max>10</max></set>");
//!
//! // Example 4: the page that came back...
//! let page = SetResult::parse(&"<set xmlns='http://jabber.org/protocol/rsm'>\
//!     <first index='0'>stpeter@jabber.org</first><last>peterpan@neverland.lit</last>\
//!     <count>800</count></set>".parse()?)?;
//! assert_eq!(page.first_uid(), Some("stpeter@jabber.org"));
//! assert_eq!((page.first_index(), page.count), (Some(0), Some(800)));
//!
//! // ... and Example 5: the request for the next one.
//! let next = page.next_page(10).unwrap();
//! assert_eq!(next.after.as_deref(), Some("peterpan@neverland.lit"));
//! assert_eq!(next.max, Some(10));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;

use jabber_stanza::{DefinedCondition, Error, Payload, StanzaError, Unknown, Value, ValueError};
use jabber_stream::Element;

use crate::ns;

/// The `<before/>` of a request (XEP-0059 §2.3, §2.5): the page that ends
/// just before an item, or, empty, the last page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Before {
    /// `<before/>`, empty: the last page of the result set (§2.5).
    LastPage,
    /// `<before>uid</before>`: the page that ends just before the item with
    /// this UID (§2.3), opaque to the requester.
    Uid(String),
}

/// Empty (or only XML whitespace): [`Before::LastPage`]; any other text
/// is a UID, kept as it came. `Uid("")` is written as an empty
/// `<before/>`, which reads back as `LastPage`.
impl Value for Before {
    fn from_value(text: &str) -> Result<Self, ValueError> {
        if text.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            Ok(Before::LastPage)
        } else {
            Ok(Before::Uid(text.to_owned()))
        }
    }

    fn to_value(&self) -> Cow<'_, str> {
        match self {
            Before::LastPage => Cow::Borrowed(""),
            Before::Uid(uid) => Cow::Borrowed(uid),
        }
    }
}

/// `<set/>` in a request, XEP-0059 §2: how many items to return at most
/// and where the page starts.
///
/// Every part is optional; a request without `<max/>` leaves the page size
/// to the responder. `<index/>` is for out-of-order access when no UID is
/// known (§2.6: prefer `after`/`before`).
///
/// Read liberally (see the [module](self)); errors are reported in
/// [`malformed`](SetQuery::malformed), never returned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "set", ns = ns::RSM)]
pub struct SetQuery {
    /// `<max/>`: the largest number of items to return (§2.1); 0 asks
    /// for the count only (§2.7).
    #[payload(child_text)]
    pub max: Option<usize>,
    /// `<after/>`: the page starts just after the item with this UID (§2.2).
    #[payload(child_text)]
    pub after: Option<String>,
    /// `<before/>`: the page ends just before an item, or is the last
    /// page (§2.3, §2.5).
    #[payload(child_text)]
    pub before: Option<Before>,
    /// `<index/>`: the page starts at this position of the full set,
    /// counting from 0 (§2.6).
    #[payload(child_text)]
    pub index: Option<usize>,
    /// What was kept as it came: parts that could not be read, elements and
    /// attributes this model does not know.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in [`unknown`](SetQuery::unknown) could not be
    /// read. Empty for a valid set and for one built here.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl SetQuery {
    /// The first `max` items (XEP-0059 §2.1; also the first page, §2.2).
    pub fn limit(max: usize) -> Self {
        SetQuery { max: Some(max), ..SetQuery::default() }
    }

    /// The `max` items after the item with UID `uid`: the next page (§2.2).
    pub fn after(uid: impl Into<String>, max: usize) -> Self {
        SetQuery { after: Some(uid.into()), ..SetQuery::limit(max) }
    }

    /// The `max` items before the item with UID `uid`: the previous page (§2.3).
    pub fn before(uid: impl Into<String>, max: usize) -> Self {
        SetQuery { before: Some(Before::Uid(uid.into())), ..SetQuery::limit(max) }
    }

    /// The last `max` items: an empty `<before/>` (§2.5).
    pub fn last_page(max: usize) -> Self {
        SetQuery { before: Some(Before::LastPage), ..SetQuery::limit(max) }
    }

    /// The `max` items from position `index` (§2.6).
    pub fn at_index(index: usize, max: usize) -> Self {
        SetQuery { index: Some(index), ..SetQuery::limit(max) }
    }

    /// No items, only their number: `<max>0</max>` (§2.7).
    pub fn item_count() -> Self {
        SetQuery::limit(0)
    }

    /// The request's set among the children of `query` (the element of the
    /// protocol that uses result set management, e.g. a disco#items
    /// `<query/>`): `None` if it has none.
    pub fn find_in(query: &Element) -> Option<Result<SetQuery, Error>> {
        query.children().find_map(SetQuery::try_parse)
    }

    /// For a responder: the page of `items` (the full result set, in
    /// order) that this request asks for, and the result's set describing
    /// it (`<first index='..'/>` and `<last/>` unless the page is empty,
    /// and `<count/>`). `uid` gives each item's UID; `limit` is the most
    /// items the responder returns in one page, whatever `<max/>` says.
    ///
    /// The page starts at `<index/>` if given, else just after the
    /// `<after/>` item, and ends just before the `<before/>` item; with
    /// `<before/>` (and neither `<after/>` nor `<index/>`), it is the last
    /// items of that range (§2.3, §2.5), else the first. An index beyond
    /// the set gives an empty page (§2.6).
    ///
    /// Errors: the stanza error to answer with, `item-not-found`, when the
    /// `<after/>` or `<before/>` UID is not in `items` (§2.4: the
    /// responder cannot tell where the page would start).
    pub fn select<'a, T, U: AsRef<str>>(
        &self,
        items: &'a [T],
        uid: impl Fn(&'a T) -> U,
        limit: usize,
    ) -> Result<(&'a [T], SetResult), Box<StanzaError>> {
        let position = |wanted: &str| {
            items.iter().position(|item| uid(item).as_ref() == wanted).ok_or_else(|| {
                Box::new(
                    StanzaError::new(DefinedCondition::ItemNotFound).with_text(Some("en"), "no item with that UID"),
                )
            })
        };
        let max = self.max.unwrap_or(usize::MAX).min(limit);
        let low = match (self.index, &self.after) {
            (Some(index), _) => index.min(items.len()),
            (None, Some(after)) => position(after)? + 1,
            (None, None) => 0,
        };
        let high = match &self.before {
            Some(Before::Uid(before)) => position(before)?,
            Some(Before::LastPage) | None => items.len(),
        };
        let high = high.max(low);
        let backwards = self.before.is_some() && self.index.is_none() && self.after.is_none();
        let (start, end) =
            if backwards { (high - max.min(high - low), high) } else { (low, low + max.min(high - low)) };
        let page = &items[start..end];
        let result = match (page.first(), page.last()) {
            (Some(first), Some(last)) => SetResult {
                first: Some(First { index: Some(start), uid: uid(first).as_ref().to_owned() }),
                last: Some(uid(last).as_ref().to_owned()),
                count: Some(items.len()),
                ..SetResult::default()
            },
            _ => SetResult::count_only(items.len()),
        };
        Ok((page, result))
    }
}

/// The `<first/>` of a result (XEP-0059 §2.2): the UID of the page's first
/// item, and its position in the full set.
///
/// In its parent's namespace. Errors: `InvalidAttribute` for an `index`
/// that is not a number (the result's set keeps such a `<first/>` and
/// reports it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Payload)]
#[payload(name = "first")]
pub struct First {
    /// `index` (SHOULD): the position of the item in the full set (which
    /// MAY be approximate), from 0.
    #[payload(attr)]
    pub index: Option<usize>,
    /// The UID of the item, opaque to the requester.
    #[payload(text)]
    pub uid: String,
}

/// `<set/>` in a result, XEP-0059 §2: the page's first and last items and
/// the size of the full set.
///
/// A page with items has `<first/>` and `<last/>` (the same UID for one
/// item); an empty page has neither (§2.2); `<count/>` MAY be approximate
/// or missing.
///
/// Read liberally (see the [module](self)); errors are reported in
/// [`malformed`](SetResult::malformed), never returned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "set", ns = ns::RSM)]
pub struct SetResult {
    /// `<first index='..'/>`: the page's first item.
    #[payload(child)]
    pub first: Option<First>,
    /// `<last/>`: the UID of the page's last item.
    #[payload(child_text)]
    pub last: Option<String>,
    /// `<count/>`: the number of items in the full set (MAY be approximate).
    #[payload(child_text)]
    pub count: Option<usize>,
    /// What was kept as it came: parts that could not be read, elements and
    /// attributes this model does not know.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in [`unknown`](SetResult::unknown) could not be
    /// read. Empty for a valid set and for one built here.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl SetResult {
    /// The set of a page from the item with UID `first` (at position
    /// `index` of the full set, if known) to the item with UID `last`, in a
    /// full set of `count` items (if known).
    pub fn page(first: impl Into<String>, index: Option<usize>, last: impl Into<String>, count: Option<usize>) -> Self {
        SetResult {
            first: Some(First { index, uid: first.into() }),
            last: Some(last.into()),
            count,
            ..SetResult::default()
        }
    }

    /// The set of an empty page, or of the answer to [`SetQuery::item_count`]:
    /// only the size of the full set (§2.2, §2.7).
    pub fn count_only(count: usize) -> Self {
        SetResult { count: Some(count), ..SetResult::default() }
    }

    /// The result's set among the children of `query`: `None` if it has
    /// none (the responder did not page the result, or does not support
    /// result set management in this protocol, §3).
    pub fn find_in(query: &Element) -> Option<Result<SetResult, Error>> {
        query.children().find_map(SetResult::try_parse)
    }

    /// The UID of the page's first item.
    pub fn first_uid(&self) -> Option<&str> {
        self.first.as_ref().map(|first| first.uid.as_str())
    }

    /// The position of the page's first item in the full set, if given.
    pub fn first_index(&self) -> Option<usize> {
        self.first.as_ref().and_then(|first| first.index)
    }

    /// Whether the page is empty: neither `<first/>` nor `<last/>` (§2.2).
    pub fn is_empty_page(&self) -> bool {
        self.first.is_none() && self.last.is_none()
    }

    /// The request for the page after this one, of `max` items (§2.2);
    /// `None` for an empty page, which ends the paging forwards.
    pub fn next_page(&self, max: usize) -> Option<SetQuery> {
        self.last.as_ref().map(|last| SetQuery::after(last.clone(), max))
    }

    /// The request for the page before this one, of `max` items (§2.3);
    /// `None` for an empty page and for the first page of the set (index 0).
    pub fn previous_page(&self, max: usize) -> Option<SetQuery> {
        let first = self.first.as_ref()?;
        (first.index != Some(0)).then(|| SetQuery::before(first.uid.clone(), max))
    }

    /// Whether this page, of `items` items, is the last one: it is empty,
    /// or it ends at the `<count/>` (from the first `index`). `false` when
    /// the responder gave neither: ask for the next page, which comes back
    /// empty at the end. Counts MAY be approximate (§2.2).
    pub fn is_last_page(&self, items: usize) -> bool {
        if self.is_empty_page() {
            return true;
        }
        match (self.first_index(), self.count) {
            (Some(index), Some(count)) => index.saturating_add(items) >= count,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UIDS: [&str; 10] = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];

    fn select(query: &SetQuery, limit: usize) -> Result<(Vec<&'static str>, SetResult), DefinedCondition> {
        query.select(&UIDS, |uid: &&str| *uid, limit).map(|(page, set)| (page.to_vec(), set)).map_err(|e| e.condition)
    }

    #[test]
    fn pages_forwards_to_an_empty_page() {
        let mut query = SetQuery::limit(4);
        let mut pages = Vec::new();
        loop {
            let (page, set) = select(&query, usize::MAX).unwrap();
            assert_eq!(set.count, Some(10));
            if set.is_empty_page() {
                assert!(page.is_empty());
                assert!(set.next_page(4).is_none());
                break;
            }
            assert_eq!(set.first_uid(), page.first().copied());
            assert_eq!(set.last.as_deref(), page.last().copied());
            assert_eq!(set.is_last_page(page.len()), page.last() == Some(&"j"));
            pages.push(page);
            query = set.next_page(4).unwrap();
        }
        assert_eq!(pages, [vec!["a", "b", "c", "d"], vec!["e", "f", "g", "h"], vec!["i", "j"]]);
    }

    #[test]
    fn pages_backwards_from_the_last_page() {
        let (page, set) = select(&SetQuery::last_page(4), usize::MAX).unwrap();
        assert_eq!(page, ["g", "h", "i", "j"]);
        assert_eq!(set.first_index(), Some(6));
        let (page, set) = select(&set.previous_page(4).unwrap(), usize::MAX).unwrap();
        assert_eq!(page, ["c", "d", "e", "f"]);
        let (page, set) = select(&set.previous_page(4).unwrap(), usize::MAX).unwrap();
        assert_eq!(page, ["a", "b"]);
        assert_eq!(set.first_index(), Some(0));
        assert!(set.previous_page(4).is_none());
    }

    #[test]
    fn index_count_limit_and_unknown_uids() {
        let (page, set) = select(&SetQuery::at_index(8, 5), usize::MAX).unwrap();
        assert_eq!((page, set.first_index()), (vec!["i", "j"], Some(8)));
        // §2.6: an index beyond the set is an empty page.
        let (page, set) = select(&SetQuery::at_index(10, 5), usize::MAX).unwrap();
        assert!(page.is_empty() && set.is_empty_page());
        assert_eq!(set, SetResult::count_only(10));
        // §2.7: max 0 is the count.
        let (page, set) = select(&SetQuery::item_count(), usize::MAX).unwrap();
        assert_eq!((page.len(), set), (0, SetResult::count_only(10)));
        // The responder's limit wins over max, and applies without one.
        assert_eq!(select(&SetQuery::limit(8), 3).unwrap().0, ["a", "b", "c"]);
        assert_eq!(select(&SetQuery::default(), 2).unwrap().0, ["a", "b"]);
        assert_eq!(select(&SetQuery::default(), usize::MAX).unwrap().0.len(), 10);
        // §2.4: a UID that is not there.
        assert_eq!(select(&SetQuery::after("z", 3), 10).unwrap_err(), DefinedCondition::ItemNotFound);
        assert_eq!(select(&SetQuery::before("z", 3), 10).unwrap_err(), DefinedCondition::ItemNotFound);
        // After and before together: the items between them.
        let between = SetQuery { before: Some(Before::Uid("f".into())), ..SetQuery::after("b", 10) };
        assert_eq!(select(&between, 10).unwrap().0, ["c", "d", "e"]);
        let crossed = SetQuery { before: Some(Before::Uid("b".into())), ..SetQuery::after("f", 10) };
        assert!(select(&crossed, 10).unwrap().0.is_empty());
        // One item: first and last are the same UID.
        let (page, set) = select(&SetQuery::after("i", 1), 10).unwrap();
        assert_eq!((page, set), (vec!["j"], SetResult::page("j", Some(9), "j", Some(10))));
    }
}
