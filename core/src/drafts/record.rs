//! A draft as stored: its record's keys and text, and the key-value store it lives in.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use thiserror::Error;

use crate::exchange::{self, ImportError};
use crate::model::{Document, Report};
use crate::order;
use crate::timestamp::Timestamp;

pub(crate) const DRAFT_PREFIX: &str = "torikumi:draft:";
pub(crate) const HISTORY_PREFIX: &str = "torikumi:history:";
/// Every key of ours starts with this.
pub const KEY_PREFIX: &str = "torikumi:";

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
    /// Bumped by every write; a write names the revision it was based on (see [`lifecycle`]).
    /// 0: never stored.
    pub revision: u64,
    /// Last year's report, for a draft made with 「前年度から作成」: shown beside
    /// this year's fields (「前年度を表示」), never exported. Shared, not copied,
    /// by every state of the editor.
    pub previous: Option<Rc<Report>>,
}

impl Draft {
    /// A draft not stored yet.
    pub fn new(id: String, document: Document) -> Self {
        Draft { id, document, exported: None, trashed: None, revision: 0, previous: None }
    }
}

/// A draft's record as written.
#[derive(Serialize)]
struct DraftRecordOut<'a> {
    id: &'a str,
    revision: u64,
    exported: Option<Timestamp>,
    trashed: Option<Timestamp>,
    /// The exchange file, so stored drafts carry their schema version.
    document: exchange::Embedded<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<&'a Report>,
}

/// A draft's record as read: the document stays text (borrowed from the record's)
/// until it is wanted; a save reads only the marks ([`decode_head`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftRecordIn<'a> {
    id: String,
    /// Absent in records written before revisions existed: those are revision 0.
    #[serde(default)]
    revision: u64,
    exported: Option<Timestamp>,
    trashed: Option<Timestamp>,
    #[serde(borrow)]
    document: &'a RawValue,
    /// Absent in drafts not made from last year's report, and in records written before it existed.
    #[serde(default, borrow)]
    previous: Option<&'a RawValue>,
}

pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

pub(crate) fn history_key(id: &str) -> String {
    format!("{HISTORY_PREFIX}{id}")
}

/// A stored document: what the app wrote is read even when its timestamps are
/// outside the years imports allow (see [`exchange::from_stored`]).
pub(crate) fn read_document(raw: &RawValue) -> Result<Document, StoredError> {
    exchange::from_stored(raw).map_err(|e| match e {
        ImportError::NewerVersion { found, .. } => StoredError::Newer { found },
        other => StoredError::Damaged(other.to_string()),
    })
}

/// A draft's stored text.
pub fn encode_draft(draft: &Draft) -> String {
    let record = DraftRecordOut {
        id: &draft.id,
        revision: draft.revision,
        exported: draft.exported,
        trashed: draft.trashed,
        document: exchange::Embedded(&draft.document),
        previous: draft.previous.as_deref(),
    };
    serde_json::to_string(&record).unwrap_or_default()
}

/// Reads a draft's stored text.
pub fn decode_draft(text: &str) -> Result<Draft, StoredError> {
    // from_slice, as every reader of the app: one JSON reader in the wasm.
    let record: DraftRecordIn = serde_json::from_slice(text.as_bytes()).map_err(|e| StoredError::Damaged(e.to_string()))?;
    let document = read_document(record.document)?;
    // Last year's report is a copy kept for reference: one that does not read back
    // (edited by hand) is left out rather than making this year's text unreadable.
    let previous = record.previous.and_then(|raw| serde_json::from_slice::<Report>(raw.get().as_bytes()).ok()).map(Rc::new);
    Ok(Draft { id: record.id, document, exported: record.exported, trashed: record.trashed, revision: record.revision, previous })
}

/// A stored draft's revision and marks, read without its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Head {
    #[serde(default)]
    pub revision: u64,
    pub exported: Option<Timestamp>,
    pub trashed: Option<Timestamp>,
}

/// Reads a stored draft's revision and marks only: every save checks them, and
/// building the whole document each time would cost more than the write.
pub fn decode_head(text: &str) -> Option<Head> {
    serde_json::from_slice(text.as_bytes()).ok()
}

/// Reads one draft; `Ok(None)` when there is none with that id.
pub fn load(kv: &dyn KeyValue, id: &str) -> Result<Option<Result<Draft, StoredError>>, StorageError> {
    Ok(kv.get(&draft_key(id))?.map(|text| decode_draft(&text)))
}

/// Every record of ours, as stored: what a backup holds.
pub fn records(kv: &dyn KeyValue) -> Result<Vec<(String, String)>, StorageError> {
    let mut out = Vec::new();
    for key in kv.keys()?.into_iter().filter(|k| k.starts_with(DRAFT_PREFIX) || k.starts_with(HISTORY_PREFIX)) {
        if let Some(raw) = kv.get(&key)? {
            out.push((key, raw));
        }
    }
    order::sort(&mut out);
    Ok(out)
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
