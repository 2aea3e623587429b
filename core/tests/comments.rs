//! The city's review (指摘) and the ward's answers: anchoring by stable ids,
//! merging a review into a draft, the exchange file's v2 with its migration from
//! v1, and the editor's undo of 対応済み. The review file and the city's view:
//! review_file.rs.

mod reviewed;

use reviewed::{at, comment, review, reviewed};
use serde_json::Value;
use torikumi_core::comments::{merge, Anchor, Comment, CommentId, Tally};
use torikumi_core::drafts::lifecycle::{read_review, review_target};
use torikumi_core::drafts::{self, Draft, MemoryStore};
use torikumi_core::edit::{Edit, Place};
use torikumi_core::editor::{Action, Clock, EditorState, MoveDir};
use torikumi_core::exchange::{self, ImportError};
use torikumi_core::limits::LimitError;
use torikumi_core::sample::sample_report;
use torikumi_core::{messages, BodyKind, Cell, Config, Document, Field, ListKind, RowId, SectionKind, Severity, Status, Timestamp};

const TEAMS: Place = Place::List(ListKind::Teams);

fn ten_past() -> Timestamp { at(10) }

// ---- anchoring ----

#[test]
fn every_anchor_is_written_as_a_key_and_read_back_the_same() {
    let anchors = [
        Anchor::Report,
        Anchor::Field(Field::FiscalYear),
        Anchor::Field(Field::Ward),
        Anchor::Field(Field::Basis),
        Anchor::Field(Field::Projection),
        Anchor::Field(Field::Section(SectionKind::MainWork)),
        Anchor::Field(Field::Section(SectionKind::Plans)),
        Anchor::Field(Field::Body(BodyKind::Network, Cell::Count)),
        Anchor::Field(Field::Body(BodyKind::Network, Cell::LocalName)),
        Anchor::Field(Field::Body(BodyKind::Steering, Cell::Content)),
        Anchor::Field(Field::Part(BodyKind::Network, RowId(9), Cell::Count)),
        Anchor::Field(Field::Item(ListKind::Teams, RowId(3), Cell::Content)),
        Anchor::Field(Field::Item(ListKind::Activities, RowId(1_000_000), Cell::Name)),
        Anchor::Body(BodyKind::Plenary),
        Anchor::Row(TEAMS, RowId(3)),
        Anchor::Row(Place::List(ListKind::Activities), RowId(0)),
        Anchor::Row(Place::Parts(BodyKind::Liaison), RowId(12)),
    ];
    for anchor in anchors {
        assert_eq!(Anchor::from_key(&anchor.key()), Some(anchor), "{}", anchor.key());
    }
    assert_eq!(Anchor::Field(Field::Item(ListKind::Teams, RowId(3), Cell::Content)).key(), "team-3-content");
    assert_eq!(Anchor::Row(Place::Parts(BodyKind::Network), RowId(9)).key(), "network-part-9");
}

#[test]
fn keys_that_name_no_field_are_not_anchors() {
    for key in ["", "Report", "team", "team-", "team-x", "team-03", "team-+3", "team-3-local-name", "team-3-", "network-name", "network-part-9-local-name", "team-12345678", "reply-1", "issues-1"] {
        assert_eq!(Anchor::from_key(key), None, "{key}");
    }
}

#[test]
fn a_comment_on_a_row_follows_the_row_when_it_moves_never_its_number() {
    let mut report = sample_report();
    let anchor = Anchor::Field(Field::Item(ListKind::Teams, RowId(5), Cell::Content));
    assert_eq!(anchor.label(&report).as_deref(), Some("プロジェクトチーム2 主な内容・議題等"));
    report.teams.swap(0, 1);
    assert_eq!(anchor.label(&report).as_deref(), Some("プロジェクトチーム1 主な内容・議題等"));
    assert_eq!(Anchor::Row(TEAMS, RowId(5)).label(&report).as_deref(), Some("プロジェクトチーム1"));
    assert!(anchor.is_present(&report));
}

#[test]
fn a_comment_whose_row_was_removed_is_an_orphan_shown_at_the_top() {
    let mut document = reviewed();
    document.report.teams.retain(|t| t.id != RowId(5));
    let orphans: Vec<(usize, CommentId)> = document.report.orphan_comments().map(|(n, c)| (n, c.id)).collect();
    assert_eq!(orphans, [(1, CommentId(1))]);
    assert_eq!(document.report.comments[0].anchor.label(&document.report), None);
}

// ---- merging a review into the ward's report ----

#[test]
fn a_review_read_twice_adds_nothing_twice() {
    let mut report = sample_report();
    let first = merge(&report, &review().comments);
    assert_eq!((first.added, first.updated, first.changes.len()), (3, 0, 3));
    torikumi_core::edit::Structure::Comments(first.changes).apply(&mut report);
    assert_eq!(report.comments.len(), 3);
    let again = merge(&report, &review().comments);
    assert!(again.changes.is_empty());
    assert_eq!((again.added, again.updated), (0, 0));
}

#[test]
fn the_wards_answers_stay_and_the_citys_changed_text_follows() {
    let mut report = sample_report();
    report.comments = review().comments;
    report.comments[0].reply = "4回と書きました".to_owned();
    report.comments[0].resolved = true;
    let mut newer = review().comments;
    newer[0].text = "見学会の回数と参加者数を書いてください".to_owned();
    let merged = merge(&report, &newer);
    assert_eq!((merged.added, merged.updated), (0, 1));
    torikumi_core::edit::Structure::Comments(merged.changes).apply(&mut report);
    assert_eq!(report.comments[0].text, "見学会の回数と参加者数を書いてください");
    assert_eq!((report.comments[0].reply.as_str(), report.comments[0].resolved), ("4回と書きました", true));
}

#[test]
fn a_comment_whose_id_is_taken_here_by_another_gets_a_fresh_id_once() {
    let mut report = sample_report();
    report.comments = vec![comment(1, Anchor::Report, "前回の指摘")];
    let other = Comment { made: at(5), ..comment(1, Anchor::Report, "今回の指摘") };
    let merged = merge(&report, std::slice::from_ref(&other));
    assert_eq!(merged.added, 1);
    torikumi_core::edit::Structure::Comments(merged.changes).apply(&mut report);
    assert_eq!(report.comments.iter().map(|c| c.id.0).collect::<Vec<_>>(), [1, 2]);
    assert!(merge(&report, &[other]).changes.is_empty(), "read again: nothing added");
}

#[test]
fn reading_a_review_stores_it_in_the_draft_of_its_ward_and_year_keeping_the_text_as_a_version() {
    let kv = MemoryStore::default();
    let mut finished = Document { report: sample_report(), ..Document::new(at(0)) };
    finished.finish(at(0));
    let draft = drafts::lifecycle::create(&kv, &Draft::new("w".into(), finished)).unwrap();
    let mut other_year = Document { report: sample_report(), ..Document::new(at(0)) };
    other_year.report.fiscal_year = Some(2022);
    drafts::lifecycle::create(&kv, &Draft::new("old".into(), other_year)).unwrap();

    let target = review_target(&kv, &review()).unwrap().expect("the ward's draft");
    assert_eq!(target.id, "w");
    let (stored, merged) = read_review(&kv, "w", &review(), at(3)).unwrap();
    assert_eq!(merged.added, 3);
    assert_eq!(stored.revision, draft.revision + 1);
    assert_eq!(stored.document.status, Status::Draft, "a finished report is a draft again, to be answered");
    assert_eq!(drafts::lifecycle::find(&kv, "w").unwrap().document.report.comments.len(), 3);
    assert_eq!(drafts::history::history(&kv, "w").unwrap().len(), 1, "the text before is kept as a version");
    let (again, merged) = read_review(&kv, "w", &review(), at(4)).unwrap();
    assert_eq!((again.revision, merged.added), (stored.revision, 0), "read twice: nothing written");
    assert!(messages::review_read(&review(), &merged).contains("すでにすべて読み込まれています"));
}

#[test]
fn a_review_of_a_ward_with_no_draft_here_finds_none() {
    let kv = MemoryStore::default();
    let mut document = Document { report: sample_report(), ..Document::new(at(0)) };
    document.report.ward = Config::default().ward("aoba").cloned();
    drafts::lifecycle::create(&kv, &Draft::new("aoba".into(), document)).unwrap();
    assert_eq!(review_target(&kv, &review()).unwrap(), None);
    assert!(messages::review_without_draft("R5_wakabayashi_review.json", &review()).contains("令和５年度 若林区"));
}

// ---- the exchange file ----

#[test]
fn comments_and_replies_travel_in_the_exchange_file() {
    let mut document = reviewed();
    document.report.comments[0].reply = "追記しました".to_owned();
    document.report.comments[0].resolved = true;
    let json = exchange::to_json(&document);
    assert!(json.contains("\"torikumi/report/v2\""));
    assert_eq!(exchange::from_json(json.as_bytes()), Ok(document));
}

#[test]
fn a_v1_file_is_migrated_to_v2_with_no_comments() {
    let document = Document { report: sample_report(), ..Document::new(at(0)) };
    let v1 = exchange::to_json(&document).replace("torikumi/report/v2", "torikumi/report/v1");
    assert_eq!(exchange::from_json(v1.as_bytes()), Ok(document));
    let v1_schema: Value = serde_json::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../static/schema/report-v1.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&v1_schema).unwrap();
    assert!(validator.is_valid(&serde_json::from_str::<Value>(&v1).unwrap()), "what the migration reads is v1 as published");
}

#[test]
fn a_v1_file_carrying_comments_is_refused_not_taken_in() {
    let v1 = exchange::to_json(&reviewed()).replace("torikumi/report/v2", "torikumi/report/v1");
    assert!(matches!(exchange::from_json(v1.as_bytes()), Err(ImportError::Invalid { .. })));
}

#[test]
fn a_report_with_too_many_comments_or_a_duplicate_id_is_refused() {
    let mut document = reviewed();
    document.report.comments[1].id = CommentId(1);
    assert_eq!(exchange::from_json(exchange::to_json(&document).as_bytes()), Err(LimitError::DuplicateCommentId { id: CommentId(1) }.into()));
}

#[test]
fn the_next_years_draft_starts_without_comments() {
    assert!(reviewed().report.for_next_year(true).comments.is_empty());
}

// ---- the editor ----

fn editing(document: Document) -> EditorState {
    let draft = Draft { revision: 3, ..Draft::new("d".into(), document) };
    EditorState::new(draft, Config::default(), Clock(ten_past)).reduce(Action::ReadOnly(false)).expect("editable")
}

#[test]
fn an_open_comment_is_a_warning_on_its_reply_and_対応済み_clears_it() {
    let state = editing(reviewed());
    let open: Vec<_> = state.findings().into_iter().filter(|f| f.rule_id() == "comment-open").collect();
    assert_eq!(open.len(), 3);
    assert!(open.iter().all(|f| f.severity() == Severity::Warning));
    assert_eq!(open[0].field, Field::Reply(CommentId(1)));
    assert!(open[0].message.contains("プロジェクトチーム2 主な内容・議題等"), "{}", open[0].message);
    let state = state.reduce(Action::Resolve(CommentId(1), true)).unwrap();
    assert_eq!(state.findings().iter().filter(|f| f.rule_id() == "comment-open").count(), 2);
    assert_eq!(state.report().comment_tally(), Tally { comments: 3, resolved: 1 });
}

#[test]
fn 対応済み_is_undone_and_redone_and_the_reply_is_a_text_field() {
    let state = editing(reviewed());
    let state = state.reduce(Action::Edit(Edit::Text(Field::Reply(CommentId(2)), "成果を追記しました".into()))).unwrap();
    assert_eq!(state.report().comments[1].reply, "成果を追記しました");
    assert_eq!(Field::Reply(CommentId(2)).accessible_name(state.report()).as_deref(), Some("指摘2への回答"));
    let state = state.reduce(Action::Resolve(CommentId(2), true)).unwrap();
    assert!(state.report().comments[1].resolved);
    let undone = state.reduce(Action::Undo).unwrap();
    assert!(!undone.report().comments[1].resolved);
    assert_eq!(undone.report().comments[1].reply, "成果を追記しました", "undo takes back the mark, not the reply typed");
    let redone = undone.reduce(Action::Redo).unwrap();
    assert!(redone.report().comments[1].resolved);
    assert_eq!(redone.reduce(Action::Resolve(CommentId(2), true)), None, "marking again changes nothing");
    assert_eq!(redone.reduce(Action::Resolve(CommentId(9), true)), None, "no such comment");
}

#[test]
fn moving_the_commented_row_keeps_the_comment_on_it() {
    let state = editing(reviewed());
    let state = state.reduce(Action::MoveRow(TEAMS, RowId(5), MoveDir::Up)).unwrap();
    let anchor = state.report().comments[0].anchor;
    assert_eq!(anchor.label(state.report()).as_deref(), Some("プロジェクトチーム1 主な内容・議題等"));
    let state = state.reduce(Action::RemoveRow(TEAMS, RowId(5))).unwrap();
    assert_eq!(state.report().orphan_comments().count(), 1);
    let open = state.findings().into_iter().find(|f| f.field == Field::Reply(CommentId(1))).expect("still a warning");
    assert!(open.message.contains("削除された行"), "{}", open.message);
}

#[test]
fn the_print_view_the_html_export_and_the_word_file_never_show_comments() {
    let mut document = reviewed();
    document.report.comments[0].reply = "回答の文".to_owned();
    let print = torikumi_core::print::report_html(&document);
    let html = torikumi_core::html_export::standalone_html(&document);
    // The HTML export carries the exchange file as data, for 読み込む; what it shows is the rest.
    let shown = html.split("<script").next().unwrap_or_default();
    let docx = torikumi_core::docx::out::report_docx(&document);
    let word = torikumi_core::docx::zip::find_part(&docx, "word/document.xml").expect("the body");
    let word = String::from_utf8_lossy(word.stored);
    for text in document.report.comments.iter().map(|c| c.text.as_str()).chain(["回答の文", "指摘"]) {
        assert!(!print.contains(text), "the print view shows {text}");
        assert!(!shown.contains(text), "the HTML export shows {text}");
        assert!(!word.contains(text), "the Word file shows {text}");
    }
}

#[test]
fn a_comment_whose_id_is_taken_when_the_largest_id_is_u32_max_still_gets_a_free_id() {
    let mut report = sample_report();
    report.comments = vec![comment(u32::MAX, Anchor::Report, "最大の番号")];
    let other = Comment { made: at(5), ..comment(u32::MAX, Anchor::Report, "同じ番号の別の指摘") };
    let merged = merge(&report, std::slice::from_ref(&other));
    assert_eq!((merged.added, merged.changes.len()), (1, 1), "added, not dropped");
    torikumi_core::edit::Structure::Comments(merged.changes).apply(&mut report);
    assert_eq!(report.comments.len(), 2);
    assert_ne!(report.comments[0].id, report.comments[1].id);
    assert!(report.add_comment(Anchor::Report, "市の追加", at(6)).is_some());
    torikumi_core::limits::comments(&report.comments).expect("ids stay unique: the draft reads back");
}
