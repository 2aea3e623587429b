//! The review file the city sends a ward (torikumi/review/v1): what it names, its
//! published schema, its refusals; and the report as the city's 「確認する」 shows it.

mod reviewed;
mod schema_file;

use reviewed::{at, comment, review, reviewed};
use serde_json::Value;
use torikumi_core::comments::file::{self as review_file, content_hash, Review, ReviewError};
use torikumi_core::comments::{Anchor, CommentId, MAX_COMMENTS, MAX_COMMENT_CHARS};
use torikumi_core::edit::Place;
use torikumi_core::exchange::{self, ImportError};
use torikumi_core::incoming::{self, Incoming};
use torikumi_core::limits::LimitError;
use torikumi_core::sample::sample_report;
use torikumi_core::{messages, ListKind, RowId};

#[test]
fn the_review_file_names_the_ward_the_year_and_the_report_it_was_made_on() {
    let review = review();
    assert_eq!(review.file_name(), "R5_wakabayashi_review.json");
    let v: Value = serde_json::from_str(&review.to_json()).unwrap();
    assert_eq!(v["schema"], "torikumi/review/v1");
    assert_eq!(v["ward"]["slug"], "wakabayashi");
    assert_eq!(v["fiscal_year"], 2023);
    assert_eq!(v["report_hash"], content_hash(&reviewed().report));
    assert_eq!(v["comments"][0]["anchor"], "team-5-content");
    assert_eq!(review_file::from_json(review.to_json().as_bytes()), Ok(review));
}

#[test]
fn the_content_hash_ignores_comments_and_changes_with_any_text() {
    let document = reviewed();
    assert_eq!(content_hash(&document.report), content_hash(&document.report.without_comments()));
    let mut changed = document.report.clone();
    changed.bodies.liaison.content.push('。');
    assert_ne!(content_hash(&changed), content_hash(&document.report));
    assert!(review().made_on_other_content(&changed));
    assert!(!review().made_on_other_content(&document.report));
}

#[test]
fn a_report_without_ward_or_year_cannot_be_reviewed() {
    let mut document = reviewed();
    document.report.ward = None;
    assert_eq!(Review::of(&document, at(2)), Err(ReviewError::ReportUnnamed));
}

#[test]
fn the_committed_review_schema_matches_the_types_and_takes_a_review() {
    let schema = schema_file::committed("review-v1.schema.json", &review_file::json_schema(), "--test review_file the_committed_review_schema");
    let validator = jsonschema::draft202012::new(&schema).expect("the schema compiles");
    let file: Value = serde_json::from_str(&review().to_json()).unwrap();
    assert!(validator.is_valid(&file));
    let mut bad = file.clone();
    bad["comments"][0]["anchor"] = "team-05".into();
    assert!(!validator.is_valid(&bad));
}

fn refused(text: &str) -> ReviewError {
    review_file::from_json(text.as_bytes()).expect_err("refused")
}

fn with(change: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&review().to_json()).unwrap();
    change(&mut v);
    v.to_string()
}

#[test]
fn a_hostile_review_file_is_refused_with_a_reason() {
    assert!(matches!(refused("{\"schema\": "), ReviewError::NotJson { .. }));
    assert_eq!(refused(r#"{"schema": "torikumi/report/v2"}"#), ReviewError::NotAReview);
    assert_eq!(refused(r#"{"schema": "torikumi/review/v2"}"#), ReviewError::NewerVersion { found: 2, supported: 1 });
    assert!(matches!(refused(&with(|v| v["comments"][0]["anchor"] = "team-1-colour".into())), ReviewError::Invalid { .. }));
    assert!(matches!(refused(&with(|v| v["comments"][0]["extra"] = 1.into())), ReviewError::Invalid { .. }));
    assert!(matches!(refused(&with(|v| v["comments"][0]["id"] = (-1).into())), ReviewError::Invalid { .. }));
    assert!(matches!(refused(&with(|v| v["report_hash"] = "x".repeat(65).into())), ReviewError::Invalid { .. }));
    assert_eq!(
        refused(&with(|v| v["comments"][1]["id"] = 1.into())),
        ReviewError::Limit(LimitError::DuplicateCommentId { id: CommentId(1) })
    );
    let long = "字".repeat(MAX_COMMENT_CHARS + 1);
    assert_eq!(
        refused(&with(|v| v["comments"][2]["reply"] = long.clone().into())),
        ReviewError::Limit(LimitError::CommentTooLong { number: 3, chars: MAX_COMMENT_CHARS + 1 })
    );
    let many: Vec<Value> = (0..=MAX_COMMENTS as u32)
        .map(|i| serde_json::to_value(comment(i, Anchor::Report, "x")).unwrap())
        .collect();
    assert_eq!(refused(&with(|v| v["comments"] = many.into())), ReviewError::Limit(LimitError::TooManyComments { count: MAX_COMMENTS + 1 }));
    assert!(matches!(refused(&with(|v| v["fiscal_year"] = 99_999.into())), ReviewError::Limit(LimitError::FiscalYearOutOfRange { .. })));
    assert!(matches!(
        refused(&with(|v| v["comments"][0]["made"] = "1999-12-31T00:00:00Z".into())),
        ReviewError::Limit(LimitError::TimestampOutOfRange { .. })
    ));
    let huge = format!("{{\"schema\": \"torikumi/review/v1\", \"x\": \"{}\"}}", " ".repeat(review_file::MAX_REVIEW_BYTES));
    assert!(matches!(refused(&huge), ReviewError::Limit(LimitError::FileTooLarge { .. })));
}

#[test]
fn every_refusal_of_a_review_file_has_a_japanese_message_naming_the_file() {
    for error in [
        refused("{\"schema\": "),
        refused(r#"{"schema": "torikumi/review/v2"}"#),
        refused(&with(|v| v["comments"][0]["anchor"] = "team-1-colour".into())),
        refused(&with(|v| v["comments"][1]["id"] = 1.into())),
    ] {
        let m = messages::import_error("R5_wakabayashi_review.json", &ImportError::Review(Box::new(error)));
        assert!(m.contains("R5_wakabayashi_review.json"), "{m}");
    }
}

#[test]
fn reading_a_file_tells_a_review_from_a_report_and_a_backup() {
    assert!(matches!(incoming::read_file(review().to_json().as_bytes()), Ok(Incoming::Review(r)) if *r == review()));
    assert!(matches!(incoming::read_file(exchange::to_json(&reviewed()).as_bytes()), Ok(Incoming::Report(_))));
    let bad = with(|v| v["comments"] = 5.into());
    assert!(matches!(incoming::read_file(bad.as_bytes()), Err(ImportError::Review(_))));
}

#[test]
fn the_city_sees_the_report_as_the_editors_cards_each_field_labelled_as_there() {
    let report = sample_report();
    let cards = report.review_cards();
    let titles: Vec<&str> = cards.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles[..3], ["年度・区・集計の区分", "（１）全体協議会", "（２）実務者ネットワーク会議"]);
    assert_eq!(titles[3], "実務者ネットワーク会議 内訳1");
    assert_eq!(titles[titles.len() - 3..], ["今年度の主な取組み", "現状における課題", "課題に対する次年度以降の取組予定"]);
    // 1 basics, 4 bodies, 3 parts, 2 teams, 1 activity, 3 sections.
    assert_eq!(cards.len(), 14);
    let labels = |title: &str| -> Vec<(String, String)> {
        let card = cards.iter().find(|c| c.title == title).expect(title);
        card.fields.iter().map(|l| (l.label.clone(), l.name.clone())).collect()
    };
    assert_eq!(labels("年度・区・集計の区分")[1], ("区".to_owned(), "区".to_owned()));
    assert_eq!(labels("プロジェクトチーム2")[2], ("主な内容・議題等".to_owned(), "プロジェクトチーム2 主な内容・議題等".to_owned()));
    assert_eq!(labels("実務者ネットワーク会議 内訳1")[1], ("回数".to_owned(), "実務者ネットワーク会議 内訳1 回数".to_owned()));
    assert_eq!(labels("（３）障害者相談支援事業所等連絡会議")[0].0, "区での呼称");
    assert_eq!(labels("現状における課題"), [(String::new(), "現状における課題".to_owned())]);
    let team = cards.iter().find(|c| c.title == "プロジェクトチーム2").unwrap();
    assert_eq!(team.row, Some(Anchor::Row(Place::List(ListKind::Teams), RowId(5))));
    assert_eq!(team.fields[0].value, "就労支援プロジェクトチーム");
}
