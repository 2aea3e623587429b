//! The drafts as this page opens and creates them: from storage, or from this
//! page's memory when storage refused their text (full, blocked, or changed
//! elsewhere), so that such text is what reopens until the tab is closed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use torikumi_core::drafts::lifecycle::{self, DraftError};
use torikumi_core::drafts::Draft;
use torikumi_core::{Document, Report};

use crate::editor_store::now;
use crate::platform::local_storage::{new_draft_id, LocalStorage};
use crate::route::{go, Route};

/// A draft as the editor opens it: what storage holds (`base`, revision 0 when
/// it never got there) and what is shown (`current`: newer when text typed here
/// could not be stored).
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub base: Draft,
    pub current: Draft,
}

/// Drafts with text storage refused: they live in this page until it closes.
#[derive(Clone, Default)]
pub struct MemoryDrafts(Rc<RefCell<HashMap<String, Opened>>>);

impl PartialEq for MemoryDrafts {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl MemoryDrafts {
    pub fn keep(&self, opened: Opened) {
        self.0.borrow_mut().insert(opened.current.id.clone(), opened);
    }

    pub fn forget(&self, id: &str) {
        self.0.borrow_mut().remove(id);
    }

    fn get(&self, id: &str) -> Option<Opened> {
        self.0.borrow().get(id).cloned()
    }
}

/// Opens a draft: the unsaved text this page holds for it, else what storage holds.
pub fn open_draft(id: &str, memory: &MemoryDrafts) -> Result<Opened, DraftError> {
    if let Some(opened) = memory.get(id) {
        return Ok(opened);
    }
    let draft = lifecycle::find(&LocalStorage, id)?;
    Ok(Opened { base: draft.clone(), current: draft })
}

/// Stores a new draft; if storage refuses, it lives in this page's memory. Returns its id.
pub fn create_draft(document: Document, previous: Option<Rc<Report>>, memory: &MemoryDrafts) -> String {
    let draft = Draft { previous, ..Draft::new(new_draft_id(), document) };
    if lifecycle::create(&LocalStorage, &draft).is_err() {
        memory.keep(Opened { base: draft.clone(), current: draft.clone() });
    }
    draft.id
}

/// A new draft of `report`, created now, stored and opened; `previous`: last
/// year's report it was made from (「前年度から作成」).
pub fn create_and_open(report: Report, previous: Option<Report>, memory: &MemoryDrafts) {
    go(&Route::Draft(create_draft(Document { report, ..Document::new(now()) }, previous.map(Rc::new), memory)));
}
