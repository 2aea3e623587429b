//! Last year's Word file, the hostile side: sniffing a file's bytes, the limits
//! of what is read, the messages, and properties over arbitrary and damaged
//! XML (a result or a typed refusal, never a panic; a result within the limits).

use proptest::prelude::*;
use torikumi_core::docx::{read_template, sniff, DocxError, FromWord, MAX_DOCUMENT_XML_BYTES, MAX_DOCX_BYTES};
use torikumi_core::limits::{self, MAX_ROWS, MAX_TEXT_CHARS};
use torikumi_core::messages::docx_error;
use torikumi_core::{Config, Document, Timestamp};

fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/docx/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture(name: &str) -> String {
    String::from_utf8(fixture_bytes(name)).unwrap()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn tr(cells: &[&str]) -> String {
    let cells: String = cells.iter().map(|c| format!("<w:tc>{}</w:tc>", p(c))).collect();
    format!("<w:tr>{cells}</w:tr>")
}

/// A minimal template: title, heading, the table with `rows` after （５）, then `after`.
fn template(rows: &str, after: &str) -> String {
    format!(
        "<w:document xmlns:w=\"{W}\"><w:body>{}{}<w:tbl>{}{}{rows}</w:tbl>{after}</w:body></w:document>",
        p("令和４年度　泉区障害者自立支援協議会　取組状況"),
        p("○実施状況"),
        tr(&["会議", "年間実施予定回数", "主な内容・議題等"]),
        tr(&["（５）運営会議", "1", "協議"]),
    )
}

fn read(xml: &str) -> FromWord {
    read_template(xml, &Config::default()).expect("read")
}

/// What the app does with a report read from Word: it must pass the limits every import checks.
fn within_limits(read: &FromWord) {
    let mut doc = Document::new(Timestamp::from_unix_millis(1_700_000_000_000.0));
    doc.report = read.report.clone();
    assert_eq!(limits::check(&doc), Ok(()));
    assert!(read.filled.iter().all(|f| f.field.accessible_name(&read.report).is_some()));
}

#[test]
fn sniff_accepts_a_zip() {
    assert_eq!(sniff(&fixture_bytes("aoba.docx")), Ok(()));
    assert_eq!(sniff(b"PK\x03\x04rest"), Ok(()));
}

#[test]
fn sniff_tells_an_old_doc() {
    assert_eq!(sniff(&fixture_bytes("old_word.doc")), Err(DocxError::OldDoc));
    assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), Err(DocxError::OldDoc));
}

#[test]
fn sniff_tells_a_password_protected_file() {
    assert_eq!(sniff(&fixture_bytes("password.docx")), Err(DocxError::Encrypted));
}

#[test]
fn sniff_refuses_what_is_not_a_zip() {
    for bytes in [&b""[..], b"PK", b"%PDF-1.7", b"PK\x05\x06\0\0", "令和４年度".as_bytes(), &fixture_bytes("aoba_projected.xml")] {
        assert_eq!(sniff(bytes), Err(DocxError::NotDocx), "{bytes:.8?}");
    }
    let huge = vec![b'P'; MAX_DOCX_BYTES + 1];
    assert_eq!(sniff(&huge), Err(DocxError::TooLarge { bytes: MAX_DOCX_BYTES + 1 }));
}

#[test]
fn document_xml_beyond_the_limit_is_refused() {
    let xml = " ".repeat(MAX_DOCUMENT_XML_BYTES + 1);
    assert_eq!(read_template(&xml, &Config::default()), Err(DocxError::TooLarge { bytes: MAX_DOCUMENT_XML_BYTES + 1 }));
}

#[test]
fn every_error_has_a_message_naming_the_file() {
    let all = [
        DocxError::NotDocx,
        DocxError::OldDoc,
        DocxError::Encrypted,
        DocxError::TooLarge { bytes: 1 },
        DocxError::PartTooLarge { limit: MAX_DOCUMENT_XML_BYTES },
        DocxError::NoDocumentPart,
        DocxError::Malformed("x".into()),
        DocxError::NotWordprocessingMl,
        DocxError::NotTemplate,
    ];
    for e in &all {
        assert!(docx_error("R4_報告.docx", e).contains("「R4_報告.docx」"), "{e:?}");
    }
    assert!(docx_error("a.doc", &DocxError::OldDoc).contains("「名前を付けて保存」から「Word文書（*.docx）」を選んで保存し直して"));
    assert!(docx_error("a.docx", &DocxError::Encrypted).contains("パスワードを解除"));
    assert!(docx_error("a.docx", &DocxError::NotTemplate).contains("取組状況の様式"));
}

#[test]
fn rows_beyond_the_limit_are_unplaced() {
    let rows: String = (0..MAX_ROWS + 3).map(|i| tr(&[&format!("活動{i}"), "1", "内容"])).collect();
    let read = read(&template(&rows, ""));
    assert_eq!(read.report.activities.len(), MAX_ROWS);
    assert_eq!(read.unplaced, ["活動200\t1\t内容", "活動201\t1\t内容", "活動202\t1\t内容"]);
    within_limits(&read);
}

#[test]
fn text_beyond_the_limit_is_cut_and_the_rest_unplaced() {
    let long = format!("{}続き", "字".repeat(MAX_TEXT_CHARS));
    let read = read(&template(&tr(&["活動", "1", &long]), &format!("{}{}", p("３　課題に対する次年度以降の取組予定"), p(&long))));
    assert_eq!(read.report.activities[0].content.chars().count(), MAX_TEXT_CHARS);
    assert_eq!(read.report.sections.plans.chars().count(), MAX_TEXT_CHARS);
    assert_eq!(read.unplaced, ["続き", "続き"]);
    within_limits(&read);
}

#[test]
fn years_outside_what_the_app_handles_are_not_taken() {
    let xml = template("", "").replace("令和４年度", "令和９９９９年度").replace("○実施状況", "○実施状況（R9999.3見込み）");
    let read = read(&xml);
    assert_eq!(read.report.fiscal_year, None);
    within_limits(&read);
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 20_000;
    let cell = format!("{}{}{}", "<w:tbl><w:tr><w:tc>".repeat(depth), p("深い"), "</w:tc></w:tr></w:tbl>".repeat(depth));
    let sdt = format!("{}{}{}", "<w:sdt><w:sdtContent>".repeat(depth), p("深い"), "</w:sdtContent></w:sdt>".repeat(depth));
    let read = read(&template(&format!("<w:tr><w:tc>{}</w:tc><w:tc/><w:tc/></w:tr>", cell), &sdt));
    assert_eq!(read.unplaced.last().map(String::as_str), Some("深い"));
}

#[test]
fn nesting_as_deep_as_the_node_limit_allows_does_not_overflow_the_stack() {
    // 200 000 levels of content controls (the most 10 MB holds), read through.
    let depth = 200_000;
    let sdt = format!("{}{}{}", "<w:sdt><w:sdtContent>".repeat(depth), p("深い"), "</w:sdtContent></w:sdt>".repeat(depth));
    assert_eq!(read(&template("", &sdt)).unplaced.last().map(String::as_str), Some("深い"));
    // 900 000 levels inside a paragraph, close to the parser's million nodes: walked through.
    let depth = 900_000;
    let deep = format!("<w:p>{}<w:r><w:t>底</w:t></w:r>{}</w:p>", "<w:x>".repeat(depth), "</w:x>".repeat(depth));
    assert_eq!(read(&template("", &deep)).unplaced.last().map(String::as_str), Some("底"));
    // Past the node limit: refused with a reason, not read.
    let deeper = format!("<w:p>{}</w:p>", "<w:x>".repeat(1_100_000));
    assert!(matches!(read_template(&template("", &deeper), &Config::default()), Err(DocxError::TooLarge { .. })));
}

#[test]
fn fixtures_read_within_the_limits() {
    for name in ["aoba_projected.xml", "miyagino_mistyped.xml", "leftovers.xml", "boxed.xml"] {
        within_limits(&read(&fixture(name)));
    }
}

/// A fixture's XML, damaged: a slice cut out, text put in, or a slice repeated.
fn mutated() -> impl Strategy<Value = String> {
    let names = prop_oneof![Just("aoba_projected.xml"), Just("miyagino_mistyped.xml"), Just("leftovers.xml")];
    let insert = prop_oneof![
        Just("<w:tc>".to_owned()),
        Just("</w:tr>".to_owned()),
        Just("<w:vMerge/>".to_owned()),
        Just("<w:br/>".to_owned()),
        Just("○○○○PT".to_owned()),
        Just("１２回".to_owned()),
        Just("&amp;&lt;".to_owned()),
        "[<>/=\"a-z:ぁ-ん０-９（）]{0,12}",
        any::<String>(),
    ];
    (names, any::<prop::sample::Index>(), 0usize..400, insert, 0u8..3).prop_map(|(name, at, len, insert, how)| {
        let xml = fixture(name);
        let mut start = at.index(xml.len());
        while !xml.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len).min(xml.len());
        while !xml.is_char_boundary(end) {
            end -= 1;
        }
        match how {
            0 => format!("{}{}", &xml[..start], &xml[end..]),
            1 => format!("{}{insert}{}", &xml[..start], &xml[start..]),
            _ => format!("{}{}", &xml[..end], &xml[start..]),
        }
    })
}

/// Text a cell or paragraph may hold: the form's own words, leftovers and wild text.
fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("（１）全体協議会".to_owned()),
        Just("（２）実務者ネットワーク会議\nサポネット（※青葉区での呼称）".to_owned()),
        Just("（３）障害者相談支援事業所等連絡会議".to_owned()),
        Just("（５）運営会議".to_owned()),
        Just("プロジェクトチーム".to_owned()),
        Just("その他の活動".to_owned()),
        Just("○○○○PT".to_owned()),
        Just("１２回".to_owned()),
        Just("なし".to_owned()),
        Just("会議".to_owned()),
        Just("年間実施予定回数".to_owned()),
        Just("※行が足りない場合は、ページ内で適宜追加してください。".to_owned()),
        Just("１　今年度の主な取組み".to_owned()),
        Just("３　課題に対する次年度以降の取組予定".to_owned()),
        Just("○実施状況（R5.3 見込み）".to_owned()),
        Just("令和元年度　泉区区障害者自立支援協議会　取組状況".to_owned()),
        // Compiled once: a regex given as &str is parsed again for every value.
        proptest::string::string_regex("[ぁ-ん０-９a-z（）()※呼称回\n\t 　]{0,20}").expect("regex"),
    ]
}

/// XML text: the characters XML escapes, escaped; line breaks and tabs as Word writes them.
fn xml_text(text: &str) -> String {
    let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let runs = escaped.replace('\n', "</w:t><w:br/><w:t xml:space=\"preserve\">").replace('\t', "</w:t><w:tab/><w:t xml:space=\"preserve\">");
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{runs}</w:t></w:r></w:p>")
}

/// A template-like document made of random paragraphs and tables of random cells.
fn generated() -> impl Strategy<Value = String> {
    let cell = (words(), 0u8..3, any::<bool>()).prop_map(|(text, merge, vertical)| {
        let merge = ["", "<w:vMerge w:val=\"restart\"/>", "<w:vMerge/>"][usize::from(merge)];
        let direction = if vertical { "<w:textDirection w:val=\"tbRlV\"/>" } else { "" };
        format!("<w:tc><w:tcPr>{merge}{direction}</w:tcPr>{}</w:tc>", xml_text(&text))
    });
    let row = prop::collection::vec(cell, 0..5).prop_map(|cells| format!("<w:tr>{}</w:tr>", cells.concat()));
    let table = prop::collection::vec(row, 0..8).prop_map(|rows| format!("<w:tbl>{}</w:tbl>", rows.concat()));
    let block = prop_oneof![words().prop_map(|t| xml_text(&t)), table];
    prop::collection::vec(block, 0..12)
        .prop_map(|blocks| format!("<w:document xmlns:w=\"{W}\"><w:body>{}</w:body></w:document>", blocks.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_is_read_or_refused_without_panic(text in any::<String>()) {
        if let Ok(read) = read_template(&text, &Config::default()) {
            within_limits(&read);
        }
        let _ = sniff(text.as_bytes());
    }

    #[test]
    fn damaged_fixtures_are_read_or_refused_without_panic(xml in mutated()) {
        match read_template(&xml, &Config::default()) {
            Ok(read) => within_limits(&read),
            Err(e) => prop_assert!(!docx_error("f.docx", &e).is_empty()),
        }
    }

    #[test]
    fn generated_documents_are_read_or_refused_without_panic(xml in generated()) {
        match read_template(&xml, &Config::default()) {
            Ok(read) => within_limits(&read),
            Err(e) => prop_assert!(matches!(e, DocxError::NotTemplate), "{e:?}"),
        }
    }

    #[test]
    fn arbitrary_bytes_are_sniffed_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..600), ole in any::<bool>()) {
        let mut bytes = bytes;
        if ole {
            bytes.splice(0..0, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        }
        let sniffed = sniff(&bytes);
        prop_assert!(sniffed.is_ok() == bytes.starts_with(b"PK\x03\x04"));
    }
}
