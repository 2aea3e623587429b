//! 年間実施予定回数: what people type, and the whole number it means.
//!
//! Staff type 「１２回」 as often as 「12」; both are accepted. What was typed is
//! never thrown away: a count that does not parse keeps its text until corrected.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A count: a whole number, or (in drafts) the text as typed when it has not
/// parsed yet. A blank count is null.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Count {
    Number(u32),
    Text(String),
}

/// Read by hand rather than derived: serde's untagged enums buffer their input
/// in a generic `Content` tree, which costs the wasm several KB.
impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number from 0 to 4294967295, or text")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Count, E> {
                u32::try_from(v).map(Count::Number).map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Count, E> {
                Ok(Count::Text(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Count, E> {
                Ok(Count::Text(v))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Why a count is not a usable number.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CountError {
    /// Nothing was typed (0 is an answer; blank is not).
    #[error("count is blank")]
    Blank,
    /// The text is not a whole number of 0 or more.
    #[error("count 「{typed}」 is not a whole number")]
    NotAWholeNumber { typed: String },
}

/// Parses a typed count leniently: full-width digits, surrounding spaces
/// (including U+3000) and a trailing 回 are accepted. 「 １２ 回 」 → 12.
pub fn parse_count(typed: &str) -> Result<u32, CountError> {
    let trimmed = typed.trim();
    if trimmed.is_empty() {
        return Err(CountError::Blank);
    }
    let digits = trimmed.strip_suffix('回').map_or(trimmed, str::trim_end);
    let bad = || CountError::NotAWholeNumber { typed: typed.to_owned() };
    if digits.is_empty() {
        return Err(bad());
    }
    digits.chars().try_fold(0u32, |acc, c| {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => return Err(bad()),
        };
        acc.checked_mul(10).and_then(|v| v.checked_add(d)).ok_or_else(bad)
    })
}

impl Count {
    /// What the user typed becomes a count; blank text is no count at all.
    /// The text is kept as typed: normalising is a separate step (on leaving the field).
    pub fn from_typed(typed: &str) -> Option<Count> {
        if typed.trim().is_empty() {
            None
        } else {
            Some(Count::Text(typed.to_owned()))
        }
    }

    /// The number this count means, if it parses.
    pub fn value(&self) -> Result<u32, CountError> {
        match self {
            Count::Number(n) => Ok(*n),
            Count::Text(t) => parse_count(t),
        }
    }

    /// A number where the text parses; otherwise the text, untouched.
    pub fn normalized(&self) -> Count {
        match self.value() {
            Ok(n) => Count::Number(n),
            Err(_) => self.clone(),
        }
    }

    /// The text to show in the field.
    pub fn display(&self) -> String {
        match self {
            Count::Number(n) => n.to_string(),
            Count::Text(t) => t.clone(),
        }
    }

    /// As the printed form shows it (the print view, the Word file): a number with 回,
    /// text as it was typed.
    pub fn printed(&self) -> String {
        match self {
            Count::Number(n) => format!("{n}回"),
            Count::Text(t) => t.clone(),
        }
    }
}

/// The value of an optional count: blank is an error like any other.
pub fn count_value(count: &Option<Count>) -> Result<u32, CountError> {
    count.as_ref().map_or(Err(CountError::Blank), Count::value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ascii_full_width_spaces_and_kai() {
        for typed in ["12", "１２", "12回", "１２回", " １２ 回 ", "\u{3000}12\u{3000}回", "012"] {
            assert_eq!(parse_count(typed), Ok(12), "{typed:?}");
        }
        assert_eq!(parse_count("0"), Ok(0));
        assert_eq!(parse_count("０回"), Ok(0));
    }

    #[test]
    fn rejects_what_is_not_a_whole_number_and_keeps_the_text() {
        for typed in ["十二", "1.5", "-1", "1 2", "回", "12回回", "99999999999", "１２x"] {
            assert_eq!(parse_count(typed), Err(CountError::NotAWholeNumber { typed: typed.to_owned() }), "{typed:?}");
        }
        assert_eq!(parse_count("  "), Err(CountError::Blank));
    }

    #[test]
    fn normalising_turns_parsable_text_into_a_number_only() {
        assert_eq!(Count::Text("１２回".into()).normalized(), Count::Number(12));
        assert_eq!(Count::Text("十二".into()).normalized(), Count::Text("十二".into()));
        assert_eq!(Count::from_typed(" "), None);
        assert_eq!(Count::from_typed("十二"), Some(Count::Text("十二".into())));
    }
}
