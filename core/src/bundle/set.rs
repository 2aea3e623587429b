//! Adding and removing reports, the selection per ward, and the review's warnings.

use std::cmp::Ordering;

use super::file::{entry_bytes, from_json, set_bytes, unreadable_bytes, MAX_BUNDLE_BYTES, MAX_BUNDLE_REPORTS};
use super::types::{Added, BundleError, BundleSet, BundleWarning, Entry, EntryId, Review, Slot, Unreadable, WardRow};
use crate::config::Config;
use crate::exchange::ImportError;
use crate::findings::Severity;
use crate::incoming::read_export;
use crate::limits::LimitError;
use crate::model::{Document, Status};
use crate::order;
use crate::rules::{check, Context};
use crate::timestamp::Timestamp;

/// A set file's refusal as the reason listed for the file.
fn bundle_import_error(e: BundleError) -> ImportError {
    match e {
        BundleError::NotJson { line, column } => ImportError::NotJson { line, column },
        BundleError::NotABundle => ImportError::NotAReport,
        BundleError::NewerVersion { found, supported } => ImportError::NewerVersion { found, supported },
        BundleError::Invalid { detail } => ImportError::Invalid { detail },
        BundleError::TooLarge { bytes, .. } => LimitError::FileTooLarge { bytes }.into(),
    }
}

/// Which of two reports for one ward wins by default: changed last, then added last.
fn newer(a: &Entry, b: &Entry) -> Ordering {
    a.document.changed.0.cmp(&b.document.changed.0).then(a.id.cmp(&b.id))
}

fn slug_of(entry: &Entry) -> Option<&str> {
    entry.document.report.ward.as_ref().map(|w| w.slug.as_str())
}

impl BundleSet {
    /// An empty set.
    pub fn new() -> Self {
        BundleSet::default()
    }

    /// Adds a report read from `file_name`; returns its id. Unchecked: for reading
    /// a set (which checks its limits first) and building one; files the user adds
    /// go through [`BundleSet::merge`], which keeps the limits.
    pub fn add(&mut self, file_name: &str, document: Document, added: Timestamp) -> EntryId {
        let id = EntryId(self.next_id);
        self.next_id = self.next_id.saturating_add(1);
        self.entries.push(Entry { id, document, file_name: file_name.to_owned(), added });
        id
    }

    /// Lists a file that could not be read, with its reason (unchecked, as [`BundleSet::add`]).
    pub fn add_unreadable(&mut self, file_name: &str, error: ImportError, added: Timestamp) {
        self.unreadable.push(Unreadable { file_name: file_name.to_owned(), error, added });
    }

    /// Adds what reading a file gave: the report, or the reason it could not be read.
    pub fn add_result(&mut self, file_name: &str, result: Result<Document, ImportError>, added: Timestamp) -> Added {
        let mut one = BundleSet::new();
        match result {
            Ok(document) => {
                one.add(file_name, document, added);
            }
            Err(error) => one.add_unreadable(file_name, error, added),
        }
        self.merge(one)
    }

    /// Adds what a file dropped on 取りまとめ holds: a set file adds all its
    /// reports (and its unreadable files); a report's export adds the report;
    /// anything else is listed with the reason it cannot be read. Within the
    /// set's limits, and nothing already in the set (see [`Added`]).
    pub fn add_file(&mut self, file_name: &str, bytes: &[u8], added: Timestamp) -> Added {
        match from_json(bytes) {
            Ok(other) => self.merge(other),
            Err(BundleError::NotABundle | BundleError::NotJson { .. }) => self.add_result(file_name, read_export(bytes), added),
            Err(e) => self.add_result(file_name, Err(bundle_import_error(e)), added),
        }
    }

    /// Adds every report and unreadable file of another set, keeping its choices:
    /// the way the set grows. A report with the same content as one in the set
    /// (the set's own file added back, one file added twice) adds nothing; what
    /// would take the set past [`MAX_BUNDLE_REPORTS`] or [`MAX_BUNDLE_BYTES`] (the
    /// limits it is read with) is not added, and counted.
    pub fn merge(&mut self, other: BundleSet) -> Added {
        let mut added = Added::default();
        let mut bytes = set_bytes(self);
        let mut chosen = Vec::new();
        for entry in other.entries {
            let was_chosen = other.choices.iter().any(|(_, id)| *id == entry.id);
            let id = if let Some(same) = self.entries.iter().find(|e| e.document == entry.document) {
                added.already += 1;
                same.id
            } else {
                let cost = entry_bytes(&entry);
                if self.entries.len() >= MAX_BUNDLE_REPORTS || bytes + cost > MAX_BUNDLE_BYTES {
                    added.past_limit += 1;
                    continue;
                }
                bytes += cost;
                added.reports += 1;
                self.add(&entry.file_name, entry.document, entry.added)
            };
            if was_chosen {
                chosen.push(id);
            }
        }
        for unreadable in other.unreadable {
            if self.unreadable.iter().any(|u| u.file_name == unreadable.file_name && u.error == unreadable.error) {
                added.already += 1;
                continue;
            }
            let cost = unreadable_bytes(&unreadable);
            if self.unreadable.len() >= MAX_BUNDLE_REPORTS || bytes + cost > MAX_BUNDLE_BYTES {
                added.past_limit += 1;
                continue;
            }
            bytes += cost;
            added.unreadable += 1;
            self.unreadable.push(unreadable);
        }
        for id in chosen {
            self.choose(id);
        }
        added
    }

    /// Every report in the set, in the order added.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The files that could not be read, in the order added.
    pub fn unreadable(&self) -> &[Unreadable] {
        &self.unreadable
    }

    pub fn entry(&self, id: EntryId) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Whether nothing was added (or all was cleared).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.unreadable.is_empty()
    }

    /// Uses `id` for its ward instead of the one changed last. False (and
    /// nothing changes) when there is no such entry or it names no ward.
    pub fn choose(&mut self, id: EntryId) -> bool {
        let Some(slug) = self.entry(id).and_then(slug_of).map(str::to_owned) else {
            return false;
        };
        self.choices.retain(|(s, _)| *s != slug);
        self.choices.push((slug, id));
        true
    }

    /// Goes back to "the one changed last" for the ward.
    pub fn unchoose(&mut self, slug: &str) {
        self.choices.retain(|(s, _)| s != slug);
    }

    /// The city's comments on one report (「確認する」): `edit` changes its report;
    /// false when there is no such entry or nothing changed.
    pub fn edit_comments(&mut self, id: EntryId, edit: impl FnOnce(&mut crate::model::Report) -> bool) -> bool {
        self.entries.iter_mut().find(|e| e.id == id).is_some_and(|e| edit(&mut e.document.report))
    }

    /// Removes one report (a choice of it goes with it).
    pub fn remove_entry(&mut self, id: EntryId) {
        self.entries.retain(|e| e.id != id);
        self.choices.retain(|(_, c)| *c != id);
    }

    /// Removes the n-th unreadable file from the list.
    pub fn remove_unreadable(&mut self, index: usize) {
        if index < self.unreadable.len() {
            self.unreadable.remove(index);
        }
    }

    /// Removes every report for one ward, and its choice.
    pub fn remove_ward(&mut self, slug: &str) {
        self.entries.retain(|e| slug_of(e) != Some(slug));
        self.unchoose(slug);
    }

    /// Empties the set.
    pub fn clear(&mut self) {
        *self = BundleSet { next_id: self.next_id, ..BundleSet::default() };
    }

    /// The explicit choice for a ward, if it still names one of the ward's reports.
    fn choice(&self, slug: &str) -> Option<EntryId> {
        self.choices.iter().find(|(s, _)| s == slug).map(|(_, id)| *id)
    }

    /// The latest 年度 among the reports of configured wards.
    fn latest_year(&self, config: &Config) -> Option<i32> {
        self.entries
            .iter()
            .filter(|e| slug_of(e).and_then(|s| config.ward(s)).is_some())
            .filter_map(|e| e.document.report.fiscal_year)
            .max()
    }

    /// Which reports are last year's: of the year before the latest, for a ward that has a
    /// report of the latest too. They are compared with this year's (前年度), not bound. A
    /// ward whose only report is of another year keeps using it, and the set says 年度 differ.
    /// Worked out once per call (which wards have this year's report), not once per report.
    fn is_last_year(&self, config: &Config) -> impl Fn(&Entry) -> bool + '_ {
        let latest = self.latest_year(config);
        let this_year: Vec<&str> =
            self.entries.iter().filter(|e| latest.is_some() && e.document.report.fiscal_year == latest).filter_map(slug_of).collect();
        move |e: &Entry| {
            latest.is_some_and(|l| e.document.report.fiscal_year.and_then(|y| y.checked_add(1)) == Some(l))
                && slug_of(e).is_some_and(|s| this_year.contains(&s))
        }
    }

    /// Each configured ward, in configured order, with the report used and the others
    /// (last year's reports, [`BundleSet::previous`], are neither).
    pub fn slots<'a>(&'a self, config: &'a Config) -> Vec<Slot<'a>> {
        let last_year = self.is_last_year(config);
        config
            .wards
            .iter()
            .map(|ward| {
                let mut all: Vec<&Entry> = self.entries.iter().filter(|e| slug_of(e) == Some(&ward.slug) && !last_year(e)).collect();
                order::sort_by(&mut all, |a, b| newer(b, a));
                let chosen = self.choice(&ward.slug).and_then(|id| all.iter().position(|e| e.id == id));
                let index = chosen.unwrap_or(0);
                let used = (index < all.len()).then(|| all.remove(index));
                Slot { ward, used, others: all, chosen: chosen.is_some() }
            })
            .collect()
    }

    /// Last year's report of each configured ward (the newest, when there are more),
    /// in configured order, and that year: what 「実施回数の一覧」 compares with.
    /// `None` when no ward has one.
    pub fn previous<'a>(&'a self, config: &'a Config) -> Option<(i32, Vec<Option<&'a Entry>>)> {
        let year = self.latest_year(config)?.checked_sub(1)?;
        let last_year = self.last_year_entries(config);
        let per_ward: Vec<Option<&Entry>> = config
            .wards
            .iter()
            .map(|ward| last_year.iter().copied().filter(|e| slug_of(e) == Some(&ward.slug)).max_by(|a, b| newer(a, b)))
            .collect();
        per_ward.iter().any(Option::is_some).then_some((year, per_ward))
    }

    /// Every report of last year in the set (see [`BundleSet::previous`]), in the order added.
    pub fn last_year_entries<'a>(&'a self, config: &Config) -> Vec<&'a Entry> {
        let last_year = self.is_last_year(config);
        self.entries.iter().filter(|e| last_year(e)).collect()
    }

    /// The reports used, in configured order (wards without one are skipped).
    pub fn selected<'a>(&'a self, config: &'a Config) -> Vec<&'a Entry> {
        self.slots(config).into_iter().filter_map(|s| s.used).collect()
    }

    /// Reports whose ward is unset or not configured: they are not bound.
    pub fn outside<'a>(&'a self, config: &Config) -> Vec<&'a Entry> {
        self.entries.iter().filter(|e| slug_of(e).and_then(|s| config.ward(s)).is_none()).collect()
    }

    /// The 年度 of the reports used, when they all share one.
    pub fn fiscal_year(&self, config: &Config) -> Option<i32> {
        let mut years = self.selected(config).into_iter().map(|e| e.document.report.fiscal_year);
        let first = years.next()??;
        years.all(|y| y == Some(first)).then_some(first)
    }

    /// One row per configured ward (status, errors and warnings by the rules), then the warnings.
    pub fn review(&self, ctx: &Context) -> Review {
        let slots = self.slots(ctx.config);
        let mut rows = Vec::with_capacity(slots.len());
        let mut missing = Vec::new();
        let mut drafts = Vec::new();
        let mut with_errors = Vec::new();
        let mut duplicates = Vec::new();
        let mut years: Vec<Option<i32>> = Vec::new();
        for slot in &slots {
            let slug = slot.ward.slug.clone();
            let mut row = WardRow {
                ward: slot.ward.clone(),
                entry: None,
                file_name: None,
                status: None,
                errors: 0,
                warnings: 0,
                others: slot.others.len(),
            };
            let Some(used) = slot.used else {
                missing.push(slug);
                rows.push(row);
                continue;
            };
            let findings = check(&used.document.report, ctx);
            row.errors = findings.iter().filter(|f| f.severity() == Severity::Error).count();
            row.warnings = findings.len() - row.errors;
            row.entry = Some(used.id);
            row.file_name = Some(used.file_name.clone());
            row.status = Some(used.document.status);
            if used.document.status == Status::Draft {
                drafts.push(slug.clone());
            }
            if row.errors > 0 {
                with_errors.push((slug.clone(), row.errors));
            }
            if !years.contains(&used.document.report.fiscal_year) {
                years.push(used.document.report.fiscal_year);
            }
            if !slot.others.is_empty() {
                duplicates.push(BundleWarning::Duplicates {
                    slug,
                    used: used.file_name.clone(),
                    others: slot.others.iter().map(|e| e.file_name.clone()).collect(),
                    chosen: slot.chosen,
                });
            }
            rows.push(row);
        }
        let mut warnings = Vec::new();
        if !missing.is_empty() {
            warnings.push(BundleWarning::MissingWards { slugs: missing });
        }
        warnings.extend(duplicates);
        if years.len() > 1 {
            order::sort(&mut years);
            warnings.push(BundleWarning::MixedYears { years });
        }
        if !drafts.is_empty() {
            warnings.push(BundleWarning::Drafts { slugs: drafts });
        }
        if !with_errors.is_empty() {
            warnings.push(BundleWarning::RuleErrors { wards: with_errors });
        }
        let outside: Vec<String> = self.outside(ctx.config).iter().map(|e| e.file_name.clone()).collect();
        if !outside.is_empty() {
            warnings.push(BundleWarning::OutsideConfig { file_names: outside });
        }
        if !self.unreadable.is_empty() {
            let file_names = self.unreadable.iter().map(|u| u.file_name.clone()).collect();
            warnings.push(BundleWarning::UnreadableFiles { file_names });
        }
        Review { rows, warnings }
    }
}
