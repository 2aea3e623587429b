//! Drafts kept in the browser's local storage, behind a small key-value trait
//! so that everything but the browser call itself is tested natively.
//!
//! Keys: `torikumi:draft:<id>` holds a draft (its exchange file plus when it was
//! last exported and whether it is in the trash); `torikumi:history:<id>` holds
//! its earlier versions. A record that does not parse (damaged, or from a newer
//! version) is set aside: never overwritten, never deleted, listed as damaged.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use crate::exchange::{self, ImportError};
use crate::model::Document;
use crate::timestamp::Timestamp;

const DRAFT_PREFIX: &str = "torikumi:draft:";
const HISTORY_PREFIX: &str = "torikumi:history:";
/// Every key of ours starts with this.
pub const KEY_PREFIX: &str = "torikumi:";

/// Earlier versions kept per draft.
pub const HISTORY_LENGTH: usize = 20;
/// A new earlier version is kept after this many seconds of editing since the last one.
pub const HISTORY_INTERVAL_SECONDS: i64 = 180;

/// Why the browser's storage did not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    /// There is no local storage (disabled, private mode in some browsers, blocked by policy).
    #[error("local storage is not available")]
    Unavailable,
    /// The storage is full (QuotaExceededError).
    #[error("local storage is full")]
    Full,
    /// The browser refused for another reason.
    #[error("local storage refused: {0}")]
    Refused(String),
}

/// What is wrong with a stored record.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoredError {
    /// Written by a newer version of the app.
    #[error("stored by a newer version ({found})")]
    Newer { found: u32 },
    /// Not readable as a draft.
    #[error("damaged: {0}")]
    Damaged(String),
}

/// The browser's local storage, or a stand-in.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    fn keys(&self) -> Result<Vec<String>, StorageError>;
}

/// A draft as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub document: Document,
    /// When it was last exported from this browser.
    pub exported: Option<Timestamp>,
    /// When it was moved to the trash.
    pub trashed: Option<Timestamp>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftRecord {
    id: String,
    exported: Option<Timestamp>,
    trashed: Option<Timestamp>,
    /// The exchange file, so stored drafts carry their schema version.
    document: Value,
}

/// An earlier version of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub at: Timestamp,
    pub document: Document,
}

#[derive(Serialize, Deserialize)]
struct SnapshotRecord {
    at: Timestamp,
    document: Value,
}

/// A stored record that could not be read, kept as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    pub key: String,
    pub error: StoredError,
    pub raw: String,
}

/// Everything of ours in the storage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// Drafts, most recently changed first (those in the trash included).
    pub drafts: Vec<Draft>,
    pub damaged: Vec<Damaged>,
    /// Characters used by our keys and values (local storage counts UTF-16 units; near enough).
    pub used_chars: usize,
}

pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

fn history_key(id: &str) -> String {
    format!("{HISTORY_PREFIX}{id}")
}

fn read_document(value: Value) -> Result<Document, StoredError> {
    exchange::from_value(value).map_err(|e| match e {
        ImportError::NewerVersion { found, .. } => StoredError::Newer { found },
        other => StoredError::Damaged(other.to_string()),
    })
}

/// A draft's stored text.
pub fn encode_draft(draft: &Draft) -> String {
    let record = DraftRecord {
        id: draft.id.clone(),
        exported: draft.exported,
        trashed: draft.trashed,
        document: exchange::to_value(&draft.document),
    };
    serde_json::to_string(&record).unwrap_or_default()
}

/// Reads a draft's stored text.
pub fn decode_draft(text: &str) -> Result<Draft, StoredError> {
    let record: DraftRecord = serde_json::from_str(text).map_err(|e| StoredError::Damaged(e.to_string()))?;
    let document = read_document(record.document)?;
    Ok(Draft { id: record.id, document, exported: record.exported, trashed: record.trashed })
}

/// Writes a draft.
pub fn save(kv: &dyn KeyValue, draft: &Draft) -> Result<(), StorageError> {
    kv.set(&draft_key(&draft.id), &encode_draft(draft))
}

/// Reads one draft; `Ok(None)` when there is none with that id.
pub fn load(kv: &dyn KeyValue, id: &str) -> Result<Option<Result<Draft, StoredError>>, StorageError> {
    Ok(kv.get(&draft_key(id))?.map(|text| decode_draft(&text)))
}

/// Lists every draft and every damaged record.
pub fn list(kv: &dyn KeyValue) -> Result<Listing, StorageError> {
    let mut listing = Listing::default();
    for key in kv.keys()? {
        if !key.starts_with(KEY_PREFIX) {
            continue;
        }
        let Some(raw) = kv.get(&key)? else { continue };
        listing.used_chars += key.chars().count() + raw.chars().count();
        if key.starts_with(DRAFT_PREFIX) {
            match decode_draft(&raw) {
                Ok(draft) => listing.drafts.push(draft),
                Err(error) => listing.damaged.push(Damaged { key, error, raw }),
            }
        }
    }
    listing.drafts.sort_by_key(|d| std::cmp::Reverse(d.document.changed.0));
    listing.damaged.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(listing)
}

/// Removes a draft and its history for good.
pub fn delete(kv: &dyn KeyValue, id: &str) -> Result<(), StorageError> {
    kv.remove(&draft_key(id))?;
    kv.remove(&history_key(id))
}

/// Removes everything of ours from this browser.
pub fn clear_all(kv: &dyn KeyValue) -> Result<(), StorageError> {
    for key in kv.keys()?.into_iter().filter(|k| k.starts_with(KEY_PREFIX)) {
        kv.remove(&key)?;
    }
    Ok(())
}

/// A draft's earlier versions, newest first. Unreadable entries are skipped.
pub fn history(kv: &dyn KeyValue, id: &str) -> Result<Vec<Snapshot>, StorageError> {
    let Some(text) = kv.get(&history_key(id))? else { return Ok(Vec::new()) };
    let records: Vec<SnapshotRecord> = serde_json::from_str(&text).unwrap_or_default();
    Ok(records
        .into_iter()
        .filter_map(|r| read_document(r.document).ok().map(|document| Snapshot { at: r.at, document }))
        .collect())
}

/// Keeps `document` as an earlier version when the newest kept one is at least
/// [`HISTORY_INTERVAL_SECONDS`] old (or `force`, e.g. before restoring another version).
/// Returns whether it was kept.
pub fn keep_version(kv: &dyn KeyValue, id: &str, document: &Document, now: Timestamp, force: bool) -> Result<bool, StorageError> {
    let mut versions = history(kv, id)?;
    let due = versions.first().is_none_or(|newest| (now.0 - newest.at.0).whole_seconds() >= HISTORY_INTERVAL_SECONDS);
    if !(due || force) || versions.first().is_some_and(|newest| newest.document == *document) {
        return Ok(false);
    }
    versions.insert(0, Snapshot { at: now, document: document.clone() });
    versions.truncate(HISTORY_LENGTH);
    let records: Vec<SnapshotRecord> =
        versions.iter().map(|s| SnapshotRecord { at: s.at, document: exchange::to_value(&s.document) }).collect();
    kv.set(&history_key(id), &serde_json::to_string(&records).unwrap_or_default())?;
    Ok(true)
}

/// An in-memory [`KeyValue`] with an optional size limit, for tests.
#[derive(Debug, Default)]
pub struct MemoryStore {
    pub entries: std::cell::RefCell<std::collections::BTreeMap<String, String>>,
    /// Refuse writes that would take the total above this many characters.
    pub limit: Option<usize>,
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let mut entries = self.entries.borrow_mut();
        if let Some(limit) = self.limit {
            let others: usize = entries.iter().filter(|(k, _)| *k != key).map(|(k, v)| k.len() + v.len()).sum();
            if others + key.len() + value.len() > limit {
                return Err(StorageError::Full);
            }
        }
        entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.entries.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.entries.borrow().keys().cloned().collect())
    }
}
