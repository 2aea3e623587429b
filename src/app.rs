//! The app's frame: the config, the header and the open view (from the URL's hash).

use std::rc::Rc;

use torikumi_core::config::ConfigError;
use torikumi_core::drafts::KeyValue;
use torikumi_core::{messages, Config, Timestamp};
use yew::prelude::*;

use crate::on_demand::mount::CityPage;
use crate::pages::city::City;
use crate::pages::draft::DraftPage;
use crate::pages::help;
use crate::pages::print_view::PrintView;
use crate::pages::start::StartPage;
use crate::hooks::announce::use_announce;
use crate::platform::announce::ANNOUNCER_ID;
use crate::platform::{boot_frame, frames};
use crate::route::{self, use_route, Routed, UnsavedGuard, Route};
use crate::platform::served_files::{load_config, load_version};
use crate::platform::service_worker::use_offline;
use crate::widgets::app_footer::app_footer;
use crate::widgets::button::button;
use crate::app_context::AppContext;
use crate::open_drafts::MemoryDrafts;
use crate::platform::local_storage::{ask_persistent_storage, LocalStorage};
use crate::hooks::mounted::{no_ending, use_mounted};

/// Shown once per browser: the key remembers that it was.
const INSECURE_NOTICE_KEY: &str = "torikumi:settings:insecure-notice-shown";

#[function_component(App)]
pub fn app() -> Html {
    // First of all: its listeners must come before every other (pending_text.rs).
    let leave_guard = use_memo((), |_| UnsavedGuard::for_app());
    let Routed { route, came_from } = use_route((*leave_guard).clone());
    let offline = use_offline();
    use_announce(offline.update_waiting.then(|| messages::UPDATE_WAITING.to_owned()));
    let version = use_state(Option::<String>::default);
    {
        let version = version.clone();
        use_mounted(Box::new(move || {
            wasm_bindgen_futures::spawn_local(async move { version.set(load_version().await) });
            no_ending()
        }));
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
    // Until config.json is read (no view uses it before): one value, so the context stays equal.
    let no_config = use_memo((), |_| Rc::new(Config::default()));
    // None until config.json has been looked at (a local file: this is quick).
    let config = use_state(|| None::<(Rc<Config>, Option<ConfigError>)>);
    {
        let config = config.clone();
        use_mounted(Box::new(move || {
            ask_persistent_storage();
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = match load_config().await {
                    Ok(c) => (Rc::new(c), None),
                    Err(error) => (Rc::new(Config::default()), Some(error)),
                };
                // The first page renders in a task of its own. boot.js has usually fetched
                // the config by now, so this would run in the task that started the app:
                // one task of ~300 ms at 4× CPU, where the page answers no input (Lighthouse's
                // total blocking time 134–267 ms); as two, ~75 ms each (29–84 ms).
                frames::after(0, move || config.set(Some(loaded)));
            });
            no_ending()
        }));
    }
    // The first page is rendered once the config is here (its children before this effect):
    // it takes the place of index.html's static first paint, which showed until now
    // instead of 「読み込んでいます…」.
    use_effect_with(config.is_some(), |ready| {
        if *ready {
            boot_frame::take_over();
            route::reveal_opened();
        }
    });
    // 使い方 opened at its section, once the view is rendered: from an effect, since Yew's
    // scheduler hands the thread back every 16 ms, and a timer set when the address changed
    // could run before the heading was there (leaving the large editor, 1 visit in ~50).
    use_effect_with(route.clone(), |route| {
        if let Route::Help(topic) = route {
            route::reveal(*topic);
        }
    });
    // Notices above every view: a config not used, a dead clock battery (what the app
    // stamps is then held at the edge of the years, and the page says so).
    let notices: Vec<String> = match &*config {
        Some((_, error)) => error
            .iter()
            .map(messages::config_error)
            .chain(Timestamp::clock_outside_years(js_sys::Date::now()).map(messages::clock_outside_years))
            .collect(),
        None => Vec::new(),
    };
    let city = match route {
        Route::Bundle => Some(CityPage::Bundle),
        Route::BundlePrint => Some(CityPage::BundlePrint),
        _ => None,
    };
    let view = match (&*config, city) {
        (None, _) => html! {
            <>
                <main class="app-main"><p class="loading" role="status">{ "読み込んでいます…" }</p></main>
                { app_footer(version.as_deref()) }
            </>
        },
        // The city's pages come from the on-demand module, which shows its own <main> and footer.
        (Some((config, _)), Some(page)) => html! {
            <City {page} config={Rc::clone(config)} notices={notices} version={(*version).clone()} />
        },
        (Some(_), None) => html! {
            <>
                <main class="app-main">
                        { for notices.iter().map(|n| html! { <p class="notice notice-warning" role="status">{ n }</p> }) }
                        { match &route {
                            Route::Draft(id) => html! { <DraftPage key={id.clone()} id={id.clone()} /> },
                            Route::Print(id) => html! { <PrintView key={id.clone()} id={id.clone()} /> },
                            Route::Help(_) => help::view(&came_from),
                            Route::PanicCheck => panic!("self-test: the recovery screen was asked for (#/selftest/panic)"),
                            _ => html! { <StartPage /> },
                        } }
                </main>
                { app_footer(version.as_deref()) }
            </>
        },
    };
    let context = AppContext {
        config: config.as_ref().map(|(config, _)| Rc::clone(config)).unwrap_or_else(|| Rc::clone(&no_config)),
        memory: (*memory).clone(),
        guard: (*leave_guard).clone(),
    };
    html! {
        <ContextProvider<AppContext> {context}>
            <header class="app-header no-print">
                <p class="app-name">{ "取組状況" }<span class="app-sub">{ "区障害者自立支援協議会" }</span></p>
            </header>
            if offline.update_waiting {
                <div class="notice notice-info update-banner no-print" role="status">
                    <p>{ messages::UPDATE_WAITING }</p>
                    if offline.update_stuck {
                        <p class="update-stuck">{ messages::UPDATE_STUCK }</p>
                    }
                    { button("button button-primary", "再読み込みして更新", offline.apply_update.reform(|_: MouseEvent| ())) }
                </div>
            }
            if *insecure_notice {
                <p class="notice notice-info no-print" role="status">
                    { "このアドレス（http://）では、ネットワークのない場所で使うこと（オフライン利用）ができません。オフラインで使うには、https:// で始まるアドレスで開いてください。今のままでも、ネットワークにつながっていれば使えます。" }
                </p>
            }
            // The app's one polite live region (platform/announce.rs): always here, so every change is heard.
            <div id={ANNOUNCER_ID} class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
            { view }
        </ContextProvider<AppContext>>
    }
}
