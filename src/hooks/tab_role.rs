//! One tab edits a draft at a time, through the Web Locks API: the tab that
//! holds the draft's lock edits; any other shows it read-only, following what
//! the editing tab stores, and can take the lock over.
//!
//! Where the browser has no Web Locks (plain-http hosting from another host,
//! older Firefox and Safari), where a policy refuses them, or where a request
//! goes unanswered for [`LOCK_WAIT_MS`], a lease in storage does the same
//! ([`torikumi_core::drafts::lease`]), renewed by a heartbeat.
//!
//! A change of editor never drops text: the tab that loses the role hears it
//! first (`on_lost`: it writes what it has, then says so with a handover record)
//! and turns read-only only after that; the tab that takes over waits for the
//! handover ([`HANDOVER_WAIT_MS`] at most) before it reads the draft and edits.
//!
//! web-sys puts LockManager behind an unstable flag, so it is called through js-sys.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::EventListener;
use js_sys::{Function, Object, Promise, Reflect};
use torikumi_core::drafts::lease::{self, TakeOverRefused};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::tab_lease::{now_ms, tab_id, Leased};
use crate::platform::frames;
use crate::platform::local_storage::LocalStorage;
use crate::hooks::mounted::use_mounted;

const LOCK_PREFIX: &str = "torikumi-draft-";
/// How long a Web Locks request may go unanswered before the lease stands in
/// (a browser policy can leave it pending for good).
const LOCK_WAIT_MS: i32 = 3_000;
/// How long a tab that took over waits for the old editor's last write.
pub const HANDOVER_WAIT_MS: i32 = 1_500;

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

/// What a lock request came to.
enum Answer {
    /// This tab holds the lock (`true`) or another does (`false`).
    Granted(bool),
    /// Refused, or unanswered for [`LOCK_WAIT_MS`]: the lease stands in.
    Unavailable,
    /// Held, then taken over by another tab.
    Lost,
}

/// The tab's side of one draft: how it coordinates with other tabs, and what to
/// tell the page. Shared by the hook's effect and its take-over callback.
struct Coordination {
    draft_id: String,
    role: UseStateHandle<TabRole>,
    /// Why the last 「このタブで編集する」 left this tab viewing (`None` once one works, or when asked again).
    refused: UseStateHandle<Option<TakeOverRefused>>,
    on_lost: Callback<()>,
    on_gained: Callback<()>,
    /// Resolves the held lock's promise, which releases it.
    release: Rc<RefCell<Option<Function>>>,
    /// The lease, once the lease stands in for Web Locks.
    leased: RefCell<Option<Leased>>,
    /// Web Locks failed here: everything goes through the lease from now on.
    use_lease: Cell<bool>,
    /// Unmounted: answers that come later change nothing.
    gone: Cell<bool>,
    /// Counts gains and losses: a wait for a handover that another change of
    /// editor overtook (this tab lost again meanwhile) ends without editing.
    changes: Cell<u64>,
}

impl Coordination {
    fn lock_name(&self) -> String {
        format!("{LOCK_PREFIX}{}", self.draft_id)
    }

    /// Asks for the lock (`steal`: 「このタブで編集する」) and acts on the answer; a refused
    /// take-over is said through `refused`, now or when the lock's answer comes.
    fn ask(self: &Rc<Self>, steal: bool) {
        if steal {
            self.refused.set(None);
        }
        if self.use_lease.get() {
            return self.lease_instead(steal);
        }
        let this = Rc::clone(self);
        if request_lock(&self.lock_name(), steal, &self.release, move |answer| this.answered(answer, steal)) {
            return;
        }
        if steal {
            // This tab views because another holds the lock (its first answer): a lease
            // would not reach that tab.
            self.refused.set(Some(TakeOverRefused::Locks));
        } else {
            self.use_lease.set(true);
            self.lease_instead(false);
        }
    }

    fn answered(self: &Rc<Self>, answer: Answer, steal: bool) {
        if self.gone.get() {
            // A take-over granted after the page left the draft: the lock goes at once.
            if matches!(answer, Answer::Granted(true)) {
                self.release_lock();
            }
            return;
        }
        match answer {
            Answer::Granted(true) if steal => self.gained(),
            Answer::Granted(held) => self.role.set(if held { TabRole::Editor } else { TabRole::Viewer }),
            // A take-over: this tab views because another tab holds the lock, which a lease
            // would not reach (two editors). It views on, and says so.
            Answer::Unavailable if steal => self.refused.set(Some(TakeOverRefused::Locks)),
            Answer::Unavailable => {
                self.use_lease.set(true);
                self.lease_instead(false);
            }
            Answer::Lost => self.lose(),
        }
    }

    /// The lease stands in: taken if free (or `steal`), else this tab views. A take-over
    /// storage refused is said through `refused`.
    fn lease_instead(self: &Rc<Self>, steal: bool) {
        let started = self.leased.borrow().is_some();
        let held = if started {
            steal && self.leased.borrow().as_ref().is_some_and(Leased::take_over)
        } else {
            let this = Rc::clone(self);
            let leased = Leased::start(&self.draft_id, steal, move || this.lose());
            let held = leased.holding();
            *self.leased.borrow_mut() = Some(leased);
            if !(held && steal) {
                self.role.set(if held { TabRole::Editor } else { TabRole::Viewer });
            }
            held
        };
        match (held, steal) {
            (true, true) => self.gained(),
            (false, true) => self.refused.set(Some(TakeOverRefused::Storage)),
            _ => {}
        }
    }

    /// This tab took over: it is the editor from now on, and edits once the old
    /// editor has handed over (or [`HANDOVER_WAIT_MS`] passed: it may be gone).
    fn gained(self: &Rc<Self>) {
        self.role.set(TabRole::Editor);
        self.refused.set(None);
        let change = self.changes.get() + 1;
        self.changes.set(change);
        let key = lease::handover_key(&self.draft_id);
        let waiting: Rc<RefCell<Option<EventListener>>> = Rc::default();
        let proceed = {
            let (this, waiting) = (Rc::clone(self), Rc::clone(&waiting));
            Rc::new(move || {
                // Whichever comes second (the handover or the time-out) finds nothing to do.
                if waiting.borrow_mut().take().is_none() || this.gone.get() || this.changes.get() != change {
                    return;
                }
                // A stale handover would only shorten the next wait; a failure leaves it at that.
                lease::clear_handover(&LocalStorage, &this.draft_id).ok();
                this.on_gained.emit(());
            })
        };
        let listener = web_sys::window().map(|w| {
            let proceed = Rc::clone(&proceed);
            EventListener::new(&w, "storage", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else { return };
                if e.key().as_deref() == Some(key.as_str()) && e.new_value().is_some() {
                    proceed();
                }
            })
        });
        let Some(listener) = listener else { return self.on_gained.emit(()) };
        *waiting.borrow_mut() = Some(listener);
        frames::after(HANDOVER_WAIT_MS, move || proceed());
    }

    /// Another tab took over: the page writes what it has first, and this tab
    /// turns read-only in a task after that write (see [`frames::after`]).
    fn lose(&self) {
        if self.gone.get() {
            return;
        }
        self.changes.set(self.changes.get() + 1);
        self.on_lost.emit(());
        let (role, draft_id) = (self.role.clone(), self.draft_id.clone());
        // Queued after the page's own write (queued by on_lost, same delay: tasks keep their
        // order). A failed handover only makes the new editor wait out its time-out.
        frames::after(0, move || {
            lease::hand_over(&LocalStorage, &draft_id, &tab_id(), now_ms()).ok();
            role.set(TabRole::Viewer);
        });
    }

    fn unmount(&self) {
        self.gone.set(true);
        self.release_lock();
        self.leased.borrow_mut().take();
    }

    fn release_lock(&self) {
        if let Some(resolve) = self.release.borrow_mut().take() {
            resolve.call0(&JsValue::UNDEFINED).ok();
        }
    }
}

/// Asks for the lock; `answer` is called once with the outcome, and again with
/// [`Answer::Lost`] if the lock is taken over later. Returns false when the
/// browser has no Web Locks or the call threw.
fn request_lock(name: &str, steal: bool, release: &Rc<RefCell<Option<Function>>>, answer: impl Fn(Answer) + 'static) -> bool {
    let Some((locks, request)) = lock_manager() else { return false };
    let options = Object::new();
    if Reflect::set(&options, &(if steal { "steal" } else { "ifAvailable" }).into(), &true.into()).is_err() {
        return false;
    }
    let answer = Rc::new(answer);
    // Whether the first answer (grant, refusal or time-out) has come: only it decides.
    let decided = Rc::new(Cell::new(false));
    let granted = Rc::new(Cell::new(false));
    let callback = {
        let (answer, decided, granted, release) = (Rc::clone(&answer), Rc::clone(&decided), Rc::clone(&granted), Rc::clone(release));
        Closure::once_into_js(move |lock: JsValue| -> JsValue {
            // Too late for an opening tab: the lease already stands in, so the lock goes at once.
            // A take-over granted late has already taken the lock from the other tab: it edits.
            if decided.replace(true) && !steal {
                return JsValue::UNDEFINED;
            }
            if lock.is_null() {
                answer(Answer::Granted(false));
                return JsValue::UNDEFINED;
            }
            granted.set(true);
            // The lock is held until this promise settles: on unmount, or never while the tab lives.
            let held: JsValue = Promise::new(&mut |resolve, _| *release.borrow_mut() = Some(resolve)).into();
            answer(Answer::Granted(true));
            held
        })
    };
    let Ok(pending) = request.call3(&locks, &name.into(), &options, &callback) else { return false };
    let on_rejected = {
        let (answer, decided, granted) = (Rc::clone(&answer), Rc::clone(&decided), Rc::clone(&granted));
        Closure::once(move |_: JsValue| {
            if granted.get() {
                answer(Answer::Lost);
            } else if !decided.replace(true) {
                // Refused before any grant (a policy, a security error).
                answer(Answer::Unavailable);
            }
        })
    };
    if let Ok(pending) = pending.dyn_into::<Promise>() {
        // The returned promise only chains the handler; nothing to keep.
        drop(pending.catch(&on_rejected));
    }
    // Settles at most once per request; requests are rare (opening, taking over).
    on_rejected.forget();
    frames::after(LOCK_WAIT_MS, move || {
        if !decided.replace(true) {
            answer(Answer::Unavailable);
        }
    });
    true
}

/// This tab's role for a draft, a callback that takes the draft over, and why the last
/// take-over left this tab viewing (the other tab edits on).
/// `on_lost` runs when another tab takes over, before this tab turns read-only
/// (in a later task), so the page can write what it has; `on_gained` when this
/// tab takes over.
#[hook]
pub fn use_tab_role(draft_id: &str, on_lost: Callback<()>, on_gained: Callback<()>) -> (TabRole, Callback<()>, Option<TakeOverRefused>) {
    let role = use_state(|| TabRole::Checking);
    let refused = use_state(|| None);
    let coordination = use_memo((), {
        let (role, refused, draft_id) = (role.clone(), refused.clone(), draft_id.to_owned());
        move |_| {
            Rc::new(Coordination {
                draft_id,
                role,
                refused,
                on_lost,
                on_gained,
                release: Rc::default(),
                leased: RefCell::new(None),
                use_lease: Cell::new(false),
                gone: Cell::new(false),
                changes: Cell::new(0),
            })
        }
    });
    {
        let coordination = Rc::clone(&*coordination);
        use_mounted(Box::new(move || {
            coordination.ask(false);
            Box::new(move || coordination.unmount())
        }));
    }
    let take_over = {
        let coordination = Rc::clone(&*coordination);
        Callback::from(move |()| coordination.ask(true))
    };
    (*role, take_over, *refused)
}
