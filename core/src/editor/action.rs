//! What components ask of the editor's store ([`Action`]), and the small
//! types actions carry: the clock, a stored draft's marks, focus requests.

use crate::comments::CommentId;
use crate::drafts::Draft;
use crate::edit::{Edit, Place};
use crate::{Field, RowId, Timestamp};

/// Where the time comes from: the browser's clock in the app, a fixed one in tests.
#[derive(Clone, Copy)]
pub struct Clock(pub fn() -> Timestamp);

impl Clock {
    pub fn now(&self) -> Timestamp {
        (self.0)()
    }
}

/// The clock is where the state gets the time, not part of the state.
impl PartialEq for Clock {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Clock")
    }
}

/// What components ask of the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Edit(Edit),
    /// The user left a field: its findings show from now on (counts are normalised).
    Leave(Field),
    AddRow(Place),
    RemoveRow(Place, RowId),
    MoveRow(Place, RowId, MoveDir),
    Undo,
    Redo,
    /// 「完成にする」: finish when nothing is left to look at; with errors, show every
    /// finding; with warnings only, show them and ask.
    Finish,
    /// 「このまま完成にする」: finish with the warnings that were shown.
    ConfirmFinish,
    /// 「戻って直す」: not now; the warnings stay listed.
    CancelFinish,
    /// Show every finding (a finished report's warnings, one click away).
    ShowFindings,
    /// 「『鶴ヶ谷』に統一」: every spelling of the word `key` becomes `to`, as one undoable edit.
    Unify { key: String, to: String },
    /// 「編集を再開」: a finished report becomes a draft again.
    Reopen,
    /// What storage holds now replaces what is shown: another tab's version, an
    /// earlier version restored, the draft taken over.
    Replace(Box<Draft>),
    /// This draft was written to storage (by this tab, or its marks by another):
    /// the revision and marks storage holds now. The text shown stays as it is.
    Stored(Stored),
    /// Whether this tab may edit (another tab may hold the draft).
    ReadOnly(bool),
    /// The draft was exported now.
    Exported(Timestamp),
    /// 「前年度の内容を使う」: the field gets last year's text, as one undoable edit.
    UsePrevious(Field),
    /// 「対応済みにする」 (or back): a 指摘's mark, as one undoable edit.
    Resolve(CommentId, bool),
}

/// A stored draft's revision and marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub revision: u64,
    pub exported: Option<Timestamp>,
    pub trashed: Option<Timestamp>,
}

impl Stored {
    pub fn of(draft: &Draft) -> Self {
        Stored { revision: draft.revision, exported: draft.exported, trashed: draft.trashed }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveDir {
    Up,
    Down,
}

/// A request to move focus to an element, by id, after the next render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusRequest {
    pub id: String,
    /// Changes on every request, so asking twice for the same element works.
    pub serial: u32,
    /// Only when focus was lost (its element removed): undo and redo leave focus where the user has it.
    pub only_if_lost: bool,
}
