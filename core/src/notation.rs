//! 表記ゆれ: one word written two ways in one report, a real defect of submitted
//! reports (鶴ヶ谷 and 鶴ケ谷; ＧＳＶ and GSV; １２ and 12; 〜 and ～). And what
//! the word-processor template leaves behind in a text.
//!
//! Words are found without a dictionary, as runs the variants live in:
//! - letters and digits, half-width or full-width (ＧＳＶ / GSV, １２ / 12);
//! - kanji joined by ヶ, ケ or ヵ (鶴ヶ谷 / 鶴ケ谷);
//! - a wave dash, 〜 (U+301C) or ～ (U+FF5E).
//!
//! Each word has a key that the variants share; two spellings of one key are a
//! finding. Nothing is ever rewritten but by the user's 統一 ([`unify`]).

use std::collections::HashMap;

use crate::fields::{Cell, Field};
use crate::model::{BodyKind, ListKind, Report, SectionKind};

/// The template's note on adding rows; its beginning is enough to know it.
pub const TEMPLATE_NOTE: &str = "※行が足りない";

/// Every free-text field of the report with its text, in the form's order
/// (names, contents, the ward's own names, the sections; not counts).
pub fn text_fields(report: &Report) -> Vec<(Field, &str)> {
    let mut out = Vec::new();
    for body in BodyKind::ALL {
        let b = report.body(body);
        out.push((Field::Body(body, Cell::LocalName), b.local_name.as_str()));
        out.push((Field::Body(body, Cell::Content), b.content.as_str()));
        for part in &b.parts {
            out.push((Field::Part(body, part.id, Cell::Name), part.name.as_str()));
            out.push((Field::Part(body, part.id, Cell::Content), part.content.as_str()));
        }
    }
    for list in ListKind::ALL {
        for row in report.list(list) {
            out.push((Field::Item(list, row.id, Cell::Name), row.name.as_str()));
            out.push((Field::Item(list, row.id, Cell::Content), row.content.as_str()));
        }
    }
    for kind in SectionKind::ALL {
        out.push((Field::Section(kind), report.section(kind)));
    }
    out
}

/// Whether text holds the template's 「○○○○」 (four circle marks, of any of the three kinds).
pub fn has_placeholder_circles(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if is_circle(c) { run + 1 } else { 0 };
        if run >= 4 {
            return true;
        }
    }
    false
}

fn is_circle(c: char) -> bool {
    matches!(c, '○' | '〇' | '◯')
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '々')
}

fn is_ke(c: char) -> bool {
    matches!(c, 'ヶ' | 'ケ' | 'ヵ')
}

fn is_wave(c: char) -> bool {
    matches!(c, '〜' | '～')
}

/// A full-width letter or digit as its half-width twin; anything else as it is.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn is_alnum(c: char) -> bool {
    half_width(c).is_ascii_alphanumeric()
}

/// A word of a text that can vary.
struct Word {
    /// The bytes that differ between its spellings (the whole word, or the ヶ/ケ/ヵ alone).
    range: std::ops::Range<usize>,
    /// The word as written (for ヶ/ケ/ヵ: with the kanji on each side, 鶴ヶ谷).
    shown: String,
    /// What its spellings share.
    key: String,
}

/// The words of a text that can vary. Only words that could have a twin are
/// returned (a kanji word without ヶ/ケ/ヵ cannot).
fn words(text: &str) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |(at, _)| *at);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if is_alnum(c) {
            let start = i;
            while i < chars.len() && is_alnum(chars[i].1) {
                i += 1;
            }
            let range = at..end_of(i);
            let key = chars[start..i].iter().map(|(_, c)| half_width(*c)).collect();
            out.push(Word { shown: text[range.clone()].to_owned(), range, key });
            continue;
        }
        if is_wave(c) {
            out.push(Word { range: at..end_of(i + 1), shown: c.to_string(), key: "～".to_owned() });
        } else if is_ke(c) && i > 0 && is_kanji(chars[i - 1].1) && chars.get(i + 1).is_some_and(|(_, n)| is_kanji(*n)) {
            // Kanji compounds run on without a break (鶴ヶ谷地区): the word is the kanji on each side.
            let (before, after) = (chars[i - 1].1, chars[i + 1].1);
            out.push(Word { range: at..end_of(i + 1), shown: format!("{before}{c}{after}"), key: format!("{before}ケ{after}") });
        }
        i += 1;
    }
    out
}

/// What replaces a word's differing bytes to spell it as `to` (a spelling of its key).
fn replacement<'a>(word: &Word, to: &'a str) -> &'a str {
    if word.range.len() == word.shown.len() {
        return to;
    }
    // ヶ/ケ/ヵ: the middle of 鶴ヶ谷.
    let mut middle = to.char_indices().skip(1);
    match (middle.next(), middle.next()) {
        (Some((from, _)), Some((until, _))) => &to[from..until],
        _ => to,
    }
}

/// A word written more than one way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variants {
    /// What its spellings share.
    pub key: String,
    /// Each spelling and how often it occurs, in the order they first occur.
    pub spellings: Vec<(String, usize)>,
    /// The field where the word first occurs.
    pub first: Field,
}

/// Every word of the report written more than one way, in the order of first occurrence.
pub fn variants(report: &Report) -> Vec<Variants> {
    let mut found: Vec<Variants> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (field, text) in text_fields(report) {
        for Word { shown: spelling, key, .. } in words(text) {
            let v = match by_key.get(&key) {
                Some(&i) => &mut found[i],
                None => {
                    by_key.insert(key.clone(), found.len());
                    found.push(Variants { key, spellings: Vec::new(), first: field });
                    found.last_mut().expect("just pushed")
                }
            };
            match v.spellings.iter_mut().find(|(s, _)| *s == spelling) {
                Some((_, n)) => *n += 1,
                None => v.spellings.push((spelling, 1)),
            }
        }
    }
    found.retain(|v| v.spellings.len() > 1);
    found
}

/// 「○○に統一」: every spelling of the word `key` becomes `to`. Returns the new
/// texts of the fields that change (nothing else is touched).
pub fn unify(report: &Report, key: &str, to: &str) -> Vec<(Field, String)> {
    let mut changed = Vec::new();
    for (field, text) in text_fields(report) {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for word in words(text) {
            if word.key == key && word.shown != to {
                out.push_str(&text[last..word.range.start]);
                out.push_str(replacement(&word, to));
                last = word.range.end;
            }
        }
        if last > 0 {
            out.push_str(&text[last..]);
            changed.push((field, out));
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(String, String)> {
        words(text).into_iter().map(|w| (w.shown, w.key)).collect()
    }

    #[test]
    fn words_that_can_vary_and_their_keys() {
        assert_eq!(
            keys("鶴ヶ谷地区で１２回、GSV会議。10時〜12時"),
            [
                ("鶴ヶ谷".into(), "鶴ケ谷".into()),
                ("１２".into(), "12".into()),
                ("GSV".into(), "GSV".into()),
                ("10".into(), "10".into()),
                ("〜".into(), "～".into()),
                ("12".into(), "12".into()),
            ]
        );
        // ケ not between kanji is katakana of a word, not a joining mark.
        assert!(keys("ケアマネ").is_empty());
    }
}
