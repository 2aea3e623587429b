//! WordprocessingML pieces: escaped text, runs with Word line breaks, paragraphs and cells.

/// Text for XML element content or a quoted attribute: the characters XML 1.0
/// cannot hold at all (controls other than tab and line break, U+FFFE, U+FFFF) left
/// out, so no field can break the file, then escaped as the print view escapes it.
pub(super) fn escape(text: &str) -> String {
    let storable = |c: &char| matches!(c, '\t' | '\n') || !((*c as u32) < 0x20 || *c == '\u{FFFE}' || *c == '\u{FFFF}');
    crate::print::escape(&text.chars().filter(storable).collect::<String>())
}

/// Run properties.
#[derive(Clone, Copy, Default)]
pub(super) struct Style {
    pub bold: bool,
    /// Half-points (21 is 10.5 pt); `None` keeps the document's default.
    pub size: Option<u32>,
}

impl Style {
    fn rpr(self) -> String {
        let mut rpr = String::new();
        if self.bold {
            rpr.push_str("<w:b/><w:bCs/>");
        }
        if let Some(size) = self.size {
            rpr.push_str(&format!(r#"<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#));
        }
        if rpr.is_empty() {
            rpr
        } else {
            format!("<w:rPr>{rpr}</w:rPr>")
        }
    }
}

/// The runs of `text`: a line break in the text is a Word line break (`w:br`), a tab a `w:tab`.
pub(super) fn runs(text: &str, style: Style) -> String {
    let rpr = style.rpr();
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        let mut run = String::new();
        if i > 0 {
            run.push_str("<w:br/>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                run.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                run.push_str(&format!(r#"<w:t xml:space="preserve">{}</w:t>"#, escape(piece)));
            }
        }
        if !run.is_empty() {
            out.push_str(&format!("<w:r>{rpr}{run}</w:r>"));
        }
    }
    out
}

/// Paragraph properties: a style id, the alignment, keep with the next paragraph.
#[derive(Clone, Copy, Default)]
pub(super) struct Para {
    pub style: Option<&'static str>,
    pub align: Option<&'static str>,
    pub keep_next: bool,
}

/// A paragraph of `text`.
pub(super) fn para(text: &str, props: Para, style: Style) -> String {
    let mut ppr = String::new();
    if let Some(id) = props.style {
        ppr.push_str(&format!(r#"<w:pStyle w:val="{id}"/>"#));
    }
    if props.keep_next {
        ppr.push_str("<w:keepNext/>");
    }
    if let Some(align) = props.align {
        ppr.push_str(&format!(r#"<w:jc w:val="{align}"/>"#));
    }
    let ppr = if ppr.is_empty() { ppr } else { format!("<w:pPr>{ppr}</w:pPr>") };
    format!("<w:p>{ppr}{}</w:p>", runs(text, style))
}

/// How a table cell merges with the cells above and below it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Merge {
    None,
    /// The first cell of a vertical merge.
    Start,
    /// A cell continuing the merge above (it holds an empty paragraph).
    Continue,
}

/// A table cell's properties.
#[derive(Clone, Copy)]
pub(super) struct CellProps {
    /// Its width in twips.
    pub width: u32,
    /// The grid columns it spans.
    pub span: u32,
    pub merge: Merge,
    /// Text set vertically, East Asian style (characters upright).
    pub vertical: bool,
    pub shaded: bool,
    pub centred: bool,
}

impl CellProps {
    pub(super) fn new(width: u32) -> Self {
        CellProps { width, span: 1, merge: Merge::None, vertical: false, shaded: false, centred: false }
    }
}

/// A table cell holding `paras` (paragraph XML; a cell always holds at least one).
pub(super) fn cell(props: CellProps, paras: &str) -> String {
    let mut tcpr = format!(r#"<w:tcW w:w="{}" w:type="dxa"/>"#, props.width);
    if props.span > 1 {
        tcpr.push_str(&format!(r#"<w:gridSpan w:val="{}"/>"#, props.span));
    }
    match props.merge {
        Merge::None => {}
        Merge::Start => tcpr.push_str(r#"<w:vMerge w:val="restart"/>"#),
        Merge::Continue => tcpr.push_str("<w:vMerge/>"),
    }
    if props.shaded {
        tcpr.push_str(r#"<w:shd w:val="clear" w:color="auto" w:fill="F0F0F0"/>"#);
    }
    if props.vertical {
        tcpr.push_str(r#"<w:textDirection w:val="tbRlV"/>"#);
    }
    if props.centred || props.vertical {
        tcpr.push_str(r#"<w:vAlign w:val="center"/>"#);
    }
    let paras = if paras.is_empty() || props.merge == Merge::Continue { "<w:p/>" } else { paras };
    format!("<w:tc><w:tcPr>{tcpr}</w:tcPr>{paras}</w:tc>")
}
