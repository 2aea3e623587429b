//! The start page: the drafts in this browser, new ones, the sample, next year's
//! draft, the trash, what could not be read, and clearing this device; on a first
//! visit, a pointer to 使い方 and the sample.

use std::rc::Rc;

use gloo_events::EventListener;
use torikumi_core::drafts::lifecycle;
use torikumi_core::drafts::{self, Draft, KeyValue, Listing};
use torikumi_core::messages::help::Topic;
use torikumi_core::{messages, sample, Report, Status, Timestamp};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use crate::widgets::alert::error_alert;
use crate::app_context::use_app;

use crate::widgets::button::button;
use crate::editor_store::now;
use crate::open_drafts::create_and_open;
use crate::platform::exports::export_json;
use crate::platform::files::download;
use crate::platform::local_storage::LocalStorage;
use crate::platform::served_files::standalone;
use crate::route::{go, Route};
use crate::widgets::clear_device::ClearDevice;
use crate::widgets::import::Import;
use crate::widgets::next_year::NextYear;
use crate::widgets::offline_file::OfflineFile;
use crate::hooks::mounted::{dropping, use_mounted};

/// Remembers that the first visit's pointer was closed.
const POINTER_CLOSED_KEY: &str = "torikumi:settings:help-pointer-closed";

/// The first visit's pointer, as markup (little code for a line that shows once). It goes
/// below the start buttons, where the app adds its parts to index.html's static first
/// paint: nothing above it moves when the app takes over (first-paint.spec.mjs).
const POINTER: &str = r##"<p class="start-pointer">はじめての方は、<a href="#/help">使い方</a>と「見本を開く」（記入例）をご覧ください。<button type="button" class="button button-small" aria-label="案内を閉じる">閉じる</button></p>"##;

fn when(t: &Option<Timestamp>) -> String {
    t.as_ref().map_or_else(|| "まだ".to_owned(), Timestamp::display_ja)
}

/// Exports the draft as stored now and records when; a message when that fails.
fn export_stored(id: &str) -> Result<(), String> {
    let draft = lifecycle::find(&LocalStorage, id).map_err(|e| messages::draft_error(&e))?;
    export_json(&draft.document).map_err(|e| messages::file_error(&e))?;
    lifecycle::record_export(&LocalStorage, id, now()).map(|_| ()).map_err(|e| messages::draft_error(&e))
}

#[function_component(StartPage)]
pub fn start_page() -> Html {
    let memory = use_app().memory;
    let revision = use_state(u32::default);
    let listing = use_memo(*revision, |_| drafts::list(&LocalStorage));
    let refresh = {
        let revision = revision.clone();
        Callback::from(move |()| revision.set(revision.wrapping_add(1)))
    };
    // Another tab changed the drafts: the list shows what storage holds now.
    {
        let refresh = refresh.clone();
        use_mounted(Box::new(move || {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "storage", move |e| {
                    let key = e.dyn_ref::<web_sys::StorageEvent>().and_then(web_sys::StorageEvent::key);
                    if key.is_none_or(|k| k.starts_with(drafts::KEY_PREFIX)) {
                        refresh.emit(());
                    }
                })
            });
            dropping(listener)
        }));
    }
    let message = use_state(Option::<String>::default);
    // Unreadable storage cannot say it was closed: the pointer then shows, as on a first visit.
    let pointer = use_state(|| !matches!(LocalStorage.get(POINTER_CLOSED_KEY), Ok(Some(_))));
    // The pointer's 「閉じる」 (its markup is a string: the click is caught here).
    let close_pointer = {
        let pointer = pointer.clone();
        Callback::from(move |e: MouseEvent| {
            let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            if target.is_none_or(|t| t.closest(".start-pointer button").ok().flatten().is_none()) {
                return;
            }
            // Not remembered when storage refuses: the pointer then shows again next time, which is harmless.
            LocalStorage.set(POINTER_CLOSED_KEY, "1").ok();
            pointer.set(false);
            // Its button goes: the focus goes on to the page's first action.
            let first = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(".start-actions button").ok().flatten());
            if let Some(first) = first.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                first.focus().ok();
            }
        })
    };
    let purging = use_state(Option::<String>::default);
    // Every action on a listed draft reads it from storage at the moment of the action.
    let act = {
        let (refresh, message) = (refresh.clone(), message.clone());
        move |action: Rc<dyn Fn() -> Result<(), String>>| {
            let (refresh, message) = (refresh.clone(), message.clone());
            Callback::from(move |_: MouseEvent| {
                message.set(action().err());
                refresh.emit(());
            })
        }
    };

    let new_report = {
        let memory = memory.clone();
        Callback::from(move |_: MouseEvent| create_and_open(Report::default(), None, &memory))
    };
    let open_sample = {
        let memory = memory.clone();
        Callback::from(move |_: MouseEvent| create_and_open(sample::sample_report(), None, &memory))
    };

    let empty = Listing::default();
    let (listing_ok, storage_message) = match &*listing {
        Ok(l) => (l, None),
        Err(e) => (&empty, Some(messages::storage_error(e))),
    };
    let active: Vec<&Draft> = listing_ok.drafts.iter().filter(|d| d.trashed.is_none()).collect();
    let trashed: Vec<&Draft> = listing_ok.drafts.iter().filter(|d| d.trashed.is_some()).collect();

    let row = |d: &Draft| {
        let r = &d.document.report;
        let ward = r.ward.as_ref().map_or("（区未選択）".to_owned(), |w| w.name.clone());
        let year = r.fiscal_year.map_or("（年度未選択）".to_owned(), torikumi_core::fiscal::era_fiscal_year);
        let status = if d.document.status == Status::Finished { "完成" } else { "下書き" };
        let id = d.id.clone();
        let export_one = act(Rc::new(move || export_stored(&id)));
        let id = d.id.clone();
        let trash = act(Rc::new(move || lifecycle::trash(&LocalStorage, &id, now()).map(|_| ()).map_err(|e| messages::draft_error(&e))));
        let label = format!("{year} {ward}");
        html! {
            <tr key={d.id.clone()}>
                <td>{ &ward }</td>
                <td>{ &year }</td>
                <td>{ status }</td>
                <td data-label="最終更新">{ d.document.changed.display_ja() }</td>
                <td data-label="最終書き出し">{ when(&d.exported) }</td>
                <td class="actions">
                    <a class="button button-small" href={Route::Draft(d.id.clone()).hash()} aria-label={format!("{label}を開く")}>{ "開く" }</a>
                    <button type="button" class="button button-small" aria-label={format!("{label}をJSONで書き出す")} onclick={export_one}>{ "書き出す" }</button>
                    <button type="button" class="button button-small button-danger" aria-label={format!("{label}を削除")}
                        onclick={trash}>{ "削除" }</button>
                </td>
            </tr>
        }
    };
    let trash_item = |d: &Draft| {
        let title = d.document.report.title();
        let id = d.id.clone();
        let untrash = act(Rc::new(move || lifecycle::untrash(&LocalStorage, &id).map(|_| ()).map_err(|e| messages::draft_error(&e))));
        let ask = {
            let (purging, id) = (purging.clone(), d.id.clone());
            Callback::from(move |_: MouseEvent| purging.set(Some(id.clone())))
        };
        let asking = purging.as_deref() == Some(d.id.as_str());
        let purge = {
            let (id, purging) = (d.id.clone(), purging.clone());
            act(Rc::new(move || {
                purging.set(None);
                lifecycle::purge(&LocalStorage, &id).map_err(|e| messages::draft_error(&e))
            }))
        };
        let keep = {
            let purging = purging.clone();
            Callback::from(move |_: MouseEvent| purging.set(None))
        };
        html! {
            <li key={d.id.clone()}>
                <span>{ &title }{ format!("（削除：{}）", when(&d.trashed)) }</span>
                <button type="button" class="button button-small" aria-label={format!("{title}を元に戻す")} onclick={untrash}>{ "元に戻す" }</button>
                <button type="button" class="button button-small button-danger" aria-label={format!("{title}を完全に削除")} onclick={ask}>{ "完全に削除" }</button>
                if asking {
                    <div class="notice notice-warning" role="alert">
                        <p>{ format!("「{title}」を完全に削除します。以前の版もすべて消え、元に戻せません。") }</p>
                        <div class="start-actions">
                            { button("button button-danger", "完全に削除する", purge) }
                            { button("button", "やめる", keep) }
                        </div>
                    </div>
                }
            </li>
        }
    };

    html! {
        <div class="start" onclick={close_pointer}>
            <h1 class="report-title">{ "取組状況の作成" }</h1>
            <p class="notice notice-info">
                { "下書きは、このブラウザーの中だけに保存されます。ほかのパソコンやブラウザーからは見えません。できあがったら、または作業の区切りごとに「書き出す」でファイルに保存してください。" }
            </p>
            if let Some(m) = storage_message {
                { error_alert(&m, Some(Topic::NotSaved)) }
            }
            if let Some(m) = &*message {
                { error_alert(m, None) }
            }
            <div class="start-actions">
                { button("button button-primary", "新しい報告を作成", new_report) }
                { button("button", "見本を開く", open_sample) }
                { button("button", "取りまとめ", Callback::from(|_: MouseEvent| go(&Route::Bundle))) }
            </div>
            // An `if`, not an Option: it keeps its place among the children when it goes, so
            // Yew keeps the nodes around it (and the focus on one of them).
            if *pointer {
                { Html::from_html_unchecked(AttrValue::Static(POINTER)) }
            }
            <NextYear drafts={active.iter().map(|d| (*d).clone()).collect::<Vec<_>>()} />
            <Import on_change={refresh.clone()} />

            <section aria-labelledby="drafts-title">
                <h2 id="drafts-title" class="block-title">{ "下書き" }</h2>
                if active.is_empty() {
                    <p>{ "この端末には下書きがありません。" }</p>
                } else {
                    <table class="drafts">
                        <thead><tr>
                            <th scope="col">{ "区" }</th><th scope="col">{ "年度" }</th><th scope="col">{ "状態" }</th>
                            <th scope="col">{ "最終更新" }</th><th scope="col">{ "最終書き出し" }</th><th scope="col">{ "操作" }</th>
                        </tr></thead>
                        <tbody>{ for active.iter().map(|d| row(d)) }</tbody>
                    </table>
                }
            </section>

            if !trashed.is_empty() {
                <section aria-labelledby="trash-title">
                    <h2 id="trash-title" class="block-title">{ "ごみ箱" }</h2>
                    <ul class="trash">{ for trashed.iter().map(|d| trash_item(d)) }</ul>
                </section>
            }

            if !listing_ok.damaged.is_empty() {
                <section aria-labelledby="damaged-title">
                    <h2 id="damaged-title" class="block-title">{ "読み込めなかったデータ" }</h2>
                    <p>{ "次のデータは壊れているか、新しい版のアプリで保存されたため開けません。消さずに残してあります。そのままダウンロードして、担当者に相談してください。" }</p>
                    <ul class="damaged">
                        { for listing_ok.damaged.iter().map(|d| {
                            let name = d.file_name();
                            let (raw, file, message) = (d.raw.clone(), name.clone(), message.clone());
                            let onclick = Callback::from(move |_: MouseEvent| {
                                message.set(download(&file, &raw, "application/json").err().map(|e| messages::file_error(&e)));
                            });
                            html! {
                                <li key={d.key.clone()}>
                                    <span>{ format!("{}：{}", d.key, messages::stored_error(&d.error)) }</span>
                                    <button type="button" class="button button-small" aria-label={format!("{name}をそのままダウンロード")} {onclick}>
                                        { "そのままダウンロード" }
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }

            if !standalone() {
                <OfflineFile />
            }

            <ClearDevice listing={listing_ok.clone()} on_change={refresh} />
        </div>
    }
}
