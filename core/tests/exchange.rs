//! The exchange file: round trip, refusal of what is not a report, and the
//! committed JSON Schema (checked for drift and used by an independent validator).

mod schema_file;
mod wild;

use proptest::prelude::*;
use serde_json::Value;
use torikumi_core::exchange::{self, ImportError};
use torikumi_core::limits::MAX_ROW_ID;
use torikumi_core::sample::sample_report;
use torikumi_core::comments::{Anchor, Comment, CommentId};
use torikumi_core::edit::Place;
use torikumi_core::{BodyKind, Cell, Field, ListKind, SectionKind};
use torikumi_core::{Basis, Count, Document, FixedBodies, FixedBody, Report, Row, RowId, Timestamp, Ward};
use wild::{assemble_document, assemble_report};

/// The exchange file's schema, in `static/schema/`.
const SCHEMA_FILE: &str = "report-v2.schema.json";

fn sample_document() -> Document {
    let mut d = Document::new(Timestamp::from_unix_millis(1_675_990_800_000.0));
    d.report = sample_report();
    d
}

fn committed_schema() -> Value {
    schema_file::read(SCHEMA_FILE)
}

#[test]
fn the_committed_schema_matches_the_types() {
    schema_file::committed(SCHEMA_FILE, &exchange::json_schema(), "--test exchange the_committed_schema_matches_the_types");
}

#[test]
fn the_schema_is_draft_2020_12() {
    assert_eq!(committed_schema()["$schema"], "https://json-schema.org/draft/2020-12/schema");
}

#[test]
fn an_export_looks_like_the_form_describes() {
    let json = exchange::to_json(&sample_document());
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema"], "torikumi/report/v2");
    assert_eq!(v["status"], "draft");
    assert_eq!(v["created"], "2023-02-10T10:00:00+09:00");
    assert_eq!(v["finished"], Value::Null);
    assert_eq!(v["report"]["fiscal_year"], 2022 + 1);
    assert_eq!(v["report"]["ward"]["slug"], "wakabayashi");
}

#[test]
fn the_sample_export_is_valid_against_the_committed_schema() {
    let validator = jsonschema::draft202012::new(&committed_schema()).expect("the schema compiles");
    let export: Value = serde_json::from_str(&exchange::to_json(&sample_document())).unwrap();
    let errors: Vec<String> = validator.iter_errors(&export).map(|e| e.to_string()).collect();
    assert_eq!(errors, Vec::<String>::new());
}

#[test]
fn the_schema_rejects_what_is_not_a_v2_report() {
    let validator = jsonschema::draft202012::new(&committed_schema()).unwrap();
    let export: Value = serde_json::from_str(&exchange::to_json(&sample_document())).unwrap();
    let mut newer = export.clone();
    newer["schema"] = "torikumi/report/v3".into();
    assert!(!validator.is_valid(&newer));
    let mut unknown = export.clone();
    unknown["report"]["extra"] = 1.into();
    assert!(!validator.is_valid(&unknown));
    let mut negative = export;
    negative["report"]["bodies"]["plenary"]["count"] = (-1).into();
    assert!(!validator.is_valid(&negative));
}

#[test]
fn a_newer_version_is_refused() {
    let mut v: Value = serde_json::from_str(&exchange::to_json(&sample_document())).unwrap();
    v["schema"] = "torikumi/report/v3".into();
    let bytes = serde_json::to_vec(&v).unwrap();
    assert_eq!(exchange::from_json(&bytes), Err(ImportError::NewerVersion { found: 3, supported: 2 }));
    let m = torikumi_core::messages::import_error("R5_wakabayashi_torikumi.json", &ImportError::NewerVersion { found: 3, supported: 2 });
    assert!(m.contains("R5_wakabayashi_torikumi.json") && m.contains("新しい版"), "{m}");
}

/// The sample's exchange file with one value replaced, read back.
fn read_with(path: &[&str], value: Value) -> Result<Document, ImportError> {
    let mut v: Value = serde_json::from_str(&exchange::to_json(&sample_document())).unwrap();
    let mut at = &mut v;
    for key in path {
        at = &mut at[*key];
    }
    *at = value;
    exchange::from_json(&serde_json::to_vec(&v).unwrap())
}

#[test]
fn a_count_is_a_whole_number_or_the_text_as_typed_and_nothing_else() {
    let count = |v: Value| read_with(&["report", "bodies", "plenary", "count"], v).map(|d| d.report.bodies.plenary.count);
    assert_eq!(count(serde_json::json!(12)), Ok(Some(Count::Number(12))));
    assert_eq!(count(serde_json::json!("１２回")), Ok(Some(Count::Text("１２回".into()))));
    assert_eq!(count(Value::Null), Ok(None));
    for bad in [serde_json::json!(-1), serde_json::json!(4_294_967_296u64), serde_json::json!(1.5), serde_json::json!([1])] {
        assert!(matches!(count(bad.clone()), Err(ImportError::Invalid { .. })), "{bad}");
    }
}

#[test]
fn a_basis_is_actual_or_projected_with_its_year_and_month() {
    let basis = |v: Value| read_with(&["report", "basis"], v).map(|d| d.report.basis);
    assert_eq!(basis(serde_json::json!({"kind": "actual"})), Ok(Some(Basis::Actual)));
    assert_eq!(basis(serde_json::json!({"kind": "projected", "year": 2024, "month": 3})), Ok(Some(Basis::Projected { year: Some(2024), month: Some(3) })));
    assert_eq!(basis(serde_json::json!({"kind": "projected"})), Ok(Some(Basis::Projected { year: None, month: None })));
    for bad in [
        serde_json::json!({"kind": "actual", "year": 2024}),
        serde_json::json!({"kind": "guess"}),
        serde_json::json!({"kind": "projected", "day": 1}),
        serde_json::json!({"year": 2024}),
    ] {
        assert!(matches!(basis(bad.clone()), Err(ImportError::Invalid { .. })), "{bad}");
    }
}

#[test]
fn what_is_not_a_report_is_refused_with_the_reason() {
    assert!(matches!(exchange::from_json(b"\xff\xfe"), Err(ImportError::NotJson { .. })));
    assert!(matches!(exchange::from_json("{\"schema\": ".as_bytes()), Err(ImportError::NotJson { .. })));
    assert_eq!(exchange::from_json(b"[]"), Err(ImportError::NotAReport));
    assert_eq!(exchange::from_json(br#"{"name": "x"}"#), Err(ImportError::NotAReport));
    assert_eq!(exchange::from_json(br#"{"schema": "torikumi/report/v0"}"#), Err(ImportError::NotAReport));
    assert_eq!(exchange::from_json(br#"{"schema": "other/report/v1"}"#), Err(ImportError::NotAReport));
    assert!(matches!(exchange::from_json(br#"{"schema": "torikumi/report/v1"}"#), Err(ImportError::Invalid { .. })));
}

#[test]
fn the_file_name_is_ascii_and_derived_from_the_report() {
    let mut r = sample_report();
    r.fiscal_year = Some(2022);
    r.ward = Some(Ward { name: "青葉区".into(), slug: "aoba".into() });
    assert_eq!(r.json_file_name(), "R4_aoba_torikumi.json");
    assert_eq!(r.title(), "令和４年度　青葉区障害者自立支援協議会　取組状況");
    r.fiscal_year = Some(2019);
    assert_eq!(r.json_file_name(), "R1_aoba_torikumi.json");
    assert_eq!(r.title(), "令和元年度　青葉区障害者自立支援協議会　取組状況");
    assert_eq!(Report::default().json_file_name(), "torikumi.json");
}

#[test]
fn the_counts_heading_shows_the_projection() {
    let mut r = sample_report();
    r.basis = Some(Basis::Projected { year: Some(2023), month: Some(3) });
    assert_eq!(r.counts_heading(), "○実施状況（R5.3 見込み）");
    r.basis = Some(Basis::Actual);
    assert_eq!(r.counts_heading(), "○実施状況");
}

// ---- properties ----
// Documents here are within the limits (tests/limits.rs generates those outside them).

fn text() -> impl Strategy<Value = String> {
    // Japanese, ASCII, full-width punctuation, line breaks and markup-like text.
    prop_oneof![
        Just(String::new()),
        "[ぁ-んァ-ン一-龯０-９、。「」・①②（）\n 　a-z<>&\"'/]{0,40}",
        any::<String>(),
    ]
}

fn count() -> impl Strategy<Value = Option<Count>> {
    prop_oneof![
        Just(None),
        any::<u32>().prop_map(|n| Some(Count::Number(n))),
        text().prop_map(|t| Some(Count::Text(t))),
    ]
}

fn rows(max: usize) -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec((1..=MAX_ROW_ID, text(), count(), text()), 0..max).prop_map(|v| {
        v.into_iter().map(|(id, name, count, content)| Row { id: RowId(id), name, count, content }).collect()
    })
}

fn body() -> impl Strategy<Value = FixedBody> {
    (count(), text(), text(), rows(3)).prop_map(|(count, content, local_name, parts)| FixedBody {
        count,
        content,
        local_name,
        parts,
    })
}

/// Ids as the app keeps them: unique across the report (random ones may collide).
fn with_unique_ids(mut report: Report) -> Report {
    let mut seen = std::collections::HashSet::new();
    let mut spare = MAX_ROW_ID;
    let mut lists: Vec<&mut Vec<Row>> = Vec::new();
    let FixedBodies { plenary, network, liaison, steering } = &mut report.bodies;
    lists.extend([&mut plenary.parts, &mut network.parts, &mut liaison.parts, &mut steering.parts]);
    lists.extend([&mut report.teams, &mut report.activities]);
    for row in lists.into_iter().flatten() {
        while !seen.insert(row.id) {
            row.id = RowId(spare);
            spare -= 1;
        }
    }
    report
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    // 2000-01-02 to 2200-12-30 UTC: inside the limits in any offset.
    (946_771_200_000i64..7_289_481_600_000, -12i8..=14).prop_map(|(ms, hours)| {
        let t = Timestamp::from_unix_millis(ms as f64);
        Timestamp(t.0.to_offset(time::UtcOffset::from_hms(hours, 0, 0).unwrap()))
    })
}

fn document() -> impl Strategy<Value = Document> {
    let basis = prop_oneof![
        Just(None),
        Just(Some(Basis::Actual)),
        (prop::option::of(1900..=2200i32), any::<Option<u8>>())
            .prop_map(|(year, month)| Some(Basis::Projected { year, month })),
    ];
    let ward = prop::option::of((text(), "[a-z]{1,12}").prop_map(|(name, slug)| Ward { name, slug }));
    let report = (
        prop::option::of(1900..=2200i32),
        ward,
        basis,
        (body(), body(), body(), body()),
        rows(4),
        rows(4),
        (text(), text(), text()),
    )
        .prop_map(|parts| with_unique_ids(assemble_report(parts)));
    let report = (report, comments()).prop_map(|(mut report, comments)| {
        report.comments = comments;
        report
    });
    (prop::bool::ANY, timestamp(), timestamp(), prop::option::of(timestamp()), report).prop_map(assemble_document)
}

/// The city's comments and the ward's answers (schema v2), anchored anywhere.
fn comments() -> impl Strategy<Value = Vec<Comment>> {
    let anchor = prop_oneof![
        Just(Anchor::Report),
        Just(Anchor::Field(Field::Section(SectionKind::Issues))),
        Just(Anchor::Body(BodyKind::Network)),
        (0..=MAX_ROW_ID).prop_map(|id| Anchor::Row(Place::List(ListKind::Teams), RowId(id))),
        (0..=MAX_ROW_ID).prop_map(|id| Anchor::Field(Field::Part(BodyKind::Plenary, RowId(id), Cell::Count))),
    ];
    prop::collection::vec((anchor, text(), timestamp(), text(), any::<bool>()), 0..4).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (anchor, text, made, reply, resolved))| Comment { id: CommentId(i as u32 + 1), anchor, text, made, reply, resolved })
            .collect()
    })
}

proptest! {
    #[test]
    fn export_then_import_gives_back_an_equal_report(doc in document()) {
        let json = exchange::to_json(&doc);
        prop_assert_eq!(exchange::from_json(json.as_bytes()), Ok(doc));
    }

    #[test]
    fn every_export_is_valid_against_the_committed_schema(doc in document()) {
        let validator = jsonschema::draft202012::new(&committed_schema()).unwrap();
        let export: Value = serde_json::from_str(&exchange::to_json(&doc)).unwrap();
        prop_assert!(validator.is_valid(&export));
    }

    #[test]
    fn arbitrary_bytes_give_an_error_never_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        prop_assert!(exchange::from_json(&bytes).is_err());
    }

    #[test]
    fn damaged_exports_give_an_error_or_a_report_never_a_panic(cut in 0usize..4000, byte in any::<u8>()) {
        let mut bytes = exchange::to_json(&sample_document()).into_bytes();
        let at = cut % bytes.len();
        bytes[at] = byte;
        let _ = exchange::from_json(&bytes);
        bytes.truncate(at);
        prop_assert!(exchange::from_json(&bytes).is_err());
    }
}
