//! The annual report pages.

use std::borrow::Cow;

use serde::Serialize;

use super::{Ctx, Link, Money, View};
use crate::model::types::{Report, Statistic};
use crate::present::{markdown, urls};

#[derive(Debug, Serialize)]
pub struct ReportPage<'a> {
    pub agreement: Link<'a>,
    /// The `lang` of the agreement's name, when it differs from the interface's.
    pub agreement_lang: Option<&'static str>,
    pub year: i32,
    pub title: Cow<'a, str>,
    pub received: Option<crate::model::types::When>,
    /// The remark when the report came in after the status date.
    pub late_note: Option<String>,
    /// The `lang` of the report's text, when it differs from the interface's.
    pub content_lang: Option<&'static str>,
    pub spent: Option<Money>,
    pub statistics: &'a [Statistic],
    pub body: String,
}

impl<'a> Ctx<'a> {
    /// One annual report's page.
    pub fn report(&self, report: &'a Report) -> View<'a> {
        let title = self.report_title(report);
        let agreement_language = self
            .site
            .agreement(&report.agreement)
            .and_then(|e| e.agreement.language);
        let page = ReportPage {
            agreement: Link {
                name: self.agreement_name(report),
                url: urls::agreement(&report.agreement),
            },
            agreement_lang: self.content_lang(agreement_language),
            year: report.year,
            title: title.clone(),
            received: report.received,
            late_note: self.late_note(report.received),
            content_lang: self.content_lang(report.language.or(agreement_language)),
            spent: report
                .spent
                .map(|k| Money::from(crate::model::types::Amount::Kronor(k))),
            statistics: &report.statistics,
            body: markdown::to_html(&report.body, 3),
        };
        View::new(title, "report", page)
    }
}
