//! Sanity bounds on what a report may hold, checked on every import and every
//! stored draft read back ([`crate::exchange::from_value`]).
//!
//! A real report is far inside these. They exist so that a damaged or hostile
//! file is refused with a reason instead of being accepted and then making the
//! app slow, overflow an id or a year, or panic on every load. Out of range for
//! the *rules* (a fiscal year the form does not know) stays a rules finding.

use thiserror::Error;

use crate::comments::{Comment, CommentId, MAX_COMMENTS, MAX_COMMENT_CHARS};
use crate::edit::Place;
use crate::fields::Cell;
use crate::model::{Basis, BodyKind, Document, ListKind, Report, Row, RowId, SectionKind};
use crate::timestamp::Timestamp;

/// The largest file the app reads (5 MB); the app can check `File.size` against this before reading.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Rows per list: teams, other activities, and the parts (内訳) of each fixed body.
pub const MAX_ROWS: usize = 200;
/// Characters (Unicode scalar values) per text field, any field.
pub const MAX_TEXT_CHARS: usize = 20_000;
pub use crate::model::MAX_ROW_ID;
/// Years a timestamp (created, changed, finished) may fall in, as written and in Japan time.
/// The app's clock is held inside them ([`Timestamp::from_unix_millis`]).
pub use crate::timestamp::YEARS as TIMESTAMP_YEARS;
/// Years a fiscal year or a projection year may name (year arithmetic never overflows inside these).
/// Edits never leave them ([`crate::edit`]), nor does 「前年度から作成」 ([`next_year`]).
pub use crate::fiscal::YEARS as REPORT_YEARS;

/// Which of the document's timestamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimestampField {
    /// When the report was created.
    Created,
    /// When it was last changed.
    Changed,
    /// When it was marked finished.
    Finished,
}

/// A text field of the report, by position: rows are counted from 1 as the
/// form shows them (a refused file has no ids that can be relied on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    /// The ward's display name.
    WardName,
    /// The ward's ASCII slug.
    WardSlug,
    /// A fixed body's count (as typed), content or local name.
    Body(BodyKind, Cell),
    /// A cell of the n-th part (内訳) of a fixed body.
    Part(BodyKind, usize, Cell),
    /// A cell of the n-th team or other activity.
    Item(ListKind, usize, Cell),
    /// One of the three text sections.
    Section(SectionKind),
}

/// What is outside the limits, and where.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LimitError {
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("file is {bytes} bytes, more than {MAX_FILE_BYTES}")]
    FileTooLarge { bytes: usize },
    /// A list holds more than [`MAX_ROWS`] rows.
    #[error("a list has {rows} rows, more than {MAX_ROWS}")]
    TooManyRows { place: Place, rows: usize },
    /// A text field is longer than [`MAX_TEXT_CHARS`] characters.
    #[error("a text has {chars} characters, more than {MAX_TEXT_CHARS}")]
    TextTooLong { field: TextField, chars: usize },
    /// A timestamp's year is outside [`TIMESTAMP_YEARS`] (as written or in Japan time).
    #[error("a timestamp is outside the years 2000 to 2200")]
    TimestampOutOfRange { field: TimestampField, at: Timestamp },
    /// The fiscal year is outside [`REPORT_YEARS`].
    #[error("fiscal year {year} is outside 1900 to 2200")]
    FiscalYearOutOfRange { year: i32 },
    /// The projection's year is outside [`REPORT_YEARS`].
    #[error("projection year {year} is outside 1900 to 2200")]
    ProjectionYearOutOfRange { year: i32 },
    /// A row id above [`MAX_ROW_ID`].
    #[error("row id {} is larger than {MAX_ROW_ID}", id.0)]
    RowIdTooLarge { place: Place, id: RowId },
    /// Two rows share an id (editing one would edit the other); `place` is where it occurs again.
    #[error("row id {} occurs twice", id.0)]
    DuplicateRowId { place: Place, id: RowId },
    /// More comments than [`MAX_COMMENTS`].
    #[error("{count} comments, more than {MAX_COMMENTS}")]
    TooManyComments { count: usize },
    /// Two comments share an id.
    #[error("comment id {} occurs twice", id.0)]
    DuplicateCommentId { id: CommentId },
    /// A comment's text or reply, counted from 1 in the file's order, is longer than [`MAX_COMMENT_CHARS`].
    #[error("comment {number} has {chars} characters, more than {MAX_COMMENT_CHARS}")]
    CommentTooLong { number: usize, chars: usize },
}

/// Every list of rows, in the form's order.
const PLACES: [Place; 6] = [
    Place::Parts(BodyKind::Plenary),
    Place::Parts(BodyKind::Network),
    Place::Parts(BodyKind::Liaison),
    Place::List(ListKind::Teams),
    Place::Parts(BodyKind::Steering),
    Place::List(ListKind::Activities),
];

/// The characters a field takes: a reply to a comment [`MAX_COMMENT_CHARS`], any
/// other text [`MAX_TEXT_CHARS`]. The editor never stores more (the draft would not read back).
pub fn max_chars(field: crate::fields::Field) -> usize {
    match field {
        crate::fields::Field::Reply(_) => MAX_COMMENT_CHARS,
        _ => MAX_TEXT_CHARS,
    }
}

/// `text` cut to at most `max` characters.
pub fn within(text: &str, max: usize) -> &str {
    text.char_indices().nth(max).map_or(text, |(end, _)| &text[..end])
}

/// Text pasted or dropped into a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pasted {
    /// Characters in the text pasted.
    pub chars: usize,
    /// Characters of it the field's limit cut off (0: all fitted).
    pub cut: usize,
}

/// What pasting `text` over the selection (`selected` UTF-16 units) of a field
/// holding `value` keeps. Fields stop at their `max` ([`max_chars`]) as the browser's
/// `maxlength` counts (UTF-16 units, never fewer than characters) and cut a
/// longer paste silently: the app says how much was cut.
pub fn pasted(max: usize, value: &str, selected: usize, text: &str) -> Pasted {
    let room = max.saturating_sub(value.encode_utf16().count().saturating_sub(selected));
    let mut used = 0;
    let kept = text
        .chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= room
        })
        .count();
    let chars = text.chars().count();
    Pasted { chars, cut: chars - kept }
}

/// 「前年度から作成」: `report` for the following fiscal year, or the year it would
/// name when that is outside [`REPORT_YEARS`] (from a report of 2200, the app would
/// write a draft it then refuses to read). A report without a year stays without one.
pub fn next_year(report: &Report, keep_counts_and_text: bool) -> Result<Report, LimitError> {
    if let Some(year) = report.fiscal_year {
        match year.checked_add(1) {
            Some(next) if REPORT_YEARS.contains(&next) => {}
            next => return Err(LimitError::FiscalYearOutOfRange { year: next.unwrap_or(year) }),
        }
    }
    Ok(report.for_next_year(keep_counts_and_text))
}

/// Checks a document against every limit; the first one broken is the error.
/// Ids are checked before texts, so a text's position names one row only.
pub fn check(document: &Document) -> Result<(), LimitError> {
    timestamps(document)?;
    let report = &document.report;
    if let Some(year) = report.fiscal_year.filter(|y| !REPORT_YEARS.contains(y)) {
        return Err(LimitError::FiscalYearOutOfRange { year });
    }
    if let Some(Basis::Projected { year: Some(year), .. }) = report.basis {
        if !REPORT_YEARS.contains(&year) {
            return Err(LimitError::ProjectionYearOutOfRange { year });
        }
    }
    for place in PLACES {
        let rows = place.rows(report).len();
        if rows > MAX_ROWS {
            return Err(LimitError::TooManyRows { place, rows });
        }
    }
    row_ids(document)?;
    texts(document)?;
    comments(&report.comments)
}

/// Checks comments (a report's, or a review file's): how many, their ids, their
/// texts, and when they were made.
pub fn comments(comments: &[Comment]) -> Result<(), LimitError> {
    if comments.len() > MAX_COMMENTS {
        return Err(LimitError::TooManyComments { count: comments.len() });
    }
    let mut seen = std::collections::HashSet::new();
    for (i, comment) in comments.iter().enumerate() {
        if !seen.insert(comment.id) {
            return Err(LimitError::DuplicateCommentId { id: comment.id });
        }
        for text in [&comment.text, &comment.reply] {
            let chars = text.chars().count();
            if chars > MAX_COMMENT_CHARS {
                return Err(LimitError::CommentTooLong { number: i + 1, chars });
            }
        }
        timestamp(TimestampField::Changed, &comment.made)?;
    }
    Ok(())
}

/// Refuses a timestamp outside [`TIMESTAMP_YEARS`].
pub fn timestamp(field: TimestampField, at: &Timestamp) -> Result<(), LimitError> {
    if timestamp_in_range(at) {
        Ok(())
    } else {
        Err(LimitError::TimestampOutOfRange { field, at: *at })
    }
}

/// Whether a timestamp can be shown and used without leaving the years the app handles.
pub fn timestamp_in_range(at: &Timestamp) -> bool {
    at.in_range()
}

/// Holds a stored draft's timestamps inside [`TIMESTAMP_YEARS`]; returns whether
/// any moved. Only for what the app stored itself (before its clock was held, a
/// PC clock before 2000 stamped 1999): the app never refuses what it wrote, and
/// its exports of such a draft then import. Imported files keep the strict check.
pub fn clamp_timestamps(document: &mut Document) -> bool {
    let before = (document.created, document.changed, document.finished);
    document.created = document.created.clamped();
    document.changed = document.changed.clamped();
    document.finished = document.finished.map(Timestamp::clamped);
    before != (document.created, document.changed, document.finished)
}

fn timestamps(document: &Document) -> Result<(), LimitError> {
    let all = [
        (TimestampField::Created, Some(document.created)),
        (TimestampField::Changed, Some(document.changed)),
        (TimestampField::Finished, document.finished),
    ];
    for (field, at) in all {
        if let Some(at) = at {
            timestamp(field, &at)?;
        }
    }
    Ok(())
}

fn row_ids(document: &Document) -> Result<(), LimitError> {
    // Row counts are checked first, so this holds at most 6 × MAX_ROWS ids.
    let mut seen = std::collections::HashSet::new();
    for place in PLACES {
        for row in place.rows(&document.report) {
            let id = row.id;
            if id.0 > MAX_ROW_ID {
                return Err(LimitError::RowIdTooLarge { place, id });
            }
            if !seen.insert(id) {
                return Err(LimitError::DuplicateRowId { place, id });
            }
        }
    }
    Ok(())
}

fn text(field: TextField, text: &str) -> Result<(), LimitError> {
    // UTF-8 takes at least one byte a character: short text needs no counting.
    if text.len() <= MAX_TEXT_CHARS {
        return Ok(());
    }
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(LimitError::TextTooLong { field, chars });
    }
    Ok(())
}

fn count_text(field: TextField, count: &Option<crate::count::Count>) -> Result<(), LimitError> {
    match count {
        Some(crate::count::Count::Text(typed)) => text(field, typed),
        _ => Ok(()),
    }
}

fn row_texts(row: &Row, at: impl Fn(Cell) -> TextField) -> Result<(), LimitError> {
    text(at(Cell::Name), &row.name)?;
    count_text(at(Cell::Count), &row.count)?;
    text(at(Cell::Content), &row.content)
}

fn texts(document: &Document) -> Result<(), LimitError> {
    let report = &document.report;
    if let Some(ward) = &report.ward {
        text(TextField::WardName, &ward.name)?;
        text(TextField::WardSlug, &ward.slug)?;
    }
    for kind in BodyKind::ALL {
        let body = report.body(kind);
        text(TextField::Body(kind, Cell::LocalName), &body.local_name)?;
        count_text(TextField::Body(kind, Cell::Count), &body.count)?;
        text(TextField::Body(kind, Cell::Content), &body.content)?;
        for (i, part) in body.parts.iter().enumerate() {
            row_texts(part, |cell| TextField::Part(kind, i + 1, cell))?;
        }
    }
    for list in ListKind::ALL {
        for (i, row) in report.list(list).iter().enumerate() {
            row_texts(row, |cell| TextField::Item(list, i + 1, cell))?;
        }
    }
    for kind in SectionKind::ALL {
        text(TextField::Section(kind), report.section(kind))?;
    }
    Ok(())
}
