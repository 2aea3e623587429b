//! 「前年度から作成」 from last year's Word file: each fixture of
//! `fixtures/docx/` (made by `fixtures/make_docx_fixtures.py`) read into the
//! report it holds. Limits, sniffing and the property tests are in `docx_hostile.rs`.

use torikumi_core::docx::{read_template, DocxError, FromWord};
use torikumi_core::{Basis, Config, Count, Field, FixedBodies, FixedBody, ListKind, Report, Row, RowId, SectionKind, Sections, Ward};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/docx/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(xml: &str) -> FromWord {
    read_template(xml, &Config::default()).expect("the template is read")
}

fn ward(name: &str, slug: &str) -> Option<Ward> {
    Some(Ward { name: name.into(), slug: slug.into() })
}

fn row(id: u32, name: &str, count: Option<Count>, content: &str) -> Row {
    Row { id: RowId(id), name: name.into(), count, content: content.into() }
}

fn body(count: Option<Count>, content: &str, local_name: &str) -> FixedBody {
    FixedBody { count, content: content.into(), local_name: local_name.into(), parts: vec![] }
}

const AOBA_TITLE: &str = "令和４年度　青葉区障害者自立支援協議会　取組状況";
const AOBA_BASIS: &str = "○実施状況（Ｒ５．３　見込み）";

#[test]
fn a_filled_in_template_becomes_the_whole_report() {
    let read = read(&fixture("aoba_projected.xml"));
    let expected = Report {
        fiscal_year: Some(2022),
        ward: ward("青葉区", "aoba"),
        basis: Some(Basis::Projected { year: Some(2023), month: Some(3) }),
        bodies: FixedBodies {
            plenary: body(Some(Count::Number(2)), "・地域課題の共有\n・各部会の報告", "青葉区高齢者障害者地域会議"),
            network: body(Some(Count::Number(6)), "全体会1回、エリア会議5回\n（事例検討、情報交換）", "サポネットあおばのつどい"),
            liaison: body(None, "委託相談支援事業所の情報交換", ""),
            steering: body(Some(Count::Number(12)), "協議会の運営について協議", ""),
        },
        teams: vec![
            row(1, "地域移行PT", Some(Count::Number(12)), "①施設見学\n②研修会の企画"),
            row(2, "こども支援PT", Some(Count::Number(3)), "放課後等デイサービスとの意見交換"),
        ],
        activities: vec![row(3, "特別支援学校との情報交換", Some(Count::Number(1)), "卒業後の進路について")],
        sections: Sections {
            main_work: "【全体協議会】\n・地域課題を共有し、各部会の取組を報告した。\n\u{3000}〇実務者ネットワーク会議\n\tエリアごとに開催".into(),
            issues: "・相談支援専門員の不足\n\n・地域移行の受け皿が少ない".into(),
            plans: "(1) 人材育成\n\u{3000}① 研修会の開催 ⇒ 年２回".into(),
        },
        comments: Vec::new(),
    };
    assert_eq!(read.report, expected);
    assert_eq!(read.unplaced, Vec::<String>::new());
}

#[test]
fn title_gives_the_fiscal_year_and_the_ward() {
    let r = read(&fixture("aoba_projected.xml")).report;
    assert_eq!((r.fiscal_year, r.ward), (Some(2022), ward("青葉区", "aoba")));
}

#[test]
fn mistyped_titles_still_give_year_and_ward() {
    // 「宮城野区区」 (ward doubled) and 「令和５年」 without 度.
    let r = read(&fixture("miyagino_mistyped.xml")).report;
    assert_eq!((r.fiscal_year, r.ward), (Some(2023), ward("宮城野区", "miyagino")));
    let aoba = fixture("aoba_projected.xml");
    for (title, year, slug) in [
        ("令和元年度　泉区障害者自立支援協議会　取組状況", 2019, "izumi"),
        ("令和4年度 太白区障害者自立支援協議会 取組状況", 2022, "taihaku"),
        ("令和１０年度若林区区障害者自立支援協議会取組状況", 2028, "wakabayashi"),
    ] {
        let r = read(&aoba.replace(AOBA_TITLE, title)).report;
        assert_eq!(r.fiscal_year, Some(year), "{title}");
        assert_eq!(r.ward.map(|w| w.slug), Some(slug.to_owned()), "{title}");
    }
}

#[test]
fn a_title_naming_no_configured_ward_is_left_for_the_user() {
    let title = "令和４年度　中央区障害者自立支援協議会　取組状況";
    let read = read(&fixture("aoba_projected.xml").replace(AOBA_TITLE, title));
    assert_eq!((read.report.fiscal_year, read.report.ward), (Some(2022), None));
    assert_eq!(read.unplaced, vec![title.to_owned()]);
}

#[test]
fn a_city_config_names_its_own_wards() {
    let config = Config::from_json(r#"{"wards": [{"name": "中央区", "slug": "chuo"}]}"#).unwrap();
    let xml = fixture("aoba_projected.xml").replace(AOBA_TITLE, "令和４年度　中央区障害者自立支援協議会　取組状況");
    assert_eq!(read_template(&xml, &config).unwrap().report.ward, ward("中央区", "chuo"));
}

#[test]
fn projected_heading_gives_the_year_and_month() {
    let aoba = fixture("aoba_projected.xml");
    for (heading, expected) in [
        (AOBA_BASIS, Basis::Projected { year: Some(2023), month: Some(3) }),
        ("○実施状況（R5.3 見込み）", Basis::Projected { year: Some(2023), month: Some(3) }),
        ("〇実施状況（令和６年２月見込み）", Basis::Projected { year: Some(2024), month: Some(2) }),
        ("○実施状況（見込み）", Basis::Projected { year: None, month: None }),
        ("○実施状況", Basis::Actual),
    ] {
        assert_eq!(read(&aoba.replace(AOBA_BASIS, heading)).report.basis, Some(expected), "{heading}");
    }
}

#[test]
fn plain_heading_is_actual() {
    assert_eq!(read(&fixture("miyagino_mistyped.xml")).report.basis, Some(Basis::Actual));
}

#[test]
fn ward_own_names_come_from_the_meeting_cell() {
    let r = read(&fixture("aoba_projected.xml")).report;
    assert_eq!(r.bodies.plenary.local_name, "青葉区高齢者障害者地域会議");
    assert_eq!(r.bodies.network.local_name, "サポネットあおばのつどい");
    assert_eq!(r.bodies.liaison.local_name, "");
}

#[test]
fn full_width_counts_become_numbers() {
    let r = read(&fixture("aoba_projected.xml")).report;
    // 「２回」, 「６」, 「１２」, 「１２回」, 「3 回」
    assert_eq!(r.bodies.plenary.count, Some(Count::Number(2)));
    assert_eq!(r.bodies.steering.count, Some(Count::Number(12)));
    assert_eq!(r.teams[0].count, Some(Count::Number(12)));
    assert_eq!(r.teams[1].count, Some(Count::Number(3)));
}

#[test]
fn a_missing_count_stays_blank() {
    assert_eq!(read(&fixture("aoba_projected.xml")).report.bodies.liaison.count, None);
}

#[test]
fn a_count_that_does_not_parse_keeps_its_text() {
    let r = read(&fixture("miyagino_mistyped.xml")).report;
    assert_eq!(r.bodies.plenary.count, Some(Count::Text("十二".into())));
    assert_eq!(r.bodies.liaison.count, Some(Count::Number(12)));
    assert_eq!(r.bodies.steering.count, Some(Count::Number(0)));
}

#[test]
fn teams_are_the_rows_beside_the_vertical_merged_label() {
    let r = read(&fixture("aoba_projected.xml")).report;
    let names: Vec<&str> = r.teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["地域移行PT", "こども支援PT"]);
}

#[test]
fn placeholder_team_rows_blank_or_zero_are_dropped() {
    let r = read(&fixture("aoba_projected.xml")).report;
    assert!(r.teams.iter().all(|t| !t.name.contains('○')));
    // A placeholder with a count is kept: the rules then ask for a real name.
    let zero = "<w:t xml:space=\"preserve\">０</w:t>";
    let xml = fixture("aoba_projected.xml").replacen(zero, "<w:t>２</w:t>", 1);
    let r = read(&xml).report;
    assert_eq!((r.teams.len(), r.teams[2].name.as_str()), (3, "○○○○ＰＴ"));
}

#[test]
fn other_activities_are_read_with_their_names() {
    let aoba = read(&fixture("aoba_projected.xml")).report;
    assert_eq!(aoba.activities, vec![row(3, "特別支援学校との情報交換", Some(Count::Number(1)), "卒業後の進路について")]);
    // Below a 「その他の活動」 heading row, without a merged label.
    let miyagino = read(&fixture("miyagino_mistyped.xml")).report;
    assert_eq!(miyagino.activities, vec![row(1, "障害理解講座", Some(Count::Number(2)), "区民向け講座")]);
}

#[test]
fn rows_reading_nashi_mean_an_empty_list() {
    let r = read(&fixture("miyagino_mistyped.xml")).report;
    assert_eq!(r.teams, vec![]);
    assert_eq!(r.bodies.steering.content, "なし");
}

#[test]
fn contents_keep_their_line_breaks() {
    let r = read(&fixture("aoba_projected.xml")).report;
    // Paragraphs of a cell, and a w:br within one.
    assert_eq!(r.bodies.plenary.content, "・地域課題の共有\n・各部会の報告");
    assert_eq!(r.bodies.network.content, "全体会1回、エリア会議5回\n（事例検討、情報交換）");
}

#[test]
fn the_template_note_is_dropped_wherever_it_is_left() {
    let read = read(&fixture("aoba_projected.xml"));
    let text = format!("{:?}{:?}", read.report, read.unplaced);
    assert!(!text.contains("行が足りない"));
}

#[test]
fn sections_are_the_paragraphs_under_each_heading_as_typed() {
    let r = read(&fixture("aoba_projected.xml")).report;
    assert_eq!(r.section(SectionKind::MainWork), "【全体協議会】\n・地域課題を共有し、各部会の取組を報告した。\n\u{3000}〇実務者ネットワーク会議\n\tエリアごとに開催");
    assert_eq!(r.section(SectionKind::Issues), "・相談支援専門員の不足\n\n・地域移行の受け皿が少ない");
    let m = read(&fixture("miyagino_mistyped.xml")).report;
    assert_eq!(m.sections, Sections { main_work: "上記の通り。".into(), issues: "特になし".into(), plans: "継続して取り組む。".into() });
}

#[test]
fn a_table_under_a_heading_is_part_of_the_section() {
    let r = read(&fixture("leftovers.xml")).report;
    assert_eq!(r.sections.main_work, "枠内に記入：\n・講演会を開催した");
    assert_eq!((r.sections.issues.as_str(), r.sections.plans.as_str()), ("", "未定"));
}

#[test]
fn sections_in_boxes_and_a_title_over_two_lines_are_read() {
    let read = read(&fixture("boxed.xml"));
    let r = &read.report;
    assert_eq!((r.fiscal_year, r.ward.as_ref().map(|w| w.slug.as_str())), (Some(2021), Some("taihaku")));
    assert_eq!(r.sections, Sections { main_work: "・総会を開いた\n・事例検討を重ねた".into(), issues: "人材の不足".into(), plans: "研修の企画".into() });
    assert_eq!(r.bodies.steering.count, Some(Count::Number(5)));
    assert_eq!(read.unplaced, Vec::<String>::new());
}

#[test]
fn what_cannot_be_placed_is_listed_to_copy() {
    let read = read(&fixture("leftovers.xml"));
    assert_eq!(
        read.unplaced,
        [
            "（様式２）",
            "作成：泉区障害高齢課",
            "（年度途中から開催）",
            "メモ：予算は別紙",
        ]
    );
    let r = read.report;
    assert_eq!((r.fiscal_year, r.ward.map(|w| w.slug)), (Some(2019), Some("izumi".to_owned())));
    assert_eq!(r.bodies.liaison, body(Some(Count::Number(2)), "情報交換", ""));
    assert_eq!(r.bodies.steering.count, Some(Count::Number(6)));
}

#[test]
fn parts_beside_a_merged_cell_naming_a_body_are_its_parts() {
    let r = read(&fixture("leftovers.xml")).report;
    let parts: Vec<(String, Option<Count>, String)> = r.bodies.network.parts.iter().map(|p| (p.name.clone(), p.count.clone(), p.content.clone())).collect();
    assert_eq!(parts, [("全体会".to_owned(), Some(Count::Number(1)), "講演会".to_owned()), ("泉中央エリア".to_owned(), Some(Count::Number(3)), "事例検討".to_owned())]);
    // The breakdown has no row of the body's own: its count and content are left for the user.
    assert_eq!((r.bodies.network.count.clone(), r.bodies.network.content.as_str()), (None, ""));
    assert!(r.bodies.plenary.parts.is_empty());
}

#[test]
fn rows_get_fresh_ids_from_one() {
    let r = read(&fixture("aoba_projected.xml")).report;
    let ids: Vec<u32> = r.teams.iter().chain(&r.activities).map(|row| row.id.0).collect();
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(r.fresh_id(), RowId(4));
}

#[test]
fn filled_fields_are_listed_with_the_text_they_came_from() {
    let read = read(&fixture("aoba_projected.xml"));
    let from = |field: Field| read.filled.iter().find(|f| f.field == field).map(|f| f.from.as_str());
    assert_eq!(from(Field::FiscalYear), Some(AOBA_TITLE));
    assert_eq!(from(Field::Ward), Some(AOBA_TITLE));
    assert_eq!(from(Field::Projection), Some(AOBA_BASIS));
    assert_eq!(from(Field::Body(torikumi_core::BodyKind::Plenary, torikumi_core::Cell::Count)), Some("2"));
    assert_eq!(from(Field::Body(torikumi_core::BodyKind::Liaison, torikumi_core::Cell::Count)), None);
    assert_eq!(from(Field::Item(ListKind::Teams, RowId(2), torikumi_core::Cell::Name)), Some("こども支援PT"));
    assert_eq!(from(Field::Section(SectionKind::Plans)), Some("３　課題に対する次年度以降の取組予定"));
    // Every filled field names a field of the report as it is.
    assert!(read.filled.iter().all(|f| f.field.accessible_name(&read.report).is_some()));
}

#[test]
fn a_word_document_that_is_not_the_template_is_refused() {
    assert_eq!(read_template(&fixture("not_template.xml"), &Config::default()), Err(DocxError::NotTemplate));
}

#[test]
fn xml_that_is_not_wordprocessingml_is_refused() {
    let config = Config::default();
    assert_eq!(read_template("<html><body/></html>", &config), Err(DocxError::NotWordprocessingMl));
    let other_ns = r#"<w:document xmlns:w="urn:other"><w:body/></w:document>"#;
    assert_eq!(read_template(other_ns, &config), Err(DocxError::NotWordprocessingMl));
    let aoba = fixture("aoba_projected.xml");
    let cut = &aoba[..aoba.find("</w:tbl>").unwrap()];
    for broken in ["", "not xml", "<w:document>", cut] {
        assert!(matches!(read_template(broken, &config), Err(DocxError::Malformed(_))), "{broken:.40}");
    }
    let dtd = r#"<!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>"#;
    assert!(matches!(read_template(dtd, &config), Err(DocxError::Malformed(_))));
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let xml = format!("\u{feff}{}", fixture("aoba_projected.xml"));
    assert_eq!(read(&xml).report.fiscal_year, Some(2022));
}
