//! The city's 指摘 beside what they point at, like a comment in Word: each with
//! the ward's short reply and 「対応済みにする」. A comment on the whole report, on
//! the report's basics, or on a row the ward removed shows at the top.

use torikumi_core::comments::{Anchor, Comment};
use torikumi_core::editor::{Action, EditorState};
use torikumi_core::{messages, Field};
use yew::prelude::*;

use super::findings::Findings;
use super::help_link::help_link;
use torikumi_core::messages::help::Topic;
use super::form_field::{FormField, Kind};
use crate::editor_store::EditorDispatch;

/// One comment as the editor shows it.
#[derive(PartialEq, Clone)]
pub struct NoteProps {
    /// Its number in the report (指摘1, 指摘2 …), the order the city wrote them.
    pub number: usize,
    pub comment: Comment,
    /// What it points at, in the editor's words (「プロジェクトチーム2 主な内容・議題等」).
    pub on: AttrValue,
    pub locked: bool,
    pub findings: Vec<super::form_field::Shown>,
    pub dispatch: EditorDispatch,
}

/// The comments of the report whose anchor `pick` takes, in the city's order.
pub fn notes(state: &EditorState, findings: &Findings, dispatch: &EditorDispatch, pick: impl Fn(&Anchor) -> bool) -> Vec<NoteProps> {
    let report = state.report();
    report
        .comments
        .iter()
        .enumerate()
        .filter(|(_, c)| pick(&c.anchor))
        .map(|(i, c)| NoteProps {
            number: i + 1,
            comment: c.clone(),
            on: c.anchor.label(report).unwrap_or_else(|| messages::REMOVED_ROW.to_owned()).into(),
            locked: state.locked(),
            findings: findings.shown(Field::Reply(c.id)),
            dispatch: dispatch.clone(),
        })
        .collect()
}

/// The notes of one field, after it.
pub fn field_notes(notes: &[NoteProps], field: Field) -> Html {
    notes.iter().filter(|n| n.comment.anchor == Anchor::Field(field)).map(note).collect()
}

/// Whether a comment shows at the top rather than beside a field of the table or a section.
fn shown_at_top(state: &EditorState, anchor: &Anchor) -> bool {
    match anchor {
        Anchor::Report | Anchor::Field(Field::FiscalYear | Field::Ward | Field::Basis | Field::Projection) => true,
        _ => !anchor.is_present(state.report()),
    }
}

/// 「市からの指摘」 at the top of the editor: the tally, and the comments that have
/// no field of their own to sit beside.
pub fn top_panel(state: &EditorState, findings: &Findings, dispatch: &EditorDispatch) -> Html {
    let report = state.report();
    if report.comments.is_empty() {
        return html! {};
    }
    let top = notes(state, findings, dispatch, |a| shown_at_top(state, a));
    html! {
        <section class="block comments-panel" aria-labelledby="comments-heading">
            <h2 id="comments-heading" class="block-title">{ "市からの指摘" }</h2>
            <p class="support">
                { messages::comment_tally(report.comment_tally()) }
                { "。各指摘は、指している欄のすぐ下に表示しています。対応したら「対応済みにする」を押し、必要なら回答を書いてください。" }
                { help_link(Topic::Review) }
            </p>
            { for top.iter().map(note) }
        </section>
    }
}

/// One comment, keyed by its id (`comment-3`: never a field's key). A function, not a
/// component: it holds no state, and each component type costs the first visit its own code.
pub fn note(props: &NoteProps) -> Html {
    let c = &props.comment;
    let (id, resolved) = (c.id, c.resolved);
    let title = format!("指摘{}", props.number);
    let heading_id = format!("comment-{}", id.0);
    let toggle = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Resolve(id, !resolved)))
    };
    let reply = Field::Reply(id);
    html! {
        <aside key={format!("comment-{}", id.0)} class={if resolved { "comment comment-resolved" } else { "comment" }} aria-labelledby={heading_id.clone()}>
            <p class="comment-head" id={heading_id}>
                <span class="comment-tag">{ &title }</span>
                { format!("{}への市からの指摘（{}）", props.on, c.made.display_ja()) }
                if resolved {
                    <span class="tag tag-done">{ "対応済み" }</span>
                }
            </p>
            <p class="comment-text">{ &c.text }</p>
            <FormField field={reply} label="回答" name={format!("{title}への回答")} kind={Kind::Line} required={Some(false)}
                value={c.reply.clone()} findings={props.findings.clone()} dispatch={props.dispatch.clone()} readonly={props.locked} />
            <button type="button" class="button button-small" aria-pressed={if resolved { "true" } else { "false" }}
                aria-label={format!("{title}を対応済みにする")} disabled={props.locked} onclick={toggle}>
                { if resolved { "対応済み（取り消す）" } else { "対応済みにする" } }
            </button>
        </aside>
    }
}
