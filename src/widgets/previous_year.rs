//! 「前年度を表示」: last year's text under each field and last year's count
//! beside each count, read-only, with 「前年度の内容を使う」 (one undoable edit).

use torikumi_core::editor::Action;
use torikumi_core::Field;
use yew::prelude::*;

use crate::editor_store::EditorDispatch;

/// What a field shows of last year: the text as it was.
pub struct Shown<'a> {
    pub field: Field,
    /// The field's accessible name, so each button says which field it fills.
    pub name: &'a str,
    pub previous: &'a str,
    pub current: &'a str,
    pub count: bool,
    pub editable: bool,
    pub dispatch: &'a EditorDispatch,
}

/// Last year's text (or count) under a field, and the button that fills the field from it.
pub fn previous_year(shown: Shown) -> Html {
    let text = match (shown.previous.is_empty(), shown.count) {
        (true, _) => "（記入なし）".to_owned(),
        (false, true) => format!("{}回", shown.previous),
        (false, false) => shown.previous.to_owned(),
    };
    let fill = (shown.editable && shown.previous != shown.current).then(|| {
        let (dispatch, field) = (shown.dispatch.clone(), shown.field);
        let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::UsePrevious(field)));
        html! {
            <button type="button" class="button button-small" aria-label={format!("{}に前年度の内容を使う", shown.name)} {onclick}>
                { "前年度の内容を使う" }
            </button>
        }
    });
    html! {
        <div class={if shown.count { "previous-year previous-year-count" } else { "previous-year" }} id={format!("{}-previous", shown.field.dom_id())}>
            <span class="previous-label">{ "前年度" }</span>
            <span class="previous-text">{ text }</span>
            { for fill }
        </div>
    }
}
