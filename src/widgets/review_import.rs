//! 「読み込む」 with the city's review file: which draft it goes into, said before
//! anything is written (and whether the city wrote it on other content than the
//! draft holds now); then the comments are merged into the draft as stored now,
//! and the draft opens with them beside their fields.

use torikumi_core::comments::file::Review;
use torikumi_core::drafts::lifecycle;
use torikumi_core::drafts::Draft;
use torikumi_core::messages;
use yew::prelude::*;

use super::button::button;
use crate::editor_store::now;
use crate::platform::announce::announce;
use crate::platform::local_storage::LocalStorage;
use crate::route::{go, Route};

/// A review file read, and the draft it is about.
#[derive(Clone, PartialEq)]
pub struct PendingReview {
    pub review: Review,
    pub draft: Draft,
}

impl PendingReview {
    /// The review's draft in storage now, or the message to show when there is none.
    pub fn find(file_name: &str, review: Review) -> Result<PendingReview, String> {
        match lifecycle::review_target(&LocalStorage, &review) {
            Ok(Some(draft)) => Ok(PendingReview { review, draft }),
            Ok(None) => Err(messages::review_without_draft(file_name, &review)),
            Err(e) => Err(messages::draft_error(&e)),
        }
    }
}

/// The question before a review file is read (a function, not a component: it holds no state).
pub struct ReviewImport {
    pub pending: PendingReview,
    /// Done or cancelled: the question goes.
    pub on_close: Callback<()>,
    /// The comments could not be stored: what to say.
    pub on_error: Callback<String>,
}

pub fn review_import(props: &ReviewImport) -> Html {
    let PendingReview { review, draft } = &props.pending;
    let read = {
        let (pending, on_close, on_error) = (props.pending.clone(), props.on_close.clone(), props.on_error.clone());
        Callback::from(move |_: MouseEvent| {
            on_close.emit(());
            match lifecycle::read_review(&LocalStorage, &pending.draft.id, &pending.review, now()) {
                Ok((draft, merged)) => {
                    announce(&messages::review_read(&pending.review, &merged));
                    go(&Route::Draft(draft.id));
                }
                Err(e) => on_error.emit(messages::draft_error(&e)),
            }
        })
    };
    let cancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    html! {
        <div class="notice notice-info" role="alert">
            <p>{ format!("{}の下書き（最終更新 {}）に、市からの指摘{}件を読み込みます。",
                draft.document.report.title(), draft.document.changed.display_ja(), review.comments.len()) }</p>
            if review.made_on_other_content(&draft.document.report) {
                <p><strong>{ messages::review_on_other_content(review) }</strong></p>
            }
            <div class="start-actions">
                { button("button button-primary", "読み込んで開く", read) }
                { button("button", "やめる", cancel) }
            </div>
        </div>
    }
}
