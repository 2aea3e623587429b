//! The editor's reducer: one test per action, with a fixed clock.

use torikumi_core::drafts::Draft;
use torikumi_core::edit::{Edit, Place};
use torikumi_core::editor::{Action, Clock, EditorState, MoveDir, Stored};
use torikumi_core::fields::add_button_dom_id;
use torikumi_core::sample::sample_report;
use torikumi_core::{BodyKind, Cell, Config, Count, Document, Field, ListKind, RowId, SectionKind, Status, Timestamp};

fn at(minute: i64) -> Timestamp {
    Timestamp::from_unix_millis((1_700_000_000_000i64 + minute * 60_000) as f64)
}

fn ten_past() -> Timestamp {
    at(10)
}

const TEAMS: Place = Place::List(ListKind::Teams);

/// An editable state of the sample report, stored at revision 3, the clock at minute 10.
fn editing() -> EditorState {
    let document = Document { report: sample_report(), ..Document::new(at(0)) };
    let draft = Draft { revision: 3, ..Draft::new("d".into(), document) };
    let state = EditorState::new(draft, Config::default(), Clock(ten_past));
    state.reduce(Action::ReadOnly(false)).expect("becomes editable")
}

fn after(state: &EditorState, action: Action) -> EditorState {
    state.reduce(action).expect("the action changes the state")
}

fn team_names(state: &EditorState) -> Vec<String> {
    state.report().teams.iter().map(|t| t.name.clone()).collect()
}

#[test]
fn a_new_state_is_read_only_until_the_tab_may_edit() {
    let document = Document::new(at(0));
    let state = EditorState::new(Draft::new("d".into(), document), Config::default(), Clock(ten_past));
    assert!(state.locked());
    assert_eq!(state.reduce(Action::Edit(Edit::FiscalYear(Some(2023)))), None, "nothing is edited while read-only");
}

#[test]
fn edit_changes_the_report_and_the_time_it_changed() {
    let s = after(&editing(), Action::Edit(Edit::Text(Field::Section(SectionKind::Plans), "予定".into())));
    assert_eq!(s.report().sections.plans, "予定");
    assert_eq!(s.doc.changed, at(10));
    assert_eq!(s.reduce(Action::Edit(Edit::Text(Field::Section(SectionKind::Plans), "予定".into()))), None, "the same text again");
}

#[test]
fn leave_shows_the_fields_findings_and_normalises_a_count() {
    let count = Field::Body(BodyKind::Steering, Cell::Count);
    let typed = after(&editing(), Action::Edit(Edit::Text(count, "１２回".into())));
    assert!(!typed.shows(&count));
    let left = after(&typed, Action::Leave(count));
    assert!(left.shows(&count));
    assert_eq!(left.report().bodies.steering.count, Some(Count::Number(12)));
    assert_eq!(left.reduce(Action::Leave(count)), None, "left twice");
}

#[test]
fn add_row_appends_an_empty_row_and_focuses_its_name() {
    let s = after(&editing(), Action::AddRow(TEAMS));
    let added = s.report().teams.last().expect("a row");
    assert!(added.name.is_empty());
    assert_eq!(s.focus.as_ref().map(|f| f.id.clone()), Some(TEAMS.field(added.id, Cell::Name).dom_id()));
    assert!(s.history.can_undo());
}

#[test]
fn add_row_stops_at_the_most_rows_the_core_stores() {
    let mut s = editing();
    while s.report().teams.len() < torikumi_core::limits::MAX_ROWS {
        s = after(&s, Action::AddRow(TEAMS));
    }
    assert_eq!(s.reduce(Action::AddRow(TEAMS)), None);
}

#[test]
fn remove_row_focuses_the_row_now_in_its_place_or_the_add_button() {
    let s = editing();
    let first = s.report().teams[0].id;
    let removed = after(&s, Action::RemoveRow(TEAMS, first));
    assert!(removed.report().teams.iter().all(|t| t.id != first));
    let mut only = removed.clone();
    while let Some(row) = only.report().teams.first().map(|t| t.id) {
        only = after(&only, Action::RemoveRow(TEAMS, row));
    }
    assert_eq!(only.focus.as_ref().map(|f| f.id.clone()), Some(add_button_dom_id(TEAMS)));
    assert_eq!(only.reduce(Action::RemoveRow(TEAMS, RowId(999_999))), None, "no such row");
}

#[test]
fn move_row_moves_within_its_list_and_keeps_focus_on_the_button() {
    let s = editing();
    let names = team_names(&s);
    let second = s.report().teams[1].id;
    let moved = after(&s, Action::MoveRow(TEAMS, second, MoveDir::Up));
    assert_eq!(team_names(&moved), [names[1].clone(), names[0].clone()]);
    assert!(moved.focus.as_ref().expect("focus").id.ends_with("-up"));
    assert_eq!(moved.reduce(Action::MoveRow(TEAMS, second, MoveDir::Up)), None, "already first");
}

#[test]
fn undo_and_redo_take_back_and_redo_a_structural_edit() {
    let s = editing();
    let names = team_names(&s);
    let removed = after(&s, Action::RemoveRow(TEAMS, s.report().teams[0].id));
    let undone = after(&removed, Action::Undo);
    assert_eq!(team_names(&undone), names);
    let redone = after(&undone, Action::Redo);
    assert_eq!(team_names(&redone), team_names(&removed));
    assert_eq!(editing().reduce(Action::Undo), None, "nothing to undo");
}

#[test]
fn finish_with_errors_shows_every_finding_and_finishes_nothing() {
    let s = after(&editing(), Action::Edit(Edit::Text(Field::Section(SectionKind::Plans), String::new())));
    let tried = after(&s, Action::Finish);
    assert_eq!(tried.doc.status, Status::Draft);
    assert!(tried.show_all);
    assert_eq!(tried.summary_focus, s.summary_focus + 1);
}

#[test]
fn finish_without_errors_finishes_at_the_clocks_time_and_locks() {
    let finished = after(&editing(), Action::Finish);
    assert_eq!(finished.doc.status, Status::Finished);
    assert_eq!(finished.doc.finished, Some(at(10)));
    assert!(finished.locked());
    assert_eq!(finished.reduce(Action::AddRow(TEAMS)), None, "a finished report only reopens");
}

#[test]
fn reopen_makes_a_finished_report_a_draft_again() {
    let reopened = after(&after(&editing(), Action::Finish), Action::Reopen);
    assert_eq!(reopened.doc.status, Status::Draft);
    assert_eq!(reopened.doc.finished, None);
    assert!(!reopened.locked());
}

#[test]
fn replace_takes_what_storage_holds_and_forgets_structural_undo() {
    let s = after(&editing(), Action::RemoveRow(TEAMS, editing().report().teams[0].id));
    let mut other = Draft::new("d".into(), Document::new(at(5)));
    other.revision = 7;
    other.trashed = Some(at(6));
    let replaced = after(&s, Action::Replace(Box::new(other.clone())));
    assert_eq!(replaced.doc, other.document);
    assert_eq!(replaced.stored, Stored { revision: 7, exported: None, trashed: Some(at(6)) });
    assert!(!replaced.history.can_undo());
    assert_eq!(replaced.draft(), other);
}

#[test]
fn stored_records_the_revision_and_marks_and_keeps_the_text() {
    let s = after(&editing(), Action::Edit(Edit::Text(Field::Section(SectionKind::Plans), "未保存".into())));
    let stored = Stored { revision: 4, exported: Some(at(9)), trashed: None };
    let after_save = after(&s, Action::Stored(stored));
    assert_eq!(after_save.stored, stored);
    assert_eq!(after_save.report().sections.plans, "未保存");
    assert_eq!(after_save.reduce(Action::Stored(stored)), None);
}

#[test]
fn read_only_locks_and_unlocks_editing() {
    let s = after(&editing(), Action::ReadOnly(true));
    assert!(s.locked());
    assert_eq!(s.reduce(Action::AddRow(TEAMS)), None);
    assert_eq!(s.reduce(Action::ReadOnly(true)), None);
    assert!(!after(&s, Action::ReadOnly(false)).locked());
}

#[test]
fn exported_marks_when_and_is_saved_with_the_draft() {
    let s = after(&editing(), Action::Exported(at(8)));
    assert_eq!(s.stored.exported, Some(at(8)));
    assert_eq!(s.draft().exported, Some(at(8)));
}
