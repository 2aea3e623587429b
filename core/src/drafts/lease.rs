//! One editing tab per draft where the browser has no Web Locks (plain-http
//! hosting from another host, older Firefox and Safari): a lease in storage,
//! renewed by a heartbeat. A tab that finds another's live lease only shows the
//! draft; taking over writes its own lease, and the other tab sees it at its
//! next heartbeat (or at once, through the `storage` event). A crashed tab's
//! lease runs out.
//!
//! Times are milliseconds since the epoch, passed in.

use serde::{Deserialize, Serialize};

use super::record::{KeyValue, StorageError};

pub(super) const LEASE_PREFIX: &str = "torikumi:lease:";
pub(super) const HANDOVER_PREFIX: &str = "torikumi:handover:";
/// How long a lease lasts without renewal.
pub const LEASE_MS: f64 = 6_000.0;
/// How often the holder renews it (well within [`LEASE_MS`]).
pub const HEARTBEAT_MS: u32 = 2_000;

#[derive(Debug, Serialize, Deserialize)]
struct LeaseRecord {
    tab: String,
    until: f64,
}

pub fn lease_key(draft_id: &str) -> String {
    format!("{LEASE_PREFIX}{draft_id}")
}

/// Where a tab that lost the editor role says it has written what it had
/// ([`hand_over`]): the tab that took over reads the draft once this changes.
pub fn handover_key(draft_id: &str) -> String {
    format!("{HANDOVER_PREFIX}{draft_id}")
}

/// Whether `key` is one of the tabs' coordination records (a lease, a handover):
/// no text of the user's, so clearing the device removes them without a backup.
pub fn is_tab_record(key: &str) -> bool {
    key.starts_with(LEASE_PREFIX) || key.starts_with(HANDOVER_PREFIX)
}

#[derive(Debug, Serialize, Deserialize)]
struct HandoverRecord {
    from: String,
    at: f64,
}

/// The old editor's last word: it has written (or tried to write) what it had.
/// Every call writes a new value, so another tab always sees a `storage` event.
pub fn hand_over(kv: &dyn KeyValue, draft_id: &str, from_tab: &str, now_ms: f64) -> Result<(), StorageError> {
    let record = HandoverRecord { from: from_tab.to_owned(), at: now_ms };
    kv.set(&handover_key(draft_id), &serde_json::to_string(&record).unwrap_or_default())
}

/// Removes a handover once the new editor has read it.
pub fn clear_handover(kv: &dyn KeyValue, draft_id: &str) -> Result<(), StorageError> {
    kv.remove(&handover_key(draft_id))
}

/// Whether a stored lease (its raw text) is another tab's and still running.
/// An unreadable lease counts as free: it guards nothing.
pub fn held_by_other(raw: Option<&str>, tab: &str, now_ms: f64) -> bool {
    raw.and_then(|r| serde_json::from_slice::<LeaseRecord>(r.as_bytes()).ok())
        .is_some_and(|lease| lease.tab != tab && lease.until > now_ms)
}

fn write(kv: &dyn KeyValue, draft_id: &str, tab: &str, now_ms: f64) -> Result<(), StorageError> {
    let record = LeaseRecord { tab: tab.to_owned(), until: now_ms + LEASE_MS };
    kv.set(&lease_key(draft_id), &serde_json::to_string(&record).unwrap_or_default())
}

/// Takes the lease if it is free (or `steal`: 「このタブで編集する」). Returns whether this tab holds it.
pub fn acquire(kv: &dyn KeyValue, draft_id: &str, tab: &str, now_ms: f64, steal: bool) -> Result<bool, StorageError> {
    let raw = kv.get(&lease_key(draft_id))?;
    if !steal && held_by_other(raw.as_deref(), tab, now_ms) {
        return Ok(false);
    }
    write(kv, draft_id, tab, now_ms)?;
    Ok(true)
}

/// The holder's heartbeat. Returns false when another tab has taken the lease.
pub fn renew(kv: &dyn KeyValue, draft_id: &str, tab: &str, now_ms: f64) -> Result<bool, StorageError> {
    acquire(kv, draft_id, tab, now_ms, false)
}

/// Gives the lease up, if this tab holds it.
pub fn release(kv: &dyn KeyValue, draft_id: &str, tab: &str) -> Result<(), StorageError> {
    let key = lease_key(draft_id);
    let ours = kv
        .get(&key)?
        .and_then(|r| serde_json::from_slice::<LeaseRecord>(r.as_bytes()).ok())
        .is_some_and(|lease| lease.tab == tab);
    if ours {
        kv.remove(&key)?;
    }
    Ok(())
}
