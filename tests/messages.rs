//! Messages an editor can act on: a value the YAML parser cannot read is quoted as the editor
//! wrote it, with what to write instead, at the position of the value.
//!
//! Each case copies `tests/fixtures/minimal` (a small valid site) into a fresh temporary
//! folder, drops one fixture from `tests/fixtures/messages/` into it and runs `iopsite::check`.

mod common;
use common::{fixtures, minimal_site, show};

use std::fs;

use chrono::NaiveDate;
use iopsite::diagnostics::Diagnostic;
use iopsite::{BuildOptions, Failure};

/// One broken file and the one error it must give.
struct Case {
    /// File name in `tests/fixtures/messages/`.
    fixture: &'static str,
    line: usize,
    column: usize,
    /// The message in English.
    message: &'static str,
    /// The same message in Swedish.
    sv: &'static str,
}

const CASES: &[Case] = &[
    Case {
        // A decimal comma, as in Swedish.
        fixture: "report-value-decimal-comma.md",
        line: 9,
        column: 12,
        message: "`3,5` is not a number; write decimals with a point (3.5) and no spaces or thousands separators",
        sv: "`3,5` är inget tal; skriv decimaler med punkt (3.5) och utan mellanslag och tusentalsavgränsare",
    },
    Case {
        fixture: "report-value-space.md",
        line: 9,
        column: 12,
        message: "`1 200` is not a number; write it with no spaces or thousands separators (1200) and decimals with a point",
        sv: "`1 200` är inget tal; skriv det utan mellanslag och tusentalsavgränsare (1200) och med decimalpunkt",
    },
    Case {
        fixture: "goal-word.yaml",
        line: 29,
        column: 11,
        message: "`jämställdhet` is not a goal number; write the number of the Agenda 2030 goal, 1–17 (goal 5 is Gender equality / Jämställdhet)",
        sv: "`jämställdhet` är inget målnummer; skriv numret på Agenda 2030-målet, 1–17 (mål 5 heter Jämställdhet)",
    },
    Case {
        // Part of a goal's name is enough to find it.
        fixture: "goal-partial-word.yaml",
        line: 29,
        column: 11,
        message: "`jämställd` is not a goal number; write the number of the Agenda 2030 goal, 1–17 (goal 5 is Gender equality / Jämställdhet)",
        sv: "`jämställd` är inget målnummer; skriv numret på Agenda 2030-målet, 1–17 (mål 5 heter Jämställdhet)",
    },
    Case {
        fixture: "report-year-range.md",
        line: 3,
        column: 7,
        message: "`2024/2025` is not one year; a report covers one calendar year: write year: 2024 (and make a report per year)",
        sv: "`2024/2025` är inte ett enda år; en verksamhetsberättelse gäller ett kalenderår: skriv year: 2024 (och gör en berättelse per år)",
    },
    Case {
        fixture: "boolean-ja.yaml",
        line: 21,
        column: 24,
        message: "`ja` is not true or false; write true (ja) or false (nej)",
        sv: "`ja` är varken true eller false; skriv true (ja) eller false (nej)",
    },
    Case {
        fixture: "site-boolean-ja.yaml",
        line: 6,
        column: 26,
        message: "`ja` is not true or false; write true (ja) or false (nej)",
        sv: "`ja` är varken true eller false; skriv true (ja) eller false (nej)",
    },
    Case {
        // `amount:500000`: points where the space is missing.
        fixture: "amount-no-space.yaml",
        line: 24,
        column: 12,
        message: "a key needs a space after its colon: write `amount: 500000`",
        sv: "en nyckel behöver ett mellanslag efter kolonet: skriv `amount: 500000`",
    },
    Case {
        // `kind:` one space to the right of `name:` in the entry above; not a quoting problem.
        fixture: "extra-indent.yaml",
        line: 16,
        column: 6,
        message: "this line is indented more than the line above; keys of the same entry start in the same column (column 5)",
        sv: "raden är mer indragen än raden ovanför; nycklarna i samma post ska börja i samma kolumn (kolumn 5)",
    },
    Case {
        // YAML reads `500.000` as the number 500; the message quotes what was written.
        fixture: "amount-thousands-point.yaml",
        line: 24,
        column: 13,
        message: "`500.000` is not an amount; write whole kronor without separators: 500000",
        sv: "`500.000` är inget belopp; skriv hela kronor utan avgränsare: 500000",
    },
];

/// Where a fixture goes: `site-*.yaml` replaces `site.yaml`, reports (`.md`) go into
/// `content/reports/`, agreements into `content/agreements/`.
fn destination(fixture: &str) -> String {
    if fixture.starts_with("site-") {
        "content/site.yaml".to_string()
    } else if fixture.ends_with(".md") {
        format!("content/reports/{fixture}")
    } else {
        format!("content/agreements/{fixture}")
    }
}

/// The one error `case` must give, or what went wrong.
fn check_case(case: &Case) -> Result<(), String> {
    let site = minimal_site();
    let path = destination(case.fixture);
    fs::copy(
        fixtures().join("messages").join(case.fixture),
        site.path().join(&path),
    )
    .map_err(|e| format!("copy: {e}"))?;
    let options = BuildOptions {
        as_of: Some(NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date")),
        ..Default::default()
    };
    let diagnostics = match iopsite::check(site.path(), &options) {
        Ok(_) => return Err("check passed, but the content is broken".into()),
        Err(Failure::Content(diagnostics)) => diagnostics,
        Err(other) => return Err(format!("expected content errors, got {other}")),
    };
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    let [found] = errors.as_slice() else {
        return Err(format!(
            "one mistake should give one error, got\n{}",
            show(&diagnostics)
        ));
    };
    if !found.path.ends_with(&path)
        || (found.line, found.column) != (case.line, case.column)
        || found.text() != case.message
    {
        return Err(format!(
            "expected\n  error: {path}:{}:{}: {}\nbut got\n{}",
            case.line,
            case.column,
            case.message,
            show(&diagnostics)
        ));
    }
    let swedish = iopsite::l10n::try_render(iopsite::l10n::Language::Sv, &found.message)?;
    if swedish != case.sv {
        return Err(format!(
            "the Swedish message at {path}:{}:{} should be\n  {}\nbut is\n  {swedish}",
            case.line, case.column, case.sv
        ));
    }
    // The rendered error quotes the line and puts the caret under the column.
    let text = fs::read_to_string(site.path().join(&path)).expect("read the fixture");
    let source_line = text.lines().nth(case.line - 1).expect("the line exists");
    let rendered = found.to_string();
    let caret = format!("| {}^", " ".repeat(case.column - 1));
    if !rendered.contains(&format!("{} | {source_line}\n", case.line))
        || !rendered.ends_with(&caret)
    {
        return Err(format!(
            "the rendered error should quote line {} with a caret under column {}:\n{rendered}",
            case.line, case.column
        ));
    }
    Ok(())
}

#[test]
fn every_message_says_what_to_write() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|case| {
            check_case(case)
                .err()
                .map(|text| format!("--- {}\n{text}", case.fixture))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_fixture_has_a_case() {
    let missing: Vec<String> = fs::read_dir(fixtures().join("messages"))
        .expect("read fixtures")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| !CASES.iter().any(|c| c.fixture == name))
        .collect();
    assert!(missing.is_empty(), "fixtures without a case: {missing:?}");
}
