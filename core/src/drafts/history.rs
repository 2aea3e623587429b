//! A draft's earlier versions (以前の版): kept every few minutes of editing, and
//! before anything replaces the draft. A history that does not parse is never
//! overwritten: keeping a version then fails, and the record is listed as damaged.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::record::{history_key, read_document, Draft, KeyValue, StorageError, StoredError};
use crate::exchange;
use crate::model::Document;
use crate::timestamp::Timestamp;

/// Earlier versions kept per draft.
pub const HISTORY_LENGTH: usize = 20;
/// A new earlier version is kept after this many seconds of editing since the last one.
pub const HISTORY_INTERVAL_SECONDS: i64 = 180;

/// An earlier version of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub at: Timestamp,
    pub document: Document,
}

#[derive(Serialize)]
struct SnapshotRecordOut<'a> {
    at: Timestamp,
    document: exchange::Embedded<'a>,
}

/// A kept version as read: its document stays text (borrowed) until it is read.
#[derive(Deserialize)]
struct SnapshotRecordIn<'a> {
    at: Timestamp,
    #[serde(borrow)]
    document: &'a RawValue,
}

/// Why a version could not be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistoryError {
    /// The storage refused the write (or the read).
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The stored history cannot be read; it is left as it is.
    #[error("history damaged: {0}")]
    Damaged(StoredError),
}

/// Reads a stored history. A version from a newer app, or one that does not
/// parse, makes the whole record unreadable: it must not be rewritten without it.
pub(super) fn decode(text: &str) -> Result<Vec<Snapshot>, StoredError> {
    let records: Vec<SnapshotRecordIn> = serde_json::from_slice(text.as_bytes()).map_err(|e| StoredError::Damaged(e.to_string()))?;
    records
        .into_iter()
        .map(|r| read_document(r.document).map(|document| Snapshot { at: r.at, document }))
        .collect()
}

/// A draft's earlier versions, newest first.
pub fn history(kv: &dyn KeyValue, id: &str) -> Result<Vec<Snapshot>, HistoryError> {
    let Some(text) = kv.get(&history_key(id))? else { return Ok(Vec::new()) };
    decode(&text).map_err(HistoryError::Damaged)
}

/// Whether a version kept at `newest` is old enough for another to be kept at `now`.
/// A clock that went back (`now` before `newest`) says nothing of how long ago that
/// was: a version is due, or none would be kept until the clock caught up again.
fn version_due(newest: Option<Timestamp>, now: Timestamp) -> bool {
    newest.is_none_or(|newest| {
        let since = (now.0 - newest.0).whole_seconds();
        !(0..HISTORY_INTERVAL_SECONDS).contains(&since)
    })
}

/// Keeps earlier versions while a draft is saved again and again. Reading the
/// history parses every kept version, so it is looked at once per interval,
/// not on every save.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VersionKeeper {
    looked: Option<Timestamp>,
}

impl VersionKeeper {
    /// After a save at `at`: keeps the draft as an earlier version when one is due.
    pub fn after_save(&mut self, kv: &dyn KeyValue, draft: &Draft, at: Timestamp) -> Result<bool, HistoryError> {
        if !version_due(self.looked, at) {
            return Ok(false);
        }
        self.looked = Some(at);
        keep_version(kv, &draft.id, &draft.document, at, false)
    }
}

/// Keeps `document` as an earlier version when the newest kept one is at least
/// [`HISTORY_INTERVAL_SECONDS`] old (or `force`, e.g. before something replaces
/// the draft). Returns whether it was kept; an equal newest version is not repeated.
pub fn keep_version(kv: &dyn KeyValue, id: &str, document: &Document, now: Timestamp, force: bool) -> Result<bool, HistoryError> {
    let mut versions = history(kv, id)?;
    if !(force || version_due(versions.first().map(|v| v.at), now))
        || versions.first().is_some_and(|newest| newest.document == *document)
    {
        return Ok(false);
    }
    // Newest first, in time too: a clock that went back stamps just after the newest.
    let at = versions.first().map_or(now, |newest| now.after(newest.at));
    versions.insert(0, Snapshot { at, document: document.clone() });
    versions.truncate(HISTORY_LENGTH);
    let records: Vec<SnapshotRecordOut> =
        versions.iter().map(|s| SnapshotRecordOut { at: s.at, document: exchange::Embedded(&s.document) }).collect();
    kv.set(&history_key(id), &serde_json::to_string(&records).unwrap_or_default())?;
    Ok(true)
}
