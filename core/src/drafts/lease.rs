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
    /// Which taking of the lease this is ([`Taking`]). Absent in an older app's lease,
    /// which then counts as the newest: an older tab's take-over is never ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    taken: Option<u64>,
}

/// Which taking of a draft's lease a tab holds: taking a free lease or taking over counts
/// one up, and a renewal keeps it. Without Web Locks, storage is not one writer at a time
/// across tabs: the old holder's heartbeat can read its own lease just before a take-over
/// and write it back just after. A holder hearing of another tab's lease of an earlier
/// taking writes its own again instead of giving up, so that tab learns it lost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Taking(u64);

impl LeaseRecord {
    fn read(raw: Option<&str>) -> Option<LeaseRecord> {
        raw.and_then(|r| serde_json::from_slice(r.as_bytes()).ok())
    }

    /// Whether this is another tab's lease that outranks `held` (this tab's taking, if it
    /// holds one). A holder goes by the takings alone, running or not: tabs can disagree
    /// on when a lease runs out (a slow tab's clock runs ahead), and each would otherwise
    /// write over the other's lease for ever. A tab that only views, or an older app's lease
    /// (no taking), goes by whether the lease still runs.
    fn outranks(&self, tab: &str, now_ms: f64, held: Option<Taking>) -> bool {
        self.tab != tab
            && match (self.taken, held) {
                (Some(taken), Some(Taking(ours))) => taken >= ours,
                _ => self.until > now_ms,
            }
    }
}

/// Why 「このタブで編集する」 left this tab viewing: the other tab edits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TakeOverRefused {
    /// Storage refused this tab's lease (full, or a policy).
    Storage,
    /// The browser's Web Locks refused the take-over or left it unanswered, while another tab
    /// holds the draft's lock. A lease cannot take it from that tab, which does not read
    /// leases: taking one would make two editors.
    Locks,
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

/// Whether a stored lease (its raw text) is another tab's, still running, and not of an
/// earlier taking than `held` (this tab's, when it holds the lease).
/// An unreadable lease counts as free: it guards nothing.
pub fn held_by_other(raw: Option<&str>, tab: &str, now_ms: f64, held: Option<Taking>) -> bool {
    LeaseRecord::read(raw).is_some_and(|lease| lease.outranks(tab, now_ms, held))
}

fn write(kv: &dyn KeyValue, draft_id: &str, tab: &str, now_ms: f64, taking: Taking) -> Result<(), StorageError> {
    let record = LeaseRecord { tab: tab.to_owned(), until: now_ms + LEASE_MS, taken: Some(taking.0) };
    kv.set(&lease_key(draft_id), &serde_json::to_string(&record).unwrap_or_default())
}

/// Takes the lease if it is free (or `steal`: 「このタブで編集する」). Returns the taking
/// this tab now holds, or `None` when another tab holds the lease.
pub fn acquire(kv: &dyn KeyValue, draft_id: &str, tab: &str, now_ms: f64, steal: bool) -> Result<Option<Taking>, StorageError> {
    let stored = LeaseRecord::read(kv.get(&lease_key(draft_id))?.as_deref());
    if !steal && stored.as_ref().is_some_and(|lease| lease.outranks(tab, now_ms, None)) {
        return Ok(None);
    }
    let taking = Taking(stored.and_then(|lease| lease.taken).unwrap_or(0).saturating_add(1));
    write(kv, draft_id, tab, now_ms, taking)?;
    Ok(Some(taking))
}

/// The holder's heartbeat, and its answer to another tab's write of the lease: writes
/// this tab's lease again unless another tab's outranks it. Returns false when another
/// tab has taken the lease.
pub fn renew(kv: &dyn KeyValue, draft_id: &str, tab: &str, now_ms: f64, held: Taking) -> Result<bool, StorageError> {
    if held_by_other(kv.get(&lease_key(draft_id))?.as_deref(), tab, now_ms, Some(held)) {
        return Ok(false);
    }
    write(kv, draft_id, tab, now_ms, held)?;
    Ok(true)
}

/// Gives the lease up, if this tab holds it: it runs out at once, and keeps its taking, so
/// the next one counts on. A page kept by the browser's back-forward cache then comes back
/// holding a lower taking than any tab that took the lease since, and gives way.
pub fn release(kv: &dyn KeyValue, draft_id: &str, tab: &str) -> Result<(), StorageError> {
    let key = lease_key(draft_id);
    match LeaseRecord::read(kv.get(&key)?.as_deref()) {
        Some(lease) if lease.tab == tab => {
            let record = LeaseRecord { until: 0.0, ..lease };
            kv.set(&key, &serde_json::to_string(&record).unwrap_or_default())
        }
        _ => Ok(()),
    }
}
