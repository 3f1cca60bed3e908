//! Open data from the same `Site` the pages use: agreements and funding rows as JSON and
//! CSV. Each site-wide file is made by an [`Exporter`]; the output plan lists [`EXPORTERS`].
//! A public body and each of its units have the same two files holding just their rows
//! ([`body_file`]).

mod dcat;

use serde::Serialize;

use crate::model::Site;
use crate::model::site::{AgreementEntry, Sum};
use crate::model::types::{DecisionStatus, FundingKind, FundingLine, Outcome, OutcomeKind, When};
use crate::orgnr::OrgNumber;
use crate::present::urls;

/// Makes one data file of the site.
pub trait Exporter: Sync + std::fmt::Debug {
    /// The file's path in the output folder.
    fn path(&self) -> &'static str;
    /// The file's bytes.
    fn export(&self, site: &Site) -> Result<Vec<u8>, ExportError>;
}

/// Why a data file could not be made. Never expected with the records of this module, but
/// a build that meets one fails rather than publish an empty or cut file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
}

/// The data files of every site.
pub static EXPORTERS: &[&dyn Exporter] = &[
    &Agreements(Format::Json),
    &Agreements(Format::Csv),
    &Funding(Format::Json),
    &Funding(Format::Csv),
    &dcat::Catalog,
];

/// How records are written.
#[derive(Debug, Clone, Copy)]
pub enum Format {
    /// An array of objects, indented, with a final line end.
    Json,
    /// A header row of field names, then a row per record.
    Csv,
}

impl Format {
    fn write<T: Serialize>(self, rows: &[T]) -> Result<Vec<u8>, ExportError> {
        match self {
            Format::Json => {
                let mut out = serde_json::to_vec_pretty(rows)?;
                out.push(b'\n');
                Ok(out)
            }
            Format::Csv => {
                let mut writer = csv::Writer::from_writer(Vec::new());
                for row in rows {
                    writer.serialize(row)?;
                }
                writer
                    .into_inner()
                    .map_err(|err| ExportError::Csv(err.into_error().into()))
            }
        }
    }
}

/// `data/agreements.json` and `.csv`: one record per agreement.
#[derive(Debug)]
pub struct Agreements(pub Format);

impl Exporter for Agreements {
    fn path(&self) -> &'static str {
        match self.0 {
            Format::Json => "data/agreements.json",
            Format::Csv => "data/agreements.csv",
        }
    }

    fn export(&self, site: &Site) -> Result<Vec<u8>, ExportError> {
        self.0
            .write(&agreement_records(site, site.agreements.iter()))
    }
}

/// `data/funding.json` and `.csv`: one record per agreement, year and funder.
#[derive(Debug)]
pub struct Funding(pub Format);

impl Exporter for Funding {
    fn path(&self) -> &'static str {
        match self.0 {
            Format::Json => "data/funding.json",
            Format::Csv => "data/funding.csv",
        }
    }

    fn export(&self, site: &Site) -> Result<Vec<u8>, ExportError> {
        let lines = site
            .agreements
            .iter()
            .flat_map(|e| e.agreement.funding.iter().map(move |l| (e, l)));
        self.0.write(&funding_records(lines))
    }
}

/// One agreement in the open data. A sum is `null` unless every amount in it is known;
/// `_at_least` then gives the known part (`null` when no part is known).
#[derive(Serialize)]
struct AgreementRecord<'a> {
    id: &'a str,
    title: &'a str,
    short_title: Option<&'a str>,
    status: crate::model::Status,
    /// How an outcome ended the agreement by the build date (ended_early, terminated,
    /// annulled); empty when none did.
    ended_by: Option<OutcomeKind>,
    judged_unlawful: bool,
    /// As known: `2023-07-01`, `2023-07` or `2023`.
    start: When,
    /// As known, after decided extensions; empty when the end is not known.
    end: Option<When>,
    /// The end a proposed (not decided) extension would give.
    proposed_end: Option<When>,
    dates_approximate: bool,
    organisations: String,
    organisation_numbers: String,
    goals: String,
    /// Decided public money over all years, whole kronor.
    public_total: Option<i64>,
    public_total_at_least: Option<i64>,
    own_contribution_total: Option<i64>,
    own_contribution_total_at_least: Option<i64>,
    /// Public money of decisions that are only proposed, kept out of `public_total`.
    proposed_public_total: Option<i64>,
    proposed_public_total_at_least: Option<i64>,
    has_unpublished_amounts: bool,
    has_unknown_amounts: bool,
    /// The outcomes, each as `kind date (by, case)`, `; ` between them.
    outcomes: String,
    url: String,
}

/// One funding line: one agreement, funder and year, or several years with one sum.
#[derive(Serialize)]
struct FundingRecord<'a> {
    agreement: &'a str,
    /// The first year of the line.
    year: i32,
    /// The last year: the same as `year` for money per year; later when `amount` is one sum
    /// for all the years together.
    last_year: i32,
    amount_for: AmountFor,
    funder: &'a str,
    funder_org_number: Option<&'a OrgNumber>,
    unit: Option<&'a str>,
    kind: FundingKind,
    decision_status: DecisionStatus,
    /// Empty (CSV) or null (JSON) unless `amount_status` is `known`.
    amount: Option<i64>,
    amount_status: &'static str,
    note: Option<&'a str>,
}

/// Whether an amount is for each year of a line or for all of them together.
#[derive(Serialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum AmountFor {
    EachYear,
    AllYears,
}

/// The sum when every amount in it is known, and the known part when some is.
fn sum_fields(sum: Sum) -> (Option<i64>, Option<i64>) {
    (
        (sum.lines > 0 && sum.is_complete()).then_some(sum.kronor),
        sum.has_known().then_some(sum.kronor),
    )
}

/// The records of `agreements`, in the order given.
fn agreement_records<'s>(
    site: &Site,
    agreements: impl Iterator<Item = &'s AgreementEntry>,
) -> Vec<AgreementRecord<'s>> {
    let base = &site.config.base_url;
    agreements
        .map(|e| {
            let a = &e.agreement;
            let total = e.total();
            let (public_total, public_total_at_least) = sum_fields(total.public);
            let (own_total, own_at_least) = sum_fields(total.own);
            let (proposed_total, proposed_at_least) = sum_fields(total.proposed_public);
            let all = [
                total.public,
                total.own,
                total.proposed_public,
                total.proposed_own,
            ];
            AgreementRecord {
                id: &a.id,
                title: &a.title,
                short_title: a.short_title.as_deref(),
                status: e.status,
                ended_by: e.ended_by,
                judged_unlawful: a.judged_unlawful(),
                start: a.period.start,
                end: e.end,
                proposed_end: e.proposed_end,
                dates_approximate: a.period.approximate,
                organisations: joined(a.parties.iter().map(|p| p.name.as_str())),
                organisation_numbers: joined(a.parties.iter().map(|p| {
                    p.org_number
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default()
                })),
                goals: joined(a.goals.iter().map(|g| g.goal.to_string())),
                public_total,
                public_total_at_least,
                own_contribution_total: own_total,
                own_contribution_total_at_least: own_at_least,
                proposed_public_total: proposed_total,
                proposed_public_total_at_least: proposed_at_least,
                has_unpublished_amounts: all.iter().any(|s| s.unpublished > 0),
                has_unknown_amounts: all.iter().any(|s| s.unknown > 0),
                outcomes: joined(a.outcomes.iter().map(outcome_text)),
                url: format!("{base}{}", urls::agreement(&a.id)),
            }
        })
        .collect()
}

/// `judged_unlawful 2023-05 (Förvaltningsrätten i Malmö, 1234-23)`.
fn outcome_text(o: &Outcome) -> String {
    let details: Vec<&str> = [o.by.as_deref(), o.case.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if details.is_empty() {
        format!("{} {}", o.kind.as_ref(), o.date)
    } else {
        format!("{} {} ({})", o.kind.as_ref(), o.date, details.join(", "))
    }
}

/// Values in one CSV cell, `; ` between them.
fn joined<S: AsRef<str>>(values: impl Iterator<Item = S>) -> String {
    let values: Vec<S> = values.collect();
    let parts: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    parts.join("; ")
}

/// The records of `lines` (each with its agreement), sorted by agreement, years, funder
/// and unit.
fn funding_records<'s>(
    lines: impl Iterator<Item = (&'s AgreementEntry, &'s FundingLine)>,
) -> Vec<FundingRecord<'s>> {
    let mut funding: Vec<FundingRecord> = lines
        .map(|(e, l)| {
            let a = &e.agreement;
            FundingRecord {
                agreement: &a.id,
                year: l.year,
                last_year: *l.years().end(),
                amount_for: if l.until.is_some() {
                    AmountFor::AllYears
                } else {
                    AmountFor::EachYear
                },
                funder: &a.party(l.funder).name,
                funder_org_number: a.party(l.funder).org_number.as_ref(),
                unit: l.unit.as_deref(),
                kind: l.kind,
                decision_status: if l.proposed {
                    DecisionStatus::Proposed
                } else {
                    DecisionStatus::Decided
                },
                amount: l.amount.kronor(),
                amount_status: l.amount.state(),
                note: l.note.as_deref(),
            }
        })
        .collect();
    funding.sort_by(|a, b| {
        (a.agreement, a.year, a.last_year, a.funder, a.unit).cmp(&(
            b.agreement,
            b.year,
            b.last_year,
            b.funder,
            b.unit,
        ))
    });
    funding
}

/// Which rows of a public body a data file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyRows {
    /// The agreements it takes part in, as in `data/agreements.*`.
    Agreements,
    /// The funding lines it gives, as in `data/funding.*`.
    Funding,
}

impl BodyRows {
    fn stem(self) -> &'static str {
        match self {
            BodyRows::Agreements => "agreements",
            BodyRows::Funding => "funding",
        }
    }
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

/// The file name of `rows` in `format`, e.g. `funding.csv`.
pub fn body_file_name(rows: BodyRows, format: Format) -> String {
    format!("{}.{}", rows.stem(), format.extension())
}

/// The data file of public body `body` (its place in `Site::bodies`), or of its unit
/// `unit` (the place in the body's units): the same records as the site-wide file, just
/// those of its agreements or of the funding it gives.
pub fn body_file(
    site: &Site,
    body: usize,
    unit: Option<usize>,
    rows: BodyRows,
    format: Format,
) -> Result<Vec<u8>, ExportError> {
    let body = &site.bodies[body];
    match rows {
        BodyRows::Agreements => {
            let mut agreements = match unit {
                Some(u) => body.units[u].agreements.clone(),
                None => body.agreements.clone(),
            };
            // In the order of the site-wide file (by id), whatever order the pages use.
            agreements.sort_unstable();
            format.write(&agreement_records(
                site,
                agreements.iter().map(|&a| &site[a]),
            ))
        }
        BodyRows::Funding => {
            let mut chosen: Vec<_> = body
                .lines
                .iter()
                .filter(|l| unit.is_none() || l.unit == unit)
                .collect();
            chosen.sort_unstable_by_key(|l| (l.agreement, l.line));
            let lines = chosen.into_iter().map(|l| {
                let entry = &site[l.agreement];
                (entry, &entry.agreement.funding[l.line])
            });
            let records = funding_records(lines);
            match format {
                // A body that gives no money still gets a file a spreadsheet can open.
                Format::Csv if records.is_empty() => {
                    Ok(format!("{}\n", FUNDING_FIELDS.join(",")).into_bytes())
                }
                _ => format.write(&records),
            }
        }
    }
}

/// The fields of a [`FundingRecord`], as the header of a CSV file without rows.
const FUNDING_FIELDS: [&str; 12] = [
    "agreement",
    "year",
    "last_year",
    "amount_for",
    "funder",
    "funder_org_number",
    "unit",
    "kind",
    "decision_status",
    "amount",
    "amount_status",
    "note",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// A record CSV cannot hold: a list inside a row.
    #[derive(Serialize)]
    struct Nested {
        id: u8,
        parts: Vec<u8>,
    }

    #[test]
    fn a_record_that_cannot_be_written_is_an_error_not_an_empty_file() {
        let rows = [Nested {
            id: 1,
            parts: vec![1, 2],
        }];
        assert!(matches!(Format::Csv.write(&rows), Err(ExportError::Csv(_))));
        let keyed: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        assert!(matches!(
            Format::Json.write(&[keyed]),
            Err(ExportError::Json(_))
        ));
    }

    #[test]
    fn the_header_of_an_empty_funding_file_is_that_of_the_records() {
        let record = FundingRecord {
            agreement: "a",
            year: 2024,
            last_year: 2024,
            amount_for: AmountFor::EachYear,
            funder: "Kommunen",
            funder_org_number: None,
            unit: None,
            kind: FundingKind::Public,
            decision_status: DecisionStatus::Decided,
            amount: Some(1),
            amount_status: "known",
            note: None,
        };
        let csv = Format::Csv.write(&[record]).unwrap();
        let header = String::from_utf8(csv).unwrap();
        assert_eq!(
            header.lines().next(),
            Some(FUNDING_FIELDS.join(",").as_str())
        );
    }

    #[test]
    fn every_exporter_has_its_own_path() {
        let mut paths: Vec<&str> = EXPORTERS.iter().map(|e| e.path()).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), EXPORTERS.len());
    }
}
