//! Word out (`docx::out`): a report as a .docx in the template's layout, read
//! back by the Word import to the same report, every field, the parts (内訳)
//! included; every part of the package well-formed XML whatever a field holds.

use torikumi_core::docx::out::{file_name, report_docx};
use torikumi_core::docx::zip::find_part;
use torikumi_core::docx::{read_template, FromWord};
use torikumi_core::sample::{large_report, sample_report};
use torikumi_core::{Basis, BodyKind, Config, Count, Document, Report, Row, RowId, Status, Timestamp};

fn document(report: Report, status: Status) -> Document {
    Document { status, ..Document::new(Timestamp::from_unix_millis(1_700_000_000_000.0)) }.with_report(report)
}

trait WithReport {
    fn with_report(self, report: Report) -> Document;
}

impl WithReport for Document {
    fn with_report(mut self, report: Report) -> Document {
        self.report = report;
        self
    }
}

fn part(bytes: &[u8], name: &str) -> String {
    let part = find_part(bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(!part.deflated, "{name} is stored");
    String::from_utf8(part.stored.to_vec()).expect("UTF-8")
}

fn read_back(document: &Document) -> FromWord {
    read_template(&part(&report_docx(document), "word/document.xml"), &Config::default()).expect("our own .docx is the template")
}

/// The report with every row id 0: the import numbers rows afresh.
fn without_ids(mut report: Report) -> Report {
    let clear = |rows: &mut Vec<Row>| rows.iter_mut().for_each(|r| r.id = RowId(0));
    clear(&mut report.teams);
    clear(&mut report.activities);
    for kind in BodyKind::ALL {
        clear(&mut report.body_mut(kind).parts);
    }
    report
}

fn assert_round_trip(report: Report) {
    let read = read_back(&document(report.clone(), Status::Finished));
    assert_eq!(read.unplaced, Vec::<String>::new(), "nothing of our own file is left unplaced");
    assert_eq!(without_ids(read.report), without_ids(report));
}

#[test]
fn the_sample_report_reads_back_the_same_parts_teams_and_ward_names_included() {
    let report = sample_report();
    assert!(BodyKind::ALL.iter().any(|k| !report.body(*k).parts.is_empty()), "the sample has parts");
    assert!(!report.teams.is_empty() && BodyKind::ALL.iter().any(|k| !report.body(*k).local_name.is_empty()));
    assert_round_trip(report);
}

#[test]
fn the_large_report_finished_reads_back_the_same() {
    // As finished: counts written as numbers (a draft's 「１２回」 is read back as 12,
    // as from any Word file). A cell's text loses the blank lines at its ends, as the
    // import drops them from any Word file: the made-up text's final line break goes.
    let mut doc = document(large_report(), Status::Draft);
    doc.finish(Timestamp::from_unix_millis(1_700_000_000_000.0));
    let mut report = doc.report;
    let trim = |t: &mut String| *t = t.trim_end_matches('\n').to_owned();
    report.teams.iter_mut().chain(report.activities.iter_mut()).for_each(|r| trim(&mut r.content));
    for kind in torikumi_core::SectionKind::ALL {
        trim(report.section_mut(kind));
    }
    assert_round_trip(report);
}

#[test]
fn empty_counts_stay_blank_and_empty_lists_read_back_empty() {
    let mut report = sample_report();
    report.teams.clear();
    report.activities.clear();
    report.bodies.plenary.count = None;
    report.bodies.network.count = Some(Count::Number(0));
    report.basis = Some(Basis::Actual);
    assert_round_trip(report);
}

#[test]
fn markup_characters_line_breaks_and_tabs_read_back_as_typed() {
    let mut report = sample_report();
    report.sections.issues = "「<課題>」 & \"引用\" 'x'\n二行目\tタブ\n\n四行目".to_owned();
    report.teams[0].name = "<script>&PT".to_owned();
    report.bodies.liaison.content = "①<b>太字</b>ではない\n②&amp;".to_owned();
    assert_round_trip(report);
}

#[test]
fn control_characters_are_left_out_and_every_part_stays_well_formed() {
    let mut report = sample_report();
    report.sections.plans = "前\u{1}後\u{FFFE}\u{FFFF}\u{B}終".to_owned();
    let doc = document(report, Status::Draft);
    let bytes = report_docx(&doc);
    for name in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml", "word/header1.xml"] {
        let text = part(&bytes, name);
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"));
    }
    assert_eq!(read_back(&doc).report.sections.plans, "前後終");
}

#[test]
fn a_draft_has_下書き_in_its_header_and_a_finished_report_has_no_header() {
    let draft = report_docx(&document(sample_report(), Status::Draft));
    assert!(part(&draft, "word/header1.xml").contains("下書き"));
    assert!(part(&draft, "word/document.xml").contains(r#"<w:headerReference w:type="default" r:id="rIdHeader"/>"#));
    assert!(part(&draft, "word/_rels/document.xml.rels").contains(r#"Id="rIdHeader""#));
    let finished = report_docx(&document(sample_report(), Status::Finished));
    assert!(find_part(&finished, "word/header1.xml").is_err());
    assert!(!part(&finished, "word/document.xml").contains("headerReference"));
    assert!(!part(&finished, "[Content_Types].xml").contains("header1.xml"));
}

#[test]
fn every_part_named_by_the_content_types_and_relationships_is_in_the_package() {
    for status in [Status::Draft, Status::Finished] {
        let bytes = report_docx(&document(sample_report(), status));
        let types = part(&bytes, "[Content_Types].xml");
        for name in types.split("PartName=\"/").skip(1).map(|s| &s[..s.find('"').unwrap_or(0)]) {
            assert!(find_part(&bytes, name).is_ok(), "{name} is named by [Content_Types].xml");
        }
        let rels = part(&bytes, "word/_rels/document.xml.rels");
        for target in rels.split("Target=\"").skip(1).map(|s| &s[..s.find('"').unwrap_or(0)]) {
            assert!(find_part(&bytes, &format!("word/{target}")).is_ok(), "word/{target} is a relationship's target");
        }
    }
}

#[test]
fn the_file_is_named_after_the_year_and_the_ward() {
    assert_eq!(file_name(&document(sample_report(), Status::Finished)), "R5_wakabayashi_torikumi.docx");
}

/// A set of three wards' reports, the middle one (若林区) a draft, added out of order.
fn three_wards() -> torikumi_core::bundle::BundleSet {
    let mut set = torikumi_core::bundle::BundleSet::new();
    let config = Config::default();
    for (slug, status) in [("wakabayashi", Status::Draft), ("izumi", Status::Finished), ("aoba", Status::Finished)] {
        let mut report = sample_report();
        report.ward = config.ward(slug).cloned();
        set.add(&format!("R5_{slug}_torikumi.json"), document(report, status), Timestamp::from_unix_millis(1_700_000_000_000.0));
    }
    set
}

#[test]
fn the_bound_set_is_the_cover_then_each_ward_in_the_configured_order_each_a_section_of_its_own() {
    use torikumi_core::docx::out::{bundle_docx, bundle_file_name};
    let set = three_wards();
    let config = Config::default();
    let bytes = bundle_docx(&set, &config, Timestamp::from_unix_millis(1_700_000_000_000.0));
    let xml = part(&bytes, "word/document.xml");
    roxmltree::Document::parse(&xml).expect("well-formed");
    // The cover's section, then one per ward: 青葉区, 若林区 (a draft), 泉区, in the configured order.
    let sections: Vec<&str> = xml.split("<w:sectPr>").skip(1).collect();
    assert_eq!(sections.len(), 4);
    let headers: Vec<bool> = sections.iter().map(|s| s.contains(r#"r:id="rIdHeader""#)).collect();
    assert_eq!(headers, [false, false, true, false], "下書き only on the draft ward's pages");
    assert!(sections.iter().all(|s| s.contains(r#"<w:footerReference w:type="default" r:id="rIdFooter"/>"#)), "page numbers on every page");
    assert!(sections.iter().all(|s| s.contains("headerReference")), "every section names its header");
    let at = |text: &str| xml.find(text).unwrap_or_else(|| panic!("{text} is in the file"));
    assert!(at("実施回数の一覧") < at("青葉区障害者自立支援協議会"));
    assert!(at("青葉区障害者自立支援協議会") < at("若林区障害者自立支援協議会"));
    assert!(at("若林区障害者自立支援協議会") < at("泉区障害者自立支援協議会"));
    assert!(part(&bytes, "word/footer1.xml").contains(r#"<w:fldSimple w:instr=" PAGE ">"#));
    assert!(part(&bytes, "word/header1.xml").contains("下書き"));
    assert!(!part(&bytes, "word/header2.xml").contains("下書き"));
    assert_eq!(bundle_file_name(&set, &config), "R5_torikumi_bundle.docx");
    for name in ["[Content_Types].xml", "word/_rels/document.xml.rels", "word/footer1.xml", "word/header1.xml", "word/header2.xml"] {
        roxmltree::Document::parse(&part(&bytes, name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn the_bound_sets_summary_has_前年度_and_増減_when_last_years_reports_are_in_the_set_and_binds_this_years_only() {
    use torikumi_core::docx::out::bundle_docx;
    let mut set = three_wards();
    let config = Config::default();
    for slug in ["aoba", "izumi"] {
        let mut report = sample_report();
        report.ward = config.ward(slug).cloned();
        report.fiscal_year = report.fiscal_year.map(|y| y - 1);
        set.add(&format!("R4_{slug}_torikumi.json"), document(report, Status::Finished), Timestamp::from_unix_millis(1_690_000_000_000.0));
    }
    let xml = part(&bundle_docx(&set, &config, Timestamp::from_unix_millis(1_700_000_000_000.0)), "word/document.xml");
    roxmltree::Document::parse(&xml).expect("well-formed");
    let at = |text: &str| xml.find(text).unwrap_or_else(|| panic!("{text} is in the file"));
    assert!(at("合計") < at("前年度") && at("前年度") < at("増減"));
    assert!(xml.contains("※前年度は令和４年度の報告の合計、増減は今年度の合計との差です。"));
    assert_eq!(xml.split("<w:sectPr>").count() - 1, 4, "the cover and this year's three wards: last year's are not bound");
    assert!(xml.contains("令和５年度　青葉区障害者自立支援協議会"));
    assert!(!xml.contains("令和４年度　青葉区障害者自立支援協議会"));
}

// ---- made-up reports ----
// Reports as a ward might write them: Japanese with markup characters, quotes,
// tabs and line breaks inside a cell, any number of teams, parts and other
// activities, counts blank or numbers. Our own file reads back the same.

use proptest::prelude::*;

fn line() -> impl Strategy<Value = String> {
    // A tab inside a line, never a line of blanks only (the import drops blank lines at a cell's ends).
    "[ぁ-んァ-ン一-龯０-９、。「」・①（）a-z<>&\"'/;]([ぁ-ん一-龯a-z<>&\"'\t]{0,14}[ぁ-ん一-龯a-z<>&\"';])?"
}

fn cell_text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), prop::collection::vec(line(), 1..4).prop_map(|lines| lines.join("\n"))]
}

fn made_up_rows(max: usize) -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec((line(), prop::option::of(0u32..400), cell_text()), 0..max).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (name, count, content))| Row { id: RowId(i as u32 + 1), name, count: count.map(Count::Number), content })
            .collect()
    })
}

fn made_up_report() -> impl Strategy<Value = Report> {
    let bodies = prop::collection::vec((prop::option::of(0u32..100), cell_text(), made_up_rows(3)), 4);
    (bodies, made_up_rows(5), made_up_rows(4), prop::collection::vec(cell_text(), 3)).prop_map(|(bodies, teams, activities, sections)| {
        let mut report = sample_report();
        for (kind, (count, content, parts)) in BodyKind::ALL.into_iter().zip(bodies) {
            let body = report.body_mut(kind);
            body.count = count.map(Count::Number);
            body.content = content;
            body.parts = parts;
        }
        report.teams = teams;
        report.activities = activities;
        for (kind, text) in torikumi_core::SectionKind::ALL.into_iter().zip(sections) {
            *report.section_mut(kind) = text;
        }
        report
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn made_up_reports_with_parts_teams_empty_counts_and_markup_read_back_the_same(report in made_up_report()) {
        let read = read_back(&document(report.clone(), Status::Finished));
        prop_assert_eq!(read.unplaced, Vec::<String>::new());
        prop_assert_eq!(without_ids(read.report), without_ids(report));
    }
}
