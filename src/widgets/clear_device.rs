//! 「この端末のデータ」: how much the drafts use, and clearing this device.
//!
//! 「すべて書き出してから消去」 saves one backup of every record (damaged ones
//! too) and deletes only once the save is known to have happened: through the
//! browser's save dialog where there is one (a cancel deletes nothing), else by
//! the user confirming the download. Only records still exactly as backed up are
//! deleted: a tab may have written since.

use torikumi_core::drafts::lifecycle::{self, Cleared};
use torikumi_core::drafts::{self, backup, Draft, Listing};
use torikumi_core::messages;
use yew::prelude::*;

use super::button::button;
use crate::editor_store::now;
use crate::platform::files::{save_file, FileSaved};
use crate::platform::local_storage::{LocalStorage, LIMIT_CHARS};

#[derive(Properties, PartialEq)]
pub struct ClearDeviceProps {
    pub listing: Listing,
    /// Storage changed: the start page lists it again.
    pub on_change: Callback<()>,
}

#[derive(Clone, PartialEq)]
enum Stage {
    Closed,
    Asking,
    /// The backup was downloaded; the user says whether it was kept.
    Confirming { records: Vec<(String, String)>, file_name: String },
}

/// 「下書きが使っている量：約12KB（このブラウザーの上限の約0.2%）」
fn usage_text(used_chars: usize) -> String {
    // Tenths of a percent in integers: formatting an f64 would add 9 KB of float printing to the wasm.
    let (used, limit) = (used_chars as u64 * 1000, LIMIT_CHARS as u64);
    let tenths = (used + limit / 2) / limit;
    let share = if used < limit { "0.1%未満".to_owned() } else { format!("約{}.{}%", tenths / 10, tenths % 10) };
    // Browsers store local storage as UTF-16: two bytes a character.
    format!("下書きが使っている量：約{}KB（このブラウザーの上限の{share}）", (used_chars * 2).div_ceil(1024))
}

/// Whether a draft has changes that were never exported.
fn unexported(draft: &Draft) -> bool {
    draft.exported.is_none_or(|e| e.0 < draft.document.changed.0)
}

fn cleared_text(cleared: &Cleared) -> String {
    if cleared.kept.is_empty() {
        "この端末の下書きをすべて消去しました。".to_owned()
    } else {
        format!(
            "{}件を消去しました。{}件は書き出した後に別のタブで変更されたため、消去せずに残しました。",
            cleared.removed,
            cleared.kept.len()
        )
    }
}

#[function_component(ClearDevice)]
pub fn clear_device(props: &ClearDeviceProps) -> Html {
    let stage = use_state(|| Stage::Closed);
    let message = use_state(Option::<String>::default);
    let set = |to: Stage| {
        let stage = stage.clone();
        Callback::from(move |_: MouseEvent| stage.set(to.clone()))
    };
    let clear = {
        let (stage, message, on_change) = (stage.clone(), message.clone(), props.on_change.clone());
        move |records: &[(String, String)]| {
            message.set(Some(match lifecycle::clear_backed_up(&LocalStorage, records) {
                Ok(cleared) => cleared_text(&cleared),
                Err(e) => messages::storage_error(&e),
            }));
            stage.set(Stage::Closed);
            on_change.emit(());
        }
    };
    let backup_then_clear = {
        let (stage, message, clear) = (stage.clone(), message.clone(), clear.clone());
        Callback::from(move |_: MouseEvent| {
            let records = match drafts::records(&LocalStorage) {
                Ok(records) => records,
                Err(e) => return message.set(Some(messages::storage_error(&e))),
            };
            let at = now();
            let (text, file_name) = (backup::to_json(&records, at), backup::file_name(at));
            let (stage, message, clear) = (stage.clone(), message.clone(), clear.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match save_file(&file_name, &text, "application/json").await {
                    Ok(FileSaved::Saved) => clear(&records),
                    Ok(FileSaved::Downloaded) => stage.set(Stage::Confirming { records, file_name }),
                    Ok(FileSaved::Cancelled) => {
                        message.set(Some("保存が取り消されたため、何も消去していません。".to_owned()))
                    }
                    Err(_) => message.set(Some(format!("「{file_name}」を保存できなかったため、何も消去していません。"))),
                }
            });
        })
    };
    let clear_without_export = {
        let (stage, message, on_change) = (stage.clone(), message.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            message.set(Some(match lifecycle::clear_all(&LocalStorage) {
                Ok(()) => "この端末の下書きをすべて消去しました。".to_owned(),
                Err(e) => messages::storage_error(&e),
            }));
            stage.set(Stage::Closed);
            on_change.emit(());
        })
    };

    let listing = &props.listing;
    let unexported_count = listing.drafts.iter().filter(|d| unexported(d)).count();
    let damaged_count = listing.damaged.len();
    let worth_keeping = unexported_count + damaged_count;
    html! {
        <section aria-labelledby="device-title">
            <h2 id="device-title" class="block-title">{ "この端末のデータ" }</h2>
            <p>{ usage_text(listing.used_chars) }</p>
            if let Some(m) = &*message {
                <p class="notice notice-info" role="status">{ m }</p>
            }
            { match &*stage {
                Stage::Closed => html! {
                    { button("button button-danger", "この端末のデータを消去", set(Stage::Asking)) }
                },
                Stage::Asking => html! {
                    <div class="notice notice-warning" role="alert">
                        <p>{ if unexported_count > 0 {
                            format!("書き出していない変更のある下書きが{unexported_count}件あります。消去すると元に戻せません。先に書き出しますか？")
                        } else {
                            "この端末の下書きをすべて消去します。元に戻せません。".to_owned()
                        } }</p>
                        if damaged_count > 0 {
                            <p>{ format!("読み込めなかったデータが{damaged_count}件あります。書き出すファイルには、これもそのまま入ります。") }</p>
                        }
                        <div class="start-actions">
                            if worth_keeping > 0 {
                                { button("button button-primary", "すべて書き出してから消去", backup_then_clear) }
                            }
                            { button("button button-danger", if worth_keeping > 0 { "書き出さずに消去" } else { "消去する" }, clear_without_export) }
                            { button("button", "やめる", set(Stage::Closed)) }
                        </div>
                    </div>
                },
                Stage::Confirming { records, file_name } => {
                    let confirmed = {
                        let (clear, records) = (clear.clone(), records.clone());
                        Callback::from(move |_: MouseEvent| clear(&records))
                    };
                    html! {
                        <div class="notice notice-warning" role="alert">
                            <p>{ format!("「{file_name}」をダウンロードしました。ファイルが保存されたことを確かめてから消去してください。") }</p>
                            <div class="start-actions">
                                { button("button button-danger", "保存できたので消去する", confirmed) }
                                { button("button", "保存できなかった（消去しない）", set(Stage::Closed)) }
                            </div>
                        </div>
                    }
                }
            } }
        </section>
    }
}
