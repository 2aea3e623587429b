//! Findings of the rules, naming the field by its accessible name.

use crate::findings::Problem;
use crate::fiscal::{era_fiscal_year, era_short_year};

/// The message for a finding on the field labelled `label`.
pub fn finding(problem: &Problem, label: &str) -> String {
    match problem {
        Problem::FiscalYearMissing => "年度が選ばれていません。報告する年度を選んでください。".to_owned(),
        Problem::FiscalYearOutOfRange { year, latest } => format!(
            "年度「{}」は選べません。{}から{}までの年度を選んでください。",
            era_fiscal_year(*year),
            era_fiscal_year(crate::fiscal::FIRST_FISCAL_YEAR),
            era_fiscal_year(*latest)
        ),
        Problem::WardMissing => "区が選ばれていません。報告する区を選んでください。".to_owned(),
        Problem::BasisMissing => {
            "集計の区分が選ばれていません。「実績」か「見込み」を選んでください。".to_owned()
        }
        Problem::ProjectionMissing => {
            "見込み時点が未入力です。いつの時点の見込みか、年と月を入力してください（例：R5.3）。".to_owned()
        }
        Problem::ProjectionOutOfYear { year, month, fiscal_year } => format!(
            "見込み時点「{}.{}」が{}の範囲外です。{}.4から{}.3までの年月にしてください。",
            era_short_year(*year),
            month,
            era_fiscal_year(*fiscal_year),
            era_short_year(*fiscal_year),
            era_short_year(fiscal_year + 1)
        ),
        Problem::CountMissing => {
            format!("{label}が未入力です。回数を数字で入力してください（開催しない場合は0）。")
        }
        Problem::CountInvalid { typed } => format!(
            "{label}「{typed}」は回数として読めません。0以上の整数を数字で入力してください（例：12）。"
        ),
        Problem::ContentMissing => {
            format!("{label}が未入力です。回数が1回以上のときは、主な内容・議題等を入力してください。")
        }
        Problem::NameMissing => format!("{label}が未入力です。名称を入力してください。"),
        Problem::NamePlaceholder { name } => {
            format!("{label}「{name}」は様式の見本のままです。実際の名称に書き換えてください。")
        }
        Problem::SectionEmpty => format!("{label}が未入力です。本文を入力してください。"),
        Problem::ContentTooLong { chars, max } => {
            format!("{label}が{chars}文字あります。{max}文字以内を目安に、簡潔にまとめてください。")
        }
        Problem::PartsSumMismatch { sum, count } => format!(
            "{label}（{count}回）と内訳の回数の合計（{sum}回）が合いません。回数を確かめてください。"
        ),
        Problem::ZeroCountWithContent => format!(
            "回数が0回ですが、{label}に記載があります。開催しない場合は「なし」と書き、開催する場合は回数を入力してください。"
        ),
        Problem::SectionRefersElsewhere => format!(
            "{label}が「上記の通り」のような参照だけになっています。この項目の内容を具体的に書いてください。"
        ),
        Problem::CountImplausible { count } => {
            format!("{label}が{count}回です（週1回より多い回数です）。入力の誤りがないか確かめてください。")
        }
        Problem::NotationVariants { spellings, .. } => {
            let each: Vec<String> = spellings.iter().map(|(s, n)| format!("『{s}』（{n}か所）")).collect();
            format!("同じ語が{}と、違う書き方で書かれています（表記ゆれ）。どれかに統一してください。", each.join("と"))
        }
        Problem::TemplateNote => format!(
            "{label}に様式の注意書き「※行が足りない場合は、ページ内で適宜追加してください。」が残っています。削除してください。"
        ),
        Problem::PlaceholderText => {
            format!("{label}に様式の見本の「○○○○」が残っています。実際の内容に書き換えてください。")
        }
        Problem::CommentOpen { on, text } => {
            let on = on.as_deref().unwrap_or(super::REMOVED_ROW);
            format!("市からの指摘（{on}）「{text}」が対応済みになっていません。対応したら、指摘の「対応済みにする」を押してください。")
        }
    }
}

/// The summary's count line, also announced when 「完成にする」 stops at findings.
pub fn findings_count(errors: usize, warnings: usize) -> String {
    if errors > 0 {
        format!("エラーが{errors}件、注意が{warnings}件あります。エラーを直すと完成にできます。")
    } else {
        format!("注意が{warnings}件あります。直さずに完成にすることもできます。")
    }
}
