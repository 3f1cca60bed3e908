//! Every field `docs/format.md` documents reaches a page or a data file, or the docs say why
//! not.
//!
//! The test takes the four commented examples out of the format reference (`site.yaml`, an
//! agreement, a report and a page), builds them as a site and looks for every value they
//! hold in what the build wrote: the text of the HTML pages (tags stripped, entities decoded,
//! white space collapsed), the feed, and the data files in `data/`. A value the reference
//! documents must be found, be in [`NOT_SHOWN`] with the reason (which the reference gives
//! too), or be in [`KNOWN_GAPS`] until the output shows it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use chrono::{Months, NaiveDate};
use iopsite::BuildOptions;
use serde_json::Value;

/// The date the test builds for: inside the example agreement's period, after the example
/// report's year and after the example decision.
const AS_OF: (i32, u32, u32) = (2025, 9, 1);

/// A value shorter than this is found by chance (`4`, `sv`, `2024`), so it needs an entry in
/// [`SHOWN`] that says how it shows.
const MIN_PLAIN_CHARS: usize = 5;

/// Fields that by design (or, for `as_of` and the site's `reports_from`, because something
/// else wins over them in this build) do not reach the output, with the reason.
/// `docs/format.md` gives the reason at the field and under "What is not shown".
const NOT_SHOWN: &[(&str, &str)] = &[
    (
        "site.as_of",
        "the date status is computed for; --as-of wins over it and this test passes one",
    ),
    (
        "site.publish_contact_details",
        "a switch; with false, phone and e-mail are left out (checked below)",
    ),
    (
        "site.content_language",
        "marks content with lang=… only when it differs from `language`; not shown as text",
    ),
    (
        "site.reports_from",
        "the example agreement's follow_up.reports_from wins over it",
    ),
    (
        "site.ending_soon_months",
        "only decides when the status is \"ending soon\"; the example agreement's \
         extension.decision_months_before_end wins over it",
    ),
    (
        "agreement.language",
        "marks the agreement's texts with lang=… only when it differs from the interface \
         language; not shown as text",
    ),
    (
        "agreement.parties.contacts.phone",
        "published only with publish_contact_details: true (checked below)",
    ),
    (
        "agreement.parties.contacts.email",
        "published only with publish_contact_details: true (checked below)",
    ),
    (
        "report.language",
        "marks the report with lang=… only when it differs from the interface language; \
         not shown as text",
    ),
    (
        "page.order",
        "only orders the footer menu; the number is not shown",
    ),
    (
        "site.rows_per_page",
        "only decides where lists are split; the example's lists fit on one page",
    ),
];

/// Fields that should reach a page or a data file but do not yet, each with what is
/// missing. The test fails when one of them is found, so that it is taken off this list.
const KNOWN_GAPS: &[(&str, &str)] = &[];

/// Hidden fields whose values must not appear anywhere in the output, not even in the markup.
const MUST_NOT_APPEAR: &[&str] = &[
    "agreement.parties.contacts.phone",
    "agreement.parties.contacts.email",
];

/// How a value shows when it is not written out as it stands.
#[derive(Debug, Clone, Copy)]
enum Shows {
    /// As this text; `{}` stands for the value.
    Text(&'static str),
    /// One text for each word or boolean.
    Words(&'static [(&'static str, &'static str)]),
    /// As the target of a link.
    LinkTarget,
    /// In the markup, not the text; `{}` stands for the value.
    Markup(&'static str),
    /// A year or a range of years: as written, or as records of `data/funding.json` (one per
    /// year of the range, or one for the whole range).
    Years,
    /// A number of months before `period.end`: as the date that falls on, after this text.
    MonthsBeforeEnd(&'static str),
    /// An organisation number: as its `SE-ON-` identifier in the open data.
    OrgId,
}

/// Fields whose values show in another form than as written.
const SHOWN: &[(&str, Shows)] = &[
    // The interface language: the pages' words and their `lang`.
    ("site.language", Shows::Markup("<html lang=\"{}\">")),
    // The form's name in the facts of the agreement page.
    (
        "agreement.form",
        Shows::Words(&[
            ("iop", "Form Idéburet offentligt partnerskap (IOP)"),
            ("operating_grant", "Form Verksamhetsbidrag"),
            ("other", "Form Annan form av överenskommelse"),
        ]),
    ),
    // The party's kind on its card.
    (
        "agreement.parties.kind",
        Shows::Words(&[
            ("public", "Typ Offentlig organisation"),
            ("nonprofit", "Typ Idéburen organisation"),
        ]),
    ),
    // A source's link and an outcome's link: the link around the title or case number.
    ("agreement.sources.url", Shows::LinkTarget),
    ("agreement.outcomes.url", Shows::LinkTarget),
    // "ungefär" after the period on the pages; always in the data files.
    (
        "agreement.period.approximate",
        Shows::Words(&[
            ("true", "\"dates_approximate\": true"),
            ("false", "\"dates_approximate\": false"),
        ]),
    ),
    // A sentence in the facts; nothing when false.
    (
        "agreement.period.ends_without_notice",
        Shows::Words(&[(
            "true",
            "Överenskommelsen upphör utan uppsägning när avtalstiden är slut",
        )]),
    ),
    (
        "agreement.period.extension.max_years",
        Shows::Text("förlängas med högst {} år"),
    ),
    // The date a position on extension is due.
    (
        "agreement.period.extension.decision_months_before_end",
        Shows::MonthsBeforeEnd("ta ställning till förlängning senast"),
    ),
    // The funding table has a row per year; a line with `total` has one row for its years.
    ("agreement.funding.years", Shows::Years),
    ("agreement.decisions.funding.years", Shows::Years),
    (
        "agreement.follow_up.meetings_per_year",
        Shows::Text("Möten {} gånger per år"),
    ),
    (
        "agreement.follow_up.convener",
        Shows::Text("Sammankallande {}"),
    ),
    (
        "agreement.follow_up.reports_from",
        Shows::Text("från och med {}."),
    ),
    (
        "agreement.decisions.status",
        Shows::Words(&[
            ("decided", "Läge Beslutat"),
            ("proposed", "Läge Förslag till beslut"),
        ]),
    ),
    (
        "agreement.outcomes.kind",
        Shows::Words(&[
            ("ended_early", "Avslutad i förtid"),
            ("terminated", "Uppsagd"),
            ("annulled", "Upphävd"),
            ("judged_unlawful", "Olaglig enligt dom"),
        ]),
    ),
    // The goal tile is on every page about goals, so look in the agreement's record.
    // The publisher's number names it in the data catalogue and the 360Giving file.
    ("site.publisher_org_number", Shows::OrgId),
    ("agreement.goals.goal", Shows::Text("\"goals\": [\n    {}")),
    (
        "agreement.goals.basis",
        Shows::Words(&[
            ("named", "Målet nämns i överenskommelsen"),
            ("assessed", "Utgivarens bedömning"),
        ]),
    ),
    ("agreement.goals.targets", Shows::Text("Delmål: {}")),
    ("report.year", Shows::Text("Verksamhetsår {}")),
];

/// The four examples of the reference, as written.
struct Examples {
    site: String,
    agreement: String,
    report: String,
    page: String,
}

/// The first fenced block of `lang` under each `## ` heading of the reference.
fn examples() -> Examples {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md");
    let text = fs::read_to_string(&path).expect("read docs/format.md");
    let mut blocks: BTreeMap<(String, &'static str), String> = BTreeMap::new();
    let (mut heading, mut open): (String, Option<(&'static str, String)>) = (String::new(), None);
    for line in text.lines() {
        match &mut open {
            Some((lang, body)) if line == "```" => {
                let key = (heading.clone(), *lang);
                blocks.entry(key).or_insert_with(|| std::mem::take(body));
                open = None;
            }
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None if line.starts_with("## ") => heading = line[3..].to_owned(),
            None => {
                open = ["yaml", "markdown"]
                    .into_iter()
                    .find(|lang| line.strip_prefix("```") == Some(lang))
                    .map(|lang| (lang, String::new()));
            }
        }
    }
    let mut take = |heading: &str, lang: &'static str| {
        blocks
            .remove(&(heading.to_owned(), lang))
            .unwrap_or_else(|| panic!("docs/format.md has no ```{lang} block under ## {heading}"))
    };
    Examples {
        site: take("site.yaml", "yaml"),
        agreement: take("agreements/NAME.yaml", "yaml"),
        report: take("reports/NAME.md", "markdown"),
        page: take("pages/NAME.md", "markdown"),
    }
}

fn parse_yaml(what: &str, yaml: &str) -> Value {
    serde_saphyr::from_str(yaml).unwrap_or_else(|e| panic!("the {what} example: {e}"))
}

/// Splits a Markdown file into its front matter (parsed) and its body.
fn front_matter(what: &str, text: &str) -> (Value, String) {
    let rest = text
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("the {what} example does not start with ---"));
    let (yaml, body) = rest
        .split_once("\n---\n")
        .unwrap_or_else(|| panic!("the {what} example has no closing ---"));
    (parse_yaml(what, yaml), body.to_owned())
}

/// Every scalar of `value` with its path of keys (list positions left out), e.g.
/// `agreement.parties.contacts.phone`.
fn leaves(path: &str, value: &Value, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                leaves(&format!("{path}.{key}"), v, out);
            }
        }
        Value::Array(items) => {
            for v in items {
                leaves(path, v, out);
            }
        }
        Value::Null => {}
        scalar => out.push((path.to_owned(), scalar.clone())),
    }
}

/// A value as written in the file.
fn written(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Decodes the entities the templates and the Markdown renderer write.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest
            .find(';')
            .filter(|&end| end < 12)
            .map(|end| &rest[1..end]);
        let decoded = entity.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => e
                .strip_prefix("#x")
                .or_else(|| e.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| e.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        });
        match (entity, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of HTML or XML: tags replaced by spaces, entities decoded.
fn text_of_markup(markup: &str) -> String {
    let mut text = String::with_capacity(markup.len());
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    unescape(&text)
}

/// White space of any kind (no-break spaces in amounts too) as one space, none inside
/// brackets or before punctuation, so that `( 2023-06-20 )` and `Mål 10 :` read as written.
fn normalise(text: &str) -> String {
    let spaced: Vec<&str> = text.split(|c: char| c.is_whitespace()).collect();
    let joined = spaced
        .into_iter()
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::with_capacity(joined.len());
    let mut chars = joined.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' && matches!(chars.peek(), Some(')' | ',' | ':' | ';' | '.')) {
            continue;
        }
        out.push(c);
        if c == '(' && chars.peek() == Some(&' ') {
            chars.next();
        }
    }
    out
}

/// What the build wrote, ready to search.
struct Output {
    /// The text of every page and of the feed, and the data files as they are.
    text: String,
    /// The pages' markup as written.
    markup: String,
    /// `(year, last_year)` of every record of `data/funding.json`.
    funding_years: BTreeSet<(i64, i64)>,
}

fn read_output(dir: &Path) -> Output {
    let (mut text, mut markup) = (String::new(), String::new());
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("walk the output");
        let path = entry.path();
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if !matches!(ext, "html" | "xml" | "rdf" | "csv" | "json") {
            continue;
        }
        let content = fs::read_to_string(path).expect("read an output file");
        if matches!(ext, "html" | "xml" | "rdf") {
            text.push_str(&text_of_markup(&content));
            markup.push_str(&content);
        } else {
            text.push_str(&content);
        }
        text.push('\n');
    }
    let funding: Value = serde_json::from_str(
        &fs::read_to_string(dir.join("data/funding.json")).expect("read data/funding.json"),
    )
    .expect("parse data/funding.json");
    let funding_years = funding
        .as_array()
        .expect("data/funding.json is a list")
        .iter()
        .map(|r| {
            (
                r["year"].as_i64().unwrap(),
                r["last_year"].as_i64().unwrap(),
            )
        })
        .collect();
    Output {
        text: normalise(&text),
        markup,
        funding_years,
    }
}

/// `650000` as `650 000`.
fn grouped(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A Markdown text without its marks: `*`, `_`, `` ` `` and a link's target.
fn without_marks(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("](") {
        let close = rest[open..].find(')').map_or(rest.len(), |c| open + c + 1);
        out.push_str(&rest[..open]);
        rest = &rest[close..];
    }
    out.push_str(rest);
    out.replace(['*', '_', '`', '['], "")
}

/// The ways a plain value can be written out: as it is, without Markdown marks, with an en
/// dash for a hyphen between digits, and an integer grouped in thousands.
fn plain_needles(value: &Value) -> Vec<String> {
    let text = written(value);
    let mut needles = vec![normalise(&text), normalise(&without_marks(&text))];
    if text.chars().all(|c| c.is_ascii_digit() || c == '-') {
        needles.push(text.replace('-', "–"));
    }
    if value.is_i64() {
        needles.push(grouped(&text));
    }
    let mut seen = BTreeSet::new();
    needles.retain(|n| seen.insert(n.clone()));
    needles
}

/// Why the value at `path` is not found in `out`, or `None` when it is.
fn missing(path: &str, value: &Value, agreement: &Value, out: &Output) -> Option<String> {
    let text = written(value);
    let shows = SHOWN.iter().find(|(p, _)| *p == path).map(|(_, s)| *s);
    let needles = match shows {
        None if text.chars().count() < MIN_PLAIN_CHARS => {
            return Some(format!(
                "`{text}` is too short to be found by itself; add to SHOWN how it shows"
            ));
        }
        None => plain_needles(value),
        Some(Shows::Text(form)) => vec![normalise(&form.replace("{}", &text))],
        Some(Shows::Words(words)) => match words.iter().find(|(w, _)| *w == text) {
            Some((_, shown)) => vec![normalise(shown)],
            None => return Some(format!("SHOWN has no text for `{text}`")),
        },
        Some(Shows::LinkTarget) => {
            let href = format!("href=\"{}\"", text.replace('&', "&amp;"));
            return (!out.markup.contains(&href)).then(|| format!("no link to {text}"));
        }
        Some(Shows::Markup(form)) => {
            let wanted = form.replace("{}", &text);
            return (!out.markup.contains(&wanted)).then(|| format!("no `{wanted}` in the markup"));
        }
        Some(Shows::Years) => {
            if years_found(&text, out) {
                return None;
            }
            plain_needles(value)
        }
        Some(Shows::MonthsBeforeEnd(before)) => {
            vec![format!("{before} {}", months_before_end(agreement, value))]
        }
        Some(Shows::OrgId) => vec![format!("SE-ON-{}", text.replace('-', ""))],
    };
    let found = needles.iter().any(|n| out.text.contains(n.as_str()));
    (!found).then(|| format!("none of {needles:?} is in the output"))
}

/// Whether `data/funding.json` has a record for each year of `years`, or one for all of them.
fn years_found(years: &str, out: &Output) -> bool {
    let (first, last) = years.split_once('-').unwrap_or((years, years));
    let (Ok(first), Ok(last)) = (first.trim().parse::<i64>(), last.trim().parse::<i64>()) else {
        return false;
    };
    out.funding_years.contains(&(first, last))
        || (first..=last).all(|y| out.funding_years.contains(&(y, y)))
}

/// The date `months` before the agreement's `period.end` (a day).
fn months_before_end(agreement: &Value, months: &Value) -> NaiveDate {
    let end = agreement["period"]["end"]
        .as_str()
        .expect("period.end is text");
    let end = NaiveDate::parse_from_str(end, "%Y-%m-%d").expect("period.end is a day");
    let months = months.as_u64().expect("a number of months");
    end.checked_sub_months(Months::new(u32::try_from(months).unwrap()))
        .expect("a date")
}

/// The lines of a Markdown body without their block marks (`#`, `-`, `>`, `1.`).
fn body_lines(body: &str) -> Vec<String> {
    body.lines()
        .map(|line| {
            let line = line.trim_start_matches(['#', '-', '*', '+', '>', ' ']);
            let line = line.trim_start_matches(|c: char| c.is_ascii_digit());
            let line = line.strip_prefix(". ").unwrap_or(line);
            normalise(&without_marks(line))
        })
        .filter(|line| !line.is_empty())
        .collect()
}

/// Writes the examples as a site under `dir` and builds it into `dir/output`.
fn build(dir: &Path, examples: &Examples, agreement_id: &str, report_year: &str) {
    let content = dir.join("content");
    for sub in ["agreements", "reports", "pages"] {
        fs::create_dir_all(content.join(sub)).expect("create a content folder");
    }
    let files = [
        ("site.yaml".to_owned(), &examples.site),
        (
            format!("agreements/{agreement_id}.yaml"),
            &examples.agreement,
        ),
        (
            format!("reports/{agreement_id}-{report_year}.md"),
            &examples.report,
        ),
        ("pages/about.md".to_owned(), &examples.page),
    ];
    for (name, text) in files {
        fs::write(content.join(name), text).expect("write a content file");
    }
    // The files the sources name are published from `files/`: they must exist.
    for line in examples.agreement.lines() {
        if let Some(rest) = line.trim_start().strip_prefix("file:") {
            let name = rest.split('#').next().unwrap_or("").trim();
            let path = content.join("files").join(name);
            fs::create_dir_all(path.parent().expect("a folder")).expect("create files/");
            fs::write(&path, b"%PDF-1.4 example").expect("write an attachment");
        }
    }
    let (y, m, d) = AS_OF;
    let options = BuildOptions {
        as_of: NaiveDate::from_ymd_opt(y, m, d),
        ..Default::default()
    };
    let outcome = match iopsite::build(dir, Some(&dir.join("output")), &options) {
        Ok(outcome) => outcome,
        Err(iopsite::Failure::Content(diagnostics)) => {
            let shown: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            panic!(
                "the examples of docs/format.md do not build:\n{}",
                shown.join("\n")
            )
        }
        Err(other) => panic!("the examples of docs/format.md do not build: {other}"),
    };
    let warnings: Vec<String> = outcome.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings.is_empty(),
        "the examples of docs/format.md build with warnings:\n{}",
        warnings.join("\n")
    );
}

#[test]
fn every_documented_value_reaches_a_page_or_a_data_file() {
    let examples = examples();
    let site = parse_yaml("site.yaml", &examples.site);
    let agreement = parse_yaml("agreement", &examples.agreement);
    let (report, report_body) = front_matter("report", &examples.report);
    let (page, page_body) = front_matter("page", &examples.page);
    let id = report["agreement"]
        .as_str()
        .expect("the report names its agreement");
    let year = report["year"].to_string();

    let dir = tempfile::tempdir().expect("temporary folder");
    build(dir.path(), &examples, id, &year);
    let out = read_output(&dir.path().join("output"));

    let mut values = Vec::new();
    leaves("site", &site, &mut values);
    leaves("agreement", &agreement, &mut values);
    leaves("report", &report, &mut values);
    leaves("page", &page, &mut values);
    for (what, body) in [("report.body", &report_body), ("page.body", &page_body)] {
        values.extend(
            body_lines(body)
                .into_iter()
                .map(|l| (what.to_owned(), Value::String(l))),
        );
    }

    let problems = check_values(&values, &agreement, &out);
    assert!(
        problems.is_empty(),
        "values of the examples in docs/format.md that the output does not show as expected:\n{}\n\n\
         Show them, or list them in NOT_SHOWN with the reason (and give it in the docs).",
        problems.join("\n")
    );
}

/// Looks for every value; returns what is wrong, one line each.
fn check_values(values: &[(String, Value)], agreement: &Value, out: &Output) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, value) in values {
        let text = written(value);
        let hidden = NOT_SHOWN.iter().any(|(p, _)| p == path);
        if MUST_NOT_APPEAR.contains(&path.as_str()) {
            if out.text.contains(&normalise(&text)) || out.markup.contains(&text) {
                problems.push(format!("{path}: `{text}` is published, but must not be"));
            }
            continue;
        }
        let gap = KNOWN_GAPS.iter().any(|(p, _)| p == path);
        match (hidden, gap, missing(path, value, agreement, out)) {
            (true, _, _) => {}
            (false, true, None) => problems.push(format!(
                "{path}: `{text}` is shown now; take it off KNOWN_GAPS"
            )),
            (false, true, Some(_)) | (false, false, None) => {}
            (false, false, Some(why)) => problems.push(format!("{path}: `{text}`: {why}")),
        }
    }
    let paths: BTreeSet<&str> = values.iter().map(|(p, _)| p.as_str()).collect();
    let listed = NOT_SHOWN.iter().chain(KNOWN_GAPS).map(|(p, _)| *p);
    for listed in listed.chain(SHOWN.iter().map(|(p, _)| *p)) {
        if !paths.contains(listed) {
            problems.push(format!(
                "{listed}: listed in this test, but not in the examples"
            ));
        }
    }
    problems
}
