//! Drafts kept in the browser's local storage, behind a small key-value trait
//! so that everything but the browser call itself is tested natively.
//!
//! Keys: `torikumi:draft:<id>` holds a draft (its exchange file, its revision,
//! when it was last exported and whether it is in the trash);
//! `torikumi:history:<id>` holds its earlier versions; `torikumi:lease:<id>` says
//! which tab edits it where the browser has no Web Locks. A record that does not
//! parse (damaged, or from a newer version) is set aside: never overwritten,
//! never deleted, listed as damaged.
//!
//! - [`lifecycle`]: every change to a stored draft, each checked against what
//!   storage holds now (revisions and compare-and-set);
//! - [`history`]: earlier versions;
//! - [`lease`]: one editing tab per draft without Web Locks;
//! - [`record`]: a draft's stored text, and the key-value trait;
//! - [`listing`]: everything of ours, for the start page;
//! - [`backup`]: every record in one file, and reading it back.

pub mod backup;
pub mod history;
pub mod lease;
pub mod lifecycle;
pub mod listing;
pub mod record;

pub use history::{Snapshot, HISTORY_INTERVAL_SECONDS, HISTORY_LENGTH};
pub use listing::{list, Damaged, Listing};
pub use record::{
    decode_draft, draft_key, encode_draft, load, records, Draft, KeyValue, MemoryStore, StorageError, StoredError, KEY_PREFIX,
};
