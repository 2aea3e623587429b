//! The HTML export: the printed report as one standalone file that carries the
//! exchange JSON, so 「読み込む」 takes it back. Writing and reading it live here together.

use crate::exchange;
use crate::model::{Document, Report};
use crate::print::{escape, report_html, PRINT_CSS};

/// The id of the block that carries the exchange JSON inside an HTML export.
const DATA_ID: &str = "torikumi-report";

/// The exchange JSON made safe inside a `<script type="application/json">` block:
/// `<`, `>` and `&` only occur inside JSON strings, where `\u003c` means the same.
fn json_for_script(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// A standalone HTML file of the printed report: inline CSS, nothing executable,
/// no outside links, carrying the exchange JSON so the app can import it back.
pub fn standalone_html(document: &Document) -> String {
    let title = escape(&document.report.title());
    format!(
        concat!(
            "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n",
            // Nothing may run or load, whatever a report's text holds.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            "<meta name=\"generator\" content=\"Torikumi\">\n<title>{title}</title>\n<style>\n{css}</style>\n</head>\n",
            "<body class=\"p-page\">\n{body}\n<script type=\"application/json\" id=\"{id}\">{json}</script>\n</body>\n</html>\n"
        ),
        title = title,
        css = PRINT_CSS,
        body = report_html(document),
        id = DATA_ID,
        json = json_for_script(&exchange::to_json(document)),
    )
}

/// The exchange JSON inside an HTML export, if the text is one.
pub fn json_in_html(text: &str) -> Option<&str> {
    let marker = format!(r#"<script type="application/json" id="{DATA_ID}">"#);
    let start = text.find(&marker)? + marker.len();
    let end = start + text[start..].find("</script>")?;
    Some(&text[start..end])
}

/// The file name of the HTML export: `R4_aoba_torikumi.html`.
pub fn html_file_name(report: &Report) -> String {
    format!("{}.html", report.file_stem())
}
