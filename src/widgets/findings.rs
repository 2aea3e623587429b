//! The findings of the open draft, and which of them each field and the summary show.

use std::collections::HashMap;

use torikumi_core::{Field, Finding, Severity};

use torikumi_core::editor::EditorState;

use super::form_field::{Shown, Unify};
use super::summary::SummaryItem;

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
            let unify = Unify::of(&f.problem);
            shown.entry(f.field).or_default().push(Shown { severity: f.severity(), message: f.message.clone(), unify });
        }
        Findings { all, shown }
    }

    /// How many warnings the report has (shown or not).
    pub fn warnings(&self) -> usize {
        self.all.iter().filter(|f| f.severity() == Severity::Warning).count()
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
            .map(|f| SummaryItem {
                target: f.field.dom_id(),
                severity: f.severity(),
                message: f.message.clone(),
                unify: Unify::of(&f.problem),
            })
            .collect()
    }
}
