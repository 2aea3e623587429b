//! 「以前の版」: the draft's earlier versions, kept every few minutes of editing;
//! any can be restored (the current one is kept first, so a restore can be undone).

use torikumi_core::print::report_html;
use torikumi_core::drafts::history::{self, Snapshot};
use torikumi_core::drafts::lifecycle;
use torikumi_core::{messages, Document};
use yew::prelude::*;
use super::alert::error_alert;

use torikumi_core::editor::Action;

use crate::editor_store::{now, EditorHandle};
use crate::platform::local_storage::LocalStorage;

#[derive(Properties, PartialEq)]
pub struct VersionsProps {
    pub draft_id: String,
    pub current: Document,
    pub read_only: bool,
}

fn text_length(doc: &Document) -> usize {
    let r = &doc.report;
    let sections = [&r.sections.main_work, &r.sections.issues, &r.sections.plans];
    sections.iter().map(|s| s.chars().count()).sum()
}

#[function_component(Versions)]
pub fn versions(props: &VersionsProps) -> Html {
    let store = use_context::<EditorHandle>().expect("inside the store's provider");
    // Re-read when the current document changes (a new version may have been kept).
    let list = use_memo((props.draft_id.clone(), props.current.changed), |(id, _)| history::history(&LocalStorage, id));
    let error = use_state(Option::<String>::default);
    // The text shown now is kept as an earlier version first; without that, nothing is restored.
    let restore = |snapshot: &Snapshot| {
        let (store, error, version) = (store.clone(), error.clone(), snapshot.document.clone());
        Callback::from(move |_: MouseEvent| {
            match lifecycle::restore_version(&LocalStorage, &store.draft(), &store.doc, &version, now()) {
                Ok(draft) => {
                    error.set(None);
                    store.dispatch(Action::Replace(Box::new(draft)));
                }
                Err(e) => error.set(Some(messages::draft_error(&e))),
            }
        })
    };
    html! {
        <section class="versions" aria-labelledby="versions-title">
            <h2 id="versions-title" class="block-title">{ "以前の版" }</h2>
            if let Some(e) = &*error {
                { error_alert(e, None) }
            }
            <p class="support">{ "編集中の下書きは数分ごとに版として残ります（最新の20版まで）。戻すと、今の内容も版として残ります。" }</p>
            { match &*list {
                Err(e) => error_alert(&format!("{}。", messages::history_error(e)), None),
                Ok(versions) if versions.is_empty() => html! { <p>{ "まだ以前の版はありません。" }</p> },
                Ok(versions) => html! {
                    <ul class="version-list">
                        { for versions.iter().map(|v| html! {
                            <li class="version">
                                <span class="version-time">{ v.at.display_ja() }</span>
                                <span class="version-title">{ v.document.report.title() }</span>
                                <span class="version-size">{ format!("本文{}文字", text_length(&v.document)) }</span>
                                <button type="button" class="button button-small" disabled={props.read_only}
                                    aria-label={format!("{}の版に戻す", v.at.display_ja())} onclick={restore(v)}>{ "この版に戻す" }</button>
                                <details class="version-preview">
                                    <summary aria-label={format!("{}の版を見る", v.at.display_ja())}>{ "この版を見る" }</summary>
                                    // report_html escapes every piece of report text: this markup is the app's own.
                                    { Html::from_html_unchecked(report_html(&v.document).into()) }
                                </details>
                            </li>
                        }) }
                    </ul>
                },
            } }
        </section>
    }
}
