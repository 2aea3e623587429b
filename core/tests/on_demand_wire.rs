//! What crosses from the on-demand module (which reads Word files) to the page:
//! the config one way, a Word file read or the reason it was refused the other,
//! each as JSON. Each must arrive exactly as it left.

use torikumi_core::docx::{read_template, DocxError, WordRead};
use torikumi_core::{Config, Ward};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/docx/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_config_handed_to_the_module_reads_back_the_same() {
    let config = Config {
        wards: vec![
            Ward { name: "青葉区".to_owned(), slug: "aoba".to_owned() },
            Ward { name: "「南」区 & <東>".to_owned(), slug: "minami-higashi".to_owned() },
        ],
        brief_length: 120,
    };
    let json = config.to_json().expect("a config is always JSON");
    assert_eq!(Config::from_json(&json), Ok(config));
    assert_eq!(Config::from_json(&Config::default().to_json().expect("JSON")), Ok(Config::default()));
}

#[test]
fn a_word_file_read_arrives_with_every_field_and_the_text_not_placed() {
    let read = WordRead::from(read_template(&fixture("aoba_projected.xml"), &Config::default()).expect("the template is read"));
    assert!(!read.filled.is_empty());
    assert!(read.filled.iter().any(|l| l.label == "年度" && !l.value.is_empty()), "{:?}", read.filled);
    let json = serde_json::to_string(&read).expect("JSON");
    let back: WordRead = serde_json::from_str(&json).expect("read back");
    assert_eq!(back, read);
}

#[test]
fn each_reason_a_word_file_is_refused_arrives_as_itself() {
    for error in [
        DocxError::NotDocx,
        DocxError::OldDoc,
        DocxError::Encrypted,
        DocxError::TooLarge { bytes: 21_000_000 },
        DocxError::PartTooLarge { limit: 10_485_760 },
        DocxError::NoDocumentPart,
        DocxError::Malformed("「<」 & \u{0}".to_owned()),
        DocxError::NotWordprocessingMl,
        DocxError::NotTemplate,
    ] {
        let json = serde_json::to_string(&error).expect("JSON");
        assert_eq!(serde_json::from_str::<DocxError>(&json).expect("read back"), error);
    }
}
