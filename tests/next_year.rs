//! 「前年度から作成」 in the browser, as a debug build runs it (wasm-bindgen-test):
//! opening it calls the same hooks in the same order on every render. It called
//! two of them after an early return, which Yew's debug build stops with a panic
//! ("Hooks are called conditionally"), so the form never opened there (issue 22).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn next_frame() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().expect("a window").request_animation_frame(&resolve).expect("a frame");
    });
    wasm_bindgen_futures::JsFuture::from(frame).await.expect("a frame came");
}

/// Waits, frame by frame (up to about two seconds), until `done` holds.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..120 {
        if done() {
            return;
        }
        next_frame().await;
    }
    panic!("never happened: {what}");
}

fn button(root: &Element, name: &str) -> Option<HtmlElement> {
    let buttons = root.query_selector_all("button").ok()?;
    (0..buttons.length())
        .filter_map(|i| buttons.item(i)?.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().is_some_and(|t| t.trim() == name))
}

#[wasm_bindgen_test]
async fn next_year_opens_its_form_calling_its_hooks_on_every_render() {
    let window = web_sys::window().expect("a window");
    window.location().set_hash("#/").expect("hash set");
    let document = window.document().expect("a document");
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("appended");
    let handle = yew::Renderer::<torikumi::App>::with_root(root.clone()).render();

    until("the start page", || button(&root, "前年度から作成").is_some()).await;
    button(&root, "前年度から作成").expect("the button").click();
    until("the form of 前年度から作成", || root.query_selector("#next-source").ok().flatten().is_some()).await;
    assert!(button(&root, "次の年度の下書きを作成").is_some());

    handle.destroy();
    root.remove();
}
