//! Where things are in the form, as plain types: the fixed bodies, the lists and
//! sections, rows by stable id, fields, and what a comment points at. A leaf:
//! the report (`model`) holds them, and the modules that read a report give
//! them their behaviour (`fields`, `comments`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Stable identity of a team, activity or part within one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct RowId(pub u32);

/// The four fixed bodies of the table, （１）（２）（３）（５）.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyKind {
    Plenary,
    Network,
    Liaison,
    Steering,
}

impl BodyKind {
    pub const ALL: [BodyKind; 4] = [BodyKind::Plenary, BodyKind::Network, BodyKind::Liaison, BodyKind::Steering];

    /// Short name used in accessible names and messages.
    pub fn short_name(self) -> &'static str {
        match self {
            BodyKind::Plenary => "全体協議会",
            BodyKind::Network => "実務者ネットワーク会議",
            BodyKind::Liaison => "障害者相談支援事業所等連絡会議",
            BodyKind::Steering => "運営会議",
        }
    }

    /// The row heading as printed on the form.
    pub fn heading(self) -> &'static str {
        match self {
            BodyKind::Plenary => "（１）全体協議会",
            BodyKind::Network => "（２）実務者ネットワーク会議",
            BodyKind::Liaison => "（３）障害者相談支援事業所等連絡会議",
            BodyKind::Steering => "（５）運営会議",
        }
    }
}

/// The two lists of named rows: （４） project teams and other activities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    Teams,
    Activities,
}

impl ListKind {
    pub const ALL: [ListKind; 2] = [ListKind::Teams, ListKind::Activities];

    /// The list's heading as printed on the form, and in the editor.
    pub fn heading(self) -> &'static str {
        match self {
            ListKind::Teams => "（４）プロジェクトチーム",
            ListKind::Activities => "その他の活動",
        }
    }

    /// Prefix of a row's accessible name: プロジェクトチーム1, その他の活動1.
    pub fn short_name(self) -> &'static str {
        match self {
            ListKind::Teams => "プロジェクトチーム",
            ListKind::Activities => "その他の活動",
        }
    }
}

/// The three text sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionKind {
    MainWork,
    Issues,
    Plans,
}

impl SectionKind {
    pub const ALL: [SectionKind; 3] = [SectionKind::MainWork, SectionKind::Issues, SectionKind::Plans];

    /// Accessible name of the section's text field.
    pub fn short_name(self) -> &'static str {
        match self {
            SectionKind::MainWork => "今年度の主な取組み",
            SectionKind::Issues => "現状における課題",
            SectionKind::Plans => "課題に対する次年度以降の取組予定",
        }
    }

    /// The heading as printed on the form.
    pub fn heading(self) -> &'static str {
        match self {
            SectionKind::MainWork => "１　今年度の主な取組み",
            SectionKind::Issues => "２　現状における課題（地域ニーズや課題、協議会運営上の課題など）",
            SectionKind::Plans => "３　課題に対する次年度以降の取組予定",
        }
    }
}

/// Where a list of rows lives: a team/activity list, or a fixed body's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    List(ListKind),
    Parts(BodyKind),
}

/// Which cell of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cell {
    Name,
    Count,
    Content,
    /// 区での呼称 (fixed bodies only).
    LocalName,
}

/// A field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    FiscalYear,
    Ward,
    /// The 実績 / 見込み choice.
    Basis,
    /// 見込み時点 (year and month).
    Projection,
    Body(BodyKind, Cell),
    Part(BodyKind, RowId, Cell),
    Item(ListKind, RowId, Cell),
    Section(SectionKind),
    /// The ward's reply to a comment (指摘).
    Reply(CommentId),
}

/// A comment's id: unique within the report, given by the city's app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct CommentId(pub u32);

/// What a comment is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// The whole report.
    Report,
    /// One field.
    Field(Field),
    /// A fixed body's whole row.
    Body(BodyKind),
    /// A team, another activity or a part (内訳), as a whole.
    Row(Place, RowId),
}

