//! The app never refuses to read what it wrote itself: the limits apply to files
//! coming in, and the app's own writes cannot break them. A PC clock before 2000
//! (a dead clock battery) or after 2200, a clock that goes back while the app is
//! open, and 「前年度から作成」 from the last year the app handles.

use serde_json::json;
use time::macros::datetime;
use torikumi_core::drafts::history::{self, VersionKeeper};
use torikumi_core::drafts::{self, decode_draft, lifecycle, Draft, KeyValue, MemoryStore};
use torikumi_core::edit::{BasisChoice, Edit};
use torikumi_core::editor::{Action, Clock, EditorState};
use torikumi_core::exchange::{self, ImportError};
use torikumi_core::limits::{self, LimitError, TimestampField, REPORT_YEARS};
use torikumi_core::sample::sample_report;
use torikumi_core::{incoming, messages, Basis, Config, Document, SectionKind, Timestamp};

/// 1999-12-31 23:00 in Japan: a PC whose clock battery died.
const DEAD_BATTERY_MS: f64 = 946_648_800_000.0;
/// 2300-01-01 in UTC.
const FAR_FUTURE_MS: f64 = 10_413_792_000_000.0;
/// 2026-02-10 10:00 in Japan.
const TODAY_MS: f64 = 1_770_685_200_000.0;

fn far_future() -> Timestamp {
    Timestamp::from_unix_millis(FAR_FUTURE_MS)
}
fn today() -> Timestamp {
    Timestamp::from_unix_millis(TODAY_MS)
}
fn an_hour_ago() -> Timestamp {
    Timestamp::from_unix_millis(TODAY_MS - 3_600_000.0)
}

/// A new report as 「新しい報告を作成」 stores it, stamped by `now`.
fn create_with_clock(kv: &MemoryStore, now: Timestamp) -> Draft {
    let draft = Draft::new("d".into(), Document::new(now));
    lifecycle::create(kv, &draft).expect("stored")
}

/// What the stored draft exports imports again, unchanged.
fn export_imports(draft: &Draft) {
    let file = exchange::to_json(&draft.document);
    assert_eq!(incoming::read_export(file.as_bytes()), Ok(draft.document.clone()), "{file}");
}

#[test]
fn a_pc_clock_before_2000_stamps_a_draft_the_app_reads_back_and_exports_a_file_that_imports() {
    for ms in [DEAD_BATTERY_MS, 0.0, -1.0e15, f64::MIN, f64::NAN, f64::NEG_INFINITY] {
        let kv = MemoryStore::default();
        let created = create_with_clock(&kv, Timestamp::from_unix_millis(ms));
        assert_eq!(created.document.created.0, datetime!(2000-01-01 00:00 +9), "{ms}");
        let opened = lifecycle::find(&kv, "d").expect("the new draft opens");
        assert_eq!(opened.document, created.document);
        assert!(drafts::list(&kv).unwrap().damaged.is_empty());
        export_imports(&opened);
    }
}

#[test]
fn a_pc_clock_after_2200_stamps_a_draft_the_app_reads_back_and_exports_a_file_that_imports() {
    for ms in [FAR_FUTURE_MS, 253_402_300_799_999.0, f64::MAX, f64::INFINITY] {
        let kv = MemoryStore::default();
        let created = create_with_clock(&kv, Timestamp::from_unix_millis(ms));
        assert_eq!(created.document.created.0, datetime!(2200-12-31 23:59:59.999 +9), "{ms}");
        assert_eq!(created.document.created.fiscal_year(), 2200);
        let opened = lifecycle::find(&kv, "d").expect("the new draft opens");
        export_imports(&opened);
    }
}

#[test]
fn with_the_clock_in_2200_no_edit_makes_a_year_the_app_cannot_open() {
    let kv = MemoryStore::default();
    let mut draft = create_with_clock(&kv, far_future());
    let base = draft.clone();
    // The editor offers up to the clock's fiscal year + 1: 2201 is offered but never taken.
    assert!(!draft.document.report.apply(Edit::FiscalYear(Some(2201))));
    assert!(draft.document.report.apply(Edit::FiscalYear(Some(2200))));
    // 見込み proposes the March that ends the year (2201.3): outside, so no year is proposed.
    assert!(draft.document.report.apply(Edit::Basis(BasisChoice::Projected)));
    assert_eq!(draft.document.report.basis, Some(Basis::Projected { year: None, month: None }));
    assert!(!draft.document.report.apply(Edit::Projection { year: Some(2201), month: Some(3) }));
    assert!(!draft.document.report.apply(Edit::FiscalYear(Some(i32::MIN))));
    let saved = lifecycle::save(&kv, &base, &draft).expect("saved");
    assert_eq!(lifecycle::find(&kv, "d").expect("opens").document, saved.document);
    export_imports(&saved);
}

#[test]
fn a_draft_an_earlier_version_stored_with_a_1999_clock_opens_with_its_times_held_in_range() {
    // What the app wrote before its clock was held: 「この下書きは壊れていて開けません」 then.
    let mut document = serde_json::to_value(exchange::to_value(&Document::new(today()))).unwrap();
    document["created"] = json!("1999-12-31T23:00:00+09:00");
    document["changed"] = json!("1999-12-31T23:05:00+09:00");
    document["finished"] = json!("2301-01-01T00:00:00Z");
    document["status"] = json!("finished");
    let record = json!({ "id": "old", "revision": 4, "exported": null, "trashed": null, "document": document });
    let kv = MemoryStore::default();
    kv.set(&drafts::draft_key("old"), &record.to_string()).unwrap();

    let opened = lifecycle::find(&kv, "old").expect("opens");
    assert_eq!(opened.revision, 4);
    assert_eq!(opened.document.created.0, datetime!(2000-01-01 00:00 +9));
    assert_eq!(opened.document.changed.0, datetime!(2000-01-01 00:00 +9));
    assert_eq!(opened.document.finished.map(|t| t.0), Some(datetime!(2200-12-31 23:59:59.999 +9)));
    assert!(drafts::list(&kv).unwrap().damaged.is_empty());
    export_imports(&opened);
    // Saving it again stores the held times: the record reads the same from then on.
    let saved = lifecycle::save(&kv, &opened, &opened).expect("saved");
    assert_eq!(decode_draft(&kv.get(&drafts::draft_key("old")).unwrap().unwrap()).unwrap(), saved);

    // The same document as a file coming in is still refused, with its reason.
    let bytes = serde_json::to_vec(&document).unwrap();
    let refused = incoming::read_export(&bytes).unwrap_err();
    assert!(matches!(refused, ImportError::Limit(LimitError::TimestampOutOfRange { field: TimestampField::Created, .. })));
    assert!(messages::import_error("old.json", &refused).contains("読める範囲（2000年〜2200年）の外です"));
}

#[test]
fn an_earlier_version_stored_with_a_1999_clock_is_listed_and_restorable() {
    let mut document = serde_json::to_value(exchange::to_value(&Document::new(today()))).unwrap();
    document["changed"] = json!("1999-12-31T23:05:00+09:00");
    let kv = MemoryStore::default();
    kv.set("torikumi:history:d", &json!([{ "at": "1999-12-31T23:06:00+09:00", "document": document }]).to_string()).unwrap();
    let versions = history::history(&kv, "d").expect("read");
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].document.changed.0, datetime!(2000-01-01 00:00 +9));
}

fn editing_at(clock: fn() -> Timestamp) -> EditorState {
    let document = Document { report: sample_report(), ..Document::new(an_hour_ago()) };
    let draft = Draft { revision: 1, ..Draft::new("d".into(), document) };
    EditorState::new(draft, Config::default(), Clock(clock)).reduce(Action::ReadOnly(false)).expect("editable")
}

fn type_text(state: &EditorState, text: &str) -> EditorState {
    state.reduce(Action::Edit(Edit::Text(torikumi_core::Field::Section(SectionKind::MainWork), text.into()))).expect("changed")
}

#[test]
fn a_clock_that_goes_back_while_the_app_is_open_refuses_nothing_loses_nothing_and_keeps_versions_in_order() {
    let kv = MemoryStore::default();
    let state = editing_at(today);
    let stored = lifecycle::create(&kv, &state.draft()).unwrap();
    let mut keeper = VersionKeeper::default();

    let first = type_text(&state, "一回目");
    let first_saved = lifecycle::save(&kv, &stored, &first.draft()).expect("saved");
    assert!(keeper.after_save(&kv, &first_saved, today()).unwrap());
    lifecycle::record_export(&kv, "d", today()).expect("exported");

    // The clock goes back an hour (the PC is corrected, or its battery fails).
    let mut back = first.clone();
    back.clock = Clock(an_hour_ago);
    let second = type_text(&back, "一回目、二回目");
    assert!(second.doc.changed.0 > first.doc.changed.0, "a later change never reads as older");
    let second_saved = lifecycle::save(&kv, &first_saved, &second.draft()).expect("nothing refused");
    assert_eq!(lifecycle::find(&kv, "d").unwrap().document.report.sections.main_work, "一回目、二回目");
    // A version is kept at once, not an hour later when the clock has caught up.
    assert!(keeper.after_save(&kv, &second_saved, an_hour_ago()).unwrap());
    let versions = history::history(&kv, "d").unwrap();
    let texts: Vec<&str> = versions.iter().map(|v| v.document.report.sections.main_work.as_str()).collect();
    assert_eq!(texts, ["一回目、二回目", "一回目"]);
    assert!(versions[0].at.0 > versions[1].at.0, "newest first, in time too");
    // Exported before the clock went back: the later change still counts as not exported
    // (「端末のデータを消去」 warns about a draft whose export is older than its last change).
    let now_stored = lifecycle::find(&kv, "d").unwrap();
    assert!(now_stored.exported.is_some_and(|e| e.0 < now_stored.document.changed.0));
}

#[test]
fn next_year_from_the_last_year_the_app_handles_is_refused_with_a_reason() {
    let mut report = sample_report();
    report.fiscal_year = Some(*REPORT_YEARS.end() - 1);
    let next = limits::next_year(&report, true).expect("2200 is a year the app opens");
    assert_eq!(next.fiscal_year, Some(2200));
    let document = Document { report: next, ..Document::new(today()) };
    assert!(limits::check(&document).is_ok());

    report.fiscal_year = Some(2200);
    let refused = limits::next_year(&report, false).unwrap_err();
    assert_eq!(refused, LimitError::FiscalYearOutOfRange { year: 2201 });
    let message = messages::next_year_error(&refused);
    assert!(message.contains("2201年度") && message.contains("2200年度まで"), "{message}");

    report.fiscal_year = None;
    assert_eq!(limits::next_year(&report, true).unwrap().fiscal_year, None);
}

#[test]
fn a_paste_longer_than_a_field_takes_is_never_cut_silently() {
    use limits::{pasted, Pasted, MAX_TEXT_CHARS};
    // Where the cut happens: the field's `maxlength` (MAX_TEXT_CHARS), in the browser.
    let long = "あ".repeat(MAX_TEXT_CHARS + 500);
    assert_eq!(pasted(MAX_TEXT_CHARS, "", 0, &long), Pasted { chars: MAX_TEXT_CHARS + 500, cut: 500 });
    // Into a field already holding text, over a selection of 10.
    let held = "い".repeat(1_000);
    assert_eq!(pasted(MAX_TEXT_CHARS, &held, 10, &"う".repeat(19_100)), Pasted { chars: 19_100, cut: 90 });
    // What fits is not cut; a full field takes nothing.
    assert_eq!(pasted(MAX_TEXT_CHARS, &held, 0, &"え".repeat(19_000)), Pasted { chars: 19_000, cut: 0 });
    assert_eq!(pasted(MAX_TEXT_CHARS, &"お".repeat(MAX_TEXT_CHARS), 0, "か"), Pasted { chars: 1, cut: 1 });
    // Characters outside the BMP take two units of `maxlength` each.
    assert_eq!(pasted(MAX_TEXT_CHARS, &"a".repeat(MAX_TEXT_CHARS - 3), 0, "😀😀"), Pasted { chars: 2, cut: 1 });
    let message = messages::paste_cut(MAX_TEXT_CHARS + 500, 500);
    assert!(message.starts_with("貼り付けた文章（20500文字）が長すぎたため、最後の500文字は入っていません（この欄は20000文字まで）。"), "{message}");
    assert!(message.contains("クリップボード"), "{message}");
}

#[test]
fn a_pc_clock_outside_the_years_can_be_told_in_japanese() {
    assert_eq!(Timestamp::clock_outside_years(DEAD_BATTERY_MS), Some(1999));
    assert_eq!(Timestamp::clock_outside_years(FAR_FUTURE_MS), Some(2300));
    assert_eq!(Timestamp::clock_outside_years(TODAY_MS), None);
    assert_eq!(Timestamp::clock_outside_years(f64::NAN), Some(1970));
    assert!(Timestamp::clock_outside_years(f64::INFINITY).is_some_and(|y| y > 2200));
    assert!(Timestamp::clock_outside_years(f64::NEG_INFINITY).is_some_and(|y| y < 2000));
    let m = messages::clock_outside_years(1999);
    assert!(m.starts_with("このパソコンの時計が2000年〜2200年より前を指しています（1999年）。作成や保存の日時は2000年1月1日として記録します。"), "{m}");
    assert!(messages::clock_outside_years(2300).contains("2200年12月31日として記録します"));
}
