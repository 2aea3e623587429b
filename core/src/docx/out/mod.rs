//! Word out: a report as a .docx in the template's layout, as the print view
//! shows it (`crate::print`): the title, 「○実施状況」 and its table (the fixed
//! bodies with the ward's own names, their parts (内訳) beside a merged 「内訳」
//! cell, the teams beside the vertical 「（４）プロジェクトチーム」, the other
//! activities), then the three sections; A4 portrait with the print view's
//! margins, a Mincho body with the East Asian font set; a draft marked 下書き in
//! the page header. [`super::read_template`] reads it back to the same report.
//!
//! The city's bound set ([`bundle_docx`]) is the cover with the summary table,
//! then each ward's report as a section of its own (a new page; 下書き in the
//! header of a draft's pages only), page numbers 「− 3 −」 in every footer.
//!
//! Plain Rust: the XML is written here ([`document`], [`package`]) and the zip
//! is stored (not deflated) by [`zip`]; the app's on-demand module hands the bytes over.

mod bound;
mod document;
mod package;
mod xml;
pub mod zip;

pub use bound::{bundle_docx, bundle_file_name};

use crate::model::{Document, Status};
use package::Parts;

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
    let sect_pr = document::sect_pr(draft.then_some(package::DRAFT_HEADER), None);
    package::docx(&document::document_xml(&body, &sect_pr), Parts { draft_header: draft, ..Parts::default() })
}
