//! XEP-0128 Service Discovery Extensions: every example, typed access to
//! the forms by FORM_TYPE, and the rules of §2.

mod common;

use common::{Walk, in_namespace, round_trip};
use jabber_ext::disco::{InfoQuery, InfoResult, Item, ItemsResult};
use jabber_ext::disco_extensions::{ExtensionError, extension_form};
use jabber_ext::form_type::TypedForm;
use jabber_ext::forms::{DataForm, Field, FieldType, FormError, FormKind};
use jabber_ext::ns;
use jabber_ext::validate::{Datatype, Violation};
use jabber_stanza::Payload;

/// Every example: the request and the result parse (the result with its
/// form), with nothing malformed, round-trip, and follow §2.
#[test]
fn every_example() {
    let walk = Walk::run("0128", |_, element| {
        let mut count = 0;
        for query in in_namespace(element, ns::DISCO_INFO) {
            if element.attr("type") == Some("result") {
                let info: InfoResult = round_trip(query)?;
                let form_malformed = info.forms.iter().any(|f| !f.malformed.is_empty());
                if !info.malformed.is_empty() || form_malformed || info.forms.len() != 1 {
                    return Err(format!("not one well-formed form: {info:?}"));
                }
                if !info.check_extensions().is_empty() {
                    return Err(format!("breaks §2: {:?}", info.check_extensions()));
                }
            } else {
                let query: InfoQuery = round_trip(query)?;
                if query != InfoQuery::new() {
                    return Err(format!("not an empty request: {query:?}"));
                }
            }
            count += 1;
        }
        Ok(count)
    });
    assert_eq!(walk.examples, 2);
    walk.assert_exceptions(&[]);
    // Each example: a request and its result.
    assert_eq!(walk.payloads, 4);
}

fn result_of(n: usize) -> InfoResult {
    let stanzas = common::elements(&common::examples("0128")[n - 1].text).unwrap();
    InfoResult::parse(in_namespace(&stanzas[1], ns::DISCO_INFO)[0]).unwrap()
}

const SERVERINFO: &str = "http://jabber.org/network/serverinfo";

/// XEP-0128 Example 1: a server's extended information, read by FORM_TYPE.
#[test]
fn example_1_server_information() {
    let info = result_of(1);
    assert_eq!(info.extension_types().collect::<Vec<_>>(), [SERVERINFO]);
    assert_eq!(info.extension_value(SERVERINFO, "c2s_port"), Some("5222"));
    assert_eq!(info.extension_value(SERVERINFO, "http_access"), Some("http://shakespeare.lit/jabber"));
    assert_eq!(info.extension_values(SERVERINFO, "ip_version").unwrap(), ["ipv4", "ipv6"]);
    assert_eq!(info.extension_value(SERVERINFO, "none"), None);
    assert_eq!(info.extension_value("urn:other", "c2s_port"), None);
    assert!(info.has_feature("jabber:iq:register"));
}

/// XEP-0128 Example 2: a room's `muc#roominfo`.
#[test]
fn example_2_room_information() {
    let info = result_of(2);
    let roominfo = info.extension("http://jabber.org/protocol/muc#roominfo").unwrap();
    assert_eq!(roominfo.kind, FormKind::Result);
    let occupants = roominfo.field("muc#roominfo_occupants").unwrap();
    assert_eq!(occupants.label.as_deref(), Some("Number of occupants"));
    assert_eq!(occupants.value(), Some("3"));
    assert_eq!(info.extension_value("http://jabber.org/protocol/muc#roominfo", "muc#roominfo_subject"), Some("Spells"));
}

/// The server information of Example 1 as a typed form.
#[derive(Debug, Clone, PartialEq)]
struct ServerInfo {
    c2s_port: Option<u16>,
    ip_versions: Vec<String>,
}

impl TypedForm for ServerInfo {
    const FORM_TYPE: &'static str = SERVERINFO;

    fn from_form(form: &DataForm) -> Result<Self, FormError> {
        let c2s_port = match form.field("c2s_port").and_then(Field::value) {
            None => None,
            Some(port) => Some(port.parse().map_err(|_| FormError::Invalid {
                var: "c2s_port".into(),
                value: port.into(),
                why: Violation::Datatype(Datatype::Int),
            })?),
        };
        let ip_versions = form.field("ip_version").map(|f| f.values.clone()).unwrap_or_default();
        Ok(ServerInfo { c2s_port, ip_versions })
    }

    fn to_form(&self, kind: FormKind) -> DataForm {
        let mut form = DataForm::new(kind).with_form_type(SERVERINFO);
        if let Some(port) = self.c2s_port {
            form.fields.push(Field::new("c2s_port", FieldType::TextSingle).with_value(port.to_string()));
        }
        let mut versions = Field::new("ip_version", FieldType::TextMulti);
        versions.values = self.ip_versions.clone();
        form.fields.push(versions);
        form
    }
}

/// Typed access: read the form of a FORM_TYPE as a type, and set it.
#[test]
fn typed_access() {
    let info = result_of(1);
    let server = info.extended::<ServerInfo>().unwrap().unwrap();
    assert_eq!(server, ServerInfo { c2s_port: Some(5222), ip_versions: vec!["ipv4".into(), "ipv6".into()] });
    assert!(result_of(2).extended::<ServerInfo>().is_none());

    // Replacing the form in its place, and adding one.
    let mut info = info;
    info.set_extension(&ServerInfo { c2s_port: Some(5269), ip_versions: vec![] });
    assert_eq!(info.forms.len(), 1);
    assert_eq!(info.extension_value(SERVERINFO, "c2s_port"), Some("5269"));
    assert_eq!(info.extension(SERVERINFO).unwrap().kind, FormKind::Result);
    let room = result_of(2).with_extension(&ServerInfo { c2s_port: None, ip_versions: vec!["ipv6".into()] });
    assert_eq!(room.extension_types().collect::<Vec<_>>(), ["http://jabber.org/protocol/muc#roominfo", SERVERINFO]);
    assert!(room.check_extensions().is_empty());
    let reread = InfoResult::parse(&room.to_element()).unwrap();
    assert_eq!(reread.extended::<ServerInfo>().unwrap().unwrap().ip_versions, ["ipv6"]);

    // Changing a value in place.
    let mut info = result_of(1);
    info.extension_mut(SERVERINFO).unwrap().field_mut("c2s_port").unwrap().values = vec!["5223".into()];
    assert_eq!(info.extension_value(SERVERINFO, "c2s_port"), Some("5223"));
    // A value that does not fit its field is the form's error.
    let mut bad = result_of(1);
    bad.extension_mut(SERVERINFO).unwrap().field_mut("c2s_port").unwrap().values = vec!["port".into()];
    assert!(matches!(bad.extended::<ServerInfo>(), Some(Err(FormError::Invalid { .. }))));
}

/// `extension_form` builds what §2 describes: a result form with a hidden
/// FORM_TYPE first, the fields in order.
#[test]
fn building_a_form() {
    let form = extension_form(SERVERINFO, [("c2s_port", vec!["5222"]), ("ip_version", vec!["ipv4", "ipv6"])]);
    assert_eq!(form.kind, FormKind::Result);
    assert_eq!(form.form_type(), Some(SERVERINFO));
    assert_eq!(form.fields[0].kind, Some(FieldType::Hidden));
    assert_eq!(form.fields[2].values, ["ipv4", "ipv6"]);
    let info = result_of(1);
    assert_eq!(info.forms[0].fields[1], form.fields[1]);
}

/// §2: a form of type `result`.
#[test]
fn error_not_result() {
    let mut form = extension_form(SERVERINFO, [("a", ["1"])]);
    form.kind = FormKind::Form;
    let info = InfoResult::new().with_form(form);
    assert_eq!(
        info.check_extensions(),
        [ExtensionError::NotResult { form_type: Some(SERVERINFO.into()), kind: FormKind::Form }]
    );
}

/// §2: a FORM_TYPE names the fields.
#[test]
fn error_no_form_type() {
    let form = DataForm::new(FormKind::Result).with_field(Field::new("a", FieldType::TextSingle));
    let info = result_of(1).with_form(form);
    assert_eq!(info.check_extensions(), [ExtensionError::NoFormType { index: 1 }]);
}

/// §2: the FORM_TYPE field is hidden.
#[test]
fn error_form_type_not_hidden() {
    let form =
        DataForm::new(FormKind::Result).with_field(Field::new("FORM_TYPE", FieldType::TextSingle).with_value("urn:a"));
    let info = InfoResult::new().with_form(form);
    assert_eq!(info.check_extensions(), [ExtensionError::FormTypeNotHidden { form_type: Some("urn:a".into()) }]);
    // Not hidden, it is not a FORM_TYPE for lookups either (XEP-0068 §3).
    assert_eq!(info.extension("urn:a"), None);
}

/// Two forms of one FORM_TYPE.
#[test]
fn error_duplicate_form_type() {
    let info = result_of(1).with_form(extension_form(SERVERINFO, [("c2s_port", ["1"])]));
    assert_eq!(info.check_extensions(), [ExtensionError::DuplicateFormType { form_type: SERVERINFO.into() }]);
    // The first is the one read.
    assert_eq!(info.extension_value(SERVERINFO, "c2s_port"), Some("5222"));
}

/// §2: no extended information in a disco#items result.
#[test]
fn error_in_items() {
    let form = extension_form(SERVERINFO, [("c2s_port", ["5222"])]).to_element();
    let mut items = ItemsResult::new();
    assert!(items.check_extensions().is_empty());
    items.unknown.children.push(form.clone());
    assert_eq!(items.check_extensions(), [ExtensionError::InItems]);
    let mut item = Item::new("a.lit".parse().unwrap());
    item.unknown.children.push(form);
    let items = ItemsResult::new().with_item(item);
    assert_eq!(items.check_extensions(), [ExtensionError::InItems]);
    let reread = ItemsResult::parse(&items.to_element()).unwrap();
    assert_eq!(reread.check_extensions(), [ExtensionError::InItems]);
}
