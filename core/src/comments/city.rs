//! The city's side: its comments on a ward's report (add, edit, remove), and
//! the report laid out as the editor, line by line, for 「確認する」.

use super::anchor::Anchor;
use super::comment::{Comment, CommentId, MAX_COMMENTS, MAX_COMMENT_CHARS};
use crate::fields::{Cell, Field, Place};
use crate::fiscal::era_fiscal_year;
use crate::model::{Basis, BodyKind, ListKind, Report, SectionKind};
use crate::timestamp::Timestamp;

/// One line of the report as 「確認する」 shows it: a row's title (no value) or a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub anchor: Anchor,
    /// The editor's words: 「プロジェクトチーム1」, 「プロジェクトチーム1 主な内容・議題等」.
    pub label: String,
    /// The field's text as the ward wrote it; `None` for a row's title.
    pub value: Option<String>,
}

fn cut(text: &str) -> String {
    text.trim().chars().take(MAX_COMMENT_CHARS).collect()
}

impl Report {
    /// Adds the city's comment (trimmed; at most [`MAX_COMMENT_CHARS`]); `None` when
    /// the text is empty or the report holds [`MAX_COMMENTS`] already.
    pub fn add_comment(&mut self, anchor: Anchor, text: &str, now: Timestamp) -> Option<CommentId> {
        let text = cut(text);
        if text.is_empty() || self.comments.len() >= MAX_COMMENTS {
            return None;
        }
        let id = self.fresh_comment_id();
        self.comments.push(Comment { id, anchor, text, made: now, reply: String::new(), resolved: false });
        Some(id)
    }

    /// Changes the text of the city's comment; an empty text changes nothing.
    pub fn edit_comment(&mut self, id: CommentId, text: &str) -> bool {
        let text = cut(text);
        match self.comments.iter_mut().find(|c| c.id == id) {
            Some(c) if !text.is_empty() && c.text != text => {
                c.text = text;
                true
            }
            _ => false,
        }
    }

    /// Removes the city's comment.
    pub fn remove_comment(&mut self, id: CommentId) -> bool {
        let before = self.comments.len();
        self.comments.retain(|c| c.id != id);
        self.comments.len() != before
    }

    /// The report line by line in the editor's order, each line a place a comment can point at.
    pub fn review_lines(&self) -> Vec<Line> {
        let mut out = Vec::new();
        let field = |out: &mut Vec<Line>, f: Field, value: String| {
            out.push(Line { anchor: Anchor::Field(f), label: f.accessible_name(self).unwrap_or_default(), value: Some(value) });
        };
        field(&mut out, Field::FiscalYear, self.fiscal_year.map(era_fiscal_year).unwrap_or_default());
        field(&mut out, Field::Ward, self.ward.as_ref().map(|w| w.name.clone()).unwrap_or_default());
        let basis = match &self.basis {
            Some(Basis::Actual) => "実績".to_owned(),
            Some(Basis::Projected { .. }) => self.counts_heading().trim_start_matches("○実施状況").to_owned(),
            None => String::new(),
        };
        field(&mut out, Field::Basis, basis);
        let rows = |out: &mut Vec<Line>, place: Place| {
            for row in place.rows(self) {
                let anchor = Anchor::Row(place, row.id);
                out.push(Line { anchor, label: anchor.label(self).unwrap_or_default(), value: None });
                for cell in [Cell::Name, Cell::Count, Cell::Content] {
                    let f = place.field(row.id, cell);
                    out.push(Line { anchor: Anchor::Field(f), label: f.accessible_name(self).unwrap_or_default(), value: self.text(f) });
                }
            }
        };
        for kind in [BodyKind::Plenary, BodyKind::Network, BodyKind::Liaison] {
            self.body_lines(&mut out, kind);
            rows(&mut out, Place::Parts(kind));
        }
        rows(&mut out, Place::List(ListKind::Teams));
        self.body_lines(&mut out, BodyKind::Steering);
        rows(&mut out, Place::Parts(BodyKind::Steering));
        rows(&mut out, Place::List(ListKind::Activities));
        for kind in SectionKind::ALL {
            out.push(Line { anchor: Anchor::Field(Field::Section(kind)), label: kind.short_name().to_owned(), value: Some(self.section(kind).to_owned()) });
        }
        out
    }

    fn body_lines(&self, out: &mut Vec<Line>, kind: BodyKind) {
        out.push(Line { anchor: Anchor::Body(kind), label: kind.heading().to_owned(), value: None });
        for cell in [Cell::LocalName, Cell::Count, Cell::Content] {
            let f = Field::Body(kind, cell);
            out.push(Line { anchor: Anchor::Field(f), label: f.accessible_name(self).unwrap_or_default(), value: self.text(f) });
        }
    }
}
