//! The app's frame: the header and the open view.

use torikumi_core::Report;
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    let report = Report::default();
    html! {
        <>
            <header class="app-header">
                <p class="app-name">{ "取組状況" }<span class="app-sub">{ "区障害者自立支援協議会" }</span></p>
            </header>
            <main class="app-main">
                <h1 class="report-title">{ report.title() }</h1>
            </main>
        </>
    }
}
