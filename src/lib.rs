//! The Yew app: a thin layer over `torikumi-core`, which decides everything that
//! can be decided without a browser.

mod app;
mod components;
mod state;

pub use app::App;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
