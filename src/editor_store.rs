//! The one store of the open draft: a `use_reducer` state that components send
//! actions to. What an action does to the report is decided in the core
//! (`torikumi_core::edit`); this adds what only the page needs: which fields have
//! been left (their findings show), whether all findings show, and where focus goes.

use std::collections::HashSet;
use std::rc::Rc;

use torikumi_core::edit::{BasisChoice, Edit, History, Place, Structure};
use torikumi_core::store::Draft;
use torikumi_core::{Cell, Config, Document, Field, Report, RowId, Timestamp};
use yew::prelude::*;

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
    /// 「完成にする」: finish when no error is left; otherwise show every finding.
    Finish,
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

#[derive(Debug, Clone, PartialEq)]
pub struct EditorState {
    pub draft_id: String,
    pub doc: Document,
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
}

/// Now, from the browser's clock.
pub fn now() -> Timestamp {
    Timestamp::from_unix_millis(js_sys::Date::now())
}

/// Where focus goes for a row: its first field.
pub fn first_field(place: Place, id: RowId) -> Field {
    place.field(id, Cell::Name)
}

/// The id of the button that adds a row to a place.
pub fn add_button_id(place: Place) -> String {
    match place {
        Place::List(kind) => format!("add-{kind:?}").to_lowercase(),
        Place::Parts(body) => format!("add-part-{body:?}").to_lowercase(),
    }
}

impl EditorState {
    pub fn new(draft: Draft, config: Config) -> Self {
        EditorState {
            stored: Stored::of(&draft),
            draft_id: draft.id,
            doc: draft.document,
            config,
            read_only: true,
            history: History::default(),
            left: HashSet::new(),
            show_all: false,
            focus: None,
            summary_focus: 0,
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
        }
    }

    /// Whether nothing may be edited here: another tab edits, or the report is finished.
    pub fn locked(&self) -> bool {
        self.read_only || self.doc.status == torikumi_core::Status::Finished
    }

    /// Every finding of the report now.
    pub fn findings(&self) -> Vec<torikumi_core::Finding> {
        let ctx = torikumi_core::Context { config: &self.config, current_fiscal_year: now().fiscal_year() };
        torikumi_core::check(&self.doc.report, &ctx)
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
            None => add_button_id(place),
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
        self.doc.changed = now();
    }
}

fn index_of(report: &Report, place: Place, id: RowId) -> Option<usize> {
    place.rows(report).iter().position(|r| r.id == id)
}

impl Reducible for EditorState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // A read-only tab only follows what the editing tab stores; a finished report only reopens.
        let follows = matches!(action, Action::Replace(_) | Action::Stored(_) | Action::ReadOnly(_) | Action::Exported(_));
        if (self.read_only && !follows) || (self.locked() && !follows && action != Action::Reopen) {
            return self;
        }
        let mut s = (*self).clone();
        let changed = match action {
            Action::Edit(edit) => s.doc.report.apply(edit),
            Action::Leave(field) => {
                let normalised = matches!(field, Field::Body(_, Cell::Count) | Field::Part(_, _, Cell::Count) | Field::Item(_, _, Cell::Count))
                    && s.doc.report.apply(Edit::NormalizeCount(field));
                let newly_left = s.left.insert(field);
                if !normalised && !newly_left {
                    return self;
                }
                normalised
            }
            Action::AddRow(place) => {
                // Never more rows than the core stores (the draft would not read back).
                if place.rows(&s.doc.report).len() >= torikumi_core::limits::MAX_ROWS {
                    return self;
                }
                let id = s.doc.report.fresh_id();
                let index = place.rows(&s.doc.report).len();
                let row = torikumi_core::Row::empty(id);
                s.structural(Structure::Insert { place, index, row });
                s.focus_on(first_field(place, id).dom_id());
                true
            }
            Action::RemoveRow(place, id) => {
                let Some(index) = index_of(&s.doc.report, place, id) else { return self };
                s.structural(Structure::Remove { place, id });
                s.focus_after_removal(place, index);
                true
            }
            Action::MoveRow(place, id, dir) => {
                let Some(index) = index_of(&s.doc.report, place, id) else { return self };
                let to = match dir {
                    MoveDir::Up if index > 0 => index - 1,
                    MoveDir::Down => index + 1,
                    MoveDir::Up => return self,
                };
                if !s.structural(Structure::Move { place, id, to }) {
                    return self;
                }
                // Keep focus on the button that was pressed, now on the moved row.
                s.focus_on(move_button_id(place, id, dir));
                true
            }
            Action::Undo | Action::Redo => {
                let before = s.doc.report.clone();
                let step = if action == Action::Undo {
                    s.history.undo(&mut s.doc.report)
                } else {
                    s.history.redo(&mut s.doc.report)
                };
                let Some((place, id)) = step else { return self };
                let hint = index_of(&before, place, id).unwrap_or(0);
                s.focus_row_or_place(place, id, hint);
                if let Some(f) = s.focus.as_mut() {
                    f.only_if_lost = true;
                }
                true
            }
            Action::Finish => {
                if torikumi_core::rules::can_finish(&s.findings()) {
                    s.doc.finish(now());
                    s.history = History::default();
                    s.focus_on("finished-notice".to_owned());
                    return Rc::new(s);
                }
                s.show_all = true;
                s.summary_focus = s.summary_focus.wrapping_add(1);
                false
            }
            Action::Reopen => {
                s.doc.reopen(now());
                return Rc::new(s);
            }
            Action::Replace(draft) => {
                s.stored = Stored::of(&draft);
                if draft.document != s.doc {
                    s.doc = draft.document;
                    // Structural undo entries refer to the replaced rows.
                    s.history = History::default();
                } else if s.stored == self.stored {
                    return self;
                }
                false
            }
            Action::Stored(stored) => {
                if stored == s.stored {
                    return self;
                }
                s.stored = stored;
                false
            }
            Action::ReadOnly(read_only) => {
                if read_only == s.read_only {
                    return self;
                }
                s.read_only = read_only;
                false
            }
            Action::Exported(at) => {
                s.stored.exported = Some(at);
                false
            }
        };
        if changed {
            s.touch();
        }
        Rc::new(s)
    }
}

/// Id of a row's move button, so focus can follow the row it moved.
pub fn move_button_id(place: Place, id: RowId, dir: MoveDir) -> String {
    format!("{}-{}", first_field(place, id).dom_id(), if dir == MoveDir::Up { "up" } else { "down" })
}

/// Sets the ward from its slug in the config (empty slug: none chosen).
pub fn ward_edit(config: &Config, slug: &str) -> Edit {
    Edit::Ward(config.ward(slug).cloned())
}

/// The basis radio choice as an edit.
pub fn basis_edit(projected: bool) -> Edit {
    Edit::Basis(if projected { BasisChoice::Projected } else { BasisChoice::Actual })
}

/// The store as components receive it.
pub type Store = UseReducerHandle<EditorState>;
