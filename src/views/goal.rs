//! The goal pages and the list of goals.

use serde::Serialize;

use super::pager::{Pager, page_of};
use super::{AgreementRow, Ctx, GoalRef, Money, View, YearAmount, by_year};
use crate::model::site::GoalEntry;
use crate::model::types::GoalBasis;
use crate::present::charts::{BarChart, Stack};
use crate::present::urls;

#[derive(Debug, Serialize)]
pub struct GoalRow<'a> {
    pub goal: GoalRef<'a>,
    pub agreement_count: usize,
    pub public_total: Money,
}

#[derive(Debug, Serialize)]
pub struct GoalAgreement<'a> {
    pub row: AgreementRow<'a>,
    pub basis: GoalBasis,
    pub basis_label: &'a str,
    pub motivation: Option<&'a str>,
    pub targets: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct GoalPage<'a> {
    pub row: GoalRow<'a>,
    pub agreements: Vec<GoalAgreement<'a>>,
    pub by_year: Vec<YearAmount>,
    pub chart: Option<String>,
    pub title: String,
    pub pager: Pager,
}

impl<'a> Ctx<'a> {
    pub fn goal_row(&self, goal: &GoalEntry) -> GoalRow<'a> {
        GoalRow {
            goal: self.goal_ref(goal.number),
            agreement_count: goal.agreements.len(),
            public_total: goal.public_total.into(),
        }
    }

    /// The list of the 17 goals.
    pub fn goals(&self) -> View<'a> {
        let rows: Vec<GoalRow> = self.site.goals.iter().map(|g| self.goal_row(g)).collect();
        View::new(self.t.text("goals"), "goals", rows)
    }

    /// Page `number` of one goal's page: the goal's figures, and a page of its agreements.
    pub fn goal(&self, goal: &'a GoalEntry, number: usize) -> View<'a> {
        let pager = Pager::new(
            &urls::goal(goal.number),
            number,
            goal.agreements.len(),
            self.rows_per_page(),
        );
        let title = format!(
            "{} {}: {}",
            self.t.text("goal"),
            goal.number,
            self.t.goal_name(goal.number)
        );
        let page = GoalPage {
            row: self.goal_row(goal),
            agreements: page_of(&goal.agreements, number, self.rows_per_page())
                .iter()
                .map(|used| {
                    let entry = &self.site[used.agreement];
                    let link = &entry.agreement.goals[used.link];
                    GoalAgreement {
                        row: self.agreement_row(entry),
                        basis: link.basis,
                        basis_label: self.t.goal_basis(link.basis),
                        motivation: link.motivation.as_deref(),
                        targets: &link.targets,
                    }
                })
                .collect(),
            by_year: by_year(&goal.public_by_year),
            chart: self.goal_chart(goal),
            title: self.paged_title(&title, &pager).into_owned(),
            pager,
        };
        View::new(page.title.clone(), "goal", page)
    }

    fn goal_chart(&self, goal: &GoalEntry) -> Option<String> {
        if goal.public_by_year.is_empty() {
            return None;
        }
        self.bar_chart(&BarChart {
            proposed: Vec::new(),
            id: "goal-chart".into(),
            title: self
                .t
                .text("goal_funding_caption")
                .replace("{n}", &goal.number.to_string()),
            years: goal.public_by_year.keys().copied().collect(),
            stacks: vec![Stack {
                name: self.t.get("col_public"),
                own: false,
                values: goal
                    .public_by_year
                    .values()
                    .map(|s| Some(Money::from(*s)))
                    .collect(),
            }],
        })
    }
}
