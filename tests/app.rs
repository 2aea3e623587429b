//! Browser tests of the app with wasm-bindgen-test, in headless Chromium: what
//! only a browser can show (events, composition, the DOM Yew renders).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, InputEvent, InputEventInit};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app into a fresh element of the test page.
fn mount() -> Element {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("appended");
    yew::Renderer::<torikumi::App>::with_root(root.clone()).render();
    root
}

/// Yew renders, then runs effects, asynchronously: let both happen before reading the DOM.
async fn tick() {
    yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
}

fn find<T: JsCast>(root: &Element, selector: &str) -> T {
    root.query_selector(selector).ok().flatten().expect(selector).dyn_into::<T>().ok().expect("element type")
}

fn text(root: &Element, selector: &str) -> String {
    find::<Element>(root, selector).text_content().unwrap_or_default()
}

/// An input event as the browser sends it; Yew listens at the root, so it bubbles.
fn input_event(composing: bool) -> InputEvent {
    let init = InputEventInit::new();
    init.set_bubbles(true);
    init.set_is_composing(composing);
    InputEvent::new_with_event_init_dict("input", &init).expect("an input event")
}

fn event(kind: &str) -> Event {
    let init = EventInit::new();
    init.set_bubbles(true);
    Event::new_with_event_init_dict(kind, &init).expect("an event")
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_shows_the_report_title() {
    let root = mount();
    tick().await;
    assert_eq!(text(&root, "h1"), "区障害者自立支援協議会　取組状況");
}

#[wasm_bindgen_test]
async fn choosing_year_and_ward_derives_the_title() {
    let root = mount();
    tick().await;
    let year: HtmlSelectElement = find(&root, "#f-fiscal-year");
    year.set_value("2022");
    year.dispatch_event(&event("change")).unwrap();
    let ward: HtmlSelectElement = find(&root, "#f-ward");
    ward.set_value("aoba");
    ward.dispatch_event(&event("change")).unwrap();
    tick().await;
    assert_eq!(text(&root, "h1"), "令和４年度　青葉区障害者自立支援協議会　取組状況");
}

#[wasm_bindgen_test]
async fn typed_content_is_counted_in_characters_against_the_brief_length() {
    let root = mount();
    tick().await;
    let area: HtmlTextAreaElement = find(&root, "#f-plenary-content");
    area.set_value("𠮷野家で①②");
    area.dispatch_event(&input_event(false)).unwrap();
    tick().await;
    // 6 characters, though 7 UTF-16 units.
    assert_eq!(text(&root, "#f-plenary-content-chars"), "6／300文字");
}

#[wasm_bindgen_test]
async fn text_under_composition_is_not_taken_until_the_composition_ends() {
    let root = mount();
    tick().await;
    let area: HtmlTextAreaElement = find(&root, "#f-plenary-content");
    area.dispatch_event(&event("compositionstart")).unwrap();
    area.set_value("ぎだい");
    area.dispatch_event(&input_event(true)).unwrap();
    tick().await;
    assert_eq!(text(&root, "#f-plenary-content-chars"), "0／300文字", "nothing taken mid-composition");
    assert_eq!(area.value(), "ぎだい", "and nothing written back into the field");
    area.set_value("議題");
    area.dispatch_event(&event("compositionend")).unwrap();
    tick().await;
    assert_eq!(text(&root, "#f-plenary-content-chars"), "2／300文字");
    assert_eq!(area.value(), "議題");
}

#[wasm_bindgen_test]
async fn a_count_is_normalised_when_left_and_kept_when_it_does_not_parse() {
    let root = mount();
    tick().await;
    let count: HtmlInputElement = find(&root, "#f-steering-count");
    count.set_value("１２回");
    count.dispatch_event(&input_event(false)).unwrap();
    tick().await;
    assert_eq!(count.value(), "１２回", "not while typing");
    count.dispatch_event(&event("blur")).unwrap();
    tick().await;
    assert_eq!(count.value(), "12");
    count.set_value("十二");
    count.dispatch_event(&input_event(false)).unwrap();
    count.dispatch_event(&event("blur")).unwrap();
    tick().await;
    assert_eq!(count.value(), "十二");
    assert_eq!(count.get_attribute("aria-invalid").as_deref(), Some("true"));
}
