//! The city's pages (取りまとめ, its bound print), which live in the on-demand
//! module: fetched the first time, then mounted on `#on-demand`, the page's
//! sibling host (see `src/on_demand/`). Until then this view shows that it is
//! coming; if it cannot come, why, with 「もう一度読み込む」 and the way back.

use std::cell::Cell;
use std::rc::Rc;

use torikumi_core::on_demand::ModuleError;
use torikumi_core::{messages, Config};
use yew::prelude::*;
use crate::widgets::alert::error_alert;

use torikumi_core::messages::help::Topic;
use crate::widgets::button::button;

use crate::on_demand::mount::{CityMount, CityPage, APP_HOST_ID, MODULE_HOST_ID};
use crate::platform::hosts;
use crate::platform::on_demand::{module, CityView};
use crate::app_context::use_unsaved_guard;
use crate::route::Route;
use crate::widgets::app_footer::app_footer;

#[derive(Properties, PartialEq)]
pub struct CityProps {
    pub page: CityPage,
    pub config: Rc<Config>,
    pub notices: Vec<String>,
    pub version: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Shown {
    Loading,
    Mounted,
    Failed(ModuleError),
}

/// `#on-demand`, made right after the page's host the first time.
fn host() -> Option<web_sys::Element> {
    hosts::host(MODULE_HOST_ID, |document, host| document.get_element_by_id(APP_HOST_ID)?.after_with_node_1(host).ok())
}

#[function_component(City)]
pub fn city(props: &CityProps) -> Html {
    let shown = use_state(|| Shown::Loading);
    let view = use_mut_ref(|| None::<CityView>);
    // Bumped by 「もう一度読み込む」: the effect below runs again.
    let attempt = use_state(u32::default);
    // Leaving with changes storage refused asks first; the module's page knows whether it holds some.
    use_unsaved_guard(
        {
            let view = Rc::clone(&view);
            Rc::new(move || view.borrow().as_ref().is_some_and(CityView::holds_unsaved))
        },
        messages::LEAVE_UNSAVED_BUNDLE,
    );
    {
        let (shown, view) = (shown.clone(), Rc::clone(&view));
        // Config and notices are settled before this view shows (the page waits for the
        // config): mounted again only for another page or 「もう一度読み込む」.
        let (config, notices) = (Rc::clone(&props.config), props.notices.clone());
        use_effect_with((props.page, *attempt), move |(page, _)| {
            let mount = CityMount { page: *page, config: config.to_json().unwrap_or_default(), notices };
            let left = Rc::new(Cell::new(false));
            {
                let (left, view) = (Rc::clone(&left), Rc::clone(&view));
                shown.set(Shown::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    let mounted = module().await.and_then(|m| {
                        let host = host().ok_or(ModuleError::Broken)?;
                        // The view may have been left while the module came: then nothing is mounted.
                        if left.get() {
                            return Ok(None);
                        }
                        m.mount(&host, &mount).map(Some)
                    });
                    match mounted {
                        Ok(Some(mounted)) => {
                            *view.borrow_mut() = Some(mounted);
                            shown.set(Shown::Mounted);
                        }
                        Ok(None) => {}
                        Err(e) if !left.get() => shown.set(Shown::Failed(e)),
                        Err(_) => {}
                    }
                });
            }
            move || {
                left.set(true);
                if let Some(mounted) = view.borrow_mut().take() {
                    mounted.take_down();
                }
            }
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
    };
    match *shown {
        // The module's app shows the view and the footer.
        Shown::Mounted => Html::default(),
        Shown::Loading => html! {
            <>
                <main class="app-main"><p class="loading" role="status">{ "取りまとめを準備しています…" }</p></main>
                { app_footer(props.version.as_deref()) }
            </>
        },
        Shown::Failed(error) => html! {
            <>
                <main class="app-main">
                    <nav class="draft-bar no-print" aria-label="取りまとめ">
                        <a href={Route::Start.hash()} class="back-link">{ "← 最初のページ" }</a>
                    </nav>
                    { error_alert(&messages::module_error(&error), Some(Topic::Offline)) }
                    <div class="start-actions">
                        { button("button button-primary", "もう一度読み込む", retry) }
                    </div>
                </main>
                { app_footer(props.version.as_deref()) }
            </>
        },
    }
}

