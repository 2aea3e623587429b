//! A set the app grows itself has the same limits when it grows as when it is
//! read (200 reports, 50 MB of file text), so its stored text and its own
//! 「まとめてJSONを書き出す」 file always read back; adding a file already in the
//! set (the same report content) adds nothing.

use torikumi_core::bundle::stored::{self, KeptSet, BUNDLE_KEY};
use torikumi_core::bundle::{self, Added, BundleError, BundleSet, MAX_BUNDLE_BYTES, MAX_BUNDLE_REPORTS};
use torikumi_core::drafts::{KeyValue, MemoryStore};
use torikumi_core::sample::sample_report;
use torikumi_core::{exchange, messages, Config, Document, Row, RowId, Timestamp};

fn at(hours: f64) -> Timestamp {
    Timestamp::from_unix_millis(1_707_526_800_000.0 + hours * 3_600_000.0)
}

/// The n-th of many different reports (the sample, told apart by its 主な取組).
fn report(n: usize) -> Document {
    let mut d = Document::new(at(0.0));
    d.report = sample_report();
    d.report.ward = Some(Config::default().wards[n % 5].clone());
    d.report.sections.main_work = format!("報告{n}");
    d
}

/// A set file of reports `range`, as 「まとめてJSONを書き出す」 writes it.
fn set_file(range: std::ops::Range<usize>) -> Vec<u8> {
    let mut set = BundleSet::new();
    for n in range {
        set.add(&format!("r{n}.json"), report(n), at(1.0));
    }
    bundle::to_json(&set).into_bytes()
}

/// The set reads back from its own file and from its stored text.
fn reads_back(set: &BundleSet) {
    let text = bundle::to_json(set);
    assert!(text.len() <= MAX_BUNDLE_BYTES);
    let read = bundle::from_json(text.as_bytes()).expect("the set's own file is read");
    assert_eq!(read.entries().len(), set.entries().len());
    let kv = MemoryStore::default();
    kv.set(BUNDLE_KEY, &text).unwrap();
    assert_eq!(stored::show(&kv).1, None);
}

#[test]
fn adding_one_set_file_twice_adds_nothing_the_second_time() {
    // Before: 300 reports stored, shown as damaged after a reload; the set's file refused.
    let file = set_file(0..150);
    let kv = MemoryStore::default();
    let mut said = Vec::new();
    let mut kept = KeptSet::default();
    for _ in 0..2 {
        let (next, error) = stored::apply(&kv, &kept, |s| said.push(s.add_file("set.json", &file, at(2.0))));
        assert_eq!(error, None);
        kept = next;
    }
    assert_eq!(said, [Added { reports: 150, ..Added::default() }, Added { already: 150, ..Added::default() }]);
    let (shown, error) = stored::show(&kv);
    assert_eq!((shown.set.entries().len(), error), (150, None));
    reads_back(&shown.set);
    let message = messages::bundle_added_all(&said[1]);
    assert!(message.contains("150件は、取りまとめにすでにある報告と同じ内容のため、追加していません。"), "{message}");
}

#[test]
fn the_same_report_in_two_files_is_added_once_and_the_sets_own_file_adds_nothing() {
    let mut set = BundleSet::new();
    let json = exchange::to_json(&report(1));
    assert_eq!(set.add_file("R5_aoba_torikumi.json", json.as_bytes(), at(1.0)).reports, 1);
    assert_eq!(set.add_file("R5_aoba_torikumi (1).json", json.as_bytes(), at(2.0)).already, 1);
    let html = torikumi_core::html_export::standalone_html(&report(1));
    assert_eq!(set.add_file("R5_aoba_torikumi.html", html.as_bytes(), at(2.0)).already, 1);
    // The same unreadable file twice is listed once.
    assert_eq!(set.add_file("memo.txt", b"memo", at(2.0)).unreadable, 1);
    assert_eq!(set.add_file("memo.txt", b"memo", at(3.0)).already, 1);
    let own = bundle::to_json(&set);
    assert_eq!(set.add_file("torikumi_bundle.json", own.as_bytes(), at(4.0)), Added { already: 2, ..Added::default() });
    assert_eq!((set.entries().len(), set.unreadable().len()), (1, 1));
    // A changed report is another report.
    let mut changed = report(1);
    changed.report.sections.issues = "追記".into();
    assert_eq!(set.add_file("again.json", exchange::to_json(&changed).as_bytes(), at(5.0)).reports, 1);
}

#[test]
fn a_set_grows_to_200_reports_and_says_what_it_kept_out() {
    let mut set = BundleSet::new();
    let first = set.add_file("a.json", &set_file(0..150), at(1.0));
    assert_eq!(first.reports, 150);
    let second = set.add_file("b.json", &set_file(150..210), at(2.0));
    assert_eq!(second, Added { reports: 50, past_limit: 10, ..Added::default() });
    assert_eq!(set.entries().len(), MAX_BUNDLE_REPORTS);
    reads_back(&set);
    let message = messages::bundle_added_all(&second);
    assert!(message.contains("10件は、取りまとめに入れられる上限（報告200件、合わせて50MB）を超えるため"), "{message}");
    assert!(message.contains("外してから、もう一度追加してください"), "{message}");
}

#[test]
fn a_set_grows_no_larger_than_the_file_size_it_is_read_with() {
    // Reports of about 4 MB each: the set's file would pass 50 MB at the 13th.
    let big = |n: usize| {
        let mut d = report(n);
        let text = "あ".repeat(20_000);
        d.report.teams = (1..=70).map(|i| Row { content: text.clone(), ..Row::empty(RowId(1000 + i)) }).collect();
        d
    };
    let mut files = BundleSet::new();
    for n in 0..14 {
        files.add(&format!("big{n}.json"), big(n), at(1.0));
    }
    let mut set = BundleSet::new();
    let added = set.merge(files);
    assert!(added.past_limit >= 1, "{added:?}");
    assert_eq!(added.reports + added.past_limit, 14);
    let text = bundle::to_json(&set);
    assert!(text.len() <= MAX_BUNDLE_BYTES, "{}", text.len());
    assert_eq!(bundle::from_json(text.as_bytes()).map(|s| s.entries().len()), Ok(added.reports));
}

#[test]
fn a_stored_set_an_earlier_version_grew_past_200_still_opens_and_grows_no_further() {
    let mut old = BundleSet::new();
    for n in 0..250 {
        old.add(&format!("r{n}.json"), report(n), at(1.0));
    }
    let text = bundle::to_json(&old);
    assert!(matches!(bundle::from_json(text.as_bytes()), Err(BundleError::TooLarge { reports: 250, .. })), "a file past the limit is refused");
    let kv = MemoryStore::default();
    kv.set(BUNDLE_KEY, &text).unwrap();
    let (shown, error) = stored::show(&kv);
    assert_eq!((shown.set.entries().len(), error), (250, None), "the app reads what it stored");
    let (after, error) = stored::apply(&kv, &shown, |s| {
        assert_eq!(s.add_file("new.json", exchange::to_json(&report(999)).as_bytes(), at(2.0)).past_limit, 1);
    });
    assert_eq!((after.set.entries().len(), error), (250, None));
}

#[test]
fn a_page_set_storage_refused_is_never_cut_down_to_join_another_tabs_set() {
    let kv = MemoryStore { limit: Some(100), ..MemoryStore::default() };
    let (kept, _) = stored::apply(&kv, &KeptSet::default(), |s| {
        s.add_file("a.json", &set_file(0..150), at(1.0));
    });
    assert!(kept.unsaved);
    let kv = MemoryStore { entries: kv.entries.clone(), limit: None };
    stored::apply(&kv, &KeptSet::default(), |s| {
        s.add_file("b.json", &set_file(150..250), at(2.0));
    });
    let before = kv.get(BUNDLE_KEY).unwrap();
    let (after, error) = stored::apply(&kv, &kept, |_| {});
    assert_eq!(error, Some(stored::BundleStoreError::JoinPastLimit));
    assert_eq!(after, kept, "the page keeps all 150");
    assert_eq!(kv.get(BUNDLE_KEY).unwrap(), before, "the other tab's set is not touched");
    let message = messages::bundle_store_error(&stored::BundleStoreError::JoinPastLimit);
    assert!(message.contains("上限（報告200件、合わせて50MB、指摘は1つの報告に200件）を超えるため"), "{message}");
}
