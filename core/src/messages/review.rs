//! The city's review (指摘) and the ward's answers.

use crate::comments::file::Review;
use crate::comments::{Merged, Tally};
use crate::fiscal::era_fiscal_year;

/// 「指摘3件（対応済み2件）」
pub fn comment_tally(tally: Tally) -> String {
    format!("指摘{}件（対応済み{}件）", tally.comments, tally.resolved)
}

/// Whose report a review file is about: 「令和４年度 青葉区」.
fn about(review: &Review) -> String {
    format!("{} {}", era_fiscal_year(review.fiscal_year), review.ward.name)
}

/// No draft here is the report the review file is about.
pub fn review_without_draft(file_name: &str, review: &Review) -> String {
    format!(
        "「{file_name}」は{}の報告への指摘ですが、この端末にその下書きがありません。先に、市に送った報告のファイル（JSON）を「読み込む」で読み込んでから、指摘のファイルを読み込んでください。",
        about(review)
    )
}

/// The review was made on other content than the draft holds now.
pub fn review_on_other_content(review: &Review) -> String {
    format!(
        "この指摘は、この下書きとは違う内容の報告（{}に更新された版）に対して書かれています。指摘の箇所が今の内容と合っているか確かめてください。",
        review.report_changed.display_ja()
    )
}

/// What reading a review file did to the draft.
pub fn review_read(review: &Review, merged: &Merged) -> String {
    match (merged.added, merged.updated) {
        (0, 0) => format!("{}の報告への指摘は、すでにすべて読み込まれています。", about(review)),
        (added, 0) => format!("{}の報告に、市からの指摘を{added}件読み込みました。", about(review)),
        (added, updated) => {
            format!("{}の報告に、市からの指摘を{added}件読み込み、{updated}件の指摘を市の書き直した内容にしました。", about(review))
        }
    }
}

/// Where a comment points when the ward removed its row (it shows at the top of the report).
pub const REMOVED_ROW: &str = "削除された行";
/// A comment about the whole report.
pub const REPORT_COMMENTS: &str = "報告全体への指摘";
/// The city pressed 「指摘を保存」 with nothing written.
pub const COMMENT_EMPTY: &str = "指摘の文を入力してから「指摘を保存」を押してください。";
/// The report was taken out of 取りまとめ (in another tab) while the city wrote a comment.
pub const COMMENT_REPORT_GONE: &str =
    "この報告は別のタブで取りまとめから外されたため、指摘を保存できません。書きかけの文は画面に残っています。コピーしてから「← 読み込んだ報告に戻る」で報告を読み込み直してください。";
/// The card of 「確認する」 that holds the report's basics.
pub const BASICS_CARD: &str = "年度・区・集計の区分";
