//! Typed text on its way to the store.
//!
//! A keystroke only shows the text; the text reaches the store, and so the form's
//! counts, findings and autosave, in a task after the frame that shows it is painted
//! (issue 11: the form is not rebuilt on the keystroke's path). Until then it waits
//! here; at most one field's text waits, the one typed in.
//!
//! What waits is sent before anything else runs when the page is hidden, closed or
//! navigated, or anything is clicked: the app creates this first, when it starts (with
//! its `UnsavedGuard`, which carries it to the fields), so its listeners come before
//! autosave's and the router's: listeners of one event run in the order they were
//! added. The reducer takes the text at once; Yew's render may come in a later task (it
//! yields after 16 ms), so autosave's write reads the reducer's newest state
//! (`editor_store::Newest`).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};

use crate::platform::frames;

/// Sends one field's waiting text to the store.
pub type Sender = Rc<dyn Fn()>;

/// The text that waits, and the page's listeners that send it (none in a default one).
#[derive(Clone, Default)]
pub struct PendingText {
    waiting: Rc<RefCell<Waiting>>,
    _listeners: Rc<Vec<EventListener>>,
}

/// A field's waiting text, and which wait it is: a send arranged for an earlier wait
/// does nothing to a later one (it would send text before its frame is painted).
#[derive(Default)]
struct Waiting {
    sender: Option<Sender>,
    wait: u64,
    /// The wait the fallback timer (see [`arm_fallback`]) was set for, while one is set.
    fallback: Option<u64>,
}

impl PendingText {
    /// Listens from now on: made by the app when it starts, before any other listener.
    pub fn listening() -> Self {
        let waiting: Rc<RefCell<Waiting>> = Rc::default();
        let window = web_sys::window();
        let document = window.as_ref().and_then(|w| w.document());
        let on = |target: &web_sys::EventTarget, kind: &'static str| {
            let waiting = Rc::clone(&waiting);
            EventListener::new(target, kind, move |_| send(&waiting, None))
        };
        let mut listeners = Vec::new();
        if let Some(window) = &window {
            listeners.extend(["pagehide", "beforeunload", "hashchange"].map(|kind| on(window, kind)));
            // A click anywhere sends it before the click's own action: 完成にする or 対応済みにする
            // must not come first (a finished report takes no text). Leaving the field sends it
            // too, but a window without the system's focus (a background tab, a driver's
            // synthetic click) gets no blur. In the capture phase, ahead of Yew's listeners.
            let waiting = Rc::clone(&waiting);
            let options = EventListenerOptions::run_in_capture_phase();
            listeners.push(EventListener::new_with_options(window, "click", options, move |_| send(&waiting, None)));
        }
        if let Some(document) = &document {
            listeners.push(on(document, "visibilitychange"));
        }
        PendingText { waiting, _listeners: Rc::new(listeners) }
    }

    /// A field's text waits, and `sender` sends it after the next frame is painted.
    /// Text of another field that still waited is sent now.
    pub fn wait(&self, sender: &Sender) {
        let (earlier, wait, arm) = {
            let mut waiting = self.waiting.borrow_mut();
            if waiting.sender.as_ref().is_some_and(|w| Rc::ptr_eq(w, sender)) {
                return;
            }
            waiting.wait += 1;
            let arm = waiting.fallback.is_none();
            if arm {
                waiting.fallback = Some(waiting.wait);
            }
            (waiting.sender.replace(Rc::clone(sender)), waiting.wait, arm)
        };
        if let Some(earlier) = earlier {
            earlier();
        }
        // After the frame that shows it, or a while later where no frame comes; whichever
        // is second finds nothing of this wait left.
        let waiting = Rc::clone(&self.waiting);
        frames::after_next_paint(move || send(&waiting, Some(wait)));
        if arm {
            arm_fallback(Rc::clone(&self.waiting));
        }
    }

    /// Sends what waits, if anything.
    pub fn send(&self) {
        send(&self.waiting, None);
    }
}

/// Sends what waits: anything, or only the text of wait `only`.
fn send(waiting: &RefCell<Waiting>, only: Option<u64>) {
    // Taken out before it runs: what it sets off may look here again.
    let sender = {
        let mut waiting = waiting.borrow_mut();
        if only.is_some_and(|wait| wait != waiting.wait) {
            return;
        }
        waiting.sender.take()
    };
    if let Some(sender) = sender {
        sender();
    }
}

/// Sends, where no frame comes, the text that has waited [`UNPAINTED_WAIT_MS`]. One timer
/// at a time, not one per keystroke (issue 11): when it finds a later wait than the one it
/// was set for, it is set again for that one, which so waits its full time too.
fn arm_fallback(waiting: Rc<RefCell<Waiting>>) {
    frames::after(UNPAINTED_WAIT_MS, move || {
        let (due, again) = {
            let mut w = waiting.borrow_mut();
            let set_for = w.fallback.take();
            if w.sender.is_none() {
                (None, false)
            } else if set_for == Some(w.wait) {
                (set_for, false)
            } else {
                w.fallback = Some(w.wait);
                (None, true)
            }
        };
        if due.is_some() {
            send(&waiting, due);
        }
        if again {
            arm_fallback(waiting);
        }
    });
}

/// How long typed text waits at most where the page draws no frames (a window the
/// system does not show): then no frame comes to send it after.
const UNPAINTED_WAIT_MS: i32 = 100;
