//! The one place where problems and errors become Japanese text, by domain.
//!
//! Each message names the field by its accessible name (or the file by its
//! name) and says how to fix it.

mod bundle;
mod drafts;
mod files;
mod findings;
pub mod help;
mod offline;
mod review;

pub use bundle::{
    bundle_added, bundle_added_all, bundle_error, LEAVE_UNSAVED_BUNDLE, bundle_status, bundle_store_error, bundle_warning, summary_notes, summary_row_label, summary_title, SUMMARY_CORNER,
    SUMMARY_CHANGE, SUMMARY_PREVIOUS, SUMMARY_PROJECTED, SUMMARY_TOTAL, summary_change,
};
pub use drafts::{backup_restored, clock_outside_years, draft_error, history_error, next_year_error, paste_cut, replace_error, storage_error, stored_error, take_over_refused, LEAVE_UNSAVED_DRAFT, SAVE_RECOVERED, UPDATE_STUCK, UPDATE_WAITING};
pub use files::{config_error, docx_error, file_error, import_error, review_error};
pub use findings::{finding, findings_count};
pub use offline::{module_error, offline_file_error};
pub use review::{comment_tally, BASICS_CARD, review_on_other_content, review_read, review_without_draft, COMMENT_EMPTY, COMMENT_REPORT_GONE, REMOVED_ROW, REPORT_COMMENTS};
