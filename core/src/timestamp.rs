//! Points in time as the exchange file writes them: RFC 3339 with the offset
//! (`2023-02-10T10:00:00+09:00`). The browser supplies "now"; nothing here reads a clock.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use time::{macros::datetime, macros::offset, Duration, OffsetDateTime, UtcOffset};

/// Japan Standard Time; Japan has no daylight saving time.
pub const JST: UtcOffset = offset!(+9);

/// Years a timestamp may fall in, as written and in Japan time (re-exported as
/// [`crate::limits::TIMESTAMP_YEARS`]). The app's clock is held inside them, so
/// nothing the app stamps can fall outside what it reads.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2200;
/// The first instant of [`YEARS`] in Japan time.
const EARLIEST: OffsetDateTime = datetime!(2000-01-01 00:00:00 +9);
/// The last millisecond of [`YEARS`] in Japan time.
const LATEST: OffsetDateTime = datetime!(2200-12-31 23:59:59.999 +9);

/// An instant with the offset it was recorded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timestamp(#[serde(with = "time::serde::rfc3339")] pub OffsetDateTime);

impl Timestamp {
    /// From milliseconds since the Unix epoch (JavaScript's `Date.now()`), in Japan time,
    /// held inside [`YEARS`]: a PC clock before 2000 (a dead clock battery) stamps the
    /// first instant of 2000, one after 2200 the last of 2200, and what is not a time
    /// at all (NaN) the first instant too. What the app stamps, it can always read back.
    pub fn from_unix_millis(ms: f64) -> Self {
        if ms.is_nan() {
            return Timestamp(EARLIEST);
        }
        // `as` saturates; the bounds are far inside i128 nanoseconds.
        let nanos = (ms as i128).saturating_mul(1_000_000);
        let at = if nanos < EARLIEST.unix_timestamp_nanos() {
            EARLIEST
        } else if nanos > LATEST.unix_timestamp_nanos() {
            LATEST
        } else {
            // Inside the bounds, so representable.
            OffsetDateTime::from_unix_timestamp_nanos(nanos).map_or(EARLIEST, |utc| utc.to_offset(JST))
        };
        Timestamp(at)
    }

    /// The year a PC clock reads (milliseconds since the epoch, in Japan time) when
    /// it is outside [`YEARS`], so that the page can say the clock is wrong: what the
    /// app stamps then is held at the edge of the years ([`Timestamp::from_unix_millis`]).
    pub fn clock_outside_years(ms: f64) -> Option<i32> {
        if ms.is_nan() {
            return Some(1970);
        }
        let nanos = (ms as i128).saturating_mul(1_000_000);
        let year = match OffsetDateTime::from_unix_timestamp_nanos(nanos) {
            Ok(utc) => utc.checked_to_offset(JST).unwrap_or(utc).year(),
            Err(_) if ms < 0.0 => i32::MIN,
            Err(_) => i32::MAX,
        };
        (!YEARS.contains(&year)).then_some(year)
    }

    /// Whether this instant falls in [`YEARS`] as written and in Japan time.
    pub fn in_range(&self) -> bool {
        YEARS.contains(&self.0.year()) && self.0.checked_to_offset(JST).is_some_and(|jst| YEARS.contains(&jst.year()))
    }

    /// This instant held inside [`YEARS`] (in Japan time when it had to move):
    /// how a stored draft the app wrote before its clock was held reads back.
    pub fn clamped(self) -> Timestamp {
        if self.in_range() {
            self
        } else if self.0 < EARLIEST {
            Timestamp(EARLIEST)
        } else if self.0 > LATEST {
            Timestamp(LATEST)
        } else {
            // In range as an instant, written in an offset whose year is outside: Japan time.
            Timestamp(self.0.to_offset(JST))
        }
    }

    /// A stamp for a change made after `previous`: this instant, or just after
    /// `previous` when the clock went back, so that a later change never reads as
    /// older than an earlier one (the export mark, an import's 「古い」 warning and
    /// the list's order rely on it).
    pub fn after(self, previous: Timestamp) -> Timestamp {
        if self.0 > previous.0 {
            return self;
        }
        let next = Timestamp(previous.0.checked_add(Duration::milliseconds(1)).unwrap_or(previous.0)).clamped();
        // At the very end of the years there is no later instant: `previous` again.
        if next.0 >= previous.0 {
            next
        } else {
            previous
        }
    }

    /// This instant in Japan time; at the very ends of the representable range
    /// (e.g. 9999-12-31T23:59:59Z, from a damaged file), as it was written instead.
    fn in_japan(&self) -> OffsetDateTime {
        self.0.checked_to_offset(JST).unwrap_or(self.0)
    }

    /// The fiscal year (its Gregorian start year) this instant falls in, in Japan time.
    pub fn fiscal_year(&self) -> i32 {
        let jst = self.in_japan();
        crate::fiscal::fiscal_year_of(jst.year(), u8::from(jst.month()))
    }

    /// 「2023年2月10日 10:00」, for showing when something happened.
    pub fn display_ja(&self) -> String {
        let t = self.in_japan();
        let shown = format!("{}年{}月{}日 {:02}:{:02}", t.year(), u8::from(t.month()), t.day(), t.hour(), t.minute());
        if t.offset() == JST {
            shown
        } else {
            // Not in Japan time after all: say which offset it is in rather than mislead.
            let (h, m, _) = t.offset().as_hms();
            let sign = if t.offset().is_negative() { '-' } else { '+' };
            format!("{shown}（UTC{sign}{:02}:{:02}）", h.unsigned_abs(), m.unsigned_abs())
        }
    }
}

impl JsonSchema for Timestamp {
    fn schema_name() -> Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date-time",
            "description": "RFC 3339 with the offset, e.g. 2023-02-10T10:00:00+09:00"
        })
    }
}
