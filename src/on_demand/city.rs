//! The city's pages as an app of their own, mounted by the page on `#on-demand`.

use std::rc::Rc;

use torikumi_core::Config;
use yew::prelude::*;
use yew::AppHandle;

use super::mount::{CityMount, CityPage};
use crate::pages::bundle::BundlePage;
use crate::platform::served_files::load_version;
use crate::pages::bundle_print::BundlePrint;
use crate::app_context::AppContext;
use crate::route::UnsavedGuard;
use crate::widgets::app_footer::app_footer;
use crate::hooks::mounted::{no_ending, use_mounted};

#[derive(Properties, PartialEq)]
pub struct CityAppProps {
    pub page: CityPage,
    pub config: Rc<Config>,
    pub notices: Vec<String>,
    /// Where the page's "anything unsaved?" check finds the open view's answer.
    pub guard: UnsavedGuard,
}

/// The module's root: the view below the page's header, and the footer.
#[function_component(CityApp)]
pub fn city_app(props: &CityAppProps) -> Html {
    // Read here rather than handed over: the page may not have it yet, and a later
    // hand-over would mean mounting again (losing a file import under way).
    let version = use_state(Option::<String>::default);
    {
        let version = version.clone();
        use_mounted(Box::new(move || {
            wasm_bindgen_futures::spawn_local(async move { version.set(load_version().await) });
            no_ending()
        }));
    }
    // The same value while the props are: a new one would render every view under it again.
    let context = use_memo((Rc::clone(&props.config), props.guard.clone()), |(config, guard)| AppContext {
        config: Rc::clone(config),
        guard: guard.clone(),
        ..AppContext::default()
    });
    html! {
        <ContextProvider<AppContext> context={(*context).clone()}>
            <main class="app-main">
                { for props.notices.iter().map(|n| html! { <p class="notice notice-warning" role="status">{ n }</p> }) }
                { match props.page {
                    CityPage::Bundle => html! { <BundlePage /> },
                    CityPage::BundlePrint => html! { <BundlePrint /> },
                } }
            </main>
            { app_footer(version.as_deref()) }
        </ContextProvider<AppContext>>
    }
}

/// A city page mounted on its host.
pub struct CityHandle {
    app: AppHandle<CityApp>,
    guard: UnsavedGuard,
}

/// Why the page's props could not be used.
#[derive(Debug, thiserror::Error)]
#[error("the mount props are not valid: {0}")]
pub struct BadMount(#[from] serde_json::Error);

impl CityHandle {
    /// Mounts the page named in `props` (a [`CityMount`] as JSON) on `host`.
    pub fn mount(host: web_sys::Element, props: &str) -> Result<CityHandle, BadMount> {
        let mount: CityMount = serde_json::from_str(props)?;
        // The page sends the config it uses; one that does not read back is the default, as on the page.
        let config = Rc::new(Config::from_json(&mount.config).unwrap_or_default());
        let guard = UnsavedGuard::default();
        let props = CityAppProps { page: mount.page, config, notices: mount.notices, guard: guard.clone() };
        let app = yew::Renderer::<CityApp>::with_root_and_props(host, props).render();
        Ok(CityHandle { app, guard })
    }

    /// Whether the open view holds changes storage refused (it writes what it can first).
    pub fn unsaved(&self) -> bool {
        self.guard.holds_unsaved()
    }

    /// Takes the page down, leaving its host empty.
    pub fn unmount(self) {
        self.app.destroy();
    }
}
