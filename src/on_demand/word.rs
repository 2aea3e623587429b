//! Reading a Word file, on the module's side: bytes and config in, the review's
//! JSON out (`Result<WordRead, DocxError>`), so the page carries no Word reader.

use torikumi_core::docx::{DocxError, WordRead};
use torikumi_core::Config;

use crate::platform::word_file;

/// Reads `bytes` as last year's Word file under the page's config (`config.json` text).
pub async fn read_word(bytes: &[u8], config_json: &str) -> Result<WordRead, DocxError> {
    // The page sends the config it reads with; one it could not write back is the default.
    let config = Config::from_json(config_json).unwrap_or_default();
    word_file::read_word(bytes, &config).await.map(WordRead::from)
}
