//! The footer of every view: where drafts live, 使い方, and this build's version.
//! A function, not a component: it has no state, and a component type of its own
//! costs each wasm file its share of Yew's generic code.

use yew::prelude::*;

use crate::route::Route;

pub fn app_footer(version: Option<&str>) -> Html {
    html! {
        <footer class="app-footer no-print">
            { "下書きはこのブラウザーの中だけに保存され、どこにも送信されません。" }
            <a class="footer-help" href={Route::Help(None).hash()}>{ "使い方" }</a>
            if let Some(v) = version {
                <span class="app-version">{ format!("　バージョン {v}") }</span>
            }
        </footer>
    }
}
