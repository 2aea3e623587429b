//! The rules a report must meet (REPORT-FORM.md, "Rules a report must meet").
//!
//! [`check`] runs on every change, so it walks the report once and allocates only
//! for what it finds. Errors block finishing; warnings are shown and allowed.

use crate::config::Config;
use crate::count::{count_value, Count, CountError};
use crate::fields::{Cell, Field};
use crate::fiscal::{fiscal_year_contains, FIRST_FISCAL_YEAR};
use crate::findings::{Finding, Problem, Severity};
use crate::messages;
use crate::notation;
use crate::model::{is_blank, Basis, BodyKind, ListKind, Report, Row, SectionKind};

/// What the rules need besides the report.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub config: &'a Config,
    /// The fiscal year it is now in Japan (see [`crate::timestamp::Timestamp::fiscal_year`]).
    pub current_fiscal_year: i32,
}

/// Counts above this (more than weekly) are probably typos.
pub const PLAUSIBLE_COUNT_MAX: u32 = 52;

/// Content that means "none held".
const NONE_WORDS: [&str; 3] = ["なし", "特になし", "無し"];

/// Section texts that only refer elsewhere.
const REFERRING_PHRASES: [&str; 5] = ["上記の通り", "上記のとおり", "同上", "前述の通り", "前述のとおり"];


/// A name still reading like the template's 「○○○○PT」: only circle marks, with or without PT.
pub fn is_placeholder_name(name: &str) -> bool {
    let t = name.trim();
    let t = ["PT", "ＰＴ", "pt", "ｐｔ"].iter().find_map(|s| t.strip_suffix(s)).unwrap_or(t).trim_end();
    !t.is_empty() && t.chars().all(|c| matches!(c, '○' | '〇' | '◯'))
}

fn is_none_word(content: &str) -> bool {
    NONE_WORDS.contains(&content.trim())
}

fn only_refers_elsewhere(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix('・').unwrap_or(t);
    let t = t.strip_suffix('。').unwrap_or(t).trim();
    REFERRING_PHRASES.contains(&t)
}

/// Checks a report against every rule, in the form's order.
pub fn check(report: &Report, ctx: &Context) -> Vec<Finding> {
    let mut c = Checker { report, ctx, out: Vec::new() };
    c.header();
    for body in BodyKind::ALL {
        c.fixed_body(body);
    }
    for list in ListKind::ALL {
        for row in report.list(list) {
            c.named_row(row, false, |cell| Field::Item(list, row.id, cell));
        }
    }
    for kind in SectionKind::ALL {
        c.section(kind);
    }
    c.texts();
    c.comments();
    c.out
}

/// Whether a report has no errors left (warnings allowed).
pub fn can_finish(findings: &[Finding]) -> bool {
    findings.iter().all(|f| f.severity() == Severity::Warning)
}

struct Checker<'a> {
    report: &'a Report,
    ctx: &'a Context<'a>,
    out: Vec<Finding>,
}

impl Checker<'_> {
    fn push(&mut self, field: Field, problem: Problem) {
        let label = field.accessible_name(self.report).unwrap_or_default();
        let message = messages::finding(&problem, &label);
        self.out.push(Finding { problem, field, message });
    }

    fn header(&mut self) {
        match self.report.fiscal_year {
            None => self.push(Field::FiscalYear, Problem::FiscalYearMissing),
            Some(year) => {
                let latest = self.ctx.current_fiscal_year + 1;
                if year < FIRST_FISCAL_YEAR || year > latest {
                    self.push(Field::FiscalYear, Problem::FiscalYearOutOfRange { year, latest });
                }
            }
        }
        if self.report.ward.is_none() {
            self.push(Field::Ward, Problem::WardMissing);
        }
        match &self.report.basis {
            None => self.push(Field::Basis, Problem::BasisMissing),
            Some(Basis::Actual) => {}
            Some(Basis::Projected { year: Some(year), month: Some(month) }) => {
                if let Some(fy) = self.report.fiscal_year {
                    if !fiscal_year_contains(fy, *year, *month) {
                        let problem = Problem::ProjectionOutOfYear { year: *year, month: *month, fiscal_year: fy };
                        self.push(Field::Projection, problem);
                    }
                }
            }
            Some(Basis::Projected { .. }) => self.push(Field::Projection, Problem::ProjectionMissing),
        }
    }

    /// Count present and whole; returns its value when it is.
    fn count(&mut self, count: &Option<Count>, field: Field) -> Option<u32> {
        let value = count_value(count);
        match value {
            Ok(n) => {
                if n > PLAUSIBLE_COUNT_MAX {
                    self.push(field, Problem::CountImplausible { count: n });
                }
                Some(n)
            }
            Err(CountError::Blank) => {
                self.push(field, Problem::CountMissing);
                None
            }
            Err(CountError::NotAWholeNumber { typed }) => {
                self.push(field, Problem::CountInvalid { typed });
                None
            }
        }
    }

    /// Content against its count and the brief length. `optional`: content is
    /// held elsewhere (a body's parts) or not required (a part).
    fn content(&mut self, content: &str, count: Option<u32>, optional: bool, field: Field) {
        self.leftovers(content, field);
        let blank = is_blank(content);
        match count {
            Some(n) if n > 0 && blank && !optional => self.push(field, Problem::ContentMissing),
            Some(0) if !blank && !is_none_word(content) => self.push(field, Problem::ZeroCountWithContent),
            _ => {}
        }
        let max = self.ctx.config.brief_length;
        // Byte length bounds the character count from above: skip counting short text.
        if content.len() > max {
            let chars = content.chars().count();
            if chars > max {
                self.push(field, Problem::ContentTooLong { chars, max });
            }
        }
    }

    fn name(&mut self, name: &str, field: Field) {
        self.leftovers(name, field);
        if is_blank(name) {
            self.push(field, Problem::NameMissing);
        } else if is_placeholder_name(name) {
            self.push(field, Problem::NamePlaceholder { name: name.trim().to_owned() });
        }
    }

    /// A team, an activity or a part: name, count, content. A part's content is
    /// optional (the row's content requirement is met by its own or its parts').
    fn named_row(&mut self, row: &Row, is_part: bool, field: impl Fn(Cell) -> Field) -> Option<u32> {
        self.name(&row.name, field(Cell::Name));
        let n = self.count(&row.count, field(Cell::Count));
        self.content(&row.content, n, is_part, field(Cell::Content));
        n
    }

    fn fixed_body(&mut self, kind: BodyKind) {
        let body = self.report.body(kind);
        self.leftovers(&body.local_name, Field::Body(kind, Cell::LocalName));
        let n = self.count(&body.count, Field::Body(kind, Cell::Count));
        let parts_content = body.parts.iter().any(|p| !is_blank(&p.content));
        self.content(&body.content, n, parts_content, Field::Body(kind, Cell::Content));
        let mut sum = Some(0u32);
        for part in &body.parts {
            let pn = self.named_row(part, true, |cell| Field::Part(kind, part.id, cell));
            sum = sum.zip(pn).map(|(s, p)| s.saturating_add(p));
        }
        if let (false, Some(sum), Some(count)) = (body.parts.is_empty(), sum, n) {
            if sum != count {
                self.push(Field::Body(kind, Cell::Count), Problem::PartsSumMismatch { sum, count });
            }
        }
    }

    /// What the template leaves in a text: its note, or 「○○○○」.
    fn leftovers(&mut self, text: &str, field: Field) {
        if notation::has_template_note(text) {
            self.push(field, Problem::TemplateNote);
        }
        // A name that is nothing but the placeholder is already an error of its own.
        let placeholder_name = matches!(field, Field::Item(_, _, Cell::Name)) && is_placeholder_name(text);
        if !placeholder_name && notation::has_placeholder_circles(text) {
            self.push(field, Problem::PlaceholderText);
        }
    }

    /// Words written two ways across the report: after every field's own findings.
    /// A 指摘 not marked 対応済み is a warning on its reply, wherever it points.
    fn comments(&mut self) {
        for comment in self.report.comments.iter().filter(|c| !c.resolved) {
            let mut text: String = comment.text.chars().take(30).collect();
            if text.len() < comment.text.len() {
                text.push('…');
            }
            let on = comment.anchor.label(self.report);
            self.push(Field::Reply(comment.id), Problem::CommentOpen { on, text });
        }
    }

    fn texts(&mut self) {
        for v in notation::variants(self.report) {
            self.push(v.first, Problem::NotationVariants { key: v.key, spellings: v.spellings });
        }
    }

    fn section(&mut self, kind: SectionKind) {
        let text = self.report.section(kind);
        self.leftovers(text, Field::Section(kind));
        if is_blank(text) {
            self.push(Field::Section(kind), Problem::SectionEmpty);
        } else if only_refers_elsewhere(text) {
            self.push(Field::Section(kind), Problem::SectionRefersElsewhere);
        }
    }
}
