//! XEP-0082 XMPP Date and Time Profiles: every example (they are values,
//! not XML: each is read with the profile its section defines, written,
//! and read back), the values in payloads (`#[payload(attr)]`,
//! `child_text`), the errors, and round trips of generated values.

#![cfg(feature = "datetime")]

mod small_common;

use jabber_ext::datetime::time::{Month, UtcOffset};
use jabber_ext::datetime::{Date, DateTime, LegacyDateTime, Time};
use jabber_stanza::{Error, Payload, Value, ValueError};
use proptest::prelude::*;
use small_common::examples;

const FILE: &str = include_str!("xep-examples/xep-0082.txt");

/// Reads `text` as a `V`, checks that its written form reads back equal,
/// and returns it.
fn value<V: Value + PartialEq + std::fmt::Debug>(text: &str) -> V {
    let parsed = V::from_value(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
    let written = parsed.to_value().into_owned();
    assert_eq!(V::from_value(&written).as_ref(), Ok(&parsed), "{text:?} written as {written:?}");
    parsed
}

#[test]
fn every_example() {
    let mut walked = Vec::new();
    for example in examples(FILE) {
        let text = example.text.trim();
        // The profile of the example's section (§3.1 Date, §3.2 DateTime,
        // §3.3 Time); each is written back exactly as the XEP shows it.
        let written = match example.number {
            1 => value::<Date>(text).to_string(),
            2 | 3 => value::<DateTime>(text).to_string(),
            4 => value::<Time>(text).to_string(),
            n => panic!("example {n} ({}) is new", example.caption),
        };
        assert_eq!(written, text, "example {}", example.number);
        walked.push(example.number);
    }
    // No exceptions: every example is a value of its profile.
    assert_eq!(walked, [1, 2, 3, 4]);
}

#[test]
fn example_values() {
    // XEP-0082 Example 1: the date of American independence.
    let date = value::<Date>("1776-07-04").date();
    assert_eq!((date.year(), date.month(), date.day()), (1776, Month::July, 4));

    // Example 2: the first human steps on the Moon, in UTC.
    let utc = value::<DateTime>("1969-07-21T02:56:15Z");
    assert_eq!((utc.date().day(), utc.time().hour(), utc.time().minute(), utc.time().second()), (21, 2, 56, 15));
    assert_eq!((utc.offset(), utc.precision()), (UtcOffset::UTC, 0));

    // Example 3: the same moment in Houston time: another value, the same
    // instant, and Example 2 once converted to UTC.
    let houston = value::<DateTime>("1969-07-20T21:56:15-05:00");
    assert_eq!(houston.offset(), UtcOffset::from_hms(-5, 0, 0).unwrap());
    assert_ne!(houston, utc);
    assert_eq!(houston.to_offset_date_time(), utc.to_offset_date_time());
    assert_eq!(houston.to_utc(), utc);

    // Example 4: time for tea.
    let tea = value::<Time>("16:00:00");
    assert_eq!((tea.time().hour(), tea.time().minute(), tea.offset(), tea.precision()), (16, 0, None, 0));
}

#[test]
fn utc_is_read_in_every_form_and_written_z() {
    for text in ["1969-07-21T02:56:15Z", "1969-07-21T02:56:15+00:00", "1969-07-21T02:56:15-00:00"] {
        assert_eq!(value::<DateTime>(text).to_value(), "1969-07-21T02:56:15Z", "{text}");
    }
    assert_eq!(value::<Time>("16:00:00+00:00").to_value(), "16:00:00Z");
    assert_eq!(value::<Time>("16:00:00.000-07:00").to_value(), "16:00:00.000-07:00");
}

#[test]
fn legacy_format_of_section_5() {
    // XEP-0082 §5: CCYYMMDDThh:mm:ss, in UTC.
    let legacy = value::<LegacyDateTime>("20020910T23:08:25");
    assert_eq!(legacy.to_date_time(), value::<DateTime>("2002-09-10T23:08:25Z"));
    assert_eq!(DateTime::from(legacy).to_value(), "2002-09-10T23:08:25Z");
    for text in ["2002-09-10T23:08:25", "20020910T23:08:25Z", "20020910T230825", "20020931T23:08:25", "20020910"] {
        assert_eq!(LegacyDateTime::from_value(text), Err(ValueError::Invalid), "{text}");
    }
}

#[test]
fn profiles_read_only_their_own_form() {
    assert_eq!(Date::from_value("1969-07-21T02:56:15Z"), Err(ValueError::Invalid));
    assert_eq!(Time::from_value("1969-07-21T02:56:15Z"), Err(ValueError::Invalid));
    assert_eq!(DateTime::from_value("1776-07-04"), Err(ValueError::Invalid));
    assert_eq!(DateTime::from_value("16:00:00"), Err(ValueError::Invalid));
    // §3.2: the DateTime profile's time zone is mandatory.
    assert_eq!(DateTime::from_value("1969-07-21T02:56:15"), Err(ValueError::Invalid));
    assert_eq!("1969-07-21T02:56:15".parse::<DateTime>(), Err(ValueError::Invalid));
}

/// A payload holding each profile, as extensions use them (XEP-0203's
/// `stamp`, XEP-0054's `<BDAY/>`, XEP-0202's `<utc/>`).
#[derive(Debug, PartialEq, Payload)]
#[payload(name = "when", ns = "urn:example:when")]
struct When {
    #[payload(attr)]
    stamp: DateTime,
    #[payload(attr)]
    legacy: Option<LegacyDateTime>,
    #[payload(child_text)]
    day: Option<Date>,
    #[payload(child_text)]
    time: Vec<Time>,
}

#[test]
fn values_in_payloads() {
    let element = "<when xmlns='urn:example:when' stamp=' 1969-07-20T21:56:15.0-05:00 ' legacy='19690721T02:56:15'>\
        <day>1776-07-04</day><time>16:00:00</time><time>\n16:30:00Z\n</time></when>"
        .parse()
        .unwrap();
    let when = When::parse(&element).unwrap();
    assert_eq!(when.stamp.precision(), 1);
    assert_eq!(when.legacy.unwrap().to_date_time(), when.stamp.to_utc().with_precision(0));
    assert_eq!(when.day.unwrap().date().year(), 1776);
    assert_eq!(when.time.len(), 2);
    // Written exactly (the whitespace XML Schema collapses is gone).
    assert_eq!(
        when.to_element().to_string(),
        "<when xmlns='urn:example:when' stamp='1969-07-20T21:56:15.0-05:00' legacy='19690721T02:56:15'>\
         <day>1776-07-04</day><time>16:00:00</time><time>16:30:00Z</time></when>"
    );
    assert_eq!(When::parse(&when.to_element()).unwrap(), when);

    // Errors name the element and the part.
    let bad = "<when xmlns='urn:example:when' stamp='1969-07-21T02:56:15'/>".parse().unwrap();
    assert_eq!(
        When::parse(&bad),
        Err(Error::InvalidAttribute { element: "when", attribute: "stamp", value: "1969-07-21T02:56:15".into() })
    );
    let bad =
        "<when xmlns='urn:example:when' stamp='1969-07-21T02:56:15Z'><day>1776-13-04</day></when>".parse().unwrap();
    assert_eq!(When::parse(&bad), Err(Error::InvalidText { element: "day", text: "1776-13-04".into() }));
    let bad = "<when xmlns='urn:example:when'/>".parse().unwrap();
    assert_eq!(When::parse(&bad), Err(Error::MissingAttribute { element: "when", attribute: "stamp" }));
}

/// A DateTime's text, from its parts, in any of the forms the profile allows.
fn date_time_text() -> impl Strategy<Value = String> {
    (
        (-9999i32..=9999, 1u8..=12, 1u8..=31),
        (0u8..=23, 0u8..=59, 0u8..=59),
        proptest::option::of("[0-9]{1,12}"),
        prop_oneof![
            Just("Z".to_owned()),
            Just("+00:00".to_owned()),
            Just("-00:00".to_owned()),
            (0u16..=840, any::<bool>()).prop_map(|(m, neg)| format!(
                "{}{:02}:{:02}",
                if neg { '-' } else { '+' },
                m / 60,
                m % 60
            )),
        ],
    )
        .prop_map(|((year, month, day), (h, m, s), fraction, zone)| {
            // A day every month has; the year -0000 does not exist.
            let day = day.min(28);
            let year = if year == 0 {
                "0000".to_owned()
            } else if year < 0 {
                format!("-{:04}", -year)
            } else {
                format!("{year:04}")
            };
            let fraction = fraction.map(|f| format!(".{f}")).unwrap_or_default();
            format!("{year}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}{fraction}{zone}")
        })
}

proptest! {
    /// Any text of the profile reads, and what it writes reads back equal
    /// and is written the same.
    #[test]
    fn date_times_round_trip(text in date_time_text()) {
        let parsed = DateTime::from_value(&text).unwrap();
        let written = parsed.to_value().into_owned();
        let again = DateTime::from_value(&written).unwrap();
        prop_assert_eq!(again, parsed);
        prop_assert_eq!(again.to_value(), written.as_str());
        prop_assert_eq!(again.to_utc().to_offset_date_time(), parsed.to_offset_date_time());
        // The digits given are kept (up to nine).
        let digits = text.split_once('.').map_or(0, |(_, rest)| rest.bytes().take_while(u8::is_ascii_digit).count());
        prop_assert_eq!(usize::from(parsed.precision()), digits.min(9));
    }

    /// Any `time` value within the range of the crate is written and read
    /// back equal, at any precision.
    #[test]
    fn built_values_round_trip(
        seconds in -377_705_116_800i64..253_402_300_799,
        nanoseconds in 0u32..1_000_000_000,
        offset_minutes in -840i32..=840,
        digits in 0u8..=10,
    ) {
        let offset = UtcOffset::from_whole_seconds(offset_minutes * 60).unwrap();
        let Ok(moment) = jabber_ext::datetime::time::OffsetDateTime::from_unix_timestamp(seconds) else {
            return Ok(());
        };
        let Some(moment) = moment.replace_nanosecond(nanoseconds).ok().and_then(|m| m.checked_to_offset(offset)) else {
            return Ok(());
        };
        let built = DateTime::new(moment);
        prop_assert_eq!(built.to_offset_date_time(), moment);
        let value = built.with_precision(digits);
        prop_assert_eq!(DateTime::from_value(&value.to_value()), Ok(value));
        let time = Time::new(moment.time()).with_offset(offset).with_precision(digits);
        prop_assert_eq!(Time::from_value(&time.to_value()), Ok(time));
        let date = Date::new(moment.date());
        prop_assert_eq!(Date::from_value(&date.to_value()), Ok(date));
    }
}
