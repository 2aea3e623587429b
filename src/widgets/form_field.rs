//! One field as the Digital Agency form pattern lays it out: the label with a
//! 必須/任意 tag, support text, the field, its character count, and its findings
//! below it (errors also set `aria-invalid` and are tied by `aria-describedby`).

use std::cell::Cell as StdCell;
use std::rc::Rc;

use torikumi_core::edit::Edit;
use torikumi_core::editor::Action;
use torikumi_core::limits::Pasted;
use torikumi_core::{messages, Field, Problem, Severity};
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use super::previous_year::previous_year;
use super::text_field::TextField;
use crate::editor_store::EditorDispatch;
use crate::hooks::leave_gate::LeaveGate;
use crate::platform::announce::announce;

/// A finding as a field shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub severity: Severity,
    pub message: String,
    /// A word written more than one way: the spellings it can be unified to.
    pub unify: Option<Unify>,
}

/// 「『鶴ヶ谷』に統一」: the spellings of a word written more than one way.
#[derive(Debug, Clone, PartialEq)]
pub struct Unify {
    pub key: String,
    pub spellings: Vec<String>,
}

impl Unify {
    pub fn of(problem: &Problem) -> Option<Unify> {
        match problem {
            Problem::NotationVariants { key, spellings } => {
                Some(Unify { key: key.clone(), spellings: spellings.iter().map(|(s, _)| s.clone()).collect() })
            }
            _ => None,
        }
    }
}

/// A button per spelling; each replaces every occurrence of the word with that spelling.
pub fn unify_buttons(unify: &Unify, dispatch: &EditorDispatch) -> Html {
    html! {
        <div class="unify-actions">
            { for unify.spellings.iter().map(|spelling| {
                let action = Action::Unify { key: unify.key.clone(), to: spelling.clone() };
                let dispatch = dispatch.clone();
                let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()));
                html! { <button type="button" class="button button-small" {onclick}>{ format!("『{spelling}』に統一") }</button> }
            }) }
        </div>
    }
}

/// What sort of text the field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A one-line name.
    Line,
    /// A count: typed freely, normalised when left.
    Count,
    /// Brief content, with its character count against the brief length.
    Brief(usize),
    /// A long section text.
    Long,
}

#[derive(Properties, PartialEq, Clone)]
pub struct FormFieldProps {
    pub field: Field,
    /// The visible label, e.g. 年間実施予定回数.
    pub label: AttrValue,
    /// The accessible name, e.g. 全体協議会 年間実施予定回数.
    pub name: AttrValue,
    pub kind: Kind,
    /// Some(true): 必須, Some(false): 任意.
    #[prop_or_default]
    pub required: Option<bool>,
    #[prop_or_default]
    pub support: Option<AttrValue>,
    pub value: AttrValue,
    #[prop_or_default]
    pub findings: Vec<Shown>,
    pub dispatch: EditorDispatch,
    /// Another tab edits the draft.
    #[prop_or_default]
    pub readonly: bool,
    /// Last year's text, while 「前年度を表示」 is on (a row added this year has none).
    #[prop_or_default]
    pub previous: Option<AttrValue>,
}

/// The tag beside a label: 必須 or 任意.
pub fn requirement_tag(required: Option<bool>) -> Html {
    match required {
        Some(true) => html! { <span class="tag tag-required">{ "必須" }</span> },
        Some(false) => html! { <span class="tag tag-optional">{ "任意" }</span> },
        None => html! {},
    }
}

/// A finding beside its field: `finding` and the class that colours it by its severity.
fn finding_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "finding finding-error",
        Severity::Warning => "finding finding-warning",
    }
}

/// The class that colours a finding by its severity alone (the summary's items).
pub fn severity_class(severity: Severity) -> &'static str {
    &finding_class(severity)["finding ".len()..]
}

/// The word before a finding, so colour is never the only sign: エラー or 注意.
pub fn severity_tag(severity: Severity) -> Html {
    let word = match severity {
        Severity::Error => "エラー",
        Severity::Warning => "注意",
    };
    html! { <span class="finding-tag">{ word }</span> }
}

/// The findings under a field; `id` is what `aria-describedby` points at.
pub fn findings_list(id: &str, findings: &[Shown]) -> Html {
    if findings.is_empty() {
        return html! {};
    }
    html! {
        <ul class="field-findings" id={id.to_owned()}>
            { for findings.iter().map(|f| html! {
                <li class={finding_class(f.severity)}>{ severity_tag(f.severity) }{ &f.message }</li>
            }) }
        </ul>
    }
}

/// 「12／300文字」: a brief content's count against the brief length.
fn count_text(n: usize, max: usize) -> String {
    format!("{n}／{max}文字")
}

fn count_class(n: usize, max: usize) -> &'static str {
    if n > max {
        "char-count char-count-over"
    } else {
        "char-count"
    }
}

/// A brief content's character count, written by the field itself: on each keystroke at
/// once, and from the store's text when that comes. The store's text arrives after the
/// keystroke, when the count is already shown, and then writes nothing (a second write
/// would lay the count out again in the next frame, issue 11).
#[derive(Clone)]
struct CharCount {
    node: NodeRef,
    max: usize,
    /// The count the element shows.
    shown: Rc<StdCell<Option<usize>>>,
}

impl CharCount {
    fn show(&self, n: usize) {
        let before = self.shown.get();
        if before == Some(n) {
            return;
        }
        let Some(el) = self.node.cast::<Element>() else { return };
        let text = count_text(n, self.max);
        match el.first_child() {
            Some(node) => node.set_node_value(Some(&text)),
            None => el.set_text_content(Some(&text)),
        }
        if before.map(|b| b > self.max) != Some(n > self.max) {
            el.set_class_name(count_class(n, self.max));
        }
        self.shown.set(Some(n));
    }
}

#[function_component(FormField)]
pub fn form_field(props: &FormFieldProps) -> Html {
    let field = props.field;
    let id = field.dom_id();
    let on_text = {
        let dispatch = props.dispatch.clone();
        use_callback(field, move |text: String, field| dispatch.dispatch(Action::Edit(Edit::Text(*field, text))))
    };
    let gate = use_context::<LeaveGate>().unwrap_or_default();
    let on_leave = {
        let dispatch = props.dispatch.clone();
        use_callback(field, move |(), field| gate.leave(*field, &dispatch))
    };

    // Text a paste or drop brought that the field's limit cut off: said beside the field.
    let cut = use_state(|| None::<Pasted>);
    let on_paste = {
        let cut = cut.clone();
        Callback::from(move |p: Pasted| {
            if p.cut > 0 {
                announce(&messages::paste_cut(p.chars, p.cut));
            }
            cut.set((p.cut > 0).then_some(p));
        })
    };
    let cut_id = format!("{id}-cut");

    let support_id = format!("{id}-support");
    let count_id = format!("{id}-chars");
    let findings_id = format!("{id}-findings");
    let mut described = Vec::new();
    if props.support.is_some() {
        described.push(support_id.clone());
    }
    if !props.findings.is_empty() {
        described.push(findings_id.clone());
    }
    if cut.is_some() {
        described.push(cut_id.clone());
    }
    let max = match props.kind {
        Kind::Brief(max) => Some(max),
        _ => None,
    };
    let (n, limit) = (max.map(|_| props.value.chars().count()), max.unwrap_or_default());
    // The first render writes the count; its text and class in Yew's tree never change
    // after, so Yew never writes them again: the field does (CharCount).
    let first = use_memo((), |_| n.map(|n| (count_text(n, limit), count_class(n, limit))));
    let count = CharCount { node: use_node_ref(), max: limit, shown: use_memo((), |_| StdCell::new(n)) };
    // The store's text, whenever it changes.
    {
        let count = count.clone();
        use_effect_with(n, move |n| {
            if let Some(n) = *n {
                count.show(n);
            }
        });
    }
    let char_count = match &*first {
        Some((text, class)) => {
            described.push(count_id.clone());
            html! { <p ref={count.node.clone()} class={*class} id={count_id}>{ text.clone() }</p> }
        }
        None => html! {},
    };
    // The count follows each keystroke at once: the typed text reaches the store (and this
    // component's props) only after the keystroke is painted (pending_text.rs).
    let oninput = max.map(|_| {
        Callback::from(move |e: InputEvent| {
            if e.is_composing() {
                return;
            }
            if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                count.show(area.value().chars().count());
            }
        })
    });
    let invalid = props.findings.iter().any(|f| f.severity == Severity::Error);
    let (multiline, class, inputmode) = match props.kind {
        Kind::Line => (false, "field-line", None),
        Kind::Count => (false, "field-count", Some(AttrValue::from("numeric"))),
        Kind::Brief(_) => (true, "field-brief", None),
        Kind::Long => (true, "field-long", None),
    };

    html! {
        <div class="form-field">
            <div class="label-row">
                <label for={id.clone()} class="label">{ &props.label }</label>
                { requirement_tag(props.required) }
            </div>
            if let Some(support) = &props.support {
                <p class="support" id={support_id}>{ support }</p>
            }
            // A form of its own: Chromium's autofill re-reads every form control that has no
            // form on each keystroke, which in a report of 20 teams cost more than the rest of
            // the keystroke (issue 11). Nothing is ever submitted.
            <form class={if props.kind == Kind::Count { "field-row field-row-unit" } else { "field-row" }} {oninput}
                onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <TextField id={id.clone()} name={props.name.clone()} value={props.value.clone()} {multiline}
                    {inputmode} {invalid} class={class} readonly={props.readonly} max_chars={torikumi_core::limits::max_chars(field)}
                    describedby={(!described.is_empty()).then(|| AttrValue::from(described.join(" ")))}
                    {on_text} {on_leave} {on_paste} />
                if props.kind == Kind::Count {
                    <span class="unit" aria-hidden="true">{ "回" }</span>
                }
            </form>
            { char_count }
            if let Some(text) = &props.previous {
                { previous_year(super::previous_year::Shown {
                    field, name: &props.name, previous: text, current: &props.value, count: props.kind == Kind::Count,
                    editable: !props.readonly, dispatch: &props.dispatch,
                }) }
            }
            if let Some(p) = *cut {
                <p class="notice notice-warning paste-cut" id={cut_id}>{ messages::paste_cut(p.chars, p.cut) }</p>
            }
            { findings_list(&findings_id, &props.findings) }
            if !props.readonly {
                { for props.findings.iter().filter_map(|f| f.unify.as_ref()).map(|u| unify_buttons(u, &props.dispatch)) }
            }
        </div>
    }
}
