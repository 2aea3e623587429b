//! One test per rule of REPORT-FORM.md, each for the firing and the quiet case.
//! Each starts from the complete sample report (which meets every rule) and
//! changes the one thing the rule is about.

use torikumi_core::sample::sample_report;
use torikumi_core::{
    check, BodyKind, Basis, Cell, Config, Context, Count, Field, ListKind, Report, Row, RowId, SectionKind,
    Severity,
};

const NOW_FY: i32 = 2026;

fn findings(report: &Report) -> Vec<torikumi_core::Finding> {
    let config = Config::default();
    check(report, &Context { config: &config, current_fiscal_year: NOW_FY })
}

/// The findings of one rule, as (field, message).
fn of_rule(report: &Report, rule: &str) -> Vec<(Field, String)> {
    findings(report).into_iter().filter(|f| f.rule_id() == rule).map(|f| (f.field, f.message)).collect()
}

/// The severity each rule has in REPORT-FORM.md: errors block finishing, warnings do not.
fn severity_on_the_form(rule: &str) -> Severity {
    const WARNINGS: [&str; 8] = [
        "content-too-long",
        "parts-sum",
        "zero-count-with-content",
        "section-refers-elsewhere",
        "count-over-weekly",
        "notation-variants",
        "template-note",
        "placeholder-text",
    ];
    if WARNINGS.contains(&rule) {
        Severity::Warning
    } else {
        Severity::Error
    }
}

/// The rule fires once, on `field`, with the severity the form gives it; its message.
fn fires_once(report: &Report, rule: &str, field: Field) -> String {
    let found: Vec<_> = findings(report).into_iter().filter(|f| f.rule_id() == rule).collect();
    assert_eq!(found.len(), 1, "{rule}: {found:?}");
    assert_eq!(found[0].field, field, "{rule}");
    assert_eq!(found[0].severity(), severity_on_the_form(rule), "{rule}: its severity");
    found[0].message.clone()
}

fn quiet(report: &Report, rule: &str) {
    assert_eq!(of_rule(report, rule), vec![], "{rule} should not fire");
}

fn text(s: &str) -> Option<Count> {
    Some(Count::Text(s.to_owned()))
}

const TEAM1: RowId = RowId(4);

#[test]
fn the_sample_report_meets_every_rule() {
    assert_eq!(findings(&sample_report()), vec![]);
}

#[test]
fn fiscal_year_missing() {
    let mut r = sample_report();
    quiet(&r, "fiscal-year-missing");
    r.fiscal_year = None;
    let m = fires_once(&r, "fiscal-year-missing", Field::FiscalYear);
    assert!(m.contains("年度"), "{m}");
}

#[test]
fn fiscal_year_range() {
    let mut r = sample_report();
    r.fiscal_year = Some(2019);
    r.basis = Some(Basis::Actual);
    quiet(&r, "fiscal-year-range");
    r.fiscal_year = Some(NOW_FY + 1);
    quiet(&r, "fiscal-year-range");
    r.fiscal_year = Some(2018);
    let m = fires_once(&r, "fiscal-year-range", Field::FiscalYear);
    assert!(m.contains("令和元年度から令和９年度まで"), "{m}");
    r.fiscal_year = Some(NOW_FY + 2);
    fires_once(&r, "fiscal-year-range", Field::FiscalYear);
}

#[test]
fn ward_missing() {
    let mut r = sample_report();
    quiet(&r, "ward-missing");
    r.ward = None;
    fires_once(&r, "ward-missing", Field::Ward);
}

#[test]
fn basis_missing() {
    let mut r = sample_report();
    quiet(&r, "basis-missing");
    r.basis = Some(Basis::Actual);
    quiet(&r, "basis-missing");
    r.basis = None;
    let m = fires_once(&r, "basis-missing", Field::Basis);
    assert!(m.contains("集計の区分"), "{m}");
}

#[test]
fn projection_missing() {
    let mut r = sample_report();
    quiet(&r, "projection-missing");
    r.basis = Some(Basis::Projected { year: Some(2024), month: None });
    fires_once(&r, "projection-missing", Field::Projection);
    r.basis = Some(Basis::Projected { year: None, month: None });
    fires_once(&r, "projection-missing", Field::Projection);
}

#[test]
fn projection_range() {
    let mut r = sample_report(); // 令和５年度 = April 2023 – March 2024
    for (year, month) in [(2023, 4), (2023, 12), (2024, 1), (2024, 3)] {
        r.basis = Some(Basis::Projected { year: Some(year), month: Some(month) });
        quiet(&r, "projection-range");
    }
    for (year, month) in [(2023, 3), (2024, 4), (2024, 13), (2023, 0)] {
        r.basis = Some(Basis::Projected { year: Some(year), month: Some(month) });
        fires_once(&r, "projection-range", Field::Projection);
    }
    r.basis = Some(Basis::Projected { year: Some(2024), month: Some(4) });
    let m = fires_once(&r, "projection-range", Field::Projection);
    assert!(m.contains("R5.4からR6.3まで"), "{m}");
}

#[test]
fn count_missing() {
    let mut r = sample_report();
    quiet(&r, "count-missing");
    r.bodies.plenary.count = None;
    let m = fires_once(&r, "count-missing", Field::Body(BodyKind::Plenary, Cell::Count));
    assert!(m.starts_with("全体協議会 年間実施予定回数が未入力です。"), "{m}");

    let mut r = sample_report();
    r.teams[0].count = text("\u{3000} ");
    let m = fires_once(&r, "count-missing", Field::Item(ListKind::Teams, TEAM1, Cell::Count));
    assert!(m.starts_with("プロジェクトチーム1 年間実施予定回数が未入力です。"), "{m}");

    let mut r = sample_report();
    r.bodies.network.parts[1].count = None;
    let m = fires_once(&r, "count-missing", Field::Part(BodyKind::Network, RowId(2), Cell::Count));
    assert!(m.starts_with("実務者ネットワーク会議 内訳2 回数が未入力です。"), "{m}");
}

#[test]
fn count_zero_is_an_answer() {
    let mut r = sample_report();
    r.bodies.steering.count = Some(Count::Number(0));
    r.bodies.steering.content = "なし".to_owned();
    assert_eq!(findings(&r), vec![]);
}

#[test]
fn count_invalid() {
    let mut r = sample_report();
    r.bodies.liaison.count = text("１１回");
    quiet(&r, "count-invalid");
    for typed in ["十二", "1.5", "-1"] {
        r.bodies.liaison.count = text(typed);
        let m = fires_once(&r, "count-invalid", Field::Body(BodyKind::Liaison, Cell::Count));
        assert!(m.contains(&format!("「{typed}」")), "the message says what was typed: {m}");
        assert!(m.contains("0以上の整数"), "and what is wanted: {m}");
    }
}

#[test]
fn content_missing() {
    let mut r = sample_report();
    // The network body has no content of its own, but its parts have.
    quiet(&r, "content-missing");
    r.bodies.plenary.content = " \n".to_owned();
    let m = fires_once(&r, "content-missing", Field::Body(BodyKind::Plenary, Cell::Content));
    assert!(m.starts_with("全体協議会 主な内容・議題等が未入力です。"), "{m}");

    let mut r = sample_report();
    for part in &mut r.bodies.network.parts {
        part.content.clear();
    }
    fires_once(&r, "content-missing", Field::Body(BodyKind::Network, Cell::Content));

    let mut r = sample_report();
    r.activities[0].content.clear();
    fires_once(&r, "content-missing", Field::Item(ListKind::Activities, RowId(6), Cell::Content));
    r.activities[0].count = Some(Count::Number(0));
    quiet(&r, "content-missing");
}

#[test]
fn name_missing() {
    let mut r = sample_report();
    quiet(&r, "name-missing");
    r.teams[1].name = "\u{3000}".to_owned();
    let m = fires_once(&r, "name-missing", Field::Item(ListKind::Teams, RowId(5), Cell::Name));
    assert!(m.starts_with("プロジェクトチーム2 名称が未入力です。"), "{m}");

    let mut r = sample_report();
    r.bodies.network.parts[0].name.clear();
    fires_once(&r, "name-missing", Field::Part(BodyKind::Network, RowId(1), Cell::Name));
}

#[test]
fn name_placeholder() {
    let mut r = sample_report();
    for name in ["○○PTの振り返り", "〇〇支援PT", "PT"] {
        r.teams[0].name = name.to_owned();
        quiet(&r, "name-placeholder");
    }
    for name in ["○○○○PT", "〇〇〇〇ＰＴ", "◯◯", " ○○ PT "] {
        r.teams[0].name = name.to_owned();
        let m = fires_once(&r, "name-placeholder", Field::Item(ListKind::Teams, TEAM1, Cell::Name));
        assert!(m.contains("見本のまま"), "{m}");
    }
}

#[test]
fn section_empty() {
    let mut r = sample_report();
    quiet(&r, "section-empty");
    r.sections.issues = " \u{3000}\n\t".to_owned();
    let m = fires_once(&r, "section-empty", Field::Section(SectionKind::Issues));
    assert!(m.starts_with("現状における課題が未入力です。"), "{m}");
}

#[test]
fn content_too_long() {
    let mut r = sample_report();
    // 300 characters of three UTF-8 bytes each: within the brief length, though 900 bytes long.
    r.bodies.plenary.content = "あ".repeat(300);
    quiet(&r, "content-too-long");
    r.bodies.plenary.content = "あ".repeat(301);
    let m = fires_once(&r, "content-too-long", Field::Body(BodyKind::Plenary, Cell::Content));
    assert!(m.contains("301文字") && m.contains("300文字以内"), "{m}");
    // Characters, not UTF-16 units: 300 astral characters are still 300.
    r.bodies.plenary.content = "𠮷".repeat(300);
    quiet(&r, "content-too-long");
}

#[test]
fn content_too_long_uses_the_configured_brief_length() {
    let config = Config { brief_length: 10, ..Config::default() };
    let mut r = sample_report();
    r.teams[0].content = "あ".repeat(11);
    let found = check(&r, &Context { config: &config, current_fiscal_year: NOW_FY });
    assert!(found.iter().any(|f| f.rule_id() == "content-too-long"
        && f.field == Field::Item(ListKind::Teams, TEAM1, Cell::Content)));
}

#[test]
fn parts_sum() {
    let mut r = sample_report();
    quiet(&r, "parts-sum");
    r.bodies.network.count = Some(Count::Number(7));
    let m = fires_once(&r, "parts-sum", Field::Body(BodyKind::Network, Cell::Count));
    assert!(m.contains("7回") && m.contains("6回"), "{m}");
    // A part without a usable count is reported as such, not as a wrong sum.
    r.bodies.network.parts[0].count = text("一");
    quiet(&r, "parts-sum");
}

#[test]
fn zero_count_with_content() {
    let mut r = sample_report();
    r.bodies.steering.count = Some(Count::Number(0));
    for none in ["なし", " 特になし\n", "無し", ""] {
        r.bodies.steering.content = none.to_owned();
        quiet(&r, "zero-count-with-content");
    }
    r.bodies.steering.content = "運営方針の確認".to_owned();
    fires_once(&r, "zero-count-with-content", Field::Body(BodyKind::Steering, Cell::Content));
}

#[test]
fn section_refers_elsewhere() {
    let mut r = sample_report();
    quiet(&r, "section-refers-elsewhere");
    r.sections.plans = "上記の通りとするが、詳細は別紙".to_owned();
    quiet(&r, "section-refers-elsewhere");
    for t in ["上記の通り。", "・上記のとおり", " 同上 ", "前述の通り", "・前述のとおり。"] {
        r.sections.plans = t.to_owned();
        fires_once(&r, "section-refers-elsewhere", Field::Section(SectionKind::Plans));
    }
}

#[test]
fn count_over_weekly() {
    let mut r = sample_report();
    r.bodies.steering.count = Some(Count::Number(52));
    quiet(&r, "count-over-weekly");
    r.bodies.steering.count = text("１２０回");
    let m = fires_once(&r, "count-over-weekly", Field::Body(BodyKind::Steering, Cell::Count));
    assert!(m.contains("120回"), "{m}");
}

#[test]
fn count_over_weekly_starts_at_53() {
    let mut r = sample_report();
    r.activities[0].count = Some(Count::Number(53));
    let m = fires_once(&r, "count-over-weekly", Field::Item(ListKind::Activities, RowId(6), Cell::Count));
    assert!(m.contains("53回"), "{m}");
    r.bodies.network.parts[0].count = Some(Count::Number(53));
    assert_eq!(of_rule(&r, "count-over-weekly").len(), 2, "parts are counts too");
}

#[test]
fn fiscal_year_range_turns_on_1_april_in_japan_time() {
    use torikumi_core::Timestamp;
    // 2027-03-31 23:59 and 2027-04-01 00:00 in Japan (15:00 UTC the day before).
    let before = Timestamp::from_unix_millis(1_806_505_140_000.0);
    let after = Timestamp::from_unix_millis(1_806_505_200_000.0);
    assert_eq!((before.fiscal_year(), after.fiscal_year()), (2026, 2027));
    let config = Config::default();
    let mut r = sample_report();
    r.fiscal_year = Some(2028);
    r.basis = Some(Basis::Actual);
    for (now, fires) in [(before, true), (after, false)] {
        let found = check(&r, &Context { config: &config, current_fiscal_year: now.fiscal_year() });
        let range: Vec<_> = found.iter().filter(|f| f.rule_id() == "fiscal-year-range").collect();
        assert_eq!(range.len(), usize::from(fires), "令和１０年度 on {}", now.display_ja());
        assert!(range.iter().all(|f| f.severity() == Severity::Error));
    }
}

#[test]
fn row_rules_hold_for_activities_and_parts_too() {
    let mut r = sample_report();
    r.activities[0].name.clear();
    fires_once(&r, "name-missing", Field::Item(ListKind::Activities, RowId(6), Cell::Name));
    let mut r = sample_report();
    r.activities[0].count = text("いっかい");
    fires_once(&r, "count-invalid", Field::Item(ListKind::Activities, RowId(6), Cell::Count));
    let mut r = sample_report();
    r.activities[0].count = None;
    fires_once(&r, "count-missing", Field::Item(ListKind::Activities, RowId(6), Cell::Count));
    let mut r = sample_report();
    r.bodies.network.parts[2].count = text("二");
    fires_once(&r, "count-invalid", Field::Part(BodyKind::Network, RowId(3), Cell::Count));
    let mut r = sample_report();
    r.bodies.network.parts[2].count = Some(Count::Number(0));
    r.bodies.network.count = Some(Count::Number(4));
    fires_once(&r, "zero-count-with-content", Field::Part(BodyKind::Network, RowId(3), Cell::Content));
    let mut r = sample_report();
    r.activities[0].name = "○○○○PT".to_owned();
    fires_once(&r, "name-placeholder", Field::Item(ListKind::Activities, RowId(6), Cell::Name));
}

#[test]
fn errors_block_finishing_and_warnings_do_not() {
    let mut r = sample_report();
    r.bodies.steering.count = Some(Count::Number(60));
    let found = findings(&r);
    assert!(found.iter().all(|f| f.severity() == Severity::Warning));
    assert!(torikumi_core::rules::can_finish(&found));
    r.ward = None;
    assert!(!torikumi_core::rules::can_finish(&findings(&r)));
}

#[test]
fn an_empty_report_lists_its_errors_in_the_forms_order() {
    let mut r = Report::default();
    r.teams.push(Row::empty(RowId(1)));
    let rules: Vec<_> = findings(&r).iter().map(|f| f.rule_id()).collect();
    assert_eq!(
        rules,
        [
            "fiscal-year-missing",
            "ward-missing",
            "basis-missing",
            "count-missing", // （１）
            "count-missing", // （２）
            "count-missing", // （３）
            "count-missing", // （５）
            "name-missing",  // team 1
            "count-missing", // team 1
            "section-empty",
            "section-empty",
            "section-empty",
        ]
    );
    assert!(findings(&r).iter().all(|f| !f.message.is_empty()));
}
