//! Finding `word/document.xml` in a .docx: stored and deflated parts, a missing
//! part, and damaged archives (refused with a reason, never a panic).

use proptest::prelude::*;
use torikumi_core::docx::zip::find_part;
use torikumi_core::docx::DocxError;

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
