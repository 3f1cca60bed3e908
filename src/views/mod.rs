//! What templates see: view structs with a shape chosen for the pages, built from the
//! frozen `Site`. Numbers stay numbers; templates format them with the `money`, `kr` and
//! `num` filters. Labels come from the theme's i18n file.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::site::{AgreementEntry, Organisation, ReportState, Site, Sum, YearTotals};
use crate::model::types::*;
pub use crate::present::Money;
use crate::present::charts::{BarChart, ChartClock, ChartText, HBar, HBarChart, LineChart, Stack};
use crate::present::i18n::I18n;
use crate::present::{markdown, urls};

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrgLink {
    pub name: String,
    pub url: String,
    pub kind: PartyKind,
    pub kind_label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalRef {
    pub number: u8,
    pub name: String,
    pub url: String,
}

/// One agreement in a table or list.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementRow {
    pub id: String,
    pub url: String,
    pub title: String,
    pub name: String,
    pub status: crate::model::Status,
    pub status_label: String,
    pub start: String,
    pub end: String,
    pub organisations: Vec<OrgLink>,
    /// Public money in `yearly_year`: the build year, else the last year with funding.
    pub yearly: Money,
    pub yearly_year: Option<i32>,
    pub total_public: Money,
    pub goals: Vec<GoalRef>,
}

pub struct Ctx<'a> {
    pub site: &'a Site,
    pub t: &'a I18n,
    /// Counts and times the charts drawn for the pages.
    pub charts: &'a ChartClock,
}

impl Ctx<'_> {
    pub fn chart_text(&self) -> ChartText<'_> {
        ChartText {
            language: self.site.config.language,
            t: self.t,
        }
    }

    fn bar_chart(&self, chart: &BarChart) -> Option<String> {
        self.charts.draw(|| chart.render(self.chart_text()))
    }

    fn hbar_chart(&self, chart: &HBarChart) -> Option<String> {
        self.charts.draw(|| chart.render(self.chart_text()))
    }

    /// Public money per year, stacked by public funder, over every agreement of the site.
    fn funders_chart(&self, id: &str, years: &[i32], rows: &[FunderRow]) -> Option<String> {
        if rows.is_empty() {
            return None;
        }
        self.bar_chart(&BarChart {
            id: id.to_string(),
            title: self.t.get("chart_public_by_funder"),
            years: years.to_vec(),
            stacks: rows
                .iter()
                .map(|row| Stack {
                    name: row.link.name.clone(),
                    own: false,
                    values: row.cells.clone(),
                })
                .collect(),
        })
    }

    pub fn goal_ref(&self, number: u8) -> GoalRef {
        GoalRef {
            number,
            name: self.t.goal_name(number),
            url: urls::goal(number),
        }
    }

    pub fn org_link(&self, org: &Organisation) -> OrgLink {
        OrgLink {
            name: org.name.clone(),
            url: urls::organisation(&org.id),
            kind: org.kind,
            kind_label: self.t.party_kind(org.kind),
        }
    }

    pub fn agreement_row(&self, entry: &AgreementEntry) -> AgreementRow {
        let a = &entry.agreement;
        let yearly = entry.yearly_public(chrono::Datelike::year(&self.site.config.as_of));
        AgreementRow {
            id: a.id.clone(),
            url: urls::agreement(&a.id),
            title: a.title.clone(),
            name: a.short_name().to_string(),
            status: entry.status,
            status_label: self.t.status(entry.status),
            start: a.period.start.to_string(),
            end: entry.end.to_string(),
            organisations: entry
                .party_orgs
                .iter()
                .map(|&o| self.org_link(&self.site.organisations[o]))
                .collect(),
            yearly: yearly.map(|(_, s)| Money::from(s)).unwrap_or_default(),
            yearly_year: yearly.map(|(y, _)| y),
            total_public: entry.total().public.into(),
            goals: a.goals.iter().map(|g| self.goal_ref(g.goal)).collect(),
        }
    }
}

/// Year × funder table of one agreement.
#[derive(Debug, Serialize)]
pub struct FundingTable {
    pub columns: Vec<FundingColumn>,
    pub rows: Vec<FundingRow>,
    pub total: FundingRow,
    pub has_own: bool,
    pub has_unpublished: bool,
}

#[derive(Debug, Serialize)]
pub struct FundingColumn {
    pub funder: String,
    /// The funder's organisation page.
    pub url: String,
    pub unit: Option<String>,
    pub own_contribution: bool,
}

#[derive(Debug, Serialize)]
pub struct FundingRow {
    pub year: Option<i32>,
    pub cells: Vec<Option<Money>>,
    pub public: Money,
    pub own: Money,
    pub total: Money,
    /// The year was added by a later decision (an extension).
    pub from_decision: bool,
}

fn funding_table(ctx: &Ctx, entry: &AgreementEntry) -> FundingTable {
    let a = &entry.agreement;
    let mut columns: Vec<(usize, Option<String>)> = Vec::new();
    for line in &a.funding {
        let key = (line.funder, line.unit.clone());
        if !columns.contains(&key) {
            columns.push(key);
        }
    }
    // Public funders first, own contributions last, each in party order.
    columns.sort_by_key(|(p, _)| (a.parties[*p].kind, *p));
    let mut years: BTreeMap<i32, Vec<&FundingLine>> = BTreeMap::new();
    for line in &a.funding {
        years.entry(line.year).or_default().push(line);
    }
    let mut total_cells: Vec<Option<Money>> = vec![None; columns.len()];
    let mut rows = Vec::new();
    let mut all = YearTotals::default();
    for (year, lines) in &years {
        let mut cells = vec![None; columns.len()];
        let mut totals = YearTotals::default();
        for line in lines {
            let col = columns
                .iter()
                .position(|(p, u)| *p == line.funder && *u == line.unit)
                .unwrap_or(0);
            cells[col] = Some(Money::from(line.amount));
            let sum = total_cells[col].unwrap_or_default() + Money::from(line.amount);
            total_cells[col] = Some(sum);
            totals.add(line);
            all.add(line);
        }
        rows.push(FundingRow {
            year: Some(*year),
            cells,
            public: totals.public.into(),
            own: totals.own.into(),
            total: Money::from(totals.public) + Money::from(totals.own),
            from_decision: lines.iter().all(|l| l.decision.is_some()),
        });
    }
    FundingTable {
        columns: columns
            .iter()
            .map(|(p, unit)| FundingColumn {
                funder: a.parties[*p].name.clone(),
                url: urls::organisation(&ctx.site.organisations[entry.party_orgs[*p]].id),
                unit: unit.clone(),
                own_contribution: a.parties[*p].kind == PartyKind::Nonprofit,
            })
            .collect(),
        rows,
        total: FundingRow {
            year: None,
            cells: total_cells,
            public: all.public.into(),
            own: all.own.into(),
            total: Money::from(all.public) + Money::from(all.own),
            from_decision: false,
        },
        has_own: a
            .funding
            .iter()
            .any(|l| l.kind == FundingKind::OwnContribution),
        has_unpublished: a.funding.iter().any(|l| l.amount == Amount::Unpublished),
    }
}

#[derive(Debug, Serialize)]
pub struct PartyView {
    pub name: String,
    pub url: String,
    pub kind: PartyKind,
    pub kind_label: String,
    pub org_number: Option<String>,
    pub unit: Option<String>,
    pub address: Option<String>,
    pub contacts: Vec<Contact>,
    pub signatories: Vec<Signatory>,
}

#[derive(Debug, Serialize)]
pub struct PeriodView {
    pub start: String,
    pub end: String,
    /// The end in the signed agreement, when a decision extended it.
    pub original_end: Option<String>,
    /// The decision that set `end` is only a proposal so far.
    pub extension_proposed: bool,
    pub ends_without_notice: bool,
    pub extension: Option<Extension>,
    /// The date by which a position on extension is due.
    pub extension_decision_due: Option<String>,
    pub notice: Option<String>,
    pub previous: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DecisionView {
    /// Fragment id of the decision on the agreement page (`decision-1`, …), used by the feed.
    pub anchor: String,
    pub date: String,
    pub body: String,
    pub diary_number: Option<String>,
    pub summary: String,
    pub status: DecisionStatus,
    pub status_label: String,
    pub extends_to: Option<String>,
    pub funding: Vec<DecisionFunding>,
}

#[derive(Debug, Serialize)]
pub struct DecisionFunding {
    pub year: i32,
    pub funder: String,
    pub unit: Option<String>,
    pub amount: Money,
}

#[derive(Debug, Serialize)]
pub struct GoalLinkView {
    pub number: u8,
    pub name: String,
    pub url: String,
    pub basis: GoalBasis,
    pub basis_label: String,
    pub motivation: Option<String>,
    pub targets: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ReportLink {
    pub year: i32,
    pub received: bool,
    pub url: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FollowUpView {
    pub meetings_per_year: Option<u32>,
    pub convener: Option<String>,
    pub reports: Vec<DueReport>,
    pub notes: Option<String>,
}

/// Everything on one agreement's page. Free-text fields are already HTML.
#[derive(Debug, Serialize)]
pub struct AgreementPage {
    pub row: AgreementRow,
    pub form_label: String,
    pub diary_numbers: Vec<String>,
    pub summary: String,
    pub background: Option<String>,
    pub purpose: Option<String>,
    pub target_group: Option<String>,
    pub delimitations: Option<String>,
    pub values: Option<String>,
    pub termination: Option<String>,
    pub objectives: Vec<String>,
    pub activities: Vec<Activity>,
    pub sources: Vec<Source>,
    pub parties: Vec<PartyView>,
    pub period: PeriodView,
    pub funding: FundingTable,
    pub in_kind: Option<String>,
    pub payment: Option<String>,
    pub follow_up: Option<FollowUpView>,
    pub decisions: Vec<DecisionView>,
    pub goals: Vec<GoalLinkView>,
    pub reports: Vec<ReportLink>,
    pub missing_reports: Vec<i32>,
    /// Funding per year stacked by funder (inline SVG), when there are funding lines.
    pub funding_chart: Option<String>,
    /// Statistics that appear in two or more of the agreement's reports.
    pub statistics: Vec<StatisticSeries>,
}

/// One statistic over the years, from the agreement's reports.
#[derive(Debug, Serialize)]
pub struct StatisticSeries {
    /// Fragment id of its chart and table.
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    pub points: Vec<StatisticPoint>,
    pub chart: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct StatisticPoint {
    pub year: i32,
    pub value: f64,
    pub report_url: String,
}

fn md(text: &Option<String>) -> Option<String> {
    text.as_deref().map(|t| markdown::to_html(t, 4))
}

impl Ctx<'_> {
    pub fn agreement_page(&self, entry: &AgreementEntry) -> AgreementPage {
        let a = &entry.agreement;
        let publish = self.site.config.publish_contact_details;
        let extension_decision_due = a
            .period
            .extension
            .as_ref()
            .and_then(|e| e.decision_months_before_end)
            .and_then(|m| {
                a.period
                    .end
                    .checked_sub_months(chrono::Months::new(m))
                    .map(|d| d.to_string())
            });
        let funding = funding_table(self, entry);
        AgreementPage {
            row: self.agreement_row(entry),
            form_label: self.t.form(a.form),
            diary_numbers: a.diary_numbers.clone(),
            summary: markdown::to_html(&a.summary, 3),
            background: md(&a.background),
            purpose: md(&a.purpose),
            target_group: md(&a.target_group),
            delimitations: md(&a.delimitations),
            values: md(&a.values),
            termination: a.termination.as_deref().map(|t| markdown::to_html(t, 3)),
            objectives: a.objectives.clone(),
            activities: a.activities.clone(),
            sources: a.sources.clone(),
            parties: a
                .parties
                .iter()
                .zip(&entry.party_orgs)
                .map(|(p, &o)| PartyView {
                    name: p.name.clone(),
                    url: urls::organisation(&self.site.organisations[o].id),
                    kind: p.kind,
                    kind_label: self.t.party_kind(p.kind),
                    org_number: p.org_number.as_ref().map(ToString::to_string),
                    unit: p.unit.clone(),
                    address: p.address.clone(),
                    contacts: p
                        .contacts
                        .iter()
                        .map(|c| Contact {
                            name: c.name.clone(),
                            role: c.role.clone(),
                            phone: c.phone.clone().filter(|_| publish),
                            email: c.email.clone().filter(|_| publish),
                        })
                        .collect(),
                    signatories: p.signatories.clone(),
                })
                .collect(),
            period: PeriodView {
                start: a.period.start.to_string(),
                end: entry.end.to_string(),
                original_end: (entry.end != a.period.end).then(|| a.period.end.to_string()),
                extension_proposed: a
                    .decisions
                    .iter()
                    .filter(|d| d.extends_to == Some(entry.end))
                    .all(|d| d.status == DecisionStatus::Proposed)
                    && entry.end != a.period.end,
                ends_without_notice: a.period.ends_without_notice,
                extension: a.period.extension.clone(),
                extension_decision_due,
                notice: a.period.notice.clone(),
                previous: a.period.previous.clone(),
            },
            funding_chart: self.agreement_chart(&funding),
            funding,
            in_kind: md(&a.in_kind),
            payment: md(&a.payment),
            follow_up: a.follow_up.as_ref().map(|f| FollowUpView {
                meetings_per_year: f.meetings_per_year,
                convener: f.convener.map(|i| a.parties[i].name.clone()),
                reports: f.reports.clone(),
                notes: f.notes.clone(),
            }),
            decisions: {
                let mut list: Vec<DecisionView> = a
                    .decisions
                    .iter()
                    .enumerate()
                    .map(|(i, d)| DecisionView {
                        anchor: format!("decision-{}", i + 1),
                        date: d.date.to_string(),
                        body: d.body.clone(),
                        diary_number: d.diary_number.clone(),
                        summary: markdown::to_html(&d.summary, 4),
                        status: d.status,
                        status_label: self.t.decision_status(d.status),
                        extends_to: d.extends_to.map(|x| x.to_string()),
                        funding: a
                            .funding
                            .iter()
                            .filter(|l| l.decision == Some(i))
                            .map(|l| DecisionFunding {
                                year: l.year,
                                funder: a.parties[l.funder].name.clone(),
                                unit: l.unit.clone(),
                                amount: l.amount.into(),
                            })
                            .collect(),
                    })
                    .collect();
                list.sort_by(|x, y| x.date.cmp(&y.date));
                list
            },
            goals: a
                .goals
                .iter()
                .map(|g| GoalLinkView {
                    number: g.goal,
                    name: self.t.goal_name(g.goal),
                    url: urls::goal(g.goal),
                    basis: g.basis,
                    basis_label: self.t.goal_basis(g.basis),
                    motivation: g.motivation.clone(),
                    targets: g.targets.clone(),
                })
                .collect(),
            reports: entry
                .reports
                .iter()
                .map(|(year, state)| match state {
                    ReportState::Received(i) => {
                        let r = &self.site.reports[*i];
                        ReportLink {
                            year: *year,
                            received: true,
                            url: Some(urls::report(&r.id)),
                            title: r.title.clone(),
                        }
                    }
                    ReportState::Missing => ReportLink {
                        year: *year,
                        received: false,
                        url: None,
                        title: None,
                    },
                })
                .collect(),
            missing_reports: entry
                .reports
                .iter()
                .filter(|(_, s)| *s == ReportState::Missing)
                .map(|(y, _)| *y)
                .collect(),
            statistics: self.statistics(entry),
        }
    }

    fn agreement_chart(&self, table: &FundingTable) -> Option<String> {
        if table.rows.is_empty() {
            return None;
        }
        let own = self.t.get("own_contribution");
        let stacks = table
            .columns
            .iter()
            .enumerate()
            .map(|(c, col)| Stack {
                name: match (&col.unit, col.own_contribution) {
                    (Some(unit), false) => format!("{}, {unit}", col.funder),
                    (Some(unit), true) => format!("{}, {unit} ({own})", col.funder),
                    (None, true) => format!("{} ({own})", col.funder),
                    (None, false) => col.funder.clone(),
                },
                own: col.own_contribution,
                values: table.rows.iter().map(|r| r.cells[c]).collect(),
            })
            .collect();
        self.bar_chart(&BarChart {
            id: "funding-chart".into(),
            title: self.t.get("chart_agreement_funding"),
            years: table.rows.iter().filter_map(|r| r.year).collect(),
            stacks,
        })
    }

    /// Statistics reported for two or more years, in the order they first appear.
    fn statistics(&self, entry: &AgreementEntry) -> Vec<StatisticSeries> {
        let mut series: Vec<StatisticSeries> = Vec::new();
        for (year, state) in &entry.reports {
            let ReportState::Received(i) = state else {
                continue;
            };
            let report = &self.site.reports[*i];
            for stat in &report.statistics {
                let point = StatisticPoint {
                    year: *year,
                    value: stat.value,
                    report_url: urls::report(&report.id),
                };
                match series
                    .iter_mut()
                    .find(|s| s.name == stat.name && s.unit == stat.unit)
                {
                    Some(s) => s.points.push(point),
                    None => series.push(StatisticSeries {
                        id: String::new(),
                        name: stat.name.clone(),
                        unit: stat.unit.clone(),
                        points: vec![point],
                        chart: None,
                    }),
                }
            }
        }
        series.retain(|s| s.points.len() >= 2);
        for (k, s) in series.iter_mut().enumerate() {
            s.points.sort_by_key(|p| p.year);
            s.id = format!("statistic-{}", k + 1);
            let chart = LineChart {
                id: format!("{}-chart", s.id),
                title: match &s.unit {
                    Some(unit) => format!("{} ({unit})", s.name),
                    None => s.name.clone(),
                },
                name: s.name.clone(),
                unit: s.unit.clone(),
                points: s.points.iter().map(|p| (p.year, p.value)).collect(),
            };
            s.chart = self.charts.draw(|| chart.render(self.chart_text()));
        }
        series
    }
}

#[derive(Debug, Serialize)]
pub struct StatisticView {
    pub name: String,
    pub value: f64,
    pub unit: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ReportPage {
    pub agreement: Link,
    pub year: i32,
    pub title: String,
    pub received: Option<String>,
    pub spent: Option<Money>,
    pub statistics: Vec<StatisticView>,
    pub body: String,
}

impl Ctx<'_> {
    pub fn report_page(&self, report: &Report) -> ReportPage {
        let agreement = self
            .site
            .agreement(&report.agreement)
            .map(|e| e.agreement.short_name().to_string())
            .unwrap_or_default();
        ReportPage {
            title: report.title.clone().unwrap_or_else(|| {
                format!(
                    "{} {} – {}",
                    self.t.get("annual_report"),
                    report.year,
                    agreement
                )
            }),
            agreement: Link {
                name: agreement,
                url: urls::agreement(&report.agreement),
            },
            year: report.year,
            received: report.received.map(|d| d.to_string()),
            spent: report.spent.map(|k| Money {
                kronor: k,
                unpublished: false,
            }),
            statistics: report
                .statistics
                .iter()
                .map(|s| StatisticView {
                    name: s.name.clone(),
                    value: s.value,
                    unit: s.unit.clone(),
                })
                .collect(),
            body: markdown::to_html(&report.body, 3),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct YearMoney {
    pub year: i32,
    pub public: Money,
    pub own: Money,
    pub total: Money,
}

fn year_money(totals: &BTreeMap<i32, YearTotals>) -> Vec<YearMoney> {
    totals
        .iter()
        .map(|(y, t)| YearMoney {
            year: *y,
            public: t.public.into(),
            own: t.own.into(),
            total: Money::from(t.public) + Money::from(t.own),
        })
        .collect()
}

fn sum_all(map: &BTreeMap<i32, Sum>) -> Money {
    map.values()
        .fold(Money::default(), |acc, s| acc + Money::from(*s))
}

/// An amount for one year.
#[derive(Debug, Serialize)]
pub struct YearAmount {
    pub year: i32,
    pub amount: Money,
}

fn by_year(map: &BTreeMap<i32, Sum>) -> Vec<YearAmount> {
    map.iter()
        .map(|(y, s)| YearAmount {
            year: *y,
            amount: Money::from(*s),
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct OrgRow {
    pub link: OrgLink,
    pub org_number: Option<String>,
    pub agreement_count: usize,
    pub given: Money,
    pub received: Money,
}

#[derive(Debug, Serialize)]
pub struct OrgAgreement {
    pub row: AgreementRow,
    pub unit: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct OrgPage {
    pub row: OrgRow,
    pub agreements: Vec<OrgAgreement>,
    pub given_by_year: Vec<YearAmount>,
    pub received_by_year: Vec<YearAmount>,
}

impl Ctx<'_> {
    pub fn org_row(&self, org: &Organisation) -> OrgRow {
        let mut agreements: Vec<usize> = org.roles.iter().map(|(a, _)| *a).collect();
        agreements.dedup();
        OrgRow {
            link: self.org_link(org),
            org_number: org.org_number.clone(),
            agreement_count: agreements.len(),
            given: sum_all(&org.given),
            received: sum_all(&org.received),
        }
    }

    pub fn org_page(&self, org: &Organisation) -> OrgPage {
        OrgPage {
            row: self.org_row(org),
            agreements: org
                .roles
                .iter()
                .map(|(a, p)| {
                    let entry = &self.site.agreements[*a];
                    OrgAgreement {
                        row: self.agreement_row(entry),
                        unit: entry.agreement.parties[*p].unit.clone(),
                    }
                })
                .collect(),
            given_by_year: by_year(&org.given),
            received_by_year: by_year(&org.received),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct GoalRow {
    pub goal: GoalRef,
    pub agreement_count: usize,
    pub public_total: Money,
}

#[derive(Debug, Serialize)]
pub struct GoalAgreement {
    pub row: AgreementRow,
    pub basis: GoalBasis,
    pub basis_label: String,
    pub motivation: Option<String>,
    pub targets: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct GoalPage {
    pub row: GoalRow,
    pub agreements: Vec<GoalAgreement>,
    pub by_year: Vec<YearAmount>,
    pub chart: Option<String>,
}

impl Ctx<'_> {
    pub fn goal_row(&self, goal: &crate::model::site::GoalEntry) -> GoalRow {
        GoalRow {
            goal: self.goal_ref(goal.number),
            agreement_count: goal.agreements.len(),
            public_total: sum_all(&goal.public_by_year),
        }
    }

    pub fn goal_page(&self, goal: &crate::model::site::GoalEntry) -> GoalPage {
        GoalPage {
            row: self.goal_row(goal),
            agreements: goal
                .agreements
                .iter()
                .map(|(a, g)| {
                    let entry = &self.site.agreements[*a];
                    let link = &entry.agreement.goals[*g];
                    GoalAgreement {
                        row: self.agreement_row(entry),
                        basis: link.basis,
                        basis_label: self.t.goal_basis(link.basis),
                        motivation: link.motivation.clone(),
                        targets: link.targets.clone(),
                    }
                })
                .collect(),
            by_year: by_year(&goal.public_by_year),
            chart: (!goal.public_by_year.is_empty())
                .then(|| {
                    self.bar_chart(&BarChart {
                        id: "goal-chart".into(),
                        title: self
                            .t
                            .get("goal_funding_caption")
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
                })
                .flatten(),
        }
    }
}

/// Funding per year for one funder in the overview.
#[derive(Debug, Serialize)]
pub struct FunderRow {
    pub link: OrgLink,
    pub cells: Vec<Option<Money>>,
    pub total: Money,
}

#[derive(Debug, Serialize)]
pub struct FundingOverview {
    pub years: Vec<i32>,
    pub by_year: Vec<YearMoney>,
    pub total: YearMoney,
    pub by_funder: Vec<FunderRow>,
    pub by_recipient: Vec<OrgRow>,
    pub by_goal: Vec<GoalRow>,
    pub unpublished_agreements: Vec<Link>,
    pub by_funder_chart: Option<String>,
    pub by_recipient_chart: Option<String>,
    pub by_goal_chart: Option<String>,
}

impl Ctx<'_> {
    /// Public funders with what they give per year of the site (`None`: nothing that year).
    fn funder_rows(&self) -> Vec<FunderRow> {
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
                total: sum_all(&o.given),
            })
            .collect()
    }

    pub fn funding_overview(&self) -> FundingOverview {
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
                .then_with(|| a.link.name.cmp(&b.link.name))
        });
        let all: YearTotals = site.totals.values().sum();
        let by_goal: Vec<GoalRow> = site
            .goals
            .iter()
            .filter(|g| !g.agreements.is_empty())
            .map(|g| self.goal_row(g))
            .collect();
        let by_recipient_chart = (!by_recipient.is_empty())
            .then(|| {
                self.hbar_chart(&HBarChart {
                    id: "recipient-chart".into(),
                    title: self.t.get("funding_per_recipient_caption"),
                    bars: by_recipient
                        .iter()
                        .map(|o| HBar {
                            label: o.link.name.clone(),
                            value: o.received,
                        })
                        .collect(),
                    desc_note: None,
                })
            })
            .flatten();
        let by_goal_chart = (!by_goal.is_empty())
            .then(|| {
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
            })
            .flatten();
        FundingOverview {
            by_funder_chart: self.funders_chart("funder-chart", &years, &by_funder),
            years,
            by_year: year_money(&site.totals),
            total: YearMoney {
                year: 0,
                public: all.public.into(),
                own: all.own.into(),
                total: Money::from(all.public) + Money::from(all.own),
            },
            by_funder,
            by_recipient,
            by_goal,
            by_recipient_chart,
            by_goal_chart,
            unpublished_agreements: site
                .agreements
                .iter()
                .filter(|e| {
                    e.agreement
                        .funding
                        .iter()
                        .any(|l| l.amount == Amount::Unpublished)
                })
                .map(|e| Link {
                    name: e.agreement.short_name().to_string(),
                    url: urls::agreement(&e.agreement.id),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct HomePage {
    pub agreement_count: usize,
    pub active_count: usize,
    pub organisation_count: usize,
    pub nonprofit_count: usize,
    pub year: i32,
    pub public_this_year: Money,
    pub public_all_years: Money,
    pub active: Vec<AgreementRow>,
    pub by_year: Vec<YearMoney>,
    pub missing_report_count: usize,
    pub years: Vec<i32>,
    /// Public money per year by funder: chart and the same numbers as table rows.
    pub by_funder: Vec<FunderRow>,
    pub by_funder_chart: Option<String>,
}

impl Ctx<'_> {
    pub fn home(&self) -> HomePage {
        let site = self.site;
        let year = chrono::Datelike::year(&site.config.as_of);
        let years: Vec<i32> = site.totals.keys().copied().collect();
        let by_funder = self.funder_rows();
        HomePage {
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
            public_all_years: site
                .totals
                .values()
                .fold(Money::default(), |acc, t| acc + Money::from(t.public)),
            active: site.active().map(|(_, e)| self.agreement_row(e)).collect(),
            by_year: year_money(&site.totals),
            missing_report_count: site
                .agreements
                .iter()
                .flat_map(|e| &e.reports)
                .filter(|(_, s)| *s == ReportState::Missing)
                .count(),
            by_funder_chart: self.funders_chart("funder-chart", &years, &by_funder),
            years,
            by_funder,
        }
    }
}
