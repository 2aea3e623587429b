//! The offline file (`torikumi.html`, the one-file build) as the hosted app hands
//! it out. It is fetched by the page, through the service worker (from the network,
//! or the copy the worker kept), and checked before it is saved: a download link
//! alone bypasses the worker in Chromium (so it fails offline) and, in Firefox, was
//! answered with the cached index.html.

use thiserror::Error;

use crate::files::FileError;

/// The offline file's name, beside the app and as saved.
pub const FILE_NAME: &str = "torikumi.html";

/// How long its download may take: about a megabyte, a minute even on a slow line.
pub const TIMEOUT_MS: u32 = 90_000;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OfflineFileError {
    /// Neither the network nor a kept copy had it: offline before it was ever
    /// downloaded, or the server answered with an error (`status`, 0 for no answer).
    #[error("the offline file is not available (HTTP {status})")]
    Unavailable { status: u16 },
    /// Something else answered in its place (a captive portal's login page), or it
    /// arrived cut short.
    #[error("the answer is not the whole offline file")]
    NotTheFile,
    /// No answer within [`TIMEOUT_MS`] (a line that stalls, as venue Wi-Fi does).
    #[error("the offline file took too long")]
    TimedOut,
    #[error(transparent)]
    Download(#[from] FileError),
}

/// Whether `text` is the whole offline file: the one-file build's root element
/// (`<html … data-standalone …>`, scripts/single-file.mjs) at its start, and its end.
pub fn check(text: &str) -> Result<(), OfflineFileError> {
    let head: String = text.chars().take(300).collect();
    let whole = head.starts_with("<!DOCTYPE html>") && head.contains("data-standalone") && text.trim_end().ends_with("</html>");
    if whole {
        Ok(())
    } else {
        Err(OfflineFileError::NotTheFile)
    }
}
