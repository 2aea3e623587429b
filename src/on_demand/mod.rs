//! What the on-demand module holds: the parts a ward clerk rarely or never uses
//! (the city's 取りまとめ and its bound print; reading Word files), built as a
//! second wasm (`src/bin/on_demand.rs`, `torikumi-on-demand-<hash>.js`) that the
//! page loads the first time one of them is needed (`platform::on_demand`).
//! The page's own wasm never names anything here but [`mount`]'s props, so the
//! linker leaves these parts out of the first visit.
//!
//! The module is a separate wasm instance with its own Yew: its app mounts on a
//! host beside the page's (`#on-demand`, a sibling of `#app`), never inside it,
//! since two Yew instances number their event subtrees alike.

pub mod city;
pub mod mount;
pub mod word;
