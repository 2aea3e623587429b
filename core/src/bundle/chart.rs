//! A small bar chart of the four bodies' counts by ward, as inline SVG (no
//! library): one group of four bars per configured ward. Its text alternative
//! says every number the bars show, so nothing is only in the picture.

use super::types::{Summary, SummaryRowKind};
use crate::messages;
use crate::print::escape;

const WIDTH: u32 = 640;
const HEIGHT: u32 = 260;
const LEFT: u32 = 36;
const TOP: u32 = 34;
const BOTTOM: u32 = 40;
/// One colour per body, told apart by people with the common colour-vision differences (Okabe–Ito).
const COLOURS: [&str; 4] = ["#0072b2", "#e69f00", "#009e73", "#cc79a7"];

/// The chart's text alternative: per body, each ward's count (未入力 when unknown).
pub fn chart_description(summary: &Summary) -> String {
    let lines: Vec<String> = summary
        .rows
        .iter()
        .filter(|r| matches!(r.kind, SummaryRowKind::Body(_)))
        .map(|row| {
            let cells: Vec<String> = summary
                .columns
                .iter()
                .zip(&row.cells)
                .map(|(c, cell)| match cell.value {
                    Some(v) => format!("{}{v}回", c.ward.name),
                    None => format!("{}未入力", c.ward.name),
                })
                .collect();
            format!("{}：{}。", messages::summary_row_label(row.kind), cells.join("、"))
        })
        .collect();
    lines.join("")
}

/// The chart as SVG markup (every text escaped); `id` makes its title and description ids unique.
pub fn chart_svg(summary: &Summary, id: &str) -> String {
    let bodies: Vec<_> = summary.rows.iter().filter(|r| matches!(r.kind, SummaryRowKind::Body(_))).collect();
    let max = bodies.iter().flat_map(|r| r.cells.iter().filter_map(|c| c.value)).max().unwrap_or(0).max(1);
    let wards = summary.columns.len().max(1) as u32;
    let plot_w = WIDTH - LEFT - 8;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let group = plot_w / wards;
    let bar = (group.saturating_sub(8) / 4).max(2);
    let mut svg = format!(
        r#"<svg class="b-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{id}-title" aria-describedby="{id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">会議の実施回数（区別）</title><desc id="{id}-desc">{}</desc>"#,
        escape(&chart_description(summary))
    );
    // Legend along the top, each name as wide as its characters (12 px each at font size 12).
    let mut x = LEFT;
    for (n, row) in bodies.iter().enumerate() {
        let label = messages::summary_row_label(row.kind);
        svg.push_str(&format!(
            r#"<rect x="{x}" y="6" width="12" height="12" fill="{}"/><text x="{}" y="17" font-size="12">{label}</text>"#,
            COLOURS[n % 4],
            x + 16,
        ));
        x += 16 + 12 * label.chars().count() as u32 + 14;
    }
    let base = TOP + plot_h;
    svg.push_str(&format!(r##"<line x1="{LEFT}" y1="{base}" x2="{}" y2="{base}" stroke="#444"/>"##, WIDTH - 8));
    svg.push_str(&format!(r#"<text x="{}" y="{}" font-size="11" text-anchor="end">{max}</text>"#, LEFT - 4, TOP + 4));
    svg.push_str(&format!(r#"<text x="{}" y="{base}" font-size="11" text-anchor="end">0</text>"#, LEFT - 4));
    for (w, column) in summary.columns.iter().enumerate() {
        let x0 = LEFT + w as u32 * group + 4;
        for (n, row) in bodies.iter().enumerate() {
            let Some(value) = row.cells.get(w).and_then(|c| c.value) else { continue };
            let h = (u64::from(value) * u64::from(plot_h) / u64::from(max)) as u32;
            svg.push_str(&format!(
                r#"<rect x="{}" y="{}" width="{bar}" height="{h}" fill="{}"/>"#,
                x0 + n as u32 * bar,
                base - h,
                COLOURS[n % 4]
            ));
        }
        svg.push_str(&format!(
            r#"<text x="{}" y="{}" font-size="12" text-anchor="middle">{}</text>"#,
            x0 + 2 * bar,
            base + 18,
            escape(&column.ward.name)
        ));
    }
    svg.push_str("</svg>");
    svg
}
