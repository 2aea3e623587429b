//! A reviewed report for the tests of the city's review: the sample as the city
//! received it, with three comments, and the review file made of it.

#![allow(dead_code)]

use torikumi_core::comments::file::Review;
use torikumi_core::comments::{Anchor, Comment, CommentId};
use torikumi_core::sample::sample_report;
use torikumi_core::{BodyKind, Cell, Document, Field, ListKind, RowId, Timestamp};

pub fn at(minute: i64) -> Timestamp {
    Timestamp::from_unix_millis((1_700_000_000_000i64 + minute * 60_000) as f64)
}

pub fn comment(id: u32, anchor: Anchor, text: &str) -> Comment {
    Comment { id: CommentId(id), anchor, text: text.to_owned(), made: at(1), reply: String::new(), resolved: false }
}

/// The sample as the city received it, with three comments: on a team's content,
/// on the whole report, and on the liaison count.
pub fn reviewed() -> Document {
    let mut document = Document { report: sample_report(), ..Document::new(at(0)) };
    document.report.comments = vec![
        comment(1, Anchor::Field(Field::Item(ListKind::Teams, RowId(5), Cell::Content)), "見学会の回数を書いてください"),
        comment(2, Anchor::Report, "全体に、具体的な成果を加えてください"),
        comment(3, Anchor::Field(Field::Body(BodyKind::Liaison, Cell::Count)), "回数は12回では？"),
    ];
    document
}

pub fn review() -> Review {
    Review::of(&reviewed(), at(2)).expect("the sample names its ward and 年度")
}
