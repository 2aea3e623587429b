//! The set kept in local storage under one key, with the drafts' no-loss rules:
//! every change is applied to what storage holds at that moment (another tab's
//! additions are never overwritten), a refused write keeps the set in the page
//! and says so, and the next change writes it once storage allows (joined with
//! what another tab stored meanwhile); a damaged stored set is never overwritten,
//! and removed only as it was shown.

use super::file::from_stored_json;
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
    /// The stored text shown as damaged (what 「保存内容をダウンロード」 gives and
    /// 「すべて外す」 may remove); `None` when what is stored reads.
    pub damaged: Option<String>,
}

/// Why the set could not be read from or written to storage.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BundleStoreError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// What storage holds cannot be read; it is left as it is.
    #[error("the stored bundle is damaged: {0}")]
    Damaged(BundleError),
    /// Another tab changed the set while this page held changes storage refused,
    /// and the two together pass the set's limits: nothing was joined or written.
    #[error("the page's unsaved set and the stored one together pass the limits")]
    JoinPastLimit,
    /// Another tab changed the set since it was shown: a change naming shown
    /// reports was not made; the set now shown is what storage holds.
    #[error("the stored bundle changed since it was shown")]
    Stale,
}

fn parse(text: Option<&str>) -> Result<BundleSet, BundleStoreError> {
    text.map_or(Ok(BundleSet::new()), |t| from_stored_json(t.as_bytes()).map_err(BundleStoreError::Damaged))
}

/// The set as storage holds it now.
pub fn open(kv: &dyn KeyValue) -> Result<KeptSet, BundleStoreError> {
    let stored = kv.get(BUNDLE_KEY)?;
    Ok(KeptSet { set: parse(stored.as_deref())?, stored, unsaved: false, damaged: None })
}

/// The set to show, as storage holds it now, and the error to show with it; a
/// damaged stored text is kept in [`KeptSet::damaged`], so that what is offered
/// for download and removed is the text shown, not what storage holds later.
pub fn show(kv: &dyn KeyValue) -> (KeptSet, Option<BundleStoreError>) {
    match kv.get(BUNDLE_KEY) {
        Err(e) => (KeptSet::default(), Some(e.into())),
        Ok(stored) => match parse(stored.as_deref()) {
            Ok(set) => (KeptSet { set, stored, unsaved: false, damaged: None }, None),
            Err(e) => (KeptSet { damaged: stored, ..KeptSet::default() }, Some(e)),
        },
    }
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
            return (KeptSet { set, stored: kept.stored.clone(), unsaved: true, damaged: None }, Some(e.into()));
        }
    };
    let mut set = if now == kept.stored {
        kept.set.clone()
    } else if kept.unsaved {
        // Another tab wrote while this page held what storage refused: both are kept,
        // the page's reports joining the stored set (its removals wait: nothing is lost).
        let mut joined = match parse(now.as_deref()) {
            Ok(set) => set,
            Err(e) => return (kept.clone(), Some(e)),
        };
        if joined.merge(kept.set.clone()).past_limit > 0 {
            // Joined, some of this page's reports would be left out: nothing is dropped.
            return (kept.clone(), Some(BundleStoreError::JoinPastLimit));
        }
        if shown_only {
            // The change names reports as shown; the joined set is stored and shown instead.
            let (joined, error) = store(kv, joined, now);
            return (joined, error.or(Some(BundleStoreError::Stale)));
        }
        joined
    } else if shown_only {
        return match parse(now.as_deref()) {
            Ok(set) => (KeptSet { set, stored: now, unsaved: false, damaged: None }, Some(BundleStoreError::Stale)),
            Err(e) => (kept.clone(), Some(e)),
        };
    } else {
        match parse(now.as_deref()) {
            Ok(set) => set,
            Err(e) => return (kept.clone(), Some(e)),
        }
    };
    change(&mut set);
    store(kv, set, now)
}

/// Writes `set` over `now` (what storage held when read); on a refusal the page
/// keeps it as unsaved, based on `now`, so a later change writes it once storage allows.
fn store(kv: &dyn KeyValue, set: BundleSet, now: Option<String>) -> (KeptSet, Option<BundleStoreError>) {
    let written = if set.is_empty() {
        kv.remove(BUNDLE_KEY).map(|()| None)
    } else {
        let text = set.to_json();
        kv.set(BUNDLE_KEY, &text).map(|()| Some(text))
    };
    match written {
        Ok(stored) => (KeptSet { set, stored, unsaved: false, damaged: None }, None),
        Err(e) => (KeptSet { set, stored: now, unsaved: true, damaged: None }, Some(e.into())),
    }
}

/// 「すべて外す」 on a damaged set, after the user agreed: removes the stored text
/// only while it is the damaged text shown (`kept.damaged`). When storage holds
/// anything else by then (another tab replaced it), nothing is removed and what
/// storage holds now is shown, with [`BundleStoreError::Stale`].
pub fn discard(kv: &dyn KeyValue, kept: &KeptSet) -> (KeptSet, Option<BundleStoreError>) {
    let now = match kv.get(BUNDLE_KEY) {
        Ok(now) => now,
        Err(e) => return (kept.clone(), Some(e.into())),
    };
    if now.is_some() && now != kept.damaged {
        let (shown, error) = show(kv);
        return (shown, error.or(Some(BundleStoreError::Stale)));
    }
    match kv.remove(BUNDLE_KEY) {
        Ok(()) => (KeptSet::default(), None),
        Err(e) => (kept.clone(), Some(e.into())),
    }
}
