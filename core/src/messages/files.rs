//! Files that could not be read or written, naming the file.

use crate::comments::file::ReviewError;
use crate::config::ConfigError;
use crate::docx::DocxError;
use crate::exchange::ImportError;
use crate::files::FileError;

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
        ImportError::Review(e) => review_error(file_name, e),
        ImportError::Limit(limit) => {
            use crate::edit::Place;
            use crate::fields::{item_prefix, part_cell_label, part_prefix, row_cell_label};
            use crate::limits::{LimitError, TextField, TimestampField, MAX_FILE_BYTES, MAX_ROWS, MAX_ROW_ID, MAX_TEXT_CHARS, REPORT_YEARS, TIMESTAMP_YEARS};
            let place_name = |place: &Place| match place {
                Place::List(list) => list.short_name().to_owned(),
                Place::Parts(body) => format!("{}の内訳", body.short_name()),
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
                        TextField::Body(body, cell) => format!("{} {}", body.short_name(), row_cell_label(*cell)),
                        TextField::Part(body, n, cell) => format!("{} {}", part_prefix(*body, *n), part_cell_label(*cell)),
                        TextField::Item(list, n, cell) => format!("{} {}", item_prefix(*list, *n), row_cell_label(*cell)),
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
                LimitError::TooManyComments { count } => {
                    format!("指摘が{count}件あります（{}件まで）", crate::comments::MAX_COMMENTS)
                }
                LimitError::DuplicateCommentId { id } => format!("指摘の番号（id）{}が重複しています", id.0),
                LimitError::CommentTooLong { number, chars } => {
                    format!("{number}件目の指摘か回答が{chars}文字あります（{}文字まで）", crate::comments::MAX_COMMENT_CHARS)
                }
            };
            format!("「{file_name}」を読み込めませんでした。{what}。書き出したファイルに手を加えずに選んでください。")
        }
    }
}

/// A review file could not be read.
pub fn review_error(file_name: &str, error: &ReviewError) -> String {
    match error {
        ReviewError::NotJson { line, column } => import_error(file_name, &ImportError::NotJson { line: *line, column: *column }),
        ReviewError::NotAReview => import_error(file_name, &ImportError::NotAReport),
        ReviewError::NewerVersion { found, supported } => format!(
            "「{file_name}」は新しい版のアプリで作られた指摘のファイル（形式 v{found}）のため読み込めません。このアプリが読めるのは v{supported} までです。ページを再読み込みして最新版にしてから読み込んでください。"
        ),
        ReviewError::Invalid { detail } => format!(
            "「{file_name}」を読み込めませんでした。指摘のファイルが壊れているか、形式が違います。市から届いたファイルに手を加えずに選んでください。（技術的な詳細：{detail}）"
        ),
        ReviewError::Limit(limit) => import_error(file_name, &ImportError::Limit(limit.clone())),
        ReviewError::ReportUnnamed => {
            "この報告には区か年度がないため、指摘を書き出せません。区と年度のある報告を読み込み直してください。".to_owned()
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
        ConfigError::TimedOut(seconds) => format!("{seconds}秒待っても届きませんでした（ネットワークが不安定なときは、ページを再読み込みしてください）"),
    };
    format!("設定ファイル config.json を使えませんでした：{what}。標準の設定（仙台市の5区）で動いています。")
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
        DocxError::PartTooLarge { limit } => format!(
            "「{file_name}」は、本文を展開すると大きすぎる（{}MBを超える）ため、途中で読むのをやめました。壊れているか、取組状況のWord文書ではない可能性があります。Wordで開けるか確かめ、開ける場合は「名前を付けて保存」で保存し直してから選んでください。",
            limit / (1024 * 1024)
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
