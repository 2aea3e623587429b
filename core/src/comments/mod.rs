//! The city's review of a ward's report (指摘) and the ward's answers.
//!
//! A comment (`Comment`) is anchored to a field, a row or the whole report by
//! stable ids (`Anchor`), never by row numbers, so a row the ward moves keeps its
//! comments. Comments live in the report (`Report::comments`): they travel in
//! the exchange file (schema v2), are part of a draft's revisions, undo and
//! versions, and are never printed. The city sends them to a ward in a review
//! file (`file`), which the ward's app merges into the matching draft (`merge`).

mod anchor;
mod city;
mod error;
mod comment;
pub mod file;
mod merge;

pub use anchor::Anchor;
pub use city::{Card, Line};
pub use comment::{Comment, CommentChange, CommentId, Tally, MAX_COMMENTS, MAX_COMMENT_CHARS};
pub use merge::{merge, Merged};
