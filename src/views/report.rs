//! The annual report pages.

use std::borrow::Cow;

use serde::Serialize;

use super::{Ctx, Link, Money, View};
use crate::model::types::{Report, Statistic};
use crate::present::{markdown, urls};

#[derive(Debug, Serialize)]
pub struct ReportPage<'a> {
    pub agreement: Link<'a>,
    pub year: i32,
    pub title: Cow<'a, str>,
    pub received: Option<chrono::NaiveDate>,
    pub spent: Option<Money>,
    pub statistics: &'a [Statistic],
    pub body: String,
}

impl<'a> Ctx<'a> {
    /// One annual report's page.
    pub fn report(&self, report: &'a Report) -> View<'a> {
        let title = self.report_title(report);
        let page = ReportPage {
            agreement: Link {
                name: self.agreement_name(report),
                url: urls::agreement(&report.agreement),
            },
            year: report.year,
            title: title.clone(),
            received: report.received,
            spent: report.spent.map(|k| Money {
                kronor: k,
                unpublished: false,
            }),
            statistics: &report.statistics,
            body: markdown::to_html(&report.body, 3),
        };
        View::new(title, "report", page)
    }
}
