//! Word files, on the module's side: reading one (bytes, config and the file's
//! name in, the review's [`WordAnswer`] out) and writing one (the document's
//! exchange JSON in, the .docx's bytes out), so the page carries neither.

use torikumi_core::docx::{out, WordAnswer, WordRead};
use torikumi_core::exchange::{self, ImportError};
use torikumi_core::{messages, Config};

use crate::platform::word_file;

/// Reads `bytes` as last year's Word file `file_name` under the page's config
/// (`config.json` text): what to review, or why not, said here.
pub async fn read_word(bytes: &[u8], config_json: &str, file_name: &str) -> WordAnswer {
    // The page sends the config it reads with; one it could not write back is the default.
    let config = Config::from_json(config_json).unwrap_or_default();
    match word_file::read_word(bytes, &config).await {
        Ok(read) => WordAnswer::read(&WordRead::from(read)),
        Err(e) => WordAnswer::refused(messages::docx_error(file_name, &e)),
    }
}

/// A .docx of the document the page sends as its exchange file's text.
pub fn write_word(document_json: &str) -> Result<Vec<u8>, ImportError> {
    exchange::from_own(document_json.as_bytes()).map(|document| out::report_docx(&document))
}
