//! One polite live region for the whole app (`#announcer`, always in the page,
//! visually hidden): status changes a screen reader should hear — a save that
//! works again, errors found on 「完成にする」, import results, an update, the
//! bundle's warnings. Never written while typing: only on such changes.

/// The live region's id (rendered once by `app.rs`).
pub const ANNOUNCER_ID: &str = "announcer";

/// Says `text` through the live region. The same text twice is still announced
/// (a no-break space is toggled at its end, so the region's text changes).
pub fn announce(text: &str) {
    let Some(region) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(ANNOUNCER_ID)) else {
        return;
    };
    let same = region.text_content().is_some_and(|t| t == text);
    region.set_text_content(Some(&if same { format!("{text}\u{a0}") } else { text.to_owned() }));
}
