//! The limits on what a report may hold (`torikumi_core::limits`): one test per
//! limit at its edge, timestamps that have no Japan time, and properties: a
//! document the import accepts can be used everywhere without a panic, and
//! whatever it refuses is refused with a reason.

use proptest::prelude::*;
use serde_json::{json, Value};
use time::{Date, Month, OffsetDateTime, Time, UtcOffset};
use torikumi_core::edit::Place;
use torikumi_core::exchange::{self, ImportError};
use torikumi_core::fields::Cell;
use torikumi_core::limits::{
    self, LimitError, TextField, TimestampField, MAX_FILE_BYTES, MAX_ROWS, MAX_ROW_ID, MAX_TEXT_CHARS, REPORT_YEARS,
};
use torikumi_core::messages::import_error;
use torikumi_core::sample::sample_report;
use torikumi_core::store::{self, KeyValue, MemoryStore};
use torikumi_core::{
    check, print, Basis, BodyKind, Config, Context, Count, Document, FixedBodies, FixedBody, ListKind, Report, Row,
    RowId, SectionKind, Sections, Status, Timestamp, Ward,
};

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

fn rows(n: usize, first_id: u32) -> Vec<Row> {
    (0..n)
        .map(|i| Row {
            id: RowId(first_id + i as u32),
            name: format!("チーム{i}"),
            count: None,
            content: String::new(),
        })
        .collect()
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
    assert_eq!(exchange::import(&bytes), Err(ImportError::Limit(e)));

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
fn a_stored_draft_from_year_9999_is_set_aside_not_loaded() {
    let mut document = export(&sample_document());
    document["changed"] = "9999-12-31T23:59:59Z".into();
    let record = json!({ "id": "far", "exported": null, "trashed": null, "document": document }).to_string();
    let kv = MemoryStore::default();
    kv.set(&store::draft_key("far"), &record).unwrap();
    let listing = store::list(&kv).unwrap();
    assert!(listing.drafts.is_empty());
    assert_eq!(listing.damaged.len(), 1);
}

#[test]
fn an_html_export_outside_the_limits_says_which_limit() {
    let mut d = sample_document();
    d.report.teams = rows(MAX_ROWS + 1, 100);
    let html = print::standalone_html(&d);
    assert_eq!(
        exchange::import(html.as_bytes()),
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
    assert_eq!(exchange::import(&big), Err(ImportError::Limit(e.clone())));
    assert_eq!(exchange::from_json(&big), Err(ImportError::Limit(e.clone())));
    let m = message(&e);
    assert!(m.contains("ファイルが大きすぎます（5MBまで）"), "{m}");

    // A real export padded with white space: 5 MB exactly is read, one byte more is not.
    let mut bytes = exchange::to_json(&sample_document()).into_bytes();
    bytes.resize(MAX_FILE_BYTES, b' ');
    assert_eq!(exchange::import(&bytes), Ok(sample_document()));
    bytes.push(b' ');
    assert_eq!(exchange::import(&bytes), Err(ImportError::Limit(e)));
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

// ---- properties ----

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

// Weights: most of a generated document is within the limits, so that about a
// third of the documents are accepted and the rest break a limit or two.

/// Text as people type it and as a hostile file might carry it.
fn wild_text() -> BoxedStrategy<String> {
    prop_oneof![
        40 => "[ぁ-んァ-ン一-龯０-９、。「」・①②（）\n 　a-z]{0,30}",
        20 => Just("<script>alert(1)</script></script><!--".to_owned()),
        20 => "[<>&\"'/=a-z ]{0,30}",
        20 => "[\u{0}-\u{1f}\u{7f}\u{200b}\u{202e}\u{feff}\u{fffd}]{0,12}",
        20 => any::<String>(),
        10 => Just("○○○○PT".to_owned()),
        1 => (MAX_TEXT_CHARS - 1..=MAX_TEXT_CHARS + 1).prop_map(|n| "字".repeat(n)),
    ]
    .boxed()
}

fn wild_count() -> BoxedStrategy<Option<Count>> {
    prop_oneof![
        Just(None),
        any::<u32>().prop_map(|n| Some(Count::Number(n))),
        wild_text().prop_map(|t| Some(Count::Text(t))),
    ]
    .boxed()
}

fn wild_id() -> BoxedStrategy<RowId> {
    prop_oneof![
        20 => 1..=MAX_ROW_ID,
        2 => 1u32..40, // small: collisions happen
        1 => MAX_ROW_ID - 1..=MAX_ROW_ID + 1,
        1 => prop_oneof![any::<u32>(), Just(u32::MAX)],
    ]
    .prop_map(RowId)
    .boxed()
}

fn wild_rows(max: usize) -> BoxedStrategy<Vec<Row>> {
    let row = (wild_id(), wild_text(), wild_count(), wild_text()).prop_map(|(id, name, count, content)| Row {
        id,
        name,
        count,
        content,
    });
    prop_oneof![
        30 => prop::collection::vec(row, 0..max),
        // At the row limit, with ids of their own.
        1 => (MAX_ROWS..=MAX_ROWS + 1, 1u32..100).prop_map(|(n, k)| rows(n, k * 1000)),
    ]
    .boxed()
}

fn wild_body() -> BoxedStrategy<FixedBody> {
    (wild_count(), wild_text(), wild_text(), wild_rows(3))
        .prop_map(|(count, content, local_name, parts)| FixedBody { count, content, local_name, parts })
        .boxed()
}

fn wild_year() -> BoxedStrategy<i32> {
    prop_oneof![
        20 => 2015..2035i32,
        5 => REPORT_YEARS,
        1 => 1895..1905i32,
        1 => 2195..2205i32,
        1 => any::<i32>(),
        1 => Just(i32::MAX),
        1 => Just(i32::MIN),
    ]
    .boxed()
}

/// Any timestamp an exchange file can write: years 0000–9999, offsets within a day in whole minutes.
fn wild_timestamp() -> BoxedStrategy<Timestamp> {
    let year = prop_oneof![
        20 => 2000..=2200i32,
        1 => 1998..2003i32,
        1 => 2198..2203i32,
        1 => prop_oneof![0..=9999i32, Just(9999)],
    ];
    let offset = prop_oneof![Just((9i8, 0i8)), Just((0, 0)), (-23i8..=23, 0i8..60)];
    (year, 1u8..=12, 1u8..=31, 0u8..24, 0u8..60, offset)
        .prop_map(|(year, month, day, hour, minute, (oh, om))| {
            let month = Month::try_from(month).unwrap_or(Month::January);
            let date = Date::from_calendar_date(year, month, day)
                .or_else(|_| Date::from_calendar_date(year, month, 28))
                .unwrap();
            let om = if oh < 0 { -om } else { om };
            let offset = UtcOffset::from_hms(oh, om, 0).unwrap();
            Timestamp(OffsetDateTime::new_in_offset(date, Time::from_hms(hour, minute, 0).unwrap(), offset))
        })
        .boxed()
}

fn wild_document() -> BoxedStrategy<Document> {
    let basis = prop_oneof![
        Just(None),
        Just(Some(Basis::Actual)),
        (prop::option::of(wild_year()), any::<Option<u8>>())
            .prop_map(|(year, month)| Some(Basis::Projected { year, month })),
    ];
    let ward = prop::option::of((wild_text(), prop_oneof!["[a-z]{1,12}".boxed(), wild_text().boxed()]))
        .prop_map(|w| w.map(|(name, slug)| Ward { name, slug }));
    let report = (
        prop::option::of(wild_year()),
        ward,
        basis,
        (wild_body(), wild_body(), wild_body(), wild_body()),
        wild_rows(5),
        wild_rows(5),
        (wild_text(), wild_text(), wild_text()),
    )
        .prop_map(
            |(fiscal_year, ward, basis, (plenary, network, liaison, steering), teams, activities, (a, b, c))| Report {
                fiscal_year,
                ward,
                basis,
                bodies: FixedBodies { plenary, network, liaison, steering },
                teams,
                activities,
                sections: Sections { main_work: a, issues: b, plans: c },
            },
        );
    (prop::bool::ANY, wild_timestamp(), wild_timestamp(), prop::option::of(wild_timestamp()), report)
        .prop_map(|(finished, created, changed, finished_at, report)| Document {
            status: if finished { Status::Finished } else { Status::Draft },
            created,
            changed,
            finished: finished_at,
            report,
        })
        .boxed()
}

/// Numbers a hand-edited file might hold: any integer, the edges that matter here, fractions.
fn wild_number() -> BoxedStrategy<Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop_oneof![
            Just(u32::MAX as i64),
            Just(u32::MAX as i64 + 1),
            Just(i32::MAX as i64),
            Just(i32::MIN as i64),
            Just(-1),
            Just(0),
            Just(12),
            Just(2023),
            Just(MAX_ROW_ID as i64),
            Just(MAX_ROW_ID as i64 + 1),
        ]
        .prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
    ]
    .boxed()
}

/// Strings a hand-edited file might hold: any text, timestamps at the edges, the enum words.
fn wild_string() -> BoxedStrategy<String> {
    prop_oneof![
        wild_text(),
        prop_oneof![
            Just("9999-12-31T23:59:59Z"),
            Just("0000-01-01T00:00:00+23:59"),
            Just("2200-12-31T23:59:59-23:59"),
            Just("1999-12-31T23:59:59+09:00"),
            Just("2023-02-10T10:00:00+09:00"),
            Just("draft"),
            Just("finished"),
            Just("projected"),
            Just("actual"),
        ]
        .prop_map(str::to_owned),
    ]
    .boxed()
}

/// JSON a damaged or hand-edited file might hold in any place.
fn wild_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        wild_number(),
        wild_string().prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the node at this position (counted over every node) with a value.
    Replace(usize, Value),
    /// Replace a string or number at this position with another of its kind (likelier to still be a report).
    Tweak(usize, String, Value),
    /// Remove the node at this position from its object or array.
    Remove(usize),
    /// Copy a non-empty array's first element to its end (a duplicate row, so a duplicate id).
    Duplicate(usize),
}

fn mutation() -> BoxedStrategy<Mutation> {
    prop_oneof![
        4 => (any::<usize>(), wild_string(), wild_number()).prop_map(|(at, s, n)| Mutation::Tweak(at, s, n)),
        1 => (any::<usize>(), wild_json()).prop_map(|(at, v)| Mutation::Replace(at, v)),
        1 => any::<usize>().prop_map(Mutation::Remove),
        2 => any::<usize>().prop_map(Mutation::Duplicate),
    ]
    .boxed()
}

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                here.push(Step::Key(k.clone()));
                paths(child, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                here.push(Step::Index(i));
                paths(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn node<'a>(v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, step| match step {
        Step::Key(k) => v.get_mut(k.as_str()),
        Step::Index(i) => v.get_mut(*i),
    })
}

fn mutate(v: &mut Value, m: &Mutation) {
    let mut all = Vec::new();
    paths(v, &mut Vec::new(), &mut all);
    let pick = |at: usize| all[at % all.len()].clone();
    match m {
        Mutation::Replace(at, new) => {
            if let Some(n) = node(v, &pick(*at)) {
                *n = new.clone();
            }
        }
        Mutation::Tweak(at, string, number) => match node(v, &pick(*at)) {
            Some(n @ Value::String(_)) => *n = Value::from(string.clone()),
            Some(n @ Value::Number(_)) => *n = number.clone(),
            _ => {}
        },
        Mutation::Remove(at) => {
            let mut path = pick(*at);
            let Some(last) = path.pop() else { return };
            match (node(v, &path), last) {
                (Some(Value::Object(m)), Step::Key(k)) => {
                    m.remove(&k);
                }
                (Some(Value::Array(a)), Step::Index(i)) => {
                    a.remove(i);
                }
                _ => {}
            }
        }
        Mutation::Duplicate(at) => {
            // Among the non-empty arrays only: in a report those are the lists of rows.
            let arrays: Vec<Vec<Step>> = all
                .iter()
                .filter(|p| node(v, p).and_then(|n| n.as_array()).is_some_and(|a| !a.is_empty()))
                .cloned()
                .collect();
            let Some(path) = arrays.get(at % arrays.len().max(1)) else { return };
            if let Some(Value::Array(a)) = node(v, path) {
                a.push(a[0].clone());
            }
        }
    }
}

/// Everything the app does with a report it has read; panics (failing the case) if anything misbehaves.
fn use_everywhere(doc: &Document) {
    let config = Config::default();
    let report = &doc.report;

    // Checked by the rules, whatever "now" is.
    for current_fiscal_year in [doc.changed.fiscal_year(), 2026] {
        let findings = check(report, &Context { config: &config, current_fiscal_year });
        assert!(findings.iter().all(|f| !f.message.is_empty()));
    }

    // Exported again and read back equal, as JSON and as HTML.
    let json = exchange::to_json(doc);
    assert_eq!(exchange::from_json(json.as_bytes()).as_ref(), Ok(doc));
    assert_eq!(exchange::import(json.as_bytes()).as_ref(), Ok(doc));
    let html = print::standalone_html(doc);
    assert!(!print::report_html(doc).is_empty());
    if html.len() <= MAX_FILE_BYTES {
        assert_eq!(exchange::import(html.as_bytes()).as_ref(), Ok(doc));
    }

    // Titled and named.
    let _ = (
        report.title(),
        report.file_stem(),
        report.json_file_name(),
        report.counts_heading(),
        print::html_file_name(report),
    );

    // Its times shown.
    for t in [Some(doc.created), Some(doc.changed), doc.finished].into_iter().flatten() {
        assert!(!t.display_ja().is_empty());
        let _ = t.fiscal_year();
    }

    // Next year's draft: usable too, and readable back unless it passes the last year the file format takes.
    for keep in [true, false] {
        let next = Document { report: report.for_next_year(keep), ..doc.clone() };
        let _ = check(&next.report, &Context { config: &config, current_fiscal_year: 2026 });
        let _ = (next.report.title(), next.report.file_stem());
        if report.fiscal_year != Some(*REPORT_YEARS.end()) {
            assert_eq!(exchange::from_json(exchange::to_json(&next).as_bytes()), Ok(next));
        }
    }

    // A new row gets an id no row has, which the file format accepts.
    let id = report.fresh_id();
    assert!((1..=MAX_ROW_ID).contains(&id.0), "{id:?}");
    for kind in ListKind::ALL {
        if report.list(kind).len() < MAX_ROWS {
            let mut grown = doc.clone();
            grown.report.list_mut(kind).push(Row::empty(id));
            assert_eq!(exchange::from_json(exchange::to_json(&grown).as_bytes()), Ok(grown));
        }
    }

    // Stored as a draft and listed back.
    let record = json!({ "id": "p", "exported": doc.finished, "trashed": null, "document": exchange::to_value(doc) });
    let draft = store::decode_draft(&record.to_string()).expect("an accepted document is a readable draft");
    assert_eq!(&draft.document, doc);
    let encoded = store::encode_draft(&draft);
    assert_eq!(store::decode_draft(&encoded).as_ref(), Ok(&draft));
    let kv = MemoryStore::default();
    kv.set(&store::draft_key("p"), &encoded).unwrap();
    let listing = store::list(&kv).unwrap();
    assert_eq!(listing.drafts, vec![draft]);
    assert!(listing.damaged.is_empty());
}

/// A refusal is a reason with a message, never a panic; a stored record of it is set aside.
fn refused_with_a_reason(error: &ImportError, document: Value) {
    let m = import_error(FILE, error);
    assert!(m.contains(FILE), "{m}");
    let record = json!({ "id": "q", "exported": null, "trashed": null, "document": document });
    let kv = MemoryStore::default();
    kv.set(&store::draft_key("q"), &record.to_string()).unwrap();
    let listing = store::list(&kv).unwrap();
    assert!(listing.drafts.is_empty());
    assert_eq!(listing.damaged.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn what_an_import_accepts_can_be_used_everywhere(doc in wild_document()) {
        let json = exchange::to_json(&doc);
        let within = limits::check(&doc);
        match exchange::from_json(json.as_bytes()) {
            Ok(read) => {
                prop_assert_eq!(&read, &doc);
                prop_assert_eq!(within, Ok(()));
                use_everywhere(&read);
            }
            Err(error) => {
                // The shape is always right here: only a limit can refuse it.
                prop_assert_eq!(&error, &ImportError::Limit(within.unwrap_err()));
                refused_with_a_reason(&error, exchange::to_value(&doc));
            }
        }
    }

    #[test]
    fn a_damaged_file_is_refused_or_usable(doc in wild_document(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut v = exchange::to_value(&doc);
        for m in &mutations {
            mutate(&mut v, m);
        }
        let bytes = serde_json::to_vec(&v).unwrap();
        let imported = exchange::import(&bytes);
        prop_assert_eq!(&exchange::from_json(&bytes), &imported);
        match imported {
            Ok(read) => use_everywhere(&read),
            Err(error) => refused_with_a_reason(&error, v),
        }
    }
}
