//! The Yew app: a thin layer over `torikumi-core`, which decides everything that
//! can be decided without a browser.

mod app;
mod autosave;
mod components;
mod exports;
mod offline;
mod route;
mod state;
mod storage;
mod tabs;

pub use app::App;
use storage::MemoryDrafts;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
