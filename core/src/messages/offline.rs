//! The offline file (torikumi.html) that could not be handed out.

use crate::messages::file_error;
use crate::offline_file::{OfflineFileError, FILE_NAME};
use crate::on_demand::ModuleError;

/// The message when 「オフライン版をダウンロード」 could not save the offline file.
pub fn offline_file_error(error: &OfflineFileError) -> String {
    match error {
        OfflineFileError::Unavailable { status: 0 | 503 } => format!(
            "オフライン版（{FILE_NAME}）をダウンロードできませんでした。ネットワークにつながっていないようです。このブラウザーにはまだ保存されていないため、ネットワークにつながっているときに、もう一度押してください。"
        ),
        OfflineFileError::Unavailable { status } => format!(
            "オフライン版（{FILE_NAME}）をダウンロードできませんでした（サーバーの応答 {status}）。しばらくしてからもう一度押し、続くときは配布した担当者に問い合わせてください。"
        ),
        OfflineFileError::NotTheFile => format!(
            "オフライン版（{FILE_NAME}）をダウンロードできませんでした。届いたものがオフライン版ではないか、途中で切れています（Wi-Fiのログイン画面が返ってきたときなど）。ネットワークにログインしてから、もう一度押してください。"
        ),
        OfflineFileError::TimedOut => format!(
            "オフライン版（{FILE_NAME}）のダウンロードに時間がかかりすぎたため、止めました。通信が安定しているときに、もう一度押してください。"
        ),
        OfflineFileError::Download(error) => file_error(error),
    }
}

/// The message when the program for 取りまとめ and Word files (the on-demand module) could not be used.
pub fn module_error(error: &ModuleError) -> String {
    let what = match error {
        ModuleError::Unreachable => "取りまとめとWordファイルの読み書きに使うプログラムを読み込めませんでした。ネットワークにつながっていないか、まだこのブラウザーに保存されていないためです。ネットワークにつながっているときに、もう一度お試しください（一度読み込むと、次からはネットワークがなくても使えます）。",
        ModuleError::TimedOut => "取りまとめとWordファイルの読み書きに使うプログラムが、30秒待っても届かないか、応答しませんでした。通信が安定しているときに、もう一度お試しください。",
        ModuleError::Broken => "取りまとめとWordファイルの読み書きに使うプログラムが、途中で切れているか、別のバージョンのものでした。ページを再読み込みしてから、もう一度お試しください。",
    };
    format!("{what}入力した内容は失われていません。")
}
