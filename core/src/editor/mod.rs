//! The open draft as the editor holds it, and the one reducer that changes it.
//! Pure: the time comes from a clock passed in, so every action is tested
//! natively. The app's `use_reducer` store wraps this (`src/editor_store.rs`).
//!
//! What an action does to the report is decided by [`crate::edit`]; this adds
//! what only the editor needs: which fields have been left (their findings
//! show), whether all findings show, where focus goes, and which stored
//! revision the draft was last saved as or loaded from.

use std::collections::HashSet;
use std::rc::Rc;

use crate::drafts::Draft;
use crate::comments::{Comment, CommentChange};
use crate::edit::{BasisChoice, Edit, History, Place, Structure, TextChange, Undone};
use crate::notation;
use crate::fields::{add_button_dom_id, move_button_dom_id};
use crate::{Cell, Config, Document, Field, Finding, Report, RowId, Status};

mod action;
pub use action::{Action, Clock, FocusRequest, MoveDir, Stored};

/// The finished banner, where focus goes once a report is finished.
pub const FINISHED_NOTICE_ID: &str = "finished-notice";
/// The question 「注意がN件あります。このまま完成にしますか？」.
pub const FINISH_QUESTION_ID: &str = "finish-question";

#[derive(Debug, Clone, PartialEq)]
pub struct EditorState {
    pub draft_id: String,
    pub doc: Document,
    /// Last year's report, when the draft was made from it.
    pub previous: Option<Rc<Report>>,
    /// The revision and marks of the stored draft this state was last saved as or loaded from.
    pub stored: Stored,
    pub config: Config,
    /// Another tab edits this draft: this one only shows it.
    pub read_only: bool,
    pub history: History,
    pub left: HashSet<Field>,
    pub show_all: bool,
    pub focus: Option<FocusRequest>,
    /// Bumped when the summary should take focus.
    pub summary_focus: u32,
    /// 完成にする was pressed with warnings left: the question is shown.
    pub finish_asked: bool,
    pub clock: Clock,
}

/// Where focus goes for a row: its first field.
pub fn first_field(place: Place, id: RowId) -> Field {
    place.field(id, Cell::Name)
}

impl EditorState {
    pub fn new(draft: Draft, config: Config, clock: Clock) -> Self {
        EditorState {
            stored: Stored::of(&draft),
            draft_id: draft.id,
            doc: draft.document,
            previous: draft.previous,
            config,
            read_only: true,
            history: History::default(),
            left: HashSet::new(),
            show_all: false,
            focus: None,
            summary_focus: 0,
            finish_asked: false,
            clock,
        }
    }

    pub fn report(&self) -> &Report {
        &self.doc.report
    }

    /// The draft as it is to be stored.
    pub fn draft(&self) -> Draft {
        Draft {
            id: self.draft_id.clone(),
            document: self.doc.clone(),
            exported: self.stored.exported,
            trashed: self.stored.trashed,
            revision: self.stored.revision,
            previous: self.previous.clone(),
        }
    }

    /// What a field held in last year's report; `None` without one, or for a row added this year.
    pub fn previous_text(&self, field: Field) -> Option<String> {
        self.previous.as_ref()?.text(field)
    }

    /// Whether nothing may be edited here: another tab edits, or the report is finished.
    pub fn locked(&self) -> bool {
        self.read_only || self.doc.status == Status::Finished
    }

    /// Every finding of the report now.
    pub fn findings(&self) -> Vec<Finding> {
        let ctx = crate::Context { config: &self.config, current_fiscal_year: self.clock.now().fiscal_year() };
        crate::check(&self.doc.report, &ctx)
    }

    /// Whether the findings of a field are shown.
    pub fn shows(&self, field: &Field) -> bool {
        self.show_all || self.left.contains(field)
    }

    fn focus_on(&mut self, id: String) {
        let serial = self.focus.as_ref().map_or(0, |f| f.serial.wrapping_add(1));
        self.focus = Some(FocusRequest { id, serial, only_if_lost: false });
    }

    /// After a row left a place, focus the row now at its index, else the one above, else the add button.
    fn focus_after_removal(&mut self, place: Place, index: usize) {
        let rows = place.rows(&self.doc.report);
        let target = rows.get(index).or_else(|| index.checked_sub(1).and_then(|i| rows.get(i)));
        let id = match target {
            Some(row) => first_field(place, row.id).dom_id(),
            None => add_button_dom_id(place),
        };
        self.focus_on(id);
    }

    /// Focus after undo/redo: the row if it is there, else where it was.
    fn focus_row_or_place(&mut self, place: Place, id: RowId, index_hint: usize) {
        if place.rows(&self.doc.report).iter().any(|r| r.id == id) {
            self.focus_on(first_field(place, id).dom_id());
        } else {
            self.focus_after_removal(place, index_hint);
        }
    }

    fn structural(&mut self, edit: Structure) -> bool {
        self.history.apply(&mut self.doc.report, edit)
    }

    fn touch(&mut self) {
        // A clock that went back never makes a change read as older than the last one.
        self.doc.changed = self.clock.now().after(self.doc.changed);
    }
}

fn is_count(field: Field) -> bool {
    matches!(field, Field::Body(_, Cell::Count) | Field::Part(_, _, Cell::Count) | Field::Item(_, _, Cell::Count))
}

fn index_of(report: &Report, place: Place, id: RowId) -> Option<usize> {
    place.rows(report).iter().position(|r| r.id == id)
}

impl EditorState {
    /// What `action` makes of this state; `None` when it changes nothing (so nothing re-renders).
    pub fn reduce(&self, action: Action) -> Option<EditorState> {
        // A read-only tab only follows what the editing tab stores; a finished report only reopens.
        // Following storage and looking at findings change no text: allowed when locked too.
        let follows = matches!(
            action,
            Action::Replace(_) | Action::Stored(_) | Action::ReadOnly(_) | Action::Exported(_) | Action::ShowFindings
        );
        if (self.read_only && !follows) || (self.locked() && !follows && action != Action::Reopen) {
            return None;
        }
        let mut s = self.clone();
        let changed = match action {
            Action::Edit(edit) => {
                if !s.doc.report.apply(edit) {
                    return None;
                }
                true
            }
            Action::Leave(field) => {
                let normalised = is_count(field) && s.doc.report.apply(Edit::NormalizeCount(field));
                let newly_left = s.left.insert(field);
                if !normalised && !newly_left {
                    return None;
                }
                normalised
            }
            Action::AddRow(place) => {
                // Never more rows than the core stores (the draft would not read back).
                if place.rows(&s.doc.report).len() >= crate::limits::MAX_ROWS {
                    return None;
                }
                let id = s.doc.report.fresh_id();
                let index = place.rows(&s.doc.report).len();
                let row = crate::Row::empty(id);
                s.structural(Structure::Insert { place, index, row });
                s.focus_on(first_field(place, id).dom_id());
                true
            }
            Action::RemoveRow(place, id) => {
                let index = index_of(&s.doc.report, place, id)?;
                s.structural(Structure::Remove { place, id });
                s.focus_after_removal(place, index);
                true
            }
            Action::MoveRow(place, id, dir) => {
                let index = index_of(&s.doc.report, place, id)?;
                let to = match dir {
                    MoveDir::Up if index > 0 => index - 1,
                    MoveDir::Down => index + 1,
                    MoveDir::Up => return None,
                };
                if !s.structural(Structure::Move { place, id, to }) {
                    return None;
                }
                // Keep focus on the button that was pressed, now on the moved row.
                s.focus_on(move_button_dom_id(place, id, dir == MoveDir::Up));
                true
            }
            Action::Undo | Action::Redo => {
                let before = s.doc.report.clone();
                let step = if action == Action::Undo {
                    s.history.undo(&mut s.doc.report)
                } else {
                    s.history.redo(&mut s.doc.report)
                };
                if let Undone::Row(place, id) = step? {
                    let hint = index_of(&before, place, id).unwrap_or(0);
                    s.focus_row_or_place(place, id, hint);
                    if let Some(f) = s.focus.as_mut() {
                        f.only_if_lost = true;
                    }
                }
                true
            }
            Action::Unify { key, to } => {
                let report = &s.doc.report;
                let changes = notation::unify(report, &key, &to)
                    .into_iter()
                    .filter_map(|(field, text)| Some(TextChange { field, from: report.text(field)?, to: text }))
                    .collect();
                if !s.structural(Structure::Texts(changes)) {
                    return None;
                }
                true
            }
            Action::Finish | Action::ConfirmFinish => {
                let findings = s.findings();
                let asked_and_confirmed = action == Action::ConfirmFinish && s.finish_asked;
                if findings.is_empty() || (asked_and_confirmed && crate::rules::can_finish(&findings)) {
                    s.doc.finish(s.clock.now());
                    s.history = History::default();
                    s.finish_asked = false;
                    s.focus_on(FINISHED_NOTICE_ID.to_owned());
                    return Some(s);
                }
                // Every finding is listed; with warnings only, the user is asked.
                s.show_all = true;
                s.finish_asked = crate::rules::can_finish(&findings);
                if s.finish_asked {
                    s.focus_on(FINISH_QUESTION_ID.to_owned());
                } else {
                    s.summary_focus = s.summary_focus.wrapping_add(1);
                }
                false
            }
            Action::CancelFinish => {
                if !s.finish_asked {
                    return None;
                }
                s.finish_asked = false;
                s.summary_focus = s.summary_focus.wrapping_add(1);
                false
            }
            Action::ShowFindings => {
                if s.show_all {
                    return None;
                }
                s.show_all = true;
                s.summary_focus = s.summary_focus.wrapping_add(1);
                false
            }
            Action::Reopen => {
                s.doc.reopen(s.clock.now());
                return Some(s);
            }
            Action::Replace(draft) => {
                s.stored = Stored::of(&draft);
                s.previous = draft.previous.clone();
                if draft.document != s.doc {
                    s.doc = draft.document;
                    // Structural undo entries refer to the replaced rows.
                    s.history = History::default();
                } else if s.stored == self.stored {
                    return None;
                }
                false
            }
            Action::Stored(stored) => {
                if stored == s.stored {
                    return None;
                }
                s.stored = stored;
                false
            }
            Action::ReadOnly(read_only) => {
                if read_only == s.read_only {
                    return None;
                }
                s.read_only = read_only;
                false
            }
            Action::Exported(at) => {
                s.stored.exported = Some(at);
                false
            }
            Action::UsePrevious(field) => {
                let to = s.previous_text(field)?;
                let from = s.doc.report.text(field)?;
                if from == to || !s.structural(Structure::Texts(vec![TextChange { field, from, to }])) {
                    return None;
                }
                // Last year's count is a number: so is this year's at once (its text is the same, so undo still applies).
                if is_count(field) {
                    s.doc.report.apply(Edit::NormalizeCount(field));
                }
                // The button goes once the field holds last year's text: focus goes to the field.
                s.focus_on(field.dom_id());
                true
            }
            Action::Resolve(id, resolved) => {
                let from = s.doc.report.comment(id)?.clone();
                let to = Comment { resolved, ..from.clone() };
                if !s.structural(Structure::Comments(vec![CommentChange { id, from: Some(from), to: Some(to) }])) {
                    return None;
                }
                true
            }
        };
        if changed {
            s.touch();
        }
        Some(s)
    }
}

/// Sets the ward from its slug in the config (empty slug: none chosen).
pub fn ward_edit(config: &Config, slug: &str) -> Edit {
    Edit::Ward(config.ward(slug).cloned())
}

/// The basis radio choice as an edit.
pub fn basis_edit(projected: bool) -> Edit {
    Edit::Basis(if projected { BasisChoice::Projected } else { BasisChoice::Actual })
}
