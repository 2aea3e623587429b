//! Generators of wild reports and damaged JSON for the property tests: text as
//! people type it and as a hostile file might carry it, ids and years at the
//! edges, timestamps any file can write, and mutations of a file's JSON.

#![allow(dead_code)]

use proptest::prelude::*;
use serde_json::Value;
use time::{Date, Month, OffsetDateTime, Time, UtcOffset};
use torikumi_core::limits::{MAX_ROWS, MAX_ROW_ID, MAX_TEXT_CHARS, REPORT_YEARS};
use torikumi_core::{Basis, Count, Document, FixedBodies, FixedBody, Report, Row, RowId, Sections, Status, Timestamp, Ward};


pub fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

// Weights: most of a generated document is within the limits, so that about a
// third of the documents are accepted and the rest break a limit or two.

/// Text as people type it and as a hostile file might carry it.
pub fn wild_text() -> BoxedStrategy<String> {
    prop_oneof![
        40 => "[ぁ-んァ-ン一-龯０-９、。「」・①②（）\n 　a-z]{0,30}",
        20 => Just("<script>alert(1)</script></script><!--".to_owned()),
        20 => "[<>&\"'/=a-z ]{0,30}",
        20 => "[\u{0}-\u{1f}\u{7f}\u{200b}\u{202e}\u{feff}\u{fffd}]{0,12}",
        20 => any::<String>(),
        10 => Just("○○○○PT".to_owned()),
        1 => (MAX_TEXT_CHARS - 1..=MAX_TEXT_CHARS + 1).prop_map(|n| "字".repeat(n)),
    ]
    .boxed()
}

pub fn wild_count() -> BoxedStrategy<Option<Count>> {
    prop_oneof![
        Just(None),
        any::<u32>().prop_map(|n| Some(Count::Number(n))),
        wild_text().prop_map(|t| Some(Count::Text(t))),
    ]
    .boxed()
}

pub fn wild_id() -> BoxedStrategy<RowId> {
    prop_oneof![
        20 => 1..=MAX_ROW_ID,
        2 => 1u32..40, // small: collisions happen
        1 => MAX_ROW_ID - 1..=MAX_ROW_ID + 1,
        1 => prop_oneof![any::<u32>(), Just(u32::MAX)],
    ]
    .prop_map(RowId)
    .boxed()
}

pub fn wild_rows(max: usize) -> BoxedStrategy<Vec<Row>> {
    let row = (wild_id(), wild_text(), wild_count(), wild_text()).prop_map(|(id, name, count, content)| Row {
        id,
        name,
        count,
        content,
    });
    prop_oneof![
        30 => prop::collection::vec(row, 0..max),
        // At the row limit, with ids of their own.
        1 => (MAX_ROWS..=MAX_ROWS + 1, 1u32..100).prop_map(|(n, k)| rows(n, k * 1000)),
    ]
    .boxed()
}

pub fn wild_body() -> BoxedStrategy<FixedBody> {
    (wild_count(), wild_text(), wild_text(), wild_rows(3))
        .prop_map(|(count, content, local_name, parts)| FixedBody { count, content, local_name, parts })
        .boxed()
}

pub fn wild_year() -> BoxedStrategy<i32> {
    prop_oneof![
        20 => 2015..2035i32,
        5 => REPORT_YEARS,
        1 => 1895..1905i32,
        1 => 2195..2205i32,
        1 => any::<i32>(),
        1 => Just(i32::MAX),
        1 => Just(i32::MIN),
    ]
    .boxed()
}

/// Any timestamp an exchange file can write: years 0000–9999, offsets within a day in whole minutes.
pub fn wild_timestamp() -> BoxedStrategy<Timestamp> {
    let year = prop_oneof![
        20 => 2000..=2200i32,
        1 => 1998..2003i32,
        1 => 2198..2203i32,
        1 => prop_oneof![0..=9999i32, Just(9999)],
    ];
    let offset = prop_oneof![Just((9i8, 0i8)), Just((0, 0)), (-23i8..=23, 0i8..60)];
    (year, 1u8..=12, 1u8..=31, 0u8..24, 0u8..60, offset)
        .prop_map(|(year, month, day, hour, minute, (oh, om))| {
            let month = Month::try_from(month).unwrap_or(Month::January);
            let date = Date::from_calendar_date(year, month, day)
                .or_else(|_| Date::from_calendar_date(year, month, 28))
                .unwrap();
            let om = if oh < 0 { -om } else { om };
            let offset = UtcOffset::from_hms(oh, om, 0).unwrap();
            Timestamp(OffsetDateTime::new_in_offset(date, Time::from_hms(hour, minute, 0).unwrap(), offset))
        })
        .boxed()
}

pub fn wild_document() -> BoxedStrategy<Document> {
    let basis = prop_oneof![
        Just(None),
        Just(Some(Basis::Actual)),
        (prop::option::of(wild_year()), any::<Option<u8>>())
            .prop_map(|(year, month)| Some(Basis::Projected { year, month })),
    ];
    let ward = prop::option::of((wild_text(), prop_oneof!["[a-z]{1,12}".boxed(), wild_text().boxed()]))
        .prop_map(|w| w.map(|(name, slug)| Ward { name, slug }));
    let report = (
        prop::option::of(wild_year()),
        ward,
        basis,
        (wild_body(), wild_body(), wild_body(), wild_body()),
        wild_rows(5),
        wild_rows(5),
        (wild_text(), wild_text(), wild_text()),
    )
        .prop_map(assemble_report);
    (prop::bool::ANY, wild_timestamp(), wild_timestamp(), prop::option::of(wild_timestamp()), report)
        .prop_map(assemble_document)
        .boxed()
}

/// The parts of a report a generator draws, in the form's order.
pub type ReportParts = (
    Option<i32>,
    Option<Ward>,
    Option<Basis>,
    (FixedBody, FixedBody, FixedBody, FixedBody),
    Vec<Row>,
    Vec<Row>,
    (String, String, String),
);

/// A report from its generated parts.
pub fn assemble_report(parts: ReportParts) -> Report {
    let (fiscal_year, ward, basis, (plenary, network, liaison, steering), teams, activities, (a, b, c)) = parts;
    Report {
        fiscal_year,
        ward,
        basis,
        bodies: FixedBodies { plenary, network, liaison, steering },
        teams,
        activities,
        sections: Sections { main_work: a, issues: b, plans: c },
        comments: Vec::new(),
    }
}

/// A document from a generated report and times (finished or not, created, changed, finished at).
pub fn assemble_document(parts: (bool, Timestamp, Timestamp, Option<Timestamp>, Report)) -> Document {
    let (finished, created, changed, finished_at, report) = parts;
    Document { status: if finished { Status::Finished } else { Status::Draft }, created, changed, finished: finished_at, report }
}

/// Numbers a hand-edited file might hold: any integer, the edges that matter here, fractions.
pub fn wild_number() -> BoxedStrategy<Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop_oneof![
            Just(u32::MAX as i64),
            Just(u32::MAX as i64 + 1),
            Just(i32::MAX as i64),
            Just(i32::MIN as i64),
            Just(-1),
            Just(0),
            Just(12),
            Just(2023),
            Just(MAX_ROW_ID as i64),
            Just(MAX_ROW_ID as i64 + 1),
        ]
        .prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
    ]
    .boxed()
}

/// Strings a hand-edited file might hold: any text, timestamps at the edges, the enum words.
pub fn wild_string() -> BoxedStrategy<String> {
    prop_oneof![
        wild_text(),
        prop_oneof![
            Just("9999-12-31T23:59:59Z"),
            Just("0000-01-01T00:00:00+23:59"),
            Just("2200-12-31T23:59:59-23:59"),
            Just("1999-12-31T23:59:59+09:00"),
            Just("2023-02-10T10:00:00+09:00"),
            Just("draft"),
            Just("finished"),
            Just("projected"),
            Just("actual"),
        ]
        .prop_map(str::to_owned),
    ]
    .boxed()
}

/// JSON a damaged or hand-edited file might hold in any place.
pub fn wild_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        wild_number(),
        wild_string().prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

#[derive(Debug, Clone)]
pub enum Mutation {
    /// Replace the node at this position (counted over every node) with a value.
    Replace(usize, Value),
    /// Replace a string or number at this position with another of its kind (likelier to still be a report).
    Tweak(usize, String, Value),
    /// Remove the node at this position from its object or array.
    Remove(usize),
    /// Copy a non-empty array's first element to its end (a duplicate row, so a duplicate id).
    Duplicate(usize),
}

pub fn mutation() -> BoxedStrategy<Mutation> {
    prop_oneof![
        4 => (any::<usize>(), wild_string(), wild_number()).prop_map(|(at, s, n)| Mutation::Tweak(at, s, n)),
        1 => (any::<usize>(), wild_json()).prop_map(|(at, v)| Mutation::Replace(at, v)),
        1 => any::<usize>().prop_map(Mutation::Remove),
        2 => any::<usize>().prop_map(Mutation::Duplicate),
    ]
    .boxed()
}

#[derive(Debug, Clone)]
pub enum Step {
    Key(String),
    Index(usize),
}

pub fn paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                here.push(Step::Key(k.clone()));
                paths(child, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                here.push(Step::Index(i));
                paths(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

pub fn node<'a>(v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, step| match step {
        Step::Key(k) => v.get_mut(k.as_str()),
        Step::Index(i) => v.get_mut(*i),
    })
}

pub fn mutate(v: &mut Value, m: &Mutation) {
    let mut all = Vec::new();
    paths(v, &mut Vec::new(), &mut all);
    let pick = |at: usize| all[at % all.len()].clone();
    match m {
        Mutation::Replace(at, new) => {
            if let Some(n) = node(v, &pick(*at)) {
                *n = new.clone();
            }
        }
        Mutation::Tweak(at, string, number) => match node(v, &pick(*at)) {
            Some(n @ Value::String(_)) => *n = Value::from(string.clone()),
            Some(n @ Value::Number(_)) => *n = number.clone(),
            _ => {}
        },
        Mutation::Remove(at) => {
            let mut path = pick(*at);
            let Some(last) = path.pop() else { return };
            match (node(v, &path), last) {
                (Some(Value::Object(m)), Step::Key(k)) => {
                    m.remove(&k);
                }
                (Some(Value::Array(a)), Step::Index(i)) => {
                    a.remove(i);
                }
                _ => {}
            }
        }
        Mutation::Duplicate(at) => {
            // Among the non-empty arrays only: in a report those are the lists of rows.
            let arrays: Vec<Vec<Step>> = all
                .iter()
                .filter(|p| node(v, p).and_then(|n| n.as_array()).is_some_and(|a| !a.is_empty()))
                .cloned()
                .collect();
            let Some(path) = arrays.get(at % arrays.len().max(1)) else { return };
            if let Some(Value::Array(a)) = node(v, path) {
                a.push(a[0].clone());
            }
        }
    }
}

/// `n` named rows with ids from `first_id`.
pub fn rows(n: usize, first_id: u32) -> Vec<Row> {
    (0..n)
        .map(|i| Row {
            id: RowId(first_id + i as u32),
            name: format!("チーム{i}"),
            count: None,
            content: String::new(),
        })
        .collect()
}
