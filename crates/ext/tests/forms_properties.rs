//! Property: every data form this crate can build reads back equal
//! (XEP-0004 `DataForm` with fields of every type, options, XEP-0122
//! validation, a table of results and XEP-0141 pages), through the
//! element and through the wire.

use jabber_ext::forms::{DataForm, Field, FieldOption, FieldType, FormKind, Item, Reported};
use jabber_ext::layout::{Layout, Page};
use jabber_ext::validate::{Datatype, ListRange, Method, Validate};
use jabber_stanza::Payload;
use jabber_stream::Element;
use proptest::prelude::*;

/// Text that XML carries, not only whitespace, without surrounding space.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9#_:/.@-][a-zA-Z0-9 #_:/.@<>&'\"é-]{0,12}[a-zA-Z0-9.é]"
}

fn field_type() -> impl Strategy<Value = FieldType> {
    prop_oneof![
        Just(FieldType::Boolean),
        Just(FieldType::Fixed),
        Just(FieldType::Hidden),
        Just(FieldType::JidMulti),
        Just(FieldType::JidSingle),
        Just(FieldType::ListMulti),
        Just(FieldType::ListSingle),
        Just(FieldType::TextMulti),
        Just(FieldType::TextPrivate),
        Just(FieldType::TextSingle),
        "x-[a-z]{1,6}".prop_map(FieldType::Other),
    ]
}

fn validate() -> impl Strategy<Value = Validate> {
    let datatype = prop_oneof![
        Just(Datatype::Integer),
        Just(Datatype::String),
        Just(Datatype::DateTime),
        "x:[a-z]{1,6}".prop_map(Datatype::Other)
    ];
    let method = prop_oneof![
        Just(None),
        Just(Some(Method::Basic)),
        Just(Some(Method::Open)),
        (proptest::option::of("[0-9]{1,3}"), proptest::option::of("[0-9]{1,3}"))
            .prop_map(|(min, max)| Some(Method::Range { min, max })),
        text().prop_map(|pattern| Some(Method::Regex { pattern })),
    ];
    let list_range = proptest::option::of(
        (proptest::option::of(0u32..10), proptest::option::of(0u32..10)).prop_map(|(min, max)| ListRange { min, max }),
    );
    (proptest::option::of(datatype), method, list_range).prop_map(|(datatype, method, list_range)| Validate {
        datatype,
        method,
        list_range,
        ..Validate::default()
    })
}

fn field() -> impl Strategy<Value = Field> {
    (
        proptest::option::of("[a-z#_]{1,10}"),
        proptest::option::of(field_type()),
        proptest::option::of(text()),
        proptest::option::of(text()),
        any::<bool>(),
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec((proptest::option::of(text()), text()), 0..3),
        proptest::option::of(validate()),
    )
        .prop_map(|(var, kind, label, desc, required, values, options, validate)| Field {
            var,
            kind,
            label,
            desc,
            required,
            values,
            options: options.into_iter().map(|(label, value)| FieldOption { label, value }).collect(),
            validate,
            ..Field::default()
        })
}

fn layout(depth: u32) -> BoxedStrategy<Layout> {
    let leaf = prop_oneof![
        text().prop_map(Layout::Text),
        "[a-z.]{1,8}".prop_map(|var| Layout::FieldRef { var }),
        Just(Layout::ReportedRef),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    prop_oneof![
        leaf,
        (proptest::option::of(text()), proptest::collection::vec(layout(depth - 1), 0..3))
            .prop_map(|(label, content)| Layout::Section { label, content }),
    ]
    .boxed()
}

fn form() -> impl Strategy<Value = DataForm> {
    let kind = prop_oneof![
        Just(FormKind::Form),
        Just(FormKind::Submit),
        Just(FormKind::Cancel),
        Just(FormKind::Result),
        "[a-z]{1,6}".prop_map(FormKind::Other)
    ];
    (
        kind,
        proptest::option::of(text()),
        proptest::collection::vec(text(), 0..2),
        proptest::collection::vec(field(), 0..4),
        proptest::option::of(proptest::collection::vec(field(), 0..3)),
        proptest::collection::vec(proptest::collection::vec(field(), 0..3), 0..3),
        proptest::collection::vec((proptest::option::of(text()), proptest::collection::vec(layout(2), 0..3)), 0..2),
    )
        .prop_map(|(kind, title, instructions, fields, reported, items, pages)| DataForm {
            title,
            instructions,
            fields,
            reported: reported.map(|fields| Reported { fields, ..Reported::default() }),
            items: items.into_iter().map(|fields| Item { fields, ..Item::default() }).collect(),
            pages: pages.into_iter().map(|(label, content)| Page { label, content, ..Page::default() }).collect(),
            ..DataForm::new(kind)
        })
}

proptest! {
    #[test]
    fn forms_round_trip(form in form()) {
        prop_assert_eq!(DataForm::parse(&form.to_element()), Ok(form.clone()));
        let wire: Element = form.to_element().to_string().parse().unwrap();
        prop_assert_eq!(DataForm::parse(&wire), Ok(form));
    }
}
