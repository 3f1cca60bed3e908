//! The home page: the site in figures, money per year by the largest funders, and short
//! lists that lead on: agreements ending soon and the newest reports.

use std::borrow::Cow;

use serde::Serialize;

use super::funding::{CHART_SERIES, Funders};
use super::{AgreementRow, Ctx, Link, Money, View, YearMoney, year_money};
use crate::model::Status;
use crate::model::types::PartyKind;
use crate::present::urls;

/// Rows in each short list of the home page.
const SHORT_LIST: usize = 10;

#[derive(Debug, Serialize)]
pub struct HomePage<'a> {
    pub agreement_count: usize,
    pub active_count: usize,
    pub organisation_count: usize,
    pub nonprofit_count: usize,
    pub year: i32,
    pub public_this_year: Money,
    pub public_all_years: Money,
    /// The agreements ending soon, soonest first, at most [`SHORT_LIST`], and how many in all.
    pub ending_soon: Vec<AgreementRow<'a>>,
    pub ending_soon_count: usize,
    /// The newest reports, at most [`SHORT_LIST`].
    pub newest_reports: Vec<ReportLink<'a>>,
    pub by_year: Vec<YearMoney>,
    pub missing_report_count: usize,
    pub years: Vec<i32>,
    /// Public money per year by the largest funders: chart and the same numbers as table rows.
    pub by_funder: Funders<'a>,
    pub by_funder_chart: Option<String>,
}

/// A report in a short list: its title, year and agreement.
#[derive(Debug, Serialize)]
pub struct ReportLink<'a> {
    pub title: Cow<'a, str>,
    pub url: String,
    pub year: i32,
    pub agreement: Link<'a>,
    pub lang: Option<&'static str>,
}

impl<'a> Ctx<'a> {
    /// The home page.
    pub fn home(&self) -> View<'a> {
        let site = self.site;
        let year = chrono::Datelike::year(&site.config.as_of);
        let years: Vec<i32> = site.totals.keys().copied().collect();
        let by_funder = self.funders(CHART_SERIES);
        let mut ending_soon: Vec<_> = site
            .agreements_by_name
            .iter()
            .map(|&i| &site[i])
            .filter(|e| e.status == Status::EndingSoon)
            .collect();
        // Alphabetical already; a stable sort keeps that order among the same end.
        ending_soon.sort_by_key(|e| e.end);
        let page = HomePage {
            agreement_count: site.agreements.len(),
            active_count: site.active().count(),
            organisation_count: site.organisations.len(),
            nonprofit_count: site
                .organisations
                .iter()
                .filter(|o| o.kind == PartyKind::Nonprofit)
                .count(),
            year,
            public_this_year: site
                .totals
                .get(&year)
                .map(|t| Money::from(t.public))
                .unwrap_or_default(),
            public_all_years: Money::from(site.total.public),
            ending_soon_count: ending_soon.len(),
            ending_soon: ending_soon
                .into_iter()
                .take(SHORT_LIST)
                .map(|e| self.agreement_row(e))
                .collect(),
            newest_reports: self.newest_reports(),
            by_year: year_money(&site.totals),
            missing_report_count: site
                .agreements
                .iter()
                .map(|e| e.missing_reports().count())
                .sum(),
            by_funder_chart: self.funders_chart(&years, &by_funder),
            years,
            by_funder,
        };
        View::new(site.config.title.as_str(), "home", page)
    }

    /// The reports for the latest years, received last first within a year (those without
    /// a date of receipt after), then by agreement in alphabetical order.
    fn newest_reports(&self) -> Vec<ReportLink<'a>> {
        let site = self.site;
        let mut reports: Vec<_> = site.reports.iter().collect();
        reports.sort_by(|a, b| {
            (b.year, b.received)
                .cmp(&(a.year, a.received))
                .then_with(|| {
                    site.collation
                        .cmp(self.agreement_name(a), self.agreement_name(b))
                })
        });
        reports
            .into_iter()
            .take(SHORT_LIST)
            .map(|r| ReportLink {
                // Lists name every report the same way; its own title is on its page.
                title: Cow::Owned(format!("{} {}", self.t.text("annual_report"), r.year)),
                url: urls::report(&r.id),
                year: r.year,
                agreement: Link {
                    name: self.agreement_name(r),
                    url: urls::agreement(&r.agreement),
                },
                lang: self.content_lang(r.language.or_else(|| {
                    site.agreement(&r.agreement)
                        .and_then(|e| e.agreement.language)
                })),
            })
            .collect()
    }
}
