//! A zip archive of stored (not deflated) entries: what a .docx needs, and all
//! Word and LibreOffice ask of one. Stored keeps the code small; a report's
//! .docx is tens of kilobytes either way. CRC-32 by `crc32fast`.

/// A file to put in the archive.
pub struct Entry<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// 1980-01-01 00:00, the earliest date a zip can hold: the same bytes for the same report.
const DOS_DATE: u16 = (1 << 5) | 1;
/// Bit 11: names are UTF-8.
const FLAGS: u16 = 1 << 11;

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// The archive's bytes. Sizes are far below zip's 4 GB limits (a report is at most a few MB).
pub fn stored_zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let offset = out.len() as u32;
        let crc = crc32fast::hash(entry.bytes);
        let size = entry.bytes.len() as u32;
        let name = entry.name.as_bytes();
        // Local file header.
        u32le(&mut out, 0x0403_4b50);
        for v in [20, FLAGS, 0, 0, DOS_DATE] {
            u16le(&mut out, v);
        }
        for v in [crc, size, size] {
            u32le(&mut out, v);
        }
        u16le(&mut out, name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(name);
        out.extend_from_slice(entry.bytes);
        // Its central directory record.
        u32le(&mut central, 0x0201_4b50);
        for v in [20, 20, FLAGS, 0, 0, DOS_DATE] {
            u16le(&mut central, v);
        }
        for v in [crc, size, size] {
            u32le(&mut central, v);
        }
        for v in [name.len() as u16, 0, 0, 0, 0] {
            u16le(&mut central, v);
        }
        u32le(&mut central, 0);
        u32le(&mut central, offset);
        central.extend_from_slice(name);
    }
    let directory_at = out.len() as u32;
    let directory_size = central.len() as u32;
    out.extend_from_slice(&central);
    // End of central directory.
    u32le(&mut out, 0x0605_4b50);
    for v in [0, 0, entries.len() as u16, entries.len() as u16] {
        u16le(&mut out, v);
    }
    u32le(&mut out, directory_size);
    u32le(&mut out, directory_at);
    u16le(&mut out, 0);
    out
}
