//! 「読み込む」: a JSON or HTML export, by file picker or drag and drop. A report
//! whose ward and 年度 match a draft here asks first: replace it, or keep both.

use js_sys::Uint8Array;
use torikumi_core::store::{self, Draft};
use torikumi_core::{exchange, messages, Document};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList, HtmlInputElement};
use yew::prelude::*;

use super::start::{open_as_new, store_and_open};
use crate::state::now;
use crate::storage::{LocalStorage, MemoryDrafts};

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    /// The drafts here (not in the trash), to find one the import would replace.
    pub drafts: Vec<Draft>,
}

/// An import waiting for the user's answer.
#[derive(Clone, PartialEq)]
struct Conflict {
    document: Document,
    existing: Draft,
}

async fn read(file: &File) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}

#[function_component(Import)]
pub fn import(props: &ImportProps) -> Html {
    let memory = use_context::<MemoryDrafts>().unwrap_or_default();
    let error = use_state(|| None::<String>);
    let conflict = use_state(|| None::<Conflict>);
    let dragging = use_state(|| false);
    let input = use_node_ref();

    let take_files = {
        let (drafts, error, conflict, memory) = (props.drafts.clone(), error.clone(), conflict.clone(), memory.clone());
        Callback::from(move |files: Option<FileList>| {
            let Some(file) = files.as_ref().and_then(|f| f.get(0)) else { return };
            if files.as_ref().is_some_and(|f| f.length() > 1) {
                error.set(Some("ファイルは1つずつ読み込んでください。".to_owned()));
                return;
            }
            let (drafts, error, conflict, memory) = (drafts.clone(), error.clone(), conflict.clone(), memory.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let bytes = read(&file).await.unwrap_or_default();
                match exchange::import(&bytes) {
                    Err(e) => error.set(Some(messages::import_error(&name, &e))),
                    Ok(document) => {
                        error.set(None);
                        let r = &document.report;
                        let same = |d: &&Draft| {
                            let o = &d.document.report;
                            r.fiscal_year.is_some() && o.fiscal_year == r.fiscal_year
                                && o.ward.as_ref().map(|w| &w.slug) == r.ward.as_ref().map(|w| &w.slug)
                        };
                        match drafts.iter().find(same) {
                            Some(existing) => conflict.set(Some(Conflict { document, existing: existing.clone() })),
                            None => open_as_new(document, &memory),
                        }
                    }
                }
            });
        })
    };
    let onchange = {
        let take_files = take_files.clone();
        Callback::from(move |e: Event| {
            let input: Option<HtmlInputElement> = e.target_dyn_into();
            take_files.emit(input.as_ref().and_then(HtmlInputElement::files));
            if let Some(input) = input {
                input.set_value("");
            }
        })
    };
    let pick = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let (dragging, take_files) = (dragging.clone(), take_files.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            take_files.emit(e.data_transfer().and_then(|d| d.files()));
        })
    };

    let answer = |replace: Option<bool>| {
        let (conflict, memory) = (conflict.clone(), memory.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(c) = (*conflict).clone() else { return };
            conflict.set(None);
            match replace {
                None => {}
                Some(true) => {
                    // The replaced draft stays among the earlier versions.
                    let _ = store::keep_version(&LocalStorage, &c.existing.id, &c.existing.document, now(), true);
                    store_and_open(Draft { document: c.document, ..c.existing }, &memory);
                }
                Some(false) => open_as_new(c.document, &memory),
            }
        })
    };

    html! {
        <section class={classes!("import", dragging.then_some("import-dragging"))} aria-labelledby="import-title"
            {ondragover} {ondragleave} {ondrop}>
            <h2 id="import-title" class="block-title">{ "ファイルから読み込む" }</h2>
            <p class="support">{ "「JSONを書き出す」「HTMLを書き出す」で作ったファイルを選ぶか、ここにドラッグしてください。" }</p>
            <input type="file" ref={input} class="visually-hidden" accept=".json,.html,.htm,application/json,text/html"
                tabindex="-1" aria-hidden="true" {onchange} />
            <button type="button" class="button" onclick={pick}>{ "読み込む" }</button>
            if let Some(e) = &*error {
                <p class="notice notice-error" role="alert">{ e }</p>
            }
            if let Some(c) = &*conflict {
                <div class="notice notice-warning" role="alert">
                    <p>{ format!("{}の下書きがすでにあります（最終更新 {}）。読み込んだ報告で置き換えますか、両方残しますか？",
                        c.existing.document.report.title(), c.existing.document.changed.display_ja()) }</p>
                    <div class="start-actions">
                        <button type="button" class="button button-danger" onclick={answer(Some(true))}>{ "置き換える" }</button>
                        <button type="button" class="button button-primary" onclick={answer(Some(false))}>{ "両方残す" }</button>
                        <button type="button" class="button" onclick={answer(None)}>{ "やめる" }</button>
                    </div>
                </div>
            }
        </section>
    }
}
