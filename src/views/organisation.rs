//! The organisation pages and the list of organisations.

use serde::Serialize;

use super::pager::{Pager, page_of};
use super::{AgreementRow, Ctx, Money, OrgLink, Paged, View, YearAmount, by_year};
use crate::model::site::Organisation;
use crate::orgnr::OrgNumber;

#[derive(Debug, Serialize)]
pub struct OrgRow<'a> {
    pub link: OrgLink<'a>,
    pub org_number: Option<&'a OrgNumber>,
    pub agreement_count: usize,
    pub given: Money,
    pub received: Money,
}

#[derive(Debug, Serialize)]
pub struct OrgAgreement<'a> {
    pub row: AgreementRow<'a>,
    pub unit: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct OrgPage<'a> {
    pub row: OrgRow<'a>,
    pub agreements: Vec<OrgAgreement<'a>>,
    pub given_by_year: Vec<YearAmount>,
    pub received_by_year: Vec<YearAmount>,
}

impl<'a> Ctx<'a> {
    pub fn org_row(&self, org: &'a Organisation) -> OrgRow<'a> {
        OrgRow {
            link: self.org_link(org),
            org_number: org.org_number.as_ref(),
            agreement_count: org.agreement_count(),
            given: org.given_total.into(),
            received: org.received_total.into(),
        }
    }

    /// Page `number` of the list of every organisation, in alphabetical order.
    pub fn organisations(&self, number: usize) -> View<'a> {
        let all = &self.site.organisations;
        let pager = Pager::new(
            "organisations.html",
            number,
            all.len(),
            self.rows_per_page(),
        );
        let rows: Vec<OrgRow> = page_of(all, number, self.rows_per_page())
            .iter()
            .map(|o| self.org_row(o))
            .collect();
        let title = self.paged_title(self.t.text("organisations"), &pager);
        View::new(title, "organisations", Paged { rows, pager })
    }

    /// One organisation's page.
    pub fn organisation(&self, org: &'a Organisation) -> View<'a> {
        let page = OrgPage {
            row: self.org_row(org),
            agreements: org
                .roles
                .iter()
                .map(|role| {
                    let entry = &self.site[role.agreement];
                    OrgAgreement {
                        row: self.agreement_row(entry),
                        unit: entry.agreement.party(role.party).unit.as_deref(),
                    }
                })
                .collect(),
            given_by_year: by_year(&org.given),
            received_by_year: by_year(&org.received),
        };
        View::new(org.name.as_str(), "org", page)
    }
}
