//! Why a review file could not be read.

use thiserror::Error;

use crate::limits::LimitError;

/// Why bytes could not be read as a review file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReviewError {
    /// Not JSON; where the parser stopped.
    #[error("not JSON (line {line}, column {column})")]
    NotJson { line: usize, column: usize },
    /// JSON, but not a review file.
    #[error("not a review file")]
    NotAReview,
    /// Written by a newer version of the app.
    #[error("review version {found} is newer than supported version {supported}")]
    NewerVersion { found: u32, supported: u32 },
    /// A review file whose content does not match its shape.
    #[error("review content is invalid: {detail}")]
    Invalid { detail: String },
    /// Outside the limits (size, comments, text, years).
    #[error("outside the limits: {0}")]
    Limit(#[from] LimitError),
    /// A report without a ward or a 年度 cannot be reviewed (the ward's app could not find it).
    #[error("the report has no ward or no fiscal year")]
    ReportUnnamed,
}

