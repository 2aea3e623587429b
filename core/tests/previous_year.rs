//! 前年度との比較: a draft made from last year's report keeps it beside this
//! year's, in storage and in backups, never in the exchange file; a field is
//! filled from it in one undoable step.

use std::rc::Rc;

use torikumi_core::drafts::lifecycle;
use torikumi_core::drafts::{self, backup, decode_draft, encode_draft, Draft, MemoryStore};
use torikumi_core::editor::{Action, Clock, EditorState};
use torikumi_core::sample::sample_report;
use torikumi_core::{exchange, limits, BodyKind, Cell, Config, Document, Field, ListKind, Report, SectionKind, Timestamp};

fn at(minute: i64) -> Timestamp {
    Timestamp::from_unix_millis((1_700_000_000_000i64 + minute * 60_000) as f64)
}

fn ten_past() -> Timestamp {
    at(10)
}

/// This year's draft, made from the sample with its counts and text cleared, last year's kept.
fn following() -> Draft {
    let last_year = sample_report();
    let report = limits::next_year(&last_year, false).expect("the sample's next year is in range");
    Draft { previous: Some(Rc::new(last_year)), ..Draft::new("next".into(), Document { report, ..Document::new(at(0)) }) }
}

fn editing(draft: Draft) -> EditorState {
    EditorState::new(draft, Config::default(), Clock(ten_past)).reduce(Action::ReadOnly(false)).expect("becomes editable")
}

#[test]
fn a_draft_made_from_last_year_keeps_last_years_report_through_storage() {
    let kv = MemoryStore::default();
    let d = following();
    lifecycle::create(&kv, &d).unwrap();
    let loaded = lifecycle::find(&kv, "next").unwrap();
    assert_eq!(loaded.previous.as_deref(), Some(&sample_report()));
    // Saving this year's text keeps last year's.
    let mut next = loaded.clone();
    next.document.report.sections.plans = "今年度の予定".into();
    let saved = lifecycle::save(&kv, &loaded, &next).unwrap();
    assert_eq!(lifecycle::find(&kv, "next").unwrap(), saved);
    assert_eq!(saved.previous.as_deref(), Some(&sample_report()));
}

#[test]
fn a_draft_record_without_last_year_reads_as_before() {
    let d = Draft::new("plain".into(), Document { report: sample_report(), ..Document::new(at(0)) });
    let text = encode_draft(&d);
    assert!(!text.contains("\"previous\""), "nothing is written for a draft without last year's report");
    assert_eq!(decode_draft(&text).unwrap(), d);
}

#[test]
fn last_years_report_that_does_not_read_back_leaves_this_years_text_readable() {
    let text = encode_draft(&following());
    let damaged = text.replacen("\"previous\":{", "\"previous\":{\"unknown\":1,", 1);
    assert_ne!(damaged, text);
    let read = decode_draft(&damaged).expect("this year's text still reads");
    assert_eq!(read.previous, None);
    assert_eq!(read.document, following().document);
}

#[test]
fn the_exchange_file_never_carries_last_years_report() {
    let d = following();
    let json = exchange::to_json(&d.document);
    assert!(!json.contains("previous"));
    assert!(!json.contains(&sample_report().sections.main_work));
}

#[test]
fn a_backup_holds_last_years_report_and_restores_it() {
    let kv = MemoryStore::default();
    lifecycle::create(&kv, &following()).unwrap();
    let file = backup::to_json(&drafts::records(&kv).unwrap(), at(1));
    let contents = backup::read(file.as_bytes()).unwrap();
    let empty = MemoryStore::default();
    backup::restore(&empty, &contents, &mut || "other".into()).unwrap();
    assert_eq!(lifecycle::find(&empty, "next").unwrap().previous.as_deref(), Some(&sample_report()));
}

#[test]
fn every_field_of_this_years_draft_finds_last_years_text() {
    let s = editing(following());
    let last = sample_report();
    let mut fields = vec![];
    for kind in BodyKind::ALL {
        fields.extend([Field::Body(kind, Cell::Count), Field::Body(kind, Cell::Content), Field::Body(kind, Cell::LocalName)]);
        for part in &last.body(kind).parts {
            fields.extend([Cell::Name, Cell::Count, Cell::Content].map(|c| Field::Part(kind, part.id, c)));
        }
    }
    for list in ListKind::ALL {
        for row in last.list(list) {
            fields.extend([Cell::Name, Cell::Count, Cell::Content].map(|c| Field::Item(list, row.id, c)));
        }
    }
    fields.extend(SectionKind::ALL.map(Field::Section));
    for field in fields {
        assert_eq!(s.previous_text(field), last.text(field), "{field:?}");
    }
    assert_eq!(s.previous_text(Field::Section(SectionKind::MainWork)).as_deref(), Some(last.sections.main_work.as_str()));
}

#[test]
fn filling_a_field_from_last_year_is_one_undoable_step() {
    let s = editing(following());
    let field = Field::Section(SectionKind::Issues);
    assert_eq!(s.report().sections.issues, "");
    let filled = s.reduce(Action::UsePrevious(field)).expect("fills");
    assert_eq!(filled.report().sections.issues, sample_report().sections.issues);
    assert_eq!(filled.doc.changed, at(10));
    assert_eq!(filled.focus.as_ref().map(|f| f.id.clone()), Some(field.dom_id()), "focus on the field filled (its button is gone)");
    assert_eq!(filled.reduce(Action::UsePrevious(field)), None, "already last year's text");
    let undone = filled.reduce(Action::Undo).expect("undoes");
    assert_eq!(undone.report().sections.issues, "");
    assert!(!undone.history.can_undo(), "one step");
    let redone = undone.reduce(Action::Redo).expect("redoes");
    assert_eq!(redone.report().sections.issues, sample_report().sections.issues);
}

#[test]
fn a_count_is_filled_from_last_years_count() {
    let s = editing(following());
    let field = Field::Body(BodyKind::Plenary, Cell::Count);
    let filled = s.reduce(Action::UsePrevious(field)).expect("fills");
    assert_eq!(filled.report().bodies.plenary.count, sample_report().bodies.plenary.count);
}

#[test]
fn nothing_is_filled_without_last_year_or_for_a_row_added_this_year() {
    let plain = editing(Draft::new("d".into(), Document { report: Report::default(), ..Document::new(at(0)) }));
    assert_eq!(plain.reduce(Action::UsePrevious(Field::Section(SectionKind::Plans))), None);
    let s = editing(following());
    let added = s.reduce(Action::AddRow(torikumi_core::edit::Place::List(ListKind::Teams))).expect("adds");
    let new_row = added.report().teams.last().expect("a row").id;
    assert_eq!(added.reduce(Action::UsePrevious(Field::Item(ListKind::Teams, new_row, Cell::Content))), None);
}

#[test]
fn a_finished_report_or_another_tabs_draft_is_not_filled() {
    let read_only = EditorState::new(following(), Config::default(), Clock(ten_past));
    assert_eq!(read_only.reduce(Action::UsePrevious(Field::Section(SectionKind::Plans))), None);
}

#[test]
fn a_following_draft_replaced_by_what_storage_holds_keeps_last_years_report() {
    let s = editing(following());
    let mut stored = following();
    stored.revision = 5;
    stored.document.report.sections.plans = "別のタブで".into();
    let replaced = s.reduce(Action::Replace(Box::new(stored.clone()))).expect("replaces");
    assert_eq!(replaced.draft(), stored);
}
