//! The summary as CSV for spreadsheet users: UTF-8 with a BOM (so Excel reads
//! it as UTF-8), CRLF line ends, RFC 4180 quoting, and formula-like cells
//! neutralised (ward names come from config.json and are not trusted).

use super::types::{Summary, SummaryCell};
use crate::fiscal::era_short_year;
use crate::messages;

/// A cell a spreadsheet would run as a formula gets a leading `'`.
fn defuse(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// One field, escaped: defused, then quoted when it holds a comma, a quote, CR or LF.
fn field(text: &str) -> String {
    let text = defuse(text);
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

fn push_line<S: AsRef<str>>(out: &mut String, fields: impl IntoIterator<Item = S>) {
    let fields: Vec<String> = fields.into_iter().map(|f| field(f.as_ref())).collect();
    push_escaped(out, fields);
}

/// A line of fields already escaped, or numbers the app computed: 増減's 「-2」
/// is a number to the spreadsheet, not a formula, and must stay one.
fn push_escaped(out: &mut String, fields: Vec<String>) {
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

fn cell_text(cell: &SummaryCell) -> String {
    cell.value.map(|v| v.to_string()).unwrap_or_default()
}

/// The CSV text: the title, the header (wards, a projected one marked
/// 「（見込み）」, then 合計, and 前年度 and 増減 when the set holds last year's
/// reports), a line per row, then the notes, one per line.
pub fn summary_csv(summary: &Summary) -> String {
    let mut out = String::from("\u{feff}");
    push_line(&mut out, [messages::summary_title(summary.fiscal_year)]);
    let mut header = vec![messages::SUMMARY_CORNER.to_owned()];
    for column in &summary.columns {
        header.push(match column.projected {
            Some(_) => format!("{}（{}）", column.ward.name, messages::SUMMARY_PROJECTED),
            None => column.ward.name.clone(),
        });
    }
    header.push(messages::SUMMARY_TOTAL.to_owned());
    if summary.previous.is_some() {
        header.extend([messages::SUMMARY_PREVIOUS.to_owned(), messages::SUMMARY_CHANGE.to_owned()]);
    }
    push_line(&mut out, header);
    for row in &summary.rows {
        let mut line = vec![field(messages::summary_row_label(row.kind))];
        line.extend(row.cells.iter().map(cell_text));
        line.push(row.total.sum.to_string());
        if let Some(previous) = row.previous {
            line.push(previous.sum.to_string());
            line.push(row.change().map(|c| c.to_string()).unwrap_or_default());
        }
        push_escaped(&mut out, line);
    }
    for note in messages::summary_notes(summary) {
        push_line(&mut out, [note]);
    }
    out
}

/// `R4_torikumi_summary.csv`; `torikumi_summary.csv` when the set has no single 年度.
pub fn summary_csv_file_name(summary: &Summary) -> String {
    match summary.fiscal_year {
        Some(y) => format!("{}_torikumi_summary.csv", era_short_year(y)),
        None => "torikumi_summary.csv".to_owned(),
    }
}
