//! What crosses from the on-demand module (which reads Word files) to the page:
//! the config one way, a Word file read or the sentence that says why it was
//! refused the other, each as JSON. Each must arrive exactly as it left, and an
//! answer the page cannot use is not taken.

use torikumi_core::docx::{read_template, DocxError, WordAnswer, WordRead};
use torikumi_core::{messages, Config, Ward};

/// An answer as the page reads it: through JSON.
fn across(answer: &WordAnswer) -> Option<Result<WordRead, String>> {
    let json = serde_json::to_string(answer).expect("JSON");
    serde_json::from_slice::<WordAnswer>(json.as_bytes()).expect("read back").into_read()
}

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
    assert_eq!(across(&WordAnswer::read(&read)), Some(Ok(read)));
}

#[test]
fn each_reason_a_word_file_is_refused_arrives_as_its_sentence_naming_the_file() {
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
        let sentence = messages::docx_error("昨年度「報告」.docx", &error);
        assert!(sentence.contains("「昨年度「報告」.docx」"), "{sentence}");
        assert_eq!(across(&WordAnswer::refused(sentence.clone())), Some(Err(sentence)));
    }
}

#[test]
fn an_answer_whose_report_does_not_read_back_is_not_taken() {
    let read = WordRead::from(read_template(&fixture("aoba_projected.xml"), &Config::default()).expect("the template is read"));
    let good = serde_json::to_value(WordAnswer::read(&read)).expect("JSON");
    for report in ["", "{", "[]", r#"{"fiscal_year":"令和"}"#] {
        let mut answer = good.clone();
        answer[1] = report.into();
        let answer: WordAnswer = serde_json::from_value(answer).expect("an answer");
        assert_eq!(across(&answer), None, "{report}");
    }
    // A refusal without its sentence.
    assert_eq!(across(&WordAnswer::refused(String::new())), None);
    // A label without its value.
    let mut answer = good.clone();
    answer[2].as_array_mut().expect("the filled fields").pop();
    assert_eq!(across(&serde_json::from_value(answer).expect("an answer")), None);
}
