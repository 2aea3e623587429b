//! The JSON Schemas the app publishes (`static/schema/`): each committed file is what
//! the types generate. `TORIKUMI_WRITE_SCHEMA=1` writes it after a change to the types.

#![allow(dead_code)]

use serde_json::Value;

fn path(file: &str) -> String {
    format!("{}/../static/schema/{file}", env!("CARGO_MANIFEST_DIR"))
}

/// The committed schema `static/schema/<file>`.
pub fn read(file: &str) -> Value {
    let text = std::fs::read_to_string(path(file)).expect("the schema file is committed");
    serde_json::from_str(&text).expect("the schema file is JSON")
}

/// Fails unless `static/schema/<file>` holds `generated` as the app writes it; returns the
/// committed schema. `test` names the test (`--test <file> <name>`) that regenerates it.
pub fn committed(file: &str, generated: &Value, test: &str) -> Value {
    let generated = serde_json::to_string_pretty(generated).unwrap() + "\n";
    if std::env::var_os("TORIKUMI_WRITE_SCHEMA").is_some() {
        std::fs::write(path(file), &generated).unwrap();
    }
    let text = std::fs::read_to_string(path(file)).unwrap_or_default();
    assert!(
        text == generated,
        "static/schema/{file} is out of date with the types; regenerate it with TORIKUMI_WRITE_SCHEMA=1 cargo test -p torikumi-core {test}"
    );
    read(file)
}
