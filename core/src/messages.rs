//! The one place where problems and errors become Japanese text.
//!
//! Each message names the field by its accessible name and says how to fix it.

use crate::config::ConfigError;
use crate::docx::DocxError;
use crate::exchange::ImportError;
use crate::files::FileError;
use crate::fiscal::{era_fiscal_year, era_short_year};
use crate::findings::Problem;
use crate::drafts::history::HistoryError;
use crate::drafts::lifecycle::DraftError;
use crate::drafts::{StorageError, StoredError};

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
    }
}

/// The message for a file that could not be imported, naming the file.
pub fn import_error(file_name: &str, error: &ImportError) -> String {
    match error {
        ImportError::NotJson { line, column } => format!(
            "「{file_name}」を読み込めませんでした。JSONファイルとして読めません（{line}行目{column}文字目）。書き出したファイルをそのまま選んでください。"
        ),
        ImportError::NotAReport => format!(
            "「{file_name}」を読み込めませんでした。取組状況の報告ファイルではありません。「JSONを書き出す」で作ったファイルを選んでください。"
        ),
        ImportError::NewerVersion { found, supported } => format!(
            "「{file_name}」は新しい版のアプリで作られたファイル（形式 v{found}）のため読み込めません。このアプリが読めるのは v{supported} までです。ページを再読み込みして最新版にしてから読み込んでください。"
        ),
        ImportError::Unreadable => format!(
            "「{file_name}」を読めませんでした。ファイルが移動されたり、ほかのアプリで開かれたりしていないか確かめて、もう一度選んでください。"
        ),
        ImportError::HtmlWithoutReport => format!(
            "「{file_name}」を読み込めませんでした。HTMLファイルの中に報告のデータが見つからないか、壊れています。「HTMLを書き出す」で作ったファイルを、手を加えずに選んでください。"
        ),
        ImportError::Invalid { detail } => format!(
            "「{file_name}」を読み込めませんでした。ファイルの内容が壊れているか、形式が違います。書き出したファイルに手を加えずに選んでください。（技術的な詳細：{detail}）"
        ),
        ImportError::Limit(limit) => {
            use crate::edit::Place;
            use crate::fields::{item_prefix, part_prefix, Cell};
            use crate::limits::{LimitError, TextField, TimestampField, MAX_FILE_BYTES, MAX_ROWS, MAX_ROW_ID, MAX_TEXT_CHARS, REPORT_YEARS, TIMESTAMP_YEARS};
            let place_name = |place: &Place| match place {
                Place::List(list) => list.short_name().to_owned(),
                Place::Parts(body) => format!("{}の内訳", body.short_name()),
            };
            let row_cell = |cell: &Cell| match cell {
                Cell::Name => "名称",
                Cell::Count => "年間実施予定回数",
                Cell::Content => "主な内容・議題等",
                Cell::LocalName => "区での呼称",
            };
            let part_cell = |cell: &Cell| match cell {
                Cell::Name | Cell::LocalName => "名称",
                Cell::Count => "回数",
                Cell::Content => "内容",
            };
            let what = match limit {
                LimitError::FileTooLarge { .. } => {
                    return format!(
                        "「{file_name}」を読み込めませんでした。ファイルが大きすぎます（{}MBまで）。このアプリで書き出したJSONファイルかHTMLファイルを選んでください。",
                        MAX_FILE_BYTES / (1024 * 1024)
                    );
                }
                LimitError::TooManyRows { place, rows } => {
                    format!("{}が{rows}行あります（{MAX_ROWS}行まで）", place_name(place))
                }
                LimitError::TextTooLong { field, chars } => {
                    let label = match field {
                        TextField::WardName => "区の名前".to_owned(),
                        TextField::WardSlug => "区の英字名".to_owned(),
                        TextField::Body(body, cell) => format!("{} {}", body.short_name(), row_cell(cell)),
                        TextField::Part(body, n, cell) => format!("{} {}", part_prefix(*body, *n), part_cell(cell)),
                        TextField::Item(list, n, cell) => format!("{} {}", item_prefix(*list, *n), row_cell(cell)),
                        TextField::Section(kind) => kind.short_name().to_owned(),
                    };
                    format!("{label}が{chars}文字あります（{MAX_TEXT_CHARS}文字まで）")
                }
                LimitError::TimestampOutOfRange { field, at } => {
                    let name = match field {
                        TimestampField::Created => "作成日時",
                        TimestampField::Changed => "最終更新日時",
                        TimestampField::Finished => "完成日時",
                    };
                    let written = at
                        .0
                        .format(&time::format_description::well_known::Rfc3339)
                        .unwrap_or_else(|_| format!("{}年", at.0.year()));
                    let (from, to) = TIMESTAMP_YEARS.into_inner();
                    format!("{name}「{written}」が読める範囲（{from}年〜{to}年）の外です")
                }
                LimitError::FiscalYearOutOfRange { year } => {
                    let (from, to) = REPORT_YEARS.into_inner();
                    format!("年度「{year}年」が読める範囲（{from}年〜{to}年）の外です")
                }
                LimitError::ProjectionYearOutOfRange { year } => {
                    let (from, to) = REPORT_YEARS.into_inner();
                    format!("見込み時点の年「{year}年」が読める範囲（{from}年〜{to}年）の外です")
                }
                LimitError::RowIdTooLarge { place, id } => {
                    format!("{}の行の番号（id）{}が大きすぎます（{MAX_ROW_ID}まで）", place_name(place), id.0)
                }
                LimitError::DuplicateRowId { place, id } => {
                    format!("行の番号（id）{}が重複しています（{}の行がほかの行と同じ番号です）", id.0, place_name(place))
                }
            };
            format!("「{file_name}」を読み込めませんでした。{what}。書き出したファイルに手を加えずに選んでください。")
        }
    }
}

/// The message shown when `config.json` could not be used (the built-in defaults apply).
pub fn config_error(error: &ConfigError) -> String {
    let what = match error {
        ConfigError::Malformed(detail) => format!("形式が正しくありません（{detail}）"),
        ConfigError::NoWards => "区が一つも設定されていません".to_owned(),
        ConfigError::BadSlug(slug) => format!("区の英字名「{slug}」は半角英小文字・数字・ハイフンで書いてください"),
        ConfigError::DuplicateWard(name) => format!("区「{name}」が二重に設定されています"),
        ConfigError::BadBriefLength => "簡潔に記載する文字数は1以上にしてください".to_owned(),
    };
    format!("設定ファイル config.json を使えませんでした：{what}。標準の設定（仙台市の5区）で動いています。")
}

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

/// A file the browser did not take.
pub fn file_error(error: &FileError) -> String {
    match error {
        FileError::DownloadRefused { file_name } => format!(
            "「{file_name}」をダウンロードできませんでした。ブラウザーの設定でダウンロードが禁止されていないか確かめて、もう一度押してください。"
        ),
        FileError::NotWritten { file_name } => format!(
            "「{file_name}」を保存できませんでした。保存先を変えて、もう一度試してください。"
        ),
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

/// The message for a Word file that could not be read for 「前年度から作成」, naming the file.
pub fn docx_error(file_name: &str, error: &DocxError) -> String {
    match error {
        DocxError::NotDocx => format!(
            "「{file_name}」はWord文書（.docx）ではないため読み込めません。前年度の取組状況のWordファイル（.docx）を選んでください。"
        ),
        DocxError::OldDoc => format!(
            "「{file_name}」は古い形式のWord文書（.doc）のため読み込めません。Wordで開いて「名前を付けて保存」から「Word文書（*.docx）」を選んで保存し直してから、そのファイルを選んでください。"
        ),
        DocxError::Encrypted => format!(
            "「{file_name}」にはパスワードが設定されているため読み込めません。Wordで開いてパスワードを解除し（「ファイル」→「情報」→「文書の保護」→「パスワードを使用して暗号化」で空欄にする）、保存し直してから選んでください。"
        ),
        DocxError::TooLarge { .. } => format!(
            "「{file_name}」は大きすぎるため読み込めません（ファイルは{}MBまで）。画像などを削除して保存し直してから選んでください。",
            crate::docx::MAX_DOCX_BYTES / (1024 * 1024)
        ),
        DocxError::NoDocumentPart | DocxError::NotWordprocessingMl => format!(
            "「{file_name}」はWord文書（.docx）として読めません。ほかのアプリのファイルか、壊れている可能性があります。Wordで開いて「名前を付けて保存」から「Word文書（*.docx）」で保存し直してから選んでください。"
        ),
        DocxError::Malformed(detail) => format!(
            "「{file_name}」は壊れているため読み込めません。Wordで開けるか確かめ、開ける場合は「名前を付けて保存」で保存し直してから選んでください。（技術的な詳細：{detail}）"
        ),
        DocxError::NotTemplate => format!(
            "「{file_name}」は取組状況の様式（区障害者自立支援協議会 取組状況）のWord文書ではありません。前年度の取組状況を作成したWordファイルを選んでください。"
        ),
    }
}

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
    if summary.has_unknown() {
        notes.push("※空欄は、報告がないか、回数が未入力または数字として読めないものです。合計は分かっている回数の和です。".to_owned());
    }
    notes
}

/// The message for a bundle file (or a stored bundle) that could not be read.
pub fn bundle_error(file_name: &str, error: &crate::bundle::BundleError) -> String {
    use crate::bundle::BundleError as E;
    let what = match error {
        E::NotJson { line, column } => format!("JSONファイルとして読めません（{line}行目{column}文字目）"),
        E::NotABundle => "取りまとめのファイルではありません".to_owned(),
        E::NewerVersion { found, supported } => format!("新しい版のアプリで作られたファイル（形式 v{found}）です。このアプリが読めるのは v{supported} までです。ページを再読み込みして最新版にしてください"),
        E::Invalid { detail } => format!("内容が壊れているか、形式が違います（技術的な詳細：{detail}）"),
        E::TooLarge { .. } => "大きすぎるか、報告の数が多すぎます".to_owned(),
    };
    format!("「{file_name}」を読み込めませんでした。{what}。")
}
/// A ward's status on the bound report's cover: 完成, 下書き, or 未提出 (no report).
pub fn bundle_status(s: Option<crate::model::Status>) -> &'static str { match s { Some(crate::model::Status::Finished) => "完成", Some(crate::model::Status::Draft) => "下書き", None => "未提出" } }
