//! The Yew app: a thin layer over `torikumi-core`, which decides everything that
//! can be decided without a browser.

mod app;
mod app_context;
mod editor_store;
mod hooks;
pub mod on_demand;
mod open_drafts;
mod pages;
mod pending_text;
mod platform;
mod route;
mod widgets;

pub use app::App;

// Talc instead of dlmalloc: 2-3 KB gzip less in each wasm file; the 5,000-edit
// soak benchmark measures its memory over a long session (README, Size).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use wasm_bindgen::prelude::*;

use crate::on_demand::mount::APP_HOST_ID;

#[wasm_bindgen]
extern "C" {
    /// `static/boot.js`: covers the page with 「問題が発生しました」 and a button that
    /// downloads every stored record, in plain JavaScript (the wasm is dead by then).
    #[wasm_bindgen(js_namespace = window, js_name = torikumiFatal, catch)]
    fn show_fatal(detail: &str) -> Result<(), JsValue>;
}

/// Sends a panic to boot.js's recovery screen (the page's wasm and the on-demand module's alike).
pub fn report_panics() {
    // Through Yew, which otherwise installs its own console-only hook when it renders.
    yew::set_custom_panic_hook(Box::new(|info| {
        // Without boot.js there is nobody left to tell; the console still has it.
        if show_fatal(&info.to_string()).is_err() {
            web_sys::console::error_1(&info.to_string().into());
        }
    }));
}

/// Mounts the app in index.html's `#app`, beside the static first paint it then
/// replaces (`platform/boot_frame.rs`) and before the on-demand module's host; in
/// one made at the start of the body on a page without it. A panic stops the app:
/// the user must see that at once, and not go on typing into a page that no longer saves.
pub fn start() {
    report_panics();
    match app_host() {
        Some(host) => yew::Renderer::<App>::with_root(host).render(),
        // No document to make one in: the body, as Yew does by default.
        None => yew::Renderer::<App>::new().render(),
    };
}

/// `#app`, or one made at the start of the body.
fn app_host() -> Option<web_sys::Element> {
    platform::hosts::host(APP_HOST_ID, |document, host| document.body()?.prepend_with_node_1(host).ok())
}
