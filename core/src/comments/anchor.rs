//! Where a comment points: a field, a row or the whole report, by stable ids.
//!
//! Written in files as a short key made from the editor's element ids
//! (`team-3-content`, `team-3`, `network-part-9-count`, `issues`, `report`), so a
//! person reading a review file sees what it points at.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

pub use crate::places::Anchor;
use crate::fields::{body_key, cell_key, item_key, Cell, Field, Place};
use crate::model::{BodyKind, ListKind, Report, RowId, SectionKind};

impl Anchor {
    /// The key written in files.
    pub fn key(&self) -> String {
        match *self {
            Anchor::Report => "report".to_owned(),
            Anchor::Field(field) => field.dom_id().trim_start_matches("f-").to_owned(),
            Anchor::Body(body) => body_key(body).to_owned(),
            Anchor::Row(place, id) => {
                let name = place.field(id, Cell::Name).dom_id();
                name.trim_start_matches("f-").trim_end_matches("-name").to_owned()
            }
        }
    }

    /// Reads a key written by [`Anchor::key`]; `None` for anything else.
    pub fn from_key(key: &str) -> Option<Anchor> {
        let fixed = [
            ("report", Anchor::Report),
            ("fiscal-year", Anchor::Field(Field::FiscalYear)),
            ("ward", Anchor::Field(Field::Ward)),
            ("basis", Anchor::Field(Field::Basis)),
            ("projection", Anchor::Field(Field::Projection)),
            ("main-work", Anchor::Field(Field::Section(SectionKind::MainWork))),
            ("issues", Anchor::Field(Field::Section(SectionKind::Issues))),
            ("plans", Anchor::Field(Field::Section(SectionKind::Plans))),
        ];
        if let Some((_, anchor)) = fixed.iter().find(|(k, _)| *k == key) {
            return Some(*anchor);
        }
        for body in BodyKind::ALL {
            let Some(rest) = key.strip_prefix(body_key(body)) else { continue };
            if rest.is_empty() {
                return Some(Anchor::Body(body));
            }
            if let Some(rest) = rest.strip_prefix("-part-") {
                return row(Place::Parts(body), rest);
            }
            let cell = cell(rest.strip_prefix('-')?)?;
            return (cell != Cell::Name).then_some(Anchor::Field(Field::Body(body, cell)));
        }
        for list in ListKind::ALL {
            if let Some(rest) = key.strip_prefix(item_key(list)).and_then(|r| r.strip_prefix('-')) {
                return row(Place::List(list), rest);
            }
        }
        None
    }

    /// Whether what it points at is in the report (a removed row's comments are not).
    pub fn is_present(&self, report: &Report) -> bool {
        match *self {
            Anchor::Report | Anchor::Body(_) => true,
            Anchor::Field(field) => field.accessible_name(report).is_some(),
            Anchor::Row(place, id) => place.rows(report).iter().any(|r| r.id == id),
        }
    }

    /// What it points at, in the editor's words: 「プロジェクトチーム2 主な内容・議題等」,
    /// 「プロジェクトチーム2」, 「報告全体」; `None` when its row is gone.
    pub fn label(&self, report: &Report) -> Option<String> {
        match *self {
            Anchor::Report => Some("報告全体".to_owned()),
            Anchor::Field(field) => field.accessible_name(report),
            Anchor::Body(body) => Some(body.short_name().to_owned()),
            Anchor::Row(place, id) => {
                let name = place.field(id, Cell::Name).accessible_name(report)?;
                // 「プロジェクトチーム2 名称」 → 「プロジェクトチーム2」
                Some(name.rsplit_once(' ').map_or(name.clone(), |(row, _)| row.to_owned()))
            }
        }
    }
}

fn row(place: Place, rest: &str) -> Option<Anchor> {
    let (id, cell_key) = match rest.split_once('-') {
        Some((id, cell_key)) => (id, Some(cell_key)),
        None => (rest, None),
    };
    // Digits only: 「+3」 or 「03」 would name the same row as 「3」 under another key.
    if id.is_empty() || id.len() > 7 || !id.bytes().all(|b| b.is_ascii_digit()) || (id.len() > 1 && id.starts_with('0')) {
        return None;
    }
    let id = RowId(id.parse().ok()?);
    match cell_key {
        None => Some(Anchor::Row(place, id)),
        Some(k) => match cell(k)? {
            Cell::LocalName => None,
            c => Some(Anchor::Field(place.field(id, c))),
        },
    }
}

/// The cell whose key (the end of its element id) is `key`.
fn cell(key: &str) -> Option<Cell> {
    [Cell::Name, Cell::Count, Cell::Content, Cell::LocalName].into_iter().find(|c| cell_key(*c) == key)
}

impl Serialize for Anchor {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.key())
    }
}

impl<'de> Deserialize<'de> for Anchor {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let key = Cow::<str>::deserialize(deserializer)?;
        Anchor::from_key(&key).ok_or_else(|| serde::de::Error::custom(format!("unknown anchor {:.40}", key)))
    }
}

impl JsonSchema for Anchor {
    fn schema_name() -> Cow<'static, str> {
        "Anchor".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "description": "What the comment points at: `report`, a field (`fiscal-year`, `ward`, `basis`, `projection`, `main-work`, `issues`, `plans`, `network-count`, `network-local-name`, `team-3-content`, `network-part-9-count`), a fixed body's row (`network`), or a row by its id (`team-3`, `activity-4`, `network-part-9`).",
            "type": "string",
            "pattern": "^(report|fiscal-year|ward|basis|projection|main-work|issues|plans|(plenary|network|liaison|steering)(-(count|content|local-name))?|((team|activity)|(plenary|network|liaison|steering)-part)-(0|[1-9][0-9]{0,6})(-(name|count|content))?)$"
        })
    }
}
