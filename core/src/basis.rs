//! 実績 or 見込み: what the counts of a report are based on.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The basis of the counts: actual, or projected to a year and month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Basis {
    /// 実績: the heading is plain 「○実施状況」.
    Actual,
    /// 見込み: projected to a year-month, e.g. R5.3. Either part may still be blank in a draft.
    Projected { year: Option<i32>, month: Option<u8> },
}

/// [`Basis`] as written, read as one flat object: serde's internally tagged
/// enums buffer their input in a generic `Content` tree, which costs the wasm several KB.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BasisFields {
    kind: BasisKind,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    month: Option<u8>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum BasisKind {
    Actual,
    Projected,
}

impl<'de> Deserialize<'de> for Basis {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let f = BasisFields::deserialize(deserializer)?;
        match f.kind {
            BasisKind::Actual if f.year.is_some() || f.month.is_some() => {
                Err(serde::de::Error::custom("an actual basis has no year or month"))
            }
            BasisKind::Actual => Ok(Basis::Actual),
            BasisKind::Projected => Ok(Basis::Projected { year: f.year, month: f.month }),
        }
    }
}
