//! The exchange file: one UTF-8 JSON file that carries a report out of the app.
//!
//! `{"schema": "torikumi/report/v2", "status": …, "created": …, "changed": …,
//! "finished": …, "report": {…}}`. The version in `schema` lets later versions
//! migrate older files ([`migrate`]); a file from a newer version is refused.

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{json, Value};
use thiserror::Error;

use crate::limits::{self, LimitError, MAX_FILE_BYTES};
use crate::model::{Document, Report, Status};
use crate::timestamp::Timestamp;

/// Every version's schema id starts with this, followed by the version number.
pub const SCHEMA_PREFIX: &str = "torikumi/report/v";
/// The version this app writes, and the newest it reads.
pub const VERSION: u32 = 2;

/// `torikumi/report/v2`
pub fn schema_id() -> String {
    format!("{SCHEMA_PREFIX}{VERSION}")
}

/// Why bytes could not be imported as a report.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// The bytes are not JSON (or not UTF-8); where the parser stopped.
    #[error("not JSON (line {line}, column {column})")]
    NotJson { line: usize, column: usize },
    /// JSON, but without a Torikumi report schema id.
    #[error("not a Torikumi report")]
    NotAReport,
    /// Written by a newer version of the app than this one.
    #[error("report version {found} is newer than supported version {supported}")]
    NewerVersion { found: u32, supported: u32 },
    /// A Torikumi report whose content does not match its version's shape.
    #[error("report content is invalid: {detail}")]
    Invalid { detail: String },
    /// The file could not be read at all (moved, locked by another program, or gone).
    #[error("file unreadable")]
    Unreadable,
    /// An HTML file without the report data an HTML export carries (or with it damaged).
    #[error("HTML without report data")]
    HtmlWithoutReport,
    /// A well-formed report outside the limits the app handles (see [`crate::limits`]).
    #[error("outside the limits: {0}")]
    Limit(#[from] LimitError),
    /// A review file (指摘) that could not be read.
    #[error("review file: {0}")]
    Review(Box<crate::comments::file::ReviewError>),
}

#[derive(Serialize)]
struct ExchangeFile<'a> {
    schema: String,
    #[serde(flatten)]
    document: &'a Document,
}

/// The exchange file's text, pretty-printed (people open these files).
pub fn to_json(document: &Document) -> String {
    let file = ExchangeFile { schema: schema_id(), document };
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// The exchange file as a JSON value, for embedding in other records (the city's set file).
pub fn to_value(document: &Document) -> Value {
    serde_json::to_value(ExchangeFile { schema: schema_id(), document }).unwrap_or(Value::Null)
}

/// A document written as its exchange file inside a stored record (a draft, an
/// earlier version), straight into the record's text: no copy of it on the way.
pub struct Embedded<'a>(pub &'a Document);

impl Serialize for Embedded<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ExchangeFile { schema: schema_id(), document: self.0 }.serialize(serializer)
    }
}

/// The version in a file's schema id (`torikumi/report/v1` with `prefix`
/// `torikumi/report/v` is 1); `None` when it is not one of ours. Every file
/// format of the app (report, backup, bundle) names its version this way.
pub fn schema_version(schema: Option<&Value>, prefix: &str) -> Option<u32> {
    schema_version_of(schema?.as_str(), prefix)
}

/// [`schema_version`] of a schema id read as text.
pub fn schema_version_of(schema: Option<&str>, prefix: &str) -> Option<u32> {
    schema?.strip_prefix(prefix)?.parse::<u32>().ok().filter(|v| *v >= 1)
}

/// A JSON file's schema id, read before anything else of it (every other key is
/// skipped unread): which format, and which version.
#[derive(Deserialize)]
struct SchemaOnly<'a> {
    #[serde(borrow, default)]
    schema: Option<Cow<'a, str>>,
}

/// The schema id of a JSON object's text: `Ok(None)` for JSON that is not an object
/// with a text `schema`; `Err` for what is not JSON at all (where the parser stopped).
pub fn read_schema(bytes: &[u8]) -> Result<Option<String>, ImportError> {
    match serde_json::from_slice::<SchemaOnly>(bytes) {
        Ok(head) => Ok(head.schema.map(Cow::into_owned)),
        // Well-formed JSON of another shape (an array, a number for `schema`).
        Err(e) if e.is_data() => Ok(None),
        Err(e) => Err(ImportError::NotJson { line: e.line(), column: e.column() }),
    }
}

/// The exchange file of this version, read in one pass straight into the types
/// (no `serde_json::Value` between: one reader, and a smaller first visit).
/// Its fields are [`Document`]'s, beside the schema id.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrentFile {
    #[allow(dead_code)]
    schema: IgnoredAny,
    status: Status,
    created: Timestamp,
    changed: Timestamp,
    finished: Option<Timestamp>,
    report: Report,
}

/// Reads an exchange file of this version or an older one.
pub fn from_json(bytes: &[u8]) -> Result<Document, ImportError> {
    check_size(bytes)?;
    let document = parse(bytes)?;
    limits::check(&document)?;
    Ok(document)
}

/// Reads an exchange file already parsed as JSON (of this version or an older one),
/// refusing what is outside [`crate::limits`]. (The city's set file holds reports as values.)
pub fn from_value(value: Value) -> Result<Document, ImportError> {
    let text = serde_json::to_vec(&value).map_err(|e| ImportError::Invalid { detail: e.to_string() })?;
    let document = parse(&text)?;
    limits::check(&document)?;
    Ok(document)
}

/// Reads a document the app stored itself (a draft, an earlier version): as
/// [`from_json`], except that timestamps outside the years are held inside them
/// ([`limits::clamp_timestamps`]) rather than refused. The app never refuses what
/// it wrote, and a draft read this way exports a file that imports.
pub fn from_stored(raw: &RawValue) -> Result<Document, ImportError> {
    from_own(raw.get().as_bytes())
}

/// [`from_stored`] of the exchange file's text: a document the app itself wrote
/// (stored, or handed from the page to the on-demand module).
pub fn from_own(bytes: &[u8]) -> Result<Document, ImportError> {
    let mut document = parse(bytes)?;
    limits::clamp_timestamps(&mut document);
    limits::check(&document)?;
    Ok(document)
}

fn parse(bytes: &[u8]) -> Result<Document, ImportError> {
    let schema = read_schema(bytes)?;
    let version = schema_version_of(schema.as_deref(), SCHEMA_PREFIX).ok_or(ImportError::NotAReport)?;
    if version > VERSION {
        return Err(ImportError::NewerVersion { found: version, supported: VERSION });
    }
    migrate(version, bytes)
}

/// Refuses bytes over [`MAX_FILE_BYTES`] before any parsing.
pub(crate) fn check_size(bytes: &[u8]) -> Result<(), ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LimitError::FileTooLarge { bytes: bytes.len() }.into());
    }
    Ok(())
}

/// Reads a file of `version` into this version's document, one step at a time.
///
/// - v1 → v2: v2 adds `report.comments` (the city's 指摘 and the ward's answers),
///   which a v1 file cannot carry; everything else is v1's shape. A v1 file is
///   read into v2's types, and one that names comments is refused, not taken in.
///
/// A later version that changes a shape keeps the older one's types (a struct like
/// [`CurrentFile`]) here and converts.
fn migrate(version: u32, bytes: &[u8]) -> Result<Document, ImportError> {
    match version {
        1 => v1_to_v2(read_current(bytes)?),
        VERSION => read_current(bytes),
        _ => Err(ImportError::NotAReport),
    }
}

fn read_current(bytes: &[u8]) -> Result<Document, ImportError> {
    let file: CurrentFile = serde_json::from_slice(bytes).map_err(|e| ImportError::Invalid { detail: e.to_string() })?;
    Ok(Document { status: file.status, created: file.created, changed: file.changed, finished: file.finished, report: file.report })
}

fn v1_to_v2(document: Document) -> Result<Document, ImportError> {
    if !document.report.comments.is_empty() {
        return Err(ImportError::Invalid { detail: "report.comments came with version 2".to_owned() });
    }
    Ok(document)
}

/// The JSON Schema (draft 2020-12) of the exchange file, generated from the types.
pub fn json_schema() -> Value {
    let schema = serde_json::to_value(schemars::schema_for!(Document)).unwrap_or_default();
    file_schema(schema, &format!("urn:torikumi:report:v{VERSION}"), "取組状況 exchange file (Torikumi)", &schema_id())
}

/// A file format's schema from its types' schema: its `$id` and title, and the
/// `schema` property every file of the app starts with, required, naming `schema_id`.
pub(crate) fn file_schema(mut schema: Value, id: &str, title: &str, schema_id: &str) -> Value {
    if let Some(object) = schema.as_object_mut() {
        object.insert("$id".into(), json!(id));
        object.insert("title".into(), json!(title));
        if let Some(Value::Object(properties)) = object.get_mut("properties") {
            properties.insert("schema".into(), json!({ "const": schema_id }));
        }
        if let Some(Value::Array(required)) = object.get_mut("required") {
            required.insert(0, json!("schema"));
        }
    }
    schema
}
