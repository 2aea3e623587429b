//! The start page: the drafts in this browser, new ones, the sample, next year's
//! draft, the trash, what could not be read, and clearing this device.

use std::rc::Rc;

use torikumi_core::store::{self, Draft, Listing, StoredError};
use torikumi_core::{exchange, messages, sample, Document, Report, Status, Timestamp};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::import::Import;
use crate::route::{go, Route};
use crate::state::now;
use crate::exports::export_json;
use crate::storage::{download, new_draft_id, LocalStorage, MemoryDrafts, LIMIT_CHARS};

/// Stores a draft and opens it; if storage refuses, it lives in this page's memory.
pub fn store_and_open(draft: Draft, memory: &MemoryDrafts) {
    if store::save(&LocalStorage, &draft).is_err() {
        memory.insert(draft.clone());
    }
    go(&Route::Draft(draft.id));
}

/// A new draft (its own id) holding `document`, stored and opened.
pub fn open_as_new(document: Document, memory: &MemoryDrafts) {
    store_and_open(Draft { id: new_draft_id(), document, exported: None, trashed: None }, memory);
}

/// A new draft of `report`, created now.
fn create_and_open(report: Report, memory: &MemoryDrafts) {
    open_as_new(Document { report, ..Document::new(now()) }, memory);
}

fn when(t: &Option<Timestamp>) -> String {
    t.as_ref().map_or_else(|| "まだ".to_owned(), Timestamp::display_ja)
}

/// Exports a draft's JSON and records when.
fn export(draft: &Draft) -> bool {
    let ok = export_json(&draft.document);
    if ok {
        let _ = store::save(&LocalStorage, &Draft { exported: Some(now()), ..draft.clone() });
    }
    ok
}

/// 「下書きが使っている量：約12KB（このブラウザーの上限の約0.2%）」
fn usage_text(used_chars: usize) -> String {
    let percent = used_chars as f64 * 100.0 / LIMIT_CHARS as f64;
    let share = if percent < 0.1 { "0.1%未満".to_owned() } else { format!("約{percent:.1}%") };
    // Browsers store local storage as UTF-16: two bytes a character.
    format!("下書きが使っている量：約{}KB（このブラウザーの上限の{share}）", (used_chars * 2).div_ceil(1024))
}

/// Whether a draft has changes that were never exported.
fn unexported(draft: &Draft) -> bool {
    draft.exported.is_none_or(|e| e.0 < draft.document.changed.0)
}

/// Reads a picked file's text.
async fn file_text(input: &HtmlInputElement) -> Option<(String, String)> {
    let file = input.files()?.get(0)?;
    let text = JsFuture::from(file.text()).await.ok()?.as_string()?;
    Some((file.name(), text))
}

#[function_component(StartPage)]
pub fn start_page() -> Html {
    let memory = use_context::<MemoryDrafts>().unwrap_or_default();
    let revision = use_state(|| 0u32);
    let listing = use_memo(*revision, |_| store::list(&LocalStorage));
    let refresh = {
        let revision = revision.clone();
        Rc::new(move || revision.set(revision.wrapping_add(1)))
    };
    let message = use_state(|| None::<String>);
    let confirm_clear = use_state(|| false);

    let new_report = {
        let memory = memory.clone();
        Callback::from(move |_: MouseEvent| create_and_open(Report::default(), &memory))
    };
    let open_sample = {
        let memory = memory.clone();
        Callback::from(move |_: MouseEvent| create_and_open(sample::sample_report(), &memory))
    };

    let empty = Listing::default();
    let (listing_ok, storage_message) = match &*listing {
        Ok(l) => (l, None),
        Err(e) => (&empty, Some(messages::storage_error(e))),
    };
    let active: Vec<&Draft> = listing_ok.drafts.iter().filter(|d| d.trashed.is_none()).collect();
    let trashed: Vec<&Draft> = listing_ok.drafts.iter().filter(|d| d.trashed.is_some()).collect();

    let set_trashed = |draft: &Draft, trashed: Option<Timestamp>| {
        let (refresh, draft) = (Rc::clone(&refresh), draft.clone());
        Callback::from(move |_: MouseEvent| {
            let draft = Draft { trashed, ..draft.clone() };
            let _ = store::save(&LocalStorage, &draft);
            refresh();
        })
    };
    let row = |d: &Draft| {
        let r = &d.document.report;
        let ward = r.ward.as_ref().map_or("（区未選択）".to_owned(), |w| w.name.clone());
        let year = r.fiscal_year.map_or("（年度未選択）".to_owned(), torikumi_core::fiscal::era_fiscal_year);
        let status = if d.document.status == Status::Finished { "完成" } else { "下書き" };
        let export_one = {
            let (draft, refresh) = (d.clone(), Rc::clone(&refresh));
            Callback::from(move |_: MouseEvent| {
                export(&draft);
                refresh();
            })
        };
        let label = format!("{year} {ward}");
        html! {
            <tr key={d.id.clone()}>
                <td>{ &ward }</td>
                <td>{ &year }</td>
                <td>{ status }</td>
                <td>{ d.document.changed.display_ja() }</td>
                <td>{ when(&d.exported) }</td>
                <td class="actions">
                    <a class="button button-small" href={Route::Draft(d.id.clone()).hash()} aria-label={format!("{label}を開く")}>{ "開く" }</a>
                    <button type="button" class="button button-small" aria-label={format!("{label}をJSONで書き出す")} onclick={export_one}>{ "書き出す" }</button>
                    <button type="button" class="button button-small button-danger" aria-label={format!("{label}を削除")}
                        onclick={set_trashed(d, Some(now()))}>{ "削除" }</button>
                </td>
            </tr>
        }
    };

    let clear_all = |export_first: bool| {
        let (drafts, refresh, confirm_clear, message) = (listing_ok.drafts.clone(), Rc::clone(&refresh), confirm_clear.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            if export_first && !drafts.iter().filter(|d| unexported(d)).all(export) {
                message.set(Some("書き出しに失敗したため、消去しませんでした。".to_owned()));
                return;
            }
            let result = store::clear_all(&LocalStorage);
            confirm_clear.set(false);
            message.set(Some(match result {
                Ok(()) => "この端末の下書きをすべて消去しました。".to_owned(),
                Err(e) => messages::storage_error(&e),
            }));
            refresh();
        })
    };
    let unexported_count = listing_ok.drafts.iter().filter(|d| unexported(d)).count();
    let used = listing_ok.used_chars;

    html! {
        <div class="start">
            <h1 class="report-title">{ "取組状況の作成" }</h1>
            <p class="notice notice-info">
                { "下書きは、このブラウザーの中だけに保存されます。ほかのパソコンやブラウザーからは見えません。できあがったら、または作業の区切りごとに「書き出す」でファイルに保存してください。" }
            </p>
            if let Some(m) = storage_message {
                <p class="notice notice-error" role="alert">{ m }</p>
            }
            if let Some(m) = &*message {
                <p class="notice notice-info" role="status">{ m }</p>
            }
            <div class="start-actions">
                <button type="button" class="button button-primary" onclick={new_report}>{ "新しい報告を作成" }</button>
                <button type="button" class="button" onclick={open_sample}>{ "見本を開く" }</button>
            </div>
            <NextYear drafts={active.iter().map(|d| (*d).clone()).collect::<Vec<_>>()} />
            <Import drafts={active.iter().map(|d| (*d).clone()).collect::<Vec<_>>()} />

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
                    <ul class="trash">
                        { for trashed.iter().map(|d| {
                            let title = d.document.report.title();
                            let purge = {
                                let (id, refresh) = (d.id.clone(), Rc::clone(&refresh));
                                Callback::from(move |_: MouseEvent| {
                                    let _ = store::delete(&LocalStorage, &id);
                                    refresh();
                                })
                            };
                            html! {
                                <li key={d.id.clone()}>
                                    <span>{ &title }{ format!("（削除：{}）", when(&d.trashed)) }</span>
                                    <button type="button" class="button button-small" aria-label={format!("{title}を元に戻す")}
                                        onclick={set_trashed(d, None)}>{ "元に戻す" }</button>
                                    <button type="button" class="button button-small button-danger" aria-label={format!("{title}を完全に削除")}
                                        onclick={purge}>{ "完全に削除" }</button>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }

            if !listing_ok.damaged.is_empty() {
                <section aria-labelledby="damaged-title">
                    <h2 id="damaged-title" class="block-title">{ "読み込めなかったデータ" }</h2>
                    <p>{ "次のデータは壊れているか、新しい版のアプリで保存されたため開けません。消さずに残してあります。そのままダウンロードして、担当者に相談してください。" }</p>
                    <ul class="damaged">
                        { for listing_ok.damaged.iter().map(|d| {
                            let reason = match &d.error {
                                StoredError::Newer { found } => format!("新しい版のアプリ（形式 v{found}）で保存されています"),
                                StoredError::Damaged(_) => "内容が壊れています".to_owned(),
                            };
                            let name = format!("{}.json", d.key.replace(':', "_"));
                            let (raw, file) = (d.raw.clone(), name.clone());
                            let onclick = Callback::from(move |_: MouseEvent| { let _ = download(&file, &raw, "application/json"); });
                            html! {
                                <li key={d.key.clone()}>
                                    <span>{ format!("{}：{reason}", d.key) }</span>
                                    <button type="button" class="button button-small" aria-label={format!("{name}をそのままダウンロード")} {onclick}>
                                        { "そのままダウンロード" }
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }

            <section aria-labelledby="device-title">
                <h2 id="device-title" class="block-title">{ "この端末のデータ" }</h2>
                <p>{ usage_text(used) }</p>
                if *confirm_clear {
                    <div class="notice notice-warning" role="alert">
                        <p>{ if unexported_count > 0 {
                            format!("書き出していない変更のある下書きが{unexported_count}件あります。消去すると元に戻せません。先に書き出しますか？")
                        } else {
                            "この端末の下書きをすべて消去します。元に戻せません。".to_owned()
                        } }</p>
                        <div class="start-actions">
                            if unexported_count > 0 {
                                <button type="button" class="button button-primary" onclick={clear_all(true)}>{ "すべて書き出してから消去" }</button>
                            }
                            <button type="button" class="button button-danger" onclick={clear_all(false)}>
                                { if unexported_count > 0 { "書き出さずに消去" } else { "消去する" } }
                            </button>
                            <button type="button" class="button" onclick={{ let c = confirm_clear.clone(); Callback::from(move |_: MouseEvent| c.set(false)) }}>{ "やめる" }</button>
                        </div>
                    </div>
                } else {
                    <button type="button" class="button button-danger" onclick={{ let c = confirm_clear.clone(); Callback::from(move |_: MouseEvent| c.set(true)) }}>
                        { "この端末のデータを消去" }
                    </button>
                }
            </section>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NextYearProps {
    drafts: Vec<Draft>,
}

/// 「前年度から作成」: a new draft for the following year from a draft or a file.
#[function_component(NextYear)]
fn next_year(props: &NextYearProps) -> Html {
    let memory = use_context::<MemoryDrafts>().unwrap_or_default();
    let open = use_state(|| false);
    let source = use_state(|| props.drafts.first().map(|d| d.id.clone()).unwrap_or_default());
    let keep = use_state(|| false);
    let error = use_state(|| None::<String>);
    let file_input = use_node_ref();

    if !*open {
        let open = open.clone();
        return html! {
            <button type="button" class="button" onclick={Callback::from(move |_: MouseEvent| open.set(true))}>{ "前年度から作成" }</button>
        };
    }
    let on_source = {
        let source = source.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
                source.set(s.value());
            }
        })
    };
    let create = {
        let (drafts, source, keep, error, file_input, memory) =
            (props.drafts.clone(), source.clone(), *keep, error.clone(), file_input.clone(), memory.clone());
        Callback::from(move |_: MouseEvent| {
            if *source == "file" {
                let (error, file_input, memory) = (error.clone(), file_input.clone(), memory.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let Some(input) = file_input.cast::<HtmlInputElement>() else { return };
                    match file_text(&input).await {
                        None => error.set(Some("ファイルを選んでください。".to_owned())),
                        Some((name, text)) => match exchange::import(text.as_bytes()) {
                            Ok(doc) => create_and_open(doc.report.for_next_year(keep), &memory),
                            Err(e) => error.set(Some(messages::import_error(&name, &e))),
                        },
                    }
                });
            } else if let Some(d) = drafts.iter().find(|d| d.id == *source) {
                create_and_open(d.document.report.for_next_year(keep), &memory);
            } else {
                error.set(Some("もとにする報告を選んでください。".to_owned()));
            }
        })
    };
    let radio = |value: bool, label: &'static str| {
        let keep = keep.clone();
        let id = if value { "next-keep" } else { "next-clear" };
        html! {
            <label class="radio" for={id}>
                <input type="radio" {id} name="next-keep" checked={*keep == value}
                    onchange={Callback::from(move |_: Event| keep.set(value))} />{ label }
            </label>
        }
    };
    html! {
        <section class="next-year" aria-labelledby="next-title">
            <h2 id="next-title" class="block-title">{ "前年度から作成" }</h2>
            <p class="support">{ "前の年度の報告をもとに、次の年度の下書きを作ります。区・会議の構成・プロジェクトチームの名称などを引き継ぎます。" }</p>
            <div class="form-field">
                <label class="label" for="next-source">{ "もとにする報告" }</label>
                <select id="next-source" class="field field-select" onchange={on_source}>
                    { for props.drafts.iter().map(|d| html! {
                        <option value={d.id.clone()} selected={*source == d.id}>{ d.document.report.title() }</option>
                    }) }
                    <option value="file" selected={*source == "file"}>{ "ファイルから選ぶ（書き出したJSONまたはHTML）" }</option>
                </select>
            </div>
            if *source == "file" {
                <div class="form-field">
                    <label class="label" for="next-file">{ "ファイル" }</label>
                    <input type="file" id="next-file" ref={file_input} accept=".json,.html,.htm,application/json,text/html" />
                </div>
            }
            <fieldset class="form-field fieldset" aria-labelledby="next-keep-label">
                <legend class="label" id="next-keep-label">{ "回数と内容" }</legend>
                <div class="radios">{ radio(false, "空にする") }{ radio(true, "そのまま残す") }</div>
            </fieldset>
            if let Some(e) = &*error {
                <p class="notice notice-error" role="alert">{ e }</p>
            }
            <button type="button" class="button button-primary" onclick={create}>{ "次の年度の下書きを作成" }</button>
        </section>
    }
}
