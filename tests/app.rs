//! Browser tests of the app with wasm-bindgen-test, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app into a fresh element of the test page.
fn mount() -> Element {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("appended");
    yew::Renderer::<torikumi::App>::with_root(root.clone()).render();
    root
}

/// Yew renders asynchronously: let it run before reading the DOM.
async fn tick() {
    yew::platform::time::sleep(std::time::Duration::from_millis(0)).await;
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_shows_the_report_title() {
    let root = mount();
    tick().await;
    let h1 = root.query_selector("h1").ok().flatten().expect("a heading");
    assert_eq!(h1.text_content().as_deref(), Some("区障害者自立支援協議会　取組状況"));
}
