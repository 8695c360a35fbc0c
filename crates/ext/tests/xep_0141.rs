//! XEP-0141 Data Forms Layout: every example.

mod common;

use common::{Walk, elements, elided, exception, in_namespace};
use jabber_ext::forms::DataForm;
use jabber_ext::layout::{Layout, Page};
use jabber_ext::ns;
use jabber_stanza::Payload;

/// Every example: each page parses with nothing malformed and round-trips,
/// and so does each form holding pages.
#[test]
fn every_example() {
    let walk = Walk::run("0141", |_, element| {
        let pages = in_namespace(element, ns::DATA_LAYOUT);
        for page in &pages {
            let page: Page = common::round_trip(page)?;
            if !page.malformed.is_empty() {
                return Err(format!("malformed: {:?}", page.malformed));
            }
        }
        let forms = in_namespace(element, ns::DATA_FORMS);
        for form in &forms {
            let form = DataForm::parse(form).map_err(|e| e.to_string())?;
            if elided(&form.malformed) {
                return Err(exception("fields elided with '...'"));
            }
            if !form.malformed.is_empty() {
                return Err(format!("malformed: {:?}", form.malformed));
            }
            common::round_trip::<DataForm>(&form.to_element())?;
        }
        Ok(pages.len() + forms.len())
    });
    assert_eq!(walk.examples, 4);
    // Example 4 elides the form's fields with '...'.
    walk.assert_exceptions(&[4]);
    // Examples 1 to 3: three forms, with 3 + 1 pages (Example 4, listed, is not counted).
    assert_eq!(walk.payloads, 3 + 4);
}

/// XEP-0141 Example 2: three pages of field references.
#[test]
fn example_2_pages() {
    let form = DataForm::parse(&elements(&common::examples("0141")[1].text).unwrap()[0]).unwrap();
    assert_eq!(form.pages.len(), 3);
    assert_eq!(form.pages[0].label.as_deref(), Some("Personal Information"));
    assert_eq!(
        form.pages[0].field_refs().collect::<Vec<_>>(),
        ["name.first", "name.last", "email", "jid", "background"]
    );
    assert!(matches!(&form.pages[0].content[0], Layout::Text(t) if t == "This is page one of three."));
    // Every reference names a field of the form.
    for page in &form.pages {
        for var in page.field_refs() {
            assert!(form.field(var).is_some(), "{var}");
        }
    }
}
