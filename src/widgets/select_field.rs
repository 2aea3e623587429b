//! A labelled select of the form (年度, 区, 見込み時点) with its findings: one function, so
//! Yew compiles its markup once rather than once per select.

use torikumi_core::Field;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::findings::Findings;
use super::form_field::{findings_list, requirement_tag, Shown};

/// How a non-text field shows its findings: the list, `aria-invalid`, `aria-describedby`.
pub struct Marks {
    pub shown: Vec<Shown>,
    pub invalid: Option<&'static str>,
    pub described: Option<String>,
}

pub fn marks(findings: &Findings, field: Field) -> Marks {
    let shown = findings.shown(field);
    let invalid = shown.iter().any(|f| f.severity == torikumi_core::Severity::Error).then_some("true");
    let described = (!shown.is_empty()).then(|| format!("{}-findings", field.dom_id()));
    Marks { shown, invalid, described }
}

/// The value of the select that fired an event.
pub fn select_value(e: &Event) -> String {
    e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default()
}

/// A required select: 「選んでください」 (the value "") and then `options` (value, text).
pub struct SelectField {
    pub field: Field,
    pub label: &'static str,
    /// A line under the label, which the select is described by.
    pub support: Option<&'static str>,
    pub options: Vec<(String, String)>,
    /// The value shown as chosen ("" for none).
    pub selected: String,
    pub disabled: bool,
    pub onchange: Callback<Event>,
    pub onblur: Option<Callback<FocusEvent>>,
    pub marks: Marks,
}

pub fn select_field(props: SelectField) -> Html {
    let SelectField { field, label, support, options, selected, disabled, onchange, onblur, marks } = props;
    let id = field.dom_id();
    let support_id = support.map(|_| format!("{id}-support"));
    let described = match (&support_id, marks.described) {
        (Some(s), Some(d)) => Some(format!("{s} {d}")),
        (s, d) => d.or_else(|| s.clone()),
    };
    html! {
        <div class="form-field">
            <div class="label-row"><label for={id.clone()} class="label">{ label }</label>{ requirement_tag(Some(true)) }</div>
            if let Some(text) = support {
                <p class="support" id={support_id}>{ text }</p>
            }
            <select id={id.clone()} class="field field-select" {disabled} {onchange} {onblur}
                aria-invalid={marks.invalid} aria-describedby={described}>
                <option value="" selected={selected.is_empty()}>{ "選んでください" }</option>
                { for options.into_iter().map(|(value, text)| {
                    let chosen = value == selected;
                    html! { <option {value} selected={chosen}>{ text }</option> }
                }) }
            </select>
            { findings_list(&format!("{id}-findings"), &marks.shown) }
        </div>
    }
}
