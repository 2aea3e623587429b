//! The report as typed data, in the order of the paper form.
//!
//! Text is kept exactly as typed (full-width punctuation included); counts keep
//! what was typed until it parses (see [`crate::count`]). Every list item has a
//! stable [`RowId`] so the UI, undo and findings never depend on positions.

pub use crate::basis::Basis;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::comments::{Comment, CommentId, Tally};
pub use crate::places::{BodyKind, ListKind, RowId, SectionKind};
use crate::count::Count;
use crate::fiscal::{era_fiscal_year, era_short_year};
use crate::timestamp::Timestamp;

/// The largest row id; ids stay far from `u32::MAX` so adding one never overflows
/// (a file with a larger one is refused, see [`crate::limits`]).
pub const MAX_ROW_ID: u32 = 1_000_000;

/// A ward as the exchange file records it: the display name and the ASCII slug
/// used in file names. Both are stored so a file reads the same under any config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ward {
    /// e.g. 青葉区
    pub name: String,
    /// e.g. aoba
    pub slug: String,
}

/// Whether text is empty for the form: white space, U+3000 included, counts as empty.
pub fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// A named row with a count and content: a project team, another activity, or a part (内訳).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub id: RowId,
    pub name: String,
    pub count: Option<Count>,
    pub content: String,
}

impl Row {
    pub fn empty(id: RowId) -> Self {
        Row { id, name: String::new(), count: None, content: String::new() }
    }
}

/// One of the four fixed bodies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FixedBody {
    pub count: Option<Count>,
    pub content: String,
    /// The ward's own name for the body (区での呼称), printed under the body's name.
    pub local_name: String,
    /// Optional breakdown (内訳) with their own names, counts and content.
    pub parts: Vec<Row>,
}

/// The four fixed bodies, always present, in the form's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FixedBodies {
    pub plenary: FixedBody,
    pub network: FixedBody,
    pub liaison: FixedBody,
    pub steering: FixedBody,
}

/// The three text sections, kept exactly as typed (line breaks included).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sections {
    /// １　今年度の主な取組み
    pub main_work: String,
    /// ２　現状における課題
    pub issues: String,
    /// ３　課題に対する次年度以降の取組予定
    pub plans: String,
}

/// The report itself: what the paper form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Gregorian year in which the fiscal year begins (令和4年度 = 2022).
    pub fiscal_year: Option<i32>,
    pub ward: Option<Ward>,
    pub basis: Option<Basis>,
    pub bodies: FixedBodies,
    /// （４）プロジェクトチーム
    pub teams: Vec<Row>,
    /// その他の活動
    pub activities: Vec<Row>,
    pub sections: Sections,
    /// The city's 指摘 and the ward's answers (schema v2); never printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
}

impl Report {
    pub fn body(&self, kind: BodyKind) -> &FixedBody {
        let b = &self.bodies;
        match kind {
            BodyKind::Plenary => &b.plenary,
            BodyKind::Network => &b.network,
            BodyKind::Liaison => &b.liaison,
            BodyKind::Steering => &b.steering,
        }
    }

    pub fn body_mut(&mut self, kind: BodyKind) -> &mut FixedBody {
        let b = &mut self.bodies;
        match kind {
            BodyKind::Plenary => &mut b.plenary,
            BodyKind::Network => &mut b.network,
            BodyKind::Liaison => &mut b.liaison,
            BodyKind::Steering => &mut b.steering,
        }
    }

    pub fn list(&self, kind: ListKind) -> &[Row] {
        match kind {
            ListKind::Teams => &self.teams,
            ListKind::Activities => &self.activities,
        }
    }

    pub fn list_mut(&mut self, kind: ListKind) -> &mut Vec<Row> {
        match kind {
            ListKind::Teams => &mut self.teams,
            ListKind::Activities => &mut self.activities,
        }
    }

    pub fn section(&self, kind: SectionKind) -> &str {
        let s = &self.sections;
        match kind {
            SectionKind::MainWork => &s.main_work,
            SectionKind::Issues => &s.issues,
            SectionKind::Plans => &s.plans,
        }
    }

    pub fn section_mut(&mut self, kind: SectionKind) -> &mut String {
        let s = &mut self.sections;
        match kind {
            SectionKind::MainWork => &mut s.main_work,
            SectionKind::Issues => &mut s.issues,
            SectionKind::Plans => &mut s.plans,
        }
    }

    /// All rows that carry an id, wherever they are.
    fn all_rows(&self) -> impl Iterator<Item = &Row> {
        BodyKind::ALL
            .into_iter()
            .flat_map(move |k| self.body(k).parts.iter())
            .chain(self.teams.iter())
            .chain(self.activities.iter())
    }

    /// An id no row of this report uses yet: one above the largest, or, once that
    /// would pass [`MAX_ROW_ID`] (ids edited by hand), the lowest
    /// free one, so the report still reads back. Never overflows.
    pub fn fresh_id(&self) -> RowId {
        let max = self.all_rows().map(|r| r.id.0).max().unwrap_or(0);
        if max < MAX_ROW_ID {
            return RowId(max + 1);
        }
        let used: std::collections::HashSet<u32> = self.all_rows().map(|r| r.id.0).collect();
        // More candidates than rows, so one is free unless the report holds a million rows.
        (1..=MAX_ROW_ID).find(|id| !used.contains(id)).map_or(RowId(max.saturating_add(1)), RowId)
    }

    /// The council's name, derived from the ward (never typed: avoids 「宮城野区区…」).
    pub fn council_name(&self) -> Option<String> {
        self.ward.as_ref().map(|w| format!("{}障害者自立支援協議会", w.name))
    }

    /// 「令和４年度　青葉区障害者自立支援協議会　取組状況」; unset parts are left out.
    pub fn title(&self) -> String {
        let mut parts = Vec::with_capacity(3);
        if let Some(fy) = self.fiscal_year {
            parts.push(era_fiscal_year(fy));
        }
        parts.push(self.council_name().unwrap_or_else(|| "区障害者自立支援協議会".to_owned()));
        parts.push("取組状況".to_owned());
        parts.join("\u{3000}")
    }

    /// ASCII file stem for exports: `R4_aoba_torikumi` (mail gateways mangle Japanese names).
    pub fn file_stem(&self) -> String {
        let mut parts = Vec::with_capacity(3);
        if let Some(fy) = self.fiscal_year {
            parts.push(era_short_year(fy));
        }
        if let Some(w) = &self.ward {
            parts.push(w.slug.clone());
        }
        parts.push("torikumi".to_owned());
        parts.join("_")
    }

    /// The exchange file's name: `R4_aoba_torikumi.json`.
    pub fn json_file_name(&self) -> String {
        format!("{}.json", self.file_stem())
    }

    /// A draft for the following 年度 made from this report (「前年度から作成」): the
    /// same ward, structure, team and activity names, parts and the ward's own
    /// names. Counts and text are kept or cleared as the user picks; the basis
    /// is always chosen afresh.
    pub fn for_next_year(&self, keep_counts_and_text: bool) -> Report {
        let mut next = self.clone();
        next.fiscal_year = self.fiscal_year.map(|y| y + 1);
        next.basis = None;
        next.comments.clear();
        if !keep_counts_and_text {
            let clear = |row: &mut Row| {
                row.count = None;
                row.content.clear();
            };
            for kind in BodyKind::ALL {
                let body = next.body_mut(kind);
                body.count = None;
                body.content.clear();
                body.parts.iter_mut().for_each(clear);
            }
            next.teams.iter_mut().for_each(clear);
            next.activities.iter_mut().for_each(clear);
            next.sections = Sections::default();
        }
        next
    }

    /// The heading of the table: 「○実施状況」 or 「○実施状況（R5.3 見込み）」.
    pub fn counts_heading(&self) -> String {
        match &self.basis {
            Some(Basis::Projected { year: Some(y), month: Some(m) }) => {
                format!("○実施状況（{}.{} 見込み）", era_short_year(*y), m)
            }
            Some(Basis::Projected { .. }) => "○実施状況（見込み）".to_owned(),
            _ => "○実施状況".to_owned(),
        }
    }
}

/// Whether the report is still being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Finished,
}

/// A report with its status and times: what a draft holds and what the exchange file carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub status: Status,
    pub created: Timestamp,
    pub changed: Timestamp,
    pub finished: Option<Timestamp>,
    pub report: Report,
}

impl Document {
    /// A new, empty draft created at `now`.
    pub fn new(now: Timestamp) -> Self {
        Document { status: Status::Draft, created: now, changed: now, finished: None, report: Report::default() }
    }

    /// Marks the report finished at `now`, with every count as a number.
    /// The caller checks the rules first (see [`crate::rules::can_finish`]).
    pub fn finish(&mut self, now: Timestamp) {
        let normalise = |c: &mut Option<Count>| *c = c.as_ref().map(Count::normalized);
        let r = &mut self.report;
        for kind in BodyKind::ALL {
            let body = r.body_mut(kind);
            normalise(&mut body.count);
            body.parts.iter_mut().for_each(|p| normalise(&mut p.count));
        }
        r.teams.iter_mut().chain(r.activities.iter_mut()).for_each(|row| normalise(&mut row.count));
        self.status = Status::Finished;
        self.finished = Some(now);
        self.changed = now;
    }

    /// 「編集を再開」: a draft again.
    pub fn reopen(&mut self, now: Timestamp) {
        self.status = Status::Draft;
        self.finished = None;
        self.changed = now;
    }
}

// The city's comments (see `crate::comments`).
impl Report {
    /// The comments' tally.
    pub fn comment_tally(&self) -> Tally {
        Tally { comments: self.comments.len(), resolved: self.comments.iter().filter(|c| c.resolved).count() }
    }

    /// An id no comment of this report uses yet: one above the largest, or, when the
    /// largest is `u32::MAX` (a file may carry any id), the lowest free one.
    pub fn fresh_comment_id(&self) -> CommentId {
        let max = self.comments.iter().map(|c| c.id.0).max().unwrap_or(0);
        if let Some(next) = max.checked_add(1) {
            return CommentId(next);
        }
        // At most MAX_COMMENTS are held (limits), so one of the first few ids is free.
        CommentId((1..).find(|id| self.comment(CommentId(*id)).is_none()).unwrap_or(1))
    }

    /// `wanted` when no comment of this report uses it, else a fresh id.
    pub fn comment_id_for(&self, wanted: CommentId) -> CommentId {
        if self.comment(wanted).is_some() {
            self.fresh_comment_id()
        } else {
            wanted
        }
    }

    /// The comment with this id.
    pub fn comment(&self, id: CommentId) -> Option<&Comment> {
        self.comments.iter().find(|c| c.id == id)
    }

    /// Comments whose field or row is gone (the ward removed the row), each with its
    /// number (指摘3: the third comment): shown at the top.
    pub fn orphan_comments(&self) -> impl Iterator<Item = (usize, &Comment)> {
        self.comments.iter().enumerate().filter(move |(_, c)| !c.anchor.is_present(self)).map(|(i, c)| (i + 1, c))
    }

    /// The report as the form holds it, without the review's comments: what a
    /// review file names by its hash, and what print and Word show.
    pub fn without_comments(&self) -> Report {
        Report { comments: Vec::new(), ..self.clone() }
    }
}
