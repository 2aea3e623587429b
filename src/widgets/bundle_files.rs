//! 「ファイルを追加」 on 取りまとめ: many files at once, by picker or drop. Each
//! file is read in turn with a progress indicator; then all of them go into the
//! set in one change, so a file that cannot be read never stops the others.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Date;
use torikumi_core::bundle::{Added, BundleSet, MAX_BUNDLE_BYTES};
use torikumi_core::{messages, Timestamp};
use web_sys::File;
use yew::prelude::*;

use crate::hooks::bundle_set::BundleHandle;
use crate::hooks::file_picker::{use_file_picker, FilePicker};
use crate::platform::announce::announce;
use crate::platform::files::read_file_up_to;

/// Exports of reports and set files (the Word template is not an export).
const ACCEPTED: &str = ".json,.html,.htm,application/json,text/html";

#[derive(Properties, PartialEq)]
pub struct BundleFilesProps {
    pub bundle: BundleHandle,
}

#[function_component(BundleFiles)]
pub fn bundle_files(props: &BundleFilesProps) -> Html {
    // (files read, files in all) while reading.
    let progress = use_state(|| None::<(usize, usize)>);
    // What the last files added did (added, already there, past the set's limits).
    let outcome = use_state(Option::<String>::default);
    let take = {
        let (progress, bundle, outcome) = (progress.clone(), props.bundle.clone(), outcome.clone());
        Callback::from(move |files: Vec<File>| {
            if files.is_empty() || progress.is_some() {
                return;
            }
            let (progress, bundle, outcome) = (progress.clone(), bundle.clone(), outcome.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let total = files.len();
                let added = Timestamp::from_unix_millis(Date::now());
                // Each file is parsed as it is read (the reads let the page breathe between
                // files); the set then takes them all in one change.
                let mut parts = Vec::with_capacity(total);
                // Only what reading a part itself kept out counts here; the rest is counted as it joins the set.
                let mut kept_out = Added::default();
                for (n, file) in files.into_iter().enumerate() {
                    progress.set(Some((n, total)));
                    let name = file.name();
                    let mut part = BundleSet::new();
                    let read = match read_file_up_to(&file, MAX_BUNDLE_BYTES).await {
                        Ok(bytes) => part.add_file(&name, &bytes, added),
                        Err(e) => part.add_result(&name, Err(e), added),
                    };
                    kept_out += Added { already: read.already, past_limit: read.past_limit, ..Added::default() };
                    parts.push(part);
                }
                progress.set(Some((total, total)));
                // The change runs at once, on what storage holds; it says what it added.
                let done = Rc::new(Cell::new(kept_out));
                let counted = Rc::clone(&done);
                bundle.add(Box::new(move |set: &mut BundleSet| {
                    for part in parts {
                        let mut sum = counted.get();
                        sum += set.merge(part);
                        counted.set(sum);
                    }
                }));
                let said = messages::bundle_added_all(&done.get());
                // The warnings announce themselves (their region in bundle_list.rs is live too).
                announce(&said);
                outcome.set(Some(said));
                progress.set(None);
            });
        })
    };
    let FilePicker { input, dragging, onchange, pick, ondragover, ondragleave, ondrop } = use_file_picker(take);
    html! {
        <section class={classes!("import", dragging.then_some("import-dragging"))} aria-labelledby="bundle-add-title"
            {ondragover} {ondragleave} {ondrop}>
            <h2 id="bundle-add-title" class="block-title">{ "各区の報告を追加" }</h2>
            <p class="support">{ "各区から届いたファイル（「JSONを書き出す」「HTMLを書き出す」で作ったもの、または「まとめてJSONを書き出す」のファイル）を選ぶか、ここにまとめてドラッグしてください。いくつでも一度に追加できます。" }</p>
            <input type="file" multiple=true ref={input} class="visually-hidden" accept={ACCEPTED}
                tabindex="-1" aria-hidden="true" {onchange} />
            <button type="button" class="button button-primary" onclick={pick} disabled={progress.is_some()}>{ "ファイルを追加" }</button>
            <div role="status" class="bundle-progress">
                if let Some((done, total)) = *progress {
                    <progress max={total.to_string()} value={done.to_string()} aria-label="ファイルの読み込み"></progress>
                    { format!("読み込んでいます（{done}/{total}）…") }
                }
            </div>
            // Shown as well as announced (the announcement is the live one).
            if let (None, Some(said)) = (*progress, &*outcome) {
                <p class="notice notice-info bundle-added">{ said }</p>
            }
        </section>
    }
}
