//! The `iopsite` command as a user runs it: exit codes, what goes to stderr, the scaffolding
//! commands, and that a failed build never touches the previous output.

mod common;
use common::{fixtures, minimal_site};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const AS_OF: &str = "2026-11-23";

/// Adds an agreement with a goal that does not exist (line 29, column 11).
fn break_site(site: &Path) {
    fs::copy(
        fixtures().join("invalid/goal-eighteen.yaml"),
        site.join("content/agreements/goal-eighteen.yaml"),
    )
    .expect("copy the broken agreement");
}

fn iopsite(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iopsite"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run iopsite")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts the exit code, showing everything the command printed if it differs.
fn assert_exit(output: &Output, code: i32, what: &str) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "{what}: expected exit code {code}\n--- stdout\n{}\n--- stderr\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// Every file under `dir` (relative path → contents).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk output");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
            files.insert(rel, fs::read(entry.path()).expect("read output file"));
        }
    }
    files
}

#[test]
fn check_reports_a_broken_file_with_position_and_exits_1() {
    let site = minimal_site();
    break_site(site.path());
    let output = iopsite(&[
        "check",
        path_arg(site.path()),
        "--as-of",
        AS_OF,
        "--lang",
        "en",
    ]);
    assert_exit(&output, 1, "check on broken content");
    let stderr = text(&output.stderr);
    assert!(
        stderr
            .contains("error: content/agreements/goal-eighteen.yaml:29:11: goal 18 does not exist"),
        "stderr should name file, line and column:\n{stderr}"
    );
    assert!(
        stderr.contains("29 |   - goal: 18"),
        "stderr should quote the offending line:\n{stderr}"
    );
    assert!(
        stderr.ends_with("\n1 error, 0 warnings\n"),
        "stderr should end with a count of the errors:\n{stderr}"
    );
}

#[test]
fn check_passes_on_the_minimal_site() {
    let site = minimal_site();
    let output = iopsite(&["check", path_arg(site.path()), "--as-of", AS_OF]);
    assert_exit(&output, 0, "check on the minimal site");
}

#[test]
fn help_lists_the_commands() {
    let output = iopsite(&["--help"]);
    assert_exit(&output, 0, "--help");
    let stdout = text(&output.stdout);
    for command in ["build", "check", "init", "new"] {
        assert!(
            stdout.lines().any(|l| l.trim_start().starts_with(command)),
            "--help should list `{command}`:\n{stdout}"
        );
    }
}

#[test]
fn an_initialised_site_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    let output = iopsite(&["init", path_arg(&site)]);
    assert_exit(&output, 0, "init");
    assert!(site.join("content/site.yaml").is_file());
    let output = iopsite(&["check", path_arg(&site), "--as-of", AS_OF]);
    assert_exit(&output, 0, "check after init");
    // A second init must not overwrite the site.
    let before = snapshot(&site);
    let output = iopsite(&["init", path_arg(&site)]);
    assert_exit(&output, 1, "init on an existing site");
    assert_eq!(snapshot(&site), before, "a second init changed the site");
}

#[test]
fn a_new_agreement_passes_check() {
    let site = minimal_site();
    let output = iopsite(&[
        "new",
        "agreement",
        "my-agreement",
        "--dir",
        path_arg(site.path()),
    ]);
    assert_exit(&output, 0, "new agreement my-agreement");
    let created = site.path().join("content/agreements/my-agreement.yaml");
    assert!(created.is_file(), "{} was not created", created.display());
    let output = iopsite(&["check", path_arg(site.path()), "--as-of", AS_OF]);
    assert_exit(&output, 0, "check after new agreement");
    // The same name again must not overwrite the file the user may have edited.
    fs::write(&created, "edited").unwrap();
    let output = iopsite(&[
        "new",
        "agreement",
        "my-agreement",
        "--dir",
        path_arg(site.path()),
    ]);
    assert_exit(&output, 1, "new agreement with an existing name");
    assert_eq!(fs::read_to_string(&created).unwrap(), "edited");
}

#[test]
fn a_new_agreement_with_a_bad_name_is_refused() {
    let site = minimal_site();
    let before = snapshot(site.path());
    let output = iopsite(&[
        "new",
        "agreement",
        "Bad_Name",
        "--dir",
        path_arg(site.path()),
    ]);
    assert_exit(&output, 1, "new agreement Bad_Name");
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("Bad_Name"),
        "the message should name the bad name:\n{stderr}"
    );
    assert_eq!(snapshot(site.path()), before, "a file was created anyway");
}

#[test]
fn a_failed_build_leaves_the_previous_output_unchanged() {
    let site = minimal_site();
    let out = site.path().join("output");
    let output = iopsite(&["build", path_arg(site.path()), "--as-of", AS_OF]);
    assert_exit(&output, 0, "the first, good build");
    let before = snapshot(&out);
    assert!(
        before
            .keys()
            .any(|p| p.extension().is_some_and(|e| e == "html")),
        "the good build wrote no HTML: {:?}",
        before.keys().collect::<Vec<_>>()
    );
    assert!(out.join("index.html").is_file(), "no output/index.html");

    break_site(site.path());
    let output = iopsite(&[
        "--lang",
        "en",
        "build",
        path_arg(site.path()),
        "--as-of",
        AS_OF,
    ]);
    assert_exit(&output, 1, "build on broken content");
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("error: content/agreements/goal-eighteen.yaml:29:11:"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");

    let after = snapshot(&out);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "the list of output files changed"
    );
    for (path, bytes) in &before {
        assert!(after[path] == *bytes, "{} changed", path.display());
    }
    // No staging or set-aside folders are left beside the output, only the (unlocked) lock file.
    let mut names: Vec<String> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".output.lock", "content", "output"]);
}

/// A site in Swedish (`language: sv`, as the minimal site) is told of its problems in
/// Swedish; `--lang en` gives the same problems in English.
#[test]
fn messages_follow_the_site_language_and_lang_overrides_it() {
    let site = minimal_site();
    break_site(site.path());
    let output = iopsite(&["check", path_arg(site.path()), "--as-of", AS_OF]);
    assert_exit(&output, 1, "check in Swedish");
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(
            "fel: content/agreements/goal-eighteen.yaml:29:11: mål 18 finns inte; \
             Agenda 2030-målen är numrerade 1 till 17\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("29 |   - goal: 18"), "{stderr}");
    assert!(stderr.ends_with("\n1 fel, 0 varningar\n"), "{stderr}");

    // The same site set to English speaks English without the flag.
    let yaml = site.path().join("content/site.yaml");
    let settings = fs::read_to_string(&yaml).expect("site.yaml");
    fs::write(&yaml, settings.replace("language: sv", "language: en")).expect("write");
    let output = iopsite(&["check", path_arg(site.path()), "--as-of", AS_OF]);
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with("error: content/agreements/goal-eighteen.yaml:29:11: goal 18"),
        "{stderr}"
    );
    // … and Swedish with it.
    let output = iopsite(&[
        "--lang",
        "sv",
        "check",
        path_arg(site.path()),
        "--as-of",
        AS_OF,
    ]);
    assert!(text(&output.stderr).ends_with("\n1 fel, 0 varningar\n"));

    let output = iopsite(&["--lang", "de", "check", path_arg(site.path())]);
    assert_exit(&output, 2, "an unknown language");
    assert!(text(&output.stderr).contains("use sv or en"));
}

/// The summary of a good run, in both languages, with the plural forms of each.
#[test]
fn the_summary_line_has_plural_forms() {
    let site = minimal_site();
    let output = iopsite(&["check", path_arg(site.path()), "--as-of", AS_OF]);
    assert_exit(&output, 0, "check in Swedish");
    let stdout = text(&output.stdout);
    assert!(stdout.starts_with("kontrollerade "), "{stdout}");
    assert!(
        stdout.contains(" (1 överenskommelse, 1 verksamhetsberättelse, 0 varningar) på "),
        "{stdout}"
    );
    let output = iopsite(&[
        "--lang",
        "en",
        "check",
        path_arg(site.path()),
        "--as-of",
        AS_OF,
    ]);
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains(" (1 agreement, 1 report, 0 warnings) in "),
        "{stdout}"
    );
}

/// `--format json`: one JSON array on stdout, nothing else there; exit 1 as before.
#[test]
fn check_prints_problems_as_json() {
    let site = minimal_site();
    break_site(site.path());
    let output = iopsite(&[
        "check",
        path_arg(site.path()),
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    assert_exit(&output, 1, "check --format json on broken content");
    let stdout = text(&output.stdout);
    let problems: serde_json::Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    let problems = problems.as_array().expect("an array");
    assert_eq!(problems.len(), 1, "{stdout}");
    let p = &problems[0];
    assert_eq!(p["file"], "content/agreements/goal-eighteen.yaml");
    assert_eq!(p["line"], 29);
    assert_eq!(p["column"], 11);
    assert_eq!(p["severity"], "error");
    assert_eq!(p["code"], "goal-unknown");
    assert_eq!(
        p["message"],
        "mål 18 finns inte; Agenda 2030-målen är numrerade 1 till 17"
    );
    assert!(text(&output.stderr).ends_with("1 fel, 0 varningar\n"));

    let output = iopsite(&[
        "--lang",
        "en",
        "check",
        path_arg(site.path()),
        "--format",
        "json",
    ]);
    let problems: serde_json::Value =
        serde_json::from_str(&text(&output.stdout)).expect("stdout is JSON");
    assert_eq!(
        problems[0]["message"],
        "goal 18 does not exist; the Agenda 2030 goals are numbered 1 to 17"
    );
}

/// A good run with `--format json` prints an empty array, and its summary on stderr.
#[test]
fn a_good_check_prints_an_empty_json_array() {
    let site = minimal_site();
    let output = iopsite(&[
        "check",
        path_arg(site.path()),
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    assert_exit(&output, 0, "check --format json on the minimal site");
    assert_eq!(text(&output.stdout), "[]\n");
    assert!(text(&output.stderr).starts_with("kontrollerade "));
}

/// `--format github`: one workflow command a problem, which GitHub turns into an annotation
/// on the line; `%` and line breaks in a message are escaped.
#[test]
fn check_prints_github_workflow_commands() {
    let site = minimal_site();
    break_site(site.path());
    let output = iopsite(&[
        "--lang",
        "en",
        "check",
        path_arg(site.path()),
        "--as-of",
        AS_OF,
        "--format",
        "github",
    ]);
    assert_exit(&output, 1, "check --format github on broken content");
    // The file is named from the folder the command runs in: the site folder as given (here
    // an absolute path outside it), then the file's path in the site.
    assert_eq!(
        text(&output.stdout),
        format!(
            "::error file={}/content/agreements/goal-eighteen.yaml,line=29,col=11,\
             title=iopsite goal-unknown::goal 18 does not exist; the Agenda 2030 goals are \
             numbered 1 to 17\n",
            site.path().display()
        )
    );

    // A file name with `%` and `,`: escaped in the message, and in the `file` property,
    // where `,` would end the property.
    let site = minimal_site();
    fs::copy(
        fixtures().join("minimal/content/agreements/base.yaml"),
        site.path().join("content/agreements/Bad%,Name.yaml"),
    )
    .expect("copy");
    let output = iopsite(&[
        "--lang",
        "en",
        "check",
        path_arg(site.path()),
        "--format",
        "github",
    ]);
    assert_exit(&output, 1, "check --format github on a bad file name");
    assert_eq!(
        text(&output.stdout),
        format!(
            "::error file={}/content/agreements/Bad%25%2CName.yaml,title=iopsite \
             file-name-not-id::the file name `Bad%25,Name` is not a valid id: use lower-case \
             letters a-z, digits and single hyphens (it becomes part of the page address)\n",
            site.path().display()
        )
    );
}
