//! 「○実施状況」: the four fixed bodies, the project teams, the other activities,
//! and the parts (内訳) of a body, in the form's order.

use torikumi_core::edit::Place;
use torikumi_core::fields::{item_prefix, part_cell_label, part_prefix, row_cell_label};
use torikumi_core::{BodyKind, Cell, Field, ListKind, Row, RowId};
use yew::prelude::*;

use super::comments::{note, notes, NoteProps};
use super::form_field::{FormField, FormFieldProps, Kind};
use torikumi_core::comments::Anchor;
use super::findings::Findings;
use torikumi_core::editor::{Action, EditorState, MoveDir};
use torikumi_core::fields::{add_button_dom_id, list_heading_dom_id, move_button_dom_id};

use crate::editor_store::EditorDispatch;

/// Everything a part of the table needs from the editor.
pub struct TableCtx<'a> {
    pub state: &'a EditorState,
    pub findings: &'a Findings,
    pub dispatch: &'a EditorDispatch,
    /// 「前年度を表示」 is on.
    pub show_previous: bool,
}

// The cards below are components whose props are plain data: on a keystroke only the card
// whose text or findings changed renders again; the others are compared and left (issue 11).

/// A body of the form (全体協議会 …): its three fields and its parts.
#[derive(Properties, PartialEq)]
struct BodyCardProps {
    kind: BodyKind,
    fields: [FormFieldProps; 3],
    /// The city's comments on the body's row and its three fields.
    notes: Vec<NoteProps>,
    parts: Vec<RowCardProps>,
    add: AddButton,
}

/// A team, activity or part: its three fields and its move/remove buttons.
#[derive(Properties, PartialEq, Clone)]
struct RowCardProps {
    place: Place,
    index: usize,
    len: usize,
    id: RowId,
    fields: [FormFieldProps; 3],
    /// The city's comments on the row and its fields.
    notes: Vec<NoteProps>,
    locked: bool,
    dispatch: EditorDispatch,
}

/// 「＋ …を追加」 under a list or a body's parts.
#[derive(PartialEq)]
struct AddButton {
    place: Place,
    label: String,
    disabled: bool,
    dispatch: EditorDispatch,
}

impl TableCtx<'_> {
    fn brief(&self) -> usize {
        self.state.config.brief_length
    }

    /// A text field of the form, with its value and shown findings.
    fn field(&self, field: Field, label: &'static str, kind: Kind, required: Option<bool>, support: Option<&'static str>) -> FormFieldProps {
        let report = self.state.report();
        FormFieldProps {
            field,
            label: label.into(),
            name: field.accessible_name(report).unwrap_or_default().into(),
            kind,
            required,
            support: support.map(AttrValue::from),
            value: report.text(field).unwrap_or_default().into(),
            findings: self.findings.shown(field),
            dispatch: self.dispatch.clone(),
            readonly: self.state.locked(),
            previous: self.show_previous.then(|| self.state.previous_text(field)).flatten().map(AttrValue::from),
        }
    }

    /// The heading of the table and all its rows.
    pub fn view(&self) -> Html {
        html! {
            <section class="block" aria-labelledby="counts-heading">
                <h2 id="counts-heading" class="block-title">{ self.state.report().counts_heading() }</h2>
                <p class="support">{ "会議ごとに、年間実施予定回数と主な内容・議題等を簡潔に記載してください。開催しない場合は回数を0、内容を「なし」とします。" }</p>
                { self.body(BodyKind::Plenary) }
                { self.body(BodyKind::Network) }
                { self.body(BodyKind::Liaison) }
                { self.list(ListKind::Teams) }
                { self.body(BodyKind::Steering) }
                { self.list(ListKind::Activities) }
            </section>
        }
    }

    fn body(&self, kind: BodyKind) -> Html {
        let body = self.state.report().body(kind);
        let content_required = body.count.as_ref().and_then(|c| c.value().ok()).map(|n| n > 0);
        let place = Place::Parts(kind);
        let fields = [
            self.field(Field::Body(kind, Cell::LocalName), "区での呼称", Kind::Line, Some(false),
                Some("区で独自の呼び方がある場合に記載します（例：サポネットあおばのつどい）。")),
            self.field(Field::Body(kind, Cell::Count), "年間実施予定回数", Kind::Count, Some(true),
                Some("数字で入力します（例：12）。開催しない場合は0。")),
            self.field(Field::Body(kind, Cell::Content), "主な内容・議題等", Kind::Brief(self.brief()), content_required, None),
        ];
        let add = self.add_button(place, format!("{} 内訳を追加", kind.short_name()));
        let notes = self.notes(|a| matches!(a, Anchor::Body(k) | Anchor::Field(Field::Body(k, _)) if *k == kind));
        html! { <BodyCard {kind} {fields} {notes} parts={self.rows(place, &body.parts)} {add} /> }
    }

    fn list(&self, kind: ListKind) -> Html {
        let rows = self.state.report().list(kind);
        let place = Place::List(kind);
        let id = list_heading_dom_id(kind);
        html! {
            <section class="list-block" aria-labelledby={id.clone()}>
                <h3 class="list-title" {id}>{ kind.heading() }</h3>
                if rows.is_empty() {
                    <p class="support">{ "ありません（印刷では「なし」と表示されます）。" }</p>
                }
                { for self.rows(place, rows).into_iter().map(|row| {
                    let key = row.id.0.to_string();
                    html! { <RowCard {key} ..row /> }
                }) }
                { add_button(&self.add_button(place, format!("{}を追加", kind.short_name()))) }
            </section>
        }
    }

    /// The cards of a list or of a body's parts.
    fn rows(&self, place: Place, rows: &[Row]) -> Vec<RowCardProps> {
        let part = matches!(place, Place::Parts(_));
        let (count_label, content_label) =
            if part { (part_cell_label(Cell::Count), part_cell_label(Cell::Content)) } else { (row_cell_label(Cell::Count), row_cell_label(Cell::Content)) };
        rows.iter()
            .enumerate()
            .map(|(index, row)| {
                let f = |cell| place.field(row.id, cell);
                let content_required = row.count.as_ref().and_then(|c| c.value().ok()).map(|n| n > 0 && !part);
                RowCardProps {
                    place,
                    index,
                    len: rows.len(),
                    id: row.id,
                    notes: self.notes(|a| match *a {
                        Anchor::Row(p, id) => p == place && id == row.id,
                        Anchor::Field(f) => [Cell::Name, Cell::Count, Cell::Content].iter().any(|c| f == place.field(row.id, *c)),
                        _ => false,
                    }),
                    fields: [
                        self.field(f(Cell::Name), "名称", Kind::Line, Some(true), None),
                        self.field(f(Cell::Count), count_label, Kind::Count, Some(true), None),
                        self.field(f(Cell::Content), content_label, Kind::Brief(self.brief()), content_required, None),
                    ],
                    locked: self.state.locked(),
                    dispatch: self.dispatch.clone(),
                }
            })
            .collect()
    }

    fn notes(&self, pick: impl Fn(&Anchor) -> bool) -> Vec<NoteProps> {
        if self.state.report().comments.is_empty() {
            return Vec::new();
        }
        notes(self.state, self.findings, self.dispatch, pick)
    }

    fn add_button(&self, place: Place, label: String) -> AddButton {
        AddButton {
            place,
            label,
            disabled: self.state.locked() || place.rows(self.state.report()).len() >= torikumi_core::limits::MAX_ROWS,
            dispatch: self.dispatch.clone(),
        }
    }
}

/// The city's comments on the whole row, then the three fields of a card, each
/// followed by the comments on it: one flat list in which every child is keyed (a
/// field by its element id, a comment by its id), so a comment coming or going never
/// makes Yew re-create a field (and lose its caret or an IME composition), and no
/// element is added when there are no comments.
fn card_fields(fields: &[FormFieldProps; 3], notes: &[NoteProps]) -> Html {
    let on_row = notes.iter().filter(|n| matches!(n.comment.anchor, Anchor::Row(..) | Anchor::Body(_))).map(note);
    let fields = fields.iter().flat_map(|f| {
        let on_field = notes.iter().filter(|n| n.comment.anchor == Anchor::Field(f.field)).map(note);
        std::iter::once(html! { <FormField key={f.field.dom_id()} ..f.clone() /> }).chain(on_field)
    });
    on_row.chain(fields).collect()
}

#[function_component(BodyCard)]
fn body_card(props: &BodyCardProps) -> Html {
    let kind = props.kind;
    let heading_id = format!("h-{}", Field::Body(kind, Cell::Count).dom_id());
    html! {
        <section class="row-card body-card" aria-labelledby={heading_id.clone()}>
            <h3 class="row-title" id={heading_id}>{ kind.heading() }</h3>
            { card_fields(&props.fields, &props.notes) }
            <div class="parts">
                <h4 class="parts-title">{ "内訳" }<span class="tag tag-optional">{ "任意" }</span></h4>
                { for props.parts.iter().map(|row| html! { <RowCard key={row.id.0.to_string()} ..row.clone() /> }) }
                { add_button(&props.add) }
            </div>
        </section>
    }
}

#[function_component(RowCard)]
fn row_card(props: &RowCardProps) -> Html {
    let RowCardProps { place, index, len, id, locked, .. } = *props;
    let part = matches!(place, Place::Parts(_));
    let title = match place {
        Place::List(kind) => item_prefix(kind, index + 1),
        Place::Parts(body) => part_prefix(body, index + 1),
    };
    // aria-disabled, not disabled: the button keeps focus after its row reaches the end.
    let button = |dir: MoveDir, text: &'static str, word: &'static str, at_end: bool| {
        let dispatch = props.dispatch.clone();
        let onclick = Callback::from(move |_| dispatch.dispatch(Action::MoveRow(place, id, dir)));
        html! {
            <button type="button" class="button button-small" id={move_button_dom_id(place, id, dir == MoveDir::Up)}
                aria-label={format!("{title}を{word}")} aria-disabled={at_end.then_some("true")}
                disabled={locked} {onclick}>{ text }</button>
        }
    };
    let remove = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::RemoveRow(place, id)))
    };
    let title_display = if part { format!("内訳{}", index + 1) } else { title.clone() };
    html! {
        <div class={if part { "row-card part-card" } else { "row-card" }}>
            <div class="row-head">
                <h4 class="row-title">{ title_display }</h4>
                <div class="row-actions">
                    { button(MoveDir::Up, "↑ 上へ", "上へ", index == 0) }
                    { button(MoveDir::Down, "↓ 下へ", "下へ", index + 1 == len) }
                    <button type="button" class="button button-small button-danger"
                        aria-label={format!("{title}を削除")} disabled={locked} onclick={remove}>{ "削除" }</button>
                </div>
            </div>
            { card_fields(&props.fields, &props.notes) }
        </div>
    }
}

fn add_button(add: &AddButton) -> Html {
    let (dispatch, place) = (add.dispatch.clone(), add.place);
    let onclick = Callback::from(move |_| dispatch.dispatch(Action::AddRow(place)));
    html! {
        <button type="button" class="button button-add" id={add_button_dom_id(place)} disabled={add.disabled} {onclick}>
            <span aria-hidden="true">{ "＋ " }</span>{ &add.label }
        </button>
    }
}
