//! The one store of the open draft: Yew's `use_reducer` over the core's pure
//! editor state ([`torikumi_core::editor`]). Components send actions; the
//! reducer in the core decides; this only adapts it to Yew and gives it the
//! browser's clock.

use std::rc::Rc;

use torikumi_core::editor::{Action, Clock, EditorState};
use torikumi_core::Timestamp;
use yew::prelude::*;

/// Now, from the browser's clock.
pub fn now() -> Timestamp {
    Timestamp::from_unix_millis(js_sys::Date::now())
}

/// The browser's clock, for the editor state.
pub const BROWSER_CLOCK: Clock = Clock(now);

/// The editor state as Yew's reducer holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct EditorStore(pub EditorState);

impl std::ops::Deref for EditorStore {
    type Target = EditorState;
    fn deref(&self) -> &EditorState {
        &self.0
    }
}

impl Reducible for EditorStore {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Unchanged: the same Rc, so nothing re-renders.
        match self.0.reduce(action) {
            Some(next) => Rc::new(EditorStore(next)),
            None => self,
        }
    }
}

/// The store as components receive it (through a context).
pub type EditorHandle = UseReducerHandle<EditorStore>;
/// What components send actions through.
pub type EditorDispatch = UseReducerDispatcher<EditorStore>;
