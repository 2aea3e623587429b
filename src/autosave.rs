//! Autosave: synchronises the open draft with local storage, outside the
//! reducer. A change is written at most half a second later (the timer is not
//! restarted by further typing, so a crash loses at most that), and at once when
//! the page is hidden or left. Storage errors are values the page shows.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use torikumi_core::store::{self, Draft, StorageError};
use torikumi_core::Timestamp;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::{now, Store};
use crate::storage::LocalStorage;

/// How long a change may wait before it is written.
const DELAY_MS: u32 = 500;

#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Everything is stored, as of then.
    Saved(Timestamp),
    /// A change waits for the timer.
    Pending,
    /// The last write failed; the draft lives only in this page until it succeeds.
    Failed(StorageError),
}

/// What the autosave hook gives the page.
#[derive(Clone)]
pub struct Autosave {
    pub status: SaveStatus,
    /// Writes now what is not yet written.
    pub flush: Rc<dyn Fn()>,
}

struct Inner {
    latest: RefCell<Option<Draft>>,
    written: RefCell<Option<Draft>>,
    timer: RefCell<Option<Timeout>>,
    saving_enabled: Cell<bool>,
    /// When the history was last looked at: reading it parses every kept version,
    /// so it is looked at once per version interval, not on every save.
    history_checked: Cell<Option<Timestamp>>,
}

impl Inner {
    fn dirty(&self) -> bool {
        self.saving_enabled.get() && *self.latest.borrow() != *self.written.borrow()
    }

    /// Writes the latest draft if it changed; returns the resulting status.
    fn flush(&self) -> Option<SaveStatus> {
        self.timer.borrow_mut().take();
        if !self.dirty() {
            return None;
        }
        let draft = self.latest.borrow().clone()?;
        // User Timing marks: how long a save takes shows in devtools and in scripts/bench.
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &performance {
            let _ = p.mark("torikumi:save:start");
        }
        let status = match store::save(&LocalStorage, &draft) {
            Ok(()) => {
                let at = now();
                let due = self.history_checked.get().is_none_or(|checked| {
                    (at.0 - checked.0).whole_seconds() >= store::HISTORY_INTERVAL_SECONDS
                });
                if due {
                    self.history_checked.set(Some(at));
                    // Earlier versions are a convenience: a failure here is not the draft's.
                    let _ = store::keep_version(&LocalStorage, &draft.id, &draft.document, at, false);
                }
                *self.written.borrow_mut() = Some(draft);
                SaveStatus::Saved(at)
            }
            Err(e) => SaveStatus::Failed(e),
        };
        if let Some(p) = &performance {
            let _ = p.mark("torikumi:save:end");
            let _ = p.measure_with_start_mark_and_end_mark("torikumi:save", "torikumi:save:start", "torikumi:save:end");
        }
        Some(status)
    }
}

/// Keeps the store's draft saved. A read-only tab never writes.
#[hook]
pub fn use_autosave(store: &Store) -> Autosave {
    let status = use_state(|| SaveStatus::Saved(store.doc.changed));
    let inner = use_memo((), {
        // Cloned only on the first render, when the memo is made.
        let store = store.clone();
        move |_| Inner {
            latest: RefCell::new(Some(store.draft())),
            written: RefCell::new(Some(store.draft())),
            timer: RefCell::new(None),
            saving_enabled: Cell::new(false),
            history_checked: Cell::new(None),
        }
    });
    let flush: Rc<dyn Fn()> = {
        let (inner, status) = (Rc::clone(&inner), status.clone());
        Rc::new(move || {
            if let Some(s) = inner.flush() {
                status.set(s);
            }
        })
    };

    // On every change of the draft: note it, and start the timer unless one runs.
    {
        let (inner, status, flush) = (Rc::clone(&inner), status.clone(), Rc::clone(&flush));
        use_effect_with((store.draft(), store.read_only), move |(draft, read_only)| {
            inner.saving_enabled.set(!read_only);
            *inner.latest.borrow_mut() = Some(draft.clone());
            if *read_only {
                // What this tab shows is what another tab stored.
                *inner.written.borrow_mut() = Some(draft.clone());
            } else if inner.dirty() {
                if !matches!(*status, SaveStatus::Failed(_)) {
                    status.set(SaveStatus::Pending);
                }
                if inner.timer.borrow().is_none() {
                    *inner.timer.borrow_mut() = Some(Timeout::new(DELAY_MS, move || flush()));
                }
            }
        });
    }

    // Hidden, left or closed: write at once; if that fails, ask before leaving.
    {
        let (inner, flush) = (Rc::clone(&inner), Rc::clone(&flush));
        use_effect_with((), move |_| {
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
                let options = EventListenerOptions::enable_prevent_default();
                let beforeunload = EventListener::new_with_options(&window, "beforeunload", options, move |e| {
                    flush();
                    if inner.dirty() {
                        e.prevent_default();
                        if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                            e.set_return_value("");
                        }
                    }
                });
                (hidden, pagehide, beforeunload)
            });
            move || drop(listeners)
        });
    }

    // Leaving the draft's page inside the app: write what is pending.
    {
        let flush = Rc::clone(&flush);
        use_effect_with((), move |_| move || flush());
    }

    Autosave { status: (*status).clone(), flush }
}

