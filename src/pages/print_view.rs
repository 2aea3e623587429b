//! 「印刷用表示」: the report as the paper form prints it (A4), with 「印刷」.

use torikumi_core::print::report_html;
use yew::prelude::*;
use crate::widgets::alert::error_alert;
use crate::app_context::use_app;

use crate::widgets::button::button;
use crate::hooks::page_title::use_page_title;
use crate::route::{go, Route};
use crate::open_drafts::open_draft;
use torikumi_core::messages;

#[derive(Properties, PartialEq)]
pub struct PrintViewProps {
    pub id: AttrValue,
}

#[function_component(PrintView)]
pub fn print_view(props: &PrintViewProps) -> Html {
    let memory = use_app().memory;
    let found = use_memo(props.id.clone(), |id| open_draft(id, &memory).map(|opened| opened.current));
    // 「PDFに保存」 names the file after the page's title: make it the ASCII file stem.
    use_page_title((*found).as_ref().ok().map(|d| d.document.report.file_stem()));
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let back = {
        let id = props.id.to_string();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            go(&Route::Draft(id.clone()));
        })
    };
    match &*found {
        Ok(draft) => {
            // report_html escapes every piece of report text: this markup is the app's own.
            let article = Html::from_html_unchecked(report_html(&draft.document).into());
            html! {
                <div class="print-view">
                    <nav class="draft-bar no-print" aria-label="印刷用表示">
                        <a href={Route::Draft(props.id.to_string()).hash()} class="back-link" onclick={back}>{ "← 編集に戻る" }</a>
                        <p class="save-status">{ "A4・縦で印刷します。PDFにするときは、印刷の送信先で「PDFに保存」を選んでください。" }</p>
                        { button("button button-primary", "印刷", print) }
                    </nav>
                    <div class="p-page">{ article }</div>
                </div>
            }
        }
        Err(error) => error_alert(&messages::draft_error(error), None),
    }
}
