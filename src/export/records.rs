//! The records of the open data, made once from the `Site` and written as JSON or CSV.
//!
//! JSON keeps the shape of the data: lists are arrays, a party is an object, and what the
//! content does not say is `null`. CSV has one cell per field, so its rows are a flat copy of
//! the same record ([`AgreementRow`]): lists are joined with `"; "`, and a cell is empty where
//! JSON has `null`. `docs/data.md` describes every field; a test holds it to that.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::site::{AgreementEntry, ReportState, Sum};
use crate::model::types::{
    DecisionStatus, Form, FundingKind, FundingLine, Outcome, OutcomeKind, Party, PartyKind, When,
};
use crate::model::{Site, Status};
use crate::orgnr::OrgNumber;
use crate::present::urls;

/// One agreement in `data/agreements.json`. A sum is `null` unless every amount in it is
/// known; `_at_least` then gives the known part (`null` when no part is known).
#[derive(Serialize)]
pub(super) struct AgreementRecord<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub short_title: Option<&'a str>,
    pub form: Form,
    pub summary: &'a str,
    pub diary_numbers: &'a [String],
    pub status: Status,
    /// How an outcome ended the agreement by the build date; `null` when none did.
    pub ended_by: Option<OutcomeKind>,
    pub judged_unlawful: bool,
    /// As known: `2023-07-01`, `2023-07` or `2023`.
    pub start: When,
    /// As known, after decided extensions; `null` when the end is not known.
    pub end: Option<When>,
    /// The end the signed agreement gave, when a decided extension has moved it.
    pub original_end: Option<When>,
    /// The end a proposed (not decided) extension would give.
    pub proposed_end: Option<When>,
    pub dates_approximate: bool,
    /// The latest date a signatory gives; `null` when no signature is dated.
    pub signed: Option<When>,
    pub decisions: Vec<DecisionRecord<'a>>,
    pub parties: Vec<PartyRecord<'a>>,
    pub goals: Vec<u8>,
    pub currency: &'static str,
    /// Decided public money over all years, whole kronor.
    pub public_total: Option<i64>,
    pub public_total_at_least: Option<i64>,
    pub own_contribution_total: Option<i64>,
    pub own_contribution_total_at_least: Option<i64>,
    /// Public money of decisions that are only proposed, kept out of `public_total`.
    pub proposed_public_total: Option<i64>,
    pub proposed_public_total_at_least: Option<i64>,
    pub has_unpublished_amounts: bool,
    pub has_unknown_amounts: bool,
    pub outcomes: Vec<OutcomeRecord<'a>>,
    /// The latest date the content gives for the agreement; `null` when it dates nothing.
    pub date_modified: Option<NaiveDate>,
    pub url: String,
    /// This agreement's own JSON file, with its funding lines and reports.
    pub data_url: String,
}

/// A later decision about an agreement (an extension, new money).
#[derive(Serialize)]
pub(super) struct DecisionRecord<'a> {
    pub date: When,
    pub status: DecisionStatus,
    pub body: &'a str,
    pub diary_number: Option<&'a str>,
    pub extends_to: Option<When>,
}

/// A party: the public body or non-profit that signed.
#[derive(Serialize)]
pub(super) struct PartyRecord<'a> {
    pub name: &'a str,
    pub kind: PartyKind,
    /// As written in Sweden: `212000-0746`.
    pub org_number: Option<&'a OrgNumber>,
    /// As open-data standards write it: `SE-ON-2120000746`.
    pub org_id: Option<String>,
    pub unit: Option<&'a str>,
}

/// How an agreement ended other than as planned, or what a court found.
#[derive(Serialize)]
pub(super) struct OutcomeRecord<'a> {
    pub kind: OutcomeKind,
    pub date: When,
    pub by: Option<&'a str>,
    pub case: Option<&'a str>,
    pub url: Option<&'a str>,
    pub fine: Option<i64>,
}

/// The sum when every amount in it is known, and the known part when some is.
fn sum_fields(sum: Sum) -> (Option<i64>, Option<i64>) {
    (
        (sum.lines > 0 && sum.is_complete()).then_some(sum.kronor),
        sum.has_known().then_some(sum.kronor),
    )
}

fn party_record(p: &Party) -> PartyRecord<'_> {
    PartyRecord {
        name: &p.name,
        kind: p.kind,
        org_number: p.org_number.as_ref(),
        org_id: p.org_number.as_ref().map(OrgNumber::org_id),
        unit: p.unit.as_deref(),
    }
}

fn outcome_record(o: &Outcome) -> OutcomeRecord<'_> {
    OutcomeRecord {
        kind: o.kind,
        date: o.date,
        by: o.by.as_deref(),
        case: o.case.as_deref(),
        url: o.url.as_deref(),
        fine: o.fine,
    }
}

/// The record of agreement `e` of `site`.
pub(super) fn agreement_record<'s>(site: &'s Site, e: &'s AgreementEntry) -> AgreementRecord<'s> {
    let base = &site.config.base_url;
    let a = &e.agreement;
    let total = e.total();
    let (public_total, public_total_at_least) = sum_fields(total.public);
    let (own_total, own_at_least) = sum_fields(total.own);
    let (proposed_total, proposed_at_least) = sum_fields(total.proposed_public);
    let all = [
        total.public,
        total.own,
        total.proposed_public,
        total.proposed_own,
    ];
    AgreementRecord {
        id: &a.id,
        title: &a.title,
        short_title: a.short_title.as_deref(),
        form: a.form,
        summary: a.summary.trim(),
        diary_numbers: &a.diary_numbers,
        status: e.status,
        ended_by: e.ended_by,
        judged_unlawful: a.judged_unlawful(),
        start: a.period.start,
        end: e.end,
        original_end: e.original_end,
        proposed_end: e.proposed_end,
        dates_approximate: a.period.approximate,
        signed: e.signed(),
        decisions: e
            .decisions_by_date
            .iter()
            .map(|&d| {
                let d = a.decision(d);
                DecisionRecord {
                    date: d.date,
                    status: d.status,
                    body: &d.body,
                    diary_number: d.diary_number.as_deref(),
                    extends_to: d.extends_to,
                }
            })
            .collect(),
        parties: a.parties.iter().map(party_record).collect(),
        goals: a.goals.iter().map(|g| g.goal).collect(),
        currency: "SEK",
        public_total,
        public_total_at_least,
        own_contribution_total: own_total,
        own_contribution_total_at_least: own_at_least,
        proposed_public_total: proposed_total,
        proposed_public_total_at_least: proposed_at_least,
        has_unpublished_amounts: all.iter().any(|s| s.unpublished > 0),
        has_unknown_amounts: all.iter().any(|s| s.unknown > 0),
        outcomes: a.outcomes.iter().map(outcome_record).collect(),
        date_modified: e.modified(site),
        url: format!("{base}{}", urls::agreement(&a.id)),
        data_url: format!("{base}{}", urls::agreement_data(&a.id)),
    }
}

/// The records of `agreements`, in the order given.
pub(super) fn agreement_records<'s>(
    site: &'s Site,
    agreements: impl Iterator<Item = &'s AgreementEntry>,
) -> Vec<AgreementRecord<'s>> {
    agreements.map(|e| agreement_record(site, e)).collect()
}

/// An agreement as one CSV row: the fields of [`AgreementRecord`], lists joined.
#[derive(Serialize)]
pub(super) struct AgreementRow<'a> {
    id: &'a str,
    title: &'a str,
    short_title: Option<&'a str>,
    form: Form,
    summary: &'a str,
    diary_numbers: String,
    status: Status,
    ended_by: Option<OutcomeKind>,
    judged_unlawful: bool,
    start: When,
    end: Option<When>,
    original_end: Option<When>,
    proposed_end: Option<When>,
    dates_approximate: bool,
    signed: Option<When>,
    /// `2024-06-20 proposed; 2025-01-15 decided`.
    decisions: String,
    public_parties: String,
    /// In the order of `public_parties`; empty when no number is known.
    public_party_org_ids: String,
    nonprofit_parties: String,
    nonprofit_party_org_ids: String,
    goals: String,
    currency: &'static str,
    public_total: Option<i64>,
    public_total_at_least: Option<i64>,
    own_contribution_total: Option<i64>,
    own_contribution_total_at_least: Option<i64>,
    proposed_public_total: Option<i64>,
    proposed_public_total_at_least: Option<i64>,
    has_unpublished_amounts: bool,
    has_unknown_amounts: bool,
    /// `annulled 2023-05 (Förvaltningsrätten i Malmö, 1234-23)`, `; ` between them.
    outcomes: String,
    date_modified: Option<NaiveDate>,
    url: &'a str,
    data_url: &'a str,
}

impl<'a> AgreementRow<'a> {
    pub(super) fn of(r: &'a AgreementRecord<'a>) -> AgreementRow<'a> {
        let parties = |kind: PartyKind| r.parties.iter().filter(move |p| p.kind == kind);
        let ids = |kind: PartyKind| {
            let ids: Vec<&str> = parties(kind)
                .map(|p| p.org_id.as_deref().unwrap_or(""))
                .collect();
            // Positions match the names; a cell with no number at all stays empty.
            if ids.iter().all(|id| id.is_empty()) {
                String::new()
            } else {
                ids.join("; ")
            }
        };
        AgreementRow {
            id: r.id,
            title: r.title,
            short_title: r.short_title,
            form: r.form,
            summary: r.summary,
            diary_numbers: r.diary_numbers.join("; "),
            status: r.status,
            ended_by: r.ended_by,
            judged_unlawful: r.judged_unlawful,
            start: r.start,
            end: r.end,
            original_end: r.original_end,
            proposed_end: r.proposed_end,
            dates_approximate: r.dates_approximate,
            signed: r.signed,
            decisions: joined(
                r.decisions
                    .iter()
                    .map(|d| format!("{} {}", d.date, d.status.as_ref())),
            ),
            public_parties: joined(parties(PartyKind::Public).map(|p| p.name)),
            public_party_org_ids: ids(PartyKind::Public),
            nonprofit_parties: joined(parties(PartyKind::Nonprofit).map(|p| p.name)),
            nonprofit_party_org_ids: ids(PartyKind::Nonprofit),
            goals: joined(r.goals.iter().map(u8::to_string)),
            currency: r.currency,
            public_total: r.public_total,
            public_total_at_least: r.public_total_at_least,
            own_contribution_total: r.own_contribution_total,
            own_contribution_total_at_least: r.own_contribution_total_at_least,
            proposed_public_total: r.proposed_public_total,
            proposed_public_total_at_least: r.proposed_public_total_at_least,
            has_unpublished_amounts: r.has_unpublished_amounts,
            has_unknown_amounts: r.has_unknown_amounts,
            outcomes: joined(r.outcomes.iter().map(outcome_text)),
            date_modified: r.date_modified,
            url: &r.url,
            data_url: &r.data_url,
        }
    }
}

/// `judged_unlawful 2023-05 (Förvaltningsrätten i Malmö, 1234-23)`.
fn outcome_text(o: &OutcomeRecord) -> String {
    let details: Vec<&str> = [o.by, o.case].into_iter().flatten().collect();
    if details.is_empty() {
        format!("{} {}", o.kind.as_ref(), o.date)
    } else {
        format!("{} {} ({})", o.kind.as_ref(), o.date, details.join(", "))
    }
}

/// Values in one CSV cell, `; ` between them.
fn joined<S: AsRef<str>>(values: impl Iterator<Item = S>) -> String {
    let values: Vec<S> = values.collect();
    let parts: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    parts.join("; ")
}

/// One funding line: one agreement, funder and year, or several years with one sum.
#[derive(Serialize)]
pub(super) struct FundingRecord<'a> {
    pub agreement: &'a str,
    /// The agreement's short name, so a row reads without the agreements file.
    pub agreement_name: &'a str,
    /// The first year of the line.
    pub year: i32,
    /// The last year: the same as `year` for money per year; later when `amount` is one
    /// sum for all the years together.
    pub last_year: i32,
    pub amount_for: AmountFor,
    pub funder: &'a str,
    pub funder_org_number: Option<&'a OrgNumber>,
    pub funder_org_id: Option<String>,
    pub unit: Option<&'a str>,
    pub kind: FundingKind,
    /// Decided, or only proposed so far (then kept out of every total).
    pub decision_status: DecisionStatus,
    pub currency: &'static str,
    /// `null` (JSON) or empty (CSV) unless `amount_status` is `known`.
    pub amount: Option<i64>,
    pub amount_status: &'static str,
    pub note: Option<&'a str>,
}

/// Whether an amount is for each year of a line or for all of them together.
#[derive(Serialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub(super) enum AmountFor {
    EachYear,
    AllYears,
}

/// The records of `lines` (each with its agreement), sorted by agreement, years, funder
/// and unit.
pub(super) fn funding_records<'s>(
    lines: impl Iterator<Item = (&'s AgreementEntry, &'s FundingLine)>,
) -> Vec<FundingRecord<'s>> {
    let mut funding: Vec<FundingRecord> = lines
        .map(|(e, l)| {
            let a = &e.agreement;
            let funder = a.party(l.funder);
            FundingRecord {
                agreement: &a.id,
                agreement_name: a.short_name(),
                year: l.year,
                last_year: *l.years().end(),
                amount_for: if l.until.is_some() {
                    AmountFor::AllYears
                } else {
                    AmountFor::EachYear
                },
                funder: &funder.name,
                funder_org_number: funder.org_number.as_ref(),
                funder_org_id: funder.org_number.as_ref().map(OrgNumber::org_id),
                unit: l.unit.as_deref(),
                kind: l.kind,
                decision_status: if l.proposed {
                    DecisionStatus::Proposed
                } else {
                    DecisionStatus::Decided
                },
                currency: "SEK",
                amount: l.amount.kronor(),
                amount_status: l.amount.state(),
                note: l.note.as_deref(),
            }
        })
        .collect();
    funding.sort_by(|a, b| {
        (a.agreement, a.year, a.last_year, a.funder, a.unit).cmp(&(
            b.agreement,
            b.year,
            b.last_year,
            b.funder,
            b.unit,
        ))
    });
    funding
}

/// A report of the agreement in its own data file: in, or due and missing.
#[derive(Serialize)]
pub(super) struct ReportRecord<'a> {
    pub year: i32,
    pub received: bool,
    pub title: Option<&'a str>,
    /// The day, month or year it came in; `null` when not given.
    pub received_on: Option<When>,
    /// What the report says was spent, whole kronor.
    pub spent: Option<i64>,
    pub url: Option<String>,
}

/// The followed-up reports of `e`, by year.
pub(super) fn report_records<'s>(site: &'s Site, e: &'s AgreementEntry) -> Vec<ReportRecord<'s>> {
    let base = &site.config.base_url;
    e.reports
        .iter()
        .map(|(year, state)| match state {
            ReportState::Received(r) => {
                let report = &site.reports[r.0];
                ReportRecord {
                    year: *year,
                    received: true,
                    title: report.title.as_deref(),
                    received_on: report.received,
                    spent: report.spent,
                    url: Some(format!("{base}{}", urls::report(&report.id))),
                }
            }
            ReportState::Missing => ReportRecord {
                year: *year,
                received: false,
                title: None,
                received_on: None,
                spent: None,
                url: None,
            },
        })
        .collect()
}
