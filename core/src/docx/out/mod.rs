//! Word out: a report as a .docx in the template's layout, as the print view
//! shows it (`crate::print`): the title, 「○実施状況」 and its table (the fixed
//! bodies with the ward's own names, their parts (内訳) beside a merged 「内訳」
//! cell, the teams beside the vertical 「（４）プロジェクトチーム」, the other
//! activities), then the three sections; A4 portrait with the print view's
//! margins, a Mincho body with the East Asian font set; a draft marked 下書き in
//! the page header. [`super::read_template`] reads it back to the same report.
//!
//! Plain Rust: the XML is written here ([`document`], [`package`]) and the zip
//! is stored (not deflated) by [`zip`]; the app's on-demand module hands the bytes over.

mod document;

pub(crate) use document::PARTS_LABEL;
mod package;
mod xml;
pub mod zip;

use crate::model::{Document, Status};

/// The .docx's MIME type.
pub const DOCX_MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// `R4_aoba_torikumi.docx`
pub fn file_name(document: &Document) -> String {
    format!("{}.docx", document.report.file_stem())
}

/// The report as a .docx file's bytes.
pub fn report_docx(document: &Document) -> Vec<u8> {
    let draft = document.status == Status::Draft;
    let body = document::report_body(&document.report);
    package::docx(&document::document_xml(&body, draft), draft)
}
