//! The city's side: its comments on a ward's report (add, edit, remove), and
//! the report laid out as the editor's cards, for 「確認する」.

use super::anchor::Anchor;
use super::comment::{Comment, CommentId, MAX_COMMENTS, MAX_COMMENT_CHARS};
use crate::fields::{part_cell_label, row_cell_label, Cell, Field, Place};
use crate::fiscal::era_fiscal_year;
use crate::limits::within;
use crate::messages::BASICS_CARD;
use crate::model::{Basis, BodyKind, ListKind, Report, SectionKind};
use crate::timestamp::Timestamp;

/// One card of 「確認する」, as the editor lays the report out: the basics, a fixed
/// body, a team, an activity, a part, or a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// What keys it among the cards: its row's or section's anchor key, or `basics`.
    pub key: String,
    pub title: String,
    /// The row it is, when it is one: comments can point at the whole row.
    pub row: Option<Anchor>,
    pub fields: Vec<Line>,
}

/// One field of a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub anchor: Anchor,
    /// Its label in the card, as the editor shows it (名称, 年間実施予定回数); empty for a
    /// section, whose card's title names it.
    pub label: String,
    /// Its accessible name: 「プロジェクトチーム1 主な内容・議題等」.
    pub name: String,
    /// The text as the ward wrote it.
    pub value: String,
}

fn cut(text: &str) -> String {
    within(text.trim(), MAX_COMMENT_CHARS).to_owned()
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

    /// The report as 「確認する」 shows it: the editor's cards, in the editor's order.
    pub fn review_cards(&self) -> Vec<Card> {
        let line = |f: Field, label: &str, value: String| {
            Line { anchor: Anchor::Field(f), label: label.to_owned(), name: f.accessible_name(self).unwrap_or_default(), value }
        };
        let basis = match &self.basis {
            Some(Basis::Actual) => "実績".to_owned(),
            Some(Basis::Projected { .. }) => self.counts_heading().trim_start_matches("○実施状況").to_owned(),
            None => String::new(),
        };
        let basics = [
            (Field::FiscalYear, self.fiscal_year.map(era_fiscal_year).unwrap_or_default()),
            (Field::Ward, self.ward.as_ref().map(|w| w.name.clone()).unwrap_or_default()),
            (Field::Basis, basis),
        ];
        // The basics are labelled by their accessible names (年度, 区, 集計の区分).
        let basics = basics.into_iter().map(|(f, value)| {
            let l = line(f, "", value);
            Line { label: l.name.clone(), ..l }
        });
        let mut cards = vec![Card { key: "basics".to_owned(), title: BASICS_CARD.to_owned(), row: None, fields: basics.collect() }];
        let text = |f: Field| self.text(f).unwrap_or_default();
        let rows = |cards: &mut Vec<Card>, place: Place| {
            let label = |cell| if matches!(place, Place::Parts(_)) { part_cell_label(cell) } else { row_cell_label(cell) };
            for row in place.rows(self) {
                let anchor = Anchor::Row(place, row.id);
                let fields = [Cell::Name, Cell::Count, Cell::Content].map(|cell| {
                    let f = place.field(row.id, cell);
                    line(f, label(cell), text(f))
                });
                cards.push(Card { key: anchor.key(), title: anchor.label(self).unwrap_or_default(), row: Some(anchor), fields: fields.into() });
            }
        };
        let body = |cards: &mut Vec<Card>, kind: BodyKind| {
            let anchor = Anchor::Body(kind);
            let fields = [Cell::LocalName, Cell::Count, Cell::Content].map(|cell| {
                let f = Field::Body(kind, cell);
                line(f, row_cell_label(cell), text(f))
            });
            cards.push(Card { key: anchor.key(), title: kind.heading().to_owned(), row: Some(anchor), fields: fields.into() });
        };
        for kind in [BodyKind::Plenary, BodyKind::Network, BodyKind::Liaison] {
            body(&mut cards, kind);
            rows(&mut cards, Place::Parts(kind));
        }
        rows(&mut cards, Place::List(ListKind::Teams));
        body(&mut cards, BodyKind::Steering);
        rows(&mut cards, Place::Parts(BodyKind::Steering));
        rows(&mut cards, Place::List(ListKind::Activities));
        for kind in SectionKind::ALL {
            let f = Field::Section(kind);
            cards.push(Card { key: Anchor::Field(f).key(), title: kind.short_name().to_owned(), row: None, fields: vec![line(f, "", text(f))] });
        }
        cards
    }
}
