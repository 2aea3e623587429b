//! The open view lives in the URL's hash, so reload returns to it and any static
//! host serves the one page: `#/` the start page, `#/draft/<id>` a draft.

use gloo_events::EventListener;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Start,
    Draft(String),
    /// The print view of a draft.
    Print(String),
}

impl Route {
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let valid = |id: &str| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        match path.split('/').collect::<Vec<_>>()[..] {
            ["draft", id] if valid(id) => Route::Draft(id.to_owned()),
            ["draft", id, "print"] if valid(id) => Route::Print(id.to_owned()),
            _ => Route::Start,
        }
    }

    pub fn hash(&self) -> String {
        match self {
            Route::Start => "#/".to_owned(),
            Route::Draft(id) => format!("#/draft/{id}"),
            Route::Print(id) => format!("#/draft/{id}/print"),
        }
    }
}

fn current() -> Route {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    Route::from_hash(&hash)
}

/// Opens a view (a new history entry, so the browser's back button returns).
pub fn go(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&route.hash());
    }
}

/// The open view, following the hash.
#[hook]
pub fn use_route() -> Route {
    let route = use_state(current);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| EventListener::new(&w, "hashchange", move |_| route.set(current())));
            move || drop(listener)
        });
    }
    (*route).clone()
}
