//! Every field of the form, addressed by stable ids, and its accessible name.
//!
//! Accessible names use the form's own words joined by one ASCII space; row
//! numbers are current positions counted from 1, so they renumber when a row
//! above is removed, while the [`Field`] itself keeps pointing at the same row.

use crate::model::{BodyKind, ListKind, Report, RowId, SectionKind};

/// Which cell of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cell {
    Name,
    Count,
    Content,
    /// 区での呼称 (fixed bodies only).
    LocalName,
}

/// A field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    FiscalYear,
    Ward,
    /// The 実績 / 見込み choice.
    Basis,
    /// 見込み時点 (year and month).
    Projection,
    Body(BodyKind, Cell),
    Part(BodyKind, RowId, Cell),
    Item(ListKind, RowId, Cell),
    Section(SectionKind),
}

/// Label of a cell in a fixed body or team/activity row.
fn row_cell_label(cell: Cell) -> &'static str {
    match cell {
        Cell::Name => "名称",
        Cell::Count => "年間実施予定回数",
        Cell::Content => "主な内容・議題等",
        Cell::LocalName => "区での呼称",
    }
}

/// Label of a cell in a part (内訳) row.
fn part_cell_label(cell: Cell) -> &'static str {
    match cell {
        Cell::Name | Cell::LocalName => "名称",
        Cell::Count => "回数",
        Cell::Content => "内容",
    }
}

/// 1-based position of a row in a list.
fn position(rows: &[crate::model::Row], id: RowId) -> Option<usize> {
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
        })
    }

    /// A stable key for the field, usable as an HTML id: `f-item-teams-3-count`.
    pub fn dom_id(&self) -> String {
        fn cell(c: Cell) -> &'static str {
            match c {
                Cell::Name => "name",
                Cell::Count => "count",
                Cell::Content => "content",
                Cell::LocalName => "local-name",
            }
        }
        fn body(b: BodyKind) -> &'static str {
            match b {
                BodyKind::Plenary => "plenary",
                BodyKind::Network => "network",
                BodyKind::Liaison => "liaison",
                BodyKind::Steering => "steering",
            }
        }
        match *self {
            Field::FiscalYear => "f-fiscal-year".to_owned(),
            Field::Ward => "f-ward".to_owned(),
            Field::Basis => "f-basis".to_owned(),
            Field::Projection => "f-projection".to_owned(),
            Field::Body(b, c) => format!("f-{}-{}", body(b), cell(c)),
            Field::Part(b, id, c) => format!("f-{}-part-{}-{}", body(b), id.0, cell(c)),
            Field::Item(ListKind::Teams, id, c) => format!("f-team-{}-{}", id.0, cell(c)),
            Field::Item(ListKind::Activities, id, c) => format!("f-activity-{}-{}", id.0, cell(c)),
            Field::Section(SectionKind::MainWork) => "f-main-work".to_owned(),
            Field::Section(SectionKind::Issues) => "f-issues".to_owned(),
            Field::Section(SectionKind::Plans) => "f-plans".to_owned(),
        }
    }
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
