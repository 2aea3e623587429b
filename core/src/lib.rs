//! The 取組状況 report of a ward council on disability support: its model, its
//! rules, its exchange file and its migrations. Plain Rust with no browser types,
//! tested natively; the Yew app is a thin layer over it.

pub mod basis;
pub mod bundle;
pub mod comments;
pub mod config;
pub mod count;
pub mod docx;
pub mod drafts;
pub mod edit;
pub mod editor;
pub mod exchange;
pub mod fields;
pub mod files;
pub mod findings;
pub mod fiscal;
pub mod html_export;
pub mod incoming;
pub mod limits;
pub mod messages;
pub mod model;
pub mod notation;
pub mod offline_file;
pub mod order;
pub mod places;
pub mod on_demand;
pub mod print;
pub mod rules;
pub mod sample;
pub mod timestamp;

pub use config::Config;
pub use count::Count;
pub use fields::{Cell, Field};
pub use model::{Basis, BodyKind, Document, FixedBodies, FixedBody, ListKind, Report, Row, RowId, SectionKind, Sections, Status, Ward};
pub use findings::{Finding, Problem, Severity};
pub use rules::{check, Context};
pub use timestamp::Timestamp;
