//! 「読み込んだ報告」: the review's warnings, then one row per report in the set
//! (wards in configured order; a ward's other files under the one used, each
//! can be chosen instead, then its report of last year if the set holds one),
//! reports outside the configured wards, and the files
//! that could not be read with their reasons.

use std::rc::Rc;

use torikumi_core::bundle::{BundleSet, Entry, EntryId, Review};
use torikumi_core::fiscal::era_fiscal_year;
use torikumi_core::messages::help::Topic;
use torikumi_core::{messages, Status, Timestamp};
use yew::prelude::*;
use crate::app_context::use_app;

use super::help_link::help_link;
use crate::hooks::bundle_set::BundleHandle;

#[derive(Properties, PartialEq)]
pub struct BundleListProps {
    pub bundle: BundleHandle,
    pub review: Rc<Review>,
    /// 「確認する」: the report to open for the city's comments (its file name and when it was added).
    pub on_check: Callback<(String, Timestamp)>,
}

/// 「指摘3件（対応済み2件）」, or nothing before the city has commented.
fn tally(entry: &Entry) -> String {
    let tally = entry.document.report.comment_tally();
    if tally.comments == 0 { "―".to_owned() } else { messages::comment_tally(tally) }
}

fn status(s: Status) -> &'static str {
    messages::bundle_status(Some(s))
}

fn year(entry: &Entry) -> String {
    entry.document.report.fiscal_year.map_or("（年度未選択）".to_owned(), era_fiscal_year)
}

#[function_component(BundleList)]
pub fn bundle_list(props: &BundleListProps) -> Html {
    let config = use_app().config;
    let set = &props.bundle.kept.set;
    let change = |f: Rc<dyn Fn(&mut BundleSet)>| {
        let bundle = props.bundle.clone();
        Callback::from(move |_: MouseEvent| {
            let f = Rc::clone(&f);
            bundle.change_shown(Box::new(move |s| f(s)));
        })
    };
    let remove = |id: EntryId| change(Rc::new(move |s| s.remove_entry(id)));
    let choose = |id: EntryId| {
        change(Rc::new(move |s| {
            s.choose(id);
        }))
    };

    let check = |entry: &Entry| {
        let (on_check, key) = (props.on_check.clone(), (entry.file_name.clone(), entry.added));
        Callback::from(move |_: MouseEvent| on_check.emit(key.clone()))
    };

    // A report in the set that is not bound: another file for a ward, or a ward not configured.
    let unused_row = |entry: &Entry, heading: String, label: &str, extra: Html| {
        html! {
            <tr key={format!("e{}", entry.id.0)} class="unused">
                <th scope="row">{ heading }</th>
                <td>{ year(entry) }</td>
                <td>{ status(entry.document.status) }</td>
                <td class="num" data-label="エラー">{ "―" }</td>
                <td class="num" data-label="注意">{ "―" }</td>
                <td class="file-name" data-label="ファイル名">{ &entry.file_name }</td>
                <td data-label="指摘">{ tally(entry) }</td>
                <td class="actions">
                    { extra }
                    <button type="button" class="button button-small" aria-label={format!("{label}を外す")} onclick={remove(entry.id)}>{ "外す" }</button>
                </td>
            </tr>
        }
    };

    let slots = set.slots(&config);
    let last_year = set.last_year_entries(&config);
    let mut rows = Vec::new();
    for (slot, review) in slots.iter().zip(&props.review.rows) {
        let Some(used) = slot.used else { continue };
        let ward = &slot.ward.name;
        rows.push(html! {
            <tr key={format!("e{}", used.id.0)}>
                <th scope="row">{ ward }</th>
                <td>{ year(used) }</td>
                <td>{ status(used.document.status) }</td>
                <td class="num" data-label="エラー">{ review.errors }</td>
                <td class="num" data-label="注意">{ review.warnings }</td>
                <td class="file-name" data-label="ファイル名">{ &used.file_name }</td>
                <td data-label="指摘">{ tally(used) }</td>
                <td class="actions">
                    <button type="button" class="button button-small" onclick={check(used)}>{ format!("{ward}を確認する") }</button>
                    <button type="button" class="button button-small" onclick={remove(used.id)}>{ format!("{ward}を外す") }</button>
                </td>
            </tr>
        });
        for other in &slot.others {
            let label = format!("{ward}の「{}」", other.file_name);
            let use_it = html! {
                <button type="button" class="button button-small" aria-label={format!("{label}を使う")} onclick={choose(other.id)}>{ "こちらを使う" }</button>
            };
            rows.push(unused_row(other, format!("{ward}（使っていない）"), &label, use_it));
        }
        // Last year's: compared in 「実施回数の一覧」, not bound.
        for previous in last_year.iter().filter(|e| e.document.report.ward.as_ref().is_some_and(|w| w.slug == slot.ward.slug)) {
            let label = format!("{ward}の「{}」", previous.file_name);
            rows.push(unused_row(previous, format!("{ward}（前年度）"), &label, html! {}));
        }
    }
    for entry in set.outside(&config) {
        let ward = entry.document.report.ward.as_ref().map_or("（区未選択）".to_owned(), |w| w.name.clone());
        rows.push(unused_row(entry, format!("{ward}（取りまとめに入らない）"), &format!("「{}」", entry.file_name), html! {}));
    }

    html! {
        <section aria-labelledby="bundle-list-title">
            <h2 id="bundle-list-title" class="block-title">{ "読み込んだ報告" }</h2>
            // Announced when files are added or removed (the warnings change then, not on every keystroke).
            <div role="status" class="bundle-warnings">
                if !props.review.warnings.is_empty() {
                    <ul class="notice notice-warning">
                        { for props.review.warnings.iter().map(|w| html! { <li>{ messages::bundle_warning(w, &config) }</li> }) }
                    </ul>
                }
            </div>
            if rows.is_empty() {
                <p>{ "まだ報告を読み込んでいません。" }</p>
            } else {
                <table class="drafts bundle-list">
                    <caption>{ "読み込んだ報告" }</caption>
                    <thead><tr>
                        <th scope="col">{ "区" }</th><th scope="col">{ "年度" }</th><th scope="col">{ "状態" }</th>
                        <th scope="col">{ "エラー" }</th><th scope="col">{ "注意" }</th><th scope="col">{ "ファイル名" }</th><th scope="col">{ "指摘" }</th><th scope="col">{ "操作" }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            if !set.unreadable().is_empty() {
                <h3 class="block-subtitle">{ "読み込めなかったファイル" }</h3>
                <ul class="damaged">
                    { for set.unreadable().iter().enumerate().map(|(n, u)| {
                        let onclick = change(Rc::new(move |s| s.remove_unreadable(n)));
                        html! {
                            <li key={format!("u{n}-{}", u.file_name)}>
                                <span>{ messages::import_error(&u.file_name, &u.error) }{ help_link(Topic::RefusedFile) }</span>
                                <button type="button" class="button button-small" aria-label={format!("「{}」を一覧から外す", u.file_name)} {onclick}>{ "一覧から外す" }</button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
