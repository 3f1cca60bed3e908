//! Names that mislead: one organisation number written under two names (a warning, since the
//! parties become one organisation), and invisible or text-reversing characters in names,
//! titles and organisation numbers (an error at the character).
//!
//! Each case copies `tests/fixtures/minimal` (a small valid site) into a fresh temporary
//! folder, drops fixtures from `tests/fixtures/names/` into it and runs `iopsite::check` or
//! `iopsite::build`. Several fixtures hold invisible characters on purpose; each test first
//! makes sure the character is still in the file, so an editor that strips it cannot make
//! the test pass for the wrong reason.

mod common;
use common::{fixtures, minimal_site, show};

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use iopsite::diagnostics::Diagnostic;
use iopsite::{BuildOptions, Failure, Outcome};

fn options() -> BuildOptions {
    BuildOptions {
        as_of: Some(NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date")),
        ..Default::default()
    }
}

/// Where a fixture goes: `site-*.yaml` replaces `content/site.yaml`, other `.yaml` go into
/// `content/agreements/`, `page-*.md` into `content/pages/`, other `.md` into
/// `content/reports/`.
fn destination(fixture: &str) -> String {
    if fixture.starts_with("site-") {
        "content/site.yaml".to_string()
    } else if fixture.starts_with("page-") {
        format!("content/pages/{fixture}")
    } else if fixture.ends_with(".md") {
        format!("content/reports/{fixture}")
    } else {
        format!("content/agreements/{fixture}")
    }
}

/// A copy of the minimal site with `names` from `tests/fixtures/names/` added.
fn site_with(names: &[&str]) -> tempfile::TempDir {
    let site = minimal_site();
    for name in names {
        fs::copy(
            fixtures().join("names").join(name),
            site.path().join(destination(name)),
        )
        .unwrap_or_else(|e| panic!("copy {name}: {e}"));
    }
    site
}

fn passes(site: &Path) -> Outcome {
    match iopsite::check(site, &options()) {
        Ok(outcome) => outcome,
        Err(Failure::Content(d)) => panic!("the check should pass:\n{}", show(&d)),
        Err(other) => panic!("the check should pass: {other}"),
    }
}

fn errors_of(site: &Path) -> Vec<Diagnostic> {
    match iopsite::check(site, &options()) {
        Ok(_) => panic!("the check passed, but the content has a hidden character"),
        Err(Failure::Content(diagnostics)) => diagnostics,
        Err(other) => panic!("expected content errors, got {other}"),
    }
}

/// The diagnostics about organisation numbers under two names.
fn two_name_warnings(warnings: &[Diagnostic]) -> Vec<&Diagnostic> {
    warnings
        .iter()
        .filter(|d| d.code() == "org-number-two-names")
        .collect()
}

fn fixture_text(name: &str) -> String {
    fs::read_to_string(fixtures().join("names").join(name)).expect("read the fixture")
}

#[test]
fn a_number_under_two_names_is_a_warning_naming_both_places_and_the_build_goes_on() {
    // `two-names.yaml` writes Testkommunen's number (212000-0746, in `base.yaml`) for
    // `Kalmar kommun`; `two-names-again.yaml` does so too, with the same name in other case
    // and spacing: that pair is already told of, so there is one warning.
    let site = site_with(&["two-names.yaml", "two-names-again.yaml"]);
    let out = tempfile::tempdir().expect("temporary folder");
    let outcome = match iopsite::build(site.path(), Some(&out.path().join("site")), &options()) {
        Ok(outcome) => outcome,
        Err(Failure::Content(d)) => panic!("the build should go on:\n{}", show(&d)),
        Err(other) => panic!("the build should go on: {other}"),
    };
    let warnings = two_name_warnings(&outcome.warnings);
    assert_eq!(
        warnings.len(),
        1,
        "one warning for the pair of names:\n{}",
        show(&outcome.warnings)
    );
    let warning = warnings[0];
    assert!(!warning.is_error());
    assert!(warning.path.ends_with("content/agreements/two-names.yaml"));
    assert_eq!((warning.line, warning.column), (14, 17));
    assert_eq!(
        warning.text(),
        "organisation number 212000-0746 is also used for `Testkommunen` (content/agreements/base.yaml:14:17); the same number under two names is merged into one organisation: check the number, or write the names the same"
    );
    let rendered = warning.to_string();
    assert!(
        rendered.starts_with("warning: content/agreements/two-names.yaml:14:17: ")
            && rendered.contains("14 |     org_number: 212000-0746\n")
            && rendered.ends_with(&format!("| {}^", " ".repeat(16))),
        "{rendered}"
    );
    // What the warning says happens: the three parties are one organisation.
    let with_number: Vec<&str> = outcome
        .site
        .organisations
        .iter()
        .filter(|o| {
            o.org_number
                .as_ref()
                .is_some_and(|n| n.digits() == "2120000746")
        })
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(with_number, ["Testkommunen"]);
    assert!(out.path().join("site/index.html").is_file());
}

#[test]
fn names_that_differ_only_in_case_or_spacing_are_the_same_name() {
    // ` testKOMMUNEN  ` and `Föreningen  GLÄNTAN` in one file, `Testkommunen` and
    // `föreningen gläntan` in another and in `base.yaml`.
    let site = site_with(&["same-name-other-case.yaml", "same-name-other-spacing.yaml"]);
    let outcome = passes(site.path());
    let warnings = two_name_warnings(&outcome.warnings);
    assert!(warnings.is_empty(), "{}", show(&outcome.warnings));
}

/// One hidden character in one fixture, and the error it must give.
struct Case {
    fixture: &'static str,
    hidden: char,
    line: usize,
    column: usize,
    message: &'static str,
}

const CASES: &[Case] = &[
    Case {
        // `  - name: Testföre<U+202E>ningen`: the override stands after the eighth letter of
        // a value starting in column 11.
        fixture: "rlo-in-party-name.yaml",
        hidden: '\u{202E}',
        line: 15,
        column: 19,
        message: "the party name contains an invisible control character U+202E (RIGHT-TO-LEFT OVERRIDE), which can reverse the text around it on the page; delete it (retype the text by hand)",
    },
    Case {
        fixture: "zwsp-in-title.yaml",
        hidden: '\u{200B}',
        line: 1,
        column: 26,
        message: "the title contains an invisible character U+200B (ZERO WIDTH SPACE), which does not show on the page but makes the text differ from what it looks like; delete it (retype the text by hand)",
    },
    Case {
        // One error, not also "contains `<U+FEFF>`" from the organisation number's own check.
        fixture: "feff-in-org-number.yaml",
        hidden: '\u{FEFF}',
        line: 14,
        column: 21,
        message: "the organisation number contains an invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE), which does not show on the page but makes the text differ from what it looks like; delete it (retype the text by hand)",
    },
    Case {
        // In quotes: the column counts the opening quote.
        fixture: "page-isolate-in-title.md",
        hidden: '\u{2067}',
        line: 2,
        column: 12,
        message: "the page title contains an invisible control character U+2067 (RIGHT-TO-LEFT ISOLATE), which can reverse the text around it on the page; delete it (retype the text by hand)",
    },
    Case {
        fixture: "site-soft-hyphen-in-publisher.yaml",
        hidden: '\u{AD}',
        line: 5,
        column: 16,
        message: "the publisher contains an invisible character U+00AD (SOFT HYPHEN), which does not show on the page but makes the text differ from what it looks like; delete it (retype the text by hand)",
    },
    Case {
        // Written as an escape, the character is nowhere in the file: the value is shown.
        fixture: "report-escaped-override.md",
        hidden: '\\',
        line: 4,
        column: 8,
        message: "the report title contains an invisible control character U+202E (RIGHT-TO-LEFT OVERRIDE), which can reverse the text around it on the page; delete it (retype the text by hand)",
    },
];

#[test]
fn hidden_characters_are_errors_at_the_character() {
    let mut failures = Vec::new();
    for case in CASES {
        assert!(
            fixture_text(case.fixture).contains(case.hidden),
            "{} lost its {:?}",
            case.fixture,
            case.hidden
        );
        let site = site_with(&[case.fixture]);
        let diagnostics = errors_of(site.path());
        let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
        let path = destination(case.fixture);
        let right = errors.len() == 1
            && errors[0].path.ends_with(&path)
            && (errors[0].line, errors[0].column) == (case.line, case.column)
            && errors[0].text() == case.message;
        if !right {
            failures.push(format!(
                "--- {}: expected the one error\n  {path}:{}:{}: {}\nbut got\n{}",
                case.fixture,
                case.line,
                case.column,
                case.message,
                show(&diagnostics)
            ));
            continue;
        }
        let rendered = errors[0].to_string();
        let head = format!("error: {path}:{}:{}: ", case.line, case.column);
        if !rendered.starts_with(&head) {
            failures.push(format!(
                "--- {}: should start with `{head}`:\n{rendered}",
                case.fixture
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn markdown_text_and_emoji_joiners_may_stay() {
    // A soft hyphen and emoji joiners in the page's text, and a joiner inside the emoji
    // (👩 U+200D 💻) of its title.
    let text = fixture_text("page-markdown-keeps-soft-hyphens.md");
    assert!(text.contains('\u{AD}') && text.contains('\u{200D}'));
    let site = site_with(&["page-markdown-keeps-soft-hyphens.md"]);
    let outcome = passes(site.path());
    assert!(outcome.warnings.is_empty(), "{}", show(&outcome.warnings));
}

#[test]
fn every_fixture_is_used() {
    let used: Vec<&str> = CASES
        .iter()
        .map(|c| c.fixture)
        .chain([
            "two-names.yaml",
            "two-names-again.yaml",
            "same-name-other-case.yaml",
            "same-name-other-spacing.yaml",
            "page-markdown-keeps-soft-hyphens.md",
        ])
        .collect();
    let mut unused = Vec::new();
    for entry in fs::read_dir(fixtures().join("names")).expect("read fixtures") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if !used.contains(&name.as_str()) {
            unused.push(name);
        }
    }
    assert!(unused.is_empty(), "fixtures without a test: {unused:?}");
}
