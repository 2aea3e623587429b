//! One tab edits a draft at a time, through the Web Locks API: the tab that
//! holds the draft's lock edits; any other shows it read-only, following what
//! the editing tab stores, and can take the lock over. A tab that loses the lock
//! writes what it has first, so nothing is overwritten silently.
//!
//! web-sys puts LockManager behind an unstable flag, so it is called through js-sys.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

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
    let _ = Reflect::set(&options, &(if steal { "steal" } else { "ifAvailable" }).into(), &true.into());
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
        let _ = pending.catch(&on_error);
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
    let name = format!("torikumi-draft-{draft_id}");
    {
        let (role, release, name, on_lost) = (role.clone(), Rc::clone(&release), name.clone(), on_lost.clone());
        use_effect_with((), move |_| {
            let (on_role, fallback) = (role.clone(), role.clone());
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
            if !asked {
                // No Web Locks (old browser): edit, as before this feature.
                fallback.set(TabRole::Editor);
            }
            move || {
                if let Some(resolve) = release.borrow_mut().take() {
                    let _ = resolve.call0(&JsValue::UNDEFINED);
                }
            }
        });
    }
    let take_over = {
        let (role, release) = (role.clone(), Rc::clone(&release));
        Callback::from(move |()| {
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
