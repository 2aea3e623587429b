//! Files served beside the app: `config.json` (wards, slugs, brief length) and
//! `version.json` (this build's version, written at build time). The one-file
//! build (`torikumi.html`, opened from `file://`) carries both inside itself.

use torikumi_core::config::ConfigError;
use torikumi_core::Config;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// A file served beside the app, as text; else the HTTP status of the answer (0 when
/// there was none: the network is off and no copy is cached, or the body broke off).
pub async fn fetch_served(url: &str) -> Result<String, u16> {
    let window = web_sys::window().ok_or(0u16)?;
    let response: Response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| 0u16)?.dyn_into().map_err(|_| 0u16)?;
    if !response.ok() {
        return Err(response.status());
    }
    JsFuture::from(response.text().map_err(|_| 0u16)?).await.map_err(|_| 0u16)?.as_string().ok_or(0)
}

/// A file served beside the app; `None` when it is not there (or the network is off
/// and no copy is cached): the caller's defaults apply.
async fn fetch_text(url: &str) -> Option<String> {
    fetch_served(url).await.ok()
}

fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// The app runs from the one-file build (`<html data-standalone>`): nothing is served beside it.
pub fn standalone() -> bool {
    root().is_some_and(|r| r.has_attribute("data-standalone"))
}

/// The answer boot.js started for `config.json` (`window.torikumiConfigText`), if it did.
fn early_config() -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &"torikumiConfigText".into()).ok()?.dyn_into().ok()
}

/// Reads `config.json` beside the app (in the one-file build, the copy inside it). A missing file means the built-in
/// defaults; a file that is there but unusable is an error the page shows.
pub async fn load_config() -> Result<Config, ConfigError> {
    let text = if standalone() {
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("torikumi-config")).and_then(|e| e.text_content())
    } else if let Some(early) = early_config() {
        // Asked for by boot.js while the wasm loaded; `null` when it was not there.
        JsFuture::from(early).await.ok().and_then(|v| v.as_string())
    } else {
        fetch_text("config.json").await
    };
    match text {
        None => Ok(Config::default()),
        Some(text) => Config::from_json(&text),
    }
}

/// This build's version, from `version.json`; `None` in a build without one.
pub async fn load_version() -> Option<String> {
    if standalone() {
        return root()?.get_attribute("data-version");
    }
    let text = fetch_text("version.json").await?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("version")?.as_str().map(str::to_owned)
}
