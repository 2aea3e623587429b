//! What the rules find: the problem, how grave it is, and where. Shared by the
//! rules that find them and the messages that put them into Japanese.

use crate::fields::Field;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Blocks finishing.
    Error,
    /// Shown, and allowed.
    Warning,
}

/// What is wrong, with what the message needs to say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    FiscalYearMissing,
    FiscalYearOutOfRange { year: i32, latest: i32 },
    WardMissing,
    BasisMissing,
    ProjectionMissing,
    ProjectionOutOfYear { year: i32, month: u8, fiscal_year: i32 },
    CountMissing,
    CountInvalid { typed: String },
    ContentMissing,
    NameMissing,
    NamePlaceholder { name: String },
    SectionEmpty,
    ContentTooLong { chars: usize, max: usize },
    PartsSumMismatch { sum: u32, count: u32 },
    ZeroCountWithContent,
    SectionRefersElsewhere,
    CountImplausible { count: u32 },
    /// 表記ゆれ: one word written more than one way; each spelling and how often.
    NotationVariants { key: String, spellings: Vec<(String, usize)> },
    /// The template's note 「※行が足りない場合は…」 left in a text.
    TemplateNote,
    /// The template's 「○○○○」 left in a text.
    PlaceholderText,
    /// A 指摘 from the city not marked 対応済み: where it points (its label, or
    /// `None` when its row is gone) and the start of its text.
    CommentOpen { on: Option<String>, text: String },
}

impl Problem {
    /// The rule's stable id, for tests, logs and the UI.
    pub fn rule_id(&self) -> &'static str {
        match self {
            Problem::FiscalYearMissing => "fiscal-year-missing",
            Problem::FiscalYearOutOfRange { .. } => "fiscal-year-range",
            Problem::WardMissing => "ward-missing",
            Problem::BasisMissing => "basis-missing",
            Problem::ProjectionMissing => "projection-missing",
            Problem::ProjectionOutOfYear { .. } => "projection-range",
            Problem::CountMissing => "count-missing",
            Problem::CountInvalid { .. } => "count-invalid",
            Problem::ContentMissing => "content-missing",
            Problem::NameMissing => "name-missing",
            Problem::NamePlaceholder { .. } => "name-placeholder",
            Problem::SectionEmpty => "section-empty",
            Problem::ContentTooLong { .. } => "content-too-long",
            Problem::PartsSumMismatch { .. } => "parts-sum",
            Problem::ZeroCountWithContent => "zero-count-with-content",
            Problem::SectionRefersElsewhere => "section-refers-elsewhere",
            Problem::CountImplausible { .. } => "count-over-weekly",
            Problem::NotationVariants { .. } => "notation-variants",
            Problem::TemplateNote => "template-note",
            Problem::PlaceholderText => "placeholder-text",
            Problem::CommentOpen { .. } => "comment-open",
        }
    }

    pub fn severity(&self) -> Severity {
        match self {
            Problem::ContentTooLong { .. }
            | Problem::PartsSumMismatch { .. }
            | Problem::ZeroCountWithContent
            | Problem::SectionRefersElsewhere
            | Problem::CountImplausible { .. }
            | Problem::NotationVariants { .. }
            | Problem::TemplateNote
            | Problem::PlaceholderText
            | Problem::CommentOpen { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// One finding: which rule, which field (by stable ids), and the Japanese message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub problem: Problem,
    pub field: Field,
    pub message: String,
}

impl Finding {
    pub fn rule_id(&self) -> &'static str {
        self.problem.rule_id()
    }

    pub fn severity(&self) -> Severity {
        self.problem.severity()
    }
}
