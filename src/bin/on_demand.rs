//! The on-demand module's entry: what the page calls once it has loaded this
//! second wasm (`src/platform/on_demand.rs`). Its exports live here, not in the
//! library, so that the page's own wasm links none of them.

use torikumi::on_demand::city::CityHandle;
use torikumi::on_demand::word;
use wasm_bindgen::prelude::*;

/// Runs when the module starts: a panic here, too, shows boot.js's recovery screen.
fn main() {
    torikumi::report_panics();
}

/// A city page mounted by [`mount_city`].
#[wasm_bindgen]
pub struct CityView(CityHandle);

#[wasm_bindgen]
impl CityView {
    /// Whether the page holds changes storage refused.
    pub fn unsaved(&self) -> bool {
        self.0.unsaved()
    }

    /// Takes the page down.
    pub fn unmount(self) {
        self.0.unmount();
    }
}

/// Mounts the city page named in `props` (JSON of `CityMount`) on `host`.
#[wasm_bindgen]
pub fn mount_city(host: web_sys::Element, props: &str) -> Result<CityView, JsError> {
    CityHandle::mount(host, props).map(CityView).map_err(|e| JsError::new(&e.to_string()))
}

/// Reads last year's Word file `file_name`: JSON of `WordAnswer`.
#[wasm_bindgen]
pub async fn read_word(bytes: Vec<u8>, config: String, file_name: String) -> Result<String, JsError> {
    let answer = word::read_word(&bytes, &config, &file_name).await;
    serde_json::to_string(&answer).map_err(|e| JsError::new(&e.to_string()))
}

/// The .docx of a document (its exchange file's text).
#[wasm_bindgen]
pub fn write_word(document: &str) -> Result<Vec<u8>, JsError> {
    word::write_word(document).map_err(|e| JsError::new(&e.to_string()))
}
