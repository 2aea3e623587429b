//! 「確認する」: one ward's report read-only, laid out as the editor, where the
//! city adds a 指摘 to any field, row or the whole report, edits or removes its
//! own, sees the ward's replies, and writes the review file for the ward.

use std::rc::Rc;

use torikumi_core::bundle::Entry;
use torikumi_core::comments::file::Review;
use torikumi_core::comments::{Anchor, Comment, CommentId};
use torikumi_core::messages;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::button::button;
use crate::editor_store::now;
use crate::hooks::bundle_set::BundleHandle;
use crate::platform::files::download;
use crate::widgets::summary::focus_by_id;
use crate::widgets::alert::error_alert;
use crate::widgets::help_link::help_link;
use torikumi_core::messages::help::Topic;

#[derive(Properties, PartialEq)]
pub struct BundleReviewProps {
    pub bundle: BundleHandle,
    pub entry: Entry,
    /// Another tab took the report out of the set: it shows as it was, and nothing is saved.
    pub gone: bool,
    pub on_close: Callback<()>,
}

/// What the city is writing: a new comment on an anchor, or a new text for one of its own.
#[derive(Clone, Copy, PartialEq)]
enum Writing {
    New(Anchor),
    Edit(CommentId),
}

/// 「指摘を追加」's element id for an anchor: focus comes back to it.
fn add_id(anchor: Anchor) -> String {
    format!("add-comment-{}", anchor.key())
}

/// A comment's 「編集」: focus comes back to it after editing.
fn edit_id(comment: CommentId) -> String {
    format!("edit-comment-{}", comment.0)
}

impl Writing {
    /// Where focus goes when the box closes: the button that opened it.
    fn opener(self) -> String {
        match self {
            Writing::New(anchor) => add_id(anchor),
            Writing::Edit(c) => edit_id(c),
        }
    }
}

#[function_component(BundleReview)]
pub fn bundle_review(props: &BundleReviewProps) -> Html {
    let writing = use_state(|| None::<Writing>);
    let message = use_state(Option::<String>::default);
    let text = use_node_ref();
    // Focus after the next render: back on the button that opened a box that closed, or
    // on 「指摘を追加」 where a removed comment was (its element is gone).
    let focus_next = use_mut_ref(Option::<String>::default);
    {
        let focus_next = focus_next.clone();
        use_effect(move || {
            if let Some(id) = focus_next.borrow_mut().take() {
                focus_by_id(&id);
            }
        });
    }
    // The box to write in gets its text once, when it opens, and the focus (keyboard users
    // are already there). It is never written again: the browser owns what is typed, through
    // an IME composition and through re-renders when another tab changes the set.
    {
        let (text, comments) = (text.clone(), props.entry.document.report.comments.clone());
        use_effect_with(*writing, move |w| {
            let Some(w) = *w else { return };
            if let Some(area) = text.cast::<HtmlTextAreaElement>() {
                let initial = match w {
                    Writing::Edit(c) => comments.iter().find(|x| x.id == c).map(|x| x.text.clone()).unwrap_or_default(),
                    Writing::New(_) => String::new(),
                };
                area.set_value(&initial);
                // Not a write: a box that cannot take focus is still there to click.
                area.focus().ok();
            }
        });
    }
    let entry = &props.entry;
    let report = &entry.document.report;

    // Every change goes to the set as storage holds it now (another tab's changes stay),
    // to the report found there by its file's name and when it was added (entry ids are
    // numbered afresh whenever the stored set is read). Whether the report was still there.
    let change = {
        let (bundle, key) = (props.bundle.clone(), (entry.file_name.clone(), entry.added));
        move |f: Rc<dyn Fn(&mut torikumi_core::Report) -> bool>| -> bool {
            let found = Rc::new(std::cell::Cell::new(false));
            let (found_in, key) = (Rc::clone(&found), key.clone());
            bundle.add(Box::new(move |s| {
                let id = s.entries().iter().find(|e| e.file_name == key.0 && e.added == key.1).map(|e| e.id);
                if let Some(id) = id {
                    found_in.set(true);
                    s.edit_comments(id, |r| f(r));
                }
            }));
            found.get()
        }
    };
    let save = {
        let (writing, text, change, focus_next, message) = (writing.clone(), text.clone(), change.clone(), focus_next.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(w) = *writing else { return };
            let typed = text.cast::<HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default();
            // Nothing typed, or the report gone from the set: the box stays open with its text.
            if typed.trim().is_empty() {
                return message.set(Some(messages::COMMENT_EMPTY.to_owned()));
            }
            let at = now();
            let kept = change(Rc::new(move |r| match w {
                Writing::New(anchor) => r.add_comment(anchor, &typed, at).is_some(),
                Writing::Edit(c) => r.edit_comment(c, &typed),
            }));
            if !kept {
                return message.set(Some(messages::COMMENT_REPORT_GONE.to_owned()));
            }
            message.set(None);
            *focus_next.borrow_mut() = Some(w.opener());
            writing.set(None);
        })
    };
    let cancel = {
        let (writing, focus_next) = (writing.clone(), focus_next.clone());
        Callback::from(move |_: MouseEvent| {
            *focus_next.borrow_mut() = (*writing).map(Writing::opener);
            writing.set(None);
        })
    };
    let start = |w: Writing| {
        let writing = writing.clone();
        Callback::from(move |_: MouseEvent| writing.set(Some(w)))
    };
    let remove = |c: &Comment| {
        let (change, focus_next, id, anchor) = (change.clone(), focus_next.clone(), c.id, c.anchor);
        Callback::from(move |_: MouseEvent| {
            *focus_next.borrow_mut() = Some(add_id(anchor));
            // The report gone from the set: so is the comment.
            change(Rc::new(move |r| r.remove_comment(id)));
        })
    };
    let export = {
        let (document, message) = (entry.document.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            let result = Review::of(&document, now()).map_err(|e| messages::review_error("", &e));
            message.set(match result {
                Ok(review) => download(&review.file_name(), &review.to_json(), "application/json").err().map(|e| messages::file_error(&e)),
                Err(m) => Some(m),
            });
        })
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };

    let editor = |label: &str| {
        html! {
            <div class="comment-writing">
                <label class="label" for="comment-text">{ format!("{label}への指摘") }</label>
                <textarea id="comment-text" class="field field-brief" ref={text.clone()} rows="3"
                    maxlength={torikumi_core::comments::MAX_COMMENT_CHARS.to_string()} />
                <div class="start-actions">
                    { button("button button-primary", "指摘を保存", save.clone()) }
                    { button("button", "やめる", cancel.clone()) }
                </div>
            </div>
        }
    };
    let comment = |number: usize, c: &Comment| {
        let editing = *writing == Some(Writing::Edit(c.id));
        html! {
            <aside class={classes!("comment", c.resolved.then_some("comment-resolved"))} key={c.id.0.to_string()}>
                <p class="comment-head"><span class="comment-tag">{ format!("指摘{number}") }</span>
                    if !c.anchor.is_present(report) { { format!("{}への指摘　", messages::REMOVED_ROW) } }
                    { c.made.display_ja() }
                    if c.resolved { <span class="tag tag-done">{ "対応済み" }</span> }</p>
                if editing {
                    { editor(&format!("指摘{number}")) }
                } else {
                    <p class="comment-text">{ &c.text }</p>
                    if !c.reply.is_empty() {
                        <p class="comment-reply"><strong>{ "区の回答：" }</strong>{ &c.reply }</p>
                    }
                    <div class="row-actions">
                        <button type="button" class="button button-small" id={edit_id(c.id)} aria-label={format!("指摘{number}を編集")} onclick={start(Writing::Edit(c.id))}>{ "編集" }</button>
                        <button type="button" class="button button-small button-danger" aria-label={format!("指摘{number}を削除")} onclick={remove(c)}>{ "削除" }</button>
                    </div>
                }
            </aside>
        }
    };
    let comments_on = |anchor: Anchor| -> Html {
        report.comments.iter().enumerate().filter(|(_, c)| c.anchor == anchor).map(|(i, c)| comment(i + 1, c)).collect()
    };
    let add_button = |anchor: Anchor, label: &str| {
        if *writing == Some(Writing::New(anchor)) {
            return editor(label);
        }
        html! {
            <button type="button" class="button button-small" id={add_id(anchor)} aria-label={format!("{label}に指摘を追加")} onclick={start(Writing::New(anchor))}>{ "指摘を追加" }</button>
        }
    };

    html! {
        <section class="bundle-review" aria-labelledby="review-title">
            <nav class="draft-bar no-print">
                { button("button", "← 読み込んだ報告に戻る", close) }
            </nav>
            <h2 id="review-title" class="report-title">{ format!("{}の確認", report.title()) }</h2>
            <p class="support">{ format!("「{}」。{}。", entry.file_name, messages::comment_tally(report.comment_tally())) }{ help_link(Topic::Review) }</p>
            if props.gone {
                <p class="notice notice-warning" role="alert">{ messages::COMMENT_REPORT_GONE }</p>
            }
            if let Some(m) = &*message {
                { error_alert(m, None) }
            }
            <div class="start-actions">
                <button type="button" class="button button-primary" onclick={export} disabled={report.comments.is_empty()}>{ "指摘を書き出す" }</button>
            </div>
            <section class="block" aria-label={messages::REPORT_COMMENTS}>
                <h3 class="block-title">{ messages::REPORT_COMMENTS }</h3>
                { comments_on(Anchor::Report) }
                { add_button(Anchor::Report, "報告全体") }
                { for report.orphan_comments().map(|(n, c)| comment(n, c)) }
            </section>
            { for report.review_cards().into_iter().map(|card| html! {
                <section class="review-card" key={card.key.clone()} aria-label={card.title.clone()}>
                    <h3 class="row-title">{ &card.title }</h3>
                    if let Some(row) = card.row {
                        { comments_on(row) }
                        { add_button(row, &card.title) }
                    }
                    { for card.fields.iter().map(|line| html! {
                        <div class="form-field review-field" key={line.anchor.key()}>
                            if !line.label.is_empty() {
                                <p class="label">{ &line.label }</p>
                            }
                            <p class="review-value">{ if line.value.is_empty() { "（未入力）" } else { line.value.as_str() } }</p>
                            { comments_on(line.anchor) }
                            { add_button(line.anchor, &line.name) }
                        </div>
                    }) }
                </section>
            }) }
        </section>
    }
}
