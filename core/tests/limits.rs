//! The limits on what a report may hold (`torikumi_core::limits`): one test per
//! limit at its edge, and timestamps that have no Japan time. The properties
//! over hostile files are in `hostile_files.rs`.

mod wild;

use wild::rows;
use serde_json::{json, Value};
use time::{Date, Month, OffsetDateTime, Time, UtcOffset};
use torikumi_core::edit::Place;
use torikumi_core::exchange::{self, ImportError};
use torikumi_core::{html_export, incoming};
use torikumi_core::fields::Cell;
use torikumi_core::limits::{
    self, LimitError, TextField, TimestampField, MAX_FILE_BYTES, MAX_ROWS, MAX_ROW_ID, MAX_TEXT_CHARS,
};
use torikumi_core::messages::import_error;
use torikumi_core::sample::sample_report;
use torikumi_core::drafts::{self, KeyValue, MemoryStore};
use torikumi_core::{check, Basis, BodyKind, Config, Context, Count, Document, ListKind, Report, Row, RowId, SectionKind, Timestamp};

const FILE: &str = "R5_wakabayashi_torikumi.json";

fn sample_document() -> Document {
    let mut d = Document::new(Timestamp::from_unix_millis(1_675_990_800_000.0));
    d.report = sample_report();
    d
}

fn export(doc: &Document) -> Value {
    serde_json::from_str(&exchange::to_json(doc)).unwrap()
}

fn import_value(v: &Value) -> Result<Document, ImportError> {
    exchange::from_json(&serde_json::to_vec(v).unwrap())
}

/// The limit a file breaks; fails the test when it is accepted or refused for another reason.
fn broken_limit(v: &Value) -> LimitError {
    match import_value(v) {
        Err(ImportError::Limit(e)) => e,
        other => panic!("expected a limit error, got {other:?}"),
    }
}

fn message(e: &LimitError) -> String {
    let m = import_error(FILE, &ImportError::Limit(e.clone()));
    assert!(m.starts_with(&format!("「{FILE}」を読み込めませんでした。")), "{m}");
    m
}

// ---- one test per limit ----

#[test]
fn timestamp_years_2000_to_2200() {
    // The file that used to be accepted and then panicked on every load.
    let mut v = export(&sample_document());
    v["changed"] = "9999-12-31T23:59:59Z".into();
    let e = broken_limit(&v);
    assert!(
        matches!(&e, LimitError::TimestampOutOfRange { field: TimestampField::Changed, at } if at.0.year() == 9999),
        "{e:?}"
    );
    let m = message(&e);
    assert!(m.contains("最終更新日時「9999-12-31T23:59:59Z」が読める範囲（2000年〜2200年）の外です"), "{m}");
    let bytes = serde_json::to_vec(&v).unwrap();
    assert_eq!(incoming::read_export(&bytes), Err(ImportError::Limit(e)));

    for (field, at) in [
        ("created", "1999-12-31T23:59:59+09:00"),
        ("created", "0000-01-01T00:00:00+00:00"),
        ("finished", "2201-01-01T00:00:00+09:00"),
        // Written in 2200, but 2201 in Japan time.
        ("changed", "2200-12-31T20:00:00-05:00"),
    ] {
        let mut v = export(&sample_document());
        v[field] = at.into();
        assert!(matches!(broken_limit(&v), LimitError::TimestampOutOfRange { .. }), "{field} {at}");
    }
    for at in ["2000-01-01T00:00:00+09:00", "2200-12-31T23:59:59+09:00", "2200-12-31T14:59:59Z"] {
        let mut v = export(&sample_document());
        v["created"] = at.into();
        v["finished"] = at.into();
        assert!(import_value(&v).is_ok(), "{at}");
    }
}

#[test]
fn a_stored_draft_from_year_9999_loads_with_its_time_held_in_range() {
    // Stored drafts are the app's own writes: never refused for a time (see own_writes.rs),
    // held at the last instant of 2200 instead; importing the same document is still refused.
    let mut document = export(&sample_document());
    document["changed"] = "9999-12-31T23:59:59Z".into();
    let record = json!({ "id": "far", "exported": null, "trashed": null, "document": document }).to_string();
    let kv = MemoryStore::default();
    kv.set(&drafts::draft_key("far"), &record).unwrap();
    let listing = drafts::list(&kv).unwrap();
    assert!(listing.damaged.is_empty());
    assert_eq!(listing.drafts.len(), 1);
    let changed = listing.drafts[0].document.changed;
    assert_eq!((changed.0.year(), changed.display_ja()), (2200, "2200年12月31日 23:59".to_owned()));
    assert!(matches!(broken_limit(&document), LimitError::TimestampOutOfRange { .. }));
}

#[test]
fn an_html_export_outside_the_limits_says_which_limit() {
    let mut d = sample_document();
    d.report.teams = rows(MAX_ROWS + 1, 100);
    let html = html_export::standalone_html(&d);
    assert_eq!(
        incoming::read_export(html.as_bytes()),
        Err(ImportError::Limit(LimitError::TooManyRows { place: Place::List(ListKind::Teams), rows: MAX_ROWS + 1 }))
    );
}

#[test]
fn duplicate_row_ids() {
    let mut d = sample_document();
    let first = d.report.teams[0].id;
    d.report.teams[1].id = first;
    let e = broken_limit(&export(&d));
    assert_eq!(e, LimitError::DuplicateRowId { place: Place::List(ListKind::Teams), id: first });
    let m = message(&e);
    assert!(m.contains("行の番号（id）") && m.contains("重複"), "{m}");

    // Across lists too: a part and an activity.
    let mut d = sample_document();
    let part = d.report.bodies.network.parts[0].id;
    d.report.activities[0].id = part;
    let e = broken_limit(&export(&d));
    assert_eq!(e, LimitError::DuplicateRowId { place: Place::List(ListKind::Activities), id: part });
}

#[test]
fn row_ids_up_to_a_million() {
    let mut d = sample_document();
    d.report.teams[0].id = RowId(u32::MAX);
    let e = broken_limit(&export(&d));
    assert_eq!(e, LimitError::RowIdTooLarge { place: Place::List(ListKind::Teams), id: RowId(u32::MAX) });
    let m = message(&e);
    assert!(m.contains("プロジェクトチームの行の番号（id）4294967295が大きすぎます（1000000まで）"), "{m}");

    d.report.teams[0].id = RowId(MAX_ROW_ID + 1);
    assert!(matches!(broken_limit(&export(&d)), LimitError::RowIdTooLarge { .. }));
    d.report.teams[0].id = RowId(MAX_ROW_ID);
    assert_eq!(import_value(&export(&d)), Ok(d));
}

#[test]
fn a_fresh_id_never_overflows_and_stays_within_the_limit() {
    let mut r = sample_report();
    r.teams[0].id = RowId(MAX_ROW_ID);
    let id = r.fresh_id();
    assert!(id.0 >= 1 && id.0 <= MAX_ROW_ID, "{id:?}");
    let mut d = sample_document();
    d.report = r;
    d.report.teams.push(Row::empty(id));
    assert_eq!(import_value(&export(&d)), Ok(d.clone()));

    // Built in memory (never imported): still no overflow.
    d.report.teams[0].id = RowId(u32::MAX);
    let id = d.report.fresh_id();
    assert!(id.0 <= MAX_ROW_ID && !d.report.teams.iter().any(|t| t.id == id), "{id:?}");
    assert_eq!(Report::default().fresh_id(), RowId(1));
}

#[test]
fn rows_per_list_200() {
    let mut d = sample_document();
    d.report.teams = rows(MAX_ROWS, 100);
    assert_eq!(import_value(&export(&d)), Ok(d.clone()));
    d.report.teams = rows(MAX_ROWS + 1, 100);
    let e = broken_limit(&export(&d));
    assert_eq!(e, LimitError::TooManyRows { place: Place::List(ListKind::Teams), rows: 201 });
    let m = message(&e);
    assert!(m.contains("プロジェクトチームが201行あります（200行まで）"), "{m}");

    let mut d = sample_document();
    d.report.bodies.network.parts = rows(MAX_ROWS + 1, 100);
    let e = broken_limit(&export(&d));
    assert_eq!(e, LimitError::TooManyRows { place: Place::Parts(BodyKind::Network), rows: 201 });
    assert!(message(&e).contains("実務者ネットワーク会議の内訳が201行あります"));

    let mut d = sample_document();
    d.report.activities = rows(MAX_ROWS + 1, 100);
    assert!(message(&broken_limit(&export(&d))).contains("その他の活動が201行あります"));
}

/// Puts a text into one field of a report.
type SetText = fn(&mut Report, String);

#[test]
fn text_fields_up_to_20000_characters() {
    // Counted in characters, not bytes: three bytes each in UTF-8.
    let mut d = sample_document();
    d.report.sections.main_work = "あ".repeat(MAX_TEXT_CHARS);
    assert_eq!(import_value(&export(&d)), Ok(d.clone()));
    d.report.sections.main_work.push('い');
    let e = broken_limit(&export(&d));
    assert_eq!(e, LimitError::TextTooLong { field: TextField::Section(SectionKind::MainWork), chars: 20_001 });
    let m = message(&e);
    assert!(m.contains("今年度の主な取組みが20001文字あります（20000文字まで）"), "{m}");

    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    let cases: [(SetText, TextField, &str); 6] = [
        (
            |r, t| r.teams[1].content = t,
            TextField::Item(ListKind::Teams, 2, Cell::Content),
            "プロジェクトチーム2 主な内容・議題等が",
        ),
        (|r, t| r.activities[0].name = t, TextField::Item(ListKind::Activities, 1, Cell::Name), "その他の活動1 名称が"),
        (
            |r, t| r.bodies.network.parts[0].count = Some(Count::Text(t)),
            TextField::Part(BodyKind::Network, 1, Cell::Count),
            "実務者ネットワーク会議 内訳1 回数が",
        ),
        (
            |r, t| r.bodies.plenary.local_name = t,
            TextField::Body(BodyKind::Plenary, Cell::LocalName),
            "全体協議会 区での呼称が",
        ),
        (|r, t| r.ward.as_mut().unwrap().name = t, TextField::WardName, "区の名前が"),
        (|r, t| r.ward.as_mut().unwrap().slug = t, TextField::WardSlug, "区の英字名が"),
    ];
    for (set, field, label) in cases {
        let mut d = sample_document();
        set(&mut d.report, long.clone());
        let e = broken_limit(&export(&d));
        assert_eq!(e, LimitError::TextTooLong { field, chars: MAX_TEXT_CHARS + 1 });
        let m = message(&e);
        assert!(m.contains(label), "{m}");
    }
}

#[test]
fn file_size_5_mb() {
    // Not JSON at all: refused for its size, so it was never parsed.
    let big = vec![b'x'; MAX_FILE_BYTES + 1];
    let e = LimitError::FileTooLarge { bytes: MAX_FILE_BYTES + 1 };
    assert_eq!(incoming::read_export(&big), Err(ImportError::Limit(e.clone())));
    assert_eq!(exchange::from_json(&big), Err(ImportError::Limit(e.clone())));
    let m = message(&e);
    assert!(m.contains("ファイルが大きすぎます（5MBまで）"), "{m}");

    // A real export padded with white space: 5 MB exactly is read, one byte more is not.
    let mut bytes = exchange::to_json(&sample_document()).into_bytes();
    bytes.resize(MAX_FILE_BYTES, b' ');
    assert_eq!(incoming::read_export(&bytes), Ok(sample_document()));
    bytes.push(b' ');
    assert_eq!(incoming::read_export(&bytes), Err(ImportError::Limit(e)));
}

#[test]
fn fiscal_years_1900_to_2200() {
    let mut d = sample_document();
    for year in [i32::MAX, i32::MIN, 1899, 2201] {
        d.report.fiscal_year = Some(year);
        assert_eq!(broken_limit(&export(&d)), LimitError::FiscalYearOutOfRange { year });
    }
    let m = message(&LimitError::FiscalYearOutOfRange { year: i32::MAX });
    assert!(m.contains("年度「2147483647年」が読める範囲（1900年〜2200年）の外です"), "{m}");
    // Inside the bounds but outside the form's years: accepted, and the rules say so.
    for year in [1900, 2200] {
        d.report.fiscal_year = Some(year);
        d.report.basis = Some(Basis::Actual);
        let read = import_value(&export(&d)).unwrap();
        let config = Config::default();
        let findings = check(&read.report, &Context { config: &config, current_fiscal_year: 2026 });
        assert!(findings.iter().any(|f| f.rule_id() == "fiscal-year-range"), "{year}");
    }
}

#[test]
fn projection_years_1900_to_2200() {
    let mut d = sample_document();
    d.report.basis = Some(Basis::Projected { year: Some(i32::MAX), month: Some(3) });
    let e = broken_limit(&export(&d));
    assert_eq!(e, LimitError::ProjectionYearOutOfRange { year: i32::MAX });
    assert!(message(&e).contains("見込み時点の年「2147483647年」"));
    d.report.basis = Some(Basis::Projected { year: Some(2200), month: Some(255) });
    assert!(import_value(&export(&d)).is_ok());
}

// ---- timestamps that have no Japan time ----

fn at(year: i32, month: Month, day: u8, hour: u8, minute: u8, offset_hours: i8) -> Timestamp {
    let date = Date::from_calendar_date(year, month, day).unwrap();
    let time = Time::from_hms(hour, minute, 59).unwrap();
    Timestamp(OffsetDateTime::new_in_offset(date, time, UtcOffset::from_hms(offset_hours, 0, 0).unwrap()))
}

#[test]
fn a_timestamp_in_year_9999_is_shown_without_panicking() {
    let t = at(9999, Month::December, 31, 23, 59, 0);
    assert_eq!(t.display_ja(), "9999年12月31日 23:59（UTC+00:00）");
    assert_eq!(t.fiscal_year(), 9999);
    let t = at(9999, Month::December, 31, 10, 0, 0);
    assert_eq!(t.display_ja(), "9999年12月31日 19:00");
    // The other end: the first hours of year -9999 written ahead of Japan.
    let t = at(-9999, Month::January, 1, 0, 0, 14);
    assert_eq!(t.display_ja(), "-9999年1月1日 00:00（UTC+14:00）");
    assert_eq!(t.fiscal_year(), -10000);
    let t = at(-9999, Month::January, 1, 0, 0, -5);
    assert_eq!(t.fiscal_year(), -10000);
    assert!(!limits::timestamp_in_range(&t));
}

#[test]
fn any_clock_value_gives_a_timestamp() {
    let max_ms = 253_402_300_799_999.0; // 9999-12-31T23:59:59.999Z
    for ms in [max_ms, -max_ms, max_ms + 1.0, f64::MAX, f64::MIN, f64::NAN, f64::INFINITY, 0.0] {
        let t = Timestamp::from_unix_millis(ms);
        assert_eq!(t.0.offset(), torikumi_core::timestamp::JST, "{ms}");
        t.display_ja();
        t.fiscal_year();
    }
}

#[test]
fn every_limit_error_has_a_message_naming_the_file() {
    let t = at(9999, Month::December, 31, 23, 59, 0);
    let errors = [
        LimitError::FileTooLarge { bytes: MAX_FILE_BYTES + 1 },
        LimitError::TooManyRows { place: Place::Parts(BodyKind::Steering), rows: 999 },
        LimitError::TextTooLong { field: TextField::Part(BodyKind::Liaison, 3, Cell::Name), chars: 30_000 },
        LimitError::TimestampOutOfRange { field: TimestampField::Created, at: t },
        LimitError::TimestampOutOfRange { field: TimestampField::Finished, at: t },
        LimitError::FiscalYearOutOfRange { year: -1 },
        LimitError::ProjectionYearOutOfRange { year: 9 },
        LimitError::RowIdTooLarge { place: Place::Parts(BodyKind::Plenary), id: RowId(u32::MAX) },
        LimitError::DuplicateRowId { place: Place::List(ListKind::Activities), id: RowId(3) },
    ];
    for e in &errors {
        let m = message(e);
        assert!(m.ends_with("選んでください。"), "{m}");
        assert!(!ImportError::Limit(e.clone()).to_string().is_empty());
    }
}
