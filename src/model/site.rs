//! Builds the resolved `Site` from checked content: statuses as of the build date, report
//! follow-up, organisations recognised across agreements, and every total the pages show.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Months, NaiveDate};

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
}

/// Whether the report of a finished year has come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportState {
    Received(ReportIdx),
    Missing,
}

/// Money summed over lines: published kronor, and how many lines were not published.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sum {
    pub kronor: i64,
    pub unpublished: usize,
}

impl Sum {
    pub fn add(&mut self, amount: Amount) {
        match amount {
            Amount::Kronor(k) => self.kronor += k,
            Amount::Unpublished => self.unpublished += 1,
        }
    }
}

/// Public money and own contributions for one year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct YearTotals {
    pub public: Sum,
    pub own: Sum,
}

impl<'a> std::iter::Sum<&'a YearTotals> for YearTotals {
    fn sum<I: Iterator<Item = &'a YearTotals>>(iter: I) -> YearTotals {
        iter.fold(YearTotals::default(), |mut all, t| {
            all.public.kronor += t.public.kronor;
            all.public.unpublished += t.public.unpublished;
            all.own.kronor += t.own.kronor;
            all.own.unpublished += t.own.unpublished;
            all
        })
    }
}

impl YearTotals {
    pub fn add(&mut self, line: &FundingLine) {
        match line.kind {
            FundingKind::Public => self.public.add(line.amount),
            FundingKind::OwnContribution => self.own.add(line.amount),
        }
    }
}

/// An agreement with everything derived from it.
#[derive(Debug, Clone)]
pub struct AgreementEntry {
    pub agreement: Agreement,
    pub status: Status,
    pub end: NaiveDate,
    /// Every calendar year the agreement covers.
    pub years: Vec<i32>,
    /// Totals per year (over the years with funding lines).
    pub totals: BTreeMap<i32, YearTotals>,
    /// For every finished year, and every year with a report: received or missing.
    pub reports: Vec<(i32, ReportState)>,
    /// The organisation behind each party, in party order.
    pub party_orgs: Vec<OrgIdx>,
    /// The end in the signed agreement, when a decision moved it.
    pub original_end: Option<NaiveDate>,
    /// The decisions that set the end are all proposals so far.
    pub extension_proposed: bool,
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
    pub fn yearly_public(&self, year: i32) -> Option<(i32, Sum)> {
        let first = *self.totals.keys().next()?;
        let shown = if self.totals.contains_key(&year) {
            year
        } else if year < first {
            first
        } else {
            *self.totals.keys().next_back()?
        };
        Some((shown, self.totals[&shown].public))
    }

    pub fn total(&self) -> YearTotals {
        self.totals.values().sum()
    }

    /// The organisation behind party `p`.
    pub fn org_of(&self, p: PartyIdx) -> OrgIdx {
        self.party_orgs[p.0]
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
    /// Money the organisation gives per year (as funder; own contribution for non-profits).
    pub given: BTreeMap<i32, Sum>,
    /// Public money received per year (non-profits: the public funding of their agreements).
    pub received: BTreeMap<i32, Sum>,
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
    /// The agreements linked to the goal, in agreement order.
    pub agreements: Vec<GoalUse>,
    pub public_by_year: BTreeMap<i32, Sum>,
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
    /// Totals per year over all agreements.
    pub totals: BTreeMap<i32, YearTotals>,
    pub agreement_index: HashMap<String, usize>,
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

/// The status of an agreement running `start`–`end` on `as_of`.
pub fn status(start: NaiveDate, end: NaiveDate, window_months: u32, as_of: NaiveDate) -> Status {
    if as_of < start {
        Status::Upcoming
    } else if as_of > end {
        Status::Ended
    } else if end
        .checked_sub_months(Months::new(window_months))
        .is_some_and(|from| as_of >= from)
    {
        Status::EndingSoon
    } else {
        Status::Active
    }
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
    let (mut organisations, party_orgs) = recognise_organisations(&agreements);
    let entries: Vec<AgreementEntry> = agreements
        .into_iter()
        .zip(party_orgs)
        .map(|(agreement, party_orgs)| {
            entry(agreement, party_orgs, &config, &report_index, &reports)
        })
        .collect();
    let (totals, goals) = tally(&entries, &mut organisations);
    Site {
        config,
        agreements: entries,
        reports,
        pages,
        attachments,
        organisations,
        goals,
        totals,
        agreement_index,
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
    let window = months_before_end.unwrap_or(config.ending_soon_months);
    let status = status(agreement.period.start, end, window, as_of);
    let years: Vec<i32> = (agreement.period.start.year()..=end.year()).collect();
    let mut totals: BTreeMap<i32, YearTotals> = BTreeMap::new();
    for line in &agreement.funding {
        totals.entry(line.year).or_default().add(line);
    }
    let report_states: Vec<(i32, ReportState)> = years
        .iter()
        .filter_map(|&year| {
            let finished = NaiveDate::from_ymd_opt(year, 12, 31).is_some_and(|d| d < as_of);
            match report_index.get(&(agreement.id.as_str(), year)) {
                Some(&i) => Some((year, ReportState::Received(i))),
                None if finished => Some((year, ReportState::Missing)),
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
        end,
        years,
        totals,
        statistics: statistics(&report_states, reports),
        reports: report_states,
        party_orgs,
        original_end: extended.then_some(agreement.period.end),
        extension_proposed: extended
            && agreement
                .decisions
                .iter()
                .filter(|d| d.extends_to == Some(end))
                .all(|d| d.status == DecisionStatus::Proposed),
        extension_decision_due: months_before_end
            .and_then(|m| agreement.period.end.checked_sub_months(Months::new(m))),
        decisions_by_date,
        agreement,
    }
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
/// roles of organisations and the agreements of goals.
fn tally(
    entries: &[AgreementEntry],
    organisations: &mut [Organisation],
) -> (BTreeMap<i32, YearTotals>, Vec<GoalEntry>) {
    let mut totals: BTreeMap<i32, YearTotals> = BTreeMap::new();
    let mut goals: Vec<GoalEntry> = (1..=17)
        .map(|number| GoalEntry {
            number,
            agreements: Vec::new(),
            public_by_year: BTreeMap::new(),
        })
        .collect();
    for (ai, entry) in entries.iter().enumerate() {
        let agreement = AgreementIdx(ai);
        let a = &entry.agreement;
        for (pi, &oi) in entry.party_orgs.iter().enumerate() {
            organisations[oi.0].roles.push(Role {
                agreement,
                party: PartyIdx(pi),
            });
        }
        for line in &a.funding {
            totals.entry(line.year).or_default().add(line);
            organisations[entry.org_of(line.funder).0]
                .given
                .entry(line.year)
                .or_default()
                .add(line.amount);
            if line.kind == FundingKind::Public {
                for (pi, party) in a.parties.iter().enumerate() {
                    if party.kind == PartyKind::Nonprofit {
                        organisations[entry.party_orgs[pi].0]
                            .received
                            .entry(line.year)
                            .or_default()
                            .add(line.amount);
                    }
                }
            }
        }
        for (link, goal_link) in a.goals.iter().enumerate() {
            let goal = &mut goals[usize::from(goal_link.goal) - 1];
            goal.agreements.push(GoalUse { agreement, link });
            for line in a.funding.iter().filter(|l| l.kind == FundingKind::Public) {
                goal.public_by_year
                    .entry(line.year)
                    .or_default()
                    .add(line.amount);
            }
        }
    }
    (totals, goals)
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
fn recognise_organisations(agreements: &[Agreement]) -> (Vec<Organisation>, Vec<Vec<OrgIdx>>) {
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
    list.sort_by(|a, b| (a.1.name.to_lowercase(), &a.0).cmp(&(b.1.name.to_lowercase(), &b.0)));
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

    #[test]
    fn statuses() {
        let (s, e) = (d("2021-01-01"), d("2024-12-31"));
        assert_eq!(status(s, e, 9, d("2020-12-31")), Status::Upcoming);
        assert_eq!(status(s, e, 9, d("2021-01-01")), Status::Active);
        assert_eq!(status(s, e, 9, d("2024-03-30")), Status::Active);
        assert_eq!(status(s, e, 9, d("2024-03-31")), Status::EndingSoon);
        assert_eq!(status(s, e, 9, d("2024-12-31")), Status::EndingSoon);
        assert_eq!(status(s, e, 9, d("2025-01-01")), Status::Ended);
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
