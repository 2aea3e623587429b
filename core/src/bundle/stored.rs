//! The set kept in local storage under one key, with the drafts' no-loss rules:
//! every change is applied to what storage holds at that moment (another tab's
//! additions are never overwritten), a refused write keeps the set in the page
//! and says so, and a damaged stored set is never overwritten.

use super::types::{BundleError, BundleSet};
use crate::drafts::{KeyValue, StorageError};
use thiserror::Error;

/// The one key the set lives under.
pub const BUNDLE_KEY: &str = "torikumi:bundle";

/// The set as this page holds it, and what storage held when it was last read or written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeptSet {
    pub set: BundleSet,
    /// The stored text the page last saw (`None`: nothing stored).
    pub stored: Option<String>,
    /// The page holds changes storage refused.
    pub unsaved: bool,
}

/// Why the set could not be read from or written to storage.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BundleStoreError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// What storage holds cannot be read; it is left as it is.
    #[error("the stored bundle is damaged: {0}")]
    Damaged(BundleError),
    /// Another tab changed the set while this page held changes storage refused.
    #[error("the stored bundle changed while this page held unsaved changes")]
    Conflict,
    /// Another tab changed the set since it was shown: a change naming shown
    /// reports was not made; the set now shown is what storage holds.
    #[error("the stored bundle changed since it was shown")]
    Stale,
}

fn parse(text: Option<&str>) -> Result<BundleSet, BundleStoreError> {
    text.map_or(Ok(BundleSet::new()), |t| BundleSet::from_json(t).map_err(BundleStoreError::Damaged))
}

/// The set as storage holds it now.
pub fn open(kv: &dyn KeyValue) -> Result<KeptSet, BundleStoreError> {
    let stored = kv.get(BUNDLE_KEY)?;
    Ok(KeptSet { set: parse(stored.as_deref())?, stored, unsaved: false })
}

/// The stored text as it is (for downloading a damaged set before anything replaces it).
pub fn raw(kv: &dyn KeyValue) -> Result<Option<String>, StorageError> {
    kv.get(BUNDLE_KEY)
}

/// Applies `change` (one that names no shown report: adding files) to the set
/// storage holds now (or, while the page holds refused changes and storage is
/// as it was, to the page's set) and writes it. Returns the set to show and the
/// error to show with it, if any.
pub fn apply(kv: &dyn KeyValue, kept: &KeptSet, change: impl FnOnce(&mut BundleSet)) -> (KeptSet, Option<BundleStoreError>) {
    write(kv, kept, false, change)
}

/// Applies a change that names shown reports (removing, choosing, clearing)
/// only when storage still holds the set shown; otherwise shows what storage
/// holds now, with [`BundleStoreError::Stale`].
pub fn apply_shown(kv: &dyn KeyValue, kept: &KeptSet, change: impl FnOnce(&mut BundleSet)) -> (KeptSet, Option<BundleStoreError>) {
    write(kv, kept, true, change)
}

fn write(kv: &dyn KeyValue, kept: &KeptSet, shown_only: bool, change: impl FnOnce(&mut BundleSet)) -> (KeptSet, Option<BundleStoreError>) {
    let now = match kv.get(BUNDLE_KEY) {
        Ok(now) => now,
        Err(e) => {
            let mut set = kept.set.clone();
            change(&mut set);
            return (KeptSet { set, stored: kept.stored.clone(), unsaved: true }, Some(e.into()));
        }
    };
    let mut set = if now == kept.stored {
        kept.set.clone()
    } else if kept.unsaved {
        return (kept.clone(), Some(BundleStoreError::Conflict));
    } else if shown_only {
        return match parse(now.as_deref()) {
            Ok(set) => (KeptSet { set, stored: now, unsaved: false }, Some(BundleStoreError::Stale)),
            Err(e) => (kept.clone(), Some(e)),
        };
    } else {
        match parse(now.as_deref()) {
            Ok(set) => set,
            Err(e) => return (kept.clone(), Some(e)),
        }
    };
    change(&mut set);
    let written = if set.is_empty() {
        kv.remove(BUNDLE_KEY).map(|()| None)
    } else {
        let text = set.to_json();
        kv.set(BUNDLE_KEY, &text).map(|()| Some(text))
    };
    match written {
        Ok(stored) => (KeptSet { set, stored, unsaved: false }, None),
        Err(e) => (KeptSet { set, stored: now, unsaved: true }, Some(e.into())),
    }
}

/// Removes the stored set whatever it holds (「すべて外す」 on a damaged set, after the user agreed).
pub fn discard(kv: &dyn KeyValue) -> Result<KeptSet, StorageError> {
    kv.remove(BUNDLE_KEY)?;
    Ok(KeptSet::default())
}
