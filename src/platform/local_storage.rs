//! The browser's local storage as a `KeyValue`, and file downloads.
//!
//! web-sys directly rather than gloo-storage: gloo panics when storage is
//! missing, and here a missing or full storage is an answer the user must see.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use torikumi_core::store::lifecycle::{self, DraftError};
use torikumi_core::store::{Draft, KeyValue, StorageError};
use torikumi_core::Document;
use wasm_bindgen::{JsCast, JsValue};

/// `window.localStorage`, reached anew on each call (it can appear or vanish with settings).
pub struct LocalStorage;

fn storage() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .ok_or(StorageError::Unavailable)?
        .local_storage()
        .map_err(|_| StorageError::Unavailable)?
        .ok_or(StorageError::Unavailable)
}

fn refused(error: JsValue) -> StorageError {
    let name = error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.name())).unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::Full,
        "SecurityError" => StorageError::Unavailable,
        _ => StorageError::Refused(
            error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or(name),
        ),
    }
}

impl KeyValue for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        storage()?.get_item(key).map_err(refused)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        storage()?.set_item(key, value).map_err(refused)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        storage()?.remove_item(key).map_err(refused)
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let s = storage()?;
        let n = s.length().map_err(refused)?;
        Ok((0..n).filter_map(|i| s.key(i).ok().flatten()).collect())
    }
}

/// Roughly what browsers allow one site in local storage (5 million characters in Chromium and Firefox).
pub const LIMIT_CHARS: usize = 5_000_000;

/// A new draft id: time and randomness, ASCII (it goes into keys and the URL).
pub fn new_draft_id() -> String {
    let now = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 1_000_000.0) as u64;
    format!("{now:x}-{random:05x}")
}

/// Asks the browser to keep this site's storage under pressure (no prompt in most browsers).
pub fn ask_persistent_storage() {
    let storage = web_sys::window().map(|w| w.navigator()).and_then(|n| js_sys::Reflect::get(&n, &"storage".into()).ok());
    let persist = storage.as_ref().and_then(|s| js_sys::Reflect::get(s, &"persist".into()).ok());
    if let (Some(storage), Some(persist)) = (storage, persist.and_then(|p| p.dyn_into::<js_sys::Function>().ok())) {
        let _ = persist.call0(&storage);
    }
}

/// Offers `text` as a file download named `file_name`.
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
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

/// Calls `method` on a JS object and returns the promise it gives.
fn call_promise(target: &JsValue, method: &str, arg: Option<&JsValue>) -> Result<js_sys::Promise, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &method.into())?.dyn_into()?;
    let result = match arg {
        Some(a) => f.call1(target, a)?,
        None => f.call0(target)?,
    };
    Ok(js_sys::Promise::from(result))
}

/// Saves a file where the browser can say whether it was saved
/// (`showSaveFilePicker`: Chromium, Edge); elsewhere offers it as a download.
pub async fn save_file(file_name: &str, text: &str, mime: &str) -> Result<FileSaved, JsValue> {
    use wasm_bindgen_futures::JsFuture;
    let window: JsValue = web_sys::window().ok_or("no window")?.into();
    if !js_sys::Reflect::get(&window, &"showSaveFilePicker".into())?.is_function() {
        download(file_name, text, mime)?;
        return Ok(FileSaved::Downloaded);
    }
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"suggestedName".into(), &file_name.into())?;
    let handle = match JsFuture::from(call_promise(&window, "showSaveFilePicker", Some(&options))?).await {
        Ok(handle) => handle,
        Err(e) if e.dyn_ref::<js_sys::Error>().is_some_and(|e| e.name() == "AbortError") => return Ok(FileSaved::Cancelled),
        Err(e) => return Err(e),
    };
    let writable = JsFuture::from(call_promise(&handle, "createWritable", None)?).await?;
    JsFuture::from(call_promise(&writable, "write", Some(&text.into()))?).await?;
    JsFuture::from(call_promise(&writable, "close", None)?).await?;
    Ok(FileSaved::Saved)
}

/// A draft as the editor opens it: what storage holds (`base`, revision 0 when
/// it never got there) and what is shown (`current`: newer when text typed here
/// could not be stored).
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub base: Draft,
    pub current: Draft,
}

/// Drafts with text storage refused (full, blocked, or changed elsewhere): they
/// live in this page until it closes, and are what reopens.
#[derive(Clone, Default)]
pub struct MemoryDrafts(Rc<RefCell<HashMap<String, Opened>>>);

impl PartialEq for MemoryDrafts {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl MemoryDrafts {
    pub fn keep(&self, opened: Opened) {
        self.0.borrow_mut().insert(opened.current.id.clone(), opened);
    }

    pub fn forget(&self, id: &str) {
        self.0.borrow_mut().remove(id);
    }

    fn get(&self, id: &str) -> Option<Opened> {
        self.0.borrow().get(id).cloned()
    }
}

/// Opens a draft: the unsaved text this page holds for it, else what storage holds.
pub fn open_draft(id: &str, memory: &MemoryDrafts) -> Result<Opened, DraftError> {
    if let Some(opened) = memory.get(id) {
        return Ok(opened);
    }
    let draft = lifecycle::find(&LocalStorage, id)?;
    Ok(Opened { base: draft.clone(), current: draft })
}

/// Stores a new draft; if storage refuses, it lives in this page's memory. Returns its id.
pub fn create_draft(document: Document, memory: &MemoryDrafts) -> String {
    let draft = Draft::new(new_draft_id(), document);
    if lifecycle::create(&LocalStorage, &draft).is_err() {
        memory.keep(Opened { base: draft.clone(), current: draft.clone() });
    }
    draft.id
}
