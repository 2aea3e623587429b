//! The city's bundle (取りまとめ): selection per ward, the review's warnings,
//! and the summary table. Files, CSV and the schema are in `bundle_files.rs`.

use torikumi_core::bundle::{self, BundleSet, BundleWarning, EntryId, SummaryRowKind};
use torikumi_core::exchange::ImportError;
use torikumi_core::incoming::{read_file, Incoming};
use torikumi_core::messages;
use torikumi_core::sample::sample_report;
use torikumi_core::{Basis, BodyKind, Config, Context, Count, Document, Row, RowId, Status, Timestamp, Ward};

const DAY: f64 = 86_400_000.0;
/// 2024-02-10 10:00 JST.
const BASE: f64 = 1_707_526_800_000.0;

fn at(days: f64) -> Timestamp {
    Timestamp::from_unix_millis(BASE + days * DAY)
}

/// A finished report for a ward: the sample with the ward, counts and list lengths changed.
fn report(slug: &str, counts: [u32; 4], teams: usize, activities: usize, changed: f64) -> Document {
    let config = Config::default();
    let ward = config.ward(slug).cloned().unwrap_or(Ward { name: format!("{slug}区"), slug: slug.to_owned() });
    let mut r = sample_report();
    r.ward = Some(ward);
    r.basis = Some(Basis::Actual);
    for (kind, n) in BodyKind::ALL.into_iter().zip(counts) {
        let body = r.body_mut(kind);
        body.count = Some(Count::Number(n));
        body.parts.clear();
        if body.content.is_empty() {
            body.content = "会議の内容".to_owned();
        }
    }
    let row = |id: u32, name: &str| Row { id: RowId(id), name: name.to_owned(), count: Some(Count::Number(1)), content: "内容".to_owned() };
    r.teams = (0..teams).map(|i| row(100 + i as u32, &format!("チーム{i}"))).collect();
    r.activities = (0..activities).map(|i| row(200 + i as u32, &format!("活動{i}"))).collect();
    let mut d = Document::new(at(changed - 10.0));
    d.report = r;
    d.finish(at(changed));
    d
}

const FIVE: [(&str, [u32; 4], usize, usize); 5] = [
    ("aoba", [2, 6, 11, 12], 2, 1),
    ("miyagino", [3, 4, 10, 11], 1, 0),
    ("wakabayashi", [1, 12, 12, 6], 0, 2),
    ("taihaku", [2, 0, 9, 12], 3, 1),
    ("izumi", [4, 5, 8, 10], 2, 2),
];

/// The five wards' reports, added in a shuffled order.
fn five() -> BundleSet {
    let mut set = BundleSet::new();
    for i in [3, 0, 4, 2, 1] {
        let (slug, counts, teams, activities) = FIVE[i];
        set.add(&format!("R5_{slug}_torikumi.json"), report(slug, counts, teams, activities, i as f64), at(1.0));
    }
    set
}

fn review(set: &BundleSet) -> Vec<BundleWarning> {
    let config = Config::default();
    set.review(&Context { config: &config, current_fiscal_year: 2023 }).warnings
}

fn kinds(warnings: &[BundleWarning]) -> Vec<&'static str> {
    warnings
        .iter()
        .map(|w| match w {
            BundleWarning::MissingWards { .. } => "missing",
            BundleWarning::Duplicates { .. } => "duplicates",
            BundleWarning::MixedYears { .. } => "mixed-years",
            BundleWarning::Drafts { .. } => "drafts",
            BundleWarning::RuleErrors { .. } => "rule-errors",
            BundleWarning::OutsideConfig { .. } => "outside",
            BundleWarning::UnreadableFiles { .. } => "unreadable",
        })
        .collect()
}

#[test]
fn shuffled_reports_give_the_summary_in_configured_order() {
    let config = Config::default();
    let s = bundle::summary(&five(), &config);
    let names: Vec<&str> = s.columns.iter().map(|c| c.ward.name.as_str()).collect();
    assert_eq!(names, ["青葉区", "宮城野区", "若林区", "太白区", "泉区"]);
    assert_eq!(s.fiscal_year, Some(2023));
    let kinds: Vec<SummaryRowKind> = s.rows.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, SummaryRowKind::ALL);
    for (col, (_, counts, teams, activities)) in FIVE.iter().enumerate() {
        let expected = [counts[0], counts[1], counts[2], counts[3], *teams as u32, *activities as u32];
        for (row, want) in s.rows.iter().zip(expected) {
            assert_eq!(row.cells[col].value, Some(want), "{:?} of column {col}", row.kind);
            assert!(!row.cells[col].projected);
        }
    }
    let plenary = &s.rows[0].total;
    assert_eq!((plenary.sum, plenary.incomplete, plenary.projected), (12, false, false));
    assert_eq!(s.rows[4].total.sum, 8);
    assert!(messages::summary_notes(&s).is_empty());
}

#[test]
fn unknown_and_unparsed_cells_are_blank_and_totals_say_so() {
    let config = Config::default();
    let mut set = five();
    set.remove_ward("izumi");
    let mut d = report("izumi", [1, 1, 1, 1], 0, 0, 9.0);
    d.report.bodies.plenary.count = Some(Count::Text("十二".into()));
    d.report.bodies.network.count = Some(Count::Text("１２回".into()));
    d.report.bodies.steering.count = None;
    set.add("izumi.json", d, at(2.0));
    set.remove_ward("taihaku");
    let s = bundle::summary(&set, &config);
    assert_eq!(s.rows[0].cells[4].value, None);
    assert_eq!(s.rows[1].cells[4].value, Some(12));
    assert_eq!(s.rows[3].cells[4].value, None);
    assert!(!s.columns[3].present);
    assert_eq!(s.rows[0].cells[3].value, None);
    assert_eq!((s.rows[0].total.sum, s.rows[0].total.incomplete), (6, true));
    assert_eq!((s.rows[1].total.sum, s.rows[1].total.incomplete), (34, true));
    assert!(messages::summary_notes(&s).iter().any(|n| n.contains("空欄")));
}

#[test]
fn projected_reports_are_marked_with_their_year_and_month() {
    let config = Config::default();
    let mut set = five();
    set.remove_ward("aoba");
    let mut d = report("aoba", [2, 6, 11, 12], 2, 1, 9.0);
    d.report.basis = Some(Basis::Projected { year: Some(2024), month: Some(3) });
    set.add("aoba.json", d, at(2.0));
    let s = bundle::summary(&set, &config);
    assert!(s.rows.iter().all(|r| r.cells[0].projected && !r.cells[1].projected && r.total.projected));
    assert_eq!(messages::summary_notes(&s), ["※青葉区はR6.3時点の見込みです。"]);
}

#[test]
fn a_complete_finished_set_has_no_warnings_and_rows_show_status() {
    let set = five();
    assert_eq!(review(&set), []);
    let config = Config::default();
    let r = set.review(&Context { config: &config, current_fiscal_year: 2023 });
    assert!(r.rows.iter().all(|row| row.status == Some(Status::Finished) && row.errors == 0 && row.others == 0));
}

#[test]
fn a_missing_ward_is_named() {
    let mut set = five();
    set.remove_ward("miyagino");
    set.remove_ward("izumi");
    let w = review(&set);
    assert_eq!(w, [BundleWarning::MissingWards { slugs: vec!["miyagino".into(), "izumi".into()] }]);
    let text = messages::bundle_warning(&w[0], &Config::default());
    assert!(text.contains("宮城野区、泉区"), "{text}");
}

#[test]
fn duplicates_use_the_last_changed_unless_one_is_chosen() {
    let config = Config::default();
    let mut set = five();
    let older = set.add("aoba_old.json", report("aoba", [9, 9, 9, 9], 0, 0, -5.0), at(3.0));
    let newer = set.add("aoba_new.json", report("aoba", [7, 7, 7, 7], 0, 0, 20.0), at(2.0));
    let slot = &set.slots(&config)[0];
    assert_eq!(slot.used.map(|e| e.id), Some(newer));
    assert_eq!(slot.others.len(), 2);
    assert_eq!(bundle::summary(&set, &config).rows[0].cells[0].value, Some(7));
    let w = review(&set);
    assert_eq!(kinds(&w), ["duplicates"]);
    let BundleWarning::Duplicates { used, chosen, .. } = &w[0] else { unreachable!() };
    assert_eq!((used.as_str(), *chosen), ("aoba_new.json", false));
    assert!(messages::bundle_warning(&w[0], &config).contains("青葉区の報告が3件"));

    assert!(set.choose(older));
    assert_eq!(set.slots(&config)[0].used.map(|e| e.id), Some(older));
    assert_eq!(bundle::summary(&set, &config).rows[0].cells[0].value, Some(9));
    assert!(!set.choose(EntryId(9999)));
    set.remove_entry(older);
    assert_eq!(set.slots(&config)[0].used.map(|e| e.id), Some(newer), "back to the last changed");

    set.remove_ward("aoba");
    assert!(set.slots(&config)[0].used.is_none());
    assert_eq!(set.entries().len(), 4);
    set.clear();
    assert!(set.is_empty());
}

#[test]
fn mixed_years_are_named_in_era_form() {
    let mut set = five();
    set.remove_ward("taihaku");
    let mut d = report("taihaku", [1, 1, 1, 1], 0, 0, 3.0);
    d.report.fiscal_year = Some(2022);
    set.add("taihaku.json", d, at(0.0));
    let w = review(&set);
    assert_eq!(w, [BundleWarning::MixedYears { years: vec![Some(2022), Some(2023)] }]);
    assert!(messages::bundle_warning(&w[0], &Config::default()).contains("令和４年度、令和５年度"));
    assert_eq!(bundle::summary(&set, &Config::default()).fiscal_year, None);
}

#[test]
fn drafts_among_finished_reports_are_named() {
    let mut set = five();
    set.remove_ward("wakabayashi");
    let mut d = report("wakabayashi", [1, 12, 12, 6], 0, 2, 3.0);
    d.reopen(at(4.0));
    set.add("wakabayashi.json", d, at(0.0));
    let w = review(&set);
    assert_eq!(w, [BundleWarning::Drafts { slugs: vec!["wakabayashi".into()] }]);
    assert!(messages::bundle_warning(&w[0], &Config::default()).contains("若林区の報告は下書き"));
}

#[test]
fn reports_with_rule_errors_are_named_with_their_number() {
    let mut set = five();
    set.remove_ward("aoba");
    let mut d = report("aoba", [1, 1, 1, 1], 0, 0, 3.0);
    d.report.bodies.plenary.count = None;
    d.report.sections.issues = "\u{3000}".into();
    set.add("aoba.json", d, at(0.0));
    let w = review(&set);
    assert_eq!(w, [BundleWarning::RuleErrors { wards: vec![("aoba".into(), 2)] }]);
    assert!(messages::bundle_warning(&w[0], &Config::default()).contains("青葉区（2件）"));
}

#[test]
fn reports_outside_the_configured_wards_are_left_out_and_named() {
    let mut set = five();
    set.add("chuo.json", report("chuo", [1, 1, 1, 1], 0, 0, 3.0), at(0.0));
    let mut no_ward = report("aoba", [1, 1, 1, 1], 0, 0, 3.0);
    no_ward.report.ward = None;
    set.add("noward.json", no_ward, at(0.0));
    let w = review(&set);
    assert_eq!(w, [BundleWarning::OutsideConfig { file_names: vec!["chuo.json".into(), "noward.json".into()] }]);
    assert_eq!(bundle::summary(&set, &Config::default()).rows[0].total.sum, 12);
}

#[test]
fn an_unreadable_file_is_listed_with_its_reason_and_the_others_still_read() {
    let mut set = BundleSet::new();
    let files: [(&str, &[u8]); 3] = [
        ("broken.json", b"{\"schema\": "),
        ("aoba.json", b""),
        ("other.json", br#"{"schema": "torikumi/report/v9"}"#),
    ];
    let aoba = torikumi_core::exchange::to_json(&report("aoba", [1, 2, 3, 4], 1, 1, 0.0));
    for (name, bytes) in files {
        let bytes = if name == "aoba.json" { aoba.as_bytes() } else { bytes };
        match read_file(bytes) {
            Ok(Incoming::Report(d)) => {
                set.add(name, *d, at(0.0));
            }
            Ok(Incoming::Backup(_) | Incoming::Review(_)) => panic!("neither a backup nor a review"),
            Err(e) => set.add_unreadable(name, e, at(0.0)),
        }
    }
    assert_eq!(set.entries().len(), 1);
    let reasons: Vec<(&str, &ImportError)> = set.unreadable().iter().map(|u| (u.file_name.as_str(), &u.error)).collect();
    assert!(matches!(reasons[0], ("broken.json", ImportError::NotJson { .. })));
    assert_eq!(reasons[1], ("other.json", &ImportError::NewerVersion { found: 9, supported: torikumi_core::exchange::VERSION }));
    let w = review(&set);
    assert_eq!(kinds(&w), ["missing", "unreadable"]);
    assert!(messages::bundle_warning(&w[1], &Config::default()).contains("「broken.json」「other.json」"));
    set.remove_unreadable(0);
    assert_eq!(set.unreadable().len(), 1);
}

#[test]
fn the_bound_report_has_a_cover_then_each_ward_in_configured_order() {
    let config = Config::default();
    let mut set = five();
    set.remove_ward("taihaku");
    let mut draft = report("izumi", [4, 5, 8, 10], 2, 2, 9.0);
    draft.reopen(at(10.0));
    draft.report.sections.plans = "<script>alert(1)</script>".into();
    set.remove_ward("izumi");
    set.add("izumi.json", draft, at(2.0));
    let html = bundle::bound_html(&set, &config, at(0.0));
    assert!(html.contains("令和５年度\u{3000}区障害者自立支援協議会\u{3000}取組状況"));
    assert!(html.contains("2024年2月10日"));
    assert!(html.contains(r#"<span class="b-ward-name">太白区</span><span class="b-status">未提出</span>"#));
    assert!(html.contains(r#"<span class="b-ward-name">泉区</span><span class="b-status">下書き</span>"#));
    assert!(!html.contains("<script>"), "report text is escaped");
    let pages: Vec<&str> = html.split(r#"<section class="b-ward"#).skip(1).collect();
    let order = ["青葉区", "宮城野区", "若林区", "泉区"];
    assert_eq!(pages.len(), order.len());
    for (page, name) in pages.iter().zip(order) {
        assert!(page.contains(&format!("令和５年度\u{3000}{name}障害者自立支援協議会")), "{name}");
        assert_eq!(page.contains("p-draft-mark"), name == "泉区", "only the draft's pages are marked");
        assert_eq!(page.starts_with(" b-ward-draft"), name == "泉区", "a draft's section takes the marked page style");
    }
}

// ---- 前年度: last year's set beside this year's ----

/// The five wards' reports of 令和４年度, their counts one less than this year's (taihaku: as many).
fn last_year(set: &mut BundleSet, wards: &[usize]) {
    for &i in wards {
        let (slug, counts, teams, activities) = FIVE[i];
        let counts = if slug == "taihaku" { counts } else { counts.map(|n| n.saturating_sub(1)) };
        let mut d = report(slug, counts, teams, activities, i as f64 - 300.0);
        d.report.fiscal_year = Some(2022);
        set.add(&format!("R4_{slug}_torikumi.json"), d, at(2.0));
    }
}

#[test]
fn last_years_set_added_to_this_years_adds_a_previous_year_column_and_the_change() {
    let mut set = five();
    let before = bundle::summary(&set, &Config::default());
    assert_eq!(before.previous, None);
    assert!(before.rows.iter().all(|r| r.previous.is_none()));
    last_year(&mut set, &[0, 1, 2, 3, 4]);
    // Last year's reports are compared, not bound: no duplicates, no mixed years.
    assert_eq!(review(&set), []);
    assert!(set.slots(&Config::default()).iter().all(|s| s.others.is_empty() && s.used.is_some_and(|e| e.document.report.fiscal_year == Some(2023))));
    let s = bundle::summary(&set, &Config::default());
    assert_eq!(s.fiscal_year, Some(2023));
    assert_eq!(s.previous.as_ref().map(|p| (p.fiscal_year, p.missing.len())), Some((2022, 0)));
    let plenary = &s.rows[0];
    assert_eq!(plenary.total.sum, 2 + 3 + 1 + 2 + 4);
    assert_eq!(plenary.previous.map(|p| p.sum), Some(1 + 2 + 2 + 3));
    assert_eq!(plenary.change(), Some(4));
    let teams = s.rows.iter().find(|r| r.kind == SummaryRowKind::Teams).expect("teams row");
    assert_eq!(teams.change(), Some(0));
    let notes = messages::summary_notes(&s);
    assert!(notes.contains(&"※前年度は令和４年度の報告の合計、増減は今年度の合計との差です。".to_owned()), "{notes:?}");
}

#[test]
fn a_ward_without_last_years_report_is_named_and_its_previous_total_is_incomplete() {
    let mut set = five();
    last_year(&mut set, &[0, 1, 2, 3]);
    let s = bundle::summary(&set, &Config::default());
    assert_eq!(s.previous.as_ref().map(|p| p.missing.clone()), Some(vec!["泉区".to_owned()]));
    assert!(s.rows[0].previous.is_some_and(|p| p.incomplete));
    assert!(messages::summary_notes(&s).iter().any(|n| n == "※泉区は、前年度の報告がありません（前年度の合計に入っていません）。"));
}

#[test]
fn a_ward_whose_only_report_is_last_years_still_uses_it_and_the_years_are_said_to_differ() {
    let mut set = five();
    set.remove_ward("izumi");
    last_year(&mut set, &[4]);
    assert_eq!(kinds(&review(&set)), ["mixed-years"]);
    assert_eq!(bundle::summary(&set, &Config::default()).previous, None);
}

#[test]
fn the_summary_table_and_csv_show_previous_year_and_change() {
    let mut set = five();
    last_year(&mut set, &[0, 1, 2, 3, 4]);
    let s = bundle::summary(&set, &Config::default());
    let html = bundle::summary_table_html(&s);
    assert!(html.contains(r#"<th scope="col" class="b-previous">前年度</th><th scope="col" class="b-change">増減</th>"#));
    assert!(html.contains(r#"<td class="b-count b-previous">8</td><td class="b-count b-change">+4</td>"#), "{html}");
    let csv = bundle::summary_csv(&s);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[1].ends_with(",合計,前年度,増減"), "{}", lines[1]);
    assert!(lines[2].ends_with(",12,8,4"), "{}", lines[2]);
    assert_eq!(messages::summary_change(-2), "−2");
}

#[test]
fn a_fall_is_a_plain_negative_number_in_the_csv() {
    let mut set = five();
    last_year(&mut set, &[0, 1, 2, 3, 4]);
    // 青葉区 sends a newer report of this year: no meetings at all.
    set.add("R5_aoba_torikumi_2.json", report("aoba", [0, 0, 0, 0], 2, 1, 5.0), at(3.0));
    let s = bundle::summary(&set, &Config::default());
    let network = &s.rows[1];
    assert_eq!((network.total.sum, network.previous.map(|p| p.sum), network.change()), (21, Some(23), Some(-2)));
    let csv = bundle::summary_csv(&s);
    assert!(csv.lines().nth(3).is_some_and(|l| l.ends_with(",21,23,-2")), "{csv}");
    assert!(bundle::summary_table_html(&s).contains(r#"<td class="b-count b-change">−2</td>"#));
}
