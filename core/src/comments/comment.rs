//! One comment: the city's text, where it points, and the ward's answer.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::places::CommentId;
use crate::places::Anchor;
use crate::timestamp::Timestamp;

/// Comments a report may carry (a review is a handful; the limit keeps a hostile file small).
pub const MAX_COMMENTS: usize = 200;
/// Characters in a comment's text and in its reply.
pub const MAX_COMMENT_CHARS: usize = 2_000;

/// A 指摘 and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    pub id: CommentId,
    /// What it points at: a field, a row, or the whole report.
    pub anchor: Anchor,
    /// The city's text.
    pub text: String,
    /// When the city wrote it (with `id`, what makes two files' comments the same one).
    pub made: Timestamp,
    /// The ward's short reply.
    pub reply: String,
    /// 対応済み: the ward has dealt with it.
    pub resolved: bool,
}

impl Comment {
    /// The same comment as `other`: the same id, made at the same time.
    pub fn same_id(&self, other: &Comment) -> bool {
        self.id == other.id && self.made == other.made
    }

    /// `other` taken in before under a fresh id (its id was taken): made at the
    /// same time, with the same text and anchor.
    pub fn same_content(&self, other: &Comment) -> bool {
        self.made == other.made && self.text == other.text && self.anchor == other.anchor
    }
}

/// One comment's change, from what the report holds to what it becomes; applied
/// only while the report still holds `from`, so an undo never overwrites a later
/// change to the same comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentChange {
    pub id: CommentId,
    pub from: Option<Comment>,
    pub to: Option<Comment>,
}

impl CommentChange {
    /// Applies the change to a report's comments; returns its inverse, or `None`
    /// when they no longer hold `from`.
    pub fn apply(self, comments: &mut Vec<Comment>) -> Option<CommentChange> {
        let at = comments.iter().position(|c| c.id == self.id);
        if at.map(|i| &comments[i]) != self.from.as_ref() || self.from == self.to {
            return None;
        }
        match (at, self.to.clone()) {
            (Some(i), Some(to)) => comments[i] = to,
            (Some(i), None) => {
                comments.remove(i);
            }
            (None, Some(to)) => comments.push(to),
            (None, None) => return None,
        }
        Some(CommentChange { id: self.id, from: self.to, to: self.from })
    }
}

/// 「指摘N件（対応済みM件）」: how many comments, and how many are dealt with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub comments: usize,
    pub resolved: usize,
}
