//! 「読み込む」: a JSON or HTML export, or a backup, by file picker or drag and
//! drop. A report whose ward and 年度 match a draft here asks first: replace it
//! (the draft is kept as an earlier version), or keep both.

use std::rc::Rc;

use torikumi_core::drafts::backup;
use torikumi_core::drafts::lifecycle::{self, ImportPlan};
use torikumi_core::drafts::Draft;
use torikumi_core::incoming::{self, Incoming};
use torikumi_core::messages::help::Topic;
use torikumi_core::{messages, Document};
use web_sys::File;
use yew::prelude::*;
use super::alert::error_alert;
use crate::app_context::{use_app, AppContext};

use super::button::button;
use super::review_import::{review_import, PendingReview, ReviewImport};
use super::word_review::{show_for_review, WordImport, WordReview};
use crate::editor_store::now;
use crate::hooks::announce::use_announce;
use crate::hooks::file_picker::{use_file_picker, FilePicker};
use crate::open_drafts::create_draft;
use crate::platform::files::{read_file, ACCEPTED};
use crate::platform::local_storage::{new_draft_id, LocalStorage};
use crate::platform::word_file::looks_like_word;
use crate::route::{go, Route};


#[derive(Properties, PartialEq)]
pub struct ImportProps {
    /// Storage changed (a backup was read back): the start page lists it again.
    pub on_change: Callback<()>,
}

/// An import waiting for the user's answer.
#[derive(Clone, PartialEq)]
struct Conflict {
    document: Document,
    /// The draft as it was when the user was asked: replacing checks it is still so.
    existing: Draft,
    file_older: bool,
}

#[function_component(Import)]
pub fn import(props: &ImportProps) -> Html {
    let AppContext { memory, config, .. } = use_app();
    let error = use_state(Option::<String>::default);
    let notice = use_state(Option::<String>::default);
    let conflict = use_state(|| None::<Conflict>);

    let word = use_state(Option::<WordImport>::default);
    let review = use_state(|| None::<PendingReview>);
    let take_files = {
        let (error, notice, conflict, memory, on_change, word, config, review) = (
            error.clone(),
            notice.clone(),
            conflict.clone(),
            memory.clone(),
            props.on_change.clone(),
            word.clone(),
            Rc::clone(&config),
            review.clone(),
        );
        Callback::from(move |files: Vec<File>| {
            let Some(file) = files.first().cloned() else { return };
            if files.len() > 1 {
                error.set(Some("ファイルは1つずつ読み込んでください。".to_owned()));
                return;
            }
            let (error, notice, conflict, memory, on_change, word, config, review) =
                (error.clone(), notice.clone(), conflict.clone(), memory.clone(), on_change.clone(), word.clone(), Rc::clone(&config), review.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                notice.set(None);
                let bytes = match read_file(&file).await {
                    Ok(bytes) => bytes,
                    Err(e) => return error.set(Some(messages::import_error(&name, &e))),
                };
                // Last year's Word file: shown for review before anything is saved.
                if looks_like_word(&name, &bytes) {
                    return show_for_review(name, &bytes, &config, None, &word, &error).await;
                }
                let incoming = match incoming::read_file(&bytes) {
                    Ok(incoming) => incoming,
                    Err(e) => return error.set(Some(messages::import_error(&name, &e))),
                };
                error.set(None);
                review.set(None);
                match incoming {
                    Incoming::Review(read) => match PendingReview::find(&name, *read) {
                        Ok(pending) => review.set(Some(pending)),
                        Err(message) => error.set(Some(message)),
                    },
                    Incoming::Backup(contents) => {
                        match backup::restore(&LocalStorage, &contents, &mut new_draft_id) {
                            Ok(restored) => notice.set(Some(messages::backup_restored(&name, &restored, contents.unreadable))),
                            Err(e) => error.set(Some(messages::draft_error(&e))),
                        }
                        on_change.emit(());
                    }
                    Incoming::Report(document) => match lifecycle::plan_import(&LocalStorage, &document) {
                        Ok(ImportPlan::Replaces { existing, file_older }) => {
                            conflict.set(Some(Conflict { document: *document, existing: *existing, file_older }))
                        }
                        // Storage unreadable: the draft is still made (in this page if need be).
                        Ok(ImportPlan::New) | Err(_) => go(&Route::Draft(create_draft(*document, None, &memory))),
                    },
                }
            });
        })
    };
    use_announce((*notice).clone());
    let FilePicker { input, dragging, onchange, pick, ondragover, ondragleave, ondrop } = use_file_picker(take_files);

    let answer = |replace: Option<bool>| {
        let (conflict, memory, error) = (conflict.clone(), memory.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(c) = (*conflict).clone() else { return };
            conflict.set(None);
            match replace {
                None => {}
                Some(true) => match lifecycle::replace(&LocalStorage, &c.existing, c.document, now()) {
                    Ok(draft) => go(&Route::Draft(draft.id)),
                    Err(e) => error.set(Some(messages::replace_error(&e))),
                },
                Some(false) => go(&Route::Draft(create_draft(c.document, None, &memory))),
            }
        })
    };

    html! {
        <section class={if dragging { "import import-dragging" } else { "import" }} aria-labelledby="import-title"
            {ondragover} {ondragleave} {ondrop}>
            <h2 id="import-title" class="block-title">{ "ファイルから読み込む" }</h2>
            <p class="support">{ "書き出したファイル（JSON・HTML）、下書きのバックアップ、市からの指摘、昨年度のWordファイル（.docx）を選ぶか、ここにドラッグしてください。" }</p>
            <input type="file" ref={input} class="visually-hidden" accept={ACCEPTED}
                tabindex="-1" aria-hidden="true" {onchange} />
            { button("button", "読み込む", pick) }
            if let Some(e) = &*error {
                { error_alert(e, Some(Topic::RefusedFile)) }
            }
            if let Some(import) = &*word {
                <WordReview import={import.clone()} on_cancel={{ let word = word.clone(); Callback::from(move |()| word.set(None)) }} />
            }
            if let Some(pending) = &*review {
                { review_import(&ReviewImport {
                    pending: pending.clone(),
                    on_close: { let review = review.clone(); Callback::from(move |()| review.set(None)) },
                    on_error: { let error = error.clone(); Callback::from(move |m: String| error.set(Some(m))) },
                }) }
            }
            if let Some(n) = &*notice {
                <p class="notice notice-info" role="status">{ n }</p>
            }
            if let Some(c) = &*conflict {
                <div class="notice notice-warning" role="alert">
                    <p>{ format!("{}の下書きがすでにあります（最終更新 {}）。読み込んだ報告で置き換えますか、両方残しますか？",
                        c.existing.document.report.title(), c.existing.document.changed.display_ja()) }</p>
                    if c.file_older {
                        <p><strong>{ format!("読み込むファイル（最終更新 {}）は、この端末の下書きより古いものです。置き換えると、新しい内容は「以前の版」に移ります。",
                            c.document.changed.display_ja()) }</strong></p>
                    }
                    <div class="start-actions">
                        { button("button button-danger", "置き換える", answer(Some(true))) }
                        { button("button button-primary", "両方残す", answer(Some(false))) }
                        { button("button", "やめる", answer(None)) }
                    </div>
                </div>
            }
        </section>
    }
}
