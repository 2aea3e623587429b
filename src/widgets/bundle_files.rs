//! 「ファイルを追加」 on 取りまとめ: many files at once, by picker or drop. Each
//! file is read in turn with a progress indicator; then all of them go into the
//! set in one change, so a file that cannot be read never stops the others.

use js_sys::Date;
use torikumi_core::bundle::{BundleSet, MAX_BUNDLE_BYTES};
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
    let take = {
        let (progress, bundle) = (progress.clone(), props.bundle.clone());
        Callback::from(move |files: Vec<File>| {
            if files.is_empty() || progress.is_some() {
                return;
            }
            let (progress, bundle) = (progress.clone(), bundle.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let total = files.len();
                let added = Timestamp::from_unix_millis(Date::now());
                // Each file is parsed as it is read (the reads let the page breathe between
                // files); the set then takes them all in one change.
                let mut parts = Vec::with_capacity(total);
                for (n, file) in files.into_iter().enumerate() {
                    progress.set(Some((n, total)));
                    let name = file.name();
                    let mut part = BundleSet::new();
                    match read_file_up_to(&file, MAX_BUNDLE_BYTES).await {
                        Ok(bytes) => part.add_file(&name, &bytes, added),
                        Err(e) => part.add_unreadable(&name, e, added),
                    }
                    parts.push(part);
                }
                progress.set(Some((total, total)));
                let reports = parts.iter().map(|p| p.entries().len()).sum();
                let unreadable = parts.iter().map(|p| p.unreadable().len()).sum();
                bundle.add(Box::new(move |set: &mut BundleSet| parts.into_iter().for_each(|part| set.merge(part))));
                // The warnings announce themselves (their region in bundle_list.rs is live too).
                announce(&messages::bundle_added(reports, unreadable));
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
        </section>
    }
}
