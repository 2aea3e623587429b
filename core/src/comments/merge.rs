//! A review file's comments into a ward's report: a file read twice adds nothing
//! twice, the ward's own answers are never overwritten, and a comment the city
//! changed since shows its new text.

use super::comment::{Comment, CommentChange};
use crate::model::Report;

/// What merging a review's comments would change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    /// The changes, in the file's order, for the editor to apply (undoably).
    pub changes: Vec<CommentChange>,
    /// Comments new to this report.
    pub added: usize,
    /// Comments whose text the city changed since they were read.
    pub updated: usize,
}

/// Merges `incoming` (a review file's comments) into `report`.
///
/// The same comment is the same id made at the same time. Its text follows the
/// city's; its reply and 対応済み stay the ward's, unless the ward has neither and
/// the file carries them (a ward reading back the city's copy of its answers).
/// A comment whose id this report already gives another comment gets a fresh id.
pub fn merge(report: &Report, incoming: &[Comment]) -> Merged {
    let mut merged = Merged::default();
    let mut after = report.clone();
    for comment in incoming {
        let same = after
            .comments
            .iter()
            .find(|c| c.same_id(comment))
            // One read before under a fresh id (its id was taken here).
            .or_else(|| after.comments.iter().find(|c| c.same_content(comment)))
            .cloned();
        let change = match same {
            Some(here) => {
                let answered_here = !here.reply.is_empty() || here.resolved;
                let to = Comment {
                    text: comment.text.clone(),
                    anchor: comment.anchor,
                    reply: if answered_here { here.reply.clone() } else { comment.reply.clone() },
                    resolved: if answered_here { here.resolved } else { comment.resolved },
                    ..here.clone()
                };
                if to == here {
                    continue;
                }
                CommentChange { id: here.id, from: Some(here), to: Some(to) }
            }
            None => {
                let id = after.comment_id_for(comment.id);
                CommentChange { id, from: None, to: Some(Comment { id, ..comment.clone() }) }
            }
        };
        // Counted only once applied: a change that could not be made is not reported.
        if change.clone().apply(&mut after.comments).is_some() {
            match &change.from {
                None => merged.added += 1,
                Some(here) if change.to.as_ref().is_some_and(|to| to.text != here.text || to.anchor != here.anchor) => merged.updated += 1,
                Some(_) => {}
            }
            merged.changes.push(change);
        }
    }
    merged
}
