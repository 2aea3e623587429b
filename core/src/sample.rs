//! A complete, realistic report written for this project (not taken from any
//! real submission): for exploring the app, printing without typing, and as the
//! "all rules met" baseline in tests.

use crate::count::Count;
use crate::model::{Basis, FixedBodies, FixedBody, Report, Row, RowId, Sections, Ward};

fn row(id: u32, name: &str, count: u32, content: &str) -> Row {
    Row { id: RowId(id), name: name.to_owned(), count: Some(Count::Number(count)), content: content.to_owned() }
}

fn body(count: u32, content: &str, local_name: &str, parts: Vec<Row>) -> FixedBody {
    FixedBody { count: Some(Count::Number(count)), content: content.to_owned(), local_name: local_name.to_owned(), parts }
}

/// 令和５年度 若林区, counts projected to R6.3.
pub fn sample_report() -> Report {
    Report {
        fiscal_year: Some(2023),
        ward: Some(Ward { name: "若林区".to_owned(), slug: "wakabayashi".to_owned() }),
        basis: Some(Basis::Projected { year: Some(2024), month: Some(3) }),
        bodies: FixedBodies {
            plenary: body(
                2,
                "・今年度の活動計画と各会議の報告\n・地域課題の共有（災害時の要配慮者支援）\n・次年度の重点テーマについての意見交換",
                "若林区障害者地域支援会議",
                vec![],
            ),
            network: body(
                6,
                "",
                "わかばやしつながりネット",
                vec![
                    row(1, "全体会", 1, "事例検討「地域で暮らし続けるための支援」"),
                    row(2, "六郷・七郷エリア", 3, "エリア内の社会資源マップ更新、事業所見学会"),
                    row(3, "荒井・沖野エリア", 2, "移動支援の現状についての情報交換"),
                ],
            ),
            liaison: body(
                11,
                "①委託相談支援事業所の活動報告\n②計画相談の受け入れ状況の共有\n③研修（虐待防止・権利擁護）",
                "",
                vec![],
            ),
            steering: body(12, "協議会の運営方針、各会議の企画と振り返り、課題の整理", "", vec![]),
        },
        teams: vec![
            row(
                4,
                "防災プロジェクトチーム",
                4,
                "・福祉避難所の開設訓練への参加\n・個別避難計画づくりの手引き（当事者向け）の作成",
            ),
            row(5, "就労支援プロジェクトチーム", 3, "区内企業との懇談会の企画、職場見学会の実施"),
        ],
        activities: vec![row(6, "特別支援学校との情報交換会", 1, "卒業後の進路と地域の相談窓口について意見交換")],
        sections: Sections {
            main_work: "【全体協議会】\n・地域課題として災害時の要配慮者支援を取り上げ、防災プロジェクトチームの取組みを共有した。\n\n〇実務者ネットワーク会議\n・エリアごとの会議を定着させ、顔の見える関係づくりを進めた。\n・社会資源マップを更新し、区内の相談窓口に配布した。".to_owned(),
            issues: "・災害時に支援が必要な方の把握と、個別避難計画づくりが十分に進んでいない。\n・特別支援学校卒業後の日中活動の場が不足している。\n・協議会の取組みが区民に十分知られていない。".to_owned(),
            plans: "（１）防災の取組み\n　①個別避難計画の手引きを活用した研修を行う。\n　②福祉避難所の訓練に当事者の参加を広げる。\n（２）地域への発信\n　・協議会だよりを年２回発行する。\n　　⇒区民まつりでの展示も検討する。".to_owned(),
        },
        comments: Vec::new(),
    }
}

/// The benchmarks' large report: the sample with 20 teams and about 10,000
/// characters of text (what a ward with many activities writes).
pub fn large_report() -> Report {
    let mut r = sample_report();
    let line = "・地域の相談支援事業所と連携し、事例検討を行った。\n"; // 26 characters
    r.teams = (0..20)
        .map(|i| Row {
            id: RowId(100 + i),
            name: format!("プロジェクトチーム{i}"),
            count: Some(Count::Text("１２回".into())),
            content: line.repeat(10),
        })
        .collect();
    r.sections.main_work = line.repeat(110);
    r.sections.issues = line.repeat(40);
    r.sections.plans = line.repeat(40);
    r
}
