//! XEP-0122 Data Forms Validation: every example, and validation of values.

mod common;

use common::{Walk, elements, in_namespace, round_trip};
use jabber_ext::forms::{DataForm, FormError};
use jabber_ext::ns;
use jabber_ext::validate::{Datatype, Method, Validate, Violation};
use jabber_stanza::Payload;
use jabber_stream::Element;

/// Examples 1-6 show a `<field/>` out of its form: it is read inside
/// `<x xmlns='jabber:x:data' type='form'>`.
fn in_a_form(text: &str) -> DataForm {
    let wrapped = format!("<x xmlns='jabber:x:data' type='form'>{text}</x>");
    DataForm::parse(&wrapped.parse::<Element>().unwrap()).unwrap()
}

/// Every example: each `<validate/>` parses and round-trips; each field,
/// read in a form, round-trips with nothing malformed.
#[test]
fn every_example() {
    let walk = Walk::run("0122", |_, element| {
        let validates = in_namespace(element, ns::DATA_VALIDATE);
        for v in &validates {
            let v: Validate = round_trip(v)?;
            if !v.malformed.is_empty() {
                return Err(format!("malformed: {:?}", v.malformed));
            }
        }
        let form: Element = if element.name() == "field" {
            format!("<x xmlns='jabber:x:data' type='form'>{element}</x>").parse().unwrap()
        } else {
            element.clone()
        };
        let form: DataForm =
            round_trip(&form.to_string().replace(" xmlns='jabber:client'", "").parse::<Element>().unwrap())?;
        if !form.malformed.is_empty() || form.fields.iter().any(|f| !f.malformed.is_empty()) {
            return Err(format!("malformed: {form:?}"));
        }
        Ok(validates.len() + 1)
    });
    assert_eq!(walk.examples, 7);
    walk.assert_exceptions(&[]);
    assert_eq!(walk.payloads, 7 + 8);
}

fn field(example: usize) -> jabber_ext::forms::Field {
    let text = &common::examples("0122")[example - 1].text;
    let form = in_a_form(text);
    form.fields.into_iter().next().unwrap()
}

/// XEP-0122 Examples 1 to 6, read and applied.
#[test]
fn the_examples_validate_their_values() {
    // Example 1: a datatype without a method (basic); the example's value fits.
    let f = field(1);
    let v = f.validate.as_ref().unwrap();
    assert_eq!(v.datatype(), &Datatype::DateTime);
    assert_eq!(v.method, None);
    assert_eq!(f.check_values(&f.values), Ok(()));
    assert!(matches!(v.check("yesterday"), Err(Violation::Datatype(Datatype::DateTime))));
    // Example 2: <basic/>.
    assert_eq!(field(2).validate.unwrap().method, Some(Method::Basic));
    // Example 3: <open/>: a list-single takes a value beside its options.
    let f = field(3);
    assert!(f.validate.as_ref().unwrap().is_open());
    assert_eq!(f.check_values(&["birthday".into()]), Ok(()));
    // Example 4: a range of dateTimes.
    let f = field(4);
    assert!(matches!(f.validate.as_ref().unwrap().method, Some(Method::Range { .. })));
    assert_eq!(f.check_values(&f.values), Ok(()));
    // Example 5: a regex.
    let f = field(5);
    assert_eq!(f.check_values(&["123-12-1234".into()]), Ok(()));
    assert!(matches!(f.check_values(&["123121234".into()]), Err(FormError::Invalid { why: Violation::NoMatch, .. })));
    // Example 6: one to three of the options.
    let f = field(6);
    assert_eq!(f.validate.as_ref().unwrap().list_range.unwrap().max, Some(3));
    assert_eq!(f.check_values(&["e-mail".into()]), Ok(()));
    assert!(matches!(f.check_values(&[]), Err(FormError::ListRange { count: 0, min: Some(1), max: Some(3), .. })));
    let four: Vec<String> = ["e-mail", "jabber/xmpp", "work phone", "home phone"].map(String::from).into();
    assert!(matches!(f.check_values(&four), Err(FormError::ListRange { count: 4, .. })));
    assert!(matches!(f.check_values(&["fax".into()]), Err(FormError::NotAnOption { .. })));
}

/// XEP-0122 Example 7: the validation namespace bound to a prefix; its
/// `<basic/>` is in the form's namespace there (no prefix), so it is not
/// the XEP's `<basic/>`: kept as an unknown child, the method absent
/// (basic, §3.3, all the same).
#[test]
fn example_7_prefixed_namespace() {
    let form = DataForm::parse(&elements(&common::examples("0122")[6].text).unwrap()[0]).unwrap();
    let v = form.field("date/start").unwrap().validate.as_ref().unwrap();
    assert_eq!(v.datatype(), &Datatype::Date);
    assert_eq!(v.method, None);
    assert_eq!(v.unknown.children[0].ns(), ns::DATA_FORMS);
}

#[test]
fn unknown_datatypes_are_strings() {
    let v = Validate::parse(
        &"<validate xmlns='http://jabber.org/protocol/xdata-validate' datatype='x:color'/>".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(v.datatype(), &Datatype::Other("x:color".into()));
    assert_eq!(v.check("anything at all"), Ok(()));
}
