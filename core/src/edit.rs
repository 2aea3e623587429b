//! Every change the editor can make to a report, and undo/redo of structural ones.
//!
//! Undo covers structural edits (adding, removing, reordering rows and parts)
//! and 統一 across texts; inside a text field the browser's own undo stays in
//! charge. Undo entries are inverse operations, not snapshots, so undoing never
//! throws away text typed elsewhere since.

use crate::comments::CommentChange;
use crate::count::Count;
pub use crate::fields::Place;
use crate::fields::{Cell, Field};
use crate::fiscal::YEARS;
use crate::model::{Basis, Report, Row, RowId, Ward};

/// A structural edit; applying one yields its inverse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Structure {
    Insert { place: Place, index: usize, row: Row },
    Remove { place: Place, id: RowId },
    Move { place: Place, id: RowId, to: usize },
    /// Texts set at once (統一): each field changes only while it still holds `from`,
    /// so undoing never overwrites what was typed in it since.
    Texts(Vec<TextChange>),
    /// Comments added, changed or removed at once (a review read, 対応済み): each
    /// only while the report still holds what it changes from.
    Comments(Vec<CommentChange>),
}

/// One field's text, from what it holds to what it becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextChange {
    pub field: Field,
    pub from: String,
    pub to: String,
}

/// What an undo or redo touched, for where focus goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undone {
    /// A row of a place (added, removed or moved).
    Row(Place, RowId),
    /// Texts across the report (統一): focus stays where it is.
    Texts,
    /// Comments (a review read, 対応済み): focus stays where it is.
    Comments,
}

impl Structure {
    /// Applies the edit; returns the edit that undoes it, or `None` when it changed nothing.
    pub fn apply(self, report: &mut Report) -> Option<Structure> {
        match self {
            Structure::Insert { place, index, row } => {
                let rows = place.rows_mut(report);
                let id = row.id;
                rows.insert(index.min(rows.len()), row);
                Some(Structure::Remove { place, id })
            }
            Structure::Remove { place, id } => {
                let rows = place.rows_mut(report);
                let index = rows.iter().position(|r| r.id == id)?;
                let row = rows.remove(index);
                Some(Structure::Insert { place, index, row })
            }
            Structure::Move { place, id, to } => {
                let rows = place.rows_mut(report);
                let from = rows.iter().position(|r| r.id == id)?;
                let to = to.min(rows.len() - 1);
                if from == to {
                    return None;
                }
                let row = rows.remove(from);
                rows.insert(to, row);
                Some(Structure::Move { place, id, to: from })
            }
            Structure::Texts(changes) => {
                let mut inverse = Vec::new();
                for TextChange { field, from, to } in changes {
                    if report.text(field).as_deref() == Some(from.as_str()) && report.apply(Edit::Text(field, to.clone())) {
                        inverse.push(TextChange { field, from: to, to: from });
                    }
                }
                (!inverse.is_empty()).then_some(Structure::Texts(inverse))
            }
            Structure::Comments(changes) => {
                let mut inverse: Vec<CommentChange> = changes.into_iter().filter_map(|c| c.apply(&mut report.comments)).collect();
                // Undone last to first: a comment changed twice goes back in order.
                inverse.reverse();
                (!inverse.is_empty()).then_some(Structure::Comments(inverse))
            }
        }
    }
}

/// What the user chose for the basis of the counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BasisChoice {
    Actual,
    Projected,
}

/// A change to the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    FiscalYear(Option<i32>),
    Ward(Option<Ward>),
    Basis(BasisChoice),
    Projection { year: Option<i32>, month: Option<u8> },
    /// Text typed into a field (counts keep the text as typed).
    Text(Field, String),
    /// Leaving a count field: 「１２回」 becomes 12; text that does not parse stays.
    NormalizeCount(Field),
}

impl Report {
    /// The text a text or count field shows; `None` when the field is not one, or its row is gone.
    pub fn text(&self, field: Field) -> Option<String> {
        let count = |c: &Option<Count>| c.as_ref().map(Count::display).unwrap_or_default();
        Some(match field {
            Field::Body(body, cell) => {
                let b = self.body(body);
                match cell {
                    Cell::Count => count(&b.count),
                    Cell::Content => b.content.clone(),
                    Cell::LocalName => b.local_name.clone(),
                    Cell::Name => return None,
                }
            }
            Field::Part(body, id, cell) => row_text(self.body(body).parts.iter().find(|r| r.id == id)?, cell),
            Field::Item(list, id, cell) => row_text(self.list(list).iter().find(|r| r.id == id)?, cell),
            Field::Section(kind) => self.section(kind).to_owned(),
            Field::Reply(id) => self.comment(id)?.reply.clone(),
            _ => return None,
        })
    }

    fn count_mut(&mut self, field: Field) -> Option<&mut Option<Count>> {
        match field {
            Field::Body(body, Cell::Count) => Some(&mut self.body_mut(body).count),
            Field::Part(body, id, Cell::Count) => {
                self.body_mut(body).parts.iter_mut().find(|r| r.id == id).map(|r| &mut r.count)
            }
            Field::Item(list, id, Cell::Count) => self.list_mut(list).iter_mut().find(|r| r.id == id).map(|r| &mut r.count),
            _ => None,
        }
    }

    fn text_mut(&mut self, field: Field) -> Option<&mut String> {
        match field {
            Field::Body(body, Cell::Content) => Some(&mut self.body_mut(body).content),
            Field::Body(body, Cell::LocalName) => Some(&mut self.body_mut(body).local_name),
            Field::Part(body, id, cell) => {
                row_text_mut(self.body_mut(body).parts.iter_mut().find(|r| r.id == id)?, cell)
            }
            Field::Item(list, id, cell) => row_text_mut(self.list_mut(list).iter_mut().find(|r| r.id == id)?, cell),
            Field::Section(kind) => Some(self.section_mut(kind)),
            Field::Reply(id) => self.comments.iter_mut().find(|c| c.id == id).map(|c| &mut c.reply),
            _ => None,
        }
    }

    /// Applies an edit. Returns whether anything changed.
    pub fn apply(&mut self, edit: Edit) -> bool {
        match edit {
            // A year the app could not read back is never stored (see `limits`).
            Edit::FiscalYear(Some(year)) if !YEARS.contains(&year) => false,
            Edit::FiscalYear(year) => replace(&mut self.fiscal_year, year),
            Edit::Ward(ward) => replace(&mut self.ward, ward),
            Edit::Basis(BasisChoice::Actual) => replace(&mut self.basis, Some(Basis::Actual)),
            Edit::Basis(BasisChoice::Projected) => {
                if matches!(self.basis, Some(Basis::Projected { .. })) {
                    return false;
                }
                // A projection is usually to the March that ends the fiscal year.
                let year = self.fiscal_year.and_then(|fy| fy.checked_add(1)).filter(|y| YEARS.contains(y));
                let month = year.map(|_| 3);
                replace(&mut self.basis, Some(Basis::Projected { year, month }))
            }
            Edit::Projection { year: Some(year), .. } if !YEARS.contains(&year) => false,
            Edit::Projection { year, month } => replace(&mut self.basis, Some(Basis::Projected { year, month })),
            Edit::Text(field, mut text) => {
                // Never more than the field takes: the draft would not read back.
                let max = crate::limits::max_chars(field);
                if text.len() > max {
                    text.truncate(crate::limits::within(&text, max).len());
                }
                if let Some(count) = self.count_mut(field) {
                    replace(count, Count::from_typed(&text))
                } else if let Some(slot) = self.text_mut(field) {
                    replace(slot, text)
                } else {
                    false
                }
            }
            Edit::NormalizeCount(field) => match self.count_mut(field) {
                Some(count) => {
                    let normal = count.as_ref().map(Count::normalized);
                    replace(count, normal)
                }
                None => false,
            },
        }
    }
}

fn row_text(row: &Row, cell: Cell) -> String {
    match cell {
        Cell::Name | Cell::LocalName => row.name.clone(),
        Cell::Count => row.count.as_ref().map(Count::display).unwrap_or_default(),
        Cell::Content => row.content.clone(),
    }
}

fn row_text_mut(row: &mut Row, cell: Cell) -> Option<&mut String> {
    match cell {
        Cell::Name => Some(&mut row.name),
        Cell::Content => Some(&mut row.content),
        Cell::Count | Cell::LocalName => None,
    }
}

fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    if *slot == value {
        false
    } else {
        *slot = value;
        true
    }
}

/// Undo and redo of structural edits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    undo: Vec<Structure>,
    redo: Vec<Structure>,
}

/// How many structural edits can be undone.
pub const HISTORY_LIMIT: usize = 100;

impl History {
    /// Applies a new structural edit; it can be undone, and clears what could be redone.
    pub fn apply(&mut self, report: &mut Report, edit: Structure) -> bool {
        match edit.apply(report) {
            Some(inverse) => {
                if self.undo.len() == HISTORY_LIMIT {
                    self.undo.remove(0);
                }
                self.undo.push(inverse);
                self.redo.clear();
                true
            }
            None => false,
        }
    }

    /// Undoes the last structural edit; returns what it touched.
    pub fn undo(&mut self, report: &mut Report) -> Option<Undone> {
        Self::step(&mut self.undo, &mut self.redo, report)
    }

    /// Redoes the last undone edit.
    pub fn redo(&mut self, report: &mut Report) -> Option<Undone> {
        Self::step(&mut self.redo, &mut self.undo, report)
    }

    fn step(from: &mut Vec<Structure>, to: &mut Vec<Structure>, report: &mut Report) -> Option<Undone> {
        // An entry whose row is gone (e.g. after loading another draft) is skipped.
        while let Some(edit) = from.pop() {
            let target = match &edit {
                Structure::Insert { place, row, .. } => Undone::Row(*place, row.id),
                Structure::Remove { place, id } | Structure::Move { place, id, .. } => Undone::Row(*place, *id),
                Structure::Texts(_) => Undone::Texts,
                Structure::Comments(_) => Undone::Comments,
            };
            if let Some(inverse) = edit.apply(report) {
                to.push(inverse);
                return Some(target);
            }
        }
        None
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ListKind, SectionKind};
    use crate::sample::sample_report;

    const TEAMS: Place = Place::List(ListKind::Teams);

    fn team_names(r: &Report) -> Vec<&str> {
        r.teams.iter().map(|t| t.name.as_str()).collect()
    }

    #[test]
    fn undoing_a_removal_puts_the_row_back_where_it_was_and_keeps_later_typing() {
        let mut r = sample_report();
        let mut h = History::default();
        let first = r.teams[0].id;
        assert!(h.apply(&mut r, Structure::Remove { place: TEAMS, id: first }));
        assert_eq!(team_names(&r), ["就労支援プロジェクトチーム"]);
        r.apply(Edit::Text(Field::Section(SectionKind::Issues), "後から書いた課題".into()));
        assert_eq!(h.undo(&mut r), Some(Undone::Row(TEAMS, first)));
        assert_eq!(team_names(&r), ["防災プロジェクトチーム", "就労支援プロジェクトチーム"]);
        assert_eq!(r.sections.issues, "後から書いた課題");
        assert_eq!(h.redo(&mut r), Some(Undone::Row(TEAMS, first)));
        assert_eq!(team_names(&r), ["就労支援プロジェクトチーム"]);
    }

    #[test]
    fn moves_and_inserts_undo_and_redo() {
        let mut r = sample_report();
        let mut h = History::default();
        let second = r.teams[1].id;
        assert!(h.apply(&mut r, Structure::Move { place: TEAMS, id: second, to: 0 }));
        assert_eq!(team_names(&r), ["就労支援プロジェクトチーム", "防災プロジェクトチーム"]);
        let id = r.fresh_id();
        assert!(h.apply(&mut r, Structure::Insert { place: TEAMS, index: 2, row: Row::empty(id) }));
        assert_eq!(r.teams.len(), 3);
        h.undo(&mut r);
        h.undo(&mut r);
        assert_eq!(team_names(&r), ["防災プロジェクトチーム", "就労支援プロジェクトチーム"]);
        assert!(!h.can_undo());
        h.redo(&mut r);
        assert_eq!(team_names(&r), ["就労支援プロジェクトチーム", "防災プロジェクトチーム"]);
        // A new edit clears what could be redone.
        h.apply(&mut r, Structure::Remove { place: TEAMS, id: second });
        assert!(!h.can_redo());
    }

    #[test]
    fn a_move_that_changes_nothing_is_not_recorded() {
        let mut r = sample_report();
        let mut h = History::default();
        let first = r.teams[0].id;
        assert!(!h.apply(&mut r, Structure::Move { place: TEAMS, id: first, to: 0 }));
        assert!(!h.can_undo());
    }

    #[test]
    fn counts_keep_what_was_typed_until_normalised() {
        let mut r = sample_report();
        let field = Field::Item(ListKind::Teams, r.teams[0].id, Cell::Count);
        r.apply(Edit::Text(field, "１２回".into()));
        assert_eq!(r.text(field).as_deref(), Some("１２回"));
        r.apply(Edit::NormalizeCount(field));
        assert_eq!(r.text(field).as_deref(), Some("12"));
        r.apply(Edit::Text(field, "十二".into()));
        r.apply(Edit::NormalizeCount(field));
        assert_eq!(r.text(field).as_deref(), Some("十二"));
        r.apply(Edit::Text(field, "".into()));
        assert_eq!(r.teams[0].count, None);
    }

    #[test]
    fn choosing_projected_defaults_to_the_march_that_ends_the_year() {
        let mut r = Report { fiscal_year: Some(2022), ..Report::default() };
        r.apply(Edit::Basis(BasisChoice::Projected));
        assert_eq!(r.basis, Some(Basis::Projected { year: Some(2023), month: Some(3) }));
    }
}
