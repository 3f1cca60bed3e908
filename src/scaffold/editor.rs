//! Editor support in a new site: the JSON Schemas of its files in `schemas/`, and the VS Code
//! settings that give them to the YAML extension (Red Hat's `redhat.vscode-yaml`).
//!
//! The extension takes a schema per file pattern from `yaml.schemas` in the workspace's
//! `.vscode/settings.json`, with the schema's path relative to the folder opened. It reads
//! YAML files only: the front matter of reports and pages is checked by `iopsite check`, and
//! its schemas are written for other tools.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::ScaffoldError;
use crate::json_schema;

/// Where the schemas go, below the site folder.
pub const SCHEMA_DIR: &str = "schemas";

/// Writes `schemas/*.schema.json`, `.vscode/settings.json` and `.vscode/extensions.json`
/// into the site folder `dir`. A file that is already there is left as it is (VS Code's own
/// settings may be in it) and is not in the list returned.
pub fn write_editor_support(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    let mut files: Vec<(PathBuf, String)> = json_schema::schemas()
        .into_iter()
        .map(|file| {
            let path = dir.join(SCHEMA_DIR).join(file.name);
            (path, json_schema::to_text(&file.schema))
        })
        .collect();
    files.push((dir.join(".vscode/settings.json"), settings()));
    files.push((
        dir.join(".vscode/extensions.json"),
        json_schema::to_text(&json!({ "recommendations": ["redhat.vscode-yaml"] })),
    ));
    let mut written = Vec::new();
    for (path, text) in files {
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| ScaffoldError::Io(parent.to_path_buf(), e))?;
        }
        fs::write(&path, text).map_err(|e| ScaffoldError::Io(path.clone(), e))?;
        written.push(path);
    }
    Ok(written)
}

/// `yaml.schemas`: schema path (from the folder opened in VS Code) to file patterns. The
/// extension matches a pattern at the end of a file's path, so the site's files match also
/// when a parent folder is opened; the schema's path is then not found, and the extension
/// says so.
fn settings() -> String {
    let schema = |name: &str| format!("./{SCHEMA_DIR}/{name}");
    json_schema::to_text(&json!({
        "yaml.schemas": {
            schema(json_schema::SITE): ["content/site.yaml"],
            schema(json_schema::AGREEMENT): ["content/agreements/*.yaml"],
        }
    }))
}
