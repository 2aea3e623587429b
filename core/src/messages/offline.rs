//! The offline file (torikumi.html) that could not be handed out.

use crate::messages::file_error;
use crate::offline_file::{OfflineFileError, FILE_NAME};

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
