//! The one store of the open draft: Yew's `use_reducer` over the core's pure
//! editor state ([`torikumi_core::editor`]). Components send actions; the
//! reducer in the core decides; this only adapts it to Yew and gives it the
//! browser's clock.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

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
#[derive(Clone)]
pub struct EditorStore {
    state: EditorState,
    newest: Newest,
}

impl EditorStore {
    pub fn new(state: EditorState) -> Self {
        EditorStore { state, newest: Newest::default() }
    }

    /// Where the reducer leaves each state it makes.
    pub fn newest(&self) -> Newest {
        self.newest.clone()
    }
}

impl PartialEq for EditorStore {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
    }
}

impl std::ops::Deref for EditorStore {
    type Target = EditorState;
    fn deref(&self) -> &EditorState {
        &self.state
    }
}

impl Reducible for EditorStore {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Unchanged: the same Rc, so nothing re-renders.
        match self.state.reduce(action) {
            Some(state) => {
                let next = Rc::new(EditorStore { state, newest: self.newest.clone() });
                *self.newest.0.borrow_mut() = Rc::downgrade(&next);
                next
            }
            None => self,
        }
    }
}

/// The state the reducer made last, which can be ahead of what the page has rendered:
/// Yew runs a render's effects in a later task when the render took over 16 ms (it
/// yields to the browser), so a listener or a task can come between an action and the
/// effects that see it. What must act on the newest text there (a write when the page
/// is hidden, a hand-over to another tab, another tab's write) reads it here. Empty
/// until the first action. (Yew's handle reads the current state too, but keeps every
/// state it has handed out alive until the next render; a `Weak` keeps none.)
#[derive(Clone, Default)]
pub struct Newest(Rc<RefCell<Weak<EditorStore>>>);

impl Newest {
    pub fn get(&self) -> Option<Rc<EditorStore>> {
        self.0.borrow().upgrade()
    }
}

/// The store as components receive it (through a context).
pub type EditorHandle = UseReducerHandle<EditorStore>;
/// What components send actions through.
pub type EditorDispatch = UseReducerDispatcher<EditorStore>;
