//! The page's side of the on-demand module (`src/on_demand/`): fetched and started
//! the first time it is needed, through `window.torikumiOnDemand()` (static/boot.js
//! when hosted, which keeps one promise per page; the offline file's own loader from
//! the bytes it carries). Every wait has [`MODULE_WAIT_MS`]; a failure is a
//! [`ModuleError`] for the page to say, never a panic.

use js_sys::{Promise, Uint8Array};
use torikumi_core::docx::{WordAnswer, WordRead};
use torikumi_core::on_demand::{ModuleError, MODULE_WAIT_MS};
use torikumi_core::{Config, Document};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::deadline::within;
use crate::on_demand::mount::CityMount;

#[wasm_bindgen]
extern "C" {
    /// A promise of the module's exports (`src/bin/on_demand.rs`), started.
    #[wasm_bindgen(js_namespace = window, js_name = torikumiOnDemand, catch)]
    fn load_module() -> Result<Promise, JsValue>;

    /// The module's exports.
    pub type OnDemandModule;
    #[wasm_bindgen(method, catch, js_name = mount_city)]
    fn mount_city(this: &OnDemandModule, host: &web_sys::Element, props: &str) -> Result<CityView, JsValue>;
    #[wasm_bindgen(method, catch, js_name = read_word)]
    fn read_word_json(this: &OnDemandModule, bytes: &Uint8Array, config: &str, file_name: &str) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch, js_name = write_word)]
    fn write_word_bytes(this: &OnDemandModule, document: &str) -> Result<Uint8Array, JsValue>;

    /// A city page the module has mounted.
    pub type CityView;
    #[wasm_bindgen(method, catch)]
    fn unsaved(this: &CityView) -> Result<bool, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn unmount(this: &CityView) -> Result<(), JsValue>;
}

/// A failure to fetch is a network's (`TypeError`: "Failed to fetch dynamically
/// imported module"); anything else (a syntax error, a wasm that does not compile) is a broken file.
fn why(error: &JsValue) -> ModuleError {
    match error.dyn_ref::<js_sys::Error>() {
        Some(e) if e.name() == "TypeError" => ModuleError::Unreachable,
        _ => ModuleError::Broken,
    }
}

/// The module, started (at once once it has been loaded in this page).
pub async fn module() -> Result<OnDemandModule, ModuleError> {
    let promise = load_module().map_err(|_| ModuleError::Broken)?;
    match within(promise, MODULE_WAIT_MS).await {
        Err(_) => Err(ModuleError::TimedOut),
        Ok(Err(e)) => Err(why(&e)),
        Ok(Ok(exports)) => Ok(exports.unchecked_into()),
    }
}

/// Why a Word file was not read: the module did not come, or the file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordError {
    Module(ModuleError),
    /// The file's `DocxError`, as the module said it (`messages::docx_error`): the page
    /// carries neither the type's reader nor the sentences (core's `WordAnswer`).
    Refused { sentence: String },
}

/// Reads last year's Word file `file_name` in the module.
pub async fn read_word(bytes: &[u8], config: &Config, file_name: &str) -> Result<WordRead, WordError> {
    let module = module().await.map_err(WordError::Module)?;
    let config = config.to_json().unwrap_or_default();
    let reading = module.read_word_json(&Uint8Array::from(bytes), &config, file_name).map_err(|e| WordError::Module(why(&e)))?;
    let answer = match within(reading, MODULE_WAIT_MS).await {
        Err(_) => return Err(WordError::Module(ModuleError::TimedOut)),
        Ok(Err(e)) => return Err(WordError::Module(why(&e))),
        Ok(Ok(answer)) => answer,
    };
    // The module answers a `WordAnswer` as JSON; anything else is not our module.
    let answer = answer
        .as_string()
        .and_then(|json| serde_json::from_slice::<WordAnswer>(json.as_bytes()).ok())
        .and_then(WordAnswer::into_read)
        .ok_or(WordError::Module(ModuleError::Broken))?;
    answer.map_err(|sentence| WordError::Refused { sentence })
}

/// The document as a .docx (written in the module). The page's own document is always
/// one the module reads: a refusal means the module is not this build's.
pub async fn write_word(document: &Document) -> Result<Vec<u8>, ModuleError> {
    let module = module().await?;
    module.write_word_bytes(&torikumi_core::exchange::to_json(document)).map(|bytes| bytes.to_vec()).map_err(|e| why(&e))
}

impl OnDemandModule {
    /// Mounts a city page on `host`.
    pub fn mount(&self, host: &web_sys::Element, props: &CityMount) -> Result<CityView, ModuleError> {
        let props = serde_json::to_string(props).map_err(|_| ModuleError::Broken)?;
        self.mount_city(host, &props).map_err(|e| why(&e))
    }
}

impl CityView {
    /// Whether the page holds changes storage refused. A module that no longer
    /// answers is taken to hold some: the question is asked rather than text lost.
    pub fn holds_unsaved(&self) -> bool {
        self.unsaved().unwrap_or(true)
    }

    /// Takes the page down (a module that no longer answers has nothing left to take down).
    pub fn take_down(&self) {
        if let Err(e) = self.unmount() {
            web_sys::console::warn_2(&"unmounting the city page failed".into(), &e);
        }
    }
}
