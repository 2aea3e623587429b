//! 「前年度から作成」 from last year's Word file: the city's 取組状況 template
//! saved as .docx, read into a [`Report`].
//!
//! The browser unzips the .docx and hands over the text of its
//! `word/document.xml` part; everything else happens here, in plain Rust:
//! [`sniff`] tells a .docx apart from an old .doc, a password-protected file
//! and anything else from the file's bytes, and [`read_template`] reads the
//! title, the 実施状況 heading and table, and the three sections. What could
//! not be placed comes back as text the user can copy ([`FromWord::unplaced`]),
//! and the fields that were filled are listed for a review screen
//! ([`FromWord::filled`]).
//!
//! Not read: the parts (内訳) of the fixed bodies. Rows beside a merged cell
//! naming a fixed body (how a breakdown is usually laid out) go to `unplaced`
//! whole, for the user to copy into the parts by hand.

mod builder;
pub mod out;
mod read;
mod review;
mod table;
mod text;
mod xml;
pub mod zip;
mod types;

pub use review::{FilledLine, WordAnswer, WordRead};
pub use types::{DocxError, Filled, FromWord};
pub use xml::{Children, XmlNode};

use crate::config::Config;

/// The largest .docx [`sniff`] accepts (photos make real ones large).
pub const MAX_DOCX_BYTES: usize = 20 * 1024 * 1024;
/// The largest `word/document.xml` [`read_template`] reads; the browser stops
/// inflating past this ([`zip::Inflating`]); a real report's part is well under 1 MB.
pub use zip::MAX_PART_BYTES as MAX_DOCUMENT_XML_BYTES;
/// XML nodes at most; bounds the tree's memory whatever the bytes hold.
const MAX_XML_NODES: u32 = 1_000_000;

/// Reads the text of `word/document.xml` of the 取組状況 template.
/// Never panics; a leading byte-order mark is ignored.
pub fn read_template(document_xml: &str, config: &Config) -> Result<FromWord, DocxError> {
    if document_xml.len() > MAX_DOCUMENT_XML_BYTES {
        return Err(DocxError::TooLarge { bytes: document_xml.len() });
    }
    let text = document_xml.trim_start_matches('\u{feff}');
    let options = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: MAX_XML_NODES, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => DocxError::TooLarge { bytes: document_xml.len() },
        other => DocxError::Malformed(other.to_string()),
    })?;
    read_tree(&doc.root_element(), config)
}

/// Reads the template from an XML tree already parsed: the browser's
/// `DOMParser` in the app (so the wasm carries no XML parser), roxmltree in
/// [`read_template`]. `root` is the document element (`w:document`).
pub fn read_tree<N: XmlNode>(root: &N, config: &Config) -> Result<FromWord, DocxError> {
    let blocks = xml::body_blocks(root).ok_or(DocxError::NotWordprocessingMl)?;
    read::report(&blocks, config)
}

/// The magic number of an OLE compound file (old .doc, and encrypted Office files).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// A zip archive's local file header: every .docx starts with it.
const ZIP_MAGIC: [u8; 4] = *b"PK\x03\x04";

/// Tells from a file's bytes (the whole file) whether it can be a .docx: a zip
/// archive is `Ok` (the browser then unzips `word/document.xml`); an old .doc,
/// a password-protected file and anything else are told apart.
pub fn sniff(bytes: &[u8]) -> Result<(), DocxError> {
    if bytes.len() > MAX_DOCX_BYTES {
        return Err(DocxError::TooLarge { bytes: bytes.len() });
    }
    if bytes.starts_with(&ZIP_MAGIC) {
        return Ok(());
    }
    if bytes.starts_with(&OLE_MAGIC) {
        // An encrypted .docx is an OLE file with a stream named EncryptedPackage;
        // directory entry names are UTF-16LE.
        let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let encrypted = bytes.windows(name.len()).any(|w| w == name.as_slice());
        return Err(if encrypted { DocxError::Encrypted } else { DocxError::OldDoc });
    }
    Err(DocxError::NotDocx)
}
