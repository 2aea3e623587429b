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

use std::collections::{HashMap, HashSet};

use crate::fields::{Cell, Field};
use crate::model::{BodyKind, ListKind, Report, SectionKind};

/// The template's note on adding rows; its beginning is enough to know it.
pub const TEMPLATE_NOTE: &str = "※行が足りない";

/// Whether text holds the template's note (checked on every keystroke: a quick
/// look for its first character before the whole phrase).
pub fn has_template_note(text: &str) -> bool {
    text.contains('※') && text.contains(TEMPLATE_NOTE)
}

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
    // Checked on every keystroke: a quick look for any circle before counting runs.
    if !(text.contains('○') || text.contains('〇') || text.contains('◯')) {
        return false;
    }
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

/// What a word of a text that can vary is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Letters and digits; `full_width` when any of them is full-width.
    Alnum { full_width: bool },
    /// ヶ, ケ or ヵ between two kanji.
    Ke,
    /// 〜 or ～.
    Wave,
}

/// A word of a text that can vary, found without allocating.
#[derive(Debug, Clone)]
struct Word {
    /// The bytes that differ between its spellings (the whole word, or the ヶ/ケ/ヵ alone).
    range: std::ops::Range<usize>,
    /// The bytes of the word as shown (for ヶ/ケ/ヵ: with the kanji on each side, 鶴ヶ谷).
    shown: std::ops::Range<usize>,
    kind: Kind,
}

impl Word {
    /// What its spellings share.
    fn key(&self, text: &str) -> String {
        let shown = &text[self.shown.clone()];
        match self.kind {
            Kind::Alnum { full_width: false } => shown.to_owned(),
            Kind::Alnum { full_width: true } => shown.chars().map(half_width).collect(),
            Kind::Ke => shown.chars().map(|c| if is_ke(c) { 'ケ' } else { c }).collect(),
            Kind::Wave => "～".to_owned(),
        }
    }
}

/// Whether the character at byte `at` can start a word ([`scan`]), from its UTF-8
/// bytes alone: an ASCII letter or digit; 〜 (E3 80 9C); ケ, ヵ, ヶ (E3 82 B1, E3 83 B5/B6);
/// a full-width digit or letter (EF BC 90–99, EF BC A1–BA, EF BD 81–9A) or ～ (EF BD 9E).
/// Hiragana and katakana also start with E3: decoding each of them made this scan most
/// of a keystroke's rules check (issue 23's keystroke budget).
fn starts_word(bytes: &[u8], at: usize) -> bool {
    match bytes[at] {
        lead if lead.is_ascii_alphanumeric() => true,
        0xE3 => matches!(bytes.get(at + 1..at + 3), Some([0x80, 0x9C] | [0x82, 0xB1] | [0x83, 0xB5 | 0xB6])),
        0xEF => matches!(bytes.get(at + 1..at + 3), Some([0xBC, 0x90..=0x99 | 0xA1..=0xBA] | [0xBD, 0x81..=0x9A | 0x9E])),
        _ => false,
    }
}

/// Calls `found` with each word of `text` that could have a twin (a kanji word
/// without ヶ/ケ/ヵ cannot). Runs on every keystroke: it allocates nothing.
fn scan(text: &str, mut found: impl FnMut(Word)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let lead = bytes[at];
        // Most of a Japanese text is kanji, kana and punctuation: skipped by their
        // bytes, without decoding them (starts_word).
        let len = match lead {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let Some(c) = starts_word(bytes, at).then(|| text[at..].chars().next()).flatten() else {
            at += len;
            continue;
        };
        let end = at + c.len_utf8();
        if is_alnum(c) {
            let mut full_width = !c.is_ascii();
            let mut until = end;
            for n in text[end..].chars().take_while(|n| is_alnum(*n)) {
                full_width |= !n.is_ascii();
                until += n.len_utf8();
            }
            found(Word { range: at..until, shown: at..until, kind: Kind::Alnum { full_width } });
            at = until;
            continue;
        }
        if is_wave(c) {
            found(Word { range: at..end, shown: at..end, kind: Kind::Wave });
        } else if is_ke(c) {
            // Kanji compounds run on without a break (鶴ヶ谷地区): the word is the kanji on each side.
            let before = text[..at].chars().next_back().filter(|b| is_kanji(*b));
            let after = text[end..].chars().next().filter(|n| is_kanji(*n));
            if let (Some(b), Some(n)) = (before, after) {
                found(Word { range: at..end, shown: at - b.len_utf8()..end + n.len_utf8(), kind: Kind::Ke });
            }
        }
        at = end;
    }
}

/// What replaces a word's differing bytes to spell it as `to` (a spelling of its key).
fn replacement<'a>(word: &Word, to: &'a str) -> &'a str {
    if word.kind != Kind::Ke {
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
    let fields = text_fields(report);
    let mut words: Vec<(usize, Word)> = Vec::new();
    for (i, (_, text)) in fields.iter().enumerate() {
        scan(text, |w| words.push((i, w)));
    }
    // Letters and digits have a twin only where some are full-width: half-width
    // words count only for the keys of full-width ones.
    let wanted: HashSet<String> = words
        .iter()
        .filter(|(_, w)| w.kind == (Kind::Alnum { full_width: true }))
        .map(|(i, w)| w.key(fields[*i].1))
        .collect();
    let mut found: Vec<Variants> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, w) in words {
        let (field, text) = fields[i];
        let spelling = &text[w.shown.clone()];
        if w.kind == (Kind::Alnum { full_width: false }) && !wanted.contains(spelling) {
            continue;
        }
        let key = w.key(text);
        let at = *by_key.entry(key.clone()).or_insert_with(|| {
            found.push(Variants { key, spellings: Vec::new(), first: field });
            found.len() - 1
        });
        let spellings = &mut found[at].spellings;
        match spellings.iter_mut().find(|(s, _)| s == spelling) {
            Some((_, n)) => *n += 1,
            None => spellings.push((spelling.to_owned(), 1)),
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
        scan(text, |word| {
            if &text[word.shown.clone()] != to && word.key(text) == key {
                out.push_str(&text[last..word.range.start]);
                out.push_str(replacement(&word, to));
                last = word.range.end;
            }
        });
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
        let mut out = Vec::new();
        scan(text, |w| out.push((text[w.shown.clone()].to_owned(), w.key(text))));
        out
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
