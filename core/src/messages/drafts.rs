//! Drafts in storage: what was not stored, not changed, or brought back.

use crate::drafts::history::HistoryError;
use crate::drafts::lease::TakeOverRefused;
use crate::drafts::lifecycle::DraftError;
use crate::drafts::{StorageError, StoredError};

/// The message shown when a draft could not be stored: what happened and what to do.
pub fn storage_error(error: &StorageError) -> String {
    let what = match error {
        StorageError::Unavailable => "このブラウザーでは下書きを保存できません（保存機能が無効になっています）".to_owned(),
        StorageError::Full => "この端末の保存領域がいっぱいで、下書きを保存できませんでした".to_owned(),
        StorageError::Refused(detail) => format!("ブラウザーが下書きの保存を拒否しました（{detail}）"),
    };
    format!(
        "{what}。入力した内容はこのページの中に残っていて、編集は続けられます。今すぐ「JSONを書き出す」でファイルに保存してください。保存領域がいっぱいのときは、最初のページで不要な下書きを削除すると保存できるようになります。"
    )
}

/// Why 「前年度から作成」 made nothing: the next year is outside the years the app reads
/// ([`crate::limits::next_year`]).
pub fn next_year_error(error: &crate::limits::LimitError) -> String {
    let (_, last) = crate::limits::REPORT_YEARS.into_inner();
    match error {
        crate::limits::LimitError::FiscalYearOutOfRange { year } => format!(
            "次の年度（{year}年度）の下書きは作れません。このアプリで扱える年度は{last}年度までです。もとにする報告の年度を確かめてください。"
        ),
        other => format!("次の年度の下書きを作れませんでした（{other}）。"),
    }
}

/// Said while the PC clock is outside the years the app handles (a dead clock
/// battery reads 1999 or earlier): the times are recorded at the edge of the years.
pub fn clock_outside_years(year: i32) -> String {
    let (first, last) = crate::limits::TIMESTAMP_YEARS.into_inner();
    let (edge, when) = if year < first { (format!("{first}年1月1日"), "より前") } else { (format!("{last}年12月31日"), "より後") };
    format!(
        "このパソコンの時計が{first}年〜{last}年{when}を指しています（{year}年）。作成や保存の日時は{edge}として記録します。入力した内容はいつもどおり保存されます。パソコンの時計を合わせてください。"
    )
}

/// Said beside a field when a paste (or a drop) was longer than the field takes:
/// the browser keeps only the first part, and says nothing itself.
pub fn paste_cut(pasted: usize, cut: usize) -> String {
    let max = crate::limits::MAX_TEXT_CHARS;
    format!(
        "貼り付けた文章（{pasted}文字）が長すぎたため、最後の{cut}文字は入っていません（この欄は{max}文字まで）。貼り付けた文章はまだクリップボードにあります。入らなかった部分は、短くまとめるか、別の欄に分けて書いてください。"
    )
}

/// Why a stored record cannot be read, for the list of what could not be read.
pub fn stored_error(error: &StoredError) -> String {
    match error {
        StoredError::Newer { found } => format!("新しい版のアプリ（形式 v{found}）で保存されています"),
        StoredError::Damaged(_) => "内容が壊れています".to_owned(),
    }
}

/// The message for a change to a stored draft that was not made: what happened and what to do.
pub fn draft_error(error: &DraftError) -> String {
    match error {
        DraftError::Storage(e) => storage_error(e),
        DraftError::NotFound => {
            "この下書きは見つかりませんでした。削除されたか、別のブラウザーで作られた可能性があります。".to_owned()
        }
        DraftError::Unreadable(StoredError::Newer { found }) => format!(
            "この下書きは新しい版のアプリ（形式 v{found}）で保存されています。ページを再読み込みして最新版にしてください。"
        ),
        DraftError::Unreadable(StoredError::Damaged(_)) => {
            "この下書きは壊れていて開けません。最初のページの「読み込めなかったデータ」から、そのままダウンロードできます。".to_owned()
        }
        DraftError::Conflict { stored: Some(_) } => {
            "別のタブで更新されています。この画面の内容はまだ保存されていません。新しい方を開くか、この画面の内容を別の下書きとして残すかを選んでください。".to_owned()
        }
        DraftError::Conflict { stored: None } => {
            "この下書きは別のタブで削除されました。この画面の内容はまだ保存されていません。別の下書きとして残すことができます。".to_owned()
        }
        DraftError::NoBackup(e) => format!(
            "今の内容を以前の版として残せなかったため、何も置き換えていません（{}）。先に「JSONを書き出す」でファイルに保存してください。",
            history_error(e)
        ),
        DraftError::NotInTrash => {
            "この下書きはごみ箱にありません。別のタブで元に戻された可能性があります。".to_owned()
        }
    }
}

/// Keeping an earlier version failed.
pub fn history_error(error: &HistoryError) -> String {
    match error {
        HistoryError::Storage(e) => match e {
            StorageError::Full => "保存領域がいっぱいで、以前の版を残せませんでした".to_owned(),
            _ => "以前の版の記録を読み書きできませんでした".to_owned(),
        },
        HistoryError::Damaged(_) => {
            "以前の版の記録が壊れているため、以前の版を残せませんでした（記録は消さずに残してあり、最初のページからダウンロードできます）".to_owned()
        }
    }
}

/// 「置き換える」 was not done.
pub fn replace_error(error: &DraftError) -> String {
    match error {
        DraftError::Conflict { .. } => {
            "確かめている間に、この下書きが別のタブで更新されました。置き換えていません。もう一度読み込んで、選び直してください。".to_owned()
        }
        other => draft_error(other),
    }
}

/// A backup was read back.
pub fn backup_restored(file_name: &str, restored: &crate::drafts::backup::Restored, unreadable: usize) -> String {
    let mut text = format!("「{file_name}」から下書きを{}件読み込みました。", restored.added);
    if restored.unchanged > 0 {
        text.push_str(&format!("同じ内容の下書きがすでにある{}件は、そのままにしました。", restored.unchanged));
    }
    if unreadable > 0 {
        text.push_str(&format!("壊れている{unreadable}件は読み込めませんでした（ファイルには残っています）。"));
    }
    text
}

/// Announced when saving works again after it failed.
pub const SAVE_RECOVERED: &str = "保存できるようになりました。入力した内容はすべてこの端末に保存されています。";

/// Announced when a new version of the app is waiting.
/// The waiting version did not take over when asked: once every tab of the app is closed, the browser switches.
pub const UPDATE_STUCK: &str = "新しいバージョンに切り替えられませんでした。このアプリを開いているタブをすべて閉じてから、開き直してください（入力した内容はそのまま残ります）。";

pub const UPDATE_WAITING: &str = "新しいバージョンがあります。再読み込みすると新しいバージョンになります（入力した内容はそのまま残ります）。";

/// What 「このタブで編集する」 says when the other tab edits on.
pub fn take_over_refused(why: TakeOverRefused) -> &'static str {
    match why {
        TakeOverRefused::Storage => "このタブに切り替えられませんでした。この端末の保存領域がいっぱいか、保存が許可されていません。編集中のタブで続けてください。",
        TakeOverRefused::Locks => "このタブに切り替えられませんでした。ブラウザーが切り替えに応じませんでした。編集中のタブで続けるか、そのタブを閉じてから、このタブを再読み込みしてください。",
    }
}

/// Asked before leaving a draft whose text storage refused.
pub const LEAVE_UNSAVED_DRAFT: &str = "この下書きには、まだ保存できていない内容があります。移動しても、このタブを閉じるまでは内容はこのページの中に残り、開き直すと戻ります。移動しますか？";
