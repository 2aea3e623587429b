//! A draft's page: loads it, owns its store, keeps it saved, shares it safely
//! between tabs, and offers export and earlier versions around the editor.

use std::rc::Rc;

use torikumi_core::drafts::history;
use torikumi_core::drafts::lifecycle::{self, DraftError};
use torikumi_core::drafts::Draft;
use torikumi_core::messages::help::{draft_error_topic, Topic};
use torikumi_core::{messages, Config, Document};
use torikumi_core::files::FileError;
use yew::prelude::*;
use crate::widgets::alert::error_alert;
use crate::app_context::{use_app, use_unsaved_guard, AppContext};

use crate::widgets::button::button;
use crate::hooks::autosave::{use_autosave, SaveStatus};
use crate::platform::announce::announce;
use crate::route::{go, Route};
use torikumi_core::editor::{Action, EditorState};

use crate::editor_store::{now, EditorHandle, EditorStore, BROWSER_CLOCK};
use crate::widgets::editor::{Editor, SAVE_PROBLEM_ID};
use crate::widgets::help_link::help_link;
use crate::widgets::versions::Versions;
use crate::widgets::word_export::WordExport;
use crate::platform::exports::{export_html, export_json, mailto, share_files};
use crate::platform::frames;
use crate::open_drafts::{create_draft, open_draft, Opened};
use crate::platform::local_storage::LocalStorage;
use crate::hooks::tab_role::{use_tab_role, TabRole};

#[derive(Properties, PartialEq)]
pub struct DraftPageProps {
    pub id: AttrValue,
}

#[function_component(DraftPage)]
pub fn draft_page(props: &DraftPageProps) -> Html {
    let AppContext { config, memory, .. } = use_app();
    let found = use_memo(props.id.clone(), |id| open_draft(id, &memory));
    match &*found {
        Ok(opened) => html! { <DraftEditor opened={opened.clone()} config={(*config).clone()} /> },
        Err(error) => html! {
            <div class="notice notice-error" role="alert">
                <p>{ messages::draft_error(error) }</p>
                <a href={Route::Start.hash()}>{ "最初のページへ戻る" }</a>
            </div>
        },
    }
}

#[derive(Properties, PartialEq)]
struct DraftEditorProps {
    opened: Opened,
    config: Config,
}

const SHOWN_ONLY: &str = "別のタブで編集中（このタブは閲覧のみ）";
const NOT_SAVED: &str = "保存できていません";
const NOT_SAVED_CONFLICT: &str = "保存できていません（別のタブで更新されています）";

/// 「保存済み（12:03）」 and the like, for the status line.
fn status_text(status: &SaveStatus, role: TabRole, read_only: bool) -> String {
    match status {
        _ if role == TabRole::Checking => "準備しています…".to_owned(),
        _ if read_only => SHOWN_ONLY.to_owned(),
        SaveStatus::Saved(at) => format!("この端末に保存済み（{}）", at.display_ja()),
        SaveStatus::Pending => "保存しています…".to_owned(),
        SaveStatus::Failed(_) => NOT_SAVED.to_owned(),
        SaveStatus::Conflict(_) => NOT_SAVED_CONFLICT.to_owned(),
    }
}

/// What the editor's sticky bar repeats, so that a clerk typing far down the form sees it
/// at once: a save that failed or a conflict, else a tab that only shows. Its 「対処を見る」
/// goes to the notice of the same thing (the one given [`SAVE_PROBLEM_ID`]).
fn bar_problem(status: &SaveStatus, role: TabRole, read_only: bool) -> Option<&'static str> {
    match status {
        SaveStatus::Failed(_) => Some(NOT_SAVED),
        SaveStatus::Conflict(_) => Some(NOT_SAVED_CONFLICT),
        _ if read_only && role == TabRole::Viewer => Some(SHOWN_ONLY),
        _ => None,
    }
}

/// What tests and scripts read off the status line (never shown).
fn status_state(status: &SaveStatus) -> &'static str {
    match status {
        SaveStatus::Saved(_) => "saved",
        SaveStatus::Pending => "pending",
        SaveStatus::Failed(_) => "failed",
        SaveStatus::Conflict(_) => "conflict",
    }
}

#[function_component(DraftEditor)]
fn draft_editor(props: &DraftEditorProps) -> Html {
    let store: EditorHandle = {
        let (draft, config) = (props.opened.current.clone(), props.config.clone());
        use_reducer(move || EditorStore::new(EditorState::new(draft, config, BROWSER_CLOCK)))
    };
    let dispatch = store.dispatcher();
    let AppContext { guard, memory, .. } = use_app();
    let autosave = use_autosave(&store, &props.opened, &guard.typed);
    // Leaving writes what is pending; it asks only when that write fails.
    use_unsaved_guard(
        {
            let (flush, unsaved) = (Rc::clone(&autosave.flush), Rc::clone(&autosave.unsaved));
            Rc::new(move || {
                flush();
                unsaved()
            })
        },
        messages::LEAVE_UNSAVED_DRAFT,
    );
    let id = store.draft_id.clone();

    // Another tab takes over: in a task after this one (the tab turns read-only in a
    // task after that), the text still on its way from a field goes to the store and is
    // written; text typed before that task is handed over too. Text that write cannot
    // store stays here. This tab takes over (once the other has handed over): continue
    // from what is stored, unless this page holds text of its own that storage refused.
    let on_lost = {
        let (flush, hold, typed) = (Rc::clone(&autosave.flush), Rc::clone(&autosave.hold), guard.typed.clone());
        Callback::from(move |()| {
            let (flush, hold, typed) = (Rc::clone(&flush), Rc::clone(&hold), typed.clone());
            frames::after(0, move || {
                typed.send();
                // The write reads the store as the reducer left it: Yew may render what
                // was just sent in a later task.
                flush();
                // Anything that reaches the store from now on, while this tab still
                // edits, is held with anything unwritten.
                hold();
            });
        })
    };
    let on_gained = {
        let (dispatch, id, unsaved) = (dispatch.clone(), id.clone(), Rc::clone(&autosave.unsaved));
        Callback::from(move |()| {
            // Not found or unreadable: go on with what this tab shows; its next write reports it.
            if !unsaved() {
                if let Ok(draft) = lifecycle::find(&LocalStorage, &id) {
                    dispatch.dispatch(Action::Replace(Box::new(draft)));
                }
            }
            dispatch.dispatch(Action::ReadOnly(false));
        })
    };
    // A take-over refused (by storage, or by the browser's Web Locks) is said in the notice, not silent.
    let (role, take_over, take_over_refused) = use_tab_role(&id, on_lost, on_gained);
    // A viewer is read-only. An editor edits at once on the first grant; after a
    // takeover, on_gained turns editing on once the other tab's last write is in.
    {
        let dispatch = dispatch.clone();
        let decided_before = use_mut_ref(bool::default);
        use_effect_with(role, move |role| {
            let first = !std::mem::replace(&mut *decided_before.borrow_mut(), *role != TabRole::Checking);
            match role {
                TabRole::Viewer => dispatch.dispatch(Action::ReadOnly(true)),
                TabRole::Editor if first => dispatch.dispatch(Action::ReadOnly(false)),
                TabRole::Editor | TabRole::Checking => {}
            }
        });
    }
    // The form is built once this tab's role is known: built read-only first and then
    // again editable, a large report's first paint waited for a second full render.
    let form_shown = use_mut_ref(bool::default);
    if role == TabRole::Viewer || !store.read_only {
        *form_shown.borrow_mut() = true;
    }
    // Records an export in the store; autosave writes it with the draft.
    let exported = {
        let dispatch = dispatch.clone();
        move || dispatch.dispatch(Action::Exported(now()))
    };
    let export_error = use_state(Option::<String>::default);
    let export_with = |export: fn(&Document) -> Result<(), FileError>| {
        let (store, exported, export_error) = (store.clone(), exported.clone(), export_error.clone());
        Callback::from(move |_: MouseEvent| match export(&store.doc) {
            Ok(()) => {
                export_error.set(None);
                exported();
            }
            Err(e) => export_error.set(Some(messages::file_error(&e))),
        })
    };
    let mail_open = use_state(bool::default);
    let send_mail = {
        let (store, exported, mail_open, export_error) = (store.clone(), exported.clone(), mail_open.clone(), export_error.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(shared) = share_files(&store.doc) {
                let exported = exported.clone();
                // A cancelled share sheet is the user's answer, not a failure: nothing to show.
                wasm_bindgen_futures::spawn_local(async move {
                    if wasm_bindgen_futures::JsFuture::from(shared).await.is_ok() {
                        exported();
                    }
                });
            } else {
                match export_json(&store.doc).and_then(|()| export_html(&store.doc)) {
                    Ok(()) => {
                        export_error.set(None);
                        exported();
                        mail_open.set(true);
                    }
                    Err(e) => export_error.set(Some(messages::file_error(&e))),
                }
            }
        })
    };
    let open_print = {
        let id = id.clone();
        Callback::from(move |_: MouseEvent| go(&Route::Print(id.clone())))
    };
    let versions_open = use_state(bool::default);
    let toggle_versions = {
        let versions_open = versions_open.clone();
        Callback::from(move |_: MouseEvent| versions_open.set(!*versions_open))
    };
    let back = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        go(&Route::Start);
    });
    // A conflict: take the version storage holds (this page's text is kept as an
    // earlier version first), or keep this page's text as a draft of its own.
    let conflict_error = use_state(|| None::<DraftError>);
    let take_stored = {
        let (store, conflict_error) = (store.clone(), conflict_error.clone());
        move |stored: Box<Draft>| {
            let (store, conflict_error) = (store.clone(), conflict_error.clone());
            Callback::from(move |_: MouseEvent| {
                match history::keep_version(&LocalStorage, &store.draft_id, &store.doc, now(), true) {
                    Ok(_) => store.dispatch(Action::Replace(stored.clone())),
                    Err(e) => conflict_error.set(Some(DraftError::NoBackup(e))),
                }
            })
        }
    };
    let keep_copy = {
        let (store, memory, abandon) = (store.clone(), memory.clone(), Rc::clone(&autosave.abandon));
        Callback::from(move |_: MouseEvent| {
            let copy = create_draft(Document { changed: now(), ..store.doc.clone() }, store.previous.clone(), &memory);
            // This page's text now lives in the copy: nothing of it is to be written here.
            abandon();
            go(&Route::Draft(copy));
        })
    };

    // A save that works again after failing is announced (every ordinary save is not).
    {
        let had_failure = use_mut_ref(bool::default);
        use_effect_with(status_state(&autosave.status), move |state| match *state {
            "failed" => *had_failure.borrow_mut() = true,
            "saved" if had_failure.replace(false) => announce(messages::SAVE_RECOVERED),
            _ => {}
        });
    }

    html! {
        <ContextProvider<EditorHandle> context={store.clone()}>
            <nav class="draft-bar no-print" aria-label="下書き">
                <a href={Route::Start.hash()} class="back-link" onclick={back}>{ "← 下書きの一覧" }</a>
                // Not a live region: announcing every save while typing would drown a screen reader;
                // a failed save is announced by its alert below.
                <p class={if matches!(autosave.status, SaveStatus::Failed(_) | SaveStatus::Conflict(_)) { "save-status save-failed" } else { "save-status" }}
                    data-state={status_state(&autosave.status)} data-revision={store.stored.revision.to_string()}
                    data-unsaved={(autosave.unsaved)().to_string()}>
                    { status_text(&autosave.status, role, store.read_only) }
                </p>
                <div class="draft-actions">
                    <button type="button" class="button" onclick={toggle_versions} aria-expanded={versions_open.to_string()}>{ "以前の版" }</button>
                    { button("button", "JSONを書き出す", export_with(export_json)) }
                    { button("button", "HTMLを書き出す", export_with(export_html)) }
                    <WordExport />
                    { button("button", "印刷用表示", open_print) }
                    { button("button", "メールで送る", send_mail) }
                </div>
            </nav>
            if *mail_open {
                <div class="notice notice-info" role="status">
                    <p>{ format!("2つのファイル（{}、{}）をダウンロードしました。メールを作成して、この2つを添付してください。",
                        store.report().json_file_name(), torikumi_core::html_export::html_file_name(store.report())) }</p>
                    <p>{ "PDFも送るときは、「印刷用表示」で「印刷」を押し、送信先で「PDFに保存」を選んでください。" }</p>
                    <a class="button button-primary" href={mailto(&store.doc)}>{ "メールを作成する" }</a>
                </div>
            }
            if let Some(e) = &*export_error {
                { error_alert(e, Some(Topic::Exports)) }
            }
            if let SaveStatus::Failed(error) = &autosave.status {
                <div class="notice notice-error" role="alert" id={SAVE_PROBLEM_ID} tabindex="-1">
                    <p>{ messages::draft_error(error) }{ draft_error_topic(error).map(help_link) }</p>
                </div>
            }
            if let SaveStatus::Conflict(stored) = &autosave.status {
                <div class="notice notice-error conflict" role="alert" id={SAVE_PROBLEM_ID} tabindex="-1">
                    <p>{ messages::draft_error(&DraftError::Conflict { stored: stored.clone() }) }{ help_link(Topic::OtherTab) }</p>
                    if let Some(e) = &*conflict_error {
                        <p>{ messages::draft_error(e) }</p>
                    }
                    <div class="start-actions">
                        if let Some(stored) = stored {
                            { button("button", "新しい方を開く", take_stored(stored.clone())) }
                        }
                        { button("button button-primary", "この画面の内容を別の下書きとして残す", keep_copy) }
                    </div>
                </div>
            }
            if let Some(problem) = &autosave.history_problem {
                <p class="notice notice-warning" role="status">{ format!("{}。下書きそのものは保存されています。", messages::history_error(problem)) }</p>
            }
            if store.stored.trashed.is_some() {
                <p class="notice notice-info" role="status">
                    { "この下書きはごみ箱にあります。編集した内容は保存されます。最初のページの「ごみ箱」から元に戻せます。" }
                </p>
            }
            if store.read_only && role == TabRole::Viewer {
                <div class="notice notice-info" role="status" tabindex="-1"
                    id={(!matches!(autosave.status, SaveStatus::Failed(_) | SaveStatus::Conflict(_))).then_some(SAVE_PROBLEM_ID)}>
                    <p>{ "この下書きは別のタブで編集中です。このタブでは閲覧のみで、あちらで入力した内容がここにも表示されます。" }{ help_link(Topic::OtherTab) }</p>
                    if let Some(why) = take_over_refused {
                        <p class="notice-refused">{ messages::take_over_refused(why) }</p>
                    }
                    { button("button button-primary", "このタブで編集する", take_over.reform(|_: MouseEvent| ())) }
                </div>
            }
            if *versions_open {
                <Versions draft_id={id.clone()} current={store.doc.clone()} read_only={store.read_only} />
            }
            if *form_shown.borrow() {
                <Editor problem={bar_problem(&autosave.status, role, store.read_only).map(AttrValue::Static)} />
            }
        </ContextProvider<EditorHandle>>
    }
}
