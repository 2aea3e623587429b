//! Word files, on the module's side: reading one (bytes and config in, the
//! review's JSON out: `Result<WordRead, DocxError>`) and writing one (the
//! document's exchange JSON in, the .docx's bytes out), so the page carries neither.

use torikumi_core::docx::{out, DocxError, WordRead};
use torikumi_core::exchange::{self, ImportError};
use torikumi_core::Config;

use crate::platform::word_file;

/// Reads `bytes` as last year's Word file under the page's config (`config.json` text).
pub async fn read_word(bytes: &[u8], config_json: &str) -> Result<WordRead, DocxError> {
    // The page sends the config it reads with; one it could not write back is the default.
    let config = Config::from_json(config_json).unwrap_or_default();
    word_file::read_word(bytes, &config).await.map(WordRead::from)
}

/// A .docx of the document the page sends as its exchange file's text.
pub fn write_word(document_json: &str) -> Result<Vec<u8>, ImportError> {
    exchange::from_own(document_json.as_bytes()).map(|document| out::report_docx(&document))
}
