//! The bound report as HTML: a cover (title, date, the wards with their status,
//! the summary table and its notes), then each ward's printed report in the
//! configured order, each starting on a new page. All text is escaped.

use super::summary::summary;
use super::types::{BundleSet, Summary};
use crate::config::Config;
use crate::messages;
use crate::model::{Report, Status};
use crate::print::{escape, report_html};
use crate::timestamp::Timestamp;

/// 「実施回数の一覧」 as an HTML table with its notes (the app's view and the cover share it).
pub fn summary_table_html(s: &Summary) -> String {
    let mut html = format!(
        r#"<table class="b-summary"><caption>{}</caption><thead><tr><th scope="col">{}</th>"#,
        escape(&messages::summary_title(s.fiscal_year)),
        messages::SUMMARY_CORNER
    );
    for c in &s.columns {
        let mark = if c.projected.is_some() { format!(r#"<span class="b-projected">（{}）</span>"#, messages::SUMMARY_PROJECTED) } else { String::new() };
        html.push_str(&format!(r#"<th scope="col">{}{mark}</th>"#, escape(&c.ward.name)));
    }
    html.push_str(&format!(r#"<th scope="col" class="b-total">{}</th>"#, messages::SUMMARY_TOTAL));
    if s.previous.is_some() {
        html.push_str(&format!(r#"<th scope="col" class="b-previous">{}</th><th scope="col" class="b-change">{}</th>"#, messages::SUMMARY_PREVIOUS, messages::SUMMARY_CHANGE));
    }
    html.push_str("</tr></thead><tbody>");
    for row in &s.rows {
        html.push_str(&format!(r#"<tr><th scope="row">{}</th>"#, messages::summary_row_label(row.kind)));
        for cell in &row.cells {
            let class = if cell.projected { "b-count b-projected" } else { "b-count" };
            html.push_str(&format!(r#"<td class="{class}">{}</td>"#, cell.value.map(|v| v.to_string()).unwrap_or_default()));
        }
        let class = if row.total.incomplete { "b-count b-total b-incomplete" } else { "b-count b-total" };
        html.push_str(&format!(r#"<td class="{class}">{}</td>"#, row.total.sum));
        if let Some(previous) = row.previous {
            let class = if previous.incomplete { "b-count b-previous b-incomplete" } else { "b-count b-previous" };
            let change = row.change().map(messages::summary_change).unwrap_or_default();
            html.push_str(&format!(r#"<td class="{class}">{}</td><td class="b-count b-change">{change}</td>"#, previous.sum));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    for note in messages::summary_notes(s) {
        html.push_str(&format!(r#"<p class="b-note">{}</p>"#, escape(&note)));
    }
    html
}

/// The bound report: the cover, then each configured ward's report used (a
/// draft keeps its 下書き mark from [`report_html`]), each in a `b-ward` section
/// that starts a new page. `today` is the date shown on the cover.
pub fn bound_html(set: &BundleSet, config: &Config, today: Timestamp) -> String {
    let s = summary(set, config);
    let title = Report { fiscal_year: s.fiscal_year, ..Report::default() }.title();
    let date = today.display_ja();
    let date = date.split(' ').next().unwrap_or_default();
    let mut html = format!(
        r#"<div class="b-bound" lang="ja"><section class="b-cover"><h1 class="p-title">{}</h1><p class="b-date">{}</p><ul class="b-wards">"#,
        escape(&title),
        escape(date)
    );
    let slots = set.slots(config);
    for slot in &slots {
        let status = slot.used.map(|e| e.document.status);
        html.push_str(&format!(
            r#"<li class="b-ward-status"><span class="b-ward-name">{}</span><span class="b-status">{}</span></li>"#,
            escape(&slot.ward.name),
            messages::bundle_status(status)
        ));
    }
    html.push_str("</ul>");
    html.push_str(&summary_table_html(&s));
    html.push_str("</section>");
    for used in slots.iter().filter_map(|slot| slot.used) {
        // A draft's pages carry 下書き in their top margin (print.css, the named page `bound-draft`).
        let class = if used.document.status == Status::Draft { "b-ward b-ward-draft" } else { "b-ward" };
        html.push_str(&format!(r#"<section class="{class}">{}</section>"#, report_html(&used.document)));
    }
    html.push_str("</div>");
    html
}
