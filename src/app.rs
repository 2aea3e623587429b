//! The app's frame: the config, the header and the open view (from the URL's hash).

use std::rc::Rc;

use torikumi_core::{messages, Config};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;
use yew::prelude::*;

use crate::components::draft_page::DraftPage;
use crate::components::print_view::PrintView;
use crate::components::start::StartPage;
use crate::route::{use_route, Route};
use crate::storage::{ask_persistent_storage, MemoryDrafts};

/// Fetches `config.json` beside the app. A missing file means the built-in
/// defaults; a file that is there but unusable is reported.
async fn load_config() -> Result<Config, String> {
    let Some(window) = web_sys::window() else { return Ok(Config::default()) };
    let response: Option<Response> =
        JsFuture::from(window.fetch_with_str("config.json")).await.ok().and_then(|r| r.dyn_into().ok());
    let Some(response) = response.filter(Response::ok) else { return Ok(Config::default()) };
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()),
        Err(_) => None,
    }
    .unwrap_or_default();
    Config::from_json(&text).map_err(|e| messages::config_error(&e))
}

#[function_component(App)]
pub fn app() -> Html {
    let route = use_route();
    let memory = use_memo((), |_| MemoryDrafts::default());
    // None until config.json has been looked at (a local file: this is quick).
    let config = use_state(|| None::<(Rc<Config>, Option<String>)>);
    {
        let config = config.clone();
        use_effect_with((), move |_| {
            ask_persistent_storage();
            wasm_bindgen_futures::spawn_local(async move {
                config.set(Some(match load_config().await {
                    Ok(c) => (Rc::new(c), None),
                    Err(message) => (Rc::new(Config::default()), Some(message)),
                }));
            });
        });
    }
    let body = match &*config {
        None => html! { <p class="loading" role="status">{ "読み込んでいます…" }</p> },
        Some((config, error)) => html! {
            <ContextProvider<Rc<Config>> context={Rc::clone(config)}>
                if let Some(message) = error {
                    <p class="notice notice-warning" role="status">{ message }</p>
                }
                { match &route {
                    Route::Start => html! { <StartPage /> },
                    Route::Draft(id) => html! { <DraftPage key={id.clone()} id={id.clone()} /> },
                    Route::Print(id) => html! { <PrintView key={id.clone()} id={id.clone()} /> },
                } }
            </ContextProvider<Rc<Config>>>
        },
    };
    html! {
        <ContextProvider<MemoryDrafts> context={(*memory).clone()}>
            <header class="app-header no-print">
                <p class="app-name">{ "取組状況" }<span class="app-sub">{ "区障害者自立支援協議会" }</span></p>
            </header>
            <main class="app-main">{ body }</main>
        </ContextProvider<MemoryDrafts>>
    }
}
