//! The page where staff write a report: the basics, 「○実施状況」, the three
//! sections, the findings summary, and undo/redo of structural edits.

use gloo_events::EventListener;
use torikumi_core::edit::Edit;
use torikumi_core::fiscal::{era_fiscal_year, era_short_year, FIRST_FISCAL_YEAR};
use torikumi_core::{order, Basis, Field, SectionKind};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent as DomKeyboardEvent;
use yew::prelude::*;

use torikumi_core::messages::help::Topic;
use super::button::button;
use super::help_link::help_link;

use super::form_field::{findings_list, requirement_tag, FormField, Kind};
use super::select_field::{marks, select_field, select_value, Marks, SelectField};
use crate::hooks::leave_gate::{use_leave_gate, LeaveGate};
use super::summary::{focus_by_id, Summary};
use super::comments::{field_notes, notes, top_panel};
use torikumi_core::comments::Anchor;
use super::table::TableCtx;
use super::text_field::in_text_field;
use super::findings::Findings;
use torikumi_core::editor::{basis_edit, ward_edit, Action, FINISHED_NOTICE_ID, FINISH_QUESTION_ID};

use crate::editor_store::{EditorDispatch, EditorHandle};
use crate::hooks::mounted::{dropping, use_mounted};

/// Ctrl+Z / Ctrl+Y (Cmd on macOS) undo and redo structural edits, outside text fields.
#[hook]
fn use_undo_keys(dispatch: UseReducerDispatcher<crate::editor_store::EditorStore>) {
    use_mounted(Box::new(move || {
        let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
            EventListener::new(&doc, "keydown", move |e| {
                let Some(e) = e.dyn_ref::<DomKeyboardEvent>() else { return };
                if !(e.ctrl_key() || e.meta_key()) || e.alt_key() || in_text_field(e.target()) {
                    return;
                }
                let action = match (e.key().to_ascii_lowercase().as_str(), e.shift_key()) {
                    ("z", false) => Action::Undo,
                    ("z", true) | ("y", false) => Action::Redo,
                    _ => return,
                };
                e.prevent_default();
                dispatch.dispatch(action);
            })
        });
        dropping(listener)
    }));
}

/// The draft page's notice of a save problem, where the sticky bar's 「対処を見る」 goes.
pub const SAVE_PROBLEM_ID: &str = "save-problem";

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The save status when it needs the clerk (failed, conflict, shown only): kept in
    /// view in the sticky bar, wherever the clerk is in the form.
    pub problem: Option<AttrValue>,
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let store = use_context::<EditorHandle>().expect("the editor is inside the store's provider");
    let dispatch = store.dispatcher();
    use_undo_keys(dispatch.clone());
    let gate = use_leave_gate(dispatch.clone());
    {
        let focus = store.focus.clone();
        use_effect_with(focus, |focus| {
            if let Some(f) = focus {
                if !f.only_if_lost || focus_lost() {
                    focus_by_id(&f.id);
                }
            }
        });
    }

    let findings = Findings::of(&store);
    let report = store.report();
    // 「前年度を表示」: a way of looking, not part of the draft.
    let show_previous = use_state(bool::default);
    let section_notes = notes(&store, &findings, &dispatch, |a| matches!(a, Anchor::Field(Field::Section(_))));
    let table = TableCtx { state: &store, findings: &findings, dispatch: &dispatch, show_previous: *show_previous };
    let on = |action: Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    let finish = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Finish))
    };
    let reopen = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Reopen))
    };
    let finished_at = store.doc.finished.filter(|_| store.doc.status == torikumi_core::Status::Finished);
    let toggle_previous = {
        let show_previous = show_previous.clone();
        Callback::from(move |_: MouseEvent| show_previous.set(!*show_previous))
    };

    html! {
        <ContextProvider<LeaveGate> context={gate.clone()}>
        <div class={if store.locked() { "editor" } else { "editor editable" }}>
            <h1 class="report-title">{ report.title() }</h1>
            <div class="sticky-bar">
            <div class="toolbar" role="toolbar" aria-label="編集">
                <button type="button" class="button" disabled={store.locked() || !store.history.can_undo()} onclick={on(Action::Undo)}
                    aria-keyshortcuts="Control+Z">{ "元に戻す" }</button>
                <button type="button" class="button" disabled={store.locked() || !store.history.can_redo()} onclick={on(Action::Redo)}
                    aria-keyshortcuts="Control+Y">{ "やり直す" }</button>
                if store.previous.is_some() {
                    <button type="button" class="button" aria-pressed={if *show_previous { "true" } else { "false" }}
                        onclick={toggle_previous}>{ "前年度を表示" }</button>
                }
                if finished_at.is_some() {
                    <button type="button" class="button button-primary" disabled={store.read_only} onclick={reopen}>{ "編集を再開" }</button>
                } else {
                    <button type="button" class="button button-primary" disabled={store.locked()} onclick={finish}>{ "完成にする" }</button>
                }
            </div>
            // Not a live region: the notice it points to is the one announced.
            if let Some(problem) = &props.problem {
                <p class="bar-problem no-print">
                    { problem }
                    { button("button button-small", "対処を見る", Callback::from(|_: MouseEvent| focus_by_id(SAVE_PROBLEM_ID))) }
                </p>
            }
            </div>
            if let Some(at) = finished_at {
                <div class="notice notice-ok" id={FINISHED_NOTICE_ID} tabindex="-1" role="status">
                    <p>{ format!("この報告は完成しています（{}）。書き出して提出できます。直すときは「編集を再開」を押してください。", at.display_ja()) }</p>
                    if findings.warnings() > 0 {
                        <p>
                            { format!("この報告には注意が{}件あります。", findings.warnings()) }
                            if !store.show_all {
                                { button("button button-small", "注意を見る", on(Action::ShowFindings)) }
                            }
                        </p>
                    }
                </div>
            }
            if store.finish_asked {
                <div class="notice notice-warning" id={FINISH_QUESTION_ID} tabindex="-1" role="alert">
                    <p>{ format!("注意が{}件あります。このまま完成にしますか？", findings.warnings()) }{ help_link(Topic::Finishing) }</p>
                    <div class="start-actions">
                        { button("button button-primary", "このまま完成にする", on(Action::ConfirmFinish)) }
                        { button("button", "戻って直す", on(Action::CancelFinish)) }
                    </div>
                </div>
            }
            <Summary items={findings.summary(&store)} complete={store.show_all} focus_serial={store.summary_focus}
                dispatch={(!store.locked()).then(|| dispatch.clone())} />
            { top_panel(&store, &findings, &dispatch) }
            { basics(&store, &findings, &dispatch, &gate) }
            { table.view() }
            <section class="block" aria-labelledby="sections-heading">
                <h2 id="sections-heading" class="visually-hidden">{ "本文" }</h2>
                { for SectionKind::ALL.into_iter().map(|kind| {
                    let field = Field::Section(kind);
                    html! {
                        <div class="section-field">
                            <h2 class="block-title">{ kind.heading() }</h2>
                            <FormField key={field.dom_id()} {field} label={kind.short_name()} name={kind.short_name()}
                                kind={Kind::Long} required={Some(true)} value={report.section(kind).to_owned()}
                                findings={findings.shown(field)} dispatch={dispatch.clone()} readonly={store.locked()}
                                previous={show_previous.then(|| store.previous_text(field)).flatten().map(AttrValue::from)} />
                            { field_notes(&section_notes, field) }
                        </div>
                    }
                }) }
            </section>
        </div>
        </ContextProvider<LeaveGate>>
    }
}

/// Whether focus fell back to the page (its element was removed).
fn focus_lost() -> bool {
    let doc = web_sys::window().and_then(|w| w.document());
    let active = doc.as_ref().and_then(|d| d.active_element());
    let body = doc.and_then(|d| d.body());
    match (active, body) {
        // A button that this very render disabled (やり直す at the end of the history)
        // still holds focus until the browser moves it to the body: it is lost too.
        (Some(a), Some(b)) => a == *b || a.has_attribute("disabled"),
        _ => true,
    }
}

/// 年度, 区, 集計の区分 and 見込み時点.
fn basics(store: &EditorHandle, findings: &Findings, dispatch: &EditorDispatch, gate: &LeaveGate) -> Html {
    let report = store.report();
    let current = store.clock.now().fiscal_year();
    let (year_marks, ward_marks, basis_marks) =
        (marks(findings, Field::FiscalYear), marks(findings, Field::Ward), marks(findings, Field::Basis));
    let leave = |field: Field| {
        let (dispatch, gate) = (dispatch.clone(), gate.clone());
        Callback::from(move |_: FocusEvent| gate.leave(field, &dispatch))
    };

    // Years offered: 令和元年度 to next year, plus an imported year outside that range so it is not lost.
    let mut years: Vec<i32> = (FIRST_FISCAL_YEAR..=current + 1).collect();
    if let Some(y) = report.fiscal_year.filter(|y| !years.contains(y)) {
        years.push(y);
        order::sort(&mut years);
    }
    let on_year = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| dispatch.dispatch(Action::Edit(Edit::FiscalYear(select_value(&e).parse().ok()))))
    };
    let on_ward = {
        let dispatch = dispatch.clone();
        let config = store.config.clone();
        Callback::from(move |e: Event| dispatch.dispatch(Action::Edit(ward_edit(&config, &select_value(&e)))))
    };
    let basis_radio = |projected: bool, label: &'static str| {
        let dispatch = dispatch.clone();
        let checked = match report.basis {
            Some(Basis::Actual) => !projected,
            Some(Basis::Projected { .. }) => projected,
            None => false,
        };
        let onchange = Callback::from(move |_: Event| {
            dispatch.dispatch(Action::Edit(basis_edit(projected)));
            dispatch.dispatch(Action::Leave(Field::Basis));
        });
        // The first radio carries the field's id, so summary links land on the group.
        let id = if projected { "f-basis-projected".to_owned() } else { Field::Basis.dom_id() };
        html! {
            <label class="radio" for={id.clone()}>
                <input type="radio" {id} name="basis" {checked} {onchange} disabled={store.locked()}
                    aria-describedby={basis_marks.described.clone()} aria-invalid={basis_marks.invalid} />
                { label }
            </label>
        }
    };
    let projection = match &report.basis {
        Some(Basis::Projected { year, month }) => Some((*year, *month)),
        _ => None,
    };
    let ward_slug = report.ward.as_ref().map(|w| w.slug.clone()).unwrap_or_default();
    let mut wards = store.config.wards.clone();
    if let Some(w) = report.ward.as_ref().filter(|w| !wards.iter().any(|c| c.slug == w.slug)) {
        wards.push(w.clone());
    }

    let year_field = select_field(SelectField {
        field: Field::FiscalYear,
        label: "年度",
        support: None,
        options: years.into_iter().map(|y| (y.to_string(), era_fiscal_year(y))).collect(),
        selected: report.fiscal_year.map(|y| y.to_string()).unwrap_or_default(),
        disabled: store.locked(),
        onchange: on_year,
        onblur: Some(leave(Field::FiscalYear)),
        marks: year_marks,
    });
    let ward_field = select_field(SelectField {
        field: Field::Ward,
        label: "区",
        support: None,
        options: wards.into_iter().map(|w| (w.slug, w.name)).collect(),
        selected: ward_slug,
        disabled: store.locked(),
        onchange: on_ward,
        onblur: Some(leave(Field::Ward)),
        marks: ward_marks,
    });

    html! {
        <section class="block" aria-labelledby="basics-heading">
            <h2 id="basics-heading" class="block-title">{ "基本情報" }</h2>
            <div class="basics">
                { year_field }
                { ward_field }
                <fieldset class="form-field fieldset" aria-labelledby="basis-label">
                    <legend class="label"><span id="basis-label">{ "集計の区分" }</span>{ requirement_tag(Some(true)) }</legend>
                    <p class="support">{ "年度の途中で書く場合は「見込み」を選び、いつの時点の見込みかを選びます。" }</p>
                    <div class="radios">
                        { basis_radio(false, "実績") }
                        { basis_radio(true, "見込み") }
                    </div>
                    { findings_list("f-basis-findings", &basis_marks.shown) }
                </fieldset>
                if let Some((year, month)) = projection {
                    { projection_select(report.fiscal_year, (year, month), dispatch, marks(findings, Field::Projection), store.locked()) }
                }
            </div>
        </section>
    }
}

/// 見込み時点: the twelve months of the fiscal year (and a stored month outside them, so it is not lost).
fn projection_select(
    fiscal_year: Option<i32>,
    (year, month): (Option<i32>, Option<u8>),
    dispatch: &EditorDispatch,
    marks: Marks,
    read_only: bool,
) -> Html {
    let mut months: Vec<(i32, u8)> = fiscal_year
        .map(|fy| (4..=12).map(|m| (fy, m)).chain((1..=3).map(|m| (fy + 1, m))).collect())
        .unwrap_or_default();
    let current = year.zip(month);
    if let Some(ym) = current.filter(|ym| !months.contains(ym)) {
        months.insert(0, ym);
    }
    let onchange = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let value = select_value(&e);
            let (y, m) = value.split_once('-').map_or((None, None), |(y, m)| (y.parse().ok(), m.parse().ok()));
            dispatch.dispatch(Action::Edit(Edit::Projection { year: y, month: m }));
            dispatch.dispatch(Action::Leave(Field::Projection));
        })
    };
    select_field(SelectField {
        field: Field::Projection,
        label: "見込み時点",
        support: Some(if fiscal_year.is_some() { "何月末時点の見込みかを選びます（例：R6.3 は令和6年3月末）。" } else { "先に年度を選んでください。" }),
        options: months.into_iter().map(|(y, m)| (format!("{y}-{m}"), format!("{}.{}（{}年{}月）", era_short_year(y), m, y, m))).collect(),
        selected: current.map(|(y, m)| format!("{y}-{m}")).unwrap_or_default(),
        disabled: read_only,
        onchange,
        onblur: None,
        marks,
    })
}
