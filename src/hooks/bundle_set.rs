//! The city's set (取りまとめ) as local storage holds it: every change goes
//! through the core's `bundle::stored` (applied to what storage holds at that
//! moment), and another tab's change is followed through `storage` events.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use torikumi_core::bundle::stored::{self, BundleStoreError, KeptSet, BUNDLE_KEY};
use torikumi_core::bundle::BundleSet;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::platform::local_storage::LocalStorage;
use crate::hooks::mounted::{dropping, use_mounted};

/// A change to the set.
pub type Change = Box<dyn FnOnce(&mut BundleSet)>;

/// The set shown, the error to show with it, and the ways to change it.
#[derive(Clone)]
pub struct BundleHandle {
    pub kept: Rc<KeptSet>,
    pub error: Option<BundleStoreError>,
    latest: Rc<RefCell<Rc<KeptSet>>>,
    shown: UseStateHandle<(Rc<KeptSet>, Option<BundleStoreError>)>,
}

impl PartialEq for BundleHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.kept, &other.kept) && self.error == other.error
    }
}

impl BundleHandle {
    fn show(&self, kept: KeptSet, error: Option<BundleStoreError>) {
        let kept = Rc::new(kept);
        *self.latest.borrow_mut() = Rc::clone(&kept);
        self.shown.set((kept, error));
    }

    /// Adds to the set whatever storage holds now (adding names no shown report).
    pub fn add(&self, change: Change) {
        let latest = Rc::clone(&self.latest.borrow());
        let (kept, error) = stored::apply(&LocalStorage, &latest, change);
        self.show(kept, error);
    }

    /// Removes or chooses shown reports: only while storage holds the set shown.
    pub fn change_shown(&self, change: Change) {
        let latest = Rc::clone(&self.latest.borrow());
        let (kept, error) = stored::apply_shown(&LocalStorage, &latest, change);
        self.show(kept, error);
    }

    /// Empties a stored set that cannot be read (after the user agreed and could
    /// download it): only while storage holds the damaged text shown.
    pub fn discard(&self) {
        let latest = Rc::clone(&self.latest.borrow());
        let (kept, error) = stored::discard(&LocalStorage, &latest);
        self.show(kept, error);
    }

    /// Whether the page holds changes storage refused.
    pub fn unsaved(&self) -> bool {
        self.latest.borrow().unsaved
    }

    /// Follows another tab's write (storage now holds `new`): shows what storage
    /// holds. Changes storage refused are stored joined with the other tab's set
    /// (the other tab may have freed space), and a set of this page's that a write
    /// on an older read replaced is joined back: the page catches up by itself.
    fn follow(&self, new: Option<String>) {
        let latest = Rc::clone(&self.latest.borrow());
        let (kept, error) = stored::follow(&LocalStorage, &latest, new.as_deref());
        self.show(kept, error);
    }
}

#[hook]
pub fn use_bundle_set() -> BundleHandle {
    let shown = use_state(|| {
        let (kept, error) = stored::show(&LocalStorage);
        (Rc::new(kept), error)
    });
    let latest = use_mut_ref(|| Rc::clone(&shown.0));
    let handle = BundleHandle { kept: Rc::clone(&shown.0), error: shown.1.clone(), latest, shown };
    {
        let handle = handle.clone();
        use_mounted(Box::new(move || {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "storage", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else { return };
                    match e.key() {
                        Some(k) if k == BUNDLE_KEY => handle.follow(e.new_value()),
                        // localStorage.clear() in another tab.
                        None => handle.follow(None),
                        Some(_) => {}
                    }
                })
            });
            dropping(listener)
        }));
    }
    handle
}
