//! Autosave: synchronises the open draft with local storage, outside the
//! reducer, both ways.
//!
//! - A change is written at most half a second later (the timer is not
//!   restarted by further typing, so a crash loses at most that), and at once
//!   when the page is hidden or left. Every write is based on the revision last
//!   read or written ([`lifecycle::save`]): one based on an old copy is refused,
//!   and the user chooses between the newer version and a copy of their own.
//! - Another tab's writes arrive as `storage` events: marks merge, text is
//!   followed when nothing here is unsaved, and is a conflict otherwise.
//! - Text that could not be written stays in this page ([`MemoryDrafts`]) and is
//!   what reopens; storage errors are values the page shows.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use torikumi_core::drafts::history::{HistoryError, VersionKeeper};
use torikumi_core::drafts::lifecycle::{self, DraftError};
use torikumi_core::drafts::{self, Draft};
use torikumi_core::Timestamp;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use crate::app_context::use_app;

use torikumi_core::editor::{Action, Stored};

use crate::editor_store::{now, EditorHandle, Newest};
use crate::open_drafts::Opened;
use crate::pending_text::PendingText;
use crate::platform::local_storage::LocalStorage;
use crate::hooks::mounted::{dropping, use_mounted};

/// How long a change may wait before it is written.
const DELAY_MS: u32 = 500;

#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Everything is stored, as of then.
    Saved(Timestamp),
    /// A change waits for the timer.
    Pending,
    /// The last write failed; the draft lives only in this page until it succeeds.
    Failed(DraftError),
    /// Storage holds a version written elsewhere (`None`: deleted elsewhere) and
    /// this page has unsaved text: nothing is written until the user chooses.
    Conflict(Option<Box<Draft>>),
}

/// What the autosave hook gives the page.
#[derive(Clone)]
pub struct Autosave {
    pub status: SaveStatus,
    /// Keeping an earlier version failed (the draft itself is saved).
    pub history_problem: Option<HistoryError>,
    /// Writes now what is not yet written.
    pub flush: Rc<dyn Fn()>,
    /// Whether this page holds text that storage does not.
    pub unsaved: Rc<dyn Fn() -> bool>,
    /// This page's text went elsewhere (a copy): write nothing more, keep nothing.
    pub abandon: Rc<dyn Fn()>,
    /// This tab is about to turn read-only (another took over) after its last
    /// write: text that write could not store stays in this page, is never
    /// replaced by the other tab's, and leaving asks first.
    pub hold: Rc<dyn Fn()>,
}

enum Outcome {
    Saved(Box<Draft>),
    Failed(DraftError),
    Conflict(Option<Box<Draft>>),
}

struct Inner {
    /// What the page shows now.
    latest: RefCell<Draft>,
    /// What storage held when last read or written: every write is based on it.
    written: RefCell<Draft>,
    timer: RefCell<Option<Timeout>>,
    saving_enabled: Cell<bool>,
    abandoned: Cell<bool>,
    /// This tab lost the editor role (or reopened text storage refused): text it holds
    /// that storage does not is its own, never replaced by another tab's.
    held: Cell<bool>,
    /// Writes wait for the user's choice.
    in_conflict: Cell<bool>,
    versions: Cell<VersionKeeper>,
    /// The store's newest state, which the render may not have brought to `latest` yet.
    newest: Newest,
}

impl Inner {
    fn dirty(&self) -> bool {
        let (latest, written) = (self.latest.borrow(), self.written.borrow());
        latest.document != written.document || latest.exported != written.exported
    }

    /// Whether this page holds text of its own that storage does not: while it
    /// edits, or since it lost the editor role with such text ([`Autosave::hold`]).
    fn unsaved(&self) -> bool {
        (self.saving_enabled.get() || self.held.get()) && self.dirty()
    }

    /// Takes in text the reducer has and the page's render has not yet brought here
    /// ([`Newest`]): text sent by a field on pagehide, or before a hand-over, would
    /// otherwise miss the write that follows, and another tab's write would be
    /// followed over it. A draft replaced by another revision (taken over, restored,
    /// followed) is left to the render's effect, which adopts it.
    fn catch_up(&self) {
        let Some(newest) = self.newest.get() else { return };
        let draft = newest.draft();
        if draft.revision != self.written.borrow().revision {
            return;
        }
        self.saving_enabled.set(!newest.read_only && !self.abandoned.get());
        *self.latest.borrow_mut() = draft;
    }

    /// Writes the newest draft if it changed.
    fn flush(&self) -> Option<Outcome> {
        self.timer.borrow_mut().take();
        self.catch_up();
        if !self.saving_enabled.get() || self.in_conflict.get() || !self.dirty() {
            return None;
        }
        let (base, latest) = (self.written.borrow().clone(), self.latest.borrow().clone());
        // User Timing marks: how long a save takes shows in devtools and in scripts/bench.
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &performance {
            p.mark("torikumi:save:start").ok();
        }
        let outcome = match lifecycle::save(&LocalStorage, &base, &latest) {
            Ok(stored) => {
                // What storage holds now: the text shown, with the stored revision and marks.
                *self.written.borrow_mut() = stored.clone();
                Outcome::Saved(Box::new(stored))
            }
            Err(DraftError::Conflict { stored }) => {
                self.in_conflict.set(true);
                Outcome::Conflict(stored)
            }
            Err(e) => Outcome::Failed(e),
        };
        if let Some(p) = &performance {
            p.mark("torikumi:save:end").ok();
            p.measure_with_start_mark_and_end_mark("torikumi:save", "torikumi:save:start", "torikumi:save:end").ok();
        }
        Some(outcome)
    }

    /// Another tab wrote this draft (`raw`: the new record; `None`: removed).
    fn stored_elsewhere(&self, raw: Option<String>) -> Option<Reaction> {
        self.catch_up();
        let Some(raw) = raw else {
            return (self.saving_enabled.get() || self.unsaved()).then(|| {
                self.in_conflict.set(true);
                Reaction::Conflict(None)
            });
        };
        // A damaged record is left alone; the next write reports it.
        let stored = drafts::decode_draft(&raw).ok()?;
        let written = self.written.borrow().clone();
        if stored.revision <= written.revision && stored.document == written.document {
            return None;
        }
        if stored.document == written.document {
            *self.written.borrow_mut() = stored.clone();
            return Some(Reaction::Marks(Stored::of(&stored)));
        }
        if !self.unsaved() {
            *self.written.borrow_mut() = stored.clone();
            return Some(Reaction::Follow(Box::new(stored)));
        }
        self.in_conflict.set(true);
        Some(Reaction::Conflict(Some(Box::new(stored))))
    }
}

enum Reaction {
    Marks(Stored),
    Follow(Box<Draft>),
    Conflict(Option<Box<Draft>>),
}

/// Keeps the store's draft saved. A read-only tab never writes. `typed`: the text
/// still on its way from a field to the store.
#[hook]
pub fn use_autosave(store: &EditorHandle, opened: &Opened, typed: &PendingText) -> Autosave {
    let memory = use_app().memory;
    let status = use_state(|| SaveStatus::Saved(store.doc.changed));
    let history_problem = use_state(|| None::<HistoryError>);
    let inner = use_memo((), {
        // Cloned only on the first render, when the memo is made.
        let (opened, newest) = (opened.clone(), store.newest());
        move |_| {
            // Reopened with text storage refused (kept in this page): held until written.
            let held = opened.current.document != opened.base.document || opened.current.exported != opened.base.exported;
            Inner {
                latest: RefCell::new(opened.current),
                written: RefCell::new(opened.base),
                timer: RefCell::new(None),
                saving_enabled: Cell::new(false),
                abandoned: Cell::new(false),
                held: Cell::new(held),
                in_conflict: Cell::new(false),
                versions: Cell::new(VersionKeeper::default()),
                newest,
            }
        }
    });
    let dispatch = store.dispatcher();
    let flush: Rc<dyn Fn()> = {
        let (inner, status, history_problem, memory, dispatch) =
            (Rc::clone(&inner), status.clone(), history_problem.clone(), memory.clone(), dispatch.clone());
        Rc::new(move || match inner.flush() {
            None => {}
            Some(Outcome::Saved(stored)) => {
                let at = now();
                memory.forget(&stored.id);
                // Earlier versions are a convenience: a failure there is shown, and is not the draft's.
                let mut versions = inner.versions.get();
                history_problem.set(versions.after_save(&LocalStorage, &stored, at).err());
                inner.versions.set(versions);
                dispatch.dispatch(Action::Stored(Stored::of(&stored)));
                status.set(SaveStatus::Saved(at));
            }
            Some(Outcome::Failed(e)) => status.set(SaveStatus::Failed(e)),
            Some(Outcome::Conflict(stored)) => status.set(SaveStatus::Conflict(stored)),
        })
    };

    // On every change of the draft: note it, and start the timer unless one runs.
    {
        let (inner, status, flush, memory) = (Rc::clone(&inner), status.clone(), Rc::clone(&flush), memory.clone());
        use_effect_with((store.draft(), store.read_only), move |(draft, read_only)| {
            inner.saving_enabled.set(!read_only && !inner.abandoned.get());
            *inner.latest.borrow_mut() = draft.clone();
            // Replaced by what storage holds now (taken over, a version restored, the
            // newer version chosen): that is the base of the next write. (A tab still
            // checking whether it may edit is read-only too: it keeps its base, so
            // text this page could not store is written once it may.)
            let adopted = draft.revision > inner.written.borrow().revision;
            if adopted {
                *inner.written.borrow_mut() = draft.clone();
                inner.held.set(false);
                // Text this page held unsaved is superseded (the user chose the stored version).
                memory.forget(&draft.id);
            }
            if adopted && inner.in_conflict.replace(false) {
                status.set(SaveStatus::Saved(now()));
            }
            if !*read_only && inner.dirty() && !inner.in_conflict.get() {
                if !matches!(*status, SaveStatus::Failed(_)) {
                    status.set(SaveStatus::Pending);
                }
                if inner.timer.borrow().is_none() {
                    *inner.timer.borrow_mut() = Some(Timeout::new(DELAY_MS, move || flush()));
                }
            }
        });
    }

    // Another tab wrote this draft. Text still on its way from a field goes to the
    // store first: else the other tab's text would be followed, and that text then
    // applied over it, unasked.
    {
        let (inner, status, dispatch, key) = (Rc::clone(&inner), status.clone(), dispatch.clone(), drafts::draft_key(&store.draft_id));
        let typed = typed.clone();
        use_mounted(Box::new(move || {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "storage", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else { return };
                    if e.key().as_deref() != Some(key.as_str()) {
                        return;
                    }
                    typed.send();
                    match inner.stored_elsewhere(e.new_value()) {
                        None => {}
                        Some(Reaction::Marks(stored)) => dispatch.dispatch(Action::Stored(stored)),
                        Some(Reaction::Follow(draft)) => dispatch.dispatch(Action::Replace(draft)),
                        Some(Reaction::Conflict(stored)) => status.set(SaveStatus::Conflict(stored)),
                    }
                })
            });
            dropping(listener)
        }));
    }

    // Hidden or closed: write at once. (Closing asks first when that write fails: the
    // app's UnsavedGuard asks the view, and the view's check writes first.)
    {
        let flush = Rc::clone(&flush);
        use_mounted(Box::new(move || {
            let window = web_sys::window();
            let document = window.as_ref().and_then(|w| w.document());
            let listeners = window.zip(document).map(|(window, document)| {
                let hidden = {
                    let (flush, doc) = (Rc::clone(&flush), document.clone());
                    EventListener::new(&document, "visibilitychange", move |_| {
                        if doc.visibility_state() == web_sys::VisibilityState::Hidden {
                            flush();
                        }
                    })
                };
                let pagehide = {
                    let flush = Rc::clone(&flush);
                    EventListener::new(&window, "pagehide", move |_| flush())
                };
                (hidden, pagehide)
            });
            dropping(listeners)
        }));
    }

    // Leaving the draft's page inside the app: write what is pending; what cannot
    // be written stays in this page's memory and is what reopens.
    {
        let (inner, flush, memory) = (Rc::clone(&inner), Rc::clone(&flush), memory.clone());
        use_mounted(Box::new(move || {
            Box::new(move || {
                flush();
                if inner.unsaved() {
                    memory.keep(Opened { base: inner.written.borrow().clone(), current: inner.latest.borrow().clone() });
                }
            })
        }));
    }

    let unsaved: Rc<dyn Fn() -> bool> = {
        let inner = Rc::clone(&inner);
        Rc::new(move || inner.unsaved())
    };
    let hold: Rc<dyn Fn()> = {
        let inner = Rc::clone(&inner);
        // Whatever this page holds from now on that storage does not is held; text that
        // reaches the store a moment later (still sent by a field) counts too.
        Rc::new(move || inner.held.set(true))
    };
    let abandon: Rc<dyn Fn()> = Rc::new(move || {
        inner.abandoned.set(true);
        inner.saving_enabled.set(false);
        inner.held.set(false);
        memory.forget(&inner.latest.borrow().id);
    });
    Autosave { status: (*status).clone(), history_problem: (*history_problem).clone(), flush, unsaved, abandon, hold }
}

