//! The browser's local storage as a `KeyValue` (the core decides what is written).
//!
//! web-sys directly rather than gloo-storage: gloo panics when storage is
//! missing, and here a missing or full storage is an answer the user must see.

use torikumi_core::drafts::{KeyValue, StorageError};
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
