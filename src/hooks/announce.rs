//! Announcing a value when it changes (see `platform::announce`).

use yew::prelude::*;

use crate::platform::announce::announce;

/// Announces `text` whenever it changes to another `Some`.
#[hook]
pub fn use_announce(text: Option<String>) {
    use_effect_with(text, |text| {
        if let Some(text) = text {
            announce(text);
        }
    });
}
