//! 「実施回数の一覧」: the counts of every configured ward side by side, with totals.

use super::types::{BundleSet, PreviousYear, Projection, Summary, SummaryCell, SummaryColumn, SummaryRow, SummaryRowKind, SummaryTotal};
use crate::config::Config;
use crate::model::{Basis, Report};

/// A cell's number: a count that parses, or a list's length; `None` when unknown.
fn value(report: &Report, kind: SummaryRowKind) -> Option<u32> {
    match kind {
        SummaryRowKind::Body(body) => report.body(body).count.as_ref().and_then(|c| c.value().ok()),
        // Lists are bounded by the limits (200 rows), far inside u32.
        SummaryRowKind::Teams => u32::try_from(report.teams.len()).ok(),
        SummaryRowKind::Activities => u32::try_from(report.activities.len()).ok(),
    }
}

/// A ward's cell of a row, this year's or last year's: its number, and whether it is 見込み.
fn cell(entry: Option<&crate::bundle::Entry>, kind: SummaryRowKind) -> SummaryCell {
    SummaryCell {
        value: entry.and_then(|e| value(&e.document.report, kind)),
        projected: entry.is_some_and(|e| matches!(e.document.report.basis, Some(Basis::Projected { .. }))),
    }
}

/// 合計 of a row's cells.
fn total(cells: &[SummaryCell]) -> SummaryTotal {
    SummaryTotal {
        sum: cells.iter().filter_map(|c| c.value).map(u64::from).sum(),
        incomplete: cells.iter().any(|c| c.value.is_none()),
        projected: cells.iter().any(|c| c.value.is_some() && c.projected),
    }
}

/// The summary of the reports used, wards in configured order, then 合計.
pub fn summary(set: &BundleSet, config: &Config) -> Summary {
    let slots = set.slots(config);
    let last_year = set.previous(config);
    let columns: Vec<SummaryColumn> = slots
        .iter()
        .map(|slot| SummaryColumn {
            ward: slot.ward.clone(),
            present: slot.used.is_some(),
            projected: slot.used.and_then(|e| match &e.document.report.basis {
                Some(Basis::Projected { year, month }) => Some(Projection { year: *year, month: *month }),
                _ => None,
            }),
        })
        .collect();
    let rows = SummaryRowKind::ALL
        .into_iter()
        .map(|kind| {
            let cells: Vec<SummaryCell> = slots.iter().map(|slot| cell(slot.used, kind)).collect();
            let total = total(&cells);
            let previous = last_year.as_ref().map(|(_, entries)| self::total(&entries.iter().map(|e| cell(*e, kind)).collect::<Vec<_>>()));
            SummaryRow { kind, cells, total, previous }
        })
        .collect();
    let previous = last_year.map(|(fiscal_year, entries)| PreviousYear {
        fiscal_year,
        missing: config.wards.iter().zip(&entries).filter(|(_, e)| e.is_none()).map(|(w, _)| w.name.clone()).collect(),
    });
    Summary { fiscal_year: set.fiscal_year(config), columns, rows, previous }
}
