//! The app's frame: the config, the header and the open view (from the URL's hash).

use std::rc::Rc;

use torikumi_core::config::ConfigError;
use torikumi_core::drafts::KeyValue;
use torikumi_core::{messages, Config, Timestamp};
use yew::prelude::*;

use crate::pages::bundle::BundlePage;
use crate::pages::bundle_print::BundlePrint;
use crate::pages::draft::DraftPage;
use crate::pages::print_view::PrintView;
use crate::pages::start::StartPage;
use crate::hooks::announce::use_announce;
use crate::platform::announce::ANNOUNCER_ID;
use crate::platform::boot_frame;
use crate::route::{use_route, UnsavedGuard, Route};
use crate::platform::served_files::{load_config, load_version};
use crate::platform::service_worker::use_offline;
use crate::open_drafts::MemoryDrafts;
use crate::platform::local_storage::{ask_persistent_storage, LocalStorage};

/// Shown once per browser: the key remembers that it was.
const INSECURE_NOTICE_KEY: &str = "torikumi:settings:insecure-notice-shown";

#[function_component(App)]
pub fn app() -> Html {
    // First of all: its listeners must come before every other (pending_text.rs).
    let leave_guard = use_memo((), |_| UnsavedGuard::for_app());
    let route = use_route((*leave_guard).clone());
    let offline = use_offline();
    use_announce(offline.update_waiting.then(|| messages::UPDATE_WAITING.to_owned()));
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
    let config = use_state(|| None::<(Rc<Config>, Option<ConfigError>)>);
    {
        let config = config.clone();
        use_effect_with((), move |_| {
            ask_persistent_storage();
            wasm_bindgen_futures::spawn_local(async move {
                config.set(Some(match load_config().await {
                    Ok(c) => (Rc::new(c), None),
                    Err(error) => (Rc::new(Config::default()), Some(error)),
                }));
            });
        });
    }
    // The first page is rendered once the config is here (its children before this effect):
    // it takes the place of index.html's static first paint, which showed until now
    // instead of 「読み込んでいます…」.
    use_effect_with(config.is_some(), |ready| {
        if *ready {
            boot_frame::take_over();
        }
    });
    let body = match &*config {
        None => html! { <p class="loading" role="status">{ "読み込んでいます…" }</p> },
        Some((config, error)) => html! {
            <ContextProvider<Rc<Config>> context={Rc::clone(config)}>
                if let Some(error) = error {
                    <p class="notice notice-warning" role="status">{ messages::config_error(error) }</p>
                }
                // A dead clock battery: what the app stamps is held at the edge of the years, and the page says so.
                if let Some(year) = Timestamp::clock_outside_years(js_sys::Date::now()) {
                    <p class="notice notice-warning" role="status">{ messages::clock_outside_years(year) }</p>
                }
                { match &route {
                    Route::Start => html! { <StartPage /> },
                    Route::Draft(id) => html! { <DraftPage key={id.clone()} id={id.clone()} /> },
                    Route::Print(id) => html! { <PrintView key={id.clone()} id={id.clone()} /> },
                    Route::Bundle => html! { <BundlePage /> },
                    Route::BundlePrint => html! { <BundlePrint /> },
                    Route::PanicCheck => panic!("self-test: the recovery screen was asked for (#/selftest/panic)"),
                } }
            </ContextProvider<Rc<Config>>>
        },
    };
    html! {
        <ContextProvider<MemoryDrafts> context={(*memory).clone()}>
        <ContextProvider<UnsavedGuard> context={(*leave_guard).clone()}>
            <header class="app-header no-print">
                <p class="app-name">{ "取組状況" }<span class="app-sub">{ "区障害者自立支援協議会" }</span></p>
            </header>
            if offline.update_waiting {
                <div class="notice notice-info update-banner no-print" role="status">
                    <p>{ messages::UPDATE_WAITING }</p>
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
            // The app's one polite live region (platform/announce.rs): always here, so every change is heard.
            <div id={ANNOUNCER_ID} class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
            <footer class="app-footer no-print">
                { "下書きはこのブラウザーの中だけに保存され、どこにも送信されません。" }
                if let Some(v) = &*version {
                    <span class="app-version">{ format!("　バージョン {v}") }</span>
                }
            </footer>
        </ContextProvider<UnsavedGuard>>
        </ContextProvider<MemoryDrafts>>
    }
}
