//! The first paint: index.html shows the app's frame and its start page as static
//! HTML (`#boot-frame`) while the wasm downloads, and holds the app's own element
//! (`#app`) hidden. Once the app has rendered its first page, it takes the frame's
//! place in one step, within one task: no paint shows both, or neither.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::on_demand::mount::APP_HOST_ID as ROOT_ID;

const FRAME_ID: &str = "boot-frame";

#[wasm_bindgen]
extern "C" {
    /// `static/boot.js`: removes the frame, shows `#app`, moves the focus from a
    /// static button to the app's, and carries out a click that waited for the app.
    #[wasm_bindgen(js_namespace = window, js_name = torikumiTakeOver, catch)]
    fn boot_take_over() -> Result<(), JsValue>;
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Where the app is mounted: index.html's `#app`; None on a page without it (the body then).
pub fn root() -> Option<web_sys::Element> {
    document()?.get_element_by_id(ROOT_ID)
}

/// The app has rendered its first page: it replaces the static frame.
pub fn take_over() {
    if boot_take_over().is_ok() {
        return;
    }
    // A page without boot.js: the same, without the waiting click (none was kept).
    if let Some(frame) = document().and_then(|d| d.get_element_by_id(FRAME_ID)) {
        frame.remove();
    }
    if let Some(root) = root().and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok()) {
        root.set_hidden(false);
    }
}
