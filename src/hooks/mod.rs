//! Hooks: effects at the edge of the app (storage, tabs, the pointer).

pub mod autosave;
pub mod leave_gate;
pub mod tab_role;
