//! 「詳しく」 after a message: its section of 使い方, in a new tab, so the message and
//! whatever the page holds (text storage refused, a file's reason) stay where they are.

use torikumi_core::messages::help::Topic;
use yew::prelude::*;

use crate::route::Route;

/// The link to `topic`'s section, named for a screen reader as what it opens and where.
pub fn help_link(topic: Topic) -> Html {
    html! {
        <a class="help-link" href={Route::Help(Some(topic)).hash()} target="_blank" rel="noopener">
            { "詳しく" }<span class="visually-hidden">{ "（新しいタブ）" }</span>
        </a>
    }
}
