//! Builds the resolved `Site` from checked content: statuses as of the build date, report
//! follow-up, organisations recognised across agreements, and every total the pages show.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Months, NaiveDate};

use super::bodies::{self, PublicBody};
use super::collate::Collation;
use super::types::*;
use crate::config::Config;
use crate::orgnr::OrgNumber;
use crate::validate::Checked;

/// The place of an agreement in [`Site::agreements`]; `site[i]` is the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AgreementIdx(pub usize);

/// The place of a report in [`Site::reports`]; `site[i]` is the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReportIdx(pub usize);

/// The place of an organisation in [`Site::organisations`]; `site[i]` is the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrgIdx(pub usize);

/// One party of one agreement: where an organisation takes part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Role {
    pub agreement: AgreementIdx,
    pub party: PartyIdx,
}

/// One agreement's link to a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoalUse {
    pub agreement: AgreementIdx,
    /// The place of the link in that agreement's `goals`.
    pub link: usize,
}

/// Where an agreement stands on the build date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Upcoming,
    Active,
    EndingSoon,
    Ended,
    /// The dates known cannot tell: the end is unknown, or the build date falls within
    /// the month or year a date is known to.
    Unclear,
}

/// Why a status is less certain than exact dates would make it; the page explains each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusNote {
    /// The start is known only to the month or the year.
    StartRough,
    /// The end is known only to the month or the year.
    EndRough,
    EndUnknown,
    /// The source gives the period only roughly.
    Approximate,
    /// An outcome (ended early, terminated, annulled) ended it.
    EndedByOutcome,
}

/// Whether the report of a finished year has come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportState {
    Received(ReportIdx),
    Missing,
}

/// Money summed over lines: the known kronor, and how many lines were not published or
/// not known. With any of those, `kronor` is only a lower bound.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sum {
    pub kronor: i64,
    pub unpublished: usize,
    pub unknown: usize,
    /// How many lines were added; a sum of no lines states nothing.
    pub lines: usize,
}

impl Sum {
    pub fn add(&mut self, amount: Amount) {
        self.lines += 1;
        match amount {
            Amount::Kronor(k) => self.kronor += k,
            Amount::Unpublished => self.unpublished += 1,
            Amount::Unknown => self.unknown += 1,
        }
    }

    /// Every amount in the sum is known.
    pub fn is_complete(&self) -> bool {
        self.unpublished == 0 && self.unknown == 0
    }

    /// Some amount in the sum is known.
    pub fn has_known(&self) -> bool {
        self.lines > self.unpublished + self.unknown
    }
}

impl std::ops::AddAssign for Sum {
    fn add_assign(&mut self, o: Sum) {
        self.kronor += o.kronor;
        self.unpublished += o.unpublished;
        self.unknown += o.unknown;
        self.lines += o.lines;
    }
}

/// Public money and own contributions, decided and proposed apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct YearTotals {
    pub public: Sum,
    pub own: Sum,
    /// Money of decisions that are only proposed so far.
    pub proposed_public: Sum,
    pub proposed_own: Sum,
}

impl YearTotals {
    /// Adds `amount` of `line` (its amount, or its share of one year).
    pub fn add_amount(&mut self, line: &FundingLine, amount: Amount) {
        let sum = match (line.kind, line.proposed) {
            (FundingKind::Public, false) => &mut self.public,
            (FundingKind::OwnContribution, false) => &mut self.own,
            (FundingKind::Public, true) => &mut self.proposed_public,
            (FundingKind::OwnContribution, true) => &mut self.proposed_own,
        };
        sum.add(amount);
    }

    /// Adds the whole line (all its years).
    pub fn add(&mut self, line: &FundingLine) {
        self.add_amount(line, line.amount);
    }

    /// Whether any proposed money is in it.
    pub fn has_proposed(&self) -> bool {
        self.proposed_public.lines + self.proposed_own.lines > 0
    }
}

/// What a line adds to one of its years: its amount, or, for one sum over several years,
/// an unknown share (the sum itself when it is not published or not known).
pub fn share_of_year(line: &FundingLine) -> Amount {
    match (line.until, line.amount) {
        (Some(_), Amount::Kronor(_)) => Amount::Unknown,
        (_, amount) => amount,
    }
}

/// An agreement with everything derived from it.
#[derive(Debug, Clone)]
pub struct AgreementEntry {
    pub agreement: Agreement,
    pub status: Status,
    /// What makes the status less certain, or decided it other than by the dates.
    pub status_notes: Vec<StatusNote>,
    /// The outcome that has ended the agreement by the build date.
    pub ended_by: Option<OutcomeKind>,
    /// The planned end after extensions; `None` when not known.
    pub end: Option<When>,
    /// Every calendar year the agreement covers (with an unknown end: up to its last year
    /// with money or a report).
    pub years: Vec<i32>,
    /// Totals per year (over the years with funding lines); a sum for several years adds
    /// an unknown share to each.
    pub totals: BTreeMap<i32, YearTotals>,
    /// Totals over the whole agreement, each line counted once.
    pub sum: YearTotals,
    /// The first year whose report is followed up here, when later than the start.
    pub reports_from: Option<i32>,
    /// For every finished year, and every year with a report: received or missing.
    pub reports: Vec<(i32, ReportState)>,
    /// The organisation behind each party, in party order.
    pub party_orgs: Vec<OrgIdx>,
    /// The end in the signed agreement, when a decided extension moved it.
    pub original_end: Option<When>,
    /// The end a proposed extension would give (not decided yet).
    pub proposed_end: Option<When>,
    /// The date by which the parties are to take a position on extending.
    pub extension_decision_due: Option<NaiveDate>,
    /// The agreement's decisions by date (earliest first; equal dates in written order).
    pub decisions_by_date: Vec<DecisionIdx>,
    /// Statistics its reports give for two or more years, in the order they first appear.
    pub statistics: Vec<StatisticSeries>,
}

/// One statistic of an agreement's reports over the years.
#[derive(Debug, Clone)]
pub struct StatisticSeries {
    pub name: String,
    pub unit: Option<String>,
    /// By year, earliest first.
    pub points: Vec<StatisticPoint>,
}

#[derive(Debug, Clone, Copy)]
pub struct StatisticPoint {
    pub year: i32,
    pub value: f64,
    pub report: ReportIdx,
}

impl AgreementEntry {
    /// The year to show as "per year" for `year` (the build year), and its public money:
    /// that year if funded, else the first funded year of an upcoming agreement, else the last.
    /// Only years with decided public money count: a year with only proposed money or own
    /// contributions has no public money to show.
    pub fn yearly_public(&self, year: i32) -> Option<(i32, Sum)> {
        let decided = || {
            self.totals
                .iter()
                .filter(|(_, t)| t.public.lines > 0)
                .map(|(&y, t)| (y, t.public))
        };
        let (first, _) = decided().next()?;
        match self.totals.get(&year).filter(|t| t.public.lines > 0) {
            Some(t) => Some((year, t.public)),
            None if year < first => decided().next(),
            None => decided().next_back(),
        }
    }

    /// When the agreement was signed: the latest date a signatory gives (the agreement
    /// holds once the last party has signed); `None` when no signature is dated.
    pub fn signed(&self) -> Option<When> {
        self.agreement
            .parties
            .iter()
            .flat_map(|p| &p.signatories)
            .filter_map(|s| s.date)
            .max_by_key(|w| (w.first, w.last()))
    }

    /// The latest date the content gives for the agreement: a signature, a decision, an
    /// outcome, a source or a received report of `site`. The first day of a month or year
    /// written without a day. `None` when the content dates none of them: the data files
    /// then say so, rather than put the build date there.
    pub fn modified(&self, site: &Site) -> Option<NaiveDate> {
        let a = &self.agreement;
        let reports = self.reports.iter().filter_map(|(_, state)| match state {
            ReportState::Received(r) => site.reports[r.0].received,
            ReportState::Missing => None,
        });
        a.parties
            .iter()
            .flat_map(|p| &p.signatories)
            .filter_map(|s| s.date)
            .chain(a.decisions.iter().map(|d| d.date))
            .chain(a.outcomes.iter().map(|o| o.date))
            .chain(a.sources.iter().filter_map(|s| s.date))
            .chain(reports)
            .map(|w| w.first)
            .max()
    }

    /// The first day the agreement is *ending soon* by [`status`] under `config`: the later
    /// of the day its window opens ([`ending_soon_from`]) and the last day its start can be.
    /// `None` when its end is not known, or an outcome ended it (or may have) before then.
    pub fn ending_soon_since(&self, config: &Config) -> Option<NaiveDate> {
        let a = &self.agreement;
        let end = self.end?;
        let from = ending_soon_from(end, ending_soon_window(a, config))?;
        let day = from.max(a.period.start.last());
        // Past the end's first day a rough end leaves the status unclear, never ending soon.
        let last = if end.precision == Precision::Day {
            end.first
        } else {
            end.first.pred_opt()?
        };
        let cut = a.ending_outcome().is_some_and(|o| o.date.first <= day);
        (day <= last && !cut).then_some(day)
    }

    /// Totals over the whole agreement.
    pub fn total(&self) -> YearTotals {
        self.sum
    }

    /// The organisation behind party `p`.
    pub fn org_of(&self, p: PartyIdx) -> OrgIdx {
        self.party_orgs[p.0]
    }

    /// The first and last calendar year the agreement is in force: from its start to its
    /// decided end (unknown: its last year with money or a report), cut at an outcome that
    /// ended it. A proposed extension does not count until it is decided.
    pub fn in_force(&self) -> (i32, i32) {
        let first = self.agreement.period.start.year();
        let last = match self.end {
            Some(end) => end.last().year(),
            None => self.years.last().copied().unwrap_or(first),
        };
        let last = match self.agreement.ending_outcome() {
            Some(outcome) => last.min(outcome.date.year()),
            None => last,
        };
        (first, last.max(first))
    }

    /// The finished years without a report.
    pub fn missing_reports(&self) -> impl Iterator<Item = i32> + '_ {
        self.reports
            .iter()
            .filter(|(_, s)| *s == ReportState::Missing)
            .map(|(y, _)| *y)
    }
}

/// One organisation, recognised across agreements.
#[derive(Debug, Clone)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub kind: PartyKind,
    pub org_number: Option<OrgNumber>,
    /// Every party the organisation is, in agreement order.
    pub roles: Vec<Role>,
    /// Decided money the organisation gives per year (as funder; own contribution for
    /// non-profits).
    pub given: BTreeMap<i32, Sum>,
    /// Decided public money received per year (non-profits: the public funding of their
    /// agreements).
    pub received: BTreeMap<i32, Sum>,
    /// `given` and `received` over all years, each line counted once.
    pub given_total: Sum,
    pub received_total: Sum,
}

impl Organisation {
    /// How many agreements the organisation is a party to.
    pub fn agreement_count(&self) -> usize {
        let mut agreements: Vec<AgreementIdx> = self.roles.iter().map(|r| r.agreement).collect();
        agreements.dedup();
        agreements.len()
    }
}

/// One Agenda 2030 goal with the agreements mapped to it.
#[derive(Debug, Clone)]
pub struct GoalEntry {
    pub number: u8,
    /// The agreements linked to the goal, in alphabetical order.
    pub agreements: Vec<GoalUse>,
    pub public_by_year: BTreeMap<i32, Sum>,
    /// Decided public money over all years, each line counted once.
    pub public_total: Sum,
}

/// The whole site, computed once.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub agreements: Vec<AgreementEntry>,
    pub reports: Vec<Report>,
    pub pages: Vec<Page>,
    /// The files under `content/files/`, by name, published at `files/NAME`.
    pub attachments: Vec<Attachment>,
    pub organisations: Vec<Organisation>,
    pub goals: Vec<GoalEntry>,
    /// The public organisations with their units, in organisation order.
    pub bodies: Vec<PublicBody>,
    /// Totals per year over all agreements.
    pub totals: BTreeMap<i32, YearTotals>,
    /// Totals over all agreements and years, each line counted once.
    pub total: YearTotals,
    pub agreement_index: HashMap<String, usize>,
    /// The agreements in alphabetical order of their short names, for lists.
    pub agreements_by_name: Vec<AgreementIdx>,
    /// Alphabetical order in the content's language.
    pub collation: Collation,
}

impl Site {
    pub fn agreement(&self, id: &str) -> Option<&AgreementEntry> {
        self.agreement_index.get(id).map(|&i| &self.agreements[i])
    }

    /// Agreements that are active or ending soon on the build date.
    pub fn active(&self) -> impl Iterator<Item = &AgreementEntry> {
        self.agreements
            .iter()
            .filter(|a| matches!(a.status, Status::Active | Status::EndingSoon))
    }

    /// The latest date the content gives for any agreement ([`AgreementEntry::modified`]).
    pub fn modified(&self) -> Option<NaiveDate> {
        self.agreements
            .iter()
            .filter_map(|e| e.modified(self))
            .max()
    }

    /// The place in [`Site::bodies`] of the public body organisation `org` is, if it is one.
    pub fn body_of(&self, org: OrgIdx) -> Option<usize> {
        self.bodies.binary_search_by_key(&org, |b| b.org).ok()
    }
}

impl std::ops::Index<AgreementIdx> for Site {
    type Output = AgreementEntry;
    fn index(&self, i: AgreementIdx) -> &AgreementEntry {
        &self.agreements[i.0]
    }
}

impl std::ops::Index<ReportIdx> for Site {
    type Output = Report;
    fn index(&self, i: ReportIdx) -> &Report {
        &self.reports[i.0]
    }
}

impl std::ops::Index<OrgIdx> for Site {
    type Output = Organisation;
    fn index(&self, i: OrgIdx) -> &Organisation {
        &self.organisations[i.0]
    }
}

/// The status of an agreement running `start`–`end` (`None`: not known) on `as_of`, said
/// only when the dates as known decide it: *upcoming* before the first day the start can
/// be, *ended* after the last day the end can be, *active* or *ending soon* between the last
/// day the start can be and the first day the end can be; otherwise *unclear*.
pub fn status(start: When, end: Option<When>, window_months: u32, as_of: NaiveDate) -> Status {
    if as_of < start.first {
        return Status::Upcoming;
    }
    let Some(end) = end else {
        return Status::Unclear;
    };
    if as_of > end.last() {
        Status::Ended
    } else if as_of < start.last() || (end.precision != Precision::Day && as_of >= end.first) {
        Status::Unclear
    } else if ending_soon_from(end, window_months).is_some_and(|from| as_of >= from) {
        Status::EndingSoon
    } else {
        Status::Active
    }
}

/// The first day the window before an end known as `end` covers: `window_months` before the
/// first day the end can be. [`status`] says *ending soon* from then (when the dates decide
/// it), and the feed dates its "ending soon" entry by the same day.
pub fn ending_soon_from(end: When, window_months: u32) -> Option<NaiveDate> {
    end.first.checked_sub_months(Months::new(window_months))
}

/// The window before its end in which `agreement` counts as ending soon: the months before
/// the end by which the parties are to take a position on extending, else the site's
/// `ending_soon_months`.
pub fn ending_soon_window(agreement: &Agreement, config: &Config) -> u32 {
    agreement
        .period
        .extension
        .as_ref()
        .and_then(|e| e.decision_months_before_end)
        .unwrap_or(config.ending_soon_months)
}

/// Builds the site model. Cannot fail: everything was checked before.
pub fn build(checked: Checked) -> Site {
    let Checked {
        config,
        mut agreements,
        mut reports,
        pages,
        attachments,
    } = checked;
    agreements.sort_by(|a, b| a.id.cmp(&b.id));
    reports.sort_by(|a, b| (&a.agreement, a.year).cmp(&(&b.agreement, b.year)));
    let agreement_index: HashMap<String, usize> = agreements
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    let report_index: HashMap<(&str, i32), ReportIdx> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.agreement.as_str(), r.year), ReportIdx(i)))
        .collect();
    let collation = Collation::new(config.content_language);
    let (mut organisations, party_orgs) = recognise_organisations(&agreements, &collation);
    let entries: Vec<AgreementEntry> = agreements
        .into_iter()
        .zip(party_orgs)
        .map(|(agreement, party_orgs)| {
            entry(agreement, party_orgs, &config, &report_index, &reports)
        })
        .collect();
    let mut agreements_by_name: Vec<AgreementIdx> = (0..entries.len()).map(AgreementIdx).collect();
    collation.sort_by_name(&mut agreements_by_name, |&i| {
        entries[i.0].agreement.short_name()
    });
    let (totals, total, goals) = tally(&entries, &agreements_by_name, &mut organisations);
    let bodies = bodies::public_bodies(&entries, &organisations, &collation);
    Site {
        config,
        agreements: entries,
        reports,
        pages,
        attachments,
        organisations,
        goals,
        bodies,
        totals,
        total,
        agreement_index,
        agreements_by_name,
        collation,
    }
}

/// One agreement with what follows from it on the build date.
fn entry(
    agreement: Agreement,
    party_orgs: Vec<OrgIdx>,
    config: &Config,
    report_index: &HashMap<(&str, i32), ReportIdx>,
    reports: &[Report],
) -> AgreementEntry {
    let as_of = config.as_of;
    let end = agreement.end();
    let months_before_end = agreement
        .period
        .extension
        .as_ref()
        .and_then(|e| e.decision_months_before_end);
    // An extension decided after the window opened resets it: count from the new end.
    let window = ending_soon_window(&agreement, config);
    let (status, status_notes, ended_by) = status_of(&agreement, end, window, as_of);
    // The years run to the end a proposal would give, so its money has its years; reports
    // are due only up to the decided end.
    let years = years_of(&agreement, agreement.furthest_end(), reports);
    let mut totals: BTreeMap<i32, YearTotals> = BTreeMap::new();
    let mut sum = YearTotals::default();
    for line in &agreement.funding {
        sum.add(line);
        for year in line.years() {
            totals
                .entry(year)
                .or_default()
                .add_amount(line, share_of_year(line));
        }
    }
    let reports_from = agreement
        .follow_up
        .as_ref()
        .and_then(|f| f.reports_from)
        .or(config.reports_from)
        .filter(|&y| y > agreement.period.start.year());
    // Reports are due for the finished years that are followed up here, up to an outcome
    // that ended the agreement.
    let last_due = agreement
        .ending_outcome()
        .map(|o| o.date.year())
        .into_iter()
        .chain(end.map(|e| e.last().year()))
        .min();
    let report_states: Vec<(i32, ReportState)> = years
        .iter()
        .filter_map(|&year| {
            let finished = NaiveDate::from_ymd_opt(year, 12, 31).is_some_and(|d| d < as_of);
            let followed = reports_from.is_none_or(|from| year >= from)
                && last_due.is_none_or(|last| year <= last);
            match report_index.get(&(agreement.id.as_str(), year)) {
                Some(&i) => Some((year, ReportState::Received(i))),
                None if finished && followed => Some((year, ReportState::Missing)),
                None => None,
            }
        })
        .collect();
    let extended = end != agreement.period.end;
    let mut decisions_by_date: Vec<DecisionIdx> =
        (0..agreement.decisions.len()).map(DecisionIdx).collect();
    decisions_by_date.sort_by_key(|&d| agreement.decision(d).date);
    AgreementEntry {
        status,
        status_notes,
        ended_by,
        end,
        years,
        totals,
        sum,
        reports_from,
        statistics: statistics(&report_states, reports),
        reports: report_states,
        party_orgs,
        original_end: if extended { agreement.period.end } else { None },
        proposed_end: agreement.proposed_end(),
        extension_decision_due: months_before_end.and_then(|m| {
            agreement
                .period
                .end
                .and_then(When::exact)
                .and_then(|e| e.checked_sub_months(Months::new(m)))
        }),
        decisions_by_date,
        agreement,
    }
}

/// The status on `as_of`, what makes it less than certain, and the outcome that ended the
/// agreement by then. An ending outcome counts from the last day its date can be; before
/// its first day the dates decide; in between the status is unclear.
fn status_of(
    agreement: &Agreement,
    end: Option<When>,
    window: u32,
    as_of: NaiveDate,
) -> (Status, Vec<StatusNote>, Option<OutcomeKind>) {
    let period = &agreement.period;
    let mut notes = Vec::new();
    if let Some(outcome) = agreement.ending_outcome() {
        if as_of >= outcome.date.last() {
            return (
                Status::Ended,
                vec![StatusNote::EndedByOutcome],
                Some(outcome.kind),
            );
        }
        if as_of >= outcome.date.first {
            return (Status::Unclear, vec![StatusNote::EndedByOutcome], None);
        }
    }
    let status = status(period.start, end, window, as_of);
    // Say why a status is unclear: which date cannot decide it.
    if status == Status::Unclear {
        if as_of < period.start.last() {
            notes.push(StatusNote::StartRough);
        }
        match end {
            None => notes.push(StatusNote::EndUnknown),
            Some(e) if as_of >= e.first => notes.push(StatusNote::EndRough),
            Some(_) => {}
        }
    }
    if period.approximate {
        notes.push(StatusNote::Approximate);
    }
    (status, notes, None)
}

/// The calendar years of the agreement: start to end, or, with an unknown end, to the last
/// year that has money or a report.
fn years_of(agreement: &Agreement, end: Option<When>, reports: &[Report]) -> Vec<i32> {
    let first = agreement.period.start.year();
    let last = match end {
        Some(e) => e.last().year(),
        None => {
            let funded = agreement.funding.iter().map(|l| *l.years().end());
            // `reports` is sorted by agreement and year: the agreement's last report is the
            // one before the first report of a later agreement.
            let after = reports.partition_point(|r| r.agreement <= agreement.id);
            let reported = after
                .checked_sub(1)
                .map(|i| &reports[i])
                .filter(|r| r.agreement == agreement.id)
                .map(|r| r.year);
            funded.chain(reported).fold(first, i32::max)
        }
    };
    (first..=last).collect()
}

/// Statistics reported for two or more years, in the order they first appear.
fn statistics(report_states: &[(i32, ReportState)], reports: &[Report]) -> Vec<StatisticSeries> {
    let mut series: Vec<StatisticSeries> = Vec::new();
    for (year, state) in report_states {
        let ReportState::Received(i) = *state else {
            continue;
        };
        for stat in &reports[i.0].statistics {
            let point = StatisticPoint {
                year: *year,
                value: stat.value,
                report: i,
            };
            match series
                .iter_mut()
                .find(|s| s.name == stat.name && s.unit == stat.unit)
            {
                Some(s) => s.points.push(point),
                None => series.push(StatisticSeries {
                    name: stat.name.clone(),
                    unit: stat.unit.clone(),
                    points: vec![point],
                }),
            }
        }
    }
    series.retain(|s| s.points.len() >= 2);
    for s in &mut series {
        s.points.sort_by_key(|p| p.year);
    }
    series
}

/// Adds up the money per year over the site, per organisation and per goal, and notes the
/// roles of organisations and the agreements of goals, going through the agreements in
/// `order` (alphabetical), so that the roles and the goals' agreements come in that order.
fn tally(
    entries: &[AgreementEntry],
    order: &[AgreementIdx],
    organisations: &mut [Organisation],
) -> (BTreeMap<i32, YearTotals>, YearTotals, Vec<GoalEntry>) {
    let mut totals: BTreeMap<i32, YearTotals> = BTreeMap::new();
    let mut total = YearTotals::default();
    let mut goals: Vec<GoalEntry> = (1..=17)
        .map(|number| GoalEntry {
            number,
            agreements: Vec::new(),
            public_by_year: BTreeMap::new(),
            public_total: Sum::default(),
        })
        .collect();
    for &agreement in order {
        let entry = &entries[agreement.0];
        let a = &entry.agreement;
        for (pi, &oi) in entry.party_orgs.iter().enumerate() {
            organisations[oi.0].roles.push(Role {
                agreement,
                party: PartyIdx(pi),
            });
        }
        for line in &a.funding {
            total.add(line);
            let share = share_of_year(line);
            for year in line.years() {
                totals.entry(year).or_default().add_amount(line, share);
            }
            // Organisations and goals count decided money only.
            if line.proposed {
                continue;
            }
            let funder = &mut organisations[entry.org_of(line.funder).0];
            funder.given_total.add(line.amount);
            for year in line.years() {
                funder.given.entry(year).or_default().add(share);
            }
            if line.kind == FundingKind::Public {
                for (pi, party) in a.parties.iter().enumerate() {
                    if party.kind == PartyKind::Nonprofit {
                        let org = &mut organisations[entry.party_orgs[pi].0];
                        org.received_total.add(line.amount);
                        for year in line.years() {
                            org.received.entry(year).or_default().add(share);
                        }
                    }
                }
            }
        }
        for (link, goal_link) in a.goals.iter().enumerate() {
            let goal = &mut goals[usize::from(goal_link.goal) - 1];
            goal.agreements.push(GoalUse { agreement, link });
            for line in a
                .funding
                .iter()
                .filter(|l| l.kind == FundingKind::Public && !l.proposed)
            {
                goal.public_total.add(line.amount);
                for year in line.years() {
                    goal.public_by_year
                        .entry(year)
                        .or_default()
                        .add(share_of_year(line));
                }
            }
        }
    }
    (totals, total, goals)
}

/// What the first party seen of an organisation says about it.
struct Found {
    name: String,
    kind: PartyKind,
    org_number: Option<OrgNumber>,
}

/// Finds the organisations behind the parties: the same organisation number means the same
/// organisation; a party without a number is matched by name (case-insensitive) to one that
/// has it, else to other parties of that name. Returns the organisations, sorted by name,
/// and for each agreement the organisation index of each party.
fn recognise_organisations(
    agreements: &[Agreement],
    collation: &Collation,
) -> (Vec<Organisation>, Vec<Vec<OrgIdx>>) {
    let mut key_of_number: HashMap<String, String> = HashMap::new();
    let mut key_of_name: HashMap<String, String> = HashMap::new();
    for party in agreements.iter().flat_map(|a| &a.parties) {
        if let Some(n) = &party.org_number {
            let key = format!("nr:{}", n.digits());
            key_of_number
                .entry(n.digits().to_string())
                .or_insert_with(|| key.clone());
            key_of_name.entry(party.name.to_lowercase()).or_insert(key);
        }
    }
    let key = |party: &Party| -> String {
        match &party.org_number {
            Some(n) => key_of_number[n.digits()].clone(),
            None => key_of_name
                .get(&party.name.to_lowercase())
                .cloned()
                .unwrap_or_else(|| format!("name:{}", party.name.to_lowercase())),
        }
    };
    // First-seen name and kind for each organisation, in agreement order (sorted by id).
    let mut found: BTreeMap<String, Found> = BTreeMap::new();
    for party in agreements.iter().flat_map(|a| &a.parties) {
        let first = found.entry(key(party)).or_insert_with(|| Found {
            name: party.name.clone(),
            kind: party.kind,
            org_number: None,
        });
        if first.org_number.is_none() {
            first.org_number.clone_from(&party.org_number);
        }
    }
    let mut list: Vec<(String, Found)> = found.into_iter().collect();
    // Alphabetical, ties (the same name, other numbers) by the key, which is unique.
    list.sort_by(|a, b| {
        collation
            .cmp(&a.1.name, &b.1.name)
            .then_with(|| a.0.cmp(&b.0))
    });
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut index: HashMap<String, OrgIdx> = HashMap::new();
    let mut organisations = Vec::with_capacity(list.len());
    for (i, (k, first)) in list.into_iter().enumerate() {
        let base = slugify(&first.name);
        let mut id = base.clone();
        let mut n = 2;
        while !used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        index.insert(k, OrgIdx(i));
        organisations.push(Organisation {
            id,
            name: first.name,
            kind: first.kind,
            org_number: first.org_number,
            roles: Vec::new(),
            given: BTreeMap::new(),
            received: BTreeMap::new(),
            given_total: Sum::default(),
            received_total: Sum::default(),
        });
    }
    let party_orgs = agreements
        .iter()
        .map(|a| a.parties.iter().map(|p| index[&key(p)]).collect())
        .collect();
    (organisations, party_orgs)
}

/// A URL slug from a Swedish name: å, ä → a, ö → o, other letters kept, the rest hyphens.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "organisation".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn year(y: i32) -> When {
        When {
            first: NaiveDate::from_ymd_opt(y, 1, 1).unwrap(),
            precision: Precision::Year,
        }
    }

    #[test]
    fn statuses() {
        let (s, e) = (When::day(d("2021-01-01")), Some(When::day(d("2024-12-31"))));
        assert_eq!(status(s, e, 9, d("2020-12-31")), Status::Upcoming);
        assert_eq!(status(s, e, 9, d("2021-01-01")), Status::Active);
        assert_eq!(status(s, e, 9, d("2024-03-30")), Status::Active);
        assert_eq!(status(s, e, 9, d("2024-03-31")), Status::EndingSoon);
        assert_eq!(status(s, e, 9, d("2024-12-31")), Status::EndingSoon);
        assert_eq!(status(s, e, 9, d("2025-01-01")), Status::Ended);
    }

    #[test]
    fn statuses_from_years_only() {
        // "2018–2020": certain only before 2018, from 2018-12-31 to 2019-12-31, after 2020.
        let (s, e) = (year(2018), Some(year(2020)));
        assert_eq!(status(s, e, 0, d("2017-12-31")), Status::Upcoming);
        assert_eq!(status(s, e, 0, d("2018-06-30")), Status::Unclear);
        assert_eq!(status(s, e, 0, d("2019-06-30")), Status::Active);
        assert_eq!(status(s, e, 0, d("2020-06-30")), Status::Unclear);
        assert_eq!(status(s, e, 0, d("2021-01-01")), Status::Ended);
        // An unknown end never makes an agreement ended (or active).
        assert_eq!(status(s, None, 0, d("2030-01-01")), Status::Unclear);
        assert_eq!(status(s, None, 0, d("2017-01-01")), Status::Upcoming);
    }

    #[test]
    fn a_sum_of_nothing_known_is_not_zero() {
        let mut sum = Sum::default();
        sum.add(Amount::Unknown);
        sum.add(Amount::Unpublished);
        assert!(!sum.is_complete() && !sum.has_known());
        sum.add(Amount::Kronor(5));
        assert!(sum.has_known() && !sum.is_complete());
    }

    #[test]
    fn slugs_from_swedish_names() {
        assert_eq!(
            slugify("Kvinnojouren & Ungdomsjouren Kalmar"),
            "kvinnojouren-ungdomsjouren-kalmar"
        );
        assert_eq!(slugify("Malmö stad"), "malmo-stad");
        assert_eq!(slugify("Region Skåne"), "region-skane");
    }
}
