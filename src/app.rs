//! The app's frame: the store of the open draft, the config, the header and the open view.

use torikumi_core::{messages, Config, Document, Timestamp};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;
use yew::prelude::*;

use crate::components::editor::Editor;
use crate::state::{Action, EditorState, Store};

/// Fetches `config.json` beside the app. A missing file means the built-in
/// defaults; a file that is there but unusable is reported.
async fn load_config() -> Result<Option<Config>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: Response = JsFuture::from(window.fetch_with_str("config.json"))
        .await
        .ok()
        .and_then(|r| r.dyn_into().ok())
        .ok_or("fetch failed")?;
    if !response.ok() {
        return Ok(None);
    }
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()),
        Err(_) => None,
    }
    .unwrap_or_default();
    Config::from_json(&text).map(Some).map_err(|e| messages::config_error(&e))
}

#[function_component(App)]
pub fn app() -> Html {
    let store: Store = use_reducer(|| {
        EditorState::new(Document::new(Timestamp::from_unix_millis(js_sys::Date::now())))
    });
    {
        let dispatch = store.dispatcher();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match load_config().await {
                    Ok(Some(config)) => dispatch.dispatch(Action::Configured(config, None)),
                    Ok(None) => {}
                    Err(message) => dispatch.dispatch(Action::Configured(Config::default(), Some(message))),
                }
            });
        });
    }
    html! {
        <ContextProvider<Store> context={store}>
            <header class="app-header">
                <p class="app-name">{ "取組状況" }<span class="app-sub">{ "区障害者自立支援協議会" }</span></p>
            </header>
            <main class="app-main">
                <Editor />
            </main>
        </ContextProvider<Store>>
    }
}
