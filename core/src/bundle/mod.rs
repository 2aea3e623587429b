//! The city's bundle (取りまとめ): the wards e-mail their exports, the city
//! gathers them in a [`BundleSet`] and binds them, wards in the configured
//! order, into one document.
//!
//! Reading each file is [`crate::incoming::read_file`]'s job; the set takes
//! documents (or the reason a file was unreadable). From the set come the
//! selection per ward ([`BundleSet::slots`]), the review with its warnings
//! ([`BundleSet::review`]), the summary table ([`summary`]) and its CSV
//! ([`summary_csv`]), and the set as one file ([`to_json`], [`from_json`]),
//! which also keeps it across reloads ([`stored`]). [`chart_svg`] draws the
//! bodies' counts by ward.

mod bound;
mod chart;
mod csv;
mod file;
mod set;
pub mod stored;
mod summary;
mod types;

pub use bound::{bound_html, summary_table_html};
pub use chart::{chart_description, chart_svg};
pub use csv::{summary_csv, summary_csv_file_name};
pub use file::{bundle_file_name, from_json, json_schema, schema_id, to_json, to_value, MAX_BUNDLE_BYTES, MAX_BUNDLE_REPORTS, SCHEMA_PREFIX, VERSION};
pub use summary::summary;
pub use types::{
    Added, BundleError, BundleSet, BundleWarning, Entry, EntryId, PreviousYear, Projection, Review, Slot, Summary, SummaryCell, SummaryColumn,
    SummaryRow, SummaryRowKind, SummaryTotal, Unreadable, WardRow,
};
