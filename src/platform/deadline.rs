//! Waiting on the browser with a deadline: a promise that never settles (a stalled
//! network, a browser policy) must not leave the app waiting for good.

use js_sys::{Array, Object, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// The promise did not settle in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedOut;

/// Waits for `promise`, at most `ms` milliseconds: its outcome, or [`TimedOut`].
pub async fn within(promise: Promise, ms: i32) -> Result<Result<JsValue, JsValue>, TimedOut> {
    // A value of its own, so a promise resolving to anything else is never mistaken for the timer.
    let marker: JsValue = Object::new().into();
    let timer = {
        let marker = marker.clone();
        Promise::new(&mut move |resolve, _| {
            let marker = marker.clone();
            crate::platform::frames::after(ms, move || {
                resolve.call1(&JsValue::NULL, &marker).ok();
            });
        })
    };
    let outcome = JsFuture::from(Promise::race(&Array::of2(&promise, &timer))).await;
    match outcome {
        Ok(value) if Object::is(&value, &marker) => Err(TimedOut),
        other => Ok(other),
    }
}
