//! Every change to a stored draft, each checked against what storage holds now.
//!
//! A draft carries a revision, bumped by every write. A write names the draft it
//! was based on and is refused when storage holds another revision with another
//! document ([`DraftError::Conflict`]): a tab, a start page or an import working
//! from an old copy can never overwrite newer text. Changes to the draft's
//! marks alone (trash, export time) merge, so they never interrupt the writer.
//! Whatever replaces a draft keeps the replaced text as an earlier version
//! first: no backup, no replacement.

use thiserror::Error;

use super::history::{self, HistoryError};
use super::lease;
use super::listing::list;
use super::record::{
    decode_draft, decode_head, draft_key, encode_draft, history_key, load, records, Draft, Head, KeyValue, StorageError, StoredError,
    KEY_PREFIX,
};
use crate::comments::file::Review;
use crate::comments::{merge, Merged};
use crate::edit::Structure;
use crate::model::{Document, Report, Status};
use crate::timestamp::Timestamp;

/// Why a change to a stored draft was not made. Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DraftError {
    /// The storage refused.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// There is no draft with that id (deleted, or made in another browser).
    #[error("no such draft")]
    NotFound,
    /// The stored record cannot be read; it is left as it is.
    #[error("stored draft unreadable: {0}")]
    Unreadable(StoredError),
    /// Storage holds a newer version than the one this change was based on
    /// (`None`: the draft was deleted meanwhile).
    #[error("the stored draft changed meanwhile")]
    Conflict { stored: Option<Box<Draft>> },
    /// The current text could not be kept as an earlier version first.
    #[error("no backup: {0}")]
    NoBackup(HistoryError),
    /// Only a draft in the trash can be deleted for good.
    #[error("not in the trash")]
    NotInTrash,
}

fn write(kv: &dyn KeyValue, draft: &Draft) -> Result<(), StorageError> {
    kv.set(&draft_key(&draft.id), &encode_draft(draft))
}

/// The draft as stored now.
pub fn find(kv: &dyn KeyValue, id: &str) -> Result<Draft, DraftError> {
    match load(kv, id)? {
        None => Err(DraftError::NotFound),
        Some(Err(e)) => Err(DraftError::Unreadable(e)),
        Some(Ok(draft)) => Ok(draft),
    }
}

fn later(a: Option<Timestamp>, b: Option<Timestamp>) -> Option<Timestamp> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if x.0 >= y.0 { x } else { y }),
        (x, y) => x.or(y),
    }
}

/// Writes `next` (its document and export time) over `base`, the version it was
/// edited from. Returns what is stored now, with its new revision.
pub fn save(kv: &dyn KeyValue, base: &Draft, next: &Draft) -> Result<Draft, DraftError> {
    let raw = kv.get(&draft_key(&next.id))?;
    // The usual case: storage holds the revision this was based on. Its marks
    // are all that is needed, and the document is not read.
    let head = raw.as_deref().and_then(decode_head).filter(|h| h.revision == base.revision && base.revision > 0);
    let stored = match (head, raw) {
        (Some(head), _) => Some(head),
        (None, None) if base.revision == 0 => None,
        (None, None) => return Err(DraftError::Conflict { stored: None }),
        (None, Some(raw)) => match decode_draft(&raw) {
            // Never written over: it is listed as damaged, for download.
            Err(e) => return Err(DraftError::Unreadable(e)),
            Ok(s) if s.revision != base.revision && s.document != base.document => {
                return Err(DraftError::Conflict { stored: Some(Box::new(s)) })
            }
            Ok(s) => Some(Head { revision: s.revision, exported: s.exported, trashed: s.trashed }),
        },
    };
    let written = Draft {
        revision: stored.map_or(0, |s| s.revision) + 1,
        trashed: stored.map_or(next.trashed, |s| s.trashed),
        exported: later(next.exported, stored.and_then(|s| s.exported)),
        ..next.clone()
    };
    write(kv, &written)?;
    Ok(written)
}

/// Stores a new draft (revision 1).
pub fn create(kv: &dyn KeyValue, draft: &Draft) -> Result<Draft, DraftError> {
    let new = Draft { revision: 0, ..draft.clone() };
    save(kv, &new, &new)
}

/// Changes the stored draft's marks, read from storage at this moment.
fn update(kv: &dyn KeyValue, id: &str, change: impl FnOnce(&mut Draft)) -> Result<Draft, DraftError> {
    let mut draft = find(kv, id)?;
    change(&mut draft);
    draft.revision += 1;
    write(kv, &draft)?;
    Ok(draft)
}

/// 「削除」: into the trash.
pub fn trash(kv: &dyn KeyValue, id: &str, now: Timestamp) -> Result<Draft, DraftError> {
    update(kv, id, |d| d.trashed = Some(now))
}

/// 「元に戻す」: out of the trash.
pub fn untrash(kv: &dyn KeyValue, id: &str) -> Result<Draft, DraftError> {
    update(kv, id, |d| d.trashed = None)
}

/// Notes that the draft as stored now was exported at `at`.
pub fn record_export(kv: &dyn KeyValue, id: &str, at: Timestamp) -> Result<Draft, DraftError> {
    update(kv, id, |d| d.exported = later(d.exported, Some(at)))
}

/// 「完全に削除」: a draft in the trash, with its earlier versions, for good.
pub fn purge(kv: &dyn KeyValue, id: &str) -> Result<(), DraftError> {
    if find(kv, id)?.trashed.is_none() {
        return Err(DraftError::NotInTrash);
    }
    kv.remove(&draft_key(id))?;
    kv.remove(&history_key(id))?;
    kv.remove(&lease::lease_key(id))?;
    kv.remove(&lease::handover_key(id))?;
    Ok(())
}

/// What importing a file would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportPlan {
    /// No draft of the same ward and 年度 here: it becomes a new draft.
    New,
    /// A draft of the same ward and 年度 is here: the user chooses.
    Replaces {
        existing: Box<Draft>,
        /// The file was last changed before the draft: replacing would go back in time.
        file_older: bool,
    },
}

fn same_report(a: &Report, b: &Report) -> bool {
    a.fiscal_year.is_some()
        && a.fiscal_year == b.fiscal_year
        && a.ward.as_ref().map(|w| &w.slug) == b.ward.as_ref().map(|w| &w.slug)
}

/// Looks, in storage now, for a draft (not in the trash) the imported document would replace.
pub fn plan_import(kv: &dyn KeyValue, document: &Document) -> Result<ImportPlan, DraftError> {
    let listing = list(kv)?;
    let existing = listing.drafts.into_iter().find(|d| d.trashed.is_none() && same_report(&document.report, &d.document.report));
    Ok(match existing {
        None => ImportPlan::New,
        Some(existing) => {
            let file_older = document.changed.0 < existing.document.changed.0;
            ImportPlan::Replaces { existing: Box::new(existing), file_older }
        }
    })
}

/// 「置き換える」: `document` replaces the draft the user saw (`base`); the
/// stored text is kept as an earlier version first.
pub fn replace(kv: &dyn KeyValue, base: &Draft, document: Document, now: Timestamp) -> Result<Draft, DraftError> {
    let stored = find(kv, &base.id)?;
    if stored.revision != base.revision {
        return Err(DraftError::Conflict { stored: Some(Box::new(stored)) });
    }
    history::keep_version(kv, &base.id, &stored.document, now, true).map_err(DraftError::NoBackup)?;
    let next = Draft { document, revision: stored.revision + 1, ..stored };
    write(kv, &next)?;
    Ok(next)
}

/// 「この版に戻す」: `version` replaces the draft being edited (`current`, based on
/// `base`); the current text is kept as an earlier version first.
pub fn restore_version(
    kv: &dyn KeyValue,
    base: &Draft,
    current: &Document,
    version: &Document,
    now: Timestamp,
) -> Result<Draft, DraftError> {
    history::keep_version(kv, &base.id, current, now, true).map_err(DraftError::NoBackup)?;
    let next = Draft { document: Document { changed: now, ..version.clone() }, ..base.clone() };
    save(kv, base, &next)
}

/// What clearing the device did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleared {
    pub removed: usize,
    /// Records kept because they changed after the backup, or were not in it.
    pub kept: Vec<String>,
}

/// Clears the device after a backup: removes each record of ours only if it is
/// still exactly what the backup holds (a tab may have written since).
pub fn clear_backed_up(kv: &dyn KeyValue, backed_up: &[(String, String)]) -> Result<Cleared, StorageError> {
    let mut cleared = Cleared::default();
    for (key, raw) in records(kv)? {
        if backed_up.iter().any(|(k, r)| *k == key && *r == raw) {
            kv.remove(&key)?;
            cleared.removed += 1;
        } else {
            cleared.kept.push(key);
        }
    }
    for key in kv.keys()?.into_iter().filter(|k| lease::is_tab_record(k)) {
        kv.remove(&key)?;
    }
    Ok(cleared)
}

/// 「書き出さずに消去」: removes everything of ours from this browser.
pub fn clear_all(kv: &dyn KeyValue) -> Result<(), StorageError> {
    for key in kv.keys()?.into_iter().filter(|k| k.starts_with(KEY_PREFIX)) {
        kv.remove(&key)?;
    }
    Ok(())
}

/// The draft (not in the trash) a review file is about: of its ward and 年度, the
/// one changed last.
pub fn review_target(kv: &dyn KeyValue, review: &Review) -> Result<Option<Draft>, DraftError> {
    let listing = list(kv)?;
    Ok(listing
        .drafts
        .into_iter()
        .filter(|d| d.trashed.is_none() && review.is_about(&d.document.report))
        .max_by(|a, b| a.document.changed.0.cmp(&b.document.changed.0)))
}

/// 「読み込む」 with a review file: its comments merged into the draft as stored
/// now (a file read twice adds nothing twice; the ward's answers stay). The
/// stored text is kept as an earlier version first, and a finished report
/// becomes a draft again, to be answered. Nothing new: nothing is written.
pub fn read_review(kv: &dyn KeyValue, id: &str, review: &Review, now: Timestamp) -> Result<(Draft, Merged), DraftError> {
    let stored = find(kv, id)?;
    let merged = merge(&stored.document.report, &review.comments);
    if merged.changes.is_empty() {
        return Ok((stored, merged));
    }
    history::keep_version(kv, id, &stored.document, now, true).map_err(DraftError::NoBackup)?;
    let mut next = Draft { revision: stored.revision + 1, ..stored.clone() };
    let now = now.after(stored.document.changed);
    Structure::Comments(merged.changes.clone()).apply(&mut next.document.report);
    if next.document.status == Status::Finished {
        next.document.reopen(now);
    }
    next.document.changed = now;
    write(kv, &next)?;
    Ok((next, merged))
}
