//! The Yew app: a thin layer over `torikumi-core`, which decides everything that
//! can be decided without a browser.

mod app;
mod editor_store;
mod hooks;
mod open_drafts;
mod pages;
mod pending_text;
mod platform;
mod route;
mod widgets;

pub use app::App;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `static/boot.js`: covers the page with 「問題が発生しました」 and a button that
    /// downloads every stored record, in plain JavaScript (the wasm is dead by then).
    #[wasm_bindgen(js_namespace = window, js_name = torikumiFatal, catch)]
    fn show_fatal(detail: &str) -> Result<(), JsValue>;
}

/// Mounts the app in index.html's `#app` (beside the static first paint it then
/// replaces, `platform/boot_frame.rs`), or on the body of a page without it. A panic
/// stops the app: the user must see that at once, and not go on typing into a page
/// that no longer saves.
pub fn start() {
    // Through Yew, which otherwise installs its own console-only hook when it renders.
    yew::set_custom_panic_hook(Box::new(|info| {
        // Without boot.js there is nobody left to tell; the console still has it.
        if show_fatal(&info.to_string()).is_err() {
            web_sys::console::error_1(&info.to_string().into());
        }
    }));
    match platform::boot_frame::root() {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
