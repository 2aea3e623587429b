//! The 実施状況 table, row by row.
//!
//! | 会議 | 年間実施予定回数 | 主な内容・議題等 |, then the fixed bodies （１）（２）（３）,
//! the project teams beside a vertically merged cell 「プロジェクトチーム」 (often
//! set in vertical text), （５）, and the other activities. A row is read by its
//! shape: three cells (会議, count, content) or a label cell and three cells
//! (name, count, content). Rows without a label that name no fixed body belong
//! to the list the form has at that point: teams after （３）, other activities
//! after （５）. A fixed body's parts (内訳) are the rows beside a merged cell
//! naming the body (the template's breakdown) or a merged 「内訳」 cell right after
//! the body's row (the app's own Word export, `super::out`). Anything else is unplaced.

use super::builder::Builder;
use super::text::{self, PARTS_LABEL};
use super::xml::{Cell, Table, VMerge};
use crate::model::{BodyKind, ListKind};

/// Carried from row to row, and on to a table continuing the first.
#[derive(Debug, Default)]
pub(super) struct ListState {
    /// The list the next unlabelled named row belongs to.
    list: Option<ListKind>,
    /// The text of the merged label cell that the current rows stand beside.
    label: Option<String>,
    /// The fixed body whose parts (内訳) rows labelled 「内訳」 are.
    body: Option<BodyKind>,
}

fn squashed_texts(row: &[Cell]) -> Vec<String> {
    row.iter().map(|c| text::squash(&c.text())).collect()
}

/// The header row: 会議 | 年間実施予定回数 | 主な内容・議題等.
fn is_header(row: &[Cell]) -> bool {
    let texts = squashed_texts(row);
    texts.iter().any(|t| t.starts_with("会議")) && texts.iter().any(|t| t.contains("回数"))
}

/// The first non-blank line of a cell.
fn head(cell: &Cell) -> &str {
    cell.paras.iter().map(String::as_str).find(|l| !l.trim().is_empty()).unwrap_or("")
}

/// Whether this is the 実施状況 table: it has the header row, or a row for （１）全体協議会.
pub(super) fn is_counts_table(table: &Table) -> bool {
    table.rows.iter().any(|r| {
        is_header(r) || r.first().is_some_and(|c| matches!(text::fixed_body(head(c)), Some((BodyKind::Plenary, _))))
    })
}

/// A row as one line the user can copy: its cells joined by tabs.
fn row_line(row: &[Cell]) -> String {
    let cells: Vec<String> = row.iter().filter(|c| c.vmerge != VMerge::Continue).map(Cell::text).collect();
    cells.join("\t")
}

/// A row name written over several lines, as one line.
fn one_line(lines: &[String]) -> String {
    lines.iter().map(|l| l.trim()).collect()
}

/// Reads the rows of the 実施状況 table (or of a table continuing it).
pub(super) fn read(table: &Table, state: &mut ListState, b: &mut Builder) {
    for row in &table.rows {
        let line = row_line(row);
        if line.trim().is_empty() || text::is_note(&line) || is_header(row) {
            continue;
        }
        let first = &row[0];
        let merged = first.vmerge != VMerge::None || first.vertical;
        let blank_first = row.len() == 4 && first.text().trim().is_empty();
        if row.len() >= 2 && (merged || blank_first) {
            let label = match first.vmerge {
                VMerge::Continue => state.label.clone(),
                _ if blank_first => state.label.clone(),
                _ => Some(text::squash(&first.text())),
            };
            state.label.clone_from(&label);
            labelled_row(label.as_deref(), &row[1..], &line, state, b);
        } else {
            state.label = None;
            unlabelled_row(row, &line, state, b);
        }
    }
}

/// A row beside a merged label cell: a team, an activity, or a part (unplaced).
fn labelled_row(label: Option<&str>, cells: &[Cell], line: &str, state: &mut ListState, b: &mut Builder) {
    let label = label.unwrap_or("");
    // A body's parts: beside a merged 「内訳」 cell right after the body's row (the app's
    // own export), or beside a merged cell naming the body (the template's breakdown).
    let parts_of = if label.contains(PARTS_LABEL) { state.body } else { text::fixed_body(label).map(|(kind, _)| kind) };
    if label.contains(PARTS_LABEL) || parts_of.is_some() {
        match (parts_of, cells) {
            (Some(kind), [name, count, content]) => {
                state.body = Some(kind);
                b.part(kind, &one_line(&name.paras), &count.text(), &content.text());
            }
            _ => b.unplace(line.to_owned()),
        }
        return;
    }
    state.body = None;
    let list = if label.contains("プロジェクト") {
        Some(ListKind::Teams)
    } else if label.contains("その他") {
        Some(ListKind::Activities)
    } else if label.is_empty() {
        state.list
    } else {
        None
    };
    match (list, cells) {
        (Some(list), [name, count, content]) => {
            state.list = Some(list);
            b.row(list, &one_line(&name.paras), &count.text(), &content.text());
        }
        _ => b.unplace(line.to_owned()),
    }
}

/// A row of three cells: 会議 (a fixed body, or a list heading, or a named row), count, content.
fn unlabelled_row(row: &[Cell], line: &str, state: &mut ListState, b: &mut Builder) {
    let [name_cell, count, content] = row else {
        b.unplace(line.to_owned());
        return;
    };
    let first = head(name_cell);
    let first_at = name_cell.paras.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let others = name_cell.paras.get(first_at + 1..).unwrap_or_default();
    if let Some((kind, after)) = text::fixed_body(first) {
        let extra = std::iter::once(after.to_owned()).chain(others.iter().cloned()).collect::<Vec<_>>().join("\n");
        let local = text::local_name(&extra);
        if local.is_none() {
            b.unplace(extra.trim().to_owned());
        }
        if b.body(kind, &count.text(), &content.text(), local) {
            state.body = Some(kind);
        } else {
            state.body = None;
            b.unplace(line.to_owned());
        }
        state.list = match kind {
            BodyKind::Liaison => Some(ListKind::Teams),
            BodyKind::Steering => Some(ListKind::Activities),
            BodyKind::Plenary | BodyKind::Network => None,
        };
        return;
    }
    state.body = None;
    let words = text::heading_words(first);
    let heading = [("プロジェクトチーム", ListKind::Teams), ("その他の活動", ListKind::Activities), ("その他", ListKind::Activities)]
        .into_iter()
        .find(|(h, _)| words.starts_with(h));
    if let Some((h, list)) = heading {
        // 「（４）プロジェクトチーム」 or 「その他の活動（…）」: the list's heading row, perhaps naming a row.
        state.list = Some(list);
        let after = first.find(h).map_or("", |at| &first[at + h.len()..]);
        let after = after.trim_matches(|c: char| c.is_whitespace() || "（）():：・".contains(c));
        let mut name_lines = vec![after.to_owned()];
        name_lines.extend(others.iter().cloned());
        b.row(list, &one_line(&name_lines), &count.text(), &content.text());
        return;
    }
    match state.list {
        Some(list) => b.row(list, &one_line(&name_cell.paras), &count.text(), &content.text()),
        None => b.unplace(line.to_owned()),
    }
}
