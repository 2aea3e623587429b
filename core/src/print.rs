//! The printed report, as HTML: one rendering for the in-app print view and the
//! standalone HTML export ([`crate::html_export`]), so both show exactly the paper form. Every piece of
//! report text is escaped here; nothing from a report can become markup.

use crate::count::Count;
use crate::model::{is_blank, BodyKind, Document, ListKind, Report, Row, SectionKind, Status};

/// The print stylesheet, shared with the app (`static/print.css`) and inlined into HTML exports.
pub const PRINT_CSS: &str = include_str!("../../static/print.css");

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn count_text(count: &Option<Count>) -> String {
    count.as_ref().map(|c| escape(&c.printed())).unwrap_or_default()
}

fn text_block(class: &str, text: &str) -> String {
    if is_blank(text) {
        String::new()
    } else {
        format!(r#"<div class="{class}">{}</div>"#, escape(text))
    }
}

/// The content cell of a fixed body: its own content, then its parts with names and counts.
fn body_content(report: &Report, kind: BodyKind) -> String {
    let body = report.body(kind);
    let mut html = text_block("p-text", &body.content);
    if !body.parts.is_empty() {
        html.push_str(r#"<ul class="p-parts">"#);
        for part in &body.parts {
            html.push_str(&format!(
                r#"<li class="p-part"><span class="p-part-name">{}（{}）</span>{}</li>"#,
                escape(&part.name),
                count_text(&part.count),
                text_block("p-text", &part.content)
            ));
        }
        html.push_str("</ul>");
    }
    html
}

fn body_row(report: &Report, kind: BodyKind) -> String {
    let body = report.body(kind);
    let ward = report.ward.as_ref().map_or("区", |w| w.name.as_str());
    let local = if is_blank(&body.local_name) {
        String::new()
    } else {
        format!(r#"<span class="p-local">{}（※{}での呼称）</span>"#, escape(&body.local_name), escape(ward))
    };
    format!(
        r#"<tr><th scope="row" colspan="2" class="p-body">{}{local}</th><td class="p-count">{}</td><td class="p-content">{}</td></tr>"#,
        kind.heading(),
        count_text(&body.count),
        body_content(report, kind)
    )
}

/// Team or activity rows, with their label cell spanning them (vertical for the teams).
fn list_rows(rows: &[Row], kind: ListKind) -> String {
    let label = kind.heading();
    let class = match kind {
        ListKind::Teams => "p-group p-vertical",
        ListKind::Activities => "p-group",
    };
    if rows.is_empty() {
        return format!(
            r#"<tr><th scope="rowgroup" class="{class}">{label}</th><td colspan="3" class="p-none">なし</td></tr>"#
        );
    }
    let mut html = String::new();
    for (i, row) in rows.iter().enumerate() {
        html.push_str("<tr>");
        if i == 0 {
            html.push_str(&format!(r#"<th scope="rowgroup" rowspan="{}" class="{class}">{label}</th>"#, rows.len()));
        }
        html.push_str(&format!(
            r#"<th scope="row" class="p-name">{}</th><td class="p-count">{}</td><td class="p-content">{}</td></tr>"#,
            escape(&row.name),
            count_text(&row.count),
            text_block("p-text", &row.content)
        ));
    }
    html
}

/// The printed report itself (an `<article>`), for the print view and the HTML export.
pub fn report_html(document: &Document) -> String {
    let report = &document.report;
    let mut html = String::from(r#"<article class="p-report" lang="ja">"#);
    if document.status == Status::Draft {
        // Fixed elements repeat on every printed page.
        html.push_str(r#"<div class="p-draft-mark">下書き</div>"#);
    }
    html.push_str(&format!(r#"<h1 class="p-title">{}</h1>"#, escape(&report.title())));
    html.push_str(&format!(r#"<h2 class="p-heading">{}</h2>"#, escape(&report.counts_heading())));
    html.push_str(concat!(
        r#"<table class="p-table"><colgroup><col class="c-group"><col class="c-name"><col class="c-count"><col class="c-content"></colgroup>"#,
        r#"<thead><tr><th scope="col" colspan="2">会議</th><th scope="col">年間実施予定回数</th>"#,
        r#"<th scope="col">主な内容・議題等（簡潔に記載してください）</th></tr></thead><tbody>"#
    ));
    html.push_str(&body_row(report, BodyKind::Plenary));
    html.push_str(&body_row(report, BodyKind::Network));
    html.push_str(&body_row(report, BodyKind::Liaison));
    html.push_str(&list_rows(&report.teams, ListKind::Teams));
    html.push_str(&body_row(report, BodyKind::Steering));
    html.push_str(&list_rows(&report.activities, ListKind::Activities));
    html.push_str("</tbody></table>");
    for kind in SectionKind::ALL {
        html.push_str(&format!(
            r#"<section class="p-section"><h2 class="p-heading">{}</h2>{}</section>"#,
            kind.heading(),
            text_block("p-text p-section-text", report.section(kind))
        ));
    }
    html.push_str("</article>");
    html
}
