//! A backup: every record of ours in one file, exactly as stored (damaged ones
//! too), so it can be mailed to someone who can help, and read back by
//! 「読み込む」. `static/boot.js` writes the same format in plain JavaScript when
//! the app itself has failed.
//!
//! `{"schema": "torikumi/backup/v1", "created": "…", "records": {"torikumi:draft:…": "<stored text>", …}}`

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::lifecycle::{self, DraftError};
use super::record::{decode_draft, load, Draft, KeyValue, DRAFT_PREFIX};
use crate::exchange::{self, ImportError};
use crate::order;
use crate::timestamp::{Timestamp, JST};

/// Every backup's schema id starts with this, followed by its version.
const BACKUP_PREFIX: &str = "torikumi/backup/v";
/// The version written, and the newest read.
const BACKUP_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct BackupFile {
    schema: String,
    /// When it was made; informative only (boot.js writes JavaScript's ISO form).
    #[serde(default)]
    created: String,
    records: Records,
}

/// The records by storage key, in key order, written as a JSON object. Not a map type:
/// a `BTreeMap` compiled a sort and the tree's code of its own into the page's wasm, a
/// `HashMap` its table's, for a list that is only ever written out and read through
/// (issue 23).
struct Records(Vec<(String, String)>);

impl Serialize for Records {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(key, raw)| (key, raw)))
    }
}

impl<'de> Deserialize<'de> for Records {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RecordsVisitor)
    }
}

struct RecordsVisitor;

impl<'de> Visitor<'de> for RecordsVisitor {
    type Value = Records;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the stored records by key")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Records, A::Error> {
        let mut records: Vec<(String, String)> = Vec::new();
        while let Some(record) = map.next_entry()? {
            records.push(record);
        }
        order::sort_by(&mut records, |a, b| a.0.cmp(&b.0));
        // A key twice (only a file made by hand has one): the last, as a map reads it.
        records.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        Ok(Records(records))
    }
}

/// The backup file's text.
pub fn to_json(records: &[(String, String)], now: Timestamp) -> String {
    let file = BackupFile {
        schema: format!("{BACKUP_PREFIX}{BACKUP_VERSION}"),
        // The timestamp's own JSON text is a quoted string: the string is what goes in.
        created: serde_json::to_string(&now).map(|t| t.trim_matches('"').to_owned()).unwrap_or_default(),
        records: Records({
            let mut records = records.to_vec();
            order::sort(&mut records);
            records
        }),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// `torikumi_backup_20261125-1030.json`
pub fn file_name(now: Timestamp) -> String {
    let t = now.0.checked_to_offset(JST).unwrap_or(now.0);
    format!("torikumi_backup_{:04}{:02}{:02}-{:02}{:02}.json", t.year(), u8::from(t.month()), t.day(), t.hour(), t.minute())
}

/// Whether a schema id (`exchange::read_schema`) is a backup file's (rather than a report's).
pub fn is_backup(schema: &str) -> bool {
    schema.starts_with(BACKUP_PREFIX)
}

/// What a backup holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contents {
    pub drafts: Vec<Draft>,
    /// Draft records in it that cannot be read (they stay in the file).
    pub unreadable: usize,
}

/// Reads a backup file's drafts.
pub fn read(bytes: &[u8]) -> Result<Contents, ImportError> {
    let schema = exchange::read_schema(bytes)?;
    let found = exchange::schema_version_of(schema.as_deref(), BACKUP_PREFIX).ok_or(ImportError::NotAReport)?;
    if found > BACKUP_VERSION {
        return Err(ImportError::NewerVersion { found, supported: BACKUP_VERSION });
    }
    let file: BackupFile = serde_json::from_slice(bytes).map_err(|e| ImportError::Invalid { detail: e.to_string() })?;
    let mut contents = Contents::default();
    for (key, raw) in file.records.0.iter().filter(|(k, _)| k.starts_with(DRAFT_PREFIX)) {
        match decode_draft(raw).ok().filter(|d| draft_key_matches(key, d)) {
            Some(draft) => contents.drafts.push(draft),
            None => contents.unreadable += 1,
        }
    }
    Ok(contents)
}

fn draft_key_matches(key: &str, draft: &Draft) -> bool {
    key.strip_prefix(DRAFT_PREFIX) == Some(draft.id.as_str())
}

/// What reading a backup back did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Restored {
    /// Drafts added (under their own id, or a new one when that id holds other text).
    pub added: usize,
    /// Drafts already here with the same text.
    pub unchanged: usize,
}

/// Stores a backup's drafts. Nothing here is overwritten: a draft whose id is
/// taken by other text comes in under a new id (`new_id`), beside it.
pub fn restore(kv: &dyn KeyValue, contents: &Contents, new_id: &mut dyn FnMut() -> String) -> Result<Restored, DraftError> {
    let mut restored = Restored::default();
    for draft in &contents.drafts {
        let id = match load(kv, &draft.id)? {
            None => draft.id.clone(),
            Some(Ok(here)) if here.document == draft.document => {
                restored.unchanged += 1;
                continue;
            }
            Some(_) => new_id(),
        };
        lifecycle::create(kv, &Draft { id, ..draft.clone() })?;
        restored.added += 1;
    }
    Ok(restored)
}
