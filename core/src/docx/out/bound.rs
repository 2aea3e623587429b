//! The city's bound set as one .docx: the cover (title, date, each ward's status,
//! 「実施回数の一覧」 and its notes), then each configured ward's report used, in
//! the configured order, each a section of its own starting a new page; 下書き in
//! the header of a draft ward's pages only; 「− 3 −」 at the foot of every page.

use super::document::{grid_table, report_body, row, sect_pr, section_end, TEXT_WIDTH};
use super::package::{self, Parts, DRAFT_HEADER, EMPTY_HEADER, PAGE_FOOTER};
use super::xml::{cell, para, CellProps, Para, Style};
use crate::bundle::{summary, BundleSet, Summary};
use crate::config::Config;
use crate::fiscal::era_short_year;
use crate::messages;
use crate::model::{Report, Status};
use crate::timestamp::Timestamp;

/// `R4_torikumi_bundle.docx`
pub fn bundle_file_name(set: &BundleSet, config: &Config) -> String {
    match set.fiscal_year(config) {
        Some(y) => format!("{}_torikumi_bundle.docx", era_short_year(y)),
        None => "torikumi_bundle.docx".to_owned(),
    }
}

/// 「実施回数の一覧」: 会議, a column per configured ward, 合計 (and 前年度, 増減 when the
/// set holds last year's reports, as the print view); then its notes.
fn summary_table(s: &Summary) -> String {
    let compared = s.previous.is_some();
    let columns = s.columns.len() as u32 + if compared { 4 } else { 2 };
    let label = TEXT_WIDTH * 2 / (columns + 1);
    let each = (TEXT_WIDTH - label) / (columns - 1);
    let mut cols = vec![label];
    cols.extend(std::iter::repeat_n(each, columns as usize - 1));
    let centred = Para { align: Some("center"), ..Para::default() };
    let right = Para { align: Some("right"), ..Para::default() };
    let head = |text: &str, width| cell(CellProps { shaded: true, centred: true, ..CellProps::new(width) }, &para(text, centred, Style { bold: true, size: None }));
    let mut header = vec![head(messages::SUMMARY_CORNER, label)];
    for c in &s.columns {
        let mark = if c.projected.is_some() { format!("（{}）", messages::SUMMARY_PROJECTED) } else { String::new() };
        header.push(head(&format!("{}{mark}", c.ward.name), each));
    }
    header.push(head(messages::SUMMARY_TOTAL, each));
    if compared {
        header.extend([head(messages::SUMMARY_PREVIOUS, each), head(messages::SUMMARY_CHANGE, each)]);
    }
    let mut rows = row(&header, true);
    for r in &s.rows {
        let mut cells = vec![cell(CellProps::new(label), &para(messages::summary_row_label(r.kind), Para::default(), Style::default()))];
        for c in &r.cells {
            cells.push(cell(CellProps::new(each), &para(&c.value.map(|v| v.to_string()).unwrap_or_default(), right, Style::default())));
        }
        cells.push(cell(CellProps::new(each), &para(&r.total.sum.to_string(), right, Style { bold: true, size: None })));
        if let Some(previous) = r.previous {
            cells.push(cell(CellProps::new(each), &para(&previous.sum.to_string(), right, Style::default())));
            let change = r.change().map(messages::summary_change).unwrap_or_default();
            cells.push(cell(CellProps::new(each), &para(&change, right, Style::default())));
        }
        rows.push_str(&row(&cells, false));
    }
    let mut out = para(&messages::summary_title(s.fiscal_year), Para { style: Some("TorikumiHeading"), keep_next: true, ..Para::default() }, Style::default());
    out.push_str(&grid_table(&cols, &rows));
    for note in messages::summary_notes(s) {
        out.push_str(&para(&note, Para::default(), Style { bold: false, size: Some(18) }));
    }
    out
}

/// The bound set's .docx. `today` is the date on the cover.
pub fn bundle_docx(set: &BundleSet, config: &Config, today: Timestamp) -> Vec<u8> {
    let s = summary(set, config);
    let date = today.display_ja();
    let mut body = para(&Report { fiscal_year: s.fiscal_year, ..Report::default() }.title(), Para { style: Some("TorikumiTitle"), ..Para::default() }, Style::default());
    body.push_str(&para(date.split(' ').next().unwrap_or_default(), Para { align: Some("right"), ..Para::default() }, Style::default()));
    let slots = set.slots(config);
    for slot in &slots {
        let status = messages::bundle_status(slot.used.map(|e| e.document.status));
        body.push_str(&para(&format!("{}　{status}", slot.ward.name), Para::default(), Style::default()));
    }
    body.push_str(&summary_table(&s));
    let used: Vec<_> = slots.iter().filter_map(|slot| slot.used).collect();
    let mut any_draft = false;
    // Each section's properties close it: the cover's, then each ward's but the last, whose close the body.
    let mut last = sect_pr(Some(EMPTY_HEADER), Some(PAGE_FOOTER));
    for entry in used {
        body.push_str(&section_end(&last));
        let draft = entry.document.status == Status::Draft;
        any_draft |= draft;
        body.push_str(&report_body(&entry.document.report));
        // A section names its header always: one without would repeat the previous ward's 下書き.
        last = sect_pr(Some(if draft { DRAFT_HEADER } else { EMPTY_HEADER }), Some(PAGE_FOOTER));
    }
    let xml = super::document::document_xml(&body, &last);
    package::docx(&xml, Parts { draft_header: any_draft, empty_header: true, footer: true })
}
