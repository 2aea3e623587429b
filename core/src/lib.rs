//! The 取組状況 report of a ward council on disability support: its model, its
//! rules, its exchange file and its migrations. Plain Rust with no browser types,
//! tested natively; the Yew app is a thin layer over it.

pub mod config;
pub mod count;
pub mod edit;
pub mod exchange;
pub mod fields;
pub mod fiscal;
pub mod limits;
pub mod messages;
pub mod model;
pub mod print;
pub mod rules;
pub mod sample;
pub mod store;
pub mod timestamp;

pub use config::Config;
pub use count::Count;
pub use fields::{Cell, Field};
pub use model::{Basis, BodyKind, Document, FixedBodies, FixedBody, ListKind, Report, Row, RowId, SectionKind, Sections, Status, Ward};
pub use rules::{check, Context, Finding, Problem, Severity};
pub use timestamp::Timestamp;
