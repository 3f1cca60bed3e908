//! Open data from the same `Site` the pages use: agreements and funding rows as JSON and
//! CSV. Each site-wide file is made by an [`Exporter`]; the output plan lists [`EXPORTERS`].
//! A public body and each of its units have the same two files holding just their rows
//! ([`body_file`]).

mod agreement;
mod csv_safe;
mod dcat;
mod giving360;
mod records;

use serde::Serialize;

pub use self::agreement::agreement_file;
use self::records::{AgreementRecord, AgreementRow, agreement_records, funding_records};
use crate::model::Site;

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
    /// An address from `site.yaml` that is no IRI, or a failed RDF/XML write.
    #[error("cannot write RDF: {0}")]
    Rdf(String),
}

/// The data files of every site.
pub static EXPORTERS: &[&dyn Exporter] = &[
    &Agreements(Format::Json),
    &Agreements(Format::Csv),
    &Funding(Format::Json),
    &Funding(Format::Csv),
    &giving360::Giving360,
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
                let written = writer
                    .into_inner()
                    .map_err(|err| ExportError::Csv(err.into_error().into()))?;
                csv_safe::neutralise(&written)
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
        write_agreements(self.0, &agreement_records(site, site.agreements.iter()))
    }
}

/// Agreement records as JSON, or as flat rows in CSV.
fn write_agreements(format: Format, records: &[AgreementRecord]) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Json => format.write(records),
        Format::Csv => {
            let rows: Vec<AgreementRow> = records.iter().map(AgreementRow::of).collect();
            format.write(&rows)
        }
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
            write_agreements(
                format,
                &agreement_records(site, agreements.iter().map(|&a| &site[a])),
            )
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

/// The fields of a funding record, as the header of a CSV file without rows.
const FUNDING_FIELDS: [&str; 15] = [
    "agreement",
    "agreement_name",
    "year",
    "last_year",
    "amount_for",
    "funder",
    "funder_org_number",
    "funder_org_id",
    "unit",
    "kind",
    "decision_status",
    "currency",
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
        use crate::model::types::{DecisionStatus, FundingKind};
        let record = records::FundingRecord {
            agreement: "a",
            agreement_name: "A",
            year: 2024,
            last_year: 2024,
            amount_for: records::AmountFor::EachYear,
            funder: "Kommunen",
            funder_org_number: None,
            funder_org_id: None,
            unit: None,
            kind: FundingKind::Public,
            decision_status: DecisionStatus::Decided,
            currency: "SEK",
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
