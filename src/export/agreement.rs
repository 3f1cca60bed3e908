//! One JSON file per agreement, next to its page (`agreements/ID.json`): the record of
//! `data/agreements.json` with the agreement's texts, funding lines, reports and sources, and
//! the terms of use, so a program can fetch one agreement the way it would call an API.

use serde::Serialize;

use super::ExportError;
use super::records::{
    AgreementRecord, FundingRecord, ReportRecord, agreement_record, funding_records, report_records,
};
use crate::model::Site;
use crate::model::types::{Activity, When};

/// The whole of one agreement.
#[derive(Serialize)]
struct AgreementData<'a> {
    #[serde(flatten)]
    record: AgreementRecord<'a>,
    /// Markdown, as written.
    background: Option<&'a str>,
    purpose: Option<&'a str>,
    target_group: Option<&'a str>,
    objectives: &'a [String],
    activities: &'a [Activity],
    funding: Vec<FundingRecord<'a>>,
    reports: Vec<ReportRecord<'a>>,
    sources: Vec<SourceRecord<'a>>,
    /// Who publishes the data (`publisher`, else the site's title).
    publisher: &'a str,
    /// SPDX id of the data's licence, e.g. `CC0-1.0`.
    license: &'static str,
    license_url: &'static str,
}

/// A document the agreement's facts come from.
#[derive(Serialize)]
struct SourceRecord<'a> {
    title: &'a str,
    date: Option<When>,
    /// The document on the web, or the copy published with the site.
    url: Option<String>,
}

/// The JSON of agreement number `index` of `site`.
pub fn agreement_file(site: &Site, index: usize) -> Result<Vec<u8>, ExportError> {
    let e = &site.agreements[index];
    let a = &e.agreement;
    let base = &site.config.base_url;
    let data = AgreementData {
        record: agreement_record(site, e),
        background: a.background.as_deref(),
        purpose: a.purpose.as_deref(),
        target_group: a.target_group.as_deref(),
        objectives: &a.objectives,
        activities: &a.activities,
        funding: funding_records(a.funding.iter().map(|l| (e, l))),
        reports: report_records(site, e),
        sources: a
            .sources
            .iter()
            .map(|s| SourceRecord {
                title: &s.title,
                date: s.date,
                url: s.url.clone().or_else(|| {
                    s.file
                        .as_ref()
                        .map(|f| format!("{base}{}", crate::present::urls::file(&f.name)))
                }),
            })
            .collect(),
        publisher: site
            .config
            .publisher
            .as_deref()
            .unwrap_or(&site.config.title),
        license: site.config.license.id(),
        license_url: site.config.license.url(),
    };
    let mut out = serde_json::to_vec_pretty(&data)?;
    out.push(b'\n');
    Ok(out)
}
