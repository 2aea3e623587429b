//! 使い方: the core's sections as markup (`messages::help::page_html`, one loop over its
//! data, so the page's wasm carries little code for them). Each section is an address of
//! its own (`#/help/<id>`), so a message's 「詳しく」, the table of contents and a reload
//! all open it, online, offline and in the offline file alike (route.rs brings it into view).

use torikumi_core::messages::help::page_html;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::route::{reveal, Route};

fn back_label(route: &Route) -> &'static str {
    match route {
        Route::Draft(_) => "← 下書きに戻る",
        Route::Print(_) => "← 印刷用表示に戻る",
        Route::Bundle => "← 取りまとめに戻る",
        Route::BundlePrint => "← まとめて印刷用表示に戻る",
        _ => "← 最初のページ",
    }
}

/// The page; `back` is the view it was opened from, its way back.
pub fn view(back: &Route) -> Html {
    // Markup, as the sections are (the labels are the app's own, nothing to escape).
    let top = format!(
        r#"<nav class="draft-bar" aria-label="使い方"><a href="{}" class="back-link">{}</a></nav><h1 id="help-title" class="report-title" tabindex="-1">使い方</h1>"#,
        back.hash(),
        back_label(back)
    );
    // The open section's own link changes no address (no hashchange): it is shown from here.
    let onclick = Callback::from(|e: MouseEvent| {
        let link = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|el| el.closest("a").ok().flatten());
        if let Some(Route::Help(topic)) = link.and_then(|a| a.get_attribute("href")).map(|href| Route::from_hash(&href)) {
            reveal(topic);
        }
    });
    html! {
        // The core's own markup: its texts escaped, its pictures checked (core/tests/help.rs).
        <div class="help" {onclick}>{ Html::from_html_unchecked((top + &page_html()).into()) }</div>
    }
}
