//! The document's title while a view is shown: the print dialog's 「PDFに保存」
//! names the file after it, so print views set an ASCII file stem.

use yew::prelude::*;

/// Sets the title to `title` (when given) while mounted, and puts the old one back after.
#[hook]
pub fn use_page_title(title: Option<String>) {
    use_effect_with(title, |title| {
        let document = web_sys::window().and_then(|w| w.document());
        let before = document.as_ref().map(web_sys::Document::title);
        if let (Some(d), Some(t)) = (&document, title.as_deref()) {
            d.set_title(t);
        }
        move || {
            if let (Some(d), Some(t)) = (document, before) {
                d.set_title(&t);
            }
        }
    });
}
