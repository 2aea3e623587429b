//! The printed report's HTML, the standalone HTML export and its import, and finishing.

use torikumi_core::exchange::{self, ImportError};
use torikumi_core::html_export::{self, standalone_html};
use torikumi_core::incoming;
use torikumi_core::print::report_html;
use torikumi_core::sample::sample_report;
use torikumi_core::{Count, Document, Status, Timestamp};

fn doc() -> Document {
    let mut d = Document::new(Timestamp::from_unix_millis(1_675_990_800_000.0));
    d.report = sample_report();
    d
}

const HOSTILE: [&str; 4] = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</textarea><b>太字</b>", "\"'&amp;"];

fn hostile() -> Document {
    let mut d = doc();
    let r = &mut d.report;
    r.bodies.plenary.content = HOSTILE.join("\n");
    r.bodies.plenary.local_name = HOSTILE[1].into();
    r.teams[0].name = HOSTILE[0].into();
    r.bodies.network.parts[0].name = HOSTILE[2].into();
    r.sections.main_work = HOSTILE.join("");
    r.bodies.liaison.count = Some(Count::Text(HOSTILE[1].into()));
    d
}

#[test]
fn report_text_never_becomes_markup() {
    let html = report_html(&hostile());
    for tag in ["<script", "<img", "</textarea", "<b>"] {
        assert!(!html.contains(tag), "{tag} in {html}");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let file = standalone_html(&hostile());
    assert_eq!(file.matches("<script").count(), 1, "only the data block");
    assert!(file.contains(r#"<script type="application/json""#));
    let data = html_export::json_in_html(&file).unwrap();
    assert!(!data.contains('<') && !data.contains('>'));
}

#[test]
fn the_html_export_imports_back_equal_even_with_hostile_text() {
    for d in [doc(), hostile()] {
        assert_eq!(incoming::read_export(standalone_html(&d).as_bytes()), Ok(d));
    }
}

#[test]
fn the_json_export_imports_through_the_same_door() {
    let d = doc();
    assert_eq!(incoming::read_export(exchange::to_json(&d).as_bytes()), Ok(d.clone()));
    let with_bom = [b"\xef\xbb\xbf".as_slice(), exchange::to_json(&d).as_bytes()].concat();
    assert_eq!(incoming::read_export(&with_bom), Ok(d));
}

#[test]
fn a_damaged_html_export_is_refused() {
    assert_eq!(incoming::read_export(b"<!DOCTYPE html><html><body>hello</body></html>"), Err(ImportError::HtmlWithoutReport));
    let cut = standalone_html(&doc()).replace("\"fiscal_year\"", "\"fiscal_yea");
    assert_eq!(incoming::read_export(cut.as_bytes()), Err(ImportError::HtmlWithoutReport));
    let newer = standalone_html(&doc()).replace("torikumi/report/v2", "torikumi/report/v3");
    assert_eq!(incoming::read_export(newer.as_bytes()), Err(ImportError::NewerVersion { found: 3, supported: 2 }));
}

#[test]
fn the_print_follows_the_forms_order() {
    let html = report_html(&doc());
    let order = [
        "令和５年度　若林区障害者自立支援協議会　取組状況",
        "○実施状況（R6.3 見込み）",
        "（１）全体協議会",
        "若林区障害者地域支援会議（※若林区での呼称）",
        "（２）実務者ネットワーク会議",
        "六郷・七郷エリア（3回）",
        "（３）障害者相談支援事業所等連絡会議",
        "（４）プロジェクトチーム",
        "防災プロジェクトチーム",
        "（５）運営会議",
        "その他の活動",
        "特別支援学校との情報交換会",
        "１　今年度の主な取組み",
        "２　現状における課題（地域ニーズや課題、協議会運営上の課題など）",
        "３　課題に対する次年度以降の取組予定",
    ];
    let mut from = 0;
    for piece in order {
        let at = html[from..].find(piece).unwrap_or_else(|| panic!("{piece} missing or out of order"));
        from += at + piece.len();
    }
}

#[test]
fn no_teams_or_activities_print_one_row_reading_nashi() {
    let mut d = doc();
    d.report.teams.clear();
    d.report.activities.clear();
    assert_eq!(report_html(&d).matches(r#"<td colspan="3" class="p-none">なし</td>"#).count(), 2);
}

#[test]
fn a_draft_prints_marked_and_a_finished_report_does_not() {
    let mut d = doc();
    assert!(report_html(&d).contains("p-draft-mark"));
    d.finish(Timestamp::from_unix_millis(1_676_000_000_000.0));
    assert!(!report_html(&d).contains("p-draft-mark"));
}

#[test]
fn finishing_records_when_and_makes_every_count_a_number() {
    let mut d = doc();
    d.report.teams[0].count = Some(Count::Text("４回".into()));
    let at = Timestamp::from_unix_millis(1_676_000_000_000.0);
    d.finish(at);
    assert_eq!(d.status, Status::Finished);
    assert_eq!(d.finished, Some(at));
    assert_eq!(d.report.teams[0].count, Some(Count::Number(4)));
    d.reopen(at);
    assert_eq!((d.status, d.finished), (Status::Draft, None));
}

#[test]
fn the_html_file_name_is_ascii() {
    assert_eq!(html_export::html_file_name(&sample_report()), "R5_wakabayashi_torikumi.html");
}
