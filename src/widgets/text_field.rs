//! A text input or text area that is safe with a Japanese IME.
//!
//! The DOM owns the value while the user types: the field is uncontrolled, and
//! the store's value is written back only when it differs from what the field
//! shows (undo, normalising a count, loading a draft), and never while a
//! composition is under way, so the caret never moves and nothing is doubled.
//! Typed text reaches the store after the keystroke is painted (pending_text.rs).

use std::cell::Cell as StdCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use gloo_events::EventListener;
use torikumi_core::limits::{self, Pasted};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;
use crate::app_context::AppContext;

use crate::pending_text::Sender;
use crate::platform::frames;
use crate::hooks::mounted::{dropping, use_mounted};

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The element id (also the target of summary links).
    pub id: AttrValue,
    /// The accessible name, e.g. 「全体協議会 年間実施予定回数」.
    pub name: AttrValue,
    /// The value held by the store.
    pub value: AttrValue,
    #[prop_or_default]
    pub multiline: bool,
    /// Characters the field takes (`maxlength`).
    #[prop_or(limits::MAX_TEXT_CHARS)]
    pub max_chars: usize,
    /// e.g. "numeric" for counts (the IME still works).
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub invalid: bool,
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
    /// The field's own class beside `field` (`field-long`, …).
    pub class: &'static str,
    #[prop_or_default]
    pub readonly: bool,
    /// The text as typed, after each input outside a composition and at its end.
    pub on_text: Callback<String>,
    /// The field was left.
    #[prop_or_default]
    pub on_leave: Callback<()>,
    /// Text was pasted or dropped: how many characters, and how many of them the
    /// field's limit (`maxlength`) cut off (0 when all fitted). The browser cuts
    /// silently; the form says so.
    #[prop_or_default]
    pub on_paste: Callback<Pasted>,
}

/// The UTF-16 units selected in the field (what a paste replaces); read through
/// `Reflect`, which the app binds already, for inputs and text areas alike.
fn selected_units(node: &NodeRef) -> usize {
    let Some(el) = node.get() else { return 0 };
    let at = |name: &str| js_sys::Reflect::get(&el, &name.into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    (at("selectionEnd") - at("selectionStart")).max(0.0) as usize
}

/// The plain text an event carries (`clipboardData` of a paste, `dataTransfer` of a drop).
fn carried_text(event: &Event, holder: &str) -> Option<String> {
    let data = js_sys::Reflect::get(event, &holder.into()).ok().filter(|d| d.is_object())?;
    crate::platform::files::call_method(&data, "getData", &js_sys::Array::of1(&"text/plain".into())).ok()?.as_string()
}

/// The element's current value, for inputs and text areas alike.
fn dom_value(node: &NodeRef) -> Option<String> {
    if let Some(input) = node.cast::<HtmlInputElement>() {
        Some(input.value())
    } else {
        node.cast::<HtmlTextAreaElement>().map(|t| t.value())
    }
}

fn set_dom_value(node: &NodeRef, value: &str) {
    if let Some(input) = node.cast::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = node.cast::<HtmlTextAreaElement>() {
        area.set_value(value);
    }
}

/// Whether the browser sizes text areas to their text itself (CSS `field-sizing: content`,
/// Chromium and Edge): then script sizes only the area typed in (see [`Sizer`]).
fn sizes_itself() -> bool {
    web_sys::css::supports_with_value("field-sizing", "content").unwrap_or(false)
}

/// Text areas grow with their text (CSSOM: no inline style attribute, for the CSP).
///
/// Where CSS sizes them (`field-sizing`), the area typed in still holds an explicit
/// height while it has focus: a text area of fixed height is laid out on its own, while
/// one sized to its text makes each keystroke lay out the page around it (issue 11).
/// Elsewhere script sizes every area. Growing reads the height once and only ever
/// enlarges: a reset to `auto` on each keystroke would lay out the whole page twice.
#[derive(Clone)]
struct Sizer {
    node: NodeRef,
    by_css: bool,
}

impl Sizer {
    fn area(&self) -> Option<HtmlTextAreaElement> {
        self.node.cast::<HtmlTextAreaElement>()
    }

    /// Focus came: hold the height CSS gave.
    fn hold(&self) {
        if let Some(area) = self.area().filter(|_| self.by_css) {
            area.style().set_property("height", &format!("{}px", area.offset_height())).ok();
        }
    }

    /// A keystroke: enlarge the area when its text no longer fits.
    fn grow(&self) {
        if let Some(area) = self.area() {
            let needed = area.scroll_height();
            if needed > area.client_height() {
                let borders = area.offset_height() - area.client_height();
                area.style().set_property("height", &format!("{}px", needed + borders)).ok();
            }
        }
    }

    /// Text set from the store, or the area left: fit it to its text, shrinking too.
    fn fit(&self) {
        let Some(area) = self.area() else { return };
        let style = area.style();
        if self.by_css {
            style.remove_property("height").ok();
            return;
        }
        style.set_property("height", "auto").ok();
        let borders = area.offset_height() - area.client_height();
        style.set_property("height", &format!("{}px", area.scroll_height() + borders)).ok();
    }
}

#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let node = use_node_ref();
    let composing = use_memo((), |_| StdCell::new(false));
    let sizer = Sizer { node: node.clone(), by_css: *use_memo((), |_| sizes_itself()) };

    // Write the store's value into the field only when they differ, no composition is
    // under way, and nothing typed is still on its way to the store: `synced` is the
    // text the field last sent to the store or took from it (a text area is created
    // holding the store's text, through `defaultvalue`; an input empty), and a field
    // that shows other text holds typing the store has not had yet.
    let synced = use_mut_ref(|| if props.multiline { props.value.clone() } else { AttrValue::default() });
    {
        let (node, sizer, synced) = (node.clone(), sizer.clone(), Rc::clone(&synced));
        let composing = Rc::clone(&composing);
        let mounted = use_mut_ref(bool::default);
        use_effect_with(props.value.clone(), move |value| {
            let first = !mounted.replace(true);
            let shown = dom_value(&node);
            let typed = shown.as_deref() != Some(synced.borrow().as_str());
            if shown.as_deref() == Some(value.as_str()) {
                *synced.borrow_mut() = value.clone();
            } else if !composing.get() && !typed {
                set_dom_value(&node, value);
                *synced.borrow_mut() = value.clone();
                sizer.fit();
                return;
            }
            if first {
                sizer.fit();
            }
        });
    }

    // The latest callback, for listeners attached once.
    let on_text = use_mut_ref(|| props.on_text.clone());
    *on_text.borrow_mut() = props.on_text.clone();
    // Sends the field's text as it is now; one for the field's life, so the text it
    // leaves waiting is known again (pending_text.rs).
    let send: Sender = {
        let (node, synced) = (node.clone(), Rc::clone(&synced));
        (*use_memo((), move |_| -> Sender {
            Rc::new(move || {
                if let Some(v) = dom_value(&node) {
                    *synced.borrow_mut() = AttrValue::from(v.clone());
                    let callback = on_text.borrow().clone();
                    callback.emit(v);
                }
            })
        }))
        .clone()
    };
    // Without the app around it (a component test) the text is sent at once.
    let pending = use_context::<AppContext>().map(|app| app.guard.typed);
    let oninput = {
        let (composing, send, sizer, pending) = (Rc::clone(&composing), Rc::clone(&send), sizer.clone(), pending.clone());
        Callback::from(move |e: InputEvent| {
            // Inside a composition the text is not final: wait for compositionend.
            if e.is_composing() || composing.get() {
                return;
            }
            // Measured in the frame, where the page is laid out anyway, not here.
            let sizer = sizer.clone();
            frames::in_next_frame(move || sizer.grow());
            match &pending {
                Some(pending) => pending.wait(&send),
                None => send(),
            }
        })
    };
    // Whatever waits goes first when the field is left or a composition starts.
    let send_waiting = move || {
        if let Some(pending) = &pending {
            pending.send();
        }
    };
    // Yew has no composition listeners: attach them to the element directly.
    {
        let (node, sizer, send_waiting, send) = (node.clone(), sizer.clone(), send_waiting.clone(), Rc::clone(&send));
        let composing = Rc::clone(&composing);
        use_mounted(Box::new(move || {
            let listeners = node.get().map(|el| {
                let start = {
                    let composing = Rc::clone(&composing);
                    EventListener::new(&el, "compositionstart", move |_| {
                        send_waiting();
                        composing.set(true)
                    })
                };
                let end = EventListener::new(&el, "compositionend", move |_| {
                    composing.set(false);
                    send();
                    sizer.grow();
                });
                (start, end)
            });
            dropping(listeners)
        }));
    }
    let onfocus = {
        let sizer = sizer.clone();
        Callback::from(move |_: FocusEvent| sizer.hold())
    };
    let onblur = {
        let (on_leave, node, send) = (props.on_leave.clone(), node.clone(), Rc::clone(&send));
        Callback::from(move |_: FocusEvent| {
            send_waiting();
            // Leaving a field hands the store any text it was not sent: an input event a
            // browser or driver left out loses nothing either.
            if dom_value(&node).as_deref() != Some(synced.borrow().as_str()) {
                send();
            }
            // Text deleted while typing leaves the area tall: it shrinks to its text when left.
            sizer.fit();
            on_leave.emit(())
        })
    };
    let onkeydown = Callback::from(|e: KeyboardEvent| {
        // Enter that confirms a conversion must do nothing else.
        if e.is_composing() || e.key_code() == 229 {
            e.stop_propagation();
        }
    });

    // Text pasted or dropped: the browser cuts what passes `maxlength` without a word.
    let max_chars = props.max_chars;
    let on_carried = |holder: &'static str, whole_value: bool| {
        let (node, on_paste) = (node.clone(), props.on_paste.clone());
        move |e: Event| {
            let Some(text) = carried_text(&e, holder) else { return };
            let value = dom_value(&node).unwrap_or_default();
            // A drop lands at the pointer, replacing nothing; a paste replaces the selection.
            let selected = if whole_value { 0 } else { selected_units(&node) };
            on_paste.emit(limits::pasted(max_chars, &value, selected, &text));
        }
    };
    let onpaste = Callback::from(on_carried("clipboardData", false));
    let ondrop = {
        let carried = on_carried("dataTransfer", true);
        Callback::from(move |e: DragEvent| carried(e.into()))
    };

    let invalid = props.invalid.then_some("true");
    // No field takes more than the core stores: a longer text would not read back.
    // (`maxlength` counts UTF-16 units, never fewer than characters.)
    let max_length = props.max_chars.to_string();
    // One string, not `classes!`, which compiles a push into Yew's class set for each part.
    let mut class = format!("field {}", props.class);
    if props.invalid {
        class.push_str(" field-invalid");
    }
    if props.multiline {
        html! {
            // The text is there from creation (defaultvalue); later changes come through the effect above.
            <textarea ref={node} id={props.id.clone()} class={class} aria-label={props.name.clone()}
                defaultvalue={props.value.clone()}
                aria-invalid={invalid} aria-describedby={props.describedby.clone()} rows="3" maxlength={max_length.clone()}
                readonly={props.readonly}
                {oninput} {onfocus} {onblur} {onkeydown} {onpaste} {ondrop} />
        }
    } else {
        html! {
            <input ref={node} type="text" id={props.id.clone()} class={class} aria-label={props.name.clone()}
                aria-invalid={invalid} aria-describedby={props.describedby.clone()}
                inputmode={props.inputmode.clone()} readonly={props.readonly} autocomplete="off" maxlength={max_length}
                {oninput} {onblur} {onkeydown} {onpaste} {ondrop} />
        }
    }
}

/// Whether an event's target is a text field (where the browser's own undo applies).
pub fn in_text_field(target: Option<web_sys::EventTarget>) -> bool {
    target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.closest("[contenteditable]").ok().flatten().is_some()
    })
}
