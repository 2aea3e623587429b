//! The plain button (「やめる」, 「JSONを書き出す」 …): one function, so the wasm holds its
//! markup's code once. Each `<button>` written out in `html!` compiles its own copy of
//! building the element and its listener (issue 23's size budget).

use yew::prelude::*;

/// `<button type="button" class={class} onclick={onclick}>{ label }</button>`.
#[inline(never)]
pub fn button(class: &'static str, label: &'static str, onclick: Callback<MouseEvent>) -> Html {
    html! { <button type="button" {class} {onclick}>{ label }</button> }
}
