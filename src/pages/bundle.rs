//! 取りまとめ: the city gathers the wards' exports into one set, reviews it,
//! sees the counts side by side, and binds, exports or empties it.

use std::rc::Rc;

use torikumi_core::bundle::stored::BundleStoreError;
use torikumi_core::bundle::{self, BundleSet};
use torikumi_core::messages::help::bundle_store_error_topic;
use torikumi_core::{messages, Context, Timestamp};
use yew::prelude::*;
use crate::app_context::{use_app, use_unsaved_guard};

use crate::widgets::button::button;
use crate::editor_store::now;
use crate::hooks::bundle_set::use_bundle_set;
use crate::platform::files::{download, download_bytes};
use crate::route::{go, Route};
use crate::widgets::bundle_files::BundleFiles;
use crate::widgets::bundle_list::BundleList;
use crate::widgets::bundle_review::BundleReview;
use crate::widgets::bundle_summary::bundle_summary;
use crate::widgets::alert::error_alert;

#[function_component(BundlePage)]
pub fn bundle_page() -> Html {
    let config = use_app().config;
    let bundle = use_bundle_set();
    // Leaving with changes storage refused asks first (they live only in this page).
    use_unsaved_guard(
        {
            let bundle = bundle.clone();
            Rc::new(move || bundle.unsaved())
        },
        messages::LEAVE_UNSAVED_BUNDLE,
    );
    let message = use_state(Option::<String>::default);
    // 「確認する」: the report open for the city's comments (by file name and when it was added:
    // entries are numbered afresh whenever the stored set is read back).
    let checking = use_state(|| None::<(String, Timestamp)>);
    // The report last shown by 「確認する」: if another tab takes it out of the set, the view
    // stays (saying so), so a comment being written is not thrown away with it.
    let last_checked = use_mut_ref(|| None::<bundle::Entry>);
    let asking_clear = use_state(bool::default);
    let review = {
        let config = Rc::clone(&config);
        use_memo(Rc::clone(&bundle.kept), move |kept| {
            let ctx = Context { config: &config, current_fiscal_year: now().fiscal_year() };
            kept.set.review(&ctx)
        })
    };
    let summary = {
        let config = Rc::clone(&config);
        use_memo(Rc::clone(&bundle.kept), move |kept| bundle::summary(&kept.set, &config))
    };
    let set = &bundle.kept.set;
    let damaged = matches!(bundle.error, Some(BundleStoreError::Damaged(_)));

    // Files are made at the click, from the set shown then.
    let export = |make: Rc<dyn Fn() -> (String, String)>, mime: &'static str| {
        let message = message.clone();
        Callback::from(move |_: MouseEvent| {
            let (name, text) = make();
            message.set(download(&name, &text, mime).err().map(|e| messages::file_error(&e)));
        })
    };
    let csv = {
        let summary = Rc::clone(&summary);
        export(Rc::new(move || (bundle::summary_csv_file_name(&summary), bundle::summary_csv(&summary))), "text/csv")
    };
    let set_file = {
        let (kept, config) = (Rc::clone(&bundle.kept), Rc::clone(&config));
        export(Rc::new(move || (bundle::bundle_file_name(&kept.set, &config), bundle::to_json(&kept.set))), "application/json")
    };
    // The bound set as one Word file (the bound print's layout), from the set shown at the click.
    let word = {
        let (kept, config, message) = (Rc::clone(&bundle.kept), Rc::clone(&config), message.clone());
        Callback::from(move |_: MouseEvent| {
            let bytes = torikumi_core::docx::out::bundle_docx(&kept.set, &config, now());
            let name = torikumi_core::docx::out::bundle_file_name(&kept.set, &config);
            message.set(download_bytes(&name, &bytes, torikumi_core::docx::out::DOCX_MIME).err().map(|e| messages::file_error(&e)));
        })
    };
    // The damaged text shown, not what storage holds by the time of the click.
    let download_raw = {
        let kept = Rc::clone(&bundle.kept);
        export(Rc::new(move || ("torikumi_bundle_stored.json".to_owned(), kept.damaged.clone().unwrap_or_default())), "application/json")
    };
    let ask_clear = {
        let asking_clear = asking_clear.clone();
        Callback::from(move |_: MouseEvent| asking_clear.set(true))
    };
    let clear = {
        let (bundle, asking_clear) = (bundle.clone(), asking_clear.clone());
        Callback::from(move |_: MouseEvent| {
            asking_clear.set(false);
            if damaged {
                bundle.discard();
            } else {
                bundle.change_shown(Box::new(BundleSet::clear));
            }
        })
    };
    let keep = {
        let asking_clear = asking_clear.clone();
        Callback::from(move |_: MouseEvent| asking_clear.set(false))
    };
    let has_reports = !set.entries().is_empty();
    let on_check = {
        let checking = checking.clone();
        Callback::from(move |key: (String, Timestamp)| checking.set(Some(key)))
    };
    let found = checking.as_ref().and_then(|(name, added)| set.entries().iter().find(|e| &e.file_name == name && e.added == *added)).cloned();
    if let Some(entry) = &found {
        *last_checked.borrow_mut() = Some(entry.clone());
    }
    let gone = checking.is_some() && found.is_none();
    let checked = if checking.is_some() { found.or_else(|| last_checked.borrow().clone()) } else { None };
    if let Some(entry) = checked {
        let on_close = {
            let checking = checking.clone();
            Callback::from(move |()| checking.set(None))
        };
        return html! {
            <div class="bundle">
                if let Some(e) = &bundle.error {
                    { error_alert(&messages::bundle_store_error(e), bundle_store_error_topic(e)) }
                }
                <BundleReview bundle={bundle.clone()} {entry} {gone} {on_close} />
            </div>
        };
    }

    html! {
        <div class="bundle">
            <nav class="draft-bar no-print" aria-label="取りまとめ">
                <a href={Route::Start.hash()} class="back-link">{ "← 最初のページ" }</a>
            </nav>
            <h1 class="report-title">{ "取りまとめ" }</h1>
            <p class="notice notice-info">{ "各区から届いた報告を読み込み、設定された区の順にまとめて印刷します。読み込んだ報告はこのブラウザーの中に保存され、再読み込みしても残ります。" }</p>
            if let Some(e) = &bundle.error {
                { error_alert(&messages::bundle_store_error(e), bundle_store_error_topic(e)) }
            }
            if let Some(m) = &*message {
                { error_alert(m, None) }
            }
            <BundleFiles bundle={bundle.clone()} />
            <BundleList bundle={bundle.clone()} review={Rc::clone(&review)} {on_check} />
            if has_reports {
                { bundle_summary(&summary) }
            }
            <div class="start-actions no-print">
                if has_reports {
                    { button("button button-primary", "まとめて印刷用表示", Callback::from(|_: MouseEvent| go(&Route::BundlePrint))) }
                    { button("button", "CSVを書き出す", csv) }
                    { button("button", "まとめてWordで書き出す", word) }
                }
                if !set.is_empty() {
                    { button("button", "まとめてJSONを書き出す", set_file) }
                }
                if damaged {
                    { button("button", "保存内容をダウンロード", download_raw) }
                }
                if !set.is_empty() || damaged {
                    { button("button button-danger", "すべて外す", ask_clear) }
                }
            </div>
            if *asking_clear {
                <div class="notice notice-warning" role="alert">
                    <p>{ "読み込んだ報告をすべて取りまとめから外します。各区のファイルはそのまま残るので、あとで読み込み直せます。外しますか？" }</p>
                    <div class="start-actions">
                        { button("button button-danger", "すべて外す", clear) }
                        { button("button", "やめる", keep) }
                    </div>
                </div>
            }
        </div>
    }
}
