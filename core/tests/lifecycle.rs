//! The draft lifecycle: every write checked against what storage holds now,
//! backups before replacing, one editing tab without Web Locks, and backups of
//! the whole device.

use torikumi_core::sample::sample_report;
use torikumi_core::drafts::history::{self, HistoryError};
use torikumi_core::drafts::lifecycle::{self, DraftError, ImportPlan};
use torikumi_core::drafts::{self, backup, lease, Draft, KeyValue, MemoryStore};
use torikumi_core::{incoming, Document, Timestamp};

fn at(minutes: i64) -> Timestamp {
    Timestamp::from_unix_millis((1_700_000_000_000i64 + minutes * 60_000) as f64)
}

fn document(main_work: &str, changed_minute: i64) -> Document {
    let mut document = Document::new(at(0));
    document.report = sample_report();
    document.report.sections.main_work = main_work.to_owned();
    document.changed = at(changed_minute);
    document
}

fn stored(kv: &MemoryStore, id: &str) -> Draft {
    lifecycle::find(kv, id).unwrap()
}

/// A draft stored at revision 1, and the same draft saved again by its editing tab (revision 2).
fn edited_twice(kv: &MemoryStore) -> (Draft, Draft) {
    let first = lifecycle::create(kv, &Draft::new("a".into(), document("最初", 1))).unwrap();
    let newer = Draft { document: document("最初と、あとから書いた文", 2), ..first.clone() };
    let second = lifecycle::save(kv, &first, &newer).unwrap();
    (first, second)
}

#[test]
fn every_write_bumps_the_revision() {
    let kv = MemoryStore::default();
    let (first, second) = edited_twice(&kv);
    assert_eq!((first.revision, second.revision), (1, 2));
    assert_eq!(stored(&kv, "a"), second);
}

#[test]
fn a_write_based_on_an_older_revision_is_refused_and_changes_nothing() {
    let kv = MemoryStore::default();
    let (first, second) = edited_twice(&kv);
    let stale = Draft { document: document("古い画面からの書き込み", 3), ..first.clone() };
    let refused = lifecycle::save(&kv, &first, &stale);
    assert_eq!(refused, Err(DraftError::Conflict { stored: Some(Box::new(second.clone())) }));
    assert_eq!(stored(&kv, "a"), second);
}

#[test]
fn trashing_from_a_stale_list_keeps_the_newer_text() {
    let kv = MemoryStore::default();
    let (_listed, second) = edited_twice(&kv);
    let trashed = lifecycle::trash(&kv, "a", at(5)).unwrap();
    assert_eq!(trashed.document, second.document);
    assert_eq!(trashed.trashed, Some(at(5)));
    assert_eq!(stored(&kv, "a").document.report.sections.main_work, "最初と、あとから書いた文");
}

#[test]
fn an_editor_saving_after_its_draft_was_trashed_elsewhere_merges_and_it_stays_in_the_trash() {
    let kv = MemoryStore::default();
    let (_, second) = edited_twice(&kv);
    lifecycle::trash(&kv, "a", at(5)).unwrap();
    let typed = Draft { document: document("ごみ箱に入れられた後も書いた", 6), ..second.clone() };
    let saved = lifecycle::save(&kv, &second, &typed).unwrap();
    assert_eq!(saved.revision, 4);
    assert_eq!(saved.trashed, Some(at(5)));
    assert_eq!(stored(&kv, "a").document.report.sections.main_work, "ごみ箱に入れられた後も書いた");
}

#[test]
fn an_export_recorded_elsewhere_merges_with_the_editors_next_save() {
    let kv = MemoryStore::default();
    let (_, second) = edited_twice(&kv);
    lifecycle::record_export(&kv, "a", at(7)).unwrap();
    let typed = Draft { document: document("書き出しの後に", 8), ..second.clone() };
    assert_eq!(lifecycle::save(&kv, &second, &typed).unwrap().exported, Some(at(7)));
}

#[test]
fn a_draft_deleted_while_it_is_edited_is_a_conflict_not_a_silent_rewrite() {
    let kv = MemoryStore::default();
    let (_, second) = edited_twice(&kv);
    lifecycle::trash(&kv, "a", at(5)).unwrap();
    lifecycle::purge(&kv, "a").unwrap();
    let typed = Draft { document: document("消された後に書いた", 9), ..second.clone() };
    assert_eq!(lifecycle::save(&kv, &second, &typed), Err(DraftError::Conflict { stored: None }));
}

#[test]
fn a_damaged_stored_draft_is_never_written_over() {
    let kv = MemoryStore::default();
    let (_, second) = edited_twice(&kv);
    kv.set("torikumi:draft:a", "{broken").unwrap();
    assert!(matches!(lifecycle::save(&kv, &second, &second), Err(DraftError::Unreadable(_))));
    assert_eq!(kv.get("torikumi:draft:a").unwrap().as_deref(), Some("{broken"));
}

#[test]
fn an_import_of_the_same_ward_and_year_asks_and_says_when_the_file_is_older() {
    let kv = MemoryStore::default();
    let (_, second) = edited_twice(&kv);
    let older = document("古いファイル", 1);
    assert_eq!(
        lifecycle::plan_import(&kv, &older).unwrap(),
        ImportPlan::Replaces { existing: Box::new(second.clone()), file_older: true }
    );
    let ImportPlan::Replaces { file_older, .. } = lifecycle::plan_import(&kv, &document("新しいファイル", 30)).unwrap() else {
        panic!("same ward and year")
    };
    assert!(!file_older);
    let mut other_year = document("別の年度", 30);
    other_year.report.fiscal_year = Some(2030);
    assert_eq!(lifecycle::plan_import(&kv, &other_year).unwrap(), ImportPlan::New);
}

#[test]
fn replacing_keeps_the_replaced_text_as_an_earlier_version_first() {
    let kv = MemoryStore::default();
    let (_, second) = edited_twice(&kv);
    let replaced = lifecycle::replace(&kv, &second, document("読み込んだ報告", 10), at(10)).unwrap();
    assert_eq!(stored(&kv, "a"), replaced);
    assert_eq!(history::history(&kv, "a").unwrap()[0].document, second.document);
}

#[test]
fn replacing_what_changed_since_it_was_shown_is_refused() {
    let kv = MemoryStore::default();
    let (first, second) = edited_twice(&kv);
    let refused = lifecycle::replace(&kv, &first, document("読み込んだ報告", 10), at(10));
    assert_eq!(refused, Err(DraftError::Conflict { stored: Some(Box::new(second.clone())) }));
    assert_eq!(stored(&kv, "a"), second);
}

#[test]
fn without_a_backup_nothing_is_replaced_or_restored() {
    let kv = MemoryStore::default();
    let (_, second) = edited_twice(&kv);
    kv.set("torikumi:history:a", "not a history").unwrap();
    let replaced = lifecycle::replace(&kv, &second, document("読み込んだ報告", 10), at(10));
    assert!(matches!(replaced, Err(DraftError::NoBackup(HistoryError::Damaged(_)))));
    let restored = lifecycle::restore_version(&kv, &second, &second.document, &document("以前の版", 0), at(10));
    assert!(matches!(restored, Err(DraftError::NoBackup(_))));
    assert_eq!(stored(&kv, "a"), second);
}

#[test]
fn restoring_a_version_keeps_the_current_text_first() {
    let kv = MemoryStore::default();
    let (_, second) = edited_twice(&kv);
    let unsaved = document("まだ保存されていない文", 11);
    let restored = lifecycle::restore_version(&kv, &second, &unsaved, &document("以前の版", 0), at(12)).unwrap();
    assert_eq!(restored.document.report.sections.main_work, "以前の版");
    assert_eq!(restored.document.changed, at(12));
    assert_eq!(history::history(&kv, "a").unwrap()[0].document, unsaved);
}

#[test]
fn clearing_after_a_backup_removes_only_what_the_backup_holds_unchanged() {
    let kv = MemoryStore::default();
    edited_twice(&kv);
    lifecycle::create(&kv, &Draft::new("b".into(), document("二つ目", 1))).unwrap();
    kv.set("torikumi:draft:broken", "{").unwrap();
    let backed_up = drafts::records(&kv).unwrap();
    // Another tab writes "b" after the backup was made.
    let b = stored(&kv, "b");
    lifecycle::save(&kv, &b, &Draft { document: document("二つ目の続き", 2), ..b.clone() }).unwrap();
    kv.set("other-app", "kept").unwrap();
    // The tabs' own records hold no text: they go too.
    lease::acquire(&kv, "b", "tab1", 0.0, false).unwrap().unwrap();
    lease::hand_over(&kv, "b", "tab1", 0.0).unwrap();
    let cleared = lifecycle::clear_backed_up(&kv, &backed_up).unwrap();
    assert_eq!(cleared.kept, ["torikumi:draft:b"]);
    assert_eq!(kv.keys().unwrap(), ["other-app", "torikumi:draft:b"]);
}

#[test]
fn a_backup_holds_every_record_and_reads_back_without_overwriting() {
    let kv = MemoryStore::default();
    let (_, second) = edited_twice(&kv);
    kv.set("torikumi:draft:broken", "{").unwrap();
    let text = backup::to_json(&drafts::records(&kv).unwrap(), at(20));
    let schema = torikumi_core::exchange::read_schema(text.as_bytes()).unwrap().unwrap();
    assert!(backup::is_backup(&schema));
    let contents = backup::read(text.as_bytes()).unwrap();
    assert_eq!(contents.unreadable, 1);
    assert_eq!(contents.drafts.len(), 1);

    let empty = MemoryStore::default();
    let mut ids = (0..).map(|i| format!("new{i}"));
    let mut new_id = || ids.next().unwrap_or_default();
    assert_eq!(backup::restore(&empty, &contents, &mut new_id).unwrap().added, 1);
    assert_eq!(stored(&empty, "a").document, second.document);
    // The same backup again: nothing new. Other text under the same id: kept beside it.
    assert_eq!(backup::restore(&empty, &contents, &mut new_id).unwrap().unchanged, 1);
    let a = stored(&empty, "a");
    lifecycle::save(&empty, &a, &Draft { document: document("後から変えた", 30), ..a.clone() }).unwrap();
    assert_eq!(backup::restore(&empty, &contents, &mut new_id).unwrap().added, 1);
    assert_eq!(stored(&empty, "new0").document, second.document);
    assert_eq!(stored(&empty, "a").document.report.sections.main_work, "後から変えた");
    assert_eq!(backup::file_name(at(0)), "torikumi_backup_20231115-0713.json");
}

#[test]
fn a_backup_written_by_boot_js_reads_back() {
    let kv = MemoryStore::default();
    let (_, second) = edited_twice(&kv);
    let raw = kv.get("torikumi:draft:a").unwrap().unwrap();
    let file = serde_json::json!({ "schema": "torikumi/backup/v1", "created": "2026-11-25T01:02:03.456Z", "records": { "torikumi:draft:a": raw } });
    assert_eq!(backup::read(file.to_string().as_bytes()).unwrap().drafts, [second]);
}

#[test]
fn a_backup_naming_a_record_twice_reads_the_last_as_a_map_does() {
    let kv = MemoryStore::default();
    let (first, second) = edited_twice(&kv);
    let raw = |d: &Draft| serde_json::to_string(&drafts::encode_draft(d)).unwrap();
    let file = format!(
        r#"{{"schema": "torikumi/backup/v1", "records": {{"torikumi:draft:a": {}, "torikumi:draft:a": {}}}}}"#,
        raw(&first),
        raw(&second)
    );
    assert_eq!(backup::read(file.as_bytes()).unwrap().drafts, [second]);
}

#[test]
fn one_tab_holds_the_lease_until_it_runs_out_or_another_takes_over() {
    let kv = MemoryStore::default();
    let first = lease::acquire(&kv, "a", "tab1", 0.0, false).unwrap().expect("a free lease is taken");
    assert_eq!(lease::acquire(&kv, "a", "tab2", 1_000.0, false).unwrap(), None, "another tab's live lease");
    assert!(lease::renew(&kv, "a", "tab1", 2_000.0, first).unwrap());
    let second = lease::acquire(&kv, "a", "tab2", 2_000.0 + lease::LEASE_MS + 1.0, false).unwrap().expect("a crashed tab's lease runs out");
    assert!(!lease::renew(&kv, "a", "tab1", 9_000.0, first).unwrap(), "the old holder learns it lost");
    let third = lease::acquire(&kv, "a", "tab1", 9_000.0, true).unwrap().expect("「このタブで編集する」 takes over");
    assert!(first < second && second < third, "each taking counts one up");
    assert!(!lease::renew(&kv, "a", "tab2", 9_500.0, second).unwrap());
    lease::release(&kv, "a", "tab2").unwrap();
    let lease_now = |kv: &MemoryStore| kv.get(&lease::lease_key("a")).unwrap();
    assert!(lease::held_by_other(lease_now(&kv).as_deref(), "tab2", 9_600.0, None), "only the holder releases");
    lease::release(&kv, "a", "tab1").unwrap();
    assert!(!lease::held_by_other(lease_now(&kv).as_deref(), "tab2", 9_600.0, None), "released: free at once");
    let fourth = lease::acquire(&kv, "a", "tab2", 9_700.0, false).unwrap().expect("a released lease is free");
    assert!(fourth > third, "a released lease keeps its taking: the next counts on");
}

#[test]
fn a_page_back_from_the_back_forward_cache_gives_way_to_a_later_taking() {
    let kv = MemoryStore::default();
    let kept = lease::acquire(&kv, "a", "tab1", 0.0, false).unwrap().unwrap();
    // The page is hidden (and kept by the browser): it gives the lease up.
    lease::release(&kv, "a", "tab1").unwrap();
    lease::acquire(&kv, "a", "tab2", 1_000.0, false).unwrap().unwrap();
    // Back: its heartbeat finds a later taking, and it only views.
    assert!(!lease::renew(&kv, "a", "tab1", 3_000.0, kept).unwrap());
}

#[test]
fn a_holder_goes_by_the_takings_even_when_it_thinks_the_other_lease_ran_out() {
    let kv = MemoryStore::default();
    let old = lease::acquire(&kv, "a", "tab1", 0.0, false).unwrap().unwrap();
    lease::acquire(&kv, "a", "tab2", 1_000.0, true).unwrap().unwrap();
    // The old editor's clock runs far ahead (a slow PC): the later taking still wins.
    assert!(!lease::renew(&kv, "a", "tab1", 1_000.0 + 10.0 * lease::LEASE_MS, old).unwrap());
}

/// Storage as a tab's heartbeat saw it a moment ago: the lease it read is older than what
/// another tab has written since (without Web Locks, tabs' storage is not one writer at a time).
struct SeenBefore<'a> {
    kv: &'a MemoryStore,
    lease: Option<String>,
}

impl KeyValue for SeenBefore<'_> {
    fn get(&self, key: &str) -> Result<Option<String>, drafts::StorageError> {
        if lease::is_tab_record(key) { Ok(self.lease.clone()) } else { self.kv.get(key) }
    }
    fn set(&self, key: &str, value: &str) -> Result<(), drafts::StorageError> {
        self.kv.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), drafts::StorageError> {
        self.kv.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, drafts::StorageError> {
        self.kv.keys()
    }
}

#[test]
fn a_take_over_outlasts_the_old_holders_heartbeat_written_over_it() {
    let kv = MemoryStore::default();
    let old = lease::acquire(&kv, "a", "tab1", 0.0, false).unwrap().unwrap();
    let seen = SeenBefore { kv: &kv, lease: kv.get(&lease::lease_key("a")).unwrap() };
    let new = lease::acquire(&kv, "a", "tab2", 1_000.0, true).unwrap().unwrap();
    // The old tab's heartbeat read its own lease before the take-over and writes it after.
    assert!(lease::renew(&seen, "a", "tab1", 1_001.0, old).unwrap());
    let late = kv.get(&lease::lease_key("a")).unwrap();
    // The new holder hears that write: an earlier taking does not make it give up...
    assert!(!lease::held_by_other(late.as_deref(), "tab2", 1_002.0, Some(new)));
    // ...it writes its own again, and the old tab, hearing that, learns it lost.
    assert!(lease::renew(&kv, "a", "tab2", 1_002.0, new).unwrap());
    let again = kv.get(&lease::lease_key("a")).unwrap();
    assert!(lease::held_by_other(again.as_deref(), "tab1", 1_003.0, Some(old)));
    assert!(!lease::renew(&kv, "a", "tab1", 2_000.0, old).unwrap());
    // A tab that only views counts any other tab's running lease.
    assert!(lease::held_by_other(late.as_deref(), "tab3", 1_002.0, None));
}

#[test]
fn an_older_apps_lease_without_a_taking_is_never_outranked() {
    let kv = MemoryStore::default();
    let ours = lease::acquire(&kv, "a", "tab1", 0.0, false).unwrap().unwrap();
    // An older copy of the app (mid-update) takes over, writing no taking.
    kv.set(&lease::lease_key("a"), r#"{"tab":"tab-old","until":7000}"#).unwrap();
    assert!(lease::held_by_other(kv.get(&lease::lease_key("a")).unwrap().as_deref(), "tab1", 1_000.0, Some(ours)));
    assert!(!lease::renew(&kv, "a", "tab1", 1_000.0, ours).unwrap());
    // Once it has run out, the next taking counts on from nothing.
    assert!(lease::acquire(&kv, "a", "tab1", 8_000.0, false).unwrap().is_some());
}

#[test]
fn an_old_editor_hands_over_with_a_new_value_each_time_and_the_new_editor_clears_it() {
    let kv = MemoryStore::default();
    lease::hand_over(&kv, "a", "tab1", 1_000.0).unwrap();
    let first = kv.get(&lease::handover_key("a")).unwrap();
    lease::hand_over(&kv, "a", "tab1", 1_001.0).unwrap();
    let second = kv.get(&lease::handover_key("a")).unwrap();
    assert!(first.is_some() && second.is_some());
    // A new value each time: the waiting tab's storage event always comes.
    assert_ne!(first, second);
    lease::clear_handover(&kv, "a").unwrap();
    assert!(kv.get(&lease::handover_key("a")).unwrap().is_none());
    assert!(lease::is_tab_record(&lease::handover_key("a")) && lease::is_tab_record(&lease::lease_key("a")));
    assert!(!lease::is_tab_record(&drafts::draft_key("a")));
}

#[test]
fn a_file_brought_to_import_is_a_backup_or_a_report() {
    let kv = MemoryStore::default();
    let (_, second) = edited_twice(&kv);
    let backup_text = backup::to_json(&drafts::records(&kv).unwrap(), at(20));
    assert!(matches!(incoming::read_file(backup_text.as_bytes()), Ok(incoming::Incoming::Backup(c)) if c.drafts.len() == 1));
    let report = torikumi_core::exchange::to_json(&second.document);
    assert!(matches!(incoming::read_file(report.as_bytes()), Ok(incoming::Incoming::Report(d)) if *d == second.document));
    let huge = vec![b' '; incoming::MAX_BACKUP_BYTES + 1];
    assert!(matches!(incoming::read_file(&huge), Err(torikumi_core::exchange::ImportError::Limit(_))));
}
