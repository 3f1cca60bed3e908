//! JSON Schemas of the content files, for editors: completion of keys, a description on
//! hover, and the file's mistakes marked as it is typed (`iopsite schema DIR`).
//!
//! They are made from the structs that read the files (`load::schema`), so a key can not be in
//! one and missing from the other, and every mapping refuses unknown keys as the reader does.
//! Fields that take one word from a fixed list get that list from the enum `validate` reads
//! them with. The schemas are JSON Schema draft-07, which every version of the YAML extension
//! for VS Code (and most other YAML language servers) understands in full.
//!
//! The schemas only describe; `iopsite check` has the last word. Nothing here runs during a
//! build.

use std::fs;
use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use schemars::{JsonSchema, Schema};
use serde_json::{Value, json};
use strum::{EnumMessage, VariantArray};

use crate::config::{Language, License};
use crate::load::schema::{AgreementFile, PageFrontMatter, ReportFrontMatter, SiteFile};
use crate::load::value_shapes::{WORDS_KEY, words};
use crate::validate::types::{DecisionStatus, Form, GoalBasis, OutcomeKind, PartyKind};

/// One schema and the file name it is written under.
#[derive(Debug, Clone)]
pub struct SchemaFile {
    /// `site.schema.json`, `agreement.schema.json`, `report.schema.json` or `page.schema.json`.
    pub name: &'static str,
    pub schema: Value,
}

/// The file names, in the order [`schemas`] gives them.
pub const SITE: &str = "site.schema.json";
pub const AGREEMENT: &str = "agreement.schema.json";
pub const REPORT: &str = "report.schema.json";
pub const PAGE: &str = "page.schema.json";

/// The schemas of `site.yaml`, an agreement file, a report's front matter and a page's front
/// matter.
pub fn schemas() -> Vec<SchemaFile> {
    vec![
        SchemaFile {
            name: SITE,
            schema: schema_for::<SiteFile>(),
        },
        SchemaFile {
            name: AGREEMENT,
            schema: schema_for::<AgreementFile>(),
        },
        SchemaFile {
            name: REPORT,
            schema: schema_for::<ReportFrontMatter>(),
        },
        SchemaFile {
            name: PAGE,
            schema: schema_for::<PageFrontMatter>(),
        },
    ]
}

/// Why the schemas could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// Writes every schema into `dir` (made if missing), replacing the files of an earlier run,
/// and returns the paths written.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>, SchemaError> {
    fs::create_dir_all(dir).map_err(|e| SchemaError::Io(dir.to_path_buf(), e))?;
    schemas()
        .into_iter()
        .map(|file| {
            let path = dir.join(file.name);
            fs::write(&path, to_text(&file.schema))
                .map_err(|e| SchemaError::Io(path.clone(), e))?;
            Ok(path)
        })
        .collect()
}

/// A schema as written to its file: indented JSON ending with a newline.
pub fn to_text(schema: &Value) -> String {
    // Serialising a `Value` can not fail: its keys are strings.
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

fn schema_for<T: JsonSchema>() -> Value {
    let mut schema: Schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    YamlValues.transform(&mut schema);
    schema.to_value()
}

/// Finishes what the derived schemas leave to this module: the words of fixed lists, text
/// that the reader takes from any scalar, and what editors would show wrongly.
#[derive(Debug, Clone, Copy)]
struct YamlValues;

impl Transform for YamlValues {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(object) = schema.as_object_mut() {
            flatten_any_of(object);
            put_words(object);
            widen_text(object);
            tidy(object);
        }
        transform_subschemas(self, schema);
    }
}

/// Removes what is true of the Rust type but not helpful in an editor: an empty default (an
/// editor would complete `key: null`), the integer's size as a `format` (not a JSON Schema
/// format), and the line breaks of the doc comments inside a paragraph.
fn tidy(object: &mut serde_json::Map<String, Value>) {
    if object
        .get("default")
        .is_some_and(|d| d.is_null() || d.as_array().is_some_and(Vec::is_empty))
    {
        object.remove("default");
    }
    if object
        .get("format")
        .and_then(Value::as_str)
        .is_some_and(|f| f.starts_with("int") || f.starts_with("uint") || f == "double")
    {
        object.remove("format");
    }
    for key in ["description", "title"] {
        if let Some(Value::String(text)) = object.get_mut(key) {
            *text = text
                .split("\n\n")
                .map(|paragraph| paragraph.replace('\n', " "))
                .collect::<Vec<_>>()
                .join("\n\n");
        }
    }
}

/// Makes `anyOf: [{anyOf: [A, B]}, null]` (an optional value of several forms) into
/// `anyOf: [A, B, null]`, so that a validator names the form that nearly fits rather than
/// saying the value is not `null`.
fn flatten_any_of(object: &mut serde_json::Map<String, Value>) {
    let Some(Value::Array(options)) = object.get_mut("anyOf") else {
        return;
    };
    let mut flat = Vec::new();
    let mut lifted = serde_json::Map::new();
    for option in std::mem::take(options) {
        match option {
            Value::Object(mut inner)
                if inner.contains_key("anyOf")
                    && inner
                        .keys()
                        .all(|k| ["anyOf", "examples", "description"].contains(&k.as_str())) =>
            {
                if let Some(Value::Array(forms)) = inner.remove("anyOf") {
                    flat.extend(forms);
                }
                lifted.extend(inner);
            }
            other => flat.push(other),
        }
    }
    object.insert("anyOf".into(), Value::Array(flat));
    for (key, value) in lifted {
        object.entry(key).or_insert(value);
    }
}

/// Replaces the [`WORDS_KEY`] mark with the list of words (and `null` where the field may be
/// left empty), with what each word means where the enum says it.
fn put_words(object: &mut serde_json::Map<String, Value>) {
    let Some(list) = object
        .get(WORDS_KEY)
        .and_then(Value::as_str)
        .and_then(word_list)
    else {
        return;
    };
    object.remove(WORDS_KEY);
    let mut values: Vec<Value> = list.iter().map(|(word, _)| json!(word)).collect();
    if has_type(object, "null") {
        values.push(Value::Null);
    }
    object.insert("enum".into(), Value::Array(values));
    if list.iter().any(|(_, meaning)| meaning.is_some()) {
        let meanings = list
            .iter()
            .map(|(_, meaning)| json!(meaning.as_deref().unwrap_or("")));
        object.insert("enumDescriptions".into(), meanings.collect());
    }
}

/// Each word with its meaning in English (from the message catalogue), when it has one.
type Words = Vec<(&'static str, Option<String>)>;

/// The words of the list named `name` (see [`words`]).
fn word_list(name: &str) -> Option<Words> {
    Some(match name {
        words::FORM => words_of::<Form>(),
        words::PARTY_KIND => words_of::<PartyKind>(),
        words::DECISION_STATUS => words_of::<DecisionStatus>(),
        words::OUTCOME_KIND => words_of::<OutcomeKind>(),
        words::GOAL_BASIS => words_of::<GoalBasis>(),
        words::LANGUAGE => words_of::<Language>(),
        words::LICENSE => words_of::<License>(),
        _ => return None,
    })
}

fn words_of<T: VariantArray + AsRef<str> + EnumMessage + 'static>() -> Words {
    T::VARIANTS
        .iter()
        .map(|v| {
            let meaning = v
                .get_message()
                .map(|id| crate::l10n::Message::new(id).render(Language::En));
            (v.as_ref(), meaning)
        })
        .collect()
}

/// The reader takes any scalar where it wants text (`case: 1234` is the text "1234"), so a
/// plain text field also takes a number or `true`/`false`. Text with a pattern or a list of
/// words is left as it is.
fn widen_text(object: &mut serde_json::Map<String, Value>) {
    if ["enum", "const", "pattern"]
        .iter()
        .any(|k| object.contains_key(*k))
    {
        return;
    }
    let widened = match object.get("type") {
        Some(Value::String(t)) if t == "string" => json!(["string", "number", "boolean"]),
        Some(Value::Array(types)) if types.contains(&json!("string")) => {
            let mut types = types.clone();
            for extra in ["number", "boolean"] {
                if !types.contains(&json!(extra)) {
                    types.push(json!(extra));
                }
            }
            Value::Array(types)
        }
        _ => return,
    };
    object.insert("type".into(), widened);
}

fn has_type(object: &serde_json::Map<String, Value>, name: &str) -> bool {
    match object.get("type") {
        Some(Value::String(t)) => t == name,
        Some(Value::Array(types)) => types.iter().any(|t| t == name),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value of the schema, anywhere in it.
    fn all_values<'a>(value: &'a Value, out: &mut Vec<&'a Value>) {
        out.push(value);
        match value {
            Value::Array(items) => items.iter().for_each(|v| all_values(v, out)),
            Value::Object(map) => map.values().for_each(|v| all_values(v, out)),
            _ => {}
        }
    }

    #[test]
    fn every_word_list_is_filled_in() {
        for file in schemas() {
            let mut values = Vec::new();
            all_values(&file.schema, &mut values);
            let marks = values.iter().filter(|v| v.get(WORDS_KEY).is_some()).count();
            assert_eq!(marks, 0, "{} still has a word-list mark", file.name);
        }
    }

    #[test]
    fn schemas_are_draft_07_and_refuse_unknown_keys() {
        for file in schemas() {
            let schema = &file.schema;
            assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
            assert_eq!(schema["additionalProperties"], false, "{}", file.name);
            for (name, definition) in schema["definitions"].as_object().into_iter().flatten() {
                if definition.get("properties").is_some() {
                    assert_eq!(definition["additionalProperties"], false, "{name}");
                }
            }
        }
    }

    #[test]
    fn words_come_from_the_enums() {
        let agreement = &schemas()[1].schema;
        let kind = &agreement["definitions"]["PartyEntry"]["properties"]["kind"];
        assert_eq!(kind["enum"], json!(["public", "nonprofit"]));
        let form = &agreement["properties"]["form"];
        assert_eq!(
            form["enum"],
            json!(["iop", "operating_grant", "other", null])
        );
        let basis = &agreement["definitions"]["GoalEntry"]["properties"]["basis"];
        assert_eq!(
            basis["enumDescriptions"],
            json!(["in the agreement text", "by the publisher"])
        );
        let site = &schemas()[0].schema;
        assert_eq!(
            site["properties"]["license"]["enum"],
            json!(["CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", null])
        );
    }

    #[test]
    fn an_optional_value_of_several_forms_is_one_list_of_forms() {
        let agreement = &schemas()[1].schema;
        let amount = &agreement["definitions"]["FundingEntry"]["properties"]["amount"];
        let forms = amount["anyOf"].as_array().expect("forms");
        let types: Vec<&Value> = forms.iter().map(|f| &f["type"]).collect();
        assert_eq!(types, [&json!("integer"), &json!("string"), &json!("null")]);
        assert_eq!(amount["examples"][1], "unpublished");
    }

    #[test]
    fn text_takes_any_scalar_but_words_and_patterns_do_not() {
        let agreement = &schemas()[1].schema;
        assert_eq!(
            agreement["properties"]["title"]["type"],
            json!(["string", "number", "boolean"])
        );
        assert_eq!(
            agreement["definitions"]["PartyEntry"]["properties"]["kind"]["type"],
            "string"
        );
    }
}
