//! Recognising the form's fixed text in what was typed: the title, the
//! 実施状況 heading, the section headings, counts, the template's leftovers.

use crate::config::Config;
use crate::count::{parse_count, Count};
use crate::limits::REPORT_YEARS;
use crate::model::{Basis, BodyKind, SectionKind, Ward};

/// The label of the cell beside a fixed body's parts (内訳) in the app's own Word
/// file (`out`), which `table` reads back.
pub(crate) const PARTS_LABEL: &str = "内訳";

/// The template's instruction, dropped wherever it is left in.
pub(super) const TEMPLATE_NOTE: &str = "※行が足りない場合は、ページ内で適宜追加してください。";

/// The text without any white space (U+3000 included), for matching fixed text.
pub(super) fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Full-width ASCII (digits, letters, punctuation) as half-width; everything else unchanged.
fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The leading run of ASCII digits as a number (at most 4 digits), and what follows.
fn leading_number(text: &str) -> Option<(u32, &str)> {
    let end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    if end == 0 || end > 4 {
        return None;
    }
    Some((text[..end].parse().ok()?, &text[end..]))
}

/// An era year after `era` in half-width text: 「元」 or digits, as a Gregorian year.
fn era_year(after_era: &str, era_start: i32) -> Option<(i32, &str)> {
    let (n, rest) = match after_era.strip_prefix('元') {
        Some(rest) => (1, rest),
        None => leading_number(after_era)?,
    };
    let year = era_start + i32::try_from(n).ok()?;
    REPORT_YEARS.contains(&year).then_some((year, rest))
}

/// The fiscal year named in a title: 令和N年度 (or 令和N年, as mistyped), 平成N年度.
fn title_year(squashed: &str) -> Option<i32> {
    let text = half_width(squashed);
    [("令和", 2018), ("平成", 1988)].iter().find_map(|(era, start)| {
        let at = text.find(era)?;
        let (year, rest) = era_year(&text[at + era.len()..], *start)?;
        rest.starts_with('年').then_some(year)
    })
}

/// The configured ward a title names: the longest ward name found in it, so a
/// doubled 区 (「宮城野区区障害者…」) still names 宮城野区.
fn title_ward(squashed: &str, config: &Config) -> Option<Ward> {
    config.wards.iter().filter(|w| !w.name.is_empty() && squashed.contains(&w.name)).max_by_key(|w| w.name.len()).cloned()
}

/// Whether a paragraph is the title: it names the report or the council.
pub(super) fn is_title(text: &str) -> bool {
    let s = squash(text);
    s.chars().count() <= 80 && (s.contains("取組状況") || s.contains("自立支援協議会"))
}

/// The fiscal year and ward a title names, each when found.
pub(super) fn title(text: &str, config: &Config) -> (Option<i32>, Option<Ward>) {
    let s = squash(text);
    (title_year(&s), title_ward(&s, config))
}

/// The 実施状況 heading: 「○実施状況」 is 実績; with 見込み it is a projection to
/// the year-month written (「（R5.3 見込み）」, 「（令和５年３月見込み）」), parts unread left blank.
pub(super) fn basis_heading(text: &str) -> Option<Basis> {
    let s = squash(text);
    let rest = s.trim_start_matches(['○', '〇', '◯', '●', '・', '◎']).strip_prefix("実施状況")?;
    if rest.chars().count() > 30 {
        return None;
    }
    Some(projection(rest).unwrap_or(Basis::Actual))
}

/// 「（R5.3 見込み）」 or 「（見込み）」 alone, e.g. on the line after the heading.
pub(super) fn projection(text: &str) -> Option<Basis> {
    let s = half_width(&squash(text));
    if !s.contains("見込") {
        return None;
    }
    let found = ["R", "r", "令和"].iter().find_map(|era| {
        let at = s.find(era)?;
        let (year, rest) = era_year(&s[at + era.len()..], 2018)?;
        let rest = rest.trim_start_matches(['.', '年', '/', '・', ',', '、']);
        let month = leading_number(rest).and_then(|(m, _)| u8::try_from(m).ok()).filter(|m| (1..=12).contains(m));
        Some((year, month))
    });
    let (year, month) = found.map_or((None, None), |(y, m)| (Some(y), m));
    Some(Basis::Projected { year, month })
}

/// Which section a heading opens: 「１　今年度の主な取組み」 and the others, numbered or not.
pub(super) fn section_heading(text: &str) -> Option<SectionKind> {
    let s = half_width(&squash(text));
    if s.chars().count() > 60 {
        return None;
    }
    let body = s.trim_start_matches(|c: char| c.is_ascii_digit() || ".、)(（）".contains(c));
    if body.starts_with("今年度の主な取組") {
        Some(SectionKind::MainWork)
    } else if body.starts_with("現状における課題") {
        Some(SectionKind::Issues)
    } else if body.starts_with("課題に対する次年度以降の取組") {
        Some(SectionKind::Plans)
    } else {
        None
    }
}

/// The template's instruction about adding rows.
pub(super) fn is_note(text: &str) -> bool {
    let s = squash(text);
    s == TEMPLATE_NOTE || (s.starts_with('※') && s.contains("行が足りない場合"))
}

/// Text with the template's instruction lines taken out.
pub(super) fn without_note(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').filter(|l| !is_note(l)).collect();
    lines.join("\n")
}

/// A count cell: blank (or only the template's printed 「回」) is no count;
/// 「１２回」 is 12; anything else is kept as typed.
pub(super) fn count(text: &str) -> Option<Count> {
    let trimmed = text.trim();
    let s = squash(trimmed);
    if s.is_empty() || s == "回" {
        return None;
    }
    Some(match parse_count(trimmed) {
        Ok(n) => Count::Number(n),
        Err(_) => Count::Text(trimmed.to_owned()),
    })
}

/// What a 会議 cell's first line starts with, after its numbering, for each fixed body.
const BODY_KEYS: [(BodyKind, &[&str]); 4] = [
    (BodyKind::Plenary, &["全体協議会"]),
    (BodyKind::Network, &["実務者ネットワーク会議", "実務者ネットワーク"]),
    (BodyKind::Liaison, &["障害者相談支援事業所等連絡会議", "相談支援事業所等連絡会議", "相談支援事業所連絡会議"]),
    (BodyKind::Steering, &["運営会議"]),
];

/// A 会議 cell's line without white space and without its numbering (（１）, (1), 1.).
pub(super) fn heading_words(line: &str) -> String {
    let s = half_width(&squash(line));
    let stripped = s.trim_start_matches(|c: char| c.is_ascii_digit() || "().、".contains(c));
    stripped.to_owned()
}

/// The fixed body a 会議 cell's first line names, and what follows the name on
/// that line (e.g. the ward's own name).
pub(super) fn fixed_body(line: &str) -> Option<(BodyKind, &str)> {
    let words = heading_words(line);
    BODY_KEYS.iter().find_map(|(kind, keys)| {
        let key = keys.iter().find(|k| words.starts_with(*k))?;
        let after = line.find(key).map_or("", |at| &line[at + key.len()..]);
        Some((*kind, after))
    })
}

/// The ward's own name written under a body's name: 「サポネットあおばのつどい（※青葉区での呼称）」
/// gives 「サポネットあおばのつどい」; `None` without the 「呼称」 marker.
pub(super) fn local_name(text: &str) -> Option<String> {
    let marker = text.find("呼称")?;
    let open = text[..marker].rfind(['（', '(']).unwrap_or(marker);
    let after = marker + "呼称".len();
    let close = text[after..].chars().next().filter(|c| matches!(c, '）' | ')')).map_or(after, |c| after + c.len_utf8());
    let mut name = String::new();
    name.push_str(&text[..open]);
    name.push_str(&text[close..]);
    let name = name.split('\n').map(str::trim).collect::<String>();
    Some(name)
}

/// A name still reading like the template: only circle marks, with or without 「PT」.
pub(super) fn is_placeholder_name(name: &str) -> bool {
    let s = half_width(&squash(name));
    let marks = s.strip_suffix("PT").unwrap_or(&s);
    !marks.is_empty() && marks.chars().all(|c| matches!(c, '○' | '〇' | '◯'))
}

/// 「なし」 and its spellings, or a dash.
pub(super) fn is_none_text(text: &str) -> bool {
    matches!(squash(text).as_str(), "なし" | "特になし" | "無し" | "ナシ" | "-" | "－" | "―" | "ー")
}
