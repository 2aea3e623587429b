//! 「前年度から作成」: a new draft for the following year, from a draft here or a file.

use std::rc::Rc;

use torikumi_core::drafts::Draft;
use torikumi_core::{incoming, messages};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use super::alert::error_alert;
use crate::app_context::{use_app, AppContext};

use torikumi_core::messages::help::Topic;
use super::button::button;

use super::word_review::{create_next, show_for_review, WordImport, WordReview};
use crate::platform::files::{read_file, ACCEPTED};
use crate::platform::word_file::looks_like_word;

#[derive(Properties, PartialEq)]
pub struct NextYearProps {
    pub drafts: Vec<Draft>,
}

/// 「前年度から作成」: a new draft for the following year from a draft or a file.
#[function_component(NextYear)]
pub fn next_year(props: &NextYearProps) -> Html {
    let AppContext { memory, config, .. } = use_app();
    let open = use_state(bool::default);
    let source = use_state(|| props.drafts.first().map(|d| d.id.clone()).unwrap_or_default());
    let keep = use_state(bool::default);
    let error = use_state(Option::<String>::default);
    let file_input = use_node_ref();
    // Every hook runs on every render, before the early return below (Yew's rule).
    let word = use_state(Option::<WordImport>::default);

    if !*open {
        let open = open.clone();
        return html! {
            { button("button", "前年度から作成", Callback::from(move |_: MouseEvent| open.set(true))) }
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
        let (drafts, source, keep, error, file_input, memory, word) =
            (props.drafts.clone(), source.clone(), *keep, error.clone(), file_input.clone(), memory.clone(), word.clone());
        Callback::from(move |_: MouseEvent| {
            if *source == "file" {
                let (error, file_input, memory, word, config) =
                    (error.clone(), file_input.clone(), memory.clone(), word.clone(), Rc::clone(&config));
                wasm_bindgen_futures::spawn_local(async move {
                    let picked = file_input.cast::<HtmlInputElement>().and_then(|i| i.files()).and_then(|f| f.get(0));
                    let Some(file) = picked else {
                        return error.set(Some("ファイルを選んでください。".to_owned()));
                    };
                    let name = file.name();
                    let bytes = match read_file(&file).await {
                        Ok(bytes) => bytes,
                        Err(e) => return error.set(Some(messages::import_error(&name, &e))),
                    };
                    // Last year's Word file: shown for review before anything is saved.
                    if looks_like_word(&name, &bytes) {
                        return show_for_review(name, &bytes, &config, Some(keep), &word, &error).await;
                    }
                    match incoming::read_export(&bytes) {
                        Ok(doc) => create_next(&doc.report, keep, &memory, &error),
                        Err(e) => error.set(Some(messages::import_error(&name, &e))),
                    }
                });
            } else if let Some(d) = drafts.iter().find(|d| d.id == *source) {
                create_next(&d.document.report, keep, &memory, &error);
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
                    <option value="file" selected={*source == "file"}>{ "ファイルから選ぶ（書き出したJSON・HTML、または昨年度のWordファイル）" }</option>
                </select>
            </div>
            if *source == "file" {
                <div class="form-field">
                    <label class="label" for="next-file">{ "ファイル" }</label>
                    <input type="file" id="next-file" ref={file_input} accept={ACCEPTED} />
                </div>
            }
            <fieldset class="form-field fieldset" aria-labelledby="next-keep-label">
                <legend class="label" id="next-keep-label">{ "回数と内容" }</legend>
                <div class="radios">{ radio(false, "空にする") }{ radio(true, "そのまま残す") }</div>
            </fieldset>
            if let Some(import) = &*word {
                <WordReview import={import.clone()} on_cancel={{ let word = word.clone(); Callback::from(move |()| word.set(None)) }} />
            }
            if let Some(e) = &*error {
                { error_alert(e, Some(Topic::NextYear)) }
            }
            { button("button button-primary", "次の年度の下書きを作成", create) }
        </section>
    }
}
