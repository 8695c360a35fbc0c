//! XEP-0068 Field Standardization for Data Forms: every example, FORM_TYPE.

mod common;

use common::{Walk, in_namespace, round_trip};
use jabber_ext::form_type::find;
use jabber_ext::forms::DataForm;
use jabber_ext::ns;
use jabber_stanza::Payload;

/// Every example: each form parses with nothing malformed and round-trips.
#[test]
fn every_example() {
    let walk = Walk::run("0068", |_, element| {
        let forms = in_namespace(element, ns::DATA_FORMS);
        for form in &forms {
            let form: DataForm = round_trip(form)?;
            if !form.malformed.is_empty() {
                return Err(format!("malformed: {:?}", form.malformed));
            }
        }
        Ok(forms.len())
    });
    assert_eq!(walk.examples, 6);
    // Example 3 holds an XML comment ("Not hidden. ..."), which XMPP does
    // not allow (RFC 6120 §11.1): it is not a stanza this stack reads.
    walk.assert_exceptions(&[3]);
    assert!(walk.exceptions[&3].contains("comment"), "{:?}", walk.exceptions);
    // Examples 1, 2, 5 and 6 hold a form; Example 4 is a registration request.
    assert_eq!(walk.payloads, 4);
}

fn form_of(example: usize) -> DataForm {
    let text = &common::examples("0068")[example - 1].text;
    let element = &common::elements(text).unwrap()[0];
    DataForm::parse(in_namespace(element, ns::DATA_FORMS)[0]).unwrap()
}

/// XEP-0068 Example 1: no FORM_TYPE; Example 2: a FORM_TYPE with a field in Clark notation.
#[test]
fn form_types_of_the_examples() {
    assert_eq!(form_of(1).form_type(), None);
    let form = form_of(2);
    assert_eq!(form.form_type(), Some("http://jabber.org/protocol/pubsub#subscribe_authorization"));
    assert_eq!(form.field("{http://example.com/pubsub}time_restrictions").unwrap().values.len(), 2);
    assert_eq!(form_of(5).form_type(), Some("http://jabber.org/protocol/muc#user"));
    let forms = [form_of(1), form_of(2), form_of(5)];
    assert_eq!(find(&forms, "http://jabber.org/protocol/muc#user"), Some(&forms[2]));
    assert_eq!(find(&forms, "urn:example:none"), None);
}

/// XEP-0068 §3 and Example 3: a FORM_TYPE field that is not hidden is any
/// other field in a form; in a submission its type may be omitted.
#[test]
fn only_a_hidden_form_type_counts_except_in_a_submission() {
    let form: jabber_stream::Element = "<x xmlns='jabber:x:data' type='form'>\
        <field var='FORM_TYPE' type='text-single'><value>http://jabber.org/protocol/shakespeare</value></field></x>"
        .parse()
        .unwrap();
    assert_eq!(DataForm::parse(&form).unwrap().form_type(), None);
    let submit: jabber_stream::Element = "<x xmlns='jabber:x:data' type='submit'>\
        <field var='FORM_TYPE'><value>urn:example:x</value></field></x>"
        .parse()
        .unwrap();
    assert_eq!(DataForm::parse(&submit).unwrap().form_type(), Some("urn:example:x"));
}
