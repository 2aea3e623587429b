//! 「オフライン版」 on the start page: downloads the one-file build (torikumi.html).
//! The page fetches it and saves the bytes itself, through the service worker (the
//! network, or the copy the worker kept once it had the file): a plain download
//! link bypasses the worker in Chromium, so it failed offline, and in Firefox it was
//! answered with the cached index.html. Saved only when it is the whole file.

use torikumi_core::messages;
use torikumi_core::offline_file::{check, OfflineFileError, FILE_NAME};
use yew::prelude::*;

use crate::platform::files::download;
use crate::platform::served_files::fetch_served;

/// The offline file as served beside the app, or why not.
async fn fetch_offline_file() -> Result<String, OfflineFileError> {
    let text = fetch_served(FILE_NAME).await.map_err(|status| OfflineFileError::Unavailable { status })?;
    check(&text)?;
    Ok(text)
}

#[function_component(OfflineFile)]
pub fn offline_file() -> Html {
    let problem = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let onclick = {
        let (problem, busy) = (problem.clone(), busy.clone());
        Callback::from(move |event: MouseEvent| {
            // The page saves the file itself (see above), never the browser from the link.
            event.prevent_default();
            if *busy {
                return;
            }
            busy.set(true);
            let (problem, busy) = (problem.clone(), busy.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let saved = match fetch_offline_file().await {
                    Ok(text) => download(FILE_NAME, &text, "text/html").map_err(OfflineFileError::from),
                    Err(error) => Err(error),
                };
                problem.set(saved.err().map(|e| messages::offline_file_error(&e)));
                busy.set(false);
            });
        })
    };
    html! {
        <section aria-labelledby="offline-file-title">
            <h2 id="offline-file-title" class="block-title">{ "オフライン版" }</h2>
            <p>{ "ネットワークにつながらないパソコンでも使える、1つのファイル（torikumi.html）です。USBメモリやメールで渡し、ダブルクリックで開きます。下書きは、そのファイルを開いたブラウザーの中に保存されます（このページの下書きとは別です。移すときは「書き出す」と「読み込む」を使います）。" }</p>
            <a class="button" href={FILE_NAME} download={FILE_NAME} aria-busy={(*busy).to_string()} {onclick}>{ "オフライン版をダウンロード" }</a>
            if let Some(problem) = &*problem {
                <p class="notice notice-error" role="alert">{ problem }</p>
            }
        </section>
    }
}
