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

/// Whether a stored lease (its raw text) is another tab's and still running.
/// An unreadable lease counts as free: it guards nothing.
pub fn held_by_other(raw: Option<&str>, tab: &str, now_ms: f64) -> bool {
    raw.and_then(|r| serde_json::from_str::<LeaseRecord>(r).ok())
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

/// Whether this tab holds a running lease.
pub fn holds(kv: &dyn KeyValue, draft_id: &str, tab: &str, now_ms: f64) -> Result<bool, StorageError> {
    Ok(kv
        .get(&lease_key(draft_id))?
        .and_then(|r| serde_json::from_str::<LeaseRecord>(&r).ok())
        .is_some_and(|lease| lease.tab == tab && lease.until > now_ms))
}

/// Gives the lease up, if this tab holds it.
pub fn release(kv: &dyn KeyValue, draft_id: &str, tab: &str) -> Result<(), StorageError> {
    let key = lease_key(draft_id);
    let ours = kv
        .get(&key)?
        .and_then(|r| serde_json::from_str::<LeaseRecord>(&r).ok())
        .is_some_and(|lease| lease.tab == tab);
    if ours {
        kv.remove(&key)?;
    }
    Ok(())
}
