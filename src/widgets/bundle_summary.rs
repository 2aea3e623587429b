//! 「実施回数の一覧」 and its chart. The core writes both (the bound print's
//! cover shows the same table), escaping every piece of text. A function, not a
//! component: it has no state, and its markup is a string the core made.

use torikumi_core::bundle::{chart_svg, summary_table_html, Summary};
use yew::prelude::*;

pub fn bundle_summary(summary: &Summary) -> Html {
    // The core escapes all report and config text: this markup is the app's own.
    let table = Html::from_html_unchecked(summary_table_html(summary).into());
    let chart = Html::from_html_unchecked(chart_svg(summary, "bundle-chart").into());
    html! {
        <section aria-labelledby="bundle-summary-title" class="bundle-summary">
            <h2 id="bundle-summary-title" class="block-title">{ "実施回数" }</h2>
            <div class="bundle-summary-grid">
                <div class="table-scroll" tabindex="0" role="region" aria-label="実施回数の一覧（横にスクロールできます）">{ table }</div>
                <figure class="bundle-chart">{ chart }</figure>
            </div>
        </section>
    }
}
