//! The parts pages are made of. Each reads the store or its props and sends
//! actions; none changes state itself.

pub mod alert;
pub mod app_footer;
pub mod button;
pub mod bundle_files;
pub mod bundle_list;
pub mod bundle_review;
pub mod bundle_summary;
pub mod clear_device;
pub mod comments;
pub mod editor;
pub mod findings;
pub mod form_field;
pub mod help_link;
pub mod import;
pub mod next_year;
pub mod offline_file;
pub mod previous_year;
pub mod review_import;
pub mod select_field;
pub mod summary;
pub mod table;
pub mod text_field;
pub mod versions;
pub mod word_export;
pub mod word_review;
