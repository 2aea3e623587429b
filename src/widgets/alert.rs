//! The error notice (a refused file, a failed export, with its 「詳しく」): one function, so
//! the wasm holds its markup's code once (issue 23's size budget).

use torikumi_core::messages::help::Topic;
use yew::prelude::*;

use super::help_link::help_link;

/// `<p class="notice notice-error" role="alert">{ text }{ 「詳しく」 }</p>`.
#[inline(never)]
pub fn error_alert(text: &str, topic: Option<Topic>) -> Html {
    html! { <p class="notice notice-error" role="alert">{ text }{ topic.map(help_link) }</p> }
}
