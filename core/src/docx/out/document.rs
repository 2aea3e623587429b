//! `word/document.xml`: the report's body in the template's layout.

use super::xml::{cell, para, CellProps, Merge, Para, Style};
use crate::count::Count;
use crate::docx::text::PARTS_LABEL;
use crate::model::{is_blank, BodyKind, ListKind, Report, Row, SectionKind};

/// The page: A4 portrait, the print view's margins (15 mm top and bottom, 14 mm
/// at the sides; `static/print.css`), in twips (1/1440 in).
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_TB: u32 = 850;
const MARGIN_LR: u32 = 794;
const HEADER: u32 = 454;
/// The table's columns, as the print view's: the group label (9 mm), 会議 (40 mm),
/// the count (22 mm), the content (the rest of the 182 mm text width).
const COLS: [u32; 4] = [510, 2268, 1247, PAGE_W - 2 * MARGIN_LR - 510 - 2268 - 1247];


fn count_text(count: &Option<Count>) -> String {
    count.as_ref().map(Count::printed).unwrap_or_default()
}

fn text_paras(text: &str) -> String {
    if is_blank(text) {
        String::new()
    } else {
        para(text, Para::default(), Style::default())
    }
}

pub(super) fn row(cells: &[String], header: bool) -> String {
    row_at_least(cells, header, None)
}

/// A row at least `height` twips high.
fn row_at_least(cells: &[String], header: bool, height: Option<u32>) -> String {
    let height = height.map(|h| format!(r#"<w:trHeight w:val="{h}" w:hRule="atLeast"/>"#)).unwrap_or_default();
    let header = if header { "<w:tblHeader/>" } else { "" };
    format!("<w:tr><w:trPr><w:cantSplit/>{height}{header}</w:trPr>{}</w:tr>", cells.concat())
}

/// Twips a character of vertical text takes (10.5 pt and a little space), for
/// rows tall enough to show a vertical label whole: a merged cell's text does not
/// make its rows grow.
const VERTICAL_CHAR: u32 = 240;

fn count_cell(count: &Option<Count>) -> String {
    cell(CellProps::new(COLS[2]), &para(&count_text(count), Para { align: Some("right"), ..Para::default() }, Style::default()))
}

fn header_row() -> String {
    let head = |text: &str| para(text, Para { align: Some("center"), ..Para::default() }, Style { bold: true, size: None });
    let shaded = |width: u32, span: u32| CellProps { span, shaded: true, centred: true, ..CellProps::new(width) };
    row(
        &[
            cell(shaded(COLS[0] + COLS[1], 2), &head("会議")),
            cell(shaded(COLS[2], 1), &head("年間実施予定回数")),
            cell(shaded(COLS[3], 1), &head("主な内容・議題等（簡潔に記載してください）")),
        ],
        true,
    )
}

/// A fixed body's row, then its parts beside a merged 「内訳」 cell.
fn body_rows(report: &Report, kind: BodyKind) -> String {
    let body = report.body(kind);
    let mut name = para(kind.heading(), Para::default(), Style { bold: true, size: None });
    if !is_blank(&body.local_name) {
        let ward = report.ward.as_ref().map_or("区", |w| w.name.as_str());
        name.push_str(&para(&format!("{}（※{ward}での呼称）", body.local_name), Para::default(), Style { bold: false, size: Some(18) }));
    }
    let mut out = row(
        &[
            cell(CellProps { span: 2, ..CellProps::new(COLS[0] + COLS[1]) }, &name),
            count_cell(&body.count),
            cell(CellProps::new(COLS[3]), &text_paras(&body.content)),
        ],
        false,
    );
    out.push_str(&list_rows(&body.parts, PARTS_LABEL, false));
    out
}

/// Rows beside a label cell merged down their height: teams, activities, parts.
fn list_rows(rows: &[Row], label: &str, vertical: bool) -> String {
    let label_props = |merge| CellProps { merge, vertical, centred: true, ..CellProps::new(COLS[0]) };
    let label_para = para(label, Para { align: Some("center"), ..Para::default() }, Style::default());
    let height = vertical.then(|| (label.chars().count() as u32 * VERTICAL_CHAR + 240).div_ceil(rows.len().max(1) as u32));
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let merge = if i == 0 { Merge::Start } else { Merge::Continue };
            row_at_least(
                &[
                    // A merge even for one row: the reader knows a label cell by it.
                    cell(label_props(merge), &label_para),
                    cell(CellProps::new(COLS[1]), &para(&r.name, Para::default(), Style::default())),
                    count_cell(&r.count),
                    cell(CellProps::new(COLS[3]), &text_paras(&r.content)),
                ],
                false,
                height,
            )
        })
        .collect()
}

/// A list of the form (teams, other activities): its rows, or one row 「なし」.
fn form_list(rows: &[Row], kind: ListKind) -> String {
    if rows.is_empty() {
        let vertical = kind == ListKind::Teams;
        let props = CellProps { vertical, centred: true, merge: Merge::Start, ..CellProps::new(COLS[0]) };
        let label = cell(props, &para(kind.heading(), Para { align: Some("center"), ..Para::default() }, Style::default()));
        let none = cell(CellProps::new(COLS[1]), &para("なし", Para::default(), Style::default()));
        let height = vertical.then_some(kind.heading().chars().count() as u32 * VERTICAL_CHAR + 240);
        return row_at_least(&[label, none, count_cell(&None), cell(CellProps::new(COLS[3]), "")], false, height);
    }
    list_rows(rows, kind.heading(), kind == ListKind::Teams)
}

/// A table with the form's borders over `cols` (twips), holding `rows` (row XML).
pub(super) fn grid_table(cols: &[u32], rows: &str) -> String {
    let border = |side: &str| format!(r#"<w:{side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>"#);
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"].iter().map(|s| border(s)).collect();
    let grid: String = cols.iter().map(|w| format!(r#"<w:gridCol w:w="{w}"/>"#)).collect();
    format!(
        concat!(
            r#"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{}</w:tblBorders>"#,
            r#"<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>"#,
            r#"</w:tblPr><w:tblGrid>{}</w:tblGrid>{}</w:tbl>"#
        ),
        borders, grid, rows
    )
}

/// The width of the text on a page, in twips.
pub(super) const TEXT_WIDTH: u32 = PAGE_W - 2 * MARGIN_LR;

fn table(report: &Report) -> String {
    let mut rows = header_row();
    rows.push_str(&body_rows(report, BodyKind::Plenary));
    rows.push_str(&body_rows(report, BodyKind::Network));
    rows.push_str(&body_rows(report, BodyKind::Liaison));
    rows.push_str(&form_list(&report.teams, ListKind::Teams));
    rows.push_str(&body_rows(report, BodyKind::Steering));
    rows.push_str(&form_list(&report.activities, ListKind::Activities));
    grid_table(&COLS, &rows)
}

/// The report's blocks, in the form's order.
pub(super) fn report_body(report: &Report) -> String {
    let heading = Para { style: Some("TorikumiHeading"), keep_next: true, ..Para::default() };
    let mut body = para(&report.title(), Para { style: Some("TorikumiTitle"), ..Para::default() }, Style::default());
    body.push_str(&para(&report.counts_heading(), heading, Style::default()));
    body.push_str(&table(report));
    for kind in SectionKind::ALL {
        body.push_str(&para(kind.heading(), heading, Style::default()));
        body.push_str(&text_paras(report.section(kind)));
    }
    body
}

/// A section's properties: A4 portrait with the print view's margins, its page
/// header and footer (relationship ids of `package`'s parts), if any. A section
/// after the first starts a new page.
pub(super) fn sect_pr(header: Option<&str>, footer: Option<&str>) -> String {
    let header = header.map(|id| format!(r#"<w:headerReference w:type="default" r:id="{id}"/>"#)).unwrap_or_default();
    let footer = footer.map(|id| format!(r#"<w:footerReference w:type="default" r:id="{id}"/>"#)).unwrap_or_default();
    format!(
        concat!(
            r#"<w:sectPr>{header}{footer}<w:type w:val="nextPage"/><w:pgSz w:w="{w}" w:h="{h}"/>"#,
            r#"<w:pgMar w:top="{tb}" w:right="{lr}" w:bottom="{tb}" w:left="{lr}" w:header="{hd}" w:footer="{hd}" w:gutter="0"/>"#,
            r#"<w:docGrid w:linePitch="360"/></w:sectPr>"#
        ),
        header = header,
        footer = footer,
        w = PAGE_W,
        h = PAGE_H,
        tb = MARGIN_TB,
        lr = MARGIN_LR,
        hd = HEADER
    )
}

/// The paragraph that ends a section (all but the last, whose properties close the body).
pub(super) fn section_end(sect_pr: &str) -> String {
    format!("<w:p><w:pPr>{sect_pr}</w:pPr></w:p>")
}

/// The whole `word/document.xml`: `body`, then the last section's properties.
pub(super) fn document_xml(body: &str, last_sect_pr: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
            r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{}{}</w:body></w:document>"#
        ),
        body, last_sect_pr
    )
}
