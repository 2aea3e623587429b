//! The bundle's files: the summary CSV, the set file (and stored set), its
//! JSON Schema, damaged stored text, and the time a large set takes.

mod schema_file;

use std::time::Instant;

use proptest::prelude::*;
use serde_json::Value;
use torikumi_core::bundle::{self, BundleError, BundleSet, BundleWarning};
use torikumi_core::exchange::{self, ImportError};
use torikumi_core::sample::sample_report;
use torikumi_core::{Basis, BodyKind, Config, Context, Count, Document, Timestamp, Ward};

/// The set file's schema, in `static/schema/`.
const SCHEMA_FILE: &str = "bundle-v1.schema.json";
const BASE: f64 = 1_707_526_800_000.0;

fn at(hours: f64) -> Timestamp {
    Timestamp::from_unix_millis(BASE + hours * 3_600_000.0)
}

fn ward(name: &str, slug: &str) -> Ward {
    Ward { name: name.to_owned(), slug: slug.to_owned() }
}

/// A finished report for `ward` whose counts are `base`, `base + 1`, ….
fn report(ward: &Ward, base: u32, changed: f64) -> Document {
    let mut d = Document::new(at(changed - 1.0));
    d.report = sample_report();
    d.report.ward = Some(ward.clone());
    d.report.basis = Some(Basis::Actual);
    for (i, kind) in BodyKind::ALL.into_iter().enumerate() {
        d.report.body_mut(kind).count = Some(Count::Number(base + i as u32));
    }
    d.finish(at(changed));
    d
}

fn five() -> (Config, BundleSet) {
    let config = Config::default();
    let mut set = BundleSet::new();
    for (i, w) in config.wards.iter().enumerate().rev() {
        set.add(&format!("{}.json", w.slug), report(w, i as u32 * 3, i as f64), at(10.0));
    }
    (config, set)
}

/// A small RFC 4180 reader, independent of the writer: fields, quotes doubled, CRLF records.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR only as part of CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("bare LF outside quotes"),
            (false, c) => field.push(c),
        }
    }
    assert!(record.is_empty() && field.is_empty(), "the last record ends with CRLF");
    records
}

#[test]
fn the_summary_csv_reads_back_as_the_same_table() {
    let (config, set) = five();
    let summary = bundle::summary(&set, &config);
    let csv = bundle::summary_csv(&summary);
    let body = csv.strip_prefix('\u{feff}').expect("UTF-8 BOM");
    let records = parse_csv(body);
    assert_eq!(records[0], ["令和５年度\u{3000}実施回数の一覧"]);
    assert_eq!(records[1], ["会議", "青葉区", "宮城野区", "若林区", "太白区", "泉区", "合計"]);
    let labels = ["全体協議会", "実務者ネットワーク会議", "障害者相談支援事業所等連絡会議", "運営会議", "プロジェクトチーム数", "その他の活動数"];
    for ((record, row), label) in records[2..8].iter().zip(&summary.rows).zip(labels) {
        assert_eq!(record[0], label);
        let cells: Vec<Option<u32>> = record[1..6].iter().map(|c| c.parse().ok()).collect();
        assert_eq!(cells, row.cells.iter().map(|c| c.value).collect::<Vec<_>>());
        assert_eq!(record[6], row.total.sum.to_string());
    }
    assert_eq!(records.len(), 8, "no notes when nothing is projected or blank");
    assert_eq!(bundle::summary_csv_file_name(&summary), "R5_torikumi_summary.csv");
}

#[test]
fn formula_like_cells_are_escaped_and_quoting_follows_rfc_4180() {
    let hostile = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tTab", "a,\"b\"\r\nc"];
    let config = Config {
        wards: hostile.iter().enumerate().map(|(i, n)| ward(n, &format!("w{i}"))).collect(),
        ..Config::default()
    };
    let mut set = BundleSet::new();
    let mut projected = report(&config.wards[0], 1, 0.0);
    projected.report.basis = Some(Basis::Projected { year: Some(2024), month: Some(3) });
    set.add("w0.json", projected, at(0.0));
    let mut blank = report(&config.wards[5], 1, 0.0);
    blank.report.bodies.plenary.count = None;
    set.add("w5.json", blank, at(0.0));
    let summary = bundle::summary(&set, &config);
    let csv = bundle::summary_csv(&summary);
    let records = parse_csv(csv.strip_prefix('\u{feff}').unwrap_or(&csv));
    let header = &records[1];
    assert_eq!(header[1], "=HYPERLINK(\"http://x\")（見込み）".replacen('=', "'=", 1));
    assert_eq!(&header[2..6], ["'+1", "'-2", "'@SUM(A1)", "'\tTab"]);
    assert_eq!(header[6], "a,\"b\"\r\nc");
    assert!(csv.contains("\"a,\"\"b\"\"\r\nc\""), "quotes doubled inside a quoted field");
    for record in &records {
        for field in record {
            assert!(!field.starts_with(['=', '+', '-', '@', '\t', '\r']), "{field:?}");
        }
    }
    // The notes (projected ward, blank cells) are single fields after the table; one names a hostile ward.
    let notes: Vec<&str> = records[8..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(notes.len(), 2);
    assert!(notes[0].starts_with("※=HYPERLINK") && notes[0].contains("R6.3時点の見込み"), "{notes:?}");
    assert!(notes[1].contains("空欄"));
    assert_eq!(bundle::summary_csv_file_name(&summary), "R5_torikumi_summary.csv");
    set.add("w1.json", { let mut d = report(&config.wards[1], 1, 0.0); d.report.fiscal_year = Some(2022); d }, at(0.0));
    assert_eq!(bundle::summary_csv_file_name(&bundle::summary(&set, &config)), "torikumi_summary.csv");
}

#[test]
fn the_set_file_round_trips_with_names_times_choices_and_unreadable_files() {
    let (config, mut set) = five();
    let older = set.add("aoba_old.json", report(&config.wards[0], 40, -5.0), at(11.0));
    set.choose(older);
    set.add_unreadable("broken.json", ImportError::NotJson { line: 1, column: 11 }, at(12.0));
    let text = set.to_json();
    let back = BundleSet::from_json(&text).expect("reads back");
    let strip = |s: &BundleSet| {
        s.entries().iter().map(|e| (e.file_name.clone(), e.added, e.document.clone())).collect::<Vec<_>>()
    };
    assert_eq!(strip(&back), strip(&set));
    assert_eq!(back.unreadable(), set.unreadable());
    let used = |s: &BundleSet| s.slots(&config).iter().map(|slot| slot.used.map(|e| e.file_name.clone())).collect::<Vec<_>>();
    assert_eq!(used(&back), used(&set));
    assert_eq!(used(&back)[0].as_deref(), Some("aoba_old.json"));
    assert_eq!(bundle::bundle_file_name(&back, &config), "R5_torikumi_bundle.json");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["schema"], "torikumi/bundle/v1");
    assert_eq!(v["reports"][0]["schema"], exchange::schema_id());
}

#[test]
fn a_bundle_of_reports_only_reads_and_a_bad_report_inside_is_listed() {
    let (config, _) = five();
    let good = exchange::to_value(&report(&config.wards[0], 1, 0.0));
    let newer = serde_json::json!({ "schema": format!("torikumi/report/v{}", exchange::VERSION + 1) });
    let text = serde_json::json!({ "schema": "torikumi/bundle/v1", "reports": [good, newer, 5] }).to_string();
    let set = bundle::from_json(text.as_bytes()).expect("reads");
    assert_eq!(set.entries().len(), 1);
    assert_eq!(set.entries()[0].file_name, "R5_aoba_torikumi.json");
    let errors: Vec<&ImportError> = set.unreadable().iter().map(|u| &u.error).collect();
    assert_eq!(errors, [&ImportError::NewerVersion { found: exchange::VERSION + 1, supported: exchange::VERSION }, &ImportError::NotAReport]);
    assert_eq!(set.unreadable()[0].file_name, "report-2.json");
    let review = set.review(&Context { config: &config, current_fiscal_year: 2023 });
    assert!(review.warnings.iter().any(|w| matches!(w, BundleWarning::UnreadableFiles { file_names } if file_names.len() == 2)));
}

#[test]
fn a_newer_bundle_is_refused_and_other_files_are_told_apart() {
    let refused = |text: &str| bundle::from_json(text.as_bytes()).err();
    assert_eq!(refused(r#"{"schema":"torikumi/bundle/v2","reports":[]}"#), Some(BundleError::NewerVersion { found: 2, supported: 1 }));
    assert_eq!(refused(r#"{"schema":"torikumi/report/v1"}"#), Some(BundleError::NotABundle));
    assert_eq!(refused(r#"[1]"#), Some(BundleError::NotABundle));
    assert!(matches!(refused(r#"{"schema":"torikumi/bundle/v1"}"#), Some(BundleError::Invalid { .. })));
    assert!(matches!(refused("{"), Some(BundleError::NotJson { .. })));
    let message = torikumi_core::messages::bundle_error("x.json", &BundleError::NewerVersion { found: 2, supported: 1 });
    assert!(message.contains("v2"));
}

fn committed_schema() -> Value {
    schema_file::read(SCHEMA_FILE)
}

#[test]
fn the_committed_bundle_schema_matches_the_types() {
    schema_file::committed(SCHEMA_FILE, &bundle::json_schema(), "--test bundle_files the_committed_bundle_schema_matches_the_types");
}

#[test]
fn a_set_file_is_valid_against_the_committed_schema_and_wrong_ones_are_not() {
    let schema = committed_schema();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let validator = jsonschema::draft202012::new(&schema).expect("the schema compiles");
    let (_, mut set) = five();
    set.add_unreadable("x.json", ImportError::HtmlWithoutReport, at(0.0));
    let file: Value = serde_json::from_str(&set.to_json()).unwrap();
    let errors: Vec<String> = validator.iter_errors(&file).map(|e| e.to_string()).collect();
    assert_eq!(errors, Vec::<String>::new());
    let mut newer = file.clone();
    newer["schema"] = "torikumi/bundle/v2".into();
    assert!(!validator.is_valid(&newer));
    let mut bad_report = file.clone();
    bad_report["reports"][0]["report"]["bodies"]["plenary"]["count"] = (-1).into();
    assert!(!validator.is_valid(&bad_report), "each report is checked by the report's schema");
    let mut extra = file;
    extra["other"] = 1.into();
    assert!(!validator.is_valid(&extra));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn damaged_stored_text_never_panics(cut in 0usize..4000, at_byte in 0usize..4000, byte in any::<u8>(), junk in ".{0,40}") {
        let (_, mut set) = five();
        set.add_unreadable("x.json", ImportError::Unreadable, Timestamp::from_unix_millis(BASE));
        let text = set.to_json();
        let mut bytes = text.into_bytes();
        let i = at_byte % bytes.len();
        bytes[i] = byte;
        bytes.truncate(bytes.len().saturating_sub(cut % 64));
        let _ = bundle::from_json(&bytes);
        let _ = BundleSet::from_json(&junk);
        let _ = BundleSet::from_json(&format!(r#"{{"schema":"torikumi/bundle/v1","reports":[],"sources":{junk:?},"choices":[{{"ward":"aoba","report":{cut}}}]}}"#));
    }
}

#[test]
fn twenty_four_reports_of_ten_thousand_characters_review_quickly() {
    let config = Config { wards: (0..24).map(|i| ward(&format!("第{i}区"), &format!("w{i}"))).collect(), ..Config::default() };
    let mut set = BundleSet::new();
    for (i, w) in config.wards.iter().enumerate() {
        let mut d = report(w, i as u32, i as f64);
        let line = "・地域の相談支援体制について、事業所と意見交換を行い、課題を整理した。\n";
        d.report.sections.main_work = line.repeat(10_000 / line.chars().count());
        set.add(&format!("{}.json", w.slug), d, at(0.0));
    }
    let chars: usize = set.entries().iter().map(|e| exchange::to_json(&e.document).chars().count()).sum::<usize>() / 24;
    assert!(chars > 9_000, "about 10,000 characters each: {chars}");
    let start = Instant::now();
    let summary = bundle::summary(&set, &config);
    let review = set.review(&Context { config: &config, current_fiscal_year: 2023 });
    let took = start.elapsed();
    let stored = Instant::now();
    let back = BundleSet::from_json(&set.to_json()).map(|s| s.entries().len());
    let round_trip = stored.elapsed();
    println!("summary + review of 24 reports: {took:?}; stored set round trip: {round_trip:?}");
    assert_eq!(summary.columns.len(), 24);
    assert_eq!(review.warnings, []);
    assert_eq!(back, Ok(24));
    // Generous: debug builds on a slow shared machine; the release build is far faster.
    assert!(took.as_millis() < 2_000, "{took:?}");
}
