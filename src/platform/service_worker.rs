//! Offline use: registers the service worker (`sw.js`, generated at build time),
//! notices when a new version has installed in the background, and switches to it
//! only when the user asks (the reload saves the open draft on `pagehide`).

use gloo_events::EventListener;
use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};
use yew::prelude::*;

use super::deadline::{within, TimedOut};
use super::served_files::standalone;
use crate::hooks::mounted::{no_ending, use_mounted};

/// How long the waiting version has to take control before the page says it did not.
const SWITCH_MS: i32 = 10_000;

/// What the page shows about offline use.
#[derive(Clone, PartialEq)]
pub struct Offline {
    /// A new version waits to take over.
    pub update_waiting: bool,
    /// Served over plain http from another host: no service worker, so no offline use.
    pub insecure: bool,
    /// Reloads into the waiting version.
    pub apply_update: Callback<()>,
    /// The waiting version did not take control when asked (it was replaced meanwhile,
    /// or the browser refused): the page stays as it is and says so.
    pub update_stuck: bool,
}

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let window = web_sys::window()?;
    // Browsers without service workers (or with them disabled) have no `serviceWorker`.
    js_sys::Reflect::has(&window.navigator(), &"serviceWorker".into()).ok()?.then(|| window.navigator().service_worker())
}

/// Watches a registration for a version that finished installing while a page is controlled.
fn watch(registration: &ServiceWorkerRegistration, waiting: UseStateHandle<Option<ServiceWorker>>) {
    let controlled = || container().and_then(|c| c.controller()).is_some();
    if let Some(worker) = registration.waiting().filter(|_| controlled()) {
        waiting.set(Some(worker));
    }
    let reg = registration.clone();
    // These listeners live as long as the page: one registration, registered once.
    EventListener::new(registration, "updatefound", move |_| {
        let Some(installing) = reg.installing() else { return };
        let (worker, waiting) = (installing.clone(), waiting.clone());
        EventListener::new(&installing, "statechange", move |_| {
            if worker.state() == ServiceWorkerState::Installed && controlled() {
                waiting.set(Some(worker.clone()));
            }
        })
        .forget();
    })
    .forget();
    // A new version is looked for whenever the page comes back into view.
    let reg = registration.clone();
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let doc = document.clone();
        EventListener::new(&document, "visibilitychange", move |_| {
            if doc.visibility_state() == web_sys::VisibilityState::Visible {
                // Only a look for a newer version: offline it fails, and the version in use is
                // still the one the page runs, so there is nothing to tell the user.
                drop(reg.update());
            }
        })
        .forget();
    }
}

#[hook]
pub fn use_offline() -> Offline {
    let waiting = use_state(|| None::<ServiceWorker>);
    let stuck = use_state(bool::default);
    // The one-file build needs no service worker: the file itself is always there.
    let standalone = standalone();
    let insecure = !standalone && !web_sys::window().is_some_and(|w| w.is_secure_context());
    {
        let waiting = waiting.clone();
        use_mounted(Box::new(move || {
            if let Some(container) = container().filter(|_| !insecure && !standalone) {
                let registering = container.register("sw.js");
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(registration) = JsFuture::from(registering).await.and_then(|r| r.dyn_into()) {
                        watch(&registration, waiting);
                    }
                });
            }
            no_ending()
        }));
    }
    let apply_update = {
        let (waiting, stuck) = (waiting.clone(), stuck.clone());
        Callback::from(move |()| {
            let (Some(worker), Some(container)) = ((*waiting).clone(), container()) else { return };
            stuck.set(false);
            // The waiting version takes control (controllerchange), then the page reloads into it.
            let taken = Promise::new(&mut |resolve, _| {
                EventListener::once(&container, "controllerchange", move |_| {
                    resolve.call0(&JsValue::NULL).ok();
                })
                .forget();
            });
            if worker.post_message(&"skip-waiting".into()).is_err() {
                return stuck.set(true);
            }
            let stuck = stuck.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let reloaded = match within(taken, SWITCH_MS).await {
                    Ok(_) => web_sys::window().is_some_and(|w| w.location().reload().is_ok()),
                    Err(TimedOut) => false,
                };
                if !reloaded {
                    stuck.set(true);
                }
            });
        })
    };
    Offline { update_waiting: waiting.is_some(), insecure, apply_update, update_stuck: *stuck }
}
