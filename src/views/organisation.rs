//! The organisation pages and the list of organisations.

use serde::Serialize;

use super::body::BodySection;
use super::pager::{Pager, page_of};
use super::{AgreementRow, Ctx, Money, OrgLink, Paged, View, YearAmount, by_year};
use crate::model::site::{OrgIdx, Organisation};
use crate::orgnr::OrgNumber;
use crate::present::urls;

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
    /// The agreements on this page of the list.
    pub agreements: Vec<OrgAgreement<'a>>,
    pub pager: Pager,
    pub given_by_year: Vec<YearAmount>,
    pub received_by_year: Vec<YearAmount>,
    /// For a public body: its units, money, goals, reports and data files.
    pub body: Option<BodySection<'a>>,
    /// schema.org JSON-LD, escaped to stand inside `<script>`.
    pub linked_data: String,
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

    /// Page `number` (from 1) of one organisation's page: the organisation, and its
    /// agreements a page of rows at a time.
    pub fn organisation(&self, idx: OrgIdx, number: usize) -> View<'a> {
        let org = &self.site[idx];
        let pager = Pager::new(
            &urls::organisation(&org.id),
            number,
            org.roles.len(),
            self.rows_per_page(),
        );
        let page = OrgPage {
            row: self.org_row(org),
            agreements: page_of(&org.roles, number, self.rows_per_page())
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
            body: self
                .site
                .body_of(idx)
                .map(|b| self.body_section(b, pager.number == 1)),
            pager,
            linked_data: self.organisation_linked_data(org),
        };
        View::new(self.paged_title(&org.name, &page.pager), "org", page)
    }
}
