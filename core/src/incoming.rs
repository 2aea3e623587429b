//! What comes in through 「読み込む」 and 前年度から作成: either export of a
//! report (the exchange JSON, or an HTML export carrying it), a backup of a
//! browser's drafts, or the city's comments on a report (a review file). Bytes in, a typed result or a typed refusal out.

use crate::comments::{self, file::Review};
use crate::exchange::{self, check_size, ImportError};
use crate::html_export::json_in_html;
use crate::limits::{LimitError, MAX_FILE_BYTES};
use crate::model::Document;
use crate::drafts::backup::{self, Contents};

/// A backup may hold a whole browser's drafts: larger than one report's file.
pub const MAX_BACKUP_BYTES: usize = 4 * MAX_FILE_BYTES;

/// What a file brought to 「読み込む」 holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// One report: a JSON or HTML export.
    Report(Box<Document>),
    /// A backup of a browser's drafts.
    Backup(Contents),
    /// The city's comments on a report (指摘).
    Review(Box<Review>),
}

/// Reads either export of a report: the exchange JSON, or an HTML export carrying it.
pub fn read_export(bytes: &[u8]) -> Result<Document, ImportError> {
    check_size(bytes)?;
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('<') {
        let json = json_in_html(start).ok_or(ImportError::HtmlWithoutReport)?;
        return exchange::from_json(json.as_bytes()).map_err(|e| match e {
            // The data was found and read: say what is wrong with it.
            ImportError::NewerVersion { .. } | ImportError::Limit(_) => e,
            _ => ImportError::HtmlWithoutReport,
        });
    }
    exchange::from_json(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes))
}

/// Reads a file given to 「読み込む」: a backup, or either export of a report.
pub fn read_file(bytes: &[u8]) -> Result<Incoming, ImportError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(LimitError::FileTooLarge { bytes: bytes.len() }.into());
    }
    let json = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if json.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        if let Ok(Some(schema)) = exchange::read_schema(json) {
            if backup::is_backup(&schema) {
                return backup::read(json).map(Incoming::Backup);
            }
            if comments::file::is_review(&schema) {
                return comments::file::from_json(json).map(|r| Incoming::Review(Box::new(r))).map_err(|e| ImportError::Review(Box::new(e)));
            }
        }
    }
    read_export(bytes).map(|d| Incoming::Report(Box::new(d)))
}
