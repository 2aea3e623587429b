//! Finding `word/document.xml` in a .docx: stored and deflated parts, a missing
//! part, and damaged archives (refused with a reason, never a panic).

use proptest::prelude::*;
use torikumi_core::docx::zip::{find_part, Inflating};
use torikumi_core::docx::{DocxError, MAX_DOCUMENT_XML_BYTES};
use torikumi_core::messages::docx_error;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/docx/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_stored_part_is_found_as_it_is() {
    let bytes = fixture("aoba.docx");
    let part = find_part(&bytes, "word/document.xml").expect("the part");
    assert!(!part.deflated);
    assert_eq!(part.stored, fixture("aoba_projected.xml").as_slice());
    assert_eq!(part.size, part.stored.len());
}

#[test]
fn a_deflated_part_is_found_with_its_inflated_size() {
    let bytes = fixture("aoba_deflated.docx");
    let part = find_part(&bytes, "word/document.xml").expect("the part");
    assert!(part.deflated);
    assert_eq!(part.size, fixture("aoba_projected.xml").len());
    assert!(part.stored.len() < part.size, "compressed");
}

#[test]
fn a_zip_without_the_part_says_so() {
    let bytes = fixture("aoba.docx");
    assert_eq!(find_part(&bytes, "word/other.xml"), Err(DocxError::NoDocumentPart));
}

#[test]
fn a_damaged_archive_is_refused_with_a_reason() {
    let bytes = fixture("aoba_deflated.docx");
    for cut in [0, 10, bytes.len() / 2, bytes.len() - 1] {
        assert!(matches!(find_part(&bytes[..cut], "word/document.xml"), Err(DocxError::Malformed(_))), "cut at {cut}");
    }
}

/// The fixture with its directory saying the part inflates to `size` bytes.
fn with_directory_size(size: u32) -> Vec<u8> {
    let mut bytes = fixture("aoba_deflated.docx");
    let end = (0..bytes.len() - 21).rev().find(|&at| bytes[at..at + 4] == [0x50, 0x4b, 0x05, 0x06]).unwrap();
    let mut at = u32::from_le_bytes(bytes[end + 16..end + 20].try_into().unwrap()) as usize;
    loop {
        let name_len = u16::from_le_bytes(bytes[at + 28..at + 30].try_into().unwrap()) as usize;
        if &bytes[at + 46..at + 46 + name_len] == b"word/document.xml" {
            bytes[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
            return bytes;
        }
        let extra = u16::from_le_bytes(bytes[at + 30..at + 32].try_into().unwrap()) as usize;
        let comment = u16::from_le_bytes(bytes[at + 32..at + 34].try_into().unwrap()) as usize;
        at += 46 + name_len + extra + comment;
    }
}

#[test]
fn a_zip_bomb_stops_at_the_limit_whatever_its_directory_says() {
    // The directory understates the part: it passes the check made before inflating.
    let bytes = with_directory_size(1_000);
    let part = find_part(&bytes, "word/document.xml").expect("the part");
    assert!(part.size < MAX_DOCUMENT_XML_BYTES);
    // The browser's stream then gives chunk after chunk: reading stops at the limit.
    let chunk = vec![b' '; 64 * 1024];
    let mut inflating = Inflating::default();
    let mut taken = 0usize;
    let refused = loop {
        match inflating.push(&chunk) {
            Ok(()) => taken += chunk.len(),
            Err(e) => break e,
        }
        assert!(taken <= MAX_DOCUMENT_XML_BYTES, "never more than the limit is held");
    };
    assert_eq!(refused, DocxError::PartTooLarge { limit: MAX_DOCUMENT_XML_BYTES });
    assert_eq!(taken, MAX_DOCUMENT_XML_BYTES, "everything up to the limit is read, nothing past it");
    let message = docx_error("bomb.docx", &refused);
    assert!(message.starts_with("「bomb.docx」は、本文を展開すると大きすぎる（10MBを超える）ため、途中で読むのをやめました。"), "{message}");
    // An honest directory refuses the part before anything is inflated.
    let honest = with_directory_size(MAX_DOCUMENT_XML_BYTES as u32 + 1);
    assert_eq!(find_part(&honest, "word/document.xml").map(|p| p.size), Ok(MAX_DOCUMENT_XML_BYTES + 1));
}

#[test]
fn a_part_up_to_the_limit_inflates_whole() {
    let mut inflating = Inflating::default();
    inflating.push(&vec![b'a'; MAX_DOCUMENT_XML_BYTES - 1]).unwrap();
    inflating.push(b"b").unwrap();
    assert_eq!(inflating.push(b"c"), Err(DocxError::PartTooLarge { limit: MAX_DOCUMENT_XML_BYTES }));
    assert_eq!(inflating.into_bytes().len(), MAX_DOCUMENT_XML_BYTES);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_give_a_part_or_a_reason_never_a_panic(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        tail in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let mut bytes = fixture("aoba_deflated.docx");
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        bytes.extend(tail);
        if let Ok(part) = find_part(&bytes, "word/document.xml") {
            prop_assert!(part.stored.len() <= bytes.len());
        }
    }
}
