//! Points in time as the exchange file writes them: RFC 3339 with the offset
//! (`2023-02-10T10:00:00+09:00`). The browser supplies "now"; nothing here reads a clock.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use time::{macros::offset, OffsetDateTime, UtcOffset};

/// Japan Standard Time; Japan has no daylight saving time.
pub const JST: UtcOffset = offset!(+9);

/// An instant with the offset it was recorded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timestamp(#[serde(with = "time::serde::rfc3339")] pub OffsetDateTime);

impl Timestamp {
    /// From milliseconds since the Unix epoch (JavaScript's `Date.now()`), in Japan time.
    /// Out-of-range input (far past or future) falls back to the epoch rather than failing.
    pub fn from_unix_millis(ms: f64) -> Self {
        let nanos = (ms as i128).saturating_mul(1_000_000);
        let utc = OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH);
        // The last hours of year 9999 (UTC) have no Japan time; the epoch stands in for them too.
        Timestamp(utc.checked_to_offset(JST).unwrap_or(OffsetDateTime::UNIX_EPOCH.to_offset(JST)))
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
