//! Every kind of broken content the user can write must be reported with the right file, line,
//! column and a message in the user's words, and must never stop the check from reporting the
//! other problems.
//!
//! Each case copies `tests/fixtures/minimal` (a small valid site) into a fresh temporary
//! folder, drops one fixture from `tests/fixtures/invalid/` into it and runs `iopsite::check`.

mod common;
use common::{fixtures, minimal_site, show};

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use iopsite::diagnostics::Diagnostic;
use iopsite::l10n::{Language, try_render};
use iopsite::{BuildOptions, Failure};

fn options() -> BuildOptions {
    BuildOptions {
        as_of: Some(NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date")),
        ..Default::default()
    }
}

/// Runs `check` and returns its diagnostics, failing the test if the check passed.
fn errors_of(site: &Path) -> Vec<Diagnostic> {
    match iopsite::check(site, &options()) {
        Ok(_) => panic!("check passed, but the content is broken"),
        Err(Failure::Content(diagnostics)) => diagnostics,
        Err(other) => panic!("expected content errors, got {other}"),
    }
}

/// One expected diagnostic: where it points and what it says.
#[derive(Debug, Clone, Copy)]
struct Expected {
    /// Path relative to the site folder, e.g. `content/agreements/goal-zero.yaml`.
    path: &'static str,
    line: usize,
    column: usize,
    /// The message in English.
    message: &'static str,
    /// The same message in Swedish.
    sv: &'static str,
}

/// Checks that `diagnostics` holds an error equal to `expected` (in English and in Swedish),
/// and that its rendered form starts with `error: PATH:LINE:COL:` (`fel: …` in Swedish) and
/// quotes the offending source line with a caret.
fn find_reported(
    site: &Path,
    diagnostics: &[Diagnostic],
    expected: &Expected,
) -> Result<(), String> {
    let found = diagnostics.iter().find(|d| {
        d.is_error()
            && d.path.ends_with(expected.path)
            && d.line == expected.line
            && d.column == expected.column
            && d.text() == expected.message
    });
    let Some(found) = found else {
        return Err(format!(
            "expected\n  error: {}:{}:{}: {}\nbut got\n{}",
            expected.path,
            expected.line,
            expected.column,
            expected.message,
            show(diagnostics)
        ));
    };
    let swedish = try_render(Language::Sv, &found.message)?;
    if swedish != expected.sv {
        return Err(format!(
            "the Swedish message of {}:{}:{} should be\n  {}\nbut is\n  {swedish}",
            expected.path, expected.line, expected.column, expected.sv
        ));
    }
    try_render(Language::En, &found.message)?;
    let rendered = found.to_string();
    let place = match (expected.line, expected.column) {
        (0, _) => format!("{}: ", expected.path),
        (l, 0) => format!("{}:{l}: ", expected.path),
        (l, c) => format!("{}:{l}:{c}: ", expected.path),
    };
    let head = format!("error: {place}");
    if !rendered.starts_with(&head) {
        return Err(format!(
            "rendered diagnostic should start with `{head}`:\n{rendered}"
        ));
    }
    let svenska = found.display(Language::Sv).to_string();
    if !svenska.starts_with(&format!("fel: {place}{swedish}")) {
        return Err(format!(
            "the Swedish diagnostic should start with `fel: {place}`:\n{svenska}"
        ));
    }
    if expected.line > 0 {
        let bytes = fs::read(site.join(expected.path)).expect("read the broken file");
        let text = String::from_utf8_lossy(&bytes);
        let source_line = text
            .lines()
            .nth(expected.line - 1)
            .expect("the line exists in the file");
        if !rendered.contains(&format!("{} | {source_line}\n", expected.line)) {
            return Err(format!(
                "rendered diagnostic should quote line {} `{source_line}`:\n{rendered}",
                expected.line
            ));
        }
        let lead: String = source_line
            .chars()
            .take(expected.column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        if !rendered.ends_with(&format!("| {lead}^")) {
            return Err(format!(
                "the caret should be under column {}:\n{rendered}",
                expected.column
            ));
        }
    }
    Ok(())
}

fn assert_reported(site: &Path, diagnostics: &[Diagnostic], expected: &Expected) {
    if let Err(text) = find_reported(site, diagnostics, expected) {
        panic!("{text}");
    }
}

/// One broken file: which fixture, where it goes in the site, and what must be reported.
struct Case {
    /// File name in `tests/fixtures/invalid/`.
    fixture: &'static str,
    expected: Expected,
}

/// Where a fixture goes: agreements (`.yaml`) into `content/agreements/`, reports and pages
/// (`.md`) into `content/reports/` or `content/pages/`, `site-*.yaml` replaces `site.yaml`.
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

const fn case(
    fixture: &'static str,
    path: &'static str,
    line: usize,
    column: usize,
    message: &'static str,
    sv: &'static str,
) -> Case {
    Case {
        fixture,
        expected: Expected {
            path,
            line,
            column,
            message,
            sv,
        },
    }
}

const CASES: &[Case] = &[
    // --- YAML and the schema -------------------------------------------------------------
    case(
        // `org_number` indented by three spaces instead of four.
        "yaml-syntax-error.yaml",
        "content/agreements/yaml-syntax-error.yaml",
        14,
        4,
        "the indentation does not match the lines above; check the spaces at the start of this line (the YAML parser says: while parsing a block collection, did not find expected '-' indicator)",
        "indraget stämmer inte med raderna ovanför; kontrollera mellanslagen i början av raden (YAML-tolken säger: while parsing a block collection, did not find expected '-' indicator)",
    ),
    case(
        // An unquoted `: ` inside a title, as in many Swedish document titles.
        "yaml-colon-in-text.yaml",
        "content/agreements/yaml-colon-in-text.yaml",
        8,
        27,
        "a `: ` inside a value starts a new key; put the whole value in quotes, e.g. title: \"IOP: Mötesplats\" (the YAML parser says: mapping values are not allowed in this context)",
        "ett `: ` inne i ett värde inleder en ny nyckel; sätt hela värdet inom citattecken, t.ex. title: \"IOP: Mötesplats\" (YAML-tolken säger: mapping values are not allowed in this context)",
    ),
    case(
        // A tab before `kind:` on line 13. YAML forbids tabs for indentation; the problem is
        // on line 13, column 1.
        "yaml-tab-indent.yaml",
        "content/agreements/yaml-tab-indent.yaml",
        13,
        1,
        "a tab character is used for indentation; YAML needs spaces",
        "raden är indragen med ett tabbtecken; YAML kräver mellanslag",
    ),
    case(
        "unknown-key.yaml",
        "content/agreements/unknown-key.yaml",
        3,
        1,
        "unknown key `short_titel`; did you mean `short_title`? (expected one of title, short_title, form, diary_numbers, summary, background, purpose, target_group, delimitations, values, termination, objectives, activities, sources, parties, period, funding, in_kind, payment, follow_up, decisions, goals, outcomes, language)",
        "okänd nyckel `short_titel`; menade du `short_title`? (tillåtna nycklar är title, short_title, form, diary_numbers, summary, background, purpose, target_group, delimitations, values, termination, objectives, activities, sources, parties, period, funding, in_kind, payment, follow_up, decisions, goals, outcomes, language)",
    ),
    case(
        "wrong-type.yaml",
        "content/agreements/wrong-type.yaml",
        26,
        22,
        "expected a whole number (0 or more) here",
        "här ska det stå ett heltal (0 eller mer)",
    ),
    case(
        // The second party has no `kind`: point at the start of that party's entry (line 15),
        // not at one of the keys it does have.
        "missing-required-field.yaml",
        "content/agreements/missing-required-field.yaml",
        15,
        5,
        "missing required key `kind` in the entry that starts here",
        "den obligatoriska nyckeln `kind` saknas i posten som börjar här",
    ),
    case(
        // No `summary` at all: point at the start of the file's top-level mapping, not at
        // the last key in the file (`goals:`), which has nothing to do with it.
        "missing-top-level-key.yaml",
        "content/agreements/missing-top-level-key.yaml",
        1,
        1,
        "missing required key `summary`",
        "den obligatoriska nyckeln `summary` saknas",
    ),
    case(
        "empty-file.yaml",
        "content/agreements/empty-file.yaml",
        0,
        0,
        "the file is empty",
        "filen är tom",
    ),
    case(
        "Bad_Name.yaml",
        "content/agreements/Bad_Name.yaml",
        0,
        0,
        "the file name `Bad_Name` is not a valid id: use lower-case letters a-z, digits and single hyphens (it becomes part of the page address)",
        "filnamnet `Bad_Name` är inte ett giltigt id: använd små bokstäver a–z, siffror och enstaka bindestreck (namnet blir en del av sidans adress)",
    ),
    // --- words from a fixed list: the valid ones are named --------------------------------
    case(
        "form-unknown.yaml",
        "content/agreements/form-unknown.yaml",
        3,
        7,
        "form `iop-avtal` is unknown; use one of: iop, operating_grant, other",
        "`iop-avtal` är inget giltigt värde för `form`; använd ett av: iop, operating_grant, other",
    ),
    case(
        "party-kind-unknown.yaml",
        "content/agreements/party-kind-unknown.yaml",
        16,
        11,
        "party kind `ideell` is unknown; use one of: public, nonprofit",
        "`ideell` är inget giltigt värde för `kind` för en part; använd ett av: public, nonprofit",
    ),
    case(
        "decision-status-unknown.yaml",
        "content/agreements/decision-status-unknown.yaml",
        35,
        13,
        "status `beslutad` is unknown; use one of: decided, proposed",
        "`beslutad` är inget giltigt värde för `status`; använd ett av: decided, proposed",
    ),
    case(
        "goal-basis-unknown.yaml",
        "content/agreements/goal-basis-unknown.yaml",
        30,
        12,
        "basis `stated` is unknown; use one of: named (in the agreement text), assessed (by the publisher)",
        "`stated` är inget giltigt värde för `basis`; använd ett av: named (nämns i avtalstexten), assessed (bedömt av utgivaren)",
    ),
    case(
        "outcome-kind-unknown.yaml",
        "content/agreements/outcome-kind-unknown.yaml",
        32,
        11,
        "outcome kind `hävd` is unknown; use one of: ended_early (the parties ended it before its end), terminated (a party terminated it, e.g. for breach), annulled (it was annulled or declared void), judged_unlawful (a court judged it unlawful)",
        "`hävd` är inget giltigt värde för `kind` för ett utfall; använd ett av: ended_early (parterna avslutade den i förtid), terminated (en part sade upp den, t.ex. för avtalsbrott), annulled (den har upphävts eller förklarats ogiltig), judged_unlawful (en domstol har funnit den olaglig)",
    ),
    // --- dates -----------------------------------------------------------------------------
    case(
        "invalid-date.yaml",
        "content/agreements/invalid-date.yaml",
        20,
        8,
        "`2025-02-30` is not a date; write the day (2025-01-31), or only the month (2025-01) or the year (2025) when that is all that is known, or `unknown` when the end is not known",
        "`2025-02-30` är inget datum; skriv dagen (2025-01-31), eller bara månaden (2025-01) eller året (2025) när det är allt som är känt, eller `unknown` när slutet inte är känt",
    ),
    case(
        // An end that is not known is the word `unknown`, not a Swedish word for it.
        "period-end-word.yaml",
        "content/agreements/period-end-word.yaml",
        20,
        8,
        "`okänt` is not a date; write the day (2025-01-31), or only the month (2025-01) or the year (2025) when that is all that is known, or `unknown` when the end is not known",
        "`okänt` är inget datum; skriv dagen (2025-01-31), eller bara månaden (2025-01) eller året (2025) när det är allt som är känt, eller `unknown` när slutet inte är känt",
    ),
    case(
        "end-before-start.yaml",
        "content/agreements/end-before-start.yaml",
        20,
        8,
        "the period ends (2025-12-31) before it starts (2026-01-01)",
        "perioden slutar (2025-12-31) innan den börjar (2026-01-01)",
    ),
    // --- organisation numbers -------------------------------------------------------------
    case(
        "org-number-wrong-length.yaml",
        "content/agreements/org-number-wrong-length.yaml",
        14,
        17,
        "organisation number `21200-0746` has 9 digits; it must have 10 (NNNNNN-NNNN)",
        "organisationsnumret `21200-0746` har 9 siffror; det ska ha 10 (NNNNNN-NNNN)",
    ),
    case(
        "org-number-luhn.yaml",
        "content/agreements/org-number-luhn.yaml",
        14,
        17,
        "organisation number `212000-0747` fails the check-digit (Luhn) test; check for a typing error",
        "organisationsnumret `212000-0747` klarar inte kontrollsiffran (Luhn); kontrollera om det är felskrivet",
    ),
    // --- goals -----------------------------------------------------------------------------
    case(
        "goal-zero.yaml",
        "content/agreements/goal-zero.yaml",
        29,
        11,
        "goal 0 does not exist; the Agenda 2030 goals are numbered 1 to 17",
        "mål 0 finns inte; Agenda 2030-målen är numrerade 1 till 17",
    ),
    case(
        "goal-eighteen.yaml",
        "content/agreements/goal-eighteen.yaml",
        29,
        11,
        "goal 18 does not exist; the Agenda 2030 goals are numbered 1 to 17",
        "mål 18 finns inte; Agenda 2030-målen är numrerade 1 till 17",
    ),
    case(
        // Goal 5 has targets 5.1–5.6 and 5.a–5.c; 5.7 does not exist.
        "goal-target-unknown.yaml",
        "content/agreements/goal-target-unknown.yaml",
        30,
        22,
        "`5.7` is not a target of goal 5; its targets are 5.1–5.6 and 5.a–5.c",
        "`5.7` är inget delmål till mål 5; dess delmål är 5.1–5.6 och 5.a–5.c",
    ),
    case(
        "goal-target-other-goal.yaml",
        "content/agreements/goal-target-other-goal.yaml",
        30,
        20,
        "target 3.4 belongs to goal 3, not goal 5; list it under goal 3",
        "delmål 3.4 hör till mål 3, inte mål 5; för upp det under mål 3",
    ),
    // --- amounts ---------------------------------------------------------------------------
    case(
        "negative-amount.yaml",
        "content/agreements/negative-amount.yaml",
        24,
        13,
        "the amount -5000 is negative; amounts are whole kronor, 0 or more",
        "beloppet -5000 är negativt; belopp anges i hela kronor, 0 eller mer",
    ),
    case(
        "absurd-amount.yaml",
        "content/agreements/absurd-amount.yaml",
        24,
        13,
        "the amount 99999999999 kr is over ten billion kronor a year; is a digit too many?",
        "beloppet 99999999999 kr är över tio miljarder kronor om året; är det en siffra för mycket?",
    ),
    case(
        "amount-as-text.yaml",
        "content/agreements/amount-as-text.yaml",
        24,
        13,
        "`650 000` is not an amount; write whole kronor without separators: 650000",
        "`650 000` är inget belopp; skriv hela kronor utan avgränsare: 650000",
    ),
    case(
        "funding-amount-and-total.yaml",
        "content/agreements/funding-amount-and-total.yaml",
        25,
        12,
        "give either `amount` (for each year) or `total` (for all the years together), not both",
        "ange antingen `amount` (för varje år) eller `total` (för alla åren tillsammans), inte båda",
    ),
    case(
        "funding-without-amount.yaml",
        "content/agreements/funding-without-amount.yaml",
        22,
        12,
        "this funding line has no amount; add `amount:` (whole kronor a year), or `total:` (for all its years together), with `unpublished` or `unknown` where the sum is not public or not known",
        "finansieringsraden saknar belopp; lägg till `amount:` (hela kronor per år) eller `total:` (för alla dess år tillsammans), med `unpublished` eller `unknown` där summan inte är offentlig eller inte känd",
    ),
    case(
        // A court's fine is known when it is written: `unknown` means leave it out.
        "outcome-fine-unknown.yaml",
        "content/agreements/outcome-fine-unknown.yaml",
        34,
        11,
        "write the fine in whole kronor, or leave `fine` out if it is not known",
        "skriv vitet i hela kronor, eller utelämna `fine` om det inte är känt",
    ),
    // --- names that must refer to parties --------------------------------------------------
    case(
        "funder-not-a-party.yaml",
        "content/agreements/funder-not-a-party.yaml",
        23,
        13,
        "the funder `Testregionen` is not a party of this agreement; the parties are `Testkommunen`, `Testföreningen`",
        "finansiären (funder) `Testregionen` är ingen part i den här överenskommelsen; parterna är `Testkommunen`, `Testföreningen`",
    ),
    case(
        "duplicate-party-name.yaml",
        "content/agreements/duplicate-party-name.yaml",
        15,
        11,
        "two parties are named `Testkommunen`; each party needs its own name",
        "två parter heter `Testkommunen`; varje part behöver ett eget namn",
    ),
    case(
        "convener-not-a-party.yaml",
        "content/agreements/convener-not-a-party.yaml",
        27,
        13,
        "the convener `Testnämnden` is not a party of this agreement; the parties are `Testkommunen`, `Testföreningen`",
        "den som kallar (convener) `Testnämnden` är ingen part i den här överenskommelsen; parterna är `Testkommunen`, `Testföreningen`",
    ),
    case(
        "funding-year-outside-period.yaml",
        "content/agreements/funding-year-outside-period.yaml",
        22,
        12,
        "funding for 2023–2026 lies outside the agreement's period (2024–2026)",
        "finansieringen för 2023–2026 ligger utanför överenskommelsens period (2024–2026)",
    ),
    // --- links -----------------------------------------------------------------------------
    case(
        "source-url-javascript.yaml",
        "content/agreements/source-url-javascript.yaml",
        10,
        10,
        "`javascript:alert(1)` is not a web address; links must start with https:// or http://",
        "`javascript:alert(1)` är ingen webbadress; länkar måste börja med https:// eller http://",
    ),
    case(
        "site-base-url-not-http.yaml",
        "content/site.yaml",
        3,
        11,
        "base_url `example.org/iop/` must be a full address starting with https:// (or http://)",
        "base_url `example.org/iop/` måste vara en fullständig adress som börjar med https:// (eller http://)",
    ),
    // --- reports and pages -----------------------------------------------------------------
    case(
        "report-unknown-agreement.md",
        "content/reports/report-unknown-agreement.md",
        2,
        12,
        "there is no agreement `bas`; the agreements are: base",
        "det finns ingen överenskommelse `bas`; överenskommelserna är: base",
    ),
    case(
        "report-year-outside-period.md",
        "content/reports/report-year-outside-period.md",
        3,
        7,
        "the year 2027 is outside the agreement `base`, which runs 2024–2026",
        "året 2027 ligger utanför överenskommelsen `base`, som gäller 2024–2026",
    ),
    case(
        // Sorts after the fixture's own `base-2024.md`, so this file is the second one.
        "report-duplicate.md",
        "content/reports/report-duplicate.md",
        3,
        7,
        "content/reports/base-2024.md already holds the report for `base` and 2024; keep one file per agreement and year",
        "content/reports/base-2024.md innehåller redan verksamhetsberättelsen för `base` och 2024; ha en fil per överenskommelse och år",
    ),
    case(
        "report-without-front-matter.md",
        "content/reports/report-without-front-matter.md",
        1,
        1,
        "the file must start with front matter: a line `---`, YAML keys, and another line `---`",
        "filen ska börja med ett huvud (front matter): en rad `---`, YAML-nycklar och ännu en rad `---`",
    ),
    case(
        "report-unclosed-front-matter.md",
        "content/reports/report-unclosed-front-matter.md",
        1,
        1,
        "the front matter is not closed: add a line `---` after it",
        "huvudet (front matter) är inte avslutat: lägg till en rad `---` efter det",
    ),
    case(
        "report-wrong-type.md",
        "content/reports/report-wrong-type.md",
        3,
        7,
        "`tjugotjugofyra` is not a year; write the calendar year the report covers as four digits, e.g. year: 2024",
        "`tjugotjugofyra` är inget år; skriv kalenderåret som berättelsen gäller med fyra siffror, t.ex. year: 2024",
    ),
    case(
        "page-missing-title.md",
        "content/pages/page-missing-title.md",
        2,
        1,
        "missing required key `title`",
        "den obligatoriska nyckeln `title` saknas",
    ),
];

#[test]
fn every_invalid_case_is_reported_where_it_is() {
    let mut failures = Vec::new();
    for case in CASES {
        let site = minimal_site();
        let target = site.path().join(destination(case.fixture));
        fs::copy(fixtures().join("invalid").join(case.fixture), &target)
            .unwrap_or_else(|e| panic!("copy {}: {e}", case.fixture));
        let diagnostics = errors_of(site.path());
        if let Err(text) = find_reported(site.path(), &diagnostics, &case.expected) {
            failures.push(format!("--- {}\n{text}", case.fixture));
        } else if diagnostics
            .iter()
            .filter(|d| d.is_error() && d.path.starts_with("content"))
            .count()
            != 1
        {
            // One mistake, one message: a follow-on error would send the user looking for a
            // second problem that is not there.
            failures.push(format!(
                "--- {}\none mistake should give one error, got\n{}",
                case.fixture,
                show(&diagnostics)
            ));
        }
    }
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
    let mut missing = Vec::new();
    for entry in fs::read_dir(fixtures().join("invalid")).expect("read fixtures") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if !CASES.iter().any(|c| c.fixture == name) {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "fixtures without a case: {missing:?}");
}

#[test]
fn a_file_that_is_not_utf8_is_reported_at_the_bad_byte() {
    let site = minimal_site();
    let path = site.path().join("content/agreements/not-utf8.yaml");
    let base = fs::read_to_string(site.path().join("content/agreements/base.yaml")).unwrap();
    // Latin-1 "Testföreningen" as an old editor would save it: ö is the single byte 0xF6,
    // and a stray 0xFF further on.
    let mut bytes = Vec::new();
    for line in base.lines() {
        if line == "  - name: Testföreningen" {
            bytes.extend_from_slice(b"  - name: Testf\xF6reningen \xFF\n");
        } else {
            bytes.extend_from_slice(line.as_bytes());
            bytes.push(b'\n');
        }
    }
    fs::write(&path, &bytes).unwrap();
    let diagnostics = errors_of(site.path());
    assert_reported(
        site.path(),
        &diagnostics,
        &Expected {
            path: "content/agreements/not-utf8.yaml",
            line: 15,
            column: 16,
            message: "the file is not UTF-8 text; save it as UTF-8",
            sv: "filen är inte UTF-8-text; spara den som UTF-8",
        },
    );
}

#[test]
fn the_minimal_site_passes() {
    let site = minimal_site();
    if let Err(err) = iopsite::check(site.path(), &options()) {
        match err {
            Failure::Content(d) => panic!("the minimal site should pass:\n{}", show(&d)),
            other => panic!("the minimal site should pass: {other}"),
        }
    }
}

#[test]
fn an_org_number_with_en_dash_and_spaces_is_accepted() {
    let site = minimal_site();
    let path = site.path().join("content/agreements/base.yaml");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("org_number: 212000-0746"));
    let text = text
        .replace(
            "org_number: 212000-0746",
            "org_number: 21 20 00 \u{2013} 0746",
        )
        .replace(
            "org_number: 832401-8780",
            "org_number: \"832401\u{2013}8780\"",
        );
    fs::write(&path, text).unwrap();
    match iopsite::check(site.path(), &options()) {
        Ok(outcome) => {
            let parties = &outcome.site.agreements[0].agreement.parties;
            let numbers: Vec<String> = parties
                .iter()
                .map(|p| {
                    p.org_number
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default()
                })
                .collect();
            assert_eq!(numbers, ["212000-0746", "832401-8780"]);
        }
        Err(Failure::Content(d)) => panic!("the org numbers should be accepted:\n{}", show(&d)),
        Err(other) => panic!("the org numbers should be accepted: {other}"),
    }
}

#[test]
fn all_problems_of_a_run_are_reported_together() {
    let site = minimal_site();
    let content = site.path().join("content");
    let base = fs::read_to_string(content.join("agreements/base.yaml")).unwrap();
    let broken = base
        .replace("org_number: 212000-0746", "org_number: 212000-0747")
        .replace("    funder: Testkommunen\n", "    funder: Testregionen\n")
        .replace("  - goal: 10\n", "  - goal: 18\n");
    fs::write(content.join("agreements/many-problems.yaml"), broken).unwrap();
    fs::copy(
        fixtures().join("invalid/report-unknown-agreement.md"),
        content.join("reports/report-unknown-agreement.md"),
    )
    .unwrap();
    fs::copy(
        fixtures().join("invalid/amount-as-text.yaml"),
        content.join("agreements/amount-as-text.yaml"),
    )
    .unwrap();
    let diagnostics = errors_of(site.path());
    let expected = [
        Expected {
            path: "content/agreements/many-problems.yaml",
            line: 14,
            column: 17,
            message: "organisation number `212000-0747` fails the check-digit (Luhn) test; check for a typing error",
            sv: "organisationsnumret `212000-0747` klarar inte kontrollsiffran (Luhn); kontrollera om det är felskrivet",
        },
        Expected {
            path: "content/agreements/many-problems.yaml",
            line: 23,
            column: 13,
            message: "the funder `Testregionen` is not a party of this agreement; the parties are `Testkommunen`, `Testföreningen`",
            sv: "finansiären (funder) `Testregionen` är ingen part i den här överenskommelsen; parterna är `Testkommunen`, `Testföreningen`",
        },
        Expected {
            path: "content/agreements/many-problems.yaml",
            line: 29,
            column: 11,
            message: "goal 18 does not exist; the Agenda 2030 goals are numbered 1 to 17",
            sv: "mål 18 finns inte; Agenda 2030-målen är numrerade 1 till 17",
        },
        Expected {
            path: "content/agreements/amount-as-text.yaml",
            line: 24,
            column: 13,
            message: "`650 000` is not an amount; write whole kronor without separators: 650000",
            sv: "`650 000` är inget belopp; skriv hela kronor utan avgränsare: 650000",
        },
        Expected {
            path: "content/reports/report-unknown-agreement.md",
            line: 2,
            column: 12,
            // The agreements that failed their own checks are not listed as known, but the
            // report's reference to an unknown id is still found.
            message: "there is no agreement `bas`; the agreements are: base",
            sv: "det finns ingen överenskommelse `bas`; överenskommelserna är: base",
        },
    ];
    for e in &expected {
        assert_reported(site.path(), &diagnostics, e);
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    assert_eq!(
        errors,
        expected.len(),
        "unexpected extra errors:\n{}",
        show(&diagnostics)
    );
}

#[test]
fn a_report_for_a_broken_agreement_is_not_called_unknown() {
    // The agreement exists but has a mistake of its own. Its report must not get a second,
    // misleading error saying there is no such agreement.
    let site = minimal_site();
    let content = site.path().join("content");
    fs::copy(
        fixtures().join("invalid/goal-eighteen.yaml"),
        content.join("agreements/goal-eighteen.yaml"),
    )
    .unwrap();
    fs::write(
        content.join("reports/goal-eighteen-2024.md"),
        "---\nagreement: goal-eighteen\nyear: 2024\n---\nText.\n",
    )
    .unwrap();
    let diagnostics = errors_of(site.path());
    assert_reported(
        site.path(),
        &diagnostics,
        &Expected {
            path: "content/agreements/goal-eighteen.yaml",
            line: 29,
            column: 11,
            message: "goal 18 does not exist; the Agenda 2030 goals are numbered 1 to 17",
            sv: "mål 18 finns inte; Agenda 2030-målen är numrerade 1 till 17",
        },
    );
    let on_report: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.path.ends_with("content/reports/goal-eighteen-2024.md"))
        .cloned()
        .collect();
    assert!(
        on_report.is_empty(),
        "the report of a broken agreement got a follow-on error:\n{}",
        show(&on_report)
    );
}
