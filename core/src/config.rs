//! The small config file served beside the app (`config.json`), so another city
//! can use the app without a rebuild. The defaults are built in.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::Ward;

/// The five Sendai wards, in the order the city binds them.
const DEFAULT_WARDS: [(&str, &str); 5] = [
    ("青葉区", "aoba"),
    ("宮城野区", "miyagino"),
    ("若林区", "wakabayashi"),
    ("太白区", "taihaku"),
    ("泉区", "izumi"),
];

/// Default brief length of a content field, in Unicode characters.
pub const DEFAULT_BRIEF_LENGTH: usize = 300;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Wards in binding order.
    pub wards: Vec<Ward>,
    /// Content longer than this many characters is warned about.
    pub brief_length: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            wards: DEFAULT_WARDS
                .iter()
                .map(|(name, slug)| Ward { name: (*name).to_owned(), slug: (*slug).to_owned() })
                .collect(),
            brief_length: DEFAULT_BRIEF_LENGTH,
        }
    }
}

/// Why a config file was not used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigError {
    /// Not JSON of the expected shape.
    #[error("config is not valid: {0}")]
    Malformed(String),
    /// The ward list is empty.
    #[error("config lists no wards")]
    NoWards,
    /// A slug is empty or not lowercase ASCII letters, digits and hyphens (it goes into file names).
    #[error("ward slug 「{0}」 is not lowercase ASCII")]
    BadSlug(String),
    /// Two wards share a name or a slug.
    #[error("ward 「{0}」 is listed twice")]
    DuplicateWard(String),
    /// The brief length is zero.
    #[error("brief length must be at least 1")]
    BadBriefLength,
    /// The server did not answer within this many seconds (a stalled network or host).
    #[error("config.json did not arrive within {0} s")]
    TimedOut(u32),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    wards: Option<Vec<Ward>>,
    brief_length: Option<usize>,
}

/// The config as `config.json` writes it (what [`Config::to_json`] gives).
#[derive(Serialize)]
struct ConfigOut<'a> {
    wards: &'a [Ward],
    brief_length: usize,
}

impl Config {
    /// This config as `config.json` text, which [`Config::from_json`] reads back the same:
    /// how the page hands its config to the on-demand module.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(&ConfigOut { wards: &self.wards, brief_length: self.brief_length })
    }

    /// Reads `config.json`; keys left out keep their defaults.
    pub fn from_json(text: &str) -> Result<Config, ConfigError> {
        let file: ConfigFile = serde_json::from_slice(text.as_bytes()).map_err(|e| ConfigError::Malformed(e.to_string()))?;
        let defaults = Config::default();
        let config = Config {
            wards: file.wards.unwrap_or(defaults.wards),
            brief_length: file.brief_length.unwrap_or(defaults.brief_length),
        };
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if self.wards.is_empty() {
            return Err(ConfigError::NoWards);
        }
        if self.brief_length == 0 {
            return Err(ConfigError::BadBriefLength);
        }
        for (i, w) in self.wards.iter().enumerate() {
            let slug_ok = !w.slug.is_empty()
                && w.slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !slug_ok {
                return Err(ConfigError::BadSlug(w.slug.clone()));
            }
            if self.wards[..i].iter().any(|o| o.slug == w.slug || o.name == w.name) {
                return Err(ConfigError::DuplicateWard(w.name.clone()));
            }
        }
        Ok(())
    }

    /// The ward with this slug, if configured.
    pub fn ward(&self, slug: &str) -> Option<&Ward> {
        self.wards.iter().find(|w| w.slug == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_five_sendai_wards_in_order() {
        let c = Config::default();
        let slugs: Vec<_> = c.wards.iter().map(|w| w.slug.as_str()).collect();
        assert_eq!(slugs, ["aoba", "miyagino", "wakabayashi", "taihaku", "izumi"]);
        assert_eq!(c.brief_length, 300);
    }

    #[test]
    fn a_config_file_overrides_only_what_it_names() {
        let c = Config::from_json(r#"{"brief_length": 200}"#).unwrap();
        assert_eq!(c.brief_length, 200);
        assert_eq!(c.wards.len(), 5);
        let c = Config::from_json(r#"{"wards": [{"name": "中央区", "slug": "chuo"}]}"#).unwrap();
        assert_eq!(c.wards[0].name, "中央区");
    }

    #[test]
    fn the_shipped_config_file_is_valid() {
        let text = include_str!("../../static/config.json");
        assert_eq!(Config::from_json(text), Ok(Config::default()));
    }

    #[test]
    fn bad_config_files_are_refused() {
        assert!(matches!(Config::from_json("{"), Err(ConfigError::Malformed(_))));
        assert_eq!(Config::from_json(r#"{"wards": []}"#), Err(ConfigError::NoWards));
        assert_eq!(
            Config::from_json(r#"{"wards": [{"name": "中央区", "slug": "中央"}]}"#),
            Err(ConfigError::BadSlug("中央".into()))
        );
        assert_eq!(
            Config::from_json(r#"{"wards": [{"name": "a", "slug": "a"}, {"name": "b", "slug": "a"}]}"#),
            Err(ConfigError::DuplicateWard("b".into()))
        );
        assert_eq!(Config::from_json(r#"{"brief_length": 0}"#), Err(ConfigError::BadBriefLength));
    }
}
