//! `iopsite new report AGREEMENT YEAR`: an annual report's file, with the key figures of the
//! agreement's latest report ready to be filled in and an outline of the text in Swedish.
//!
//! A figure not yet filled in is an empty `value:`. The format has no number for "not known
//! yet", and 0 would be published as a result, so `check` refuses the empty value at its line
//! until the number is written (or the statistic deleted): an unfinished report stops the
//! build rather than being published as received.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{ScaffoldError, names, write_new};
use crate::diagnostics::Diagnostics;
use crate::load::schema::{ReportFrontMatter, StatisticEntry};
use crate::load::{self, Document, Loaded, closest, find_content_dir, is_slug};
use crate::validate::placeholders::GUIDANCE;

/// The headings of the outline, each with its guidance: what an annual report usually tells.
const SECTIONS: [(&str, &str); 7] = [
    (
        "Året i korthet",
        "Några meningar om året: vad ni gjorde, vad som gick bra och vad som blev svårare.",
    ),
    (
        "Verksamheten",
        "Vad ni har gjort inom varje insats i överenskommelsen, gärna med antal.",
    ),
    (
        "Deltagare och målgrupp",
        "Vilka ni har nått, hur många och hur de har hittat till er.",
    ),
    (
        "Resultat",
        "Vad arbetet har lett till, jämfört med överenskommelsens mål.",
    ),
    (
        "Samverkan",
        "Hur samarbetet med den offentliga parten har fungerat: möten, uppföljning och förändringar.",
    ),
    (
        "Ekonomi",
        "Hur pengarna har använts. Hur mycket som har använts kan också stå under spent överst i filen.",
    ),
    ("Inför nästa år", "Planer och förändringar för nästa år."),
];

/// Creates `reports/AGREEMENT-YEAR.md` in the site in `dir`. Refuses a year that is not four
/// digits, an agreement that does not exist (naming the closest id) and a year that already
/// has a report, in any file.
pub fn new_report(dir: &Path, agreement: &str, year: &str) -> Result<Vec<PathBuf>, ScaffoldError> {
    if !(year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())) {
        return Err(ScaffoldError::BadYear(year.to_string()));
    }
    let content_dir =
        find_content_dir(dir).ok_or_else(|| ScaffoldError::NoSite(dir.to_path_buf()))?;
    // Problems of the content are for `check` to tell; this uses what can be read.
    let content = load::load(dir, &mut Diagnostics::new());
    if !(is_slug(agreement) && content.agreement_files.contains(agreement)) {
        return Err(ScaffoldError::UnknownAgreement {
            id: agreement.to_string(),
            folder: content_dir.join("agreements"),
            closest: closest_agreement(agreement, &content.agreement_files),
        });
    }
    let number: i64 = year.parse().unwrap_or_default();
    let path = content_dir
        .join("reports")
        .join(format!("{agreement}-{year}.md"));
    let of_agreement: Vec<&Loaded<Document<ReportFrontMatter>>> = content
        .reports
        .iter()
        .filter(|r| r.data.front.agreement.value.trim() == agreement)
        .collect();
    let taken = of_agreement
        .iter()
        .find(|r| r.data.front.year.value == number)
        .map(|r| dir.join(&r.file.display_path));
    if let Some(existing) = path.exists().then(|| path.clone()).or(taken) {
        return Err(ScaffoldError::ReportExists {
            path: existing,
            agreement: agreement.to_string(),
            year: year.to_string(),
        });
    }
    // The latest report before this year, else the latest of all.
    let latest = of_agreement.iter().max_by_key(|r| {
        let y = r.data.front.year.value;
        (y < number, y)
    });
    let previous = latest.map(|r| (r.data.front.year.value, &r.data.front.statistics[..]));
    Ok(vec![write_new(
        &path,
        &skeleton(agreement, number, previous),
    )?])
}

/// The agreement whose id is closest to `id`: its id made valid, or one a few typing errors
/// away.
fn closest_agreement(id: &str, known: &BTreeSet<String>) -> Option<String> {
    if let Some(slug) = names::suggest_id(id).filter(|s| known.contains(s)) {
        return Some(slug);
    }
    let limit = (id.chars().count() / 4).max(2);
    let ids = known.iter().map(String::as_str).filter(|k| is_slug(k));
    closest(id, ids, limit).map(str::to_string)
}

/// The report's text: front matter, then the outline with guidance. `previous` is the year
/// and the statistics of the report the figures are taken from.
fn skeleton(agreement: &str, year: i64, previous: Option<(i64, &[StatisticEntry])>) -> String {
    let mut text = format!(
        "---\n\
         # The annual report of `{agreement}` for {year}; its keys are described in\n\
         # docs/format.md of iopsite.\n\
         agreement: {agreement}\n\
         year: {year}\n\
         {}\n\
         {}\n\
         {}\n",
        commented(&format!("title: Verksamhetsberättelse {year}"), "optional"),
        commented(
            &format!("# received: {}-03-15", year + 1),
            "optional: when the report came in (a day, a month or a year)"
        ),
        commented(
            "# spent: 500000",
            "optional: the money spent in the year, whole kronor"
        ),
    );
    match previous {
        Some((from, statistics)) if !statistics.is_empty() => {
            text.push_str(&commented(
                "statistics:",
                &format!("the key figures of the report for {from}"),
            ));
            text.push('\n');
            for stat in statistics {
                text.push_str(&format!("  - name: {}\n", yaml_scalar(&stat.name)));
                text.push_str(&commented(
                    "    value:",
                    &format!("write the number for {year}; check refuses an empty value"),
                ));
                text.push('\n');
                if let Some(unit) = &stat.unit {
                    text.push_str(&format!("    unit: {}\n", yaml_scalar(unit)));
                }
            }
        }
        _ => text.push_str(&format!(
            "{}\n#   - name: Besökare under året\n#     value: 1200\n#     unit: personer\n",
            commented("# statistics:", "optional: key figures, shown as a table")
        )),
    }
    text.push_str("---\n");
    text.push_str(&format!(
        "<!-- {GUIDANCE}: Skriv verksamhetsberättelsen under rubrikerna och ta bort de här kommentarerna, som annars syns på webbplatsen. Byt gärna rubriker. -->\n"
    ));
    for (heading, guidance) in SECTIONS {
        text.push_str(&format!(
            "\n## {heading}\n\n<!-- {GUIDANCE}: {guidance} -->\n"
        ));
    }
    text
}

/// `line` with `comment` after it, the comments of a file lined up in one column.
pub(super) fn commented(line: &str, comment: &str) -> String {
    format!("{line:<38} # {comment}")
}

/// `text` as a YAML value that reads back as the same text: as it is when it can be,
/// otherwise in double quotes (a JSON string is a valid YAML one).
pub(super) fn yaml_scalar(text: &str) -> String {
    #[derive(Deserialize)]
    struct One {
        v: String,
    }
    let plain = !text.is_empty()
        && text.trim() == text
        && !text.contains(['#', '\n', '\r', '"', '\''])
        && serde_saphyr::from_str::<One>(&format!("v: {text}\n")).is_ok_and(|one| one.v == text);
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;
    use crate::load::parse_document;

    fn parse(text: &str) -> Document<ReportFrontMatter> {
        let mut file = SourceFile::new("reports/x.md", text);
        let mut diags = Diagnostics::new();
        let parsed = parse_document::<ReportFrontMatter>(&mut file, &mut diags);
        assert!(diags.is_empty(), "{:?}\n{text}", diags.sorted());
        parsed.unwrap()
    }

    #[test]
    fn statistics_are_copied_with_empty_values() {
        let stats: Vec<StatisticEntry> = serde_saphyr::from_str(
            "- name: 'Besök: vuxna # antal'\n  value: 3\n  unit: personer\n- name: \"yes\"\n  value: 1\n",
        )
        .unwrap();
        let text = skeleton("kupan", 2026, Some((2025, &stats)));
        let report = parse(&text);
        assert_eq!(report.front.agreement.value, "kupan");
        assert_eq!(report.front.year.value, 2026);
        let names: Vec<(&str, Option<&str>, Option<f64>)> = report
            .front
            .statistics
            .iter()
            .map(|s| (s.name.as_str(), s.unit.as_deref(), s.value.value))
            .collect();
        assert_eq!(
            names,
            [
                ("Besök: vuxna # antal", Some("personer"), None),
                ("yes", None, None)
            ]
        );
        assert_eq!(report.body.matches("\n## ").count(), SECTIONS.len());
    }

    #[test]
    fn without_earlier_figures_the_statistics_are_a_comment() {
        let report = parse(&skeleton("kupan", 2026, None));
        assert!(report.front.statistics.is_empty());
        assert_eq!(
            report.front.title.map(|t| t.value).as_deref(),
            Some("Verksamhetsberättelse 2026")
        );
    }

    #[test]
    fn values_are_quoted_only_when_needed() {
        assert_eq!(yaml_scalar("Besökare per dag"), "Besökare per dag");
        assert_eq!(yaml_scalar("a: b"), "\"a: b\"");
        assert_eq!(yaml_scalar(" x"), "\" x\"");
        assert_eq!(yaml_scalar("- x"), "\"- x\"");
        assert_eq!(yaml_scalar("it's"), "\"it's\"");
    }
}
