//! The lease that stands in for Web Locks (`tab_role.rs`): one draft's lease held or
//! watched by this tab, renewed by a heartbeat, answered on every storage event of it
//! ([`torikumi_core::drafts::lease`]).

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::EventListener;
use torikumi_core::drafts::lease::{self, Taking};
use torikumi_core::drafts::KeyValue;
use wasm_bindgen::JsCast;

use crate::platform::local_storage::{new_draft_id, LocalStorage};

/// This page's tab, for leases and handovers: fixed for the page's life.
pub fn tab_id() -> String {
    thread_local! {
        static TAB: String = new_draft_id();
    }
    TAB.with(Clone::clone)
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The lease of one draft held or watched by this tab; dropping it stops the
/// heartbeat and gives the lease up.
pub struct Leased {
    draft_id: String,
    /// The taking this tab holds (as far as it knows), or `None` when it views.
    held: Rc<Cell<Option<Taking>>>,
    _heartbeat: gloo_timers::callback::Interval,
    _watch: Option<EventListener>,
    _pagehide: Option<EventListener>,
}

/// Takes the lease if it is free (or `steal`). Storage refusing the write (full): this tab
/// does not take a lease another tab holds and runs, which would make two editors; with
/// none readable (no storage at all: no other tab can write either) it edits in memory.
fn acquire(draft_id: &str, steal: bool) -> Option<Taking> {
    lease::acquire(&LocalStorage, draft_id, &tab_id(), now_ms(), steal).unwrap_or_else(|_| {
        let stored = LocalStorage.get(&lease::lease_key(draft_id)).ok().flatten();
        (!lease::held_by_other(stored.as_deref(), &tab_id(), now_ms(), None)).then(Taking::default)
    })
}

impl Leased {
    /// Takes the lease if it is free (or `steal`); else this tab views. A holder
    /// renews it, and learns at the next heartbeat or storage event that it was
    /// taken, and then calls `lose`.
    pub fn start(draft_id: &str, steal: bool, lose: impl Fn() + 'static) -> Leased {
        let draft_id = draft_id.to_owned();
        let held = Rc::new(Cell::new(acquire(&draft_id, steal)));
        let lose = {
            let held = Rc::clone(&held);
            Rc::new(move || {
                if held.take().is_some() {
                    lose();
                }
            })
        };
        // Renews this tab's lease; gives up when another tab's outranks it.
        let renew = {
            let (draft_id, held, lose) = (draft_id.clone(), Rc::clone(&held), Rc::clone(&lose));
            Rc::new(move || {
                // Storage refusing the renewal: the lease runs out, and another tab may take it.
                let renewed = held.get().map(|taking| lease::renew(&LocalStorage, &draft_id, &tab_id(), now_ms(), taking));
                if matches!(renewed, Some(Ok(false))) {
                    lose();
                }
            })
        };
        let heartbeat = {
            let renew = Rc::clone(&renew);
            gloo_timers::callback::Interval::new(lease::HEARTBEAT_MS, move || renew())
        };
        let window = web_sys::window();
        let watch = window.as_ref().map(|w| {
            let (key, held) = (lease::lease_key(&draft_id), Rc::clone(&held));
            EventListener::new(w, "storage", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else { return };
                if e.key().as_deref() != Some(key.as_str()) || held.get().is_none() {
                    return;
                }
                // Decided by the lease as storage holds it now, not as the event's write left it:
                // two tabs taking over at once each hear the other's write after their own, and by
                // the event's value both would give up, leaving no editor. Another tab's lease of
                // an earlier taking (its heartbeat written over this tab's take-over) is answered
                // by writing this tab's again. Storage refusing the read: the event's value.
                match LocalStorage.get(&key) {
                    Ok(_) => renew(),
                    Err(_) if lease::held_by_other(e.new_value().as_deref(), &tab_id(), now_ms(), held.get()) => lose(),
                    Err(_) => {}
                }
            })
        });
        let pagehide = window.as_ref().map(|w| {
            let (draft_id, held) = (draft_id.clone(), Rc::clone(&held));
            EventListener::new(w, "pagehide", move |_| {
                if held.get().is_some() {
                    release_lease(&draft_id);
                }
            })
        });
        Leased { draft_id, held, _heartbeat: heartbeat, _watch: watch, _pagehide: pagehide }
    }

    /// Whether this tab holds the lease (as far as it knows).
    pub fn holding(&self) -> bool {
        self.held.get().is_some()
    }

    /// 「このタブで編集する」: writes this tab's lease over the other's, one taking later.
    /// The other tab loses at its storage event (or its next heartbeat); of two take-overs
    /// at once, the one storage keeps. Returns whether this tab now holds it.
    pub fn take_over(&self) -> bool {
        self.held.set(acquire(&self.draft_id, true));
        self.holding()
    }
}

/// Gives the lease up; a failure only leaves it to run out.
fn release_lease(draft_id: &str) {
    lease::release(&LocalStorage, draft_id, &tab_id()).ok();
}

impl Drop for Leased {
    fn drop(&mut self) {
        release_lease(&self.draft_id);
    }
}
