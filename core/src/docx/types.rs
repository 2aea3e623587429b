//! What reading a Word file gives, and why it can fail.

use thiserror::Error;

use crate::fields::Field;
use crate::model::Report;

/// Why a file could not be read as last year's report (said in Japanese by
/// `messages::docx_error`, in the on-demand module that reads Word files).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocxError {
    /// Not a zip archive, so not a .docx at all (e.g. a PDF, an image, a renamed file).
    #[error("not a .docx file")]
    NotDocx,
    /// An old Word 97–2003 .doc (an OLE compound file without an encrypted package).
    #[error("an old Word .doc file")]
    OldDoc,
    /// A password-protected Office file (an OLE compound file holding "EncryptedPackage").
    #[error("a password-protected Office file")]
    Encrypted,
    /// The .docx, or its `word/document.xml`, is larger than the app reads.
    #[error("file is {bytes} bytes, too large")]
    TooLarge { bytes: usize },
    /// `word/document.xml` inflates to more than [`super::MAX_DOCUMENT_XML_BYTES`]
    /// (a zip bomb, whatever its directory says): reading stopped there.
    #[error("document.xml inflates to more than {limit} bytes")]
    PartTooLarge { limit: usize },
    /// The zip has no `word/document.xml` (found by the browser, which unzips): not a Word document.
    #[error("no word/document.xml in the archive")]
    NoDocumentPart,
    /// `word/document.xml` is not well-formed XML (damaged file); the detail is the parser's.
    #[error("document.xml is not well-formed XML: {0}")]
    Malformed(String),
    /// Well-formed XML, but not a WordprocessingML document (no `w:document` with a `w:body`).
    #[error("document.xml is not a WordprocessingML document")]
    NotWordprocessingMl,
    /// A Word document, but not the 取組状況 template: no 実施状況 table, or
    /// neither the title nor any heading of the form.
    #[error("not the 取組状況 template")]
    NotTemplate,
}

/// A field filled from the Word file, and the text it was read from (for a review screen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    pub field: Field,
    /// The Word file's text the value came from: the title paragraph for 年度
    /// and 区, the heading for the basis, the cell or section text otherwise.
    pub from: String,
}

/// What was read from the Word file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromWord {
    /// The report, rows numbered 1, 2, 3… (teams first, then other activities).
    /// Within [`crate::limits`]: at most `MAX_ROWS` rows a list, `MAX_TEXT_CHARS` a field.
    pub report: Report,
    /// Text that could not be placed, in document order, each as it can be copied:
    /// paragraphs before the title, table rows of unknown shape, parts (内訳),
    /// rows and text beyond the limits. A row's cells are joined by tabs.
    pub unplaced: Vec<String>,
    /// Every field that was filled, in the order it was read.
    pub filled: Vec<Filled>,
}
