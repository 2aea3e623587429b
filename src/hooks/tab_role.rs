//! One tab edits a draft at a time, through the Web Locks API: the tab that
//! holds the draft's lock edits; any other shows it read-only, following what
//! the editing tab stores, and can take the lock over. A tab that loses the lock
//! writes what it has first, so nothing is overwritten silently.
//!
//! Where the browser has no Web Locks (plain-http hosting from another host,
//! older Firefox and Safari), a lease in storage does the same
//! ([`torikumi_core::drafts::lease`]), renewed by a heartbeat.
//!
//! web-sys puts LockManager behind an unstable flag, so it is called through js-sys.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use js_sys::{Function, Object, Promise, Reflect};
use torikumi_core::drafts::lease;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::platform::local_storage::{new_draft_id, LocalStorage};

const LOCK_PREFIX: &str = "torikumi-draft-";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabRole {
    /// Asking for the lock.
    Checking,
    Editor,
    /// Another tab edits this draft.
    Viewer,
}

fn lock_manager() -> Option<(JsValue, Function)> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).ok().filter(|l| !l.is_undefined())?;
    let request = Reflect::get(&locks, &"request".into()).ok()?.dyn_into::<Function>().ok()?;
    Some((locks, request))
}

/// Asks for the lock. `granted(true)` when this tab holds it, `granted(false)` when
/// another does; `lost()` when another tab takes it over.
fn request_lock(
    name: &str,
    steal: bool,
    release: Rc<RefCell<Option<Function>>>,
    granted: impl FnOnce(bool) + 'static,
    lost: impl FnOnce() + 'static,
) -> bool {
    let Some((locks, request)) = lock_manager() else { return false };
    let options = Object::new();
    if Reflect::set(&options, &(if steal { "steal" } else { "ifAvailable" }).into(), &true.into()).is_err() {
        return false;
    }
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        if lock.is_null() {
            granted(false);
            return JsValue::UNDEFINED;
        }
        granted(true);
        // The lock is held until this promise settles: on unmount, or never while the tab lives.
        Promise::new(&mut |resolve, _| *release.borrow_mut() = Some(resolve)).into()
    });
    let Ok(pending) = request.call3(&locks, &name.into(), &options, &callback) else { return false };
    if let Ok(pending) = pending.dyn_into::<Promise>() {
        let on_error = Closure::once(move |_: JsValue| lost());
        // The returned promise only chains the handler; nothing to keep.
        drop(pending.catch(&on_error));
        // Settles at most once per request; requests are rare (opening, taking over).
        on_error.forget();
    }
    true
}

/// This tab's role for a draft, and a callback that takes the draft over.
/// `on_lost` runs when another tab takes over; `on_gained` when this one does.
#[hook]
pub fn use_tab_role(draft_id: &str, on_lost: Callback<()>, on_gained: Callback<()>) -> (TabRole, Callback<()>) {
    let role = use_state(|| TabRole::Checking);
    let release = use_memo((), |_| Rc::new(RefCell::new(None::<Function>)));
    let name = format!("{LOCK_PREFIX}{draft_id}");
    {
        let (role, release, name, on_lost) = (role.clone(), Rc::clone(&release), name.clone(), on_lost.clone());
        use_effect_with((), move |_| {
            let (on_role, fallback, on_lost_lease) = (role.clone(), role.clone(), on_lost.clone());
            let asked = request_lock(
                &name,
                false,
                Rc::clone(&release),
                move |held| on_role.set(if held { TabRole::Editor } else { TabRole::Viewer }),
                move || {
                    on_lost.emit(());
                    role.set(TabRole::Viewer);
                },
            );
            let leased = (!asked).then(|| Leased::start(&name, fallback, on_lost_lease));
            move || {
                if let Some(resolve) = release.borrow_mut().take() {
                    resolve.call0(&JsValue::UNDEFINED).ok();
                }
                drop(leased);
            }
        });
    }
    let take_over = {
        let (role, release) = (role.clone(), Rc::clone(&release));
        Callback::from(move |()| {
            if lock_manager().is_none() {
                Leased::take_over(&name, &on_gained, &role);
                return;
            }
            let (on_role, on_gained, on_lost, role) = (role.clone(), on_gained.clone(), on_lost.clone(), role.clone());
            request_lock(
                &name,
                true,
                Rc::clone(&release),
                move |_| {
                    on_gained.emit(());
                    on_role.set(TabRole::Editor);
                },
                move || {
                    on_lost.emit(());
                    role.set(TabRole::Viewer);
                },
            );
        })
    };
    (*role, take_over)
}

/// This page's tab, for leases: fixed for the page's life.
fn tab_id() -> String {
    thread_local! {
        static TAB: String = new_draft_id();
    }
    TAB.with(Clone::clone)
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The lease of one draft held or watched by this tab; dropping it stops the
/// heartbeat and gives the lease up.
struct Leased {
    draft_id: String,
    _heartbeat: gloo_timers::callback::Interval,
    _watch: Option<EventListener>,
    _pagehide: Option<EventListener>,
}

impl Leased {
    fn draft_id(lock_name: &str) -> String {
        lock_name.trim_start_matches(LOCK_PREFIX).to_owned()
    }

    /// Takes the lease if it is free; else this tab is a viewer. A holder renews
    /// it, and learns at the next heartbeat or storage event that it was taken.
    fn start(lock_name: &str, role: UseStateHandle<TabRole>, on_lost: Callback<()>) -> Leased {
        let draft_id = Self::draft_id(lock_name);
        // No storage: no other tab can write either; this one edits in memory.
        let held = lease::acquire(&LocalStorage, &draft_id, &tab_id(), now_ms(), false).unwrap_or(true);
        role.set(if held { TabRole::Editor } else { TabRole::Viewer });
        let holding = Rc::new(std::cell::Cell::new(held));
        let lose = {
            let (holding, role) = (Rc::clone(&holding), role.clone());
            Rc::new(move || {
                if holding.replace(false) {
                    on_lost.emit(());
                    role.set(TabRole::Viewer);
                }
            })
        };
        let heartbeat = {
            let (draft_id, holding, lose) = (draft_id.clone(), Rc::clone(&holding), Rc::clone(&lose));
            gloo_timers::callback::Interval::new(lease::HEARTBEAT_MS, move || {
                let (tab, now) = (tab_id(), now_ms());
                if holding.get() {
                    if matches!(lease::renew(&LocalStorage, &draft_id, &tab, now), Ok(false)) {
                        lose();
                    }
                } else if matches!(lease::holds(&LocalStorage, &draft_id, &tab, now), Ok(true)) {
                    // This tab took it over (「このタブで編集する」).
                    holding.set(true);
                }
            })
        };
        let window = web_sys::window();
        let watch = window.as_ref().map(|w| {
            let key = lease::lease_key(&draft_id);
            EventListener::new(w, "storage", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else { return };
                if e.key().as_deref() == Some(key.as_str()) && lease::held_by_other(e.new_value().as_deref(), &tab_id(), now_ms()) {
                    lose();
                }
            })
        });
        let pagehide = window.as_ref().map(|w| {
            let draft_id = draft_id.clone();
            EventListener::new(w, "pagehide", move |_| release_lease(&draft_id))
        });
        Leased { draft_id, _heartbeat: heartbeat, _watch: watch, _pagehide: pagehide }
    }

    /// 「このタブで編集する」 without Web Locks.
    fn take_over(lock_name: &str, on_gained: &Callback<()>, role: &UseStateHandle<TabRole>) {
        // No storage: nothing to take over from.
        if lease::acquire(&LocalStorage, &Self::draft_id(lock_name), &tab_id(), now_ms(), true).unwrap_or(true) {
            on_gained.emit(());
            role.set(TabRole::Editor);
        }
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
