//! The review file: the city's comments on one ward's report, sent back to the
//! ward. `{"schema": "torikumi/review/v1", "ward": …, "fiscal_year": …,
//! "made": …, "report_changed": …, "report_hash": …, "comments": […]}`.

use schemars::JsonSchema;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::comment::Comment;
pub use super::error::ReviewError;
use crate::exchange::{file_schema, read_schema, schema_version_of, ImportError};
use crate::fiscal::era_short_year;
use crate::limits::{self, LimitError, REPORT_YEARS};
use crate::model::{Document, Report, Ward};
use crate::timestamp::Timestamp;

/// Every version's schema id starts with this, followed by the version number.
pub const SCHEMA_PREFIX: &str = "torikumi/review/v";
/// The version this app writes, and the newest it reads.
pub const VERSION: u32 = 1;
/// A review file is small: a few hundred comments at most.
pub const MAX_REVIEW_BYTES: usize = 2 * 1024 * 1024;

/// `torikumi/review/v1`
pub fn schema_id() -> String {
    format!("{SCHEMA_PREFIX}{VERSION}")
}

/// Whether a schema id read from a file is a review file's (of any version).
pub fn is_review(schema: &str) -> bool {
    schema_version_of(Some(schema), SCHEMA_PREFIX).is_some()
}

/// The city's comments on one ward's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The ward whose report it is about.
    pub ward: Ward,
    /// The report's 年度 (Gregorian year it begins in).
    pub fiscal_year: i32,
    /// When the city wrote this file.
    pub made: Timestamp,
    /// The last change of the report the comments were made on.
    pub report_changed: Timestamp,
    /// That report's content hash ([`content_hash`]): the ward's app says when its draft differs.
    pub report_hash: String,
    pub comments: Vec<Comment>,
}

#[derive(Serialize)]
struct File<'a> {
    schema: String,
    #[serde(flatten)]
    review: &'a Review,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    #[allow(dead_code)]
    schema: IgnoredAny,
    ward: Ward,
    fiscal_year: i32,
    made: Timestamp,
    report_changed: Timestamp,
    report_hash: String,
    comments: Vec<Comment>,
}

/// A short, stable hash of the report's content without its comments (FNV-1a,
/// 64 bits, of its JSON): the same report gives the same hash in every app.
pub fn content_hash(report: &Report) -> String {
    let json = serde_json::to_vec(&report.without_comments()).unwrap_or_default();
    let hash = json.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

impl Review {
    /// The review of `document` as the city holds it, written at `now`.
    pub fn of(document: &Document, now: Timestamp) -> Result<Review, ReviewError> {
        let report = &document.report;
        let (Some(ward), Some(fiscal_year)) = (report.ward.clone(), report.fiscal_year) else {
            return Err(ReviewError::ReportUnnamed);
        };
        Ok(Review {
            ward,
            fiscal_year,
            made: now,
            report_changed: document.changed,
            report_hash: content_hash(report),
            comments: report.comments.clone(),
        })
    }

    /// `R4_aoba_review.json`
    pub fn file_name(&self) -> String {
        format!("{}_{}_review.json", era_short_year(self.fiscal_year), self.ward.slug)
    }

    /// The file's text, pretty-printed (people open these files).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&File { schema: schema_id(), review: self }).unwrap_or_default()
    }

    /// Whether the report the comments were made on differs from `report` now.
    pub fn made_on_other_content(&self, report: &Report) -> bool {
        self.report_hash != content_hash(report)
    }

    /// Whether it is about `report`: the same ward and 年度.
    pub fn is_about(&self, report: &Report) -> bool {
        report.fiscal_year == Some(self.fiscal_year) && report.ward.as_ref().map(|w| w.slug.as_str()) == Some(self.ward.slug.as_str())
    }
}

/// Reads a review file, refusing what is not one, is newer, or is outside the limits.
pub fn from_json(bytes: &[u8]) -> Result<Review, ReviewError> {
    if bytes.len() > MAX_REVIEW_BYTES {
        return Err(LimitError::FileTooLarge { bytes: bytes.len() }.into());
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let schema = read_schema(bytes).map_err(|e| match e {
        ImportError::NotJson { line, column } => ReviewError::NotJson { line, column },
        _ => ReviewError::NotAReview,
    })?;
    let version = schema_version_of(schema.as_deref(), SCHEMA_PREFIX).ok_or(ReviewError::NotAReview)?;
    if version > VERSION {
        return Err(ReviewError::NewerVersion { found: version, supported: VERSION });
    }
    let file: FileIn = serde_json::from_slice(bytes).map_err(|e| ReviewError::Invalid { detail: e.to_string() })?;
    if file.report_hash.len() > 64 {
        return Err(ReviewError::Invalid { detail: "report_hash is longer than 64 characters".to_owned() });
    }
    if !REPORT_YEARS.contains(&file.fiscal_year) {
        return Err(LimitError::FiscalYearOutOfRange { year: file.fiscal_year }.into());
    }
    for at in [file.made, file.report_changed] {
        limits::timestamp(limits::TimestampField::Changed, &at)?;
    }
    limits::comments(&file.comments)?;
    Ok(Review {
        ward: file.ward,
        fiscal_year: file.fiscal_year,
        made: file.made,
        report_changed: file.report_changed,
        report_hash: file.report_hash,
        comments: file.comments,
    })
}

/// The JSON Schema (draft 2020-12) of the review file, generated from the types.
pub fn json_schema() -> Value {
    let schema = serde_json::to_value(schemars::schema_for!(Review)).unwrap_or_default();
    file_schema(schema, &format!("urn:torikumi:review:v{VERSION}"), "指摘 review file (Torikumi)", &schema_id())
}
