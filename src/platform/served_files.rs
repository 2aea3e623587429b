//! Files served beside the app: `config.json` (wards, slugs, brief length) and
//! `version.json` (this build's version, written at build time).

use torikumi_core::config::ConfigError;
use torikumi_core::Config;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// A file served beside the app; `None` when it is not there (or the network is off
/// and no copy is cached): the caller's defaults apply.
async fn fetch_text(url: &str) -> Option<String> {
    let window = web_sys::window()?;
    let response: Response = JsFuture::from(window.fetch_with_str(url)).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

/// Reads `config.json` beside the app. A missing file means the built-in
/// defaults; a file that is there but unusable is an error the page shows.
pub async fn load_config() -> Result<Config, ConfigError> {
    match fetch_text("config.json").await {
        None => Ok(Config::default()),
        Some(text) => Config::from_json(&text),
    }
}

/// This build's version, from `version.json`; `None` in a build without one.
pub async fn load_version() -> Option<String> {
    let text = fetch_text("version.json").await?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("version")?.as_str().map(str::to_owned)
}
