//! 「オフライン版」 on the start page: downloads the one-file build (torikumi.html).
//! The page fetches it and saves the bytes itself, through the service worker (the
//! network, or the copy the worker kept once it had the file): a plain download
//! link bypasses the worker in Chromium, so it failed offline, and in Firefox it was
//! answered with the cached index.html. Saved only when it is the whole file.

use torikumi_core::messages;
use gloo_timers::callback::Timeout;
use torikumi_core::offline_file::{check, OfflineFileError, FILE_NAME, TIMEOUT_MS};
use yew::prelude::*;
use super::alert::error_alert;

use torikumi_core::messages::help::Topic;

use crate::platform::files::download;
use crate::platform::served_files::{fetch_served, Unserved};

/// The offline file as served beside the app, or why not.
async fn fetch_offline_file() -> Result<String, OfflineFileError> {
    let text = fetch_served(FILE_NAME, TIMEOUT_MS.try_into().unwrap_or(i32::MAX)).await.map_err(|e| match e {
        Unserved::Status(status) => OfflineFileError::Unavailable { status },
        Unserved::TimedOut => OfflineFileError::TimedOut,
    })?;
    check(&text)?;
    Ok(text)
}

#[function_component(OfflineFile)]
pub fn offline_file() -> Html {
    let problem = use_state(Option::<String>::default);
    let busy = use_state(bool::default);
    // Which click the page is waiting for: a late answer to an abandoned one is dropped.
    let attempt = use_mut_ref(u32::default);
    let onclick = {
        let (problem, busy) = (problem.clone(), busy.clone());
        Callback::from(move |event: MouseEvent| {
            // The page saves the file itself (see above), never the browser from the link.
            event.prevent_default();
            if *busy {
                return;
            }
            let this = {
                let mut current = attempt.borrow_mut();
                *current = current.wrapping_add(1);
                *current
            };
            busy.set(true);
            problem.set(None);
            // A fetch has no deadline of its own: a stalled line must not leave the button dead.
            let timeout = {
                let (attempt, problem, busy) = (attempt.clone(), problem.clone(), busy.clone());
                Timeout::new(TIMEOUT_MS, move || {
                    if *attempt.borrow() == this {
                        *attempt.borrow_mut() = this.wrapping_add(1);
                        problem.set(Some(messages::offline_file_error(&OfflineFileError::TimedOut)));
                        busy.set(false);
                    }
                })
            };
            let (attempt, problem, busy) = (attempt.clone(), problem.clone(), busy.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let fetched = fetch_offline_file().await;
                timeout.cancel();
                if *attempt.borrow() != this {
                    return;
                }
                let saved = fetched.and_then(|text| download(FILE_NAME, &text, "text/html").map_err(OfflineFileError::from));
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
                { error_alert(problem, Some(Topic::Offline)) }
            }
        </section>
    }
}
