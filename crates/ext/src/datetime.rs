//! XEP-0082: XMPP Date and Time Profiles, version 1.1.1.
//!
//! The lexical forms XMPP uses for dates and times, as values an attribute
//! or a text holds ([`Value`]), built on the [`time`] crate:
//!
//! | type | profile | form | e.g. |
//! | --- | --- | --- | --- |
//! | [`Date`] | Date (§3.1) | `CCYY-MM-DD` | `1776-07-04` |
//! | [`DateTime`] | DateTime (§3.2) | `CCYY-MM-DDThh:mm:ss[.sss]TZD` | `1969-07-21T02:56:15Z` |
//! | [`Time`] | Time (§3.3) | `hh:mm:ss[.sss][TZD]` | `16:00:00` |
//! | [`LegacyDateTime`] | the legacy format of §5 (XEP-0091, XEP-0090), read only | `CCYYMMDDThh:mm:ss` | `20020910T23:08:25` |
//!
//! Reading is liberal where the XEP (and XML Schema, which it says
//! overrules it) allows: a time zone is `Z` or an offset (`+00:00` and
//! `-00:00` are UTC too), fractions of a second have any number of digits
//! (kept to the nanosecond: digits beyond the ninth are dropped), hour 24
//! is the end of the day (`24:00:00` only, read as the next day's
//! `00:00:00`), a date may carry a time zone (XML Schema `date`), and XML
//! whitespace around the value is ignored (XML Schema's `collapse`).
//! Anything else is [`ValueError::Invalid`]: a day the month does not have,
//! a leap second (XML Schema has none), a `DateTime` without a time zone
//! (XEP-0082 §3.2 makes it mandatory), an offset beyond ±14:00.
//!
//! Writing is exact: UTC as `Z`, an offset as `±hh:mm`, fractions with the
//! number of digits they were read with (or [set](DateTime::with_precision)
//! to), so that the written form of a value reads back equal to it. Values
//! compare by what they say, digit for digit: `…T02:56:15Z` and
//! `…T21:56:15-05:00` are the same instant but different values; compare
//! [`DateTime::to_offset_date_time`] for the instant.
//!
//! As XEP-0082 §7 advises (the offset can tell where a user is), convert
//! local times to UTC before sending them: [`DateTime::to_utc`].
//!
//! ```
//! use jabber_ext::datetime::{Date, DateTime, Time};
//! use jabber_ext::datetime::time::Month;
//! use jabber_stanza::Value;
//!
//! // XEP-0082 Example 3: Houston time, read exactly as sent.
//! let landing = DateTime::from_value("1969-07-20T21:56:15-05:00")?;
//! assert_eq!(landing.offset().whole_hours(), -5);
//! // Sent in UTC, as Example 2 shows it.
//! assert_eq!(landing.to_utc().to_value(), "1969-07-21T02:56:15Z");
//! assert_eq!(landing.to_utc().to_offset_date_time(), landing.to_offset_date_time());
//!
//! // Fractions keep the precision they came with, and `+00:00` is UTC.
//! let stamp = DateTime::from_value("2002-09-10T23:08:25.120+00:00")?;
//! assert_eq!(stamp.to_value(), "2002-09-10T23:08:25.120Z");
//!
//! assert_eq!(Date::from_value("1776-07-04")?.date().month(), Month::July);
//! assert_eq!(Time::from_value("16:00:00")?.time().hour(), 16);
//! assert!(DateTime::from_value("1969-07-21T02:56:15").is_err()); // no time zone
//! # Ok::<(), jabber_stanza::ValueError>(())
//! ```

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use jabber_stanza::{Value, ValueError};
pub use time;
use time::{Month, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// The largest offset XML Schema allows, in minutes (±14:00).
const MAX_OFFSET_MINUTES: i16 = 14 * 60;

/// A date without a time of day, XEP-0082 §3.1 (`CCYY-MM-DD`, XML Schema
/// `date`), optionally with the time zone XML Schema allows on a date.
///
/// ```
/// use jabber_ext::datetime::Date;
/// use jabber_stanza::Value;
///
/// // XEP-0082 Example 1: the date of American independence.
/// let date = Date::from_value("1776-07-04")?;
/// assert_eq!((date.date().year(), date.date().day()), (1776, 4));
/// assert_eq!(date.offset(), None);
/// assert_eq!(date.to_value(), "1776-07-04");
/// assert!(Date::from_value("1776-02-30").is_err());
/// # Ok::<(), jabber_stanza::ValueError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    date: time::Date,
    offset: Option<UtcOffset>,
}

impl Date {
    /// The date, without a time zone (the XEP-0082 profile).
    pub const fn new(date: time::Date) -> Self {
        Date { date, offset: None }
    }

    /// The calendar date.
    pub const fn date(&self) -> time::Date {
        self.date
    }

    /// The time zone the date was given in, if any (XML Schema `date`
    /// allows one; the XEP-0082 profile has none).
    pub const fn offset(&self) -> Option<UtcOffset> {
        self.offset
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let mut c = Cursor::new(text);
        let date = c.date()?;
        let offset = c.offset()?;
        c.end()?;
        Ok(Date { date, offset })
    }
}

impl From<time::Date> for Date {
    fn from(date: time::Date) -> Self {
        Date::new(date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_date(f, self.date)?;
        if let Some(offset) = self.offset {
            write_offset(f, offset)?;
        }
        Ok(())
    }
}

/// A moment in time, XEP-0082 §3.2: `CCYY-MM-DDThh:mm:ss[.sss]TZD` (XML
/// Schema `dateTime` with a time zone), as given: the local date and time,
/// the offset from UTC, and the number of digits of the fraction of a
/// second (0 to 9).
///
/// Equality is digit for digit (two values are equal when they are written
/// the same); for the instant, compare
/// [`to_offset_date_time`](DateTime::to_offset_date_time), whose equality
/// and order are by instant.
///
/// ```
/// use jabber_ext::datetime::DateTime;
/// use jabber_ext::datetime::time::Duration;
/// use jabber_stanza::Value;
///
/// // XEP-0082 Example 2.
/// let moon = DateTime::from_value("1969-07-21T02:56:15Z")?;
/// assert_eq!(moon.to_offset_date_time().unix_timestamp(), -14159025);
///
/// // Built from a `time` value, written with the digits its nanoseconds need.
/// let later = DateTime::new(moon.to_offset_date_time() + Duration::milliseconds(250));
/// assert_eq!(later.to_value(), "1969-07-21T02:56:15.25Z");
/// assert_eq!(later.with_precision(3).to_value(), "1969-07-21T02:56:15.250Z");
/// assert_eq!(later.with_precision(0).to_value(), "1969-07-21T02:56:15Z");
/// # Ok::<(), jabber_stanza::ValueError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime {
    /// The date and time in `offset` (nanoseconds truncated to `digits`).
    local: PrimitiveDateTime,
    /// Whole minutes, within ±14:00.
    offset: UtcOffset,
    /// Digits of the fraction of a second, 0 to 9.
    digits: u8,
}

impl DateTime {
    /// The moment, in its offset, with as many fraction digits as its
    /// nanoseconds need (none for a whole second).
    ///
    /// An offset XML Schema cannot write (seconds, or beyond ±14:00; the
    /// `time` crate allows ±25:59:59) is replaced by UTC, keeping the
    /// instant; within a day of the ends of the `time` crate's range
    /// (years ±9999), where UTC may be out of range, by the nearest offset
    /// that can be written, keeping the local time.
    pub fn new(moment: OffsetDateTime) -> Self {
        let offset = moment.offset();
        let moment = if writable(offset) {
            moment
        } else {
            moment
                .checked_to_offset(UtcOffset::UTC)
                .or_else(|| moment.checked_to_offset(nearest_writable(offset)))
                .unwrap_or_else(|| moment.replace_offset(nearest_writable(offset)))
        };
        DateTime {
            local: PrimitiveDateTime::new(moment.date(), moment.time()),
            offset: moment.offset(),
            digits: digits_needed(moment.nanosecond()),
        }
    }

    /// The moment, as a `time` value (whose equality and order are by instant).
    pub const fn to_offset_date_time(&self) -> OffsetDateTime {
        self.local.assume_offset(self.offset)
    }

    /// The same instant in UTC (written with `Z`), with the same precision;
    /// unchanged if UTC falls outside the `time` crate's range (years ±9999).
    pub fn to_utc(self) -> Self {
        match self.to_offset_date_time().checked_to_offset(UtcOffset::UTC) {
            Some(utc) => DateTime {
                local: PrimitiveDateTime::new(utc.date(), utc.time()),
                offset: UtcOffset::UTC,
                digits: self.digits,
            },
            None => self,
        }
    }

    /// The local date.
    pub const fn date(&self) -> time::Date {
        self.local.date()
    }

    /// The local time of day.
    pub const fn time(&self) -> time::Time {
        self.local.time()
    }

    /// The offset from UTC (`UtcOffset::UTC` for `Z`).
    pub const fn offset(&self) -> UtcOffset {
        self.offset
    }

    /// The number of digits of the fraction of a second, 0 to 9.
    pub const fn precision(&self) -> u8 {
        self.digits
    }

    /// The value written with `digits` digits of fraction (at most 9): the
    /// nanoseconds are truncated to that precision, or padded with zeros.
    pub fn with_precision(self, digits: u8) -> Self {
        let digits = digits.min(9);
        let local = self.local.replace_time(truncate(self.local.time(), digits));
        DateTime { local, digits, ..self }
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let mut c = Cursor::new(text);
        let date = c.date()?;
        c.byte(b'T')?;
        let (time, digits, end_of_day) = c.time()?;
        // XEP-0082 §3.2: the time zone is mandatory.
        let offset = c.offset()?.ok_or(ValueError::Invalid)?;
        c.end()?;
        let date = if end_of_day { date.next_day().ok_or(ValueError::Invalid)? } else { date };
        Ok(DateTime { local: PrimitiveDateTime::new(date, time), offset, digits })
    }
}

impl From<OffsetDateTime> for DateTime {
    /// See [`DateTime::new`].
    fn from(moment: OffsetDateTime) -> Self {
        DateTime::new(moment)
    }
}

impl From<DateTime> for OffsetDateTime {
    fn from(value: DateTime) -> Self {
        value.to_offset_date_time()
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_date(f, self.local.date())?;
        f.write_str("T")?;
        write_time(f, self.local.time(), self.digits)?;
        write_offset(f, self.offset)
    }
}

/// A time of day that recurs, XEP-0082 §3.3: `hh:mm:ss[.sss][TZD]` (XML
/// Schema `time`), as given: the time, the optional offset from UTC, and
/// the number of digits of the fraction of a second (0 to 9).
///
/// ```
/// use jabber_ext::datetime::Time;
/// use jabber_stanza::Value;
///
/// // XEP-0082 Example 4: time for tea.
/// let tea = Time::from_value("16:00:00")?;
/// assert_eq!((tea.time().hour(), tea.offset()), (16, None));
/// assert_eq!(Time::from_value("16:00:00.5-00:00")?.to_value(), "16:00:00.5Z");
/// # Ok::<(), jabber_stanza::ValueError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Time {
    /// Nanoseconds truncated to `digits`.
    time: time::Time,
    /// Whole minutes, within ±14:00.
    offset: Option<UtcOffset>,
    /// Digits of the fraction of a second, 0 to 9.
    digits: u8,
}

impl Time {
    /// The time of day without a time zone, with as many fraction digits
    /// as its nanoseconds need.
    pub fn new(time: time::Time) -> Self {
        Time { time, offset: None, digits: digits_needed(time.nanosecond()) }
    }

    /// The same time of day in a time zone. An offset XML Schema cannot
    /// write (seconds, or beyond ±14:00) is replaced by UTC, the time
    /// converted to it.
    pub fn with_offset(self, offset: UtcOffset) -> Self {
        if writable(offset) {
            return Time { offset: Some(offset), ..self };
        }
        // Any date far from the ends of the range will do: the time of day
        // wraps around.
        const SOME_DAY: time::Date = match time::Date::from_ordinal_date(2000, 1) {
            Ok(day) => day,
            Err(_) => time::Date::MIN,
        };
        let utc = PrimitiveDateTime::new(SOME_DAY, self.time).assume_offset(offset).checked_to_offset(UtcOffset::UTC);
        match utc {
            Some(utc) => Time { time: utc.time(), offset: Some(UtcOffset::UTC), ..self },
            None => Time { offset: Some(nearest_writable(offset)), ..self },
        }
    }

    /// The time of day.
    pub const fn time(&self) -> time::Time {
        self.time
    }

    /// The offset from UTC, if one was given.
    pub const fn offset(&self) -> Option<UtcOffset> {
        self.offset
    }

    /// The number of digits of the fraction of a second, 0 to 9.
    pub const fn precision(&self) -> u8 {
        self.digits
    }

    /// The value written with `digits` digits of fraction (at most 9): the
    /// nanoseconds are truncated to that precision, or padded with zeros.
    pub fn with_precision(self, digits: u8) -> Self {
        let digits = digits.min(9);
        Time { time: truncate(self.time, digits), digits, ..self }
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let mut c = Cursor::new(text);
        // `24:00:00` is the end of the day, which recurs as `00:00:00`.
        let (time, digits, _end_of_day) = c.time()?;
        let offset = c.offset()?;
        c.end()?;
        Ok(Time { time, offset, digits })
    }
}

impl From<time::Time> for Time {
    /// See [`Time::new`].
    fn from(time: time::Time) -> Self {
        Time::new(time)
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_time(f, self.time, self.digits)?;
        if let Some(offset) = self.offset {
            write_offset(f, offset)?;
        }
        Ok(())
    }
}

/// The legacy datetime format of XEP-0082 §5, `CCYYMMDDThh:mm:ss` in UTC,
/// which the obsolete XEP-0091 (`jabber:x:delay`), XEP-0090
/// (`jabber:iq:time`) and XEP-0009 use. Read only: received from old peers
/// and converted ([`to_date_time`](LegacyDateTime::to_date_time)); there
/// is no constructor, since new protocols MUST use the XEP-0082 profiles
/// (§5). Written back as it came, so that a kept value round-trips.
///
/// ```
/// use jabber_ext::datetime::{DateTime, LegacyDateTime};
/// use jabber_stanza::Value;
///
/// let stamp = LegacyDateTime::from_value("20020910T23:08:25")?;
/// assert_eq!(stamp.to_date_time(), DateTime::from_value("2002-09-10T23:08:25Z")?);
/// assert_eq!(stamp.to_value(), "20020910T23:08:25");
/// assert!(LegacyDateTime::from_value("2002-09-10T23:08:25Z").is_err());
/// # Ok::<(), jabber_stanza::ValueError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LegacyDateTime(PrimitiveDateTime);

impl LegacyDateTime {
    /// The date and time, in UTC.
    pub const fn utc(&self) -> PrimitiveDateTime {
        self.0
    }

    /// The same moment as a [`DateTime`] in UTC (written with `Z`), as
    /// XEP-0203 writes what XEP-0091 did.
    pub const fn to_date_time(&self) -> DateTime {
        DateTime { local: self.0, offset: UtcOffset::UTC, digits: 0 }
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let mut c = Cursor::new(text);
        let year = c.digits(4)? as i32;
        let month = c.digits(2)?;
        let day = c.digits(2)?;
        let date = calendar_date(year, month, day)?;
        c.byte(b'T')?;
        let hour = c.digits(2)?;
        c.byte(b':')?;
        let minute = c.digits(2)?;
        c.byte(b':')?;
        let second = c.digits(2)?;
        c.end()?;
        let time = time::Time::from_hms(hour as u8, minute as u8, second as u8).map_err(|_| ValueError::Invalid)?;
        Ok(LegacyDateTime(PrimitiveDateTime::new(date, time)))
    }
}

impl From<LegacyDateTime> for DateTime {
    fn from(value: LegacyDateTime) -> Self {
        value.to_date_time()
    }
}

impl fmt::Display for LegacyDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (date, time) = (self.0.date(), self.0.time());
        write!(
            f,
            "{:04}{:02}{:02}T{:02}:{:02}:{:02}",
            date.year(),
            u8::from(date.month()),
            date.day(),
            time.hour(),
            time.minute(),
            time.second()
        )
    }
}

macro_rules! values {
    ($($ty:ident),*) => {$(
        /// Read liberally, after stripping XML whitespace (see the
        /// [module](self)); written exactly. [`ValueError::Invalid`] for
        /// anything else.
        impl Value for $ty {
            fn from_value(text: &str) -> Result<Self, ValueError> {
                $ty::parse(collapse(text))
            }
            fn to_value(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }

        /// As [`Value::from_value`].
        impl FromStr for $ty {
            type Err = ValueError;
            fn from_str(text: &str) -> Result<Self, ValueError> {
                $ty::from_value(text)
            }
        }
    )*};
}

values!(Date, DateTime, Time, LegacyDateTime);

/// XML whitespace (XML 1.0 §2.3), which XML Schema's `collapse` strips
/// around dates and times.
fn collapse(text: &str) -> &str {
    text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

/// Whether XML Schema can write the offset: whole minutes, within ±14:00.
fn writable(offset: UtcOffset) -> bool {
    offset.seconds_past_minute() == 0 && offset.whole_minutes().abs() <= MAX_OFFSET_MINUTES
}

/// The writable offset nearest to `offset`: seconds dropped, within ±14:00.
fn nearest_writable(offset: UtcOffset) -> UtcOffset {
    let minutes = offset.whole_minutes().clamp(-MAX_OFFSET_MINUTES, MAX_OFFSET_MINUTES);
    // Within ±14:00, whole minutes: always in range.
    UtcOffset::from_whole_seconds(i32::from(minutes) * 60).unwrap_or(UtcOffset::UTC)
}

/// The digits of fraction `nanoseconds` needs (trailing zeros dropped).
fn digits_needed(nanoseconds: u32) -> u8 {
    if nanoseconds == 0 {
        return 0;
    }
    let mut digits = 9;
    let mut n = nanoseconds;
    while n.is_multiple_of(10) {
        n /= 10;
        digits -= 1;
    }
    digits
}

/// `time` with its nanoseconds truncated to `digits` (at most 9) digits.
fn truncate(time: time::Time, digits: u8) -> time::Time {
    let unit = 10u32.pow(9 - u32::from(digits));
    let nanoseconds = time.nanosecond() / unit * unit;
    // A smaller nanosecond of a valid time is valid.
    time.replace_nanosecond(nanoseconds).unwrap_or(time)
}

fn calendar_date(year: i32, month: u32, day: u32) -> Result<time::Date, ValueError> {
    let month = u8::try_from(month).ok().and_then(|m| Month::try_from(m).ok()).ok_or(ValueError::Invalid)?;
    let day = u8::try_from(day).map_err(|_| ValueError::Invalid)?;
    time::Date::from_calendar_date(year, month, day).map_err(|_| ValueError::Invalid)
}

fn write_date(f: &mut fmt::Formatter<'_>, date: time::Date) -> fmt::Result {
    let year = date.year();
    // XML Schema: a negative year is written with a minus sign; the `time`
    // crate's years have at most four digits.
    if year < 0 {
        f.write_str("-")?;
    }
    write!(f, "{:04}-{:02}-{:02}", year.unsigned_abs(), u8::from(date.month()), date.day())
}

fn write_time(f: &mut fmt::Formatter<'_>, time: time::Time, digits: u8) -> fmt::Result {
    write!(f, "{:02}:{:02}:{:02}", time.hour(), time.minute(), time.second())?;
    if digits > 0 {
        let fraction = format!("{:09}", time.nanosecond());
        write!(f, ".{}", &fraction[..usize::from(digits.min(9))])?;
    }
    Ok(())
}

fn write_offset(f: &mut fmt::Formatter<'_>, offset: UtcOffset) -> fmt::Result {
    if offset.is_utc() {
        return f.write_str("Z");
    }
    let sign = if offset.is_negative() { '-' } else { '+' };
    write!(f, "{sign}{:02}:{:02}", offset.whole_hours().unsigned_abs(), offset.minutes_past_hour().unsigned_abs())
}

/// A reader of the lexical forms, byte by byte.
struct Cursor<'a> {
    text: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor { text: text.as_bytes(), at: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn byte(&mut self, byte: u8) -> Result<(), ValueError> {
        if self.eat(byte) { Ok(()) } else { Err(ValueError::Invalid) }
    }

    /// Exactly `count` ASCII digits (at most 9, so the value fits).
    fn digits(&mut self, count: usize) -> Result<u32, ValueError> {
        let mut value = 0;
        for _ in 0..count {
            match self.peek() {
                Some(d @ b'0'..=b'9') => {
                    value = value * 10 + u32::from(d - b'0');
                    self.at += 1;
                }
                _ => return Err(ValueError::Invalid),
            }
        }
        Ok(value)
    }

    fn end(&self) -> Result<(), ValueError> {
        if self.at == self.text.len() { Ok(()) } else { Err(ValueError::Invalid) }
    }

    /// `[-]CCYY-MM-DD`: a four-digit year (the `time` crate's range), a
    /// month and a day it has.
    fn date(&mut self) -> Result<time::Date, ValueError> {
        let negative = self.eat(b'-');
        let year = self.digits(4)? as i32;
        // XML Schema: there is no year -0000.
        if negative && year == 0 {
            return Err(ValueError::Invalid);
        }
        self.byte(b'-')?;
        let month = self.digits(2)?;
        self.byte(b'-')?;
        let day = self.digits(2)?;
        calendar_date(if negative { -year } else { year }, month, day)
    }

    /// `hh:mm:ss[.s+]`: the time, the digits of fraction kept (at most
    /// 9), and whether it was `24:00:00` (the end of the day, returned as
    /// midnight).
    fn time(&mut self) -> Result<(time::Time, u8, bool), ValueError> {
        let hour = self.digits(2)?;
        self.byte(b':')?;
        let minute = self.digits(2)?;
        self.byte(b':')?;
        let second = self.digits(2)?;
        let (mut nanoseconds, mut digits) = (0, 0);
        if self.eat(b'.') {
            let start = self.at;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                if digits < 9 {
                    nanoseconds = nanoseconds * 10 + u32::from(d - b'0');
                    digits += 1;
                }
                self.at += 1;
            }
            if self.at == start {
                return Err(ValueError::Invalid);
            }
            nanoseconds *= 10u32.pow(9 - u32::from(digits));
        }
        if hour == 24 {
            return if minute == 0 && second == 0 && nanoseconds == 0 {
                Ok((time::Time::MIDNIGHT, digits, true))
            } else {
                Err(ValueError::Invalid)
            };
        }
        // Hours to 23, minutes and seconds to 59 (no leap second).
        let time = time::Time::from_hms_nano(hour as u8, minute as u8, second as u8, nanoseconds)
            .map_err(|_| ValueError::Invalid)?;
        Ok((time, digits, false))
    }

    /// `Z`, `(+|-)hh:mm` within ±14:00, or nothing.
    fn offset(&mut self) -> Result<Option<UtcOffset>, ValueError> {
        let sign = match self.peek() {
            Some(b'Z') => {
                self.at += 1;
                return Ok(Some(UtcOffset::UTC));
            }
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return Ok(None),
        };
        self.at += 1;
        let hours = self.digits(2)? as i16;
        self.byte(b':')?;
        let minutes = self.digits(2)? as i16;
        let total = hours * 60 + minutes;
        if minutes > 59 || total > MAX_OFFSET_MINUTES {
            return Err(ValueError::Invalid);
        }
        UtcOffset::from_whole_seconds(i32::from(sign * total) * 60).map(Some).map_err(|_| ValueError::Invalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_time(text: &str) -> DateTime {
        DateTime::from_value(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
    }

    #[test]
    fn utc_is_written_z_however_it_came() {
        for text in ["2002-09-10T23:08:25Z", "2002-09-10T23:08:25+00:00", "2002-09-10T23:08:25-00:00"] {
            let value = date_time(text);
            assert_eq!(value.offset(), UtcOffset::UTC);
            assert_eq!(value.to_value(), "2002-09-10T23:08:25Z");
        }
    }

    #[test]
    fn fractions_keep_their_digits_up_to_nine() {
        let cases = [
            ("2002-09-10T23:08:25.1Z", 1, 100_000_000, "2002-09-10T23:08:25.1Z"),
            ("2002-09-10T23:08:25.000Z", 3, 0, "2002-09-10T23:08:25.000Z"),
            ("2002-09-10T23:08:25.123456789Z", 9, 123_456_789, "2002-09-10T23:08:25.123456789Z"),
            // Beyond the nanosecond, digits are dropped (truncated).
            ("2002-09-10T23:08:25.1234567891234Z", 9, 123_456_789, "2002-09-10T23:08:25.123456789Z"),
        ];
        for (text, digits, nanoseconds, written) in cases {
            let value = date_time(text);
            assert_eq!((value.precision(), value.time().nanosecond()), (digits, nanoseconds), "{text}");
            assert_eq!(value.to_value(), written);
            assert_eq!(date_time(&value.to_value()), value);
        }
    }

    #[test]
    fn end_of_day_is_the_next_midnight() {
        assert_eq!(date_time("1999-12-31T24:00:00Z").to_value(), "2000-01-01T00:00:00Z");
        assert_eq!(date_time("2000-02-28T24:00:00.00+01:00").to_value(), "2000-02-29T00:00:00.00+01:00");
        assert_eq!(Time::from_value("24:00:00").unwrap().to_value(), "00:00:00");
        assert!(DateTime::from_value("1999-12-31T24:00:01Z").is_err());
        assert!(DateTime::from_value("9999-12-31T24:00:00Z").is_err());
    }

    #[test]
    fn what_the_profiles_do_not_allow_is_invalid() {
        for text in [
            "",
            "1969-07-21T02:56:15",       // no time zone (§3.2: mandatory)
            "1969-07-21 02:56:15Z",      // no T
            "1969-07-21t02:56:15z",      // lower case
            "1969-7-21T02:56:15Z",       // one-digit month
            "1969-02-29T02:56:15Z",      // not a leap year
            "1969-07-21T02:56:60Z",      // no leap second
            "1969-07-21T25:00:00Z",      // hour
            "1969-07-21T02:60:00Z",      // minute
            "1969-07-21T02:56:15.Z",     // a dot without digits
            "1969-07-21T02:56:15+14:01", // beyond ±14:00
            "1969-07-21T02:56:15+05",    // offset without minutes
            "1969-07-21T02:56:15+0500",  // offset without colon
            "-0000-01-01T00:00:00Z",     // no year -0000
            "10000-01-01T00:00:00Z",     // beyond the time crate's range
            "1969-07-21T02:56:15ZZ",     // trailing text
            "١٩٦٩-07-21T02:56:15Z",      // non-ASCII digits
        ] {
            assert_eq!(DateTime::from_value(text), Err(ValueError::Invalid), "{text:?}");
        }
        // XML whitespace around the value is collapsed, not inside it.
        assert!(DateTime::from_value("\t1969-07-21T02:56:15Z \r\n").is_ok());
        assert!(DateTime::from_value("1969-07-21T02:56:15 Z").is_err());
        assert!(Date::from_value("1776-07-04T00:00:00Z").is_err());
        assert!(Time::from_value("16:00").is_err());
        assert!(LegacyDateTime::from_value("20020910T23:08:25Z").is_err());
        assert!(LegacyDateTime::from_value("20021310T23:08:25").is_err());
    }

    #[test]
    fn negative_years_and_offsets_round_trip() {
        let value = date_time("-0044-03-15T12:00:00-14:00");
        assert_eq!(value.date().year(), -44);
        assert_eq!(value.offset().whole_minutes(), -840);
        assert_eq!(value.to_value(), "-0044-03-15T12:00:00-14:00");
        assert_eq!(Date::from_value("2002-10-10+13:00").unwrap().to_value(), "2002-10-10+13:00");
        assert_eq!(Date::from_value(" 2002-10-10Z\n").unwrap().to_value(), "2002-10-10Z");
    }

    #[test]
    fn offsets_that_cannot_be_written_become_utc() {
        let odd = UtcOffset::from_hms(5, 30, 15).unwrap();
        let moment = PrimitiveDateTime::new(
            time::Date::from_calendar_date(2020, Month::March, 1).unwrap(),
            time::Time::from_hms(12, 0, 0).unwrap(),
        )
        .assume_offset(odd);
        let value = DateTime::new(moment);
        assert_eq!(value.offset(), UtcOffset::UTC);
        assert_eq!(value.to_offset_date_time(), moment);
        assert_eq!(value.to_value(), "2020-03-01T06:29:45Z");

        let far = UtcOffset::from_hms(20, 0, 0).unwrap();
        let time = Time::new(time::Time::from_hms(3, 0, 0).unwrap()).with_offset(far);
        assert_eq!(time.to_value(), "07:00:00Z");

        // At the end of the range, UTC is out of it: the local time is kept.
        let edge = PrimitiveDateTime::new(time::Date::MAX, time::Time::from_hms(23, 0, 0).unwrap())
            .assume_offset(UtcOffset::from_hms(-20, 0, 0).unwrap());
        let value = DateTime::new(edge);
        assert_eq!(value.to_value(), "9999-12-31T23:00:00-14:00");
        assert_eq!(date_time(&value.to_value()), value);
    }

    #[test]
    fn precision_needed_and_set() {
        assert_eq!(digits_needed(0), 0);
        assert_eq!(digits_needed(500_000_000), 1);
        assert_eq!(digits_needed(120_000_000), 2);
        assert_eq!(digits_needed(1), 9);
        let value = date_time("2002-09-10T23:08:25.987654321Z");
        assert_eq!(value.with_precision(2).to_value(), "2002-09-10T23:08:25.98Z");
        assert_eq!(value.with_precision(12).precision(), 9);
        assert_eq!(value.with_precision(0).with_precision(3).to_value(), "2002-09-10T23:08:25.000Z");
    }
}
