//! The set kept in storage (same no-loss rules as drafts), files added to the
//! set by kind, and the chart's text alternative.

use torikumi_core::bundle::stored::{self, BundleStoreError, KeptSet, BUNDLE_KEY};
use torikumi_core::bundle::{self, BundleSet};
use torikumi_core::drafts::{KeyValue, MemoryStore, StorageError};
use torikumi_core::exchange::{self, ImportError};
use torikumi_core::html_export::standalone_html;
use torikumi_core::sample::sample_report;
use torikumi_core::comments::{Anchor, MAX_COMMENTS};
use torikumi_core::{messages, Basis, BodyKind, Config, Count, Document, Timestamp};

fn at(hours: f64) -> Timestamp {
    Timestamp::from_unix_millis(1_707_526_800_000.0 + hours * 3_600_000.0)
}

/// The sample as a finished report of the n-th configured ward, counts n+1, n+2, ….
fn report(n: usize) -> Document {
    let config = Config::default();
    let mut d = Document::new(at(0.0));
    d.report = sample_report();
    d.report.ward = Some(config.wards[n].clone());
    d.report.basis = Some(Basis::Actual);
    for (i, kind) in BodyKind::ALL.into_iter().enumerate() {
        d.report.body_mut(kind).count = Some(Count::Number((n + i + 1) as u32));
    }
    d.finish(at(1.0));
    d
}

fn json(n: usize) -> Vec<u8> {
    exchange::to_json(&report(n)).into_bytes()
}

#[test]
fn a_change_is_applied_to_what_storage_holds_now_so_another_tabs_additions_stay() {
    let kv = MemoryStore::default();
    let this_tab = stored::open(&kv).unwrap();
    let other_tab = stored::open(&kv).unwrap();
    let (other_tab, error) = stored::apply(&kv, &other_tab, |s| { s.add_file("a.json", &json(0), at(2.0)); });
    assert_eq!(error, None);
    assert_eq!(other_tab.set.entries().len(), 1);
    // This tab never saw the other's addition; its own addition keeps it.
    let (this_tab, error) = stored::apply(&kv, &this_tab, |s| { s.add_file("b.json", &json(1), at(3.0)); });
    assert_eq!(error, None);
    assert_eq!(this_tab.set.entries().len(), 2);
    assert_eq!(stored::open(&kv).unwrap().set.entries().len(), 2);
}

#[test]
fn a_change_naming_shown_reports_is_not_made_when_another_tab_changed_the_set() {
    let kv = MemoryStore::default();
    let (shown, _) = stored::apply(&kv, &KeptSet::default(), |s| { s.add_file("a.json", &json(0), at(2.0)); });
    let (_, _) = stored::apply(&kv, &shown, |s| { s.add_file("b.json", &json(1), at(3.0)); });
    let first = shown.set.entries()[0].id;
    let (now, error) = stored::apply_shown(&kv, &shown, |s| s.remove_entry(first));
    assert_eq!(error, Some(BundleStoreError::Stale));
    assert_eq!(now.set.entries().len(), 2, "the page now shows both, and nothing was removed");
    assert_eq!(stored::open(&kv).unwrap().set.entries().len(), 2);
    let (after, error) = stored::apply_shown(&kv, &now, |s| s.remove_entry(now.set.entries()[0].id));
    assert_eq!(error, None);
    assert_eq!(after.set.entries()[0].file_name, "b.json");
}

#[test]
fn a_refused_write_keeps_the_set_in_the_page_and_a_later_write_stores_it() {
    let kv = MemoryStore { limit: Some(100), ..MemoryStore::default() };
    let kept = stored::open(&kv).unwrap();
    let (kept, error) = stored::apply(&kv, &kept, |s| { s.add_file("a.json", &json(0), at(2.0)); });
    assert_eq!(error, Some(BundleStoreError::Storage(StorageError::Full)));
    assert!(kept.unsaved);
    assert_eq!(kept.set.entries().len(), 1, "the page keeps what storage refused");
    assert_eq!(kv.get(BUNDLE_KEY).unwrap(), None);
    // Space is freed: the next change writes both reports.
    let kv = MemoryStore { entries: kv.entries.clone(), limit: None };
    let (kept, error) = stored::apply(&kv, &kept, |s| { s.add_file("b.json", &json(1), at(3.0)); });
    assert_eq!(error, None);
    assert!(!kept.unsaved);
    assert_eq!(stored::open(&kv).unwrap().set.entries().len(), 2);
}

#[test]
fn after_a_refused_write_a_later_change_is_stored_joined_with_another_tabs_newer_set() {
    // Before: every later change was refused (「別のタブで取りまとめが変更されました」) for good.
    let kv = MemoryStore { limit: Some(100), ..MemoryStore::default() };
    let (kept, _) = stored::apply(&kv, &KeptSet::default(), |s| {
        s.add_file("a.json", &json(0), at(2.0));
    });
    assert!(kept.unsaved);
    let kv = MemoryStore { entries: kv.entries.clone(), limit: None };
    let (_, error) = stored::apply(&kv, &KeptSet::default(), |s| {
        s.add_file("c.json", &json(2), at(2.5));
    });
    assert_eq!(error, None);
    let (after, error) = stored::apply(&kv, &kept, |s| {
        s.add_file("b.json", &json(1), at(3.0));
    });
    assert_eq!(error, None);
    assert!(!after.unsaved);
    let names = |set: &BundleSet| set.entries().iter().map(|e| e.file_name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&stored::open(&kv).unwrap().set), ["c.json", "a.json", "b.json"], "the other tab's report first, none lost");
    assert_eq!(names(&after.set), names(&stored::open(&kv).unwrap().set));
}

#[test]
fn after_a_refused_write_a_change_naming_shown_reports_stores_the_joined_set_and_waits() {
    let kv = MemoryStore { limit: Some(100), ..MemoryStore::default() };
    let (kept, _) = stored::apply(&kv, &KeptSet::default(), |s| {
        s.add_file("a.json", &json(0), at(2.0));
    });
    let kv = MemoryStore { entries: kv.entries.clone(), limit: None };
    stored::apply(&kv, &KeptSet::default(), |s| {
        s.add_file("c.json", &json(2), at(2.5));
    });
    let shown_a = kept.set.entries()[0].id;
    let (after, error) = stored::apply_shown(&kv, &kept, |s| s.remove_entry(shown_a));
    assert_eq!(error, Some(BundleStoreError::Stale), "the page shows the joined set; nothing named was removed");
    assert_eq!(after.set.entries().len(), 2);
    assert_eq!(stored::open(&kv).unwrap(), KeptSet { damaged: None, ..after });
}

#[test]
fn a_damaged_stored_set_is_reported_and_never_overwritten() {
    let kv = MemoryStore::default();
    let damaged = "{\"schema\":\"torikumi/bundle/v1\",\"reports\":";
    kv.set(BUNDLE_KEY, damaged).unwrap();
    assert!(matches!(stored::open(&kv), Err(BundleStoreError::Damaged(_))));
    let (shown, error) = stored::show(&kv);
    assert!(matches!(error, Some(BundleStoreError::Damaged(_))));
    assert_eq!(shown.damaged.as_deref(), Some(damaged));
    let (_, error) = stored::apply(&kv, &shown, |s| {
        s.add_file("a.json", &json(0), at(2.0));
    });
    assert!(matches!(error, Some(BundleStoreError::Damaged(_))));
    assert_eq!(stored::raw(&kv).unwrap().as_deref(), Some(damaged));
    assert_eq!(stored::discard(&kv, &shown), (KeptSet::default(), None));
    assert_eq!(kv.get(BUNDLE_KEY).unwrap(), None);
}

#[test]
fn discarding_a_damaged_set_removes_only_the_damaged_text_it_showed() {
    let kv = MemoryStore::default();
    kv.set(BUNDLE_KEY, "{").unwrap();
    let (shown, _) = stored::show(&kv);
    // Meanwhile another tab discards it and stores a set that reads (or other damaged text).
    let mut other = BundleSet::new();
    other.add_file("a.json", &json(0), at(2.0));
    kv.set(BUNDLE_KEY, &other.to_json()).unwrap();
    // Before, this removed the other tab's set unchecked.
    let (now, error) = stored::discard(&kv, &shown);
    assert_eq!(error, Some(BundleStoreError::Stale));
    assert_eq!(now.set.entries().len(), 1, "what storage holds now is shown");
    assert_eq!(kv.get(BUNDLE_KEY).unwrap(), Some(other.to_json()));
    // Other damaged text: shown as it is now (to download), not removed.
    kv.set(BUNDLE_KEY, "[").unwrap();
    let (now, error) = stored::discard(&kv, &shown);
    assert!(matches!(error, Some(BundleStoreError::Damaged(_))));
    assert_eq!(now.damaged.as_deref(), Some("["));
    assert_eq!(kv.get(BUNDLE_KEY).unwrap().as_deref(), Some("["));
    // Nothing stored any more: there is nothing to remove, and nothing to refuse.
    kv.remove(BUNDLE_KEY).unwrap();
    assert_eq!(stored::discard(&kv, &shown), (KeptSet::default(), None));
}

#[test]
fn removing_everything_leaves_nothing_stored() {
    let kv = MemoryStore::default();
    let (kept, _) = stored::apply(&kv, &KeptSet::default(), |s| { s.add_file("a.json", &json(0), at(2.0)); });
    let (kept, error) = stored::apply_shown(&kv, &kept, BundleSet::clear);
    assert_eq!(error, None);
    assert!(kept.set.is_empty());
    assert_eq!(kv.get(BUNDLE_KEY).unwrap(), None);
}

#[test]
fn a_set_file_adds_all_it_holds_and_exports_of_both_kinds_count() {
    let mut inner = BundleSet::new();
    inner.add_file("R4_aoba_torikumi.json", &json(0), at(2.0));
    inner.add_file("broken.json", b"{", at(2.0));
    let mut set = BundleSet::new();
    set.add_file("set.json", bundle::to_json(&inner).as_bytes(), at(3.0));
    set.add_file("R4_miyagino_torikumi.html", standalone_html(&report(1)).as_bytes(), at(3.0));
    let names: Vec<&str> = set.entries().iter().map(|e| e.file_name.as_str()).collect();
    assert_eq!(names, ["R4_aoba_torikumi.json", "R4_miyagino_torikumi.html"]);
    assert_eq!(set.unreadable().len(), 1);
    assert_eq!(set.unreadable()[0].file_name, "broken.json");
}

#[test]
fn a_file_that_is_neither_is_listed_with_its_reason() {
    let mut set = BundleSet::new();
    set.add_file("memo.txt", "会議のメモ".as_bytes(), at(2.0));
    set.add_file("newer.json", br#"{"schema":"torikumi/bundle/v9","reports":[]}"#, at(2.0));
    let reasons: Vec<&ImportError> = set.unreadable().iter().map(|u| &u.error).collect();
    assert!(matches!(reasons[0], ImportError::NotJson { .. }), "{reasons:?}");
    assert!(matches!(reasons[1], ImportError::NewerVersion { found: 9, supported: 1 }), "{reasons:?}");
}

#[test]
fn the_chart_says_every_count_in_words_and_escapes_ward_names() {
    let mut config = Config::default();
    config.wards[0].name = "<青葉>区".to_owned();
    let mut set = BundleSet::new();
    let mut d = report(0);
    d.report.ward = Some(config.wards[0].clone());
    set.add("a.json", d, at(2.0));
    let summary = bundle::summary(&set, &config);
    let text = bundle::chart_description(&summary);
    assert!(text.starts_with("全体協議会：<青葉>区1回、宮城野区未入力"), "{text}");
    let svg = bundle::chart_svg(&summary, "c");
    assert!(svg.contains("&lt;青葉&gt;区") && !svg.contains("<青葉>"), "{svg}");
    assert!(svg.contains(r#"aria-labelledby="c-title" aria-describedby="c-desc""#));
    assert_eq!(svg.matches("<rect").count(), 4 + 4, "a legend swatch per body, and one ward's four bars");
    // The legend's names do not run into each other: each starts after the one before has ended.
    let legend: Vec<(u32, usize)> = svg
        .split(r#"<text x=""#)
        .skip(1)
        .filter_map(|t| {
            let (x, rest) = t.split_once('"')?;
            let name = rest.strip_prefix(r#" y="17" font-size="12">"#)?.split('<').next()?;
            Some((x.parse().ok()?, name.chars().count()))
        })
        .collect();
    assert_eq!(legend.len(), 4);
    for pair in legend.windows(2) {
        assert!(pair[1].0 >= pair[0].0 + 12 * pair[0].1 as u32, "{legend:?}");
    }
}

/// The text a tab writes when its read of storage still gave `read` (another
/// process's write had not reached it): what the browser then keeps over the newer text.
fn written_on(read: &KeptSet, change: impl FnOnce(&mut BundleSet)) -> (KeptSet, String) {
    let stale = MemoryStore::default();
    if let Some(text) = &read.stored {
        stale.set(BUNDLE_KEY, text).unwrap();
    }
    let (written, error) = stored::apply(&stale, read, change);
    assert_eq!(error, None);
    let text = written.stored.clone().unwrap();
    (written, text)
}

/// `written` lands over what storage holds (the browser keeps the last write), and `tab` hears of it.
fn lands(kv: &MemoryStore, written: &str, tab: &KeptSet) -> (KeptSet, Option<BundleStoreError>) {
    kv.set(BUNDLE_KEY, written).unwrap();
    stored::follow(kv, tab, Some(written))
}

fn comment(s: &mut BundleSet, n: usize, text: &str, hours: f64) {
    let id = s.entries()[n].id;
    assert!(s.edit_comments(id, |r| r.add_comment(Anchor::Report, text, at(hours)).is_some()));
}

fn comments_of(kv: &MemoryStore) -> Vec<(String, Vec<String>)> {
    let set = stored::open(kv).unwrap().set;
    set.entries().iter().map(|e| (e.file_name.clone(), e.document.report.comments.iter().map(|c| c.text.clone()).collect())).collect()
}

#[test]
fn each_write_names_the_text_it_replaced_and_a_file_names_none() {
    let kv = MemoryStore::default();
    let (one, _) = stored::apply(&kv, &KeptSet::default(), |s| { s.add_file("a.json", &json(0), at(2.0)); });
    let (two, _) = stored::apply(&kv, &stored::open(&kv).unwrap(), |s| { s.add_file("b.json", &json(1), at(3.0)); });
    assert!(one.written_on.is_some() && two.written_on.is_some());
    assert_ne!(one.written_on, two.written_on, "two different texts were replaced");
    assert_eq!(stored::open(&kv).unwrap(), two, "the page holds what storage holds");
    assert!(!two.set.to_json().contains("written_on"), "a bundle file names nothing");
    // A text an earlier version stored names nothing: it reads.
    kv.set(BUNDLE_KEY, &two.set.to_json()).unwrap();
    let earlier = stored::open(&kv).unwrap();
    assert_eq!((earlier.written_on, earlier.set.entries().len()), (None, 2));
}

#[test]
fn a_report_added_in_one_tab_and_overwritten_by_a_write_on_an_older_read_is_joined_back_by_that_tab() {
    let kv = MemoryStore::default();
    let (read, _) = stored::apply(&kv, &KeptSet::default(), |s| { s.add_file("wakabayashi.json", &json(0), at(2.0)); });
    // This tab adds 青葉区; the city's tab had read storage before that write reached it.
    let (this_tab, _) = stored::apply(&kv, &read, |s| { s.add_file("aoba.json", &json(1), at(3.0)); });
    let (city, written) = written_on(&read, |s| comment(s, 0, "根拠を一言", 4.0));
    assert_eq!(city.written_on, this_tab.written_on, "both were written on the same read");
    let (now, error) = lands(&kv, &written, &this_tab);
    assert_eq!(error, None);
    let both = vec![("wakabayashi.json".to_owned(), vec!["根拠を一言".to_owned()]), ("aoba.json".to_owned(), vec![])];
    assert_eq!(comments_of(&kv), both);
    assert_eq!(now, stored::open(&kv).unwrap(), "the page shows what it stored");
    // The city's tab follows that write as it is: nothing more is written.
    let before = kv.get(BUNDLE_KEY).unwrap();
    let (city_now, error) = stored::follow(&kv, &city, before.as_deref());
    assert_eq!((city_now.set.entries().len(), error), (2, None));
    assert_eq!(kv.get(BUNDLE_KEY).unwrap(), before);
}

#[test]
fn a_comment_overwritten_by_a_write_on_an_older_read_is_joined_back_into_its_report() {
    let kv = MemoryStore::default();
    let (read, _) = stored::apply(&kv, &KeptSet::default(), |s| { s.add_file("wakabayashi.json", &json(0), at(2.0)); });
    let (city, _) = stored::apply(&kv, &read, |s| comment(s, 0, "根拠を一言", 4.0));
    // Another tab adds a file on the read from before the comment, and comments on the same report.
    let (_, written) = written_on(&read, |s| {
        s.add_file("aoba.json", &json(1), at(3.0));
        comment(s, 0, "別の指摘", 4.5);
    });
    let (_, error) = lands(&kv, &written, &city);
    assert_eq!(error, None);
    let joined = comments_of(&kv);
    assert_eq!(joined[0].0, "wakabayashi.json");
    assert_eq!(joined[0].1, vec!["別の指摘".to_owned(), "根拠を一言".to_owned()], "one report with both comments");
    assert_eq!(joined.len(), 2);
    let ids: Vec<_> = stored::open(&kv).unwrap().set.entries()[0].document.report.comments.iter().map(|c| c.id).collect();
    assert_ne!(ids[0], ids[1], "the joined comment gets a fresh id");
}

#[test]
fn a_write_made_on_what_the_page_held_is_followed_as_it_is_removals_included() {
    let kv = MemoryStore::default();
    let (this_tab, _) = stored::apply(&kv, &KeptSet::default(), |s| {
        s.add_file("a.json", &json(0), at(2.0));
        s.add_file("b.json", &json(1), at(3.0));
    });
    let (other, _) = stored::apply_shown(&kv, &stored::open(&kv).unwrap(), |s| s.remove_entry(s.entries()[1].id));
    let (now, error) = stored::follow(&kv, &this_tab, other.stored.as_deref());
    assert_eq!((now.set.entries().len(), error), (1, None), "the removal stands");
    assert_eq!(kv.get(BUNDLE_KEY).unwrap(), other.stored);
    // The next write, made on what the page now holds, is followed as it is too.
    let (elsewhere, _) = stored::apply(&kv, &now, |s| { s.add_file("c.json", &json(2), at(5.0)); });
    let (now, _) = stored::follow(&kv, &now, elsewhere.stored.as_deref());
    assert_eq!(now, elsewhere);
}

#[test]
fn a_choice_overwritten_by_a_write_on_an_older_read_is_joined_back() {
    let kv = MemoryStore::default();
    let mut second = report(0);
    second.report.body_mut(BodyKind::ALL[0]).count = Some(Count::Number(99));
    let (read, _) = stored::apply(&kv, &KeptSet::default(), |s| {
        s.add_file("first.json", &json(0), at(2.0));
        s.add_file("second.json", exchange::to_json(&second).as_bytes(), at(3.0));
    });
    let first = read.set.entries()[0].id;
    let (this_tab, _) = stored::apply_shown(&kv, &read, |s| { s.choose(first); });
    let (_, written) = written_on(&read, |s| comment(s, 1, "根拠を一言", 4.0));
    let (now, error) = lands(&kv, &written, &this_tab);
    assert_eq!(error, None);
    let config = Config::default();
    let chosen: Vec<_> = now.set.selected(&config).iter().map(|e| e.file_name.clone()).collect();
    assert_eq!(chosen, vec!["first.json".to_owned()], "the choice made in this tab stands");
    assert_eq!(comments_of(&kv)[1].1, vec!["根拠を一言".to_owned()], "and the other tab's comment");
}

#[test]
fn comments_that_would_take_a_report_past_its_limit_when_joined_back_stay_in_the_page_as_unsaved() {
    let kv = MemoryStore::default();
    let (read, _) = stored::apply(&kv, &KeptSet::default(), |s| { s.add_file("wakabayashi.json", &json(0), at(2.0)); });
    let (this_tab, _) = stored::apply(&kv, &read, |s| comment(s, 0, "この端末の指摘", 3.0));
    // The other tab, on the older read, fills the report to the limit.
    let (_, written) = written_on(&read, |s| {
        for n in 0..MAX_COMMENTS {
            comment(s, 0, &format!("指摘{n}"), 4.0 + n as f64);
        }
    });
    let (now, error) = lands(&kv, &written, &this_tab);
    assert_eq!(error, Some(BundleStoreError::JoinPastLimit));
    let message = messages::bundle_store_error(&BundleStoreError::JoinPastLimit);
    assert!(message.contains("指摘は1つの報告に200件"), "the message names the limit passed: {message}");
    assert!(now.unsaved, "the page keeps its comment, and leaving asks first");
    assert_eq!(now.set, this_tab.set);
    assert_eq!(kv.get(BUNDLE_KEY).unwrap().as_deref(), Some(written.as_str()), "nothing over the limit is stored");
    // The page's next change tries again: still past the limit, and never a second 若林区.
    let (again, error) = stored::apply(&kv, &now, |_| {});
    assert_eq!((error, again.unsaved), (Some(BundleStoreError::JoinPastLimit), true));
    assert_eq!(stored::open(&kv).unwrap().set.entries().len(), 1);
}

#[test]
fn a_comment_storage_refused_joins_its_report_when_another_tab_changed_the_set_not_a_second_copy() {
    let full = MemoryStore::default();
    let (read, _) = stored::apply(&full, &KeptSet::default(), |s| { s.add_file("wakabayashi.json", &json(0), at(2.0)); });
    let kv = MemoryStore { entries: full.entries.clone(), limit: Some(0) };
    let (refused, error) = stored::apply(&kv, &read, |s| comment(s, 0, "根拠を一言", 3.0));
    assert_eq!(error, Some(BundleStoreError::Storage(StorageError::Full)));
    // Space is freed, and another tab adds a ward; then this page's next change is written.
    let kv = MemoryStore { entries: kv.entries.clone(), limit: None };
    stored::apply(&kv, &stored::open(&kv).unwrap(), |s| { s.add_file("aoba.json", &json(1), at(4.0)); });
    let (now, error) = stored::apply(&kv, &refused, |_| {});
    assert_eq!((error, now.unsaved), (None, false));
    let both = vec![("wakabayashi.json".to_owned(), vec!["根拠を一言".to_owned()]), ("aoba.json".to_owned(), vec![])];
    assert_eq!(comments_of(&kv), both, "one 若林区, with the comment");
}
