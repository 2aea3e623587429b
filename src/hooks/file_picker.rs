//! Files chosen by the picker (a hidden `<input type="file">` opened by a
//! button) or dropped on a zone: one way in for 「読み込む」 and 取りまとめ.

use web_sys::{File, FileList, HtmlInputElement};
use yew::prelude::*;

/// The handlers and state a file zone needs.
pub struct FilePicker {
    /// The hidden input, opened by `pick`.
    pub input: NodeRef,
    /// Files are being dragged over the zone.
    pub dragging: bool,
    pub onchange: Callback<Event>,
    pub pick: Callback<MouseEvent>,
    pub ondragover: Callback<DragEvent>,
    pub ondragleave: Callback<DragEvent>,
    pub ondrop: Callback<DragEvent>,
}

fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Gives `take` the files picked or dropped (possibly none, when the picker was cancelled).
#[hook]
pub fn use_file_picker(take: Callback<Vec<File>>) -> FilePicker {
    let dragging = use_state(bool::default);
    let input = use_node_ref();
    let onchange = {
        let take = take.clone();
        Callback::from(move |e: Event| {
            let input: Option<HtmlInputElement> = e.target_dyn_into();
            take.emit(files_of(input.as_ref().and_then(HtmlInputElement::files)));
            // The same file chosen again must fire change again.
            if let Some(input) = input {
                input.set_value("");
            }
        })
    };
    let pick = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            take.emit(files_of(e.data_transfer().and_then(|d| d.files())));
        })
    };
    FilePicker { input, dragging: *dragging, onchange, pick, ondragover, ondragleave, ondrop }
}
