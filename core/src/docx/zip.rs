//! Just enough of the zip format to find one part of a .docx: the central
//! directory says where the part is, how it is compressed and how large it
//! becomes. The browser inflates it (`DecompressionStream('deflate-raw')`), so
//! no decompressor is built into the app.

use super::types::DocxError;

/// The largest `word/document.xml` read, inflated (re-exported as `docx::MAX_DOCUMENT_XML_BYTES`).
pub const MAX_PART_BYTES: usize = 10 * 1024 * 1024;

/// A part as the browser inflates it, chunk by chunk: reading stops once it
/// passes [`MAX_PART_BYTES`], whatever the directory said. A zip bomb's
/// directory understates the size, so the size it gives ([`Part::size`]) only
/// refuses an honest large part early; this is what bounds the memory.
#[derive(Debug, Default)]
pub struct Inflating {
    bytes: Vec<u8>,
}

impl Inflating {
    /// Takes the next chunk; past the limit, the part is refused (and nothing more should be read).
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), DocxError> {
        if chunk.len() > MAX_PART_BYTES - self.bytes.len() {
            return Err(DocxError::PartTooLarge { limit: MAX_PART_BYTES });
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }

    /// The part, once the stream has ended.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// A part of the archive, as stored in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part<'a> {
    /// The part's bytes as stored: raw deflate when `deflated`, else the part itself.
    pub stored: &'a [u8],
    pub deflated: bool,
    /// Its size once inflated, as the directory says: checked before inflating, but a
    /// zip bomb understates it, so inflating is bounded too ([`Inflating`]).
    pub size: usize,
}

const END_OF_DIRECTORY: u32 = 0x0605_4b50;
const DIRECTORY_ENTRY: u32 = 0x0201_4b50;
const LOCAL_HEADER: u32 = 0x0403_4b50;

fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?) as usize)
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn damaged(what: &str) -> DocxError {
    DocxError::Malformed(format!("zip: {what}"))
}

/// Finds the part `name` (e.g. `word/document.xml`).
pub fn find_part<'a>(bytes: &'a [u8], name: &str) -> Result<Part<'a>, DocxError> {
    // The end-of-directory record is in the last 22 bytes, or before a comment of at most 64 KiB.
    let earliest = bytes.len().saturating_sub(22 + 0xFFFF);
    let end = (earliest..bytes.len().saturating_sub(21))
        .rev()
        .find(|&at| u32_at(bytes, at) == Some(END_OF_DIRECTORY))
        .ok_or_else(|| damaged("no central directory"))?;
    let entries = u16_at(bytes, end + 10).ok_or_else(|| damaged("short end record"))?;
    let mut at = u32_at(bytes, end + 16).ok_or_else(|| damaged("short end record"))? as usize;
    for _ in 0..entries {
        if u32_at(bytes, at) != Some(DIRECTORY_ENTRY) {
            return Err(damaged("bad directory entry"));
        }
        let field = |offset: usize| u16_at(bytes, at + offset).ok_or_else(|| damaged("short directory entry"));
        let (method, name_len, extra_len, comment_len) = (field(10)?, field(28)?, field(30)?, field(32)?);
        let word = |offset: usize| u32_at(bytes, at + offset).ok_or_else(|| damaged("short directory entry"));
        let (stored_size, size, local) = (word(20)?, word(24)?, word(42)?);
        let entry_name = bytes.get(at + 46..at + 46 + name_len).ok_or_else(|| damaged("short name"))?;
        if entry_name == name.as_bytes() {
            if stored_size == u32::MAX || size == u32::MAX || local == u32::MAX {
                return Err(damaged("zip64 is not used by .docx files this size"));
            }
            let deflated = match method {
                0 => false,
                8 => true,
                _ => return Err(damaged("unknown compression")),
            };
            let local = local as usize;
            if u32_at(bytes, local) != Some(LOCAL_HEADER) {
                return Err(damaged("bad local header"));
            }
            let skip = |offset: usize| u16_at(bytes, local + offset).ok_or_else(|| damaged("short local header"));
            let start = local + 30 + skip(26)? + skip(28)?;
            let stored = bytes.get(start..start + stored_size as usize).ok_or_else(|| damaged("part cut short"))?;
            return Ok(Part { stored, deflated, size: size as usize });
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    Err(DocxError::NoDocumentPart)
}
