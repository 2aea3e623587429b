//! Every field of the form, addressed by stable ids, and its accessible name.
//!
//! Accessible names use the form's own words joined by one ASCII space; row
//! numbers are current positions counted from 1, so they renumber when a row
//! above is removed, while the [`Field`] itself keeps pointing at the same row.

pub use crate::places::{Cell, Field, Place};
use crate::model::{BodyKind, ListKind, Report, Row, RowId, SectionKind};

impl Place {
    pub fn rows<'a>(&self, report: &'a Report) -> &'a [Row] {
        match *self {
            Place::List(kind) => report.list(kind),
            Place::Parts(body) => &report.body(body).parts,
        }
    }

    pub(crate) fn rows_mut<'a>(&self, report: &'a mut Report) -> &'a mut Vec<Row> {
        match *self {
            Place::List(kind) => report.list_mut(kind),
            Place::Parts(body) => &mut report.body_mut(body).parts,
        }
    }

    /// The field of a cell of one of this place's rows.
    pub fn field(&self, id: RowId, cell: Cell) -> Field {
        match *self {
            Place::List(kind) => Field::Item(kind, id, cell),
            Place::Parts(body) => Field::Part(body, id, cell),
        }
    }
}

/// Label of a cell in a fixed body or team/activity row.
pub fn row_cell_label(cell: Cell) -> &'static str {
    match cell {
        Cell::Name => "名称",
        Cell::Count => "年間実施予定回数",
        Cell::Content => "主な内容・議題等",
        Cell::LocalName => "区での呼称",
    }
}

/// Label of a cell in a part (内訳) row.
pub fn part_cell_label(cell: Cell) -> &'static str {
    match cell {
        Cell::Name | Cell::LocalName => "名称",
        Cell::Count => "回数",
        Cell::Content => "内容",
    }
}

/// 1-based position of a row in a list.
fn position(rows: &[Row], id: RowId) -> Option<usize> {
    rows.iter().position(|r| r.id == id).map(|i| i + 1)
}

/// 「実務者ネットワーク会議 内訳1」
pub fn part_prefix(body: BodyKind, number: usize) -> String {
    format!("{} 内訳{}", body.short_name(), number)
}

/// 「プロジェクトチーム1」
pub fn item_prefix(list: ListKind, number: usize) -> String {
    format!("{}{}", list.short_name(), number)
}

impl Field {
    /// The field's accessible name in the report as it is now; `None` when its row is gone.
    pub fn accessible_name(&self, report: &Report) -> Option<String> {
        Some(match *self {
            Field::FiscalYear => "年度".to_owned(),
            Field::Ward => "区".to_owned(),
            Field::Basis => "集計の区分".to_owned(),
            Field::Projection => "見込み時点".to_owned(),
            Field::Body(body, cell) => format!("{} {}", body.short_name(), row_cell_label(cell)),
            Field::Part(body, id, cell) => {
                let n = position(&report.body(body).parts, id)?;
                format!("{} {}", part_prefix(body, n), part_cell_label(cell))
            }
            Field::Item(list, id, cell) => {
                let n = position(report.list(list), id)?;
                format!("{} {}", item_prefix(list, n), row_cell_label(cell))
            }
            Field::Section(kind) => kind.short_name().to_owned(),
            Field::Reply(id) => {
                let n = report.comments.iter().position(|c| c.id == id)? + 1;
                format!("指摘{n}への回答")
            }
        })
    }

    /// A stable key for the field, usable as an HTML id: `f-team-3-count`.
    pub fn dom_id(&self) -> String {
        match *self {
            Field::FiscalYear => "f-fiscal-year".to_owned(),
            Field::Ward => "f-ward".to_owned(),
            Field::Basis => "f-basis".to_owned(),
            Field::Projection => "f-projection".to_owned(),
            Field::Body(b, c) => format!("f-{}-{}", body_key(b), cell_key(c)),
            Field::Part(b, id, c) => format!("f-{}-part-{}-{}", body_key(b), id.0, cell_key(c)),
            Field::Item(l, id, c) => format!("f-{}-{}-{}", item_key(l), id.0, cell_key(c)),
            Field::Section(SectionKind::MainWork) => "f-main-work".to_owned(),
            Field::Section(SectionKind::Issues) => "f-issues".to_owned(),
            Field::Section(SectionKind::Plans) => "f-plans".to_owned(),
            Field::Reply(id) => format!("f-reply-{}", id.0),
        }
    }
}

// Every element id the editor gives a field, a row's buttons or a list is made
// here, from the field's identity, so fields, summary links, focus requests and
// tests agree.

pub(crate) fn cell_key(c: Cell) -> &'static str {
    match c {
        Cell::Name => "name",
        Cell::Count => "count",
        Cell::Content => "content",
        Cell::LocalName => "local-name",
    }
}

pub(crate) fn body_key(b: BodyKind) -> &'static str {
    match b {
        BodyKind::Plenary => "plenary",
        BodyKind::Network => "network",
        BodyKind::Liaison => "liaison",
        BodyKind::Steering => "steering",
    }
}

pub(crate) fn item_key(l: ListKind) -> &'static str {
    match l {
        ListKind::Teams => "team",
        ListKind::Activities => "activity",
    }
}

fn list_key(l: ListKind) -> &'static str {
    match l {
        ListKind::Teams => "teams",
        ListKind::Activities => "activities",
    }
}

/// The button that adds a row: `add-teams`, `add-part-network`.
pub fn add_button_dom_id(place: Place) -> String {
    match place {
        Place::List(l) => format!("add-{}", list_key(l)),
        Place::Parts(b) => format!("add-part-{}", body_key(b)),
    }
}

/// A row's move button: the row's first field's id with `-up` or `-down`.
pub fn move_button_dom_id(place: Place, id: RowId, up: bool) -> String {
    format!("{}-{}", place.field(id, Cell::Name).dom_id(), if up { "up" } else { "down" })
}

/// The heading of a list of teams or activities: `h-list-teams`.
pub fn list_heading_dom_id(list: ListKind) -> String {
    format!("h-list-{}", list_key(list))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Row;

    #[test]
    fn accessible_names_use_the_forms_words_and_current_positions() {
        let mut r = Report { teams: vec![Row::empty(RowId(7)), Row::empty(RowId(3))], ..Report::default() };
        r.bodies.network.parts = vec![Row::empty(RowId(9))];
        let name = |f: Field, r: &Report| f.accessible_name(r).unwrap();
        assert_eq!(name(Field::Body(BodyKind::Plenary, Cell::Count), &r), "全体協議会 年間実施予定回数");
        assert_eq!(name(Field::Body(BodyKind::Plenary, Cell::LocalName), &r), "全体協議会 区での呼称");
        assert_eq!(name(Field::Item(ListKind::Teams, RowId(3), Cell::Name), &r), "プロジェクトチーム2 名称");
        assert_eq!(name(Field::Part(BodyKind::Network, RowId(9), Cell::Count), &r), "実務者ネットワーク会議 内訳1 回数");
        assert_eq!(name(Field::Section(SectionKind::Plans), &r), "課題に対する次年度以降の取組予定");
        r.teams.remove(0);
        assert_eq!(name(Field::Item(ListKind::Teams, RowId(3), Cell::Name), &r), "プロジェクトチーム1 名称");
        assert_eq!(Field::Item(ListKind::Teams, RowId(7), Cell::Name).accessible_name(&r), None);
    }
}
