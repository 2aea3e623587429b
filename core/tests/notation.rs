//! 表記ゆれ and template leftovers: one test per rule, and 統一 with its undo.

use torikumi_core::drafts::Draft;
use torikumi_core::editor::{Action, Clock, EditorState};
use torikumi_core::sample::sample_report;
use torikumi_core::{check, BodyKind, Cell, Config, Context, Document, Field, Finding, ListKind, Problem, Report, RowId, Severity, Timestamp};

fn findings(report: &Report, rule: &str) -> Vec<Finding> {
    let config = Config::default();
    check(report, &Context { config: &config, current_fiscal_year: 2026 }).into_iter().filter(|f| f.rule_id() == rule).collect()
}

fn spellings(f: &Finding) -> Vec<(String, usize)> {
    match &f.problem {
        Problem::NotationVariants { spellings, .. } => spellings.clone(),
        other => panic!("not a notation finding: {other:?}"),
    }
}

const PLENARY: Field = Field::Body(BodyKind::Plenary, Cell::Content);

#[test]
fn notation_variants_kanji_with_ga_or_ke() {
    let mut r = sample_report();
    assert!(findings(&r, "notation-variants").is_empty(), "the sample is written one way");
    r.bodies.plenary.content = "鶴ヶ谷地区の会議。鶴ヶ谷で。".to_owned();
    r.sections.issues = "鶴ケ谷周辺エリアの課題".to_owned();
    let found = findings(&r, "notation-variants");
    assert_eq!(found.len(), 1, "one warning per word: {found:?}");
    assert_eq!(found[0].severity(), Severity::Warning);
    assert_eq!(found[0].field, PLENARY, "where the word first occurs");
    assert_eq!(spellings(&found[0]), [("鶴ヶ谷".to_owned(), 2), ("鶴ケ谷".to_owned(), 1)]);
    assert!(found[0].message.contains("『鶴ヶ谷』（2か所）と『鶴ケ谷』（1か所）"), "{}", found[0].message);
    // ケ that is katakana of a word is no variant.
    r.sections.issues = "ケアマネジャーとの連携".to_owned();
    assert!(findings(&r, "notation-variants").is_empty());
}

#[test]
fn notation_variants_full_and_half_width_letters_and_digits() {
    let mut r = sample_report();
    r.bodies.plenary.content = "ＧＳＶ研修を１２回".to_owned();
    r.teams[0].content = "GSV研修を12回".to_owned();
    let words: Vec<_> = findings(&r, "notation-variants").iter().map(spellings).collect();
    assert_eq!(words, [vec![("ＧＳＶ".to_owned(), 1), ("GSV".to_owned(), 1)], vec![("１２".to_owned(), 1), ("12".to_owned(), 1)]]);
}

#[test]
fn notation_variants_every_character_a_word_starts_with() {
    // The first and last of each range the scan knows by its bytes: ヵ and ヶ, full-width
    // a–z, A–Z and 0–9 (ケ and 〜/～ are in the tests beside this one).
    let mut r = sample_report();
    r.bodies.plenary.content = "霞ヵ浦、ａｚ、ｚａ、ＡＺ、ＺＡ、０９、９０".to_owned();
    r.teams[0].content = "霞ヶ浦、az、za、AZ、ZA、09、90".to_owned();
    let words: Vec<_> = findings(&r, "notation-variants").iter().map(spellings).collect();
    let pair = |a: &str, b: &str| vec![(a.to_owned(), 1), (b.to_owned(), 1)];
    let expected = [
        pair("霞ヵ浦", "霞ヶ浦"),
        pair("ａｚ", "az"),
        pair("ｚａ", "za"),
        pair("ＡＺ", "AZ"),
        pair("ＺＡ", "ZA"),
        pair("０９", "09"),
        pair("９０", "90"),
    ];
    assert_eq!(words, expected);
}

#[test]
fn notation_variants_wave_dashes() {
    let mut r = sample_report();
    r.sections.plans = "10時〜12時、14時～16時".to_owned();
    let found = findings(&r, "notation-variants");
    assert_eq!(found.len(), 1);
    assert_eq!(spellings(&found[0]), [("〜".to_owned(), 1), ("～".to_owned(), 1)]);
}

#[test]
fn template_note() {
    let mut r = sample_report();
    assert!(findings(&r, "template-note").is_empty());
    r.sections.main_work.push_str("\n※行が足りない場合は、ページ内で適宜追加してください。");
    r.teams[1].content = "※行が足りない".to_owned();
    let found = findings(&r, "template-note");
    let fields: Vec<_> = found.iter().map(|f| f.field).collect();
    assert_eq!(fields, [Field::Item(ListKind::Teams, RowId(5), Cell::Content), Field::Section(torikumi_core::SectionKind::MainWork)]);
    assert!(found.iter().all(|f| f.severity() == Severity::Warning));
    assert!(found[1].message.starts_with("今年度の主な取組みに様式の注意書き"), "{}", found[1].message);
}

#[test]
fn placeholder_text() {
    let mut r = sample_report();
    r.bodies.liaison.content = "○○○事業所との連絡".to_owned();
    assert!(findings(&r, "placeholder-text").is_empty(), "three circles are not the template's");
    r.bodies.liaison.content = "〇〇〇〇について協議".to_owned();
    r.activities[0].name = "○○○○との情報交換会".to_owned();
    // A name that is only the placeholder is an error of its own, not this warning too.
    r.teams[0].name = "○○○○PT".to_owned();
    let found = findings(&r, "placeholder-text");
    let fields: Vec<_> = found.iter().map(|f| f.field).collect();
    assert_eq!(fields, [Field::Body(BodyKind::Liaison, Cell::Content), Field::Item(ListKind::Activities, RowId(6), Cell::Name)]);
    assert!(found.iter().all(|f| f.severity() == Severity::Warning));
    assert_eq!(findings(&r, "name-placeholder").len(), 1);
}

fn at(minute: i64) -> Timestamp {
    Timestamp::from_unix_millis((1_700_000_000_000i64 + minute * 60_000) as f64)
}

fn clock() -> Timestamp {
    at(10)
}

fn editing(report: Report) -> EditorState {
    let draft = Draft::new("d".into(), Document { report, ..Document::new(at(0)) });
    EditorState::new(draft, Config::default(), Clock(clock)).reduce(Action::ReadOnly(false)).expect("editable")
}

#[test]
fn unify_replaces_every_occurrence_as_one_edit_and_undo_brings_them_back() {
    let mut r = sample_report();
    r.bodies.plenary.content = "鶴ヶ谷地区、鶴ケ谷、ＧＳＶ".to_owned();
    r.sections.issues = "鶴ケ谷周辺".to_owned();
    let before = r.clone();
    let s = editing(r);
    let unified = s.reduce(Action::Unify { key: "鶴ケ谷".into(), to: "鶴ヶ谷".into() }).expect("changes");
    assert_eq!(unified.report().bodies.plenary.content, "鶴ヶ谷地区、鶴ヶ谷、ＧＳＶ", "only that word changes");
    assert_eq!(unified.report().sections.issues, "鶴ヶ谷周辺");
    assert!(findings(unified.report(), "notation-variants").is_empty());
    let undone = unified.reduce(Action::Undo).expect("undoes");
    assert_eq!(undone.report(), &before);
    let redone = undone.reduce(Action::Redo).expect("redoes");
    assert_eq!(redone.report(), unified.report());
}

#[test]
fn undoing_unify_keeps_what_was_typed_since() {
    let mut r = sample_report();
    r.bodies.plenary.content = "鶴ケ谷".to_owned();
    r.sections.issues = "鶴ヶ谷".to_owned();
    let s = editing(r).reduce(Action::Unify { key: "鶴ケ谷".into(), to: "鶴ヶ谷".into() }).expect("changes");
    let typed = s
        .reduce(Action::Edit(torikumi_core::edit::Edit::Text(PLENARY, "鶴ヶ谷で書き足した".into())))
        .expect("typed");
    // Undo finds the plenary text changed since: it stays as typed.
    assert_eq!(typed.reduce(Action::Undo), None);
    assert_eq!(typed.report().bodies.plenary.content, "鶴ヶ谷で書き足した");
}

#[test]
fn finishing_with_warnings_only_asks_first() {
    let mut r = sample_report();
    r.sections.main_work = "・上記の通り。".to_owned();
    r.sections.issues = "上記のとおり".to_owned();
    let s = editing(r);
    let asked = s.reduce(Action::Finish).expect("asks");
    assert!(asked.finish_asked && asked.show_all);
    assert_eq!(asked.doc.status, torikumi_core::Status::Draft);
    let back = asked.reduce(Action::CancelFinish).expect("back to fixing");
    assert!(!back.finish_asked && back.show_all, "the warnings stay listed");
    assert_eq!(back.reduce(Action::ConfirmFinish).map(|s| s.doc.status), Some(torikumi_core::Status::Draft), "only once asked");
    let finished = asked.reduce(Action::ConfirmFinish).expect("finishes");
    assert_eq!(finished.doc.status, torikumi_core::Status::Finished);
    assert_eq!(finished.findings().len(), 2, "a finished report keeps its warnings");
}
