//! The set as one file, which also keeps it across reloads (the app stores this text):
//!
//! `{"schema": "torikumi/bundle/v1", "reports": [<exchange files>…], "sources": […],
//! "unreadable": […], "choices": […]}`. Each report is an exchange file as
//! [`exchange::to_value`] writes it and is read back through
//! [`exchange::from_value`], so limits and migrations apply; a report inside
//! that cannot be read is listed as unreadable, never fatal. Only `schema` and
//! `reports` are required, so a bundle written by hand or by another tool reads.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::types::{BundleError, BundleSet, Entry, EntryId, Unreadable};
use crate::config::Config;
use crate::exchange::{self, ImportError};
use crate::fiscal::era_short_year;
use crate::limits::MAX_FILE_BYTES;
use crate::timestamp::Timestamp;

/// Every version's schema id starts with this, followed by the version number.
pub const SCHEMA_PREFIX: &str = "torikumi/bundle/v";
/// The version this app writes, and the newest it reads.
pub const VERSION: u32 = 1;
/// The largest bundle read: ten reports at the largest a report may be.
pub const MAX_BUNDLE_BYTES: usize = 10 * MAX_FILE_BYTES;
/// Reports in one bundle at most (a city has a few dozen wards at most).
pub const MAX_BUNDLE_REPORTS: usize = 200;

/// `torikumi/bundle/v1`
pub fn schema_id() -> String {
    format!("{SCHEMA_PREFIX}{VERSION}")
}

/// Where the n-th report came from.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Source {
    file_name: String,
    added: Timestamp,
}

/// Why a file could not be read, as stored. Limits are stored as text and read
/// back as [`ImportError::Invalid`] (their details name positions in a file that is gone).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum Reason {
    NotJson { line: usize, column: usize },
    NotAReport,
    NewerVersion { found: u32, supported: u32 },
    Invalid { detail: String },
    Unreadable,
    HtmlWithoutReport,
    Limit { detail: String },
}

/// [`Reason`] as written, read as one flat object (serde's internally tagged
/// enums buffer their input in a generic `Content` tree, several KB of wasm).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReasonFields {
    kind: ReasonKind,
    line: Option<usize>,
    column: Option<usize>,
    found: Option<u32>,
    supported: Option<u32>,
    detail: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum ReasonKind {
    NotJson,
    NotAReport,
    NewerVersion,
    Invalid,
    Unreadable,
    HtmlWithoutReport,
    Limit,
}

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let f = ReasonFields::deserialize(deserializer)?;
        let missing = || serde::de::Error::custom("a field of this kind of reason is missing");
        Ok(match f.kind {
            ReasonKind::NotJson => Reason::NotJson { line: f.line.ok_or_else(missing)?, column: f.column.ok_or_else(missing)? },
            ReasonKind::NotAReport => Reason::NotAReport,
            ReasonKind::NewerVersion => {
                Reason::NewerVersion { found: f.found.ok_or_else(missing)?, supported: f.supported.ok_or_else(missing)? }
            }
            ReasonKind::Invalid => Reason::Invalid { detail: f.detail.ok_or_else(missing)? },
            ReasonKind::Unreadable => Reason::Unreadable,
            ReasonKind::HtmlWithoutReport => Reason::HtmlWithoutReport,
            ReasonKind::Limit => Reason::Limit { detail: f.detail.ok_or_else(missing)? },
        })
    }
}

impl From<&ImportError> for Reason {
    fn from(e: &ImportError) -> Self {
        match e {
            ImportError::NotJson { line, column } => Reason::NotJson { line: *line, column: *column },
            // A review file is not a report (the set never reads one as such).
            ImportError::NotAReport | ImportError::Review(_) => Reason::NotAReport,
            ImportError::NewerVersion { found, supported } => Reason::NewerVersion { found: *found, supported: *supported },
            ImportError::Invalid { detail } => Reason::Invalid { detail: detail.clone() },
            ImportError::Unreadable => Reason::Unreadable,
            ImportError::HtmlWithoutReport => Reason::HtmlWithoutReport,
            ImportError::Limit(limit) => Reason::Limit { detail: limit.to_string() },
        }
    }
}

impl From<Reason> for ImportError {
    fn from(r: Reason) -> Self {
        match r {
            Reason::NotJson { line, column } => ImportError::NotJson { line, column },
            Reason::NotAReport => ImportError::NotAReport,
            Reason::NewerVersion { found, supported } => ImportError::NewerVersion { found, supported },
            Reason::Invalid { detail } | Reason::Limit { detail } => ImportError::Invalid { detail },
            Reason::Unreadable => ImportError::Unreadable,
            Reason::HtmlWithoutReport => ImportError::HtmlWithoutReport,
        }
    }
}

/// A file that could not be read, with its reason.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct StoredUnreadable {
    file_name: String,
    added: Timestamp,
    reason: Reason,
}

/// An explicit choice: the ward's slug and the index of the report used for it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Choice {
    ward: String,
    report: usize,
}

/// The bundle file. `reports` hold exchange files (their schema is the report's).
#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct BundleFile {
    schema: String,
    reports: Vec<Value>,
    /// Where each report came from, by position.
    #[serde(default)]
    sources: Vec<Source>,
    /// Files that could not be read.
    #[serde(default)]
    unreadable: Vec<StoredUnreadable>,
    /// Reports chosen explicitly for their ward.
    #[serde(default)]
    choices: Vec<Choice>,
}

/// The set as a JSON value: reports in the order added.
pub fn to_value(set: &BundleSet) -> Value {
    let index_of = |id: EntryId| set.entries.iter().position(|e| e.id == id);
    let file = BundleFile {
        schema: schema_id(),
        reports: set.entries.iter().map(|e| exchange::to_value(&e.document)).collect(),
        sources: set.entries.iter().map(|e| Source { file_name: e.file_name.clone(), added: e.added }).collect(),
        unreadable: set
            .unreadable
            .iter()
            .map(|u| StoredUnreadable { file_name: u.file_name.clone(), added: u.added, reason: (&u.error).into() })
            .collect(),
        choices: set
            .choices
            .iter()
            .filter_map(|(ward, id)| index_of(*id).map(|report| Choice { ward: ward.clone(), report }))
            .collect(),
    };
    serde_json::to_value(file).unwrap_or(Value::Null)
}

/// The set's file text (pretty-printed: people open these files); also what the app stores.
pub fn to_json(set: &BundleSet) -> String {
    serde_json::to_string_pretty(&to_value(set)).unwrap_or_default()
}

/// Where the stored text names the text it replaced (a digest of it, see
/// `stored`), so that a tab can tell a write made on what it held from one made on
/// an older read. Only the stored text has it; bundle files do not.
const WRITTEN_ON: &str = "written_on";

/// The text the app stores: the set's file text and what it was written on.
pub(super) fn to_stored_json(set: &BundleSet, written_on: &str) -> String {
    let mut value = to_value(set);
    if let Value::Object(object) = &mut value {
        object.insert(WRITTEN_ON.to_owned(), written_on.into());
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// `R4_torikumi_bundle.json`; `torikumi_bundle.json` when the set has no single 年度.
pub fn bundle_file_name(set: &BundleSet, config: &Config) -> String {
    match set.fiscal_year(config) {
        Some(y) => format!("{}_torikumi_bundle.json", era_short_year(y)),
        None => "torikumi_bundle.json".to_owned(),
    }
}

/// The size of the set's file text ([`to_json`]): what its limit is checked on.
pub(super) fn set_bytes(set: &BundleSet) -> usize {
    to_json(set).len()
}

/// What one report adds to the set's file text, at most: its exchange file
/// indented two levels deeper (4 bytes a line), and its source (a name escaped
/// at worst 6 bytes a byte, a time, and the keys and separators around them).
pub(super) fn entry_bytes(entry: &Entry) -> usize {
    let report = serde_json::to_string_pretty(&exchange::to_value(&entry.document)).unwrap_or_default();
    report.len() + 4 * (report.matches('\n').count() + 1) + 6 * entry.file_name.len() + 128
}

/// What one unreadable file adds to the set's file text, at most (as [`entry_bytes`]).
pub(super) fn unreadable_bytes(u: &Unreadable) -> usize {
    let detail = match &u.error {
        ImportError::Invalid { detail } => detail.len(),
        ImportError::Limit(limit) => limit.to_string().len(),
        _ => 0,
    };
    6 * (u.file_name.len() + detail) + 256
}

/// Reads a bundle file or a stored set. Never panics; a report inside that
/// cannot be read is listed as unreadable, and damaged extra fields are skipped.
pub fn from_json(bytes: &[u8]) -> Result<BundleSet, BundleError> {
    read(bytes, true).map(|(set, _)| set)
}

/// Reads the set as the app stored it: as [`from_json`], but a set over the
/// limits is read all the same. The app grows a set within them, but an earlier
/// version did not (a set file added twice went past 200 reports), and the app
/// never refuses to read what it wrote; such a set grows no further. With what the
/// stored text says it was written on (`None`: a file, or an earlier version's text).
pub fn from_stored_json(bytes: &[u8]) -> Result<(BundleSet, Option<String>), BundleError> {
    read(bytes, false)
}

fn read(bytes: &[u8], limits: bool) -> Result<(BundleSet, Option<String>), BundleError> {
    if limits && bytes.len() > MAX_BUNDLE_BYTES {
        return Err(BundleError::TooLarge { bytes: bytes.len(), reports: 0 });
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| BundleError::NotJson { line: e.line(), column: e.column() })?;
    let Value::Object(mut object) = value else {
        return Err(BundleError::NotABundle);
    };
    let version = exchange::schema_version(object.get("schema"), SCHEMA_PREFIX).ok_or(BundleError::NotABundle)?;
    if version > VERSION {
        return Err(BundleError::NewerVersion { found: version, supported: VERSION });
    }
    let Some(Value::Array(reports)) = object.remove("reports") else {
        return Err(BundleError::Invalid { detail: "reports is not a list".to_owned() });
    };
    if limits && reports.len() > MAX_BUNDLE_REPORTS {
        return Err(BundleError::TooLarge { bytes: bytes.len(), reports: reports.len() });
    }
    let list = |object: &mut serde_json::Map<String, Value>, key: &str| match object.remove(key) {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    };
    let sources = list(&mut object, "sources");
    let written_on = object.get(WRITTEN_ON).and_then(Value::as_str).map(str::to_owned);
    let mut set = BundleSet::new();
    let mut ids: Vec<Option<EntryId>> = Vec::with_capacity(reports.len());
    for (n, report) in reports.into_iter().enumerate() {
        let source = sources.get(n).and_then(|s| serde_json::from_value::<Source>(s.clone()).ok());
        match exchange::from_value(report) {
            Ok(document) => {
                let (file_name, added) = source.map_or_else(
                    || (document.report.json_file_name(), document.changed),
                    |s| (s.file_name, s.added),
                );
                ids.push(Some(set.add(&file_name, document, added)));
            }
            Err(error) => {
                let epoch = Timestamp::from_unix_millis(0.0);
                let (file_name, added) =
                    source.map_or_else(|| (format!("report-{}.json", n + 1), epoch), |s| (s.file_name, s.added));
                set.add_unreadable(&file_name, error, added);
                ids.push(None);
            }
        }
    }
    for item in list(&mut object, "unreadable") {
        if let Ok(u) = serde_json::from_value::<StoredUnreadable>(item) {
            set.add_unreadable(&u.file_name, u.reason.into(), u.added);
        }
    }
    for item in list(&mut object, "choices") {
        let Ok(choice) = serde_json::from_value::<Choice>(item) else { continue };
        if let Some(Some(id)) = ids.get(choice.report) {
            // Only a choice that still names a report for that ward counts.
            let same_ward = set.entry(*id).and_then(|e| e.document.report.ward.as_ref()).map(|w| &w.slug) == Some(&choice.ward);
            if same_ward {
                set.choose(*id);
            }
        }
    }
    Ok((set, written_on))
}

impl BundleSet {
    /// The set's file text ([`to_json`]; the app stores it with what it was written on).
    pub fn to_json(&self) -> String {
        to_json(self)
    }

    /// The set back from stored text; never panics, whatever the text.
    pub fn from_json(text: &str) -> Result<BundleSet, BundleError> {
        from_json(text.as_bytes())
    }
}

/// The JSON Schema (draft 2020-12) of the bundle file, generated from the types;
/// each report is checked against the report's schema, embedded under `$defs`.
pub fn json_schema() -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(BundleFile)).unwrap_or_default();
    let mut report = exchange::json_schema();
    // A set holds reports of every version the app reads (a set made before v2
    // holds v1 reports, which v2's shape takes: v2 only added `report.comments`).
    if let Some(Value::Object(properties)) = report.get_mut("properties") {
        let versions: Vec<String> = (1..=exchange::VERSION).map(|v| format!("{}{v}", exchange::SCHEMA_PREFIX)).collect();
        properties.insert("schema".into(), json!({ "enum": versions }));
    }
    let report_id = report.get("$id").cloned().unwrap_or(Value::Null);
    if let Some(object) = schema.as_object_mut() {
        object.insert("$id".into(), json!(format!("urn:torikumi:bundle:v{VERSION}")));
        object.insert("title".into(), json!("取組状況 bundle file (Torikumi)"));
        if let Some(Value::Object(properties)) = object.get_mut("properties") {
            properties.insert("schema".into(), json!({ "const": schema_id() }));
            properties.insert("reports".into(), json!({ "type": "array", "maxItems": MAX_BUNDLE_REPORTS, "items": { "$ref": report_id } }));
        }
        if let Some(Value::Object(defs)) = object.get_mut("$defs") {
            defs.insert("report".into(), report);
        }
    }
    schema
}
