//! The elements the two Yew apps mount on (`#app`, `#on-demand`): found by id, or
//! made and put in place the first time.

use web_sys::Element;

/// The element with `id`; else a new `<div id>` that `place` puts into the document.
pub fn host(id: &str, place: impl FnOnce(&web_sys::Document, &Element) -> Option<()>) -> Option<Element> {
    let document = web_sys::window()?.document()?;
    if let Some(host) = document.get_element_by_id(id) {
        return Some(host);
    }
    let host = document.create_element("div").ok()?;
    host.set_id(id);
    place(&document, &host)?;
    Some(host)
}
