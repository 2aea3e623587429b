//! A draft's page: loads it, owns its store, keeps it saved, shares it safely
//! between tabs, and offers export and earlier versions around the editor.

use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use torikumi_core::store::{self, Draft, StoredError};
use torikumi_core::{messages, Config};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::editor::Editor;
use super::versions::Versions;
use crate::autosave::{use_autosave, SaveStatus};
use crate::route::{go, Route};
use crate::state::{now, Action, EditorState, Store};
use crate::exports::{export_html, export_json, mailto, share_files};
use crate::storage::LocalStorage;
use crate::tabs::{use_tab_role, TabRole};
use crate::MemoryDrafts;

#[derive(Properties, PartialEq)]
pub struct DraftPageProps {
    pub id: AttrValue,
}

/// Finds a draft: in storage, or among those this page holds in memory (storage refused).
pub fn find_draft(id: &str, memory: &MemoryDrafts) -> Result<Draft, String> {
    match store::load(&LocalStorage, id) {
        Ok(Some(Ok(draft))) => Ok(draft),
        Ok(Some(Err(StoredError::Newer { found }))) => Err(format!(
            "この下書きは新しい版のアプリ（形式 v{found}）で保存されています。ページを再読み込みして最新版にしてください。"
        )),
        Ok(Some(Err(StoredError::Damaged(_)))) => {
            Err("この下書きは壊れていて開けません。最初のページの「読み込めなかったデータ」から、そのままダウンロードできます。".to_owned())
        }
        Ok(None) | Err(_) => memory.get(id).ok_or_else(|| "この下書きは見つかりませんでした。削除されたか、別のブラウザーで作られた可能性があります。".to_owned()),
    }
}

#[function_component(DraftPage)]
pub fn draft_page(props: &DraftPageProps) -> Html {
    let config = use_context::<Rc<Config>>().unwrap_or_default();
    let memory = use_context::<MemoryDrafts>().unwrap_or_default();
    let found = use_memo(props.id.clone(), |id| find_draft(id, &memory));
    match &*found {
        Ok(draft) => html! { <DraftEditor draft={draft.clone()} config={(*config).clone()} /> },
        Err(message) => html! {
            <div class="notice notice-error" role="alert">
                <p>{ message }</p>
                <a href={Route::Start.hash()}>{ "最初のページへ戻る" }</a>
            </div>
        },
    }
}

#[derive(Properties, PartialEq)]
struct DraftEditorProps {
    draft: Draft,
    config: Config,
}

/// 「保存済み（12:03）」 and the like, for the status line.
fn status_text(status: &SaveStatus, role: TabRole, read_only: bool) -> String {
    match status {
        _ if role == TabRole::Checking => "準備しています…".to_owned(),
        _ if read_only => "別のタブで編集中（このタブは閲覧のみ）".to_owned(),
        SaveStatus::Saved(at) => format!("この端末に保存済み（{}）", at.display_ja()),
        SaveStatus::Pending => "保存しています…".to_owned(),
        SaveStatus::Failed(_) => "保存できていません".to_owned(),
    }
}

#[function_component(DraftEditor)]
fn draft_editor(props: &DraftEditorProps) -> Html {
    let store: Store = {
        let (draft, config) = (props.draft.clone(), props.config.clone());
        use_reducer(move || EditorState::new(draft, config))
    };
    let dispatch = store.dispatcher();
    let autosave = use_autosave(&store);
    let id = store.draft_id.clone();

    // Another tab takes over: write what this one has first. This tab takes over:
    // let the other tab's last write land, then continue from what is stored.
    let on_lost = {
        let flush = Rc::clone(&autosave.flush);
        Callback::from(move |()| flush())
    };
    let on_gained = {
        let (dispatch, id) = (dispatch.clone(), id.clone());
        Callback::from(move |()| {
            let (dispatch, id) = (dispatch.clone(), id.clone());
            Timeout::new(200, move || {
                if let Ok(Some(Ok(draft))) = store::load(&LocalStorage, &id) {
                    dispatch.dispatch(Action::Replace(Box::new(draft.document)));
                }
                dispatch.dispatch(Action::ReadOnly(false));
            })
            .forget();
        })
    };
    let (role, take_over) = use_tab_role(&id, on_lost, on_gained);
    // A viewer is read-only. An editor edits at once on the first grant; after a
    // takeover, on_gained turns editing on once the other tab's last write is in.
    {
        let dispatch = dispatch.clone();
        let decided_before = use_mut_ref(|| false);
        use_effect_with(role, move |role| {
            let first = !std::mem::replace(&mut *decided_before.borrow_mut(), *role != TabRole::Checking);
            match role {
                TabRole::Viewer => dispatch.dispatch(Action::ReadOnly(true)),
                TabRole::Editor if first => dispatch.dispatch(Action::ReadOnly(false)),
                TabRole::Editor | TabRole::Checking => {}
            }
        });
    }
    // A read-only tab follows what the editing tab stores.
    {
        let (dispatch, key) = (dispatch.clone(), store::draft_key(&id));
        let viewing = store.read_only;
        use_effect_with(viewing, move |viewing| {
            let listener = (*viewing).then(|| {
                web_sys::window().map(|w| {
                    EventListener::new(&w, "storage", move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else { return };
                        if e.key().as_deref() != Some(key.as_str()) {
                            return;
                        }
                        if let Some(Ok(draft)) = e.new_value().map(|v| store::decode_draft(&v)) {
                            dispatch.dispatch(Action::Replace(Box::new(draft.document)));
                        }
                    })
                })
            });
            move || drop(listener)
        });
    }

    // Records an export in the store; autosave writes it with the draft.
    let exported = {
        let dispatch = dispatch.clone();
        move || dispatch.dispatch(Action::Exported(now()))
    };
    let export_with = |export: fn(&torikumi_core::Document) -> bool| {
        let (store, exported) = (store.clone(), exported.clone());
        Callback::from(move |_: MouseEvent| {
            if export(&store.doc) {
                exported();
            }
        })
    };
    let mail_open = use_state(|| false);
    let send_mail = {
        let (store, exported, mail_open) = (store.clone(), exported.clone(), mail_open.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(shared) = share_files(&store.doc) {
                let exported = exported.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if wasm_bindgen_futures::JsFuture::from(shared).await.is_ok() {
                        exported();
                    }
                });
            } else if export_json(&store.doc) && export_html(&store.doc) {
                exported();
                mail_open.set(true);
            }
        })
    };
    let open_print = {
        let id = id.clone();
        Callback::from(move |_: MouseEvent| go(&Route::Print(id.clone())))
    };
    let versions_open = use_state(|| false);
    let toggle_versions = {
        let versions_open = versions_open.clone();
        Callback::from(move |_: MouseEvent| versions_open.set(!*versions_open))
    };
    let back = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        go(&Route::Start);
    });

    html! {
        <ContextProvider<Store> context={store.clone()}>
            <nav class="draft-bar no-print" aria-label="下書き">
                <a href={Route::Start.hash()} class="back-link" onclick={back}>{ "← 下書きの一覧" }</a>
                // Not a live region: announcing every save while typing would drown a screen reader;
                // a failed save is announced by its alert below.
                <p class={classes!("save-status", matches!(autosave.status, SaveStatus::Failed(_)).then_some("save-failed"))}>
                    { status_text(&autosave.status, role, store.read_only) }
                </p>
                <div class="draft-actions">
                    <button type="button" class="button" onclick={toggle_versions} aria-expanded={versions_open.to_string()}>{ "以前の版" }</button>
                    <button type="button" class="button" onclick={export_with(export_json)}>{ "JSONを書き出す" }</button>
                    <button type="button" class="button" onclick={export_with(export_html)}>{ "HTMLを書き出す" }</button>
                    <button type="button" class="button" onclick={open_print}>{ "印刷用表示" }</button>
                    <button type="button" class="button" onclick={send_mail}>{ "メールで送る" }</button>
                </div>
            </nav>
            if *mail_open {
                <div class="notice notice-info" role="status">
                    <p>{ format!("2つのファイル（{}、{}）をダウンロードしました。メールを作成して、この2つを添付してください。",
                        store.report().json_file_name(), torikumi_core::print::html_file_name(store.report())) }</p>
                    <p>{ "PDFも送るときは、「印刷用表示」で「印刷」を押し、送信先で「PDFに保存」を選んでください。" }</p>
                    <a class="button button-primary" href={mailto(&store.doc)}>{ "メールを作成する" }</a>
                </div>
            }
            if let SaveStatus::Failed(error) = &autosave.status {
                <div class="notice notice-error" role="alert">
                    <p>{ messages::storage_error(error) }</p>
                </div>
            }
            if store.read_only && role == TabRole::Viewer {
                <div class="notice notice-info" role="status">
                    <p>{ "この下書きは別のタブで編集中です。このタブでは閲覧のみで、あちらで入力した内容がここにも表示されます。" }</p>
                    <button type="button" class="button button-primary" onclick={take_over.reform(|_: MouseEvent| ())}>
                        { "このタブで編集する" }
                    </button>
                </div>
            }
            if *versions_open {
                <Versions draft_id={id.clone()} current={store.doc.clone()} read_only={store.read_only} />
            }
            <Editor />
        </ContextProvider<Store>>
    }
}
