//! `iopsite new report`, `iopsite new page`, the ids suggested for names that are not slugs,
//! and the warnings for placeholders the skeletons leave, all through the real binary.

mod common;
use common::{copy_dir, minimal_site};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use iopsite::diagnostics::{Diagnostics, SourceFile};
use iopsite::load::parse_document;
use iopsite::load::scalar::value_ranges;
use iopsite::load::schema::ReportFrontMatter;
use iopsite::validate::placeholders::{self, GUIDANCE, PLACEHOLDERS};

/// Runs the binary with its messages in English (`--lang en`) unless `args` choose a
/// language, as most assertions here read English.
fn iopsite_in(dir: Option<&Path>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_iopsite"));
    if !args.contains(&"--lang") {
        command.args(["--lang", "en"]);
    }
    command.args(args).env_remove("SOURCE_DATE_EPOCH");
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    command.output().expect("run iopsite")
}

fn iopsite(args: &[&str]) -> Output {
    iopsite_in(None, args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_exit(output: &Output, code: i32, what: &str) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "{what}: expected exit code {code}\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(output)
    );
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// A fresh copy of the example site of this repository (`content/`).
fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &dir.path().join("content"),
    );
    dir
}

/// Every file under `dir` (relative path → contents).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk the site");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
            files.insert(rel, fs::read(entry.path()).expect("read a file"));
        }
    }
    files
}

/// A report's front matter and body, parsed as a build parses them.
fn read_report(path: &Path) -> (ReportFrontMatter, String) {
    let text = fs::read_to_string(path).expect("read the report");
    let mut file = SourceFile::new("report.md", text.as_str());
    let mut diags = Diagnostics::new();
    let document = parse_document::<ReportFrontMatter>(&mut file, &mut diags);
    assert!(diags.is_empty(), "{:?}\n{text}", diags.sorted());
    let document = document.expect("the front matter parses");
    (document.front, document.body)
}

/// The statistics of a report as (name, unit).
fn statistic_names(front: &ReportFrontMatter) -> Vec<(String, Option<String>)> {
    front
        .statistics
        .iter()
        .map(|s| (s.name.clone(), s.unit.clone()))
        .collect()
}

#[test]
fn a_new_report_has_the_latest_statistics_left_empty_and_check_points_at_each() {
    let site = example_site();
    let output = iopsite(&[
        "new",
        "report",
        "kalmar-stadsmission",
        "2026",
        "--dir",
        arg(site.path()),
    ]);
    assert_exit(&output, 0, "new report");
    let reports = site.path().join("content/reports");
    let created = reports.join("kalmar-stadsmission-2026.md");
    let (front, body) = read_report(&created);
    assert_eq!(front.agreement.value, "kalmar-stadsmission");
    assert_eq!(front.year.value, 2026);
    let (latest, _) = read_report(&reports.join("kalmar-stadsmission-2025.md"));
    assert!(!latest.statistics.is_empty());
    assert_eq!(statistic_names(&front), statistic_names(&latest));
    assert!(front.statistics.iter().all(|s| s.value.value.is_none()));
    for heading in ["## Året i korthet", "## Verksamheten", "## Ekonomi"] {
        assert!(body.contains(heading), "{heading} missing:\n{body}");
    }

    // check: an error at each empty value, naming its statistic.
    let text = fs::read_to_string(&created).unwrap();
    let value_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("value:"))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(value_lines.len(), front.statistics.len());
    let output = iopsite(&["check", arg(site.path())]);
    assert_exit(&output, 1, "check with empty statistics");
    let err = stderr(&output);
    for (stat, line) in front.statistics.iter().zip(&value_lines) {
        let expected = format!(
            "error: content/reports/kalmar-stadsmission-2026.md:{line}:10: the statistic `{}` has no value yet; write its number for 2026",
            stat.name
        );
        assert!(err.contains(&expected), "no `{expected}` in:\n{err}");
    }
    assert!(err.contains("4 errors, "), "{err}");

    // Filled in, without the guidance: no problem left, and the figures are published.
    let filled: String = text
        .lines()
        .filter(|l| !l.contains(GUIDANCE))
        .map(|l| {
            if l.trim_start().starts_with("value:") {
                "    value: 4711\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    fs::write(&created, filled).unwrap();
    let output = iopsite(&["build", arg(site.path())]);
    assert_exit(&output, 0, "build with the report filled in");
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
    let page = fs::read_to_string(
        site.path()
            .join("output/reports/kalmar-stadsmission-2026.html"),
    )
    .expect("the report's page");
    assert!(
        page.contains("4\u{a0}711"),
        "the figures are not on the page"
    );
}

#[test]
fn a_new_report_never_replaces_the_report_of_its_year() {
    let site = example_site();
    let reports = site.path().join("content/reports");
    // The report for 2024 under a name of its own: still the report for 2024.
    fs::rename(
        reports.join("kalmar-stadsmission-2024.md"),
        reports.join("arsberattelse-stadsmissionen.md"),
    )
    .unwrap();
    let before = snapshot(site.path());
    for (year, holder) in [
        ("2025", "kalmar-stadsmission-2025.md"),
        ("2024", "arsberattelse-stadsmissionen.md"),
    ] {
        let output = iopsite(&[
            "new",
            "report",
            "kalmar-stadsmission",
            year,
            "--dir",
            arg(site.path()),
        ]);
        assert_exit(&output, 1, "new report for a year that has one");
        let err = stderr(&output);
        let expected = format!(
            "{holder} already holds the report of `kalmar-stadsmission` for {year}; edit that file instead"
        );
        assert!(err.contains(&expected), "no `{expected}` in:\n{err}");
    }
    assert_eq!(
        snapshot(site.path()),
        before,
        "a file was written or changed"
    );
}

#[test]
fn a_new_report_for_an_unknown_agreement_names_the_closest() {
    let site = example_site();
    let before = snapshot(site.path());
    for (typed, closest) in [
        ("kalmar-stadsmision", Some("kalmar-stadsmission")),
        ("Kalmar Stadsmission", Some("kalmar-stadsmission")),
        ("kalmar-kvinnojour", Some("kalmar-kvinnojouren")),
        ("goteborg-stadsmission", None),
    ] {
        let output = iopsite(&["new", "report", typed, "2026", "--dir", arg(site.path())]);
        assert_exit(&output, 1, typed);
        let err = stderr(&output);
        assert!(
            err.contains(&format!("there is no agreement `{typed}` in ")),
            "{err}"
        );
        match closest {
            Some(id) => assert!(
                err.trim_end().ends_with(&format!("; did you mean `{id}`?")),
                "{typed}: {err}"
            ),
            None => assert!(!err.contains("did you mean"), "{typed}: {err}"),
        }
    }
    // The same in Swedish.
    let output = iopsite(&[
        "--lang",
        "sv",
        "new",
        "report",
        "kalmar-stadsmision",
        "2026",
        "--dir",
        arg(site.path()),
    ]);
    assert_exit(&output, 1, "Swedish");
    let err = stderr(&output);
    assert!(
        err.starts_with("fel: det finns ingen överenskommelse `kalmar-stadsmision` i ")
            && err
                .trim_end()
                .ends_with("; menade du `kalmar-stadsmission`?"),
        "{err}"
    );
    assert_eq!(snapshot(site.path()), before, "a file was written");
}

#[test]
fn a_new_report_needs_a_year_of_four_digits() {
    let site = example_site();
    let before = snapshot(site.path());
    for year in ["26", "20x6", "20260", "2026-01", ""] {
        let output = iopsite(&[
            "new",
            "report",
            "kalmar-stadsmission",
            year,
            "--dir",
            arg(site.path()),
        ]);
        assert_exit(&output, 1, year);
        let expected = format!("error: `{year}` is not a year; write it with four digits");
        assert!(stderr(&output).contains(&expected), "{}", stderr(&output));
    }
    assert_eq!(snapshot(site.path()), before, "a file was written");
}

#[test]
fn a_new_page_passes_check_and_is_built() {
    let site = minimal_site();
    let output = iopsite(&["new", "page", "om-oss", "--dir", arg(site.path())]);
    assert_exit(&output, 0, "new page");
    let path = site.path().join("content/pages/om-oss.md");
    let text = fs::read_to_string(&path).unwrap();
    let guidance = text
        .lines()
        .position(|l| l.contains(GUIDANCE))
        .expect("the page has guidance")
        + 1;
    let output = iopsite(&["check", arg(site.path()), "--as-of", "2026-01-01"]);
    assert_exit(&output, 0, "check after new page");
    let err = stderr(&output);
    let expected = format!(
        "warning: content/pages/om-oss.md:{guidance}:6: `MALLTEXT` is a placeholder from the skeleton; replace it with your own text"
    );
    assert!(err.contains(&expected), "no `{expected}` in:\n{err}");
    assert_eq!(err.matches("warning:").count(), 1, "{err}");

    let output = iopsite(&["build", arg(site.path()), "--as-of", "2026-01-01"]);
    assert_exit(&output, 0, "build after new page");
    let page = fs::read_to_string(site.path().join("output/pages/om-oss.html"))
        .expect("the page is built");
    assert!(page.contains("<h1>Om oss</h1>"), "{page}");
    let home = fs::read_to_string(site.path().join("output/index.html")).unwrap();
    assert!(home.contains("pages/om-oss.html"), "no link to the page");
}

#[test]
fn names_that_are_not_ids_are_refused_with_the_id_to_use() {
    let site = minimal_site();
    let before = snapshot(site.path());
    for (kind, name, id) in [
        ("agreement", "Kramfors Kvinnoforum", "kramfors-kvinnoforum"),
        (
            "agreement",
            "Örebro Läns Bildningsförbund",
            "orebro-lans-bildningsforbund",
        ),
        ("page", "  Café  Åtta ", "cafe-atta"),
        ("page", "Om oss", "om-oss"),
    ] {
        // Run in the site, as the suggested command would be.
        let output = iopsite_in(Some(site.path()), &["new", kind, name]);
        assert_exit(&output, 1, name);
        let expected = format!(
            "error: `{name}` is not a valid name: use lower-case letters a-z, digits and single hyphens; try `iopsite new {kind} {id}`\n"
        );
        assert_eq!(stderr(&output), expected);
    }
    assert_eq!(snapshot(site.path()), before, "a file was written");
    // With --dir, the suggestion keeps it.
    let output = iopsite(&["new", "page", "Om oss", "--dir", arg(site.path())]);
    let expected = format!("try `iopsite new page om-oss --dir {}`", arg(site.path()));
    assert!(stderr(&output).contains(&expected), "{}", stderr(&output));
    // The suggested command works.
    let output = iopsite_in(
        Some(site.path()),
        &["new", "agreement", "kramfors-kvinnoforum"],
    );
    assert_exit(&output, 0, "the suggested command");
    assert!(
        site.path()
            .join("content/agreements/kramfors-kvinnoforum.yaml")
            .is_file()
    );
}

/// Values and texts of the skeletons that a site may keep: everything else a skeleton writes
/// must hold a placeholder from the list, so that `check` warns until it is replaced.
const KEPT: &[&str] = &[
    // site.yaml
    "IOP-överenskommelser",
    "Vilka föreningar får offentliga medel, för vad, hur länge och med vilka resultat.",
    "sv",
    "Webbplatsen är under uppbyggnad.",
    "false",
    // pages/about.md
    "Om webbplatsen",
    "1",
    "Här publicerar vi våra överenskommelser om idéburet offentligt partnerskap.",
    // an agreement
    "iop",
    "public",
    "nonprofit",
    "Kommunstyrelsen",
    "2026-01-01",
    "2028-12-31",
    "true",
    "2026-2028",
    "unpublished",
    "2",
    "Verksamhetsberättelse",
    // a report of `example` for 2026, and the page `om-oss`
    "example",
    "2026",
    "Verksamhetsberättelse 2026",
    "Om oss",
];

/// A new site with one of each file `iopsite new` writes.
fn every_skeleton() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    for args in [
        vec!["init", arg(site)],
        vec!["new", "agreement", "second", "--dir", arg(site)],
        vec!["new", "report", "example", "2026", "--dir", arg(site)],
        vec!["new", "page", "om-oss", "--dir", arg(site)],
    ] {
        let output = iopsite(&args);
        assert_exit(&output, 0, &args.join(" "));
    }
    dir
}

#[test]
fn every_skeleton_value_is_kept_or_holds_a_listed_placeholder() {
    let dir = every_skeleton();
    let mut unused: Vec<&str> = PLACEHOLDERS.to_vec();
    for (path, bytes) in snapshot(&dir.path().join("content")) {
        let text = String::from_utf8(bytes).unwrap();
        unused.retain(|p| !text.contains(p));
        let (yaml, body) = match text.strip_prefix("---\n") {
            Some(rest) => rest.split_once("\n---\n").expect("front matter closes"),
            None => (text.as_str(), ""),
        };
        for range in value_ranges(yaml) {
            let value = yaml[range].trim();
            let placeholder = placeholders::find(value).next().is_some();
            assert!(
                placeholder || KEPT.contains(&value),
                "{}: `{value}` is neither a placeholder nor a kept value",
                path.display()
            );
        }
        for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let outline = line.starts_with("## ") || line.contains(GUIDANCE);
            assert!(
                outline || KEPT.contains(&line),
                "{}: the text line `{line}` is neither a heading nor guidance",
                path.display()
            );
        }
    }
    assert!(unused.is_empty(), "no skeleton uses {unused:?}");
}

/// The warnings `check` prints, as `path:line:col` and the placeholder.
fn placeholder_warnings(err: &str) -> Vec<(String, String)> {
    err.lines()
        .filter_map(|l| l.strip_prefix("warning: "))
        .map(|l| {
            let (place, message) = l.split_once(": `").expect("a placeholder warning");
            let placeholder = message.split('`').next().unwrap();
            (place.to_string(), placeholder.to_string())
        })
        .collect()
}

/// Where `placeholder` is in `file` on the first line from `*from` on that starts with `key`,
/// as `path:line:col`; `*from` moves past that line.
fn place_of(site: &Path, file: &str, key: &str, placeholder: &str, from: &mut usize) -> String {
    let text = fs::read_to_string(site.join(file)).unwrap();
    let (index, line) = text
        .lines()
        .enumerate()
        .skip(*from)
        .find(|(_, l)| l.trim_start().starts_with(key))
        .unwrap_or_else(|| panic!("{file} has no line `{key}` from line {from} on"));
    *from = index + 1;
    let byte = line
        .find(placeholder)
        .expect("the placeholder is on the line");
    let column = line[..byte].chars().count() + 1;
    format!("{file}:{}:{column}", index + 1)
}

#[test]
fn a_fresh_site_warns_at_exactly_its_placeholders_and_the_example_site_at_none() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    assert_exit(&iopsite(&["init", arg(site)]), 0, "init");
    let output = iopsite(&["check", arg(site), "--as-of", "2026-06-01"]);
    assert_exit(&output, 0, "check of a new site");
    let err = stderr(&output);
    let agreement = "content/agreements/example.yaml";
    let mut from = 0;
    let mut expected: Vec<(String, String)> = [
        ("title:", "NAMN"),
        ("short_title:", "NAMN"),
        ("MALLTEXT", "MALLTEXT"),
        ("- title:", "NAMN"),
        ("- name:", "Exempelkommunen"),
        ("- name:", "Exempelföreningen"),
        ("funder:", "Exempelkommunen"),
        ("convener:", "Exempelkommunen"),
    ]
    .into_iter()
    .map(|(key, p)| {
        let place = place_of(site, agreement, key, p, &mut from);
        (place, p.to_string())
    })
    .collect();
    let base_url = place_of(
        site,
        "content/site.yaml",
        "base_url:",
        "exempelkommunen.example",
        &mut 0,
    );
    expected.push((base_url, "exempelkommunen.example".to_string()));
    assert_eq!(placeholder_warnings(&err), expected, "{err}");

    let repository = env!("CARGO_MANIFEST_DIR");
    let output = iopsite(&["check", repository]);
    assert_exit(&output, 0, "check of the example site");
    assert!(
        !stderr(&output).contains("placeholder"),
        "{}",
        stderr(&output)
    );
}
