//! 使い方: its sections as data, their addresses, and the 「詳しく」 links of messages.

use std::collections::HashSet;
use std::path::Path;

use torikumi_core::drafts::lifecycle::DraftError;
use torikumi_core::drafts::StorageError;
use torikumi_core::messages::help::{draft_error_topic, section, Topic, SECTIONS};

#[test]
fn every_topic_has_one_section_in_the_pages_order_so_every_詳しく_link_has_a_target() {
    let topics: Vec<Topic> = SECTIONS.iter().map(|s| s.topic).collect();
    assert_eq!(topics, Topic::ALL.to_vec());
    for topic in Topic::ALL {
        assert_eq!(section(topic).map(|s| s.topic), Some(topic));
    }
}

#[test]
fn section_ids_are_unique_and_usable_in_the_address() {
    let ids: Vec<&str> = Topic::ALL.iter().map(|t| t.id()).collect();
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len(), "{ids:?}");
    for topic in Topic::ALL {
        let id = topic.id();
        assert!(!id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{id}");
        assert_eq!(Topic::from_id(id), Some(topic));
    }
    assert_eq!(Topic::from_id("nothing-here"), None);
    assert_eq!(Topic::from_id(""), None);
}

#[test]
fn every_section_is_short_a_title_and_one_to_three_paragraphs_of_a_few_sentences() {
    for s in SECTIONS {
        assert!(!s.title.is_empty() && s.title.chars().count() <= 24, "{}", s.title);
        assert!((1..=3).contains(&s.paragraphs.len()), "{}", s.title);
        for p in s.paragraphs {
            let sentences = p.matches('。').count();
            assert!(p.ends_with('。') && (1..=4).contains(&sentences), "{}: {p}", s.title);
            assert!(p.chars().count() <= 160, "{}: {} characters", s.title, p.chars().count());
        }
    }
}

#[test]
fn pictures_are_small_decorative_svg_with_a_caption_and_nothing_active() {
    let mut bytes = 0;
    for s in SECTIONS {
        let Some(picture) = &s.picture else { continue };
        let svg = picture.svg;
        assert!(svg.starts_with("<svg viewBox=\"") && svg.ends_with("</svg>"), "{}", s.title);
        assert!(svg.contains(r#"aria-hidden="true""#), "{}", s.title);
        // Rendered as markup: nothing that runs, loads or links.
        for active in ["<script", " on", "href", "url(", "<image", "<foreignObject", "<style"] {
            assert!(!svg.contains(active), "{}: {active}", s.title);
        }
        assert!(picture.caption.ends_with('。'), "{}", s.title);
        bytes += svg.len();
    }
    // The first visit's size is budgeted (scripts/size.mjs): pictures stay tiny.
    assert!(bytes <= 2_000, "{bytes} bytes of SVG");
}

/// Every source file of the app and the core but this one, as text.
fn sources() -> String {
    fn walk(dir: &Path, out: &mut String) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("messages/help.rs") {
                out.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = String::new();
    walk(&root.join("src"), &mut text);
    walk(&root.join("../src"), &mut text);
    text
}

#[test]
fn every_button_and_message_the_help_names_in_brackets_is_shown_by_the_app() {
    let app = sources();
    assert!(app.contains("完成にする") && app.contains("JSONを書き出す"), "the app's sources were read");
    let mut named = 0;
    for s in SECTIONS {
        for text in std::iter::once(s.title).chain(s.paragraphs.iter().copied()) {
            for quoted in text.split('「').skip(1).filter_map(|rest| rest.split_once('」').map(|(q, _)| q)) {
                named += 1;
                assert!(app.contains(quoted), "「{quoted}」 ({}) is not shown anywhere in the app", s.title);
            }
        }
    }
    assert!(named >= 30, "{named} names checked");
}

#[test]
fn a_draft_storage_refused_links_to_保存できていません_and_a_conflict_to_別のタブ() {
    for e in [StorageError::Full, StorageError::Unavailable, StorageError::Refused("x".into())] {
        assert_eq!(draft_error_topic(&DraftError::Storage(e)), Some(Topic::NotSaved));
    }
    assert_eq!(draft_error_topic(&DraftError::Conflict { stored: None }), Some(Topic::OtherTab));
    assert_eq!(draft_error_topic(&DraftError::NotFound), Some(Topic::Drafts));
    assert_eq!(draft_error_topic(&DraftError::NotInTrash), None);
}

#[test]
fn the_pages_markup_has_every_section_under_its_id_and_every_contents_link_leads_to_one() {
    let html = torikumi_core::messages::help::page_html();
    for s in SECTIONS {
        let id = s.topic.id();
        assert_eq!(html.matches(&format!(r#"<h2 id="help-{id}""#)).count(), 1, "{id}");
        assert_eq!(html.matches(&format!(r##"<a href="#/help/{id}">"##)).count(), 1, "{id}");
        for p in s.paragraphs {
            assert!(html.contains(&format!("<p>{p}</p>")), "{id}");
        }
    }
    assert_eq!(html.matches("<section").count(), SECTIONS.len());
    assert_eq!(html.matches("<section").count(), html.matches("</section>").count());
    assert_eq!(html.matches(r##"href="#/help/"##).count(), SECTIONS.len(), "no link leads elsewhere");
}
