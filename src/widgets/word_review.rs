//! What was read from last year's Word file, shown before anything is saved:
//! which field got what, and what could not be placed (as text to copy), with
//! 「この内容で作成」 and 「やめる」.

use torikumi_core::docx::WordRead;
use torikumi_core::fiscal::era_fiscal_year;
use torikumi_core::{limits, messages, Config, Report};
use yew::prelude::*;
use super::alert::error_alert;
use crate::app_context::use_app;

use super::button::button;
use crate::open_drafts::{create_and_open, MemoryDrafts};
use crate::platform::on_demand::{read_word, WordError};

/// Creates and opens next year's draft of `report`, or says why there is none
/// (a year the app could not read back is never created).
pub fn create_next(report: &Report, keep: bool, memory: &MemoryDrafts, error: &UseStateHandle<Option<String>>) {
    match limits::next_year(report, keep) {
        Ok(next) => create_and_open(next, Some(report.clone()), memory),
        Err(e) => error.set(Some(messages::next_year_error(&e))),
    }
}

/// Reads a Word file (in the on-demand module) and shows it for review (`word`), or says why it cannot (`error`).
pub async fn show_for_review(
    file_name: String,
    bytes: &[u8],
    config: &Config,
    next_year: Option<bool>,
    word: &UseStateHandle<Option<WordImport>>,
    error: &UseStateHandle<Option<String>>,
) {
    match read_word(bytes, config, &file_name).await {
        Ok(read) => {
            error.set(None);
            word.set(Some(WordImport { file_name, read, next_year }));
        }
        Err(WordError::Refused { sentence }) => error.set(Some(sentence)),
        Err(WordError::Module(e)) => error.set(Some(messages::module_error(&e))),
    }
}

/// A Word file read, waiting for the user's review.
#[derive(Debug, Clone, PartialEq)]
pub struct WordImport {
    pub file_name: String,
    pub read: WordRead,
    /// For 「前年度から作成」: keep the counts and text (`true`) or clear them; the year moves on by one.
    pub next_year: Option<bool>,
}

#[derive(Properties, PartialEq)]
pub struct WordReviewProps {
    pub import: WordImport,
    pub on_cancel: Callback<()>,
}

#[function_component(WordReview)]
pub fn word_review(props: &WordReviewProps) -> Html {
    let memory = use_app().memory;
    let error = use_state(Option::<String>::default);
    let WordImport { file_name, read, next_year } = &props.import;
    let report = &read.report;
    let create = {
        let (import, memory, error) = (props.import.clone(), memory.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let report = &import.read.report;
            match import.next_year {
                Some(keep) => create_next(report, keep, &memory, &error),
                None => create_and_open(report.clone(), None, &memory),
            }
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let unplaced = read.unplaced.join("\n\n");
    html! {
        <section class="word-review" aria-labelledby="word-review-title">
            <h2 id="word-review-title" class="block-title">{ "Wordファイルから読み取った内容" }</h2>
            <p>{ format!("「{file_name}」から次の内容を読み取りました。確かめてから「この内容で作成」を押してください。まだ何も保存していません。") }</p>
            if let Some(keep) = next_year {
                <p class="support">{ format!("次の年度（{}）の下書きとして作ります。回数と内容は{}。",
                    report.fiscal_year.map(|y| era_fiscal_year(y + 1)).unwrap_or_else(|| "年度未選択".to_owned()),
                    if *keep { "そのまま残します" } else { "空にします" }) }</p>
            }
            <table class="word-filled">
                <caption>{ "読み取った項目" }</caption>
                <thead><tr><th scope="col">{ "項目" }</th><th scope="col">{ "読み取った内容" }</th></tr></thead>
                <tbody>
                    { for read.filled.iter().map(|f| html! {
                        <tr>
                            <th scope="row">{ &f.label }</th>
                            <td class="word-value">{ &f.value }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <div class="form-field">
                <label class="label" for="word-unplaced">{ "読み取れなかった内容（コピーして使えます）" }</label>
                if unplaced.is_empty() {
                    <p id="word-unplaced">{ "ありません。" }</p>
                } else {
                    <textarea id="word-unplaced" class="field field-long" readonly=true rows="6" value={unplaced} />
                }
            </div>
            if let Some(e) = &*error {
                { error_alert(e, None) }
            }
            <div class="start-actions">
                { button("button button-primary", "この内容で作成", create) }
                { button("button", "やめる", cancel) }
            </div>
        </section>
    }
}
