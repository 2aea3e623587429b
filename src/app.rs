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
use crate::route::{use_route, LeaveGuard, Route};
use crate::offline::use_offline;
use crate::storage::{ask_persistent_storage, LocalStorage, MemoryDrafts};
use torikumi_core::store::KeyValue;

/// A file served beside the app, if it is there.
async fn fetch_text(url: &str) -> Option<String> {
    let window = web_sys::window()?;
    let response: Response = JsFuture::from(window.fetch_with_str(url)).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

/// Reads `config.json` beside the app. A missing file means the built-in
/// defaults; a file that is there but unusable is reported.
async fn load_config() -> Result<Config, String> {
    match fetch_text("config.json").await {
        None => Ok(Config::default()),
        Some(text) => Config::from_json(&text).map_err(|e| messages::config_error(&e)),
    }
}

/// This build's version, from `version.json` (written at build time).
async fn load_version() -> Option<String> {
    let text = fetch_text("version.json").await?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("version")?.as_str().map(str::to_owned)
}

/// Shown once per browser: the key remembers that it was.
const INSECURE_NOTICE_KEY: &str = "torikumi:settings:insecure-notice-shown";

#[function_component(App)]
pub fn app() -> Html {
    let leave_guard = use_memo((), |_| LeaveGuard::default());
    let route = use_route((*leave_guard).clone());
    let offline = use_offline();
    let version = use_state(|| None::<String>);
    {
        let version = version.clone();
        use_effect_with((), move |_| wasm_bindgen_futures::spawn_local(async move { version.set(load_version().await) }));
    }
    // Over plain http from another host there is no offline use: say so once, calmly.
    let insecure_notice = use_memo(offline.insecure, |insecure| {
        *insecure && {
            let first = matches!(LocalStorage.get(INSECURE_NOTICE_KEY), Ok(None));
            if first {
                // Not remembered when storage refuses: the calm notice then shows again next time, which is harmless.
                LocalStorage.set(INSECURE_NOTICE_KEY, "1").ok();
            }
            first
        }
    });
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
                    Route::PanicCheck => panic!("self-test: the recovery screen was asked for (#/selftest/panic)"),
                } }
            </ContextProvider<Rc<Config>>>
        },
    };
    html! {
        <ContextProvider<MemoryDrafts> context={(*memory).clone()}>
        <ContextProvider<LeaveGuard> context={(*leave_guard).clone()}>
            <header class="app-header no-print">
                <p class="app-name">{ "取組状況" }<span class="app-sub">{ "区障害者自立支援協議会" }</span></p>
            </header>
            if offline.update_waiting {
                <div class="notice notice-info update-banner no-print" role="status">
                    <p>{ "新しいバージョンがあります。再読み込みすると新しいバージョンになります（入力した内容はそのまま残ります）。" }</p>
                    <button type="button" class="button button-primary" onclick={offline.apply_update.reform(|_: MouseEvent| ())}>
                        { "再読み込みして更新" }
                    </button>
                </div>
            }
            if *insecure_notice {
                <p class="notice notice-info no-print" role="status">
                    { "このアドレス（http://）では、ネットワークのない場所で使うこと（オフライン利用）ができません。オフラインで使うには、https:// で始まるアドレスで開いてください。今のままでも、ネットワークにつながっていれば使えます。" }
                </p>
            }
            <main class="app-main">{ body }</main>
            <footer class="app-footer no-print">
                { "下書きはこのブラウザーの中だけに保存され、どこにも送信されません。" }
                if let Some(v) = &*version {
                    <span class="app-version">{ format!("　バージョン {v}") }</span>
                }
            </footer>
        </ContextProvider<LeaveGuard>>
        </ContextProvider<MemoryDrafts>>
    }
}
