//! Everything of ours in the storage, for the start page: the drafts, what
//! cannot be read (kept as it is), and how much is used.

use super::history;
use super::record::{decode_draft, Draft, KeyValue, StorageError, StoredError, DRAFT_PREFIX, HISTORY_PREFIX, KEY_PREFIX};
use crate::order;

/// A stored record that could not be read, kept as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    pub key: String,
    pub error: StoredError,
    pub raw: String,
}

impl Damaged {
    /// An ASCII file name to download the record under, as it is.
    pub fn file_name(&self) -> String {
        format!("{}.json", self.key.replace(':', "_"))
    }
}

/// Everything of ours in the storage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// Drafts, most recently changed first (those in the trash included).
    pub drafts: Vec<Draft>,
    /// Drafts and histories that cannot be read.
    pub damaged: Vec<Damaged>,
    /// Characters used by our keys and values (local storage counts UTF-16 units; near enough).
    pub used_chars: usize,
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
        } else if key.starts_with(HISTORY_PREFIX) {
            if let Err(error) = history::decode(&raw) {
                listing.damaged.push(Damaged { key, error, raw });
            }
        }
    }
    order::sort_by(&mut listing.drafts, |a, b| b.document.changed.0.cmp(&a.document.changed.0));
    order::sort_by(&mut listing.damaged, |a, b| a.key.cmp(&b.key));
    Ok(listing)
}

