//! Hooks: effects at the edge of the app (storage, tabs, the pointer).

pub mod announce;
pub mod autosave;
pub mod bundle_set;
pub mod file_picker;
pub mod leave_gate;
pub mod mounted;
pub mod page_title;
pub mod tab_lease;
pub mod tab_role;
