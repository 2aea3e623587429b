//! The footer of every view: where drafts live, 使い方, and this build's version.

use yew::prelude::*;

use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct AppFooterProps {
    pub version: Option<String>,
}

#[function_component(AppFooter)]
pub fn app_footer(props: &AppFooterProps) -> Html {
    html! {
        <footer class="app-footer no-print">
            { "下書きはこのブラウザーの中だけに保存され、どこにも送信されません。" }
            <a class="footer-help" href={Route::Help(None).hash()}>{ "使い方" }</a>
            if let Some(v) = &props.version {
                <span class="app-version">{ format!("　バージョン {v}") }</span>
            }
        </footer>
    }
}
