//! The editor's components. Each reads the store and sends actions; none changes state itself.

pub mod clear_device;
pub mod draft_page;
pub mod editor;
pub mod form_field;
pub mod import;
pub mod leave;
pub mod print_view;
pub mod start;
pub mod summary;
pub mod table;
pub mod text_field;
pub mod versions;

use std::collections::HashMap;

use torikumi_core::{Field, Finding};

use crate::state::EditorState;
use form_field::Shown;
use summary::SummaryItem;

/// The findings of the open draft, and which of them are shown.
pub struct Findings {
    all: Vec<Finding>,
    shown: HashMap<Field, Vec<Shown>>,
}

impl Findings {
    pub fn of(state: &EditorState) -> Self {
        let all = state.findings();
        let mut shown: HashMap<Field, Vec<Shown>> = HashMap::new();
        for f in all.iter().filter(|f| state.shows(&f.field)) {
            shown.entry(f.field).or_default().push(Shown { severity: f.severity(), message: f.message.clone() });
        }
        Findings { all, shown }
    }

    /// The findings shown for a field.
    pub fn shown(&self, field: Field) -> Vec<Shown> {
        self.shown.get(&field).cloned().unwrap_or_default()
    }

    /// The summary's lines: the shown findings, in the form's order.
    pub fn summary(&self, state: &EditorState) -> Vec<SummaryItem> {
        self.all
            .iter()
            .filter(|f| state.shows(&f.field))
            .map(|f| SummaryItem { target: f.field.dom_id(), severity: f.severity(), message: f.message.clone() })
            .collect()
    }
}
