//! The bundle's data: what the city imported, and what the review and the
//! summary table give back. Shared by every part of [`crate::bundle`]; plain
//! data with no Japanese (the text is in [`crate::messages`]).

use thiserror::Error;

use crate::exchange::ImportError;
use crate::model::{BodyKind, Document, Status, Ward};
use crate::timestamp::Timestamp;

/// Stable identity of an imported report within the set (never reused while the set lives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub u32);

/// One imported report: the document, the file it came from, and when it was added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: EntryId,
    pub document: Document,
    pub file_name: String,
    pub added: Timestamp,
}

/// A file that could not be read, listed with its reason; it never stops the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub file_name: String,
    pub error: ImportError,
    pub added: Timestamp,
}

/// The reports the city has gathered (取りまとめ), in the order they were added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleSet {
    pub(super) entries: Vec<Entry>,
    pub(super) unreadable: Vec<Unreadable>,
    /// Explicit choices: ward slug → the entry used for it (overrides "changed last").
    pub(super) choices: Vec<(String, EntryId)>,
    pub(super) next_id: u32,
}

/// What adding files to the set did. The set grows under the same limits it is
/// read with ([`super::MAX_BUNDLE_REPORTS`], [`super::MAX_BUNDLE_BYTES`]), so its
/// stored text and its own file always read back; a report already in the set
/// (the same content, whatever the file's name) adds nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Added {
    /// Reports added.
    pub reports: usize,
    /// Files listed as unreadable, with their reasons.
    pub unreadable: usize,
    /// Reports (or unreadable files) already in the set: not added again.
    pub already: usize,
    /// Reports (or unreadable files) not added: the set would pass its limits.
    pub past_limit: usize,
}

impl std::ops::AddAssign for Added {
    fn add_assign(&mut self, other: Added) {
        self.reports += other.reports;
        self.unreadable += other.unreadable;
        self.already += other.already;
        self.past_limit += other.past_limit;
    }
}

/// One configured ward's place in the bundle: the report used, and the others for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot<'a> {
    /// The ward as configured (its name and slug).
    pub ward: &'a Ward,
    /// The report used: the explicit choice, else the one changed last.
    pub used: Option<&'a Entry>,
    /// The other reports for this ward, changed last first; any can be chosen instead.
    pub others: Vec<&'a Entry>,
    /// Whether `used` was chosen explicitly.
    pub chosen: bool,
}

/// A configured ward's row in the review list: its status and the rules' findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WardRow {
    pub ward: Ward,
    /// The entry used, if any report was imported for the ward.
    pub entry: Option<EntryId>,
    pub file_name: Option<String>,
    /// 下書き or 完成; `None` when the ward has no report.
    pub status: Option<Status>,
    /// Errors by the rules ([`crate::rules::check`]).
    pub errors: usize,
    /// Warnings by the rules.
    pub warnings: usize,
    /// How many other files were imported for the ward.
    pub others: usize,
}

/// What the city should know about the set before binding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleWarning {
    /// Configured wards with no report (their slugs, in configured order).
    MissingWards { slugs: Vec<String> },
    /// Two or more files for one ward: which one is used, the others, and whether it was chosen.
    Duplicates { slug: String, used: String, others: Vec<String>, chosen: bool },
    /// The reports used are for different 年度 (`None`: a report without one), in ascending order.
    MixedYears { years: Vec<Option<i32>> },
    /// Reports used that are still 下書き (their wards' slugs, in configured order).
    Drafts { slugs: Vec<String> },
    /// Reports used that have errors by the rules: ward slug and number of errors, in configured order.
    RuleErrors { wards: Vec<(String, usize)> },
    /// Reports whose ward is not configured (or unset): their file names, left out of the bundle.
    OutsideConfig { file_names: Vec<String> },
    /// Files that could not be read (their names); listed with their reasons.
    UnreadableFiles { file_names: Vec<String> },
}

/// The review of a set: one row per configured ward, then the warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub rows: Vec<WardRow>,
    pub warnings: Vec<BundleWarning>,
}

/// A row of 「実施回数の一覧」, in the table's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SummaryRowKind {
    /// One of the four fixed bodies' counts.
    Body(BodyKind),
    /// プロジェクトチーム数: the number of teams.
    Teams,
    /// その他の活動数: the number of other activities.
    Activities,
}

impl SummaryRowKind {
    /// The rows in the table's order.
    pub const ALL: [SummaryRowKind; 6] = [
        SummaryRowKind::Body(BodyKind::Plenary),
        SummaryRowKind::Body(BodyKind::Network),
        SummaryRowKind::Body(BodyKind::Liaison),
        SummaryRowKind::Body(BodyKind::Steering),
        SummaryRowKind::Teams,
        SummaryRowKind::Activities,
    ];
}

/// A projection's year and month; either may be unset in a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Projection {
    pub year: Option<i32>,
    pub month: Option<u8>,
}

/// A column of the summary: a configured ward.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryColumn {
    pub ward: Ward,
    /// Whether the ward's report is in the set.
    pub present: bool,
    /// Set when the ward's counts are 見込み.
    pub projected: Option<Projection>,
}

/// One cell: the number (blank when unknown or unparsed), and whether it is 見込み.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryCell {
    pub value: Option<u32>,
    pub projected: bool,
}

/// 合計 of a row: the sum of the known cells, and whether some were unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryTotal {
    pub sum: u64,
    pub incomplete: bool,
    /// Whether a 見込み cell went into the sum.
    pub projected: bool,
}

/// A row of the summary: one cell per column, then the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    pub kind: SummaryRowKind,
    pub cells: Vec<SummaryCell>,
    pub total: SummaryTotal,
    /// 前年度: the same row's 合計 in last year's reports, when the set holds them.
    pub previous: Option<SummaryTotal>,
}

impl SummaryRow {
    /// 増減: this year's 合計 less last year's.
    pub fn change(&self) -> Option<i64> {
        let previous = self.previous?;
        Some(i64::try_from(self.total.sum).ok()? - i64::try_from(previous.sum).ok()?)
    }
}

/// 「実施回数の一覧」: rows × configured wards, then 合計; plain data for the app and the CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The set's 年度 when all reports used share one.
    pub fiscal_year: Option<i32>,
    pub columns: Vec<SummaryColumn>,
    pub rows: Vec<SummaryRow>,
    /// The 年度 of last year's reports in the set, and the wards that have none (their names).
    pub previous: Option<PreviousYear>,
}

/// Last year's reports in the set, as 「実施回数の一覧」 compares with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousYear {
    pub fiscal_year: i32,
    /// Configured wards with no report of that year, in configured order.
    pub missing: Vec<String>,
}

impl Summary {
    /// Whether any cell is blank (the table then says totals are of the known cells).
    pub fn has_unknown(&self) -> bool {
        self.rows.iter().any(|r| r.total.incomplete)
    }
}

/// Why a bundle file (or a stored set) could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BundleError {
    /// Not JSON (or not UTF-8); where the parser stopped.
    #[error("not JSON (line {line}, column {column})")]
    NotJson { line: usize, column: usize },
    /// JSON, but without a Torikumi bundle schema id.
    #[error("not a Torikumi bundle")]
    NotABundle,
    /// Written by a newer version of the app than this one.
    #[error("bundle version {found} is newer than supported version {supported}")]
    NewerVersion { found: u32, supported: u32 },
    /// A bundle whose outer shape is wrong (the reports inside are read one by one).
    #[error("bundle content is invalid: {detail}")]
    Invalid { detail: String },
    /// Larger than the app reads, or holding more reports than it binds.
    #[error("bundle too large: {bytes} bytes, {reports} reports")]
    TooLarge { bytes: usize, reports: usize },
}
