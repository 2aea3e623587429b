//! 「まとめて印刷用表示」: the bound report (cover, then each ward's report on a
//! new page in the configured order, page numbers at the foot), with 「印刷」.

use std::rc::Rc;

use torikumi_core::bundle::bound_html;
use torikumi_core::messages::help::bundle_store_error_topic;
use torikumi_core::messages;
use yew::prelude::*;
use crate::app_context::use_app;

use crate::widgets::button::button;
use crate::editor_store::now;
use crate::hooks::bundle_set::use_bundle_set;
use crate::hooks::page_title::use_page_title;
use crate::route::Route;
use crate::widgets::help_link::help_link;

#[function_component(BundlePrint)]
pub fn bundle_print() -> Html {
    let config = use_app().config;
    let bundle = use_bundle_set();
    let html = {
        let config = Rc::clone(&config);
        use_memo(Rc::clone(&bundle.kept), move |kept| bound_html(&kept.set, &config, now()))
    };
    let fiscal_year = bundle.kept.set.fiscal_year(&config);
    // 「PDFに保存」 names the file after the page's title: an ASCII stem.
    use_page_title(Some(match fiscal_year {
        Some(y) => format!("{}_torikumi_bound", torikumi_core::fiscal::era_short_year(y)),
        None => "torikumi_bound".to_owned(),
    }));
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            w.print().ok();
        }
    });
    html! {
        <div class="print-view">
            <nav class="draft-bar no-print" aria-label="まとめて印刷用表示">
                <a href={Route::Bundle.hash()} class="back-link">{ "← 取りまとめに戻る" }</a>
                <p class="save-status">{ "A4・縦で印刷します。PDFにするときは、印刷の送信先で「PDFに保存」を選んでください。" }</p>
                { button("button button-primary", "印刷", print) }
            </nav>
            if let Some(e) = &bundle.error {
                <p class="notice notice-error no-print" role="alert">{ messages::bundle_store_error(e) }{ bundle_store_error_topic(e).map(help_link) }</p>
            }
            // bound_html escapes every piece of report and config text.
            <div class="p-page">{ Html::from_html_unchecked(html.as_str().to_owned().into()) }</div>
        </div>
    }
}
