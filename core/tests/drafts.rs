//! Drafts in local storage: saving, listing, damage set aside, history, the
//! trash, clearing, and next year's draft.

use torikumi_core::exchange;
use torikumi_core::sample::sample_report;
use torikumi_core::drafts::history::{self, HistoryError, VersionKeeper};
use torikumi_core::drafts::lifecycle::{self, DraftError};
use torikumi_core::drafts::{self, Draft, KeyValue, MemoryStore, StorageError, StoredError, HISTORY_LENGTH};
use torikumi_core::{Count, Document, Timestamp};

fn at(minutes: i64) -> Timestamp {
    Timestamp::from_unix_millis((1_700_000_000_000i64 + minutes * 60_000) as f64)
}

fn draft(id: &str, changed_minute: i64) -> Draft {
    let mut document = Document::new(at(0));
    document.report = sample_report();
    document.changed = at(changed_minute);
    Draft::new(id.to_owned(), document)
}

#[test]
fn a_saved_draft_loads_back_equal() {
    let kv = MemoryStore::default();
    let mut d = draft("a", 1);
    d.exported = Some(at(2));
    let stored = lifecycle::create(&kv, &d).unwrap();
    assert_eq!(stored.revision, 1);
    assert_eq!(drafts::load(&kv, "a").unwrap(), Some(Ok(Draft { revision: 1, ..d })));
    assert_eq!(drafts::load(&kv, "missing").unwrap(), None);
}

#[test]
fn the_listing_is_newest_first_and_counts_what_it_uses() {
    let kv = MemoryStore::default();
    lifecycle::create(&kv, &draft("old", 1)).unwrap();
    lifecycle::create(&kv, &draft("new", 5)).unwrap();
    kv.set("someone-else", "x").unwrap();
    let listing = drafts::list(&kv).unwrap();
    let ids: Vec<_> = listing.drafts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["new", "old"]);
    let ours: usize = kv.entries.borrow().iter().filter(|(k, _)| k.starts_with("torikumi:")).map(|(k, v)| k.chars().count() + v.chars().count()).sum();
    assert_eq!(listing.used_chars, ours);
}

#[test]
fn a_damaged_record_is_set_aside_never_deleted_and_kept_as_it_was() {
    let kv = MemoryStore::default();
    lifecycle::create(&kv, &draft("good", 1)).unwrap();
    kv.set("torikumi:draft:broken", "{\"id\": \"broken\", \"docu").unwrap();
    let listing = drafts::list(&kv).unwrap();
    assert_eq!(listing.drafts.len(), 1);
    assert_eq!(listing.damaged.len(), 1);
    assert_eq!(listing.damaged[0].key, "torikumi:draft:broken");
    assert_eq!(listing.damaged[0].raw, "{\"id\": \"broken\", \"docu");
    assert!(matches!(listing.damaged[0].error, StoredError::Damaged(_)));
    assert!(kv.get("torikumi:draft:broken").unwrap().is_some());
}

#[test]
fn a_record_from_a_newer_version_is_set_aside_as_newer() {
    let kv = MemoryStore::default();
    let text = drafts::encode_draft(&draft("next", 1)).replace(&torikumi_core::exchange::schema_id(), "torikumi/report/v9");
    kv.set("torikumi:draft:next", &text).unwrap();
    let listing = drafts::list(&kv).unwrap();
    assert_eq!(listing.damaged[0].error, StoredError::Newer { found: 9 });
}

#[test]
fn a_full_storage_is_reported_and_the_stored_draft_is_untouched() {
    let kv = MemoryStore { limit: Some(20_000), ..MemoryStore::default() };
    let d = lifecycle::create(&kv, &draft("a", 1)).unwrap();
    let mut big = d.clone();
    big.document.report.sections.main_work = "あ".repeat(30_000);
    assert_eq!(lifecycle::save(&kv, &d, &big), Err(DraftError::Storage(StorageError::Full)));
    assert_eq!(drafts::load(&kv, "a").unwrap(), Some(Ok(d)));
}

#[test]
fn earlier_versions_are_kept_every_few_minutes_up_to_twenty() {
    let kv = MemoryStore::default();
    let mut d = draft("a", 0);
    assert!(history::keep_version(&kv, "a", &d.document, at(0), false).unwrap());
    d.document.report.sections.issues = "変更".into();
    assert!(!history::keep_version(&kv, "a", &d.document, at(1), false).unwrap(), "too soon");
    assert!(history::keep_version(&kv, "a", &d.document, at(3), false).unwrap());
    assert!(!history::keep_version(&kv, "a", &d.document, at(9), false).unwrap(), "unchanged since");
    for i in 0..30 {
        d.document.report.sections.plans = format!("版{i}");
        history::keep_version(&kv, "a", &d.document, at(10 + 3 * i), false).unwrap();
    }
    let versions = history::history(&kv, "a").unwrap();
    assert_eq!(versions.len(), HISTORY_LENGTH);
    assert_eq!(versions[0].document.report.sections.plans, "版29", "newest first");
}

#[test]
fn the_trash_is_a_mark_and_delete_and_clear_remove_for_good() {
    let kv = MemoryStore::default();
    lifecycle::create(&kv, &draft("a", 1)).unwrap();
    history::keep_version(&kv, "a", &draft("a", 1).document, at(2), true).unwrap();
    assert_eq!(lifecycle::purge(&kv, "a"), Err(DraftError::NotInTrash), "only from the trash");
    lifecycle::trash(&kv, "a", at(2)).unwrap();
    assert_eq!(drafts::list(&kv).unwrap().drafts[0].trashed, Some(at(2)));
    lifecycle::purge(&kv, "a").unwrap();
    assert!(kv.keys().unwrap().is_empty());
    lifecycle::create(&kv, &draft("b", 1)).unwrap();
    kv.set("torikumi:draft:broken", "x").unwrap();
    kv.set("other-app", "kept").unwrap();
    lifecycle::clear_all(&kv).unwrap();
    assert_eq!(kv.keys().unwrap(), ["other-app"]);
}

#[test]
fn a_damaged_history_is_never_overwritten_and_is_listed() {
    let kv = MemoryStore::default();
    lifecycle::create(&kv, &draft("a", 1)).unwrap();
    kv.set("torikumi:history:a", "[{\"at\": broken").unwrap();
    let kept = history::keep_version(&kv, "a", &draft("a", 2).document, at(10), true);
    assert!(matches!(kept, Err(HistoryError::Damaged(_))));
    assert_eq!(kv.get("torikumi:history:a").unwrap().as_deref(), Some("[{\"at\": broken"));
    let listing = drafts::list(&kv).unwrap();
    assert_eq!(listing.damaged.iter().map(|d| d.key.as_str()).collect::<Vec<_>>(), ["torikumi:history:a"]);
}

#[test]
fn next_years_draft_keeps_the_structure_and_clears_or_keeps_the_rest() {
    let last = sample_report();
    let cleared = last.for_next_year(false);
    assert_eq!(cleared.fiscal_year, Some(2024));
    assert_eq!(cleared.ward, last.ward);
    assert_eq!(cleared.basis, None);
    assert_eq!(cleared.teams.iter().map(|t| &t.name).collect::<Vec<_>>(), last.teams.iter().map(|t| &t.name).collect::<Vec<_>>());
    assert!(cleared.teams.iter().all(|t| t.count.is_none() && t.content.is_empty()));
    assert_eq!(cleared.bodies.network.local_name, last.bodies.network.local_name);
    assert_eq!(cleared.bodies.network.parts.len(), 3);
    assert!(cleared.bodies.network.parts.iter().all(|p| p.count.is_none() && !p.name.is_empty()));
    assert_eq!(cleared.sections.main_work, "");
    let kept = last.for_next_year(true);
    assert_eq!(kept.teams, last.teams);
    assert_eq!(kept.bodies.plenary.count, Some(Count::Number(2)));
    assert_eq!(kept.sections, last.sections);
}

#[test]
fn a_stored_draft_holds_an_exchange_file() {
    let d = draft("a", 1);
    let text = drafts::encode_draft(&d);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["document"]["schema"], exchange::schema_id());
}

#[test]
fn while_saving_the_history_is_looked_at_once_per_interval() {
    let kv = MemoryStore::default();
    let mut keeper = VersionKeeper::default();
    let mut d = draft("a", 0);
    assert!(keeper.after_save(&kv, &d, at(0)).unwrap());
    // Within the interval the history is not even read (a damaged one would be an error).
    kv.set("torikumi:history:a", "damaged").unwrap();
    d.document.report.sections.issues = "変更".into();
    assert!(!keeper.after_save(&kv, &d, at(1)).unwrap());
    assert!(matches!(keeper.after_save(&kv, &d, at(3)), Err(HistoryError::Damaged(_))));
}
