//! Open data from the same `Site` the pages use: agreements and funding rows as JSON and
//! CSV. Each file is made by an [`Exporter`]; the output plan lists [`EXPORTERS`].

use serde::Serialize;

use crate::model::Site;
use crate::model::types::{Amount, FundingKind};
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
        self.0.write(&agreement_records(site))
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
        self.0.write(&funding_records(site))
    }
}

/// One agreement in the open data.
#[derive(Serialize)]
struct AgreementRecord<'a> {
    id: &'a str,
    title: &'a str,
    short_title: Option<&'a str>,
    status: crate::model::Status,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    organisations: String,
    organisation_numbers: String,
    goals: String,
    /// Published public money over all years, whole kronor.
    public_total: i64,
    own_contribution_total: i64,
    /// True when some amount of the agreement is not published (the totals leave it out).
    has_unpublished_amounts: bool,
    url: String,
}

/// One funding row: one agreement, year and funder.
#[derive(Serialize)]
struct FundingRecord<'a> {
    agreement: &'a str,
    year: i32,
    funder: &'a str,
    funder_org_number: Option<&'a OrgNumber>,
    unit: Option<&'a str>,
    kind: FundingKind,
    /// Empty (CSV) or null (JSON) when the amount is not published.
    amount: Option<i64>,
    published: bool,
}

fn agreement_records(site: &Site) -> Vec<AgreementRecord<'_>> {
    let base = &site.config.base_url;
    site.agreements
        .iter()
        .map(|e| {
            let a = &e.agreement;
            let total = e.total();
            AgreementRecord {
                id: &a.id,
                title: &a.title,
                short_title: a.short_title.as_deref(),
                status: e.status,
                start: a.period.start,
                end: e.end,
                organisations: joined(a.parties.iter().map(|p| p.name.as_str())),
                organisation_numbers: joined(a.parties.iter().map(|p| {
                    p.org_number
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default()
                })),
                goals: joined(a.goals.iter().map(|g| g.goal.to_string())),
                public_total: total.public.kronor,
                own_contribution_total: total.own.kronor,
                has_unpublished_amounts: total.public.unpublished + total.own.unpublished > 0,
                url: format!("{base}{}", urls::agreement(&a.id)),
            }
        })
        .collect()
}

/// Values in one CSV cell, `; ` between them.
fn joined<S: AsRef<str>>(values: impl Iterator<Item = S>) -> String {
    let values: Vec<S> = values.collect();
    let parts: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    parts.join("; ")
}

fn funding_records(site: &Site) -> Vec<FundingRecord<'_>> {
    let mut funding: Vec<FundingRecord> = site
        .agreements
        .iter()
        .flat_map(|e| {
            let a = &e.agreement;
            a.funding.iter().map(move |l| FundingRecord {
                agreement: &a.id,
                year: l.year,
                funder: &a.party(l.funder).name,
                funder_org_number: a.party(l.funder).org_number.as_ref(),
                unit: l.unit.as_deref(),
                kind: l.kind,
                amount: l.amount.kronor(),
                published: l.amount != Amount::Unpublished,
            })
        })
        .collect();
    funding.sort_by(|a, b| {
        (a.agreement, a.year, a.funder, a.unit).cmp(&(b.agreement, b.year, b.funder, b.unit))
    });
    funding
}

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
    fn every_exporter_has_its_own_path() {
        let mut paths: Vec<&str> = EXPORTERS.iter().map(|e| e.path()).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), EXPORTERS.len());
    }
}
