//! The package around `word/document.xml`: content types, relationships, styles
//! (a Mincho body with the East Asian font set), settings, and the draft's header.

use super::zip::{stored_zip, Entry};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const XML_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
/// The template's Mincho for every script; Word and LibreOffice substitute their own Mincho where it is missing.
const MINCHO: &str = "ＭＳ 明朝";

/// The relationship ids `document` refers to.
pub(super) const DRAFT_HEADER: &str = "rIdHeader";
pub(super) const EMPTY_HEADER: &str = "rIdHeaderEmpty";
pub(super) const PAGE_FOOTER: &str = "rIdFooter";

/// The parts beside the document: 下書き's header, an empty header (a section
/// without one would take the previous section's), the page-number footer.
#[derive(Clone, Copy, Default)]
pub(super) struct Parts {
    pub draft_header: bool,
    pub empty_header: bool,
    pub footer: bool,
}

impl Parts {
    /// (part name, relationship id, relationship type, content type) of each present.
    fn each(self) -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
        const HDR: (&str, &str) = ("header", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml");
        const FTR: (&str, &str) = ("footer", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml");
        let mut out = Vec::new();
        if self.draft_header {
            out.push(("header1.xml", DRAFT_HEADER, HDR.0, HDR.1));
        }
        if self.empty_header {
            out.push(("header2.xml", EMPTY_HEADER, HDR.0, HDR.1));
        }
        if self.footer {
            out.push(("footer1.xml", PAGE_FOOTER, FTR.0, FTR.1));
        }
        out
    }
}

fn content_types(parts: Parts) -> String {
    let header: String = parts
        .each()
        .iter()
        .map(|(name, _, _, content_type)| format!(r#"<Override PartName="/word/{name}" ContentType="{content_type}"/>"#))
        .collect();
    format!(
        concat!(
            "{head}",
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#,
            r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
            r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
            r#"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#,
            "{header}</Types>"
        ),
        head = XML_HEAD,
        header = header
    )
}

fn package_rels() -> String {
    format!(
        concat!(
            "{}",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
            "</Relationships>"
        ),
        XML_HEAD
    )
}

fn document_rels(parts: Parts) -> String {
    let header: String = parts
        .each()
        .iter()
        .map(|(name, id, kind, _)| {
            format!(r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{name}"/>"#)
        })
        .collect();
    format!(
        concat!(
            "{head}",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            r#"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
            r#"<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#,
            "{header}</Relationships>"
        ),
        head = XML_HEAD,
        header = header
    )
}

fn styles() -> String {
    format!(
        concat!(
            "{head}",
            r#"<w:styles xmlns:w="{ns}"><w:docDefaults><w:rPrDefault><w:rPr>"#,
            r#"<w:rFonts w:ascii="{f}" w:eastAsia="{f}" w:hAnsi="{f}" w:cs="{f}"/>"#,
            r#"<w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="ja-JP" w:bidi="ar-SA"/>"#,
            r#"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>"#,
            // Left, not justified: a justified line ending in a line break (w:br) is spread across the width.
            r#"<w:pPr><w:widowControl w:val="0"/><w:jc w:val="left"/></w:pPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="TorikumiTitle"><w:name w:val="Torikumi Title"/><w:basedOn w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:spacing w:after="320"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="TorikumiHeading"><w:name w:val="Torikumi Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>"#,
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>"#,
            r#"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>"#,
            r#"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
            "</w:styles>"
        ),
        head = XML_HEAD,
        ns = W_NS,
        f = MINCHO
    )
}

fn settings() -> String {
    format!(
        concat!(
            "{head}",
            r#"<w:settings xmlns:w="{ns}"><w:defaultTabStop w:val="840"/><w:characterSpacingControl w:val="compressPunctuation"/>"#,
            r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
            "</w:settings>"
        ),
        head = XML_HEAD,
        ns = W_NS
    )
}

/// 下書き at the top right of every page of a draft.
fn draft_header() -> String {
    format!(
        concat!(
            "{head}",
            r#"<w:hdr xmlns:w="{ns}"><w:p><w:pPr><w:jc w:val="right"/></w:pPr>"#,
            r#"<w:r><w:rPr><w:b/><w:bCs/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr><w:t>下書き</w:t></w:r></w:p></w:hdr>"#
        ),
        head = XML_HEAD,
        ns = W_NS
    )
}

/// A header with nothing in it.
fn empty_header() -> String {
    format!(r#"{XML_HEAD}<w:hdr xmlns:w="{W_NS}"><w:p/></w:hdr>"#)
}

/// 「− 3 −」 centred at the foot of every page (a PAGE field).
fn page_footer() -> String {
    format!(
        concat!(
            "{head}",
            r#"<w:ftr xmlns:w="{ns}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>"#,
            r#"<w:r><w:t xml:space="preserve">− </w:t></w:r>"#,
            r#"<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>"#,
            r#"<w:r><w:t xml:space="preserve"> −</w:t></w:r></w:p></w:ftr>"#
        ),
        head = XML_HEAD,
        ns = W_NS
    )
}

/// The .docx: every part, in a stored zip.
pub(super) fn docx(document_xml: &str, parts: Parts) -> Vec<u8> {
    let mut files = vec![
        ("[Content_Types].xml".to_owned(), content_types(parts)),
        ("_rels/.rels".to_owned(), package_rels()),
        ("word/document.xml".to_owned(), document_xml.to_owned()),
        ("word/_rels/document.xml.rels".to_owned(), document_rels(parts)),
        ("word/styles.xml".to_owned(), styles()),
        ("word/settings.xml".to_owned(), settings()),
    ];
    for (name, id, _, _) in parts.each() {
        let text = match id {
            DRAFT_HEADER => draft_header(),
            EMPTY_HEADER => empty_header(),
            _ => page_footer(),
        };
        files.push((format!("word/{name}"), text));
    }
    stored_zip(&files.iter().map(|(name, text)| Entry { name, bytes: text.as_bytes() }).collect::<Vec<_>>())
}
