//! Files served beside the app: `config.json` (wards, slugs, brief length) and
//! `version.json` (this build's version, written at build time). The one-file
//! build (`torikumi.html`, opened from `file://`) carries both inside itself.

use torikumi_core::config::ConfigError;
use torikumi_core::Config;
use wasm_bindgen::JsCast;
use web_sys::Response;

use crate::platform::deadline::{within, TimedOut};

/// How long a file served beside the app may take (a stalled host or venue Wi-Fi).
const SERVED_WAIT_MS: i32 = 8_000;

/// Why a file served beside the app did not come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unserved {
    /// The HTTP status of the answer (0 when there was none: the network is off and
    /// no copy is cached, or the body broke off).
    Status(u16),
    /// No answer within the deadline given.
    TimedOut,
}

impl From<TimedOut> for Unserved {
    fn from(_: TimedOut) -> Self {
        Unserved::TimedOut
    }
}

/// A file served beside the app, as text, waiting at most `wait_ms` for each of the
/// answer and its body.
pub async fn fetch_served(url: &str, wait_ms: i32) -> Result<String, Unserved> {
    let window = web_sys::window().ok_or(Unserved::Status(0))?;
    let response = within(window.fetch_with_str(url), wait_ms).await?.map_err(|_| Unserved::Status(0))?;
    let response: Response = response.dyn_into().map_err(|_| Unserved::Status(0))?;
    if !response.ok() {
        return Err(Unserved::Status(response.status()));
    }
    let body = response.text().map_err(|_| Unserved::Status(0))?;
    within(body, wait_ms).await?.map_err(|_| Unserved::Status(0))?.as_string().ok_or(Unserved::Status(0))
}

/// A file served beside the app; `Ok(None)` when it is not there (or the network is off
/// and no copy is cached): the caller's defaults apply.
async fn fetch_text(url: &str) -> Result<Option<String>, TimedOut> {
    match fetch_served(url, SERVED_WAIT_MS).await {
        Ok(text) => Ok(Some(text)),
        Err(Unserved::TimedOut) => Err(TimedOut),
        Err(Unserved::Status(_)) => Ok(None),
    }
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
        within(early, SERVED_WAIT_MS).await.map_err(|TimedOut| timed_out())?.ok().and_then(|v| v.as_string())
    } else {
        fetch_text("config.json").await.map_err(|TimedOut| timed_out())?
    };
    match text {
        None => Ok(Config::default()),
        Some(text) => Config::from_json(&text),
    }
}

fn timed_out() -> ConfigError {
    ConfigError::TimedOut((SERVED_WAIT_MS / 1_000).unsigned_abs())
}

/// This build's version, from `version.json`; `None` in a build without one.
pub async fn load_version() -> Option<String> {
    if standalone() {
        return root()?.get_attribute("data-version");
    }
    let text = fetch_text("version.json").await.ok()??;
    serde_json::from_slice::<VersionFile>(text.as_bytes()).ok().map(|v| v.version)
}

/// `version.json` (scripts/post-build.mjs).
#[derive(serde::Deserialize)]
struct VersionFile {
    version: String,
}
