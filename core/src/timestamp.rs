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
        Timestamp(utc.to_offset(JST))
    }

    /// The fiscal year (its Gregorian start year) this instant falls in, in Japan time.
    pub fn fiscal_year(&self) -> i32 {
        let jst = self.0.to_offset(JST);
        crate::fiscal::fiscal_year_of(jst.year(), u8::from(jst.month()))
    }

    /// 「2023年2月10日 10:00」, for showing when something happened.
    pub fn display_ja(&self) -> String {
        let t = self.0.to_offset(JST);
        format!("{}年{}月{}日 {:02}:{:02}", t.year(), u8::from(t.month()), t.day(), t.hour(), t.minute())
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
