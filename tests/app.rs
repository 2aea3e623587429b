//! Browser tests of the app with wasm-bindgen-test, in headless Chromium: what
//! only a browser can show (events, composition, the DOM Yew renders).
#![cfg(target_arch = "wasm32")]

use torikumi_core::drafts::{self, Draft};
use torikumi_core::{Document, Timestamp};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlInputElement, HtmlTextAreaElement, InputEvent, InputEventInit};

wasm_bindgen_test_configure!(run_in_browser);

/// Stores a new empty draft and points the page's hash at it, as opening it from the start page does.
fn open_new_draft() {
    let id = format!("test-{}", (js_sys::Math::random() * 1e9) as u64);
    let draft = Draft { revision: 1, ..Draft::new(id.clone(), Document::new(Timestamp::from_unix_millis(js_sys::Date::now()))) };
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).expect("local storage");
    storage.set_item(&drafts::draft_key(&id), &drafts::encode_draft(&draft)).expect("stored");
    web_sys::window().unwrap().location().set_hash(&format!("#/draft/{id}")).expect("hash set");
}

/// A mounted app, unmounted when the test ends (else it would follow the next test's hash).
struct Mounted {
    root: Element,
    handle: Option<yew::AppHandle<torikumi::App>>,
}

impl std::ops::Deref for Mounted {
    type Target = Element;
    fn deref(&self) -> &Element {
        &self.root
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

/// Mounts the app on a new draft, in a fresh element of the test page.
fn mount() -> Mounted {
    open_new_draft();
    mount_app()
}

/// Mounts the app into a fresh element of the test page.
fn mount_app() -> Mounted {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("appended");
    let handle = yew::Renderer::<torikumi::App>::with_root(root.clone()).render();
    Mounted { root, handle: Some(handle) }
}

/// The next frame: by then Yew has rendered what was sent before, and run its effects.
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

/// Waits until the app shows `selector`: it first looks for its config file.
async fn shown(root: &Element, selector: &str) {
    until(selector, || root.query_selector(selector).ok().flatten().is_some()).await;
}

fn find<T: JsCast>(root: &Element, selector: &str) -> T {
    root.query_selector(selector).ok().flatten().expect(selector).dyn_into::<T>().unwrap_or_else(|_| panic!("{selector}: another element type"))
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

/// Sets a field's value and sends the event the browser sends when a person does so.
fn enter(field: &Element, value: &str, sent: &Event) {
    js_sys::Reflect::set(field, &"value".into(), &value.into()).expect("a field with a value");
    field.dispatch_event(sent).expect("dispatched");
}

/// Waits until the open draft, as stored, holds `text`.
async fn until_stored(text: &str) {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).expect("local storage");
    let hash = web_sys::window().unwrap().location().hash().unwrap();
    let key = drafts::draft_key(hash.trim_start_matches("#/draft/"));
    until("the typed text stored", || storage.get_item(&key).ok().flatten().is_some_and(|d| d.contains(text))).await;
}

/// Mounts the app on a new draft and waits until it may be edited (this tab holds it).
async fn open_editor() -> Mounted {
    let root = mount();
    shown(&root, ".editor.editable").await;
    root
}

fn event(kind: &str) -> Event {
    let init = EventInit::new();
    init.set_bubbles(true);
    Event::new_with_event_init_dict(kind, &init).expect("an event")
}

#[wasm_bindgen_test]
async fn the_app_mounts_on_the_start_page() {
    web_sys::window().unwrap().location().set_hash("#/").unwrap();
    let root = mount_app();
    shown(&root, ".start").await;
    assert_eq!(text(&root, "h1"), "取組状況の作成");
}

#[wasm_bindgen_test]
async fn an_opened_draft_shows_the_report_title() {
    let root = open_editor().await;
    assert_eq!(text(&root, "h1"), "区障害者自立支援協議会　取組状況");
}

#[wasm_bindgen_test]
async fn choosing_year_and_ward_derives_the_title() {
    let root = open_editor().await;
    enter(&find(&root, "#f-fiscal-year"), "2022", &event("change"));
    enter(&find(&root, "#f-ward"), "aoba", &event("change"));
    until("the title follows", || text(&root, "h1") == "令和４年度　青葉区障害者自立支援協議会　取組状況").await;
}

#[wasm_bindgen_test]
async fn typed_content_is_counted_in_characters_against_the_brief_length() {
    let root = open_editor().await;
    enter(&find(&root, "#f-plenary-content"), "𠮷野家で①②", &input_event(false));
    // 6 characters, though 7 UTF-16 units.
    until("6 characters counted", || text(&root, "#f-plenary-content-chars") == "6／300文字").await;
}

#[wasm_bindgen_test]
async fn typed_text_is_counted_at_once_and_reaches_the_store_after_it_is_shown() {
    // Typed the moment the form is editable, before a frame has passed.
    let root = open_editor().await;
    enter(&find(&root, "#f-plenary-content"), "協議した", &input_event(false));
    assert_eq!(text(&root, "#f-plenary-content-chars"), "4／300文字", "the count follows the keystroke itself");
    until_stored("協議した").await;
}

#[wasm_bindgen_test]
async fn a_count_shows_text_that_reached_the_store_without_a_keystroke() {
    // The keystroke writes the count itself; text the store gets otherwise (here a field
    // left with no input event, as some drivers send) must be counted by the render.
    let root = open_editor().await;
    let area: HtmlTextAreaElement = find(&root, "#f-plenary-content");
    enter(&area, "協議した", &input_event(false));
    until("the typed text counted", || text(&root, "#f-plenary-content-chars") == "4／300文字").await;
    enter(&area, "協議", &event("blur"));
    until("the text left counted", || text(&root, "#f-plenary-content-chars") == "2／300文字").await;
}

#[wasm_bindgen_test]
async fn a_count_over_the_brief_length_is_marked_at_once_and_unmarked_below_it() {
    let root = open_editor().await;
    let area: HtmlTextAreaElement = find(&root, "#f-plenary-content");
    let count: Element = find(&root, "#f-plenary-content-chars");
    enter(&area, &"あ".repeat(301), &input_event(false));
    assert_eq!(count.class_name(), "char-count char-count-over", "over as typed");
    until_stored(&"あ".repeat(301)).await;
    assert_eq!(count.class_name(), "char-count char-count-over", "and still over after the store has the text");
    enter(&area, &"あ".repeat(300), &input_event(false));
    assert_eq!((text(&root, "#f-plenary-content-chars"), count.class_name()), ("300／300文字".to_string(), "char-count".to_string()));
}

#[wasm_bindgen_test]
async fn text_under_composition_is_not_taken_until_the_composition_ends() {
    let root = open_editor().await;
    let area: HtmlTextAreaElement = find(&root, "#f-plenary-content");
    area.dispatch_event(&event("compositionstart")).unwrap();
    enter(&area, "ぎだい", &input_event(true));
    next_frame().await;
    next_frame().await;
    assert_eq!(text(&root, "#f-plenary-content-chars"), "0／300文字", "nothing taken mid-composition");
    assert_eq!(area.value(), "ぎだい", "and nothing written back into the field");
    enter(&area, "議題", &event("compositionend"));
    until("the composed text taken", || text(&root, "#f-plenary-content-chars") == "2／300文字").await;
    assert_eq!(area.value(), "議題");
}

#[wasm_bindgen_test]
async fn a_count_is_normalised_when_left_and_kept_when_it_does_not_parse() {
    let root = open_editor().await;
    let count: HtmlInputElement = find(&root, "#f-steering-count");
    enter(&count, "１２回", &input_event(false));
    next_frame().await;
    next_frame().await;
    assert_eq!(count.value(), "１２回", "not while typing");
    count.dispatch_event(&event("blur")).unwrap();
    until("normalised on leaving", || count.value() == "12").await;
    enter(&count, "十二", &input_event(false));
    count.dispatch_event(&event("blur")).unwrap();
    until("marked invalid", || count.get_attribute("aria-invalid").as_deref() == Some("true")).await;
    assert_eq!(count.value(), "十二");
}
