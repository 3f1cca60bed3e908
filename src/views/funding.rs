//! The funding overview: public money per year, funder, recipient and goal.

use serde::Serialize;

use super::goal::GoalRow;
use super::organisation::OrgRow;
use super::{Ctx, Link, Money, OrgLink, View, YearMoney, year_money};
use crate::model::site::YearTotals;
use crate::model::types::PartyKind;
use crate::present::charts::{BarChart, HBar, HBarChart, Stack};
use crate::present::urls;

/// Funding per year for one funder in the overview.
#[derive(Debug, Serialize)]
pub struct FunderRow<'a> {
    pub link: OrgLink<'a>,
    pub cells: Vec<Option<Money>>,
    pub total: Money,
}

#[derive(Debug, Serialize)]
pub struct FundingOverview<'a> {
    pub years: Vec<i32>,
    pub by_year: Vec<YearMoney>,
    pub total: YearMoney,
    pub by_funder: Vec<FunderRow<'a>>,
    pub by_recipient: Vec<OrgRow<'a>>,
    pub by_goal: Vec<GoalRow<'a>>,
    pub unpublished_agreements: Vec<Link<'a>>,
    pub by_funder_chart: Option<String>,
    pub by_recipient_chart: Option<String>,
    pub by_goal_chart: Option<String>,
}

impl<'a> Ctx<'a> {
    /// Public funders with what they give per year of the site (`None`: nothing that year).
    pub(super) fn funder_rows(&self) -> Vec<FunderRow<'a>> {
        let years: Vec<i32> = self.site.totals.keys().copied().collect();
        self.site
            .organisations
            .iter()
            .filter(|o| o.kind == PartyKind::Public && !o.given.is_empty())
            .map(|o| FunderRow {
                link: self.org_link(o),
                cells: years
                    .iter()
                    .map(|y| o.given.get(y).map(|s| Money::from(*s)))
                    .collect(),
                total: o.given_total.into(),
            })
            .collect()
    }

    /// Public money per year, stacked by public funder, over every agreement of the site.
    pub(super) fn funders_chart(&self, years: &[i32], rows: &[FunderRow]) -> Option<String> {
        if rows.is_empty() {
            return None;
        }
        self.bar_chart(&BarChart {
            proposed: Vec::new(),
            id: "funder-chart".to_string(),
            title: self.t.get("chart_public_by_funder"),
            years: years.to_vec(),
            stacks: rows
                .iter()
                .map(|row| Stack {
                    name: row.link.name.to_string(),
                    own: false,
                    values: row.cells.clone(),
                })
                .collect(),
        })
    }

    /// The funding overview page.
    pub fn funding(&self) -> View<'a> {
        let site = self.site;
        let years: Vec<i32> = site.totals.keys().copied().collect();
        let by_funder = self.funder_rows();
        let mut by_recipient: Vec<OrgRow> = site
            .organisations
            .iter()
            .filter(|o| !o.received.is_empty())
            .map(|o| self.org_row(o))
            .collect();
        by_recipient.sort_by(|a, b| {
            b.received
                .kronor
                .cmp(&a.received.kronor)
                .then_with(|| a.link.name.cmp(b.link.name))
        });
        let all: YearTotals = site.total;
        let by_goal: Vec<GoalRow> = site
            .goals
            .iter()
            .filter(|g| !g.agreements.is_empty())
            .map(|g| self.goal_row(g))
            .collect();
        let page = FundingOverview {
            by_funder_chart: self.funders_chart(&years, &by_funder),
            years,
            by_year: year_money(&site.totals),
            total: YearMoney::new(0, &all),
            by_funder,
            by_recipient_chart: self.recipient_chart(&by_recipient),
            by_recipient,
            by_goal_chart: self.goal_chart_of_all(&by_goal),
            by_goal,
            unpublished_agreements: site
                .agreements
                .iter()
                .filter(|e| e.agreement.has_unpublished())
                .map(|e| Link {
                    name: e.agreement.short_name(),
                    url: urls::agreement(&e.agreement.id),
                })
                .collect(),
        };
        View::new(self.t.text("funding"), "funding", page)
    }

    fn recipient_chart(&self, by_recipient: &[OrgRow]) -> Option<String> {
        if by_recipient.is_empty() {
            return None;
        }
        self.hbar_chart(&HBarChart {
            id: "recipient-chart".into(),
            title: self.t.get("funding_per_recipient_caption"),
            bars: by_recipient
                .iter()
                .map(|o| HBar {
                    label: o.link.name.to_string(),
                    value: o.received,
                })
                .collect(),
            desc_note: None,
        })
    }

    fn goal_chart_of_all(&self, by_goal: &[GoalRow]) -> Option<String> {
        if by_goal.is_empty() {
            return None;
        }
        self.hbar_chart(&HBarChart {
            id: "goal-chart".into(),
            title: self.t.get("funding_per_goal_caption"),
            bars: by_goal
                .iter()
                .map(|g| HBar {
                    label: format!("{} {}", g.goal.number, g.goal.name),
                    value: g.public_total,
                })
                .collect(),
            desc_note: Some("goal_overlap_note"),
        })
    }
}
