//! The home page: the site in figures, the active agreements, money per year.

use serde::Serialize;

use super::funding::FunderRow;
use super::{AgreementRow, Ctx, Money, View, YearMoney, year_money};
use crate::model::types::PartyKind;

#[derive(Debug, Serialize)]
pub struct HomePage<'a> {
    pub agreement_count: usize,
    pub active_count: usize,
    pub organisation_count: usize,
    pub nonprofit_count: usize,
    pub year: i32,
    pub public_this_year: Money,
    pub public_all_years: Money,
    pub active: Vec<AgreementRow<'a>>,
    pub by_year: Vec<YearMoney>,
    pub missing_report_count: usize,
    pub years: Vec<i32>,
    /// Public money per year by funder: chart and the same numbers as table rows.
    pub by_funder: Vec<FunderRow<'a>>,
    pub by_funder_chart: Option<String>,
}

impl<'a> Ctx<'a> {
    /// The home page.
    pub fn home(&self) -> View<'a> {
        let site = self.site;
        let year = chrono::Datelike::year(&site.config.as_of);
        let years: Vec<i32> = site.totals.keys().copied().collect();
        let by_funder = self.funder_rows();
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
            active: site.active().map(|e| self.agreement_row(e)).collect(),
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
}
