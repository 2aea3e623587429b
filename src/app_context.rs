//! What any view may ask of the app, in one context: the config, drafts kept in memory
//! (storage refused), and the "anything unsaved?" guard. One context type: Yew compiles
//! its provider and its hook once per type (about 0.5 KB gzip each).

use std::rc::Rc;

use torikumi_core::Config;
use yew::prelude::*;

use crate::open_drafts::MemoryDrafts;
use crate::route::{Unsaved, UnsavedGuard};
use crate::hooks::mounted::use_mounted;

#[derive(Clone, Default)]
pub struct AppContext {
    pub config: Rc<Config>,
    pub memory: MemoryDrafts,
    pub guard: UnsavedGuard,
}

// By identity: the app hands out the same three for its life (the config once it is read).
impl PartialEq for AppContext {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.config, &other.config) && self.memory == other.memory && self.guard == other.guard
    }
}

/// The app's context; outside one (a test, a lone component), a fresh default.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().unwrap_or_default()
}

/// Registers the open view's "is anything unsaved" check, and the question to ask then, while it is mounted.
#[hook]
pub fn use_unsaved_guard(unsaved: Unsaved, question: &'static str) {
    let guard = use_app().guard;
    use_mounted(Box::new(move || Box::new(guard.register(unsaved, question))));
}
