//! What leaves the app: the exchange JSON, the standalone HTML, and both by e-mail.

use js_sys::{Array, Function, Object, Promise, Reflect};
use torikumi_core::html_export::{html_file_name, standalone_html};
use torikumi_core::files::FileError;
use torikumi_core::{exchange, Document};
use wasm_bindgen::{JsCast, JsValue};

use crate::platform::files::download;

const JSON_TYPE: &str = "application/json";
const HTML_TYPE: &str = "text/html";

/// 「JSONを書き出す」: the exchange file, as a download.
pub fn export_json(doc: &Document) -> Result<(), FileError> {
    download(&doc.report.json_file_name(), &exchange::to_json(doc), JSON_TYPE)
}

/// 「HTMLを書き出す」: the standalone printed report, as a download.
pub fn export_html(doc: &Document) -> Result<(), FileError> {
    download(&html_file_name(&doc.report), &standalone_html(doc), HTML_TYPE)
}

/// The e-mail's subject and body when the files are attached by hand.
pub fn mail_text(doc: &Document) -> (String, String) {
    let r = &doc.report;
    let body = format!(
        "{title}を送ります。\n\n\
         添付するファイル：\n\
         ・{json}（報告のデータ。アプリの「読み込む」で取り込めます）\n\
         ・{html}（印刷用。ブラウザーで開いて印刷できます）\n\n\
         ダウンロードされたこの2つのファイルを、このメールに添付してください。\n\
         HTMLの添付が届かない場合に備えて、PDFも添付できます：アプリの「印刷用表示」で「印刷」を押し、\
         送信先（プリンター）で「PDFに保存」を選んで保存したPDFを添付してください。\n",
        title = r.title(),
        json = r.json_file_name(),
        html = html_file_name(r),
    );
    (r.title(), body)
}

/// `mailto:` with the report's title as subject and a body naming the files.
pub fn mailto(doc: &Document) -> String {
    let (subject, body) = mail_text(doc);
    let enc = |s: &str| String::from(js_sys::encode_uri_component(s));
    format!("mailto:?subject={}&body={}", enc(&subject), enc(&body))
}

fn file(name: &str, text: &str, mime: &str) -> Option<web_sys::File> {
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    web_sys::File::new_with_str_sequence_and_options(&Array::of1(&text.into()), name, &options).ok()
}

/// Shares both exports through the system's share sheet (to the mail app), where the
/// browser can share files. Returns the share's promise, or `None` where it cannot.
pub fn share_files(doc: &Document) -> Option<Promise> {
    let navigator = web_sys::window()?.navigator();
    let can_share = Reflect::get(&navigator, &"canShare".into()).ok()?.dyn_into::<Function>().ok()?;
    let share = Reflect::get(&navigator, &"share".into()).ok()?.dyn_into::<Function>().ok()?;
    let json = file(&doc.report.json_file_name(), &exchange::to_json(doc), JSON_TYPE)?;
    let html = file(&html_file_name(&doc.report), &standalone_html(doc), HTML_TYPE)?;
    let files = Array::of2(&json, &html);
    let data = Object::new();
    Reflect::set(&data, &"files".into(), &files).ok()?;
    Reflect::set(&data, &"title".into(), &doc.report.title().into()).ok()?;
    if !can_share.call1(&navigator, &data).ok()?.as_bool().unwrap_or(false) {
        return None;
    }
    let (_, body) = mail_text(doc);
    Reflect::set(&data, &"text".into(), &JsValue::from(body)).ok()?;
    share.call1(&navigator, &data).ok()?.dyn_into::<Promise>().ok()
}
