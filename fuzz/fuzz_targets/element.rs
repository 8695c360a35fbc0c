//! Arbitrary bytes -> Element -> bytes -> Element: equal; Display never panics.
#![no_main]

use jabber_stream::Element;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(element) = Element::from_bytes(data) {
        let bytes = element.to_bytes().expect("a parsed element serializes");
        let again = Element::from_bytes(&bytes).expect("serialized output reparses");
        assert_eq!(again, element);
        assert_eq!(again.to_bytes().unwrap(), bytes);
        let _ = element.to_string();
    }
});
