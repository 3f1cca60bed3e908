//! The agreement pages and the list of agreements.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Paged;
use super::pager::{Pager, page_of};
use super::{AgreementRow, Ctx, Money, PeriodSpan, View};
use crate::model::site::{AgreementEntry, ReportState, Sum, YearTotals};
use crate::model::types::*;
use crate::present::charts::{BarChart, LineChart, Stack};
use crate::present::{format, markdown, urls};

/// Year × funder table of one agreement.
#[derive(Debug, Serialize)]
pub struct FundingTable<'a> {
    pub columns: Vec<FundingColumn<'a>>,
    pub rows: Vec<FundingRow>,
    /// Decided money over all rows.
    pub total: FundingRow,
    /// Proposed money over all rows, when there is any.
    pub proposed_total: Option<FundingRow>,
    pub has_own: bool,
    pub has_unpublished: bool,
    pub has_unknown: bool,
    /// Some row is one sum for several years.
    pub has_together: bool,
    /// Some row comes after an outcome ended the agreement.
    pub has_after_end: bool,
    pub notes: Vec<FundingNote<'a>>,
}

#[derive(Debug, Serialize)]
pub struct FundingColumn<'a> {
    pub funder: &'a str,
    /// The funder's organisation page.
    pub url: String,
    pub unit: Option<&'a str>,
    pub own_contribution: bool,
}

#[derive(Debug, Serialize)]
pub struct FundingRow {
    /// The one year of the row; `None` for a sum over several years, and for total rows.
    pub year: Option<i32>,
    /// "2023" or "2023–2026".
    pub label: String,
    /// The amounts are one sum for all the row's years: the split per year is not known.
    pub together: bool,
    pub cells: Vec<Option<Money>>,
    pub public: Money,
    pub own: Money,
    pub total: Money,
    /// The year was added by a later decision (an extension).
    pub from_decision: bool,
    /// The row's money is only proposed so far.
    pub proposed: bool,
    /// The row's years all come after an outcome ended the agreement.
    pub after_end: bool,
}

impl FundingRow {
    fn new(label: String, cells: Vec<Option<Money>>, public: Sum, own: Sum) -> FundingRow {
        FundingRow {
            year: None,
            label,
            together: false,
            cells,
            public: public.into(),
            own: own.into(),
            total: Money::from(public) + Money::from(own),
            from_decision: false,
            proposed: false,
            after_end: false,
        }
    }
}

/// A note written on funding lines, with whose lines and which years.
#[derive(Debug, Serialize)]
pub struct FundingNote<'a> {
    pub funder: &'a str,
    pub unit: Option<&'a str>,
    /// "2025–2027", or one year.
    pub years: String,
    pub note: &'a str,
}

#[derive(Debug, Serialize)]
pub struct ContactView<'a> {
    pub name: &'a str,
    pub role: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct PartyView<'a> {
    pub name: &'a str,
    pub url: String,
    pub kind: PartyKind,
    pub kind_label: &'a str,
    pub org_number: Option<&'a crate::orgnr::OrgNumber>,
    pub unit: Option<&'a str>,
    pub address: Option<&'a str>,
    pub contacts: Vec<ContactView<'a>>,
    pub signatories: &'a [Signatory],
}

#[derive(Debug, Serialize)]
pub struct PeriodView<'a> {
    /// Start, end, proposed end and whether the dates are approximate, as in the lists.
    #[serde(flatten)]
    pub span: PeriodSpan,
    /// The end in the signed agreement, when a decision extended it.
    pub original_end: Option<When>,
    pub ends_without_notice: bool,
    pub extension: Option<&'a Extension>,
    /// The date by which a position on extension is due.
    pub extension_decision_due: Option<chrono::NaiveDate>,
    pub notice: Option<&'a str>,
    pub previous: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct DecisionView<'a> {
    /// Fragment id of the decision on the agreement page (`decision-1`, …), used by the feed.
    pub anchor: String,
    pub date: When,
    pub body: &'a str,
    pub diary_number: Option<&'a str>,
    pub summary: String,
    pub status: DecisionStatus,
    pub status_label: &'a str,
    pub extends_to: Option<When>,
    pub funding: Vec<DecisionFunding<'a>>,
}

/// An outcome on the agreement page.
#[derive(Debug, Serialize)]
pub struct OutcomeView<'a> {
    /// Fragment id (`outcome-1`, …), used by the feed.
    pub anchor: String,
    pub kind: OutcomeKind,
    pub label: &'a str,
    pub date: When,
    pub by: Option<&'a str>,
    pub case: Option<&'a str>,
    pub url: Option<&'a str>,
    pub summary: Option<String>,
    pub fine: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct DecisionFunding<'a> {
    /// "2025" or "2025–2026" for one sum over several years.
    pub years: String,
    pub funder: &'a str,
    pub unit: Option<&'a str>,
    pub amount: Money,
}

#[derive(Debug, Serialize)]
pub struct GoalLinkView<'a> {
    pub number: u8,
    pub name: &'a str,
    pub url: String,
    pub basis: GoalBasis,
    pub basis_label: &'a str,
    pub motivation: Option<&'a str>,
    pub targets: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct ReportLink<'a> {
    pub year: i32,
    pub received: bool,
    pub url: Option<String>,
    /// The report's own title, shown on its page only: lists name every report the same
    /// way ("Verksamhetsberättelse 2024"), whatever its author called it.
    pub title: Option<&'a str>,
    /// "received after 2026-11-23, the status date", when it came in after the date the
    /// site's statuses are computed for.
    pub late_note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FollowUpView<'a> {
    pub meetings_per_year: Option<u32>,
    pub convener: Option<&'a str>,
    pub reports: &'a [DueReport],
    pub notes: Option<&'a str>,
}

/// A document the agreement is transcribed from.
#[derive(Debug, Serialize)]
pub struct SourceView<'a> {
    pub title: &'a str,
    pub date: Option<When>,
    pub url: Option<&'a str>,
    pub file: Option<FileLink<'a>>,
}

/// A link to a file published with the site, with what the reader wants to know before
/// opening it: its type and size.
#[derive(Debug, Serialize)]
pub struct FileLink<'a> {
    /// The file's own name, without its folders.
    pub name: &'a str,
    /// Relative to the site root, percent-encoded.
    pub url: String,
    pub kind: FileKind,
    /// "PDF", "text", or the extension of a kind without a name.
    pub kind_label: String,
    /// In bytes.
    pub size: u64,
    /// "1,2 MB".
    pub size_label: String,
}

/// Everything on one agreement's page. Free-text fields are already HTML.
#[derive(Debug, Serialize)]
pub struct AgreementPage<'a> {
    pub row: AgreementRow<'a>,
    pub form_label: &'a str,
    pub diary_numbers: &'a [String],
    pub summary: String,
    pub background: Option<String>,
    pub purpose: Option<String>,
    pub target_group: Option<String>,
    pub delimitations: Option<String>,
    pub values: Option<String>,
    pub termination: Option<String>,
    pub objectives: &'a [String],
    pub activities: &'a [Activity],
    pub sources: Vec<SourceView<'a>>,
    pub parties: Vec<PartyView<'a>>,
    pub period: PeriodView<'a>,
    pub funding: FundingTable<'a>,
    pub in_kind: Option<String>,
    pub payment: Option<String>,
    pub follow_up: Option<FollowUpView<'a>>,
    pub decisions: Vec<DecisionView<'a>>,
    pub outcomes: Vec<OutcomeView<'a>>,
    /// Why the status is less than certain, in words.
    pub status_notes: Vec<&'a str>,
    pub goals: Vec<GoalLinkView<'a>>,
    pub reports: Vec<ReportLink<'a>>,
    pub missing_reports: Vec<i32>,
    /// The first year whose report is followed up here, when later than the start.
    pub reports_from: Option<i32>,
    /// The `lang` of the agreement's texts, when it differs from the interface's.
    pub content_lang: Option<&'static str>,
    /// Funding per year stacked by funder (inline SVG), when there are funding lines.
    pub funding_chart: Option<String>,
    /// Statistics that appear in two or more of the agreement's reports.
    pub statistics: Vec<StatisticSeries<'a>>,
    /// schema.org JSON-LD, escaped to stand inside `<script>`.
    pub linked_data: String,
    /// The agreement's own data file, relative to the site root.
    pub data_file: String,
}

/// One statistic over the years, from the agreement's reports.
#[derive(Debug, Serialize)]
pub struct StatisticSeries<'a> {
    /// Fragment id of its chart and table.
    pub id: String,
    pub name: &'a str,
    pub unit: Option<&'a str>,
    pub points: Vec<StatisticPoint>,
    pub chart: Option<String>,
}

/// A year of a statistic's table. A year between the first and the last without a value
/// has a row too, with no value, so the table shows the same gap as the chart.
#[derive(Debug, Serialize)]
pub struct StatisticPoint {
    pub year: i32,
    pub value: Option<f64>,
    /// The year's report, when one came in (it may not give this statistic).
    pub report_url: Option<String>,
}

/// A Markdown text of the agreement as HTML, its headings starting at level `top`.
fn md(text: &Option<String>, top: u8) -> Option<String> {
    text.as_deref().map(|t| markdown::to_html(t, top))
}

impl<'a> Ctx<'a> {
    /// The list of every agreement.
    /// Page `number` of the list of every agreement, in alphabetical order.
    pub fn agreements(&self, number: usize) -> View<'a> {
        let site = self.site;
        let pager = Pager::new(
            "agreements.html",
            number,
            site.agreements.len(),
            self.rows_per_page(),
        );
        let rows: Vec<AgreementRow> =
            page_of(&site.agreements_by_name, number, self.rows_per_page())
                .iter()
                .map(|&i| self.agreement_row(&site[i]))
                .collect();
        let title = self.paged_title(self.t.text("agreements"), &pager);
        View::new(title, "agreements", Paged { rows, pager })
    }

    /// One agreement's page.
    pub fn agreement(&self, entry: &'a AgreementEntry) -> View<'a> {
        let a = &entry.agreement;
        let funding = self.funding_table(entry);
        let page = AgreementPage {
            row: self.agreement_row(entry),
            form_label: self.t.form(a.form),
            diary_numbers: &a.diary_numbers,
            summary: markdown::to_html(&a.summary, 3),
            background: md(&a.background, 4),
            purpose: md(&a.purpose, 4),
            target_group: md(&a.target_group, 4),
            delimitations: md(&a.delimitations, 4),
            values: md(&a.values, 4),
            termination: md(&a.termination, 3),
            objectives: &a.objectives,
            activities: &a.activities,
            sources: a.sources.iter().map(|s| self.source(s)).collect(),
            parties: self.parties(entry),
            period: period(entry),
            funding_chart: self.agreement_chart(&funding),
            funding,
            in_kind: md(&a.in_kind, 4),
            payment: md(&a.payment, 4),
            follow_up: a.follow_up.as_ref().map(|f| FollowUpView {
                meetings_per_year: f.meetings_per_year,
                convener: f.convener.map(|p| a.party(p).name.as_str()),
                reports: &f.reports,
                notes: f.notes.as_deref(),
            }),
            decisions: self.decisions(a, entry),
            outcomes: self.outcomes(a),
            status_notes: entry
                .status_notes
                .iter()
                .map(|n| self.t.status_note(*n))
                .collect(),
            goals: a.goals.iter().map(|g| self.goal_link(g)).collect(),
            reports: self.report_links(entry),
            missing_reports: entry.missing_reports().collect(),
            reports_from: entry.reports_from,
            content_lang: self.content_lang(a.language),
            statistics: self.statistics(entry),
            linked_data: self.agreement_linked_data(entry),
            data_file: urls::agreement_data(&a.id),
        };
        View::new(a.title.as_str(), "a", page)
    }

    fn source(&self, s: &'a Source) -> SourceView<'a> {
        SourceView {
            title: &s.title,
            date: s.date,
            url: s.url.as_deref(),
            file: s.file.as_ref().map(|f| self.file_link(f)),
        }
    }

    fn file_link(&self, f: &'a Attachment) -> FileLink<'a> {
        let kind_label = match (f.kind, f.extension()) {
            (FileKind::Other, Some(ext)) => ext,
            (kind, _) => self.t.file_kind(kind).to_string(),
        };
        FileLink {
            name: f.file_name(),
            url: urls::href(&urls::file(&f.name)),
            kind: f.kind,
            kind_label,
            size: f.size,
            size_label: format::file_size(f.size, self.site.config.language),
        }
    }

    fn parties(&self, entry: &'a AgreementEntry) -> Vec<PartyView<'a>> {
        let publish = self.site.config.publish_contact_details;
        entry
            .agreement
            .parties
            .iter()
            .zip(&entry.party_orgs)
            .map(|(p, &o)| PartyView {
                name: &p.name,
                url: self.org_url(o),
                kind: p.kind,
                kind_label: self.t.party_kind(p.kind),
                org_number: p.org_number.as_ref(),
                unit: p.unit.as_deref(),
                address: p.address.as_deref(),
                contacts: p
                    .contacts
                    .iter()
                    .map(|c| ContactView {
                        name: &c.name,
                        role: c.role.as_deref(),
                        phone: c.phone.as_deref().filter(|_| publish),
                        email: c.email.as_deref().filter(|_| publish),
                    })
                    .collect(),
                signatories: &p.signatories,
            })
            .collect()
    }

    /// The decisions by date, each with the funding it added.
    fn decisions(&self, a: &'a Agreement, entry: &AgreementEntry) -> Vec<DecisionView<'a>> {
        entry
            .decisions_by_date
            .iter()
            .map(|&i| {
                let d = a.decision(i);
                DecisionView {
                    anchor: format!("decision-{}", i.0 + 1),
                    date: d.date,
                    body: &d.body,
                    diary_number: d.diary_number.as_deref(),
                    summary: markdown::to_html(&d.summary, 4),
                    status: d.status,
                    status_label: self.t.decision_status(d.status),
                    extends_to: d.extends_to,
                    funding: a
                        .funding
                        .iter()
                        .filter(|l| l.decision == Some(i))
                        .map(|l| DecisionFunding {
                            years: year_label(l.year, *l.years().end()),
                            funder: &a.party(l.funder).name,
                            unit: l.unit.as_deref(),
                            amount: l.amount.into(),
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// The outcomes by date.
    fn outcomes(&self, a: &'a Agreement) -> Vec<OutcomeView<'a>> {
        let mut list: Vec<OutcomeView> = a
            .outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| OutcomeView {
                anchor: format!("outcome-{}", i + 1),
                kind: o.kind,
                label: self.t.outcome(o.kind),
                date: o.date,
                by: o.by.as_deref(),
                case: o.case.as_deref(),
                url: o.url.as_deref(),
                summary: o.summary.as_deref().map(|t| markdown::to_html(t, 4)),
                fine: o.fine,
            })
            .collect();
        list.sort_by_key(|o| o.date);
        list
    }

    fn goal_link(&self, g: &'a GoalLink) -> GoalLinkView<'a> {
        GoalLinkView {
            number: g.goal,
            name: self.t.goal_name(g.goal),
            url: urls::goal(g.goal),
            basis: g.basis,
            basis_label: self.t.goal_basis(g.basis),
            motivation: g.motivation.as_deref(),
            targets: &g.targets,
        }
    }

    fn report_links(&self, entry: &AgreementEntry) -> Vec<ReportLink<'a>> {
        entry
            .reports
            .iter()
            .map(|&(year, state)| match state {
                ReportState::Received(i) => {
                    let r = &self.site[i];
                    ReportLink {
                        year,
                        received: true,
                        url: Some(urls::report(&r.id)),
                        title: r.title.as_deref(),
                        late_note: self.late_note(r.received),
                    }
                }
                ReportState::Missing => ReportLink {
                    year,
                    received: false,
                    url: None,
                    title: None,
                    late_note: None,
                },
            })
            .collect()
    }

    /// The remark on a report received after the status date, which the site's statuses
    /// and counts of missing reports do not yet take into account.
    pub(super) fn late_note(&self, received: Option<When>) -> Option<String> {
        let as_of = self.site.config.as_of;
        received.filter(|r| r.first > as_of).map(|_| {
            self.t
                .text("report_after_status_date")
                .replace("{date}", &as_of.to_string())
        })
    }

    fn funding_table(&self, entry: &'a AgreementEntry) -> FundingTable<'a> {
        let a = &entry.agreement;
        let mut columns: Vec<(PartyIdx, Option<&str>)> = Vec::new();
        for line in &a.funding {
            let key = (line.funder, line.unit.as_deref());
            if !columns.contains(&key) {
                columns.push(key);
            }
        }
        // Public funders first, own contributions last, each in party order.
        columns.sort_by_key(|&(p, _)| (a.party(p).kind, p));
        // A row per year, and one per span of years that has one sum for them together.
        let mut rows_by_years: BTreeMap<(i32, i32), Vec<&FundingLine>> = BTreeMap::new();
        for line in &a.funding {
            rows_by_years
                .entry((line.year, *line.years().end()))
                .or_default()
                .push(line);
        }
        // The year an outcome ended the agreement: later money was provided for, not paid.
        let ended_in = a.ending_outcome().map(|o| o.date.year());
        let mut decided_cells: Vec<Option<Money>> = vec![None; columns.len()];
        let mut proposed_cells: Vec<Option<Money>> = vec![None; columns.len()];
        let mut rows = Vec::new();
        for (&(first, last), lines) in &rows_by_years {
            let mut cells = vec![None; columns.len()];
            let mut totals = YearTotals::default();
            for line in lines {
                let col = columns
                    .iter()
                    .position(|(p, u)| *p == line.funder && *u == line.unit.as_deref())
                    .unwrap_or(0);
                cells[col] = Some(Money::from(line.amount));
                let sum = if line.proposed {
                    &mut proposed_cells
                } else {
                    &mut decided_cells
                };
                sum[col] = Some(sum[col].unwrap_or_default() + line.amount.into());
                totals.add(line);
            }
            let mut public = totals.public;
            public += totals.proposed_public;
            let mut own = totals.own;
            own += totals.proposed_own;
            let mut row = FundingRow::new(year_label(first, last), cells, public, own);
            row.year = (first == last).then_some(first);
            row.together = first != last;
            row.from_decision = lines.iter().all(|l| l.decision.is_some());
            row.proposed = lines.iter().all(|l| l.proposed);
            row.after_end = ended_in.is_some_and(|y| first > y);
            rows.push(row);
        }
        let all = entry.total();
        let proposed_total = all.has_proposed().then(|| {
            FundingRow::new(
                self.t.get("proposed_total"),
                proposed_cells,
                all.proposed_public,
                all.proposed_own,
            )
        });
        FundingTable {
            columns: columns
                .iter()
                .map(|&(p, unit)| FundingColumn {
                    funder: &a.party(p).name,
                    url: self.org_url(entry.org_of(p)),
                    unit,
                    own_contribution: a.party(p).kind == PartyKind::Nonprofit,
                })
                .collect(),
            has_together: rows.iter().any(|r| r.together),
            has_after_end: rows.iter().any(|r| r.after_end),
            rows,
            total: FundingRow::new(self.t.get("total"), decided_cells, all.public, all.own),
            proposed_total,
            has_own: a.has_own_contribution(),
            has_unpublished: a.has_unpublished(),
            has_unknown: a.has_unknown(),
            notes: funding_notes(a),
        }
    }

    /// Bars for the rows of one year; a sum over several years has no bar (the table and
    /// the chart's note give it).
    fn agreement_chart(&self, table: &FundingTable) -> Option<String> {
        let yearly: Vec<&FundingRow> = table.rows.iter().filter(|r| r.year.is_some()).collect();
        if yearly.is_empty() {
            return None;
        }
        let own = self.t.text("own_contribution");
        let stacks = table
            .columns
            .iter()
            .enumerate()
            .map(|(c, col)| Stack {
                name: match (col.unit, col.own_contribution) {
                    (Some(unit), false) => format!("{}, {unit}", col.funder),
                    (Some(unit), true) => format!("{}, {unit} ({own})", col.funder),
                    (None, true) => format!("{} ({own})", col.funder),
                    (None, false) => col.funder.to_string(),
                },
                own: col.own_contribution,
                values: yearly.iter().map(|r| r.cells[c]).collect(),
            })
            .collect();
        self.bar_chart(&BarChart {
            id: "funding-chart".into(),
            title: self.t.get("chart_agreement_funding"),
            years: yearly.iter().filter_map(|r| r.year).collect(),
            proposed: yearly
                .iter()
                .filter(|r| r.proposed)
                .filter_map(|r| r.year)
                .collect(),
            stacks,
        })
    }

    /// The model's statistic series, each with its chart.
    fn statistics(&self, entry: &'a AgreementEntry) -> Vec<StatisticSeries<'a>> {
        entry
            .statistics
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let id = format!("statistic-{}", k + 1);
                let chart = LineChart {
                    id: format!("{id}-chart"),
                    title: match &s.unit {
                        Some(unit) => format!("{} ({unit})", s.name),
                        None => s.name.clone(),
                    },
                    name: s.name.clone(),
                    unit: s.unit.clone(),
                    points: s.points.iter().map(|p| (p.year, p.value)).collect(),
                };
                let (first, last) = match (s.points.first(), s.points.last()) {
                    (Some(a), Some(b)) => (a.year, b.year),
                    _ => (0, -1),
                };
                let points = (first..=last)
                    .map(|year| match s.points.iter().find(|p| p.year == year) {
                        Some(p) => StatisticPoint {
                            year,
                            value: Some(p.value),
                            report_url: Some(urls::report(&self.site[p.report].id)),
                        },
                        None => StatisticPoint {
                            year,
                            value: None,
                            report_url: entry.reports.iter().find_map(|(y, state)| match state {
                                ReportState::Received(r) if *y == year => {
                                    Some(urls::report(&self.site[*r].id))
                                }
                                _ => None,
                            }),
                        },
                    })
                    .collect();
                StatisticSeries {
                    id,
                    name: &s.name,
                    unit: s.unit.as_deref(),
                    points,
                    chart: self.charts.draw(|| chart.render(self.chart_text())),
                }
            })
            .collect()
    }
}

/// "2025", or "2025–2027".
fn year_label(first: i32, last: i32) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

/// Each note of the funding lines once, with the funder, unit and years it was written for.
fn funding_notes(a: &Agreement) -> Vec<FundingNote<'_>> {
    let mut notes: Vec<(PartyIdx, Option<&str>, &str, i32, i32)> = Vec::new();
    for line in &a.funding {
        let Some(note) = line.note.as_deref() else {
            continue;
        };
        let (first, last) = (line.year, *line.years().end());
        match notes
            .iter_mut()
            .find(|n| n.0 == line.funder && n.1 == line.unit.as_deref() && n.2 == note)
        {
            Some(n) => {
                n.3 = n.3.min(first);
                n.4 = n.4.max(last);
            }
            None => notes.push((line.funder, line.unit.as_deref(), note, first, last)),
        }
    }
    notes
        .into_iter()
        .map(|(p, unit, note, first, last)| FundingNote {
            funder: &a.party(p).name,
            unit,
            years: year_label(first, last),
            note,
        })
        .collect()
}

fn period(entry: &AgreementEntry) -> PeriodView<'_> {
    let p = &entry.agreement.period;
    PeriodView {
        span: PeriodSpan::of(entry),
        original_end: entry.original_end,
        ends_without_notice: p.ends_without_notice,
        extension: p.extension.as_ref(),
        extension_decision_due: entry.extension_decision_due,
        notice: p.notice.as_deref(),
        previous: p.previous.as_deref(),
    }
}
