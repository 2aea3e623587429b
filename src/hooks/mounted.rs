//! Effects that start when a component is first rendered and end when it goes.

use yew::prelude::*;

/// What ends a mounted effect: dropping its listeners, writing what is pending.
pub type Ending = Box<dyn FnOnce()>;

/// Runs `effect` after the component's first render; what it returns runs when the
/// component goes. One closure type for every such effect: Yew compiles
/// `use_effect_with` once per closure type, about 0.5 KB of wasm each.
#[hook]
pub fn use_mounted(effect: Box<dyn FnOnce() -> Ending>) {
    use_effect_with((), move |_| effect());
}

/// An ending that drops `held` (listeners, a timer): they stop with the component.
pub fn dropping<T: 'static>(held: T) -> Ending {
    Box::new(move || drop(held))
}

/// The ending of an effect that leaves nothing running.
pub fn no_ending() -> Ending {
    Box::new(|| ())
}
