//! Running code around the browser's frames and tasks.
//!
//! Every callback goes through one closure type: each distinct closure handed to
//! JavaScript costs its own glue in the wasm.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

type Once = Box<dyn FnOnce()>;

/// A JavaScript function that runs `f` once, and is freed when it has.
fn js_once(f: Once) -> JsValue {
    Closure::once_into_js(f)
}

/// Runs `f` before the next frame is painted (at once if the browser refuses).
pub fn in_next_frame(f: impl FnOnce() + 'static) {
    let f = js_once(Box::new(f));
    if web_sys::window().is_none_or(|w| w.request_animation_frame(f.unchecked_ref()).is_err()) {
        run(&f);
    }
}

/// Runs `f` in a task after `ms` milliseconds (at once if the browser refuses).
pub fn after(ms: i32, f: impl FnOnce() + 'static) {
    let f = js_once(Box::new(f));
    if web_sys::window().is_none_or(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms).is_err()) {
        run(&f);
    }
}

/// Runs `f` in a task after the next frame has been painted: a frame, then a task
/// (what runs from the frame callback itself would still delay that frame).
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    in_next_frame(move || after(0, f));
}

fn run(f: &JsValue) {
    if let Some(f) = f.dyn_ref::<js_sys::Function>() {
        f.call0(&JsValue::NULL).ok();
    }
}
