//! Leaving a field shows its findings, which can shift the page. Focus leaves a
//! field on pointerdown, before the click lands: were the findings shown at once,
//! the page would move under the pointer and the click would miss (a radio, a
//! button). So while a pointer is pressed, "left" waits for its release.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::EventListener;
use torikumi_core::Field;
use yew::prelude::*;

use torikumi_core::editor::Action;

use crate::editor_store::EditorDispatch;
use crate::hooks::mounted::{dropping, use_mounted};

/// Shared by the editor's fields through a context.
#[derive(Clone, Default)]
pub struct LeaveGate {
    pressed: Rc<Cell<bool>>,
    pending: Rc<RefCell<Vec<Field>>>,
}

impl PartialEq for LeaveGate {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.pending, &other.pending)
    }
}

impl LeaveGate {
    /// The user left `field`: say so now, or when the pointer is released.
    pub fn leave(&self, field: Field, dispatch: &EditorDispatch) {
        if self.pressed.get() {
            self.pending.borrow_mut().push(field);
        } else {
            dispatch.dispatch(Action::Leave(field));
        }
    }
}

/// Creates the gate and the document listeners that open it.
#[hook]
pub fn use_leave_gate(dispatch: EditorDispatch) -> LeaveGate {
    let gate = use_memo((), |_| LeaveGate::default());
    {
        let gate = (*gate).clone();
        use_mounted(Box::new(move || {
            let listeners = web_sys::window().and_then(|w| w.document()).map(|doc| {
                let down = {
                    let pressed = Rc::clone(&gate.pressed);
                    EventListener::new(&doc, "pointerdown", move |_| pressed.set(true))
                };
                let release = move |_: &Event| {
                    gate.pressed.set(false);
                    for field in gate.pending.borrow_mut().drain(..) {
                        dispatch.dispatch(Action::Leave(field));
                    }
                };
                let up = EventListener::new(&doc, "pointerup", release.clone());
                let cancel = EventListener::new(&doc, "pointercancel", release);
                (down, up, cancel)
            });
            dropping(listeners)
        }));
    }
    (*gate).clone()
}
