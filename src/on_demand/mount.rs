//! What the page hands the on-demand module when it shows one of the city's pages.

use serde::{Deserialize, Serialize};

/// The page's host (`<div id="app">` in index.html).
pub const APP_HOST_ID: &str = "app";
/// The module's host, made right after the page's: a sibling, never inside it,
/// since the two Yew instances number their event subtrees alike.
pub const MODULE_HOST_ID: &str = "on-demand";

/// A page of the city's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CityPage {
    /// 取りまとめ.
    Bundle,
    /// 「まとめて印刷用表示」.
    BundlePrint,
}

/// The props of [`super::city::CityApp`], as JSON across the two wasm instances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CityMount {
    pub page: CityPage,
    /// The page's config, as `config.json` text ([`torikumi_core::Config::to_json`]).
    pub config: String,
    /// Notices the page shows above every view (a config not used, a wrong clock).
    pub notices: Vec<String>,
}
