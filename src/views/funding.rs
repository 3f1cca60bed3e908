//! The funding overview: public money per year, funder, recipient and goal.

use serde::Serialize;

use super::goal::GoalRow;
use super::organisation::OrgRow;
use super::{Ctx, Link, Money, OrgLink, View, YearMoney, year_money};
use std::collections::BTreeMap;

use crate::model::site::{AgreementEntry, Organisation, Sum, YearTotals};
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

/// The largest public funders by money given, and the rest summed in one row, so a chart
/// or table of them stays readable however many funders the site has.
#[derive(Debug, Serialize)]
pub struct Funders<'a> {
    pub rows: Vec<FunderRow<'a>>,
    pub others: Option<OthersRow>,
    /// How many funders there are in all.
    pub count: usize,
}

/// The funders not shown one by one, summed.
#[derive(Debug, Serialize)]
pub struct OthersRow {
    /// "Övriga (271 finansiärer)".
    pub name: String,
    pub count: usize,
    pub cells: Vec<Option<Money>>,
    pub total: Money,
}

/// Series a chart draws at most: the largest, and one for the rest.
pub const CHART_SERIES: usize = 8;
/// Rows a table of the largest shows at most before "others".
pub const TABLE_ROWS: usize = 20;

#[derive(Debug, Serialize)]
pub struct FundingOverview<'a> {
    pub years: Vec<i32>,
    pub by_year: Vec<YearMoney>,
    pub total: YearMoney,
    pub by_funder: Funders<'a>,
    /// The recipients that received the most, at most [`TABLE_ROWS`].
    pub by_recipient: Vec<OrgRow<'a>>,
    /// How many recipients there are in all.
    pub recipient_count: usize,
    pub by_goal: Vec<GoalRow<'a>>,
    /// Agreements with amounts not published, at most [`TABLE_ROWS`], and how many in all.
    pub unpublished_agreements: Vec<Link<'a>>,
    pub unpublished_count: usize,
    pub by_funder_chart: Option<String>,
    pub by_recipient_chart: Option<String>,
    pub by_goal_chart: Option<String>,
}

impl<'a> Ctx<'a> {
    /// The `keep` public funders that gave the most over all years (ties by name, in
    /// alphabetical order), each with what it gave per year of the site, and the rest summed.
    pub(super) fn funders(&self, keep: usize) -> Funders<'a> {
        let years: Vec<i32> = self.site.totals.keys().copied().collect();
        let mut funders: Vec<&Organisation> = self
            .site
            .organisations
            .iter()
            .filter(|o| o.kind == PartyKind::Public && !o.given.is_empty())
            .collect();
        // The organisations are in alphabetical order already; a stable sort keeps it for ties.
        funders.sort_by_key(|o| std::cmp::Reverse(o.given_total.kronor));
        let count = funders.len();
        let rest = funders.split_off(keep.min(count));
        let cells = |given: &BTreeMap<i32, Sum>| -> Vec<Option<Money>> {
            years
                .iter()
                .map(|y| given.get(y).map(|s| Money::from(*s)))
                .collect()
        };
        let others = (!rest.is_empty()).then(|| {
            let mut given: BTreeMap<i32, Sum> = BTreeMap::new();
            let mut total = Sum::default();
            for o in &rest {
                for (year, sum) in &o.given {
                    *given.entry(*year).or_default() += *sum;
                }
                total += o.given_total;
            }
            OthersRow {
                name: self
                    .t
                    .text("others_funders")
                    .replace("{count}", &rest.len().to_string()),
                count: rest.len(),
                cells: cells(&given),
                total: total.into(),
            }
        });
        Funders {
            rows: funders
                .into_iter()
                .map(|o| FunderRow {
                    link: self.org_link(o),
                    cells: cells(&o.given),
                    total: o.given_total.into(),
                })
                .collect(),
            others,
            count,
        }
    }

    /// Public money per year, stacked by the largest public funders and the rest together.
    pub(super) fn funders_chart(&self, years: &[i32], funders: &Funders) -> Option<String> {
        if funders.rows.is_empty() {
            return None;
        }
        let stacks = funders
            .rows
            .iter()
            .map(|row| Stack {
                name: row.link.name.to_string(),
                own: false,
                values: row.cells.clone(),
            })
            .chain(funders.others.iter().map(|row| Stack {
                name: row.name.clone(),
                own: false,
                values: row.cells.clone(),
            }))
            .collect();
        self.bar_chart(&BarChart {
            proposed: Vec::new(),
            id: "funder-chart".to_string(),
            title: self.t.get("chart_public_by_funder"),
            years: years.to_vec(),
            stacks,
        })
    }

    /// The funding overview page.
    pub fn funding(&self) -> View<'a> {
        let site = self.site;
        let years: Vec<i32> = site.totals.keys().copied().collect();
        let by_funder = self.funders(TABLE_ROWS);
        let chart_funders = self.funders(CHART_SERIES);
        let mut by_recipient: Vec<OrgRow> = site
            .organisations
            .iter()
            .filter(|o| !o.received.is_empty())
            .map(|o| self.org_row(o))
            .collect();
        // Alphabetical already; a stable sort keeps that order for ties.
        by_recipient.sort_by_key(|o| std::cmp::Reverse(o.received.kronor));
        let recipient_count = by_recipient.len();
        let all: YearTotals = site.total;
        let unpublished: Vec<&AgreementEntry> = site
            .agreements_by_name
            .iter()
            .map(|&i| &site[i])
            .filter(|e| e.agreement.has_unpublished())
            .collect();
        let by_goal: Vec<GoalRow> = site
            .goals
            .iter()
            .filter(|g| !g.agreements.is_empty())
            .map(|g| self.goal_row(g))
            .collect();
        let page = FundingOverview {
            by_funder_chart: self.funders_chart(&years, &chart_funders),
            years,
            by_year: year_money(&site.totals),
            total: YearMoney::new(0, &all),
            by_funder,
            by_recipient_chart: self.recipient_chart(&by_recipient),
            by_recipient: by_recipient.into_iter().take(TABLE_ROWS).collect(),
            recipient_count,
            by_goal_chart: self.goal_chart_of_all(&by_goal),
            by_goal,
            unpublished_agreements: unpublished
                .iter()
                .take(TABLE_ROWS)
                .map(|e| Link {
                    name: e.agreement.short_name(),
                    url: urls::agreement(&e.agreement.id),
                })
                .collect(),
            unpublished_count: unpublished.len(),
        };
        View::new(self.t.text("funding"), "funding", page)
    }

    /// The recipients that received the most (`by_recipient` is sorted so), and the rest
    /// as one bar.
    fn recipient_chart(&self, by_recipient: &[OrgRow]) -> Option<String> {
        if by_recipient.is_empty() {
            return None;
        }
        let keep = CHART_SERIES.min(by_recipient.len());
        let mut bars: Vec<HBar> = by_recipient[..keep]
            .iter()
            .map(|o| HBar {
                label: o.link.name.to_string(),
                value: o.received,
            })
            .collect();
        let rest = &by_recipient[keep..];
        if !rest.is_empty() {
            bars.push(HBar {
                label: self
                    .t
                    .text("others_recipients")
                    .replace("{count}", &rest.len().to_string()),
                value: rest
                    .iter()
                    .fold(Money::default(), |sum, o| sum + o.received),
            });
        }
        self.hbar_chart(&HBarChart {
            id: "recipient-chart".into(),
            title: self.t.get("funding_per_recipient_caption"),
            bars,
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
