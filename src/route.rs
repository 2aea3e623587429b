//! The open view lives in the URL's hash, so reload returns to it and any static
//! host serves the one page: `#/` the start page, `#/draft/<id>` a draft,
//! `#/bundle` the city's 取りまとめ, `#/help/<section>` 使い方 at a section.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use torikumi_core::messages::help::Topic;

use crate::pending_text::PendingText;
use crate::hooks::mounted::{dropping, use_mounted};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Start,
    Draft(String),
    /// The print view of a draft.
    Print(String),
    /// 取りまとめ: the city's set of ward reports.
    Bundle,
    /// The bound print view of the set.
    BundlePrint,
    /// 使い方, opened at a section (an unknown one opens its top).
    Help(Option<Topic>),
    /// `#/selftest/panic`: stops the app on purpose, so that support staff (and
    /// the tests) can see the recovery screen and its backup on a real PC.
    PanicCheck,
}

impl Route {
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let valid = |id: &str| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        match path.split('/').collect::<Vec<_>>()[..] {
            ["draft", id] if valid(id) => Route::Draft(id.to_owned()),
            ["draft", id, "print"] if valid(id) => Route::Print(id.to_owned()),
            ["bundle"] => Route::Bundle,
            ["bundle", "print"] => Route::BundlePrint,
            ["help"] => Route::Help(None),
            ["help", id] => Route::Help(Topic::from_id(id)),
            ["selftest", "panic"] => Route::PanicCheck,
            _ => Route::Start,
        }
    }

    pub fn hash(&self) -> String {
        match self {
            Route::Start => "#/".to_owned(),
            Route::Draft(id) => format!("#/draft/{id}"),
            Route::Print(id) => format!("#/draft/{id}/print"),
            Route::Bundle => "#/bundle".to_owned(),
            Route::BundlePrint => "#/bundle/print".to_owned(),
            Route::Help(None) => "#/help".to_owned(),
            Route::Help(Some(topic)) => format!("#/help/{}", topic.id()),
            Route::PanicCheck => "#/selftest/panic".to_owned(),
        }
    }
}

fn current() -> Route {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    Route::from_hash(&hash)
}

/// Brings 使い方's section `topic` (or the page's top) into view and gives its heading the
/// focus, so that the next Tab goes on from there; once rendered (see [`reveal_opened`]).
pub fn reveal(topic: Option<Topic>) {
    let id = topic.map_or_else(|| "help-title".to_owned(), |t| format!("help-{}", t.id()));
    let heading = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(heading) = heading {
        // The page's top shows the header above its heading; a section's heading goes to the top.
        match (topic, web_sys::window()) {
            (None, Some(w)) => w.scroll_to_with_x_and_y(0.0, 0.0),
            _ => heading.scroll_into_view(),
        }
        // A heading that cannot take the focus still shows: nothing to tell.
        heading.focus().ok();
    }
}

/// After the app's first page is rendered: 使い方 opened at its section (a reload, a 「詳しく」 in a new tab).
pub fn reveal_opened() {
    if let Route::Help(topic) = current() {
        reveal(topic);
    }
}

/// Opens a view (a new history entry, so the browser's back button returns).
pub fn go(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&route.hash());
    }
}

/// Asks before the open view is left while it holds text storage refused
/// (full, blocked, changed elsewhere). Every way out of a view (a link, a
/// button, Back) changes the hash, so the question is asked in one place; closing
/// or reloading the page makes the browser ask its own question.
///
/// It also carries the typed text still on its way to the store, which the app's
/// guard sends first of all when the page is hidden, closed or navigated.
#[derive(Clone, Default)]
pub struct UnsavedGuard {
    view: Rc<RefCell<Option<(Unsaved, &'static str)>>>,
    pub typed: PendingText,
    _closing: Rc<Option<EventListener>>,
}

/// Writes what is pending, and says whether text is still unsaved.
pub type Unsaved = Rc<dyn Fn() -> bool>;

impl PartialEq for UnsavedGuard {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view)
    }
}

impl UnsavedGuard {
    /// The app's guard, made before anything else (see [`PendingText::listening`]).
    pub fn for_app() -> Self {
        // Typed text first: its listeners come before this one.
        let typed = PendingText::listening();
        let view: Rc<RefCell<Option<(Unsaved, &'static str)>>> = Rc::default();
        let closing = web_sys::window().map(|w| {
            let view = Rc::clone(&view);
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&w, "beforeunload", options, move |e| {
                if unsaved(&view) {
                    e.prevent_default();
                    if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                        e.set_return_value("");
                    }
                }
            })
        });
        UnsavedGuard { view, typed, _closing: Rc::new(closing) }
    }

    /// Whether the open view holds something unsaved (its check writes what it can first).
    pub fn holds_unsaved(&self) -> bool {
        unsaved(&self.view)
    }

    /// Whether leaving may go on (asking the user, in the view's words, when something is unsaved).
    fn allows_leaving(&self) -> bool {
        let asking = self.view.borrow().as_ref().and_then(|(unsaved, question)| unsaved().then_some(*question));
        asking.is_none_or(|question| web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(true))
    }
}

/// Whether the open view holds something unsaved (its check writes what it can first).
fn unsaved(view: &RefCell<Option<(Unsaved, &'static str)>>) -> bool {
    view.borrow().as_ref().is_some_and(|(unsaved, _)| unsaved())
}

impl UnsavedGuard {
    /// Makes `unsaved` the open view's check, and `question` what to ask then, until the
    /// returned closure runs (`app_context::use_unsaved_guard`).
    pub fn register(&self, unsaved: Unsaved, question: &'static str) -> impl FnOnce() {
        *self.view.borrow_mut() = Some((unsaved, question));
        let view = Rc::clone(&self.view);
        move || *view.borrow_mut() = None
    }
}

/// The open view, and the last view that was not 使い方 (its way back; the start
/// page when 使い方 was opened first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routed {
    pub route: Route,
    pub came_from: Route,
}

/// The open view, following the hash; leaving a view with unsaved text asks first.
#[hook]
pub fn use_route(guard: UnsavedGuard) -> Routed {
    let route = use_state(|| Routed { route: current(), came_from: Route::Start });
    {
        let route = route.clone();
        use_mounted(Box::new(move || {
            let shown = Rc::new(RefCell::new(current()));
            // Kept here, not read from `route`: this listener's copy of the state is its first.
            let came_from = RefCell::new(Route::Start);
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    let next = current();
                    if next == *shown.borrow() {
                        return;
                    }
                    if !guard.allows_leaving() {
                        // Back to the view the user stays in (its hashchange is then a no-op).
                        go(&shown.borrow());
                        return;
                    }
                    let left = std::mem::replace(&mut *shown.borrow_mut(), next.clone());
                    if !matches!(left, Route::Help(_)) {
                        *came_from.borrow_mut() = left;
                    }
                    route.set(Routed { route: next, came_from: came_from.borrow().clone() });
                })
            });
            dropping(listener)
        }));
    }
    (*route).clone()
}
