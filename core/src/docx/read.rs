//! The body's blocks, in order, into a report: the title, the 実施状況 heading,
//! the table (see [`super::table`]), the three sections; the rest is unplaced.

use super::builder::{trim_blank_lines, Builder};
use super::table::{self, ListState};
use super::text;
use super::xml::{Block, Table, VMerge};
use super::types::{DocxError, FromWord};
use crate::config::Config;
use crate::fields::Field;
use crate::model::{Basis, SectionKind};


/// A table outside the 実施状況 area, as lines: each row's cells joined by tabs
/// (cells continuing a vertical merge left out).
fn table_lines(table: &Table) -> Vec<String> {
    table
        .rows
        .iter()
        .map(|row| {
            let cells: Vec<String> =
                row.iter().filter(|c| c.vmerge != VMerge::Continue).map(|c| c.text()).filter(|t| !t.trim().is_empty()).collect();
            cells.join("\t")
        })
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// Where in the form the walk is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Where {
    /// Before the first section heading: title, 実施状況 heading and table.
    Top,
    Section(SectionKind),
}

/// The walk through the body's blocks.
struct Walker<'c> {
    b: Builder,
    config: &'c Config,
    at: Where,
    title_found: bool,
    counts_found: bool,
    headings_found: bool,
    lists: ListState,
    /// Each section's lines, and its heading as written.
    sections: [(Vec<String>, String); 3],
    /// The last paragraph before the title, left unplaced (it may hold the title's year).
    before_title: Option<String>,
}

impl Walker<'_> {
    fn para(&mut self, para: &str) {
        if text::is_note(para) {
            return;
        }
        if let Some(kind) = text::section_heading(para) {
            self.at = Where::Section(kind);
            self.headings_found = true;
            let slot = &mut self.sections[section_index(kind)];
            if slot.1.is_empty() {
                slot.1 = para.to_owned();
            }
            return;
        }
        let top = self.at == Where::Top && !self.counts_found;
        match self.at {
            Where::Section(kind) => self.sections[section_index(kind)].0.push(para.to_owned()),
            _ if para.trim().is_empty() => {}
            _ if top && !self.title_found && text::is_title(para) => {
                self.title_found = true;
                title(&mut self.b, para, self.before_title.take(), self.config);
            }
            _ if top && self.b.report.basis.is_none() && text::basis_heading(para).is_some() => {
                self.headings_found = true;
                basis(&mut self.b, para, text::basis_heading(para));
            }
            _ if top && matches!(self.b.report.basis, Some(Basis::Actual)) && text::projection(para).is_some() => {
                basis(&mut self.b, para, text::projection(para));
            }
            Where::Top => {
                if !self.title_found {
                    self.before_title = Some(para.to_owned());
                }
                self.b.unplace(para.to_owned());
            }
        }
    }

    fn table(&mut self, t: &Table) {
        // A table holding the title or a heading (a boxed layout) is read as its paragraphs.
        let lines = || t.rows.iter().flatten().filter(|c| c.vmerge != VMerge::Continue).flat_map(|c| c.paras.iter());
        let holds_heading = lines().any(|l| {
            text::section_heading(l).is_some()
                || (self.at == Where::Top && !self.counts_found && (text::is_title(l) || text::basis_heading(l).is_some()))
        });
        if holds_heading && !table::is_counts_table(t) {
            for line in lines() {
                self.para(line);
            }
            return;
        }
        match self.at {
            Where::Section(kind) => self.sections[section_index(kind)].0.extend(table_lines(t)),
            Where::Top if self.counts_found || table::is_counts_table(t) => {
                self.counts_found = true;
                table::read(t, &mut self.lists, &mut self.b);
            }
            Where::Top => self.b.unplace(table_lines(t).join("\n")),
        }
    }
}

pub(super) fn report(blocks: &[Block], config: &Config) -> Result<FromWord, DocxError> {
    let mut w = Walker {
        b: Builder::new(),
        config,
        at: Where::Top,
        title_found: false,
        counts_found: false,
        headings_found: false,
        lists: ListState::default(),
        sections: Default::default(),
        before_title: None,
    };
    for block in blocks {
        match block {
            Block::Para(para) => w.para(para),
            Block::Table(t) => w.table(t),
        }
    }
    if !w.counts_found || !(w.title_found || w.headings_found) {
        return Err(DocxError::NotTemplate);
    }
    let mut b = w.b;
    for kind in SectionKind::ALL {
        let (lines, heading) = std::mem::take(&mut w.sections[section_index(kind)]);
        let text = trim_blank_lines(&lines.join("\n"));
        let text = b.bounded(text);
        if !text.is_empty() {
            b.fill(Field::Section(kind), &heading);
        }
        *b.report.section_mut(kind) = text;
    }
    Ok(FromWord { report: b.report, unplaced: b.unplaced, filled: b.filled })
}

fn section_index(kind: SectionKind) -> usize {
    match kind {
        SectionKind::MainWork => 0,
        SectionKind::Issues => 1,
        SectionKind::Plans => 2,
    }
}

/// The title; a year written on the paragraph before it (「令和４年度」 on a line of its own) is taken too.
fn title(b: &mut Builder, para: &str, before: Option<String>, config: &Config) {
    let (mut year, ward) = text::title(para, config);
    let mut from = para.to_owned();
    if year.is_none() {
        if let Some(before) = before.filter(|t| text::title(t, config).0.is_some()) {
            year = text::title(&before, config).0;
            if b.unplaced.last() == Some(&before) {
                b.unplaced.pop();
            }
            from = format!("{before}\n{para}");
        }
    }
    if let Some(y) = year {
        b.report.fiscal_year = Some(y);
        b.fill(Field::FiscalYear, &from);
    }
    if let Some(w) = ward {
        b.report.ward = Some(w);
        b.fill(Field::Ward, &from);
    }
    if year.is_none() || b.report.ward.is_none() {
        // Something in it was not understood: let the user see it.
        b.unplace(from);
    }
}

fn basis(b: &mut Builder, para: &str, basis: Option<Basis>) {
    let Some(basis) = basis else { return };
    b.filled.retain(|f| !matches!(f.field, Field::Basis | Field::Projection));
    b.fill(Field::Basis, para);
    if let Basis::Projected { year, month } = &basis {
        if year.is_some() && month.is_some() {
            b.fill(Field::Projection, para);
        } else {
            b.unplace(para.to_owned());
        }
    }
    b.report.basis = Some(basis);
}
