//! What can go wrong with a file the app hands to the browser: typed here, put
//! into Japanese by [`crate::messages::file_error`].

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FileError {
    /// The browser refused to start the download (blocked by a setting or a policy).
    #[error("download of {file_name} refused")]
    DownloadRefused { file_name: String },
    /// The file chosen in the save dialog could not be written.
    #[error("{file_name} could not be written")]
    NotWritten { file_name: String },
}
