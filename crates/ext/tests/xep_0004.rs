//! XEP-0004 Data Forms: every example, and the form-filling API.

mod common;

use common::{Walk, in_namespace, round_trip};
use jabber_ext::forms::{DataForm, Field, FieldOption, FieldType, FormError, FormKind, TypedValue};
use jabber_ext::ns;
use jabber_stanza::{Error, Payload};
use jabber_stream::Element;

fn xml(s: &str) -> Element {
    s.parse().unwrap()
}

/// Every example: each `<x xmlns='jabber:x:data'/>` parses, with nothing
/// malformed, and round-trips.
#[test]
fn every_example() {
    let walk = Walk::run("0004", |_, element| {
        let forms = in_namespace(element, ns::DATA_FORMS);
        for form in &forms {
            let form: DataForm = round_trip(form)?;
            if !form.malformed.is_empty() {
                return Err(format!("malformed: {:?}", form.malformed));
            }
        }
        Ok(forms.len())
    });
    assert_eq!(walk.examples, 10);
    walk.assert_exceptions(&[]);
    // Examples 1, 5, 9 and 10 (a command, a search request, disco) hold no form.
    assert_eq!(walk.payloads, 6);
}

/// XEP-0004 Example 2: the bot configuration form, every field type.
#[test]
fn example_2_every_field_type() {
    let text = &common::examples("0004")[1].text;
    let iq = &common::elements(text).unwrap()[0];
    let form = DataForm::parse(in_namespace(iq, ns::DATA_FORMS)[0]).unwrap();
    assert_eq!(form.kind, FormKind::Form);
    assert_eq!(form.title.as_deref(), Some("Bot Configuration"));
    assert_eq!(form.instructions, ["Fill out this form to configure your new bot!"]);
    let kinds: Vec<&FieldType> = form.fields.iter().map(Field::kind).collect();
    assert!(kinds.contains(&&FieldType::JidMulti) && kinds.contains(&&FieldType::TextPrivate));
    let features = form.field("features").unwrap();
    assert_eq!(features.kind(), &FieldType::ListMulti);
    assert_eq!(features.values, ["news", "search"]);
    assert_eq!(features.options.len(), 5);
    assert_eq!(features.options[0], FieldOption::new("Contests", "contests"));
    assert_eq!(form.field("public").unwrap().typed(), Ok(TypedValue::Boolean(false)));
    assert!(form.field("public").unwrap().required);
    assert_eq!(form.field("maxsubs").unwrap().typed(), Ok(TypedValue::ListSingle(Some("20".into()))));
    let invitelist = form.field("invitelist").unwrap().typed().unwrap();
    assert_eq!(invitelist, TypedValue::JidMulti(vec![]));
}

/// XEP-0004 Examples 2 and 3: the submission of Example 3 checks against the form of Example 2.
#[test]
fn example_3_is_a_valid_submission_of_example_2() {
    let all = common::examples("0004");
    let form = |n: usize| {
        let iq = &common::elements(&all[n].text).unwrap()[0];
        DataForm::parse(in_namespace(iq, ns::DATA_FORMS)[0]).unwrap()
    };
    let (asked, submitted) = (form(1), form(2));
    assert_eq!(submitted.kind, FormKind::Submit);
    assert_eq!(asked.check(&submitted), vec![]);
    let jids = submitted.field("invitelist").unwrap().typed().unwrap();
    let TypedValue::JidMulti(jids) = jids else { panic!() };
    assert_eq!(jids.len(), 2);
}

/// XEP-0004 Example 8 (search results): a table of results.
#[test]
fn reported_and_items() {
    let iq = &common::elements(&common::examples("0004")[7].text).unwrap()[0];
    let form = DataForm::parse(in_namespace(iq, ns::DATA_FORMS)[0]).unwrap();
    assert_eq!(form.kind, FormKind::Result);
    let reported = form.reported.as_ref().unwrap();
    assert_eq!(reported.fields.iter().filter_map(|f| f.var.as_deref()).collect::<Vec<_>>(), ["name", "url"]);
    assert_eq!(form.items.len(), 5);
    assert_eq!(
        form.items[0].field("name").and_then(Field::value),
        Some("Comune di Verona - Benvenuti nel sito ufficiale")
    );
}

#[test]
fn filling_a_form_checks_every_value() {
    let form = DataForm::new(FormKind::Form)
        .with_form_type("urn:example:bot")
        .with_field(Field::new("name", FieldType::TextSingle).required())
        .with_field(Field::new("public", FieldType::Boolean))
        .with_field(Field::new("admin", FieldType::JidSingle))
        .with_field(
            Field::new("color", FieldType::ListSingle)
                .with_option(FieldOption::new("Red", "red"))
                .with_option(FieldOption::new("Blue", "blue")),
        )
        .with_field(Field {
            var: None,
            kind: Some(FieldType::Fixed),
            values: vec!["Section".into()],
            ..Field::default()
        });
    let mut submit = form.submit();
    // FORM_TYPE kept, the fixed field not submitted.
    assert_eq!(submit.form_type(), Some("urn:example:bot"));
    assert_eq!(submit.fields.len(), 5);
    assert_eq!(form.check(&submit), vec![FormError::Required { var: "name".into() }]);
    form.set(&mut submit, "name", "bot").unwrap();
    assert_eq!(form.set(&mut submit, "nope", "x"), Err(FormError::UnknownField { var: "nope".into() }));
    assert_eq!(
        form.set(&mut submit, "public", "yes"),
        Err(FormError::NotBoolean { var: "public".into(), value: "yes".into() })
    );
    form.set_bool(&mut submit, "public", true).unwrap();
    assert!(matches!(form.set(&mut submit, "admin", "a@b@c"), Err(FormError::NotJid { .. })));
    form.set_jid(&mut submit, "admin", &"admin@example.org".parse().unwrap()).unwrap();
    assert_eq!(
        form.set(&mut submit, "color", "green"),
        Err(FormError::NotAnOption { var: "color".into(), value: "green".into() })
    );
    assert_eq!(
        form.set_values(&mut submit, "color", ["red", "blue"]),
        Err(FormError::TooManyValues { var: "color".into(), count: 2 })
    );
    form.set(&mut submit, "color", "blue").unwrap();
    assert_eq!(form.check(&submit), vec![]);
    assert_eq!(submit.field("public").and_then(Field::value), Some("true"));
    // What is sent reads back as it was built.
    assert_eq!(DataForm::parse(&submit.to_element()), Ok(submit));
}

#[test]
fn typed_values_follow_the_field_type() {
    let field = |kind: FieldType, values: &[&str]| Field {
        kind: Some(kind),
        var: Some("f".into()),
        values: values.iter().map(|v| v.to_string()).collect(),
        ..Field::default()
    };
    assert_eq!(field(FieldType::Boolean, &[]).typed(), Ok(TypedValue::Boolean(false)));
    assert_eq!(field(FieldType::Boolean, &["1"]).typed(), Ok(TypedValue::Boolean(true)));
    // §3.3: duplicate JIDs of a jid-multi are ignored.
    let TypedValue::JidMulti(jids) = field(FieldType::JidMulti, &["a@b", "a@b", "c@d"]).typed().unwrap() else {
        panic!()
    };
    assert_eq!(jids.len(), 2);
    assert_eq!(
        field(FieldType::TextSingle, &["a", "b"]).typed(),
        Err(FormError::TooManyValues { var: "f".into(), count: 2 })
    );
    // §3.3: a type the receiver does not understand is text-single.
    assert_eq!(
        field(FieldType::Other("x-color".into()), &["red"]).typed(),
        Ok(TypedValue::TextSingle(Some("red".into())))
    );
}

#[test]
fn one_bad_field_does_not_cost_the_form() {
    let form = DataForm::parse(&xml("<x xmlns='jabber:x:data' type='result'><field var='a'><value>1</value></field>\
         <field var='b'><value>1</value><value><b/></value></field><field var='c'/></x>"))
    .unwrap();
    // The field with an unreadable value keeps its readable parts; the value is kept and reported.
    assert_eq!(form.fields.len(), 3);
    let b = form.field("b").unwrap();
    assert_eq!(b.values, ["1"]);
    assert_eq!(b.unknown.children.len(), 1);
    assert!(matches!(b.malformed[0], Error::UnexpectedChild { element: "value", .. }));
    assert_eq!(DataForm::parse(&form.to_element()), Ok(form));
}

#[test]
fn a_form_without_type_is_an_error() {
    assert_eq!(
        DataForm::parse(&xml("<x xmlns='jabber:x:data'/>")),
        Err(Error::MissingAttribute { element: "x", attribute: "type" })
    );
    // An unknown type is kept as it came.
    let form = DataForm::parse(&xml("<x xmlns='jabber:x:data' type='draft'/>")).unwrap();
    assert_eq!(form.kind, FormKind::Other("draft".into()));
}
