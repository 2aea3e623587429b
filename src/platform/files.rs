//! Files leaving the app (downloads, the save dialog) and coming in (a picked
//! or dropped file), with the browser's answers as typed values.

use js_sys::Uint8Array;
use torikumi_core::exchange::ImportError;
use torikumi_core::files::FileError;
use torikumi_core::incoming::MAX_BACKUP_BYTES;
use torikumi_core::limits::LimitError;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

use crate::platform::deadline::{within, TimedOut};

/// Offers `text` as a file download named `file_name`.
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), FileError> {
    start_download(file_name, &JsValue::from_str(text), mime).map_err(|_| FileError::DownloadRefused { file_name: file_name.to_owned() })
}

/// Offers `bytes` as a file download named `file_name`.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), FileError> {
    start_download(file_name, &Uint8Array::from(bytes), mime).map_err(|_| FileError::DownloadRefused { file_name: file_name.to_owned() })
}

fn start_download(file_name: &str, content: &JsValue, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(content);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // Revoke later: some browsers read the URL after click() returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// How a file given to [`save_file`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileSaved {
    /// Written where the user chose (the browser's save dialog said so).
    Saved,
    /// The user cancelled the save dialog.
    Cancelled,
    /// Handed to the browser as a download: only the user can say whether it was kept.
    Downloaded,
}

/// Calls `method` on a JS object (for browser APIs web-sys lacks or keeps unstable).
pub fn call_method(target: &JsValue, method: &str, args: &js_sys::Array) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &method.into())?.dyn_into()?;
    js_sys::Reflect::apply(&f, target, args)
}

/// Calls `method` and awaits the promise it gives.
async fn await_method(target: &JsValue, method: &str, args: &js_sys::Array) -> Result<JsValue, JsValue> {
    JsFuture::from(js_sys::Promise::from(call_method(target, method, args)?)).await
}

/// How long one step of writing a chosen file, or reading a picked one, may take (a
/// network drive that stopped answering): then it counts as not written, or unreadable.
const FILE_STEP_MS: i32 = 30_000;

/// [`await_method`] with [`FILE_STEP_MS`] as its deadline.
async fn await_step(target: &JsValue, method: &str, args: &js_sys::Array) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::from(call_method(target, method, args)?);
    within(promise, FILE_STEP_MS).await.unwrap_or_else(|TimedOut| Err(JsValue::from_str("timed out")))
}

/// Saves a file where the browser can say whether it was saved
/// (`showSaveFilePicker`: Chromium, Edge); elsewhere offers it as a download.
pub async fn save_file(file_name: &str, text: &str, mime: &str) -> Result<FileSaved, FileError> {
    let window: JsValue = web_sys::window().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
    let has_picker = js_sys::Reflect::get(&window, &"showSaveFilePicker".into()).is_ok_and(|p| p.is_function());
    if !has_picker {
        download(file_name, text, mime)?;
        return Ok(FileSaved::Downloaded);
    }
    save_with_picker(&window, file_name, text).await.map_err(|_| FileError::NotWritten { file_name: file_name.to_owned() })
}

async fn save_with_picker(window: &JsValue, file_name: &str, text: &str) -> Result<FileSaved, JsValue> {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"suggestedName".into(), &file_name.into())?;
    let handle = match await_method(window, "showSaveFilePicker", &js_sys::Array::of1(&options)).await {
        Ok(handle) => handle,
        Err(e) if e.dyn_ref::<js_sys::Error>().is_some_and(|e| e.name() == "AbortError") => return Ok(FileSaved::Cancelled),
        Err(e) => return Err(e),
    };
    // The dialog itself waits for the user, for as long as they take; the writing has a deadline.
    let writable = await_step(&handle, "createWritable", &js_sys::Array::new()).await?;
    await_step(&writable, "write", &js_sys::Array::of1(&text.into())).await?;
    await_step(&writable, "close", &js_sys::Array::new()).await?;
    Ok(FileSaved::Saved)
}

/// What 「読み込む」 and 前年度から作成 take: the app's exports, a backup, last year's Word file.
pub const ACCEPTED: &str = ".json,.html,.htm,.docx,.doc,application/json,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword";

/// A picked or dropped file's bytes; files over the size limit are refused unread.
pub async fn read_file(file: &File) -> Result<Vec<u8>, ImportError> {
    read_file_up_to(file, MAX_BACKUP_BYTES).await
}

/// A file's bytes when it is at most `max` bytes (a set file may be larger than a backup).
pub async fn read_file_up_to(file: &File, max: usize) -> Result<Vec<u8>, ImportError> {
    let bytes = file.size() as usize;
    if bytes > max {
        return Err(LimitError::FileTooLarge { bytes }.into());
    }
    let buffer = within(file.array_buffer(), FILE_STEP_MS).await.ok().and_then(Result::ok).ok_or(ImportError::Unreadable)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
