//! The city's bundle: its warnings, summary table and status words.

use crate::fiscal::{era_fiscal_year, era_short_year};

fn ward_names<'a>(slugs: impl IntoIterator<Item = &'a String>, config: &crate::config::Config) -> String {
    let names: Vec<&str> = slugs.into_iter().map(|s| config.ward(s).map_or(s.as_str(), |w| w.name.as_str())).collect();
    names.join("、")
}

/// A warning about the set of ward reports being bound (取りまとめ).
pub fn bundle_warning(w: &crate::bundle::BundleWarning, config: &crate::config::Config) -> String {
    use crate::bundle::BundleWarning as W;
    match w {
        W::MissingWards { slugs } => format!("{}の報告がまだありません。届いたファイルを読み込んでください。", ward_names(slugs, config)),
        W::Duplicates { slug, used, others, chosen } => format!(
            "{}の報告が{}件あります。{}「{used}」を使います（ほかに「{}」）。別のファイルを使うときは選び直してください。",
            ward_names([slug], config),
            others.len() + 1,
            if *chosen { "選んだ" } else { "最後に更新された" },
            others.join("」「")
        ),
        W::MixedYears { years } => {
            let each: Vec<String> = years.iter().map(|y| y.map_or("年度未設定".to_owned(), era_fiscal_year)).collect();
            format!("年度の違う報告が混ざっています（{}）。同じ年度の報告にそろえてください。", each.join("、"))
        }
        W::Drafts { slugs } => format!("{}の報告は下書きのままです。完成した報告を送ってもらってください。", ward_names(slugs, config)),
        W::RuleErrors { wards } => {
            let each: Vec<String> = wards.iter().map(|(s, n)| format!("{}（{n}件）", ward_names([s], config))).collect();
            format!("{}の報告に、記入の誤り（エラー）があります。各区に確かめてください。", each.join("、"))
        }
        W::OutsideConfig { file_names } => format!(
            "「{}」は、設定された区の報告ではない（または区が選ばれていない）ため、取りまとめに入りません。",
            file_names.join("」「")
        ),
        W::UnreadableFiles { file_names } => format!("「{}」は読み込めなかったため、取りまとめに入りません。", file_names.join("」「")),
    }
}

/// The summary's title: 「令和４年度　実施回数の一覧」 (no 年度 when none or mixed).
pub fn summary_title(fiscal_year: Option<i32>) -> String {
    fiscal_year.map_or("実施回数の一覧".to_owned(), |y| format!("{}\u{3000}実施回数の一覧", era_fiscal_year(y)))
}

/// The label of a row of 「実施回数の一覧」.
pub fn summary_row_label(kind: crate::bundle::SummaryRowKind) -> &'static str {
    use crate::bundle::SummaryRowKind as K;
    match kind {
        K::Body(body) => body.short_name(),
        K::Teams => "プロジェクトチーム数",
        K::Activities => "その他の活動数",
    }
}

/// The summary's fixed words: the first header cell, the total column, the mark of a projected ward.
pub const SUMMARY_CORNER: &str = "会議";

pub const SUMMARY_TOTAL: &str = "合計";

pub const SUMMARY_PROJECTED: &str = "見込み";

/// The columns beside 合計 when the set holds last year's reports too.
pub const SUMMARY_PREVIOUS: &str = "前年度";

pub const SUMMARY_CHANGE: &str = "増減";

/// 増減 as the table shows it: 「+3」「−2」「0」.
pub fn summary_change(change: i64) -> String {
    match change {
        1.. => format!("+{change}"),
        0 => "0".to_owned(),
        _ => format!("\u{2212}{}", change.unsigned_abs()),
    }
}

/// The note lines under the summary: projected wards with the year-month, and what blank cells mean.
pub fn summary_notes(summary: &crate::bundle::Summary) -> Vec<String> {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for column in &summary.columns {
        let Some(p) = column.projected else { continue };
        let when = match (p.year, p.month) {
            (Some(y), Some(m)) => format!("{}.{m}時点の", era_short_year(y)),
            _ => String::new(),
        };
        match groups.iter_mut().find(|(w, _)| *w == when) {
            Some((_, wards)) => wards.push(&column.ward.name),
            None => groups.push((when, vec![&column.ward.name])),
        }
    }
    let mut notes: Vec<String> = groups.into_iter().map(|(when, wards)| format!("※{}は{when}見込みです。", wards.join("・"))).collect();
    if let Some(previous) = &summary.previous {
        notes.push(format!("※前年度は{}の報告の合計、増減は今年度の合計との差です。", era_fiscal_year(previous.fiscal_year)));
        if !previous.missing.is_empty() {
            notes.push(format!("※{}は、前年度の報告がありません（前年度の合計に入っていません）。", previous.missing.join("・")));
        }
    }
    if summary.has_unknown() {
        notes.push("※空欄は、報告がないか、回数が未入力または数字として読めないものです。合計は分かっている回数の和です。".to_owned());
    }
    notes
}

/// The message for a bundle file (or a stored bundle) that could not be read.
pub fn bundle_error(file_name: &str, error: &crate::bundle::BundleError) -> String {
    format!("「{file_name}」を読み込めませんでした。{}。", bundle_error_reason(error))
}

/// Why a bundle file (or the stored set) could not be read, without the file's name.
fn bundle_error_reason(error: &crate::bundle::BundleError) -> String {
    use crate::bundle::BundleError as E;
    match error {
        E::NotJson { line, column } => format!("JSONファイルとして読めません（{line}行目{column}文字目）"),
        E::NotABundle => "取りまとめのファイルではありません".to_owned(),
        E::NewerVersion { found, supported } => format!("新しい版のアプリで作られたファイル（形式 v{found}）です。このアプリが読めるのは v{supported} までです。ページを再読み込みして最新版にしてください"),
        E::Invalid { detail } => format!("内容が壊れているか、形式が違います（技術的な詳細：{detail}）"),
        E::TooLarge { .. } => "大きすぎるか、報告の数が多すぎます".to_owned(),
    }
}

/// A ward's status on the bound report's cover: 完成, 下書き, or 未提出 (no report).
pub fn bundle_status(s: Option<crate::model::Status>) -> &'static str { match s { Some(crate::model::Status::Finished) => "完成", Some(crate::model::Status::Draft) => "下書き", None => "未提出" } }

/// The message when the kept set cannot be read or written.
pub fn bundle_store_error(error: &crate::bundle::stored::BundleStoreError) -> String {
    use crate::bundle::stored::BundleStoreError as E;
    use crate::drafts::StorageError;
    match error {
        E::Storage(StorageError::Full) => "この端末の保存領域がいっぱいで、取りまとめを保存できませんでした。読み込んだ内容はこのページの中に残っています。「まとめてJSONを書き出す」でファイルに保存してください。".to_owned(),
        E::Storage(StorageError::Unavailable) => "このブラウザーでは取りまとめを保存できません（保存機能が無効になっています）。読み込んだ内容はこのページの中だけにあります。「まとめてJSONを書き出す」でファイルに保存してください。".to_owned(),
        E::Storage(StorageError::Refused(detail)) => format!("ブラウザーが取りまとめの保存を拒否しました（{detail}）。読み込んだ内容はこのページの中に残っています。「まとめてJSONを書き出す」でファイルに保存してください。"),
        E::Damaged(e) => format!("保存されている取りまとめを読めません（{}）。消さずに残してあります。「保存内容をダウンロード」で取り出してから「すべて外す」で空にできます。", bundle_error_reason(e)),
        E::JoinPastLimit => format!(
            "別のタブで取りまとめが変更されました。このページの報告と合わせると上限（報告{}件、合わせて{}MB、指摘は1つの報告に{}件）を超えるため、このページの変更はまだ保存していません。「まとめてJSONを書き出す」でファイルに保存してからページを再読み込みし、使わない報告や指摘を外して、そのファイルを追加し直してください。",
            crate::bundle::MAX_BUNDLE_REPORTS,
            crate::bundle::MAX_BUNDLE_BYTES / (1024 * 1024),
            crate::comments::MAX_COMMENTS
        ),
        E::Stale => "別のタブで取りまとめが変更されていたため、その内容を表示しました。操作はまだ行っていません。もう一度操作してください。".to_owned(),
    }
}

/// Said after files were added to the bundle: what was added, what was already
/// there, and what the set's limits kept out (with what to do).
pub fn bundle_added_all(added: &crate::bundle::Added) -> String {
    use crate::bundle::{MAX_BUNDLE_BYTES, MAX_BUNDLE_REPORTS};
    let mut text = bundle_added(added.reports, added.unreadable);
    if added.already > 0 {
        text.push_str(&format!("{}件は、取りまとめにすでにある報告と同じ内容のため、追加していません。", added.already));
    }
    if added.past_limit > 0 {
        text.push_str(&format!(
            "{}件は、取りまとめに入れられる上限（報告{MAX_BUNDLE_REPORTS}件、合わせて{}MB）を超えるため、追加していません。使わない報告を外してから、もう一度追加してください。",
            added.past_limit,
            MAX_BUNDLE_BYTES / (1024 * 1024)
        ));
    }
    text
}

/// Announced after files were added to the bundle: how many reports, how many unreadable.
pub fn bundle_added(reports: usize, unreadable: usize) -> String {
    let mut text = format!("{reports}件の報告を追加しました。");
    if unreadable > 0 {
        text.push_str(&format!("読み込めなかったファイルが{unreadable}件あります。"));
    }
    text
}

/// Asked before leaving 取りまとめ while the set holds changes storage refused.
pub const LEAVE_UNSAVED_BUNDLE: &str = "取りまとめに、この端末に保存できていない変更があります。移動すると、その変更は失われます（各区のファイルから読み込み直せます）。先に「まとめてJSONを書き出す」で保存できます。移動しますか？";
