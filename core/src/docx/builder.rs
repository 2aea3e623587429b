//! The report as it is filled from the Word file: what was filled (for the
//! review screen), and what could not be placed, within the limits.

use super::text;
use super::types::Filled;
use crate::count::Count;
use crate::fields::{Cell, Field};
use crate::limits::{MAX_ROWS, MAX_ROW_ID, MAX_TEXT_CHARS};
use crate::model::{BodyKind, ListKind, Report, Row, RowId};

/// The report being filled, with what was filled and what was not placed.
pub(super) struct Builder {
    pub report: Report,
    pub unplaced: Vec<String>,
    pub filled: Vec<Filled>,
    next_id: u32,
    bodies_read: Vec<BodyKind>,
}

impl Builder {
    pub(super) fn new() -> Self {
        Builder { report: Report::default(), unplaced: Vec::new(), filled: Vec::new(), next_id: 1, bodies_read: Vec::new() }
    }

    /// Keeps non-blank text for the user to copy.
    pub fn unplace(&mut self, text: String) {
        if !text.trim().is_empty() {
            self.unplaced.push(text);
        }
    }

    pub(super) fn fill(&mut self, field: Field, from: &str) {
        self.filled.push(Filled { field, from: from.to_owned() });
    }

    /// Text within [`MAX_TEXT_CHARS`]; what is beyond goes to `unplaced`.
    pub(super) fn bounded(&mut self, text: String) -> String {
        if text.len() <= MAX_TEXT_CHARS {
            return text;
        }
        match text.char_indices().nth(MAX_TEXT_CHARS) {
            Some((at, _)) => {
                self.unplace(text[at..].to_owned());
                text[..at].to_owned()
            }
            None => text,
        }
    }

    pub(super) fn bounded_count(&mut self, count: Option<Count>) -> Option<Count> {
        match count {
            Some(Count::Text(typed)) => Some(Count::Text(self.bounded(typed))),
            other => other,
        }
    }

    /// A fixed body's row; `false` when the body was already filled (the row is then the caller's).
    pub fn body(&mut self, kind: BodyKind, count: &str, content: &str, local_name: Option<String>) -> bool {
        if self.bodies_read.contains(&kind) {
            return false;
        }
        self.bodies_read.push(kind);
        let count_value = text::count(count);
        let count_value = self.bounded_count(count_value);
        let content = self.bounded(cell_text(content));
        let local = local_name.map(|l| self.bounded(l)).unwrap_or_default();
        let body = self.report.body_mut(kind);
        body.count = count_value;
        body.content = content;
        body.local_name = local;
        let body = self.report.body(kind).clone();
        if let Some(c) = &body.count {
            self.fill(Field::Body(kind, Cell::Count), &c.display());
        }
        if !body.content.is_empty() {
            self.fill(Field::Body(kind, Cell::Content), &body.content);
        }
        if !body.local_name.is_empty() {
            self.fill(Field::Body(kind, Cell::LocalName), &body.local_name);
        }
        true
    }

    /// A team or other activity; template placeholders and empty rows are dropped.
    pub fn row(&mut self, list: ListKind, name: &str, count: &str, content: &str) {
        let len = self.report.list(list).len();
        if let Some(row) = self.new_row(name, count, content, len, |id, cell| Field::Item(list, id, cell)) {
            self.report.list_mut(list).push(row);
        }
    }

    /// A part (内訳) of a fixed body, as the app's own Word export lays them out.
    pub fn part(&mut self, kind: BodyKind, name: &str, count: &str, content: &str) {
        let len = self.report.body(kind).parts.len();
        if let Some(row) = self.new_row(name, count, content, len, |id, cell| Field::Part(kind, id, cell)) {
            self.report.body_mut(kind).parts.push(row);
        }
    }

    /// A named row with the next id, its fields listed as filled; `None` for a
    /// placeholder or an empty row (dropped), or past the limits (unplaced).
    fn new_row(&mut self, name: &str, count: &str, content: &str, len: usize, field: impl Fn(RowId, Cell) -> Field) -> Option<Row> {
        let name = name.trim();
        let content = cell_text(content);
        let count = text::count(count);
        let zero_or_blank = matches!(count, None | Some(Count::Number(0)));
        let empty_content = content.trim().is_empty() || text::is_none_text(&content);
        let placeholder = text::is_placeholder_name(name) && content.trim().is_empty() && zero_or_blank;
        let empty = (name.is_empty() || text::is_none_text(name)) && empty_content && zero_or_blank;
        if placeholder || empty {
            return None;
        }
        if len >= MAX_ROWS || self.next_id > MAX_ROW_ID {
            let count_text = count.map(|c| c.display()).unwrap_or_default();
            self.unplace([name, &count_text, &content].join("\t"));
            return None;
        }
        let id = RowId(self.next_id);
        self.next_id += 1;
        let name = self.bounded(name.to_owned());
        let count = self.bounded_count(count);
        let content = self.bounded(content);
        if !name.is_empty() {
            self.fill(field(id, Cell::Name), &name);
        }
        if let Some(c) = &count {
            self.fill(field(id, Cell::Count), &c.display());
        }
        if !content.is_empty() {
            self.fill(field(id, Cell::Content), &content);
        }
        Some(Row { id, name, count, content })
    }
}

/// A cell's text as the field keeps it: the template's note taken out, blank
/// lines before and after dropped, everything else exactly as typed.
pub(super) fn cell_text(text: &str) -> String {
    trim_blank_lines(&text::without_note(text))
}

pub(super) fn trim_blank_lines(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    match (first, last) {
        (Some(a), Some(b)) => lines[a..=b].join("\n"),
        _ => String::new(),
    }
}
