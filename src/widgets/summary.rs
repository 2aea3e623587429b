//! The summary at the top of the editor: every finding shown so far, each a link
//! that moves focus to its field (the pattern of well-made government forms).

use torikumi_core::{messages, Severity};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::form_field::{severity_class, severity_tag, unify_buttons, Unify};
use crate::editor_store::EditorDispatch;
use crate::platform::announce::announce;

/// One line of the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryItem {
    pub target: String,
    pub severity: Severity,
    pub message: String,
    pub unify: Option<Unify>,
}

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub items: Vec<SummaryItem>,
    /// All findings are shown (after 「完成にする」).
    pub complete: bool,
    /// Bumped when the summary should take focus.
    pub focus_serial: u32,
    /// Where 統一 goes; `None` when the report may not be changed here.
    #[prop_or_default]
    pub dispatch: Option<EditorDispatch>,
}

/// Moves focus to an element by id and brings it into view.
pub fn focus_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = element {
        // Not a write: an element that cannot take focus is still scrolled to.
        el.focus().ok();
        el.scroll_into_view_with_bool(false);
    }
}

#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let errors = props.items.iter().filter(|i| i.severity == Severity::Error).count();
    let warnings = props.items.len() - errors;
    // 「完成にする」 stopped at findings: focus goes to the summary and its count is announced.
    use_effect_with(props.focus_serial, move |serial| {
        if *serial > 0 {
            focus_by_id("summary");
            if errors + warnings > 0 {
                announce(&messages::findings_count(errors, warnings));
            }
        }
    });
    if props.items.is_empty() {
        return if props.complete {
            html! {
                <section id="summary" class="summary summary-ok" tabindex="-1" aria-labelledby="summary-title">
                    <h2 id="summary-title" class="summary-title">{ "エラーはありません" }</h2>
                </section>
            }
        } else {
            html! {}
        };
    }
    html! {
        <section id="summary" class={if errors > 0 { "summary summary-error" } else { "summary" }}
            tabindex="-1" aria-labelledby="summary-title">
            <h2 id="summary-title" class="summary-title">{ "入力内容を確認してください" }</h2>
            <p>{ messages::findings_count(errors, warnings) }</p>
            <ul class="summary-list">
                { for props.items.iter().map(|item| {
                    let target = item.target.clone();
                    let onclick = Callback::from(move |e: MouseEvent| {
                        // The hash holds the open view: move focus instead of navigating.
                        e.prevent_default();
                        focus_by_id(&target);
                    });
                    html! {
                        <li class={severity_class(item.severity)}>
                            { severity_tag(item.severity) }
                            <a href={format!("#{}", item.target)} {onclick}>{ &item.message }</a>
                            if let (Some(unify), Some(dispatch)) = (&item.unify, &props.dispatch) {
                                { unify_buttons(unify, dispatch) }
                            }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
