//! Properties over hostile files: a document the import accepts can be used
//! everywhere without a panic (checked, exported, re-imported, printed, titled,
//! stored and listed), and whatever it refuses is refused with a reason.

mod wild;

use proptest::prelude::*;
use serde_json::{json, Value};
use torikumi_core::drafts::{self, KeyValue, MemoryStore};
use torikumi_core::exchange::{self, ImportError};
use torikumi_core::messages::import_error;
use torikumi_core::limits::{LimitError, MAX_FILE_BYTES, MAX_ROWS, MAX_ROW_ID, REPORT_YEARS};
use torikumi_core::{check, html_export, incoming, limits, print, Config, Context, Document, ListKind, Row};
use wild::{cases, mutate, mutation, wild_document};

const FILE: &str = "R5_wakabayashi_torikumi.json";

/// Everything the app does with a report it has read; panics (failing the case) if anything misbehaves.
fn use_everywhere(doc: &Document) {
    let config = Config::default();
    let report = &doc.report;

    // Checked by the rules, whatever "now" is.
    for current_fiscal_year in [doc.changed.fiscal_year(), 2026] {
        let findings = check(report, &Context { config: &config, current_fiscal_year });
        assert!(findings.iter().all(|f| !f.message.is_empty()));
    }

    // Exported again and read back equal, as JSON and as HTML.
    let json = exchange::to_json(doc);
    assert_eq!(exchange::from_json(json.as_bytes()).as_ref(), Ok(doc));
    assert_eq!(incoming::read_export(json.as_bytes()).as_ref(), Ok(doc));
    let html = html_export::standalone_html(doc);
    assert!(!print::report_html(doc).is_empty());
    if html.len() <= MAX_FILE_BYTES {
        assert_eq!(incoming::read_export(html.as_bytes()).as_ref(), Ok(doc));
    }

    // Titled and named.
    let _ = (
        report.title(),
        report.file_stem(),
        report.json_file_name(),
        report.counts_heading(),
        html_export::html_file_name(report),
    );

    // Its times shown.
    for t in [Some(doc.created), Some(doc.changed), doc.finished].into_iter().flatten() {
        assert!(!t.display_ja().is_empty());
        let _ = t.fiscal_year();
    }

    // Next year's draft: usable too, and readable back unless it passes the last year the file format takes.
    for keep in [true, false] {
        let next = Document { report: report.for_next_year(keep), ..doc.clone() };
        let _ = check(&next.report, &Context { config: &config, current_fiscal_year: 2026 });
        let _ = (next.report.title(), next.report.file_stem());
        if report.fiscal_year != Some(*REPORT_YEARS.end()) {
            assert_eq!(exchange::from_json(exchange::to_json(&next).as_bytes()), Ok(next));
        }
    }

    // A new row gets an id no row has, which the file format accepts.
    let id = report.fresh_id();
    assert!((1..=MAX_ROW_ID).contains(&id.0), "{id:?}");
    for kind in ListKind::ALL {
        if report.list(kind).len() < MAX_ROWS {
            let mut grown = doc.clone();
            grown.report.list_mut(kind).push(Row::empty(id));
            assert_eq!(exchange::from_json(exchange::to_json(&grown).as_bytes()), Ok(grown));
        }
    }

    // Stored as a draft and listed back.
    let record = json!({ "id": "p", "exported": doc.finished, "trashed": null, "document": exchange::to_value(doc) });
    let draft = drafts::decode_draft(&record.to_string()).expect("an accepted document is a readable draft");
    assert_eq!(&draft.document, doc);
    let encoded = drafts::encode_draft(&draft);
    assert_eq!(drafts::decode_draft(&encoded).as_ref(), Ok(&draft));
    let kv = MemoryStore::default();
    kv.set(&drafts::draft_key("p"), &encoded).unwrap();
    let listing = drafts::list(&kv).unwrap();
    assert_eq!(listing.drafts, vec![draft]);
    assert!(listing.damaged.is_empty());
}

/// A refusal is a reason with a message, never a panic. A stored record of it is
/// set aside, unless only its times were outside the years: the app never refuses
/// a draft it stored itself for that, it holds them inside (and then the draft is
/// usable everywhere, and its export imports).
fn refused_with_a_reason(error: &ImportError, document: Value) {
    let m = import_error(FILE, error);
    assert!(m.contains(FILE), "{m}");
    let record = json!({ "id": "q", "exported": null, "trashed": null, "document": document.clone() });
    let kv = MemoryStore::default();
    kv.set(&drafts::draft_key("q"), &record.to_string()).unwrap();
    let listing = drafts::list(&kv).unwrap();
    let raw = serde_json::value::to_raw_value(&document).expect("JSON");
    match exchange::from_stored(&raw) {
        Ok(held) => {
            assert!(matches!(error, ImportError::Limit(LimitError::TimestampOutOfRange { .. })), "{error:?}");
            assert!(listing.damaged.is_empty());
            assert_eq!(listing.drafts.iter().map(|d| &d.document).collect::<Vec<_>>(), [&held]);
            assert_eq!(exchange::from_json(exchange::to_json(&held).as_bytes()), Ok(held.clone()));
            use_everywhere(&held);
        }
        Err(_) => {
            assert!(listing.drafts.is_empty());
            assert_eq!(listing.damaged.len(), 1);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn what_an_import_accepts_can_be_used_everywhere(doc in wild_document()) {
        let json = exchange::to_json(&doc);
        let within = limits::check(&doc);
        match exchange::from_json(json.as_bytes()) {
            Ok(read) => {
                prop_assert_eq!(&read, &doc);
                prop_assert_eq!(within, Ok(()));
                use_everywhere(&read);
            }
            Err(error) => {
                // The shape is always right here: only a limit can refuse it.
                prop_assert_eq!(&error, &ImportError::Limit(within.unwrap_err()));
                refused_with_a_reason(&error, exchange::to_value(&doc));
            }
        }
    }

    #[test]
    fn a_damaged_file_is_refused_or_usable(doc in wild_document(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut v = exchange::to_value(&doc);
        for m in &mutations {
            mutate(&mut v, m);
        }
        let bytes = serde_json::to_vec(&v).unwrap();
        let imported = incoming::read_export(&bytes);
        prop_assert_eq!(&exchange::from_json(&bytes), &imported);
        match imported {
            Ok(read) => use_everywhere(&read),
            Err(error) => refused_with_a_reason(&error, v),
        }
    }
}
