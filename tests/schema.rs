//! The JSON Schemas for editors (`iopsite schema`, and `schemas/` of a site made by `init`)
//! agree with the reader: every example file passes its schema, and each broken file of
//! `tests/fixtures/schema/bad/` is refused both by its schema and by `iopsite check`.
//!
//! The files of `tests/fixtures/schema/` each take the place of one file of
//! `tests/fixtures/minimal`, chosen by the start of their name (`site-`, `agreement-`,
//! `report-`, `page-`). Those in `ok/` use the forms the reader takes that are easy to get
//! wrong in a schema (numbers where text is expected, dates to the month, an en dash between
//! years); those in `bad/` each break one rule and say in their comments what both
//! must answer: `# check:` a part of the message of `iopsite check`, `# schema:` the JSON
//! Schema keyword that refuses it.

mod common;
use common::{copy_dir, fixtures};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use iopsite::json_schema;
use serde_json::Value;

const AS_OF: &str = "2026-11-23";

/// The kinds of file that have a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Site,
    Agreement,
    Report,
    Page,
}

impl Kind {
    /// The schema's file name.
    fn schema_name(self) -> &'static str {
        match self {
            Kind::Site => json_schema::SITE,
            Kind::Agreement => json_schema::AGREEMENT,
            Kind::Report => json_schema::REPORT,
            Kind::Page => json_schema::PAGE,
        }
    }

    /// The file of `tests/fixtures/minimal` that a fixture of this kind replaces.
    fn place_in_minimal(self) -> &'static str {
        match self {
            Kind::Site => "content/site.yaml",
            Kind::Agreement => "content/agreements/base.yaml",
            Kind::Report => "content/reports/base-2024.md",
            Kind::Page => "content/pages/about.md",
        }
    }

    /// The kind of a fixture, by the start of its name.
    fn of_fixture(path: &Path) -> Kind {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        [
            ("site-", Kind::Site),
            ("agreement-", Kind::Agreement),
            ("report-", Kind::Report),
            ("page-", Kind::Page),
        ]
        .into_iter()
        .find(|(start, _)| name.starts_with(start))
        .map(|(_, kind)| kind)
        .unwrap_or_else(|| {
            panic!(
                "{}: the name must say which file it replaces",
                path.display()
            )
        })
    }
}

/// The schema of `kind` as `iopsite` makes it, checked against the draft-07 meta-schema.
fn validator(kind: Kind) -> jsonschema::Validator {
    let file = json_schema::schemas()
        .into_iter()
        .find(|f| f.name == kind.schema_name())
        .expect("a schema for every kind");
    compile(&file.schema, kind.schema_name())
}

fn compile(schema: &Value, what: &str) -> jsonschema::Validator {
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    if let Err(err) = jsonschema::draft7::meta::validate(schema) {
        panic!("{what} is not a valid draft-07 schema: {err}");
    }
    jsonschema::draft7::new(schema).unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// The YAML of a file as JSON: the whole file, or a Markdown file's front matter.
fn instance(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    yaml_value(
        &text,
        path.extension().is_some_and(|e| e == "md"),
        &path.display().to_string(),
    )
}

fn yaml_value(text: &str, markdown: bool, what: &str) -> Value {
    let yaml = if markdown {
        let rest = text
            .strip_prefix("---\n")
            .unwrap_or_else(|| panic!("{what}: no front matter"));
        let end = rest
            .find("\n---\n")
            .unwrap_or_else(|| panic!("{what}: front matter not closed"));
        &rest[..=end]
    } else {
        text
    };
    serde_saphyr::from_str(yaml).unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// Each error of `value` against `validator`, as `keyword at /path: message`.
fn schema_errors(validator: &jsonschema::Validator, value: &Value) -> Vec<(String, String)> {
    validator
        .iter_errors(value)
        .map(|e| {
            let keyword = e.kind().keyword().to_string();
            (
                keyword.clone(),
                format!("{keyword} at {}: {e}", e.instance_path()),
            )
        })
        .collect()
}

/// The files with a schema in a site's content folder.
fn content_files(content: &Path) -> Vec<(Kind, PathBuf)> {
    let mut files = vec![(Kind::Site, content.join("site.yaml"))];
    for (folder, ext, kind) in [
        ("agreements", "yaml", Kind::Agreement),
        ("reports", "md", Kind::Report),
        ("pages", "md", Kind::Page),
    ] {
        let Ok(entries) = fs::read_dir(content.join(folder)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .map(|e| e.expect("read a content folder").path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect();
        paths.sort();
        files.extend(paths.into_iter().map(|p| (kind, p)));
    }
    files
}

fn check_all(files: &[(Kind, PathBuf)]) -> Vec<String> {
    let validators: Vec<(Kind, jsonschema::Validator)> =
        [Kind::Site, Kind::Agreement, Kind::Report, Kind::Page]
            .into_iter()
            .map(|k| (k, validator(k)))
            .collect();
    let mut problems = Vec::new();
    for (kind, path) in files {
        let validator = &validators
            .iter()
            .find(|(k, _)| k == kind)
            .expect("all kinds")
            .1;
        for (_, error) in schema_errors(validator, &instance(path)) {
            problems.push(format!("{}: {error}", path.display()));
        }
    }
    problems
}

#[test]
fn example_content_and_test_sites_match_their_schemas() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = content_files(&root.join("content"));
    let examples = files.len();
    for site in ["minimal", "truthful"] {
        files.extend(content_files(&fixtures().join(site).join("content")));
    }
    // The example site: site.yaml, four agreements, ten reports and two pages, at least.
    assert!(examples >= 17, "only {examples} example files found");
    let count = |kind| files.iter().filter(|(k, _)| *k == kind).count();
    assert!(
        count(Kind::Agreement) >= 9 && count(Kind::Report) >= 12,
        "{files:?}"
    );
    let problems = check_all(&files);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The first fenced block of `lang` under the heading `## heading` of docs/format.md.
fn documented_example(heading: &str, lang: &str) -> String {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md"))
        .expect("read docs/format.md");
    let section = text
        .split("\n## ")
        .find(|s| s.starts_with(&format!("{heading}\n")))
        .unwrap_or_else(|| panic!("docs/format.md has no ## {heading}"));
    let start = section
        .find(&format!("```{lang}\n"))
        .unwrap_or_else(|| panic!("no ```{lang} under ## {heading}"))
        + lang.len()
        + 4;
    let end = start + section[start..].find("\n```").expect("the block is closed") + 1;
    section[start..end].to_string()
}

#[test]
fn documented_examples_match_their_schemas() {
    for (heading, lang, kind) in [
        ("site.yaml", "yaml", Kind::Site),
        ("agreements/NAME.yaml", "yaml", Kind::Agreement),
        ("reports/NAME.md", "markdown", Kind::Report),
        ("pages/NAME.md", "markdown", Kind::Page),
    ] {
        let example = documented_example(heading, lang);
        let value = yaml_value(&example, lang == "markdown", heading);
        let errors = schema_errors(&validator(kind), &value);
        assert!(errors.is_empty(), "the example of {heading}: {errors:?}");
    }
}

/// Runs the binary with its messages in English (`--lang en`), as the assertions read them.
fn iopsite(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iopsite"))
        .args(["--lang", "en"])
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run iopsite")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// `iopsite check` on a copy of the minimal site with `fixture` in the place of its kind.
fn check_with(fixture: &Path) -> Output {
    let site = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixtures().join("minimal"), site.path());
    let place = site
        .path()
        .join(Kind::of_fixture(fixture).place_in_minimal());
    fs::copy(fixture, place).expect("put the fixture in place");
    iopsite(&["check", path_arg(site.path()), "--as-of", AS_OF])
}

fn fixture_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(fixtures().join("schema").join(folder))
        .expect("read tests/fixtures/schema")
        .map(|e| e.expect("read a fixture").path())
        .collect();
    files.sort();
    files
}

#[test]
fn forms_the_reader_takes_pass_the_schema_and_check() {
    let files = fixture_files("ok");
    assert_eq!(files.len(), 4, "one file of every kind: {files:?}");
    for file in files {
        let kind = Kind::of_fixture(&file);
        let errors = schema_errors(&validator(kind), &instance(&file));
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        let output = check_with(&file);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}: check refused it:\n{}",
            file.display(),
            text(&output.stderr)
        );
    }
}

/// The text after `# NAME:` in a fixture's comments.
fn expectation(text: &str, name: &str, file: &Path) -> String {
    let mark = format!("# {name}: ");
    text.lines()
        .find_map(|l| l.strip_prefix(&mark))
        .unwrap_or_else(|| panic!("{} has no `{mark}` line", file.display()))
        .trim()
        .to_string()
}

#[test]
fn broken_files_are_refused_by_the_schema_and_by_check() {
    let files = fixture_files("bad");
    for kind in [Kind::Site, Kind::Agreement, Kind::Report, Kind::Page] {
        let broken = files.iter().filter(|f| Kind::of_fixture(f) == kind).count();
        assert!(
            broken >= 3,
            "{kind:?}: unknown key, wrong type and missing key at least"
        );
    }
    let mut wrong = Vec::new();
    for file in &files {
        let text_of_file = fs::read_to_string(file).expect("read the fixture");
        let keyword = expectation(&text_of_file, "schema", file);
        let message = expectation(&text_of_file, "check", file);
        let errors = schema_errors(&validator(Kind::of_fixture(file)), &instance(file));
        if !errors.iter().any(|(k, _)| *k == keyword) {
            wrong.push(format!(
                "{}: the schema should refuse it with `{keyword}`, but says {errors:?}",
                file.display()
            ));
        }
        let output = check_with(file);
        let stderr = text(&output.stderr);
        if output.status.code() != Some(1) || !stderr.contains(&message) {
            wrong.push(format!(
                "{}: check should exit 1 saying `{message}`; it exited {:?} saying\n{stderr}",
                file.display(),
                output.status.code()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn the_schema_command_writes_every_schema() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("editor/schemas");
    let output = iopsite(&["schema", path_arg(&out)]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let printed = text(&output.stdout);
    let schemas = json_schema::schemas();
    assert_eq!(printed.lines().count(), schemas.len(), "{printed}");
    for file in &schemas {
        let path = out.join(file.name);
        assert!(
            printed.contains(&format!("created {}", path.display())),
            "{printed}"
        );
        let written: Value =
            serde_json::from_str(&fs::read_to_string(&path).expect("read a written schema"))
                .expect("the schema is JSON");
        assert_eq!(written, file.schema, "{}", file.name);
        compile(&written, file.name);
    }
    // A second run replaces the files.
    fs::write(out.join(json_schema::SITE), "{}").expect("spoil a schema");
    let output = iopsite(&["schema", path_arg(&out)]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let again: Value = serde_json::from_str(
        &fs::read_to_string(out.join(json_schema::SITE)).expect("read the schema"),
    )
    .expect("JSON");
    assert_eq!(again, schemas[0].schema);
}

#[test]
fn the_schema_command_names_a_folder_it_cannot_write() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("a-file");
    fs::write(&file, "not a folder").expect("write a file");
    let output = iopsite(&["schema", path_arg(&file)]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(&format!("error: cannot write {}", file.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// The `yaml.schemas` setting of a site made by `init`: each schema file (from the site
/// folder) and its patterns.
fn yaml_schemas(site: &Path) -> Vec<(PathBuf, Vec<String>)> {
    let settings: Value = serde_json::from_str(
        &fs::read_to_string(site.join(".vscode/settings.json")).expect("read the settings"),
    )
    .expect("the settings are JSON");
    let map = settings["yaml.schemas"].as_object().expect("yaml.schemas");
    map.iter()
        .map(|(schema, patterns)| {
            let patterns = patterns.as_array().expect("a list of patterns");
            (
                site.join(schema),
                patterns
                    .iter()
                    .map(|p| p.as_str().expect("text").to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn init_gives_the_editor_the_schemas_of_the_new_site() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let site = dir.path().join("site");
    let output = iopsite(&["init", path_arg(&site)]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let output = iopsite(&["new", "agreement", "second", "--dir", path_arg(&site)]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let printed = text(&iopsite(&["init", path_arg(&dir.path().join("other"))]).stdout);
    assert!(
        printed.contains("schemas/agreement.schema.json"),
        "{printed}"
    );
    assert!(printed.contains(".vscode/settings.json"), "{printed}");

    let associations = yaml_schemas(&site);
    assert_eq!(associations.len(), 2, "{associations:?}");
    let mut matched = Vec::new();
    for (schema_path, patterns) in associations {
        let schema: Value = serde_json::from_str(
            &fs::read_to_string(&schema_path).expect("the schema named in the settings exists"),
        )
        .expect("JSON");
        let validator = compile(&schema, &schema_path.display().to_string());
        for pattern in patterns {
            // The extension matches `**/PATTERN`; these patterns have one `*` at most, in
            // the file name.
            let (folder, name) = pattern.rsplit_once('/').expect("a folder in the pattern");
            let (before, after) = name.split_once('*').unwrap_or((name, ""));
            for entry in fs::read_dir(site.join(folder)).expect("the pattern's folder exists") {
                let path = entry.expect("entry").path();
                let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let fits = if name.contains('*') {
                    file.starts_with(before) && file.ends_with(after)
                } else {
                    file == name
                };
                if fits {
                    let errors = schema_errors(&validator, &instance(&path));
                    assert!(errors.is_empty(), "{}: {errors:?}", path.display());
                    matched.push(file.to_string());
                }
            }
        }
    }
    matched.sort();
    assert_eq!(matched, ["example.yaml", "second.yaml", "site.yaml"]);
    let written_page = fs::read_to_string(site.join("schemas").join(json_schema::PAGE))
        .expect("the page schema is written too");
    assert!(written_page.contains("\"title\""));
}

#[test]
fn init_leaves_the_editor_settings_it_finds() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let settings = dir.path().join(".vscode/settings.json");
    fs::create_dir_all(settings.parent().expect("a folder")).expect("create .vscode");
    fs::write(&settings, "{ \"editor.tabSize\": 2 }\n").expect("write settings");
    let output = iopsite(&["init", path_arg(dir.path())]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        fs::read_to_string(&settings).expect("read settings"),
        "{ \"editor.tabSize\": 2 }\n"
    );
    assert!(!text(&output.stdout).contains("settings.json"));
    assert!(
        dir.path()
            .join("schemas")
            .join(json_schema::AGREEMENT)
            .is_file()
    );
}
