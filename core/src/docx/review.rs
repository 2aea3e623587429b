//! What the review screen shows of a Word file read, in the shape that travels
//! from the on-demand module (which reads .docx files) to the page (which shows
//! them): the report, each filled field as its label and value, and the text that
//! could not be placed. JSON both ways, so the page needs no Word reader.

use serde::{Deserialize, Serialize};

use super::types::FromWord;
use crate::fields::Field;
use crate::fiscal::{era_fiscal_year, era_short_year};
use crate::model::{Basis, Report};

/// A Word file read, ready for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordRead {
    pub report: Report,
    /// Each filled field, in the order it was read.
    pub filled: Vec<FilledLine>,
    /// Text that could not be placed ([`FromWord::unplaced`]).
    pub unplaced: Vec<String>,
}

/// A filled field as the review screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
