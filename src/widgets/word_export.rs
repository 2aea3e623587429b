//! 「Wordで書き出す」: the open draft as a .docx in the template's layout, written
//! by the on-demand module (fetched the first time), as a download.

use torikumi_core::docx::out::{file_name, DOCX_MIME};
use torikumi_core::editor::Action;
use torikumi_core::messages;
use yew::prelude::*;

use torikumi_core::messages::help::Topic;
use super::help_link::help_link;

use crate::editor_store::{now, EditorHandle};
use crate::platform::files::download_bytes;
use crate::platform::on_demand::write_word;

#[function_component(WordExport)]
pub fn word_export() -> Html {
    let store = use_context::<EditorHandle>().expect("inside the store's provider");
    let busy = use_state(bool::default);
    let error = use_state(Option::<String>::default);
    let onclick = {
        let (store, busy, error) = (store.clone(), busy.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            // The document as shown at the click.
            let document = store.doc.clone();
            let (store, busy, error) = (store.clone(), busy.clone(), error.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let written = write_word(&document).await.map_err(|e| messages::module_error(&e)).and_then(|bytes| {
                    download_bytes(&file_name(&document), &bytes, DOCX_MIME).map_err(|e| messages::file_error(&e))
                });
                busy.set(false);
                match written {
                    Ok(()) => {
                        error.set(None);
                        store.dispatch(Action::Exported(now()));
                    }
                    Err(message) => error.set(Some(message)),
                }
            });
        })
    };
    html! {
        <>
            <button type="button" class="button" {onclick} disabled={*busy} aria-busy={busy.to_string()}>
                { if *busy { "Wordファイルを作っています…" } else { "Wordで書き出す" } }
            </button>
            if let Some(e) = &*error {
                <p class="notice notice-error word-export-error" role="alert">{ e }{ help_link(Topic::Exports) }</p>
            }
        </>
    }
}
