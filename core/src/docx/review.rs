//! What the review screen shows of a Word file read: the report, each filled field
//! as its label and value, and the text that could not be placed; and the shape in
//! which it travels from the on-demand module (which reads .docx files) to the page
//! (which shows it), [`WordAnswer`], so the page needs no Word reader.

use serde::{Deserialize, Serialize};

use super::types::FromWord;
use crate::fields::Field;
use crate::fiscal::{era_fiscal_year, era_short_year};
use crate::model::{Basis, Report};

/// A Word file read, ready for review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordRead {
    pub report: Report,
    /// Each filled field, in the order it was read.
    pub filled: Vec<FilledLine>,
    /// Text that could not be placed ([`FromWord::unplaced`]).
    pub unplaced: Vec<String>,
}

/// A filled field as the review screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilledLine {
    /// The field's accessible name (REPORT-FORM.md), e.g. 「専門部会名（1）」.
    pub label: String,
    /// The value as the editor will show it.
    pub value: String,
}

impl From<FromWord> for WordRead {
    fn from(read: FromWord) -> Self {
        let filled = read
            .filled
            .iter()
            .map(|f| FilledLine {
                label: f.field.accessible_name(&read.report).unwrap_or_default(),
                value: shown_value(&read.report, f.field),
            })
            .collect();
        WordRead { report: read.report, filled, unplaced: read.unplaced }
    }
}

/// A Word file's reading as JSON from the on-demand module to the page. The report
/// travels as its own JSON text, which the page reads with its reader of stored
/// reports, and a refusal as the sentence the module made of it
/// (`messages::docx_error`): the page then carries no reader of [`WordRead`] or
/// [`super::DocxError`] and none of the Word messages (2.8 KB gzip of its first visit).
/// A JSON array, not an object: serde reads a tuple struct with less code than one
/// with named fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordAnswer(
    /// Why the file was refused, in Japanese; the other fields are empty then.
    Option<String>,
    /// The report, as JSON.
    String,
    /// Each filled field's label and value, one after the other.
    Vec<String>,
    /// The text not placed.
    Vec<String>,
);

impl WordAnswer {
    pub fn read(read: &WordRead) -> WordAnswer {
        WordAnswer(
            None,
            // A report always serialises (no maps with other keys than strings); were it
            // ever to fail, the page finds no report and says the module is broken.
            serde_json::to_string(&read.report).unwrap_or_default(),
            read.filled.iter().flat_map(|l| [l.label.clone(), l.value.clone()]).collect(),
            read.unplaced.clone(),
        )
    }

    /// A refusal, as the sentence to show.
    pub fn refused(sentence: String) -> WordAnswer {
        WordAnswer(Some(sentence), String::new(), Vec::new(), Vec::new())
    }

    /// The file read, or the sentence that says why not; `None` when the report does not
    /// read back, a label has no value or a refusal no sentence (not this build's module).
    pub fn into_read(self) -> Option<Result<WordRead, String>> {
        let WordAnswer(refused, report, filled, unplaced) = self;
        if let Some(sentence) = refused {
            return (!sentence.is_empty()).then_some(Err(sentence));
        }
        let report = serde_json::from_slice::<Report>(report.as_bytes()).ok()?;
        if filled.len() % 2 != 0 {
            return None;
        }
        let mut filled = filled.into_iter();
        let filled = std::iter::from_fn(|| Some(FilledLine { label: filled.next()?, value: filled.next()? })).collect();
        Some(Ok(WordRead { report, filled, unplaced }))
    }
}

/// The value a field got, as the editor will show it.
fn shown_value(report: &Report, field: Field) -> String {
    match field {
        Field::FiscalYear => report.fiscal_year.map(era_fiscal_year).unwrap_or_default(),
        Field::Ward => report.ward.as_ref().map(|w| w.name.clone()).unwrap_or_default(),
        Field::Basis => match report.basis {
            Some(Basis::Actual) => "実績".to_owned(),
            Some(Basis::Projected { .. }) => "見込み".to_owned(),
            None => String::new(),
        },
        Field::Projection => match report.basis {
            Some(Basis::Projected { year: Some(y), month: Some(m) }) => format!("{}.{m}", era_short_year(y)),
            _ => String::new(),
        },
        other => report.text(other).unwrap_or_default(),
    }
}
