//! The set kept in local storage under one key, with the drafts' no-loss rules:
//! every change is applied to what storage holds at that moment (another tab's
//! additions are never overwritten), a refused write keeps the set in the page
//! and says so, and the next change writes it once storage allows (joined with
//! what another tab stored meanwhile); a damaged stored set is never overwritten,
//! and removed only as it was shown.
//!
//! A tab in another process may read storage a moment before another tab's write
//! reaches it (Chromium keeps a copy of local storage in each process), and so
//! write on an older read. Each stored text names the text it replaced (a digest):
//! a page whose text was replaced by one not written on it joins its reports and
//! comments back ([`follow`]).

use super::file::{from_stored_json, to_stored_json};
use super::types::{BundleError, BundleSet};
use crate::comments::{Comment, MAX_COMMENTS};
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
    /// What `stored` says it was written on (a digest of the text it replaced;
    /// `None` for nothing stored, a file, or an earlier version's text).
    pub written_on: Option<String>,
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

/// The set a stored text holds, and what it was written on.
fn parse(text: Option<&str>) -> Result<(BundleSet, Option<String>), BundleStoreError> {
    text.map_or(Ok((BundleSet::new(), None)), |t| from_stored_json(t.as_bytes()).map_err(BundleStoreError::Damaged))
}

/// What the page holds once storage holds `stored`, which reads as `set`.
fn held(set: BundleSet, stored: Option<String>, written_on: Option<String>) -> KeptSet {
    KeptSet { set, stored, written_on, unsaved: false, damaged: None }
}

/// A digest of a stored text (FNV-1a, 64 bits, in hex; nothing stored is the
/// empty text): what the next text says it was written on. Not a defence against
/// forgery, only a way to tell one text from another.
fn digest(text: Option<&str>) -> String {
    let hash = text.unwrap_or("").bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    // By hand rather than `format!("{:x}")`: no formatting machinery in the wasm for it.
    (0..16).filter_map(|i| char::from_digit(((hash >> (60 - 4 * i)) & 0xf) as u32, 16)).collect()
}

/// The set as storage holds it now.
pub fn open(kv: &dyn KeyValue) -> Result<KeptSet, BundleStoreError> {
    let stored = kv.get(BUNDLE_KEY)?;
    let (set, written_on) = parse(stored.as_deref())?;
    Ok(held(set, stored, written_on))
}

/// The set to show, as storage holds it now, and the error to show with it; a
/// damaged stored text is kept in [`KeptSet::damaged`], so that what is offered
/// for download and removed is the text shown, not what storage holds later.
pub fn show(kv: &dyn KeyValue) -> (KeptSet, Option<BundleStoreError>) {
    match kv.get(BUNDLE_KEY) {
        Err(e) => (KeptSet::default(), Some(e.into())),
        Ok(stored) => match parse(stored.as_deref()) {
            Ok((set, written_on)) => (held(set, stored, written_on), None),
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
            return (KeptSet { set, unsaved: true, damaged: None, ..kept.clone() }, Some(e.into()));
        }
    };
    let (mut set, written_on) = if now == kept.stored {
        (kept.set.clone(), kept.written_on.clone())
    } else if kept.unsaved {
        // Another tab wrote while this page held what storage refused: both are kept,
        // the page's reports and comments joining the stored set (its removals wait:
        // nothing is lost; a report both hold is joined, not added twice).
        let (mut joined, written_on) = match parse(now.as_deref()) {
            Ok(read) => read,
            Err(e) => return (kept.clone(), Some(e)),
        };
        if rejoin(&mut joined, kept.set.clone()).past_limit > 0 {
            // Joined, some of this page's reports would be left out: nothing is dropped.
            return (kept.clone(), Some(BundleStoreError::JoinPastLimit));
        }
        if shown_only {
            // The change names reports as shown; the joined set is stored and shown instead.
            let (joined, error) = store(kv, joined, now, written_on);
            return (joined, error.or(Some(BundleStoreError::Stale)));
        }
        (joined, written_on)
    } else if shown_only {
        return match parse(now.as_deref()) {
            Ok((set, written_on)) => (held(set, now, written_on), Some(BundleStoreError::Stale)),
            Err(e) => (kept.clone(), Some(e)),
        };
    } else {
        match parse(now.as_deref()) {
            Ok(read) => read,
            Err(e) => return (kept.clone(), Some(e)),
        }
    };
    change(&mut set);
    store(kv, set, now, written_on)
}

/// Writes `set` over `now` (what storage held when read, which says it was written
/// on `now_written_on`); on a refusal the page keeps it as unsaved, based on `now`,
/// so a later change writes it once storage allows.
fn store(kv: &dyn KeyValue, set: BundleSet, now: Option<String>, now_written_on: Option<String>) -> (KeptSet, Option<BundleStoreError>) {
    let written = if set.is_empty() {
        kv.remove(BUNDLE_KEY).map(|()| (None, None))
    } else {
        let on = digest(now.as_deref());
        let text = to_stored_json(&set, &on);
        kv.set(BUNDLE_KEY, &text).map(|()| (Some(text), Some(on)))
    };
    match written {
        Ok((stored, written_on)) => (held(set, stored, written_on), None),
        Err(e) => (KeptSet { set, stored: now, written_on: now_written_on, unsaved: true, damaged: None }, Some(e.into())),
    }
}

/// Follows another tab's write (a `storage` event: storage now holds `new`).
/// When this page held a set and `new` was not written on it (the other tab read
/// storage before this page's text reached it, or wrote on an older one), what
/// this page held is joined back into what storage holds now: its reports missing
/// there, their choices, and its comments missing from the same reports. Nothing
/// is lost; a report or comment the other tab removed on its older read (or a tab
/// of an earlier version, whose texts name nothing) comes back, and where both
/// changed one comment's text the other tab's stays. A set
/// emptied on an older read is not caught: nothing is stored to say what it was
/// written on. Otherwise (and while this page holds changes storage refused, as
/// [`apply`] does) the page shows what storage holds now.
pub fn follow(kv: &dyn KeyValue, kept: &KeptSet, new: Option<&str>) -> (KeptSet, Option<BundleStoreError>) {
    if kept.unsaved {
        return apply(kv, kept, |_| {});
    }
    let (shown, error) = show(kv);
    let (Some(held_text), Some(new), None) = (kept.stored.as_deref(), new, &error) else {
        return (shown, error);
    };
    if new == held_text {
        // Nothing this page holds was replaced (storage moved on before this event came).
        return (shown, None);
    }
    let written_on = if Some(new) == shown.stored.as_deref() {
        shown.written_on.clone()
    } else {
        parse(Some(new)).ok().and_then(|(_, on)| on)
    };
    if written_on.is_some_and(|on| on == digest(Some(held_text))) {
        return (shown, None);
    }
    let mut joined = shown.set.clone();
    if rejoin(&mut joined, kept.set.clone()).past_limit > 0 {
        // Joined, some of this page's reports would be left out: the page keeps them, as refused.
        return (KeptSet { unsaved: true, ..kept.clone() }, Some(BundleStoreError::JoinPastLimit));
    }
    if joined == shown.set {
        return (shown, None);
    }
    store(kv, joined, shown.stored, shown.written_on)
}

/// Joins `lost` (a set a write on an older read replaced, or one storage refused)
/// into `set`: a report `set` holds another version of (the same file added at the
/// same time) gives the comments that version lacks (up to [`MAX_COMMENTS`]), and
/// its choice; the others join as added files do ([`BundleSet::merge`]). Says
/// what did not fit.
fn rejoin(set: &mut BundleSet, mut lost: BundleSet) -> super::Added {
    let (mut chosen, mut left_out) = (Vec::new(), 0);
    let choices = std::mem::take(&mut lost.choices);
    lost.entries.retain(|theirs| {
        let same_file = |e: &&mut super::Entry| e.file_name == theirs.file_name && e.added == theirs.added;
        let Some(ours) = set.entries.iter_mut().find(same_file) else { return true };
        let report = &mut ours.document.report;
        for comment in &theirs.document.report.comments {
            // Here already, or joined back before under a fresh id.
            if report.comments.iter().any(|o| o.same_id(comment) || o.same_content(comment)) {
                continue;
            }
            if report.comments.len() >= MAX_COMMENTS {
                // A report with more would not read back: the page keeps it, as past the limit.
                left_out += 1;
                continue;
            }
            report.comments.push(Comment { id: report.comment_id_for(comment.id), ..comment.clone() });
        }
        if choices.iter().any(|(_, id)| *id == theirs.id) {
            chosen.push(ours.id);
        }
        false
    });
    lost.choices = choices;
    let mut added = set.merge(lost);
    added.past_limit += left_out;
    for id in chosen {
        set.choose(id);
    }
    added
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
